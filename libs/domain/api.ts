import type { Role } from './procedure/roles';
import type { Payloads } from './procedure/commands';

/**
 * What the API answers, as JSON, for the reads its web application shows:
 * one description shared by the API (its handlers are typed with these, so a
 * change to an answer is a change here) and the browser (apps/web). Times are
 * ISO 8601 strings. Plain types only: the web bundle imports this file.
 */

/** An error answer: `message` Chinese first with the English beside it; a refusal (422) adds its code and articles. */
export interface ApiErrorBody {
  statusCode: number;
  error?: string;
  message: string | string[];
  /** The refusal's code (422), e.g. WRONG_STAGE. */
  code?: string;
  /** The articles a refusal rests on, as users read them. */
  articles?: string[];
  retryAfterSeconds?: number;
}

/** A row of GET /decisions: the decisions table's mirror of each workflow's phase, hold and overdue. */
export interface DecisionListItemView {
  id: string;
  title: string;
  undertakingDepartment: string;
  catalogRef: string;
  profile: string;
  phase: string;
  hold: string;
  overdue: boolean;
  registeredAt: string;
  updatedAt: string;
}

/** One page of GET /decisions. */
export interface DecisionListPage {
  items: DecisionListItemView[];
  total: number;
  pageSize: number;
  page?: number;
  nextCursor: string | null;
}

/** The registration as the decisions table keeps it (GET /decisions/:id, `record`). */
export interface DecisionRecordView {
  id: string;
  title: string;
  undertakingDepartment: string;
  catalogRef: string;
  legalBasis: string[];
  profile: string;
  workflowId: string;
  runId: string;
  registeredAt: string;
  phase: string;
  hold: string;
  overdue: boolean;
  updatedAt: string;
}

/** An item of the decision catalog (决策事项目录, Art. 3). */
/** Whose catalog the caller publishes now (GET /catalog-items/publisher): the deciding organ their office is of (Arts. 3, 42). */
export interface CatalogPublisherView {
  organisationId: string;
  /** Its registered name, which the web form offers as the item's 决策机关. */
  name: string;
}

export interface CatalogItemView {
  ref: string;
  year: number;
  title: string;
  organ: string;
  partyConsentRef: string;
  adjustmentReason: string | null;
  publishedAt: string;
  /** The matter types other laws give their own procedure (procedure/matters.ts); empty: none. */
  matterTypes: string[];
  /** The government whose catalog it is (its publisher's deciding organ); null for items published before it was kept. */
  governmentId: string | null;
  /**
   * That organ's registered name (a department's, for its own catalog, Art. 42): what the portal shows as 决策机关.
   * `organ` is the publisher's own wording, not checked against it; null where the organ is not kept or not registered.
   */
  organName: string | null;
}

/** A draft open (or once open) for public comment (Art. 14–15), with the documents the public reads. */
export interface ConsultationView {
  decisionId: string;
  title: string;
  undertakingDepartment: string;
  /** The undertaking unit's registered name (杭州市交通运输局); its id where it is not registered. */
  undertakingDepartmentName: string;
  draftVersion: number;
  documentHash: string;
  explanationHash: string;
  alternatives: { title: string; documentHash: string }[];
  comparisonHash: string | null;
  channels: string[];
  days: number;
  shortenedReason: string | null;
  openedAt: string;
  /** When the period ends (24:00 of its last day), null while paused. */
  periodEnds: string | null;
  /** The period's last day, YYYY-MM-DD in the decision's time zone. */
  lastDay: string | null;
  /** Whether a comment is taken now. */
  open: boolean;
  /** How the comments were answered (Art. 18), once the report is made. */
  adoptionReport: AdoptionReportView | null;
}

/**
 * A hearing as the public is told of it ahead (Art. 16 paras 2–3): its time, place and how its participants are
 * selected, once announced; the participants' names once named; and the draft it is on (its documents public).
 */
export interface HearingNoticeView {
  hearingId: string;
  /** When it is held, in the decision's time zone. */
  date: string;
  place: string;
  /** The organisation organising it where a law names one (the price department); null otherwise. */
  organisedBy: string | null;
  online: boolean;
  /** The selection method's document, served at /documents/:hash. */
  selectionMethodHash: string;
  announcedAt: string;
  /** The draft it is on: its text and explanation, served at /documents/:hash. */
  draftVersion: number;
  documentHash: string;
  explanationHash: string;
  /** The participants by name, once named (名单应当提前向社会公布); null before. */
  participants: { name: string; interested: boolean }[] | null;
  participantsPublishedAt: string | null;
  held: boolean;
  /** Not held, and it will not be: called off (cancelHearing), or the decision was closed (withdrawn, not adopted) before (retest: shown as upcoming). */
  cancelled: boolean;
  /** Why it was called off, as the undertaking unit published it; null where it was not (or the decision closed). */
  cancellationReason: string | null;
}

/**
 * How the undertaking unit answered the public's comments on a draft (Art. 18):
 * the report's hash, and each group of comments with its response and reason.
 */
export interface AdoptionReportView {
  reportHash: string;
  /** The draft the comments were on. */
  draftVersion: number;
  submittedAt: string;
  /** `comments`: how many of the public's comments the group answers; null where the report did not say (comments not received through the system). */
  groups: { groupHash: string; response: 'adopted' | 'partly_adopted' | 'not_adopted'; reason: string | null; comments: number | null }[];
}

/** A decision as it was published (Art. 32), for the public: only what the publication made public. */
export interface PublishedDecisionView {
  decisionId: string;
  title: string;
  undertakingDepartment: string;
  undertakingDepartmentName: string;
  publishedAt: string;
  /** Where it was published (政府公报, 政府网站, …). */
  channels: string[];
  /** The channels it was published through since, as each carried it (the gazette's issue after the website), with the issue or page where given. */
  furtherPublications: { channels: string[]; reference?: string; at: string }[];
  /** The published decision document's hash (the document is served at /documents/:hash). */
  documentHash: string;
  /** The adoption report of its public consultation, where one was made. */
  adoptionReport: AdoptionReportView | null;
  /**
   * Art. 32: the explanation, published with the decision, of how the public's opinions and the experts' were adopted
   * (公众意见、专家论证意见的采纳情况), where the decision carried one (served at /documents/:hash).
   */
  adoptionExplanationHash: string | null;
  /** Art. 32: how the decision was explained to the public since its publication (宣传解读): the form, its record's hash, when. */
  interpretations: { form: string; recordHash: string; description?: string; at: string }[];
  /**
   * Where the decision stands (Art. 37): in force; being adjusted by the procedure (the decision published still in
   * force meanwhile); or its execution stopped, the publication shown being the decision to stop it where that was
   * published (decisions registered before: the decision it stopped); or changed by a decision published under a law
   * that keeps it from the public, the publication shown being the one it changed; or its execution suspended (中止执行)
   * by the chief executive until it is resumed or the decision changed.
   */
  standing: 'in_force' | 'adjusting' | 'terminated' | 'changed_withheld' | 'suspended';
  /** Where its execution is suspended: since when. */
  suspendedSince?: string;
}

/** The receipt of a public comment: its hash. */
export interface CommentReceipt {
  receipt: string;
  decisionId: string;
  draftVersion: number;
  submittedAt: string;
  periodEnds: string;
}

/** A receipt traced to the comment and to the group of the adoption report that answers it (Art. 18). */
export interface CommentTrace {
  comment: { hash: string; decisionId: string; draftVersion: number; text: string; channel: string; submittedAt: string; nonce: string | null };
  answer: {
    seq: number;
    reportHash: string;
    groupHash: string;
    response: 'adopted' | 'partly_adopted' | 'not_adopted';
    reason: string | null;
    entryHash: string | null;
    /**
     * Where the report signs its answers by their root (commentsAnswered): the audit path of this receipt's answer
     * under that root, which anyone can check (libs/record/comment-answers.ts, verifyAnswerProof).
     */
    proof?: { root: string; index: number; size: number; proof: string[] };
  } | null;
}

/** A comment received on the draft being answered, as the undertaking unit works through them (Art. 18). */
export interface CommentListItem {
  receipt: string;
  text: string;
  channel: string;
  /** The official who entered a comment that came by letter, call, e-mail, fax or visit; null for the website's. */
  enteredBy: string | null;
  submittedAt: string;
  /** The hash of the normalized text: the same for copies that differ only in spacing, punctuation or width. */
  textKey: string | null;
  /** The group answering it, until then null. */
  groupHash: string | null;
}

/** Near-identical comments (a campaign, say), shown once with their count, to be answered at once. */
export interface CommentCluster {
  /** The receipt that stands for the cluster (the smallest). */
  cluster: string;
  count: number;
  unanswered: number;
  /** Distinct normalized texts in it: 1 for exact copies. */
  texts: number;
  sample: { receipt: string; text: string };
  /**
   * Who is in it, as a digest ('sha256:' of the members' receipts in order, one a line): answering the cluster with it
   * (expectedMembers) answers these comments or none, however the grouping moved since.
   */
  members: string;
}

/** Where the answers to a draft's comments stand, and what the adoption report signs once all are answered. */
export interface CommentAnswersSummary {
  decisionId: string;
  /** The draft whose comments these are; null before any draft went out for comment. */
  draftVersion: number | null;
  /** The adoption report on this draft is recorded: its answers are frozen. */
  reported: boolean;
  received: number;
  answered: number;
  unanswered: number;
  groups: { groupHash: string; commentCount: number }[];
  /** What the report signs (Payloads.submitAdoptionReport.commentsAnswered); null while a comment is unanswered. */
  commentsAnswered: { draftVersion: number; count: number; root: string } | null;
  /**
   * The intake, so that nothing is silently dropped: comments stored on this draft and the distinct texts among them;
   * and, for the decision as a whole (all its drafts), repeats folded and requests refused by the rate limit.
   */
  intake: { received: number; distinctTexts: number; folded: number; rateLimited: number };
}

/** A step the procedure refused, kept for inspectors. */
export interface StepRefusalView {
  id: string;
  decisionId: string;
  action: string;
  actorId: string;
  actorName: string;
  actorRole: Role | string;
  actorOrganisation: string;
  code: string;
  message: string;
  articles: string[];
  payload: unknown;
  attemptedAt: string;
}

/** An actor's registered public key. */
export interface ActorKeyView {
  keyId: string;
  actorId: string;
  algorithm: string;
  publicKey: string;
  validFrom: string;
  validTo: string;
  revokedAt: string | null;
  revocationReason: string | null;
  registeredAt: string;
  endorsedBy: string | null;
}

/**
 * What the web application needs to know of the server before it starts:
 * whether sign-in (OpenID Connect, authorization code with PKCE) is on, and
 * with which issuer and client. Null: no issuer configured, sign-in is off.
 */
export interface WebClientConfig {
  oidc: { authority: string; clientId: string; scope: string } | null;
}

/** The discussion's materials the record holds, by the minutes' fields (GET /decisions/:id/discussion-materials; Art. 29). */
export type DiscussionMaterialsView = Partial<Payloads['recordDiscussion']['materials']>;

/** A person who sits in a decision's deciding organ's meeting now (GET /decisions/:id/meeting-members; Art. 30). */
export interface MeetingMemberView {
  personId: string;
  personName: string;
  /** chief_executive or meeting_member. */
  role: string;
  /** Where the office is held: the deciding organ. */
  organisation: { id: string; name: string; kind: string };
}

/** An office a person holds now, as the tasks answer names it. */
export interface OfficeView {
  appointmentId: string;
  role: string;
  organisationId: string;
  organisationName: string;
}

/** A step a person may take now in one decision (GET /tasks). */
export interface MyTaskView {
  decisionId: string;
  title: string;
  undertakingDepartment: string;
  phase: string;
  action: string;
  role: Role | string;
  /** Who signs it: the person, in the role, for the organisation of the appointment that lets them. */
  actor: { id: string; name: string; role: string; organisation: string };
  /** The time limit it runs against, if any. */
  deadline: {
    id: string;
    label: string;
    /** As people read it: 《…》第二十七条 (… Art. 27). */
    basis: string;
    type: 'minimum' | 'maximum';
    unit: 'calendar' | 'working';
    days: number;
    status: string;
    dueAt: string | null;
    /** The period's last day, YYYY-MM-DD; null while paused. */
    lastDay: string | null;
    /** Days after today up to and including the last day, counted in the deadline's unit (working days where the statute counts them); negative once missed. */
    daysLeft: number | null;
  } | null;
  overdue: boolean;
  /** What the step waits for before it can be signed (OpenTask.waitingFor): said beside it. */
  waitingFor?: { zh: string; en: string; basis: string };
}

/** One page of GET /tasks: the person's offices, and the open steps of one page of the decisions they touch. */
export interface MyTasksPage {
  personId: string;
  offices: OfficeView[];
  items: MyTaskView[];
  /** Decisions looked at for this page (at most pageSize). */
  decisions: number;
  pageSize: number;
  page: number;
  nextPage: number | null;
  /** Decisions looked at whose workflows did not answer (stuck, or not in Temporal): their steps may be missing here. */
  unanswering: UnansweringDecision[];
}

/**
 * One part a person had in a decision's record (GET /people/:personId/accountability; 责任倒查, Art. 38): a step they
 * signed, or a meeting whose minutes name them presiding or as a member, with the view minuted (a view against counts
 * for them where the decision proves seriously wrong, Art. 38 para. 3).
 */
export interface AccountabilityItem {
  decisionId: string;
  title: string;
  seq: number;
  action: string;
  /** When the step was taken (the record's time). */
  at: string;
  /** The step's articles, as the record cites them. */
  articles: string[];
  entryHash: string | null;
  /** Signed by the person: in which role, for which organisation, through which appointment (where offices were checked). */
  signed: { role: string; organisation: string; office: { appointmentId: string; organisation: string } | null } | null;
  /** Named in the minutes of the deciding organ's meeting (recordDiscussion). */
  minuted: {
    meetingDate: string | null;
    presiding: boolean;
    chiefExecutive: boolean;
    /** As a member: present or not, the view minuted and the words of a view against or reserved. */
    member: { present: boolean; view: string | null; statement: string | null } | null;
  } | null;
}

export interface AccountabilityPage {
  /** The person asked of, as asked, and the ids the registrars appointed them under (the same person in any case; as asked where none). */
  personId: string;
  knownAs: string[];
  items: AccountabilityItem[];
  /** Steps and meetings found in the decisions the caller sees, over every page. */
  total: number;
  nextCursor: string | null;
}

export interface UnansweringDecision {
  id: string;
  title: string;
}

/** GET /statistics: decisions by phase, in the procedure's order, with the overdue among them. */
export interface DecisionStatistics {
  byPhase: { phase: string; total: number; overdue: number }[];
  total: number;
  overdue: number;
  /** The year's figures, as governments report them in their annual rule-of-law reports. */
  year: YearFigures;
}

/**
 * What happened in one calendar year (Beijing time) to the decisions the
 * caller sees, optionally of one government: counted from the record's steps
 * and the clock's events, so they are the figures an inspector can check.
 */
export interface YearFigures {
  year: number;
  /** The government narrowed to, if any. */
  government: string | null;
  registered: number;
  /** Decisions the deciding organ decided (adopted, adopted with changes, not adopted…) in the year. */
  decided: number;
  /** Of those, how many had a legality opinion before the decision (Art. 25), and the rate. */
  legalityReviewed: number;
  legalityReviewRate: number | null;
  /** Decisions put out for public comment (Art. 14), and hearings held (Art. 16). */
  publicParticipation: number;
  hearings: number;
  /** Decisions whose experts were convened (Art. 19), and risk assessments made (Art. 22). */
  expertArgumentation: number;
  riskAssessments: number;
  /** Decisions published through some channel (Art. 32); one withheld by law (published through none) is not counted. */
  published: number;
  /** Steps that went past their statutory period (the clock's overdue events). */
  overdueSteps: number;
  /** Of those, postponed decisions whose review date passed with the matter still waiting: left undecided (久拖不决, Art. 38). */
  undecidedPastReview: number;
  /** Execution suspended (Art. 38) and adjustments started (Art. 37). */
  suspensions: number;
  adjustments: number;
  /**
   * The public's comments received in the year through the system (Art. 15): stored, distinct texts among them (copies
   * that differ only in spacing, punctuation or width count once); and, for the decisions that received them, the
   * repeats folded into a first comment and the comments the rate limit turned away. Nothing silently dropped.
   */
  comments: { received: number; distinctTexts: number; folded: number; rateLimited: number };
}

/** PUT /me/notification-preferences: how the signed-in official is told of new tasks, reminders and missed time limits. */
export interface NotificationPreferencesRequest {
  /** E-mail address, or null for no e-mail. */
  email: string | null;
  /** An http(s) URL the signed webhook is posted to (政务钉钉, 企业微信 …), or null for none. */
  webhookUrl: string | null;
  /** Make a new signing secret for the same URL (a new URL always gets one). */
  rotateSecret?: boolean;
  /**
   * What the webhook posts: our signed JSON, or a DingTalk (钉钉) or WeCom (企业微信) group robot's markdown
   * message (libs/notify/work-apps.ts). Left out: what the same `webhookUrl` already has (with its secret), and our
   * signed JSON for a new URL.
   */
  webhookFormat?: 'signed-json' | 'dingtalk' | 'wecom';
  /** A DingTalk robot's SEC secret, where the robot signs (加签): kept encrypted, never shown again. */
  workAppSecret?: string;
}

/** One notice as delivered (or not yet). */
export interface NotificationView {
  kind: 'new_task' | 'reminder' | 'overdue';
  channel: 'email' | 'webhook';
  decisionId: string;
  subject: string;
  status: 'pending' | 'sent' | 'failed' | 'cancelled';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** GET/PUT /me/notification-preferences: the official's channels and their latest notices. */
export interface NotificationPreferencesView {
  personId: string;
  email: string | null;
  webhookUrl: string | null;
  webhookFormat: 'signed-json' | 'dingtalk' | 'wecom';
  /** Whether the DingTalk robot's secret is held (its value is never shown). */
  workAppSecretHeld: boolean;
  /** Whether e-mail is sent at all (an SMTP server is configured). */
  emailAvailable: boolean;
  /** The webhook's signing secret: only in the answer to the PUT that registered the URL (or rotated it), never again. */
  webhookSecret?: string;
  updatedAt: string | null;
  recent: NotificationView[];
}

/** GET /decisions/:id/documents: a document a step of the decision names, readable at GET /documents/:hash by those who see the decision. */
export interface DecisionDocumentView {
  /** The entry naming it, and its action. */
  seq: number;
  action: string;
  /** The field of the step's payload that names it (documentHash, alternatives.0.documentHash, …). */
  field: string;
  hash: string;
  size: number;
  mediaType: string;
}
