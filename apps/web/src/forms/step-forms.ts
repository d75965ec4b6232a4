import { LEGALITY_ZH } from '../../../../libs/domain/procedure/rules/words';
import { MATTER_TYPES, PROFILES, type ActionName, type MatterType, type Payloads } from '../../../../libs/domain';

/** The matter types (other laws) and the requirements the profiles add (provincial rules): what recordMatterStep records. */
const WITH_STEPS: MatterType[] = [...Object.values(MATTER_TYPES), ...new Map(Object.values(PROFILES).flatMap((p) => (p.requirements ?? []).map((r) => [r.id, r] as const))).values()];
import { options, type Field } from './payload';

/**
 * The form of each step, written from its payload type (libs/domain
 * Payloads): a field per key, named by the key, so TypeScript names a field
 * that is not in the payload. Steps without a form here are written in the
 * JSON editor, from their template (templates.ts).
 */
type FormOf<K extends ActionName> = Field<keyof Payloads[K] & string>[];
type StepForms = { [K in ActionName]?: { intro: string; fields: FormOf<K> } };

const reason = (label = '理由'): Field<'reason'> => ({ kind: 'text', name: 'reason', label, required: true, long: true });
const hash = <N extends string>(name: N, label: string, required = true): Field<N> => ({ kind: 'hash', name, label, required });

export const STEP_FORMS: StepForms = {
  // 决策承办单位 (undertaking unit)
  submitDraft: {
    intro: '决策承办单位拟订决策草案；提出两个以上方案的，应当附方案比较说明。文件的哈希值在本浏览器中计算。',
    fields: [
      { ...hash('documentHash', '决策草案'), testId: 'draft-document' },
      { ...hash('explanationHash', '起草说明'), testId: 'draft-explanation' },
      {
        kind: 'list',
        name: 'alternatives',
        label: '备选方案',
        itemLabel: '备选方案',
        testId: 'alternative',
        item: [
          { kind: 'text', name: 'title', label: '方案名称', required: true },
          { ...hash('documentHash', '方案文件'), testId: 'document' },
        ],
      },
      { ...hash('comparisonHash', '方案比较说明（两个以上方案时必附）', false), testId: 'draft-comparison' },
      { kind: 'text', name: 'reason', label: '修改理由（提交修改稿时填写）', long: true },
      { kind: 'boolean', name: 'material', label: '属于实质性修改（将重新征求公众意见）' },
    ],
  },
  declareApplicability: {
    intro: '载明本决策是否公开征求意见、是否听证、是否专家论证、是否风险评估、是否涉及市场主体经济活动。',
    fields: [
      { kind: 'group', name: 'publicParticipation', label: '公众参与', fields: [{ kind: 'boolean', name: 'required', label: '向社会公开征求意见', required: true }, { kind: 'text', name: 'nonDisclosureBasis', label: '依法不予公开的依据（不公开征求意见时填写）' }] },
      { kind: 'boolean', name: 'hearingRequired', label: '举行听证会', required: true },
      { kind: 'group', name: 'expertArgumentation', label: '专家论证', fields: [{ kind: 'boolean', name: 'required', label: '需要专家论证', required: true }, { kind: 'text', name: 'reason', label: '理由', required: true }] },
      { kind: 'group', name: 'riskAssessment', label: '风险评估', fields: [{ kind: 'boolean', name: 'required', label: '需要风险评估', required: true }, { kind: 'text', name: 'reason', label: '理由', required: true }, { kind: 'text', name: 'priorAssessmentRef', label: '已有评估的文号（可选）' }] },
      { kind: 'boolean', name: 'affectsMarket', label: '涉及市场主体经济活动（须公平竞争审查）', required: true },
      { kind: 'strings', name: 'unitsConcerned', label: '职责涉及或者关系紧密的部门、下一级人民政府编号（第十三条，送审前应当充分协商）', placeholder: '例如 hz-czj' },
      { kind: 'strings', name: 'specialGroups', label: '涉及其利益的特定群体（第十四条第三款，提交意见采纳情况前应当沟通协商）', placeholder: '例如 残疾人' },
      { kind: 'select', name: 'peoplesCongress', label: '人民代表大会（第八条，可选）', options: options({ decide: '属于本级人大及其常委会讨论决定的事项', report: '出台前应当向本级人大常委会报告' }) },
    ],
  },
  consultDepartment: {
    intro:
      '决策事项涉及决策机关所属部门、下一级人民政府等单位的职责，或者与其关系紧密的，决策承办单位应当与其充分协商；不能取得一致意见的，应当向决策机关说明争议的主要问题，有关单位的意见，决策承办单位的意见、理由和依据（第十三条），随讨论材料一并报送。',
    fields: [
      { kind: 'text', name: 'unit', label: '协商单位编号', required: true, placeholder: '例如 hz-czj' },
      hash('opinionHash', '该单位的意见'),
      { kind: 'boolean', name: 'agreed', label: '已取得一致意见', required: true },
      { kind: 'text', name: 'disputedIssues', label: '争议的主要问题（未取得一致意见时必填）', long: true },
    ],
  },
  consultSpecialGroup: {
    intro: '决策事项涉及特定群体利益的，决策承办单位应当与相关人民团体、社会组织以及群众代表进行沟通协商，充分听取相关群体的意见建议（第十四条第三款）；沟通协商的对象中应当有群众代表。',
    fields: [
      { kind: 'text', name: 'group', label: '特定群体（确定适用程序时载明的）', required: true },
      {
        kind: 'list',
        name: 'with',
        label: '沟通协商的对象',
        itemLabel: '对象',
        required: true,
        item: [
          { kind: 'select', name: 'kind', label: '类别', required: true, options: options({ people_organisation: '人民团体', social_organisation: '社会组织', representatives: '群众代表' }) },
          { kind: 'text', name: 'name', label: '名称', required: true },
        ],
      },
      hash('recordHash', '沟通协商记录'),
    ],
  },
  openPublicComment: {
    intro: '公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短期限的，应当在征求意见时予以说明。',
    fields: [
      { kind: 'number', name: 'days', label: '征求意见期限（日）', required: true, min: 1 },
      { kind: 'strings', name: 'channels', label: '公布渠道', required: true, placeholder: '例如 市政府网站' },
      { kind: 'text', name: 'shortenedReason', label: '缩短期限的理由（少于30日时必填）', long: true },
    ],
  },
  closePublicComment: { intro: '征求意见期满后结束公开征求意见。', fields: [] },
  submitAdoptionReport: {
    intro: '对社会各方面提出的意见进行归纳整理、研究论证，充分采纳合理意见，完善决策草案。',
    fields: [
      hash('reportHash', '意见采纳情况报告'),
      {
        kind: 'list',
        name: 'groups',
        label: '意见分组',
        itemLabel: '意见组',
        required: true,
        item: [
          hash('groupHash', '该组意见'),
          { kind: 'select', name: 'response', label: '采纳情况', required: true, options: options({ adopted: '采纳', partly_adopted: '部分采纳', not_adopted: '不予采纳' }) },
          { kind: 'text', name: 'reason', label: '理由（不予采纳或部分采纳时）', long: true },
          { kind: 'strings', name: 'commentHashes', label: '所答复意见的回执（意见较少时逐条列出）' },
          { kind: 'number', name: 'commentCount', label: '本组答复的意见条数（按答复汇总时）', min: 0 },
        ],
      },
      {
        kind: 'group',
        name: 'commentsAnswered',
        label: '答复汇总（意见较多时，由“按答复汇总填入报告”填写）',
        fields: [
          { kind: 'number', name: 'draftVersion', label: '草案版本', min: 1 },
          { kind: 'number', name: 'count', label: '答复意见总数', min: 0 },
          { kind: 'text', name: 'root', label: '答复的默克尔根' },
        ],
      },
    ],
  },
  submitForLegalityReview: {
    intro: '决策草案提交决策机关讨论前，应当由负责合法性审查的部门进行合法性审查；送审时应当提供决策草案及相关材料。',
    fields: [hash('materialsHash', '送审材料'), hash('procedureExplanationHash', '履行决策程序的说明')],
  },
  resumeLegalityReview: { intro: '补充材料、征求意见或者专家意见后，恢复合法性审查。', fields: [hash('materialsHash', '补充的材料', false)] },
  // 决策机关 (the deciding organ: its general office or chief executive; in decisions made before, the undertaking unit)
  publish: {
    intro: '决策机关应当通过政府公报和网站以及在本行政区域内发行的报纸等途径及时公布重大行政决策（第三十二条），由决策机关办公厅（室）或者行政首长办理。',
    fields: [{ kind: 'strings', name: 'channels', label: '公布途径', required: true, placeholder: '例如 政府公报' }, hash('documentHash', '决策文件'), hash('adoptionExplanationHash', '公众意见、专家论证意见采纳情况说明', false)],
  },
  archive: { intro: '决策机关应当建立重大行政决策过程记录和材料归档制度。', fields: [{ kind: 'text', name: 'archiveRef', label: '档号', required: true }] },
  recordMatterStep: {
    intro: '法律、行政法规对决策程序另有规定的事项（第三条第二款）：记录该法规定的程序步骤、组织单位及结论，例如房屋征收补偿方案论证、定价成本监审、公平竞争审查。',
    fields: [
      { kind: 'select', name: 'matterType', label: '事项类型或程序规则增加的要求', required: true, options: WITH_STEPS.map((m) => ({ value: m.id, label: m.name.zh })) },
      {
        kind: 'select',
        name: 'step',
        label: '程序步骤',
        required: true,
        options: [...new Map(WITH_STEPS.flatMap((m) => m.steps.map((st) => [st.id, { value: st.id, label: `${st.name.zh}（${st.organiser.zh}组织）` }] as const))).values()],
      },
      { ...hash('recordHash', '步骤记录（报告、结论或公告）'), testId: 'matter-record' },
      { kind: 'text', name: 'organisedBy', label: '组织单位', required: true },
      {
        kind: 'select',
        name: 'conclusion',
        label: '结论（该步骤要求时填写）',
        options: [...new Map(WITH_STEPS.flatMap((m) => m.steps.flatMap((st) => Object.entries(st.conclusions?.values ?? {}).map(([v, l]) => [v, { value: v, label: l.zh }] as const)))).values()],
      },
    ],
  },
  withdraw: { intro: '撤回本决策事项，程序终止。', fields: [reason('撤回理由')] },
  engageRiskAssessor: {
    intro: '开展风险评估，可以委托专业机构、社会组织等第三方进行（第二十三条第三款）；委托后，第三方评估报告只接受受托机构人员提交。',
    fields: [{ kind: 'text', name: 'organisation', label: '受托评估机构编号（如 hz-wdpg）', required: true }, hash('contractHash', '委托书', false)],
  },

  // 合法性审查部门 (legality reviewer)
  pauseLegalityReview: {
    intro: '需要补充材料、征求意见或者专家意见的，暂停合法性审查，所需时间不计入审查期限。',
    fields: [{ kind: 'select', name: 'kind', label: '暂停原因', required: true, options: options({ supplement: '补充材料', consultation: '征求意见', expert_advice: '专家意见' }) }, reason('说明')],
  },
  issueLegalityOpinion: {
    intro: '负责合法性审查的部门应当及时提出合法性审查意见，并对合法性审查意见负责。',
    fields: [
      { kind: 'select', name: 'form', label: '审查方式', required: true, options: options({ review: '书面审查', opinion_solicitation: '征求意见', countersignature: '会签' }) },
      { kind: 'select', name: 'outcome', label: '审查结论', required: true, options: options(LEGALITY_ZH as Record<Payloads['issueLegalityOpinion']['outcome'], string>) },
      hash('opinionHash', '合法性审查意见书'),
      hash('draftHash', '所审查的决策草案', false),
      { kind: 'text', name: 'requiredChanges', label: '须修改的内容', long: true },
      { kind: 'text', name: 'legalRisks', label: '法律风险提示', long: true },
      { kind: 'text', name: 'earlyReason', label: '审查期未满即出具意见的理由', long: true },
    ],
  },

  reviewAdoptedChanges: {
    intro: '决策机关修改后通过的，修改部分未经合法性审查：负责合法性审查的部门对修改后的文本进行补充合法性审查，认为合法后方可公布。',
    fields: [
      { kind: 'select', name: 'form', label: '审查方式', required: true, options: options({ review: '书面审查', opinion_solicitation: '征求意见', countersignature: '会签' }) },
      { kind: 'select', name: 'outcome', label: '审查结论', required: true, options: options({ lawful: '合法', unlawful: '不合法' }) },
      hash('textHash', '修改后通过的文本'),
      hash('opinionHash', '补充合法性审查意见书'),
      { kind: 'text', name: 'reasons', label: '不合法的理由', long: true },
    ],
  },

  // 法律顾问、公职律师 (legal adviser)
  submitLegalOpinion: { intro: '合法性审查中应当根据需要听取法律顾问、公职律师的意见。', fields: [hash('opinionHash', '法律意见书')] },

  // 专家 (expert)
  submitExpertOpinion: {
    intro: '专家、专业机构应当独立开展论证工作，客观、公正、科学地提出论证意见，并对所知悉的国家秘密、商业秘密、个人隐私依法履行保密义务；提供书面论证意见的，应当署名、盖章。',
    fields: [hash('opinionHash', '论证意见'), { kind: 'boolean', name: 'signed', label: '已署名' }, { kind: 'boolean', name: 'sealed', label: '已盖章（专业机构）' }],
  },

  // 风险评估单位 (risk assessor)
  submitRiskAssessment: {
    intro: '风险评估结果应当作为重大行政决策的重要依据；评估报告应当载明风险点、风险防范措施和处置预案。',
    fields: [
      hash('reportHash', '风险评估报告'),
      { kind: 'select', name: 'level', label: '风险等级（可选）', options: options({ low: '低', medium: '中', high: '高' }) },
      { kind: 'boolean', name: 'controllable', label: '风险可控', required: true },
      { kind: 'boolean', name: 'thirdParty', label: '委托第三方评估', required: true },
      { kind: 'strings', name: 'departmentsHeard', label: '听取意见的有关部门' },
      { kind: 'text', name: 'riskPoints', label: '风险点', long: true },
      { kind: 'text', name: 'measures', label: '风险防范措施', long: true },
      { kind: 'text', name: 'contingencyPlan', label: '处置预案', long: true },
    ],
  },

  // 政府办公厅（会议秘书） (meeting secretary)
  recordDiscussion: {
    intro:
      '决策草案应当经决策机关常务会议或者全体会议讨论（部门的重大行政决策经本部门局务会讨论，第四十二条），由行政首长在集体讨论基础上作出决定。会议组成人员充分发表意见，行政首长最后发表意见；每位出席人员的意见经本人确认；不同意见（不同意、保留意见）应当如实载明原话（第三十条）。',
    fields: [
      {
        kind: 'group',
        name: 'meeting',
        label: '会议',
        fields: [
          { kind: 'select', name: 'kind', label: '会议类型', required: true, options: options({ executive: '常务会议', plenary: '全体会议', department: '局务会（部门领导班子会议）' }) },
          { kind: 'datetime', name: 'date', label: '会议时间', required: true },
          { kind: 'text', name: 'presidingId', label: '主持人工号', required: true },
          { kind: 'text', name: 'chiefExecutiveId', label: '行政首长工号', required: true, help: '行政首长最后发表意见，并作出决定' },
        ],
      },
      { kind: 'number', name: 'membersTotal', label: '会议组成人员总数', required: true, min: 1 },
      {
        kind: 'list',
        name: 'members',
        label: '组成人员',
        itemLabel: '组成人员',
        required: true,
        item: [
          { kind: 'text', name: 'id', label: '工号', required: true },
          { kind: 'text', name: 'name', label: '姓名', required: true },
          { kind: 'boolean', name: 'present', label: '出席', required: true },
          { kind: 'select', name: 'view', label: '意见', options: options({ agree: '同意', disagree: '不同意', reserve: '保留意见', abstain: '弃权' }) },
          { kind: 'text', name: 'statement', label: '发言（不同意或保留意见的，如实载明原话）', long: true },
          {
            kind: 'group',
            name: 'confirmation',
            label: '本人确认（出席人员填写）',
            fields: [
              { kind: 'boolean', name: 'confirmed', label: '本人已确认所记录的意见' },
              { kind: 'text', name: 'by', label: '确认人工号（本人）' },
              hash('signatureHash', '本人签字的记录页', false),
            ],
          },
        ],
      },
      { kind: 'strings', name: 'speakingOrder', label: '发言顺序（出席人员工号，按发言先后，行政首长最后）', required: true, placeholder: '例如 m-2' },
      { kind: 'boolean', name: 'legalAdviserPresent', label: '法律顾问列席', required: true },
      hash('minutesHash', '会议记录'),
      {
        kind: 'group',
        name: 'materials',
        label: '提交讨论的材料',
        fields: [
          hash('draftHash', '决策草案'),
          hash('legalityOpinionHash', '合法性审查意见'),
          hash('adoptionReportHash', '公众意见采纳情况', false),
          hash('expertReportHash', '专家论证意见', false),
          hash('riskReportHash', '风险评估报告', false),
          hash('fairCompetitionReviewHash', '公平竞争审查意见', false),
          hash('disagreementHash', '争议情况说明（与有关单位不能取得一致意见时必附，第十三条）', false),
        ],
      },
    ],
  },

  // 行政首长 (chief executive)
  decide: {
    intro: '行政首长拟作出的决定与会议组成人员多数人的意见不一致的，应当在会上说明理由。',
    fields: [
      { kind: 'select', name: 'outcome', label: '决定', required: true, options: options({ adopt: '通过', adopt_with_changes: '修改后通过', not_adopt: '不予通过', postpone: '暂缓', further_study: '再次讨论' }) },
      { kind: 'text', name: 'reasons', label: '理由（与多数意见不一致时必填）', long: true },
      hash('changesHash', '修改内容', false),
      hash('adoptedTextHash', '通过的文本（修改后通过时必填）', false),
      { kind: 'datetime', name: 'reviewDate', label: '暂缓时再议日期' },
    ],
  },
  reportToPartyCommittee: {
    intro: '重大行政决策出台前应当按照规定向同级党委请示报告（第三十一条）：由决策机关（行政首长或者办公厅）报送；规定请示的，在集体讨论前请示，经同级党委答复同意后方可公布。',
    fields: [hash('reportHash', '请示报告')],
  },
  recordPartyCommitteeReply: {
    intro: '记录同级党委对请示报告的答复（第三十一条）；提出不同意见的，决策机关研究处理后重新请示报告，方可公布。',
    fields: [
      hash('replyHash', '同级党委的答复'),
      { kind: 'select', name: 'outcome', label: '答复', required: true, options: options({ agreed: '同意', objections: '提出不同意见' }) },
      { kind: 'text', name: 'reasons', label: '不同意见的要点（提出不同意见时必填）', long: true },
    ],
  },
  recordCongressAction: {
    intro:
      '根据法律、法规规定属于本级人民代表大会及其常务委员会讨论决定的重大事项范围或者应当在出台前向本级人民代表大会常务委员会报告的，按照有关规定办理（第八条）：记录其讨论决定（是否同意）或者报告情况；办理前不得公布。',
    fields: [
      { kind: 'select', name: 'body', label: '机关', required: true, options: options({ congress: '本级人民代表大会', standing_committee: '本级人民代表大会常务委员会' }) },
      hash('documentHash', '决议、决定或者报告'),
      { kind: 'select', name: 'outcome', label: '讨论决定结果（讨论决定的事项填写；报告的不填）', options: options({ approved: '同意', not_approved: '不同意' }) },
    ],
  },
  recordPublicFeedback: {
    intro: '公民、法人或者其他组织认为重大行政决策及其实施存在问题的，可以通过信件、电话、电子邮件等方式向决策机关或者决策执行单位提出意见建议（第三十五条第二款）：收到的单位记录意见及其处理情况。',
    fields: [
      { kind: 'select', name: 'channel', label: '提出方式', required: true, options: options({ letter: '信件', phone: '电话', email: '电子邮件', visit: '来访', online: '网上留言', other: '其他' }) },
      hash('feedbackHash', '意见建议'),
      { kind: 'text', name: 'handling', label: '处理情况', required: true, long: true },
      hash('handlingHash', '答复或者处理记录', false),
    ],
  },
  decideToStart: {
    intro: '对各方面提出的决策事项建议，经研究论证后，由决策机关决定是否启动决策程序（第十条）；决定启动的，应当明确决策承办单位，需要两个以上单位承办的，应当明确牵头的决策承办单位（第十一条）。',
    fields: [
      {
        kind: 'group',
        name: 'proposal',
        label: '决策事项建议',
        fields: [
          {
            kind: 'select',
            name: 'source',
            label: '建议来源',
            required: true,
            options: options({ leaders: '决策机关领导人员', department: '决策机关所属部门', lower_government: '下一级人民政府', deputies: '人大代表', members: '政协委员', public: '公民、法人或者其他组织', catalog: '决策事项目录' }),
          },
          { kind: 'text', name: 'proposer', label: '建议提出者', required: true },
          hash('documentHash', '建议文本', false),
          hash('argumentationHash', '研究论证材料（目录事项以外必附）', false),
          { kind: 'text', name: 'catalogRef', label: '目录编号（来源为决策事项目录时填写）' },
        ],
      },
      { kind: 'text', name: 'undertakingUnit', label: '决策承办单位（牵头单位）编号', required: true, placeholder: '登记本决策的单位，例如 hz-jtj' },
      { kind: 'strings', name: 'coUnits', label: '共同承办单位编号（两个以上单位承办时）', placeholder: '例如 hz-czj' },
      hash('documentHash', '决定启动的文件', false),
    ],
  },
  superviseExecution: {
    intro: '决策机关应当对决策执行情况进行督促检查（第三十四条）：记录督促检查情况；发现问题的，可以责令决策执行单位限期纠正。',
    fields: [
      hash('findingsHash', '督促检查记录'),
      { kind: 'strings', name: 'units', label: '督促检查的决策执行单位编号', placeholder: '例如 hz-gjjt' },
      { kind: 'group', name: 'correction', label: '责令纠正', fields: [{ kind: 'text', name: 'order', label: '责令纠正的事项', long: true }, { kind: 'datetime', name: 'dueBy', label: '纠正期限' }] },
    ],
  },
  postpone: { intro: '暂缓决策，载明理由和再议日期。', fields: [reason(), { kind: 'datetime', name: 'reviewDate', label: '再议日期', required: true }] },
  resumeFromPostponement: { intro: '恢复暂缓的决策。', fields: [reason()] },
  suspendExecution: { intro: '依法作出决定后，因情况变化等原因需要停止执行的，可以暂停执行。', fields: [reason()] },
  resumeExecution: { intro: '恢复执行。', fields: [reason()] },
  judgeRisk: {
    intro: '决策机关认为风险可控的，可以作出决策；认为风险不可控的，在采取调整决策草案等措施确保风险可控后，可以作出决策（第二十四条）。认定与评估结论不一致的，应当说明理由。',
    fields: [{ kind: 'boolean', name: 'controllable', label: '决策机关认为风险可控', required: true }, { kind: 'text', name: 'reasons', label: '理由（与风险评估结论不一致时必填）', long: true }],
  },
  designateExecutionUnit: {
    intro: '决策机关应当明确负责重大行政决策执行工作的单位（第三十四条）；执行情况只接受所明确单位的人员报告。',
    fields: [{ kind: 'strings', name: 'organisations', label: '决策执行单位编号', required: true, placeholder: '例如 hz-gjjt' }, hash('documentHash', '明确执行单位的文件', false)],
  },
  commissionEvaluation: {
    intro: '决策机关可以组织决策后评估，并确定承担评估具体工作的单位；决策作出前承担主要论证评估工作的单位除外（第三十六条）。',
    fields: [{ kind: 'text', name: 'organisation', label: '承担评估具体工作的单位编号', required: true }, { kind: 'text', name: 'trigger', label: '组织评估的情形', required: true, long: true }, hash('documentHash', '组织评估的文件', false)],
  },
  startAdjustment: {
    intro: '需要作出重大调整或者停止执行的，由决策机关依照本条例履行相关法定程序（第三十七条）。',
    fields: [{ kind: 'select', name: 'kind', label: '调整方式', required: true, options: options({ adjust: '调整', terminate: '停止执行' }) }, reason()],
  },
};

export const hasForm = (action: string): action is ActionName => action in STEP_FORMS;
