import { ValidateBy, type ValidationOptions } from 'class-validator';
import { INSTANT_YEARS, parseInstant } from '../../../../libs/domain';
import { says } from '../validation-messages';

/** The years a term, a key's validity or an end may name (the domain's INSTANT_YEARS), kept here for the API's imports. */
export { INSTANT_YEARS };

/** Within INSTANT_YEARS in Beijing time as in UTC: 2200-01-01T07:59:59+08:00 is 2199 in UTC, yet 2200 where it is read (statute tester, retest). */
function withinYears(ms: number): boolean {
  return [new Date(ms).getUTCFullYear(), new Date(ms + 8 * 3600_000).getUTCFullYear()].every((year) => year >= INSTANT_YEARS.from && year <= INSTANT_YEARS.to);
}

/**
 * A moment, as a registrar signs it: an ISO 8601 date-time with its offset
 * ('2026-01-01T00:00:00+08:00'). A date alone is refused: whether 1 January
 * began at midnight in Beijing or in UTC is eight hours of office.
 */
export function IsInstant(options: ValidationOptions = says(`必须是带时区偏移的 ISO 8601 时间（${INSTANT_YEARS.from}至${INSTANT_YEARS.to}年），例如 2026-01-01T00:00:00+08:00；只写日期不清楚是北京时间还是协调世界时`, `must be an ISO 8601 date-time with its offset (years ${INSTANT_YEARS.from} to ${INSTANT_YEARS.to}), e.g. 2026-01-01T00:00:00+08:00; a date alone leaves the time zone open`)): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (v: unknown) => {
          if (typeof v !== 'string') return false;
          const ms = parseInstant(v);
          return ms !== undefined && withinYears(ms);
        },
      },
    },
    options,
  );
}

/**
 * The first time in a step's payload outside INSTANT_YEARS, by its path ('payload.reviewDate'), if there is one: a
 * review date of 9999 was taken, and the deadlines then printed a five-digit year no reader's software takes (retest).
 * Any string that is an ISO 8601 date-time is a time here; the rules say which fields must be one.
 */
export function timeOutsideYears(value: unknown, root = 'payload'): string | undefined {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: root }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const ms = parseInstant(v);
      if (ms !== undefined && !withinYears(ms)) return path;
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) stack.push({ v: x, path: `${path}.${k}` });
    }
  }
  return undefined;
}
