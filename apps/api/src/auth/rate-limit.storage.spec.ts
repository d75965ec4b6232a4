import type { PrismaClient } from '../../../../libs/db/prisma';
import { SharedRateLimitStorage } from './rate-limit.storage';

/** The shared count's answer to the throttler (its sharing across processes is test/e2e/auth.e2e.spec.ts's). */
describe('the public rate limit counted in PostgreSQL', () => {
  it('blocks past the limit until the window ends, and counts alone in this process while PostgreSQL is away', async () => {
    let hits = 0;
    let previous = 0;
    let down = false;
    const prisma = {
      // One statement a batch: the clients' keys, windows, the windows before them and their counts.
      $queryRaw: async (_sql: TemplateStringsArray, keys: string[], windows: number[], _before: number[], counts: number[]) => {
        if (down) throw new Error('connection refused');
        return keys.map((key, i) => ({ key, window_start: windows[i], hits: (hits += counts[i]), previous }));
      },
      $executeRaw: async () => 0,
    } as unknown as PrismaClient;
    let now = Date.UTC(2026, 11, 4, 9, 0, 0); // the start of a window
    const storage = new SharedRateLimitStorage(prisma, () => now);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await storage.increment('k', 60_000, 2, 60_000, 'default'));
    expect(answers.map((a) => a.isBlocked)).toEqual([false, false, true]);
    // Three in this window weigh into the next: a new request fits once they weigh one (40 s into the next window).
    expect(answers[2].timeToBlockExpire).toBe(101);
    // The last window's count still weighs: a client that used its limit just before a window's edge waits,
    // as long as those requests lie within the last minute.
    now += 60_000 + 10_000; // 10 s into the next window: the last one's 2 weigh 5/6
    hits = 0;
    previous = 2;
    expect((await storage.increment('k', 60_000, 2, 60_000, 'default')).isBlocked).toBe(true); // ceil(2 × 5/6) + 1 = 3
    now += 40_000; // 50 s in: they weigh 1/6
    hits = 0;
    expect((await storage.increment('k', 60_000, 2, 60_000, 'default')).isBlocked).toBe(false); // ceil(2/6) + 1 = 2
    expect((await storage.increment('k', 60_000, 2, 60_000, 'default')).isBlocked).toBe(true); // 1 + 2 = 3
    down = true;
    const alone = [];
    for (let i = 0; i < 3; i++) alone.push((await storage.increment('k', 60_000, 2, 60_000, 'default')).isBlocked);
    expect(alone).toEqual([false, false, true]);
  });

  it('counts a burst in one statement, each request by its place in it', async () => {
    let statements = 0;
    let stored = 0;
    const prisma = {
      $queryRaw: async (_sql: TemplateStringsArray, keys: string[], windows: number[], _before: number[], counts: number[]) => {
        statements++;
        return keys.map((key, i) => ({ key, window_start: windows[i], hits: key.endsWith(':a') ? (stored += counts[i]) : counts[i], previous: 0 }));
      },
      $executeRaw: async () => 0,
    } as unknown as PrismaClient;
    const storage = new SharedRateLimitStorage(prisma, () => Date.UTC(2026, 11, 4, 9, 0, 0));
    const burst = await Promise.all([...Array.from({ length: 5 }, () => storage.increment('a', 60_000, 3, 60_000, 'default')), storage.increment('b', 60_000, 3, 60_000, 'default')]);
    expect(statements).toBe(1);
    expect(burst.map((r) => r.totalHits)).toEqual([1, 2, 3, 4, 5, 1]);
    expect(burst.map((r) => r.isBlocked)).toEqual([false, false, false, true, true, false]);
  });

  it('tells a refused client to wait as long as the sliding count needs: waiting so long, it is taken; a second less, refused', async () => {
    let stored: Record<number, number> = {};
    const prisma = {
      $queryRaw: async (_sql: TemplateStringsArray, keys: string[], windows: number[], before: number[], counts: number[]) =>
        keys.map((key, i) => ({ key, window_start: windows[i], hits: (stored[windows[i]] = (stored[windows[i]] ?? 0) + counts[i]), previous: stored[before[i]] ?? 0 })),
      $executeRaw: async () => 0,
    } as unknown as PrismaClient;
    const start = Date.UTC(2026, 11, 4, 9, 0, 0);
    for (const [offset, burst] of [[0, 100], [45_000, 100], [45_000, 61]] as const) {
      stored = {};
      let now = start + offset;
      const storage = new SharedRateLimitStorage(prisma, () => now);
      // A burst of `burst` requests from one client, limit 60: the last one refused, and told how long to wait.
      let last = await storage.increment('c', 60_000, 60, 60_000, 'default');
      for (let i = 1; i < burst; i++) last = await storage.increment('c', 60_000, 60, 60_000, 'default');
      expect(last.isBlocked).toBe(true);
      const wait = last.timeToBlockExpire;
      const sent = now;
      // A second short of it: still over (counted, as every request is, so a fresh storage state for the other probe).
      const saved = { ...stored };
      now = sent + (wait - 1) * 1000;
      expect((await storage.increment('c', 60_000, 60, 60_000, 'default')).isBlocked).toBe(true);
      stored = saved;
      now = sent + wait * 1000;
      expect((await storage.increment('c', 60_000, 60, 60_000, 'default')).isBlocked).toBe(false);
    }
  });
});
