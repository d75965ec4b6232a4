import { Connection } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/config';
import { ReadinessService } from './readiness.service';

// Unit tier: the checks' rules against fake dependencies (the end-to-end test runs them against real ones).
describe('ReadinessService', () => {
  const config = { temporalAddress: 'temporal.example:7233', temporalNamespace: 'default', taskQueue: 'major-decisions', readinessTimeoutSeconds: 0.2, readinessPollWindowSeconds: 75 } as AppConfig;
  const ts = (ms: number) => ({ seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 });
  const poller = (identity: string, agoMs: number) => ({ identity, lastAccessTime: ts(Date.now() - agoMs) });
  const stopping = (identity: string, agoMs: number) => ({ workerHeartbeat: { workerIdentity: identity, taskQueue: 'major-decisions', status: 2, heartbeatTime: ts(Date.now() - agoMs) } });

  let prisma: { $queryRaw: jest.Mock };
  let service: { describeNamespace: jest.Mock; describeTaskQueue: jest.Mock; listWorkers: jest.Mock };
  let readiness: ReadinessService;
  const pollers = (list: ReturnType<typeof poller>[]) => service.describeTaskQueue.mockResolvedValue({ pollers: list });

  beforeEach(() => {
    prisma = { $queryRaw: jest.fn().mockResolvedValue([{ '?column?': 1 }]) };
    service = {
      describeNamespace: jest.fn().mockResolvedValue({}),
      describeTaskQueue: jest.fn().mockResolvedValue({ pollers: [poller('1@host', 10_000)] }),
      listWorkers: jest.fn().mockResolvedValue({ workersInfo: [] }),
    };
    const probe = { workflowService: service, withDeadline: (_d: number, fn: () => Promise<unknown>) => fn(), close: jest.fn() };
    jest.spyOn(Connection, 'lazy').mockReturnValue(probe as unknown as Connection);
    readiness = new ReadinessService(prisma as never, { connection: {} } as never, config);
  });
  afterEach(() => jest.restoreAllMocks());

  it('is ready when PostgreSQL and Temporal answer and a worker polls for workflow and activity tasks', async () => {
    const r = await readiness.check();
    expect(r.ready).toBe(true);
    expect(r.checks.worker).toEqual({ status: 'up', latencyMs: expect.any(Number), pollers: { workflow: 1, activity: 1 } });
    expect(service.describeTaskQueue).toHaveBeenCalledWith({ namespace: 'default', taskQueue: { name: 'major-decisions', kind: 1 }, taskQueueType: 1 });
    expect(service.describeTaskQueue).toHaveBeenCalledWith({ namespace: 'default', taskQueue: { name: 'major-decisions', kind: 1 }, taskQueueType: 2 });
  });

  it('a worker whose last poll began before the window (Temporal lists it for minutes after it died) is not polling', async () => {
    pollers([poller('1@host', 80_000)]);
    const r = await readiness.check();
    expect(r.ready).toBe(false);
    expect(r.checks.worker).toMatchObject({ status: 'down', pollers: { workflow: 0, activity: 0 }, message: '没有工作进程轮询任务队列 major-decisions / no worker polls task queue major-decisions' });
  });

  it('a worker that reported stopping after its last poll is not polling; one that polled well after such a report is', async () => {
    pollers([poller('1@host', 10_000), poller('2@host', 10_000)]);
    service.listWorkers.mockResolvedValue({ workersInfo: [stopping('1@host', 2_000), stopping('2@host', 30_000)] });
    expect((await readiness.check()).checks.worker).toMatchObject({ status: 'up', pollers: { workflow: 1, activity: 1 } });
    service.listWorkers.mockResolvedValue({ workersInfo: [stopping('1@host', 2_000), stopping('2@host', 8_000)] }); // 2's poll: a straggler
    expect((await readiness.check()).checks.worker).toMatchObject({ status: 'down', pollers: { workflow: 0, activity: 0 } });
  });

  it('without ListWorkers (an older server) the poll window alone decides', async () => {
    service.listWorkers.mockRejectedValue(Object.assign(new Error('12 UNIMPLEMENTED: unknown method ListWorkers'), { code: 12 }));
    expect((await readiness.check()).ready).toBe(true);
  });

  it('a dependency that hangs is down after the timeout, and a second probe waits on the same query rather than starting another', async () => {
    prisma.$queryRaw.mockReturnValue(new Promise(() => undefined));
    const started = Date.now();
    const [a, b] = [await readiness.check(), await readiness.check()];
    expect(Date.now() - started).toBeLessThan(1000);
    for (const r of [a, b]) {
      expect(r.ready).toBe(false);
      expect(r.checks.postgres).toEqual({ status: 'down', latencyMs: expect.any(Number), message: 'PostgreSQL 不可达 / PostgreSQL unreachable', error: '0.2 秒内无应答 / no answer within 0.2 s' });
      expect(r.checks.temporal.status).toBe('up');
    }
    expect(prisma.$queryRaw).toHaveBeenCalledTimes(1);
  });

  it('Temporal refusing is Temporal down, with the error, and the worker unconfirmed', async () => {
    const refused = new Error('14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:7233');
    service.describeNamespace.mockRejectedValue(refused);
    service.describeTaskQueue.mockRejectedValue(refused);
    const r = await readiness.check();
    expect(r.checks.temporal).toEqual({ status: 'down', latencyMs: expect.any(Number), message: 'Temporal 不可达 / Temporal unreachable (temporal.example:7233, namespace default)', error: refused.message });
    expect(r.checks.worker).toMatchObject({ status: 'down', message: expect.stringMatching(/^无法确认有工作进程轮询任务队列 major-decisions/) });
    expect(r.checks.postgres.status).toBe('up');
  });
});
