import { randomUUID } from 'node:crypto';
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import { AuthorityService } from '../../apps/api/src/authority/authority.service';
import { endorsedAppointment } from '../../infra/authority-seed';
import type { PrismaClient } from '../../libs/db/prisma';
import { PRISMA } from '../../libs/nest/prisma.module';
import type { Client } from '@temporalio/client';
import { TEMPORAL_CLIENT } from '../../apps/api/src/temporal.module';
import type { Actor } from '../../libs/domain';
import { PERSON, REGISTRAR } from '../support/auth';
import { appoint, appointmentOf } from '../support/government';
import { actors, steps } from '../support/procedure';
import { endorsedKey, newKey, signedRegistration, signedStep } from '../support/signing';
import { startSystem } from '../support/system';

/**
 * Every route of the API against everyone who may call it (issue 9): nobody,
 * a forged token, a signed-in person without an office, another department's
 * official, another province's inspector, the undertaking unit and the
 * province's inspector. The routes are read from the application itself, so a
 * route added without a decision here on who may call it fails this test.
 */
type Access =
  /** No token needed; never a server error. */
  | 'public'
  /** A token needed; what it answers is the route's own business (its own tests). */
  | 'signed-in'
  /** A token needed, and a registrar's signature over exactly the act: a signed-in person without one is refused. */
  | 'endorsed'
  /** A token needed; only those whose offices cover the decision learn that it exists (404 otherwise, as for none). */
  | 'decision'
  /** A token needed; the answer holds only what the caller's offices cover. */
  | 'scoped-list';

const ACCESS: Record<string, Access> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /metrics': 'signed-in',
  'GET /web-config': 'public',
  'GET /consultations': 'public',
  'GET /decisions/:id/consultation': 'public',
  'GET /decisions/:id/hearings': 'public',
  'GET /published-decisions': 'public',
  'GET /published-decisions/:id': 'public',
  'POST /decisions/:id/comments': 'public',
  'GET /comments/:receipt': 'public',
  'GET /catalog-items': 'public',
  'POST /catalog-items': 'endorsed',
  'GET /catalog-items/publisher': 'signed-in',
  'GET /log/checkpoint': 'signed-in',
  'GET /log/consistency': 'signed-in',
  'GET /log/authority-events': 'signed-in',
  'GET /system-keys': 'signed-in',
  'GET /registrar-keys': 'signed-in',
  'GET /actor-keys': 'signed-in',
  'POST /actor-keys': 'endorsed',
  'POST /actor-keys/:keyId/revocation': 'endorsed',
  'GET /organisations': 'signed-in',
  'POST /organisations': 'endorsed',
  'GET /appointments': 'signed-in',
  'POST /appointments': 'endorsed',
  'POST /appointments/:id/end': 'endorsed',
  'GET /expert-disqualifications': 'signed-in',
  'POST /expert-disqualifications': 'endorsed',
  // A government's expert pool and those above it: its officials' and inspectors' (test/e2e/expert-pool.e2e.spec.ts).
  'GET /expert-pool': 'signed-in',
  'POST /expert-pool': 'endorsed',
  'POST /expert-pool/:id/end': 'endorsed',
  'POST /documents': 'signed-in',
  'GET /documents/:hash': 'signed-in',
  'GET /public-documents/:hash': 'public',
  'POST /decisions': 'endorsed',
  'GET /decisions': 'scoped-list',
  'GET /tasks': 'scoped-list',
  // One's own notification channels: the route has no person in it, the token says whose.
  'GET /me/notification-preferences': 'signed-in',
  'PUT /me/notification-preferences': 'signed-in',
  'GET /statistics': 'scoped-list',
  // 责任倒查: a person's part in the decisions the caller sees (test/e2e/accountability.e2e.spec.ts).
  'GET /people/:personId/accountability': 'scoped-list',
  'GET /decisions/:id': 'decision',
  'POST /decisions/:id/steps': 'decision',
  'GET /decisions/:id/tasks': 'decision',
  'GET /decisions/:id/deadlines': 'decision',
  'GET /decisions/:id/timeline': 'decision',
  'GET /decisions/:id/documents': 'decision',
  'GET /decisions/:id/discussion-materials': 'decision',
  'GET /decisions/:id/bundle': 'decision',
  'GET /decisions/:id/verify': 'decision',
  'GET /decisions/:id/record-history': 'decision',
  'GET /decisions/:id/refusals': 'decision',
  'GET /decisions/:id/expert-panel': 'decision',
  'GET /decisions/:id/meeting-members': 'decision',
  'GET /decisions/:id/unattributed-attempts': 'decision',
  'GET /decisions/:id/steps/:seq/inclusion': 'decision',
  'GET /decisions/:id/comments': 'decision',
  'GET /decisions/:id/comment-clusters': 'decision',
  'GET /decisions/:id/comment-answers': 'decision',
  'PUT /decisions/:id/comment-answers': 'decision',
};

/**
 * Everyone signed in, by role, and whether the decision (registered by
 * 杭州市交通运输局 and drafted, nothing more) exists for them: its department,
 * the government's deciding organ, general office, legality review body and
 * legal advisers, and the province's inspector see it; another department,
 * another province's inspector, someone with no office, and the outside
 * bodies and experts it has not engaged yet do not.
 */
const WHO: [sub: string, who: string, sees: boolean][] = [
  ['u-forger', 'a person with no office', false],
  ['u-finance', "another department's official", false],
  ['i-js', "another province's inspector", false],
  [actors.unit.id, 'the undertaking unit', true],
  [actors.reviewer.id, 'the legality reviewer', true],
  [actors.adviser.id, 'the legal adviser', true],
  [actors.lawyer.id, 'the public lawyer', true],
  [actors.secretary.id, 'the meeting secretary', true],
  [actors.mayor.id, 'the chief executive', true],
  [actors.expert1.id, 'an expert on no panel of it', false],
  [actors.assessor.id, 'a risk assessor it has not engaged', false],
  [actors.executor.id, 'an execution unit that has not acted', false],
  [actors.evaluator.id, 'an evaluator that has not acted', false],
  [PERSON, "the province's inspector", true],
];

/** The tables where a call could leave something: none of the refused calls may. */
const TABLES = ['decisions', 'decision_steps', 'step_idempotency_keys', 'step_refusals', 'unattributed_attempts', 'catalog_items', 'actor_keys', 'documents', 'public_comments', 'organisations', 'appointments', 'log_leaves', 'notification_preferences', 'comment_answers', 'comment_intake_counts', 'expert_disqualifications', 'expert_pool_entries', 'expert_pool_ends'];

/** Every route the application serves, as "METHOD /path", read from its controllers' metadata. */
function routesOf(api: INestApplication): string[] {
  const routes: string[] = [];
  for (const module of api.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const path = `/${[base, String(Reflect.getMetadata(PATH_METADATA, handler))].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
        routes.push(`${method} ${path}`);
      }
    }
  }
  return routes.sort();
}

describe('access matrix: every route, everyone who may call it', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let api: INestApplication;
  let decision: string;
  const person = (id: string, role: string, organisation: string) => ({ id, name: id, role, organisation }) as Actor;

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    api = system.api;
    await system.as(PERSON).post('/catalog-items').send({ ref: 'C-MATRIX', year: 2026, title: '票价', organ: '杭州市人民政府', partyConsentRef: '市委同意' }).expect(201);
    const key = newKey('ed25519');
    const unit = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
    decision = `MATRIX-${randomUUID().slice(0, 8)}`;
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id: decision, title: '关于调整票价的决定', undertakingDepartment: 'hz-jtj', catalogRef: 'C-MATRIX', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
    await system.as(actors.unit.id).post(`/decisions/${decision}/steps`).send(signedStep(decision, steps.draft(), unit, `${decision}-1`)).expect(201);
    await appoint(api, system.registrar, person('u-finance', 'undertaking_unit', 'hz-czj'));
    await api.get(AuthorityService).appoint(endorsedAppointment(system.registrars.js, appointmentOf(person('i-js', 'inspector', 'js'))) as never);
  }, 120_000);

  afterAll(() => system?.close());

  it('decides, for every route the application serves, who may call it: none undecided, none left over', () => {
    const routes = routesOf(api);
    expect(routes.length).toBeGreaterThanOrEqual(35);
    expect(routes.filter((r) => !(r in ACCESS))).toEqual([]);
    expect(Object.keys(ACCESS).filter((r) => !routes.includes(r))).toEqual([]);
  });

  const url = (route: string, id: string) =>
    route
      .split(' ')[1]
      .replace(':id/end', 'NO-SUCH-APPOINTMENT/end')
      .replace(':id', encodeURIComponent(id))
      .replace(':seq', '0')
      .replace(':receipt', 'NO-SUCH-RECEIPT')
      .replace(':hash', `sha256:${'0'.repeat(64)}`)
      .replace(':keyId', 'NO-SUCH-KEY');
  const send = (route: string, id: string, token?: string) => {
    const [method, path] = [route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'put', url(route, id)];
    const req = request(api.getHttpServer())[method](path);
    if (token) void req.set('authorization', `Bearer ${token}`);
    return method === 'get' ? req : req.send({});
  };
  const counts = async () => {
    const prisma = api.get<PrismaClient>(PRISMA);
    return Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, Number((await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM ${t}`))[0].n)])));
  };

  it('without a token, or with a forged one, every route but the public ones answers 401; the public ones never 401, 403 or 5xx', async () => {
    const forged = system.token(actors.unit.id).replace(/.{8}$/, 'AAAAAAAA');
    for (const [route, access] of Object.entries(ACCESS)) {
      for (const token of [undefined, forged, 'not-a-token']) {
        const res = await send(route, decision, token);
        const expected = access === 'public' ? res.status < 500 && res.status !== 401 && res.status !== 403 : res.status === 401;
        if (!expected) throw new Error(`${route} with ${token ? 'a bad token' : 'no token'}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }
  });

  it('signed in, in every role, no route answers a server error; an act needing a registrar is never taken without one; and none of it stores anything but the trace of steps refused as input', async () => {
    const before = await counts();
    const keptBefore = before.unattributed_attempts;
    for (const [route, access] of Object.entries(ACCESS)) {
      for (const [sub] of WHO) {
        const res = await send(route, decision, system.token(sub));
        if (res.status >= 500 || res.status === 401) throw new Error(`${sub} ${route}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        if (access === 'endorsed' && res.status < 400) throw new Error(`${sub} ${route} without an endorsement: ${res.status}`);
      }
    }
    // A step refused as input leaves its trace among the unattributed attempts, and nothing else (statute tester: none).
    const after = await counts();
    expect({ ...after, unattributed_attempts: 0 }).toEqual({ ...before, unattributed_attempts: 0 });
    const kept = await api.get<PrismaClient>(PRISMA).unattributedAttempt.findMany({ skip: keptBefore, orderBy: { id: 'asc' } });
    expect(kept.length).toBe(after.unattributed_attempts - keptBefore);
    expect(new Set(kept.map((a) => `${a.reason} ${a.code}`))).toEqual(new Set(kept.length ? ['invalid_input INVALID_INPUT'] : []));
  });

  it("a decision's routes answer those outside its offices exactly as for a decision that does not exist, reads and steps alike", async () => {
    const outside = WHO.filter(([, , sees]) => !sees).map(([sub]) => sub);
    const inside = WHO.filter(([, , sees]) => sees).map(([sub]) => sub);
    for (const route of Object.keys(ACCESS).filter((r) => ACCESS[r] === 'decision')) {
      for (const sub of outside) {
        const seen = await send(route, decision, system.token(sub));
        const missing = await send(route, 'NO-SUCH-DECISION', system.token(sub));
        // A step's body is checked for its shape first, the same for any id; a well-formed one is the next test's.
        expect([route, sub, seen.status]).toEqual([route, sub, route.startsWith('POST') ? missing.status : 404]);
        expect([route, sub, missing.status]).toEqual([route, sub, route.startsWith('POST') ? missing.status : 404]);
        expect(String(seen.body.message).split(decision).join('X')).toEqual(String(missing.body.message).split('NO-SUCH-DECISION').join('X'));
      }
      for (const sub of inside) {
        const res = await send(route, decision, system.token(sub));
        // An empty step (or answer) is refused for its shape (400); an inclusion proof no checkpoint covers yet is 404.
        const allowed = route.startsWith('POST') || route.startsWith('PUT') ? [400] : route.endsWith('/inclusion') ? [200, 404] : [200];
        if (!allowed.includes(res.status)) throw new Error(`${sub} ${route}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }
  });

  it('a step signed by someone outside the decision, with a key of their own and an office elsewhere, gets 404 and no refusal says it exists', async () => {
    const key = newKey('ed25519');
    const finance = person('u-finance', 'undertaking_unit', 'hz-czj');
    const keyId = (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, finance.id, key)).expect(201)).body.keyId;
    const step = signedStep(decision, { ...steps.applicability(), actor: finance }, { ...key, keyId }, `${decision}-finance`);
    const res = await system.as(finance.id).post(`/decisions/${decision}/steps`).send(step);
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(/没有编号为/);
    // The decision's own readers see no trace of it among the refusals either: nothing was taken to the decision.
    expect((await system.as(PERSON).get(`/decisions/${decision}/refusals`).expect(200)).body).toEqual([]);
    // A third-party assessment centre of the government acts only once engaged for this decision (Art. 23 para. 3):
    // before, the decision does not exist for it; once engaged, the procedure answers it (here: no assessment declared).
    const assessorKey = newKey('ed25519');
    const assessorKeyId = (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.assessor.id, assessorKey)).expect(201)).body.keyId;
    const risk = (n: number) => signedStep(decision, steps.risk(), { ...assessorKey, keyId: assessorKeyId }, `${decision}-assessor-${n}`);
    expect((await system.as(actors.assessor.id).post(`/decisions/${decision}/steps`).send(risk(1))).status).toBe(404);
    const unitKey = newKey('ed25519');
    const unitKeyId = (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, unitKey)).expect(201)).body.keyId;
    await system.as(actors.unit.id).post(`/decisions/${decision}/steps`).send(signedStep(decision, steps.engage(), { ...unitKey, keyId: unitKeyId }, `${decision}-engage`)).expect(201);
    const answered = await system.as(actors.assessor.id).post(`/decisions/${decision}/steps`).send(risk(2));
    expect([answered.status, answered.body.code]).toEqual([422, expect.any(String)]);
  });

  it('documents are put into the record by officials who take steps and by panel experts; a token alone, or an inspector\'s office, is not enough (403)', async () => {
    const upload = (sub: string) => system.as(sub).post('/documents').set('content-type', 'text/plain').send(Buffer.from(`草案 ${sub}`));
    for (const sub of ['u-forger', 'i-js']) expect((await upload(sub).expect(403)).body.message).toMatch(/上传决策文件须由在任的/);
    await upload(actors.unit.id).expect(201);
    await upload('u-finance').expect(201);
  });

  /**
   * A decision of the transport bureau's official, under a key of his own, whose first draft names `documentHash`
   * (answered `firstStatus`, its body as `first`): its further steps are sent with what this answers (the step and its
   * sequence number).
   */
  const draftNaming = async (prefix: string, documentHash: string, firstStatus = 201) => {
    const key = newKey('ed25519');
    const unit = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
    const id = `${prefix}-${randomUUID().slice(0, 8)}`;
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id, title: '关于调整票价的决定', undertakingDepartment: 'hz-jtj', catalogRef: 'C-MATRIX', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
    const draft = steps.draft();
    const send = (c: typeof draft, n: number, status = 201) => system.as(actors.unit.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, unit, `${id}-${n}`)).expect(status);
    const first = await send({ ...draft, payload: { ...draft.payload, documentHash } } as typeof draft, 1, firstStatus);
    return Object.assign(send, { first: first.body as { code?: string } });
  };

  it('a document is read by those who see a decision naming it, and by anyone once the procedure makes it public (the draft out for comment)', async () => {
    // A draft that is a page with a script, as a hostile uploader would send it.
    const bytes = Buffer.from('<html><script>indexedDB.open("major-decisions")</script>关于调整票价的决定（征求意见稿）</html>');
    const hash = (await system.as(actors.unit.id).post('/documents').set('content-type', 'text/html').send(bytes).expect(201)).body.hash as string;
    const send = await draftNaming('MATRIX-DOC', hash);
    const anyone = () => request(api.getHttpServer()).get(`/public-documents/${hash}`);
    const read = (sub: string) => system.as(sub).get(`/documents/${hash}`);
    // A draft not yet out for comment: the department and the province's inspector read it; another department, another province and the public do not.
    expect((await read(PERSON).expect(200)).headers['content-disposition']).toBe(`attachment; filename="${hash.replace(':', '-')}.html"`);
    // Listed with the decision's documents for those who see it, by the entry and field naming it; not for others.
    const decisionOf = (await system.as(PERSON).get('/decisions?pageSize=100').expect(200)).body.items.map((i: { id: string }) => i.id).find((i: string) => i.startsWith('MATRIX-DOC'));
    expect((await system.as(PERSON).get(`/decisions/${decisionOf}/documents`).expect(200)).body).toEqual(expect.arrayContaining([{ seq: 1, action: 'submitDraft', field: 'documentHash', hash, size: bytes.length, mediaType: 'text/html' }]));
    await system.as('u-finance').get(`/decisions/${decisionOf}/documents`).expect(404);
    await read('u-finance').expect(404);
    await read('i-js').expect(404);
    await anyone().expect(404);
    await send(steps.applicability(), 2);
    await send(steps.openComment(), 3);
    // Out for comment (Art. 14): anyone reads it, without signing in; always as a download that runs nothing in the app's origin.
    const served = await anyone().buffer(true).parse((res, cb) => { const parts: Buffer[] = []; res.on('data', (c: Buffer) => parts.push(c)); res.on('end', () => cb(null, Buffer.concat(parts))); }).expect(200);
    expect(Buffer.compare(served.body as Buffer, bytes)).toBe(0);
    expect(served.headers).toMatchObject({ 'content-disposition': expect.stringMatching(/^attachment/), 'x-content-type-options': 'nosniff', 'content-security-policy': expect.stringContaining('sandbox') });
    await read('u-finance').expect(200);
    // Still nothing else: a stored document no decision makes public stays unseen, with the same 404 as none.
    await request(api.getHttpServer()).get(`/public-documents/sha256:${'0'.repeat(64)}`).expect(404);
  });

  it('a document is made public only by a step whose signer holds it: the legality office\'s, named in a draft of someone who never uploaded it, is refused there and stays unseen', async () => {
    // The legality office's document, which the transport bureau's official never held, named in his own draft to be
    // put out for comment (the fresh-eyes tester): refused as a document nobody uploaded, so nothing opens it either.
    const bytes = Buffer.from(`合法性审查意见书（内部）${randomUUID()}`);
    const hash = (await system.as(actors.reviewer.id).post('/documents').set('content-type', 'text/plain').send(bytes).expect(201)).body.hash as string;
    const { first } = await draftNaming('MATRIX-LEAK', hash, 422);
    expect(first.code).toBe('MISSING_DOCUMENT');
    await request(api.getHttpServer()).get(`/public-documents/${hash}`).expect(404);
    await system.as(actors.unit.id).get(`/documents/${hash}`).expect(404);
    await system.as(actors.reviewer.id).get(`/documents/${hash}`).expect(200);
  });

  it('a document named in a decision withheld by law is never made public, even by its own uploader in another decision', async () => {
    const bytes = Buffer.from(`应急物资储备布局方案（涉密）${randomUUID()}`);
    const hash = (await system.as(actors.unit.id).post('/documents').set('content-type', 'text/plain').send(bytes).expect(201)).body.hash as string;
    const withheld = await draftNaming('MATRIX-SECRET', hash);
    await withheld(steps.applicability({ pp: false }), 2);
    // The same text, named in a draft of another decision put out for comment (the second tester of the fifteenth session).
    const other = await draftNaming('MATRIX-OTHER', hash);
    await other(steps.applicability(), 2);
    // What the rules refuse of the step itself is said first.
    const misspelt = steps.openComment();
    expect((await other({ ...misspelt, payload: { ...misspelt.payload, shortenedReasn: '紧急' } } as unknown as typeof misspelt, 30, 422)).body.code).toBe('INVALID_PAYLOAD');
    // Not put out for comment as it is: the public could not read it (the portal answered 404 for the draft; earlier web tester).
    const refused = (await other(steps.openComment(), 3, 422)).body as { code: string; message: string; articles: string[] };
    expect(refused).toMatchObject({ code: 'PREREQUISITE_MISSING', articles: [expect.stringContaining('第十五条')] });
    expect(refused.message).toMatch(new RegExp(`^决策草案的 documentHash（${hash}）此前已作为依法不予公开的决策事项的材料留存[，（]`));
    expect(refused.message).not.toContain('MATRIX-SECRET');
    await request(api.getHttpServer()).get(`/public-documents/${hash}`).expect(404);
    // Its own text of the draft, submitted again: out for comment, and public.
    const upload = async (text: string) => (await system.as(actors.unit.id).post('/documents').set('content-type', 'text/plain').send(Buffer.from(`${text}${randomUUID()}`)).expect(201)).body.hash as string;
    const [ownHash, explanationHash] = [await upload('应急物资储备布局方案（征求意见稿）'), await upload('起草说明')];
    const draft = steps.draft(2);
    await other({ ...draft, payload: { ...draft.payload, documentHash: ownHash, explanationHash } } as typeof draft, 4);
    await other(steps.openComment(), 5);
    await request(api.getHttpServer()).get(`/public-documents/${ownHash}`).expect(200);
    await request(api.getHttpServer()).get(`/public-documents/${hash}`).expect(404);
    // The same bytes under their SM3 name: the same document, held by the withheld decision first (retest: served).
    const sm3 = (await system.as(actors.unit.id).post('/documents?algorithm=sm3').set('content-type', 'text/plain').send(bytes).expect(201)).body.hash as string;
    expect(sm3).toMatch(/^sm3:/);
    const twin = await draftNaming('MATRIX-TWIN', sm3);
    await twin(steps.applicability(), 2);
    expect((await twin(steps.openComment(), 3, 422)).body).toMatchObject({ code: 'PREREQUISITE_MISSING', message: expect.stringContaining(`documentHash（${sm3}）此前已作为依法不予公开的决策事项的材料留存`) });
    await request(api.getHttpServer()).get(`/public-documents/${sm3}`).expect(404);
  });

  it('a document a decision made public is taken down by no decision that held it later, declared withheld after or before; typed into a registration, it is refused (fresh-eyes testers)', async () => {
    const bytes = Buffer.from(`公开征求意见的草案 ${randomUUID()}`);
    const hash = (await system.as(actors.unit.id).post('/documents').set('content-type', 'text/plain').send(bytes).expect(201)).body.hash as string;
    const open = await draftNaming('MATRIX-OPEN', hash);
    await open(steps.applicability(), 2);
    await open(steps.openComment(), 3);
    await request(api.getHttpServer()).get(`/public-documents/${hash}`).expect(200);
    // The same text named later in a draft of the unit's own, declared withheld by law: public before, public still.
    const later = await draftNaming('MATRIX-LATER', hash);
    await later(steps.applicability({ pp: false }), 2);
    await request(api.getHttpServer()).get(`/public-documents/${hash}`).expect(200);
    // A draft held by its decision before it is out for comment, named meanwhile by an official who read it in a decision
    // of theirs declared withheld: the decision that held it first makes it public (the second tester: a colleague took
    // a text down so before its publication).
    const firstBytes = Buffer.from(`尚未公开的草案 ${randomUUID()}`);
    const first = (await system.as(actors.unit.id).post('/documents').set('content-type', 'text/plain').send(firstBytes).expect(201)).body.hash as string;
    const owner = await draftNaming('MATRIX-FIRST', first);
    const meanwhile = await draftNaming('MATRIX-MEANWHILE', first);
    await meanwhile(steps.applicability({ pp: false }), 2);
    // (A revision naming the same text again is no revision: refused since, test/e2e/own-work.)
    await owner(steps.applicability(), 2);
    await owner(steps.openComment(), 3);
    await request(api.getHttpServer()).get(`/public-documents/${first}`).expect(200);
    // The legality office's document typed into a registration's legal basis by the unit's official: not theirs to name.
    const theirs = (await system.as(actors.reviewer.id).post('/documents').set('content-type', 'text/plain').send(Buffer.from(`审查意见 ${randomUUID()}`)).expect(201)).body.hash as string;
    const key = newKey('ed25519');
    const signer = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
    const registration = signedRegistration({ id: `MATRIX-TYPED-${randomUUID().slice(0, 8)}`, title: '关于调整票价的决定', undertakingDepartment: 'hz-jtj', catalogRef: 'C-MATRIX', legalBasis: [theirs] }, actors.unit, signer);
    expect((await system.as(actors.unit.id).post('/decisions').send(registration).expect(422)).body).toMatchObject({ code: 'MISSING_DOCUMENT', message: expect.stringMatching(/^legalBasis\.0：文件 /) });
  });

  it("the public's routes say nothing of a decision not yet public: the same 404 as for one that does not exist", async () => {
    const anyone = () => request(api.getHttpServer());
    const same = (a: request.Response, b: request.Response) => expect([a.status, String(a.body.message).split(decision).join('X')]).toEqual([b.status, String(b.body.message).split('NO-SUCH-DECISION').join('X')]);
    for (const path of ['/decisions/%s/consultation', '/published-decisions/%s']) {
      same(await anyone().get(path.replace('%s', decision)), await anyone().get(path.replace('%s', 'NO-SUCH-DECISION')));
    }
    const comment = { text: '建议保留老年人优惠。' };
    same(await anyone().post(`/decisions/${decision}/comments`).send(comment), await anyone().post('/decisions/NO-SUCH-DECISION/comments').send(comment));
    // Nor by its timing: its workflow is not asked (attacker tester: a registered decision answered 404 three times slower).
    const temporal = api.get<Client>(TEMPORAL_CLIENT);
    const asked = jest.spyOn(temporal.workflow, 'getHandle');
    try {
      for (const path of ['/decisions/%s/consultation', '/decisions/%s/hearings', '/published-decisions/%s']) await anyone().get(path.replace('%s', decision)).expect(404);
      await anyone().post(`/decisions/${decision}/comments`).send(comment).expect(404);
      expect(asked.mock.calls.filter(([id]) => id === decision)).toEqual([]);
    } finally {
      asked.mockRestore();
    }
  });

  it('lists and counts hold only what the caller sees: nothing for those outside, the decision for those in', async () => {
    const list = async (sub: string) => ((await system.as(sub).get('/decisions?pageSize=100').expect(200)).body.items as { id: string }[]).map((i) => i.id);
    const total = async (sub: string) => (await system.as(sub).get('/statistics').expect(200)).body.total as number;
    for (const [sub] of WHO.filter(([, , sees]) => !sees)) expect([sub, await list(sub), await total(sub)]).toEqual([sub, [], 0]);
    // No task either for those with no office that acts in the decision (an outside body that may act, a risk assessor, is told its step).
    for (const sub of ['u-forger', 'u-finance', 'i-js', actors.expert1.id]) expect((await system.as(sub).get('/tasks').expect(200)).body.items).toEqual([]);
    for (const [sub] of WHO.filter(([, , sees]) => sees)) {
      expect(await list(sub)).toContain(decision);
      expect(await total(sub)).toBeGreaterThanOrEqual(1);
    }
  });

  it('a query parameter a route does not take is refused with 400 naming it, and a named one is given once', async () => {
    for (const path of ['/statistics?province=gd', '/organisations?kind=government', '/consultations?all=1', `/decisions/${decision}/timeline?since=0`]) {
      const res = await system.as(PERSON).get(path).expect(400);
      expect(res.body.message.join('\n')).toMatch(/此接口不接受该查询参数/);
    }
    // ?personId[a]=b once listed everyone's appointments, the parameter unread.
    expect((await system.as(PERSON).get('/appointments?personId[a]=b').expect(400)).body.message.join('\n')).toMatch(/personId\[a\]：此接口不接受该查询参数/);
    expect((await system.as(PERSON).get(`/appointments?personId=${PERSON}&personId=x`).expect(400)).body.message.join('\n')).toMatch(/personId：查询参数只能出现一次/);
    expect((await system.as(PERSON).get(`/appointments?personId=${PERSON}`).expect(200)).body.length).toBeGreaterThan(0);
    // So on a route whose query is a DTO: a list is one comma-separated value, never the same name twice.
    expect((await system.as(PERSON).get('/organisations?ids=hz&ids=zj').expect(400)).body.message.join('\n')).toMatch(/ids：查询参数只能出现一次/);
    expect((await system.as(PERSON).get('/catalog-items?year=2026&year=2027').expect(400)).body.message.join('\n')).toMatch(/year：查询参数只能出现一次/);
    // A name every object has is no parameter either: a DTO's whitelist had taken it for one of its own (the tester).
    for (const path of ['/organisations?toString=1', '/appointments?propertyIsEnumerable=1', '/actor-keys?__defineGetter__=1', '/decisions?hasOwnProperty=1', '/statistics?valueOf=1', '/catalog-items?toLocaleString=1']) {
      const name = path.slice(path.indexOf('?') + 1, path.indexOf('='));
      expect([path, (await system.as(PERSON).get(path).expect(400)).body.message.join('\n')]).toEqual([path, expect.stringContaining(`${name}：此接口不接受该查询参数`)]);
    }
    // A bound is said as it is: the monitor's page holds 1 to 1000 events.
    for (const limit of ['0', '1001']) expect((await system.as(PERSON).get(`/log/authority-events?limit=${limit}`).expect(400)).body.message.join()).toMatch(/limit：必须是 1 到 1000 之间的整数/);
  });
});
