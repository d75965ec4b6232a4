import type { INestApplication } from '@nestjs/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { hash } from 'node:crypto';
import { Client as Pg } from 'pg';
import request from 'supertest';
import type { CommentAnswersSummary, CommentCluster, CommentListItem, CommentTrace } from '../../libs/domain';
import { verifyBundle, type DecisionBundle } from '../../libs/record/bundle';
import { verifyAnswerProof } from '../../libs/record/comment-answers';
import { canonicalize } from '../../libs/record/jcs';
import { generateCorpus } from '../../libs/comments/corpus';
import { exactKey, signature } from '../../libs/comments/similarity';
import { PERSON, REGISTRAR } from '../support/auth';
import { actors, cmd, h, steps } from '../support/procedure';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';
import { createTimeSkippingEnv } from '../support/temporal';

/**
 * The adoption report at volume (Art. 18), over HTTP against real PostgreSQL
 * and the time-skipping Temporal server: more comments than a request could
 * list (a campaign of near-identical texts among them), answered in batches
 * and by cluster, the report signing their root; the workflow history no
 * longer than with ten comments; nothing turned away unsaid; the answers
 * frozen with the report and checked offline.
 */
describe('public comments at volume and the adoption report that answers them all', () => {
  let env: TestWorkflowEnvironment;
  let system: Awaited<ReturnType<typeof startSystem>>;
  let api: INestApplication;
  let unit: TestKey;
  const run = Date.now();
  const big = `VOL-${run}`;
  const small = `VOL10-${run}`;
  const saved = { limit: process.env.PUBLIC_RATE_LIMIT, proxy: process.env.TRUST_PROXY };
  let n = 0;
  const step = (id: string, c: ReturnType<typeof cmd>) => system.as(c.actor.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, unit, `${id}-${++n}`));
  /** A member of the public at their own address (the API trusts the loopback proxy's X-Forwarded-For). */
  const citizen = (address: string) => ({
    comment: (id: string, text: string) => request(api.getHttpServer()).post(`/decisions/${id}/comments`).set('X-Forwarded-For', address).send({ text }),
    trace: (receipt: string) => request(api.getHttpServer()).get(`/comments/${receipt}`).set('X-Forwarded-For', address),
  });
  let addresses = 0;
  const nextCitizen = () => citizen(`10.${(++addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`);

  beforeAll(async () => {
    // Five requests a minute per client and endpoint: each citizen below comments once, one of them eight times.
    Object.assign(process.env, { PUBLIC_RATE_LIMIT: '5', TRUST_PROXY: 'loopback' });
    env = await createTimeSkippingEnv();
    system = await startSystem({ sealAlgorithm: 'ed25519', temporalAddress: env.address });
    api = system.api;
    await system.as(PERSON).post('/catalog-items').send({ ref: 'C-VOL', year: 2026, title: '票价', organ: '某市人民政府', partyConsentRef: '市委同意' }).expect(201);
    const key = newKey('ed25519');
    unit = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
    for (const id of [big, small]) {
      await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id, title: `关于调整票价的决定（${id}）`, undertakingDepartment: actors.unit.organisation, catalogRef: 'C-VOL', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
      for (const c of [steps.draft(), steps.applicability({ expert: false, risk: false }), steps.openComment()]) await step(id, c).expect(201);
    }
  }, 180_000);

  afterAll(async () => {
    await system?.close();
    await env?.teardown();
    for (const [k, v] of [['PUBLIC_RATE_LIMIT', saved.limit], ['TRUST_PROXY', saved.proxy]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  /** A campaign: one text sent by hundreds, copied with spacing, punctuation, full-width letters or a word changed. */
  const CAMPAIGN = '我们坚决反对这次公交票价上涨方案。老年人、学生和低收入家庭每天都要乘坐公交车上下班上学，票价从二元涨到三元，每月多出的交通费用对普通家庭是很大的负担。请市政府保留现行票价，或者至少对老年人和学生继续实行优惠，并公开成本测算的依据。';
  const variant = (i: number) => {
    switch (i % 4) {
      case 0: return CAMPAIGN;
      case 1: return CAMPAIGN.replace(/，/g, ', ').replace(/。/g, '. ');
      case 2: return ` ${CAMPAIGN.replace(/，/g, '， ').replace(/。/g, '．')} `;
      default: return CAMPAIGN.replace('坚决反对', '强烈反对');
    }
  };
  /** Unrelated comments: random Chinese text, each its own. */
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const unique = () => Array.from({ length: 60 }, () => String.fromCodePoint(0x4e00 + Math.floor(random() * 6000))).join('');

  async function sendAll(texts: { id: string; text: string }[], concurrency = 24): Promise<string[]> {
    const receipts: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < texts.length) {
          const { id, text } = texts[next++];
          receipts.push((await nextCitizen().comment(id, text).expect(201)).body.receipt);
        }
      }),
    );
    return receipts;
  }

  it('takes two thousand comments, groups the campaign, answers them all in batches, and the report signs their root', async () => {
    const campaign = Array.from({ length: 600 }, (_, i) => ({ id: big, text: variant(i) }));
    const others = Array.from({ length: 1400 }, () => ({ id: big, text: unique() }));
    await sendAll([...campaign, ...others]);
    await sendAll(Array.from({ length: 10 }, () => ({ id: small, text: unique() })));

    // One citizen sends the same text twice (folded into one comment) and then six more: the rate limit turns three away.
    const loud = citizen('10.250.0.1');
    const first = (await loud.comment(big, '请公开票价成本监审报告。').expect(201)).body.receipt;
    expect((await loud.comment(big, '请公开票价成本监审报告。').expect(201)).body.receipt).toBe(first);
    // Folded by a key outside the database: one holding the database cannot find the sender by trying addresses.
    const reader = new Pg({ connectionString: system.db.url });
    await reader.connect();
    const [{ fold_key: stored }] = (await reader.query('SELECT fold_key FROM public_comments WHERE hash = $1', [first]).finally(() => reader.end())).rows;
    const tried = Array.from({ length: 256 }, (_, i) => `sha256:${hash('sha256', canonicalize({ decisionId: big, draftVersion: 1, client: `10.250.0.${i}`, text: '请公开票价成本监审报告。' }), 'hex')}`);
    expect(stored).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(tried).not.toContain(stored);
    for (let i = 0; i < 3; i++) await loud.comment(big, `第${i}条补充意见：${unique()}`).expect(201);
    for (let i = 0; i < 3; i++) await loud.comment(big, `被限流的意见${i}`).expect(429);

    await env.sleep('33 days');
    for (const id of [big, small]) await step(id, steps.closeComment()).expect(201);

    const unitHttp = system.as(actors.unit.id);
    const summary = async (id: string) => (await unitHttp.get(`/decisions/${id}/comment-answers`).expect(200)).body as CommentAnswersSummary;
    // Turned away and folded are counted, not dropped (the rate limit's count reaches the database within seconds).
    let s = await summary(big);
    for (let i = 0; i < 20 && s.intake.rateLimited < 3; i++) {
      await new Promise((r) => setTimeout(r, 500));
      s = await summary(big);
    }
    expect(s).toMatchObject({ draftVersion: 1, reported: false, received: 2004, answered: 0, unanswered: 2004, commentsAnswered: null, intake: { received: 2004, folded: 1, rateLimited: 3 } });
    // The campaign's exact copies (after normalizing) are one text; its reworded copies another.
    expect(s.intake.distinctTexts).toBe(1404 + 2);

    // The campaign is one cluster of 600, shown first, with a sample to read.
    const [campaignCluster] = (await unitHttp.get(`/decisions/${big}/comment-clusters?limit=1`).expect(200)).body as CommentCluster[];
    expect(campaignCluster).toMatchObject({ count: 600, unanswered: 600, texts: 2 });
    expect(campaignCluster.sample.text.replace(/[\s,.，。]/g, '')).toMatch(/票价/);
    // What answering it answers is read first, a page at a time (tester: only a sample was shown).
    const ofCluster = (more = '') => unitHttp.get(`/decisions/${big}/comments?cluster=${campaignCluster.cluster}&limit=500${more}`);
    const members = (await ofCluster().expect(200)).body as CommentListItem[];
    expect(members).toHaveLength(500);
    const rest = (await ofCluster(`&after=${members.at(-1)!.receipt}`).expect(200)).body as CommentListItem[];
    expect(rest).toHaveLength(100);
    expect(new Set([...members, ...rest].map((m) => m.text.replace(/[\s,.，。．]/g, '').replace('强烈反对', '坚决反对'))).size).toBe(1);
    expect((await unitHttp.get(`/decisions/${big}/comments?cluster=${h('no such cluster')}`).expect(422)).body.message).toContain('没有这一相似意见组');

    // Only the undertaking unit answers; others who see the decision are told why; others do not see it.
    const assign = (body: object, as = actors.unit.id) => system.as(as).put(`/decisions/${big}/comment-answers`).send(body);
    const notTheUnit = (await assign({ groupHash: h('票价'), cluster: campaignCluster.cluster }, actors.reviewer.id).expect(422)).body;
    expect(notTheUnit).toMatchObject({ code: 'WRONG_ROLE', message: expect.stringContaining('只有决策承办单位') });
    expect(JSON.stringify(notTheUnit.articles)).toContain('第十八条');
    await assign({ groupHash: h('票价'), cluster: campaignCluster.cluster }, actors.assessor.id).expect(404);
    await assign({ groupHash: h('票价') }).expect(400);
    await assign({ groupHash: h('票价'), receipts: [h('never sent')] }).expect(422);
    expect((await assign({ groupHash: h('票价'), textKey: h('no such text') }).expect(422)).body.message).toContain('textKey');
    // A cluster that changed since it was read is not answered blind.
    expect((await assign({ groupHash: h('票价'), cluster: campaignCluster.cluster, expectedCount: 599 }).expect(409)).body).toMatchObject({ message: expect.stringContaining('现有600条意见，不是查看时的599条'), articles: [expect.stringContaining('第十八条')] });
    await assign({ groupHash: h('票价'), receipts: [first], expectedCount: 1 }).expect(400);
    // Members other than those read, however many: refused too (the digest of the cluster's receipts as read).
    expect(campaignCluster.members).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await assign({ groupHash: h('票价'), cluster: campaignCluster.cluster, expectedCount: 600, expectedMembers: h('其他成员') }).expect(409)).body).toMatchObject({ message: expect.stringContaining('成员已与查看时不同'), articles: [expect.stringContaining('第十八条')] });
    await assign({ groupHash: h('票价'), textKey: campaignCluster.cluster, expectedMembers: campaignCluster.members }).expect(400);
    expect((await assign({ groupHash: h('票价'), cluster: campaignCluster.cluster, expectedMembers: 'sha256:ABC' }).expect(400)).body.message).toEqual([expect.stringContaining('expectedMembers：必须是查看相似意见组时得到的成员摘要')]);
    expect((await assign({ groupHash: h('票价'), cluster: campaignCluster.cluster, expectedCount: 600, expectedMembers: campaignCluster.members }).expect(200)).body).toEqual({ assigned: 600, unanswered: 1404 });
    // A null expectation is none (retest: 409 saying the members had changed).
    expect((await assign({ groupHash: h('票价'), cluster: campaignCluster.cluster, expectedCount: null, expectedMembers: null }).expect(200)).body).toEqual({ assigned: 600, unanswered: 1404 });

    // The rest, page by page of unanswered comments, in batches: alternately to two groups.
    let batch = 0;
    for (;;) {
      const page = (await unitHttp.get(`/decisions/${big}/comments?unanswered=true&limit=500`).expect(200)).body as CommentListItem[];
      if (!page.length) break;
      expect(page.every((c) => c.groupHash === null)).toBe(true);
      await assign({ groupHash: batch++ % 2 ? h('线路') : h('服务'), receipts: page.map((c) => c.receipt) }).expect(200);
    }
    await unitHttp.get(`/decisions/${big}/comments?limit=501`).expect(400);

    s = await summary(big);
    expect(s).toMatchObject({ received: 2004, answered: 2004, unanswered: 0, commentsAnswered: { draftVersion: 1, count: 2004, root: expect.stringMatching(/^sha256:/) } });
    const groups = s.groups.map((g) => ({ groupHash: g.groupHash, response: g.groupHash === h('票价') ? ('partly_adopted' as const) : ('not_adopted' as const), reason: '已在报告中说明', commentCount: g.commentCount }));
    const report = (over: object = {}) => cmd('submitAdoptionReport', actors.unit, { reportHash: h('adoption report'), groups, commentsAnswered: s.commentsAnswered!, ...over });

    // Listing two thousand receipts in the report itself is refused with the way to do it.
    const inline = await step(big, cmd('submitAdoptionReport', actors.unit, { reportHash: h('adoption report'), groups: [{ groupHash: h('票价'), response: 'adopted', commentHashes: [first] }] })).expect(422);
    expect(inline.body.message).toContain('请按分组逐批答复');

    // A root that is not that of the answers held (signed before a move, say) is refused, naming Art. 18.
    const stale = await step(big, report({ commentsAnswered: { ...s.commentsAnswered!, root: h('stale') } })).expect(422);
    expect(stale.body).toMatchObject({ code: 'COMMENTS_UNANSWERED', message: expect.stringContaining('默克尔根') });
    const miscounted = await step(big, report({ groups: groups.map((g, i) => ({ ...g, commentCount: g.commentCount + (i ? -1 : 1) })) })).expect(422);
    expect(miscounted.body.message).toContain('报告写作');
    await step(big, report()).expect(201);

    // Frozen with the report: no move through the API, and the database refuses it even to its owner.
    expect((await assign({ groupHash: h('服务'), receipts: [first] }).expect(409)).body).toMatchObject({ message: expect.stringContaining('不能再更改'), articles: [expect.stringContaining('第十八条')] });
    const pg = new Pg({ connectionString: system.db.url });
    await pg.connect();
    await expect(pg.query('UPDATE comment_answers SET group_hash = $1 WHERE comment_hash = $2', [h('服务'), first])).rejects.toThrow(/part of a recorded adoption report/);
    await expect(pg.query('DELETE FROM comment_answers WHERE comment_hash = $1', [first])).rejects.toThrow(/part of a recorded adoption report/);
    await pg.end();

    // A citizen's receipt leads to the answer, with a proof under the root the report signed, and the group's response
    // can be read by anyone (tester: it stayed private while the report was public).
    const traced = (await citizen('10.250.0.2').trace(first).expect(200)).body as CommentTrace;
    await request(api.getHttpServer()).get(`/public-documents/${traced.answer!.groupHash}`).expect(200);
    expect(traced.answer).toMatchObject({ reportHash: h('adoption report'), response: expect.any(String), proof: { root: s.commentsAnswered!.root, size: 2004 } });
    expect(verifyAnswerProof({ receipt: first, group: traced.answer!.groupHash }, traced.answer!.proof!, s.commentsAnswered!.root)).toBe(true);

    // The record verifies, answers included; a bundle whose answers were altered does not.
    expect((await system.as(PERSON).get(`/decisions/${big}/verify`).expect(200)).body).toMatchObject({ ok: true });
    const bundle = (await system.as(PERSON).get(`/decisions/${big}/bundle`).expect(200)).body as DecisionBundle;
    expect(bundle.commentAnswers).toEqual([{ draftVersion: 1, answers: expect.any(Array), received: 2004 }]);
    expect(bundle.commentAnswers![0].answers).toHaveLength(2004);
    const trusted = {
      systemKeys: (await system.as(PERSON).get('/system-keys').expect(200)).body,
      registrarKeys: (await system.as(PERSON).get('/registrar-keys').expect(200)).body,
    };
    expect(verifyBundle(bundle, trusted)).toMatchObject({ ok: true });
    const altered = structuredClone(bundle);
    altered.commentAnswers![0].answers[0].group = h('另一组');
    expect(verifyBundle(altered, trusted)).toMatchObject({ ok: false, check: 'comments' });
    const cut = structuredClone(bundle);
    cut.commentAnswers![0].answers.pop();
    expect(verifyBundle(cut, trusted)).toMatchObject({ ok: false, check: 'comments', failure: expect.stringContaining('the bundle has 2003, the report signed 2004') });

    // Ten comments, the same steps: the workflow's history is exactly as long as with two thousand.
    const ten = await summary(small);
    let k = 0;
    for (;;) {
      const page = (await unitHttp.get(`/decisions/${small}/comments?unanswered=true`).expect(200)).body as CommentListItem[];
      if (!page.length) break;
      await system.as(actors.unit.id).put(`/decisions/${small}/comment-answers`).send({ groupHash: k++ % 2 ? h('线路') : h('服务'), receipts: page.map((c) => c.receipt) }).expect(200);
    }
    const tenDone = await summary(small);
    expect(ten.received).toBe(10);
    const tenGroups = tenDone.groups.map((g) => ({ groupHash: g.groupHash, response: 'not_adopted' as const, reason: '已在报告中说明', commentCount: g.commentCount }));
    await step(small, cmd('submitAdoptionReport', actors.unit, { reportHash: h('adoption report 10'), groups: tenGroups, commentsAnswered: tenDone.commentsAnswered! })).expect(201);
    // The year's statistics count them the same way: received, distinct, folded, turned away.
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    expect((await system.as(PERSON).get(`/statistics?year=${year}`).expect(200)).body.year.comments).toEqual({ received: 2014, distinctTexts: 1416, folded: 1, rateLimited: 3 });
    const length = async (id: string) => (await env.client.workflow.getHandle(id).fetchHistory()).events?.length;
    expect(await length(big)).toBe(await length(small));

    // Reported, the draft is revised substantially and consulted on afresh (Art. 18): the new period's figures are its
    // own, not the first draft's folded and turned-away comments (those stay the first draft's).
    await step(big, steps.draft(2)).expect(201);
    await step(big, steps.openComment()).expect(201);
    const again = citizen('10.250.0.3');
    for (let i = 0; i < 2; i++) await again.comment(big, '第二稿仍请公开票价成本监审报告。').expect(201);
    expect(await summary(big)).toMatchObject({ draftVersion: 2, reported: false, received: 1, intake: { received: 1, folded: 1, rateLimited: 0 } });

    // No comment on the first draft gets in after its report, even past the API: the database refuses it, to its owner
    // too (a batched insert committing after the report had been kept unanswered while the record verified: tester).
    const owner = new Pg({ connectionString: system.db.url });
    await owner.connect();
    const insertLate = () =>
      owner.query('INSERT INTO public_comments (hash, decision_id, draft_version, text, channel, submitted_at) VALUES ($1, $2, 1, $3, $4, now())', [h('late comment'), big, '迟到的意见', 'website']);
    await expect(insertLate()).rejects.toThrow(/public_comments_after_report/);
    // Forced in all the same, with the trigger set aside, it shows offline: more were received than the report answers.
    await owner.query('ALTER TABLE public_comments DISABLE TRIGGER public_comments_before_report');
    try {
      await insertLate();
    } finally {
      await owner.query('ALTER TABLE public_comments ENABLE TRIGGER public_comments_before_report');
      await owner.end();
    }
    const forced = (await system.as(PERSON).get(`/decisions/${big}/bundle`).expect(200)).body as DecisionBundle;
    expect(verifyBundle(forced, trusted)).toMatchObject({ ok: false, check: 'comments', failure: expect.stringContaining('2005 comments were received on the draft and the report answers 2004') });
  }, 600_000);

  it('a campaign of forty thousand near-identical comments is shown as one cluster and answered at once', async () => {
    const id = `CAMP-${run}`;
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id, title: `关于调整票价的决定（${id}）`, undertakingDepartment: actors.unit.organisation, catalogRef: 'C-VOL', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
    // Requests turned away before any period opened are no comments turned away (tester: counted, and against draft 1).
    const early = nextCitizen();
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await early.comment(id, `尚未征求意见时的请求${i}`)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
    for (const c of [steps.draft(), steps.applicability({ expert: false, risk: false }), steps.openComment()]) await step(id, c).expect(201);
    await new Promise((r) => setTimeout(r, 2500)); // the limiter's counts reach the database every two seconds
    expect((await system.as(actors.unit.id).get(`/decisions/${id}/comment-answers`).expect(200)).body.intake).toMatchObject({ rateLimited: 0 });
    // Received as the API stores them (its key and signature), written straight in: the volume, not the intake, is tested here.
    const pg = new Pg({ connectionString: system.db.url });
    await pg.connect();
    try {
      await pg.query(
        `INSERT INTO public_comments (hash, decision_id, draft_version, text, channel, submitted_at, nonce, fold_key, text_key, similarity)
         SELECT 'sha256:' || encode(sha256(('camp ' || n)::bytea), 'hex'), $1, 1, $2, 'website', now(), 'n' || n,
                'sha256:' || encode(sha256(('fold ' || n)::bytea), 'hex'), $3, decode($4, 'hex')
         FROM generate_series(1, 40000) AS n`,
        [id, CAMPAIGN, exactKey(CAMPAIGN), Buffer.from(signature(CAMPAIGN)).toString('hex')],
      );
    } finally {
      await pg.end();
    }
    await nextCitizen().comment(id, variant(1)).expect(201);
    const unitHttp = system.as(actors.unit.id);
    const [cluster] = (await unitHttp.get(`/decisions/${id}/comment-clusters?limit=1`).expect(200)).body as CommentCluster[];
    expect(cluster).toMatchObject({ count: 40_001, unanswered: 40_001, texts: 1, sample: { text: expect.stringContaining('票价') } });
    expect((await unitHttp.put(`/decisions/${id}/comment-answers`).send({ groupHash: h('票价'), cluster: cluster.cluster }).expect(200)).body).toEqual({ assigned: 40_001, unanswered: 0 });
    const [answered] = (await unitHttp.get(`/decisions/${id}/comment-clusters?limit=1`).expect(200)).body as CommentCluster[];
    expect(answered).toMatchObject({ count: 40_001, unanswered: 0 });
  }, 300_000);

  it('groups sixty thousand comments while the API goes on answering others', async () => {
    const id = `MANY-${run}`;
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id, title: `关于调整票价的决定（${id}）`, undertakingDepartment: actors.unit.organisation, catalogRef: 'C-VOL', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
    for (const c of [steps.draft(), steps.applicability({ expert: false, risk: false }), steps.openComment()]) await step(id, c).expect(201);
    // Campaigns and single texts (libs/comments/corpus.ts), written straight in as the API stores them: seconds of
    // grouping, which had held the event loop (fresh-eyes tester: GET /health took 2.35 s while 100,000 were grouped).
    const corpus = generateCorpus({ templates: 20, copies: 48_000, uniques: 12_000 });
    const pg = new Pg({ connectionString: system.db.url });
    await pg.connect();
    try {
      for (let i = 0; i < corpus.length; i += 5000) {
        const part = corpus.slice(i, i + 5000);
        await pg.query(
          `INSERT INTO public_comments (hash, decision_id, draft_version, text, channel, submitted_at, text_key, similarity)
           SELECT h, $1, 1, t, 'website', now(), k, decode(s, 'hex') FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS u(h, t, k, s)`,
          [id, part.map((c) => h(`many ${c.id}`)), part.map((c) => c.text), part.map((c) => exactKey(c.text)), part.map((c) => Buffer.from(signature(c.text)).toString('hex'))],
        );
      }
    } finally {
      await pg.end();
    }
    // GET /health every 20 ms while the clusters are made: its answers keep coming (a gap as long as the grouping,
    // had it run on the event loop).
    const answeredAt: number[] = [];
    let grouping = true;
    const health = (async () => {
      while (grouping) {
        await request(api.getHttpServer()).get('/health').expect(200);
        answeredAt.push(Date.now());
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const started = Date.now();
    const clusters = (await system.as(actors.unit.id).get(`/decisions/${id}/comment-clusters?limit=30`).expect(200)).body as CommentCluster[];
    const took = Date.now() - started;
    grouping = false;
    await health;
    const gaps = answeredAt.map((t, i) => t - (i ? answeredAt[i - 1] : started));
    expect(Math.max(...gaps)).toBeLessThan(took / 2);
    // The groups are those the corpus was made with: the campaigns first, each whole (none split across clusters).
    expect(clusters.slice(0, 20).reduce((n, c) => n + c.count, 0)).toBeGreaterThan(47_900);
    expect(clusters[20].count).toBeLessThan(10);
  }, 300_000);
});
