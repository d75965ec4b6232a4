import { day, dayTime, timelineArticle } from '../../apps/web/src/format';

/** How the web application writes dates and articles: as people in China read them, whatever the browser's time zone. */
describe('the web application’s words for dates and articles', () => {
  it('writes days as 2026年12月4日, in Beijing time', () => {
    expect(day('2026-12-04')).toBe('2026年12月4日');
    expect(day('2026-12-03T16:30:00Z')).toBe('2026年12月4日');
    expect(day('2026-12-04T09:00:00+08:00')).toBe('2026年12月4日');
    expect(dayTime('2026-12-04T01:05:00Z')).toBe('2026年12月4日 09:05');
    expect(day(null)).toBe('—');
  });

  it("names the timeline's articles in Chinese", () => {
    expect(timelineArticle('decree-713:12')).toBe('《重大行政决策程序暂行条例》第十二条');
    expect(timelineArticle('decree-713:25')).toBe('《重大行政决策程序暂行条例》第二十五条');
    expect(timelineArticle('gov-work-rules:')).toBe('本级人民政府《工作规则》');
  });
});
