import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { PrismaClient } from '../../../../libs/db/prisma';

/** How often one process clears windows that have ended (each process does; the delete is idempotent). */
const SWEEP_MS = 60_000;

/**
 * The public rate limit's counts, shared by every API process through
 * PostgreSQL: behind a load balancer a client gets PUBLIC_RATE_LIMIT requests
 * per window in all, not that many per process. A sliding window per client
 * and endpoint (this window's count and the last one's, weighed by how much of
 * it still lies in the last PUBLIC_RATE_WINDOW_SECONDS), one upsert on an
 * unlogged table (counts need no crash safety, so they cost no WAL flush). Should PostgreSQL not answer, this process counts
 * alone until it does: a limit kept loosely rather than every request refused.
 */
export class SharedRateLimitStorage implements ThrottlerStorage {
  private readonly local = new ThrottlerStorageService();
  private lastSweep = 0;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly clock: () => number = Date.now,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const now = this.clock();
    const windowStart = Math.floor(now / ttl) * ttl;
    const id = `${throttlerName}:${key}`;
    let hits: number;
    let previous: number;
    try {
      [{ hits, previous }] = await this.prisma.$queryRaw<{ hits: number; previous: number }[]>`
        WITH counted AS (
          INSERT INTO public_rate_limits (key, window_start, hits) VALUES (${id}, ${windowStart}, 1)
          ON CONFLICT (key, window_start) DO UPDATE SET hits = public_rate_limits.hits + 1
          RETURNING hits)
        SELECT counted.hits, COALESCE((SELECT p.hits FROM public_rate_limits p WHERE p.key = ${id} AND p.window_start = ${windowStart - ttl}), 0) AS previous
        FROM counted`;
    } catch {
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
    if (now - this.lastSweep > SWEEP_MS) {
      this.lastSweep = now;
      void this.prisma.$executeRaw`DELETE FROM public_rate_limits WHERE window_start < ${windowStart - ttl}`.catch(() => undefined);
    }
    // A sliding window: the last window's count weighs as much as it still overlaps the last `ttl`, so a client
    // cannot send the limit twice across a window's edge (fresh-eyes tester).
    const overlap = 1 - (now - windowStart) / ttl;
    const inLastTtl = Math.ceil(previous * overlap) + hits;
    const timeToExpire = Math.max(1, Math.ceil((windowStart + ttl - now) / 1000));
    const isBlocked = inLastTtl > limit;
    return { totalHits: inLastTtl, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }
}
