import { computePeriod, cstDay } from '../libs/domain';
import { createPrismaClient, type PrismaClient } from '../libs/db/prisma';
import { createTestDatabase } from '../test/support/db';
import { createCalendarActivities, loadWorkdayCalendar } from './calendar.activities';

const cst = (day: string, hour = 10) => Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

describe('the Chinese working calendar (chinese-days and overrides, real PostgreSQL)', () => {
  let db: { url: string; drop(): Promise<void> };
  let prisma: PrismaClient;
  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrismaClient(db.url);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  it('7 working days skip the National Day holiday and count the adjusted Saturday', async () => {
    const calendar = await loadWorkdayCalendar(prisma);
    // Submitted Tuesday 29 Sep 2026. 1–7 Oct are the National Day holiday; Saturday 10 Oct is an adjusted workday.
    const r = computePeriod({ kind: 'working', start: cst('2026-09-29'), days: 7 }, calendar);
    // Working days: 30 Sep, 8, 9, 10 (adjusted), 12, 13, 14 Oct.
    expect(cstDay(r.end - 1)).toBe('2026-10-14');
    expect(r.provisional).toBe(false);
    expect(r.calendarVersion).toMatch(/^chinese-days@1\.5\.7$/);
  });

  it('a calendar period ending in a holiday runs to the end of the next working day (Civil Code Art. 203)', async () => {
    const calendar = await loadWorkdayCalendar(prisma);
    // 30 days from 1 Sep end on 1 Oct, a holiday: the period runs to the end of 8 Oct.
    const r = computePeriod({ kind: 'calendar', start: cst('2026-09-01'), days: 30 }, calendar);
    expect(cstDay(r.end - 1)).toBe('2026-10-08');
  });

  it('counts working days between two instants, for tolled periods', async () => {
    const calendar = await loadWorkdayCalendar(prisma);
    const r = computePeriod({ kind: 'count', start: cst('2026-09-29'), until: cst('2026-10-13') }, calendar);
    expect(r.count).toBe(5); // 30 Sep, 8, 9, 10, 12 Oct
  });

  it('a period reaching into a year without a published schedule is provisional, until an administrator adds it', async () => {
    const activities = createCalendarActivities({ prisma });
    const [before] = await activities.computePeriods([{ kind: 'working', start: cst('2026-12-28'), days: 7 }]);
    expect(before.provisional).toBe(true);
    // The State Council publishes 2027: New Year's Day holiday 1–3 Jan (a Friday to Sunday).
    await prisma.calendarOverride.createMany({ data: [{ day: '2027-01-01', workday: false, note: '国办发明电〔2026〕 元旦' }] });
    const [after] = await activities.computePeriods([{ kind: 'working', start: cst('2026-12-28'), days: 7 }]);
    expect(after.provisional).toBe(false);
    expect(after.calendarVersion).toBe('chinese-days@1.5.7+overrides(1, to 2027-01-01)');
    // 29, 30, 31 Dec, then 4–7 Jan: 1 Jan, the holiday the law fixes, counted neither before nor after.
    expect(cstDay(after.end - 1)).toBe('2027-01-07');
    expect(cstDay(before.end - 1)).toBe('2027-01-07');
  });

  it("in a year whose schedule is not published, the holidays the law fixes are rest days (statute tester: a comment period ended on 1 Jan)", async () => {
    const calendar = await loadWorkdayCalendar(prisma);
    // 25 days from 7 Dec 2028 end on Monday 1 Jan 2029, 元旦: the period runs to the end of Tuesday 2 Jan.
    const comment = computePeriod({ kind: 'calendar', start: cst('2028-12-07'), days: 25 }, calendar);
    expect(cstDay(comment.end - 1)).toBe('2029-01-02');
    expect(comment.provisional).toBe(true);
    // 2028: 春节 the eve (25 Jan) and 26–28 Jan; 清明 4 Apr; 劳动节 1–2 May; 端午 28 May; 中秋 3 Oct; 国庆 1–3 Oct.
    const rest = ['2028-01-01', '2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28', '2028-04-04', '2028-05-01', '2028-05-02', '2028-05-28', '2028-10-02', '2028-10-03'];
    expect(rest.filter((d) => calendar.isWorkday(d))).toEqual([]);
    expect(['2028-01-24', '2028-01-31', '2028-04-05', '2028-05-03', '2028-10-04'].filter((d) => !calendar.isWorkday(d))).toEqual([]);
  });
});
