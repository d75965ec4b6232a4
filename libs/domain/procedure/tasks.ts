import { computePeriod, cstDay, type WorkdayCalendar } from './calendar';
import { art, formatCitation } from './articles';
import { ACTION_NAMES, type ActionName } from './commands';
import { NATIONAL_BASELINE, type ProcedureProfile } from './profiles';
import { CORRECTION_PREFIX, hearingsToHold, isOpen, isoMinute, isTask, personsKeptFrom, REVIEW_DATE_PREFIX, rolesFor, zhMinute } from './rules';
import type { Role } from './roles';
import type { Deadline, ProcedureState } from './state';

/**
 * The open tasks, per role: the steps the rules would accept from that role
 * now, under the decision's profile, given the right content (role, phase, hold and each rule's
 * payload-independent preconditions).
 */
export function openTasks(s: ProcedureState, profile: ProcedureProfile = NATIONAL_BASELINE): OpenTask[] {
  return ACTION_NAMES.flatMap((action) =>
    isTask(s, action, profile) ? rolesFor(action, profile).filter((role) => isOpen(s, action, role, profile)).map((role) => ({ role, action, ...personOf(s, action), ...keptFrom(s, action, role, profile), ...waitingOf(s, action, profile) })) : [],
  );
}

/** A step open now, for a role; `person` where only one person may take it. */
export interface OpenTask {
  role: Role;
  action: ActionName;
  /** The one person who may take it: the decision is the chief executive's the minutes name (Art. 30), not any holder of the office's. */
  person?: string;
  /**
   * Who holds the role and still may not take it, whatever content they give: a drafter also appointed legal adviser or
   * chief executive is not offered the opinion or the decision on his own draft (Arts. 25, 28, 30).
   */
  notFor?: string[];
  /**
   * What the step waits for before its form can be signed, though it is the role's to see to now: the review opinion
   * waits for the legal advisers' opinions the review body organises (Art. 28; fresh-eyes tester: 我的待办 offered the
   * form, which was then refused).
   */
  waitingFor?: { zh: string; en: string; basis: string; /** Waiting for a time only: from then (epoch ms), nothing. */ until?: number };
}

const LEGAL_OPINIONS_FIRST = { zh: '须先组织法律顾问、公职律师提出法律意见（提出法律意见），再出具审查意见', en: "first the legal advisers' or public lawyers' opinions (submitLegalOpinion), which the review body organises, then the review opinion", basis: formatCitation(art(28)) };

function waitingOf(s: ProcedureState, action: ActionName, profile: ProcedureProfile): { waitingFor?: OpenTask['waitingFor'] } {
  if (action === 'issueLegalityOpinion' && s.legality && !s.legality.legalOpinions.length) return { waitingFor: LEGAL_OPINIONS_FIRST };
  // The supplementary review of a text adopted with changes, likewise (`changesLegalOpinion`).
  if (action === 'reviewAdoptedChanges' && profile.changesLegalOpinion && !s.decision?.changesLegalOpinions?.length) return { waitingFor: LEGAL_OPINIONS_FIRST };
  // The record of a hearing comes once it is held (Art. 17): offered with its time, as the comment period's close is
  // with its earliest day (statute tester: offered "无法定时限", then refused as not yet held).
  if (action === 'recordHearing') {
    const next = hearingsToHold(s)[0];
    if (next) return { waitingFor: { zh: `听证会 ${next.id} 定于${zhMinute(next.date)}举行，举行后提交听证会记录`, en: `hearing ${next.id} is to be held on ${isoMinute(next.date)}; record it once held`, basis: formatCitation(art(17)), until: next.date } };
  }
  return {};
}

/** Whom alone a task is for, where the record says: 我的待办 offered `decide` to every chief executive (third tester). */
function personOf(s: ProcedureState, action: ActionName): { person?: string } {
  const chief = action === 'decide' ? s.discussion?.meeting.chiefExecutiveId : undefined;
  return chief === undefined ? {} : { person: chief };
}

/** Whether the task is for the person, who holds its role: not where it names another, nor where it excludes them. */
export function taskIsFor(task: Pick<OpenTask, 'person' | 'notFor'>, personId: string): boolean {
  return (task.person === undefined || task.person === personId) && !task.notFor?.includes(personId);
}

/** The persons a task is not for, where there are any (a task's shape stays `{ role, action }` otherwise). */
function keptFrom(s: ProcedureState, action: ActionName, role: Role, profile: ProcedureProfile): { notFor?: string[] } {
  const kept = personsKeptFrom(s, action, role, profile);
  return kept.length ? { notFor: kept } : {};
}

/**
 * The time limit a task runs against, by the prefix of its deadline's id:
 * the legality review's time limit for the reviewer's steps (Art. 27), the
 * publication time limit for publishing (Art. 32), a postponement's review date
 * for resuming and discussing the matter again (Arts. 30, 38). Closing the comment period
 * waits for its minimum period instead, which is shown as its earliest day.
 */
const TASK_DEADLINES: Partial<Record<ActionName, string>> = {
  issueLegalityOpinion: 'legality-review-max-',
  pauseLegalityReview: 'legality-review-max-',
  submitLegalOpinion: 'legality-review-max-',
  publish: 'publication-',
  closePublicComment: 'public-comment-',
  // A postponed matter is taken up again by its review date (Arts. 30, 38): past it, the decision is left undecided.
  resumeFromPostponement: REVIEW_DATE_PREFIX,
  recordDiscussion: REVIEW_DATE_PREFIX,
  // The units report by the date the organ ordered them to correct by (Art. 34).
  submitExecutionReport: CORRECTION_PREFIX,
};

/** The deadline a task runs against, if it has one: the latest of its kind still counting (or missed). */
export function taskDeadline(action: ActionName, deadlines: readonly Deadline[]): Deadline | undefined {
  const prefix = TASK_DEADLINES[action];
  if (!prefix) return undefined;
  return deadlines.filter((d) => d.id.startsWith(prefix) && (d.status === 'running' || d.status === 'paused' || d.status === 'overdue')).sort((a, b) => b.startedAt - a.startedAt)[0];
}

const DAY = 86_400_000;

/**
 * Days after today up to and including the last day, in the deadline's unit
 * (working days on the Chinese working calendar where the statute counts
 * them); zero on the last day itself. Once missed, minus the days since the
 * last day, today included, counted the same way.
 */
export function daysLeft(d: Pick<Deadline, 'unit'> & { dueAt?: number }, now: number, calendar: WorkdayCalendar): number {
  const due = d.dueAt!;
  if (d.unit === 'calendar') return Math.round((Date.parse(`${cstDay(due - 1)}T00:00:00Z`) - Date.parse(`${cstDay(now)}T00:00:00Z`)) / DAY);
  if (now < due) return computePeriod({ kind: 'count', start: now, until: due }, calendar).count!;
  const between = computePeriod({ kind: 'count', start: due - 1, until: now }, calendar).count!;
  return -(between + (calendar.isWorkday(cstDay(now)) ? 1 : 0));
}
