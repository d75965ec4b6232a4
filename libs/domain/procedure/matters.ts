import type { Bilingual } from './refusal';
import type { Citation } from './articles';
import type { Payloads } from './commands';

/**
 * Matter types: what other laws require of some matters (Decree 713 Art. 3 para. 2: a matter that laws and
 * regulations govern by their own procedure follows it; Art. 16 para. 1: a hearing where the law requires one).
 * A catalog item names its matter types; the registration carries them, signed, for the decision's whole life;
 * the rules (rules/matters.ts) read them from the state. Each requirement is data with its legal basis: the
 * stages of Decree 713 the law makes mandatory, steps of the law's own (who organises them, before which step of
 * the procedure, with which conclusions), absolute minimum periods, who organises a hearing and who sits in it,
 * and the meeting that decides.
 *
 * Where an article number is not verified against the official text, the citation names the instrument without
 * one, and `unverified` says which.
 */

/** Points of the procedure a matter's own step must come before. */
export type Checkpoint = 'openPublicComment' | 'scheduleHearing' | 'submitAdoptionReport' | 'submitForLegalityReview' | 'recordDiscussion' | 'decide';

/** Who a hearing participant is, where a matter's law asks for a composition (scheduleHearing: participants[].category). */
export const HEARING_CATEGORIES = ['consumer', 'operator', 'expropriated', 'public', 'expert', 'government', 'other'] as const;
export type HearingCategory = (typeof HEARING_CATEGORIES)[number];
export const HEARING_CATEGORY_ZH: Record<HearingCategory, string> = {
  consumer: '消费者',
  operator: '经营者',
  expropriated: '被征收人',
  public: '公众代表',
  expert: '专家、学者',
  government: '政府部门',
  other: '其他人员',
};

/** A step that another law adds to the procedure, recorded with recordMatterStep. */
export interface MatterStep {
  id: string;
  name: Bilingual;
  /** Who organises it under the law; the step records the organisation that did (organisedBy). */
  organiser: Bilingual;
  /** It must be done before this step of the procedure. */
  before: Checkpoint;
  /** Taken only once the announcement or public comment period has closed. */
  afterComment?: boolean;
  /** Taken only once this step of the same matter type is on record (for the draft on the table, where that one is on the draft). */
  after?: string;
  /** Its subject is the draft: a substantially revised draft needs it again (Art. 18). */
  ofDraft?: boolean;
  /** The conclusions it records; only a `passing` one lets the procedure go on. */
  conclusions?: { values: Record<string, Bilingual>; passing: readonly string[] };
  /** The document of the collective discussion's materials that must be this step's record. */
  discussionMaterial?: 'fairCompetitionReviewHash';
  basis: Citation[];
}

export interface MatterType {
  id: string;
  name: Bilingual;
  basis: Citation[];
  /** The stages of Decree 713 the law makes mandatory: declareApplicability must say they apply. */
  requires: {
    publicParticipation?: { what: Bilingual; basis: Citation[] };
    hearing?: { what: Bilingual; basis: Citation[] };
    riskAssessment?: { what: Bilingual; basis: Citation[] };
    affectsMarket?: { what: Bilingual; basis: Citation[] };
  };
  /** The announcement or comment period: at least this many days, with no exception for a shorter one (unlike Art. 15's 一般). */
  minCommentDays?: { days: number; what: Bilingual; basis: Citation[] };
  steps: MatterStep[];
  /** A hearing the law requires when a step concluded so (the majority object). */
  hearingWhen?: { step: string; conclusion: string; what: Bilingual; basis: Citation[] };
  /** Who organises the hearing, and who sits in it. */
  hearing?: {
    organiser?: { who: Bilingual; basis: Citation[] };
    composition?: { category: HearingCategory; minShare?: number; min?: number; basis: Citation[] }[];
  };
  /** The experts' and the public's opinions heard by 论证会, 听证会 or another form, besides the announcement. */
  opinionForms?: { what: Bilingual; basis: Citation[] };
  /** The meeting that decides. */
  meeting?: { kind: 'executive'; what: Bilingual; basis: Citation[] };
  /**
   * Forms of public participation (recordParticipationForm) that must be on record for the draft on the table before a
   * point of the procedure: e.g. an opinion poll (民意调查) before the adoption report.
   */
  participationForms?: { forms: ParticipationForm[]; before: Checkpoint; what: Bilingual; basis: Citation[] }[];
  /** What of the data above is not verified against the official text. */
  unverified?: string[];
  /** Where the engine applies the law more simply than it reads. */
  notes?: string[];
}

/** A form of public participation other than comment and hearing (Art. 14), as recordParticipationForm names it. */
export type ParticipationForm = Payloads['recordParticipationForm']['form'];

/**
 * A rule a procedure profile adds (profiles.ts `requirements`, Art. 43: provinces write their own detailed rules), in
 * the shape of a matter type's and checked at the same points: the steps it adds (recorded with recordMatterStep, its
 * id as the matter type), who organises them, before which step, the forms of participation and periods it requires,
 * each with its basis. It applies to every decision kept under the profile or, with `onlyIf`, to those whose declared
 * applicability (declareApplicability) or registered matter types say so.
 */
export interface ProfileRequirement extends MatterType {
  onlyIf?: { declared?: 'affectsMarket' | 'hearingRequired'; matterType?: string };
}

const c = (source: string, article?: number, paragraph?: number): Citation => ({ source, article, paragraph });

const MAJORITY = {
  values: {
    majority_object: { zh: '多数被征收人（被征地的农村集体经济组织成员）认为方案不符合规定', en: 'the majority hold that the plan does not conform to the law' },
    no_majority: { zh: '未达多数', en: 'no majority objects' },
  },
  passing: ['majority_object', 'no_majority'],
};

/** 政府制定价格: prices the government sets or guides that concern the people's vital interests. */
export const GOVERNMENT_PRICING: MatterType = {
  id: 'government-pricing',
  name: { zh: '政府制定价格（定价听证）', en: 'government-set prices (pricing hearing)' },
  basis: [c('price-law', 23), c('price-hearing')],
  requires: {
    publicParticipation: { what: { zh: '制定政府指导价、政府定价应当征求消费者、经营者和有关方面的意见', en: "government-set prices are set after hearing consumers', operators' and others' opinions" }, basis: [c('price-law', 23)] },
    hearing: { what: { zh: '制定关系群众切身利益的公用事业价格、公益性服务价格、自然垄断经营的商品价格，应当建立听证会制度', en: 'a hearing is held on public-utility, public-service and natural-monopoly prices' }, basis: [c('price-law', 23), c('price-hearing')] },
  },
  steps: [
    {
      id: 'cost-audit',
      name: { zh: '定价成本监审', en: 'cost audit of the price' },
      organiser: { zh: '政府价格主管部门', en: 'the price department' },
      before: 'scheduleHearing',
      conclusions: {
        values: { audited: { zh: '已完成成本监审，形成成本监审报告', en: 'audited, with the cost audit report' } },
        passing: ['audited'],
      },
      basis: [c('price-cost-audit'), c('price-hearing')],
    },
  ],
  hearing: {
    organiser: { who: { zh: '政府价格主管部门', en: 'the price department' }, basis: [c('price-law', 23)] },
    composition: [{ category: 'consumer', minShare: 0.4, basis: [c('price-hearing')] }],
  },
  unverified: [
    '《政府制定价格听证办法》(2018): the articles on the consumer share (不得少于听证会参加人总数的五分之二) and on the cost audit before the hearing are cited without numbers',
    '《政府制定价格成本监审办法》(2017): the article requiring the audit before the price is set is cited without a number',
  ],
  notes: ['the engine records which price department organised the hearing (organisedBy); it cannot tell from the registered organisations that it is the price department'],
};

/** 征收集体土地: land requisition, before the application for approval. */
export const LAND_REQUISITION: MatterType = {
  id: 'land-requisition',
  name: { zh: '土地征收', en: 'land requisition' },
  basis: [c('land-law', 47)],
  requires: {
    publicParticipation: { what: { zh: '征收范围、土地现状、补偿标准、安置方式等应当公告并听取被征收的农村集体经济组织及其成员等的意见', en: 'the requisition is announced and the collective and its members heard' }, basis: [c('land-law', 47, 2)] },
    riskAssessment: { what: { zh: '拟申请征收土地的，应当开展社会稳定风险评估', en: 'a social-stability risk assessment precedes the application' }, basis: [c('land-law', 47, 2)] },
  },
  minCommentDays: { days: 30, what: { zh: '拟征收土地公告期限不得少于30日', en: 'the announcement of the requisition runs at least 30 days' }, basis: [c('land-law', 47, 2)] },
  steps: [
    {
      id: 'land-survey',
      name: { zh: '拟征收土地现状调查', en: 'survey of the current state of the land' },
      organiser: { zh: '县级以上地方人民政府', en: 'the local government at or above county level' },
      before: 'openPublicComment',
      basis: [c('land-law', 47, 2)],
    },
    {
      id: 'objections',
      name: { zh: '征地补偿安置方案意见统计', en: 'tally of objections to the compensation and resettlement plan' },
      organiser: { zh: '县级以上地方人民政府', en: 'the local government at or above county level' },
      before: 'submitAdoptionReport',
      afterComment: true,
      ofDraft: true,
      conclusions: MAJORITY,
      basis: [c('land-law', 47, 3)],
    },
  ],
  hearingWhen: {
    step: 'objections',
    conclusion: 'majority_object',
    what: { zh: '多数被征地的农村集体经济组织成员认为征地补偿安置方案不符合法律、法规规定的，应当组织召开听证会', en: 'when the majority of the collective members object to the plan, a hearing is held' },
    basis: [c('land-law', 47, 3)],
  },
};

const HOUSING_STEPS: MatterStep[] = [
  {
    id: 'plan-argumentation',
    name: { zh: '征收补偿方案论证', en: 'argumentation of the compensation plan' },
    organiser: { zh: '市、县级人民政府组织有关部门', en: 'the city or county government, with the departments concerned' },
    before: 'openPublicComment',
    ofDraft: true,
    basis: [c('housing-expropriation', 10)],
  },
  {
    id: 'comment-outcome',
    name: { zh: '公布征求意见情况和根据公众意见修改的情况', en: 'publication of the comments and the changes made for them' },
    organiser: { zh: '市、县级人民政府', en: 'the city or county government' },
    before: 'submitForLegalityReview',
    afterComment: true,
    ofDraft: true,
    basis: [c('housing-expropriation', 11, 1)],
  },
  {
    id: 'compensation-funds',
    name: { zh: '征收补偿费用足额到位、专户存储、专款专用', en: 'compensation funds in full, in a dedicated account, for that use only' },
    organiser: { zh: '市、县级人民政府', en: 'the city or county government' },
    before: 'decide',
    basis: [c('housing-expropriation', 12, 2)],
  },
];

const HOUSING_REQUIRES: MatterType['requires'] = {
  publicParticipation: { what: { zh: '征收补偿方案应当予以公布，征求公众意见', en: 'the compensation plan is published for public comment' }, basis: [c('housing-expropriation', 10)] },
  riskAssessment: { what: { zh: '作出房屋征收决定前，应当按照有关规定进行社会稳定风险评估', en: 'a social-stability risk assessment precedes the expropriation decision' }, basis: [c('housing-expropriation', 12, 1)] },
};

/** 国有土地上房屋征收: expropriation of housing on state-owned land. */
export const HOUSING_EXPROPRIATION: MatterType = {
  id: 'housing-expropriation',
  name: { zh: '国有土地上房屋征收', en: 'expropriation of housing on state-owned land' },
  basis: [c('housing-expropriation', 10), c('housing-expropriation', 11), c('housing-expropriation', 12)],
  requires: HOUSING_REQUIRES,
  minCommentDays: { days: 30, what: { zh: '征收补偿方案征求意见期限不得少于30日', en: 'the comment period on the compensation plan is at least 30 days' }, basis: [c('housing-expropriation', 10)] },
  steps: HOUSING_STEPS,
  meeting: {
    kind: 'executive',
    what: { zh: '房屋征收决定应当经政府常务会议讨论决定', en: 'the expropriation decision is discussed and decided at the executive meeting' },
    basis: [c('housing-expropriation', 12, 1)],
  },
  notes: ['Art. 12 para. 1 requires the executive meeting where many persons are expropriated; a matter in the catalog of major decisions is taken to be one, so the executive meeting is required for every housing expropriation'],
};

/** 因旧城区改建需要征收房屋: the same, for old-town redevelopment, where the majority's objection calls a hearing. */
export const HOUSING_EXPROPRIATION_OLD_TOWN: MatterType = {
  ...HOUSING_EXPROPRIATION,
  id: 'housing-expropriation-old-town',
  name: { zh: '国有土地上房屋征收（旧城区改建）', en: 'expropriation of housing on state-owned land (old-town redevelopment)' },
  steps: [
    ...HOUSING_STEPS,
    {
      id: 'objections',
      name: { zh: '被征收人对征收补偿方案意见统计', en: 'tally of the expropriated persons’ objections to the plan' },
      organiser: { zh: '市、县级人民政府', en: 'the city or county government' },
      before: 'submitAdoptionReport',
      afterComment: true,
      ofDraft: true,
      conclusions: MAJORITY,
      basis: [c('housing-expropriation', 11, 2)],
    },
  ],
  hearingWhen: {
    step: 'objections',
    conclusion: 'majority_object',
    what: { zh: '因旧城区改建需要征收房屋，多数被征收人认为征收补偿方案不符合本条例规定的，应当组织由被征收人和公众代表参加的听证会', en: 'in old-town redevelopment, when the majority of the expropriated object to the plan, a hearing of the expropriated and public representatives is held' },
    basis: [c('housing-expropriation', 11, 2)],
  },
  hearing: {
    composition: [
      { category: 'expropriated', min: 1, basis: [c('housing-expropriation', 11, 2)] },
      { category: 'public', min: 1, basis: [c('housing-expropriation', 11, 2)] },
    ],
  },
};

/** 城乡规划: a plan before it is submitted for approval. */
export const URBAN_RURAL_PLANNING: MatterType = {
  id: 'urban-rural-planning',
  name: { zh: '城乡规划', en: 'urban and rural planning' },
  basis: [c('planning-law', 26)],
  requires: {
    publicParticipation: { what: { zh: '城乡规划报送审批前，组织编制机关应当依法将城乡规划草案予以公告', en: 'the draft plan is announced before it is submitted for approval' }, basis: [c('planning-law', 26)] },
  },
  minCommentDays: { days: 30, what: { zh: '城乡规划草案公告的时间不得少于30日', en: 'the draft plan is announced for at least 30 days' }, basis: [c('planning-law', 26)] },
  steps: [],
  opinionForms: {
    what: { zh: '应当采取论证会、听证会或者其他方式征求专家和公众的意见（已举行的听证会、专家论证会或者其他公众参与方式）', en: "the experts' and the public's opinions are sought by an argumentation meeting, a hearing or another form (a hearing held, an expert meeting, or another form of participation)" },
    basis: [c('planning-law', 26)],
  },
  notes: ['Art. 26 admits 论证会, 听证会 "or other means": a form recorded with recordParticipationForm counts as such a means'],
};

/** 公平竞争审查: a measure concerning operators' economic activity. */
export const FAIR_COMPETITION_REVIEW: MatterType = {
  id: 'fair-competition-review',
  name: { zh: '公平竞争审查', en: 'fair-competition review' },
  basis: [c('fair-competition', 2), c('fair-competition', 14)],
  requires: {
    affectsMarket: { what: { zh: '起草涉及经营者经济活动的政策措施，应当开展公平竞争审查', en: "a measure concerning operators' economic activity is reviewed for fair competition" }, basis: [c('fair-competition', 2)] },
  },
  steps: [
    {
      id: 'fair-competition-review',
      name: { zh: '公平竞争审查', en: 'fair-competition review' },
      organiser: { zh: '起草单位开展初审，本级人民政府市场监督管理部门会同起草单位审查', en: 'the drafting unit reviews first; the market regulation department reviews with it' },
      before: 'submitForLegalityReview',
      ofDraft: true,
      conclusions: {
        values: {
          conforms: { zh: '符合审查标准', en: 'conforms to the review standards' },
          conforms_with_exception: { zh: '具有排除、限制竞争效果，但符合例外情形，并确定了实施期限或者终止条件', en: 'restricts competition, but within an exception, with a time limit or end condition' },
          does_not_conform: { zh: '不符合审查标准，不得出台', en: 'does not conform, and may not be issued' },
        },
        passing: ['conforms', 'conforms_with_exception'],
      },
      discussionMaterial: 'fairCompetitionReviewHash',
      basis: [c('fair-competition', 12), c('fair-competition', 14), c('fair-competition', 16), c('fair-competition')],
    },
  ],
  unverified: ['《公平竞争审查条例》: the article on the written conclusion (书面审查结论) and that a measure that does not conform is not issued is cited without a number'],
};

/**
 * 规划环境影响评价 (Environmental Impact Assessment Law, ch. 2): a plan the government organises is assessed for its
 * environmental impact while it is drafted, and the assessment goes with the draft to the organ that approves it.
 * A comprehensive plan (land use; regional, river-basin and sea-area development) carries a chapter or explanation
 * (Art. 7); a special plan (industry, agriculture, energy, water, transport, urban construction, tourism, natural
 * resources ...) a report (Art. 8), which a review group reviews in writing before a government of a districted city or
 * above decides (Art. 13). Where the plan may harm the environment and directly concerns the public's environmental
 * rights, the draft report is put to units, experts and the public first (Art. 11): `special-plan-eia-public`.
 */
const EIA_CHAPTER: MatterStep = {
  id: 'eia-chapter',
  name: { zh: '规划有关环境影响的篇章或者说明', en: "the plan's chapter or explanation on its environmental impact" },
  organiser: { zh: '规划编制机关（在规划编制过程中）', en: 'the body drafting the plan, while drafting it' },
  before: 'recordDiscussion',
  ofDraft: true,
  basis: [c('eia-law', 7)],
};
const EIA_REPORT: MatterStep = {
  id: 'eia-report',
  name: { zh: '专项规划环境影响报告书', en: "the special plan's environmental impact report" },
  organiser: { zh: '专项规划的编制机关（在规划草案上报审批前）', en: 'the body drafting the special plan, before the draft goes for approval' },
  before: 'recordDiscussion',
  ofDraft: true,
  basis: [c('eia-law', 8), c('eia-law', 12)],
};
const EIA_REVIEW: MatterStep = {
  id: 'eia-review',
  name: { zh: '环境影响报告书审查小组的书面审查意见', en: "the review group's written opinion on the environmental impact report" },
  organiser: { zh: '人民政府指定的生态环境主管部门或者其他部门（召集有关部门代表和专家组成审查小组）', en: 'the ecology and environment department (or another the government names), convening a review group of departments and experts' },
  before: 'recordDiscussion',
  ofDraft: true,
  after: 'eia-report',
  basis: [c('eia-law', 13)],
};
const EIA_NOTES = [
  "which plans are comprehensive, special or guiding (Art. 8 para. 2: assessed as comprehensive ones) is the catalog item's to say, by the matter type it names",
  "Art. 13's review group reviews before a government of a districted city or above approves; a county government's special plan is registered as the comprehensive kind only if its law says so: the engine cannot tell a government's level from the matter type",
  "Art. 14: the report's conclusions and the review opinion are an important basis of the decision, and not adopting them is explained and kept on file; the engine records the opinion, the explanation is among the decision's documents, not checked",
];

export const COMPREHENSIVE_PLAN_EIA: MatterType = {
  id: 'comprehensive-plan-eia',
  name: { zh: '综合性规划（规划环境影响评价）', en: 'a comprehensive plan (plan environmental impact assessment)' },
  basis: [c('eia-law', 7)],
  requires: {},
  steps: [EIA_CHAPTER],
  notes: EIA_NOTES,
};

export const SPECIAL_PLAN_EIA: MatterType = {
  id: 'special-plan-eia',
  name: { zh: '专项规划（规划环境影响评价）', en: 'a special plan (plan environmental impact assessment)' },
  basis: [c('eia-law', 8), c('eia-law', 12), c('eia-law', 13)],
  requires: {},
  steps: [EIA_REPORT, EIA_REVIEW],
  notes: EIA_NOTES,
};

export const SPECIAL_PLAN_EIA_PUBLIC: MatterType = {
  id: 'special-plan-eia-public',
  name: { zh: '直接涉及公众环境权益的专项规划（规划环境影响评价）', en: "a special plan that directly concerns the public's environmental rights (plan environmental impact assessment)" },
  basis: [c('eia-law', 8), c('eia-law', 11), c('eia-law', 12), c('eia-law', 13)],
  requires: {},
  steps: [
    {
      id: 'eia-opinions',
      name: { zh: '就环境影响报告书草案征求有关单位、专家和公众的意见（论证会、听证会或者其他形式）', en: "the units', experts' and public's opinions on the draft report (an argumentation meeting, a hearing or another form)" },
      organiser: { zh: '专项规划的编制机关', en: 'the body drafting the special plan' },
      before: 'recordDiscussion',
      ofDraft: true,
      basis: [c('eia-law', 11, 1)],
    },
    {
      ...EIA_REPORT,
      name: { zh: '专项规划环境影响报告书（附具对意见采纳或者不采纳的说明）', en: "the special plan's environmental impact report, with how the opinions were or were not adopted" },
      after: 'eia-opinions',
      basis: [c('eia-law', 8), c('eia-law', 11, 2), c('eia-law', 12)],
    },
    EIA_REVIEW,
  ],
  notes: [...EIA_NOTES, 'Art. 11 excepts what the state keeps secret (国家规定需要保密的情形): such a plan is registered as special-plan-eia'],
};

/**
 * 重大民生决策事项: a matter of the people's livelihood (culture and education, health, resource development, the
 * environment, public utilities). No national law adds a step for it; a profile may (Shandong: an opinion poll,
 * profiles.ts), reading the catalog item's classification.
 */
export const MAJOR_LIVELIHOOD: MatterType = {
  id: 'major-livelihood',
  name: { zh: '重大民生决策事项', en: "a major matter of the people's livelihood" },
  basis: [c('sd-pp')],
  requires: {},
  steps: [],
  unverified: ['《山东省重大行政决策公众参与工作办法》 (2025), which names the class, is known from news reports only: cited without an article number (条文序号待核)'],
  notes: ["a classification only: the national baseline adds nothing for it; a profile's requirement may (onlyIf.matterType)"],
};

export const MATTER_TYPES: Record<string, MatterType> = Object.fromEntries(
  [GOVERNMENT_PRICING, LAND_REQUISITION, HOUSING_EXPROPRIATION, HOUSING_EXPROPRIATION_OLD_TOWN, URBAN_RURAL_PLANNING, COMPREHENSIVE_PLAN_EIA, SPECIAL_PLAN_EIA, SPECIAL_PLAN_EIA_PUBLIC, FAIR_COMPETITION_REVIEW, MAJOR_LIVELIHOOD].map((m) => [m.id, m]),
);
export const MATTER_TYPE_IDS = Object.keys(MATTER_TYPES);

export function matterTypeById(id: string): MatterType | undefined {
  return MATTER_TYPES[id];
}
