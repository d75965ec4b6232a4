import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { PrismaClient } from '../../../../libs/db/prisma';

/** How often one process clears windows that have ended (each process does; the delete is idempotent). */
const SWEEP_MS = 60_000;

/**
 * The public rate limit's counts, shared by every API process through
 * PostgreSQL: behind a load balancer a client gets PUBLIC_RATE_LIMIT requests
 * per window in all, not that many per process. A fixed window per client and
 * endpoint, one upsert on an unlogged table (counts need no crash safety, so
 * they cost no WAL flush). Should PostgreSQL not answer, this process counts
 * alone until it does: a limit kept loosely rather than every request refused.
 */
export class SharedRateLimitStorage implements ThrottlerStorage {
  private readonly local = new ThrottlerStorageService();
  private lastSweep = 0;

  constructor(private readonly prisma: PrismaClient) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    const windowStart = Math.floor(now / ttl) * ttl;
    let hits: number;
    try {
      [{ hits }] = await this.prisma.$queryRaw<{ hits: number }[]>`
        INSERT INTO public_rate_limits (key, window_start, hits) VALUES (${`${throttlerName}:${key}`}, ${windowStart}, 1)
        ON CONFLICT (key, window_start) DO UPDATE SET hits = public_rate_limits.hits + 1
        RETURNING hits`;
    } catch {
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
    if (now - this.lastSweep > SWEEP_MS) {
      this.lastSweep = now;
      void this.prisma.$executeRaw`DELETE FROM public_rate_limits WHERE window_start < ${windowStart - ttl}`.catch(() => undefined);
    }
    const timeToExpire = Math.max(1, Math.ceil((windowStart + ttl - now) / 1000));
    const isBlocked = hits > limit;
    return { totalHits: hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }
}
