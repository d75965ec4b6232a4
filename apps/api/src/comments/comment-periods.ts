import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { PrismaClient } from '../../../../libs/db/prisma';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../../../../libs/nest/config.module';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { procedureQuery } from '../../../../workflows';
import { timeZoneOf } from '../decisions/presenters';
import { madePublicBy } from '../portal/made-public';
import { TEMPORAL_CLIENT } from '../temporal.module';

/** A decision's comment period as the intake needs it. */
export interface CommentPeriod {
  /** The draft was ever put out for comment (else the public is answered as for no decision). */
  everOpened: boolean;
  /** A period runs: opened, not closed, its deadline still running by the workflow's clock. */
  open: boolean;
  draftVersion: number;
  /** When it runs out (epoch ms); comments from then on are refused even before the workflow's timer fires. */
  dueAt: number;
  /** When it opened (epoch ms; 0 where none did). */
  openedAt: number;
  /** The decision's time zone (its profile's), in which its answers give times. */
  timeZone: string;
}

/**
 * The comment period of each decision, read from its workflow at most once a
 * second while it runs (PUBLIC_LIST_CACHE_SECONDS, at most 1; one read in flight, shared by every comment arriving
 * meanwhile): at ten thousand comments a second, the workflow is asked once,
 * not ten thousand times. Its due time is checked on every comment, and a
 * period cannot be closed before it (Art. 15), so the reading stays exact; a
 * decision whose period does not run is asked afresh each time.
 */
@Injectable()
export class CommentPeriods {
  private readonly read = new Map<string, { at: number; period: Promise<CommentPeriod> }>();

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.freshMs = Math.min(config.publicListCacheSeconds, 1) * 1000;
  }

  /** How long one reading of a running period serves the comments that follow it: a second (none where public answers are not shared). */
  private readonly freshMs: number;

  of(decisionId: string): Promise<CommentPeriod> {
    const now = Date.now();
    const held = this.read.get(decisionId);
    if (held && now - held.at < this.freshMs) return held.period;
    const period = this.fetch(decisionId);
    this.read.set(decisionId, { at: now, period });
    // Only a running period is kept: one about to open must be seen at once, and a failed read (Temporal
    // unreachable, no such decision) is asked again by the next comment.
    period.then(
      (p) => p.open || this.read.delete(decisionId),
      () => this.read.delete(decisionId),
    );
    if (this.read.size > 10_000) this.prune(now);
    return period;
  }

  private async fetch(decisionId: string): Promise<CommentPeriod> {
    // A decision never put out for comment is answered as an unknown one before its workflow is asked (madePublicBy).
    const row = await madePublicBy(this.prisma, decisionId, ['openPublicComment']);
    const s = await this.temporal.workflow.getHandle(decisionId).query(procedureQuery);
    const comment = s.publicParticipation?.comment;
    const deadline = s.deadlines.find((d) => d.id === comment?.deadlineId);
    // A substantially changed draft supersedes the one out for comment: its period takes no more comments, which no
    // report on the new draft could answer (fresh-eyes tester); the new draft's own period takes them.
    const latestMaterial = Math.max(0, ...s.drafts.filter((d) => d.material).map((d) => d.version));
    const current = (s.publicParticipation?.draftVersion ?? 0) >= latestMaterial;
    return {
      everOpened: !!comment || s.timeline.some((e) => e.action === 'openPublicComment'),
      open: !!comment && !comment.closedAt && current && deadline?.status === 'running' && deadline.dueAt !== undefined,
      draftVersion: s.publicParticipation?.draftVersion ?? 0,
      dueAt: deadline?.dueAt ?? 0,
      openedAt: deadline?.startedAt ?? 0,
      timeZone: timeZoneOf(row.profile),
    };
  }

  private prune(now: number): void {
    for (const [id, r] of this.read) if (now - r.at >= this.freshMs) this.read.delete(id);
  }
}
