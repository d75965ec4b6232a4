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
