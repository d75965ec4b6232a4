import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../apps/worker/src/workflow-source';
import type { SealKey } from '../../libs/record/seal';
import { generateSigningKey, keyIdOf } from '../../libs/record/signatures';
import { createPrismaClient, type PrismaClient } from '../../libs/db/prisma';
import { NATIONAL_BASELINE, type Command, type Deadline, type Phase, type ProcedureProfile, type ProcedureState } from '../../libs/domain';
import { deadlinesQuery, majorDecision, registeredUpdate, type MajorDecisionInput } from '../../workflows';
import { createTestDatabase } from './db';
import { actors, UNIT } from './procedure';
import { createTimeSkippingEnv, uniqueTaskQueue } from './temporal';
import { Keyring } from './signing';
import { recordedStepIdentity, sendStep, stepIdentity } from '../../libs/temporal/steps';
import { archivePending } from '../../activities/archive';
import { verifyBundle, type BundleVerdict } from '../../libs/record/bundle';
import { exportBundle } from '../../libs/record/export';
import { checkpointNow, latestCheckpoint } from '../../libs/record/log-store';

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
  /** The actors' signing keys, registered in the database. */
  keyring!: Keyring;
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
      bundleWorkflowCode({ ...WORKFLOW_BUNDLE_OPTIONS, logger: quietLogger }),
    ]);
    this.prisma = createPrismaClient(this.db.url);
    this.appPrisma = createPrismaClient(this.db.appUrl);
    this.keyring = new Keyring(this.prisma);
    const { keyId, algorithm, publicKey } = this.sealKey;
    await this.prisma.systemKey.create({ data: { keyId, algorithm, publicKey } });
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

  /** Registers a decision the way the API does, and returns a handle to drive it; the record is verified after every step. */
  start(taskQueue: string, id: string, profile: ProcedureProfile = NATIONAL_BASELINE, extra: Partial<MajorDecisionInput> & { matterTypes?: string[] } = {}) {
    const verify = (decisionId: string) => this.verdictOf(decisionId);
    return startDecision({ client: this.env.client, keyring: this.keyring, prisma: this.prisma, verify }, taskQueue, id, profile, extra);
  }

  /** The inspectors' verdict on a decision's whole record (it must verify): what the bundle shows, such as its chain of texts. */
  verdictOf(decisionId: string) {
    return verifyDecisionRecord({ prisma: this.appPrisma, temporal: this.env.client, sealKey: this.sealKey }, decisionId);
  }
}

/** What drives decisions in a workflow test: a client, the actors' keys, and the record's verification. */
export interface DecisionDriver {
  client: Client;
  keyring: Keyring;
  /** The record, where a step sent again into a later run finds its answer (as the API does). */
  prisma: PrismaClient;
  /** Run after every accepted step: throws unless the decision's whole record verifies. */
  verify?: (id: string) => Promise<unknown>;
}

/**
 * Registers a decision the way the API does (update-with-start, signed by the
 * unit's official), and returns a handle that sends signed steps the way the
 * API does and verifies the whole record after each one it accepts.
 */
export async function startDecision(
  driver: DecisionDriver,
  taskQueue: string,
  id: string,
  profile: ProcedureProfile = NATIONAL_BASELINE,
  /** `matterTypes`: those of the catalog item, signed with the registration (libs/domain/procedure/matters.ts). */
  extra: Partial<MajorDecisionInput> & { matterTypes?: string[] } = {},
) {
  const { client, keyring, prisma, verify } = driver;
  const { matterTypes, ...input } = extra;
  const registration = await keyring.signRegistration({
    id,
    title: '关于调整城市公共交通票价的决定',
    undertakingDepartment: UNIT,
    catalogRef: '2026-07',
    legalBasis: ['《价格法》'],
    profile: profile.id,
    registeredBy: actors.unit,
    ...(matterTypes ? { matterTypes } : {}),
  });
  const start = new WithStartWorkflowOperation(majorDecision, { workflowId: id, taskQueue, args: [{ ...input, registration, profile }], workflowIdConflictPolicy: 'FAIL' });
  await client.workflow.executeUpdateWithStart(registeredUpdate, { startWorkflowOperation: start });
  await verify?.(id);
  const handle = client.workflow.getHandle<typeof majorDecision>(id);
  const step = async (c: Command, idempotencyKey = `${id}-${randomUUID()}`) => {
    const signed = await keyring.sign(id, c, idempotencyKey);
    const result = await sendStep(handle, signed, idempotencyKey).catch(async (err: unknown) => (await answeredEarlier(prisma, id, signed, idempotencyKey)) ?? Promise.reject(err));
    await verify?.(id);
    return result;
  };
  return {
    handle,
    step,
    steps: async (...cs: Command[]) => {
      for (const c of cs) await step(c);
    },
  };
}

/**
 * The answer the API gives a step refused because the record already holds it
 * under its idempotency key: Temporal knows an Update id only within one run,
 * and its client sends an Update again until the run accepts it, so a step
 * accepted just before its run continued as new can arrive again in the next
 * run and be refused there (twelve experts at once, under CI's load).
 */
async function answeredEarlier(prisma: PrismaClient, decisionId: string, c: Command, idempotencyKey: string) {
  const held = await prisma.stepIdempotencyKey.findUnique({ where: { decisionId_idempotencyKey: { decisionId, idempotencyKey } }, include: { step: true } });
  if (!held) return undefined;
  const { step } = held;
  if (recordedStepIdentity(step) !== stepIdentity(c)) return undefined;
  return { seq: step.seq, phase: step.phaseAfter as Phase, hold: step.holdAfter as ProcedureState['hold'] };
}

/**
 * The inspectors' verification of one decision, as the running system would
 * make it possible: closed runs archived, a checkpoint signed, the bundle
 * exported and verified against the registered keys. A run that has just
 * continued as new archives its predecessor a moment later, so a failure is
 * retried for a while before it counts.
 */
export async function verifyDecisionRecord(deps: { prisma: PrismaClient; temporal: Client; sealKey: SealKey }, id: string): Promise<BundleVerdict & { ok: true }> {
  let verdict: BundleVerdict | undefined;
  for (let attempt = 0; attempt < 50; attempt++) {
    await archivePending(deps);
    const checkpoint = (await checkpointNow(deps.prisma, deps.sealKey)) ?? (await latestCheckpoint(deps.prisma));
    if (checkpoint) {
      const bundle = await exportBundle(deps.prisma, deps.temporal, id, checkpoint);
      verdict = verifyBundle(bundle, { systemKeys: bundle.systemKeys, actorKeys: bundle.actorKeys });
      if (verdict.ok) {
        // Steps sent straight to the workflow carry no office, as before offices were checked: each is marked so.
        const signed = bundle.entries.filter((e) => JSON.parse(e.canonical).action !== 'archiveHistory').length;
        if ((verdict.withoutOfficeCheck ?? 0) !== signed) throw new Error(`decision ${id}: ${signed} entries made without offices, but ${verdict.withoutOfficeCheck ?? 0} marked so`);
        return verdict;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the record of ${id} does not verify: ${verdict ? (verdict.ok ? 'ok' : verdict.failure) : 'no checkpoint'}`);
}
