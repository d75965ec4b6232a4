/**
 * Citations of the rules a refusal rests on. The national baseline is State
 * Council Decree No. 713 (重大行政决策程序暂行条例); provincial profiles cite
 * their own measures. Users see the Chinese form with the English beside it.
 */
export interface Citation {
  /** Short id of the instrument, e.g. 'decree-713', 'sd-pp'. */
  source: string;
  /** Article number, where the instrument's numbering is known. */
  article?: number;
  paragraph?: number;
}

export const SOURCES: Record<string, { zh: string; en: string }> = {
  'decree-713': { zh: '《重大行政决策程序暂行条例》', en: 'Decree No. 713' },
  'civil-code': { zh: '《中华人民共和国民法典》', en: 'Civil Code' },
  'sd-rules': { zh: '《山东省重大行政决策程序规定》', en: 'Shandong Provincial Government Order No. 336' },
  'sd-pp': { zh: '《山东省重大行政决策公众参与工作办法》', en: 'Shandong Public-Participation Working Measures (2025)' },
  'sd-pe': { zh: '《山东省重大行政决策后评估办法》', en: 'Shandong Post-Decision Evaluation Measures (2024)' },
  /** Each government's own work rules (工作规则) govern how its meetings sit: quorum, who presides. Not Decree 713. */
  'gov-work-rules': { zh: '本级人民政府《工作规则》', en: "the government's own work rules" },
  'sd-work-rules': { zh: '《山东省人民政府工作规则》', en: 'Work Rules of the Shandong Provincial Government' },
  // Provincial and city rules of the profiles (profiles.ts): cited with an article number only where one was read in a text.
  'qd-rules': { zh: '《青岛市重大行政决策程序规定》', en: 'Qingdao Municipal Government Order No. 271 (2019)' },
  'qd-hearing': { zh: '《青岛市重大行政决策听证办法》', en: 'Qingdao Hearing Measures for Major Administrative Decisions (Order No. 162, revised 2017)' },
  'hlj-rules': { zh: '《黑龙江省重大行政决策程序暂行规定》', en: 'Heilongjiang Provincial Government Order No. 4 (2021)' },
  'sc-rules': { zh: '《四川省重大行政决策程序规定》', en: 'Sichuan Provisions on Major Administrative Decision Procedures (川府发〔2025〕4号)' },
  // Other laws that govern some matters (Decree 713 Art. 3 para. 2, Art. 16 para. 1): the matter types of matters.ts.
  'price-law': { zh: '《中华人民共和国价格法》', en: 'Price Law' },
  'price-hearing': { zh: '《政府制定价格听证办法》', en: 'Measures for Hearings on Government-Set Prices (NDRC Order No. 21, 2018)' },
  'price-cost-audit': { zh: '《政府制定价格成本监审办法》', en: 'Measures for Cost Audits of Government-Set Prices (NDRC Order No. 8, 2017)' },
  'land-law': { zh: '《中华人民共和国土地管理法》', en: 'Land Administration Law (2019)' },
  'housing-expropriation': { zh: '《国有土地上房屋征收与补偿条例》', en: 'Regulations on Expropriation of Housing on State-Owned Land and Compensation (State Council Decree No. 590, 2011)' },
  'planning-law': { zh: '《中华人民共和国城乡规划法》', en: 'Urban and Rural Planning Law' },
  'eia-law': { zh: '《中华人民共和国环境影响评价法》', en: 'Environmental Impact Assessment Law (2018 revision)' },
  'fair-competition': { zh: '《公平竞争审查条例》', en: 'Fair Competition Review Regulations (State Council Decree No. 783, 2024)' },
};

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 25 → 二十五, 10 → 十, 203 → 二百零三. */
export function chineseNumber(n: number): string {
  if (n < 10) return ZH_DIGITS[n];
  if (n < 20) return `十${n % 10 ? ZH_DIGITS[n % 10] : ''}`;
  if (n < 100) return `${ZH_DIGITS[Math.floor(n / 10)]}十${n % 10 ? ZH_DIGITS[n % 10] : ''}`;
  const rest = n % 100;
  return `${ZH_DIGITS[Math.floor(n / 100)]}百${rest === 0 ? '' : rest < 10 ? `零${ZH_DIGITS[rest]}` : rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest)}`;
}

/** e.g. 《重大行政决策程序暂行条例》第二十五条 (Decree No. 713, Art. 25) */
export function formatCitation(c: Citation): string {
  const src = SOURCES[c.source] ?? { zh: c.source, en: c.source };
  if (c.article === undefined) return `${src.zh} (${src.en})`;
  const para = c.paragraph ? `第${chineseNumber(c.paragraph)}款` : '';
  return `${src.zh}第${chineseNumber(c.article)}条${para} (${src.en}, Art. ${c.article}${c.paragraph ? ` para. ${c.paragraph}` : ''})`;
}

/** The Chinese form alone, for a reason that names its rule in brackets: 《国有土地上房屋征收与补偿条例》第十条. */
export function citationZh(c: Citation): string {
  const src = SOURCES[c.source]?.zh ?? c.source;
  if (c.article === undefined) return src;
  return `${src}第${chineseNumber(c.article)}条${c.paragraph ? `第${chineseNumber(c.paragraph)}款` : ''}`;
}

/** Shorthand for Decree 713 citations. */
export const art = (article: number, paragraph?: number): Citation => ({ source: 'decree-713', article, paragraph });
