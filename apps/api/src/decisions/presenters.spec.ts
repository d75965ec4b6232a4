import { endOfCstDay, type Deadline } from '../../../../libs/domain';
import { isoInstant, localDay, presentDeadlines, presentTimeline, timeZoneOf } from './presenters';

const deadline = (over: Partial<Deadline> = {}): Deadline => ({
  id: 'public-comment-v1',
  label: '公开征求意见期 (public comment period)',
  basis: { source: 'decree-713', article: 15 },
  type: 'minimum',
  unit: 'calendar',
  days: 30,
  startedAt: Date.parse('2026-11-25T10:00:00+08:00'),
  dueAt: endOfCstDay('2026-12-25'),
  reminded: false,
  status: 'running',
  calendarVersion: 'test',
  provisional: false,
  tolled: [],
  ...over,
});

describe('presenters: times as people read them', () => {
  it('writes instants as ISO 8601 in the decision’s time zone', () => {
    const ms = Date.parse('2026-12-04T01:00:00Z');
    expect(isoInstant(ms)).toBe('2026-12-04T09:00:00+08:00');
    expect(isoInstant(ms + 250)).toBe('2026-12-04T09:00:00.250+08:00');
    expect(isoInstant(ms, 'UTC')).toBe('2026-12-04T01:00:00+00:00');
    expect(Date.parse(isoInstant(ms + 250))).toBe(ms + 250);
    expect(localDay(Date.parse('2026-12-03T16:30:00Z'))).toBe('2026-12-04');
  });

  it('writes every instant as Intl reads it in the zone, across daylight saving, half and quarter hours and China\'s summer time of 1986-1991', () => {
    const formats = new Map<string, Intl.DateTimeFormat>();
    const intl = (ms: number, timeZone: string) => {
      const fmt = formats.get(timeZone) ?? formats.set(timeZone, new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset' })).get(timeZone)!;
      const p = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
      const millis = ms % 1000 ? `.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}` : '';
      return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${millis}${p.timeZoneName === 'GMT' ? '+00:00' : p.timeZoneName.replace('GMT', '')}`;
    };
    const offsetOf = (ms: number, zone: string) => intl(ms, zone).slice(19);
    const zones = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns'];
    for (const zone of zones) {
      // Each change of offset over 1986-1992 and 2024-2027 (found by the day, then to the minute), the minutes around it,
      // and random instants from 1900 to 2100.
      const instants: number[] = [];
      for (const [from, to] of [[Date.UTC(1986, 0), Date.UTC(1992, 0)], [Date.UTC(2024, 0), Date.UTC(2027, 0)]]) {
        for (let ms = from; ms < to; ms += 86_400_000) {
          if (offsetOf(ms, zone) === offsetOf(ms + 86_400_000, zone)) continue;
          let [lo, hi] = [ms, ms + 86_400_000];
          while (hi - lo > 60_000) {
            const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
            if (offsetOf(mid, zone) === offsetOf(lo, zone)) lo = mid;
            else hi = mid;
          }
          for (const d of [-3_600_000, -60_000, -1, 0, 1, 60_000, 3_600_000]) instants.push(hi + d);
        }
      }
      expect([zone, instants.length > 0]).toEqual([zone, !['UTC', 'Asia/Kathmandu'].includes(zone)]); // (Kathmandu's last change, 1986-01-01, falls before 1986 in UTC)
      let seed = 7;
      const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
      for (let i = 0; i < 2000; i++) instants.push(Math.floor(Date.UTC(1900, 0) + random() * (Date.UTC(2100, 0) - Date.UTC(1900, 0))));
      const wrong = instants.filter((ms) => isoInstant(ms, zone) !== intl(ms, zone));
      expect([zone, wrong.slice(0, 3).map((ms) => [ms, isoInstant(ms, zone), intl(ms, zone)])]).toEqual([zone, []]);
    }
    expect(isoInstant(Date.UTC(1988, 5, 1, 4), 'Asia/Shanghai')).toBe('1988-06-01T13:00:00+09:00');
    expect(isoInstant(Date.parse('0800-01-01T00:00:00Z'), 'UTC')).toBe(intl(Date.parse('0800-01-01T00:00:00Z'), 'UTC'));
  });

  it('gives each deadline ISO times and its last day: a period ending at 24:00 ends on that day, not the next', () => {
    const [d] = presentDeadlines([deadline({ type: 'maximum', remindAt: endOfCstDay('2026-12-22'), tolled: [{ from: Date.parse('2026-12-01T00:00:00Z'), reason: 'supplement' }] })]);
    expect(d).toMatchObject({
      startedAt: '2026-11-25T10:00:00+08:00',
      dueAt: '2026-12-26T00:00:00+08:00',
      remindAt: '2026-12-23T00:00:00+08:00',
      lastDay: '2026-12-25',
      tolled: [{ from: '2026-12-01T08:00:00+08:00', to: undefined, reason: 'supplement' }],
      days: 30,
      status: 'running',
    });
    expect(presentDeadlines([deadline({ status: 'paused' })])[0].lastDay).toBeNull();
    expect(presentDeadlines([deadline({ dueAt: undefined })])[0]).toMatchObject({ dueAt: undefined, lastDay: null });
  });

  it('writes the timeline’s times as ISO 8601', () => {
    const entry = { seq: 1, action: 'submitDraft', actor: { id: 'u', name: '张', role: 'undertaking_unit' as const, organisation: '局' }, at: Date.parse('2026-11-25T02:00:00Z'), articles: ['decree-713:12'] };
    expect(presentTimeline([entry])).toEqual([{ ...entry, at: '2026-11-25T10:00:00+08:00' }]);
  });

  it('reads the time zone from the profile, China Standard Time by default', () => {
    expect(timeZoneOf('national')).toBe('Asia/Shanghai');
    expect(timeZoneOf('no-such-profile')).toBe('Asia/Shanghai');
    expect(timeZoneOf(undefined)).toBe('Asia/Shanghai');
  });
});
