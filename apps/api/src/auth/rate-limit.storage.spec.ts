import type { PrismaClient } from '../../../../libs/db/prisma';
import { SharedRateLimitStorage } from './rate-limit.storage';

/** The shared count's answer to the throttler (its sharing across processes is test/e2e/auth.e2e.spec.ts's). */
describe('the public rate limit counted in PostgreSQL', () => {
  it('blocks past the limit until the window ends, and counts alone in this process while PostgreSQL is away', async () => {
    let hits = 0;
    let down = false;
    const prisma = {
      $queryRaw: async () => {
        if (down) throw new Error('connection refused');
        return [{ hits: ++hits }];
      },
      $executeRaw: async () => 0,
    } as unknown as PrismaClient;
    const storage = new SharedRateLimitStorage(prisma);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await storage.increment('k', 60_000, 2, 60_000, 'default'));
    expect(answers.map((a) => a.isBlocked)).toEqual([false, false, true]);
    expect(answers[2].timeToBlockExpire).toBeGreaterThanOrEqual(1);
    expect(answers[2].timeToBlockExpire).toBeLessThanOrEqual(60);
    down = true;
    const alone = [];
    for (let i = 0; i < 3; i++) alone.push((await storage.increment('k', 60_000, 2, 60_000, 'default')).isBlocked);
    expect(alone).toEqual([false, false, true]);
  });
});
