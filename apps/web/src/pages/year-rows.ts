import type { YearFigures } from '../../../../libs/domain';

/**
 * The year's figures as the annual rule-of-law report lists them: in Chinese
 * (the CSV is always so), or in English for the page's table.
 */
export function yearRows(y: YearFigures, language: 'zh' | 'en' = 'zh'): [string, string | number][] {
  const w = (zh: string, en: string) => (language === 'en' ? en : zh);
  return [
    [w('新登记的重大行政决策事项', 'Major decisions registered'), y.registered],
    [w('作出决定的事项', 'Decisions made'), y.decided],
    [w('其中经合法性审查的事项', 'of which reviewed for legality'), y.legalityReviewed],
    [w('合法性审查率', 'Legality review rate'), y.legalityReviewRate === null ? '—' : `${Math.round(y.legalityReviewRate * 1000) / 10}%`],
    [w('公开征求意见的事项', 'Put out for public comment'), y.publicParticipation],
    [w('举行听证会（次）', 'Hearings held'), y.hearings],
    [w('组织专家论证的事项', 'With expert argumentation'), y.expertArgumentation],
    [w('风险评估（次）', 'Risk assessments'), y.riskAssessments],
    [w('公布的决策', 'Decisions published'), y.published],
    [w('逾期的步骤', 'Steps overdue'), y.overdueSteps],
    [w('其中暂缓后逾期未决（久拖不决）', 'of which postponed and still undecided past the review date'), y.undecidedPastReview],
    [w('中止执行（次）', 'Executions suspended'), y.suspensions],
    [w('启动决策调整（次）', 'Adjustments started'), y.adjustments],
    [w('收到公众意见（条）', 'Public comments received'), y.comments.received],
    [w('其中内容不同的意见（条）', 'of which different in content'), y.comments.distinctTexts],
    [w('重复提交已合并（次）', 'Repeated submissions folded'), y.comments.folded],
    [w('因频率限制未受理（次）', 'Refused by the rate limit'), y.comments.rateLimited],
  ];
}
