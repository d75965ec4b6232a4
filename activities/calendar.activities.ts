import chineseDays from 'chinese-days';
import holidayData from 'chinese-days/dist/chinese-days.json';
import { computePeriod, type CalendarActivities, type WorkdayCalendar } from '../libs/domain';
import type { PrismaClient } from '../libs/db/prisma';

const PACKAGE_VERSION: string = require('chinese-days/package.json').version;
/** Years whose State Council holiday schedule the data package carries. */
const PACKAGE_YEARS = new Set(Object.keys(holidayData.holidays).map((d) => Number(d.slice(0, 4))));

/**
 * The Chinese working calendar: the `chinese-days` data package, corrected by
 * the calendar_overrides table, which an administrator fills in when the State
 * Council publishes a year's schedule before the package has it. A year is
 * known when either source has it; periods running into an unknown year are
 * marked provisional.
 */
export async function loadWorkdayCalendar(prisma: PrismaClient): Promise<WorkdayCalendar> {
  const overrides = await prisma.calendarOverride.findMany();
  const byDay = new Map(overrides.map((o) => [o.day, o.workday]));
  const overrideYears = new Set(overrides.map((o) => Number(o.day.slice(0, 4))));
  const latest = overrides.map((o) => o.day).sort().pop();
  return {
    // A year the package does not carry and no override names (its schedule not published yet): its weekends and the
    // holidays the law fixes are rest days; only the adjusted workdays are unknown (statute tester: a comment period
    // ended on 1 Jan 2027, which the package read as a Friday like any other).
    isWorkday: (day) => byDay.get(day) ?? (PACKAGE_YEARS.has(Number(day.slice(0, 4))) ? chineseDays.isWorkday(day) : !isWeekend(day) && !statutoryHoliday(day)),
    hasYear: (year) => PACKAGE_YEARS.has(year) || overrideYears.has(year),
    version: `chinese-days@${PACKAGE_VERSION}${overrides.length ? `+overrides(${overrides.length}, to ${latest})` : ''}`,
  };
}

export function createCalendarActivities({ prisma }: { prisma: PrismaClient }): CalendarActivities {
  return {
    async computePeriods(requests) {
      const calendar = await loadWorkdayCalendar(prisma);
      return requests.map((r) => computePeriod(r, calendar));
    },
  };
}

function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * A holiday the State Council's 《全国年节及纪念日放假办法》 (as amended 2024, from 2025) fixes by date, whatever the
 * year's schedule adds: 元旦 1 Jan; 春节 New Year's Eve and the first three days of the lunar year; 清明 on its solar
 * term; 劳动节 1–2 May; 端午 5th of the fifth lunar month; 中秋 15th of the eighth; 国庆 1–3 Oct.
 */
export function statutoryHoliday(day: string): boolean {
  const md = day.slice(5);
  if (md === '01-01' || md === '05-01' || md === '05-02' || md === '10-01' || md === '10-02' || md === '10-03') return true;
  const lunar = chineseDays.getLunarDate(day);
  if (!lunar.isLeap && ((lunar.lunarMon === 1 && lunar.lunarDay <= 3) || (lunar.lunarMon === 5 && lunar.lunarDay === 5) || (lunar.lunarMon === 8 && lunar.lunarDay === 15))) return true;
  // New Year's Eve: the day before the first of the first month (the 29th or 30th of the twelfth).
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const tomorrow = chineseDays.getLunarDate(next);
  if (!tomorrow.isLeap && tomorrow.lunarMon === 1 && tomorrow.lunarDay === 1) return true;
  return chineseDays.getSolarTerms(day, day).some((t) => t.term === 'pure_brightness');
}
