import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { apiHttpAdapter, initApi } from '../../apps/api/src/edge/http';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { loadConfig, type AppConfig } from '../../libs/config/config';
import { APP_CONFIG } from '../../libs/nest/config.module';
import { startSystem } from '../support/system';
import { blackHole, tcpRelay } from '../support/tcp';
import { temporalAddress } from '../support/temporal';

/**
 * GET /health and GET /ready over HTTP against the real system, then with each
 * dependency taken away in turn: Temporal hanging and refusing (through a relay
 * the API connects by), PostgreSQL never answering, the worker stopped. /ready
 * must say which one is down, and say it within the configured bound.
 */
describe('GET /health and GET /ready, end to end', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let config: AppConfig;
  /** The bound a /ready answer must keep: the check timeout and a second for the rest of the request. */
  let boundMs: number;

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    config = loadConfig(process.env);
    boundMs = config.readinessTimeoutSeconds * 1000 + 1000;
  });
  afterAll(() => system?.close());

  /** Another API app of the same modules, against other addresses. */
  async function apiWith(changes: Partial<AppConfig>): Promise<INestApplication> {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(APP_CONFIG)
      .useValue({ ...config, ...changes })
      .compile();
    const app = moduleRef.createNestApplication(apiHttpAdapter(), { logger: ['error'] });
    await initApi(app);
    return app;
  }

  /** GET /ready, timed. */
  async function ready(app: INestApplication) {
    const started = Date.now();
    const res = await request(app.getHttpServer()).get('/ready');
    return { res, ms: Date.now() - started };
  }

  /** /ready until it answers 200 (a worker starts polling a moment after it starts). */
  async function readyWhenUp(app: INestApplication) {
    for (let i = 0; ; i++) {
      const answer = await ready(app);
      if (answer.res.status === 200 || i >= 30) return answer;
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  const up = { status: 'up', latencyMs: expect.any(Number) };

  it('/health answers 200 without asking any dependency', async () => {
    await request(system.api.getHttpServer()).get('/health').expect(200, { status: 'ok' });
  });

  it('the OpenAPI document gives every status /health, /ready and the list can answer', () => {
    const doc = SwaggerModule.createDocument(system.api, new DocumentBuilder().build());
    const statuses = (path: string) => Object.keys(doc.paths[path].get!.responses).sort();
    expect(statuses('/health')).toEqual(['200']);
    expect(statuses('/ready')).toEqual(['200', '503']);
    expect(doc.paths['/ready'].get!.responses['503']).toMatchObject({ headers: { 'Retry-After': expect.any(Object) } });
    expect(statuses('/decisions')).toEqual(['200', '400']);
    const params = (doc.paths['/decisions'].get!.parameters ?? []).map((p) => ('name' in p ? p.name : '')).sort();
    expect(params).toEqual(['cursor', 'department', 'overdue', 'page', 'pageSize', 'phase', 'year']);
  });

  it('/ready answers 200 with each check and its latency when PostgreSQL, Temporal and a worker are up', async () => {
    const { res, ms } = await readyWhenUp(system.api);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ready',
      checks: { postgres: up, temporal: up, worker: { ...up, pollers: { workflow: 1, activity: 1 } } },
    });
    expect(res.headers['retry-after']).toBeUndefined();
    expect(ms).toBeLessThan(boundMs);
  });

  it('/ready answers 503 naming Temporal, within the bound, when Temporal stops answering and when its port refuses', async () => {
    const relay = await tcpRelay(temporalAddress());
    const app = await apiWith({ temporalAddress: relay.address });
    try {
      expect((await readyWhenUp(app)).res.status).toBe(200);

      relay.hang(); // the connection stays open; nothing comes back
      for (const attempt of [1, 2]) {
        const { res, ms } = await ready(app);
        expect({ attempt, status: res.status, down: res.body.down }).toEqual({ attempt, status: 503, down: ['temporal', 'worker'] });
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body.message[0]).toBe(`Temporal 不可达 / Temporal unreachable (${relay.address}, namespace default)`);
        expect(res.body.checks.temporal).toEqual({ status: 'down', latencyMs: expect.any(Number), message: res.body.message[0], error: expect.any(String) });
        expect(res.body.checks.postgres).toEqual(up);
        expect(ms).toBeLessThan(boundMs);
      }

      await relay.refuse(); // nobody listens on the port any more
      const { res, ms } = await ready(app);
      expect([res.status, res.body.down]).toEqual([503, ['temporal', 'worker']]);
      expect(res.body.message[0]).toMatch(/^Temporal 不可达 \/ Temporal unreachable/);
      expect(ms).toBeLessThan(boundMs);
    } finally {
      await relay.refuse();
      await app.close();
    }
  });

  it('/ready answers 503 naming PostgreSQL, within the bound, when PostgreSQL never answers', async () => {
    const hole = await blackHole();
    const app = await apiWith({ databaseUrl: `postgresql://decision_app@${hole.address}/decisions` });
    try {
      const { res, ms } = await ready(app);
      expect([res.status, res.body.down]).toEqual([503, ['postgres']]);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.message).toEqual(['PostgreSQL 不可达 / PostgreSQL unreachable']);
      expect(res.body.checks.postgres.error).toBe(`${config.readinessTimeoutSeconds} 秒内无应答 / no answer within ${config.readinessTimeoutSeconds} s`);
      expect(res.body.checks.temporal).toEqual(up);
      expect(ms).toBeLessThan(boundMs);
    } finally {
      await hole.close(); // fails the hung connection attempt, so the pool can end
      await app.close();
    }
  });

  it('/ready answers 503 naming the worker, within the bound, once the worker is stopped', async () => {
    expect((await readyWhenUp(system.api)).res.status).toBe(200);
    await system.closeWorker();
    const { res, ms } = await ready(system.api);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toEqual({
      statusCode: 503,
      status: 'not_ready',
      down: ['worker'],
      message: [`没有工作进程轮询任务队列 ${config.taskQueue} / no worker polls task queue ${config.taskQueue}`],
      checks: {
        postgres: up,
        temporal: up,
        worker: { status: 'down', latencyMs: expect.any(Number), pollers: { workflow: 0, activity: 0 }, message: res.body.message[0] },
      },
    });
    expect(ms).toBeLessThan(boundMs);
    await request(system.api.getHttpServer()).get('/health').expect(200);
  });
});
