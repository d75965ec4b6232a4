import { formatCitation, type Citation, type Role } from '../domain';
import { actionZh, roleZh } from '../domain/procedure/rules/words';
import { oneLine } from './work-apps';

export type NotificationKind = 'new_task' | 'reminder' | 'overdue';

/** What a notice says, before it is worded: the decision, the step, its time limit and where to act. */
export interface NoticeFacts {
  kind: NotificationKind;
  decision: { id: string; title: string };
  action: string;
  role: Role;
  personName: string;
  /** The time limit the step runs against, where it has one: its last day (YYYY-MM-DD, local) and the days left then. */
  deadline?: { id: string; lastDay: string; daysLeft: number; unit: 'working' | 'calendar'; basis: Citation };
  /** The article the step rests on. */
  basis: Citation[];
  /** The web application's address (no trailing slash). */
  appUrl: string;
}

/** What is sent: the e-mail's subject and text, and the webhook's JSON (without its id and timestamp). */
export interface Notice {
  subject: string;
  text: string;
  payload: Record<string, unknown>;
}

/** 2026-12-04 → 2026年12月4日. */
export function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const unitZh = (unit: 'working' | 'calendar') => (unit === 'working' ? '个工作日' : '日');

/** The Chinese half of a citation: 《重大行政决策程序暂行条例》第二十七条. */
const citationZh = (c: Citation) => formatCitation(c).split(' (')[0];

/** Words a notice in Chinese first, with a line of English after. */
export function composeNotice(facts: NoticeFacts): Notice {
  // A title or a name is one line: a line break in one would start a line of the notice that it does not say.
  const f = { ...facts, decision: { ...facts.decision, title: oneLine(facts.decision.title) }, personName: oneLine(facts.personName) };
  const step = actionZh(f.action);
  const link = `${f.appUrl}/app/decisions/${encodeURIComponent(f.decision.id)}`;
  const d = f.deadline;
  // Missed: the days since, or, on the moment it is missed, that the period has run out (not "0 days left").
  const left = !d ? '' : d.daysLeft < 0 ? `已逾期 ${-d.daysLeft} ${unitZh(d.unit)}` : f.kind === 'overdue' ? '期限已届满' : `还剩 ${d.daysLeft} ${unitZh(d.unit)}`;
  const [headZh, headEn] = {
    new_task: [`【新待办】${f.decision.title}：${step}`, 'a new task'],
    reminder: [`【期限提醒】${f.decision.title}：${step}${d ? `，${left}` : ''}`, 'reminder: a time limit is near'],
    overdue: [`【已逾期】${f.decision.title}：${step}`, 'overdue: a time limit was missed'],
  }[f.kind];
  const opening = {
    new_task: '您有一项新的待办事项，请及时办理。',
    reminder: '您的一项待办事项即将到期，请在期限内办理。',
    overdue: '您的一项待办事项已超过法定期限，请尽快办理。',
  }[f.kind];
  const articles = [...(d ? [d.basis] : []), ...f.basis].map(citationZh).filter((c, i, all) => all.indexOf(c) === i);
  const lines = [
    `${f.personName}：`,
    opening,
    `决策事项：${f.decision.title}（编号 ${f.decision.id}）`,
    `待办步骤：${step}（${roleZh(f.role)}）`,
    d ? `办理期限：${chineseDate(d.lastDay)}（${left}）` : '办理期限：无法定期限',
    `依据：${articles.join('；')}`,
    `办理入口：${link}`,
    '',
    `(${headEn}: ${f.action} in decision ${f.decision.id}${d ? `, last day ${d.lastDay}, ${d.daysLeft} ${d.unit} days left` : ''}; ${link})`,
  ];
  return {
    subject: headZh,
    text: lines.join('\n'),
    payload: {
      type: f.kind,
      decision: facts.decision, // as recorded: a receiver of our JSON gets the title as written
      step: { action: f.action, name: step, role: f.role },
      deadline: d ? { id: d.id, lastDay: d.lastDay, lastDayZh: chineseDate(d.lastDay), daysLeft: d.daysLeft, unit: d.unit } : null,
      articles,
      url: link,
      title: headZh,
      text: lines.join('\n'),
    },
  };
}
