import type { Deadline, ProcedureState } from './state';
import { structuredCloneJson } from './rules';

/** What a clock produced: a reminder before a time limit, a minimum period that ran out, a time limit missed. */
export interface DeadlineEvent {
  deadlineId: string;
  kind: 'reminder' | 'elapsed' | 'overdue';
  at: number;
}

/** Advances every running clock to `now`. Pure: same state and time, same result. */
export function tick(s: ProcedureState, now: number): { state: ProcedureState; events: DeadlineEvent[] } {
  const events: DeadlineEvent[] = [];
  const next = structuredCloneJson(s);
  for (const d of next.deadlines) {
    if (d.status !== 'running' || d.dueAt === undefined) continue;
    if (d.type === 'maximum' && !d.reminded && d.remindAt !== undefined && now >= d.remindAt && now < d.dueAt) {
      d.reminded = true;
      events.push({ deadlineId: d.id, kind: 'reminder', at: now });
    }
    if (now >= d.dueAt) {
      d.status = d.type === 'minimum' ? 'elapsed' : 'overdue';
      events.push({ deadlineId: d.id, kind: d.type === 'minimum' ? 'elapsed' : 'overdue', at: now });
    }
  }
  return { state: events.length ? next : s, events };
}

/** When the next clock event falls due, or undefined when no clock is running. */
export function nextWakeUp(s: ProcedureState): number | undefined {
  const times = s.deadlines
    .filter((d): d is Deadline & { dueAt: number } => d.status === 'running' && d.dueAt !== undefined)
    .flatMap((d) => [d.dueAt, ...(d.type === 'maximum' && !d.reminded && d.remindAt !== undefined ? [d.remindAt] : [])]);
  return times.length ? Math.min(...times) : undefined;
}

export function isOverdue(s: ProcedureState): boolean {
  return s.deadlines.some((d) => d.status === 'overdue');
}
