import { profileById, type Deadline, type ProcedureState } from '../../../../libs/domain';

/**
 * How the API answers times. The workflow's queries give epoch milliseconds
 * (their shapes are part of the workflow and stay as they are); people read
 * ISO 8601 in the decision's time zone, and a deadline's last day as a date.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The decision's time zone: its profile's, or China Standard Time. */
export function timeZoneOf(profileId: string | undefined): string {
  return (profileId && profileById(profileId)?.timeZone) || DEFAULT_TIME_ZONE;
}

/** One formatter per time zone (the profiles name few): making one costs many times what formatting with it does. */
const formats = new Map<string, Intl.DateTimeFormat>();
const formatIn = (timeZone: string): Intl.DateTimeFormat => {
  let fmt = formats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset' });
    formats.set(timeZone, fmt);
  }
  return fmt;
};
const parts = (ms: number, timeZone: string) =>
  Object.fromEntries(formatIn(timeZone).formatToParts(new Date(ms)).map((p) => [p.type, p.value])) as Record<Intl.DateTimeFormatPartTypes, string>;

const DAY_MS = 86_400_000;
/** The zone's offset from UTC at an instant, in milliseconds, as Intl reads it (the instant taken to its second). */
function exactOffset(ms: number, timeZone: string): number {
  const p = parts(ms, timeZone);
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - (ms - (((ms % 1000) + 1000) % 1000));
}
/**
 * The zone's offset at an instant, read from Intl once per UTC day of a zone: formatting through Intl costs some 18 µs,
 * on every time an answer gives (a comment's receipt gives two). A day whose first and last millisecond share an offset
 * has it throughout (a zone changes its offset months apart); a day with a change is read exactly, every time.
 */
const offsets = new Map<string, number>();
function offsetAt(ms: number, timeZone: string): number {
  const day = Math.floor(ms / DAY_MS);
  const key = `${timeZone}|${day}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const first = exactOffset(day * DAY_MS, timeZone);
  if (first !== exactOffset((day + 1) * DAY_MS - 1, timeZone)) return exactOffset(ms, timeZone);
  if (offsets.size >= 4096) offsets.clear();
  offsets.set(key, first);
  return first;
}
const two = (n: number) => String(n).padStart(2, '0');
/** '+08:00' (and its seconds, for the local mean times of the 19th century). */
function offsetText(offset: number): string {
  const a = Math.abs(offset) / 1000;
  const seconds = a % 60;
  return `${offset < 0 ? '-' : '+'}${two(Math.floor(a / 3600))}:${two(Math.floor(a / 60) % 60)}${seconds ? `:${two(seconds)}` : ''}`;
}
/** The local calendar fields at an instant, or undefined for years Intl writes otherwise (before 1000 or after 9999). */
function localFields(ms: number, timeZone: string) {
  const offset = offsetAt(ms, timeZone);
  const local = new Date(ms + offset);
  const year = local.getUTCFullYear();
  if (year < 1000 || year > 9999) return undefined;
  return { offset, date: `${year}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`, time: `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}` };
}

/** '2026-12-04T09:00:00+08:00' (milliseconds only where there are any). */
export function isoInstant(ms: number, timeZone = DEFAULT_TIME_ZONE): string {
  const millis = ms % 1000 ? `.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}` : '';
  const f = localFields(ms, timeZone);
  if (f) return `${f.date}T${f.time}${millis}${offsetText(f.offset)}`;
  const p = parts(ms, timeZone);
  const offset = p.timeZoneName === 'GMT' ? '+00:00' : p.timeZoneName.replace('GMT', '');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${millis}${offset}`;
}

/** 'YYYY-MM-DD' of an instant in the time zone. */
export function localDay(ms: number, timeZone = DEFAULT_TIME_ZONE): string {
  const f = localFields(ms, timeZone);
  if (f) return f.date;
  const p = parts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

const iso = (ms: number | undefined, timeZone: string) => (ms === undefined ? undefined : isoInstant(ms, timeZone));

/**
 * Deadlines with ISO 8601 times and the period's last day. A period ends at
 * 24:00 of its last day (Civil Code Art. 203), which is the first instant of
 * the next day, so the last day is the day of the instant just before the end.
 * A paused period has no last day until it runs again (its end moves).
 */
export function presentDeadlines(deadlines: Deadline[], timeZone = DEFAULT_TIME_ZONE) {
  return deadlines.map((d) => ({
    ...d,
    startedAt: isoInstant(d.startedAt, timeZone),
    dueAt: iso(d.dueAt, timeZone),
    remindAt: iso(d.remindAt, timeZone),
    lastDay: d.dueAt === undefined || d.status === 'paused' ? null : localDay(d.dueAt - 1, timeZone),
    tolled: d.tolled.map((t) => ({ ...t, from: isoInstant(t.from, timeZone), to: iso(t.to, timeZone) })),
  }));
}

/** The timeline with each entry's time as ISO 8601. */
export function presentTimeline(timeline: ProcedureState['timeline'], timeZone = DEFAULT_TIME_ZONE) {
  return timeline.map((t) => ({ ...t, at: isoInstant(t.at, timeZone) }));
}
