import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { PrismaClient } from '../../libs/db/prisma';
import { verifyChain } from '../../libs/record/chain';
import { stateQuery } from '../../workflows';
import { steps } from '../support/procedure';
import { uniqueTaskQueue } from '../support/temporal';
import { WorkflowHarness } from '../support/workflow-env';

/**
 * A worker that dies while recording a step: before its entry is written
 * (the entry sealed, nothing stored) or after (stored, but Temporal never hears
 * of it). Either way the retried activity must leave the record with every
 * step exactly once, the log with every leaf exactly once, and the chain whole.
 * The death is simulated where it matters: the activity's write of the entry
 * (one statement, append_record_entry) fails at that point, and Temporal
 * retries it as it would after a lost worker. worker-kill.spec.ts kills the
 * real worker process before and after the write.
 */
const harness = new WorkflowHarness();
beforeAll(() => harness.setUp(), 120_000);
afterAll(() => harness.tearDown());

class WorkerDied extends Error {}

/** A Prisma client whose next writes of a record entry die before or after they are committed. */
function dying(prisma: PrismaClient, plan: ('before-commit' | 'after-commit')[]): PrismaClient {
  return new Proxy(prisma, {
    get(target, prop, receiver) {
      const original = Reflect.get(target, prop, receiver) as unknown;
      // The append is a hot-path statement (libs/db/prisma.ts): sent through a client not made by createPrismaClient, as
      // this proxy is, it goes by $executeRawUnsafe.
      if (prop !== '$executeRawUnsafe' || typeof original !== 'function') return original;
      return async (sql: string, ...values: unknown[]) => {
        const appends = sql.includes('append_record_entry');
        const when = appends ? plan.shift() : undefined;
        if (when === 'before-commit') throw new WorkerDied('died before the entry was written');
        const result = await (original as (...a: unknown[]) => Promise<unknown>).call(target, sql, ...values);
        if (when === 'after-commit') throw new WorkerDied('died after the entry was written');
        return result;
      };
    },
  });
}

it('a step recorded by a worker that dies before or after committing is stored once, chained, logged once', async () => {
  const taskQueue = uniqueTaskQueue('crash');
  const plan: ('before-commit' | 'after-commit')[] = ['before-commit', 'after-commit', 'before-commit', 'after-commit'];
  const worker = await Worker.create({
    connection: harness.env.nativeConnection,
    taskQueue,
    workflowBundle: harness.bundle,
    activities: createActivities({ prisma: dying(harness.appPrisma, plan), sealKey: harness.sealKey, temporal: harness.env.client }),
  });
  await worker.runUntil(async () => {
    const id = 'CRASH-1';
    const d = await harness.start(taskQueue, id);
    await d.steps(steps.draft(), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview());
    expect((await d.handle.query(stateQuery)).phase).toBe('legality_review');
    expect(plan).toEqual([]); // every planned death happened

    const rows = await harness.prisma.decisionStep.findMany({ where: { decisionId: id }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => `${r.seq}:${r.action}`)).toEqual(['0:register', '1:submitDraft', '2:declareApplicability', '3:submitForLegalityReview']);
    expect(verifyChain(id, rows.map((r) => ({ seq: r.seq, canonical: r.entry!, hash: r.entryHash! })))).toMatchObject({ ok: true, entries: 4 });
    const leaves = await harness.prisma.logLeaf.findMany({ where: { decisionId: id }, orderBy: { idx: 'asc' } });
    expect(leaves.map((l) => l.seq)).toEqual([0, 1, 2, 3]);
  });
});
