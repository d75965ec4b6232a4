import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { Client as Pg } from 'pg';
import request from 'supertest';
import type { Command } from '../../libs/domain';
import { PROJECT_ROOT } from '../../infra/paths';
import { verifyConsistency, verifyInclusion } from '../../libs/record/merkle';
import { checkpointMessage } from '../../libs/record/seal';
import { signOffMessage, verifySignature } from '../../libs/record/signatures';
import { actors, cmd, h, steps } from '../support/procedure';
import { PERSON, REGISTRAR } from '../support/auth';
import { endorsedKey, endorsedRevocation, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { appoint } from '../support/government';
import { eventually } from '../support/mail';
import { startSystem } from '../support/system';
import { temporalAddress } from '../support/temporal';

/**
 * End to end over HTTP: the real API module and the real worker module, against
 * the real PostgreSQL and the real Temporal dev server the global setup started.
 * Each request carries the access token of the person who makes it: the
 * signing official's for a registration or a step, a registrar's for keys, a
 * test person's for reading.
 */
describe('decisions API, end to end', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let api: INestApplication;
  let temporal: Client;
  let pg: Pg;
  const fields = (id: string) => ({
    id,
    title: '关于调整城市公共交通票价的决定',
    undertakingDepartment: 'hz-jtj',
    catalogRef: '2026-目录-07',
    legalBasis: ['《重大行政决策程序暂行条例》第三条', '《价格法》第二十三条'],
  });
  /** POST /decisions, signed by the undertaking unit's official. */
  const body = (id: string, changes: Partial<ReturnType<typeof fields>> & { profile?: string } = {}) => signedRegistration({ ...fields(id), ...changes }, actors.unit, unitKey);
  /** Requests as the signed-in person `sub`. */
  const as = (sub: string) => system.as(sub);
  const unit = () => as(actors.unit.id);

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'sm2-sm3' });
    api = system.api;
    temporal = new Client({ connection: await Connection.connect({ address: temporalAddress() }) });
    pg = new Pg({ connectionString: system.db.url });
    await pg.connect();
    await as(PERSON)
      .post('/catalog-items')
      .send({ ref: '2026-目录-07', year: 2026, title: '城市公共交通票价调整', organ: '某市人民政府', partyConsentRef: '市委常委会2026年第3次会议同意' })
      .expect(201);
    // The undertaking unit's official signs with SM2, the legality reviewer with Ed25519.
    unitKey = await registerKey(actors.unit.id, newKey('sm2-sm3'));
    reviewerKey = await registerKey(actors.reviewer.id, newKey('ed25519'));
  });

  let unitKey: TestKey;
  let reviewerKey: TestKey;
  async function registerKey(actorId: string, key: Omit<TestKey, 'keyId'>, validity = { validFrom: '2020-01-01T00:00:00Z', validTo: '2099-01-01T00:00:00Z' }): Promise<TestKey> {
    const res = await as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actorId, key, validity)).expect(201);
    return { ...key, keyId: res.body.keyId };
  }

  afterAll(async () => {
    await temporal?.connection.close();
    await pg?.end();
    await system?.close();
  });

  it('registers a decision: 201, the row in PostgreSQL, the workflow in drafting, the activity in its history', async () => {
    const id = `E2E-${Date.now()}`;
    const res = await unit().post('/decisions').send(body(id)).expect(201);
    expect(res.body).toMatchObject({ id, workflowId: id, runId: expect.any(String), registeredAt: expect.any(String) });

    const { rows } = await pg.query('SELECT * FROM decisions WHERE id = $1', [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      title: body(id).title,
      undertaking_department: 'hz-jtj',
      catalog_ref: '2026-目录-07',
      legal_basis: body(id).legalBasis,
      profile: 'national',
      workflow_id: id,
      run_id: res.body.runId,
    });

    const got = await as(PERSON).get(`/decisions/${id}`).expect(200);
    expect(got.body.state).toMatchObject({ id, phase: 'drafting', hold: 'none', profile: 'national', overdue: false });
    expect(got.body.record).toMatchObject({ id, undertakingDepartment: 'hz-jtj', runId: res.body.runId });

    const history = await temporal.workflow.getHandle(id).fetchHistory();
    const events = history.events ?? [];
    const started = events.find((e) => e.workflowExecutionStartedEventAttributes)!.workflowExecutionStartedEventAttributes!;
    expect(started.workflowType?.name).toBe('majorDecision');
    expect(started.taskQueue?.name).toBe(process.env.TEMPORAL_TASK_QUEUE);
    const scheduled = events.filter((e) => e.activityTaskScheduledEventAttributes).map((e) => e.activityTaskScheduledEventAttributes!.activityType?.name);
    expect(scheduled).toEqual(['recordRegistration', 'recordStep']);
    expect(events.some((e) => e.activityTaskCompletedEventAttributes)).toBe(true);
    expect(events.some((e) => e.workflowExecutionUpdateCompletedEventAttributes)).toBe(true);
  });

  it('a duplicate id with another registration gets 409, the same registration again its first receipt, and nothing is started twice', async () => {
    const id = `DUP-${Date.now()}`;
    const [a, b] = await Promise.all([
      unit().post('/decisions').send(body(id)),
      unit().post('/decisions').send(body(id, { title: 'another title' })),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const winner = a.status === 201 ? a : b;
    const loser = winner === a ? body(id, { title: 'another title' }) : body(id);
    const again = await unit().post('/decisions').send(loser).expect(409);
    expect(again.body.message).toBe(`编号为 ${id} 的决策已存在（a decision with id ${id} already exists）`);
    // An id that differs only in case would be mixed up with it wherever named (fresh-eyes tester): 409, naming both.
    const twin = await unit().post('/decisions').send(body(id.toLowerCase())).expect(409);
    expect(twin.body.message).toBe(`id：编号 ${id.toLowerCase()} 与已登记决策的编号 ${id} 仅字母大小写不同，容易混淆，请换用其他编号（id ${id.toLowerCase()} differs from the registered decision ${id} only in case; choose another id）`);
    // Sent at the same moment, two ids differing only in case: one is registered, the other refused (fresh-eyes tester:
    // both were, before registration held a lock per id folded to lower case).
    for (let i = 0; i < 3; i++) {
      const pair = await Promise.all([`CASE-${i}-${id}`, `case-${i}-${id.toLowerCase()}`].map((x) => unit().post('/decisions').send(body(x))));
      expect(pair.map((r) => r.status).sort()).toEqual([201, 409]);
    }
    // The winning registration sent again (a client retrying after a 503, say): the first receipt, nothing started.
    const repeated = await unit().post('/decisions').send(winner === a ? body(id) : body(id, { title: 'another title' })).expect(201);
    expect(repeated.body).toEqual(winner.body);

    const { rows } = await pg.query('SELECT run_id, title FROM decisions WHERE id = $1', [id]);
    expect(rows).toEqual([{ run_id: winner.body.runId, title: winner === a ? body(id).title : 'another title' }]);
    const description = await temporal.workflow.getHandle(id).describe();
    expect(description.runId).toBe(winner.body.runId);
    const history = await temporal.workflow.getHandle(id).fetchHistory();
    expect((history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordRegistration')).toHaveLength(1);
  });

  it('refuses invalid input with 400 and starts nothing', async () => {
    const id = `BAD-${Date.now()}`;
    const res = await unit().post('/decisions').send(body(id, { legalBasis: [] })).expect(400);
    expect(res.body.message).toEqual(['legalBasis：至少列出一项法律、法规、规章或者政策依据（must name at least one law, regulation or policy）']);
    await expect(temporal.workflow.getHandle(id).describe()).rejects.toThrow(/not found/i);
    expect((await pg.query('SELECT 1 FROM decisions WHERE id = $1', [id])).rowCount).toBe(0);
  });

  it('a registration is signed by an official of the undertaking unit it names (Art. 11); otherwise 422 and nothing starts', async () => {
    const id = `SIG-${Date.now()}`;
    const forged = { ...body(id), title: '关于调整票价的另一个决定' }; // changed after signing
    expect((await unit().post('/decisions').send(forged).expect(422)).body).toMatchObject({ code: 'BAD_SIGNATURE', message: expect.stringMatching(/does not match/) });
    const byReviewer = signedRegistration(fields(id), actors.reviewer, reviewerKey);
    expect((await as(actors.reviewer.id).post('/decisions').send(byReviewer).expect(422)).body).toMatchObject({ code: 'WRONG_ROLE', articles: [expect.stringContaining('第十一条')] });
    // Claiming a department the official holds no office in: refused, naming the office missing.
    const claimed = signedRegistration(fields(id), { ...actors.unit, organisation: 'hz-czj' }, unitKey);
    expect((await unit().post('/decisions').send(claimed).expect(422)).body).toMatchObject({ code: 'NO_OFFICE', message: expect.stringMatching(/没有在杭州市财政局（hz-czj）担任决策承办单位/) });
    // Holding that office, but in another department than the one named.
    const financeOfficial = { ...actors.unit, id: 'u-finance', name: '钱财政', organisation: 'hz-czj' };
    await appoint(api, system.registrar, financeOfficial);
    const financeKey = { ...newKey('ed25519') };
    const financeKeyId = (await as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, financeOfficial.id, financeKey)).expect(201)).body.keyId;
    const otherUnit = signedRegistration(fields(id), financeOfficial, { ...financeKey, keyId: financeKeyId });
    expect((await as(financeOfficial.id).post('/decisions').send(otherUnit).expect(422)).body).toMatchObject({ code: 'WRONG_ROLE', message: expect.stringMatching(/not the undertaking unit named/) });
    const { signature: _unsigned, ...unsigned } = body(id);
    expect((await unit().post('/decisions').send(unsigned).expect(400)).body.message).toContain('signature：必须是对象（must be an object）');
    await expect(temporal.workflow.getHandle(id).describe()).rejects.toThrow(/not found/i);
    expect((await pg.query('SELECT 1 FROM decisions WHERE id = $1', [id])).rowCount).toBe(0);
  });

  it("the README's signing tool (dist/infra/sign.js) makes keys and bodies the API accepts", async () => {
    const cli = join(PROJECT_ROOT, 'dist', 'infra', 'sign.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: npm test builds it (npm run build)`);
    const run = (args: string[], input?: unknown) => JSON.parse(execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', input: input === undefined ? undefined : JSON.stringify(input) }));
    const dir = mkdtempSync(join(tmpdir(), 'sign-'));
    const key = run(['keygen', 'sm2-sm3']);
    writeFileSync(join(dir, 'key.json'), JSON.stringify(key));
    const official = { ...actors.unit, id: 'u-cli' };
    writeFileSync(join(dir, 'registrar.json'), JSON.stringify(system.registrar));
    const request_ = { actorId: official.id, algorithm: key.algorithm, publicKey: key.publicKey, validFrom: '2020-01-01T00:00:00Z', validTo: '2099-01-01T00:00:00Z' };
    const registered = await as(REGISTRAR).post('/actor-keys').send(run(['endorse', join(dir, 'registrar.json')], request_)).expect(201);
    expect(registered.body.keyId).toBe(key.keyId);
    // The registrar appoints the official with the same tool.
    const appointment = { id: `ap-${official.id}`, personId: official.id, personName: official.name, role: official.role, organisationId: official.organisation, validFrom: '2020-01-01T00:00:00Z', validTo: '2099-01-01T00:00:00Z' };
    await as(REGISTRAR).post('/appointments').send(run(['appoint', join(dir, 'registrar.json')], appointment)).expect(201);
    const id = `CLI-${Date.now()}`;
    await as(official.id).post('/decisions').send(run(['register', join(dir, 'key.json')], { ...fields(id), actor: official })).expect(201);
    const step = { action: 'submitDraft', actor: official, payload: steps.draft().payload, idempotencyKey: `${id}-draft-1` };
    await as(official.id).post(`/decisions/${id}/steps`).send(run(['step', join(dir, 'key.json'), id], step)).expect(201, { seq: 1, phase: 'drafting', hold: 'none' });
  });

  it("an actor's key is registered and revoked only on a registrar's endorsement of exactly that (403 otherwise)", async () => {
    const http = () => as(REGISTRAR);
    const key = newKey('ed25519');
    const endorsed = endorsedKey(system.registrar, 'u-wu', key);
    const { endorsement: _none, ...unendorsed } = endorsed;
    expect((await http().post('/actor-keys').send(unendorsed).expect(400)).body.message).toContain('endorsement：必须是对象（must be an object）');
    // A public key not of its algorithm's form: said in Chinese first, with the form it should take.
    const sm2Labelled = endorsedKey(system.registrar, 'u-wu', { algorithm: 'ed25519', publicKey: newKey('sm2-sm3').publicKey });
    expect((await http().post('/actor-keys').send(sm2Labelled).expect(400)).body.message).toEqual([expect.stringMatching(/^publicKey：不是有效的 ed25519 公钥：Ed25519 公钥应为 64 位十六进制数字（publicKey: /)]);
    const offCurve = endorsedKey(system.registrar, 'u-wu', { algorithm: 'sm2-sm3', publicKey: `04${'1'.repeat(128)}` });
    expect((await http().post('/actor-keys').send(offCurve).expect(400)).body.message).toEqual([expect.stringMatching(/^publicKey：不是有效的 sm2-sm3 公钥：SM2 公钥应为 04 加 128 位十六进制数字，且是曲线上的点/)]);
    const impostor = { ...newKey('ed25519'), keyId: 'ed25519:not-a-registrar' };
    expect((await http().post('/actor-keys').send(endorsedKey(impostor, 'u-wu', key)).expect(403)).body.message).toMatch(/not a registrar key/);
    expect((await http().post('/actor-keys').send({ ...endorsed, validTo: '2100-01-01T00:00:00Z' }).expect(403)).body.message).toMatch(/does not match/);
    expect((await http().post('/actor-keys').send({ ...endorsed, actorId: 'u-someone-else' }).expect(403)).body.message).toMatch(/does not match/);
    const { keyId } = (await http().post('/actor-keys').send(endorsed).expect(201)).body;
    const stored = (await http().get('/actor-keys?actorId=u-wu').expect(200)).body;
    expect(stored).toEqual([expect.objectContaining({ keyId, endorsedBy: system.registrar.keyId, revokedAt: null })]);
    const revocation = endorsedRevocation(system.registrar, keyId, '调离岗位');
    await http().post(`/actor-keys/${encodeURIComponent(keyId)}/revocation`).send({ ...revocation, reason: '另一个理由' }).expect(403);
    await http().post(`/actor-keys/${encodeURIComponent(keyId)}/revocation`).send(revocation).expect(201);
    expect((await http().get('/registrar-keys').expect(200)).body).toContainEqual(expect.objectContaining({ keyId: system.registrar.keyId, algorithm: 'sm2-sm3', governmentId: 'hz' }));
  });

  it('registers only decisions from the catalog (Art. 3); an adjustment adds the item first', async () => {
    const id = `CAT-${Date.now()}`;
    const res = await unit().post('/decisions').send(body(id, { catalogRef: '2026-目录-99' })).expect(422);
    expect(res.body).toMatchObject({ code: 'PREREQUISITE_MISSING', articles: ['《重大行政决策程序暂行条例》第三条 (Decree No. 713, Art. 3)'] });
    await expect(temporal.workflow.getHandle(id).describe()).rejects.toThrow(/not found/i);
    const item = { ref: '2026-目录-99', year: 2026, title: '防汛设施建设', organ: '某市人民政府', partyConsentRef: '市委同意', adjustmentReason: '汛情变化，年中调整目录' };
    const first = (await as(PERSON).post('/catalog-items').send(item).expect(201)).body;
    // The same item again (公布 clicked twice: the second click's 409 replaced the first's success, fresh-eyes tester): the first answer.
    expect((await as(PERSON).post('/catalog-items').send(item).expect(201)).body).toEqual(first);
    // Pasted with white space around its texts, it is the same item: kept without it (retest: stored with it).
    const padded = { ...item, title: ` ${item.title}\u3000`, organ: `${item.organ} `, partyConsentRef: `\t${item.partyConsentRef}\n`, adjustmentReason: ` ${item.adjustmentReason}` };
    expect((await as(PERSON).post('/catalog-items').send(padded).expect(201)).body).toEqual(first);
    expect(first).toMatchObject({ title: item.title, organ: item.organ, partyConsentRef: item.partyConsentRef });
    expect((await as(PERSON).post('/catalog-items').send({ ...item, ref: '2026-目录-98', title: ' \u3000 ' }).expect(400)).body.message).toEqual([expect.stringMatching(/title：只有空白/)]);
    expect((await as(PERSON).post('/catalog-items').send({ ref: '2026-目录-99', year: 2026, title: 'x', organ: 'y', partyConsentRef: '市委常委会另一次会议同意' }).expect(409)).body.message).toMatch(/^决策事项目录中已有 2026-目录-99，内容与本次提交的不同/);
    await as(PERSON).post('/catalog-items').send({ ...item, adjustmentReason: undefined }).expect(409);
    await unit().post('/decisions').send(body(id, { catalogRef: '2026-目录-99' })).expect(201);
    const items = await request(api.getHttpServer()).get('/catalog-items?year=2026').expect(200); // the catalog is public
    expect(items.body.map((i: { ref: string }) => i.ref)).toEqual(['2026-目录-07', '2026-目录-99']);
  });

  it('answers 404 for an unknown id', async () => {
    await as(PERSON).get('/decisions/NO-SUCH-1').expect(404);
    await unit().post('/decisions/NO-SUCH-1/steps').send(signedStep('NO-SUCH-1', cmd('withdraw', actors.unit, { reason: 'x' }), unitKey, 'key-00001')).expect(404);
  });

  it('refuses a step on a closed decision as closed, saying why (Art. 10), and keeps the refusal: not 404 (fresh-eyes tester)', async () => {
    const id = `CLOSED-${Date.now()}`;
    await unit().post('/decisions').send(body(id)).expect(201);
    await as(actors.mayor.id).post(`/decisions/${id}/steps`).send(signedStep(id, cmd('withdraw', actors.mayor, { reason: '政策调整' }), await system.keyOf(actors.mayor.id), 'closed-00001')).expect(201);
    // The workflow finishes once nothing is left to wake it for: a step sent after that still hears why.
    await eventually(async () => (await temporal.workflow.getHandle(id).describe()).status.name === 'COMPLETED', 20_000, 'the withdrawn decision’s workflow to complete');
    const late = await unit().post(`/decisions/${id}/steps`).send(signedStep(id, cmd('submitDraft', actors.unit, steps.draft().payload as never), unitKey, 'closed-00002'));
    expect([late.status, late.body.code, late.body.message]).toEqual([422, 'CLOSED', expect.stringMatching(/^决策事项已撤回，决策程序已经终止/)]);
    expect(late.body.articles).toEqual(['《重大行政决策程序暂行条例》第十条 (Decree No. 713, Art. 10)']);
    const kept = (await as(PERSON).get(`/decisions/${id}/refusals`).expect(200)).body as { action: string; code: string }[];
    expect(kept.map((r) => [r.action, r.code])).toEqual([['submitDraft', 'CLOSED']]);
  });

  describe('steps', () => {
    const http = () => as(PERSON);
    /** A step, sent by the official it names (signed in as them). */
    const step = (id: string, c: Command, idempotencyKey: string, key: TestKey = unitKey) => as(c.actor.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, key, idempotencyKey));

    it('accepts a step, records it, and answers a repeated request with the first result', async () => {
      const id = `STEP-${Date.now()}`;
      // An item of this year's catalog, added during the year (it says why).
      const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
      const catalogRef = `${year}-目录-${id}`;
      await as(PERSON).post('/catalog-items').send({ ref: catalogRef, year, title: '城市公共交通票价调整', organ: '某市人民政府', partyConsentRef: '市委同意', adjustmentReason: '年中调整目录' }).expect(201);
      // Shandong's rules are that province's own (Art. 43): a Hangzhou department (division 330100) does not take them.
      const elsewhere = await unit().post('/decisions').send(body(id, { profile: 'shandong', catalogRef })).expect(422);
      expect(elsewhere.body).toMatchObject({ code: 'INVALID_PAYLOAD', articles: expect.arrayContaining(['《重大行政决策程序暂行条例》第四十三条 (Decree No. 713, Art. 43)']) });
      expect(elsewhere.body.message).toMatch(/^profile：山东省的程序规则（shandong）.*杭州市人民政府（hz）行政区划代码330100，不在该行政区域内/);
      await expect(temporal.workflow.getHandle(id).describe()).rejects.toThrow(/not found/i);
      // And the other way round: were Hangzhou in Shandong (Jinan's division, 370100, for a moment), the national
      // baseline would be refused it, Shandong's own rules binding its governments (Art. 43).
      await pg.query(`UPDATE organisations SET credit_code = '113701000024820005' WHERE id = 'hz'`);
      try {
        const national = await unit().post('/decisions').send(body(id, { catalogRef })).expect(422);
        expect(national.body.message).toMatch(/^profile：本决策的决策机关杭州市人民政府（hz）位于山东省（行政区划代码370100）.*应当适用其程序规则（profile 为 shandong）/);
      } finally {
        await pg.query(`UPDATE organisations SET credit_code = '11330100002482000L' WHERE id = 'hz'`);
      }
      await unit().post('/decisions').send(body(id, { catalogRef })).expect(201);
      const first = await step(id, steps.draft(), `${id}-draft`).expect(201);
      expect(first.body).toEqual({ seq: 1, phase: 'drafting', hold: 'none' });
      const again = await step(id, steps.draft(), `${id}-draft`).expect(201);
      expect(again.body).toEqual(first.body);
      const { rows } = await pg.query('SELECT seq, action, actor_id FROM decision_steps WHERE decision_id = $1 ORDER BY seq', [id]);
      expect(rows).toEqual([
        { seq: 0, action: 'register', actor_id: actors.unit.id },
        { seq: 1, action: 'submitDraft', actor_id: actors.unit.id },
      ]);
      const timeline = await http().get(`/decisions/${id}/timeline`).expect(200);
      expect(timeline.body.map((t: { action: string }) => t.action)).toEqual(['submitDraft']);
      expect(timeline.body[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+08:00$/);
      const tasks = await http().get(`/decisions/${id}/tasks`).expect(200);
      expect(tasks.body).toContainEqual(expect.objectContaining({ role: 'undertaking_unit', action: 'declareApplicability' }));
      expect((await http().get(`/decisions/${id}`).expect(200)).body.state.profile).toBe('national');

      // The entry carries the actor's signature, which anyone can check again from the record and the public key.
      const { rows: [row] } = await pg.query('SELECT entry FROM decision_steps WHERE decision_id = $1 AND seq = 1', [id]);
      const entry = JSON.parse(row.entry);
      expect(entry.signature).toMatchObject({ keyId: unitKey.keyId, algorithm: 'sm2-sm3', idempotencyKey: `${id}-draft` });
      const message = signOffMessage({ decisionId: id, action: entry.action, actor: entry.actor, payload: entry.payload, idempotencyKey: entry.signature.idempotencyKey });
      expect(verifySignature('sm2-sm3', unitKey.publicKey, message, entry.signature.value)).toBe(true);
    });

    it('refuses an illegal step with 422 naming the article, and keeps the attempt for inspectors', async () => {
      const id = `REFUSE-${Date.now()}`;
      await unit().post('/decisions').send(body(id)).expect(201);
      const res = await step(id, steps.submitReview(), `${id}-early-review`).expect(422);
      expect(res.body).toMatchObject({
        statusCode: 422,
        code: 'WRONG_STAGE',
        articles: expect.arrayContaining(['《重大行政决策程序暂行条例》第二十五条 (Decree No. 713, Art. 25)']),
      });
      const refusals = await http().get(`/decisions/${id}/refusals`).expect(200);
      expect(refusals.body).toEqual([expect.objectContaining({ action: 'submitForLegalityReview', actorId: actors.unit.id, code: 'WRONG_STAGE' })]);
      expect((await pg.query('SELECT count(*)::int AS n FROM decision_steps WHERE decision_id = $1', [id])).rows[0].n).toBe(1);
    });

    it('refuses a step with a bad signature, a key of someone else, or a revoked or expired key, and keeps each attempt apart, under no name', async () => {
      const id = `SIG-${Date.now()}`;
      await unit().post('/decisions').send(body(id)).expect(201);
      const forged = signedStep(id, steps.draft(), unitKey, `${id}-1`);
      const forgedBody = { ...forged, payload: { ...forged.payload, documentHash: h('another draft') } };
      const reasons = [(await unit().post(`/decisions/${id}/steps`).send(forgedBody).expect(422)).body.message];
      reasons.push((await step(id, steps.draft(), `${id}-2`, reviewerKey).expect(422)).body.message);
      const revoked = await registerKey(actors.unit.id, newKey('ed25519'));
      await as(REGISTRAR).post(`/actor-keys/${encodeURIComponent(revoked.keyId)}/revocation`).send(endorsedRevocation(system.registrar, revoked.keyId, '密钥介质遗失')).expect(201);
      reasons.push((await step(id, steps.draft(), `${id}-3`, revoked).expect(422)).body.message);
      const expired = await registerKey(actors.unit.id, newKey('sm2-sm3'), { validFrom: '2020-01-01T00:00:00Z', validTo: '2021-01-01T00:00:00Z' });
      reasons.push((await step(id, steps.draft(), `${id}-4`, expired).expect(422)).body.message);
      expect(reasons).toEqual([
        expect.stringMatching(/does not match the step/),
        expect.stringMatching(/belongs to another actor/),
        // Times in Beijing time, with their offset (fresh-eyes tester: 已于 2026-12-06T00:07:52.297Z 撤销).
        expect.stringMatching(/已于 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?\+08:00 撤销.*was revoked on .*\+08:00/),
        expect.stringMatching(/有效期为 2020-01-01T08:00:00\+08:00 至 2021-01-01T08:00:00\+08:00.*is valid from 2020-01-01T08:00:00\+08:00 to 2021-01-01T08:00:00\+08:00/),
      ]);
      // The same signed request under another idempotency key does not pass: the key is part of what is signed.
      const replayed = { ...signedStep(id, steps.draft(), unitKey, `${id}-5`), idempotencyKey: `${id}-6` };
      expect((await unit().post(`/decisions/${id}/steps`).send(replayed).expect(422)).body).toMatchObject({ code: 'BAD_SIGNATURE', articles: [expect.stringContaining('第三十三条'), expect.any(String)] });
      // A signature that does not hold is never recorded under the official's name: each attempt is kept apart, under the caller.
      expect((await http().get(`/decisions/${id}/refusals`).expect(200)).body).toEqual([]);
      const { rows: apart } = await pg.query('SELECT reason, caller_sub, claimed_actor_id, code FROM unattributed_attempts WHERE decision_id = $1 ORDER BY id', [id]);
      expect(apart).toEqual(Array(5).fill({ reason: 'bad_signature', caller_sub: actors.unit.id, claimed_actor_id: actors.unit.id, code: 'BAD_SIGNATURE' }));
      await step(id, steps.draft(), `${id}-7`).expect(201);
    });

    it('the global log: signed checkpoints, inclusion and consistency proofs anyone can check with the system key', async () => {
      const id = `LOG-${Date.now()}`;
      await unit().post('/decisions').send(body(id)).expect(201);
      await step(id, steps.draft(), `${id}-draft`).expect(201);
      const { rows } = await pg.query('SELECT count(*)::int AS n FROM log_leaves');
      const checkpointCovering = async (size: number) => {
        for (let i = 0; i < 100; i++) {
          const res = await http().get('/log/checkpoint');
          if (res.status === 200 && res.body.treeSize >= size) return res.body;
          await new Promise((r) => setTimeout(r, 200));
        }
        throw new Error(`no checkpoint covering ${size} leaves`);
      };
      const first = await checkpointCovering(rows[0].n);
      const [systemKey] = (await http().get('/system-keys').expect(200)).body;
      expect(systemKey).toMatchObject({ keyId: first.keyId, algorithm: 'sm2-sm3' });
      expect(verifySignature('sm2-sm3', systemKey.publicKey, checkpointMessage(first), first.signature)).toBe(true);

      const inc = (await http().get(`/decisions/${id}/steps/1/inclusion?treeSize=${first.treeSize}`).expect(200)).body;
      const hex = (x: string) => Buffer.from(x, 'hex');
      expect(verifyInclusion(inc.leafIndex, inc.treeSize, hex(inc.leafHash), inc.proof.map(hex), hex(first.rootHash))).toBe(true);

      await step(id, steps.applicability(), `${id}-applicability`).expect(201);
      const second = await checkpointCovering(first.treeSize + 1);
      const cons = (await http().get(`/log/consistency?first=${first.treeSize}&second=${second.treeSize}`).expect(200)).body;
      expect(verifyConsistency(first.treeSize, second.treeSize, cons.proof.map(hex), hex(first.rootHash), hex(second.rootHash))).toBe(true);
      await http().get('/log/consistency?first=0&second=2').expect(400);
      await http().get(`/decisions/${id}/steps/99/inclusion`).expect(404);
    });

    it('refuses a bad envelope with 400 before it reaches the workflow', async () => {
      const id = `ENVELOPE-${Date.now()}`;
      await unit().post('/decisions').send(body(id)).expect(201);
      const res = await unit().post(`/decisions/${id}/steps`).send({ action: 'approveEverything', actor: { id: 'x' }, payload: 'no', idempotencyKey: 'k' }).expect(400);
      for (const field of ['action', 'actor.name', 'actor.role', 'actor.organisation', 'payload', 'signature', 'idempotencyKey']) {
        expect(res.body.message.some((m: string) => m.startsWith(field))).toBe(true);
      }
      expect((await http().get(`/decisions/${id}/refusals`).expect(200)).body).toEqual([]);
    });

    it('a matter type from the catalog item (Art. 3 para. 2): housing expropriation is registered with it, signed, and its Regulations rule the steps', async () => {
      const M = 'housing-expropriation';
      const item = { ref: '2027-目录-征收', year: 2027, title: '旧城片区国有土地上房屋征收', organ: '某市人民政府', partyConsentRef: '市委同意' };
      const bad = await as(PERSON).post('/catalog-items').send({ ...item, matterTypes: ['casino-licence'] }).expect(400);
      expect(bad.body.message.some((m: string) => m.startsWith('matterTypes：每一项都必须是以下之一'))).toBe(true);
      // The years every instant and list stop at (2199): a catalog of a year no decision could be registered in is refused.
      const late = await as(PERSON).post('/catalog-items').send({ ...item, year: 2200 }).expect(400);
      expect(late.body.message).toEqual([expect.stringMatching(/^year：.*2199/)]);
      // Nor one for years ahead (statute tester: 2030's, in 2026), nor an item whose ref or title looks like another's
      // (fresh-eyes tester: '2026-目录-07 ', '2026－目录－07', a title with a bell in it).
      const ahead = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() + 2;
      const early = await as(PERSON).post('/catalog-items').send({ ...item, year: ahead }).expect(400);
      expect(early.body.message).toEqual([expect.stringMatching(new RegExp(`^year：决策事项目录按年度编制.*不能编制 ${ahead} 年度的目录（第三条）`))]);
      // The Party committee's consent named, not a placeholder (statute tester: 党委同意：无 on the portal).
      for (const partyConsentRef of ['无', '略', 'N/A']) {
        const none = await as(PERSON).post('/catalog-items').send({ ...item, partyConsentRef }).expect(400);
        expect(none.body.message).toEqual([expect.stringMatching(/^partyConsentRef：“.*”没有载明内容；应当写明同级党委同意的会议或者文件/)]);
      }
      for (const ref of [`${item.ref} `, ` ${item.ref}`, `${item.ref}\u00a0`, item.ref.replace('-', '－'), item.ref.replace('-', '\u2014'), '2027-\u0422\u0415\u0421\u0422', '2027/目录/征收', '../../x']) {
        const alike = await as(PERSON).post('/catalog-items').send({ ...item, ref }).expect(400);
        expect([ref, alike.body.message]).toEqual([ref, [expect.stringMatching(/^ref：必须是目录编号：不含空格、斜杠，使用半角字符/)]]);
      }
      for (const title of ['旧城片区\u2800房屋征收', '旧城片区\u2028房屋征收', '\ufeff旧城片区房屋征收', '旧城\u200b片区房屋征收']) {
        const odd = await as(PERSON).post('/catalog-items').send({ ...item, title }).expect(400);
        expect(odd.body.message).toEqual([expect.stringMatching(/^title：不得含有控制字符、换行符、零宽字符/)]);
      }
      // A control character is refused in any text, before the field's own check.
      expect((await as(PERSON).post('/catalog-items').send({ ...item, title: '旧城片区\u0007房屋征收' }).expect(400)).body.message).toEqual([expect.stringMatching(/^body\.title：含有控制字符/)]);
      await as(PERSON).post('/catalog-items').send({ ...item, matterTypes: [M] }).expect(201);
      const items = await request(api.getHttpServer()).get('/catalog-items?year=2027').expect(200);
      expect(items.body).toEqual([expect.objectContaining({ ref: item.ref, matterTypes: [M] })]);
      // The same item with its matter types in another order is the same item (retest: 409, "other content").
      const two = { ...item, ref: `${item.ref}-2`, matterTypes: [M, 'major-livelihood'] };
      const first = (await as(PERSON).post('/catalog-items').send(two).expect(201)).body;
      expect((await as(PERSON).post('/catalog-items').send({ ...two, matterTypes: ['major-livelihood', M] }).expect(201)).body).toEqual(first);
      // Nor a ref differing only in case from an item published (retest: 2026-ml-07 beside 2026-ML-07).
      expect((await as(PERSON).post('/catalog-items').send({ ...item, ref: item.ref.replace('征收', 'ZS') }).expect(201)).body.ref).toBe('2027-目录-ZS');
      expect((await as(PERSON).post('/catalog-items').send({ ...item, ref: '2027-目录-zs' }).expect(409)).body.message).toMatch(/^ref：目录编号 2027-目录-zs 与已有的 2027-目录-ZS 只有大小写不同/);

      const id = `HOUSE-${Date.now()}`;
      const housing = { ...fields(id), title: '关于旧城片区房屋征收的决定', catalogRef: item.ref, legalBasis: ['《国有土地上房屋征收与补偿条例》'] };
      // The registration names the item's matter types, and signs them: one that leaves them out starts nothing.
      const without = await unit().post('/decisions').send(signedRegistration(housing, actors.unit, unitKey)).expect(422);
      expect(without.body).toMatchObject({ code: 'INVALID_PAYLOAD', message: expect.stringContaining(`目录事项 ${item.ref} 的事项类型为${M}`) });
      await expect(temporal.workflow.getHandle(id).describe()).rejects.toThrow(/not found/i);
      await unit().post('/decisions').send(signedRegistration({ ...housing, matterTypes: [M] }, actors.unit, unitKey)).expect(201);
      const { rows: [reg] } = await pg.query('SELECT payload FROM decision_steps WHERE decision_id = $1 AND seq = 0', [id]);
      expect(reg.payload).toMatchObject({ catalogRef: item.ref, matterTypes: [M] });

      await step(id, steps.draft(), `${id}-draft`).expect(201);
      const noRisk = await step(id, steps.applicability({ risk: false }), `${id}-applicability-0`).expect(422);
      expect(noRisk.body).toMatchObject({ code: 'PREREQUISITE_MISSING', articles: [expect.stringContaining('《国有土地上房屋征收与补偿条例》第十二条第一款')] });
      await step(id, steps.applicability(), `${id}-applicability`).expect(201);
      const unargued = await step(id, steps.openComment(30), `${id}-comment-0`).expect(422);
      expect(unargued.body.message).toContain('征收补偿方案论证');
      // The organisation that organised it is a registered one: an id no registrar entered is refused, naming the field.
      const unknownOrganiser = await step(id, steps.matterStep(M, 'plan-argumentation', undefined, 'hz-nowhere'), `${id}-argued-0`).expect(422);
      expect(unknownOrganiser.body).toMatchObject({ code: 'INVALID_PAYLOAD', message: expect.stringMatching(/^organisedBy：没有编号为 hz-nowhere 的已登记机构/) });
      expect(unknownOrganiser.body.articles.join(' ')).toContain('第三条第二款');
      await step(id, steps.matterStep(M, 'plan-argumentation'), `${id}-argued`).expect(201);
      const short = await step(id, steps.openComment(20, '时间紧迫'), `${id}-comment-1`).expect(422);
      expect(short.body).toMatchObject({ code: 'NOTICE_TOO_SHORT', message: expect.stringMatching(/^征收补偿方案征求意见期限不得少于30日（《国有土地上房屋征收与补偿条例》第十条）/) });
      await step(id, steps.openComment(30), `${id}-comment`).expect(201);
      const { rows } = await pg.query('SELECT action FROM decision_steps WHERE decision_id = $1 ORDER BY seq', [id]);
      expect(rows.map((r: { action: string }) => r.action)).toEqual(['register', 'submitDraft', 'declareApplicability', 'recordMatterStep', 'openPublicComment']);
      expect((await http().get(`/decisions/${id}/refusals`).expect(200)).body.map((r: { code: string }) => r.code)).toEqual(['PREREQUISITE_MISSING', 'PREREQUISITE_MISSING', 'INVALID_PAYLOAD', 'NOTICE_TOO_SHORT']);
    });
  });
});
