import type { DecisionAuthority } from '../authority/offices';
import type { Citation } from './articles';
import type { EvaluationParticipant, EvaluationSituation, FeedbackChannel, ProposalSource, SpecialGroupParty, SuspensionSituation } from './commands';
import type { HearingCategory } from './matters';
import type { Actor, Role } from './roles';

/** Where a decision stands in the procedure. */
export const Phase = {
  /** 拟订决策草案 (Art. 12, 13): drafting, and declaring which conditional stages apply. */
  Drafting: 'drafting',
  /** 公众参与、专家论证、风险评估 (Art. 14–24), in parallel. */
  Consultation: 'consultation',
  /** 合法性审查 (Art. 25–28). */
  LegalityReview: 'legality_review',
  /** 集体讨论决定 (Art. 29–31). */
  Discussion: 'discussion',
  /** Decided; awaiting the Party-committee report and publication (Art. 31, 32). */
  Decided: 'decided',
  /** Published; awaiting archiving (Art. 33). */
  Published: 'published',
  /** 决策执行 and 决策后评估 (Art. 34–37). */
  Execution: 'execution',
  /** The decision's procedure has ended (withdrawn, not adopted, terminated). */
  Closed: 'closed',
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

export const PHASE_LABELS: Record<Phase, string> = {
  drafting: '拟订决策草案 (drafting)',
  consultation: '公众参与、专家论证、风险评估 (consultation)',
  legality_review: '合法性审查 (legality review)',
  discussion: '集体讨论决定 (collective discussion)',
  decided: '已决定，待公布 (decided, to be published)',
  published: '已公布，待归档 (published, to be archived)',
  execution: '决策执行 (execution)',
  closed: '已结束 (closed)',
};

/** Conditions laid over the phase. */
export const Hold = {
  None: 'none',
  /** 暂缓: postponed, with a reason and a review date. */
  Postponed: 'postponed',
  /** 中止: execution suspended by the chief executive (Art. 37). */
  Suspended: 'suspended',
} as const;
export type Hold = (typeof Hold)[keyof typeof Hold];

export type ClosedReason = 'withdrawn' | 'not_adopted' | 'terminated';

export interface DraftVersion {
  version: number;
  documentHash: string;
  explanationHash: string;
  alternatives: { title: string; documentHash: string }[];
  comparisonHash?: string;
  /** A change that counts as substantial re-opens public participation (Art. 18; E1). */
  material: boolean;
  reason?: string;
  by: string;
  at: number;
}

export interface Applicability {
  /**
   * Art. 14: public participation unless the matter may lawfully not be disclosed. In the adjustment of a decision
   * withheld by law (Art. 37), participation states the basis on which the matter may now be disclosed.
   */
  publicParticipation: { required: true; disclosureBasis?: string } | { required: false; nonDisclosureBasis: string };
  /** Art. 16: a hearing is required (by law, or decided). */
  hearingRequired: boolean;
  /** Art. 19: professional or technical matter. */
  expertArgumentation: { required: boolean; reason: string };
  /** Art. 22: may affect social stability, public safety, environment or public finance. */
  riskAssessment: { required: boolean; reason: string; priorAssessmentRef?: string };
  /** Art. 29(1): concerns market entities' economic activity, so the fair-competition review is needed. */
  affectsMarket: boolean;
  /**
   * Art. 13 (decisions under `consultation`): the departments of the deciding organ and lower governments whose duties
   * the matter concerns or which it closely touches, by organisation id: each is consulted before the legality review.
   */
  unitsConcerned?: string[];
  /** Art. 14 para. 3 (decisions under `consultation`): the special groups whose interests the matter concerns, each talked with before the adoption report. */
  specialGroups?: string[];
  /**
   * Art. 8 (decisions under `consultation`): the matter is within what the people's congress or its standing committee
   * discusses and decides (`decide`), or is reported to the standing committee before it is issued (`report`).
   */
  peoplesCongress?: 'decide' | 'report';
}

export interface Deadline {
  id: string;
  label: string;
  basis: Citation;
  /** minimum: nothing may close it early; maximum: it becomes overdue. */
  type: 'minimum' | 'maximum';
  unit: 'calendar' | 'working';
  days: number;
  startedAt: number;
  dueAt?: number;
  remindAt?: number;
  reminded: boolean;
  status: 'running' | 'paused' | 'elapsed' | 'met' | 'overdue' | 'cancelled';
  calendarVersion: string;
  provisional: boolean;
  /** Time that does not count (supplementing materials, consultation). */
  tolled: { from: number; to?: number; reason: string }[];
  usedWorkingDays?: number;
  /** The reason a minimum period was cut short, where one was allowed. */
  shortenedReason?: string;
  /** Who ended a minimum period early that protects them (the legality reviewer, Art. 26), waiving the rest of it. */
  waivedBy?: string;
}

export interface Hearing {
  id: string;
  date: number;
  /** Where it is held (under `hearingAnnounced`: the place announced). */
  place?: string;
  noticePublishedAt: number;
  selectionMethodHash: string;
  participants: { id: string; name: string; interested: boolean; category?: HearingCategory }[];
  /** The organisation that organises the hearing, where a matter's law names who does (the price department). */
  organisedBy?: string;
  /** Held online (网络听证), under a profile that allows it. */
  online?: boolean;
  materialsDeliveredAt?: number;
  held?: { transcriptHash: string; signedBy: string[]; refusals: { participantId: string; witness: string }[]; absent?: { participantId: string; reason?: string }[]; at: number };
}

/** The answers to every comment received on a draft, as the adoption report signs them (Art. 18): see Payloads.submitAdoptionReport. */
export interface CommentsAnswered {
  draftVersion: number;
  count: number;
  /** 'sha256:<hex>', the Merkle root (RFC 6962) over the pairs sorted by receipt. */
  root: string;
}

export interface PublicParticipation {
  draftVersion: number;
  comment?: { deadlineId: string; channels: string[]; openedAt: number; closedAt?: number; shortenedReason?: string; days: number };
  hearings: Hearing[];
  /** Hearings announced (time, place, selection method) before their participants are named (`hearingAnnounced`, Art. 16). */
  hearingsAnnounced?: { id: string; date: number; place: string; selectionMethodHash: string; organisedBy?: string; online?: boolean; at: number; /** Called off, and why (cancelHearing): public with the notice. */ cancelled?: { reason: string; by: string; at: number } }[];
  otherForms: { form: string; recordHash: string; at: number }[];
  adoptionReport?: { reportHash: string; groups: { groupHash: string; response: 'adopted' | 'partly_adopted' | 'not_adopted'; reason?: string; commentHashes?: string[]; commentCount?: number }[]; at: number; commentsAnswered?: CommentsAnswered };
}

export interface ExpertArgumentation {
  draftVersion: number;
  appointedBy: string;
  form: 'meeting' | 'written' | 'commissioned';
  panel: { id: string; name: string; organisation: string; field: string; institution?: boolean }[];
  opinions: { expertId: string; opinionHash: string; at: number; sealed?: boolean }[];
  /** Minutes of the expert meeting, each signed by the members who argued there (form 'meeting'). */
  minutes?: { minutesHash: string; signedBy: string[]; by: string; at: number }[];
  completed?: { adoptionReportHash: string; at: number };
  /** Members who had not argued, taken off the panel after others had, and why (Art. 20: one ill, or withdrawing). */
  changes?: { dropped: string[]; added: string[]; reason: string; by: string; at: number }[];
}

export interface RiskAssessment {
  draftVersion: number;
  assessor: { id: string; organisation: string; thirdParty: boolean };
  /** Not required by Art. 23; kept where the assessor gives one. */
  level?: 'low' | 'medium' | 'high';
  controllable: boolean;
  reportHash: string;
  /** Art. 23's content, where recorded: the departments heard, the risk points, the measures, the contingency plan. */
  departmentsHeard?: string[];
  riskPoints?: string;
  measures?: string;
  contingencyPlan?: string;
  at: number;
  /** The deciding organ's judgment whether the risk is controllable (Art. 24; decisions under `organJudgesRisk`). */
  judgement?: { controllable: boolean; reasons?: string; by: string; at: number };
}

/** An organisation the deciding organ (or the unit organising the assessment) designated, engaged or commissioned, and by whom. */
export interface Designation {
  organisation: string;
  documentHash?: string;
  by: string;
  at: number;
}

export type LegalityOutcome = 'lawful' | 'lawful_with_changes' | 'returned' | 'unlawful' | 'exploratory';

export interface LegalityReview {
  draftVersion: number;
  submittedBy: string;
  submittedAt: number;
  materialsHash: string;
  /** The explanation of the procedure followed (Art. 26), kept for decisions under `freshDocumentsPerCycle`. */
  procedureExplanationHash?: string;
  /** The materials of the earlier rounds of review of this draft returned as incomplete (returnedResubmitted): not sent again. */
  returnedMaterials?: string[];
  minDeadlineId: string;
  maxDeadlineId?: string;
  paused?: { kind: 'supplement' | 'consultation' | 'expert_advice'; reason: string; at: number; by: string };
  legalOpinions: { by: string; capacity: 'legal_adviser' | 'public_lawyer'; opinionHash: string; at: number }[];
  /** `draftHash`: the draft the opinion is on (decisions under the chain of texts). */
  opinion?: { outcome: LegalityOutcome; opinionHash: string; by: string; at: number; draftHash?: string; requiredChanges?: string; legalRisks?: string; earlyReason?: string };
}

/** 同意, 不同意, 保留意见 (a view reserved, which is dissent too: Art. 38 para. 3), 弃权. */
export type MemberView = 'agree' | 'disagree' | 'reserve' | 'abstain';

/** The kinds of meeting that discuss a draft: a government's executive or plenary meeting (Art. 30), a department's 局务会 (Art. 42). */
export type MeetingKind = 'executive' | 'plenary' | 'department';

/** A member of the meeting as the minutes record them. */
export interface DiscussionMember {
  id: string;
  name: string;
  present: boolean;
  view?: MemberView;
  /** What the member said; a view against or reserved is recorded in the member's words (Art. 30 para. 3). */
  statement?: string;
  /** The member's own confirmation of the view as recorded (`by` is the member), and the signed page where kept. */
  confirmation?: { confirmed: boolean; by: string; signatureHash?: string };
}

export interface Discussion {
  draftVersion: number;
  recordedBy: string;
  meeting: { kind: MeetingKind; date: number; presidingId: string; chiefExecutiveId?: string };
  membersTotal: number;
  members: DiscussionMember[];
  /** The members present in the order they spoke, the chief executive last (decisions under `meetingRecord`). */
  speakingOrder?: string[];
  legalAdviserPresent: boolean;
  minutesHash: string;
  /** The statement of a disagreement left unresolved, as submitted with the materials (Arts. 13, 29; decisions under `consultation`). */
  disagreementHash?: string;
  at: number;
}

export type DecisionOutcome = 'adopt' | 'adopt_with_changes' | 'not_adopt' | 'postpone' | 'further_study';

export interface ChiefDecision {
  outcome: DecisionOutcome;
  by: string;
  reasons?: string;
  changesHash?: string;
  againstMajority: boolean;
  at: number;
  /**
   * The text adopted (decisions under the chain of texts, `textChain`): the draft the legality review found lawful,
   * or, adopted with changes, the changed text, which a supplementary legality review must find lawful before it is published.
   */
  adoptedTextHash?: string;
  /** The supplementary legality review of the changed text (Arts. 25, 28). */
  changesReview?: { textHash: string; opinionHash: string; outcome: 'lawful' | 'unlawful'; reasons?: string; by: string; at: number };
  /** The legal advisers' and public lawyers' opinions on the changed text, before its supplementary review (Art. 28; `changesLegalOpinion`). */
  changesLegalOpinions?: { by: string; capacity: 'legal_adviser' | 'public_lawyer'; opinionHash: string; at: number }[];
  /** The adjustment this decision adopted, restored if its changed text is found unlawful and the meeting must decide again. */
  changeInProcedure?: PendingChange;
  /**
   * The decision adopted stops the execution of the decision in force (an adjustment of kind 'terminate', decisions under
   * `terminationIssued`): reported, published and archived as any decision, the procedure then ends (Arts. 31–33, 37).
   */
  terminates?: true;
}

/** The texts of one pass to publication, as an inspector reads them: reviewed → adopted (→ changes reviewed) → published. */
export interface TextChain {
  cycle: number;
  /** The draft the legality review found lawful (Art. 25). */
  reviewed?: string;
  /** The text the meeting adopted (Art. 30); absent in decisions made before the chain was kept. */
  adopted?: string;
  outcome?: DecisionOutcome;
  /** Adopted with changes: the changed text a supplementary legality review found lawful, and its opinion. */
  changesReviewed?: { textHash: string; opinionHash: string; outcome: 'lawful' | 'unlawful' };
  /** The document published (Art. 32), and the explanation of how opinions were adopted, where given. */
  published?: string;
  adoptionExplanation?: string;
  /** Issued withheld by law (Art. 32: 依法不予公开), through no channel. */
  withheld?: true;
  /** Withdrawn: before any decision, or adopted and not issued (the Party committee objecting); the decision in force stays (the verifier's reading). */
  withdrawn?: true;
}

/** A step another law adds, as taken (matters.ts). */
export interface MatterStepRecord {
  matterType: string;
  step: string;
  recordHash: string;
  /** The organisation that organised it. */
  organisedBy: string;
  conclusion?: string;
  draftVersion: number;
  by: string;
  at: number;
}

/** A consultation of a unit concerned (Art. 13), as recorded: the latest per unit in a cycle stands. */
export interface UnitConsultation {
  unit: string;
  opinionHash: string;
  agreed: boolean;
  disputedIssues?: string;
  cycle: number;
  draftVersion: number;
  by: string;
  at: number;
}

/** The talks with a special group (Art. 14 para. 3), as recorded. */
export interface GroupConsultation {
  group: string;
  with: { kind: SpecialGroupParty; name: string }[];
  recordHash: string;
  cycle: number;
  draftVersion: number;
  by: string;
  at: number;
}

/** A change after the decision: adjustment or termination, only by the procedure (Art. 37). */
export interface PendingChange {
  kind: 'adjust' | 'terminate';
  reason: string;
  by: string;
  at: number;
}

export interface ProcedureState {
  decisionId: string;
  profileId: string;
  undertakingUnit: string;
  /**
   * The catalog item it was registered under (Art. 3 para. 3), fixed at registration: the item the organ's start on a
   * catalog proposal must name. Absent in states carried over from runs that kept none.
   */
  catalogRef?: string;
  /** Whose decision it is (the deciding organ, its legality review body); absent in decisions registered before offices were checked. */
  authority?: DecisionAuthority;
  /** The matter types of its catalog item (matters.ts), fixed at registration: what other laws add. Absent: none. */
  matterTypes?: string[];
  /** The steps other laws add (recordMatterStep), in order. */
  matterSteps?: MatterStepRecord[];
  /**
   * The deciding organ's decision to start the procedure (Arts. 10, 11; decisions under `organStartsAndIssues`): the
   * proposal, the undertaking unit it designated (the lead unit where `coUnits` share the work), by its chief executive.
   */
  initiation?: {
    proposal: { source: ProposalSource; proposer: string; documentHash?: string; argumentationHash?: string; catalogRef?: string };
    undertakingUnit: string;
    coUnits: string[];
    documentHash?: string;
    by: string;
    at: number;
  };
  phase: Phase;
  hold: Hold;
  /**
   * `reviewDeadlineId`: the time limit the review date became (decisions under `postponementReview`); `atMeeting`: the
   * meeting postponed its decision (decide), so a new discussion meets it, not the resumption alone.
   */
  holdInfo?: { reason: string; by: string; at: number; reviewDate?: number; reviewDeadlineId?: string; atMeeting?: boolean; situation?: SuspensionSituation; urgency?: string };
  /**
   * The suspension of the decision in force (Art. 37) while a postponement of its adjustment holds `hold` (decisions
   * under `executionThroughAdjustment`): it comes back when the postponement is lifted.
   */
  suspensionBeneath?: NonNullable<ProcedureState['holdInfo']>;
  /**
   * The documents of the passes before this one (decisions under `freshDocumentsPerCycle`): the review materials, the legal
   * and legality opinions, the minutes and the Party report of each, which an adjustment does not take again (Art. 37).
   */
  earlierPasses?: { hash: string; as: string; cycle: number }[];
  /** The minutes of every discussion recorded (decisions under `meetingsInOrder`): a new meeting is not recorded in them. */
  minutesTaken?: string[];
  closedReason?: ClosedReason;
  /** Each pass from drafting to decision; an adjustment starts a new cycle. */
  cycle: number;
  pendingChange?: PendingChange;
  drafts: DraftVersion[];
  applicability?: Applicability;
  publicParticipation?: PublicParticipation;
  expert?: ExpertArgumentation;
  risk?: RiskAssessment;
  /** The third-party assessors engaged for this pass (Art. 23 para. 3; decisions under `organActs`). */
  riskEngagements?: Designation[];
  legality?: LegalityReview;
  discussion?: Discussion;
  decision?: ChiefDecision;
  /** `draftVersion`: the draft the report or request concerned (decisions under `organStartsAndIssues`). */
  partyReport?: { reportHash: string; at: number; by: string; draftVersion?: number; seq?: number };
  /** The Party committee's reply to the report or request (Art. 31; decisions under `organStartsAndIssues`): the latest stands. */
  partyReply?: { replyHash: string; outcome: 'agreed' | 'objections'; reasons?: string; answers?: number; by: string; at: number };
  /** The consultations of the units concerned (Art. 13; decisions under `consultation`), in order, every cycle's. */
  unitConsultations?: UnitConsultation[];
  /** The talks with special groups (Art. 14 para. 3; decisions under `consultation`), in order, every cycle's. */
  groupConsultations?: GroupConsultation[];
  /** What the people's congress or its standing committee did with the matter (Art. 8; decisions under `consultation`), in order. */
  congressActions?: { body: 'congress' | 'standing_committee'; documentHash: string; outcome?: 'approved' | 'not_approved'; cycle: number; by: string; at: number; /** The entry of the decision it concerned (`congressOnDecision`). */ decided?: number }[];
  publication?: { channels: string[]; documentHash: string; adoptionExplanationHash?: string; at: number; nonDisclosureBasis?: string; disclosureBasis?: string; deadlineId?: string; /** When a decision published withheld was published through channels (`withheldDisclosedLater`). */ disclosedAt?: number; /** The channels it was published through since (recordFurtherPublication), in order. */ further?: { channels: string[]; reference?: string; by: string; at: number }[] };
  /**
   * The decision in force while an adjustment takes it through the procedure again (Art. 37): its publication and the
   * participation published with it, as they stood when the adjustment started. It stays the public's (Art. 32) until
   * the adjusted decision is itself published.
   */
  inForce?: {
    publication: NonNullable<ProcedureState['publication']>;
    publicParticipation?: Pick<PublicParticipation, 'draftVersion' | 'adoptionReport'>;
    /** Published withheld and the Party committee objecting (or the congress refusing) when the change began: not disclosed (`disclosureDuringChange`). */
    disclosureBarred?: 'congress' | 'party';
  };
  archive?: { archiveRef: string; at: number };
  /** The execution units the deciding organ designated (Art. 34; decisions under `organActs`): the latest designation stands. */
  executionUnits?: { organisations: string[]; documentHash?: string; by: string; at: number };
  executionReports: { reportHash: string; problem: boolean; by: string; at: number }[];
  /** How the decision was explained to the public (宣传解读, Art. 32; decisions under `interpretation`), in order, each in its pass. */
  interpretations?: { form: string; recordHash: string; description?: string; by: string; at: number; cycle: number }[];
  /** The deciding organ's supervision of the execution (督促检查, Art. 34; decisions under `organStartsAndIssues`), in order. */
  supervisions?: { findingsHash: string; units?: string[]; correction?: { order: string; dueBy?: number }; reportsSeen: number; by: string; at: number }[];
  /** The opinions received during execution and their handling (Art. 35 para. 2; decisions under `consultation`), in order. */
  /** `handling`: carried by states from before 2026-12-06 only; the entry of the step holds it. */
  publicFeedback?: { channel: FeedbackChannel; feedbackHash: string; handling?: string; handlingHash?: string; by: string; role: Role; organisation: string; at: number }[];
  /** The post-decision evaluation the deciding organ commissioned and the unit it named (Art. 36; decisions under `organActs`). */
  evaluationCommission?: Designation & { trigger: string; situation?: EvaluationSituation; started?: boolean };
  evaluations: { evaluator: { id: string; organisation: string }; trigger: string; startedAt: number; report?: { reportHash: string; recommendation: 'continue' | 'adjust' | 'suspend' | 'terminate'; at: number; publicOpinionHash?: string; participants?: { kind: EvaluationParticipant; name: string }[] } }[];
  deadlines: Deadline[];
  /** Who signed the registration (its seq 0, not in the timeline): a person who acted for the undertaking unit (personsSeparate). */
  registeredBy?: string;
  /**
   * The pass (cycle) in which the deciding organ's meeting has taken up the draft (decisions under `collectiveDecision`):
   * from then on the matter is the organ's, not the undertaking unit's to withdraw, whatever the meeting decided.
   */
  organSeizedCycle?: number;
  /** Every accepted step, in order: the timeline. */
  timeline: { seq: number; action: string; actor: Pick<Actor, 'id' | 'name' | 'role' | 'organisation'>; at: number; articles: string[] }[];
  /** The experts who argued by signing the minutes of an expert meeting, in any pass (they sign no step of their own): Art. 36 para. 2. */
  arguedInMinutes?: string[];
}

export function initialState(input: { decisionId: string; profileId: string; undertakingUnit: string; catalogRef?: string; authority?: DecisionAuthority; matterTypes?: string[]; registeredBy?: string }): ProcedureState {
  const { authority, matterTypes, catalogRef, registeredBy, ...rest } = input;
  return {
    ...rest,
    ...(registeredBy ? { registeredBy } : {}),
    ...(catalogRef ? { catalogRef } : {}),
    ...(authority ? { authority } : {}),
    ...(matterTypes?.length ? { matterTypes: [...matterTypes], matterSteps: [] } : {}),
    phase: Phase.Drafting,
    hold: Hold.None,
    cycle: 1,
    drafts: [],
    executionReports: [],
    evaluations: [],
    deadlines: [],
    timeline: [],
  };
}

export function currentDraft(s: ProcedureState): DraftVersion | undefined {
  return s.drafts[s.drafts.length - 1];
}
