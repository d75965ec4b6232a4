import { art, type Citation } from './articles';
import type { ActionName } from './commands';

/**
 * The documents a step brings as its own new work (an expert's signed opinion, the review body's opinion, a report, the
 * minutes), by field, with what the decree says of that work. Such a document is not one the record already holds:
 * not named by an earlier step of the same decision (a draft found unlawful sent back as its own "revision", one
 * opinion document recorded as "unlawful" and then as "lawful", an earlier round's opinion for this round's), nor
 * by another person's step in another decision (one expert's opinion filed by another as his own: statute tester).
 * `ownDecisionOnly`: a draft may be the text of another decision (one withdrawn and begun again), not of this one's
 * earlier drafts.
 */
export const AUTHORED_DOCUMENTS: Partial<Record<ActionName, { fields: readonly string[]; zh: string; basis: Citation; ownDecisionOnly?: boolean }>> = {
  submitDraft: { fields: ['documentHash'], zh: '修改后的决策草案', basis: art(12), ownDecisionOnly: true },
  consultDepartment: { fields: ['opinionHash'], zh: '有关单位的意见', basis: art(13) },
  consultSpecialGroup: { fields: ['recordHash'], zh: '听取意见的记录', basis: art(14) },
  recordParticipationForm: { fields: ['recordHash'], zh: '公众参与的记录', basis: art(14) },
  recordHearing: { fields: ['transcriptHash'], zh: '听证笔录', basis: art(17) },
  submitAdoptionReport: { fields: ['reportHash'], zh: '意见研究采纳情况', basis: art(18) },
  submitExpertOpinion: { fields: ['opinionHash'], zh: '专家论证意见', basis: art(19) },
  submitExpertMinutes: { fields: ['minutesHash'], zh: '专家论证会纪要', basis: art(19) },
  completeExpertArgumentation: { fields: ['adoptionReportHash'], zh: '专家论证意见的采纳情况', basis: art(19) },
  submitRiskAssessment: { fields: ['reportHash'], zh: '风险评估报告', basis: art(23) },
  submitLegalOpinion: { fields: ['opinionHash'], zh: '法律顾问、公职律师的意见', basis: art(28) },
  issueLegalityOpinion: { fields: ['opinionHash'], zh: '合法性审查意见', basis: art(28) },
  reviewAdoptedChanges: { fields: ['opinionHash'], zh: '对修改内容的合法性审查意见', basis: art(28) },
  recordDiscussion: { fields: ['minutesHash'], zh: '会议记录', basis: art(30) },
  reportToPartyCommittee: { fields: ['reportHash'], zh: '向同级党委的请示报告', basis: art(31) },
  recordPartyCommitteeReply: { fields: ['replyHash'], zh: '同级党委的答复', basis: art(31) },
  submitExecutionReport: { fields: ['reportHash'], zh: '决策执行情况报告', basis: art(35) },
  superviseExecution: { fields: ['findingsHash'], zh: '督查情况', basis: art(34) },
  submitEvaluation: { fields: ['reportHash'], zh: '决策后评估报告', basis: art(36) },
};
