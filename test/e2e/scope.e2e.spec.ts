import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AuthorityService } from '../../apps/api/src/authority/authority.service';
import { ScopeService } from '../../apps/api/src/authority/scope.service';
import { endorsedAppointment } from '../../infra/authority-seed';
import { createPrismaClient } from '../../libs/db/prisma';
import type { Actor } from '../../libs/domain';
import { PERSON, REGISTRAR } from '../support/auth';
import { appoint, appointmentOf } from '../support/government';
import { actors, steps } from '../support/procedure';
import { endorsedKey, newKey, signedRegistration, signedStep } from '../support/signing';
import { startSystem } from '../support/system';

/** Who sees which decision, from standing appointments (apps/api/src/authority/scope.service.ts). */
describe('scopes: who sees which decision', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let api: INestApplication;
  let scopes: ScopeService;
  let hangzhou: string;
  let ofExpert: string;
  const person = (id: string, role: string, organisation: string) => ({ id, name: id, role, organisation }) as Actor;

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    api = system.api;
    scopes = api.get(ScopeService);
    const http = () => system.as(actors.unit.id);
    await system.as(PERSON).post('/catalog-items').send({ ref: 'C-SCOPE', year: 2026, title: '票价', organ: '杭州市人民政府', partyConsentRef: '市委同意' }).expect(201);
    const key = newKey('ed25519');
    const unit = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
    const register = async () => {
      const id = `SCOPE-${randomUUID().slice(0, 8)}`;
      await http().post('/decisions').send(signedRegistration({ id, title: '关于调整票价的决定', undertakingDepartment: 'hz-jtj', catalogRef: 'C-SCOPE', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
      return id;
    };
    hangzhou = await register();
    ofExpert = await register();
    await http().post(`/decisions/${ofExpert}/steps`).send(signedStep(ofExpert, steps.draft(), unit, `${ofExpert}-1`)).expect(201);
    await http().post(`/decisions/${ofExpert}/steps`).send(signedStep(ofExpert, steps.applicability(), unit, `${ofExpert}-2`)).expect(201);
    await http().post(`/decisions/${ofExpert}/steps`).send(signedStep(ofExpert, steps.panel(), unit, `${ofExpert}-3`)).expect(201);
  }, 120_000);

  afterAll(() => system?.close());

  it.each([
    ['the undertaking unit', actors.unit, true],
    ['an official of an office of the undertaking department', person('u-office', 'undertaking_unit', 'hz-jtj-fgc'), true],
    ["another department's official", person('u-finance', 'undertaking_unit', 'hz-czj'), false],
    ['the legality reviewer of the government', actors.reviewer, true],
    ['the mayor', actors.mayor, true],
    ['the meeting secretary of the general office', actors.secretary, true],
    ['the bus group (execution unit), which has not acted', actors.executor, false],
  ])('%s: %s', async (_what, who, sees) => {
    if (who.id.startsWith('u-office') || who.id.startsWith('u-finance')) await appoint(api, system.registrar, who);
    expect(await scopes.canSee(who.id, hangzhou)).toBe(sees);
  });

  it("a decision an office of a department undertakes: the department's staff see it, in reads and lists; another department's do not", async () => {
    // Registered as an office's (the justice bureau's offices undertake so, Art. 42): the row is what the scope reads.
    const id = `SCOPE-OFFICE-${randomUUID().slice(0, 8)}`;
    const owner = createPrismaClient(system.db.url);
    try {
      await owner.decision.create({ data: { id, title: '处室承办', undertakingDepartment: 'hz-jtj-fgc', catalogRef: 'C-SCOPE', legalBasis: [], profile: 'national', workflowId: id, runId: 'r', governmentId: 'hz' } });
    } finally {
      await owner.$disconnect();
    }
    const finance = person('u-finance', 'undertaking_unit', 'hz-czj');
    await appoint(api, system.registrar, finance);
    expect(await scopes.canSee(actors.unit.id, id)).toBe(true);
    expect((await scopes.scopeOf(actors.unit.id)).units).toEqual(expect.arrayContaining(['hz-jtj', 'hz-jtj-fgc']));
    expect(await scopes.canSee(finance.id, id)).toBe(false);
    expect((await scopes.scopeOf(finance.id)).units).not.toContain('hz-jtj-fgc');
  });

  it("an inspector sees every decision of their province's governments; another province's inspector none; nobody without an office", async () => {
    const zj = person('i-zj', 'inspector', 'zj');
    const js = person('i-js', 'inspector', 'js');
    const hzInspector = person('i-hz', 'inspector', 'hz');
    const authority = (await import('../../apps/api/src/authority/authority.service')).AuthorityService;
    await api.get(authority).appoint(endorsedAppointment(system.registrars.zj, appointmentOf(zj)) as never);
    await api.get(authority).appoint(endorsedAppointment(system.registrars.js, appointmentOf(js)) as never);
    await appoint(api, system.registrar, hzInspector);
    expect(await scopes.canSee(zj.id, hangzhou)).toBe(true);
    expect(await scopes.canSee(hzInspector.id, hangzhou)).toBe(true);
    expect(await scopes.canSee(js.id, hangzhou)).toBe(false);
    expect(await scopes.canSee('nobody', hangzhou)).toBe(false);
  });

  it('an expert named on the panel sees that decision, not the others, and finds the opinion to give in 我的待办', async () => {
    expect(await scopes.canSee(actors.expert1.id, ofExpert)).toBe(true);
    expect(await scopes.canSee(actors.expert1.id, hangzhou)).toBe(false);
    // Experts hold no office: their task comes from the panel that names them (Art. 20).
    const mine = (await system.as(actors.expert1.id).get('/tasks').expect(200)).body;
    expect(mine.items).toEqual([
      expect.objectContaining({ decisionId: ofExpert, action: 'submitExpertOpinion', role: 'expert', actor: { id: actors.expert1.id, name: actors.expert1.name, role: 'expert', organisation: actors.expert1.organisation } }),
    ]);
    // Nobody else is handed the expert's task.
    expect((await system.as(actors.unit.id).get('/tasks').expect(200)).body.items.filter((t: { role: string }) => t.role === 'expert')).toEqual([]);
  });
  it('over HTTP, every read of a decision answers only those in scope: 401 without a token, 404 (never 403) outside, 200 inside; and the list holds only what one sees', async () => {
    const ENDPOINTS = ['', '/tasks', '/deadlines', '/timeline', '/refusals', '/unattributed-attempts', '/bundle', '/verify', '/steps/0/inclusion'];
    await appoint(api, system.registrar, person('u-finance', 'undertaking_unit', 'hz-czj'));
    const jiangsu = person('i-js', 'inspector', 'js');
    await api.get(AuthorityService).appoint(endorsedAppointment(system.registrars.js, appointmentOf(jiangsu)) as never);
    const callers: [string, string | undefined, number[]][] = [
      ['anonymous', undefined, [401]],
      ["Jiangsu's inspector", 'i-js', [404]],
      ["another department's official", 'u-finance', [404]],
      ['the undertaking unit', actors.unit.id, [200, 404]], // 404 only for an inclusion proof no checkpoint covers yet
      ["the province's inspector", PERSON, [200, 404]],
    ];
    for (const path of ENDPOINTS) {
      for (const [who, sub, expected] of callers) {
        const url = `/decisions/${hangzhou}${path}`;
        const res = sub ? await system.as(sub).get(url) : await request(api.getHttpServer()).get(url);
        if (!expected.includes(res.status)) throw new Error(`${who} GET ${url}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        if (res.status === 404) expect(res.body.message).toMatch(/没有编号为|no /);
      }
      // Outside the scope the answer is the very one for a decision that does not exist.
      const outside = await system.as('i-js').get(`/decisions/${hangzhou}${path}`);
      const missing = await system.as('i-js').get(`/decisions/NO-SUCH-DECISION${path}`);
      expect([outside.status, outside.body.message.split(hangzhou).join('X')]).toEqual([missing.status, missing.body.message.split('NO-SUCH-DECISION').join('X')]);
    }
    const listed = async (sub: string) => ((await system.as(sub).get('/decisions?pageSize=100').expect(200)).body.items as { id: string }[]).map((i) => i.id);
    expect(await listed('i-js')).toEqual([]);
    expect(await listed('u-finance')).toEqual([]);
    expect(await listed(PERSON)).toEqual(expect.arrayContaining([hangzhou, ofExpert]));
    expect(await listed(actors.expert1.id)).toEqual([ofExpert]);
  });

  it('a co-unit the deciding organ names (decideToStart coUnits, Art. 11) reads the decision as the undertaking unit does; a department not named still gets 404', async () => {
    const key = newKey('ed25519');
    const unit = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
    const shared = `SCOPE-CO-${randomUUID().slice(0, 8)}`;
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id: shared, title: '关于调整票价的决定', undertakingDepartment: 'hz-jtj', catalogRef: 'C-SCOPE', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
    const finance = person('u-finance', 'undertaking_unit', 'hz-czj');
    const education = person('u-later', 'undertaking_unit', 'hz-jyj');
    await appoint(api, system.registrar, finance);
    await appoint(api, system.registrar, education);
    // Before the organ names it, the finance bureau does not see the decision.
    await system.as(finance.id).get(`/decisions/${shared}`).expect(404);
    const mayor = await system.keyOf(actors.mayor.id);
    await system.as(actors.mayor.id).post(`/decisions/${shared}/steps`).send(signedStep(shared, steps.start({ coUnits: ['hz-czj'] }), mayor, `${shared}-start`)).expect(201);
    for (const path of ['', '/timeline', '/deadlines', '/tasks']) await system.as(finance.id).get(`/decisions/${shared}${path}`).expect(200);
    expect(await scopes.canSee(finance.id, shared)).toBe(true);
    expect(((await system.as(finance.id).get('/decisions?pageSize=100').expect(200)).body.items as { id: string }[]).map((i) => i.id)).toEqual([shared]);
    // Another department of the same government, not named: as if there were no such decision.
    const outside = await system.as(education.id).get(`/decisions/${shared}`).expect(404);
    expect(outside.body.message).toMatch(/没有编号为/);
    expect(await scopes.canSee(education.id, shared)).toBe(false);
    // Seeing it, the co-unit's steps reach the rules, which give the undertaking unit's work to the lead unit alone (Art. 11).
    const coKey = await system.keyOf(finance.id);
    const draft = await system.as(finance.id).post(`/decisions/${shared}/steps`).send(signedStep(shared, { ...steps.draft(), actor: finance }, coKey, `${shared}-co-draft`)).expect(422);
    expect([draft.body.code, draft.body.articles.join(' ')]).toEqual(['NOT_DESIGNATED', expect.stringContaining('第十一条')]);
  });

  it("an inspector over a nation's worth of governments (40,000 under the province) lists, counts and reads as one over a few", async () => {
    // As the country is registered: a province's governments below it, cities, counties, townships, each its own.
    const owner = createPrismaClient(system.db.url);
    try {
      await owner.$executeRaw`
        INSERT INTO organisations (id, name, kind, parent_id, level, endorsed_by, endorsement)
        SELECT 'zj-g' || n, '乡镇' || n, 'government', 'zj', 'township', 'test', 'test' FROM generate_series(1, 40000) AS n`;
    } finally {
      await owner.$disconnect();
    }
    expect((await scopes.scopeOf(PERSON)).governments.length).toBeGreaterThan(40_000);
    const list = (await system.as(PERSON).get('/decisions?pageSize=100').expect(200)).body as { items: { id: string }[]; total: number };
    expect(list.items.map((i) => i.id)).toEqual(expect.arrayContaining([hangzhou, ofExpert]));
    expect(list.total).toBeGreaterThanOrEqual(2);
    const next = (await system.as(PERSON).get('/decisions?pageSize=1').expect(200)).body as { nextCursor: string };
    expect((await system.as(PERSON).get(`/decisions?pageSize=1&cursor=${encodeURIComponent(next.nextCursor)}`).expect(200)).body.items).toHaveLength(1);
    await system.as(PERSON).get(`/decisions/${hangzhou}`).expect(200);
    expect((await system.as(PERSON).get('/statistics').expect(200)).body).toEqual(expect.any(Object));
    const tasks = await system.as(PERSON).get('/tasks');
    expect([tasks.status, tasks.body.message]).toEqual([200, undefined]);
    // Jiangsu's inspector still sees none of it.
    expect((await system.as('i-js').get('/decisions?pageSize=100').expect(200)).body.items).toEqual([]);
  }, 120_000);

  it('我的待办 names a decision whose workflow does not answer, instead of failing or leaving it out unsaid (tester: said only in the log)', async () => {
    const ghost = `SCOPE-GHOST-${randomUUID().slice(0, 8)}`;
    const owner = createPrismaClient(system.db.url);
    try {
      // Its workflow gone from Temporal: the list cannot ask it which steps are open.
      await owner.$executeRaw`INSERT INTO decisions (id, title, undertaking_department, catalog_ref, legal_basis, profile, workflow_id, run_id) VALUES (${ghost}, '关于失联流程的决定', 'hz-jtj', 'C-SCOPE', '{}', 'national', ${ghost}, 'r')`;
    } finally {
      await owner.$disconnect();
    }
    const tasks = (await system.as(actors.unit.id).get('/tasks').expect(200)).body as { items: { decisionId: string }[]; unanswering: { id: string; title: string }[] };
    expect(tasks.unanswering).toEqual([{ id: ghost, title: '关于失联流程的决定' }]);
    expect(tasks.items.map((t) => t.decisionId)).toEqual(expect.arrayContaining([hangzhou]));
    expect(tasks.items.map((t) => t.decisionId)).not.toContain(ghost);
  });
});
