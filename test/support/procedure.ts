import { createHash } from 'node:crypto';
import type { Actor, Command, Payloads, ProcedureProfile, ProcedureState } from '../../libs/domain';
import { Role } from '../../libs/domain';

/** Builders for procedure steps, shared by the domain, property, workflow and API tests. */
/** The undertaking unit: 杭州市交通运输局, by its organisation id (test/support/government.ts). */
export const UNIT = 'hz-jtj';
/**
 * The text each hash h() made was made from. h(s) is the SHA-256 of the bytes of s, so uploading s (POST /documents)
 * stores the document h(s) names: the test systems upload what a step cites before sending it (test/support/documents.ts).
 */
export const documentTexts = new Map<string, string>();
/** A document's hash, of the text `s` as its content (remembered in documentTexts, to be uploaded). */
export const h = (s: string) => {
  const hash = `sha256:${createHash('sha256').update(s).digest('hex')}`;
  documentTexts.set(hash, s);
  return hash;
};

export const actors = {
  unit: { id: 'u-zhang', name: '张承办', role: Role.UndertakingUnit, organisation: UNIT },
  reviewer: { id: 'j-li', name: '李审查', role: Role.LegalityReviewer, organisation: 'hz-sfj' },
  adviser: { id: 'a-wang', name: '王顾问', role: Role.LegalAdviser, organisation: 'hz-bgt-flgws' },
  lawyer: { id: 'l-zhao', name: '赵律师', role: Role.PublicLawyer, organisation: 'hz-sfj' },
  expert1: { id: 'e-1', name: '专家甲', role: Role.Expert, organisation: '交通大学' },
  expert2: { id: 'e-2', name: '专家乙', role: Role.Expert, organisation: '规划研究院' },
  assessor: { id: 'r-1', name: '评估员', role: Role.RiskAssessor, organisation: 'hz-wdpg' },
  secretary: { id: 's-1', name: '秘书', role: Role.MeetingSecretary, organisation: 'hz-bgt' },
  mayor: { id: 'm-1', name: '市长', role: Role.ChiefExecutive, organisation: 'hz' },
  deputy: { id: 'm-2', name: '副市长', role: Role.ChiefExecutive, organisation: 'hz' },
  executor: { id: 'x-1', name: '执行处', role: Role.ExecutionUnit, organisation: 'hz-gjjt' },
  evaluator: { id: 'v-1', name: '评估机构', role: Role.Evaluator, organisation: 'hz-dsfpg' },
} satisfies Record<string, Actor>;

export function cmd<K extends keyof Payloads>(action: K, actor: Actor, payload: Payloads[K]): Command {
  return { action, actor, payload } as Command;
}

export const DAY = 86_400_000;

/** Where the tests' hearings are held. */
export const HEARING_PLACE = '市民中心听证室';

/**
 * A scheduleHearing at HEARING_PLACE (unless it names one), and the announcement it follows (Art. 16 paras 2–3, the
 * profile's `hearingAnnounced`): its time, place and selection method, published before the participants are named.
 */
export function announcedHearing(c: Command): { announce: Command; schedule: Command } {
  const p = { place: HEARING_PLACE, ...(c.payload as Payloads['scheduleHearing']) };
  const { participants: _named, ...announced } = p;
  return { announce: cmd('announceHearing', c.actor, announced as Payloads['announceHearing']), schedule: cmd('scheduleHearing', c.actor, p) };
}
const dissent = (view: string) => (view === 'disagree' || view === 'reserve' ? '票价上调幅度过大 (the fare rise is too steep)' : undefined);
/** A member's own confirmation of the view as the minutes record it, with the signed page. */
const confirmed = (by: string) => ({ confirmed: true, by, signatureHash: h(`minutes-page-${by}`) });

/** Meetings minuted so far in this process: each minutes document its own. */
let meetingsMinuted = 0;

export const steps = {
  draft: (v = 1, material = true) =>
    cmd('submitDraft', actors.unit, {
      documentHash: h(`draft-${v}`),
      explanationHash: h(`explanation-${v}`),
      ...(v > 1 ? { material, reason: `revision ${v}` } : { alternatives: [{ title: '方案一', documentHash: h('alt-1') }, { title: '方案二', documentHash: h('alt-2') }], comparisonHash: h('comparison') }),
    }),
  applicability: (o: { pp?: boolean; expert?: boolean; risk?: boolean; hearing?: boolean; market?: boolean } = {}) =>
    cmd('declareApplicability', actors.unit, {
      publicParticipation: o.pp === false ? { required: false, nonDisclosureBasis: '《中华人民共和国保守国家秘密法》第十三条 (state secret)' } : { required: true },
      hearingRequired: o.hearing ?? false,
      expertArgumentation: { required: o.expert ?? true, reason: '专业性较强 (technical matter)' },
      riskAssessment: { required: o.risk ?? true, reason: '涉及社会稳定 (social stability)' },
      affectsMarket: o.market ?? false,
    }),
  openComment: (days = 30, shortenedReason?: string) => cmd('openPublicComment', actors.unit, { days, channels: ['市政府网站'], ...(shortenedReason ? { shortenedReason } : {}) }),
  closeComment: () => cmd('closePublicComment', actors.unit, {}),
  adoptionReport: () =>
    cmd('submitAdoptionReport', actors.unit, {
      reportHash: h('adoption-report'),
      groups: [
        { groupHash: h('group-fares'), response: 'adopted' },
        { groupHash: h('group-routes'), response: 'not_adopted', reason: '超出本决策范围' },
      ],
    }),
  panel: () =>
    cmd('appointExpertPanel', actors.unit, {
      form: 'meeting',
      experts: [
        { id: actors.expert1.id, name: actors.expert1.name, organisation: actors.expert1.organisation, field: '交通工程', directInterest: false },
        { id: actors.expert2.id, name: actors.expert2.name, organisation: actors.expert2.organisation, field: '城市规划', directInterest: false },
      ],
    }),
  expertOpinion: (expert: Actor) => cmd('submitExpertOpinion', expert, { opinionHash: h(`opinion-${expert.id}`), signed: true }),
  completeExperts: () => cmd('completeExpertArgumentation', actors.unit, { adoptionReportHash: h('expert-adoption') }),
  /** The third-party assessor engaged by the undertaking unit (Art. 23 para. 3): 杭州市社会稳定风险评估中心. */
  engage: (organisation = actors.assessor.organisation, by: Actor = actors.unit) => cmd('engageRiskAssessor', by, { organisation, contractHash: h(`engagement-${organisation}`) }),
  /** The deciding organ's judgment of the risk (Art. 24), signed by the mayor. */
  judgeRisk: (controllable = true, reasons?: string) => cmd('judgeRisk', actors.mayor, { controllable, ...(reasons ? { reasons } : {}) }),
  /** The execution unit designated by the deciding organ (Art. 34): the bus group. */
  designate: (organisations = [actors.executor.organisation]) => cmd('designateExecutionUnit', actors.mayor, { organisations, documentHash: h('designation') }),
  /** The evaluation the deciding organ commissions, naming its unit (Art. 36): the third-party evaluator. */
  commission: (organisation = actors.evaluator.organisation, trigger = '实施满一年') => cmd('commissionEvaluation', actors.mayor, { organisation, trigger, situation: 'organ_deems_necessary' }),
  /** The evaluator's report (Art. 36): the public heard and others taking part (para. 3). */
  evaluate: (recommendation: Payloads['submitEvaluation']['recommendation'] = 'continue', evaluator: Actor = actors.evaluator) =>
    cmd('submitEvaluation', evaluator, { reportHash: h('evaluation'), recommendation, publicOpinionHash: h('evaluation-public-opinion'), participants: [{ kind: 'npc_deputy', name: '市人大代表王某' }, { kind: 'grassroots_organisation', name: '城东社区居民委员会' }] }),
  /** The chief executive suspends execution first: an Art. 35 situation, and urgent (Art. 37). */
  suspend: (reason = '紧急情况', situation: Payloads['suspendExecution']['situation'] = 'changed_circumstances', urgency = '继续执行将造成难以挽回的损失') =>
    cmd('suspendExecution', actors.mayor, { reason, situation, urgency }),
  /** An adjustment or termination started by the deciding organ's chief executive (Art. 37). */
  adjust: (kind: 'adjust' | 'terminate', reason: string) => cmd('startAdjustment', actors.mayor, { kind, reason }),
  /** A third party's risk assessment, with what Art. 23 para. 2 asks the report to state. */
  risk: (controllable = true, v = 1) =>
    cmd('submitRiskAssessment', actors.assessor, {
      level: controllable ? 'medium' : 'high',
      controllable,
      reportHash: h(`risk-${v}-${controllable}`),
      thirdParty: true,
      departmentsHeard: ['市财政局', '市公安局'],
      riskPoints: '票价上调可能引发低收入群体出行负担加重',
      measures: '对低收入群体、老年人保留优惠票价',
      contingencyPlan: h(`risk-contingency-${v}`),
    }),
  submitReview: (v = 1) => cmd('submitForLegalityReview', actors.unit, { materialsHash: h(`materials-${v}`), procedureExplanationHash: h(`procedure-${v}`) }),
  /** A legal adviser's opinion; `pass`: the pass of the procedure it is given in (an adjustment's opinions are its own, Art. 37). */
  /** A legal adviser's opinion on a text adopted with changes, before its supplementary review (Art. 28). */
  changesOpinion: (who: Actor = actors.adviser) => cmd('submitLegalOpinion', who, { opinionHash: h(`legal-on-changes-${who.id}`) }),
  legalOpinion: (who: Actor = actors.adviser, pass = 1) => cmd('submitLegalOpinion', who, { opinionHash: h(pass === 1 ? `legal-${who.id}` : `legal-${who.id}-pass${pass}`) }),
  legalityOpinion: (outcome: Payloads['issueLegalityOpinion']['outcome'] = 'lawful', extra: Partial<Payloads['issueLegalityOpinion']> = {}) =>
    cmd('issueLegalityOpinion', actors.reviewer, {
      form: 'review',
      outcome,
      opinionHash: h(`legality-${outcome}`),
      ...(outcome === 'returned' || outcome === 'lawful_with_changes' ? { requiredChanges: '第五条与上位法不一致' } : {}),
      ...(outcome === 'exploratory' ? { legalRisks: '无明确上位法依据' } : {}),
      ...extra,
    }),
  /**
   * The minutes of an executive meeting (Art. 30): the mayor, the chief executive, presides and speaks last, after the
   * deputy and the secretary-general; each view confirmed by its member, dissent in its words.
   */
  discussion: (materials: Payloads['recordDiscussion']['materials'], views: ('agree' | 'disagree' | 'reserve' | 'abstain')[] = ['agree', 'agree', 'disagree'], date = meetingDate(materials)) =>
    cmd('recordDiscussion', actors.secretary, {
      meeting: { kind: 'executive', date, presidingId: actors.mayor.id, chiefExecutiveId: actors.mayor.id },
      membersTotal: 4,
      members: [
        { id: actors.mayor.id, name: actors.mayor.name, present: true, view: views[0], statement: dissent(views[0]) ?? '综合各方意见作出决定 (decides on the views heard)', confirmation: confirmed(actors.mayor.id) },
        { id: actors.deputy.id, name: actors.deputy.name, present: true, view: views[1], statement: dissent(views[1]), confirmation: confirmed(actors.deputy.id) },
        { id: 'm-3', name: '秘书长', present: true, view: views[2], statement: dissent(views[2]), confirmation: confirmed('m-3') },
        { id: 'm-4', name: '副市长乙', present: false },
      ],
      speakingOrder: [actors.deputy.id, 'm-3', actors.mayor.id],
      legalAdviserPresent: true,
      // Each meeting's own minutes: a new meeting is not recorded in an earlier one's (Arts. 30, 38).
      minutesHash: h(`minutes ${++meetingsMinuted} of ${materials.draftHash}`),
      materials,
    }),
  decide: (outcome: Payloads['decide']['outcome'] = 'adopt', extra: Partial<Payloads['decide']> = {}) => cmd('decide', actors.mayor, { outcome, ...extra }),
  /** The report to the Party committee (Art. 31), by the deciding organ's chief executive (who may send it under any profile). */
  partyReport: (v = 1) => cmd('reportToPartyCommittee', actors.mayor, { reportHash: h(v === 1 ? 'party-report' : `party-report-${v}`) }),
  /** The Party committee's reply, recorded by the organ's general office (Art. 31). */
  partyReply: (outcome: 'agreed' | 'objections' = 'agreed') =>
    cmd('recordPartyCommitteeReply', actors.secretary, { replyHash: h(`party-reply-${outcome}`), outcome, ...(outcome === 'objections' ? { reasons: '票价调整幅度应当再作研究' } : {}) }),
  /** The deciding organ's decision to start the procedure on a department's proposal, the unit designated (Arts. 10, 11). */
  start: (extra: Partial<Payloads['decideToStart']> = {}) =>
    cmd('decideToStart', actors.mayor, {
      proposal: { source: 'department', proposer: UNIT, documentHash: h('proposal'), argumentationHash: h('proposal-argumentation') },
      undertakingUnit: UNIT,
      documentHash: h('start-decision'),
      ...extra,
    }),
  /** The deciding organ's supervision of the execution (Art. 34), by its general office. */
  supervise: (extra: Partial<Payloads['superviseExecution']> = {}) => cmd('superviseExecution', actors.secretary, { findingsHash: h('supervision-findings'), ...extra }),
  /**
   * The publication of the text adopted (Art. 32), withheld (no channel) where the matter was declared not to be disclosed: the adopted text of the decision given, or else the first draft, as the
   * happy paths adopt it; with the explanation of how the public's and experts' opinions were adopted. Published by the
   * deciding organ's general office (Art. 32); decisions under the rules before it (a kept profile) by the undertaking unit.
   */
  publish: (s?: ProcedureState, by: Actor = actors.secretary) => (withheld(s) ? steps.withhold(s, by) : cmd('publish', by, { channels: ['政府公报', '市政府网站'], documentHash: adoptedText(s), adoptionExplanationHash: h('adoption-explanation') })),
  /** The explanation of a published decision to the public (宣传解读, Art. 32): a press conference by the general office. */
  interpret: (by: Actor = actors.secretary) => cmd('interpretDecision', by, { form: 'press_conference', recordHash: h('press-conference-transcript') }),
  /** The publication of a matter declared not to be disclosed (Arts. 14, 32): recorded, through no channel. */
  withhold: (s?: ProcedureState, by: Actor = actors.secretary) => cmd('publish', by, { channels: [], documentHash: adoptedText(s) }),
  /** The supplementary legality review of a text adopted with changes (Arts. 25, 28, 30). */
  reviewChanges: (textHash: string, outcome: Payloads['reviewAdoptedChanges']['outcome'] = 'lawful', extra: Partial<Payloads['reviewAdoptedChanges']> = {}) =>
    cmd('reviewAdoptedChanges', actors.reviewer, { form: 'review', outcome, textHash, opinionHash: h(`changes-review-${outcome}`), ...(outcome === 'unlawful' ? { reasons: '修改后第三条与上位法不一致' } : {}), ...extra }),
  archive: () => cmd('archive', actors.unit, { archiveRef: 'ARCH-2026-0007' }),
  /** The undertaking unit's consultation of a unit whose duties the matter concerns (Art. 13): 杭州市财政局 by default. */
  consultDepartment: (agreed = true, unit = 'hz-czj', v = 1) =>
    cmd('consultDepartment', actors.unit, { unit, opinionHash: h(`opinion-${unit}-${v}-${String(agreed)}`), agreed, ...(agreed ? {} : { disputedIssues: '票价补贴资金由谁承担 (who pays the fare subsidy)' }) }),
  /** The talks with a special group whose interests the matter concerns (Art. 14 para. 3): its federation and its representatives. */
  consultGroup: (group = '残疾人', kinds: ('people_organisation' | 'social_organisation' | 'representatives')[] = ['people_organisation', 'representatives']) =>
    cmd('consultSpecialGroup', actors.unit, { group, with: kinds.map((kind) => ({ kind, name: kind === 'representatives' ? `${group}代表` : kind === 'people_organisation' ? '市残疾人联合会' : '市助残志愿者协会' })), recordHash: h(`group-${group}`) }),
  /** What the people's congress or its standing committee did (Art. 8), recorded by the organ's general office. */
  congress: (outcome?: 'approved' | 'not_approved', body: 'congress' | 'standing_committee' = 'standing_committee') =>
    cmd('recordCongressAction', actors.secretary, { body, documentHash: h(`congress-${outcome ?? 'report'}`), ...(outcome ? { outcome } : {}) }),
  /** An opinion received during execution and its handling (Art. 35 para. 2), by the execution unit. */
  feedback: (by: Actor = actors.executor) => cmd('recordPublicFeedback', by, { channel: 'letter', feedbackHash: h(`feedback-${by.id}`), handling: '已核实并答复来信人 (checked and answered)' }),
  /** A step another law adds for the decision's matter type (libs/domain/procedure/matters.ts). */
  matterStep: (matterType: string, step: string, conclusion?: string, organisedBy = 'hz') =>
    cmd('recordMatterStep', actors.unit, { matterType, step, recordHash: h(`${matterType}-${step}-${conclusion ?? ''}`), organisedBy, ...(conclusion ? { conclusion } : {}) }),
};

/** Who publishes under a profile: the deciding organ's general office (Art. 32), or, under the rules before it, the undertaking unit. */
export const publisherUnder = (p: Pick<ProcedureProfile, 'organStartsAndIssues'>): Actor => (p.organStartsAndIssues ? actors.secretary : actors.unit);

/** Whether the matter was declared not to be disclosed (Art. 14): its publication is then withheld (Art. 32). */
const withheld = (s?: ProcedureState): boolean => s?.applicability?.publicParticipation.required === false;

/** The text a decision adopted: as recorded, or the reviewed draft, or (with no state) the first draft. */
export function adoptedText(s?: ProcedureState): string {
  if (!s) return h('draft-1');
  if (s.decision?.adoptedTextHash) return s.decision.adoptedTextHash;
  const v = s.legality?.draftVersion;
  return s.drafts.find((d) => d.version === v)?.documentHash ?? s.drafts[s.drafts.length - 1]?.documentHash ?? h('draft-1');
}

/** The decision's clock as the state materials were read from showed it: the time of its last step. */
const clockOfMaterials = new WeakMap<object, number>();

/**
 * The Art. 29 materials of a decision as recorded, for recordDiscussion. They remember the decision's clock (its last
 * step's time) for the meeting's date (meetingDate): extend them with `Object.assign`, which keeps them the same object.
 */
export function discussionMaterials(s: ProcedureState): Payloads['recordDiscussion']['materials'] {
  const materials = {
    draftHash: s.drafts[s.drafts.length - 1]?.documentHash ?? h('no draft'),
    legalityOpinionHash: s.legality?.opinion?.opinionHash ?? h('no legality opinion'),
    adoptionReportHash: s.publicParticipation?.adoptionReport?.reportHash,
    expertReportHash: s.expert?.completed?.adoptionReportHash,
    riskReportHash: s.risk?.reportHash,
    ...(s.pendingChange && s.evaluations?.some((e) => e.report) ? { evaluationReportHash: s.evaluations.filter((e) => e.report).at(-1)!.report!.reportHash } : {}),
  };
  const last = s.timeline?.[s.timeline.length - 1]?.at;
  if (last !== undefined) clockOfMaterials.set(materials, last);
  return materials;
}

/**
 * The meeting's date in the minutes (Art. 30): the decision's clock, never a fixed day, so that the meeting sat after
 * the legality opinion and before the minutes are recorded, on any clock (the rules refuse a date outside that). The
 * time of the decision's last step where the materials were read from its state (discussionMaterials); otherwise now,
 * for materials written by hand against a system that runs on real time.
 */
export function meetingDate(materials: object): string {
  return new Date(clockOfMaterials.get(materials) ?? Date.now()).toISOString();
}
