import { ACTION_ZH } from '../../../libs/domain/procedure/rules/words';
import { half, lang, t } from './i18n';
import { EVALUATION_SITUATION_ZH, formatCitation, PHASE_LABELS, ROLE_LABELS, type ActionName, type EvaluationSituation, type Phase, type Role, SUSPENSION_SITUATION_ZH, type SuspensionSituation } from '../../../libs/domain';

/** Dates as people in China read them, in the decisions' time zone: 2026年12月4日, 2026年12月4日 09:30. */
const ZONE = 'Asia/Shanghai';
const LOCALE = lang === 'en' ? 'en-GB' : 'zh-CN';
const dayFormat = new Intl.DateTimeFormat(LOCALE, { timeZone: ZONE, year: 'numeric', month: 'long', day: 'numeric' });
const timeFormat = new Intl.DateTimeFormat(LOCALE, { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function day(iso: string | null | undefined): string {
  if (!iso) return '—';
  // A bare date (a period's last day, YYYY-MM-DD) is that day, wherever the reader is.
  const bare = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (bare) return lang === 'en' ? dayFormat.format(new Date(`${iso}T12:00:00+08:00`)) : `${Number(bare[1])}年${Number(bare[2])}月${Number(bare[3])}日`;
  return dayFormat.format(new Date(iso));
}

export function dayTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return `${dayFormat.format(d)} ${timeFormat.format(d)}`;
}

/** The domain's names in the reader's language (labels written '中文 (English)'). */
export const phaseText = (p: string) => half(PHASE_LABELS[p as Phase], p);
export const roleText = (r: string) => (r === 'inspector' ? t('监督检查', 'inspector') : r === 'meeting_member' ? t('会议组成人员', 'meeting member') : half(ROLE_LABELS[r as Role], r));
/** A step's name; in English, its action name in words (issueLegalityOpinion → issue legality opinion). */
export const actionText = (a: string) =>
  lang === 'en' ? a.replace(/([A-Z])/g, ' $1').toLowerCase() : a === 'register' ? '登记决策事项' : a === 'archiveHistory' ? '归档工作流历史' : (ACTION_ZH[a as ActionName] ?? a);

/** Art. 36's situations in which the organ evaluates a decision: the commission form's choices. */
export const EVALUATION_SITUATION_TEXT: Record<EvaluationSituation, string> = {
  below_expectations: t(EVALUATION_SITUATION_ZH.below_expectations, 'clearly short of the effect expected'),
  many_opinions: t(EVALUATION_SITUATION_ZH.many_opinions, 'many opinions from citizens and organisations'),
  organ_deems_necessary: t(EVALUATION_SITUATION_ZH.organ_deems_necessary, 'the organ deems it necessary'),
};

/** A member's view as the minutes record it (Art. 30): the form's choices and the pages' words. */
export const MEMBER_VIEW_TEXT: Record<string, string> = { agree: t('同意', 'agree'), disagree: t('不同意', 'against'), reserve: t('保留意见', 'reserved'), abstain: t('弃权', 'abstain') };

/** A long hash shortened for tables: sha256:9f86d081…0f00a08. */
export const shortHash = (h: string) => (h.length > 24 ? `${h.slice(0, h.indexOf(':') + 9)}…${h.slice(-7)}` : h);

/**
 * An article as the workflow's timeline names it ('decree-713:12', source and
 * article) in the words people read: 《重大行政决策程序暂行条例》第十二条, or in
 * English Decree No. 713, Art. 12.
 */
export function timelineArticle(a: string): string {
  const at = a.lastIndexOf(':');
  const article = Number(a.slice(at + 1));
  const citation = at > 0 ? formatCitation({ source: a.slice(0, at), article: a.slice(at + 1) && Number.isInteger(article) ? article : undefined }) : a;
  return half(citation, citation);
}

/** Where an expert's pool entry stands (Art. 21; Art. 41 for a disqualification), and its tag's colour. */
const POOL_STANDING: Record<string, [string, string]> = {
  'in-force': [t('在库', 'in the pool'), 'green'],
  'not-yet': [t('尚未生效', 'not yet'), 'blue'],
  expired: [t('期满', 'term over'), 'default'],
  ended: [t('已退出', 'left the pool'), 'default'],
  disqualified: [t('已取消评估资格（第四十一条）', 'disqualified (Art. 41)'), 'red'],
};
export const poolStandingText = (s: string): [string, string] => POOL_STANDING[s] ?? [s, 'default'];

/** Art. 35's situations, in which alone the chief executive suspends execution first (Art. 37): the form's choices and the page's words. */
export const SUSPENSION_SITUATION_TEXT: Record<SuspensionSituation, string> = {
  problem: t(SUSPENSION_SITUATION_ZH.problem, 'the decision has a problem'),
  changed_circumstances: t(SUSPENSION_SITUATION_ZH.changed_circumstances, 'circumstances changed materially'),
  force_majeure: t(SUSPENSION_SITUATION_ZH.force_majeure, 'force majeure or the like seriously affects its aims'),
};
