import { join } from 'node:path';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { SealKey } from '../../libs/record/seal';
import { generateSigningKey, keyIdOf } from '../../libs/record/signatures';
import { createPrismaClient, type PrismaClient } from '../../libs/db/prisma';
import { NATIONAL_BASELINE, type Command, type Deadline, type ProcedureProfile } from '../../libs/domain';
import { deadlinesQuery, majorDecision, registeredUpdate, stepUpdate, type MajorDecisionInput } from '../../workflows';
import { PROJECT_ROOT } from '../../infra/paths';
import { createTestDatabase } from './db';
import { actors, UNIT } from './procedure';
import { createTimeSkippingEnv, uniqueTaskQueue } from './temporal';

const noop = () => undefined;
export const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };

/**
 * One time-skipping Temporal test server, one real PostgreSQL database and a
 * worker with the real activities, for a workflow test file.
 */
export class WorkflowHarness {
  env!: TestWorkflowEnvironment;
  /** The test's own view of the database (superuser). */
  prisma!: PrismaClient;
  /** What the activities use: the application role, as in production. */
  appPrisma!: PrismaClient;
  bundle!: WorkflowBundleWithSourceMap;
  private db!: { url: string; appUrl: string; drop(): Promise<void> };
  private worker?: Worker;
  private running?: Promise<void>;
  private readonly taskQueue = uniqueTaskQueue('wf');
  /** The system key that seals this file's records. */
  readonly sealKey: SealKey = (() => {
    const k = generateSigningKey('ed25519');
    return { ...k, algorithm: 'ed25519' as const, keyId: keyIdOf('ed25519', k.publicKey) };
  })();
  get databaseUrl(): string {
    return this.db.url;
  }
  get appDatabaseUrl(): string {
    return this.db.appUrl;
  }

  async setUp(): Promise<void> {
    [this.env, this.db, this.bundle] = await Promise.all([
      createTimeSkippingEnv(),
      createTestDatabase(),
      bundleWorkflowCode({ workflowsPath: join(PROJECT_ROOT, 'workflows', 'index.ts'), logger: quietLogger }),
    ]);
    this.prisma = createPrismaClient(this.db.url);
    this.appPrisma = createPrismaClient(this.db.appUrl);
  }

  async tearDown(): Promise<void> {
    this.worker?.shutdown();
    await this.running;
    await this.env?.teardown();
    await this.prisma?.$disconnect();
    await this.appPrisma?.$disconnect();
    await this.db?.drop();
  }

  /**
   * One worker for the whole file, always polling: the time-skipping server
   * skips only while no task is outstanding, so a timer firing for a workflow
   * of an earlier test must still find a worker.
   */
  async withWorker<T>(fn: (taskQueue: string) => Promise<T>): Promise<T> {
    if (!this.worker) {
      this.worker = await Worker.create({
        connection: this.env.nativeConnection,
        taskQueue: this.taskQueue,
        workflowBundle: this.bundle,
        activities: createActivities({ prisma: this.appPrisma, sealKey: this.sealKey, temporal: this.env.client }),
      });
      this.running = this.worker.run();
    }
    return fn(this.taskQueue);
  }

  /** Sleeps (skipping time) until just past the end of a deadline of the decision. */
  async sleepPast(handle: { query: (q: typeof deadlinesQuery) => Promise<Deadline[]> }, deadlineId: string, extraMs = 60_000): Promise<void> {
    const d = (await handle.query(deadlinesQuery)).find((x) => x.id === deadlineId);
    if (!d?.dueAt) throw new Error(`no running deadline ${deadlineId}`);
    await this.env.sleep(Math.max(1, d.dueAt - (await this.env.currentTimeMs()) + extraMs));
  }

  /** Registers a decision the way the API does, and returns a handle to drive it. */
  start(taskQueue: string, id: string, profile: ProcedureProfile = NATIONAL_BASELINE, extra: Partial<MajorDecisionInput> = {}) {
    return startDecision(this.env.client, taskQueue, id, profile, extra);
  }
}

/** Registers a decision the way the API does (update-with-start), and returns a handle to drive it. */
export async function startDecision(client: Client, taskQueue: string, id: string, profile: ProcedureProfile = NATIONAL_BASELINE, extra: Partial<MajorDecisionInput> = {}) {
  const input: MajorDecisionInput = {
    ...extra,
    registration: { id, title: '关于调整城市公共交通票价的决定', undertakingDepartment: UNIT, catalogRef: '2026-07', legalBasis: ['《价格法》'], profile: profile.id, registeredBy: actors.unit },
    profile,
  };
  const start = new WithStartWorkflowOperation(majorDecision, { workflowId: id, taskQueue, args: [input], workflowIdConflictPolicy: 'FAIL' });
  await client.workflow.executeUpdateWithStart(registeredUpdate, { startWorkflowOperation: start });
  const handle = client.workflow.getHandle<typeof majorDecision>(id);
  return {
    handle,
    step: (c: Command, updateId?: string) => handle.executeUpdate(stepUpdate, { args: [c], updateId }),
    steps: async (...cs: Command[]) => {
      for (const c of cs) await handle.executeUpdate(stepUpdate, { args: [c] });
    },
  };
}
