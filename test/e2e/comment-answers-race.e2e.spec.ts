import type { INestApplication } from '@nestjs/common';
import { MockActivityEnvironment, type TestWorkflowEnvironment } from '@temporalio/testing';
import { Client as Pg } from 'pg';
import request from 'supertest';
import { createRecordActivities } from '../../activities/record.activities';
import { createPrismaClient } from '../../libs/db/prisma';
import type { CommentAnswersSummary, StepEntry } from '../../libs/domain';
import { loadSealKey } from '../../libs/record/seal';
import { PERSON, REGISTRAR } from '../support/auth';
import { actors, cmd, h, steps } from '../support/procedure';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';
import { createTimeSkippingEnv } from '../support/temporal';
import { stepUpdateId } from '../../libs/temporal/steps';

/**
 * An answer moved while the adoption report is on its way (found by the
 * fresh-eyes tester): the API checked the root and sent the step, the record
 * was slow, the API answered 503, the official moved an answer, and the step
 * then landed over answers it did not sign, frozen, the record failing
 * verification. The record's transaction now checks the answers again under
 * their lock and freezes them in the same transaction: a step that finds them
 * moved is refused and nothing recorded; while one is being recorded they
 * cannot move (503); signed again over the answers as they are, the report
 * is taken, and all verifies.
 */
describe('an answer moved while the adoption report is on its way', () => {
  let env: TestWorkflowEnvironment;
  let system: Awaited<ReturnType<typeof startSystem>>;
  let api: INestApplication;
  let unit: TestKey;
  const id = `RACE-${Date.now()}`;
  const saved = process.env.DEPENDENCY_TIMEOUT_SECONDS;
  let n = 0;
  const step = (c: ReturnType<typeof cmd>, key = `${id}-${++n}`) => system.as(c.actor.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, unit, key));

  beforeAll(async () => {
    // The API gives up waiting for a step after 3 s (503, send it again with its key).
    process.env.DEPENDENCY_TIMEOUT_SECONDS = '3';
    env = await createTimeSkippingEnv();
    system = await startSystem({ sealAlgorithm: 'ed25519', temporalAddress: env.address });
    api = system.api;
    await system.as(PERSON).post('/catalog-items').send({ ref: 'C-RACE', year: 2026, title: '票价', organ: '某市人民政府', partyConsentRef: '市委同意' }).expect(201);
    const key = newKey('ed25519');
    unit = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-RACE', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
  }, 120_000);

  afterAll(async () => {
    await system?.close();
    await env?.teardown();
    if (saved === undefined) delete process.env.DEPENDENCY_TIMEOUT_SECONDS;
    else process.env.DEPENDENCY_TIMEOUT_SECONDS = saved;
  });

  it('the late report is refused in the record and nothing is stored; signed again over the answers as they are, it is taken and verifies', async () => {
    for (const c of [steps.draft(), steps.applicability({ expert: false, risk: false }), steps.openComment()]) await step(c).expect(201);
    const receipts: string[] = [];
    for (let i = 0; i < 5; i++) receipts.push((await request(api.getHttpServer()).post(`/decisions/${id}/comments`).send({ text: `第${i}条意见：票价应当听证。` }).expect(201)).body.receipt);
    await env.sleep('33 days');
    await step(steps.closeComment()).expect(201);
    const answers = (body: object) => system.as(actors.unit.id).put(`/decisions/${id}/comment-answers`).send(body);
    await answers({ groupHash: h('票价'), receipts }).expect(200);
    const summary = async () => (await system.as(actors.unit.id).get(`/decisions/${id}/comment-answers`).expect(200)).body as CommentAnswersSummary;
    const report = (s: CommentAnswersSummary) =>
      cmd('submitAdoptionReport', actors.unit, { reportHash: h('report'), groups: s.groups.map((g) => ({ groupHash: g.groupHash, response: 'not_adopted' as const, reason: '已说明', commentCount: g.commentCount })), commentsAnswered: s.commentsAnswered! });
    const signed = report(await summary());
    const pg = new Pg({ connectionString: system.db.url });
    await pg.connect();
    const reports = async () => (await pg.query("SELECT count(*)::int AS n FROM decision_steps WHERE decision_id = $1 AND action = 'submitAdoptionReport'", [id])).rows[0].n as number;
    const frozen = async () => (await pg.query('SELECT count(*)::int AS n FROM comment_answers WHERE decision_id = $1 AND reported', [id])).rows[0].n as number;
    const lockArgs = [id];

    // 1. The step waits to be recorded (its record transaction waits on the answers' lock, held here) and the API
    //    answers 503; meanwhile an answer moves, as it may before the report is stored. Then the record's transaction
    //    finds the answers other than those signed: the step is refused, nothing stored, nothing frozen.
    await pg.query('SELECT pg_advisory_lock(718, hashtext($1))', lockArgs);
    const key = `${id}-report-1`;
    const late = await step(signed, key);
    expect(late.status).toBe(503);
    await pg.query('UPDATE comment_answers SET group_hash = $1 WHERE comment_hash = $2', [h('线路'), receipts[0]]);
    await pg.query('SELECT pg_advisory_unlock(718, hashtext($1))', lockArgs);
    const outcome = await env.client.workflow
      .getHandle(id)
      .getUpdateHandle(stepUpdateId(key, signed))
      .result()
      .then(
        () => 'taken',
        (err: Error) => String((err as { cause?: Error }).cause?.message ?? err.message),
      );
    expect(outcome).toContain('默克尔根');
    // Refused in the procedure's terms, as the API's own check says it: every comment answered (Art. 18), not a record
    // that could not store the step (tester: NOT_STORABLE, Art. 33).
    expect(outcome).toMatch(/^意见研究采纳情况应当对收到的每条意见逐一答复.*\[《重大行政决策程序暂行条例》第十八条/);
    expect(outcome).not.toContain('第三十三条');
    expect(await reports()).toBe(0);
    expect(await frozen()).toBe(0);
    expect((await system.as(PERSON).get(`/decisions/${id}/verify`).expect(200)).body).toMatchObject({ ok: true });
    // The same request again is refused at once, the moved answer named by the root.
    expect((await step(signed, key)).body).toMatchObject({ code: 'COMMENTS_UNANSWERED', message: expect.stringContaining('默克尔根') });

    // 2. Signed over the answers as they are: while its record is held up (the record's table locked here), an answer
    //    cannot move (503, try again); once stored, the answers are frozen with it (409) and everything verifies.
    const now = await summary();
    expect(now.groups.map((g) => g.commentCount).sort()).toEqual([1, 4]);
    const fresh = report(now);
    await pg.query('BEGIN');
    await pg.query('LOCK TABLE decision_steps IN EXCLUSIVE MODE');
    const pending = step(fresh, `${id}-report-2`).then((r) => r);
    await new Promise((r) => setTimeout(r, 1500));
    const busy = await answers({ groupHash: h('票价'), receipts: [receipts[0]] });
    expect(busy.status).toBe(503);
    expect(busy.body.message).toContain('正在记录');
    await pg.query('COMMIT');
    expect([201, 503]).toContain((await pending).status);
    let again = await step(fresh, `${id}-report-2`);
    for (let i = 0; i < 20 && again.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 500));
      again = await step(fresh, `${id}-report-2`);
    }
    expect(again.status).toBe(201);
    expect(await reports()).toBe(1);
    expect(await frozen()).toBe(5);
    await answers({ groupHash: h('票价'), receipts: [receipts[0]] }).expect(409);
    expect((await system.as(PERSON).get(`/decisions/${id}/verify`).expect(200)).body).toMatchObject({ ok: true });

    // 3. The report's record activity run again with its input, as Temporal retries it when the first attempt's answer
    //    was lost after its commit (a worker killed): it finds its entry and answers it, the frozen answers untouched.
    const scheduled = (await env.client.workflow.getHandle(id).fetchHistory()).events!
      .map((e) => e.activityTaskScheduledEventAttributes)
      .filter((a) => a?.activityType?.name === 'recordStep')
      .map((a) => ({ activityId: a!.activityId!, entry: JSON.parse(Buffer.from(a!.input!.payloads![0].data!).toString('utf8')) as StepEntry }))
      .filter((a) => a.entry.action === 'submitAdoptionReport');
    expect(scheduled).toHaveLength(2); // the refused one (1.) and the recorded one
    const recorded = scheduled[1];
    const prisma = createPrismaClient(system.db.appUrl);
    try {
      const record = createRecordActivities({ prisma, sealKey: loadSealKey(process.env.SEAL_KEY_FILE!) });
      await expect(new MockActivityEnvironment({ activityId: recorded.activityId }).run(record.recordStep, recorded.entry)).resolves.toEqual({ seq: recorded.entry.seq });
    } finally {
      await prisma.$disconnect();
    }
    expect([await reports(), await frozen()]).toEqual([1, 5]);
    expect((await system.as(PERSON).get(`/decisions/${id}/verify`).expect(200)).body).toMatchObject({ ok: true });
    await pg.end();
  }, 180_000);
});
