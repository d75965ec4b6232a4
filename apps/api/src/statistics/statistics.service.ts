import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Prisma, type PrismaClient } from '../../../../libs/db/prisma';
import { Phase, type DecisionStatistics, type YearFigures } from '../../../../libs/domain';
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

  async of(personId: string, query: { year?: number; government?: string } = {}): Promise<DecisionStatistics> {
    // The decisions counted, as one SQL condition on `decisions d`: never a list of ids, however many the scope covers.
    const seen = this.scopes.sqlCondition(await this.scopes.scopeOf(personId));
    if (query.government) await this.assertGovernment(query.government);
    const scoped = query.government ? Prisma.sql`${seen} AND d.government_id = ${query.government}` : seen;
    const groups = await this.prisma.$queryRaw<{ phase: string; overdue: boolean; n: bigint }[]>`
      SELECT d.phase, d.overdue, count(*) AS n FROM decisions d WHERE ${scoped} GROUP BY d.phase, d.overdue`;
    const count = (phase: string, overdue?: boolean) => groups.filter((g) => g.phase === phase && (overdue === undefined || g.overdue === overdue)).reduce((n, g) => n + Number(g.n), 0);
    const order: string[] = Object.values(Phase);
    const known = new Set(order);
    const phases = [...order, ...new Set(groups.map((g) => g.phase).filter((p) => !known.has(p)))];
    const byPhase = phases.map((phase) => ({ phase, total: count(phase), overdue: count(phase, true) }));
    const year = await this.yearFigures(scoped, query.year ?? beijingYear(new Date()), query.government ?? null);
    return { byPhase, total: byPhase.reduce((n, p) => n + p.total, 0), overdue: byPhase.reduce((n, p) => n + p.overdue, 0), year };
  }

  /**
   * A government named is one: a typo or a department's id gave a report of zeros that looked like one (inspector
   * tester). Whether it is in the caller's scope is not said: its figures are then zeros, as for one with no decision.
   */
  private async assertGovernment(id: string): Promise<void> {
    const org = await this.prisma.organisation.findUnique({ where: { id }, select: { kind: true, name: true } });
    if (!org) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `government：没有编号为 ${id} 的已登记机构，请核对政府编号（no organisation ${id} is registered）` });
    if (org.kind !== 'government') {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`government：${org.name}（${id}）不是人民政府，统计按政府编号查询（${id} is no government; statistics are by government）`] });
    }
  }

  /** The year's figures over the decisions `scoped` (a condition on `decisions d`) selects, counted from the record's steps and the clock's events. */
  private async yearFigures(scoped: Prisma.Sql, year: number, government: string | null): Promise<YearFigures> {
    const inScope = Prisma.sql`decision_id IN (SELECT d.id FROM decisions d WHERE ${scoped})`;
    // The calendar year in Beijing time (UTC+8, no daylight saving).
    const from = new Date(Date.UTC(year, 0, 1) - BEIJING_OFFSET_MS);
    const to = new Date(Date.UTC(year + 1, 0, 1) - BEIJING_OFFSET_MS);
    // From the figures kept a decision a year as its steps are recorded (migration 20261206180000): a sum over the
    // decisions in scope, not a read of every step of their year (a national inspector's some forty million).
    const [c] = await this.prisma.$queryRaw<Record<string, bigint | null>[]>`
      SELECT
        count(*) FILTER (WHERE f.registered) AS registered,
        count(*) FILTER (WHERE f.decided) AS decided,
        count(*) FILTER (WHERE f.reviewed) AS reviewed,
        count(*) FILTER (WHERE f.participation) AS participation,
        sum(f.hearings) AS hearings,
        count(*) FILTER (WHERE f.experts) AS experts,
        sum(f.risks) AS risks,
        count(*) FILTER (WHERE f.published) AS published,
        sum(f.suspensions) AS suspensions,
        sum(f.adjustments) AS adjustments
      FROM decision_year_figures f
      WHERE f.year = ${year} AND ${inScope}`;
    // A postponement's review date passed with the matter still waiting: left undecided (久拖不决, Art. 38). Its time
    // limits are named REVIEW_DATE_PREFIX + seq (the controller's test holds the two together).
    const [{ overdue, undecided }] = await this.prisma.$queryRaw<{ overdue: bigint; undecided?: bigint }[]>`
      SELECT count(*) AS overdue, count(*) FILTER (WHERE deadline_id LIKE 'review-date-%') AS undecided
      FROM clock_events WHERE kind = 'overdue' AND ${inScope} AND at >= ${from} AND at < ${to}`;
    const [comments] = await this.prisma.$queryRaw<{ received: bigint; distinct: bigint; folded: bigint | null; limited: bigint | null }[]>`
      WITH received AS (SELECT decision_id, draft_version, COALESCE(text_key, hash) AS text FROM public_comments WHERE ${inScope} AND submitted_at >= ${from} AND submitted_at < ${to})
      SELECT (SELECT count(*) FROM received) AS received,
             (SELECT count(DISTINCT (decision_id, draft_version, text)) FROM received) AS distinct,
             sum(k.folded) AS folded, sum(k.rate_limited) AS limited
      FROM comment_intake_counts k WHERE (k.decision_id, k.draft_version) IN (SELECT DISTINCT decision_id, draft_version FROM received)`;
    const n = (k: string) => Number(c?.[k] ?? 0);
    return {
      year,
      government,
      registered: n('registered'),
      decided: n('decided'),
      legalityReviewed: n('reviewed'),
      legalityReviewRate: n('decided') ? n('reviewed') / n('decided') : null,
      publicParticipation: n('participation'),
      hearings: n('hearings'),
      expertArgumentation: n('experts'),
      riskAssessments: n('risks'),
      published: n('published'),
      overdueSteps: Number(overdue),
      undecidedPastReview: Number(undecided ?? 0),
      suspensions: n('suspensions'),
      adjustments: n('adjustments'),
      comments: { received: Number(comments?.received ?? 0), distinctTexts: Number(comments?.distinct ?? 0), folded: Number(comments?.folded ?? 0), rateLimited: Number(comments?.limited ?? 0) },
    };
  }
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;
/** The calendar year of a moment in Beijing time. */
export const beijingYear = (d: Date): number => new Date(d.getTime() + BEIJING_OFFSET_MS).getUTCFullYear();

