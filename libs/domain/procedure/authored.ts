import { art, type Citation } from './articles';
import type { ActionName } from './commands';

/**
 * The documents a step brings as its own new work (an expert's signed opinion, the review body's opinion, a report, the
 * minutes), by field, with what the decree says of that work. Such a document is not one the record already holds:
 * not named by an earlier step of the same decision (one opinion document recorded as "unlawful" and then as "lawful",
 * an earlier round's opinion for this round's), nor made by another's step in another decision (one expert's opinion
 * filed by another as his own: statute tester). Whose work it is, `by`: a person's (an expert's, a legal adviser's
 * opinion), or an organisation's (the organ's minutes or findings, a body's report), which any of its officials may
 * record in each decision it covers (retest: one joint inspection report of two decisions, recorded by the mayor in one
 * and the secretary in the other).
 * `draftsOnly`: a draft is not the text of one of this decision's earlier drafts (the draft found unlawful sent back as
 * its own "revision"), but may be an alternative put beside an earlier one (Art. 12), or another decision's text (one
 * withdrawn and begun again).
 */
export const AUTHORED_DOCUMENTS: Partial<Record<ActionName, { fields: readonly string[]; zh: string; basis: Citation; by: 'person' | 'organisation'; draftsOnly?: boolean }>> = {
  submitDraft: { fields: ['documentHash'], zh: '修改后的决策草案', basis: art(12), by: 'organisation', draftsOnly: true },
  consultDepartment: { fields: ['opinionHash'], zh: '有关单位的意见', basis: art(13), by: 'organisation' },
  consultSpecialGroup: { fields: ['recordHash'], zh: '听取意见的记录', basis: art(14), by: 'organisation' },
  recordParticipationForm: { fields: ['recordHash'], zh: '公众参与的记录', basis: art(14), by: 'organisation' },
  recordHearing: { fields: ['transcriptHash'], zh: '听证笔录', basis: art(17), by: 'organisation' },
  submitAdoptionReport: { fields: ['reportHash'], zh: '意见研究采纳情况', basis: art(18), by: 'organisation' },
  submitExpertOpinion: { fields: ['opinionHash'], zh: '专家论证意见', basis: art(19), by: 'person' },
  submitExpertMinutes: { fields: ['minutesHash'], zh: '专家论证会纪要', basis: art(19), by: 'person' },
  completeExpertArgumentation: { fields: ['adoptionReportHash'], zh: '专家论证意见的采纳情况', basis: art(19), by: 'organisation' },
  submitRiskAssessment: { fields: ['reportHash'], zh: '风险评估报告', basis: art(23), by: 'organisation' },
  submitLegalOpinion: { fields: ['opinionHash'], zh: '法律顾问、公职律师的意见', basis: art(28), by: 'person' },
  issueLegalityOpinion: { fields: ['opinionHash'], zh: '合法性审查意见', basis: art(28), by: 'organisation' },
  reviewAdoptedChanges: { fields: ['opinionHash'], zh: '对修改内容的合法性审查意见', basis: art(28), by: 'organisation' },
  recordDiscussion: { fields: ['minutesHash'], zh: '会议记录', basis: art(30), by: 'organisation' },
  reportToPartyCommittee: { fields: ['reportHash'], zh: '向同级党委的请示报告', basis: art(31), by: 'organisation' },
  recordPartyCommitteeReply: { fields: ['replyHash'], zh: '同级党委的答复', basis: art(31), by: 'organisation' },
  submitExecutionReport: { fields: ['reportHash'], zh: '决策执行情况报告', basis: art(35), by: 'organisation' },
  superviseExecution: { fields: ['findingsHash'], zh: '督查情况', basis: art(34), by: 'organisation' },
  submitEvaluation: { fields: ['reportHash'], zh: '决策后评估报告', basis: art(36), by: 'organisation' },
};
