import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PrismaClient } from '../../../../libs/db/prisma';
import type { Refusal } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';

/**
 * What the API measures, in Prometheus' text format at GET /metrics: request
 * latency by route, steps accepted and refused (by code and article), comment
 * intake, sign-in refusals and attempts kept under no name, and, read from PostgreSQL at each scrape, the log's size, the age of
 * its latest checkpoint and the decisions overdue. One registry per API
 * process (each process is scraped on its own).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  private readonly steps = new Counter({
    name: 'decision_steps_total',
    help: 'Steps sent to decisions, by action and outcome (accepted, refused with its code and first article, replayed: answered from the record)',
    labelNames: ['action', 'outcome', 'code', 'article'] as const,
    registers: [this.registry],
  });

  private readonly comments = new Counter({ name: 'public_comments_received_total', help: 'Public comments received', registers: [this.registry] });

  private readonly commentsFolded = new Counter({
    name: 'public_comments_folded_total',
    help: 'Public comments sent again by the same client with the same text, answered with the first receipt',
    registers: [this.registry],
  });

  private readonly unauthenticatedRequests = new Counter({
    name: 'http_requests_unauthenticated_total',
    help: 'Requests to endpoints that need sign-in refused with 401, by reason (missing, malformed, invalid token)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  private readonly unattributed = new Counter({
    name: 'decision_attempts_unattributed_total',
    help: "Steps and registrations recorded under no official's name, by action and reason (caller_not_signer, bad_signature)",
    labelNames: ['action', 'reason'] as const,
    registers: [this.registry],
  });

  constructor(@Inject(PRISMA) prisma: PrismaClient) {
    collectDefaultMetrics({ register: this.registry });
    const registry = this.registry;
    new Gauge({
      name: 'record_log_leaves',
      help: 'Leaves in the global log (entries of every decision)',
      registers: [registry],
      async collect() {
        const [{ n }] = await prisma.$queryRaw<{ n: bigint }[]>`SELECT COALESCE(MAX(idx) + 1, 0)::bigint AS n FROM log_leaves`;
        this.set(Number(n));
      },
    });
    new Gauge({
      name: 'record_checkpoint_age_seconds',
      help: "Seconds since the log's latest signed checkpoint (-1: none yet)",
      registers: [registry],
      async collect() {
        const latest = await prisma.logCheckpoint.findFirst({ orderBy: { treeSize: 'desc' }, select: { signedAt: true } });
        this.set(latest ? (Date.now() - latest.signedAt.getTime()) / 1000 : -1);
      },
    });
    new Gauge({
      name: 'decisions_overdue',
      help: 'Decisions with a statutory time limit missed',
      registers: [registry],
      async collect() {
        this.set(await prisma.decision.count({ where: { overdue: true } }));
      },
    });
  }

  stepAccepted(action: string): void {
    this.steps.inc({ action, outcome: 'accepted', code: '', article: '' });
  }

  stepReplayed(action: string): void {
    this.steps.inc({ action, outcome: 'replayed', code: '', article: '' });
  }

  stepRefused(action: string, refusal: Refusal): void {
    const a = refusal.articles[0];
    this.steps.inc({ action, outcome: 'refused', code: refusal.code, article: a ? `${a.source}:${a.article ?? ''}` : '' });
  }

  commentReceived(): void {
    this.comments.inc();
  }

  commentFolded(): void {
    this.commentsFolded.inc();
  }

  unauthenticated(reason: 'missing' | 'malformed' | 'invalid'): void {
    this.unauthenticatedRequests.inc({ reason });
  }

  unattributedAttempt(action: string, reason: string): void {
    this.unattributed.inc({ action, reason });
  }
}
