import type { OfficeHeld } from '../authority/offices';
import type { Instant } from './instant';
import type { HearingCategory } from './matters';
import type { Actor } from './roles';
import type { Applicability, CommentsAnswered, DecisionOutcome, DiscussionMember, LegalityOutcome } from './state';

/**
 * The payload of each human step, by action name. Hashes are 'sha256:<hex>' or 'sm3:<hex>'.
 * Times (Instant) are ISO 8601 date-times with an offset or Z, e.g. '2026-12-04T09:00:00+08:00';
 * epoch milliseconds are still read, for records made before, but new requests use ISO 8601.
 */
export interface Payloads {
  /**
   * The deciding organ's decision to start the procedure (决定启动决策程序, Arts. 10, 11), signed by its chief executive:
   * the proposal it decides on (`proposal`: where it came from, who made it, the proposal and the research and
   * argumentation it was submitted with, Art. 10; `source: 'catalog'` for a matter the organ's catalog already lists,
   * Art. 3 para. 3, named by `catalogRef`), and the undertaking unit it designates (`undertakingUnit`, the lead unit,
   * 牵头的决策承办单位, where `coUnits` share the work, Art. 11). `documentHash`: the organ's decision, where kept.
   */
  decideToStart: {
    proposal: { source: ProposalSource; proposer: string; documentHash?: string; argumentationHash?: string; catalogRef?: string };
    undertakingUnit: string;
    coUnits?: string[];
    documentHash?: string;
  };
  submitDraft: { documentHash: string; explanationHash: string; alternatives?: { title: string; documentHash: string }[]; comparisonHash?: string; material?: boolean; reason?: string };
  declareApplicability: Applicability;
  /**
   * The undertaking unit's consultation (充分协商, Art. 13) of a department of the deciding organ or a lower government
   * (`unit`, by organisation id) whose duties the matter concerns or which it closely touches: that unit's opinion
   * (`opinionHash`), and whether they agree (`agreed`); where not, the main points in dispute (`disputedIssues`). A later
   * consultation of the same unit replaces the earlier (a disagreement resolved). Decisions under `consultation`.
   */
  consultDepartment: { unit: string; opinionHash: string; agreed: boolean; disputedIssues?: string };
  /**
   * The talks with a special group whose interests the matter concerns (Art. 14 para. 3, 沟通协商): the group as declared
   * (`group`), with whom (`with`: its people's organisations 人民团体, social organisations 社会组织 and representatives of
   * the group 群众代表, the representatives always among them), and the record of the opinions heard (`recordHash`).
   */
  consultSpecialGroup: { group: string; with: { kind: SpecialGroupParty; name: string }[]; recordHash: string };
  openPublicComment: { days: number; channels: string[]; shortenedReason?: string };
  closePublicComment: Record<string, never>;
  /**
   * `category` of a participant and `organisedBy` (the organisation organising the hearing) are read where a matter's
   * law asks for them (matters.ts: consumers' share of a pricing hearing, the price department organising it).
   */
  /**
   * The hearing's time, place and how its participants will be selected, published before they are (Art. 16 paras 2–3,
   * profiles.ts `hearingAnnounced`): scheduleHearing then names the participants selected so.
   */
  announceHearing: { hearingId: string; date: Instant; place: string; selectionMethodHash: string; organisedBy?: string; online?: boolean };
  scheduleHearing: {
    hearingId: string;
    date: Instant;
    /** Where it is held (Art. 16 para. 2: 明确听证时间、地点); under `hearingAnnounced`, the place announced (left out: that place). */
    place?: string;
    selectionMethodHash: string;
    participants: { id: string; name: string; interested: boolean; category?: HearingCategory }[];
    organisedBy?: string;
    /** Held online (网络听证), where the decision's profile allows it (profiles.ts `onlineHearing`). */
    online?: boolean;
  };
  deliverHearingMaterials: { hearingId: string };
  /** `absent`: participants who did not attend (缺席), each with the reason where one is known; they sign nothing (Art. 17). */
  /**
   * A hearing announced or scheduled and not held, called off (Art. 16): `reason` is published with the notice, which
   * stays public marked cancelled. Announced again under its id, it is held after all.
   */
  cancelHearing: { hearingId: string; reason: string };
  recordHearing: { hearingId: string; transcriptHash: string; signedBy: string[]; refusals?: { participantId: string; witness: string }[]; absent?: { participantId: string; reason?: string }[] };
  recordParticipationForm: { form: 'symposium' | 'site_visit' | 'written_solicitation' | 'questionnaire' | 'poll' | 'group_consultation'; recordHash: string };
  /**
   * Each group of opinions and its response. Where the public commented through the system, the comments each group
   * answers are named either inline (`commentHashes`: the receipts, for a few) or, at any volume, by `commentsAnswered`:
   * the answers as the system holds them for that draft (GET /decisions/:id/comment-answers), their number and the
   * Merkle root over every (receipt, group) pair (libs/record/comment-answers.ts), each group with its `commentCount`.
   */
  submitAdoptionReport: {
    reportHash: string;
    groups: { groupHash: string; response: 'adopted' | 'partly_adopted' | 'not_adopted'; reason?: string; commentHashes?: string[]; commentCount?: number }[];
    commentsAnswered?: CommentsAnswered;
  };
  /** `institution`: the panel member is a professional institution (专业机构, Art. 19), which may seal its opinion instead of signing it. */
  /**
   * `changeReason`: named again once members have argued, why the members who have not are taken off (ill, withdrawn,
   * not answering): those who argued stay, with their opinions (Art. 20).
   */
  appointExpertPanel: { form: 'meeting' | 'written' | 'commissioned'; experts: { id: string; name: string; organisation: string; field: string; directInterest: boolean; institution?: boolean }[]; changeReason?: string };
  /** A written opinion is signed (署名) or, from an institution, sealed (盖章): Art. 19. */
  submitExpertOpinion: { opinionHash: string; signed?: boolean; sealed?: boolean };
  /** The minutes of an expert meeting (论证会), signed by the panel members who argued there: they stand for those members' opinions (Art. 19). */
  submitExpertMinutes: { minutesHash: string; signedBy: string[] };
  completeExpertArgumentation: { adoptionReportHash: string };
  /**
   * Art. 23 asks for the report, its risk points, the prevention measures and the contingency plan, after hearing the departments
   * concerned; a risk level is not required. Each content field is a document hash or a short text.
   */
  submitRiskAssessment: {
    level?: 'low' | 'medium' | 'high';
    controllable: boolean;
    reportHash: string;
    thirdParty: boolean;
    departmentsHeard?: string[];
    riskPoints?: string;
    measures?: string;
    contingencyPlan?: string;
  };
  /**
   * The assessor engaged for this decision (委托第三方, Art. 23 para. 3) by the unit that organises the assessment
   * (Art. 22): `organisation` is its id; `contractHash` the engagement (委托书), where kept.
   */
  engageRiskAssessor: { organisation: string; contractHash?: string };
  /** The deciding organ's judgment whether the risk is controllable (Art. 24); `reasons` where it departs from the assessment. */
  judgeRisk: { controllable: boolean; reasons?: string };
  submitForLegalityReview: { materialsHash: string; procedureExplanationHash: string };
  pauseLegalityReview: { kind: 'supplement' | 'consultation' | 'expert_advice'; reason: string };
  resumeLegalityReview: { materialsHash?: string };
  submitLegalOpinion: { opinionHash: string };
  /** `draftHash`: the draft the opinion is on; where named, it must be the draft submitted for review (Art. 25). */
  issueLegalityOpinion: { form: 'review' | 'opinion_solicitation' | 'countersignature'; outcome: LegalityOutcome; opinionHash: string; draftHash?: string; requiredChanges?: string; legalRisks?: string; earlyReason?: string };
  /**
   * The minutes of the meeting (Art. 30). `meeting.kind`: 'executive' (常务会议) or 'plenary' (全体会议) of a government,
   * 'department' (局务会, a department's leadership meeting, Art. 42). Under the profile's `meetingRecord`:
   * `meeting.chiefExecutiveId` names the chief executive (行政首长) among the members, `speakingOrder` the members present
   * in the order they spoke (the chief executive last), each present member's `confirmation` is that member's own
   * (`by` is the member; `signatureHash` the signed page of the record, where kept), and a view against or reserved
   * carries its `statement`, as spoken.
   */
  recordDiscussion: {
    meeting: { kind: string; date: Instant; presidingId: string; chiefExecutiveId?: string };
    membersTotal: number;
    members: DiscussionMember[];
    speakingOrder?: string[];
    legalAdviserPresent: boolean;
    minutesHash: string;
    /**
     * `disagreementHash` (decisions under `consultation`): where a unit consulted under Art. 13 still disagrees, the
     * statement to the deciding organ of the main points in dispute, the units' opinions, and the undertaking unit's
     * view, reasons and basis.
     */
    materials: { draftHash: string; legalityOpinionHash: string; adoptionReportHash?: string; expertReportHash?: string; riskReportHash?: string; fairCompetitionReviewHash?: string; disagreementHash?: string; /** An adjustment's: the last post-decision evaluation's report (Art. 36 para. 4). */ evaluationReportHash?: string };
  };
  /**
   * `adoptedTextHash`: the text adopted. Adopted as reviewed, it may be named and must be the draft found lawful
   * or one of the alternatives that draft carried (Art. 12 para. 4);
   * adopted with changes (修改后通过), it must be named: the changed text, which goes to a supplementary legality review.
   */
  decide: { outcome: DecisionOutcome; reasons?: string; changesHash?: string; adoptedTextHash?: string; reviewDate?: Instant };
  /** The supplementary legality review (补充合法性审查) of a text adopted with changes: `textHash` is the changed text reviewed. */
  reviewAdoptedChanges: { form: 'review' | 'opinion_solicitation' | 'countersignature'; outcome: 'lawful' | 'unlawful'; textHash: string; opinionHash: string; reasons?: string };
  reportToPartyCommittee: { reportHash: string };
  /**
   * The same-level Party committee's reply to the organ's request (请示, Art. 31): the reply document and what it says,
   * agreed (同意) or with objections (提出不同意见); `reasons` summarises the objections.
   */
  recordPartyCommitteeReply: { replyHash: string; outcome: 'agreed' | 'objections'; reasons?: string };
  /**
   * Art. 8: a matter the people's congress or its standing committee discusses and decides (`decide` declared), or that
   * is reported to the standing committee before it is issued (`report`), handled as the rules provide: to whom it went
   * (`body`), its document (the resolution or decision, or the report: `documentHash`) and, for a decision, whether the
   * congress approved (`outcome`). Recorded by the deciding organ (its chief executive or general office).
   */
  recordCongressAction: { body: 'congress' | 'standing_committee'; documentHash: string; outcome?: 'approved' | 'not_approved' };
  /**
   * Art. 32: where it is published (`channels`; none for a decision withheld by law), its document and the explanation of
   * the opinions adopted. A matter declared not to be disclosed (Art. 14) that is published after all states on what
   * basis it may now be (`disclosureBasis`: declassified, or the secrecy covered only its making).
   */
  publish: { channels: string[]; documentHash: string; adoptionExplanationHash?: string; disclosureBasis?: string };
  /**
   * The decision published, published through a further channel too (Art. 32: 通过本级人民政府公报和政府网站以及…报纸等途径):
   * the gazette's issue comes out weeks after the website. The same document; `reference` names where (期号、版面).
   */
  recordFurtherPublication: { channels: string[]; documentHash: string; reference?: string };
  /**
   * Art. 32: a decision of public concern or a technical one is explained to the public (宣传解读) by a press conference,
   * an interview or the like (`form`; `other` with its `description`), its record by hash (`recordHash`: the transcript,
   * the explainer published).
   */
  interpretDecision: { form: (typeof INTERPRETATION_FORMS)[number]; recordHash: string; description?: string };
  archive: { archiveRef: string };
  /** The execution unit(s) the deciding organ designates (Art. 34), by organisation id; `documentHash`: the designating text, where kept. */
  designateExecutionUnit: { organisations: string[]; documentHash?: string };
  submitExecutionReport: { reportHash: string; problem: boolean };
  /**
   * The deciding organ's supervision and inspection of the execution (督促检查, Art. 34): its record (`findingsHash`),
   * the units inspected where named (designated execution units), and an order to correct (`correction`) where the
   * findings call for one, with the date it is due.
   */
  superviseExecution: { findingsHash: string; units?: string[]; correction?: { order: string; dueBy?: Instant } };
  /**
   * Art. 35 para. 2: an opinion a citizen, legal person or other organisation sent the deciding organ or the execution
   * unit on the decision and its implementation (by letter, telephone, e-mail and the like: `channel`), as received
   * (`feedbackHash`), and how the receiver handled it (`handling`, `handlingHash` where a reply or record is kept).
   */
  recordPublicFeedback: { channel: FeedbackChannel; feedbackHash: string; handling: string; handlingHash?: string };
  /** The deciding organ organises the post-decision evaluation and names the unit that carries it out (Art. 36), by organisation id. */
  /** `situation`: which of Art. 36's three situations the organ evaluates in (decisions under `evaluationSituation`); `trigger` says how. */
  commissionEvaluation: { organisation: string; trigger: string; situation?: EvaluationSituation; documentHash?: string };
  startEvaluation: { trigger: string };
  /**
   * Art. 36 para. 3 (开展决策后评估，应当注重听取社会公众的意见，吸收人大代表、政协委员、人民团体、基层组织、社会组织参与评估):
   * `publicOpinionHash`, the record of how the public's opinions were heard; `participants`, the deputies, members and
   * organisations who took part, each by kind and name. Both required of decisions under `evaluationParticipation`.
   */
  submitEvaluation: {
    reportHash: string;
    recommendation: 'continue' | 'adjust' | 'suspend' | 'terminate';
    publicOpinionHash?: string;
    participants?: { kind: EvaluationParticipant; name: string }[];
  };
  /**
   * Art. 37: the chief executive suspends execution first, where a situation of Art. 35 arose in execution
   * (`situation`) and the matter is urgent (`urgency`, why it cannot wait for the procedure); `reason`, the decision's.
   * Both are required of decisions under `suspensionGrounds`.
   */
  suspendExecution: { reason: string; situation?: SuspensionSituation; urgency?: string };
  resumeExecution: { reason: string };
  startAdjustment: { kind: 'adjust' | 'terminate'; reason: string };
  /**
   * A step another law adds for the decision's matter type (matters.ts): its record, the organisation that organised
   * it, and its conclusion where the law asks for one (the fair-competition review's, the majority's objection).
   */
  recordMatterStep: { matterType: string; step: string; recordHash: string; organisedBy: string; conclusion?: string };
  withdraw: { reason: string };
  postpone: { reason: string; reviewDate: Instant };
  resumeFromPostponement: { reason: string };
}

export type ActionName = keyof Payloads;

/** With whom a special group's interests are talked over (Art. 14 para. 3): 人民团体, 社会组织, 群众代表. */
export const SPECIAL_GROUP_PARTIES = ['people_organisation', 'social_organisation', 'representatives'] as const;
export type SpecialGroupParty = (typeof SPECIAL_GROUP_PARTIES)[number];
/**
 * Who takes part in an evaluation (Art. 36 para. 3): NPC deputies (人大代表), CPPCC members (政协委员), people's
 * organisations (人民团体), grassroots organisations (基层组织), social organisations (社会组织).
 */
export const EVALUATION_PARTICIPANTS = ['npc_deputy', 'cppcc_member', 'people_organisation', 'grassroots_organisation', 'social_organisation'] as const;
export type EvaluationParticipant = (typeof EVALUATION_PARTICIPANTS)[number];
export const EVALUATION_PARTICIPANT_ZH: Record<EvaluationParticipant, string> = {
  npc_deputy: '人大代表',
  cppcc_member: '政协委员',
  people_organisation: '人民团体',
  grassroots_organisation: '基层组织',
  social_organisation: '社会组织',
};
/**
 * Art. 35's situations, in which alone the chief executive suspends execution first (Art. 37): the decision has a
 * problem (存在问题), the objective circumstances changed materially (客观情况发生重大变化), or force majeure or the
 * like seriously affects its aims (不可抗力等严重影响决策目标实现).
 */
export const SUSPENSION_SITUATIONS = ['problem', 'changed_circumstances', 'force_majeure'] as const;
export type SuspensionSituation = (typeof SUSPENSION_SITUATIONS)[number];
/** Each in the decree's words (Art. 35). */
export const SUSPENSION_SITUATION_ZH: Record<SuspensionSituation, string> = {
  problem: '决策存在问题',
  changed_circumstances: '客观情况发生重大变化',
  force_majeure: '不可抗力等严重影响决策目标实现',
};
/** Art. 36's situations in which the deciding organ may organise a post-decision evaluation. */
export const EVALUATION_SITUATIONS = ['below_expectations', 'many_opinions', 'organ_deems_necessary'] as const;
export type EvaluationSituation = (typeof EVALUATION_SITUATIONS)[number];
/** Each in the decree's words (Art. 36 para. 1). */
export const EVALUATION_SITUATION_ZH: Record<EvaluationSituation, string> = {
  below_expectations: '重大行政决策实施后明显未达到预期效果',
  many_opinions: '公民、法人或者其他组织提出较多意见',
  organ_deems_necessary: '决策机关认为有必要',
};
/** Where a public comment on a draft came in (Art. 15): the website, or a letter, e-mail, call, fax or visit an official entered. */
export const COMMENT_CHANNELS = ['website', 'letter', 'email', 'phone', 'fax', 'visit', 'other'] as const;
export type CommentChannel = (typeof COMMENT_CHANNELS)[number];
/** How an opinion during execution came (Art. 35 para. 2: 信件、电话、电子邮件等方式). */
export const FEEDBACK_CHANNELS = ['letter', 'phone', 'email', 'visit', 'online', 'other'] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];

/**
 * Where a proposal for a decision item comes from (Art. 10): the organ's leaders (决策机关领导人员), its departments
 * (所属部门), a lower government (下一级人民政府), people's congress deputies (人大代表), CPPCC members (政协委员), citizens,
 * legal persons or other organisations (公民、法人或者其他组织); or the organ's own catalog (Art. 3 para. 3).
 */
export const PROPOSAL_SOURCES = ['leaders', 'department', 'lower_government', 'deputies', 'members', 'public', 'catalog'] as const;
export type ProposalSource = (typeof PROPOSAL_SOURCES)[number];

/** The actor's signature of the step as requested, checked by the API against the actor's registered key. */
export interface StepSignature {
  keyId: string;
  algorithm: string;
  /** base64 */
  value: string;
  /** Part of what was signed (with the decision, action, actor and payload). */
  idempotencyKey: string;
}

/**
 * A step as the workflow takes it. `office`: the appointment the signer relied on, found by the API among the
 * registrars' appointments (absent for experts, who act by the panel, and in decisions made before offices were checked).
 */
export type Command = { [K in ActionName]: { action: K; actor: Actor; payload: Payloads[K]; signature?: StepSignature; office?: OfficeHeld } }[ActionName];

/** How a decision is explained to the public (Art. 32: 通过新闻发布会、接受访谈等方式进行宣传解读). */
export const INTERPRETATION_FORMS = ['press_conference', 'interview', 'policy_explainer', 'online_qa', 'other'] as const;

export const ACTION_NAMES = [
  'decideToStart', 'submitDraft', 'declareApplicability', 'consultDepartment', 'consultSpecialGroup', 'openPublicComment', 'closePublicComment', 'announceHearing', 'scheduleHearing', 'deliverHearingMaterials',
  'recordHearing', 'cancelHearing', 'recordParticipationForm', 'submitAdoptionReport', 'appointExpertPanel', 'submitExpertOpinion',
  'submitExpertMinutes', 'completeExpertArgumentation', 'engageRiskAssessor', 'submitRiskAssessment', 'judgeRisk', 'submitForLegalityReview', 'pauseLegalityReview', 'resumeLegalityReview',
  'submitLegalOpinion', 'issueLegalityOpinion', 'recordDiscussion', 'decide', 'reviewAdoptedChanges', 'reportToPartyCommittee', 'recordPartyCommitteeReply', 'recordCongressAction', 'publish', 'recordFurtherPublication', 'interpretDecision', 'archive',
  'designateExecutionUnit', 'submitExecutionReport', 'superviseExecution', 'recordPublicFeedback', 'commissionEvaluation', 'startEvaluation', 'submitEvaluation', 'suspendExecution', 'resumeExecution', 'startAdjustment',
  'recordMatterStep', 'withdraw', 'postpone', 'resumeFromPostponement',
] as const satisfies readonly ActionName[];

/** Every action of `Payloads` is named in ACTION_NAMES: TypeScript names the one left out (the rule table, rules/index.ts, is keyed the same way). */
type Unnamed = Exclude<ActionName, (typeof ACTION_NAMES)[number]>;
const _everyActionNamed: [Unnamed] extends [never] ? true : Unnamed = true;

/** A document hash names its algorithm: SHA-256 or SM3 (GM/T 0004), 64 hex digits. */
export const HASH_PATTERN = /^(sha256|sm3):[0-9a-f]{64}$/;
