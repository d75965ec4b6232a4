import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { PRISMA } from '../../../../libs/nest/prisma.module';

/** How often the counts gathered in this process are added to the database. */
const FLUSH_MS = 2000;

/**
 * Comments the public rate limit refused, counted per decision (and draft) so that the
 * adoption report and the statistics can say how many were turned away
 * (nothing silently dropped). Counted in memory and added to the database
 * every two seconds: a flood of refused requests costs no write each, and
 * every API process adds its own.
 */
@Injectable()
export class RateLimitedComments implements OnModuleDestroy {
  private pending = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private closed = false;

  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  count(decisionId: string): void {
    // Only ids a decision could have: what the limiter refused may be anything.
    if (decisionId.length > 200 || this.pending.size >= 10_000) return;
    this.pending.set(decisionId, (this.pending.get(decisionId) ?? 0) + 1);
    if (!this.closed) this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  async flush(): Promise<void> {
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    if (!batch.size) return;
    const ids = [...batch.keys()];
    const counts = ids.map((id) => batch.get(id)!);
    try {
      // Only decisions that exist get a row; the rest was never a comment on anything. Counted to the draft now
      // receiving comments: the latest that has any (the limiter turns requests away before reading the period).
      await this.prisma.$executeRaw`
        INSERT INTO comment_intake_counts (decision_id, draft_version, rate_limited)
        SELECT d.id, COALESCE((SELECT max(p.draft_version) FROM public_comments p WHERE p.decision_id = d.id), 1), c.n
          FROM unnest(${ids}::text[], ${counts}::int[]) AS c(id, n) JOIN decisions d ON d.id = c.id
        ON CONFLICT (decision_id, draft_version) DO UPDATE SET rate_limited = comment_intake_counts.rate_limited + EXCLUDED.rate_limited`;
    } catch {
      // The database is away: the counts wait for the next flush rather than being lost.
      for (const [id, n] of batch) this.pending.set(id, (this.pending.get(id) ?? 0) + n);
      if (!this.closed) this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.flush();
  }
}
