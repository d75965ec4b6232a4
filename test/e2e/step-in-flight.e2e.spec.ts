import { Client as TemporalClient, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { workflowSource } from '../../apps/worker/src/workflow-source';
import { createPrismaClient, type PrismaClient } from '../../libs/db/prisma';
import { PERSON, REGISTRAR } from '../support/auth';
import { actors, steps } from '../support/procedure';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';
import { temporalAddress } from '../support/temporal';

/**
 * A step whose entry is written but whose activity's answer has not reached Temporal: its worker died after the
 * commit, and the activity's retry comes later. The client, told 503, sends the step again. The answer waits for the
 * workflow to take the step in: answered 201 from the record alone, the official's next step was refused as if this
 * one had not been taken (seen once in the multi-process kill test, test/chaos/processes.spec.ts).
 */
describe('a step recorded while its workflow has not yet taken it in', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let unit: TestKey;
  let prisma: PrismaClient;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  /** Lets the held activity answer (also on the way out, should the test fail while it is held). */
  let letGo = () => {};
  /** While set, the record activity of a declaration commits and then does not answer until let go. */
  let hold: Promise<void> | undefined;
  const saved = { ...process.env };

  beforeAll(async () => {
    process.env.DEPENDENCY_TIMEOUT_SECONDS = '3';
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    prisma = createPrismaClient(system.db.appUrl);
    await system.as(PERSON).post('/catalog-items').send({ ref: 'C-FLIGHT', year: 2026, title: '票价', organ: '某市人民政府', partyConsentRef: '市委同意' }).expect(201);
    const key = newKey('ed25519');
    unit = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
  }, 120_000);

  afterAll(async () => {
    letGo();
    worker?.shutdown();
    await running?.catch(() => undefined);
    await prisma?.$disconnect();
    await system?.close();
    process.env = saved;
  });

  /** A worker whose record activity, having committed a declaration, does not answer while `hold` is set. */
  async function holdingWorker(): Promise<Worker> {
    const real = createActivities({ prisma, sealKey: system.sealKey, temporal: new TemporalClient({ connection: await Connection.connect({ address: temporalAddress() }) }) });
    return Worker.create({
      connection: await NativeConnection.connect({ address: temporalAddress() }),
      taskQueue: process.env.TEMPORAL_TASK_QUEUE!,
      ...workflowSource(undefined),
      // Stopped at once, held activity and all, as a killed worker is.
      shutdownGraceTime: '0 ms',
      shutdownForceTime: '1 s',
      activities: {
        ...real,
        recordStep: async (entry: Parameters<typeof real.recordStep>[0]) => {
          const stored = await real.recordStep(entry);
          if (entry.action === 'declareApplicability' && hold) await hold;
          return stored;
        },
      },
    });
  }

  it('a step sent again is answered once the workflow has it, and the next step is taken', async () => {
    const id = `FLIGHT-${Date.now()}`;
    const send = (c: ReturnType<typeof steps.draft>, key: string) => system.as(actors.unit.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, unit, key));
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-FLIGHT', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
    await send(steps.draft(), `${id}-1`).expect(201);

    // From here a worker whose record activity, having committed the declaration, does not answer until let go.
    await system.closeWorker();
    hold = new Promise<void>((resolve) => (letGo = resolve));
    worker = await holdingWorker();
    running = worker.run();

    const declaration = steps.applicability({ expert: false, risk: false });
    const first = send(declaration, `${id}-2`).then((r) => r.status);
    for (let i = 0; i < 100 && !(await prisma.decisionStep.count({ where: { decisionId: id, action: 'declareApplicability' } })); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await prisma.decisionStep.count({ where: { decisionId: id, action: 'declareApplicability' } })).toBe(1);
    expect(await first).toBe(503); // the API's deadline passed with the activity's answer still out

    // Sent again while the workflow still waits for its activity: not answered from the record yet.
    let answered = false;
    const again = send(declaration, `${id}-2`).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 1000));
    expect(answered).toBe(false);
    letGo();
    const res = await again;
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ seq: 2 });
    // The workflow has it: the next step is taken.
    await send(steps.openComment(), `${id}-3`).expect(201);
    expect(await prisma.decisionStep.count({ where: { decisionId: id } })).toBe(4);
  }, 120_000);
});
