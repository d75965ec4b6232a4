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
    isWorkday: (day) => byDay.get(day) ?? chineseDays.isWorkday(day),
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
