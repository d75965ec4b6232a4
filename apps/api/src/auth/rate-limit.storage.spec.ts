import type { PrismaClient } from '../../../../libs/db/prisma';
import { SharedRateLimitStorage } from './rate-limit.storage';

/** The shared count's answer to the throttler (its sharing across processes is test/e2e/auth.e2e.spec.ts's). */
describe('the public rate limit counted in PostgreSQL', () => {
  it('blocks past the limit until the window ends, and counts alone in this process while PostgreSQL is away', async () => {
    let hits = 0;
    let previous = 0;
    let down = false;
    const prisma = {
      $queryRaw: async () => {
        if (down) throw new Error('connection refused');
        return [{ hits: ++hits, previous }];
      },
      $executeRaw: async () => 0,
    } as unknown as PrismaClient;
    let now = Date.UTC(2026, 11, 4, 9, 0, 0); // the start of a window
    const storage = new SharedRateLimitStorage(prisma, () => now);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await storage.increment('k', 60_000, 2, 60_000, 'default'));
    expect(answers.map((a) => a.isBlocked)).toEqual([false, false, true]);
    expect(answers[2].timeToBlockExpire).toBeGreaterThanOrEqual(1);
    expect(answers[2].timeToBlockExpire).toBeLessThanOrEqual(60);
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
});
