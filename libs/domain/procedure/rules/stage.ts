import { art, type Citation } from '../articles';
import type { ActionName } from '../commands';
import type { Bilingual } from '../refusal';
import { Phase, PHASE_LABELS, type ProcedureState } from '../state';
import type { ActionRule } from './rule';
import { draftVersion, legalityPassed } from './shared';
import { actionZh, LEGALITY_EN, LEGALITY_ZH, phaseZh } from './words';

// Stage-order guards: the order of the phases, and why a step is out of order,
// citing the article that forbids it.

/** The phases in the order the procedure passes through them. */
export const ORDER: readonly Phase[] = [Phase.Drafting, Phase.Consultation, Phase.LegalityReview, Phase.Discussion, Phase.Decided, Phase.Published, Phase.Execution];

/** Every phase in which a decision's procedure is still open. */
export const ALL_OPEN: readonly Phase[] = Object.values(Phase).filter((p) => p !== Phase.Closed);

/** The phases before the decision, where the any-time steps (withdraw, postpone) apply. */
export const PRE_DECISION: readonly Phase[] = [Phase.Drafting, Phase.Consultation, Phase.LegalityReview, Phase.Discussion];

export type Why = Bilingual & { articles: Citation[] };

function uniqueArticles(cs: Citation[]): Citation[] {
  return cs.filter((c, i) => cs.findIndex((x) => x.source === c.source && x.article === c.article && x.paragraph === c.paragraph) === i);
}

/**
 * Why a step is not possible in the decision's present phase, citing the
 * article that forbids it there (not merely the articles of the step's own
 * stage): a discussion before legality review is forbidden by Art. 25, a
 * publication before the decision by Art. 30 and 32, a change after the
 * decision by Art. 37, and so on.
 */
export function outOfStage(s: ProcedureState, action: ActionName, rule: ActionRule<ActionName>): Why {
  const at = ORDER.indexOf(s.phase);
  const allowed = (rule.phases ?? ALL_OPEN).map((p) => ORDER.indexOf(p));
  const step = actionZh(action);
  // The report to the Party committee (and its reply) may come at the discussion where the profile asks for a request
  // before it (Art. 31); too early, it is still said of the decision it precedes.
  const earliest = action === 'reportToPartyCommittee' || action === 'recordPartyCommitteeReply' ? Phase.Decided : ORDER[Math.min(...allowed)];
  const why: Why = at < Math.min(...allowed) ? tooEarly(s, action, rule, earliest) : tooLate(s, action, ORDER[Math.max(...allowed)]) ?? {
    zh: `决策处于${phaseZh(s.phase)}阶段，不能${step}`,
    en: `${action} is not possible while the decision is in ${PHASE_LABELS[s.phase]}`,
    articles: rule.basis,
  };
  return { ...why, articles: uniqueArticles(why.articles) };
}

/** The step belongs to a later stage: cite what has to happen first. */
function tooEarly(s: ProcedureState, action: ActionName, rule: ActionRule<ActionName>, stage: Phase): Why {
  const step = actionZh(action);
  const review = s.legality?.draftVersion === draftVersion(s) ? s.legality : undefined;
  const failed = review?.opinion && !legalityPassed(s) ? review.opinion.outcome : undefined;
  switch (stage) {
    case Phase.Consultation:
      if (!s.drafts.length) return { zh: `尚未提交决策草案，不能${step}`, en: `no draft has been submitted yet; ${action} needs one`, articles: [art(12), ...rule.basis] };
      if (!s.applicability) {
        return {
          zh: `尚未确定本事项是否开展公众参与、专家论证和风险评估，不能${step}`,
          en: `which of public participation, expert argumentation and risk assessment apply has not been declared yet`,
          articles: [art(14), art(19), art(22)],
        };
      }
      if (failed) {
        return {
          zh: `决策草案经合法性审查${LEGALITY_ZH[failed]}，决策承办单位应当根据审查意见调整草案，提交修改后的草案后再行办理`,
          en: `the draft ${LEGALITY_EN[failed]}: the undertaking unit adjusts it as the opinion requires and submits the revision first`,
          articles: [art(28)],
        };
      }
      if (s.decision?.outcome === 'further_study') {
        return { zh: '决策机关决定对决策草案作进一步研究，应当先提交修改后的决策草案', en: 'the meeting sent the draft back for further study: submit the revised draft first', articles: [art(30)] };
      }
      return { zh: `应当先提交决策草案，方可${step}`, en: `submit the draft first; then ${action}`, articles: [art(12)] };
    case Phase.LegalityReview:
      if (review?.opinion) return { zh: '合法性审查已经出具审查意见，审查程序已经结束', en: 'the legality review has ended with its opinion', articles: [art(28)] };
      return { zh: `决策草案尚未送请合法性审查，不能${step}`, en: `the draft has not been submitted for legality review; ${action} is part of that review`, articles: [art(25), art(26)] };
    case Phase.Discussion: {
      const deciding = action === 'decide';
      const [zhTail, enTail] = deciding ? ['不得提交集体讨论，也不得作出决定', 'cannot be discussed or decided'] : ['不得提交集体讨论', 'cannot be submitted for discussion'];
      const articles = deciding ? [art(25), art(30)] : [art(25)];
      if (s.phase === Phase.LegalityReview) return { zh: `合法性审查尚未完成，${zhTail}`, en: `the legality review is not complete: the draft ${enTail}`, articles };
      if (failed) return { zh: `决策草案经合法性审查${LEGALITY_ZH[failed]}，${zhTail}`, en: `the draft ${LEGALITY_EN[failed]} and ${enTail}`, articles };
      return { zh: `决策草案未经合法性审查，${zhTail}`, en: `a draft not reviewed for legality ${enTail}`, articles };
    }
    case Phase.Decided:
      return {
        zh: `行政首长尚未在集体讨论的基础上作出决定，不能${step}`,
        en: `no decision has been made yet (the chief executive decides after the collective discussion); ${action} comes after it`,
        articles: [art(30), action === 'publish' ? art(32) : action === 'reviewAdoptedChanges' ? art(25) : art(31)],
      };
    case Phase.Published:
      if (action !== 'archive') {
        // (interpretDecision: a decision is explained to the public once it is published, Art. 32; fresh-eyes tester: it was told of archiving)
        const made = ORDER.indexOf(s.phase) >= ORDER.indexOf(Phase.Decided);
        return {
          zh: `决策尚未${made ? '' : '作出和'}公布，公布后方可${step}`,
          en: `the decision has ${made ? 'not been published' : 'been neither made nor published'}; ${action} comes after its publication`,
          articles: made ? [art(32)] : [art(30), art(32)],
        };
      }
      if (s.phase === Phase.Decided) {
        return { zh: '决策尚未公布，履行决策程序形成的记录、材料尚不完整，不能归档', en: 'the decision has not been published: the record of its procedure is not complete and cannot be archived', articles: [art(32), art(33)] };
      }
      return { zh: '决策尚未作出和公布，不能归档', en: 'the decision has been neither made nor published: nothing complete to archive', articles: [art(30), art(32), art(33)] };
    case Phase.Execution:
      if (s.decision?.terminates) {
        return {
          zh: `决策机关已决定停止执行本决策，不能${step}；停止执行的决定公布、归档后，决策程序终止`,
          en: `the deciding organ decided to stop the execution of this decision; ${action} is no longer possible, and the procedure ends once that decision is published and archived`,
          articles: [art(37)],
        };
      }
      if (s.pendingChange && ORDER.indexOf(s.phase) < ORDER.indexOf(Phase.Decided)) {
        // (fresh-eyes tester: a decision in force, being adjusted, was said to be not yet made)
        return {
          zh: `决策正在依照法定程序调整（startAdjustment），调整决定作出前不能${step}；调整期间原决策继续执行`,
          en: `the decision is being adjusted by the statutory procedure (startAdjustment); ${action} waits for the decision on the change, the decision in force being executed meanwhile`,
          articles: [art(37), ...rule.basis.filter((c) => (c.article ?? 0) >= 34 && c.article !== 37)],
        };
      }
      if (ORDER.indexOf(s.phase) < ORDER.indexOf(Phase.Decided)) {
        return { zh: `决策尚未作出，不能${step}`, en: `no decision has been made yet; ${action} concerns a decision in execution`, articles: [art(30), ...rule.basis.filter((c) => (c.article ?? 0) >= 34)] };
      }
      // Published, it is executed (executionFromPublication); what waits for the archive is the record's (statute tester:
      // "not in execution" was said of a decision whose execution reports the engine took).
      if (s.phase === Phase.Published) {
        return {
          zh: `决策已经公布，但履行决策程序形成的记录、材料尚未归档：由决策承办单位或者决策机关办公厅（室）归档（archive）后，方可${step}；情况紧急的，行政首长可以先决定中止执行（suspendExecution）`,
          en: `the decision is published but the record of its procedure is not archived yet: once the undertaking unit or the organ's general office archives it (archive), ${action} is possible; in an emergency the chief executive may suspend execution first (suspendExecution)`,
          articles: [art(33), art(37)],
        };
      }
      return {
        zh: `决策尚未${s.phase === Phase.Decided ? '公布、' : ''}归档，尚未进入执行阶段，不能${step}`,
        en: `the decision has not yet been ${s.phase === Phase.Decided ? 'published and ' : ''}archived, so it is not in execution`,
        articles: s.phase === Phase.Decided ? [art(32), art(33)] : [art(33)],
      };
    default:
      return { zh: `决策处于${phaseZh(s.phase)}阶段，不能${step}`, en: `${action} is not possible while the decision is in ${PHASE_LABELS[s.phase]}`, articles: rule.basis };
  }
}

/** The step's stage is over: cite what closes it. */
function tooLate(s: ProcedureState, action: ActionName, stage: Phase): Why | undefined {
  const step = actionZh(action);
  if (s.phase === Phase.Decided && ORDER.indexOf(stage) < ORDER.indexOf(Phase.Decided)) {
    // Made, not yet published: the way on is its publication, then the procedure (statute tester: told to adjust in
    // execution, which was refused before publication).
    return {
      zh: `决策已经作出，未经法定程序不得变更或者停止执行，不能${step}；决策应当及时公布（publish），公布后需要调整或者停止执行的，依照法定程序启动决策调整（startAdjustment）`,
      en: `the decision has been made and may not be changed or stopped outside the statutory procedure; it is published (publish), and once published an adjustment or its end is started by the procedure (startAdjustment)`,
      articles: [art(32), art(37)],
    };
  }
  if (ORDER.indexOf(s.phase) >= ORDER.indexOf(Phase.Decided) && ORDER.indexOf(stage) < ORDER.indexOf(Phase.Decided)) {
    return {
      zh: `决策已经作出，未经法定程序不得变更或者停止执行，不能${step}；需要调整的，应当在执行中依照法定程序启动决策调整`,
      en: `the decision has been made and may not be changed or stopped outside the statutory procedure; an adjustment is started in execution (startAdjustment)`,
      articles: [art(37)],
    };
  }
  if (stage === Phase.Consultation && s.phase === Phase.LegalityReview) {
    return {
      zh: `决策草案正在进行合法性审查，审查期间不能${step}；材料需要补充的，由负责合法性审查的部门要求补充，其他调整应当在审查意见出具后根据审查意见进行`,
      en: `the draft is under legality review: ${action} is not possible during the review; supplements are asked for by the reviewing department, other changes follow its opinion`,
      articles: [art(26), art(28)],
    };
  }
  if (stage === Phase.Consultation && s.phase === Phase.Discussion) {
    return {
      zh: `决策草案已经合法性审查、待集体讨论，不能${step}；草案变更的，须重新经合法性审查，未经审查不得提交讨论`,
      en: `the draft has passed legality review and awaits discussion; a changed draft must be reviewed again before it may be discussed`,
      articles: [art(25)],
    };
  }
  if (stage === Phase.LegalityReview && s.phase === Phase.Discussion) {
    return { zh: '合法性审查已经出具审查意见，审查程序已经结束', en: 'the legality review has ended with its opinion', articles: [art(28)] };
  }
  if (stage === Phase.Decided && action === 'publish') return { zh: '决策已经公布', en: 'the decision has been published already', articles: [art(32)] };
  if (stage === Phase.Decided && action === 'reviewAdoptedChanges') return { zh: '决策已经公布，公布前的补充合法性审查环节已过', en: 'the decision has been published; the supplementary review before publication is past', articles: [art(25), art(32)] };
  if (stage === Phase.Decided) return { zh: '决策已经公布出台，出台前的请示报告环节已过', en: 'the decision has been issued; the report before issuing is past', articles: [art(31)] };
  if (stage === Phase.Published) return { zh: '履行决策程序形成的记录、材料已经归档', en: 'the record of the procedure has been archived already', articles: [art(33)] };
  return undefined;
}

/** Why nothing more can be done on a closed decision: what closed it. */
export function closedBecause(s: Pick<ProcedureState, 'closedReason'>): Why {
  switch (s.closedReason) {
    case 'withdrawn':
      return { zh: '决策事项已撤回，决策程序已经终止；重新启动须由决策机关决定', en: 'the matter was withdrawn and its procedure has ended; only the decision organ can start it again', articles: [art(10)] };
    case 'not_adopted':
      return { zh: '决策机关已决定不予通过，决策程序已经终止', en: 'the decision organ decided not to adopt the draft; the procedure has ended', articles: [art(30)] };
    case 'terminated':
      return { zh: '决策已依照法定程序停止执行，决策程序已经终止', en: 'the decision was terminated by the statutory procedure; the procedure has ended', articles: [art(37)] };
    default:
      return { zh: '决策程序已经终止', en: `the decision's procedure has ended (${s.closedReason})`, articles: [art(33)] };
  }
}
