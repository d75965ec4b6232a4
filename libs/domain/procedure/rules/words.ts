import type { ActionName } from '../commands';
import { ROLE_LABELS, type Role } from '../roles';
import { PHASE_LABELS, type Phase } from '../state';

// ---------- words of the refusals, in Chinese ----------

/** Each step named in Chinese, for refusals. */
export const ACTION_ZH: Record<ActionName, string> = {
  decideToStart: '决定启动决策程序并明确决策承办单位',
  submitDraft: '提交决策草案',
  declareApplicability: '确定适用的决策程序',
  consultDepartment: '与有关部门、单位协商并记录其意见',
  consultSpecialGroup: '与特定群体沟通协商',
  openPublicComment: '公开征求意见',
  closePublicComment: '结束公开征求意见',
  announceHearing: '公布听证会的时间、地点和参加人遴选办法',
  scheduleHearing: '安排听证会',
  deliverHearingMaterials: '送达听证会材料',
  recordHearing: '提交听证会记录',
  cancelHearing: '取消听证会',
  recordParticipationForm: '记录其他公众参与方式',
  submitAdoptionReport: '提交意见研究采纳情况',
  appointExpertPanel: '选定论证专家',
  submitExpertOpinion: '提交专家论证意见',
  submitExpertMinutes: '提交专家论证会纪要',
  completeExpertArgumentation: '完成专家论证',
  engageRiskAssessor: '委托第三方开展风险评估',
  submitRiskAssessment: '提交风险评估报告',
  judgeRisk: '认定风险是否可控',
  submitForLegalityReview: '送请合法性审查',
  pauseLegalityReview: '暂停合法性审查',
  resumeLegalityReview: '恢复合法性审查',
  submitLegalOpinion: '提出法律意见',
  issueLegalityOpinion: '出具合法性审查意见',
  recordDiscussion: '记录集体讨论情况',
  decide: '作出决定',
  reviewAdoptedChanges: '对修改后通过的文本进行补充合法性审查',
  reportToPartyCommittee: '向同级党委请示报告',
  recordPartyCommitteeReply: '记录同级党委的答复',
  recordCongressAction: '记录人民代表大会及其常务委员会讨论决定或者报告情况',
  publish: '公布决策',
  recordFurtherPublication: '记录通过其他途径公布',
  interpretDecision: '宣传解读决策',
  archive: '归档',
  designateExecutionUnit: '明确决策执行单位',
  submitExecutionReport: '报告决策执行情况',
  superviseExecution: '督促检查决策执行情况',
  recordPublicFeedback: '记录决策实施中收到的意见建议及其处理',
  commissionEvaluation: '组织决策后评估并确定评估单位',
  startEvaluation: '启动决策后评估',
  submitEvaluation: '提交决策后评估报告',
  suspendExecution: '中止执行',
  resumeExecution: '恢复执行',
  startAdjustment: '启动决策调整',
  recordMatterStep: '记录有关法律规定的程序步骤',
  withdraw: '撤回决策事项',
  postpone: '暂缓决策',
  resumeFromPostponement: '恢复暂缓的决策',
};
/** What a legality opinion found, said of the draft: 决策草案经合法性审查…. */
export const LEGALITY_EN: Record<string, string> = {
  lawful: 'was found lawful',
  lawful_with_changes: 'needs the changes the legality opinion requires',
  returned: 'was returned by the legality review',
  unlawful: 'was found unlawful in legality review',
  exploratory: 'is an exploratory reform with its legal risks stated',
};
export const LEGALITY_ZH: Record<string, string> = { lawful: '合法', lawful_with_changes: '须按审查意见修改', returned: '被退回', unlawful: '不合法', exploratory: '属探索性改革事项并已明示法律风险' };
/** The Chinese half of a label written '中文 (English)'. */
export const zhOf = (label: string | undefined, fallback: string) => (label ? label.split(' (')[0] : fallback);
export const actionZh = (a: string) => ACTION_ZH[a as ActionName] ?? a;
export const roleZh = (r: Role) => zhOf(ROLE_LABELS[r], r);
export const phaseZh = (p: Phase) => zhOf(PHASE_LABELS[p], p);
