import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { freePort } from '../../infra/temporal';
import { createPrismaClient, type PrismaClient } from '../../libs/db/prisma';
import { ensureSealKeyFile } from '../../libs/record/seal';
import { createTestDatabase } from '../support/db';
import { steps } from '../support/procedure';
import { Keyring } from '../support/signing';
import { temporalAddress, uniqueTaskQueue } from '../support/temporal';
import { startDecision } from '../support/workflow-env';
import { WorkerProcess } from '../support/worker-process';

/**
 * The production worker with WORKER_METRICS_ADDRESS serves Prometheus metrics:
 * the Temporal SDK's own (polls, task latencies) and the record's append
 * latency, measured by the record activity.
 */
let db: { url: string; appUrl: string; drop(): Promise<void> };
let prisma: PrismaClient;
let temporal: TemporalClient;
let worker: WorkerProcess | undefined;
const keyDir = mkdtempSync(join(tmpdir(), 'seal-'));

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrismaClient(db.url);
  temporal = new TemporalClient({ connection: await Connection.connect({ address: temporalAddress() }) });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await temporal?.connection.close();
  await prisma?.$disconnect();
  await db?.drop();
  rmSync(keyDir, { recursive: true, force: true });
});

it('serves the Temporal SDK metrics and the record append latency for Prometheus', async () => {
  const taskQueue = uniqueTaskQueue('metrics');
  const address = `127.0.0.1:${await freePort()}`;
  ensureSealKeyFile(join(keyDir, 'seal.json'), 'ed25519');
  worker = await WorkerProcess.start({ databaseUrl: db.appUrl, temporalAddress: temporalAddress(), taskQueue, sealKeyFile: join(keyDir, 'seal.json'), extra: { WORKER_METRICS_ADDRESS: address } });
  expect(worker.log).toContain(`http://${address}/metrics`);
  const d = await startDecision({ client: temporal, keyring: new Keyring(prisma), prisma }, taskQueue, `METRICS-${Date.now()}`);
  await d.step(steps.draft());
  let text = '';
  for (let i = 0; i < 50 && !/record_append_latency/.test(text); i++) {
    text = await (await fetch(`http://${address}/metrics`)).text();
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(text).toMatch(/^temporal_\w+/m);
  expect(text).toMatch(/record_append_latency\w*_count\{[^}]*action="submitDraft"[^}]*\} 1/);
  expect(text).toMatch(/record_append_latency\w*_count\{[^}]*action="register"[^}]*\} 1/);
}, 120_000);

it('keeps no more workflows in memory than WORKFLOW_CACHE_SIZE (2 of 4 here), and moves the decisions it let go by replaying them', async () => {
  await worker?.stop();
  const taskQueue = uniqueTaskQueue('cache');
  const address = `127.0.0.1:${await freePort()}`;
  ensureSealKeyFile(join(keyDir, 'seal.json'), 'ed25519');
  worker = await WorkerProcess.start({ databaseUrl: db.appUrl, temporalAddress: temporalAddress(), taskQueue, sealKeyFile: join(keyDir, 'seal.json'), extra: { WORKER_METRICS_ADDRESS: address, WORKFLOW_CACHE_SIZE: '2' } });
  const keyring = new Keyring(prisma);
  const ids = [0, 1, 2, 3].map((i) => `CACHE-${Date.now()}-${i}`);
  const decisions = [];
  for (const id of ids) decisions.push(await startDecision({ client: temporal, keyring, prisma }, taskQueue, id));
  // Round and round: each step finds its decision evicted by the two before.
  for (const d of decisions) await d.step(steps.draft());
  for (const d of decisions) await d.step(steps.applicability({ expert: false, risk: false }));
  const metric = (text: string, name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
  const text = await (await fetch(`http://${address}/metrics`)).text();
  // Never all four kept.
  expect(metric(text, 'temporal_sticky_cache_size')).toBeLessThanOrEqual(2);
  expect(metric(text, 'temporal_sticky_cache_total_forced_eviction_total')).toBeGreaterThanOrEqual(5);
  expect(metric(text, 'temporal_sticky_cache_miss_total')).toBeGreaterThanOrEqual(5);
  for (const id of ids) {
    const actions = (await prisma.decisionStep.findMany({ where: { decisionId: id }, orderBy: { seq: 'asc' }, select: { action: true } })).map((s) => s.action);
    expect(actions.slice(0, 3)).toEqual(['register', 'submitDraft', 'declareApplicability']);
  }
}, 120_000);
