import { Client as TemporalClient, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { workflowSource } from '../../apps/worker/src/workflow-source';
import { Role, type Actor } from '../../libs/domain';
import { createPrismaClient, type PrismaClient } from '../../libs/db/prisma';
import { generateSigningKey, keyIdOf } from '../../libs/record/signatures';
import type { SealKey } from '../../libs/record/seal';
import { stateQuery } from '../../workflows';
import { createTestDatabase } from '../support/db';
import { actors, cmd, h, steps } from '../support/procedure';
import { Keyring } from '../support/signing';
import { temporalAddress, uniqueTaskQueue } from '../support/temporal';
import { startDecision, verifyDecisionRecord } from '../support/workflow-env';

/**
 * Many officials at once, on a decision whose runs continue as new every two
 * steps (as a decision living for years does when its history grows): steps
 * arrive while a run is closing. On the real Temporal dev server, every step
 * must end accepted exactly once, on some run, and the record must verify.
 */
let db: { url: string; appUrl: string; drop(): Promise<void> };
let prisma: PrismaClient;
let appPrisma: PrismaClient;
let temporal: TemporalClient;
let connection: NativeConnection;
const sealKey: SealKey = (() => {
  const k = generateSigningKey('ed25519');
  return { ...k, algorithm: 'ed25519' as const, keyId: keyIdOf('ed25519', k.publicKey) };
})();

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrismaClient(db.url);
  appPrisma = createPrismaClient(db.appUrl);
  temporal = new TemporalClient({ connection: await Connection.connect({ address: temporalAddress() }) });
  connection = await NativeConnection.connect({ address: temporalAddress() });
  await prisma.systemKey.create({ data: { keyId: sealKey.keyId, algorithm: sealKey.algorithm, publicKey: sealKey.publicKey } });
}, 60_000);

afterAll(async () => {
  await connection?.close();
  await temporal?.connection.close();
  await prisma?.$disconnect();
  await appPrisma?.$disconnect();
  await db?.drop();
});

it('twelve experts submitting at once across continue-as-new boundaries: each opinion recorded once, the record verifies', async () => {
  const taskQueue = uniqueTaskQueue('concurrent');
  const worker = await Worker.create({
    connection,
    taskQueue,
    ...workflowSource(undefined),
    activities: createActivities({ prisma: appPrisma, sealKey, temporal }),
  });
  await worker.runUntil(async () => {
    const id = `CONC-${Date.now()}`;
    const keyring = new Keyring(prisma);
    const d = await startDecision({ client: temporal, keyring, prisma }, taskQueue, id, undefined, { maxStepsPerRun: 2 });
    const experts: Actor[] = Array.from({ length: 12 }, (_, i) => ({ id: `e-c${i}`, name: `专家${i}`, role: Role.Expert, organisation: `研究院${i}` }));
    await d.steps(
      steps.draft(),
      steps.applicability({ pp: false, risk: false }),
      cmd('appointExpertPanel', actors.unit, {
        form: 'meeting',
        experts: experts.map((e, i) => ({ id: e.id, name: e.name, organisation: e.organisation, field: `领域${i}`, directInterest: false })),
      }),
    );
    const runsBefore = (await d.handle.describe()).runId;

    // Nearly at once (25 ms apart, so some arrive while a run is closing); such a step goes on to the next run.
    const results = await Promise.allSettled(
      experts.map(async (e, i) => {
        await new Promise((r) => setTimeout(r, i * 25));
        return d.step(cmd('submitExpertOpinion', e, { opinionHash: h(`opinion-${e.id}`), signed: true }));
      }),
    );
    // With the cause: "Workflow Update failed" alone does not say which refusal it was.
    const failures = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map(({ reason }) => `${String(reason)}: ${String((reason as { cause?: unknown }).cause)} ${JSON.stringify((reason as { cause?: { type?: unknown } }).cause?.type)}`);
    expect(failures).toEqual([]);

    const rows = await prisma.decisionStep.findMany({ where: { decisionId: id }, orderBy: { seq: 'asc' } });
    const opinions = rows.filter((r) => r.action === 'submitExpertOpinion').map((r) => r.actorId).sort();
    expect(opinions).toEqual(experts.map((e) => e.id).sort());
    expect(rows.map((r) => r.seq)).toEqual([...rows.keys()]);
    // The opinions really crossed continue-as-new boundaries (a run takes what arrived before it closes, at least two steps).
    const opinionRuns = new Set(rows.filter((r) => r.action === 'submitExpertOpinion').map((r) => r.runId));
    expect(opinionRuns.size).toBeGreaterThanOrEqual(2);
    expect((await d.handle.describe()).runId).not.toBe(runsBefore);
    expect((await d.handle.query(stateQuery)).phase).toBe('consultation');
    await verifyDecisionRecord({ prisma: appPrisma, temporal, sealKey }, id);
  });
}, 180_000);
