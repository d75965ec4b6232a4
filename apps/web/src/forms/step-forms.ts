import { LEGALITY_ZH } from '../../../../libs/domain/procedure/rules/words';
import { EVALUATION_PARTICIPANT_ZH, EVALUATION_PARTICIPANTS, HEARING_CATEGORIES, HEARING_CATEGORY_ZH, MATTER_TYPES, PROFILES, type ActionName, type EvaluationParticipant, type HearingCategory, type MatterType, type Payloads } from '../../../../libs/domain';
import { lang, t } from '../i18n';
import { EVALUATION_SITUATION_TEXT, MEMBER_VIEW_TEXT, SUSPENSION_SITUATION_TEXT } from '../format';
import { options, type Field } from './payload';

/** The matter types (other laws) and the requirements the profiles add (provincial rules): what recordMatterStep records. */
const WITH_STEPS: MatterType[] = [...Object.values(MATTER_TYPES), ...new Map(Object.values(PROFILES).flatMap((p) => (p.requirements ?? []).map((r) => [r.id, r] as const))).values()];
const HEARING_CATEGORY_EN: Record<HearingCategory, string> = {
  consumer: 'consumers',
  operator: 'operators',
  expropriated: 'people whose property is expropriated',
  public: 'representatives of the public',
  expert: 'experts and scholars',
  government: 'government departments',
  other: 'others',
};
const EVALUATION_PARTICIPANT_EN: Record<EvaluationParticipant, string> = {
  npc_deputy: "people's congress deputy",
  cppcc_member: 'CPPCC member',
  people_organisation: "people's organisation",
  grassroots_organisation: 'grassroots organisation',
  social_organisation: 'social organisation',
};
/** A name the domain writes in both languages ({ zh, en }), in the reader's. */
const named = (n: { zh: string; en: string }) => (lang === 'en' ? n.en : n.zh);
const LEGALITY_OUTCOMES: Record<Payloads['issueLegalityOpinion']['outcome'], string> = {
  lawful: t(LEGALITY_ZH.lawful, 'lawful'),
  lawful_with_changes: t(LEGALITY_ZH.lawful_with_changes, 'to be changed as the opinion requires'),
  returned: t(LEGALITY_ZH.returned, 'returned'),
  unlawful: t(LEGALITY_ZH.unlawful, 'unlawful'),
  exploratory: t(LEGALITY_ZH.exploratory, 'an exploratory reform, its legal risks stated'),
};

/**
 * The form of each step, written from its payload type (libs/domain
 * Payloads): a field per key, named by the key, so TypeScript names a field
 * that is not in the payload. Steps without a form here are written in the
 * JSON editor, from their template (templates.ts).
 */
type FormOf<K extends ActionName> = Field<keyof Payloads[K] & string>[];
type StepForms = { [K in ActionName]?: { intro: string; fields: FormOf<K> } };

const reason = (label = t('理由', 'Reason')): Field<'reason'> => ({ kind: 'text', name: 'reason', label, required: true, long: true });
const hash = <N extends string>(name: N, label: string, required = true): Field<N> => ({ kind: 'hash', name, label, required });
/** Whether a hearing is held online: asked only where the decision's rules provide for it (青岛), as announced and as scheduled. */
const onlineHearing: Field<'online'> = {
  kind: 'boolean',
  name: 'online',
  label: t('以网络听证方式举行', 'Held online'),
  help: t('本决策适用的程序规则规定了网络听证', "This decision's rules provide for online hearings"),
  onlyWhere: (profile) => !!profile.onlineHearing?.value,
};

/**
 * The step the signing page opens on for a person of the role, where no task names one: each role's usual step (web
 * tester: an expert's page opened on the undertaking unit's 提交决策草案).
 */
export const FIRST_STEP_OF_ROLE: Partial<Record<string, ActionName>> = {
  undertaking_unit: 'submitDraft',
  legality_reviewer: 'issueLegalityOpinion',
  legal_adviser: 'submitLegalOpinion',
  public_lawyer: 'submitLegalOpinion',
  expert: 'submitExpertOpinion',
  risk_assessor: 'submitRiskAssessment',
  meeting_secretary: 'recordDiscussion',
  chief_executive: 'decide',
  execution_unit: 'submitExecutionReport',
  evaluator: 'submitEvaluation',
};

/** How a decision is explained to the public (宣传解读, Art. 32): the form's choices, and the portal's words for them. */
export const INTERPRETATION_FORM_LABELS = { press_conference: t('新闻发布会', 'Press conference'), interview: t('接受访谈', 'Interview'), policy_explainer: t('政策解读文章', 'Policy explainer'), online_qa: t('在线访谈或问答', 'Online Q&A'), other: t('其他方式', 'Other') };

export const STEP_FORMS: StepForms = {
  // 决策承办单位 (undertaking unit)
  submitDraft: {
    intro: t('决策承办单位拟订决策草案；提出两个以上方案的，应当附方案比较说明。文件的哈希值在本浏览器中计算。', 'The undertaking unit drafts the decision; with two or more alternatives, it attaches a comparison of them. The documents are hashed in this browser.'),
    fields: [
      { ...hash('documentHash', t('决策草案', 'Draft decision')), testId: 'draft-document' },
      { ...hash('explanationHash', t('起草说明', 'Explanatory note')), testId: 'draft-explanation' },
      {
        kind: 'list',
        name: 'alternatives',
        label: t('备选方案', 'Alternatives'),
        itemLabel: t('备选方案', 'Alternatives'),
        testId: 'alternative',
        item: [
          { kind: 'text', name: 'title', label: t('方案名称', 'Title'), required: true },
          { ...hash('documentHash', t('方案文件', 'Document')), testId: 'document' },
        ],
      },
      { ...hash('comparisonHash', t('方案比较说明（两个以上方案时必附）', 'Comparison of the alternatives (required with two or more)'), false), testId: 'draft-comparison' },
      { kind: 'text', name: 'reason', label: t('修改理由（提交修改稿时填写）', 'Why it was revised (for a revised draft)'), long: true },
      {
        kind: 'boolean',
        name: 'material',
        // A revision says whether it is substantial (the rules refuse one that does not): unticked is "no", not left out.
        sentWith: 'reason',
        label: t('属于实质性修改（将重新征求公众意见）', 'A material change (to be put out for comment again)'),
        help: t('已公开征求意见的草案，须先报告意见研究采纳情况，方可作实质性修改（第十八条）', 'A draft put out for comment is changed materially only once the adoption of the comments is reported (Art. 18)'),
      },
    ],
  },
  declareApplicability: {
    intro: t('载明本决策是否公开征求意见、是否听证、是否专家论证、是否风险评估、是否涉及市场主体经济活动。', 'States whether this decision is put out for public comment, heard, argued by experts, assessed for risk, and whether it concerns market activity.'),
    fields: [
      { kind: 'group', name: 'publicParticipation', label: t('公众参与', 'Public participation'), fields: [{ kind: 'boolean', name: 'required', label: t('向社会公开征求意见', 'Put out for public comment'), required: true }, { kind: 'text', name: 'nonDisclosureBasis', label: t('依法不予公开的法律、法规及条款（不公开征求意见时填写，如《中华人民共和国保守国家秘密法》第十三条）', 'The law or regulation, with its article, that withholds it (where not put out for comment)') }, { kind: 'text', name: 'disclosureBasis', label: t('现在可以公开的依据（调整此前依法不予公开的决策、现公开征求意见时填写）', 'The basis for disclosing it now (adjusting a decision withheld by law, now put out for comment)') }] },
      { kind: 'boolean', name: 'hearingRequired', label: t('举行听证会', 'Hold a hearing'), required: true },
      { kind: 'group', name: 'expertArgumentation', label: t('专家论证', 'Expert argumentation'), fields: [{ kind: 'boolean', name: 'required', label: t('需要专家论证', 'Expert argumentation needed'), required: true }, { kind: 'text', name: 'reason', label: t('理由', 'Reason'), required: true }] },
      { kind: 'group', name: 'riskAssessment', label: t('风险评估', 'Risk assessment'), fields: [{ kind: 'boolean', name: 'required', label: t('需要风险评估', 'Risk assessment needed'), required: true }, { kind: 'text', name: 'reason', label: t('理由', 'Reason'), required: true }, hash('priorAssessmentRef', t('已经进行的风险评估报告（可选，不再重复评估的）', 'Report of a risk assessment already made (optional: not assessed again)'), false)] },
      { kind: 'boolean', name: 'affectsMarket', label: t('涉及市场主体经济活动（须公平竞争审查）', 'Concerns market activity (fair competition review)'), required: true },
      { kind: 'strings', name: 'unitsConcerned', label: t('职责涉及或者关系紧密的部门、下一级人民政府编号（第十三条，送审前应当充分协商）', 'Departments and lower governments whose duties it concerns (Art. 13: to be consulted before review)'), placeholder: t('例如 hz-czj', 'e.g. hz-czj') },
      { kind: 'strings', name: 'specialGroups', label: t('涉及其利益的特定群体（第十四条第三款，提交意见采纳情况前应当沟通协商）', 'Special groups whose interests it concerns (Art. 14 para. 3: to be consulted before the adoption report)'), placeholder: t('例如 残疾人', 'e.g. people with disabilities') },
      { kind: 'select', name: 'peoplesCongress', label: t('人民代表大会（第八条，可选）', "People's congress (Art. 8, optional)"), options: options({ decide: t('属于本级人大及其常委会讨论决定的事项', "for the people's congress or its standing committee to decide"), report: t('出台前应当向本级人大常委会报告', "to be reported to the standing committee of the people's congress before it is issued") }) },
    ],
  },
  consultDepartment: {
    intro:
      t('决策事项涉及决策机关所属部门、下一级人民政府等单位的职责，或者与其关系紧密的，决策承办单位应当与其充分协商；不能取得一致意见的，应当向决策机关说明争议的主要问题，有关单位的意见，决策承办单位的意见、理由和依据（第十三条），随讨论材料一并报送。', "Where the matter concerns the duties of the deciding organ's departments, lower governments or other units, or closely touches them, the undertaking unit consults them fully; where they cannot agree, it states to the deciding organ the main points in dispute, the units' views and its own view, reasons and grounds (Art. 13), sent with the discussion materials."),
    fields: [
      { kind: 'text', name: 'unit', label: t('协商单位编号', 'Unit consulted'), required: true, placeholder: t('例如 hz-czj', 'e.g. hz-czj') },
      hash('opinionHash', t('该单位的意见', "The unit's opinion")),
      { kind: 'boolean', name: 'agreed', label: t('已取得一致意见', 'Agreed'), required: true },
      { kind: 'text', name: 'disputedIssues', label: t('争议的主要问题（未取得一致意见时必填）', 'Main points in dispute (required where not agreed)'), long: true },
    ],
  },
  consultSpecialGroup: {
    intro: t('决策事项涉及特定群体利益的，决策承办单位应当与相关人民团体、社会组织以及群众代表进行沟通协商，充分听取相关群体的意见建议（第十四条第三款）；沟通协商的对象中应当有群众代表。', "Where the matter concerns a special group's interests, the undertaking unit talks with the people's organisations, social organisations and representatives of the group and hears their views (Art. 14 para. 3); representatives of the group must be among them."),
    fields: [
      { kind: 'text', name: 'group', label: t('特定群体（确定适用程序时载明的）', 'Special group (as declared)'), required: true },
      {
        kind: 'list',
        name: 'with',
        label: t('沟通协商的对象', 'Consulted with'),
        itemLabel: t('对象', 'party'),
        required: true,
        item: [
          { kind: 'select', name: 'kind', label: t('类别', 'Kind'), required: true, options: options({ people_organisation: t('人民团体', "people's organisation"), social_organisation: t('社会组织', 'social organisation'), representatives: t('群众代表', 'representatives of the group') }) },
          { kind: 'text', name: 'name', label: t('名称', 'Name'), required: true },
        ],
      },
      hash('recordHash', t('沟通协商记录', 'Record of the talks')),
    ],
  },
  announceHearing: {
    intro: t(
      '召开听证会的，应当提前公布听证会的时间、地点和听证参加人遴选办法（第十六条第二款、第三款）。公布后，按公布的办法遴选听证参加人，再安排听证会、公布名单；改期或者改地点的，重新公布。',
      'A hearing is announced ahead: its time, place and how its participants will be selected (Art. 16 paras 2–3). Then the participants are selected by that method and named (Schedule the hearing). To change the time or place, announce it again.',
    ),
    fields: [
      { kind: 'text', name: 'hearingId', label: t('听证会编号', 'Hearing id'), required: true, placeholder: t('例如 H-1', 'e.g. H-1') },
      { kind: 'datetime', name: 'date', label: t('听证会时间', 'Time of the hearing'), required: true },
      { kind: 'text', name: 'place', label: t('听证会地点', 'Place of the hearing'), required: true },
      hash('selectionMethodHash', t('听证参加人遴选办法', 'How the participants will be chosen')),
      { kind: 'text', name: 'organisedBy', label: t('组织听证的单位（法律要求时填写）', 'Organised by (where the law asks)') },
      onlineHearing,
    ],
  },
  scheduleHearing: {
    intro: t(
      '决策事项直接涉及公民、法人、其他组织切身利益或者存在较大分歧的，可以召开听证会。听证会的时间、地点和听证参加人名单应当至少提前公布；利害关系人代表应当不少于听证参加人的一定比例（第十六条、第十七条）。程序规则规定网络听证的，可以网络听证方式举行。',
      "Where the matter directly concerns the interests of citizens, legal persons or other organisations, or views differ widely, a hearing may be held. Its time, place and participants are published ahead, and interested parties make up at least a set share of the participants (Arts. 16, 17). Where the decision's rules provide for it, the hearing may be held online.",
    ),
    fields: [
      { kind: 'text', name: 'hearingId', label: t('听证会编号', 'Hearing id'), required: true, placeholder: t('例如 H-1', 'e.g. H-1') },
      { kind: 'datetime', name: 'date', label: t('听证会时间', 'Time of the hearing'), required: true, help: t('与公布的时间一致', 'as announced') },
      { kind: 'text', name: 'place', label: t('听证会地点', 'Place of the hearing'), help: t('与公布的地点一致', 'as announced') },
      hash('selectionMethodHash', t('听证参加人遴选办法', 'How the participants were chosen')),
      {
        kind: 'list',
        name: 'participants',
        label: t('听证参加人', 'Participants'),
        itemLabel: t('参加人', 'participant'),
        testId: 'participant',
        required: true,
        item: [
          { kind: 'text', name: 'id', label: t('编号', 'Id'), required: true },
          { kind: 'text', name: 'name', label: t('姓名或名称', 'Name'), required: true },
          { kind: 'boolean', name: 'interested', label: t('利害关系人代表', 'Interested party'), required: true },
          { kind: 'select', name: 'category', label: t('类别（法律要求时填写）', 'Category (where the law asks)'), options: HEARING_CATEGORIES.map((c) => ({ value: c, label: t(HEARING_CATEGORY_ZH[c], HEARING_CATEGORY_EN[c]) })) },
        ],
      },
      { kind: 'text', name: 'organisedBy', label: t('组织听证的单位（法律要求时填写）', 'Organised by (where the law asks)') },
      onlineHearing,
    ],
  },
  deliverHearingMaterials: {
    intro: t('听证会材料应当于召开听证会7日前送达听证参加人（第十六条第三款）。', "The hearing's materials reach the participants 7 days before it is held (Art. 16 para. 3)."),
    fields: [{ kind: 'text', name: 'hearingId', label: t('听证会编号', 'Hearing id'), required: true, placeholder: t('安排听证会时填写的编号，例如 H-1', 'the id given when the hearing was scheduled, e.g. H-1') }],
  },
  recordHearing: {
    intro: t('听证会公开举行：决策承办单位介绍决策草案、依据和有关情况，听证参加人陈述意见，进行询问、质证和辩论，并确认听证会记录并签字（第十七条）。拒绝签字的，载明见证人。', 'The hearing is held in public: the undertaking unit presents the draft, its basis and the facts, the participants state their views, ask, challenge and debate, and confirm and sign the record (Art. 17). Where one refuses to sign, a witness is named.'),
    fields: [
      { kind: 'text', name: 'hearingId', label: t('听证会编号', 'Hearing id'), required: true },
      hash('transcriptHash', t('听证会记录', 'Record of the hearing')),
      { kind: 'strings', name: 'signedBy', label: t('确认并签字的听证参加人编号', 'Participants who confirmed and signed (ids)'), required: true, placeholder: t('例如 p-1', 'e.g. p-1') },
      {
        kind: 'list',
        name: 'refusals',
        label: t('拒绝签字的听证参加人', 'Participants who refused to sign'),
        itemLabel: t('拒绝签字', 'refusal'),
        item: [
          { kind: 'text', name: 'participantId', label: t('参加人编号', 'Participant id'), required: true },
          { kind: 'text', name: 'witness', label: t('见证人', 'Witness'), required: true },
        ],
      },
      {
        kind: 'list',
        name: 'absent',
        label: t('缺席的听证参加人', 'Participants who did not attend'),
        itemLabel: t('缺席', 'absence'),
        item: [
          { kind: 'text', name: 'participantId', label: t('参加人编号', 'Participant id'), required: true },
          { kind: 'text', name: 'reason', label: t('缺席原因（已知的）', 'Reason (where known)') },
        ],
      },
    ],
  },
  cancelHearing: {
    intro: t('已公布或者已安排的听证会不能举行的，取消听证会并说明理由；理由随听证会公告一并公开。需要重新举行的，重新公布听证会时间、地点（第十六条）。', 'A hearing announced or scheduled that will not be held is called off with the reason, published with its notice; to hold it after all, announce it again (Art. 16).'),
    fields: [
      { kind: 'text', name: 'hearingId', label: t('听证会编号', 'Hearing id'), required: true },
      { kind: 'text', name: 'reason', label: t('取消的理由', 'Why it is called off'), required: true, long: true },
    ],
  },
  recordParticipationForm: {
    intro: t('听取意见可以采取座谈会、听证会、实地走访、书面征求意见、向社会公开征求意见、问卷调查、民意调查等多种方式（第十四条第二款）。', 'Views are heard by symposia, hearings, site visits, written consultation, public comment, questionnaires, opinion polls and other forms (Art. 14 para. 2).'),
    fields: [
      {
        kind: 'select',
        name: 'form',
        label: t('听取意见的方式', 'Form'),
        required: true,
        options: options({ symposium: t('座谈会', 'symposium'), site_visit: t('实地走访', 'site visit'), written_solicitation: t('书面征求意见', 'written consultation'), questionnaire: t('问卷调查', 'questionnaire'), poll: t('民意调查', 'opinion poll'), group_consultation: t('与相关群体沟通协商', 'talks with the groups concerned') }),
      },
      hash('recordHash', t('记录', 'Record')),
    ],
  },
  appointExpertPanel: {
    intro: t('组织专家论证，可以采取论证会、书面咨询、委托咨询论证等方式；选择专家、专业机构应当坚持专业性、代表性和中立性，注重选择持不同意见的专家，不得选择与决策事项有直接利害关系的专家、专业机构（第十九条、第二十条）。专家因病、回避等原因不能论证的，可以重新选定，已提交意见的专家保留。', 'Experts argue by a meeting, written consultation or commissioned argumentation; they are chosen for expertise, representativeness and neutrality, including those of differing views, and none with a direct interest in the matter (Arts. 19, 20).'),
    fields: [
      { kind: 'select', name: 'form', label: t('论证方式', 'Form'), required: true, options: options({ meeting: t('论证会', 'argumentation meeting'), written: t('书面咨询', 'written consultation'), commissioned: t('委托咨询论证', 'commissioned argumentation') }) },
      {
        kind: 'list',
        name: 'experts',
        label: t('专家、专业机构', 'Experts and institutions'),
        itemLabel: t('专家', 'expert'),
        testId: 'expert',
        required: true,
        item: [
          { kind: 'text', name: 'id', label: t('编号', 'Id'), required: true },
          { kind: 'text', name: 'name', label: t('姓名或名称', 'Name'), required: true },
          { kind: 'text', name: 'organisation', label: t('所在单位', 'Organisation'), required: true },
          { kind: 'text', name: 'field', label: t('专业领域', 'Field'), required: true },
          { kind: 'boolean', name: 'directInterest', label: t('与决策事项有直接利害关系', 'Has a direct interest in the matter'), required: true },
          { kind: 'boolean', name: 'institution', label: t('专业机构', 'An institution') },
        ],
      },
      {
        kind: 'text',
        name: 'changeReason',
        label: t('更换专家的理由（已有专家提交论证意见后，更换尚未提交意见的专家时填写；已提交意见的专家应当保留）', 'Why members are replaced (once some have argued: those who have not are replaced, those who have stay)'),
        long: true,
      },
    ],
  },
  completeExpertArgumentation: {
    intro: t('决策承办单位对专家论证意见归纳整理、研究论证，说明采纳情况（第十九条、第二十条）。', "The undertaking unit studies the experts' opinions and states how they were adopted (Arts. 19, 20)."),
    fields: [hash('adoptionReportHash', t('专家论证意见采纳情况说明', 'How the opinions were adopted'))],
  },
  openPublicComment: {
    intro: t('公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短期限的，应当在征求意见时予以说明。', 'The comment period is as a rule at least 30 days; where it is shortened (in an emergency, for example), the reason is stated when comments are invited.'),
    fields: [
      { kind: 'number', name: 'days', label: t('征求意见期限（日）', 'Comment period (days)'), required: true, min: 1 },
      { kind: 'strings', name: 'channels', label: t('公布渠道', 'Channels'), required: true, placeholder: t('例如 市政府网站', "e.g. the city government's website") },
      { kind: 'text', name: 'shortenedReason', label: t('缩短期限的理由（少于30日时必填）', 'Why shortened (required under 30 days)'), long: true },
    ],
  },
  closePublicComment: { intro: t('征求意见期满后结束公开征求意见。', 'Closes the public comment once its period has run.'), fields: [] },
  submitAdoptionReport: {
    intro: t('对社会各方面提出的意见进行归纳整理、研究论证，充分采纳合理意见，完善决策草案。', 'The comments received are sorted, studied and argued; reasonable ones are adopted and the draft improved.'),
    fields: [
      hash('reportHash', t('意见采纳情况报告', 'Adoption report')),
      {
        kind: 'list',
        name: 'groups',
        label: t('意见分组', 'Groups of comments'),
        itemLabel: t('意见组', 'group'),
        required: true,
        item: [
          hash('groupHash', t('该组意见', 'The comments of this group')),
          { kind: 'select', name: 'response', label: t('采纳情况', 'Answer'), required: true, options: options({ adopted: t('采纳', 'adopted'), partly_adopted: t('部分采纳', 'partly adopted'), not_adopted: t('不予采纳', 'not adopted') }) },
          { kind: 'text', name: 'reason', label: t('理由（不予采纳或部分采纳时）', 'Reason (where not or partly adopted)'), long: true },
          { kind: 'strings', name: 'commentHashes', label: t('所答复意见的回执（意见较少时逐条列出）', 'Receipts of the comments answered (one by one, where few)') },
          { kind: 'number', name: 'commentCount', label: t('本组答复的意见条数（按答复汇总时）', 'Comments answered in this group (with the summary)'), min: 0 },
        ],
      },
      {
        kind: 'group',
        name: 'commentsAnswered',
        label: t('答复汇总（意见较多时，由“按答复汇总填入报告”填写）', 'Summary of the answers (where many, filled in by "fill in from the answers")'),
        fields: [
          { kind: 'number', name: 'draftVersion', label: t('草案版本', 'Draft version'), min: 1 },
          { kind: 'number', name: 'count', label: t('答复意见总数', 'Comments answered in all'), min: 0 },
          { kind: 'text', name: 'root', label: t('答复的默克尔根', 'Merkle root of the answers') },
        ],
      },
    ],
  },
  submitForLegalityReview: {
    intro: t('决策草案提交决策机关讨论前，应当由负责合法性审查的部门进行合法性审查；送审时应当提供决策草案及相关材料。', 'Before the deciding organ discusses it, the draft is reviewed for legality by the body responsible; the draft and its materials are sent with it.'),
    fields: [hash('materialsHash', t('送审材料', 'Materials for review')), hash('procedureExplanationHash', t('履行决策程序的说明', 'Explanation of the procedure followed'))],
  },
  resumeLegalityReview: { intro: t('补充材料、征求意见或者专家意见后，恢复合法性审查。', 'Resumes the legality review once the materials, consultation or expert advice are in.'), fields: [hash('materialsHash', t('补充的材料', 'Further materials'), false)] },
  // 决策机关 (the deciding organ: its general office or chief executive; in decisions made before, the undertaking unit)
  publish: {
    intro: t('决策机关应当通过政府公报和网站以及在本行政区域内发行的报纸等途径及时公布重大行政决策（第三十二条），由决策机关办公厅（室）或者行政首长办理。', 'The deciding organ publishes the decision promptly in the government gazette, on its website, in newspapers of the region and the like (Art. 32), through its general office or the chief executive.'),
    fields: [
      { kind: 'strings', name: 'channels', label: t('公布途径', 'Published through'), sentEmpty: true, placeholder: t('例如 政府公报', 'e.g. the government gazette'), help: t('依法不予公开的决策事项（第三十二条）不填写，记录为不公布', 'Left empty for a matter withheld by law (Art. 32): recorded as not published') },
      hash('documentHash', t('决策文件', 'Decision document')),
      hash('adoptionExplanationHash', t('公众意见、专家论证意见采纳情况说明', 'Explanation of how public and expert opinions were adopted'), false),
      { kind: 'text', name: 'disclosureBasis', label: t('可以公开的依据', 'Basis for disclosure'), long: true, help: t('仅在决策事项登记为依法不予公开、现予公布时填写，例如已经解密', 'Only where the matter was declared not to be disclosed and is now published, e.g. declassified') },
    ],
  },
  recordFurtherPublication: {
    intro: t(
      '决策已经公布的，此后通过政府公报、报纸等其他途径公布时逐一记录（第三十二条），例如下一期政府公报刊登。公布的应当是已经公布的决策文件；决策内容有变化的，依照第三十七条调整。',
      'A decision published is recorded again as each further channel carries it (Art. 32), e.g. the next issue of the gazette: the same decision document; a decision that changes is adjusted under Art. 37.',
    ),
    fields: [
      { kind: 'strings', name: 'channels', label: t('其他公布途径', 'Further channels'), required: true, placeholder: t('例如 政府公报', 'e.g. the government gazette') },
      hash('documentHash', t('已经公布的决策文件', 'The decision document published')),
      { kind: 'text', name: 'reference', label: t('期号、版面等', 'Issue, page'), help: t('例如《杭州市人民政府公报》2026年第12期', 'e.g. Hangzhou Government Gazette, 2026 no. 12') },
    ],
  },
  interpretDecision: {
    intro: t(
      '对社会公众普遍关心或者专业性、技术性较强的重大行政决策，应当通过新闻发布会、接受访谈等方式进行宣传解读（第三十二条）：记录解读的方式及其记录（发布会实录、解读文章等）。',
      'A decision of public concern or a technical one is explained to the public through press conferences, interviews and the like (Art. 32): records how, with its record (the transcript, the explainer published).',
    ),
    fields: [
      {
        kind: 'select',
        name: 'form',
        label: t('解读方式', 'How it was explained'),
        required: true,
        options: options(INTERPRETATION_FORM_LABELS),
      },
      hash('recordHash', t('解读记录（实录、文章等）', 'Record (transcript, explainer)')),
      { kind: 'text', name: 'description', label: t('方式说明（选择其他方式时填写）', 'Description (for another way)') },
    ],
  },
  archive: { intro: t('决策机关建立过程记录和材料归档制度，由有关单位将履行决策程序形成的记录、材料及时完整归档（第三十三条）；本步骤由决策承办单位办理。', 'The deciding organ keeps a system of records and archives; the units concerned archive the records and materials of the procedure promptly and completely (Art. 33). This step is the undertaking unit’s.'), fields: [{ kind: 'text', name: 'archiveRef', label: t('档号', 'Archive reference'), required: true }] },
  recordMatterStep: {
    intro: t('法律、行政法规对决策程序另有规定的事项（第三条第二款）：记录该法规定的程序步骤、组织单位及结论，例如房屋征收补偿方案论证、定价成本监审、公平竞争审查。', 'Matters whose procedure another law or regulation governs (Art. 3 para. 2): records the step that law requires, who organised it and its conclusion, e.g. argumentation of an expropriation compensation plan, a pricing cost audit, a fair competition review.'),
    fields: [
      { kind: 'select', name: 'matterType', label: t('事项类型或程序规则增加的要求', 'Matter type, or a requirement the rules add'), required: true, options: WITH_STEPS.map((m) => ({ value: m.id, label: named(m.name) })) },
      {
        kind: 'select',
        name: 'step',
        label: t('程序步骤', 'Step'),
        required: true,
        options: [...new Map(WITH_STEPS.flatMap((m) => m.steps.map((st) => [st.id, { value: st.id, label: t(`${st.name.zh}（${st.organiser.zh}组织）`, `${st.name.en} (organised by ${st.organiser.en})`) }] as const))).values()],
      },
      { ...hash('recordHash', t('步骤记录（报告、结论或公告）', 'Record of the step (report, conclusion or notice)')), testId: 'matter-record' },
      { kind: 'text', name: 'organisedBy', label: t('组织单位', 'Organised by'), required: true },
      {
        kind: 'select',
        name: 'conclusion',
        label: t('结论（该步骤要求时填写）', 'Conclusion (where the step asks for one)'),
        options: [...new Map(WITH_STEPS.flatMap((m) => m.steps.flatMap((st) => Object.entries(st.conclusions?.values ?? {}).map(([v, l]) => [v, { value: v, label: named(l) }] as const)))).values()],
      },
    ],
  },
  withdraw: { intro: t('撤回本决策事项，程序终止。', 'Withdraws this matter; the procedure ends.'), fields: [reason(t('撤回理由', 'Why withdrawn'))] },
  engageRiskAssessor: {
    intro: t('开展风险评估，可以委托专业机构、社会组织等第三方进行（第二十三条第三款）；委托后，第三方评估报告只接受受托机构人员提交。', "The risk assessment may be commissioned from a third party such as a professional institution or social organisation (Art. 23 para. 3); once commissioned, only the commissioned body's staff may submit the report."),
    fields: [{ kind: 'text', name: 'organisation', label: t('受托评估机构编号（如 hz-wdpg）', 'Commissioned assessor (e.g. hz-wdpg)'), required: true }, hash('contractHash', t('委托书', 'Commission'), false)],
  },

  // 合法性审查部门 (legality reviewer)
  pauseLegalityReview: {
    intro: t('需要补充材料、征求意见或者专家意见的，暂停合法性审查，所需时间不计入审查期限。', 'Pauses the legality review for more materials, consultation or expert advice; the time taken does not count towards the review period.'),
    fields: [{ kind: 'select', name: 'kind', label: t('暂停原因', 'Why paused'), required: true, options: options({ supplement: t('补充材料', 'more materials'), consultation: t('征求意见', 'consultation'), expert_advice: t('专家意见', 'expert advice') }) }, reason(t('说明', 'Explanation'))],
  },
  issueLegalityOpinion: {
    intro: t('负责合法性审查的部门应当及时提出合法性审查意见，并对合法性审查意见负责；审查过程中应当组织法律顾问、公职律师提出法律意见，有其法律意见后方可出具（第二十八条）。', 'The body responsible gives its legality review opinion promptly and answers for it; legal advisers and government lawyers give their legal opinions in the review first (Art. 28).'),
    fields: [
      { kind: 'select', name: 'form', label: t('审查方式', 'Form of review'), required: true, options: options({ review: t('书面审查', 'written review'), opinion_solicitation: t('征求意见', 'consultation'), countersignature: t('会签', 'countersignature') }) },
      { kind: 'select', name: 'outcome', label: t('审查结论', 'Conclusion'), required: true, options: options(LEGALITY_OUTCOMES) },
      hash('opinionHash', t('合法性审查意见书', 'Legality review opinion')),
      hash('draftHash', t('所审查的决策草案', 'The draft reviewed'), false),
      { kind: 'text', name: 'requiredChanges', label: t('须修改的内容', 'Changes required'), long: true },
      { kind: 'text', name: 'legalRisks', label: t('法律风险提示', 'Legal risks'), long: true },
      { kind: 'text', name: 'earlyReason', label: t('审查期未满即出具意见的理由', 'Why the opinion is given before the review period ends'), long: true },
    ],
  },

  reviewAdoptedChanges: {
    intro: t('决策机关修改后通过的，修改部分未经合法性审查：负责合法性审查的部门对修改后的文本进行补充合法性审查，认为合法后方可公布。', 'Where the deciding organ adopted the draft with changes, the changes were not reviewed: the legality review body reviews the changed text, and it is published only once found lawful.'),
    fields: [
      { kind: 'select', name: 'form', label: t('审查方式', 'Form of review'), required: true, options: options({ review: t('书面审查', 'written review'), opinion_solicitation: t('征求意见', 'consultation'), countersignature: t('会签', 'countersignature') }) },
      { kind: 'select', name: 'outcome', label: t('审查结论', 'Conclusion'), required: true, options: options({ lawful: t('合法', 'lawful'), unlawful: t('不合法', 'unlawful') }) },
      hash('textHash', t('修改后通过的文本', 'The text adopted with changes')),
      hash('opinionHash', t('补充合法性审查意见书', 'Opinion on the changes')),
      { kind: 'text', name: 'reasons', label: t('不合法的理由', 'Why it is unlawful'), long: true },
    ],
  },

  // 法律顾问、公职律师 (legal adviser)
  submitLegalOpinion: { intro: t('在合法性审查过程中，应当组织法律顾问、公职律师提出法律意见（第二十八条）：合法性审查意见须在其后出具。', 'In the legality review, legal advisers and government lawyers are organised to give legal opinions (Art. 28): the review’s opinion comes after them.'), fields: [hash('opinionHash', t('法律意见书', 'Legal opinion'))] },

  // 专家 (expert)
  submitExpertOpinion: {
    intro: t('专家、专业机构应当独立开展论证工作，客观、公正、科学地提出论证意见，并对所知悉的国家秘密、商业秘密、个人隐私依法履行保密义务；提供书面论证意见的，应当署名、盖章。', 'Experts and institutions argue independently and give objective, impartial and scientific opinions, keeping the state secrets, trade secrets and privacy they learn; a written opinion is signed or sealed.'),
    fields: [hash('opinionHash', t('论证意见', 'Opinion')), { kind: 'boolean', name: 'signed', label: t('已署名', 'Signed') }, { kind: 'boolean', name: 'sealed', label: t('已盖章（专业机构）', 'Sealed (institution)') }],
  },

  submitExpertMinutes: {
    intro: t('论证会的会议纪要由出席的专家签字；专业机构提供书面论证意见的，应当署名、盖章（第十九条第二款）。', 'The minutes of an argumentation meeting are signed by the experts present; an institution signs and seals its written opinion (Art. 19 para. 2).'),
    fields: [hash('minutesHash', t('论证会会议纪要', 'Minutes of the meeting')), { kind: 'strings', name: 'signedBy', label: t('签字的专家编号', 'Experts who signed (ids)'), required: true }],
  },

  // 风险评估单位 (risk assessor)
  submitRiskAssessment: {
    intro: t('风险评估结果应当作为重大行政决策的重要依据；评估报告应当载明风险点、风险防范措施和处置预案。', 'The risk assessment is an important basis of the decision; its report states the risk points, the preventive measures and the contingency plan.'),
    fields: [
      hash('reportHash', t('风险评估报告', 'Risk assessment report')),
      { kind: 'select', name: 'level', label: t('风险等级（可选）', 'Risk level (optional)'), options: options({ low: t('低', 'low'), medium: t('中', 'medium'), high: t('高', 'high') }) },
      { kind: 'boolean', name: 'controllable', label: t('风险可控', 'Risk controllable'), required: true },
      { kind: 'boolean', name: 'thirdParty', label: t('委托第三方评估', 'Assessed by a commissioned third party'), required: true },
      { kind: 'strings', name: 'departmentsHeard', label: t('听取意见的有关部门', 'Departments heard'), required: true },
      { kind: 'text', name: 'riskPoints', label: t('风险点', 'Risk points'), long: true, required: true },
      { kind: 'text', name: 'measures', label: t('风险防范措施', 'Preventive measures'), long: true, required: true },
      { kind: 'text', name: 'contingencyPlan', label: t('处置预案', 'Contingency plan'), long: true, required: true },
    ],
  },

  // 政府办公厅（会议秘书） (meeting secretary)
  recordDiscussion: {
    intro:
      t('决策草案应当经决策机关常务会议或者全体会议讨论（部门的重大行政决策经本部门局务会讨论，第四十二条），由行政首长在集体讨论基础上作出决定。出席的会议组成人员不少于两人，均应是决策机关的行政首长或者经登记任命的会议组成人员；会议组成人员充分发表意见，行政首长最后发表意见；每位出席人员的意见经本人确认；不同意见（不同意、保留意见）应当如实载明原话（第三十条）。', "The draft is discussed at the deciding organ's executive or plenary meeting (a department's decision at its department meeting, Art. 42), and the chief executive decides on that discussion. At least two members are present, each the organ's chief executive or a meeting member a registrar appointed; the members speak fully, the chief executive last; each one present confirms their own view; a view against or reserved is recorded in its own words (Art. 30)."),
    fields: [
      {
        kind: 'group',
        name: 'meeting',
        label: t('会议', 'Meeting'),
        fields: [
          { kind: 'select', name: 'kind', label: t('会议类型', 'Kind of meeting'), required: true, options: options({ executive: t('常务会议', 'executive meeting'), plenary: t('全体会议', 'plenary meeting'), department: t('局务会（部门领导班子会议）', "department meeting (the department's leadership)") }) },
          { kind: 'datetime', name: 'date', label: t('会议时间', 'Meeting time'), required: true },
          { kind: 'text', name: 'presidingId', label: t('主持人工号', "Chair's staff no."), required: true },
          { kind: 'text', name: 'chiefExecutiveId', label: t('行政首长工号', "Chief executive's staff no."), required: true, help: t('行政首长最后发表意见，并作出决定', 'The chief executive speaks last and decides') },
        ],
      },
      { kind: 'number', name: 'membersTotal', label: t('会议组成人员总数', 'Members of the meeting in all'), required: true, min: 1 },
      {
        kind: 'list',
        name: 'members',
        label: t('组成人员', 'Members'),
        itemLabel: t('组成人员', 'Members'),
        required: true,
        item: [
          { kind: 'text', name: 'id', label: t('工号', 'Staff no.'), required: true },
          { kind: 'text', name: 'name', label: t('姓名', 'Name'), required: true },
          { kind: 'boolean', name: 'present', label: t('出席', 'Present'), required: true },
          { kind: 'select', name: 'view', label: t('意见', 'View'), options: options(MEMBER_VIEW_TEXT) },
          { kind: 'text', name: 'statement', label: t('发言（不同意或保留意见的，如实载明原话）', 'Statement (a view against or reserved in its own words)'), long: true },
          {
            kind: 'group',
            name: 'confirmation',
            label: t('本人确认（出席人员填写）', "Member's own confirmation (those present)"),
            fields: [
              { kind: 'boolean', name: 'confirmed', label: t('本人已确认所记录的意见', 'Confirmed the view recorded') },
              { kind: 'text', name: 'by', label: t('确认人工号（本人）', 'Confirmed by (their own staff no.)') },
              hash('signatureHash', t('本人签字的记录页', 'The page of the record they signed'), false),
            ],
          },
        ],
      },
      { kind: 'strings', name: 'speakingOrder', label: t('发言顺序（出席人员工号，按发言先后，行政首长最后）', 'Speaking order (staff nos. of those present, in order, the chief executive last)'), required: true, placeholder: t('例如 m-2', 'e.g. m-2') },
      { kind: 'boolean', name: 'legalAdviserPresent', label: t('法律顾问列席', 'Legal adviser attended'), required: true },
      hash('minutesHash', t('会议记录', 'Minutes')),
      {
        kind: 'group',
        name: 'materials',
        label: t('提交讨论的材料', 'Materials for the discussion'),
        fields: [
          hash('draftHash', t('决策草案', 'Draft decision')),
          hash('legalityOpinionHash', t('合法性审查意见', 'Legality review opinion')),
          hash('adoptionReportHash', t('公众意见采纳情况', 'Adoption report on public comments'), false),
          hash('expertReportHash', t('专家论证意见', "Experts' opinions"), false),
          hash('riskReportHash', t('风险评估报告', 'Risk assessment report'), false),
          hash('fairCompetitionReviewHash', t('公平竞争审查意见', 'Fair competition review opinion'), false),
          hash('disagreementHash', t('争议情况说明（与有关单位不能取得一致意见时必附，第十三条）', 'Statement of the disagreement (required where the units concerned did not agree, Art. 13)'), false),
          hash('evaluationReportHash', t('决策后评估报告（调整决策经过评估的必附，第三十六条第四款）', 'The post-decision evaluation report (required for an adjustment after an evaluation, Art. 36 para. 4)'), false),
        ],
      },
    ],
  },

  // 行政首长 (chief executive)
  decide: {
    intro: t('由会议记录载明的行政首长在集体讨论的基础上作出决定，不得作出与其本人在会上所发表意见相反的决定（记录有误的，可决定暂缓或者进一步研究后重新讨论）；拟作出的决定与会议组成人员多数人的意见不一致的，应当在会上说明理由。', "The chief executive the minutes name decides on the basis of the discussion, and not against his own view as minuted (minutes that are wrong: postpone or send for further study, and discuss again); where the decision goes against the majority of the meeting, the reasons are stated at the meeting."),
    fields: [
      { kind: 'select', name: 'outcome', label: t('决定', 'Decision'), required: true, options: options({ adopt: t('通过', 'adopt'), adopt_with_changes: t('修改后通过', 'adopted with changes'), not_adopt: t('不予通过', 'not adopted'), postpone: t('暂缓', 'postpone'), further_study: t('进一步研究（退回修改决策草案）', 'further study (the draft goes back for revision)') }) },
      { kind: 'text', name: 'reasons', label: t('理由（暂缓、不予通过、进一步研究，或者与其他会议组成人员多数意见不一致时必填）', 'Reasons (required to postpone, not adopt or send for further study, or against the majority of the other members)'), long: true },
      hash('changesHash', t('修改内容（修改后通过时必填）', 'The changes (required when adopted with changes)'), false),
      hash('adoptedTextHash', t('通过的文本（修改后通过时必填；通过随草案审查的备选方案的，填该方案）', 'The text adopted (required when adopted with changes; the alternative, where one reviewed with the draft is adopted)'), false),
      { kind: 'datetime', name: 'reviewDate', label: t('暂缓时再议日期', 'Date to reconsider (when postponed)') },
    ],
  },
  reportToPartyCommittee: {
    intro: t('重大行政决策出台前应当按照规定向同级党委请示报告（第三十一条）：由决策机关（行政首长或者办公厅）报送；规定请示的，在集体讨论前请示，经同级党委答复同意后方可公布。', 'Before it is issued, the decision is reported to the Party committee at the same level as required (Art. 31), by the deciding organ (its chief executive or general office); where a request is required, it is made before the discussion, and the decision is published only once the committee has agreed.'),
    fields: [hash('reportHash', t('请示报告', 'The request and report'))],
  },
  recordPartyCommitteeReply: {
    intro: t('记录同级党委对请示报告的答复（第三十一条）；提出不同意见的，决策机关研究处理后重新请示报告，方可公布。', "Records the Party committee's reply to the report (Art. 31); where it objects, the deciding organ deals with the objections and reports again before publishing."),
    fields: [
      hash('replyHash', t('同级党委的答复', "The Party committee's reply")),
      { kind: 'select', name: 'outcome', label: t('答复', 'Reply'), required: true, options: options({ agreed: t('同意', 'agree'), objections: t('提出不同意见', 'objections') }) },
      { kind: 'text', name: 'reasons', label: t('不同意见的要点（提出不同意见时必填）', 'The objections in brief (required with objections)'), long: true },
    ],
  },
  recordCongressAction: {
    intro:
      t('根据法律、法规规定属于本级人民代表大会及其常务委员会讨论决定的重大事项范围或者应当在出台前向本级人民代表大会常务委员会报告的，按照有关规定办理（第八条）：记录其讨论决定（是否同意）或者报告情况；办理前不得公布。', "Where laws or regulations put the matter to the people's congress or its standing committee to decide, or require it to be reported to the standing committee before it is issued, that is done as provided (Art. 8): records the decision (approved or not) or the report; nothing is published before."),
    fields: [
      { kind: 'select', name: 'body', label: t('机关', 'Body'), required: true, options: options({ congress: t('本级人民代表大会', "the people's congress"), standing_committee: t('本级人民代表大会常务委员会', "the standing committee of the people's congress") }) },
      hash('documentHash', t('决议、决定或者报告', 'Resolution, decision or report')),
      { kind: 'select', name: 'outcome', label: t('讨论决定结果（讨论决定的事项填写；报告的不填）', 'Outcome (for a matter decided; none for a report)'), options: options({ approved: t('同意', 'agree'), not_approved: t('不同意', 'against') }) },
    ],
  },
  recordPublicFeedback: {
    intro: t('公民、法人或者其他组织认为重大行政决策及其实施存在问题的，可以通过信件、电话、电子邮件等方式向决策机关或者决策执行单位提出意见建议（第三十五条第二款）：收到的单位记录意见及其处理情况。', 'Citizens, legal persons and other organisations may raise problems with a decision or its execution by letter, phone, e-mail and the like (Art. 35 para. 2): the unit that received it records the comment and how it was handled.'),
    fields: [
      { kind: 'select', name: 'channel', label: t('提出方式', 'Channel'), required: true, options: options({ letter: t('信件', 'letter'), phone: t('电话', 'phone'), email: t('电子邮件', 'e-mail'), visit: t('来访', 'visit'), online: t('网上留言', 'online message'), other: t('其他', 'other') }) },
      hash('feedbackHash', t('意见建议', 'The comment')),
      { kind: 'text', name: 'handling', label: t('处理情况', 'How it was handled'), required: true, long: true },
      hash('handlingHash', t('答复或者处理记录', 'Reply or record of handling'), false),
    ],
  },
  decideToStart: {
    intro: t('对各方面提出的决策事项建议，经研究论证后，由决策机关决定是否启动决策程序（第十条）；决定启动的，应当明确决策承办单位，需要两个以上单位承办的，应当明确牵头的决策承办单位（第十一条）。', 'After study and argumentation of a proposal, the deciding organ decides whether to start the procedure (Art. 10); if it does, it names the undertaking unit, and where two or more units undertake it, the lead unit (Art. 11).'),
    fields: [
      {
        kind: 'group',
        name: 'proposal',
        label: t('决策事项建议', 'The proposal'),
        fields: [
          {
            kind: 'select',
            name: 'source',
            label: t('建议来源', 'Source'),
            required: true,
            options: options({ leaders: t('决策机关领导人员', 'leaders of the deciding organ'), department: t('决策机关所属部门', 'a department of the deciding organ'), lower_government: t('下一级人民政府', 'a lower-level government'), deputies: t('人大代表', "people's congress deputies"), members: t('政协委员', 'CPPCC members'), public: t('公民、法人或者其他组织', 'citizens, legal persons or other organisations'), catalog: t('决策事项目录', 'the catalog of decisions') }),
          },
          { kind: 'text', name: 'proposer', label: t('建议提出者', 'Proposed by'), required: true },
          hash('documentHash', t('建议文本', 'Text of the proposal'), false),
          hash('argumentationHash', t('研究论证材料（目录事项以外必附）', 'Study and argumentation (required outside the catalog)'), false),
          { kind: 'text', name: 'catalogRef', label: t('目录编号（来源为决策事项目录时填写）', 'Catalog no. (where the source is the catalog)') },
        ],
      },
      { kind: 'text', name: 'undertakingUnit', label: t('决策承办单位（牵头单位）编号', 'Undertaking unit (lead)'), required: true, placeholder: t('登记本决策的单位，例如 hz-jtj', 'the unit that registered this decision, e.g. hz-jtj') },
      { kind: 'strings', name: 'coUnits', label: t('共同承办单位编号（两个以上单位承办时）', 'Co-undertaking units (where two or more undertake it)'), placeholder: t('例如 hz-czj', 'e.g. hz-czj') },
      hash('documentHash', t('决定启动的文件', 'The document deciding to start'), false),
    ],
  },
  superviseExecution: {
    intro: t('决策机关应当对决策执行情况进行督促检查（第三十四条）：记录督促检查情况；发现问题的，可以责令决策执行单位限期纠正。', 'The deciding organ supervises the execution (Art. 34): records the supervision; where it finds problems, it may order the executing units to correct them by a date.'),
    fields: [
      hash('findingsHash', t('督促检查记录', 'Supervision record')),
      { kind: 'strings', name: 'units', label: t('督促检查的决策执行单位编号', 'Executing units supervised'), placeholder: t('例如 hz-gjjt', 'e.g. hz-gjjt') },
      { kind: 'group', name: 'correction', label: t('责令纠正', 'Correction ordered'), fields: [{ kind: 'text', name: 'order', label: t('责令纠正的事项', 'What is to be corrected'), long: true }, { kind: 'datetime', name: 'dueBy', label: t('纠正期限', 'Correct by') }] },
    ],
  },
  postpone: { intro: t('暂缓决策，载明理由和再议日期。', 'Postpones the decision, with the reason and the date to reconsider it.'), fields: [reason(), { kind: 'datetime', name: 'reviewDate', label: t('再议日期', 'Date to reconsider'), required: true }] },
  resumeFromPostponement: { intro: t('恢复暂缓的决策。', 'Resumes a postponed decision.'), fields: [reason()] },
  suspendExecution: {
    intro: t(
      '执行中出现第三十五条规定的情形、情况紧急的，行政首长可以先决定中止执行（第三十七条）；不紧急的，应当依照法定程序调整或者停止执行。',
      'Where an Art. 35 situation arises in execution and the matter is urgent, the chief executive may first suspend execution (Art. 37); otherwise it is adjusted or stopped by the procedure.',
    ),
    fields: [
      {
        kind: 'select',
        name: 'situation',
        label: t('出现的第三十五条情形', 'The Art. 35 situation'),
        required: true,
        options: options(SUSPENSION_SITUATION_TEXT),
      },
      { kind: 'text', name: 'urgency', label: t('情况紧急的理由', 'Why it is urgent'), required: true, long: true, placeholder: t('为什么不能等待法定程序调整', 'why it cannot wait for an adjustment by the procedure') },
      reason(t('中止执行的决定和理由', 'The decision to suspend, and its reason')),
    ],
  },
  resumeExecution: { intro: t('恢复执行。', 'Resumes execution.'), fields: [reason()] },
  judgeRisk: {
    intro: t('决策机关认为风险可控的，可以作出决策；认为风险不可控的，在采取调整决策草案等措施确保风险可控后，可以作出决策（第二十四条）。认定与评估结论不一致的，应当说明理由。', "Where the deciding organ finds the risk controllable, it may decide; where not, only once measures such as changing the draft make it controllable (Art. 24). A finding against the assessment's conclusion states its reasons."),
    fields: [{ kind: 'boolean', name: 'controllable', label: t('决策机关认为风险可控', 'The deciding organ finds the risk controllable'), required: true }, { kind: 'text', name: 'reasons', label: t('理由（与风险评估结论不一致时必填）', "Reasons (required where against the assessment's conclusion)"), long: true }],
  },
  designateExecutionUnit: {
    intro: t('决策机关应当明确负责重大行政决策执行工作的单位（第三十四条）；执行情况只接受所明确单位的人员报告。', 'The deciding organ names the units that execute the decision (Art. 34); only their staff report on the execution.'),
    fields: [{ kind: 'strings', name: 'organisations', label: t('决策执行单位编号', 'Executing units'), required: true, placeholder: t('登记员登记的单位编号', 'the unit’s id, as its registrar registered it') }, hash('documentHash', t('明确执行单位的文件', 'The document designating them'), false)],
  },
  commissionEvaluation: {
    intro: t('决策机关可以组织决策后评估，并确定承担评估具体工作的单位；决策作出前承担主要论证评估工作的单位除外（第三十六条）。', 'The deciding organ may have the decision evaluated and names the unit to do it; not one that did the main argumentation or assessment before the decision (Art. 36).'),
    fields: [
      { kind: 'text', name: 'organisation', label: t('承担评估具体工作的单位编号', 'Unit doing the evaluation'), required: true },
      { kind: 'select', name: 'situation', label: t('第三十六条规定的情形', 'Situation of Art. 36'), required: true, options: options(EVALUATION_SITUATION_TEXT) },
      { kind: 'text', name: 'trigger', label: t('具体情况', 'The circumstances'), required: true, long: true },
      hash('documentHash', t('组织评估的文件', 'The document commissioning it'), false),
    ],
  },
  // 决策执行单位 (execution unit)
  submitExecutionReport: {
    intro: t('决策执行单位向决策机关报告决策执行情况；发现决策存在问题、客观情况发生重大变化或者发生不可抗力等严重影响决策目标实现的，应当及时报告（第三十四条、第三十五条）。', 'The execution unit reports on the execution to the deciding organ, and at once where it finds a problem, a major change of circumstances or force majeure that seriously affects the decision’s aims (Arts. 34, 35).'),
    fields: [hash('reportHash', t('执行情况报告', 'Report on the execution')), { kind: 'boolean', name: 'problem', label: t('发现决策存在问题或者情况发生重大变化', 'Reports a problem or a major change'), required: true }],
  },
  // 评估单位 (evaluator)
  startEvaluation: {
    intro: t('决策后评估的起因：实施后明显未达到预期效果，公民、法人或者其他组织提出较多意见，或者决策机关认为有必要（第三十六条）。', 'Why the evaluation is made: the decision plainly fell short, many opinions were raised, or the organ found it necessary (Art. 36).'),
    fields: [{ kind: 'text', name: 'trigger', label: t('评估起因', 'Why'), required: true, long: true }],
  },
  submitEvaluation: {
    intro: t(
      '开展决策后评估，应当注重听取社会公众的意见，吸收人大代表、政协委员、人民团体、基层组织、社会组织参与评估（第三十六条第三款）；评估结果应当作为调整重大行政决策的重要依据（第三十六条第四款）。',
      "An evaluation hears the public, and NPC deputies, CPPCC members, people's, grassroots and social organisations take part in it (Art. 36 para. 3); its result is an important basis for adjusting the decision (para. 4).",
    ),
    fields: [
      hash('reportHash', t('评估报告', 'Evaluation report')),
      { kind: 'select', name: 'recommendation', label: t('评估建议', 'Recommendation'), required: true, options: options({ continue: t('继续执行', 'continue'), adjust: t('调整', 'adjust'), suspend: t('中止执行', 'suspend'), terminate: t('停止执行', 'terminate') }) },
      hash('publicOpinionHash', t('听取社会公众意见的情况', 'How the public was heard')),
      {
        kind: 'list',
        name: 'participants',
        label: t('参与评估的人大代表、政协委员、人民团体、基层组织、社会组织', 'Deputies, members and organisations who took part'),
        itemLabel: t('参与者', 'participant'),
        required: true,
        item: [
          { kind: 'select', name: 'kind', label: t('类别', 'Kind'), required: true, options: EVALUATION_PARTICIPANTS.map((k) => ({ value: k, label: t(EVALUATION_PARTICIPANT_ZH[k], EVALUATION_PARTICIPANT_EN[k]) })) },
          { kind: 'text', name: 'name', label: t('姓名或者名称', 'Name'), required: true },
        ],
      },
    ],
  },
  startAdjustment: {
    intro: t('需要作出重大调整或者停止执行的，由决策机关依照本条例履行相关法定程序（第三十七条）。', 'A major adjustment or stopping the execution goes through the procedures of these regulations, by the deciding organ (Art. 37).'),
    fields: [{ kind: 'select', name: 'kind', label: t('调整方式', 'Kind'), required: true, options: options({ adjust: t('调整', 'adjust'), terminate: t('停止执行', 'stop execution') }) }, reason()],
  },
};

export const hasForm = (action: string): action is ActionName => action in STEP_FORMS;

/**
 * The label a step's form gives the field at `path` of its payload ('alternatives.1.documentHash' → 方案文件（第2项）),
 * as the record's documents are named on the decision page, each item of a list by its place (tester: two alternatives
 * both read 方案文件); the path itself where no form draws it.
 */
export function fieldLabel(action: string, path: string): string {
  let fields: readonly Field[] | undefined = hasForm(action) ? (STEP_FORMS[action]!.fields as readonly Field[]) : undefined;
  let label: string | undefined;
  const items: number[] = [];
  for (const part of path.split('.')) {
    if (/^\d+$/.test(part)) {
      items.push(Number(part) + 1);
      continue;
    }
    const f: Field | undefined = fields?.find((x) => x.name === part);
    if (!f) return path;
    label = f.label;
    fields = f.kind === 'list' ? f.item : f.kind === 'group' ? f.fields : undefined;
  }
  if (label === undefined) return path;
  return items.length ? `${label}${t(`（第${items.join('-')}项）`, ` (${items.join('-')})`)}` : label;
}
