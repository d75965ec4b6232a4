import { art, type Citation } from '../articles';
import { INSTANT_FORMAT, instantMs } from '../instant';
import { refuse, RefusalCode as R } from '../refusal';
import { Role } from '../roles';
import { currentDraft, Hold, Phase, type MeetingKind, type ProcedureState } from '../state';
import { actedForUnit, separate } from './duties';
import { BOOL, hash, isHash, isTime, list, need, oneOf, optHash, str } from './guards';
import type { Chapter } from './rule';
import { saysNothing, SHOWS_NOTHING, weightOf } from './reasons';
import { PRE_DECISION } from './stage';
import { INTERPRETATION_FORMS, type Payloads } from '../commands';
import type { ProcedureProfile } from '../profiles';
import { adoptionExplanationNeeded, barredBecause, issueBarred, changesAwaitingReview, clearHold, close, congressAction, decidedSeq, draftVersion, keepSuspension, replyTo, legalityPassed, meetReviewDates, notFromEarlierPass, publicChannels, reviewedAlternatives, reviewedText, settle, startDeadline, startReviewDate, unresolvedDisagreements } from './shared';

/**
 * The publication of the decision in force: this pass's, or, while an adjustment goes through the procedure and after
 * one not adopted or dropped, the one it would have replaced (s.inForce, kept from startAdjustment).
 */
const publishedInForce = (s: ProcedureState) => s.publication ?? s.inForce?.publication;

/** What a chief executive whose minutes lack his reasons can do: the minutes are not rewritten (retest: told only what was wrong). */
const AGAIN_AT_A_MEETING = {
  zh: '会议记录不能改写：可以作出与多数人意见一致的决定，或者决定暂缓（postpone）、进一步研究（further_study），在以后的会议上说明理由并如实记录',
  en: 'the minutes are not rewritten: decide with the majority, or postpone or send it for further study and state the reasons at a later meeting, minuted',
};

/**
 * A clause that is a view and nothing more: 同意, 我同意, 原则同意本议题, 不同意该方案, 可行, 同意通过, 按此执行, 就这么定了,
 * 我认为应当通过 (retests: a list of bare phrases, then a list of words taken out of reasons such as 成本低, were got round
 * or refused genuine reasons). Judged clause by clause, whole.
 */
const VIEW_CLAUSE = /^(?:我们?|本人)?(?:认为)?(?:应当|应该)?(?:完全|基本|原则上?)?(?:不)?(?:同意|赞成|支持|反对|保留(?:意见)?|弃权|通过|可行|可以)(?:本|该|此|这个)?(?:方案|草案|议题|决策草案|决策|决定)?(?:通过|实施|执行)?|^(?:按|照)(?:此|这个)?(?:方案)?(?:执行|办理|实施)|^就这么定了?|^(?:会议)?结束|^谢谢大家/u;

/** What a clause says once the views at its start are taken away: 同意同意 nothing, 同意okok little, 可行成本低 成本低. */
function besidesTheView(clause: string): string {
  for (let rest = clause; ; ) {
    const next = rest.replace(VIEW_CLAUSE, '');
    if (next === rest) return rest;
    rest = next;
  }
}
/** A clause saying the reasons are elsewhere or later: 理由见附件, 理由会后补充, 另行说明 (retest) — not reasons given at the meeting. */
const REASONS_ELSEWHERE = /理由(?:[:：]?(?:见|详见|另|会后|待|后补|再)|$)|会后(?:补充|说明)|另行说明|见(?:附件|纪要|会议纪要)/u;

/**
 * Whether the chief executive's minuted words give reasons (`chiefReasonsMinuted`): a clause besides the view that says
 * something (two Han characters, or a few words of another script: 成本低, 违法, 风险大 are reasons), and none pointing
 * elsewhere or later.
 */
function givesReasons(statement: string): boolean {
  if (saysNothing(statement)) return false;
  const clauses = statement.normalize('NFKC').split(/[\s\p{P}\p{S}]+/u).map((c) => c.replace(SHOWS_NOTHING, '')).filter(Boolean);
  if (clauses.some((c) => REASONS_ELSEWHERE.test(c))) return false;
  return clauses.map(besidesTheView).some((c) => c !== '' && !saysNothing(c) && weightOf(c) >= 4);
}

/**
 * When a step about the decision in force as published is taken (its further channels, its explanation to the public):
 * once published, executed or suspended, while its adjustment goes through the procedure, and once the change is decided
 * while it waits to be issued (the Party committee's reply; retest): the decision in force is still the one published.
 */
const OF_THE_DECISION_IN_FORCE = {
  phases: [Phase.Published, Phase.Execution],
  duringHold: true,
  duringAdjustment: true,
  decidedIf: (s: ProcedureState) => s.inForce !== undefined,
} as const;

/** The most channels one decision's publication records (recordFurtherPublication). */
const MAX_PUBLICATION_CHANNELS = 50;

/**
 * 集体讨论决定和决策公布 (ch. III §2, Arts. 29–33): the collective discussion,
 * the decision, the report to the Party committee, publication and archiving.
 */
export const decisionRules: Chapter<'recordDiscussion' | 'decide' | 'reportToPartyCommittee' | 'recordPartyCommitteeReply' | 'recordCongressAction' | 'publish' | 'recordFurtherPublication' | 'interpretDecision' | 'archive'> = {
  recordDiscussion: {
    roles: [Role.MeetingSecretary],
    separatedRoles: [Role.MeetingSecretary],
    basis: [art(29), art(30)],
    roleBasis: [art(30)],
    phases: [Phase.Discussion],
    // Where the profile has the organ request the Party committee's instructions (请示) before the discussion (Art. 31).
    when(s, profile) {
      if (!legalityPassed(s)) refuse(R.PrerequisiteMissing, { zh: '决策草案未经合法性审查或者经审查不合法，不得提交讨论', en: 'a draft not found lawful in legality review cannot be submitted for discussion' }, art(25));
      if (s.discussion && s.discussion.draftVersion === draftVersion(s) && !s.decision) refuse(R.Duplicate, { zh: '本决策草案的集体讨论情况已经记录', en: 'the discussion of this draft is already recorded' }, art(30));
      if (partyMode(profile) !== 'request') return;
      if (s.partyReport?.draftVersion !== draftVersion(s)) {
        refuse(R.PrerequisiteMissing, {
          zh: '按照规定，决策草案提交集体讨论前应当先向同级党委请示（reportToPartyCommittee）',
          en: 'as the rules require, the draft goes to the same-level Party committee for instructions (reportToPartyCommittee) before the collective discussion',
        }, ...partyBasis(profile));
      }
    },
    shape(p) {
      str(p.meeting?.kind, 'meeting.kind', art(30), 50);
      need(isTime(p.meeting?.date), 'meeting.date', { zh: `必须是${INSTANT_FORMAT.zh}`, en: `must be ${INSTANT_FORMAT.en}` }, art(30));
      str(p.meeting?.presidingId, 'meeting.presidingId', art(30), 100);
      need(Number.isInteger(p.membersTotal) && p.membersTotal >= 1, 'membersTotal', { zh: '必须是正整数', en: 'must be a positive whole number' }, art(30));
      list(p.members, 'members', art(30), 1);
      p.members.forEach((m, i) => {
        str(m?.id, `members.${i}.id`, art(30), 100);
        str(m?.name, `members.${i}.name`, art(30), 200);
        need(typeof m?.present === 'boolean', `members.${i}.present`, BOOL, art(30));
        if (m?.present) oneOf(m.view, ['agree', 'disagree', 'reserve', 'abstain'], `members.${i}.view`, art(30));
        // 不同意见应当如实载明: a view against or reserved is recorded in the member's words.
        if (m?.view === 'disagree' || m?.view === 'reserve') str(m.statement, `members.${i}.statement`, art(30));
        if (m?.confirmation !== undefined) {
          need(typeof m.confirmation === 'object' && m.confirmation !== null && typeof m.confirmation.confirmed === 'boolean', `members.${i}.confirmation.confirmed`, BOOL, art(30));
          str(m.confirmation.by, `members.${i}.confirmation.by`, art(30), 100);
          optHash(m.confirmation.signatureHash, `members.${i}.confirmation.signatureHash`, art(30));
        }
      });
      if (p.meeting?.chiefExecutiveId !== undefined) str(p.meeting.chiefExecutiveId, 'meeting.chiefExecutiveId', art(30), 100);
      if (p.speakingOrder !== undefined) {
        list(p.speakingOrder, 'speakingOrder', art(30));
        p.speakingOrder.forEach((id, i) => str(id, `speakingOrder.${i}`, art(30), 100));
      }
      need(typeof p.legalAdviserPresent === 'boolean', 'legalAdviserPresent', BOOL, art(30));
      hash(p.minutesHash, 'minutesHash', art(30));
      hash(p.materials?.draftHash, 'materials.draftHash', art(29));
      hash(p.materials?.legalityOpinionHash, 'materials.legalityOpinionHash', art(29));
      for (const k of ['adoptionReportHash', 'expertReportHash', 'riskReportHash', 'fairCompetitionReviewHash'] as const) optHash(p.materials?.[k], `materials.${k}`, art(29));
      optHash(p.materials?.disagreementHash, 'materials.disagreementHash', art(13));
      optHash(p.materials?.evaluationReportHash, 'materials.evaluationReportHash', art(36, 4));
    },
    validate(s, p, actor, ctx) {
      if (ctx.profile.meetingRecord) meetingOfTheOrgan(s, p.meeting.kind);
      else if (p.meeting.kind !== 'executive' && p.meeting.kind !== 'plenary') {
        refuse(R.NotReplaceable, { zh: `决策草案应当经常务会议或者全体会议讨论，不得以${MEETING_ZH[p.meeting.kind as MeetingKind] ?? `“${p.meeting.kind}”类会议`}代替`, en: `a major decision is discussed at the executive or plenary meeting, not by ${p.meeting.kind}` }, art(30));
      }
      separate(actor, s, { zh: '记录集体讨论情况', en: 'recording the collective discussion' }, art(30), ctx.profile);
      if (ctx.profile.meetingDate) meetingHeldWhenItCould(s, p.meeting.date, ctx.now);
      if (ctx.profile.meetingsInOrder) {
        meetingAfterWhatSentItBack(s, p.meeting.date);
        // Nor the minutes of a meeting already recorded, dated anew (retest: the same minutes with a later date passed).
        if (s.minutesTaken?.includes(p.minutesHash)) {
          refuse(R.InvalidPayload, { zh: 'minutesHash：这份会议记录已经记录过此前的一次集体讨论；再次讨论的，应当载入该次会议的记录', en: 'minutesHash: these minutes recorded an earlier discussion; a new discussion is recorded in the minutes of its own meeting' }, art(30));
        }
      }
      if (ctx.profile.freshDocumentsPerCycle) notFromEarlierPass(s, p.minutesHash, 'minutesHash', { zh: '集体讨论记录', en: 'the minutes' }, art(30));
      if (p.members.length > p.membersTotal) refuse(R.InvalidPayload, { zh: '列出的人数多于会议组成人员总数', en: 'more members listed than the meeting has' }, art(30));
      const present = p.members.filter((m) => m.present).length;
      // 集体讨论: a meeting of one member is no collective discussion, whatever the quorum of the work rules.
      if (ctx.profile.collectiveDecision && present < 2) refuse(R.PrerequisiteMissing, {
          zh: `决策草案应当经会议集体讨论：出席的会议组成人员不得少于两人（现为${present}人）`,
          en: `the draft is discussed collectively: at least two of the meeting's members are present (${present} here)`,
        }, art(30));
      const q = ctx.profile.discussionQuorum;
      if (q.value > 0 && present / p.membersTotal < q.value) refuse(R.PrerequisiteMissing, {
          zh: `出席人数应当不少于会议组成人员的${q.value * 100}%（现为${p.membersTotal}人中${present}人出席）`,
          en: `at least ${q.value * 100}% of the meeting's members must be present (${present} of ${p.membersTotal})`,
        }, q.basis);
      // Profiles stored before this was a parameter checked it always (art. 30 was cited then).
      const presiding = ctx.profile.presidingMemberPresent ?? { value: true, basis: art(30) };
      if (presiding.value && !p.members.some((m) => m.id === p.meeting.presidingId && m.present)) {
        refuse(R.PrerequisiteMissing, { zh: '会议主持人应当是出席的会议组成人员', en: 'the presiding official must be among the members present' }, presiding.basis);
      }
      // Whoever the rules let preside, one minuted absent did not preside: the minutes contradict themselves (statute tester).
      const chair = p.members.findIndex((m) => m.id === p.meeting.presidingId);
      if (ctx.profile.presidingMinutedPresent && chair >= 0 && !p.members[chair].present) {
        refuse(R.InvalidPayload, {
          zh: `meeting.presidingId：会议记录载明${p.members[chair].name}（${p.meeting.presidingId}）缺席（members.${chair}.present 为 false），缺席的人不能主持会议；会议记录应当如实载明实际主持会议的人`,
          en: `meeting.presidingId: the minutes record ${p.meeting.presidingId} as absent (members.${chair}.present is false), and one absent did not preside; the minutes name who actually presided`,
        }, art(30));
      }
      if (ctx.profile.meetingRecord) {
        minutesAsArt30Asks(p);
        membersOnce(p, !!ctx.profile.collectiveDecision);
      }
      // The chief executive the minutes name decides, so one who acted for the undertaking unit is not named: the decision
      // would be his to take and his to be refused (third tester: the matter was left with no one to decide it).
      const chief = p.meeting.chiefExecutiveId;
      const acted = ctx.profile.personsSeparate && chief !== undefined ? actedForUnit(s, chief) : undefined;
      if (acted !== undefined) {
        refuse(R.SeparationOfDuties, {
          zh: `meeting.chiefExecutiveId：${nameIn(p.members, chief!)}已经作为决策承办单位办理本决策（第${acted}条记录${acted === 0 ? '，登记' : ''}），不得作为行政首长对本决策草案作出决定`,
          en: `meeting.chiefExecutiveId: ${chief} acted for the undertaking unit on this decision (entry ${acted}) and cannot be the chief executive who decides it`,
        }, art(30));
      }
      if (ctx.profile.legalAdviserAtDiscussion.value && !p.legalAdviserPresent) refuse(R.PrerequisiteMissing, { zh: '法律顾问应当列席集体讨论', en: 'a legal adviser attends the discussion' }, ctx.profile.legalAdviserAtDiscussion.basis);
      const m = p.materials;
      const mismatch = (field: string, given: string | undefined, expected: string | undefined, ...basis: Citation[]) => {
        if (given !== expected) {
          refuse(R.MissingDocument, {
            zh: `materials.${field}：${given ? '与在案文件不符' : '缺少该材料'}${expected ? `（应为 ${expected}）` : ''}`,
            en: `materials.${field} ${given ? 'is not the document on record' : 'is missing'}${expected ? ` (expected ${expected})` : ''}`,
          }, ...basis);
        }
      };
      const onRecord = materialsOnRecord(s);
      mismatch('draftHash', m.draftHash, onRecord.draftHash, art(29));
      mismatch('legalityOpinionHash', m.legalityOpinionHash, onRecord.legalityOpinionHash, art(29));
      if (s.applicability!.publicParticipation.required) mismatch('adoptionReportHash', m.adoptionReportHash, onRecord.adoptionReportHash, art(29));
      if (s.applicability!.expertArgumentation.required) mismatch('expertReportHash', m.expertReportHash, onRecord.expertReportHash, art(29));
      if (s.risk) mismatch('riskReportHash', m.riskReportHash, onRecord.riskReportHash, art(29));
      // The earlier assessment standing for this one goes to the meeting as its risk report (priorAssessmentDocumented).
      else if (ctx.profile.priorAssessmentDocumented && onRecord.riskReportHash) mismatch('riskReportHash', m.riskReportHash, onRecord.riskReportHash, art(29), art(22, 2));
      if (s.applicability!.affectsMarket && !m.fairCompetitionReviewHash) refuse(R.MissingDocument, { zh: '决策草案涉及市场主体经济活动的，应当报送公平竞争审查情况', en: 'the fair competition review is required for a matter concerning market entities' }, art(29));
      // Art. 36 para. 4: 决策后评估结果应当作为调整重大行政决策的重要依据: an adjustment's meeting has the last evaluation's
      // report before it (statute tester: the materials had no place for it). Named where there is none, it is refused.
      if ((ctx.profile.evaluationInAdjustment && onRecord.evaluationReportHash) || m.evaluationReportHash !== undefined) {
        mismatch('evaluationReportHash', m.evaluationReportHash, onRecord.evaluationReportHash, art(36, 4));
      }
      if (ctx.profile.consultation) disagreementStated(s, m.disagreementHash);
      else if (m.disagreementHash !== undefined) {
        refuse(R.InvalidPayload, { zh: `materials.disagreementHash：本决策登记时适用的程序规则（${ctx.profile.id}）没有这一材料，本决策按登记时的规则办理`, en: `materials.disagreementHash: the rules this decision was registered under (${ctx.profile.id}) have no such material` }, art(13));
      }
    },
    apply(s, p, actor, ctx) {
      const { chiefExecutiveId } = p.meeting;
      s.discussion = {
        draftVersion: draftVersion(s),
        recordedBy: actor.id,
        meeting: { kind: p.meeting.kind as MeetingKind, date: instantMs(p.meeting.date), presidingId: p.meeting.presidingId, ...(chiefExecutiveId !== undefined ? { chiefExecutiveId } : {}) },
        membersTotal: p.membersTotal,
        members: p.members,
        ...(p.speakingOrder !== undefined ? { speakingOrder: p.speakingOrder } : {}),
        legalAdviserPresent: p.legalAdviserPresent,
        minutesHash: p.minutesHash,
        ...(p.materials.disagreementHash !== undefined ? { disagreementHash: p.materials.disagreementHash } : {}),
        at: ctx.now,
      };
      s.decision = undefined;
      if (ctx.profile.meetingsInOrder) s.minutesTaken = [...(s.minutesTaken ?? []), p.minutesHash];
      if (ctx.profile.collectiveDecision) s.organSeizedCycle = s.cycle;
      // The matter postponed is taken up again (Art. 30): its review date is met.
      if (ctx.profile.postponementReview) meetReviewDates(s);
    },
  },

  decide: {
    roles: [Role.ChiefExecutive],
    separatedRoles: [Role.ChiefExecutive],
    basis: [art(30)],
    phases: [Phase.Discussion],
    shape(p) {
      oneOf(p.outcome, ['adopt', 'adopt_with_changes', 'not_adopt', 'postpone', 'further_study'], 'outcome', art(30));
      if (p.reasons !== undefined) str(p.reasons, 'reasons', art(30));
      if (p.outcome === 'adopt_with_changes') {
        // Missing, said as missing: "must be a document hash (… 64 hex digits)" sent a chief executive looking for digits (second tester).
        need(p.changesHash !== undefined, 'changesHash', { zh: '修改后通过的，应当附修改内容的文件', en: 'an adoption with changes carries the document of the changes' }, art(30));
        hash(p.changesHash, 'changesHash', art(30));
      }
      optHash(p.adoptedTextHash, 'adoptedTextHash', art(30));
      if (p.outcome === 'postpone') need(isTime(p.reviewDate), 'reviewDate', { zh: `必须载明暂缓后再行研究的时间，格式为${INSTANT_FORMAT.zh}`, en: `must be the time the postponed decision is taken up again, as ${INSTANT_FORMAT.en}` }, art(30));
    },
    // Not an open task (我的待办) before the discussion of this draft is recorded.
    when(s) {
      const d = s.discussion;
      if (!d || d.draftVersion !== draftVersion(s) || s.decision) refuse(R.PrerequisiteMissing, { zh: '应当先记录对本决策草案的集体讨论情况，方可作出决定', en: 'the collective discussion of this draft must be recorded first' }, art(30));
      if (!legalityPassed(s)) refuse(R.PrerequisiteMissing, { zh: '决策草案未经合法性审查或者经审查不合法，不得作出决定', en: 'no decision on a draft not found lawful' }, art(25));
    },
    validate(s, p, actor, ctx) {
      const d = s.discussion!;
      separate(actor, s, { zh: '作出决定', en: 'deciding' }, art(30), ctx.profile);
      if (d.recordedBy === actor.id) refuse(R.SeparationOfDuties, { zh: '集体讨论的记录人不得作出决定', en: 'the person who recorded the discussion cannot decide' }, art(30));
      if (!d.members.some((m) => m.id === actor.id && m.present)) refuse(R.PrerequisiteMissing, { zh: '行政首长应当作为出席会议的组成人员，在集体讨论的基础上作出决定', en: 'the chief executive decides at the meeting, after the discussion, as a member present' }, art(30));
      if (ctx.profile.meetingRecord) decidedAsMinuted(s, actor.id, p.outcome, ctx.profile);
      if (ctx.profile.collectiveDecision) decidedAsOwnView(s, actor.id, p.outcome);
      if (againstMajority(s, p.outcome, ctx.profile, actor.id) && !p.reasons) refuse(R.ReasonRequired, { zh: '拟作出的决定与会议组成人员多数人的意见不一致的，应当说明理由（reasons）', en: 'a decision that differs from the majority view must be explained (reasons)' }, art(30));
      if ((p.outcome === 'postpone' || p.outcome === 'further_study' || p.outcome === 'not_adopt') && !p.reasons) {
        refuse(R.ReasonRequired, { zh: `作出${OUTCOME_ZH[p.outcome]}的决定，应当说明理由`, en: `a decision to ${p.outcome.replace('_', ' ')} needs its reasons` }, art(30));
      }
      if (p.outcome === 'postpone' && instantMs(p.reviewDate!) <= ctx.now) refuse(R.InvalidPayload, { zh: 'reviewDate：必须是将来的日期', en: 'reviewDate must be in the future' }, art(30));
      if (ctx.profile.textChain) adoptedTextFollows(s, p);
      if (ctx.profile.organJudgesRisk && (p.outcome === 'adopt' || p.outcome === 'adopt_with_changes')) riskJudged(s);
    },
    periods(s, p, ctx) {
      const days = ctx.profile.publicationDays.value;
      const adopting = p.outcome === 'adopt' || p.outcome === 'adopt_with_changes';
      return adopting && days !== undefined && (s.pendingChange?.kind !== 'terminate' || ctx.profile.terminationIssued) ? [{ kind: 'calendar', start: ctx.now, days }] : [];
    },
    apply(s, p, actor, ctx, [publication]) {
      s.decision = { outcome: p.outcome, by: actor.id, reasons: p.reasons, changesHash: p.changesHash, againstMajority: againstMajority(s, p.outcome, ctx.profile, actor.id), at: ctx.now };
      // A termination issued as any decision is (terminationIssued) follows the chain of texts too: its text is published.
      const terminating = s.pendingChange?.kind === 'terminate';
      const issued = !terminating || !!ctx.profile.terminationIssued;
      if (ctx.profile.textChain && (p.outcome === 'adopt' || p.outcome === 'adopt_with_changes') && issued) {
        s.decision.adoptedTextHash = p.adoptedTextHash ?? reviewedText(s);
        if (p.outcome === 'adopt_with_changes' && s.pendingChange) s.decision.changeInProcedure = s.pendingChange;
      }
      switch (p.outcome) {
        case 'adopt':
        case 'adopt_with_changes':
          if (terminating && !issued) {
            close(s, 'terminated');
          } else {
            if (terminating) s.decision.terminates = true;
            s.phase = Phase.Decided;
            // The suspended decision in force stays suspended until the change replaces it, at its publication
            // (`executionThroughAdjustment`; statute tester: the adoption lifted it). Before, the adoption did.
            if (s.hold === Hold.Suspended && !ctx.profile.executionThroughAdjustment) clearHold(s);
            if (publication) {
              startDeadline(s, { id: `publication-c${s.cycle}`, label: '决策公布时限 (publication time limit)', basis: ctx.profile.publicationDays.basis, type: 'maximum', unit: 'calendar', days: ctx.profile.publicationDays.value! }, publication, ctx);
            }
          }
          s.pendingChange = undefined;
          break;
        case 'not_adopt':
          if (s.pendingChange) {
            // The proposed change is not adopted: the decision in force stays in execution.
            s.pendingChange = undefined;
            s.phase = Phase.Execution;
          } else close(s, 'not_adopted');
          break;
        case 'postpone':
          if (ctx.profile.executionThroughAdjustment) keepSuspension(s);
          s.hold = Hold.Postponed;
          s.holdInfo = { reason: p.reasons!, by: actor.id, at: ctx.now, reviewDate: instantMs(p.reviewDate!) };
          // The review date becomes a time limit, met by a new discussion (Arts. 30, 38).
          if (ctx.profile.postponementReview) Object.assign(s.holdInfo, { reviewDeadlineId: startReviewDate(s, s.holdInfo.reviewDate!, ctx), atMeeting: true });
          s.decision = undefined;
          s.discussion = undefined;
          break;
        case 'further_study':
          s.phase = Phase.Drafting;
          break;
      }
    },
  },

  /**
   * Art. 31: 重大行政决策出台前应当按照规定向同级党委请示报告. In decisions under `organStartsAndIssues` it is the deciding
   * organ's act (its chief executive, or its general office), and the profile says how: a report once decided, or a
   * request for instructions (请示) before the discussion. A new report or request follows a reply with objections, or,
   * for a request, a new draft.
   */
  reportToPartyCommittee: {
    roles: [Role.UndertakingUnit, Role.ChiefExecutive],
    organRoles: [Role.ChiefExecutive, Role.MeetingSecretary],
    organRolesSince: 'organStartsAndIssues',
    basis: [art(31)],
    phases: [Phase.Discussion, Phase.Decided],
    when(s, profile) {
      const request = partyMode(profile) === 'request';
      if (s.phase === Phase.Discussion && !request) {
        refuse(R.WrongStage, {
          zh: '行政首长尚未在集体讨论的基础上作出决定，不能向同级党委请示报告',
          en: 'no decision has been made yet (the chief executive decides after the collective discussion); reportToPartyCommittee comes after it',
        }, art(30), art(31));
      }
      const r = s.partyReport;
      if (!r) return;
      const objected = profile.organStartsAndIssues && replyTo(s)?.outcome === 'objections';
      const newDraft = request && r.draftVersion !== draftVersion(s);
      if (!objected && !newDraft) refuse(R.Duplicate, { zh: '向同级党委请示报告的情况已经记录', en: 'the report to the Party committee is already recorded' }, art(31));
    },
    shape(p) {
      hash(p.reportHash, 'reportHash', art(31));
    },
    validate(s, p, _actor, ctx) {
      if (ctx.profile.freshDocumentsPerCycle) notFromEarlierPass(s, p.reportHash, 'reportHash', { zh: '向同级党委的请示报告', en: 'the report to the Party committee' }, art(31));
      // After objections, the report the organ sends again says how they were dealt with: the same report sent again had
      // the decision published seconds later, the objections unanswered (statute tester).
      if (ctx.profile.partyObjectionsAnswered && replyTo(s)?.outcome === 'objections' && p.reportHash === s.partyReport?.reportHash) {
        refuse(R.InvalidPayload, {
          zh: 'reportHash：同级党委对原请示报告提出了意见，应当按照意见处理后重新请示报告；重新报告的材料应当说明意见的处理情况，不能与原报告相同',
          en: "reportHash: the Party committee objected to the report; the organ deals with the objections and reports again, saying how: the same report cannot be sent again",
        }, art(31));
      }
    },
    apply(s, p, actor, ctx) {
      s.partyReport = { reportHash: p.reportHash, at: ctx.now, by: actor.id };
      if (ctx.profile.organStartsAndIssues) Object.assign(s.partyReport, { draftVersion: draftVersion(s), seq: s.timeline.length + 1 });
    },
  },

  /**
   * Art. 31 (decisions under `organStartsAndIssues`): the Party committee's reply to the report or request, as the organ
   * received it (its chief executive or its general office records it): agreed, or with objections, which the organ
   * deals with and reports on again before the decision is issued.
   */
  recordPartyCommitteeReply: {
    roles: [Role.ChiefExecutive, Role.MeetingSecretary],
    since: 'organStartsAndIssues',
    basis: [art(31)],
    phases: [Phase.Discussion, Phase.Decided],
    // A reply to a report that came after the decision was published (partyReplyAfterIssue): recorded then, not offered.
    reopenedIf: (s, profile) => !!profile.partyReplyAfterIssue && (s.phase === Phase.Published || s.phase === Phase.Execution),
    task: (s) => s.phase === Phase.Discussion || s.phase === Phase.Decided,
    when(s) {
      if (!s.partyReport) refuse(R.PrerequisiteMissing, { zh: '尚未向同级党委请示报告，没有可以记录的答复', en: 'nothing has gone to the Party committee yet: there is no reply to record' }, art(31));
      if (replyTo(s)) refuse(R.Duplicate, { zh: '同级党委对本次请示报告的答复已经记录', en: "the Party committee's reply to this report is already recorded" }, art(31));
    },
    shape(p) {
      hash(p.replyHash, 'replyHash', art(31));
      oneOf(p.outcome, ['agreed', 'objections'], 'outcome', art(31));
      if (p.outcome === 'objections') str(p.reasons, 'reasons', art(31));
      else if (p.reasons !== undefined) str(p.reasons, 'reasons', art(31));
    },
    apply(s, p, actor, ctx) {
      s.partyReply = { replyHash: p.replyHash, outcome: p.outcome, ...(p.reasons ? { reasons: p.reasons } : {}), answers: s.partyReport!.seq, by: actor.id, at: ctx.now };
    },
  },

  /**
   * Art. 8 (ch. I, recorded here because it holds the publication): 根据法律、法规规定属于本级人民代表大会及其常务委员会讨论决定
   * 的重大事项范围或者应当在出台前向本级人民代表大会常务委员会报告的，按照有关规定办理. The decree defers to those rules and
   * sets no procedure of its own, so the engine records only that the matter was handled as they provide: the deciding
   * organ (its chief executive or general office) records the resolution of the congress or its standing committee, or
   * its report to the standing committee; a matter declared within their decision is not published before they approve
   * it, nor a matter to be reported before the report.
   */
  recordCongressAction: {
    roles: [Role.ChiefExecutive, Role.MeetingSecretary],
    since: 'consultation',
    basis: [art(8)],
    phases: [Phase.Discussion, Phase.Decided],
    // Offered in 我的待办 once decided, before the publication it holds (a report may be recorded earlier).
    task: (s) => s.phase === Phase.Decided,
    when(s, profile) {
      const kind = s.applicability?.peoplesCongress;
      if (!kind) {
        refuse(R.PrerequisiteMissing, {
          zh: '确定适用的决策程序时未载明本决策事项属于本级人民代表大会及其常务委员会讨论决定或者应当向其常务委员会报告的事项（declareApplicability peoplesCongress）',
          en: 'the matter was not declared one the people\'s congress or its standing committee decides, or that is reported to the standing committee (declareApplicability peoplesCongress)',
        }, art(8));
      }
      if (profile.congressOnDecision) decisionForCongress(s, kind!);
      const last = congressAction(s);
      if (last && (kind === 'report' || last.outcome === 'approved')) {
        refuse(R.Duplicate, { zh: kind === 'report' ? '向本级人民代表大会常务委员会报告的情况已经记录' : '本级人民代表大会或者其常务委员会的讨论决定已经记录', en: kind === 'report' ? 'the report to the standing committee is already recorded' : 'the decision of the people\'s congress or its standing committee is already recorded' }, art(8));
      }
    },
    shape(p) {
      oneOf(p.body, ['congress', 'standing_committee'], 'body', art(8));
      hash(p.documentHash, 'documentHash', art(8));
      if (p.outcome !== undefined) oneOf(p.outcome, ['approved', 'not_approved'], 'outcome', art(8));
    },
    validate(s, p) {
      if (s.applicability!.peoplesCongress === 'decide' && p.outcome === undefined) {
        refuse(R.InvalidPayload, { zh: 'outcome：属于本级人民代表大会及其常务委员会讨论决定的事项，应当载明其是否同意（approved 或 not_approved）', en: 'outcome: for a matter the congress or its standing committee decides, say whether it approved (approved or not_approved)' }, art(8));
      }
      if (s.applicability!.peoplesCongress === 'report') {
        if (p.body !== 'standing_committee') refuse(R.InvalidPayload, { zh: 'body：出台前应当报告的，向本级人民代表大会常务委员会报告（standing_committee）', en: 'body: a matter to be reported before it is issued is reported to the standing committee (standing_committee)' }, art(8));
        if (p.outcome !== undefined) refuse(R.InvalidPayload, { zh: 'outcome：向常务委员会报告的事项，不载明是否同意', en: 'outcome: a report to the standing committee carries no approval' }, art(8));
      }
    },
    apply(s, p, actor, ctx) {
      const decided = ctx.profile.congressOnDecision ? { decided: decidedSeq(s) } : {};
      (s.congressActions ??= []).push({ body: p.body, documentHash: p.documentHash, ...(p.outcome ? { outcome: p.outcome } : {}), cycle: s.cycle, by: actor.id, at: ctx.now, ...decided });
    },
  },

  /** Art. 32: 决策机关应当…及时公布. In decisions under `organStartsAndIssues`, the organ publishes: its general office or its chief executive. */
  publish: {
    roles: [Role.UndertakingUnit],
    organRoles: [Role.MeetingSecretary, Role.ChiefExecutive],
    organRolesSince: 'organStartsAndIssues',
    basis: [art(32)],
    phases: [Phase.Decided],
    // A decision published withheld, published through channels once it may be (withheldDisclosedLater): in its stage;
    // the decision in force, while a change goes through the procedure, and while its execution is suspended.
    reopenedIf: (s, profile) => !!withheldStanding(s, profile),
    suspendedIf: (s, profile) => !!profile.disclosureDuringChange && !!withheldStanding(s, profile),
    // Not offered as a task: whether a withheld decision may be disclosed is the law's, not the procedure's, to say.
    task: (s, profile) => !withheldStanding(s, profile),
    when(s, profile) {
      // The decision was issued already, withheld: what its issue needed was had then; but not over an objection of the
      // Party committee (or the congress) recorded since (retest: disclosed over the committee's objections).
      const withheld = withheldStanding(s, profile);
      if (withheld) {
        const barred = withheld === s.publication ? issueBarred(s) : s.inForce?.disclosureBarred;
        if (barred) {
          const why = barredBecause(barred);
          refuse(R.PrerequisiteMissing, { zh: `${why.zh}，依法不予公开的决策不能再予公开`, en: `${why.en}: the decision withheld is not disclosed` }, why.article, art(32));
        }
        return;
      }
      // Only decisions under the chain of texts record the adopted text, so this holds only for them.
      if (changesAwaitingReview(s)) changesNotReviewed(s);
      // Not an open task before the Party committee is reported to (我的待办 offered it).
      if (!s.partyReport) refuse(R.PrerequisiteMissing, { zh: '重大行政决策出台前应当向同级党委请示报告', en: 'the decision is reported to the same-level Party committee before it is issued' }, art(31));
      if (profile.organStartsAndIssues) partyAnswered(s, profile);
      if (profile.consultation) congressHandled(s);
    },
    shape(p) {
      list(p.channels, 'channels', art(32));
      p.channels.forEach((c, i) => str(c, `channels.${i}`, art(32), 200));
      hash(p.documentHash, 'documentHash', art(32));
      optHash(p.adoptionExplanationHash, 'adoptionExplanationHash', art(32));
      if (p.disclosureBasis !== undefined) str(p.disclosureBasis, 'disclosureBasis', art(32));
    },
    validate(s, p, _a, ctx) {
      if (ctx.profile.publicChannels) publicChannels(p.channels, 'publication', !!ctx.profile.publishedOfficially);
      const withheld = withheldStanding(s, ctx.profile);
      if (withheld) {
        disclosureValid(withheld, p);
        // Argued by experts, it is explained when made public, as any decision is (statute tester: disclosed without it).
        if (ctx.profile.disclosureExplained && withheld === s.publication && s.applicability?.expertArgumentation.required && !p.adoptionExplanationHash && !withheld.adoptionExplanationHash) {
          refuse(R.MissingDocument, {
            zh: '本决策经过专家论证，属于专业性、技术性较强的重大行政决策，现予公开的，应当说明专家论证意见的采纳情况（adoptionExplanationHash）',
            en: 'the decision was argued by experts, so it is technical: disclosed now, it carries the explanation of how the experts\' opinions were adopted (adoptionExplanationHash)',
          }, art(32));
        }
        return;
      }
      const pp = s.applicability?.publicParticipation;
      const secret = pp && !pp.required;
      if (!secret && p.channels.length === 0) refuse(R.InvalidPayload, { zh: '应当载明公布途径（政府公报、政府网站、报纸等）', en: 'name where the decision is published (gazette, website, newspaper)' }, art(32));
      // (The field is new with the rule: a payload carrying it was refused as unknown before, so these hold under every profile.)
      if (p.disclosureBasis !== undefined && !secret) {
        refuse(R.InvalidPayload, { zh: 'disclosureBasis：只在决策事项登记为依法不予公开、公布时才填写可以公开的依据', en: 'disclosureBasis: is given only where the matter was declared not to be disclosed and is published after all' }, art(32));
      }
      if (p.disclosureBasis !== undefined && p.channels.length === 0) {
        refuse(R.InvalidPayload, { zh: 'disclosureBasis：不公布的决策不填写可以公开的依据；公布的，载明公布途径（channels）', en: 'disclosureBasis: a decision withheld states no basis for disclosure; one published names its channels' }, art(32));
      }
      if (ctx.profile.textChain) publishedTextFollows(s, p);
      // Last, so that a wrong text is named first.
      if (secret && ctx.profile.disclosureOfWithheld && p.channels.length > 0 && p.disclosureBasis === undefined) {
        refuse(R.ReasonRequired, {
          zh: `本决策事项已登记为依法不予公开（依据：${pp.nonDisclosureBasis}），依法不予公开的除外：公布的，应当载明可以公开的依据（disclosureBasis，例如已经解密、保密仅及于决策过程）；不公布的，不载明公布途径（channels 为空）`,
          en: `this matter was declared not to be disclosed (${pp.nonDisclosureBasis}), and Art. 32 excepts what the law withholds: to publish it, state the basis on which it may now be disclosed (disclosureBasis: declassified, or the secrecy covered only its making); to withhold it, name no channel (channels empty)`,
        }, art(32), art(14));
      }
    },
    apply(s, p, _a, ctx) {
      const withheld = withheldStanding(s, ctx.profile);
      if (withheld) {
        const disclosed = { ...withheld, channels: p.channels, disclosureBasis: p.disclosureBasis, disclosedAt: ctx.now, ...(p.adoptionExplanationHash ? { adoptionExplanationHash: p.adoptionExplanationHash } : {}) };
        if (withheld === s.publication) s.publication = disclosed;
        else s.inForce!.publication = disclosed;
        return;
      }
      const pp = s.applicability!.publicParticipation;
      s.publication = { channels: p.channels, documentHash: p.documentHash, adoptionExplanationHash: p.adoptionExplanationHash, at: ctx.now, nonDisclosureBasis: pp.required ? undefined : pp.nonDisclosureBasis, ...(p.disclosureBasis !== undefined ? { disclosureBasis: p.disclosureBasis } : {}), deadlineId: `publication-c${s.cycle}` };
      settle(s, `publication-c${s.cycle}`, 'met');
      s.phase = Phase.Published;
      // The change published replaces the decision in force, and with it that decision's suspension (Art. 37).
      if (ctx.profile.executionThroughAdjustment && s.hold === Hold.Suspended) clearHold(s);
    },
  },

  /**
   * Art. 32: 通过本级人民政府公报和政府网站以及在本行政区域内发行的报纸等途径及时公布. The decision published goes out through
   * each channel when it comes out: the website the day it is issued, the gazette's next issue weeks later, a newspaper.
   * `publish` records the first; this one each further channel, the same document, by whoever may publish. Before, the
   * gazette's issue could not be recorded at all (a second `publish` is refused once published). An option, not a task.
   */
  recordFurtherPublication: {
    roles: [Role.UndertakingUnit],
    organRoles: [Role.MeetingSecretary, Role.ChiefExecutive],
    organRolesSince: 'organStartsAndIssues',
    basis: [art(32)],
    // A fact of what was published, not an act of execution.
    ...OF_THE_DECISION_IN_FORCE,
    task: () => false,
    when(s) {
      const published = publishedInForce(s);
      if (!published) refuse(R.WrongStage, { zh: '本决策尚未公布：先以公布决策（publish）记录首次公布的途径', en: 'the decision is not published yet: record its first publication (publish) first' }, art(32));
      if (!published.channels.length) {
        refuse(R.WrongStage, {
          zh: '本决策依法不予公开、没有公布，不能补充公布途径；可以公开的，以公布决策（publish）载明可以公开的依据（disclosureBasis）',
          en: 'the decision was withheld by law and not published: no further channel; where it may be disclosed, publish it with the basis (publish, disclosureBasis)',
        }, art(32));
      }
    },
    shape(p) {
      list(p.channels, 'channels', art(32), 1);
      p.channels.forEach((c, i) => str(c, `channels.${i}`, art(32), 200));
      hash(p.documentHash, 'documentHash', art(32));
      if (p.reference !== undefined) str(p.reference, 'reference', art(32), 300);
    },
    validate(s, p, _a, ctx) {
      const published = publishedInForce(s)!;
      if (p.documentHash !== published.documentHash) {
        refuse(R.TextMismatch, {
          zh: `documentHash：通过其他途径公布的应当是已经公布的决策文件（${published.documentHash}），不是 ${p.documentHash}；决策内容有变化的，应当依照第三十七条调整`,
          en: `documentHash: a further channel publishes the decision document already published (${published.documentHash}), not ${p.documentHash}; a decision that changes is adjusted under Art. 37`,
        }, art(32), art(37));
      }
      if (ctx.profile.publicChannels) publicChannels(p.channels, 'publication');
      const had = [...published.channels, ...(published.further ?? []).flatMap((f) => f.channels)];
      // The state carries them: a gazette, a website, the papers and broadcasters of a province come to a few dozen.
      if (had.length + p.channels.length > MAX_PUBLICATION_CHANNELS) {
        refuse(R.InvalidPayload, { zh: `channels：本决策已经记录${had.length}个公布途径，合计不得超过${MAX_PUBLICATION_CHANNELS}个`, en: `channels: ${had.length} channels are recorded for this decision already; at most ${MAX_PUBLICATION_CHANNELS} in all` }, art(32));
      }
      // One channel however written: ＳＺ日报 and SZ日报, 政府公报 with a space after it, in 《》, with a zero-width space,
      // a filler, a variation selector or a symbol (retests: each recorded twice).
      const same = (c: string) => c.normalize('NFKC').replace(SHOWS_NOTHING, '').toLowerCase();
      const recorded = had.map(same);
      const given = p.channels.map(same);
      p.channels.forEach((c, i) => {
        if (recorded.includes(given[i]) || given.indexOf(given[i]) < i) {
          refuse(R.Duplicate, { zh: `channels.${i}：已经记录本决策通过“${c}”公布`, en: `channels.${i}: the decision's publication through "${c}" is already recorded` }, art(32));
        }
      });
    },
    apply(s, p, actor, ctx) {
      (publishedInForce(s)!.further ??= []).push({ channels: p.channels, ...(p.reference !== undefined ? { reference: p.reference } : {}), by: actor.id, at: ctx.now });
    },
  },

  /**
   * Art. 32: 对社会公众普遍关心或者专业性、技术性较强的重大行政决策，应当…通过新闻发布会、接受访谈等方式进行宣传解读. Recorded by
   * the deciding organ (its chief executive or general office) or the undertaking unit, once the decision is published
   * through some channel; offered in 我的待办 for a decision that was put out for comment or argued by experts until one is
   * recorded in this pass. It holds nothing up: the record shows whether it was done.
   */
  interpretDecision: {
    roles: [Role.UndertakingUnit, Role.ChiefExecutive, Role.MeetingSecretary],
    since: 'interpretation',
    basis: [art(32)],
    // The decision in force is explained while its adjustment runs, and after a change not adopted or dropped (statute
    // tester: refused as 尚未作出和公布, then as 依法不予公开, of a decision the portal showed in force).
    ...OF_THE_DECISION_IN_FORCE,
    when(s) {
      if (!publishedInForce(s)?.channels.length) {
        refuse(R.WrongStage, { zh: '本决策依法不予公开、没有公布，不作宣传解读', en: 'the decision is withheld by law and was not published: there is nothing to explain to the public' }, art(32));
      }
    },
    task: (s) => !!s.publication && adoptionExplanationNeeded(s) && !(s.interpretations ?? []).some((i) => i.cycle === s.cycle),
    shape(p) {
      oneOf(p.form, INTERPRETATION_FORMS, 'form', art(32));
      hash(p.recordHash, 'recordHash', art(32));
      if (p.form === 'other' || p.description !== undefined) str(p.description, 'description', art(32), 500);
    },
    apply(s, p, actor, ctx) {
      (s.interpretations ??= []).push({ form: p.form, recordHash: p.recordHash, ...(p.description !== undefined ? { description: p.description } : {}), by: actor.id, at: ctx.now, cycle: s.cycle });
    },
  },

  /**
   * Art. 33: 由有关单位将履行决策程序形成的记录、材料及时完整归档. The undertaking unit, or the deciding organ's general office
   * (its meeting secretary): an undertaking unit that did not archive held the organ back from adjusting or evaluating
   * the decision it had published (statute tester).
   */
  archive: {
    roles: [Role.UndertakingUnit, Role.MeetingSecretary],
    basis: [art(33)],
    phases: [Phase.Published],
    shape(p) {
      str(p.archiveRef, 'archiveRef', art(33), 200);
    },
    apply(s, p, _a, ctx) {
      s.archive = { archiveRef: p.archiveRef, at: ctx.now };
      // A termination, issued and archived, ends the procedure (Art. 37); any other decision goes into execution.
      if (s.decision?.terminates) close(s, 'terminated');
      else s.phase = Phase.Execution;
    },
  },

};

// ---------- helpers of this chapter ----------

/** How the profile sends the decision to the Party committee (Art. 31): 'report' unless it says 'request'. */
const partyMode = (profile: ProcedureProfile): 'report' | 'request' => (profile.organStartsAndIssues && profile.partyCommittee?.value) || 'report';
/** Art. 31 and, where the profile's rule is another's, that rule too. */
function partyBasis(profile: ProcedureProfile): Citation[] {
  const own = profile.partyCommittee?.basis;
  return own && !(own.source === 'decree-713' && own.article === 31) ? [art(31), own] : [art(31)];
}
/**
 * Art. 31 (decisions under `organStartsAndIssues`): a decision is not issued over the Party committee's objections; where
 * the profile asks for a request (请示), not before the committee's reply agrees.
 */
function partyAnswered(s: ProcedureState, profile: ProcedureProfile): void {
  const reply = replyTo(s);
  if (reply?.outcome === 'objections') {
    refuse(R.PrerequisiteMissing, {
      zh: `同级党委对请示报告提出了不同意见（${reply.reasons ?? ''}）：决策机关研究处理后应当重新请示报告，方可公布`,
      en: `the Party committee replied with objections (${reply.reasons ?? ''}): the organ deals with them and reports again before the decision is issued`,
    }, art(31));
  }
  // Once the committee objected, the report sent again waits for its reply as a request does: a new report alone had the
  // text it objected to published (statute tester).
  if (profile.partyObjectionsReplied && !reply && s.partyReply?.outcome === 'objections') {
    refuse(R.PrerequisiteMissing, {
      zh: `同级党委曾对请示报告提出不同意见（${s.partyReply.reasons ?? ''}）：重新请示报告后，应当经同级党委答复同意（recordPartyCommitteeReply），方可公布`,
      en: `the Party committee objected (${s.partyReply.reasons ?? ''}): the report sent again is issued on once its reply agrees (recordPartyCommitteeReply)`,
    }, ...partyBasis(profile));
  }
  if (partyMode(profile) === 'request' && !reply) {
    refuse(R.PrerequisiteMissing, {
      zh: '按照规定，重大行政决策出台前应当经同级党委答复同意：尚未记录同级党委对请示的答复（recordPartyCommitteeReply）',
      en: "as the rules require, the decision is issued once the Party committee's reply agrees: no reply to the request is recorded yet (recordPartyCommitteeReply)",
    }, ...partyBasis(profile));
  }
}

/**
 * Arts. 13, 29 (decisions under `consultation`): where a unit consulted still disagrees (不能取得一致意见), the deciding
 * organ is told the main points in dispute, the units' opinions, and the undertaking unit's view, reasons and basis, with
 * the materials of the discussion.
 */
function disagreementStated(s: ProcedureState, statement: string | undefined): void {
  const units = unresolvedDisagreements(s);
  if (!units.length || statement) return;
  refuse(R.MissingDocument, {
    zh: `决策承办单位与${units.join('、')}不能取得一致意见，应当向决策机关说明争议的主要问题，有关单位的意见，决策承办单位的意见、理由和依据：提交讨论的材料中缺少该说明（materials.disagreementHash）`,
    en: `the undertaking unit and ${units.join(', ')} could not agree: the deciding organ is told the main points in dispute, the units' opinions, and the undertaking unit's view, reasons and basis, and the materials lack that statement (materials.disagreementHash)`,
  }, art(13), art(29));
}

type Publication = NonNullable<ProcedureState['publication']>;

/**
 * The publication of a decision published withheld (no channel) and not disclosed since, that may be disclosed now, under
 * the decision's rules: in its stage after publication (`withheldDisclosedLater`); the decision in force while a change
 * goes through the procedure before the meeting decides on it, or after one not adopted or dropped (`disclosureDuringChange`).
 */
function withheldStanding(s: ProcedureState, profile: ProcedureProfile): Publication | undefined {
  const withheld = (p: Publication | undefined) => !!p && p.channels.length === 0 && p.disclosureBasis === undefined;
  const inStage = s.phase === Phase.Published || s.phase === Phase.Execution;
  if (profile.withheldDisclosedLater && inStage && withheld(s.publication)) return s.publication;
  if (!profile.disclosureDuringChange || s.publication || !withheld(s.inForce?.publication)) return undefined;
  const changing = s.pendingChange !== undefined && PRE_DECISION.includes(s.phase);
  return changing || s.phase === Phase.Execution ? s.inForce!.publication : undefined;
}

/**
 * Art. 32 (decisions under `withheldDisclosedLater`): the decision withheld is published as it was adopted, through the
 * channels named, on the basis on which it may now be disclosed.
 */
function disclosureValid(withheld: Publication, p: Payloads['publish']): void {
  if (!p.channels.length) {
    refuse(R.InvalidPayload, { zh: `channels：本决策已依法不予公开地公布（${withheld.nonDisclosureBasis ?? '依法不予公开'}）；现予公开的，应当载明公布途径（政府公报、政府网站、报纸等）`, en: 'channels: the decision was published withheld; to disclose it now, name where it is published' }, art(32));
  }
  if (p.disclosureBasis === undefined) {
    refuse(R.ReasonRequired, { zh: `disclosureBasis：本决策依法不予公开（依据：${withheld.nonDisclosureBasis ?? '依法不予公开'}）；现予公开的，应当载明可以公开的依据（例如已经解密）`, en: 'disclosureBasis: the decision was withheld by law; to disclose it now, state the basis on which it may be (e.g. declassified)' }, art(32), art(14));
  }
  if (p.documentHash !== withheld.documentHash) {
    refuse(R.TextMismatch, { zh: `documentHash：公开的应当是依法不予公开时公布的决策文本（${withheld.documentHash}），而不是 ${p.documentHash}`, en: `documentHash: what is disclosed is the decision as published withheld (${withheld.documentHash}), not ${p.documentHash}` }, art(32));
  }
}

/**
 * Art. 8 (decisions under `congressOnDecision`): the congress decides, and its standing committee is told of, the decision
 * the organ made to adopt the draft, its changes found lawful; not a draft still before the meeting, nor one the
 * meeting put off or turned down.
 */
function decisionForCongress(s: ProcedureState, kind: 'decide' | 'report'): void {
  const what = kind === 'decide' ? { zh: '提请本级人民代表大会或者其常务委员会讨论决定', en: "the people's congress or its standing committee decides on" } : { zh: '出台前向本级人民代表大会常务委员会报告', en: 'is reported to the standing committee before it is issued' };
  const outcome = s.decision?.outcome;
  if (s.phase !== Phase.Decided || (outcome !== 'adopt' && outcome !== 'adopt_with_changes')) {
    refuse(R.WrongStage, {
      zh: `${what.zh}的，是决策机关集体讨论后行政首长决定通过的决策：${s.phase === Phase.Decided ? '本次讨论未决定通过' : '决策机关尚未作出通过的决定'}，不能记录人民代表大会及其常务委员会的讨论决定或者报告情况`,
      en: `what ${what.en} is the decision the chief executive made to adopt the draft after the collective discussion: ${s.phase === Phase.Decided ? 'the meeting did not adopt it' : 'the organ has not decided to adopt it yet'}, so no action of the congress is recorded`,
    }, art(8), art(30));
  }
  if (changesAwaitingReview(s)) changesNotReviewed(s, true);
}

/**
 * Art. 8 (decisions under `consultation`): a matter declared within the decision of the people's congress or its standing
 * committee is published once they approved it; one to be reported to the standing committee, once reported.
 */
function congressHandled(s: ProcedureState): void {
  const kind = s.applicability?.peoplesCongress;
  if (!kind) return;
  const last = congressAction(s);
  if (kind === 'report' && !last) {
    refuse(R.PrerequisiteMissing, {
      zh: '本决策事项应当在出台前向本级人民代表大会常务委员会报告，按照有关规定办理：尚未记录报告情况（recordCongressAction），不能公布',
      en: 'the matter is reported to the standing committee of the people\'s congress before it is issued, as the rules provide: no report is recorded (recordCongressAction), so it is not published',
    }, art(8));
  }
  if (kind === 'decide' && last?.outcome !== 'approved') {
    refuse(R.PrerequisiteMissing, {
      zh: last
        ? '本决策事项属于本级人民代表大会及其常务委员会讨论决定的重大事项范围，其讨论决定未予同意，不能公布'
        : '本决策事项属于本级人民代表大会及其常务委员会讨论决定的重大事项范围，按照有关规定办理：尚未记录其讨论决定（recordCongressAction），不能公布',
      en: last
        ? 'the matter is one the people\'s congress or its standing committee decides, and it did not approve: the decision is not published'
        : 'the matter is one the people\'s congress or its standing committee decides, as the rules provide: no decision of theirs is recorded (recordCongressAction), so it is not published',
    }, art(8));
  }
}

/*
 * The meeting and its record (Arts. 30, 42; decisions under `meetingRecord`). Art. 30 has the draft discussed at the
 * deciding organ's executive or plenary meeting; Art. 42 applies the decree to a department's own major decisions, which
 * its leadership meeting (局务会) discusses. The members speak fully and the chief executive last; the chief executive
 * decides on the basis of the discussion and, departing from the majority's view, explains why at the meeting; the
 * discussion is recorded truthfully and dissent as stated. Dissent protects the one who stated it (Art. 38 para. 3), so
 * each view is confirmed by its member.
 */

const MEETING_ZH: Record<MeetingKind, string> = { executive: '常务会议', plenary: '全体会议', department: '局务会（部门领导班子会议）' };

/** The deciding organ is a department where the decision names one other than the government (Art. 42); else the government. */
function organIsDepartment(s: ProcedureState): boolean {
  return !!s.authority && s.authority.decidingOrgan !== s.authority.government;
}

/** Art. 30, 42: the meeting is one of the deciding organ's own kind. */
function meetingOfTheOrgan(s: ProcedureState, kind: string): void {
  const department = organIsDepartment(s);
  const allowed: MeetingKind[] = department ? ['department'] : ['executive', 'plenary'];
  if (allowed.includes(kind as MeetingKind)) return;
  // A kind the rules do not know is named as sent, as a kind of meeting (statute tester: 不得以thematic代替).
  const named = MEETING_ZH[kind as MeetingKind] ?? `“${kind}”类会议`;
  if (department) {
    refuse(R.NotReplaceable, {
      zh: `部门作出的重大行政决策，决策草案应当经本部门局务会（领导班子会议）讨论，不得以${named}代替`,
      en: `a department's major decision is discussed at its leadership meeting (局务会, kind 'department'), not by ${kind}`,
    }, art(42), art(30));
  }
  refuse(R.NotReplaceable, {
    zh: `决策机关是人民政府的，决策草案应当经政府常务会议或者全体会议讨论，不得以${named}代替`,
    en: `a government's major decision is discussed at its executive or plenary meeting, not by ${kind}`,
  }, art(30), ...(kind === 'department' ? [art(42)] : []));
}

function incomplete(zh: string, en: string): never {
  return refuse(R.MinutesIncomplete, { zh, en }, art(30));
}

/** Art. 30: who spoke in which order, the chief executive last, each view confirmed by its member. */
/** Each member listed once in the minutes: one person, one view, one count toward the majority (Art. 30). */
function membersOnce(p: Payloads['recordDiscussion'], anyCase: boolean): void {
  // Under collectiveDecision, in any letter case: M-LI absent beside m-li present recorded one member twice (third tester).
  const ids = p.members.map((m) => (anyCase ? m.id.toLowerCase() : m.id));
  const twice = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  if (twice.length) refuse(R.InvalidPayload, { zh: `members：会议组成人员${twice.join('、')}被列出不止一次`, en: `members: ${twice.join(', ')} listed more than once` }, art(30));
}

function minutesAsArt30Asks(p: Payloads['recordDiscussion']): void {
  const present = p.members.filter((m) => m.present);
  const chief = p.meeting.chiefExecutiveId;
  if (chief === undefined) incomplete('会议记录应当载明行政首长（meeting.chiefExecutiveId）：行政首长最后发表意见，并在集体讨论的基础上作出决定', 'the minutes name the chief executive (meeting.chiefExecutiveId), who speaks last and decides');
  if (!present.some((m) => m.id === chief)) {
    refuse(R.PrerequisiteMissing, { zh: `行政首长（${chief}）应当作为出席会议的组成人员，在集体讨论的基础上作出决定`, en: `the chief executive (${chief}) is among the members present, to decide after the discussion` }, art(30));
  }
  const order = p.speakingOrder;
  if (!order?.length) incomplete('会议记录应当载明会议组成人员的发言顺序（speakingOrder），行政首长最后发表意见', 'the minutes record the order the members spoke in (speakingOrder), the chief executive last');
  const ids = present.map((m) => m.id);
  const unknown = order.filter((id) => !ids.includes(id));
  if (unknown.length) incomplete(`发言顺序中的${unknown.join('、')}不是出席会议的组成人员`, `${unknown.join(', ')} in the speaking order are not members present`);
  const twice = order.filter((id, i) => order.indexOf(id) !== i);
  if (twice.length) incomplete(`发言顺序中${[...new Set(twice)].join('、')}出现不止一次：每位组成人员按其发表意见的先后列一次`, `${[...new Set(twice)].join(', ')} appear more than once in the speaking order`);
  const silent = ids.filter((id) => !order.includes(id));
  if (silent.length) incomplete(`会议组成人员应当充分发表意见：发言顺序中没有出席的${silent.join('、')}`, `the members present speak fully: ${silent.join(', ')} are missing from the speaking order`);
  const last = order[order.length - 1];
  if (last !== chief) {
    incomplete(`行政首长最后发表意见：会议记录中最后发言的是${nameIn(p.members, last)}，而不是行政首长${nameIn(p.members, chief)}`, `the chief executive speaks last: the minutes have ${last} last, not the chief executive ${chief}`);
  }
  for (const m of present) {
    const c = m.confirmation;
    if (!c?.confirmed || c.by !== m.id) {
      incomplete(
        `会议组成人员的意见应当经本人确认：${m.name}（${m.id}）的意见${c?.confirmed && c.by !== m.id ? `由${c.by}确认，不是本人` : '未经本人确认'}（members.confirmation）`,
        `each member's view is confirmed by that member: ${m.id}'s ${c?.confirmed ? `is confirmed by ${c.by}, not the member` : 'is not confirmed'} (members.confirmation)`,
      );
    }
  }
}
const nameIn = (members: { id: string; name: string }[], id: string): string => {
  const m = members.find((x) => x.id === id);
  return m ? `${m.name}（${id}）` : id;
};

/**
 * Art. 30: the chief executive named in the minutes decides; a decision against the majority's view was explained at the
 * meeting, so the chief executive's words are in the minutes.
 */
function decidedAsMinuted(s: ProcedureState, actorId: string, outcome: string, profile: ProcedureProfile): void {
  const d = s.discussion!;
  const chief = d.meeting.chiefExecutiveId;
  if (chief === undefined) return; // recorded before the minutes named the chief executive
  if (actorId !== chief) {
    refuse(R.WrongRole, { zh: `作出决定的应当是会议记录载明的行政首长${nameIn(d.members, chief)}，而不是${actorId}`, en: `the chief executive the minutes name (${chief}) decides, not ${actorId}` }, art(30));
  }
  const statement = d.members.find((m) => m.id === chief)?.statement;
  if (againstMajority(s, outcome, profile, chief) && !statement) {
    refuse(R.ReasonRequired, {
      zh: `拟作出的决定与会议组成人员多数人的意见不一致的，应当在会上说明理由：会议记录中没有行政首长的发言（statement）。${AGAIN_AT_A_MEETING.zh}`,
      en: `a decision against the majority's view is explained at the meeting: the minutes have no words of the chief executive (statement). ${AGAIN_AT_A_MEETING.en}`,
    }, art(30));
  }
  // His words are his reasons, not his view alone (`chiefReasonsMinuted`): 同意 minuted, and the reasons written into the
  // decision after the meeting, passed (statute tester).
  if (profile.chiefReasonsMinuted && againstMajority(s, outcome, profile, chief) && statement !== undefined && !givesReasons(statement)) {
    refuse(R.ReasonRequired, {
      zh: `拟作出的决定与会议组成人员多数人的意见不一致的，应当在会上说明理由：会议记录中行政首长的发言（“${statement}”）只表明了意见，没有说明理由；理由应当在会上说明并记入会议记录。${AGAIN_AT_A_MEETING.zh}`,
      en: `a decision against the majority's view is explained at the meeting: the chief executive's minuted words ("${statement}") give a view, not reasons; the reasons are stated at the meeting and minuted. ${AGAIN_AT_A_MEETING.en}`,
    }, art(30));
  }
}

/**
 * Arts. 30, 38 para. 3 (decisions under `collectiveDecision`): the chief executive speaks last and decides on the basis
 * of the discussion, so the decision is not the opposite of the view the minutes record as his. Adopting what he is
 * minuted as opposing would list him among the dissenters from his own decision, whom Art. 38 relieves of liability.
 * A chief executive minuted wrongly has the matter discussed again (further_study or postpone), as minutes are not
 * rewritten.
 */
function decidedAsOwnView(s: ProcedureState, actorId: string, outcome: string): void {
  const own = s.discussion!.members.find((m) => m.id === actorId && m.present)?.view;
  const adopting = outcome === 'adopt' || outcome === 'adopt_with_changes';
  if (!(adopting && own === 'disagree') && !(outcome === 'not_adopt' && own === 'agree')) return;
  const [view, done] = own === 'agree' ? ['同意', '不予通过'] : ['不同意', OUTCOME_ZH[outcome]];
  refuse(R.InvalidPayload, {
    zh: `outcome：会议记录载明行政首长在会上对本决策草案的意见是${view}，作出${done}的决定与其本人在会上的意见相反；行政首长在集体讨论的基础上、按其最后发表的意见作出决定，记录有误的，应当决定暂缓或者进一步研究后重新讨论`,
    en: `outcome: the minutes record the chief executive's own view at the meeting as ${own}; a decision to ${outcome.replace(/_/g, ' ')} is its opposite. The chief executive decides as he spoke last; minutes that are wrong mean a new discussion (postpone or further_study)`,
  }, art(30), art(38, 3));
}

/**
 * Art. 24 (decisions under `organJudgesRisk`): where the risk is assessed, the organ adopts the draft only once it has
 * judged the risk controllable (judgeRisk); judged not controllable, only after the draft is adjusted and assessed again.
 */
function riskJudged(s: ProcedureState): void {
  const a = s.applicability?.riskAssessment;
  if (!a?.required || a.priorAssessmentRef) return;
  const j = s.risk?.judgement;
  if (!j) {
    refuse(R.PrerequisiteMissing, {
      zh: '决策机关尚未认定本决策草案的风险是否可控（judgeRisk），不能作出通过的决定',
      en: "the deciding organ has not judged whether this draft's risk is controllable (judgeRisk): it cannot adopt it yet",
    }, art(24));
  }
  if (!j.controllable) {
    refuse(R.RiskUncontrollable, {
      zh: '决策机关认为风险不可控，应当采取调整决策草案等措施确保风险可控后，方可作出决策',
      en: 'the deciding organ judged the risk not controllable: the draft is adjusted (or other measures taken) until it is, before the decision',
    }, art(24));
  }
}

/*
 * The chain of texts (decisions under `textChain`). Art. 25 lets no draft reach the meeting unless the legality review
 * found it lawful; Art. 30 has the chief executive decide on that draft; Art. 32 publishes the decision. So the text the
 * meeting adopts is the text reviewed, and the text published is the text adopted. The meeting may adopt a draft with
 * changes (修改后通过): the changes were never before the reviewer, and Art. 25 gives the review to the text, not to the
 * meeting; so the changed text is named at the decision and goes back to the legality review body, which reviews it as
 * it reviews a draft (its office, in writing, not by countersignature: Arts. 25, 28), before the decision may be
 * published. Changes it finds unlawful send the matter back to the meeting.
 */

/**
 * Art. 25, 30: the text adopted is the one reviewed, or one of the alternatives it carried (Art. 12 para. 4: the organ
 * chooses among the 方案 the review found lawful with the draft; it was refused, leaving the alternatives pointless:
 * statute tester); a text adopted with changes is named, for its supplementary review.
 */
function adoptedTextFollows(s: ProcedureState, p: { outcome: string; adoptedTextHash?: string }): void {
  const reviewed = reviewedText(s)!;
  const alternative = reviewedAlternatives(s).find((a) => a.documentHash === p.adoptedTextHash);
  const carried = reviewedAlternatives(s).map((a) => `${a.title} ${a.documentHash}`);
  if (p.outcome === 'adopt' && p.adoptedTextHash !== undefined && p.adoptedTextHash !== reviewed && !alternative) {
    refuse(R.TextMismatch, {
      zh: `通过的文本（adoptedTextHash ${p.adoptedTextHash}）不是经合法性审查的决策草案（${reviewed}${carried.length ? `，或者随草案审查的备选方案：${carried.join('；')}` : ''}）：原样通过的，只能是经审查合法的文本；会议修改了草案的，应当作出修改后通过的决定（adopt_with_changes），修改后的文本经补充合法性审查后方可公布`,
      en: `the text adopted (adoptedTextHash ${p.adoptedTextHash}) is not the draft found lawful in legality review (${reviewed}${carried.length ? `, or an alternative reviewed with it: ${carried.join('; ')}` : ''}): a draft adopted as it stands is the reviewed text; if the meeting changed it, decide adopt_with_changes, and the changed text is reviewed again before it is published`,
    }, art(25), art(30));
  }
  // An adjustment's alternative that is the text in force adopts no change: the decision stands by not adopting the
  // adjustment (retest: the text in force, carried as an alternative, was adopted and published again as the change).
  if (alternative && s.pendingChange && alternative.documentHash === s.inForce?.publication.documentHash) {
    refuse(R.InvalidPayload, {
      zh: `adoptedTextHash：备选方案“${alternative.title}”（${alternative.documentHash}）就是正在执行的决策文本；维持原决策的，应当作出不予通过的决定（not_adopt），原决策继续执行`,
      en: `adoptedTextHash: the alternative "${alternative.title}" (${alternative.documentHash}) is the text in force; to keep the decision as it is, decide not_adopt, and it stays in execution`,
    }, art(30), art(37));
  }
  if (p.outcome === 'adopt_with_changes') {
    if (!p.adoptedTextHash) refuse(R.MissingDocument, {
        zh: `修改后通过的，应当载明修改后的文本（adoptedTextHash）：修改部分未经合法性审查，修改后的文本须经负责合法性审查的部门补充审查后方可公布（经审查的草案为 ${reviewed}）`,
        en: `a draft adopted with changes names the changed text (adoptedTextHash): the changes were not reviewed, and the changed text goes to the legality review body before it is published (the draft reviewed was ${reviewed})`,
      }, art(25), art(30));
    if (p.adoptedTextHash === reviewed || alternative) refuse(R.InvalidPayload, {
        zh: `adoptedTextHash：修改后通过的文本（${p.adoptedTextHash}）就是经合法性审查的${alternative ? `备选方案“${alternative.title}”` : '决策草案'}；未作修改的，应当作出通过的决定（adopt）`,
        en: `adoptedTextHash: the text adopted with changes (${p.adoptedTextHash}) is the very ${alternative ? `alternative "${alternative.title}"` : 'draft'} reviewed; a text adopted unchanged is adopted (adopt)`,
      }, art(30));
  }
}

/** Art. 25, 30, 32: the changed text is not published before the supplementary legality review finds it lawful. */
function changesNotReviewed(s: ProcedureState, forCongress = false): never {
  const then = forCongress ? { zh: '提请人民代表大会或者其常务委员会讨论决定、向其报告', en: 'goes to the people\'s congress or its standing committee' } : { zh: '公布', en: 'is published' };
  return refuse(R.TextMismatch, {
    zh: `决策机关修改后通过的文本（${s.decision!.adoptedTextHash}）与经合法性审查的决策草案（${reviewedText(s)}）不一致，修改部分尚未经合法性审查：应当由负责合法性审查的部门对修改后的文本进行补充合法性审查（reviewAdoptedChanges），认为合法后方可${then.zh}`,
    en: `the text adopted with changes (${s.decision!.adoptedTextHash}) differs from the draft found lawful (${reviewedText(s)}) and the changes have not been reviewed: the legality review body reviews the changed text (reviewAdoptedChanges), and only a text it finds lawful ${then.en}`,
  }, art(25), art(30), forCongress ? art(8) : art(32));
}

/** Art. 32: the document published is the text adopted, with the explanation of how opinions were adopted where the public or experts were heard. */
function publishedTextFollows(s: ProcedureState, p: { documentHash: string; adoptionExplanationHash?: string }): void {
  const adopted = s.decision?.adoptedTextHash;
  if (adopted !== undefined && p.documentHash !== adopted) {
    const changed = s.decision!.outcome === 'adopt_with_changes';
    refuse(R.TextMismatch, {
      zh: `公布的文件（documentHash ${p.documentHash}）不是决策机关${changed ? '修改后通过并经补充合法性审查' : '通过'}的文本（${adopted}）：应当公布决定通过的文本`,
      en: `the document published (documentHash ${p.documentHash}) is not the text the decision organ adopted${changed ? ' with changes, as the supplementary legality review found it lawful' : ''} (${adopted}): publish the text adopted`,
    }, art(30), art(32));
  }
  if (adoptionExplanationNeeded(s) && !p.adoptionExplanationHash) {
    const heard = [s.applicability!.publicParticipation.required ? ['公众参与', 'public participation'] : undefined, s.applicability!.expertArgumentation.required ? ['专家论证', 'expert argumentation'] : undefined].filter((x): x is string[] => !!x);
    refuse(R.MissingDocument, {
      zh: `本决策经过${heard.map((x) => x[0]).join('和')}，属于社会公众普遍关心或者专业性、技术性较强的重大行政决策，公布时应当说明公众意见、专家论证意见的采纳情况（adoptionExplanationHash）`,
      en: `the decision went through ${heard.map((x) => x[1]).join(' and ')}, so it is of public concern or technical: its publication carries the explanation of how the public's and experts' opinions were adopted (adoptionExplanationHash)`,
    }, art(32));
  }
}

/**
 * Whether the decision differs from the view of most of the meeting's members (Art. 30 para. 2). Under `majorityOfOthers`
 * the chief executive's decision is set against the other members present, a reserved view (保留意见) counting with
 * those against: the chief executive abstaining, the two others reserving, was no majority to depart from (statute
 * tester). Before, every member present was counted, and only agree against disagree.
 */
function againstMajority(s: ProcedureState, outcome: string, profile: ProcedureProfile, chief: string): boolean {
  const others = profile.majorityOfOthers;
  const present = s.discussion?.members.filter((m) => m.present && !(others && m.id === chief)) ?? [];
  const agree = present.filter((m) => m.view === 'agree').length;
  const disagree = present.filter((m) => m.view === 'disagree' || (others && m.view === 'reserve')).length;
  if (outcome === 'adopt' || outcome === 'adopt_with_changes') return disagree > agree;
  if (outcome === 'not_adopt') return agree > disagree;
  return false;
}
const OUTCOME_ZH: Record<string, string> = { adopt: '通过', adopt_with_changes: '修改后通过', not_adopt: '不予通过', postpone: '暂缓', further_study: '进一步研究' };

/**
 * Two times as the minutes' readers read them: Beijing time to the minute, e.g. 2026-12-01 09:00（北京时间）, or to the
 * second or the millisecond where the minute does not tell them apart (a fresh-eyes tester was told 07:57 早于 07:57).
 */
function beijingApart(a: number, b: number): [string, string] {
  const at = (ms: number, length: number) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, length).replace('T', ' ')}（北京时间）`;
  const length = [16, 19].find((l) => at(a, l) !== at(b, l)) ?? 23;
  return [at(a, length), at(b, length)];
}

/**
 * Arts. 25, 30 (decisions under `meetingDate`): the meeting the minutes record was held before they are recorded, by
 * the decision's own clock (the workflow's time, never the API's), and after the legality review's opinion on the draft
 * it discussed: a draft is submitted for discussion only once reviewed.
 */
function meetingHeldWhenItCould(s: ProcedureState, date: string | number, now: number): void {
  const held = instantMs(date);
  if (held > now) {
    const [shownHeld, shownNow] = beijingApart(held, now);
    refuse(R.InvalidPayload, {
      zh: `meeting.date：会议时间${shownHeld}晚于本决策此时的时间${shownNow}；集体讨论情况应当在会议召开后如实记录，不得预先记录`,
      en: `meeting.date: the meeting's time ${new Date(held).toISOString()} is after this decision's present time ${new Date(now).toISOString()}; the discussion is recorded once the meeting has sat, not before`,
    }, art(30));
  }
  const reviewed = s.legality?.opinion?.at;
  if (reviewed !== undefined && held < reviewed) {
    const [shownHeld, shownReviewed] = beijingApart(held, reviewed);
    refuse(R.InvalidPayload, {
      zh: `meeting.date：会议时间${shownHeld}早于合法性审查意见出具的时间${shownReviewed}；决策草案应当经合法性审查后再提交集体讨论`,
      en: `meeting.date: the meeting's time ${new Date(held).toISOString()} is before the legality review's opinion of ${new Date(reviewed).toISOString()}; a draft goes to the discussion only once reviewed`,
    }, art(25), art(30));
  }
}

/** The steps after which a matter comes back to a meeting: its postponement, a decision on it, the changes' review. */
const SENT_BACK: Record<string, { zh: string; en: string }> = {
  decide: { zh: '上一次作出决定', en: 'the last decision on it' },
  postpone: { zh: '决定暂缓', en: 'its postponement' },
  reviewAdoptedChanges: { zh: '对修改内容的合法性审查', en: 'the legality review of its changes' },
};

/**
 * A meeting taking the matter up again sat after what sent it back (Arts. 25, 30, 38; decisions under `meetingsInOrder`):
 * the first meeting's date on the second minutes would pass the old discussion off as the new one.
 */
function meetingAfterWhatSentItBack(s: ProcedureState, date: string | number): void {
  const held = instantMs(date);
  const last = [...s.timeline].reverse().find((e) => e.action in SENT_BACK);
  if (!last || held >= last.at) return;
  const [shownHeld, shownLast] = beijingApart(held, last.at);
  const what = SENT_BACK[last.action];
  refuse(R.InvalidPayload, {
    zh: `meeting.date：会议时间${shownHeld}早于${what.zh}的时间${shownLast}（第${last.seq}条记录）；再次讨论的会议应当在其后召开，不得以此前的会议代替`,
    en: `meeting.date: the meeting's time ${new Date(held).toISOString()} is before ${what.en} at ${new Date(last.at).toISOString()} (entry ${last.seq}); the matter is discussed again at a meeting held after it, not by an earlier one`,
  }, art(30), ...(last.action === 'reviewAdoptedChanges' ? [art(25)] : last.action === 'decide' ? [] : [art(38)]));
}

/**
 * The materials of the collective discussion that the record holds (Art. 29), as the minutes name them: the draft on
 * the table, the legality opinion on it, and where they were required the adoption report, the experts' report and the
 * risk report. The minutes form offers them (GET /decisions/:id/discussion-materials): a secretary had to find the very
 * bytes outside the system (second tester).
 */
export function materialsOnRecord(s: ProcedureState): Partial<Payloads['recordDiscussion']['materials']> {
  const draft = currentDraft(s);
  const a = s.applicability;
  return {
    ...(draft ? { draftHash: draft.documentHash } : {}),
    ...(s.legality?.opinion ? { legalityOpinionHash: s.legality.opinion.opinionHash } : {}),
    ...(a?.publicParticipation.required && s.publicParticipation?.adoptionReport ? { adoptionReportHash: s.publicParticipation.adoptionReport.reportHash } : {}),
    ...(a?.expertArgumentation.required && s.expert?.completed ? { expertReportHash: s.expert.completed.adoptionReportHash } : {}),
    ...(s.risk ? { riskReportHash: s.risk.reportHash } : priorReport(s)),
    ...evaluationReport(s),
  };
}

/** An adjustment's: the report of the last post-decision evaluation of the decision in force (Art. 36 para. 4). */
function evaluationReport(s: ProcedureState): { evaluationReportHash?: string } {
  const report = s.pendingChange ? s.evaluations.filter((e) => e.report).at(-1)?.report : undefined;
  return report ? { evaluationReportHash: report.reportHash } : {};
}

/** The report of an earlier risk assessment standing for this one (Art. 22 para. 2), where the declaration names it by hash. */
function priorReport(s: ProcedureState): { riskReportHash?: string } {
  const r = s.applicability?.riskAssessment;
  return r?.required && isHash(r.priorAssessmentRef) ? { riskReportHash: r.priorAssessmentRef } : {};
}
