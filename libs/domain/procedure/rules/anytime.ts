import { art } from '../articles';
import { INSTANT_FORMAT, instantMs } from '../instant';
import { refuse, RefusalCode as R, type Bilingual } from '../refusal';
import { Role, type Actor } from '../roles';
import { Hold, Phase, type ProcedureState } from '../state';
import { separate } from './duties';
import { isTime, need, str } from './guards';
import type { Chapter, StepContext } from './rule';
import { barredBecause, clearHold, close, draftVersion, issueBarred, keepSuspension, restoreSuspension, settle, startReviewDate } from './shared';
import { PRE_DECISION } from './stage';

/**
 * A decision made is withdrawn only where it cannot be issued (`decidedIf`): the people's congress did not approve it
 * (Art. 8), or the Party committee objected (Art. 31). Then the organ, by its chief executive, may drop the matter
 * rather than take it to them again.
 */
function withdrawDecided(s: ProcedureState, role: Role): void {
  if (role !== Role.ChiefExecutive) {
    const by = barredBecause(issueBarred(s)!);
    refuse(R.WrongRole, {
      zh: `决策已经作出，${by.zh}；是否撤回决策事项由决策机关行政首长决定，决策承办单位不得撤回`,
      en: `the decision has been made and ${by.en}: whether the matter is withdrawn is for the deciding organ's chief executive, not the undertaking unit`,
    }, by.article, art(30));
  }
}

/**
 * The steps open at any time before the decision: withdrawal of the matter
 * (Arts. 10, 11), postponement and its end (Art. 30).
 */
export const anyTimeRules: Chapter<'withdraw' | 'postpone' | 'resumeFromPostponement'> = {
  withdraw: {
    roles: [Role.UndertakingUnit, Role.ChiefExecutive],
    separatedRoles: [Role.ChiefExecutive],
    basis: [art(10), art(11)],
    phases: PRE_DECISION,
    // And once decided, where the decision cannot be issued: it stayed decided for good, no step leading anywhere
    // (statute tester). Not an adjustment's decision: the decision in force stands.
    decidedIf: (s) => !s.pendingChange && issueBarred(s) !== undefined,
    duringHold: true,
    shape(p) {
      str(p.reason, 'reason', art(10));
    },
    when(s, profile, role) {
      if (s.phase === Phase.Decided) withdrawDecided(s, role);
      if (s.pendingChange) {
        // Under `adjustmentWithdrawable`, the chief executive who may start an adjustment may drop it before the organ's
        // meeting takes it up: the decision in force stands unchanged (statute tester: one begun in error could end only
        // through a draft, a legality review and a meeting voting it down).
        const droppable = profile.adjustmentWithdrawable && role === Role.ChiefExecutive && s.organSeizedCycle !== s.cycle;
        if (!droppable) {
          refuse(R.WrongStage, profile.adjustmentWithdrawable
            ? { zh: '正在进行的决策调整，在提交集体讨论前可以由行政首长撤回；已经集体讨论的，应当经集体讨论决定不予通过', en: "an adjustment in progress is dropped by the chief executive before the organ's meeting takes it up; after, by the meeting's decision not to adopt it" }
            : { zh: '正在进行的决策调整不得撤回，应当经集体讨论决定不予通过', en: 'an adjustment in progress is ended by a collective decision not to adopt it' }, art(37));
        }
        return;
      }
      // A matter the organ took up, listing it in its catalog (Art. 3 para. 3) or deciding to start it (Art. 11), is the
      // organ's to drop: the undertaking unit asks it to, and its chief executive withdraws the matter (statute tester:
      // the unit withdrew a catalogued matter on its own, and the published catalog's item vanished with no act of the organ).
      if (profile.withdrawalByOrgan && role === Role.UndertakingUnit && (s.catalogRef !== undefined || s.initiation)) {
        const catalogued = s.catalogRef !== undefined;
        refuse(R.WrongRole, {
          zh: `本事项${catalogued ? `列入决策机关的决策事项目录（${s.catalogRef}）` : '由决策机关决定启动'}，是否撤回由决策机关决定：决策承办单位应当报请决策机关，由行政首长决定撤回（withdraw）`,
          en: `the deciding organ took this matter up (${catalogued ? `its catalog lists it as ${s.catalogRef}` : 'it decided to start it'}): whether it is withdrawn is the organ's to decide; the undertaking unit asks it, and the chief executive withdraws it (withdraw)`,
        }, ...(catalogued ? [art(3, 3)] : []), art(11));
      }
      // Taken up by the organ's meeting, the matter is the organ's, whatever the meeting decided (to decide later, to
      // study further): its chief executive decides (Art. 30) or withdraws it; the undertaking unit no longer ends it
      // (fresh-eyes testers: withdrawn between the meeting and the decision, and after a postponement at the meeting).
      if (profile.collectiveDecision && s.organSeizedCycle === s.cycle && role === Role.UndertakingUnit) {
        refuse(R.WrongRole, {
          zh: '决策草案已经提交决策机关集体讨论，是否作出决定由行政首长在集体讨论的基础上决定；决策承办单位不得撤回决策事项',
          en: "the draft has been before the deciding organ's meeting: the chief executive decides on the basis of the discussion, and the undertaking unit can no longer withdraw the matter",
        }, art(30), art(11));
      }
    },
    validate(s, _p, actor, ctx) {
      notByTheUnit(s, actor, ctx, { zh: '作出撤回决策事项的决定', en: 'the withdrawal of the matter' });
    },
    apply(s, _p, _a, ctx) {
      if (s.pendingChange) {
        // The adjustment dropped: the decision in force goes on as it was, as when the meeting does not adopt the change;
        // the time limits the adjustment started (a comment period, a legality review) stop with it.
        for (const d of s.deadlines) if ((d.status === 'running' || d.status === 'paused') && d.startedAt >= s.pendingChange.at) d.status = 'cancelled';
        s.pendingChange = undefined;
        s.phase = Phase.Execution;
        restoreSuspension(s);
        if (s.hold === Hold.Postponed) clearHold(s);
        return;
      }
      // A change adopted that cannot be issued, dropped: the decision in force is still the one published (s.inForce is
      // set only by an adjustment of a decision published), and goes on being executed, suspended if it was.
      if (ctx.profile.changeWithdrawnKeepsInForce && s.inForce && s.phase === Phase.Decided) {
        for (const d of s.deadlines) if (d.id === `publication-c${s.cycle}` && (d.status === 'running' || d.status === 'paused')) d.status = 'cancelled';
        s.decision = undefined;
        s.phase = Phase.Execution;
        restoreSuspension(s);
        return;
      }
      close(s, 'withdrawn');
    },
  },

  postpone: {
    roles: [Role.ChiefExecutive],
    separatedRoles: [Role.ChiefExecutive],
    basis: [art(30)],
    phases: PRE_DECISION,
    shape(p) {
      str(p.reason, 'reason', art(30));
      need(isTime(p.reviewDate), 'reviewDate', { zh: `必须载明暂缓后再行研究的时间，格式为${INSTANT_FORMAT.zh}`, en: `must be the time the matter is taken up again, as ${INSTANT_FORMAT.en}` }, art(30));
    },
    validate(s, p, actor, ctx) {
      if (instantMs(p.reviewDate) <= ctx.now) refuse(R.InvalidPayload, { zh: 'reviewDate：必须是将来的日期', en: 'reviewDate must be in the future' }, art(30));
      notByTheUnit(s, actor, ctx, { zh: '作出暂缓的决定', en: 'the postponement of the matter' });
    },
    apply(s, p, actor, ctx) {
      if (ctx.profile.executionThroughAdjustment) keepSuspension(s);
      s.hold = Hold.Postponed;
      s.holdInfo = { reason: p.reason, by: actor.id, at: ctx.now, reviewDate: instantMs(p.reviewDate) };
      // The review date becomes a time limit, met when the procedure resumes (Arts. 30, 38).
      if (ctx.profile.postponementReview) s.holdInfo.reviewDeadlineId = startReviewDate(s, s.holdInfo.reviewDate!, ctx);
      // A discussed draft awaiting its decision, postponed, is taken up again at a new meeting (Art. 30: 再行研究), as
      // one the meeting itself postponed is: so a chief executive who was not at the first one (a successor) can decide.
      if (ctx.profile.collectiveDecision && s.discussion?.draftVersion === draftVersion(s) && !s.decision) s.discussion = undefined;
    },
  },

  resumeFromPostponement: {
    roles: [Role.ChiefExecutive],
    basis: [art(30)],
    phases: PRE_DECISION,
    duringHold: true,
    shape(p) {
      str(p.reason, 'reason', art(30));
    },
    when(s) {
      if (s.hold !== Hold.Postponed) refuse(R.WrongStage, { zh: '决策未被暂缓', en: 'the decision is not postponed' }, art(30));
    },
    apply(s) {
      // A postponement of the procedure is taken up again by resuming it; the meeting's own, by a new discussion.
      const h = s.holdInfo;
      if (h?.reviewDeadlineId && !h.atMeeting) settle(s, h.reviewDeadlineId, 'met');
      clearHold(s);
      restoreSuspension(s);
    },
  },
};

/**
 * Arts. 25–28, 30 (decisions under `personsSeparate`): the chief executive's own acts on the matter, its withdrawal and
 * postponement, are never taken by a person who acted for the undertaking unit on it (second tester: the drafter, also
 * appointed chief executive, withdrew it after the meeting). Any holder of the office may take them, not only the one
 * the minutes name: a chief executive who leaves office after the meeting cannot decide (the minuted one decides), and
 * his successor must still be able to postpone or withdraw the matter, or it would be stuck.
 */
function notByTheUnit(s: ProcedureState, actor: Actor, ctx: StepContext, what: Bilingual): void {
  // (Only under the rule: withdrawal and postponement checked no separation before it, and their histories replay.)
  if (actor.role === Role.ChiefExecutive && ctx.profile.personsSeparate) separate(actor, s, what, art(30), ctx.profile);
}
