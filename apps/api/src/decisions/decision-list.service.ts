import { Inject, Injectable, Optional } from '@nestjs/common';
import { ScopeService } from '../authority/scope.service';
import { Prisma, type PrismaClient } from '../../../../libs/db/prisma';
import type { DecisionListItemView } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { decodeCursor, encodeCursor } from './decision-cursor';
import { DEFAULT_PAGE_SIZE, type DecisionListDto, type ListDecisionsQueryDto } from './dto/list-decisions.dto';

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

  /**
   * One page of the decisions the person sees (ScopeService); without a person (no scope service: unit tests), all.
   * In SQL with the scope as one condition (ScopeService.sqlCondition): a national inspector's scope names some 40,000
   * governments, one array parameter here, where Prisma's `in` made one bind parameter of each and PostgreSQL refused
   * the statement past 32,767 (a 500).
   */
  async list(q: ListDecisionsQueryDto, personId?: string): Promise<DecisionListDto> {
    const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE;
    const year = q.year === undefined ? undefined : yearRange(q.year);
    const conditions = [
      q.phase !== undefined && Prisma.sql`d.phase = ${q.phase}`,
      q.department !== undefined && Prisma.sql`d.undertaking_department = ${q.department}`,
      q.overdue !== undefined && Prisma.sql`d.overdue = ${q.overdue}`,
      year && Prisma.sql`d.registered_at >= ${year.gte} AND d.registered_at < ${year.lt}`,
      this.scopes && (personId === undefined ? Prisma.sql`FALSE` : this.scopes.sqlCondition(await this.scopes.scopeOf(personId))),
    ].filter((c): c is Prisma.Sql => !!c);
    const filters = conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
    const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    // After the cursor: (registered_at, id) < (t, id). Written with registered_at <= t on its own, so
    // PostgreSQL starts the index scan at the cursor instead of filtering every newer row.
    const cursor = after ? Prisma.sql`AND d.registered_at <= ${after.registeredAt} AND (d.registered_at < ${after.registeredAt} OR d.id < ${after.id})` : Prisma.empty;
    const page = after ? undefined : (q.page ?? 1);
    const [[{ total }], rows] = await Promise.all([
      this.prisma.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM decisions d WHERE ${filters}`,
      // What a list row shows: the decisions table's mirror of the workflow's phase, hold and overdue.
      this.prisma.$queryRaw<(Omit<DecisionListItemView, 'registeredAt' | 'updatedAt'> & { registeredAt: Date; updatedAt: Date })[]>`
        SELECT d.id, d.title, d.undertaking_department AS "undertakingDepartment", d.catalog_ref AS "catalogRef", d.profile, d.phase, d.hold, d.overdue,
               d.registered_at AS "registeredAt", d.updated_at AS "updatedAt"
        FROM decisions d WHERE ${filters} ${cursor}
        ORDER BY d.registered_at DESC, d.id DESC
        OFFSET ${page ? (page - 1) * pageSize : 0} LIMIT ${pageSize + 1}`,
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
