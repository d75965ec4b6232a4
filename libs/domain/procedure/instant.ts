/**
 * Times in step payloads. New requests give ISO 8601 date-times with an
 * explicit offset or Z ('2026-12-04T09:00:00+08:00'); records made before
 * that hold epoch milliseconds, which must keep replaying, so both are read.
 * The procedure's state keeps epoch milliseconds either way. Plain
 * arithmetic on Date.UTC: no time-zone database, deterministic in the
 * workflow sandbox.
 */
export type Instant = string | number;

/** The years an instant the API takes may name: the People's Republic to well past any official's lifetime. */
export const INSTANT_YEARS = { from: 1949, to: 2199 } as const;

/** The accepted form, as users read it in a refusal. */
export const INSTANT_FORMAT = { zh: 'ISO 8601 时间，须带时区偏移或 Z，例如 2026-12-04T09:00:00+08:00', en: 'an ISO 8601 date-time with an offset or Z, e.g. 2026-12-04T09:00:00+08:00' };

/** The latest instant the ISO form can give (9999-12-31T23:59:59.999Z): a legacy number is held to it too. */
const LATEST_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** Epoch milliseconds of an ISO 8601 date-time with offset (or of a legacy epoch number), or undefined when it is neither. */
export function parseInstant(v: unknown): number | undefined {
  // A legacy number past any date (1e300) was taken, and the decision's deadlines could no longer be shown (statute
  // tester): held to what the ISO form can say, as no record could have used one past it.
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 && v <= LATEST_INSTANT_MS ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = ISO_INSTANT.exec(v);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const [offHours, offMinutes] = m[8] ? [Number(m[9]), Number(m[10])] : [0, 0];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || offHours > 23 || offMinutes > 59) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  const offset = (m[8] === '-' ? -1 : 1) * (offHours * 60 + offMinutes) * 60_000;
  // Before 1970 too (a term from 1949): the years a request may name are the API's to bound (INSTANT_YEARS); a date of
  // 1949 was refused as no time at all, under a message naming 1949 as allowed (attacker).
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset;
}

/** Epoch milliseconds of a payload time already checked by the rules. */
export function instantMs(v: Instant): number {
  const ms = parseInstant(v);
  if (ms === undefined) throw new TypeError(`not a time: ${String(v)}`);
  return ms;
}
