import { Client as TemporalClient, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { AuthorityService } from '../../apps/api/src/authority/authority.service';
import { workflowSource } from '../../apps/worker/src/workflow-source';
import { createPrismaClient, type PrismaClient } from '../../libs/db/prisma';
import type { Actor, Command } from '../../libs/domain';
import { stepUpdate } from '../../workflows';
import { appointmentEndMessage } from '../../libs/record/endorsement';
import { signMessage } from '../../libs/record/signatures';
import { PERSON, REGISTRAR } from '../support/auth';
import { appoint } from '../support/government';
import { actors, steps } from '../support/procedure';
import { endorsedKey, endorsedRevocation, newKey, signedRegistration, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';
import { temporalAddress } from '../support/temporal';

/**
 * A registration sent while no worker runs waits in Temporal; the API answers 503. If the registrant's key is revoked,
 * or their office ends, before a worker comes to it, its entry would be recorded after the lapse and the decision's
 * record would never verify (retest, 2026-12-07). The record refuses it then: the decision's row is taken back, nothing
 * of it is left, and the registration sent again under the id is told why and what to do.
 */
describe('a registration whose key or office lapses while it waits for a worker', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let prisma: PrismaClient;
  let temporal: TemporalClient;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const saved = { ...process.env };
  const registration = (id: string, actor: Actor, key: TestKey) =>
    signedRegistration({ id, title: '关于调整票价的决定', undertakingDepartment: actor.organisation, catalogRef: 'C-WAIT', legalBasis: ['《价格法》'] }, actor, key);
  const keyFor = async (actorId: string): Promise<TestKey> => {
    const key = newKey('ed25519');
    return { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actorId, key)).expect(201)).body.keyId };
  };

  beforeAll(async () => {
    process.env.DEPENDENCY_TIMEOUT_SECONDS = '3';
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    prisma = createPrismaClient(system.db.appUrl);
    temporal = new TemporalClient({ connection: await Connection.connect({ address: temporalAddress() }) });
    await system.as(PERSON).post('/catalog-items').send({ ref: 'C-WAIT', year: 2026, title: '票价', organ: '某市人民政府', partyConsentRef: '市委同意' }).expect(201);
  }, 120_000);

  afterAll(async () => {
    worker?.shutdown();
    await running?.catch(() => undefined);
    await prisma?.$disconnect();
    await system?.close();
    process.env = saved;
  });

  /** Stops the workers (the system's own first), sends the registration: 503, waiting in Temporal for a worker. */
  async function sentWithNoWorker(id: string, actor: Actor, key: TestKey): Promise<void> {
    await system.closeWorker();
    if (worker) {
      worker.shutdown();
      await running;
      worker = undefined;
    }
    const res = await system.as(actor.id).post('/decisions').send(registration(id, actor, key));
    expect(res.status).toBe(503);
  }

  /** A worker comes back; the run of `id` ends. */
  async function workerBack(id: string): Promise<string> {
    worker = await Worker.create({
      connection: await NativeConnection.connect({ address: temporalAddress() }),
      taskQueue: process.env.TEMPORAL_TASK_QUEUE!,
      ...workflowSource(undefined),
      activities: createActivities({ prisma, sealKey: system.sealKey, temporal }),
    });
    running = worker.run();
    for (let i = 0; i < 200; i++) {
      const { status } = await temporal.workflow.getHandle(id).describe();
      if (status.name !== 'RUNNING') return status.name;
      await new Promise((r) => setTimeout(r, 100));
    }
    return 'RUNNING';
  }

  it('its key revoked meanwhile: not recorded, no decision left, and the same id sent again is told why; under another id it is registered', async () => {
    const id = `WAIT-KEY-${Date.now()}`;
    const first = await keyFor(actors.unit.id);
    await sentWithNoWorker(id, actors.unit, first);
    await system.as(REGISTRAR).post(`/actor-keys/${encodeURIComponent(first.keyId)}/revocation`).send(endorsedRevocation(system.registrar, first.keyId, '密钥遗失')).expect(201);
    // A step waiting for the registration meanwhile (sent to Temporal itself): refused with it, the run not held open by it.
    const office = await system.api.get(AuthorityService).officeFor(actors.unit);
    const waiting = temporal.workflow.getHandle(id).executeUpdate(stepUpdate, { args: [{ ...steps.draft(), office } as Command], updateId: `${id}-waiting` }).then(() => 'taken', (e: { cause?: { details?: { code?: string }[] } }) => e.cause?.details?.[0]?.code);
    expect(await workerBack(id)).toBe('FAILED');
    expect(await waiting).toBe('BAD_SIGNATURE');

    // Nothing of it: no decision, no entry, no leaf of the log.
    expect(await prisma.decision.count({ where: { id } })).toBe(0);
    expect(await prisma.decisionStep.count({ where: { decisionId: id } })).toBe(0);
    expect(await prisma.logLeaf.count({ where: { decisionId: id } })).toBe(0);
    await system.as(PERSON).get(`/decisions/${encodeURIComponent(id)}`).expect(404);

    // Sent again as it was: its key is revoked (the API's own check).
    expect((await system.as(actors.unit.id).post('/decisions').send(registration(id, actors.unit, first)).expect(422)).body.code).toBe('BAD_SIGNATURE');
    // Signed again with a new key under the same id: told why the first was not recorded, and to take another id.
    const second = await keyFor(actors.unit.id);
    const again = await system.as(actors.unit.id).post('/decisions').send(registration(id, actors.unit, second)).expect(422);
    expect(again.body).toMatchObject({ code: 'BAD_SIGNATURE', message: expect.stringMatching(new RegExp(`^编号 ${id} 的登记未能记入决策记录：签名不予认可：此登记记入决策记录时（[^）]+），密钥 ${first.keyId} 已于 \\S+ 撤销；请以有效的密钥重新签署。该编号已为流程引擎所用，请换用其他编号重新登记`)) });
    expect(again.body.articles.join(' ')).toContain('第三十三条');

    // Under another id, with the new key: registered, and its record verifies.
    const other = `${id}-2`;
    await system.as(actors.unit.id).post('/decisions').send(registration(other, actors.unit, second)).expect(201);
    expect((await system.as(PERSON).get(`/decisions/${other}/verify`).expect(200)).body).toMatchObject({ ok: true });
  }, 120_000);

  it('its office ended meanwhile: not recorded, refused as no office', async () => {
    const clerk: Actor = { id: 'u-waiting', name: '等候者', role: actors.unit.role, organisation: actors.unit.organisation };
    const ap = await appoint(system.api, system.registrar, clerk);
    const key = await keyFor(clerk.id);
    const id = `WAIT-OFFICE-${Date.now()}`;
    await sentWithNoWorker(id, clerk, key);
    const end = { endedAt: new Date(Date.now() + 50).toISOString(), reason: '调任' };
    const value = signMessage(system.registrar.algorithm, system.registrar.privateKey, appointmentEndMessage({ appointmentId: ap.id, ...end }));
    await system.as(REGISTRAR).post(`/appointments/${ap.id}/end`).send({ ...end, endorsement: { keyId: system.registrar.keyId, value } }).expect(201);
    await new Promise((r) => setTimeout(r, 100));
    expect(await workerBack(id)).toBe('FAILED');
    expect(await prisma.decision.count({ where: { id } })).toBe(0);
    expect(await prisma.decisionStep.count({ where: { decisionId: id } })).toBe(0);
    const failure = await temporal.workflow.getHandle(id).result().then(() => undefined, (e: { cause?: { details?: unknown[] } }) => e.cause?.details?.[0]);
    expect(failure).toMatchObject({ code: 'NO_OFFICE', zh: expect.stringContaining(`此登记记入决策记录时`) });
    expect((failure as { zh: string }).zh).toContain(`所依据的任职 ${ap.id} 已于`);
  }, 120_000);
});
