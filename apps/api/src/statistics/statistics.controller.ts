import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { Phase, type DecisionStatistics } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';

/**
 * GET /statistics: decisions by phase, and how many of each are overdue,
 * counted in PostgreSQL from the decisions table (which mirrors each
 * workflow's phase and overdue), so it asks Temporal nothing.
 */
@ApiTags('statistics')
@Controller('statistics')
export class StatisticsController {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  @Get()
  @ApiOkResponse({ description: 'decisions by phase, with the overdue among them; every phase named, in the order of the procedure' })
  async statistics(): Promise<DecisionStatistics> {
    const groups = await this.prisma.decision.groupBy({ by: ['phase', 'overdue'], _count: { _all: true } });
    const count = (phase: string, overdue?: boolean) => groups.filter((g) => g.phase === phase && (overdue === undefined || g.overdue === overdue)).reduce((n, g) => n + g._count._all, 0);
    const order: string[] = Object.values(Phase);
    const known = new Set(order);
    const phases = [...order, ...new Set(groups.map((g) => g.phase).filter((p) => !known.has(p)))];
    const byPhase = phases.map((phase) => ({ phase, total: count(phase), overdue: count(phase, true) }));
    return { byPhase, total: byPhase.reduce((n, p) => n + p.total, 0), overdue: byPhase.reduce((n, p) => n + p.overdue, 0) };
  }
}
