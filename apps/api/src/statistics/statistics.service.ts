import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { Phase, type DecisionStatistics } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { ScopeService } from '../authority/scope.service';

/**
 * Decisions by phase, and how many of each are overdue, over the decisions
 * the person sees (ScopeService): an inspector counts their governments', a
 * department its own, someone without an office nothing. Counted in
 * PostgreSQL from the decisions table (which mirrors each workflow's phase
 * and overdue), so it asks Temporal nothing.
 */
@Injectable()
export class StatisticsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly scopes: ScopeService,
  ) {}

  async of(personId: string): Promise<DecisionStatistics> {
    const where = await this.scopes.where(await this.scopes.scopeOf(personId));
    const groups = await this.prisma.decision.groupBy({ by: ['phase', 'overdue'], where, _count: { _all: true } });
    const count = (phase: string, overdue?: boolean) => groups.filter((g) => g.phase === phase && (overdue === undefined || g.overdue === overdue)).reduce((n, g) => n + g._count._all, 0);
    const order: string[] = Object.values(Phase);
    const known = new Set(order);
    const phases = [...order, ...new Set(groups.map((g) => g.phase).filter((p) => !known.has(p)))];
    const byPhase = phases.map((phase) => ({ phase, total: count(phase), overdue: count(phase, true) }));
    return { byPhase, total: byPhase.reduce((n, p) => n + p.total, 0), overdue: byPhase.reduce((n, p) => n + p.overdue, 0) };
  }
}
