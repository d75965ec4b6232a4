import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { Batcher } from '../../../../libs/db/batch';
import type { PrismaClient } from '../../../../libs/db/prisma';

/** How often one process clears windows that have ended (each process does; the delete is idempotent). */
const SWEEP_MS = 60_000;

/**
 * The public rate limit's counts, shared by every API process through
 * PostgreSQL: behind a load balancer a client gets PUBLIC_RATE_LIMIT requests
 * per window in all, not that many per process. A sliding window per client
 * and endpoint (this window's count and the last one's, weighed by how much of
 * it still lies in the last PUBLIC_RATE_WINDOW_SECONDS), one upsert a batch of
 * requests on an unlogged table (counts need no crash safety, so they cost no WAL flush). Should PostgreSQL not answer, this process counts
 * alone until it does: a limit kept loosely rather than every request refused.
 */
export class SharedRateLimitStorage implements ThrottlerStorage {
  private readonly local = new ThrottlerStorageService();
  private lastSweep = 0;

  /**
   * A batch of requests counted in one statement (libs/db/batch.ts): each client's window once, by as many as it
   * sent; each request gets the count as it stood after its own, in the order they came.
   */
  private readonly counts = new Batcher<Hit, { hits: number; previous: number }>(async (batch) => {
    const windows = new Map<string, Hit & { n: number }>();
    for (const h of batch) {
      const w = windows.get(`${h.windowStart}|${h.id}`) ?? { ...h, n: 0 };
      w.n++;
      windows.set(`${h.windowStart}|${h.id}`, w);
    }
    const rows = [...windows.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.windowStart - b.windowStart));
    const counted = await this.prisma.$queryRaw<{ key: string; window_start: bigint | number; hits: number; previous: number }[]>`
      WITH sent AS (
        SELECT * FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.windowStart)}::bigint[], ${rows.map((r) => r.previousStart)}::bigint[], ${rows.map((r) => r.n)}::int[])
          WITH ORDINALITY AS s(key, window_start, previous_start, n, i)),
      counted AS (
        INSERT INTO public_rate_limits (key, window_start, hits) SELECT key, window_start, n FROM sent ORDER BY i
        ON CONFLICT (key, window_start) DO UPDATE SET hits = public_rate_limits.hits + excluded.hits
        RETURNING key, window_start, hits)
      SELECT counted.key, counted.window_start, counted.hits, COALESCE(p.hits, 0) AS previous
      FROM counted JOIN sent ON sent.key = counted.key AND sent.window_start = counted.window_start
      LEFT JOIN public_rate_limits p ON p.key = counted.key AND p.window_start = sent.previous_start`;
    const after = new Map(counted.map((c) => [`${Number(c.window_start)}|${c.key}`, { hits: Number(c.hits), previous: Number(c.previous) }]));
    const seen = new Map<string, number>();
    return batch.map((h) => {
      const k = `${h.windowStart}|${h.id}`;
      const total = after.get(k);
      if (!total) throw new Error(`the rate limit's count for ${h.id} was not answered`);
      const before = seen.get(k) ?? 0;
      seen.set(k, before + 1);
      return { hits: total.hits - windows.get(k)!.n + before + 1, previous: total.previous };
    });
  });

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
      ({ hits, previous } = await this.counts.add({ id, windowStart, previousStart: windowStart - ttl }));
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
    // (A millisecond more: at the very moment the count is exactly the limit, rounding may still weigh it over.)
    const timeToBlockExpire = isBlocked ? Math.max(1, Math.ceil((nextAllowedAt(windowStart, ttl, limit, previous, hits) + 1 - now) / 1000)) : 0;
    return { totalHits: inLastTtl, timeToExpire, isBlocked, timeToBlockExpire };
  }
}

/**
 * When a client that sends nothing more may send again: when the sliding count with one more request is within the
 * limit. In this window, once the last window's share has shrunk enough (ceil(previous × overlap) + hits + 1 ≤ limit);
 * else in the next, once this window's count, then the last, has shrunk enough. Retry-After is this, so a client that
 * waits as told is not refused again (fresh-eyes tester: it was the window's end, while the count still weighed).
 */
export function nextAllowedAt(windowStart: number, ttl: number, limit: number, previous: number, hits: number): number {
  const room = limit - hits - 1;
  if (room >= 0) return previous > room ? windowStart + ttl * (1 - room / previous) : windowStart;
  const next = windowStart + ttl;
  return hits > limit - 1 ? next + ttl * (1 - (limit - 1) / hits) : next;
}

/** One request's hit: its client's window, and the one before it. */
interface Hit {
  id: string;
  windowStart: number;
  previousStart: number;
}
