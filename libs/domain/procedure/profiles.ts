import { art, type Citation } from './articles';

/**
 * Procedure rules that differ by place (Art. 43: provinces write their own
 * detailed rules). A decision keeps the profile it started under for its
 * whole life. Each parameter carries the rule it comes from, so a refusal
 * cites the profile's own rule.
 */
export interface ProcedureProfile {
  id: string;
  name: string;
  /** Public comment (向社会公开征求意见) is required whenever public participation is. */
  publicCommentRequired: { value: boolean; basis: Citation };
  /** Minimum public comment period, calendar days (Art. 15: generally at least 30). */
  minCommentDays: { value: number; basis: Citation };
  /** Hearing materials reach participants at least this many calendar days before (Art. 16: 7). */
  hearingMaterialsLeadDays: { value: number; basis: Citation };
  /** The hearing's time, place and participant list are published at least this many days ahead (Art. 16: "in advance"; 1 = the day before at the latest). */
  hearingNoticeLeadDays: { value: number; basis: Citation };
  /** Minimum share of interested-party representatives among hearing participants, 0..1. */
  hearingInterestedShare: { value: number; basis: Citation };
  /** Minimum experts on a panel (Art. 19, 20 set none; some places require 3). */
  minExperts: { value: number; basis: Citation };
  /** Working days the legality review is guaranteed (Art. 26: generally at least 7). */
  legalityReviewMinWorkingDays: { value: number; basis: Citation };
  /** Working days after which a legality review is overdue; undefined: no maximum. */
  legalityReviewMaxWorkingDays: { value?: number; basis: Citation };
  /**
   * Minimum share of meeting members present at the collective discussion, 0..1; 0: none. Art. 30 sets
   * none; a quorum comes from the government's work rules, which the basis cites.
   */
  discussionQuorum: { value: number; basis: Citation };
  /**
   * The presiding official is one of the members present (a meeting rule of the government's work rules,
   * not of Art. 30). Absent in profiles stored before it was a parameter: those decisions keep the rule
   * they started under, which checked it.
   */
  presidingMemberPresent?: { value: boolean; basis: Citation };
  /** A legal adviser attends the collective discussion. */
  legalAdviserAtDiscussion: { value: boolean; basis: Citation };
  /** Calendar days after the decision by which it is published; undefined: "promptly" only. */
  publicationDays: { value?: number; basis: Citation };
  /** Days before a deadline when a reminder is raised. */
  reminderDays: number;
  /**
   * The chain of texts (Arts. 25, 30, 32): the meeting adopts the text the legality review found lawful, or a changed
   * text that a supplementary legality review then finds lawful; what is published is the text adopted, with the
   * explanation of how the public's and experts' opinions were adopted where either was heard. This is the decree's
   * rule, not a local variation: it is kept in the profile only so that a decision keeps the rules it started under.
   * Absent in profiles stored before the rule: those decisions keep the rules they started with (nothing tied the texts).
   */
  textChain?: boolean;
  /**
   * The procedures other laws require for the decision's matter types (matters.ts: prices, land requisition, housing
   * expropriation, planning, fair-competition review) apply. Like the chain of texts, the law's rule, kept here only so
   * that a decision keeps the rules it started under; absent in profiles stored before: those decisions had no matter types.
   */
  otherLaws?: boolean;
  /**
   * The deciding organ acts as itself (Arts. 23, 34, 36, 37), signed by its chief executive (or, for the engagement of a
   * risk assessor, by the undertaking unit that organises the assessment, Art. 22): the organ designates the execution
   * unit (designateExecutionUnit), and execution reports come only from a unit it designated; it commissions the
   * post-decision evaluation and names its unit (commissionEvaluation), and only that unit evaluates; a third-party risk
   * assessment comes only from an organisation engaged for the decision (engageRiskAssessor); and an adjustment is
   * started by the organ's chief executive, not by the undertaking unit. The decree's rule, kept in the profile so that
   * a decision keeps the rules it started under: absent in profiles stored before it (their decisions go on as before).
   */
  organActs?: boolean;
  /**
   * Art. 24: whether the risk is controllable is the deciding organ's judgment (决策机关认为风险可控的，可以作出决策),
   * a step of its chief executive (judgeRisk) after the assessment; a draft whose risk the organ has not judged
   * controllable is not adopted. Absent in profiles stored before it: the assessor's finding stands, as before.
   */
  organJudgesRisk?: boolean;
  /**
   * The record of the meeting (Arts. 30, 42): the minutes name the chief executive (行政首长) and the order the members
   * spoke in, every member present once and the chief executive last; each member's view is confirmed by that member;
   * a view against or reserved (不同意、保留意见) carries its words; the chief executive named decides, and a decision
   * against the majority's view was explained at the meeting (the chief executive's words are in the minutes). The
   * meeting is the deciding organ's own: a government's executive or plenary meeting, a department's 局务会 (its
   * leadership meeting, Art. 42). The decree's rule, kept in the profile so that a decision keeps the rules it started
   * under: absent in profiles stored before it (their minutes are checked as before).
   */
  meetingRecord?: boolean;
  /**
   * A postponement's review date (暂缓后再行研究的时间) is a time limit (Arts. 30, 38): the meeting's postponement is met
   * by a new discussion, a postponement of the procedure by its resumption; passed without either, the decision is
   * overdue, reported as left undecided (久拖不决, Art. 38). Absent in profiles stored before it: the review date is
   * recorded only, as before.
   */
  postponementReview?: boolean;
  /**
   * The deciding organ's remaining acts (Arts. 10, 11, 31, 32, 34): it decides to start the procedure on a proposal and
   * designates the undertaking unit, the lead unit where several share the work (decideToStart; the undertaking unit's
   * steps then come only from the lead unit it designated); it reports, or requests instructions, to the same-level
   * Party committee and records the committee's reply (recordPartyCommitteeReply), as `partyCommittee` says; it
   * publishes the decision, through its general office or its chief executive, not the undertaking unit; and it
   * supervises the execution (superviseExecution). The decree's rule, kept in the profile so that a decision keeps the
   * rules it started under: absent in profiles stored before it (their decisions go on as before).
   */
  organStartsAndIssues?: boolean;
  /**
   * What starts the procedure of a decision registered from a catalog item (Arts. 3 para. 3, 10, 11; decisions under
   * `organStartsAndIssues`): 'catalog', the item the organ determined and published with the Party committee's consent
   * is its decision to take the matter up, and the department that registers it undertakes it (the organ may still
   * record its decision to start, with the proposal, the lead unit and the co-units); 'organ', the organ decides to
   * start each decision (decideToStart) before the undertaking unit drafts. Absent: 'catalog'.
   */
  startDecision?: { value: 'catalog' | 'organ'; basis: Citation };
  /**
   * How the decision goes to the same-level Party committee before it is issued (Art. 31, 按照规定向同级党委请示报告;
   * decisions under `organStartsAndIssues`): 'report', a report once decided, before publication (the committee's reply
   * is recorded where one comes, not waited for); 'request', a request for instructions (请示) before the collective
   * discussion, whose reply, agreeing, the publication waits for. Absent: 'report'.
   */
  partyCommittee?: { value: 'report' | 'request'; basis: Citation };
  /**
   * IANA time zone the decision's days are shown in (a deadline's last day,
   * times in answers); Asia/Shanghai when absent. Period arithmetic itself
   * counts days in China Standard Time (calendar.ts).
   */
  timeZone?: string;
}

export const NATIONAL_BASELINE: ProcedureProfile = {
  id: 'national',
  name: '国家基准 (national baseline, Decree No. 713)',
  publicCommentRequired: { value: false, basis: art(14) },
  minCommentDays: { value: 30, basis: art(15) },
  hearingMaterialsLeadDays: { value: 7, basis: art(16) },
  hearingNoticeLeadDays: { value: 1, basis: art(16) },
  hearingInterestedShare: { value: 0, basis: art(16) },
  minExperts: { value: 1, basis: art(19) },
  legalityReviewMinWorkingDays: { value: 7, basis: art(26) },
  legalityReviewMaxWorkingDays: { value: undefined, basis: art(28) },
  discussionQuorum: { value: 0, basis: { source: 'gov-work-rules' } },
  presidingMemberPresent: { value: false, basis: { source: 'gov-work-rules' } },
  legalAdviserAtDiscussion: { value: false, basis: art(30) },
  publicationDays: { value: undefined, basis: art(32) },
  reminderDays: 3,
  textChain: true,
  otherLaws: true,
  organActs: true,
  organJudgesRisk: true,
  meetingRecord: true,
  postponementReview: true,
  organStartsAndIssues: true,
  startDecision: { value: 'catalog', basis: art(3, 3) },
  partyCommittee: { value: 'report', basis: art(31) },
};

/**
 * Shandong, from what the project's sources establish: public comment is the
 * required form of participation, at least 30 days, and interested parties
 * are at least half of a required hearing's participants (Shandong
 * Public-Participation Working Measures, 2025; article numbers not yet
 * verified, so the measure is cited without one). The collective discussion
 * keeps the meeting rules the engine applied to Shandong decisions before they
 * became parameters (at least half the members present, the presiding official
 * among them), cited to the provincial government's work rules without an
 * article number: the text has not been verified. Everything else follows the
 * national baseline until the full provincial text is encoded.
 */
export const SHANDONG: ProcedureProfile = {
  ...NATIONAL_BASELINE,
  id: 'shandong',
  name: '山东省 (Shandong)',
  publicCommentRequired: { value: true, basis: { source: 'sd-pp' } },
  minCommentDays: { value: 30, basis: { source: 'sd-pp' } },
  hearingInterestedShare: { value: 0.5, basis: { source: 'sd-pp' } },
  discussionQuorum: { value: 0.5, basis: { source: 'sd-work-rules' } },
  presidingMemberPresent: { value: true, basis: { source: 'sd-work-rules' } },
};

export const PROFILES: Record<string, ProcedureProfile> = {
  [NATIONAL_BASELINE.id]: NATIONAL_BASELINE,
  [SHANDONG.id]: SHANDONG,
};

export function profileById(id: string): ProcedureProfile | undefined {
  return PROFILES[id];
}

/**
 * The rules of a decision that did not keep its profile (started before the profile was kept with it): the built-in
 * profile without the rules added since, so that such a decision, and its record, keep the rules they started with.
 */
export function profileAsKeptBefore(id: string): ProcedureProfile | undefined {
  const p = PROFILES[id];
  if (!p) return undefined;
  const kept: ProcedureProfile = { ...p };
  delete kept.textChain;
  delete kept.otherLaws;
  delete kept.organActs;
  delete kept.organJudgesRisk;
  delete kept.meetingRecord;
  delete kept.postponementReview;
  delete kept.organStartsAndIssues;
  delete kept.startDecision;
  delete kept.partyCommittee;
  return kept;
}
