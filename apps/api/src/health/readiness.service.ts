import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Connection, type Client } from '@temporalio/client';
import { temporalConnectionOptions, type AppConfig } from '../../../../libs/config/config';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { APP_CONFIG } from '../../../../libs/nest/config.module';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { TEMPORAL_CLIENT } from '../temporal.module';

/** The dependencies GET /ready checks. */
export type Dependency = 'postgres' | 'temporal' | 'worker';

export interface CheckResult {
  status: 'up' | 'down';
  latencyMs: number;
  /** When down: what is down, Chinese first, then English. */
  message?: string;
  /** When down: the error or the timeout behind it. */
  error?: string;
  /** Worker check: workers seen polling the decision task queue, for workflow and for activity tasks. */
  pollers?: { workflow: number; activity: number };
}

export interface Readiness {
  ready: boolean;
  checks: Record<Dependency, CheckResult>;
}

// Temporal's enums, by value (the proto package is the client's, not ours to import).
const TASK_QUEUE_KIND_NORMAL = 1;
const TASK_QUEUE_TYPE_WORKFLOW = 1;
const TASK_QUEUE_TYPE_ACTIVITY = 2;
const WORKER_STATUS_SHUTTING_DOWN = 2;
const WORKER_STATUS_SHUTDOWN = 3;

/**
 * A stopping worker may start one last poll just after it reported stopping
 * (seen with SDK 1.24 on server 1.32); a poll by the same identity this soon
 * after the report is taken for that straggler, not for a new worker.
 */
const STRAGGLER_MS = 5000;

class CheckTimeout extends Error {
  constructor(seconds: number) {
    super(`${seconds} 秒内无应答 / no answer within ${seconds} s`);
  }
}

type Timestamp = { seconds?: unknown; nanos?: number | null } | null | undefined;
const millis = (t: Timestamp): number | undefined => (t?.seconds == null ? undefined : Number(t.seconds) * 1000 + Math.floor((t.nanos ?? 0) / 1e6));

/**
 * Readiness: PostgreSQL answers a query, Temporal answers for the namespace, and
 * a worker polls the decision task queue. Each check is bounded by
 * READINESS_TIMEOUT_SECONDS, so a dependency that hangs makes the answer "down",
 * never a hanging request; a check still running from an earlier request is
 * awaited again rather than started a second time, so probes against a hung
 * dependency do not pile up.
 */
@Injectable()
export class ReadinessService implements OnApplicationShutdown {
  private readonly inflight = new Map<Dependency, Promise<Omit<CheckResult, 'latencyMs'>>>();
  private probeConnection?: Connection;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.probeConnection?.close();
  }

  /**
   * The API's Temporal connection, as configured, but without the client's
   * retry interceptor: a probe wants Temporal's answer now, and the
   * interceptor keeps a retry timer running past the call's deadline, which
   * throws from that timer once the connection is closed (SDK 1.24).
   */
  private probe(): Connection {
    const api = this.temporal.connection;
    const { address, credentials, channelArgs, metadata } = api instanceof Connection ? api.options : { address: this.config.temporalAddress };
    // With TLS or an API key, the probe connects as configured (a connection keeps neither the key nor the TLS files among its options).
    const configured = temporalConnectionOptions(this.config);
    if (configured.tls || configured.apiKey) return (this.probeConnection ??= Connection.lazy({ ...configured, interceptors: [] }));
    return (this.probeConnection ??= Connection.lazy({ address, credentials, channelArgs, metadata, interceptors: [] }));
  }

  async check(): Promise<Readiness> {
    const [postgres, temporal, worker] = await Promise.all([
      this.bounded('postgres', 'PostgreSQL 不可达 / PostgreSQL unreachable', () => this.postgres()),
      this.bounded('temporal', `Temporal 不可达 / Temporal unreachable (${this.config.temporalAddress}, namespace ${this.config.temporalNamespace})`, (deadline) =>
        this.temporalAnswers(deadline),
      ),
      this.bounded('worker', `无法确认有工作进程轮询任务队列 ${this.config.taskQueue} / cannot confirm that a worker polls task queue ${this.config.taskQueue}`, (deadline) =>
        this.workerPolls(deadline),
      ),
    ]);
    const checks = { postgres, temporal, worker };
    return { ready: Object.values(checks).every((c) => c.status === 'up'), checks };
  }

  private async postgres(): Promise<Omit<CheckResult, 'latencyMs'>> {
    await this.prisma.$queryRaw`SELECT 1`;
    return { status: 'up' };
  }

  private async temporalAnswers(deadline: number): Promise<Omit<CheckResult, 'latencyMs'>> {
    const probe = this.probe();
    await probe.withDeadline(deadline, () => probe.workflowService.describeNamespace({ namespace: this.config.temporalNamespace }));
    return { status: 'up' };
  }

  /**
   * Temporal lists a task queue's pollers with the time each last started a
   * poll, and keeps a worker listed for minutes after it stopped. So a poller
   * counts when it started a poll within READINESS_POLL_WINDOW_SECONDS (a long
   * poll lasts up to a minute), and not when the worker with its identity has
   * since reported shutting down (ListWorkers, where the server offers it; SDK
   * workers report it as they stop). A worker that dies without a word drops
   * out when its last poll leaves the window. (Two workers in one process share
   * an identity: one stopping hides the other until its next poll.)
   */
  private async workerPolls(deadline: number): Promise<Omit<CheckResult, 'latencyMs'>> {
    const { temporalNamespace: namespace, taskQueue } = this.config;
    const probe = this.probe();
    const service = probe.workflowService;
    const describe = (taskQueueType: number) =>
      service.describeTaskQueue({ namespace, taskQueue: { name: taskQueue, kind: TASK_QUEUE_KIND_NORMAL }, taskQueueType });
    const [workflowQueue, activityQueue, stopped] = await probe.withDeadline(deadline, () =>
      Promise.all([describe(TASK_QUEUE_TYPE_WORKFLOW), describe(TASK_QUEUE_TYPE_ACTIVITY), this.stoppedWorkers(service)]),
    );
    const since = Date.now() - this.config.readinessPollWindowSeconds * 1000;
    const live = (pollers: { identity?: string | null; lastAccessTime?: Timestamp }[] | null | undefined) =>
      new Set(
        (pollers ?? [])
          .filter((p) => {
            const at = millis(p.lastAccessTime);
            const stoppedAt = stopped.get(p.identity ?? '');
            return at !== undefined && at >= since && !(stoppedAt !== undefined && at <= stoppedAt + STRAGGLER_MS);
          })
          .map((p) => p.identity ?? ''),
      ).size;
    const pollers = { workflow: live(workflowQueue.pollers), activity: live(activityQueue.pollers) };
    if (pollers.workflow > 0 && pollers.activity > 0) return { status: 'up', pollers };
    return { status: 'down', pollers, message: `没有工作进程轮询任务队列 ${taskQueue} / no worker polls task queue ${taskQueue}` };
  }

  /** Identities of the queue's workers that reported stopping, and when; empty where the server has no ListWorkers. */
  private async stoppedWorkers(service: Connection['workflowService']): Promise<Map<string, number>> {
    const { temporalNamespace: namespace, taskQueue } = this.config;
    const stopped = new Map<string, number>();
    try {
      const { workersInfo } = await service.listWorkers({ namespace, query: `TaskQueue = ${JSON.stringify(taskQueue)}`, pageSize: 200 });
      for (const { workerHeartbeat: w } of workersInfo ?? []) {
        if (!w?.workerIdentity || w.taskQueue !== taskQueue) continue;
        if (w.status !== WORKER_STATUS_SHUTTING_DOWN && w.status !== WORKER_STATUS_SHUTDOWN) continue;
        const at = millis(w.heartbeatTime);
        if (at !== undefined) stopped.set(w.workerIdentity, Math.max(at, stopped.get(w.workerIdentity) ?? 0));
      }
    } catch {
      // An older server, or worker heartbeats switched off: the poll window alone decides.
    }
    return stopped;
  }

  /** Runs one check within the timeout; a failure or timeout is the dependency down, with the reason. */
  private async bounded(name: Dependency, downMessage: string, check: (deadline: number) => Promise<Omit<CheckResult, 'latencyMs'>>): Promise<CheckResult> {
    const seconds = this.config.readinessTimeoutSeconds;
    const started = performance.now();
    const latencyMs = () => Math.round(performance.now() - started);
    let running = this.inflight.get(name);
    if (!running) {
      running = check(Date.now() + seconds * 1000);
      this.inflight.set(name, running);
      const forget = () => this.inflight.get(name) === running && this.inflight.delete(name);
      running.then(forget, forget);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new CheckTimeout(seconds)), seconds * 1000)));
    try {
      const result = await Promise.race([running, timeout]);
      return { ...result, latencyMs: latencyMs() };
    } catch (err) {
      return { status: 'down', latencyMs: latencyMs(), message: downMessage, error: describeError(err) };
    } finally {
      clearTimeout(timer);
    }
  }
}

function describeError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0].slice(0, 300);
}
