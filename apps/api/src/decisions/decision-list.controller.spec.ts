import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { apiHttpAdapter, initApi } from '../edge/http';
import request from 'supertest';
import { API_EDGE_PROVIDERS } from '../app.module';
import { encodeCursor } from './decision-cursor';
import { DecisionListController } from './decision-list.controller';
import { DecisionListService } from './decision-list.service';

// Controller tier: the real validation pipe over the query string, the service replaced by a fake.
describe('DecisionListController (query validation)', () => {
  let app: INestApplication;
  const service = { list: jest.fn() };

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [DecisionListController],
      providers: [{ provide: DecisionListService, useValue: service }, ...API_EDGE_PROVIDERS],
    }).compile();
    app = moduleRef.createNestApplication(apiHttpAdapter(), { logger: false });
    await initApi(app);
  });
  afterAll(() => app.close());
  beforeEach(() => service.list.mockReset().mockResolvedValue({ items: [], total: 0, pageSize: 20, nextCursor: null }));

  it('passes typed filters to the service', async () => {
    const cursor = encodeCursor({ registeredAt: new Date('2026-03-01T00:00:00.000Z'), id: 'SZ-1' });
    await request(app.getHttpServer())
      .get('/decisions')
      .query({ phase: 'legality_review', department: '市交通运输局', overdue: 'false', year: '2026', pageSize: '50', cursor })
      .expect(200);
    expect(service.list).toHaveBeenCalledWith({ phase: 'legality_review', department: '市交通运输局', overdue: false, year: 2026, pageSize: 50, cursor }, undefined); // no caller: no auth guard here
    await request(app.getHttpServer()).get('/decisions').query({ overdue: 'true', page: '3' }).expect(200);
    expect(service.list).toHaveBeenLastCalledWith({ overdue: true, page: 3 }, undefined);
  });

  it.each([
    [{ phase: 'voting' }, /^phase：必须是以下之一 drafting, consultation, .*（phase must be one of drafting, consultation, .*）$/],
    [{ phase: '' }, /^phase：/],
    [{ overdue: 'yes' }, /^overdue：必须是 true 或 false（overdue must be true or false）$/],
    [{ overdue: ['true', 'false'] }, /^overdue：/],
    [{ year: 'MMXXVI' }, /^year：.*（year must be/],
    [{ year: '1999' }, /^year：.*（year must be a year from 2019 to 2199）$/],
    [{ department: '' }, /^department：不得为空（department must not be empty）$/],
    [{ department: ['a', 'b'] }, /^department：/],
    [{ pageSize: '0' }, /^pageSize：.*（pageSize must be a whole number from 1 to 100）$/],
    [{ pageSize: '101' }, /^pageSize：/],
    [{ pageSize: '2.5' }, /^pageSize：/],
    // Decimal digits only: Number() reads these as 16, 100 and 7 (fresh-eyes tester).
    [{ pageSize: '0x10' }, /^pageSize：/],
    [{ pageSize: '1e2' }, /^pageSize：/],
    [{ pageSize: '  7' }, /^pageSize：/],
    [{ page: '0' }, /^page：/],
    [{ cursor: 'not a cursor' }, /^cursor：.*（cursor must be the nextCursor of a previous page）$/],
    [{ cursor: Buffer.from('["yesterday","x"]').toString('base64url') }, /^cursor：/],
    [{ cursor: encodeCursor({ registeredAt: new Date(), id: 'x' }), page: '2' }, /^cursor：不能与 page 同时使用/],
    [{ cursor: Buffer.from('["2026-11-25T13:25:07.237Z","x\\u0000"]').toString('base64url') }, /^cursor：/],
    [{ sort: 'title' }, /^sort：此接口不接受该查询参数（query parameter sort is not taken here）$/],
  ])('%j → 400 naming the parameter, and the service is not called', async (query, message) => {
    const res = await request(app.getHttpServer()).get('/decisions').query(query).expect(400);
    expect(res.body.message).toEqual([expect.stringMatching(message)]);
    expect(service.list).not.toHaveBeenCalled();
  });
});
