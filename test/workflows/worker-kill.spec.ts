import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client } from 'pg';
import { createPrismaClient, type PrismaClient } from '../../libs/db/prisma';
import { verifyChain } from '../../libs/record/chain';
import { LOG_APPEND_LOCK } from '../../libs/record/log-store';
import { leafHash } from '../../libs/record/merkle';
import { ensureSealKeyFile } from '../../libs/record/seal';
import { verifySignature } from '../../libs/record/signatures';
import { stateQuery } from '../../workflows';
import { createTestDatabase } from '../support/db';
import { steps } from '../support/procedure';
import { temporalAddress, uniqueTaskQueue } from '../support/temporal';
import { Keyring } from '../support/signing';
import { startDecision, verifyDecisionRecord } from '../support/workflow-env';
import { FreezableRelay, WorkerProcess } from '../support/worker-process';

/**
 * The production worker process, SIGKILLed while it records a step: once while
 * it reads the entry its step follows, before anything is sent to be stored,
 * once after the entry was stored (one statement, committed) but before
 * Temporal heard of it. A new worker process takes over when the activity's start-to-close
 * timeout expires; the record must then hold every step exactly once, chained
 * and sealed, and the log every leaf exactly once.
 *
 * This runs on the real Temporal dev server, in real time (about a minute):
 * the time-skipping test server neither skips while an activity is running nor
 * moves a dead worker's sticky workflow task back to the shared queue.
 */
let db: { url: string; appUrl: string; drop(): Promise<void> };
let prisma: PrismaClient;
let temporal: TemporalClient;
let keyDir: string;
let lockHolder: Client;
const workers: WorkerProcess[] = [];
const relays: FreezableRelay[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrismaClient(db.url);
  temporal = new TemporalClient({ connection: await Connection.connect({ address: temporalAddress() }) });
  keyDir = mkdtempSync(join(tmpdir(), 'seal-'));
  lockHolder = new Client({ connectionString: db.url });
  await lockHolder.connect();
}, 60_000);

afterAll(async () => {
  for (const w of workers) await w.kill();
  for (const r of relays) await r.close();
  await lockHolder?.end();
  await temporal?.connection.close();
  await prisma?.$disconnect();
  await db?.drop();
  rmSync(keyDir, { recursive: true, force: true });
});

async function startWorker(taskQueue: string, through?: FreezableRelay): Promise<WorkerProcess> {
  // No notifier: its passes are not what this test watches.
  const worker = await WorkerProcess.start({
    databaseUrl: db.appUrl,
    temporalAddress: through?.address ?? temporalAddress(),
    taskQueue,
    sealKeyFile: join(keyDir, 'seal-key.json'),
    extra: { NOTIFY_ENABLED: 'false' },
  });
  workers.push(worker);
  return worker;
}

async function relay(): Promise<FreezableRelay> {
  const r = await FreezableRelay.open(temporalAddress());
  relays.push(r);
  return r;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Some session waits for the log's append lock: a recordStep has sealed its entry and sent it to be stored. */
const someoneWaitsForTheLogLock = async () =>
  (await lockHolder.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`, [LOG_APPEND_LOCK])).rowCount === 1;

/** The step's update, or after `ms` an error that shows what the current worker printed last. */
async function settled<T>(update: Promise<T>, worker: WorkerProcess, ms = 60_000): Promise<T> {
  let timer!: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the step did not complete within ${ms} ms; the worker printed:\n${worker.log.slice(-4000)}`)), ms)));
  return Promise.race([update, timeout]).finally(() => clearTimeout(timer));
}

const stored = async (decisionId: string, seq: number) => (await prisma.decisionStep.count({ where: { decisionId, seq } })) === 1;

it('a worker process killed before storing a step, or after storing it, loses nothing and duplicates nothing', async () => {
  const taskQueue = uniqueTaskQueue('kill');
  const sealKey = ensureSealKeyFile(join(keyDir, 'seal-key.json'));
  const id = `KILL-${Date.now()}`;
  // Steps signed as the API requires; the whole record verified after each one.
  const verify = (decisionId: string) => verifyDecisionRecord({ prisma, temporal, sealKey }, decisionId);
  const first = await relay();
  let worker = await startWorker(taskQueue, first);
  const d = await startDecision({ client: temporal, keyring: new Keyring(prisma), prisma, verify }, taskQueue, id);

  // 1. Killed before storing: hold the log's lock so the worker's write of step 1 waits on it, then kill the worker.
  //    A write sent is a write PostgreSQL finishes, whoever waits for the answer: its session is ended here, as the
  //    server ends it once it finds the connection dead, so the statement never commits.
  await lockHolder.query('SELECT pg_advisory_lock($1)', [LOG_APPEND_LOCK]);
  const draft = d.step(steps.draft());
  await until('the worker waits to store step 1', someoneWaitsForTheLogLock);
  await worker.kill();
  await lockHolder.query(`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`, [LOG_APPEND_LOCK]);
  await until('the dead session is gone', async () => !(await someoneWaitsForTheLogLock()));
  await lockHolder.query('SELECT pg_advisory_unlock($1)', [LOG_APPEND_LOCK]);
  expect(await stored(id, 1)).toBe(false);

  // Temporal retries the activity on the next worker once the start-to-close timeout has passed.
  const second = await relay();
  worker = await startWorker(taskQueue, second);
  await settled(draft, worker);
  expect(await stored(id, 1)).toBe(true);

  // 2. Killed after storing, before reporting: cut what the worker says to Temporal, let the commit through, then kill.
  await lockHolder.query('SELECT pg_advisory_lock($1)', [LOG_APPEND_LOCK]);
  const applicability = d.step(steps.applicability({ pp: false, expert: false, risk: false }));
  await until('the worker waits to store step 2', someoneWaitsForTheLogLock);
  second.freeze();
  await lockHolder.query('SELECT pg_advisory_unlock($1)', [LOG_APPEND_LOCK]);
  await until('step 2 is committed', () => stored(id, 2));
  await worker.kill();

  worker = await startWorker(taskQueue);
  await settled(applicability, worker);
  await d.step(steps.submitReview());
  expect((await d.handle.query(stateQuery)).phase).toBe('legality_review');

  const rows = await prisma.decisionStep.findMany({ where: { decisionId: id }, orderBy: { seq: 'asc' } });
  expect(rows.map((r) => `${r.seq}:${r.action}`)).toEqual(['0:register', '1:submitDraft', '2:declareApplicability', '3:submitForLegalityReview']);
  expect(verifyChain(id, rows.map((r) => ({ seq: r.seq, canonical: r.entry!, hash: r.entryHash! })))).toMatchObject({ ok: true, entries: 4 });
  for (const r of rows) expect(verifySignature(sealKey.algorithm, sealKey.publicKey, Buffer.from(r.entryHash!, 'utf8'), r.seal!)).toBe(true);
  const leaves = await prisma.logLeaf.findMany({ where: { decisionId: id }, orderBy: { idx: 'asc' } });
  expect(leaves.map((l) => l.seq)).toEqual([0, 1, 2, 3]);
  expect(leaves.map((l) => l.leafHash)).toEqual(rows.map((r) => leafHash(Buffer.from(r.entry!, 'utf8')).toString('hex')));
  // Each step was recorded by exactly one activity of the history; the two killed ones on their second attempt.
  const events = (await d.handle.fetchHistory()).events!;
  const recordSteps = events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordStep');
  expect(rows.map((r) => JSON.parse(r.entry!).activityId)).toEqual(recordSteps.map((e) => e.activityTaskScheduledEventAttributes!.activityId));
  const attempt = (scheduled: (typeof events)[number]) => events.find((e) => String(e.activityTaskStartedEventAttributes?.scheduledEventId) === String(scheduled.eventId))?.activityTaskStartedEventAttributes?.attempt;
  expect(recordSteps.map(attempt)).toEqual([1, 2, 2, 1]);
}, 180_000);
