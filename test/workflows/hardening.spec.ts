import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { PrismaClient } from '../../libs/db/prisma';
import { ACTION_NAMES, INPUT_LIMITS, type Command, type Refusal } from '../../libs/domain';
import { sendStep } from '../../libs/temporal/steps';
import { stateQuery } from '../../workflows';
import { actors, cmd, h, steps } from '../support/procedure';
import { uniqueTaskQueue } from '../support/temporal';
import { WorkflowHarness } from '../support/workflow-env';

/**
 * What the engine accepts it must be able to store: a step that the record
 * could not keep is refused (by the Update validator, or when the database
 * refuses it for good), never retried for ever, and the decision moves on.
 * And an idempotency key holds for the life of the decision, across runs.
 */
const harness = new WorkflowHarness();
beforeAll(() => harness.setUp(), 120_000);
afterAll(() => harness.tearDown());

/** The refusal inside a failed step, or undefined if it did not fail that way. */
async function refusalOf(p: Promise<unknown>): Promise<Refusal | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) return err.cause.details?.[0] as Refusal;
    throw err;
  }
}

/** Every string inside a value, by path, and a copy with one of them replaced. */
function stringPaths(v: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof v === 'string') return [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => stringPaths(x, [...path, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => stringPaths(x, [...path, k]));
  return [];
}
function replaced<T>(v: T, path: (string | number)[], value: unknown): T {
  const copy = structuredClone(v) as Record<string | number, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  at[path[path.length - 1]] = value;
  return copy as T;
}
function nested(depth: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = { v };
  return v;
}

/** Text the record cannot store, and values too big or too deep to carry. */
const BAD_VALUES: [string, unknown][] = [
  ['NUL', 'a\u0000b'],
  ['lone high surrogate', 'a\uD800b'],
  ['lone low surrogate', '\uDC00'],
  ['over-long string', 'x'.repeat(INPUT_LIMITS.maxStringLength + 1)],
  ['deep nesting', nested(INPUT_LIMITS.maxDepth + 5)],
  // Stored it could be, but it reads as blank while passing for filled in (a reason, a title, a channel).
  ['only invisible characters', '\u200b\u2060\u202e'],
];

/** One command of every action, with every string field the fuzz replaces. */
const EVERY_STEP: Command[] = [
  steps.draft(),
  steps.applicability(),
  steps.openComment(20, '时间紧迫'),
  steps.adoptionReport(),
  steps.panel(),
  steps.expertOpinion(actors.expert1),
  steps.risk(),
  steps.submitReview(),
  steps.legalOpinion(),
  steps.legalityOpinion('returned'),
  steps.discussion({ draftHash: h('d'), legalityOpinionHash: h('l') }),
  steps.decide('postpone', { reasons: '待调研' }),
  steps.partyReport(),
  steps.publish(),
  steps.archive(),
  cmd('recordParticipationForm', actors.unit, { form: 'symposium', recordHash: h('symposium') }),
  cmd('withdraw', actors.unit, { reason: '情况变化' } as never),
];
// Every other action, with a payload of the common kinds of field: the check comes before the procedure's own.
const COVERED = new Set(EVERY_STEP.map((c) => c.action));
for (const action of ACTION_NAMES.filter((a) => !COVERED.has(a))) {
  EVERY_STEP.push(cmd(action, actors.unit, { reason: '理由', documentHash: h(action), items: [{ title: '一', note: '二' }] } as never));
}

it('refuses, before accepting it, every step carrying text the record cannot store, in any string field; the decision then moves on', async () => {
  await harness.withWorker(async (taskQueue) => {
    const id = `FUZZ-${randomUUID().slice(0, 8)}`;
    const d = await harness.start(taskQueue, id);
    let cases = 0;
    for (const step of EVERY_STEP) {
      for (const path of stringPaths({ actor: step.actor, payload: step.payload })) {
        for (const [what, bad] of BAD_VALUES) {
          const evil = replaced(step, path, bad);
          const key = `${id}-fuzz-${cases++}`;
          // Signed or not makes no difference to the validator (the API checks signatures); the signature's fields are fuzzed too.
          const signed = { ...evil, signature: { keyId: 'ed25519:fuzz', algorithm: 'ed25519', value: 'AAAA', idempotencyKey: key } };
          const refusal = await refusalOf(sendStep(d.handle, signed as Command, key));
          expect({ what, path: path.join('.'), refusal: refusal?.code }).toEqual({ what, path: path.join('.'), refusal: 'INVALID_PAYLOAD' });
          expect(refusal!.message).toContain(path.join('.'));
        }
      }
    }
    expect(cases).toBeGreaterThan(200);
    // Nothing of it entered the record; the decision takes its next steps as usual. So many refused updates may fill
    // the run, which then continues as new and archives its history: the engine's own entry, not a step.
    expect(await harness.prisma.decisionStep.count({ where: { decisionId: id, action: { not: 'archiveHistory' } } })).toBe(1);
    await d.steps(steps.draft(), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview());
    expect((await d.handle.query(stateQuery)).phase).toBe('legality_review');
  });
}, 180_000);

/** A Prisma client whose next write of a record entry (append_record_entry), once armed, fails as PostgreSQL does on a value it will not store. */
function refusing(prisma: PrismaClient) {
  const state = { armed: false, refused: 0 };
  const client = new Proxy(prisma, {
    get(target, prop, receiver) {
      const original = Reflect.get(target, prop, receiver) as unknown;
      // The append is a hot-path statement (libs/db/prisma.ts): through this proxy, not made by createPrismaClient, by $executeRawUnsafe.
      if (prop !== '$executeRawUnsafe' || typeof original !== 'function') return original;
      return async (sql: string, ...values: unknown[]) => {
        if (!state.armed || !sql.includes('append_record_entry')) return (original as (...a: unknown[]) => Promise<unknown>).call(target, sql, ...values);
        state.armed = false;
        state.refused++;
        // What pg reports for text jsonb cannot hold (seen with NUL and lone surrogates).
        throw Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05', severity: 'ERROR', detail: '\\u0000 cannot be converted to text.' });
      };
    },
  });
  return { client, state };
}

it('a step the database refuses for good is refused at once, not retried for ever, and the decision moves on', async () => {
  const taskQueue = uniqueTaskQueue('refused');
  const db = refusing(harness.appPrisma);
  const worker = await Worker.create({
    connection: harness.env.nativeConnection,
    taskQueue,
    workflowBundle: harness.bundle,
    activities: createActivities({ prisma: db.client, sealKey: harness.sealKey, temporal: harness.env.client }),
  });
  await worker.runUntil(async () => {
    const id = `REFUSED-${randomUUID().slice(0, 8)}`;
    const d = await harness.start(taskQueue, id);
    db.state.armed = true;
    const key = `${id}-draft`;
    const refusal = await refusalOf(sendStep(d.handle, await harness.keyring.sign(id, steps.draft(), key), key));
    expect(db.state.refused).toBe(1); // tried once: a data error is not retried
    expect(refusal).toMatchObject({ code: 'NOT_STORABLE' });
    expect(refusal!.message).toContain('unsupported Unicode escape sequence');
    expect((await d.handle.query(stateQuery)).phase).toBe('drafting');
    expect(await harness.prisma.decisionStep.count({ where: { decisionId: id } })).toBe(1);
    await d.steps(steps.draft(), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview());
    expect((await d.handle.query(stateQuery)).phase).toBe('legality_review');
  });
}, 120_000);

it('a signed step sent again in a later run of the decision is not recorded again', async () => {
  await harness.withWorker(async (taskQueue) => {
    const id = `REPLAY-${randomUUID().slice(0, 8)}`;
    const d = await harness.start(taskQueue, id, undefined, { maxStepsPerRun: 2 });
    await d.steps(steps.draft(), steps.applicability({ pp: true, expert: false, risk: false }));
    const sent: { command: Command; key: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const key = `${id}-form-${i}`;
      const command = await harness.keyring.sign(id, cmd('recordParticipationForm', actors.unit, { form: 'symposium', recordHash: h(`symposium-${i}`) }), key);
      await sendStep(d.handle, command, key);
      sent.push({ command, key });
    }
    const runs = new Set((await harness.prisma.decisionStep.findMany({ where: { decisionId: id }, select: { runId: true } })).map((r) => r.runId));
    expect(runs.size).toBeGreaterThan(2);
    // The signed steps only: each new run archives the one before it with an entry of its own, which may land any time.
    const signedSteps = () => harness.prisma.decisionStep.count({ where: { decisionId: id, action: { not: 'archiveHistory' } } });
    const before = await signedSteps();

    for (const { command, key } of sent) {
      const refusal = await refusalOf(sendStep(d.handle, command, key));
      // Either the current run still knows the Update id (Temporal answers the first result) or the record refuses the key.
      if (refusal) expect(refusal.code).toBe('DUPLICATE_IDEMPOTENCY_KEY');
    }
    expect(await signedSteps()).toBe(before);
    for (const { key } of sent) {
      const held = await harness.prisma.stepIdempotencyKey.findMany({ where: { decisionId: id, idempotencyKey: key }, include: { step: true } });
      expect(held).toHaveLength(1);
      expect(JSON.parse(held[0].step.entry!).signature.idempotencyKey).toBe(key);
    }
  });
}, 120_000);

it('a step that reaches a later run again is answered from the record by the test driver, as by the API (the flake of twelve experts at once)', async () => {
  // Temporal's client sends an Update again until a run accepts it, and knows its id only within a run: a step taken
  // just before its run continued as new can arrive again in the next, where it is refused. The API answers it from
  // the record (DecisionsService.earlierAnswer); the driver the workflow tests use must too, or they fail under load.
  await harness.withWorker(async (taskQueue) => {
    const id = `AGAIN-${randomUUID().slice(0, 8)}`;
    const d = await harness.start(taskQueue, id, undefined, { maxStepsPerRun: 2 });
    await d.steps(steps.draft(), steps.applicability({ pp: true, expert: false, risk: false }));
    const key = `${id}-form`;
    const form = cmd('recordParticipationForm', actors.unit, { form: 'symposium', recordHash: h(`${id}-symposium`) });
    const first = await d.step(form, key);
    await d.step(cmd('recordParticipationForm', actors.unit, { form: 'poll', recordHash: h(`${id}-poll`) }));
    const entries = () => harness.prisma.decisionStep.count({ where: { decisionId: id, action: 'recordParticipationForm' } });
    expect(await entries()).toBe(2);

    // The run that took it has closed: the next one refuses it, naming the key.
    expect((await refusalOf(sendStep(d.handle, await harness.keyring.sign(id, form, key), key)))?.code).toBe('DUPLICATE_IDEMPOTENCY_KEY');
    expect(await d.step(form, key)).toEqual(first);
    expect(await entries()).toBe(2);
    // The refused attempt's recordStep activity stored nothing: the next step takes its seq, and the record verifies
    // (it failed so, the history showing a step recorded there).
    await d.step(cmd('recordParticipationForm', actors.unit, { form: 'questionnaire', recordHash: h(`${id}-questionnaire`) }));
    expect(await entries()).toBe(3);
  });
}, 120_000);
