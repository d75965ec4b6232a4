import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { CommentPeriods, type CommentPeriod } from './comment-periods';

/** How often the counts gathered in this process are added to the database. */
const FLUSH_MS = 2000;
/** How many decisions' periods one flush asks Temporal for at a time. */
const PERIODS_AT_ONCE = 16;

/**
 * Comments the public rate limit refused, counted per decision and draft so that the adoption report and the
 * statistics can say how many were turned away (nothing silently dropped). Counted in memory and added to the database
 * every two seconds: a flood of refused requests costs no write each, and every API process adds its own. Only what
 * was turned away while the decision's comment period ran counts, and to the draft out for comment: requests that
 * would have found no period (before one opened, after it closed, on a decision never put out for comment) are no
 * comments turned away (fresh-eyes tester: 240 requests on a decision not yet open were reported as 240 comments).
 */
@Injectable()
export class RateLimitedComments implements OnModuleDestroy {
  /** Per decision: how many were turned away, and when the last was. */
  private pending = new Map<string, { n: number; last: number }>();
  private timer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly periods: CommentPeriods,
  ) {}

  count(decisionId: string): void {
    // Only ids a decision could have: what the limiter refused may be anything.
    if (decisionId.length > 200 || this.pending.size >= 10_000) return;
    const held = this.pending.get(decisionId);
    this.pending.set(decisionId, { n: (held?.n ?? 0) + 1, last: Date.now() });
    if (!this.closed) this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  async flush(): Promise<void> {
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    if (!batch.size) return;
    // What could not be counted now (the database or Temporal away) waits for the next flush rather than being lost.
    const later = new Map<string, { n: number; last: number }>();
    try {
      // Only decisions that exist are asked for their period (one query for all the ids the limiter saw), a few at a time.
      const known = (await this.prisma.decision.findMany({ where: { id: { in: [...batch.keys()] } }, select: { id: true } })).map((d) => d.id);
      const counted: { id: string; draftVersion: number; n: number }[] = [];
      for (let i = 0; i < known.length; i += PERIODS_AT_ONCE) {
        await Promise.all(
          known.slice(i, i + PERIODS_AT_ONCE).map(async (id) => {
            const { n, last } = batch.get(id)!;
            let period: CommentPeriod;
            try {
              period = await this.periods.of(id);
            } catch (err) {
              // A workflow Temporal no longer has has no period to count against; any other failure is asked again.
              if (!(err instanceof WorkflowNotFoundError)) later.set(id, { n, last });
              return;
            }
            // Turned away while the period on the draft ran: the last refusal after it opened and before its end, by
            // the API's clock as at intake (a period not yet opened on a later draft still reads as the earlier one's).
            if (period.everOpened && period.draftVersion > 0 && period.openedAt <= last && last < period.dueAt) counted.push({ id, draftVersion: period.draftVersion, n });
          }),
        );
      }
      if (counted.length) {
        await this.prisma.$executeRaw`
          INSERT INTO comment_intake_counts (decision_id, draft_version, rate_limited)
          SELECT c.id, c.v, c.n FROM unnest(${counted.map((c) => c.id)}::text[], ${counted.map((c) => c.draftVersion)}::int[], ${counted.map((c) => c.n)}::int[]) AS c(id, v, n)
          ON CONFLICT (decision_id, draft_version) DO UPDATE SET rate_limited = comment_intake_counts.rate_limited + EXCLUDED.rate_limited`;
      }
    } catch {
      for (const [id, held] of batch) later.set(id, held);
    }
    if (!later.size) return;
    for (const [id, { n, last }] of later) {
      const held = this.pending.get(id);
      this.pending.set(id, { n: (held?.n ?? 0) + n, last: Math.max(held?.last ?? 0, last) });
    }
    if (!this.closed) this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.flush();
  }
}
