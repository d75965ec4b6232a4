import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { REVIEW_DATE_PREFIX } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { API_EDGE_PROVIDERS } from '../app.module';
import { ScopeService } from '../authority/scope.service';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

// Controller tier: the route over a fake database's groupBy and a fake scope; the end-to-end tests prove the real scope.
describe('GET /statistics', () => {
  let app: INestApplication;
  const groupBy = jest.fn();
  const findMany = jest.fn(async () => [{ id: 'D-1' }]);
  // The year's two counts: the steps', then the clock's.
  const $queryRaw = jest.fn(async (strings: TemplateStringsArray) => (strings.join('').includes('clock_events') ? [{ overdue: 1n, undecided: 1n }] : [{ registered: 2n, decided: 2n, reviewed: 1n, participation: 1n }]));
  const inScope = { OR: [{ governmentId: { in: ['hz'] } }] };
  const scopes = { scopeOf: jest.fn(async (personId: string) => ({ governments: ['hz'], units: [], personId })), where: jest.fn(async () => inScope) };
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [StatisticsController],
      providers: [StatisticsService, { provide: PRISMA, useValue: { decision: { groupBy, findMany }, $queryRaw } }, { provide: ScopeService, useValue: scopes }, ...API_EDGE_PROVIDERS],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.use((req: { caller?: unknown }, _res: unknown, next: () => void) => {
      req.caller = { sub: 'i-hz', issuer: 'https://idp.example', claims: { sub: 'i-hz' } };
      next();
    });
    await app.init();
  });
  afterAll(() => app.close());

  it("counts the caller's decisions by phase in the order of the procedure, every phase named, with the overdue among them", async () => {
    groupBy.mockResolvedValue([
      { phase: 'legality_review', overdue: false, _count: { _all: 3 } },
      { phase: 'legality_review', overdue: true, _count: { _all: 2 } },
      { phase: 'drafting', overdue: false, _count: { _all: 4 } },
    ]);
    const { body } = await request(app.getHttpServer()).get('/statistics').expect(200);
    expect(scopes.scopeOf).toHaveBeenCalledWith('i-hz');
    expect(groupBy).toHaveBeenCalledWith({ by: ['phase', 'overdue'], where: inScope, _count: { _all: true } });
    expect(body.byPhase.map((p: { phase: string }) => p.phase)).toEqual(['drafting', 'consultation', 'legality_review', 'discussion', 'decided', 'published', 'execution', 'closed']);
    expect(body.byPhase[0]).toEqual({ phase: 'drafting', total: 4, overdue: 0 });
    expect(body.byPhase[2]).toEqual({ phase: 'legality_review', total: 5, overdue: 2 });
    expect(body).toMatchObject({ total: 9, overdue: 2 });
    expect(body.year).toMatchObject({ government: null, registered: 2, decided: 2, legalityReviewed: 1, legalityReviewRate: 0.5, publicParticipation: 1, hearings: 0, overdueSteps: 1, undecidedPastReview: 1 });
    // 久拖不决 (Art. 38): the overdue events of the time limits postponements' review dates became.
    const clock = $queryRaw.mock.calls.map((c) => (c[0] as unknown as string[]).join('?')).find((q) => q.includes('clock_events'))!;
    expect(clock).toContain(`deadline_id LIKE '${REVIEW_DATE_PREFIX}%'`);
  });

  it("narrows to one government within the caller's scope, and to the year asked", async () => {
    groupBy.mockResolvedValue([]);
    const { body } = await request(app.getHttpServer()).get('/statistics?year=2025&government=hz').expect(200);
    expect(groupBy).toHaveBeenLastCalledWith({ by: ['phase', 'overdue'], where: { AND: [inScope, { governmentId: 'hz' }] }, _count: { _all: true } });
    expect(body.year).toMatchObject({ year: 2025, government: 'hz' });
    // The year runs from 1 January 00:00 in Beijing, 31 December 16:00 UTC the day before.
    const values = $queryRaw.mock.calls.at(-1) as unknown as [TemplateStringsArray, string[], Date, Date];
    expect([values[2].toISOString(), values[3].toISOString()]).toEqual(['2024-12-31T16:00:00.000Z', '2025-12-31T16:00:00.000Z']);
    await request(app.getHttpServer()).get('/statistics?year=1999').expect(400);
    await request(app.getHttpServer()).get('/statistics?year=abc').expect(400);
  });

  it('refuses query parameters it does not take', async () => {
    await request(app.getHttpServer()).get('/statistics?province=gd').expect(400);
  });
});
