import { Controller, Get, InternalServerErrorException, Param } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { apiHttpAdapter } from './http';
import { logRequests } from './request-log';

@Controller()
class Probe {
  @Get('decisions/:id')
  one(@Param('id') id: string) {
    return { id };
  }

  @Get('broken')
  broken() {
    throw new InternalServerErrorException();
  }
}

describe('the request log', () => {
  const lines: Record<string, unknown>[] = [];
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const logger = pino({ level: 'info' }, { write: (l: string) => lines.push(JSON.parse(l)) });
    const moduleRef = await Test.createTestingModule({ controllers: [Probe] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(apiHttpAdapter(logger), { logger: false });
    logRequests(app.getHttpAdapter().getInstance() as FastifyInstance, logger);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());
  beforeEach(() => lines.splice(0));

  const get = (url: string, headers: Record<string, string> = {}) => app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers });

  it('writes one line a request: its id (the one its answer carries), method, path, status, time and decision', async () => {
    const answer = await get('/decisions/%E5%B8%82-1?x=1', { 'x-request-id': 'probe-1' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['x-request-id']).toBeUndefined(); // (the header is configureHttp's; the line is this hook's)
    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: 'request completed', req: { id: 'probe-1', method: 'GET', url: '/decisions/%E5%B8%82-1?x=1' }, res: { statusCode: 200 }, decisionId: '市-1', responseTime: expect.any(Number) })]);
  });

  it('logs a 5xx as an error, and a path Fastify cannot decode (answered before any hook) as every other request', async () => {
    expect((await get('/broken')).statusCode).toBe(500);
    const bad = await get('/decisions/%E0%A4%A', { 'x-request-id': 'probe-2' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['x-request-id']).toBe('probe-2');
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, msg: 'request errored', req: { id: expect.any(String), method: 'GET', url: '/broken' }, res: { statusCode: 500 } }),
      expect.objectContaining({ level: 30, msg: 'request completed', req: { id: 'probe-2', method: 'GET', url: '/decisions/%E0%A4%A' }, res: { statusCode: 400 }, decisionId: '%E0%A4%A' }),
    ]);
  });
});
