import type { PeriodResult } from '../calendar';
import { currentDraft, Hold, Phase, type Deadline, type ProcedureState } from '../state';
import { DAY, type StepContext } from './rule';

// Shared predicates and state helpers of the rules: whether a stage is done for
// the draft on the table, the periods a step starts or settles, holds and closing.

export function lastMaterialVersion(s: ProcedureState): number {
  return Math.max(0, ...s.drafts.filter((d) => d.material).map((d) => d.version));
}
export const draftVersion = (s: ProcedureState) => currentDraft(s)?.version ?? 0;

export function publicParticipationDone(s: ProcedureState): boolean {
  if (!s.applicability) return false;
  if (!s.applicability.publicParticipation.required) return true;
  const pp = s.publicParticipation;
  return !!pp?.adoptionReport && pp.draftVersion >= lastMaterialVersion(s);
}
export function expertDone(s: ProcedureState): boolean {
  if (!s.applicability) return false;
  if (!s.applicability.expertArgumentation.required) return true;
  return !!s.expert?.completed && s.expert.draftVersion >= lastMaterialVersion(s);
}
export function riskDone(s: ProcedureState): boolean {
  if (!s.applicability) return false;
  const r = s.applicability.riskAssessment;
  if (!r.required || r.priorAssessmentRef) return true;
  return !!s.risk && s.risk.controllable && s.risk.draftVersion >= lastMaterialVersion(s);
}
/** A passing legality review of the very draft now on the table (Art. 25; a revision needs a new review). */
export function legalityPassed(s: ProcedureState): boolean {
  const o = s.legality?.opinion;
  return !!o && (o.outcome === 'lawful' || o.outcome === 'exploratory') && s.legality!.draftVersion === draftVersion(s);
}

export function deadline(s: ProcedureState, id: string | undefined): Deadline | undefined {
  return s.deadlines.find((d) => d.id === id);
}

export function startDeadline(
  s: ProcedureState,
  d: Pick<Deadline, 'id' | 'label' | 'basis' | 'type' | 'unit' | 'days'> & { shortenedReason?: string },
  period: PeriodResult,
  ctx: StepContext,
): Deadline {
  const remindAt = d.type === 'maximum' ? period.end - ctx.profile.reminderDays * DAY : undefined;
  const deadline: Deadline = {
    ...d,
    startedAt: ctx.now,
    dueAt: period.end,
    remindAt,
    reminded: false,
    status: 'running',
    calendarVersion: period.calendarVersion,
    provisional: period.provisional,
    tolled: [],
    usedWorkingDays: 0,
  };
  s.deadlines = [...s.deadlines.filter((x) => x.id !== d.id), deadline];
  return deadline;
}

export function settle(s: ProcedureState, id: string | undefined, status: 'met' | 'cancelled', shortenedReason?: string): void {
  const d = deadline(s, id);
  if (!d || d.status === 'elapsed' || d.status === 'met' || d.status === 'cancelled') return;
  d.status = status;
  if (shortenedReason) d.shortenedReason = shortenedReason;
}

export function close(s: ProcedureState, reason: 'withdrawn' | 'not_adopted' | 'terminated'): void {
  s.phase = Phase.Closed;
  s.closedReason = reason;
  clearHold(s);
  for (const d of s.deadlines) if (d.status === 'running' || d.status === 'paused') d.status = 'cancelled';
}
export function clearHold(s: ProcedureState): void {
  s.hold = Hold.None;
  s.holdInfo = undefined;
}
/** An instant as ISO 8601 in China Standard Time, to the minute: 2026-12-04T09:00+08:00. */
export function isoMinute(ms: number): string {
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 16)}+08:00`;
}

/** A deep copy of plain data; the sandbox has no structuredClone guarantee. */
export function structuredCloneJson<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
