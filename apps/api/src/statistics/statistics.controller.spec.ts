import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { API_EDGE_PROVIDERS } from '../app.module';
import { StatisticsController } from './statistics.controller';

// Controller tier: the route over a fake database's groupBy.
describe('GET /statistics', () => {
  let app: INestApplication;
  const groupBy = jest.fn();
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [StatisticsController], providers: [{ provide: PRISMA, useValue: { decision: { groupBy } } }, ...API_EDGE_PROVIDERS] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it('counts decisions by phase in the order of the procedure, every phase named, with the overdue among them', async () => {
    groupBy.mockResolvedValue([
      { phase: 'legality_review', overdue: false, _count: { _all: 3 } },
      { phase: 'legality_review', overdue: true, _count: { _all: 2 } },
      { phase: 'drafting', overdue: false, _count: { _all: 4 } },
    ]);
    const { body } = await request(app.getHttpServer()).get('/statistics').expect(200);
    expect(groupBy).toHaveBeenCalledWith({ by: ['phase', 'overdue'], _count: { _all: true } });
    expect(body.byPhase.map((p: { phase: string }) => p.phase)).toEqual(['drafting', 'consultation', 'legality_review', 'discussion', 'decided', 'published', 'execution', 'closed']);
    expect(body.byPhase[0]).toEqual({ phase: 'drafting', total: 4, overdue: 0 });
    expect(body.byPhase[2]).toEqual({ phase: 'legality_review', total: 5, overdue: 2 });
    expect(body).toMatchObject({ total: 9, overdue: 2 });
  });
});
