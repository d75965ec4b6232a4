/**
 * Period arithmetic on the Chinese working calendar, pure and deterministic:
 * the calendar itself (public holidays and adjusted workdays) is passed in, so
 * the workflow sandbox, the activities and the property tests share one
 * implementation. Days are calendar days in China Standard Time (UTC+8).
 *
 * Rules (Civil Code Art. 201, 203): the start day is not counted; a period
 * ends at 24:00 of its last day; a period counted in calendar days whose last
 * day is a rest day or holiday ends with the next working day.
 */
export interface WorkdayCalendar {
  isWorkday(day: string): boolean;
  /** Whether the State Council's schedule for that year is known to the calendar. */
  hasYear(year: number): boolean;
  /** Which calendar data answered (package version plus overrides). */
  version: string;
}

export interface PeriodRequest {
  /** 'calendar': N calendar days; 'working': N working days; 'count': working days elapsed between `start` and `until`. */
  kind: 'calendar' | 'working' | 'count';
  start: number;
  days?: number;
  until?: number;
}

export interface PeriodResult {
  /** End of the period (epoch ms), or for 'count' the instant `until`. */
  end: number;
  /** For 'count': working days wholly between the start day and the until day. */
  count?: number;
  calendarVersion: string;
  /** True where the period runs into a year whose holiday schedule is not yet published. */
  provisional: boolean;
}

const CST_OFFSET = 8 * 3600_000;
const DAY = 86_400_000;

/** 'YYYY-MM-DD' of an instant, in China Standard Time. */
export function cstDay(ms: number): string {
  return new Date(ms + CST_OFFSET).toISOString().slice(0, 10);
}

/** An instant as China Standard Time writes it, to the millisecond: '2026-12-07T10:24:50.527+08:00'. */
export function cstInstant(ms: number): string {
  return `${new Date(ms + CST_OFFSET).toISOString().slice(0, 23)}+08:00`;
}

/** The instant 24:00 CST of a day (= 00:00 CST of the next). */
export function endOfCstDay(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`) - CST_OFFSET + DAY;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY).toISOString().slice(0, 10);
}

export function computePeriod(req: PeriodRequest, calendar: WorkdayCalendar): PeriodResult {
  let day = cstDay(req.start);
  const years = new Set<number>([Number(day.slice(0, 4))]);
  const result = (end: number, count?: number): PeriodResult => ({
    end,
    count,
    calendarVersion: calendar.version,
    provisional: [...years].some((y) => !calendar.hasYear(y)),
  });
  if (req.kind === 'count') {
    const last = cstDay(req.until ?? req.start);
    let count = 0;
    for (day = nextDay(day); day < last; day = nextDay(day)) {
      years.add(Number(day.slice(0, 4)));
      if (calendar.isWorkday(day)) count++;
    }
    return result(req.until ?? req.start, count);
  }
  const n = req.days ?? 0;
  if (req.kind === 'calendar') {
    for (let i = 0; i < n; i++) day = nextDay(day);
    years.add(Number(day.slice(0, 4)));
    while (!calendar.isWorkday(day)) {
      day = nextDay(day);
      years.add(Number(day.slice(0, 4)));
    }
    return result(endOfCstDay(day));
  }
  let counted = 0;
  while (counted < n) {
    day = nextDay(day);
    years.add(Number(day.slice(0, 4)));
    if (calendar.isWorkday(day)) counted++;
  }
  return result(endOfCstDay(day));
}

/** Monday to Friday, nothing else: for tests and as a last resort, never for real deadlines. */
export const WEEKDAY_CALENDAR: WorkdayCalendar = {
  isWorkday: (day) => {
    const wd = new Date(`${day}T00:00:00.000Z`).getUTCDay();
    return wd !== 0 && wd !== 6;
  },
  hasYear: () => false,
  version: 'weekdays-only',
};
