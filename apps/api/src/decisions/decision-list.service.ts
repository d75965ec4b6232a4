import { Inject, Injectable, Optional } from '@nestjs/common';
import { ScopeService } from '../authority/scope.service';
import type { PrismaClient } from '../../../../libs/db/prisma';
import type { Prisma } from '../../../../libs/db/generated/prisma/client';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { decodeCursor, encodeCursor } from './decision-cursor';
import { DEFAULT_PAGE_SIZE, type DecisionListDto, type ListDecisionsQueryDto } from './dto/list-decisions.dto';

/** What a list row shows: the decisions table's mirror of the workflow's phase, hold and overdue. */
const LIST_COLUMNS = {
  id: true,
  title: true,
  undertakingDepartment: true,
  catalogRef: true,
  profile: true,
  phase: true,
  hold: true,
  overdue: true,
  registeredAt: true,
  updatedAt: true,
} satisfies Prisma.DecisionSelect;

/** A calendar year in China Standard Time (UTC+8), where the decisions are registered. */
function yearRange(year: number): { gte: Date; lt: Date } {
  const start = (y: number) => new Date(`${String(y).padStart(4, '0')}-01-01T00:00:00+08:00`);
  return { gte: start(year), lt: start(year + 1) };
}

/**
 * GET /decisions, from PostgreSQL alone: the decisions table mirrors each
 * workflow's phase, hold and overdue, so listing asks Temporal nothing.
 */
@Injectable()
export class DecisionListService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Optional() private readonly scopes?: ScopeService,
  ) {}

  /** One page of the decisions the person sees (ScopeService); without a person (no scope service: unit tests), all. */
  async list(q: ListDecisionsQueryDto, personId?: string): Promise<DecisionListDto> {
    const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE;
    const visible: Prisma.DecisionWhereInput = !this.scopes ? {} : personId === undefined ? { id: { in: [] } } : await this.scopes.where(await this.scopes.scopeOf(personId));
    const filters: Prisma.DecisionWhereInput = {
      AND: [
        {
          ...(q.phase !== undefined && { phase: q.phase }),
          ...(q.department !== undefined && { undertakingDepartment: q.department }),
          ...(q.overdue !== undefined && { overdue: q.overdue }),
          ...(q.year !== undefined && { registeredAt: yearRange(q.year) }),
        },
        visible,
      ],
    };
    const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    // After the cursor: (registered_at, id) < (t, id). Written with registered_at <= t on its own, so
    // PostgreSQL starts the index scan at the cursor instead of filtering every newer row.
    const where: Prisma.DecisionWhereInput = after
      ? { AND: [filters, { registeredAt: { lte: after.registeredAt } }, { OR: [{ registeredAt: { lt: after.registeredAt } }, { id: { lt: after.id } }] }] }
      : filters;
    const page = after ? undefined : (q.page ?? 1);
    const [total, rows] = await Promise.all([
      this.prisma.decision.count({ where: filters }),
      this.prisma.decision.findMany({
        where,
        select: LIST_COLUMNS,
        orderBy: [{ registeredAt: 'desc' }, { id: 'desc' }],
        skip: page ? (page - 1) * pageSize : 0,
        take: pageSize + 1,
      }),
    ]);
    const items = rows.slice(0, pageSize);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => ({ ...r, registeredAt: r.registeredAt.toISOString(), updatedAt: r.updatedAt.toISOString() })),
      total,
      pageSize,
      ...(page !== undefined && { page }),
      nextCursor: rows.length > pageSize && last ? encodeCursor(last) : null,
    };
  }
}
