import { Body, Controller, Get, InternalServerErrorException, Param, Post } from '@nestjs/common';
import { connect, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
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

  @Get('slow')
  async slow() {
    await sleep(300);
    return { done: true };
  }

  @Post('echo')
  echo(@Body() body: unknown) {
    return body;
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
    await app.listen(0, '127.0.0.1');
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

  it('logs a request the client cut off before its answer, once, as aborted: an upload broken off, a client that gave up', async () => {
    const { port } = app.getHttpServer().address() as AddressInfo;
    const cutOff = async (head: string, body = '') => {
      const socket = connect(port, '127.0.0.1');
      await new Promise((r) => socket.once('connect', r));
      socket.write(head + body);
      await sleep(100);
      socket.destroy();
    };
    await cutOff('POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nx-request-id: cut-1\r\n\r\n', '{"text":"半');
    await cutOff('GET /slow HTTP/1.1\r\nHost: x\r\nx-request-id: cut-2\r\n\r\n');
    await sleep(500); // the slow route's answer, attempted after its client left, adds no line
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, msg: 'request aborted', aborted: true, req: { id: 'cut-1', method: 'POST', url: '/echo' } }),
      expect.objectContaining({ level: 30, msg: 'request aborted', aborted: true, req: { id: 'cut-2', method: 'GET', url: '/slow' } }),
    ]);
    expect(lines.some((l) => 'res' in l)).toBe(false);
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
