import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { apiHttpAdapter, initApi } from '../edge/http';
import request from 'supertest';
import { Prisma } from '../../../../libs/db/prisma';
import { REVIEW_DATE_PREFIX } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { API_EDGE_PROVIDERS } from '../app.module';
import { ScopeService } from '../authority/scope.service';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

// Controller tier: the route over a fake database and a fake scope; the end-to-end tests prove the real scope and counts.
describe('GET /statistics', () => {
  let app: INestApplication;
  const groups = jest.fn(async (): Promise<{ phase: string; overdue: boolean; n: bigint }[]> => []);
  // Each query as PostgreSQL would get it (nested fragments inlined, values flattened), answered by what it asks.
  const asked = (call: unknown[]) => Prisma.sql(call[0] as TemplateStringsArray, ...(call.slice(1) as Prisma.Sql[]));
  const $queryRaw = jest.fn(async (...call: unknown[]) => {
    const { sql } = asked(call);
    if (sql.includes('GROUP BY d.phase')) return groups();
    if (sql.includes('clock_events')) return [{ overdue: 1n, undecided: 1n }];
    if (sql.includes('public_comments')) return [{ received: 3n, distinct: 2n, folded: 1n, limited: null }];
    return [{ registered: 2n, decided: 2n, reviewed: 1n, participation: 1n }];
  });
  const inScope = Prisma.sql`(d.government_id = ANY(${['hz']}::text[]))`;
  const scopes = { scopeOf: jest.fn(async (personId: string) => ({ governments: ['hz'], units: [], personId })), sqlCondition: jest.fn(() => inScope) };
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [StatisticsController],
      providers: [StatisticsService, { provide: PRISMA, useValue: { $queryRaw, organisation: { findUnique: jest.fn(async ({ where }: { where: { id: string } }) => ({ hz: { kind: 'government', name: '杭州市人民政府' }, 'hz-jtj': { kind: 'department', name: '杭州市交通运输局' } })[where.id] ?? null) } } }, { provide: ScopeService, useValue: scopes }, ...API_EDGE_PROVIDERS],
    }).compile();
    app = moduleRef.createNestApplication(apiHttpAdapter(), { logger: false });
    app.getHttpAdapter().getInstance().addHook('onRequest', (req: { caller?: unknown }, _reply: unknown, next: () => void) => {
      req.caller = { sub: 'i-hz', issuer: 'https://idp.example', claims: { sub: 'i-hz' } };
      next();
    });
    await initApi(app);
  });
  afterAll(() => app.close());

  it("counts the caller's decisions by phase in the order of the procedure, every phase named, with the overdue among them", async () => {
    groups.mockResolvedValueOnce([
      { phase: 'legality_review', overdue: false, n: 3n },
      { phase: 'legality_review', overdue: true, n: 2n },
      { phase: 'drafting', overdue: false, n: 4n },
    ]);
    const { body } = await request(app.getHttpServer()).get('/statistics').expect(200);
    expect(scopes.scopeOf).toHaveBeenCalledWith('i-hz');
    // Every count is over the scope's condition, never a list of decision ids carried into the statement.
    for (const call of $queryRaw.mock.calls) {
      const q = asked(call);
      expect(q.sql).toContain('d.government_id = ANY(');
      expect(q.values).toContainEqual(['hz']);
    }
    expect(body.byPhase.map((p: { phase: string }) => p.phase)).toEqual(['drafting', 'consultation', 'legality_review', 'discussion', 'decided', 'published', 'execution', 'closed']);
    expect(body.byPhase[0]).toEqual({ phase: 'drafting', total: 4, overdue: 0 });
    expect(body.byPhase[2]).toEqual({ phase: 'legality_review', total: 5, overdue: 2 });
    expect(body).toMatchObject({ total: 9, overdue: 2 });
    expect(body.year).toMatchObject({ government: null, registered: 2, decided: 2, legalityReviewed: 1, legalityReviewRate: 0.5, publicParticipation: 1, hearings: 0, overdueSteps: 1, undecidedPastReview: 1 });
    expect(body.year.comments).toEqual({ received: 3, distinctTexts: 2, folded: 1, rateLimited: 0 });
    // 久拖不决 (Art. 38): the overdue events of the time limits postponements' review dates became.
    const clock = $queryRaw.mock.calls.map((c) => asked(c).sql).find((q) => q.includes('clock_events'))!;
    expect(clock).toContain(`deadline_id LIKE '${REVIEW_DATE_PREFIX}%'`);
  });

  it("narrows to one government within the caller's scope, and to the year asked", async () => {
    $queryRaw.mockClear();
    const { body } = await request(app.getHttpServer()).get('/statistics?year=2025&government=hz').expect(200);
    expect(body.year).toMatchObject({ year: 2025, government: 'hz' });
    // Every count narrowed to the government, within the scope; the year runs from 1 January 00:00 in Beijing,
    // 31 December 16:00 UTC the day before.
    const queries = $queryRaw.mock.calls.map(asked);
    expect(queries).toHaveLength(4);
    for (const q of queries) {
      expect(q.sql).toMatch(/\(d\.government_id = ANY\(\?::text\[\]\)\) AND d\.government_id = \?/);
      const scope = q.values.findIndex((v) => Array.isArray(v));
      expect(q.values.slice(scope, scope + 2)).toEqual([['hz'], 'hz']);
    }
    // The year's figures, kept a decision a year (Beijing year); the clock's events, by their time in it.
    const figures = queries.find((q) => q.sql.includes('FROM decision_year_figures f'))!;
    expect(figures.values[0]).toBe(2025);
    const clock = queries.find((q) => q.sql.includes('FROM clock_events'))!;
    expect(clock.values.slice(-2).map((d) => (d as Date).toISOString())).toEqual(['2024-12-31T16:00:00.000Z', '2025-12-31T16:00:00.000Z']);
    // A government no one registered, or a department: said so, not a report of zeros (inspector tester).
    expect((await request(app.getHttpServer()).get('/statistics?government=NOPE').expect(404)).body.message).toMatch(/^government：没有编号为 NOPE 的已登记机构/);
    expect((await request(app.getHttpServer()).get('/statistics?government=hz-jtj').expect(400)).body.message).toEqual([expect.stringMatching(/^government：杭州市交通运输局（hz-jtj）不是人民政府/)]);
    await request(app.getHttpServer()).get('/statistics?year=1999').expect(400);
    await request(app.getHttpServer()).get('/statistics?year=abc').expect(400);
  });

  it('refuses query parameters it does not take', async () => {
    await request(app.getHttpServer()).get('/statistics?province=gd').expect(400);
  });
});
