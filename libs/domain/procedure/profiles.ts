import { art, type Citation } from './articles';
import type { Bilingual } from './refusal';
import type { ProfileRequirement } from './matters';

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
   * The meeting's date in the minutes (Arts. 25, 30) is a time the meeting could have sat: not after the decision's clock
   * when the minutes are recorded (a meeting is recorded once held), and not before the legality review's opinion on the
   * draft it discussed (a draft goes to the discussion only once reviewed). The decree's rule, kept in the profile so
   * that a decision keeps the rules it started under: absent in profiles stored before it (their dates are kept as given).
   */
  meetingDate?: boolean;
  /**
   * A postponement's review date (暂缓后再行研究的时间) is a time limit (Arts. 30, 38): the meeting's postponement is met
   * by a new discussion, a postponement of the procedure by its resumption; passed without either, the decision is
   * overdue, reported as left undecided (久拖不决, Art. 38). Absent in profiles stored before it: the review date is
   * recorded only, as before.
   */
  postponementReview?: boolean;
  /**
   * A hearing is scheduled only for a date its materials can still reach the participants before
   * (hearingMaterialsLeadDays ahead, Art. 16): one sooner could never be held lawfully, its materials refused for ever.
   * Absent in profiles stored before it: such a schedule is taken, as it was.
   */
  hearingMaterialsAtSchedule?: boolean;
  /**
   * Once the adoption report on a draft is in (Art. 18), its participation is over: no hearing is scheduled and no
   * other form recorded on it, for the report could not have studied what they heard, and the review would go ahead
   * with a hearing never held. A substantially revised draft is consulted on afresh. Absent in profiles stored
   * before it: such a step is taken, as it was.
   */
  participationEndsWithReport?: boolean;
  /**
   * A decision whose matter was declared not to be disclosed (Art. 14, `nonDisclosureBasis`) is published through
   * channels only with the basis on which it may now be (publish `disclosureBasis`): Art. 32 publishes every decision
   * "依法不予公开的除外". Without one it is recorded as withheld, no channel named. Absent in profiles stored before it:
   * published with channels alone, as it was.
   */
  disclosureOfWithheld?: boolean;
  /**
   * Art. 32: a decision of public concern or a technical one, once published, is explained to the public (宣传解读: a
   * press conference, an interview, …): the step interpretDecision records it, and 我的待办 offers it until it is
   * recorded. Absent in profiles stored before it: there is no such step.
   */
  interpretation?: boolean;
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
   * The consultation the decree names (Arts. 8, 13, 14 para. 3, 35): the undertaking unit consults the departments and
   * lower governments whose duties the matter concerns (consultDepartment; declared `unitsConcerned` are consulted before
   * the legality review), and a disagreement left unresolved is stated to the deciding organ with the Art. 29 materials
   * (`materials.disagreementHash`); a matter concerning a special group's interests (declared `specialGroups`) is talked
   * over with the group's people's organisations, social organisations and representatives (consultSpecialGroup) before
   * the adoption report; a matter the people's congress or its standing committee decides, or that is reported to the
   * standing committee before it is issued (declared `peoplesCongress`), is published only once that is recorded
   * (recordCongressAction); the opinions citizens send during execution are recorded with their handling
   * (recordPublicFeedback). The decree's rule, kept in the profile so that a decision keeps the rules it started under:
   * absent in profiles stored before it (their decisions have none of these steps and replay unchanged).
   */
  consultation?: boolean;
  /**
   * The opinions the public gave on a draft are summarised, studied, and the reasonable ones adopted to improve it
   * (Art. 18): a draft put out for public comment is substantially revised only once the adoption report on it is
   * recorded, so no comment received is left out of every report (a substantially revised draft is consulted on afresh,
   * and the report then answers only the new period's comments). A revision that is not substantial may come at any time. The decree's rule, kept in the profile so that a
   * decision keeps the rules it started under: absent in profiles stored before it.
   */
  reportBeforeRevision?: boolean;
  /**
   * The discussion is collective and the decision the organ's (Arts. 10, 11, 30; Art. 38 para. 3): at least two of the
   * meeting's members are present, for one member alone is no collective discussion; the chief executive decides as the
   * minutes record his own view, for adopting a draft he is minuted as opposing (or not adopting one he is minuted as
   * supporting) would record him among the dissenters from his own decision; and once the discussion of the draft is
   * recorded the matter is before the organ, so only its chief executive ends it, by deciding or withdrawing it, not the
   * undertaking unit. The decree's rule, kept in the profile so that a decision keeps the rules it started under:
   * absent in profiles stored before it (fresh-eyes tester, 2026-12-06).
   */
  collectiveDecision?: boolean;
  /**
   * A decision to stop the execution of a decision in force (an adjustment of kind 'terminate', Art. 37) is issued as any
   * decision is: reported to the Party committee, published and archived (Arts. 31–33), and only then does the
   * procedure end, so the public learns that the decision it saw published no longer stands. Absent in profiles stored
   * before it: the procedure ends when the termination is adopted, as it did (fresh-eyes tester, 2026-12-06).
   */
  terminationIssued?: boolean;
  /**
   * Art. 31: after the Party committee's objections, the report sent again is a new one, saying how they were dealt
   * with, not the same report (statute tester: the same one sent again, the decision published seconds later). Absent in
   * profiles stored before it: any report again, as before.
   */
  partyObjectionsAnswered?: boolean;
  /**
   * Art. 37: an adjustment or a termination goes through the procedure on its own text, submitted after it was started,
   * not on the text in force (statute tester: reviewed, discussed and published again as the change). Absent in profiles
   * stored before it: as before.
   */
  adjustmentDrafted?: boolean;
  /**
   * Arts. 8, 31, 34: no execution unit is designated for a decision that cannot be issued (the congress did not approve
   * it, or the Party committee objected). Absent in profiles stored before it: designated once decided, as before.
   */
  executionAwaitsIssue?: boolean;
  /**
   * Art. 37: the chief executive suspends execution first only where a situation of Art. 35 arose and the matter is
   * urgent, so the suspension names the situation (`situation`) and why it is urgent (`urgency`); otherwise a decision
   * in force is stopped only by the procedure (startAdjustment). Absent in profiles stored before it: a reason alone,
   * as before.
   */
  suspensionGrounds?: boolean;
  /**
   * Art. 36 para. 3 (开展决策后评估，应当注重听取社会公众的意见，吸收人大代表、政协委员、人民团体、基层组织、社会组织参与评估):
   * an evaluation's report says how the public's opinions were heard (`publicOpinionHash`) and who of the deputies,
   * members and organisations took part (`participants`, at least one). Absent in profiles stored before it: the report
   * and recommendation alone, as before.
   */
  evaluationParticipation?: boolean;
  /**
   * Art. 37 (依法作出的重大行政决策，未经法定程序不得随意变更或者停止执行): the decision in force is executed, and may be
   * suspended, until the change adopted by the procedure replaces it. A suspension is kept under a postponement of the
   * adjustment (lifted only by resumeExecution or by the change's publication, not by the adoption), the adjustment's
   * postponement does not hold the decision in force, and execution steps go on between the change's adoption and its
   * archive (statute tester, 2026-12-07: a postponement overwrote the suspension, an adoption lifted it, and nothing could
   * be reported or suspended between the adjustment's decision and its archive). Absent in profiles stored before it.
   */
  executionThroughAdjustment?: boolean;
  /**
   * Arts. 25, 30, 38: a meeting that takes the matter up again sat after what sent it back: the meeting's date is not
   * before the last decision on the matter (postponed, sent for further study, adopted with changes), postponement or
   * supplementary legality review (statute tester, 2026-12-07: the "new" meeting after a postponement, or after the
   * changes were found unlawful, carried the first meeting's date, and met the overdue review date). Absent in profiles
   * stored before it.
   */
  meetingsInOrder?: boolean;
  /**
   * Art. 30 para. 2 (行政首长拟作出的决定与会议组成人员多数人的意见不一致的，应当在会上说明理由): the chief executive's
   * decision is set against the view of the other members present, a reserved view (保留意见) counted with those against
   * (statute tester, 2026-12-07: the chief executive abstaining and both others reserving, or the only other member
   * disagreeing, adopted without reasons). Absent in profiles stored before it: every member present counted, agree
   * against disagree.
   */
  majorityOfOthers?: boolean;
  /**
   * Art. 31: once the Party committee objected, the report sent again waits for the committee's reply, as a request
   * (请示) does: nothing is published before it agrees (statute tester, 2026-12-07: a new report with no reply had the
   * text objected to published). Absent in profiles stored before it.
   */
  partyObjectionsReplied?: boolean;
  /**
   * Art. 37 (需要作出重大调整的，应当依照本条例履行相关法定程序): an adjustment goes through the procedure on documents of
   * its own: its draft is not the text in force, and its review materials, legal and legality opinions, minutes and report
   * to the Party committee are not those of an earlier pass (statute tester, 2026-12-07: the first cycle's legality opinion,
   * review materials and Party report were taken again in the adjustment, and the text in force as its draft). Absent in
   * profiles stored before it.
   */
  freshDocumentsPerCycle?: boolean;
  /**
   * Art. 37: the chief executive may drop an adjustment (withdraw) before the organ's meeting takes it up; the decision in
   * force stands unchanged (statute tester, 2026-12-07: one begun in error could end only through a lawful draft, a
   * legality review and a meeting voting it down). Absent in profiles stored before it.
   */
  adjustmentWithdrawable?: boolean;
  /**
   * Art. 37 (未经法定程序不得随意变更或者停止执行): an adjustment or termination adopted and then withdrawn, because it
   * cannot be issued (the Party committee objecting), drops the change: the decision in force goes on as it was, in
   * execution, suspended if it was. Before, the withdrawal closed the decision as withdrawn, and with it the decision in
   * force, its execution stopped with no procedure (statute tester, 2026-12-07). Absent in profiles stored before it.
   */
  changeWithdrawnKeepsInForce?: boolean;
  /**
   * Art. 26 (送请合法性审查的材料不齐全的，可以退回): a draft the review returned for incomplete materials is sent to review
   * again with its materials supplemented, the draft unchanged; the same materials are refused. Before, only a revision
   * of the draft reopened the review, so officials sent the same text again as a "revision" (statute tester,
   * 2026-12-07). Absent in profiles stored before it.
   */
  returnedResubmitted?: boolean;
  /**
   * Art. 16 para. 3 (保证相关各方都有代表参加听证会): a hearing's participants are each listed once, and the interested
   * parties have a representative among them (statute tester, 2026-12-07: a hearing of one official listed twice, no
   * interested party, was scheduled and its materials delivered). Absent in profiles stored before it.
   */
  hearingParticipantsChecked?: boolean;
  /**
   * Art. 14 (依法不予公开的决策事项除外): a matter left out of public participation names the law that withholds it
   * (a law's title in book-title marks, 《…》, with its article): a clerk's 内部事项 had removed the public's comment
   * period (statute tester, 2026-12-07). Absent in profiles stored before it.
   */
  nonDisclosureCitesLaw?: boolean;
  /**
   * Art. 14 (依法不予公开): the title cited is a law's or a regulation's (ending in 法 or 条例, or the State Council's),
   * with its article: a department's own 《内部工作规程》第一条 had removed the public's participation from a fare increase
   * (statute tester, 2026-12-07). Absent in profiles stored before it.
   */
  nonDisclosureByLaw?: boolean;
  /**
   * Art. 16 paras 2–3 (明确听证时间、地点; 提前公布听证参加人遴选办法; 名单应当提前向社会公布): a hearing is announced first
   * (announceHearing: its time, place and selection method, public from then on), and only then are its participants
   * named (scheduleHearing, at the place and time announced), their list public too. Nothing of a hearing was published,
   * and its selection method came with the list it selected (statute tester, 2026-12-07). Absent in profiles stored before it.
   */
  hearingAnnounced?: boolean;
  /**
   * Art. 17 (听证参加人确认听证会记录并签字): the record of a hearing is signed, or refused with a witness, by its
   * participants only, each once, one way; the witness of a refusal is not the official recording it. A stranger's
   * signature, and every participant refusing before the unit's own official as witness, were taken (statute tester,
   * 2026-12-07). Absent in profiles stored before it.
   */
  hearingRecordSigned?: boolean;
  /**
   * Arts. 15, 32 (便于社会公众知晓的途径; 政府公报、政府网站、政务新媒体、报刊): a draft is put out for comment, and a decision
   * published, through a channel the public can reach, and through none of the organ's own: 市政府内部OA系统 and 局内部传阅
   * were taken (statute tester, 2026-12-07). Absent in profiles stored before it.
   */
  publicChannels?: boolean;
  /**
   * Art. 30 offline: the bundle carries the appointments of the members the minutes name (present or absent) and of the
   * one presiding, and the verifier checks each sat in the deciding organ's meeting on the meeting's date, under the name
   * minuted: the API checked it when the minutes came in, but an inspector could see only the signers' offices (inspector,
   * 2026-12-07). Not a rule of the procedure: the record's. Absent in profiles stored before it.
   */
  meetingMembersCarried?: boolean;
  /**
   * Arts. 3 para. 3, 11: a matter the deciding organ took up (its catalog lists it, or it decided to start it) is withdrawn
   * by the organ's chief executive, on the undertaking unit's request; the unit's own `withdraw` is WRONG_ROLE. Before,
   * the unit withdrew a catalogued matter on its own (statute tester, 2026-12-07). Absent in profiles stored before it.
   */
  withdrawalByOrgan?: boolean;
  /**
   * Art. 37: once the decision to stop executing a decision is published, its execution is neither suspended nor resumed
   * (WRONG_STAGE); before, both were taken and 我的待办 offered the suspension (statute tester, 2026-12-07). Absent in
   * profiles stored before it.
   */
  terminationEndsExecution?: boolean;
  /**
   * Art. 30 (如实记录): the one the minutes name as presiding is not minuted absent (INVALID_PAYLOAD); whether the presiding
   * official must be a member present is `presidingMemberPresent`, the work rules' (statute tester, 2026-12-07: minutes
   * presided by an absent secretary-general were taken). Absent in profiles stored before it.
   */
  presidingMinutedPresent?: boolean;
  /**
   * Art. 32 (通过本级人民政府公报和政府网站以及…报纸等途径): `publish` names the government's gazette or its website among its
   * channels; new media and the press alone are INVALID_PAYLOAD (statute tester, 2026-12-07: 微信公众号 alone published a
   * decision). Either suffices: a town government has no gazette. Absent in profiles stored before it.
   */
  publishedOfficially?: boolean;
  /**
   * Art. 36 para. 4 (决策后评估结果应当作为调整重大行政决策的重要依据): the minutes of an adjustment's meeting name, among its
   * materials, the report of the last evaluation of the decision in force (`materials.evaluationReportHash`;
   * MISSING_DOCUMENT without it). Before, the materials had no place for it (statute tester, 2026-12-07). Absent in
   * profiles stored before it.
   */
  evaluationInAdjustment?: boolean;
  /**
   * Art. 28 with 25, 30: the supplementary legality review of a text adopted with changes hears a legal adviser's or a
   * public lawyer's opinion on the changed text first (`submitLegalOpinion` once decided; `reviewAdoptedChanges`
   * PREREQUISITE_MISSING without one). Before, the review was taken in the second the text was adopted (statute tester,
   * 2026-12-07). Absent in profiles stored before it.
   */
  changesLegalOpinion?: boolean;
  /**
   * Art. 28 (应当…组织法律顾问、公职律师提出法律意见): the reviewer's opinion rests on legal opinions of others: one who gave
   * a legal opinion in the round (as a legal adviser or public lawyer also appointed reviewer) does not issue its review
   * opinion, nor the supplementary review of changes they gave an opinion on (SEPARATION_OF_DUTIES). Before, a person
   * holding both offices gave the legal opinion and then found the draft lawful on it (attacker tester, 2026-12-07).
   * Absent in profiles stored before it.
   */
  legalOpinionsByOthers?: boolean;
  /**
   * The reasons and explanations the statute asks (a shortened comment period, a group of comments not adopted, a
   * return, a postponement, an urgency …: rules/reasons.ts) say something: a placeholder (无, 略, 待定, 同上, N/A), one
   * character, or one character repeated is INVALID_PAYLOAD naming the field. Before, 缩短理由：无 went to the public
   * (statute tester, 2026-12-07). Absent in profiles stored before it.
   */
  reasonsExplained?: boolean;
  /**
   * Arts. 14, 32 (依法不予公开的除外): the basis on which a matter withheld by law is published after all
   * (`publish.disclosureBasis`), or its adjustment put out for comment (`publicParticipation.disclosureBasis`), says
   * something, as a reason does under `reasonsExplained`: '无' opened a matter withheld under the state secrets law, or
   * its new draft, to anyone (statute tester and retest, 2026-12-07). Absent in profiles stored before it.
   */
  disclosureBasisExplained?: boolean;
  /**
   * Art. 30 (与多数人意见不一致的，应当在会上说明理由), decisions under `meetingRecord`: the chief executive's minuted words
   * that a decision against the majority rests on are reasons, not a bare view (同意, 赞成, 原则同意) or a placeholder:
   * REASON_REQUIRED. Before, 同意 minuted and the reasons written into the decision after the meeting passed (statute
   * tester, 2026-12-07). Absent in profiles stored before it.
   */
  chiefReasonsMinuted?: boolean;
  /**
   * Art. 36 para. 1: the commission of a post-decision evaluation names which of the three situations it is organised in
   * (`situation`: below_expectations, many_opinions, organ_deems_necessary); "many opinions" once opinions are recorded
   * (recordPublicFeedback). Before, the trigger was free text (statute tester, 2026-12-07). Absent in profiles stored before it.
   */
  evaluationSituation?: boolean;
  /**
   * Art. 36 para. 2 (决策作出前承担主要论证评估工作的单位除外): the undertaking unit, which drafted the decision with its research
   * and argumentation, is not commissioned to evaluate it, nor does one of its offices start the evaluation
   * (CONFLICT_OF_INTEREST). Before, the undertaking bureau evaluated its own decision (statute tester, 2026-12-07). Absent
   * in profiles stored before it.
   */
  evaluatorNotUndertaker?: boolean;
  /**
   * Art. 16: a hearing announced to the public is held, or called off with the reason (cancelHearing), before the
   * adoption report (PREREQUISITE_MISSING naming it). Before, one announced and never scheduled was passed over in
   * silence (statute tester). Absent in profiles stored before it.
   */
  announcedHearingHeld?: boolean;
  /**
   * Art. 8 (按照有关规定办理): what the people's congress or its standing committee did is recorded on the decision the
   * organ made, once it made one adopting the draft (its changes found lawful): the congress decides, and the standing
   * committee is told of, what the government is to issue. An approval recorded before the meeting, or on an earlier
   * decision, had carried another text to publication (statute tester, 2026-12-07). Absent in profiles stored before it.
   */
  congressOnDecision?: boolean;
  /**
   * Art. 32 (依法不予公开的除外): a decision published withheld (no channel) is published through channels once it may
   * be (publish again with `disclosureBasis`: declassified), in its stage, without going through the procedure again:
   * once withheld it could never be published, and the refusal said it had been (statute tester, 2026-12-07). Absent
   * in profiles stored before it.
   */
  withheldDisclosedLater?: boolean;
  /**
   * Art. 32 with Art. 37: the decision in force that was published withheld is disclosed while an adjustment (or its
   * termination) goes through the procedure, and after an adjustment not adopted or dropped: it stays in force as
   * published until the change replaces it, and the law that withheld it may have ceased to. It was refused as a decision
   * "not yet made" (retest, 2026-12-07). Absent in profiles stored before it.
   */
  disclosureDuringChange?: boolean;
  /**
   * Art. 32: a decision argued by experts and published withheld is disclosed with the explanation of how the experts'
   * opinions were adopted, as any such decision is published (statute tester, 2026-12-07: disclosed without it). Absent
   * in profiles stored before it.
   */
  disclosureExplained?: boolean;
  /**
   * Art. 34: the date the organ orders its execution units to correct by (superviseExecution `correction.dueBy`) is a time
   * limit, met by their next execution report, overdue past it (statute tester, 2026-12-07: never tracked). Absent in
   * profiles stored before it.
   */
  correctionDue?: boolean;
  /**
   * Art. 22 para. 2 with Art. 29: a risk assessed already (`riskAssessment.priorAssessmentRef`) is named by the report
   * itself, uploaded (a document hash), which goes to the meeting as the risk report; a text ("已评估") skipped the
   * assessment and left the meeting without one (statute tester, 2026-12-07). Absent in profiles stored before it.
   */
  priorAssessmentDocumented?: boolean;
  /**
   * Arts. 33–35: the execution units report, and the organ supervises, once the decision is published, before it is
   * archived: archiving is the record's, not a condition of execution (statute tester, 2026-12-07: nothing but a
   * suspension could happen until the undertaking unit archived). Absent in profiles stored before it.
   */
  executionFromPublication?: boolean;
  /**
   * Art. 31: the Party committee's reply to a report (not a request, which publication waits for) may come after the
   * decision is published, and is recorded then: its reply, objections too, was lost from the record once the decision
   * was out (statute tester, 2026-12-07). Not offered in 我的待办 then. Absent in profiles stored before it.
   */
  partyReplyAfterIssue?: boolean;
  /**
   * Art. 37 (carried.ts): the records that accumulate while a decision is in force (supervision, feedback, execution
   * reports, explanations to the public) stop at 512 KB of the state the workflow carries, so that an
   * adjustment or termination can still go through its procedure: ten years of monthly supervisions had filled it
   * (statute tester, 2026-12-07). Absent in profiles stored before it.
   */
  executionRecordsLeaveRoom?: boolean;
  /**
   * Art. 23 para. 2 (应当听取有关部门的意见，形成风险评估报告，明确风险点，提出风险防范措施和处置预案): a risk assessment
   * names the departments heard, the risk points, the preventive measures and the contingency plan; each may be the
   * report's text or a document's hash. Absent in profiles stored before it: each is optional, as it was (fresh-eyes
   * tester, 2026-12-06).
   */
  riskReportContents?: boolean;
  /**
   * Separation of duties by person as well as by unit (Arts. 25, 28, 30): whoever acted for the undertaking unit on the
   * decision gives none of its legal opinions, does not review its legality, minute its discussion or decide it,
   * whatever other office they also hold. Absent in profiles stored before it: separated by unit only, as before.
   */
  personsSeparate?: boolean;
  /**
   * Steps and rules the profile adds (Art. 43), as data in the shape of a matter type's (matters.ts ProfileRequirement),
   * checked at the same points: each with who organises it, before which step, and its basis. Absent in profiles stored
   * before: those decisions keep the rules they started with.
   */
  requirements?: ProfileRequirement[];
  /**
   * A hearing may be held online (网络听证, scheduleHearing `online`). Absent or false: the hearing of Arts. 16–17 is a
   * meeting, and an online one is refused.
   */
  onlineHearing?: { value: boolean; basis: Citation };
  /**
   * Panel experts are chosen from a decision-consulting expert pool (决策咨询论证专家库) the deciding organ may use: its
   * government's or one above it (Art. 21 para. 3). The decree asks that pools be kept (Art. 21), not that every expert
   * come from one (Art. 20 sets the choice's criteria), so the national baseline leaves it off; a profile turns it on
   * only where its own text requires it, and the basis cites that text. The API checks it against the pools' register,
   * as it does disqualifications (Art. 41). Absent or false: any expert may be chosen.
   */
  expertsFromPool?: { value: boolean; basis: Citation };
  /**
   * The decision catalog's own rules, checked when a decision is registered from an item (checkCatalogItem): the
   * catalog is annual (an item of this year's catalog), and fixed by the end of a month of its year (an item published
   * later is an adjustment and says why, `adjustmentReason`).
   */
  catalog?: {
    annual?: { what: Bilingual; basis: Citation[] };
    fixedBy?: { month: number; what: Bilingual; basis: Citation[] };
  };
  /**
   * Decision matters the profile's text adds to Art. 3's list (决策事项范围): documented with their basis, for the catalog's
   * compilers; the engine does not classify matters at intake.
   */
  scope?: { what: Bilingual; basis: Citation[] }[];
  /** What of this profile is not verified against the official text: which article numbers are missing (条文序号待核). */
  unverified?: string[];
  /** What the profile's texts say that the engine already enforces, or does not encode, and why. */
  notes?: string[];
  /**
   * The administrative area whose rules the profile encodes (Art. 43: 本行政区域; a city's rules, its city): the leading
   * digits of the area's 行政区划代码 (GB/T 2260), e.g. '37' Shandong, '3702' Qingdao. A decision is registered under the
   * profile only where its government lies in that area, as the government's 统一社会信用代码 (or the nearest government
   * above it with one) says (checkProfileArea). Absent: any government (the national baseline). Checked at registration
   * only: it changes no rule of a decision's procedure.
   */
  area?: { division: string; name: Bilingual; basis: Citation[] };
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
  meetingDate: true,
  postponementReview: true,
  hearingMaterialsAtSchedule: true,
  participationEndsWithReport: true,
  disclosureOfWithheld: true,
  interpretation: true,
  organStartsAndIssues: true,
  startDecision: { value: 'catalog', basis: art(3, 3) },
  partyCommittee: { value: 'report', basis: art(31) },
  consultation: true,
  reportBeforeRevision: true,
  collectiveDecision: true,
  personsSeparate: true,
  terminationIssued: true,
  partyObjectionsAnswered: true,
  adjustmentDrafted: true,
  executionAwaitsIssue: true,
  suspensionGrounds: true,
  evaluationParticipation: true,
  executionThroughAdjustment: true,
  meetingsInOrder: true,
  majorityOfOthers: true,
  partyObjectionsReplied: true,
  freshDocumentsPerCycle: true,
  adjustmentWithdrawable: true,
  changeWithdrawnKeepsInForce: true,
  returnedResubmitted: true,
  hearingParticipantsChecked: true,
  nonDisclosureCitesLaw: true,
  nonDisclosureByLaw: true,
  hearingAnnounced: true,
  hearingRecordSigned: true,
  publicChannels: true,
  meetingMembersCarried: true,
  withdrawalByOrgan: true,
  terminationEndsExecution: true,
  presidingMinutedPresent: true,
  publishedOfficially: true,
  evaluationInAdjustment: true,
  changesLegalOpinion: true,
  legalOpinionsByOthers: true,
  reasonsExplained: true,
  disclosureBasisExplained: true,
  chiefReasonsMinuted: true,
  evaluationSituation: true,
  evaluatorNotUndertaker: true,
  announcedHearingHeld: true,
  congressOnDecision: true,
  withheldDisclosedLater: true,
  disclosureDuringChange: true,
  disclosureExplained: true,
  correctionDue: true,
  priorAssessmentDocumented: true,
  executionFromPublication: true,
  partyReplyAfterIssue: true,
  executionRecordsLeaveRoom: true,
  riskReportContents: true,
  expertsFromPool: { value: false, basis: art(21) },
};

const c = (source: string, article?: number, paragraph?: number): Citation => ({ source, article, paragraph });

/** 山东省重大行政决策公众参与工作办法 (2025): known from news reports, so cited without an article number. */
const SD_PP = c('sd-pp');

/**
 * Shandong. Of 《山东省重大行政决策程序规定》 (Provincial Government Order No. 336, in force 2021-01-01) only Arts. 1–4
 * were found (a cnsoe.com and a wenku reprint): Art. 4 has the justice department compile a yearly catalog (年度决策
 * 事项目录) that the organ determines and publishes after the Party committee agrees. The 2025 public-participation
 * measures (in force 2025-10-01) are known from news reports, so they are cited without article numbers: public comment
 * is the required form of participation, at least 30 days; interested parties are at least half of a required hearing's
 * participants; the catalog is published by the end of June; a major livelihood matter is polled (民意调查); a matter
 * closely tied to enterprises hears representative enterprises and trade associations. The collective discussion keeps
 * the meeting rules the engine applied to Shandong decisions before they became parameters (at least half the members
 * present, the presiding official among them), cited to the provincial government's work rules without an article
 * number. Everything else follows the national baseline until the full provincial text is encoded.
 */
export const SHANDONG: ProcedureProfile = {
  ...NATIONAL_BASELINE,
  id: 'shandong',
  name: '山东省 (Shandong)',
  area: { division: '37', name: { zh: '山东省', en: 'Shandong' }, basis: [art(43), c('sd-rules')] },
  publicCommentRequired: { value: true, basis: SD_PP },
  minCommentDays: { value: 30, basis: SD_PP },
  hearingInterestedShare: { value: 0.5, basis: SD_PP },
  discussionQuorum: { value: 0.5, basis: { source: 'sd-work-rules' } },
  presidingMemberPresent: { value: true, basis: { source: 'sd-work-rules' } },
  requirements: [
    {
      id: 'sd-livelihood-poll',
      name: { zh: '重大民生决策事项民意调查（山东）', en: 'opinion poll on a major livelihood matter (Shandong)' },
      basis: [SD_PP],
      onlyIf: { matterType: 'major-livelihood' },
      requires: {},
      steps: [],
      participationForms: [
        {
          forms: ['poll'],
          before: 'submitAdoptionReport',
          what: { zh: '对有关文化教育、医疗卫生、资源开发、生态环境保护、公用事业等重大民生决策事项，应当采取民意调查的方式了解社会公众意见', en: 'a major livelihood matter is polled (民意调查) for the public\'s views' },
          basis: [SD_PP],
        },
      ],
      unverified: ['《山东省重大行政决策公众参与工作办法》: article number not found (条文序号待核); the rule is known from news reports of the measures'],
    },
    {
      id: 'sd-enterprise-views',
      name: { zh: '听取企业、行业协会商会意见（山东）', en: "enterprises' and trade associations' views (Shandong)" },
      basis: [SD_PP],
      onlyIf: { declared: 'affectsMarket' },
      requires: {},
      steps: [
        {
          id: 'enterprise-views',
          name: { zh: '听取有代表性的企业、行业协会商会意见', en: 'hearing representative enterprises and trade associations' },
          organiser: { zh: '决策承办单位', en: 'the undertaking unit' },
          before: 'submitAdoptionReport',
          ofDraft: true,
          basis: [SD_PP],
        },
      ],
      unverified: ['《山东省重大行政决策公众参与工作办法》: article number not found (条文序号待核); the rule is known from news reports of the measures'],
      notes: ['the measures ask for it where the matter is closely tied to enterprises\' production and business; the engine reads that from the declared applicability (affectsMarket)'],
    },
  ],
  catalog: {
    annual: { what: { zh: '决策事项应当列入本年度决策事项目录', en: "the decision's item is in this year's catalog" }, basis: [c('sd-rules', 4)] },
    fixedBy: { month: 6, what: { zh: '决策事项目录应当于每年6月底前向社会公布，并按规定进行动态调整', en: 'the catalog is published by the end of June and adjusted as the rules say' }, basis: [SD_PP] },
  },
  unverified: [
    '《山东省重大行政决策程序规定》 (Order No. 336): only Arts. 1–4 were found; nothing of Arts. 5 onward is encoded',
    '《山东省重大行政决策公众参与工作办法》 (2025): article numbers not found (条文序号待核); comment period, hearing share, June catalog, poll and enterprises are from news reports',
    '《山东省人民政府工作规则》: the meeting rules are cited without an article number (条文序号待核)',
  ],
  notes: ['Order No. 336 Art. 3 also excludes internal-affairs management decisions; the engine does not classify matters at intake'],
};

/**
 * Qingdao, a city of Shandong: the province's rules bind it, and 《青岛市重大行政决策程序规定》 (Municipal Government Order
 * No. 271, in force 2020-01-01; Arts. 1–6 found in the city government gazette, 2019 No. 23) and the city's hearing
 * measures (Order No. 162, revised 2017; Arts. 1–3 found) add: the catalog is fixed in the first quarter (Art. 6); a
 * hearing may be held online (hearing measures Art. 3). The meeting quorum of the province's work rules governs the
 * provincial government's meetings, not the city's: Qingdao's follow its own work rules, as in the baseline.
 */
export const QINGDAO: ProcedureProfile = {
  ...SHANDONG,
  id: 'qingdao',
  name: '青岛市 (Qingdao)',
  area: { division: '3702', name: { zh: '青岛市', en: 'Qingdao' }, basis: [art(43), c('qd-rules')] },
  discussionQuorum: NATIONAL_BASELINE.discussionQuorum,
  presidingMemberPresent: NATIONAL_BASELINE.presidingMemberPresent,
  onlineHearing: { value: true, basis: c('qd-hearing', 3) },
  scope: [
    { what: { zh: '确定和调整政府定价的重要商品、服务价格', en: 'setting and adjusting government-set prices of important goods and services' }, basis: [c('qd-rules', 4)] },
    { what: { zh: '制定行政管理体制改革的重大措施', en: 'major measures of administrative-system reform' }, basis: [c('qd-rules', 4)] },
  ],
  catalog: {
    annual: SHANDONG.catalog!.annual,
    fixedBy: { month: 3, what: { zh: '决策事项实行目录清单管理，目录清单每年第一季度由市政府研究确定，经市委同意后向社会公布，并根据实际情况调整', en: 'the catalog is determined in the first quarter of each year and adjusted as circumstances require' }, basis: [c('qd-rules', 6)] },
  },
  unverified: [
    ...SHANDONG.unverified!,
    '《青岛市重大行政决策程序规定》: only Arts. 1–6 were found; nothing of Arts. 7 onward is encoded',
    '《青岛市重大行政决策听证办法》: Art. 3 allows online hearings; what it asks of them (the rest of the sentence) was not found',
  ],
  notes: [
    ...SHANDONG.notes!,
    "Art. 3 para. 2 (the municipal justice administration organ reviews legality): the engine's office check already requires the legality review body of the deciding organ's government (Decree 713 Art. 25); a Qingdao deployment registers 青岛市司法局 as that body",
    'Art. 4 (5), (6) (scope): a catalog item of prices names the matter type government-pricing, whose laws then apply',
  ],
};

/**
 * Heilongjiang: 《黑龙江省重大行政决策程序暂行规定》 (Provincial Government Order No. 4, promulgated 2021-06-21, in force
 * 2021-08-01; six chapters, 57 articles). Only Arts. 1–5 were found (qinglite.cn, newton.com.tw reprints): Art. 3 para. 3
 * makes the catalog yearly (年度重大行政决策事项目录), published after the Party committee agrees. Everything else follows
 * the national baseline until the full text is encoded.
 */
export const HEILONGJIANG: ProcedureProfile = {
  ...NATIONAL_BASELINE,
  id: 'heilongjiang',
  name: '黑龙江省 (Heilongjiang)',
  area: { division: '23', name: { zh: '黑龙江省', en: 'Heilongjiang' }, basis: [art(43), c('hlj-rules')] },
  catalog: {
    annual: { what: { zh: '决策机关应当制定年度重大行政决策事项目录，经同级党委同意后向社会公布，并根据实际情况调整', en: 'the organ makes a yearly catalog, published after the Party committee agrees, and adjusted as needed' }, basis: [c('hlj-rules', 3, 3)] },
  },
  unverified: ['《黑龙江省重大行政决策程序暂行规定》: only Arts. 1–5 were found; Arts. 6–57 (participation, experts, risk, legality review, discussion) are not encoded (条文序号待核)'],
  notes: ['Art. 3 para. 2: procedures set by laws, regulations and rules (规章, wider than the decree\'s) prevail; the matter types carry those the engine knows'],
};

/**
 * Sichuan: 《四川省重大行政决策程序规定》 (川府发〔2025〕4号, 2025-01-24, in force 2025-03-01). Only Arts. 1–4 were found
 * (sme-s.com reprint); the provincial general office's 2025 catalog notice (川办发〔2025〕20号) cites its Art. 16 for
 * catalog adjustments. A law firm's reading (glo.com.cn, 2025-02-28) reports that the draft is reviewed by the
 * government's Party group (政府党组会议) beforehand; its article number was not found, so it is cited without one.
 */
export const SICHUAN: ProcedureProfile = {
  ...NATIONAL_BASELINE,
  id: 'sichuan',
  name: '四川省 (Sichuan)',
  area: { division: '51', name: { zh: '四川省', en: 'Sichuan' }, basis: [art(43), c('sc-rules')] },
  requirements: [
    {
      id: 'sc-party-group',
      name: { zh: '政府党组会议前置审议（四川）', en: "the government's Party group reviews first (Sichuan)" },
      basis: [c('sc-rules')],
      requires: {},
      steps: [
        {
          id: 'party-group-review',
          name: { zh: '政府党组会议审议', en: "review by the government's Party group meeting" },
          organiser: { zh: '本级人民政府党组', en: "the government's Party group" },
          before: 'decide',
          ofDraft: true,
          basis: [c('sc-rules')],
        },
      ],
      unverified: ['《四川省重大行政决策程序规定》: the Party group review is reported by a law firm\'s reading of the text; its article number and its place in the procedure were not found (条文序号待核): the engine asks for it before the decision'],
    },
  ],
  unverified: [
    '《四川省重大行政决策程序规定》: only Arts. 1–4 were found; Art. 16 (catalog adjustments) is known only as cited by 川办发〔2025〕20号',
    'the Party group review: reported, not read (条文序号待核)',
  ],
  notes: ['Art. 3 para. 2 (the decision is reported to the same-level Party committee before it is issued): the engine already requires the report before publication (Decree 713 Art. 31)'],
};

export const PROFILES: Record<string, ProcedureProfile> = {
  [NATIONAL_BASELINE.id]: NATIONAL_BASELINE,
  [SHANDONG.id]: SHANDONG,
  [QINGDAO.id]: QINGDAO,
  [HEILONGJIANG.id]: HEILONGJIANG,
  [SICHUAN.id]: SICHUAN,
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
  delete kept.meetingDate;
  delete kept.postponementReview;
  delete kept.hearingMaterialsAtSchedule;
  delete kept.participationEndsWithReport;
  delete kept.disclosureOfWithheld;
  delete kept.interpretation;
  delete kept.organStartsAndIssues;
  delete kept.startDecision;
  delete kept.partyCommittee;
  delete kept.consultation;
  delete kept.reportBeforeRevision;
  delete kept.collectiveDecision;
  delete kept.personsSeparate;
  delete kept.terminationIssued;
  delete kept.partyObjectionsAnswered;
  delete kept.adjustmentDrafted;
  delete kept.executionAwaitsIssue;
  delete kept.suspensionGrounds;
  delete kept.evaluationParticipation;
  delete kept.executionThroughAdjustment;
  delete kept.meetingsInOrder;
  delete kept.majorityOfOthers;
  delete kept.partyObjectionsReplied;
  delete kept.freshDocumentsPerCycle;
  delete kept.adjustmentWithdrawable;
  delete kept.changeWithdrawnKeepsInForce;
  delete kept.returnedResubmitted;
  delete kept.hearingParticipantsChecked;
  delete kept.nonDisclosureCitesLaw;
  delete kept.nonDisclosureByLaw;
  delete kept.hearingAnnounced;
  delete kept.hearingRecordSigned;
  delete kept.publicChannels;
  delete kept.meetingMembersCarried;
  delete kept.withdrawalByOrgan;
  delete kept.terminationEndsExecution;
  delete kept.presidingMinutedPresent;
  delete kept.publishedOfficially;
  delete kept.evaluationInAdjustment;
  delete kept.changesLegalOpinion;
  delete kept.legalOpinionsByOthers;
  delete kept.reasonsExplained;
  delete kept.disclosureBasisExplained;
  delete kept.chiefReasonsMinuted;
  delete kept.evaluationSituation;
  delete kept.evaluatorNotUndertaker;
  delete kept.announcedHearingHeld;
  delete kept.congressOnDecision;
  delete kept.withheldDisclosedLater;
  delete kept.disclosureDuringChange;
  delete kept.disclosureExplained;
  delete kept.correctionDue;
  delete kept.priorAssessmentDocumented;
  delete kept.executionFromPublication;
  delete kept.partyReplyAfterIssue;
  delete kept.executionRecordsLeaveRoom;
  delete kept.riskReportContents;
  delete kept.requirements;
  delete kept.onlineHearing;
  delete kept.expertsFromPool;
  delete kept.catalog;
  delete kept.scope;
  delete kept.area;
  delete kept.unverified;
  delete kept.notes;
  return kept;
}
