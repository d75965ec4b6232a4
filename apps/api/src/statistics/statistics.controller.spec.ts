import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { API_EDGE_PROVIDERS } from '../app.module';
import { ScopeService } from '../authority/scope.service';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

// Controller tier: the route over a fake database's groupBy and a fake scope; the end-to-end tests prove the real scope.
describe('GET /statistics', () => {
  let app: INestApplication;
  const groupBy = jest.fn();
  const inScope = { OR: [{ governmentId: { in: ['hz'] } }] };
  const scopes = { scopeOf: jest.fn(async (personId: string) => ({ governments: ['hz'], units: [], personId })), where: jest.fn(async () => inScope) };
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [StatisticsController],
      providers: [StatisticsService, { provide: PRISMA, useValue: { decision: { groupBy } } }, { provide: ScopeService, useValue: scopes }, ...API_EDGE_PROVIDERS],
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
  });

  it('refuses query parameters it does not take', async () => {
    await request(app.getHttpServer()).get('/statistics?government=gd').expect(400);
  });
});
