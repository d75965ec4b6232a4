import { verifyBundle, type DecisionBundle } from '../../libs/record/bundle';
import { exportBundle } from '../../libs/record/export';
import { checkpointNow, latestCheckpoint } from '../../libs/record/log-store';
import { steps } from '../support/procedure';
import { startDecision, WorkflowHarness } from '../support/workflow-env';

/**
 * A record between checkpoints, from the real database: the entries the latest
 * checkpoint does not cover yet (all of them before the first one) are
 * exported with their leaf index and no proof, and verify as pending; an entry
 * the checkpoint covers cannot be passed off as pending.
 */
const harness = new WorkflowHarness();
beforeAll(() => harness.setUp(), 60_000);
afterAll(() => harness.tearDown());

it('before the first checkpoint every entry is pending; after it only the later ones; a covered entry stripped of its proof fails', async () => {
  await harness.withWorker(async (taskQueue) => {
    const id = `PEND-${Date.now()}`;
    const decision = await startDecision({ client: harness.env.client, keyring: harness.keyring, prisma: harness.prisma }, taskQueue, id);
    await decision.step(steps.draft());
    const exported = async () => exportBundle(harness.appPrisma, harness.env.client, id, await latestCheckpoint(harness.appPrisma));
    const check = (b: DecisionBundle) => verifyBundle(b, { systemKeys: b.systemKeys, actorKeys: b.actorKeys });

    // No checkpoint has been signed: the bundle still exports, every entry placed in the log and pending.
    const before = await exported();
    expect(before.checkpoint).toBeNull();
    expect(before.inclusion).toEqual([
      { seq: 0, leafIndex: 0, proof: null },
      { seq: 1, leafIndex: 1, proof: null },
    ]);
    expect(check(before)).toEqual({ ok: true, entries: 2, treeSize: 0, pending: 2, withoutOfficeCheck: 2 });

    // The export logged the actor's key, entered before keys were logged (the harness writes it to the table): the
    // log's third leaf, pending too.
    expect(before.authorityEvents).toEqual([expect.objectContaining({ leafIndex: 2, proof: null })]);

    // A checkpoint, then one more step: two entries (and the key) proven, the third entry pending.
    await checkpointNow(harness.appPrisma, harness.sealKey);
    await decision.step(steps.applicability({ pp: false, expert: false }));
    const after = await exported();
    expect(after.checkpoint).toMatchObject({ treeSize: 3 });
    expect(after.inclusion.map((p) => [p.seq, p.leafIndex, Array.isArray(p.proof)])).toEqual([
      [0, 0, true],
      [1, 1, true],
      [2, 3, false],
    ]);
    expect(after.authorityEvents).toEqual([expect.objectContaining({ leafIndex: 2, proof: expect.any(Array) })]);
    expect(check(after)).toEqual({ ok: true, entries: 3, treeSize: 3, pending: 1, withoutOfficeCheck: 3 });

    const stripped = structuredClone(after);
    stripped.inclusion[1].proof = null;
    expect(check(stripped)).toMatchObject({ ok: false, seq: 1, check: 'inclusion', failure: expect.stringMatching(/no inclusion proof, though its leaf 1 is within the checkpoint of size 3/) });
    const moved = structuredClone(after);
    moved.inclusion[0] = { seq: 0, leafIndex: 5, proof: null };
    expect(check(moved)).toMatchObject({ ok: false, seq: 1 });

    // The next checkpoint covers it.
    await checkpointNow(harness.appPrisma, harness.sealKey);
    expect(check(await exported())).toEqual({ ok: true, entries: 3, treeSize: 4, pending: 0, withoutOfficeCheck: 3 });
  });
}, 60_000);
