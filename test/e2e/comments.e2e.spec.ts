import type { INestApplication } from '@nestjs/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Client as Pg } from 'pg';
import request from 'supertest';
import { actors, cmd, h, steps } from '../support/procedure';
import { PERSON, REGISTRAR } from '../support/auth';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';
import { createTimeSkippingEnv } from '../support/temporal';

/**
 * The public's part, over HTTP: comments during the period, each with a
 * receipt; an adoption report that must answer every comment; a receipt traced
 * to its answer. The system runs against the time-skipping Temporal server, so
 * the 30-day period really passes.
 */
describe('public comments and what became of them', () => {
  let env: TestWorkflowEnvironment;
  let system: Awaited<ReturnType<typeof startSystem>>;
  let api: INestApplication;
  let unit: TestKey;
  const id = `CMT-${Date.now()}`;
  /** The public: no token (commenting and tracing a receipt are public). */
  const http = () => request(api.getHttpServer());
  let n = 0;
  const step = (c: ReturnType<typeof cmd>) => system.as(c.actor.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, unit, `${id}-${++n}`));

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    system = await startSystem({ sealAlgorithm: 'ed25519', temporalAddress: env.address });
    api = system.api;
    await system.as(PERSON).post('/catalog-items').send({ ref: 'C-CMT', year: 2026, title: '票价', organ: '某市人民政府', partyConsentRef: '市委同意' }).expect(201);
    const key = newKey('ed25519');
    unit = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-CMT', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
  }, 120_000);

  afterAll(async () => {
    await system?.close();
    await env?.teardown();
  });

  it('comments only while the period runs; the report must answer each; a receipt leads to its answer', async () => {
    // Before the draft is put out for comment, the public is answered as for a decision that does not exist.
    await http().post(`/decisions/${id}/comments`).send({ text: '太早了' }).expect(404);
    await http().get(`/decisions/${id}/consultation`).expect(404);
    await step(steps.draft()).expect(201);
    await step(steps.applicability({ expert: false, risk: false })).expect(201);
    expect((await http().get('/consultations').expect(200)).body).toEqual([]);
    await step(steps.openComment()).expect(201);

    // The public portal's view: the draft open for comment, its documents' hashes, the period's last day.
    const open = (await http().get(`/decisions/${id}/consultation`).expect(200)).body;
    expect(open).toMatchObject({
      decisionId: id,
      title: '关于调整票价的决定',
      undertakingDepartment: actors.unit.organisation,
      undertakingDepartmentName: '杭州市交通运输局',
      draftVersion: 1,
      documentHash: h('draft-1'),
      explanationHash: h('explanation-1'),
      alternatives: [{ title: '方案一', documentHash: h('alt-1') }, { title: '方案二', documentHash: h('alt-2') }],
      comparisonHash: h('comparison'),
      channels: ['市政府网站'],
      days: 30,
      open: true,
      openedAt: expect.stringMatching(/\+08:00$/),
      periodEnds: expect.stringMatching(/T00:00:00\+08:00$/),
      lastDay: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      adoptionReport: null,
    });
    expect((await http().get('/consultations').expect(200)).body).toEqual([open]);

    const a = (await http().post(`/decisions/${id}/comments`).send({ text: '建议对老年人保留优惠票价。' }).expect(201)).body;
    // A letter is entered by an official of the undertaking unit, signed in, who is kept with it; anyone else marking
    // a comment as a letter, a call or a visit is refused (statute tester: an anonymous web comment taken as a call).
    for (const as of [http(), system.as(PERSON), system.as('u-finance')]) {
      const claimed = await as.post(`/decisions/${id}/comments`).send({ text: '线路调整应先听证。', channel: 'phone' }).expect(403);
      expect(claimed.body.message).toMatch(/^信件、电话、电子邮件、传真、来访等渠道收到的意见，由决策承办单位的工作人员登录后录入/);
    }
    const b = (await system.as(actors.unit.id).post(`/decisions/${id}/comments`).send({ text: '线路调整应先听证。', channel: 'letter' }).expect(201)).body;
    // Each letter entered is a comment of its own, however alike (retest: a second citizen's identical letter, a call and
    // a website comment from the same desk were all folded into the first letter).
    const again = (await system.as(actors.unit.id).post(`/decisions/${id}/comments`).send({ text: '线路调整应先听证。', channel: 'phone' }).expect(201)).body;
    const online = (await http().post(`/decisions/${id}/comments`).send({ text: '线路调整应先听证。' }).expect(201)).body;
    expect(new Set([b.receipt, again.receipt, online.receipt]).size).toBe(3);
    const pg = new Pg({ connectionString: system.db.url });
    await pg.connect();
    try {
      const enteredBy = async (receipt: string) => (await pg.query<{ entered_by: string | null }>('SELECT entered_by FROM public_comments WHERE hash = $1', [receipt])).rows;
      expect([await enteredBy(a.receipt), await enteredBy(b.receipt)]).toEqual([[{ entered_by: null }], [{ entered_by: actors.unit.id }]]);
    } finally {
      await pg.end();
    }
    expect(a).toMatchObject({ receipt: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), draftVersion: 1 });
    // Times in the decision's time zone, as the consultation gives them (fresh-eyes tester: the receipt's were UTC).
    expect(a).toMatchObject({ submittedAt: expect.stringMatching(/\+08:00$/), periodEnds: open.periodEnds });
    await http().post(`/decisions/${id}/comments`).send({ text: '' }).expect(400);
    // Where it came in is one of a list, not whatever the sender writes (fresh-eyes tester: '<script>…', '人大代表转交').
    for (const channel of ['<script>alert(1)</script>', '人大代表转交']) {
      expect((await http().post(`/decisions/${id}/comments`).send({ text: '渠道不明的意见', channel }).expect(400)).body.message).toEqual([expect.stringMatching(/^channel：必须是以下之一：website、letter/)]);
    }

    await env.sleep('33 days');
    await http().post(`/decisions/${id}/comments`).send({ text: '截止后' }).expect(422);
    expect((await http().get(`/decisions/${id}/consultation`).expect(200)).body).toMatchObject({ open: false, lastDay: open.lastDay });
    expect((await http().get('/consultations').expect(200)).body).toEqual([]);
    await step(steps.closeComment()).expect(201);

    const report = (groups: { groupHash: string; response: 'adopted' | 'not_adopted'; reason?: string; commentHashes: string[] }[]) =>
      cmd('submitAdoptionReport', actors.unit, { reportHash: h('adoption report'), groups });
    const missing = await step(report([{ groupHash: h('fares'), response: 'adopted', commentHashes: [a.receipt] }])).expect(422);
    expect(missing.body).toMatchObject({ code: 'COMMENTS_UNANSWERED', message: expect.stringContaining('answered by no group') });
    await step(report([{ groupHash: h('fares'), response: 'adopted', commentHashes: [a.receipt, h('not a comment')] }])).expect(422);
    await step(report([
      { groupHash: h('fares'), response: 'adopted', commentHashes: [a.receipt] },
      { groupHash: h('routes'), response: 'not_adopted', reason: '线路调整不在本决策范围', commentHashes: [b.receipt, again.receipt, online.receipt] },
    ])).expect(201);

    // The portal's view of the consultation now carries the report (Art. 18): its hash and each group's answer.
    expect((await http().get(`/decisions/${id}/consultation`).expect(200)).body.adoptionReport).toEqual({
      reportHash: h('adoption report'),
      draftVersion: 1,
      submittedAt: expect.stringMatching(/\+08:00$/),
      groups: [
        { groupHash: h('fares'), response: 'adopted', reason: null, comments: 1 },
        { groupHash: h('routes'), response: 'not_adopted', reason: '线路调整不在本决策范围', comments: 3 },
      ],
    });

    const traced = (await http().get(`/comments/${b.receipt}`).expect(200)).body;
    expect(traced).toMatchObject({
      comment: { text: '线路调整应先听证。', channel: 'letter' },
      answer: { groupHash: h('routes'), response: 'not_adopted', reason: '线路调整不在本决策范围', entryHash: expect.stringMatching(/^sha256:/) },
    });
    await http().get(`/comments/sha256:${'0'.repeat(64)}`).expect(404);
  }, 120_000);
});
