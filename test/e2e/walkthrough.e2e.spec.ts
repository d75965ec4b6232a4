import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AuthorityService } from '../../apps/api/src/authority/authority.service';
import { endorsedAppointment } from '../../infra/authority-seed';
import type { Actor, Command } from '../../libs/domain';
import { verifyBundle, type DecisionBundle } from '../../libs/record/bundle';
import { PERSON, REGISTRAR, signIn, withToken } from '../support/auth';
import { appointmentOf } from '../support/government';
import { actors, h, steps } from '../support/procedure';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';

/**
 * Issue 9's proof, in one pass: officials of five offices sign in through the
 * embedded OpenID Connect provider (the authorization code flow with PKCE, as
 * a browser does), each takes their step of one decision of 杭州市 in their
 * own office and under their own key; the province's inspector then verifies
 * the whole record (through the API and offline), while an inspector of
 * another province is told the decision does not exist.
 */
describe('one decision through five offices, verified by the province and unseen by another', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let api: INestApplication;
  const tokens = new Map<string, string>();
  const keys = new Map<string, TestKey>();
  const as = (sub: string) => withToken(api.getHttpServer(), tokens.get(sub)!);
  const ID = 'HZ-2026-WALK';

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'sm2-sm3' });
    api = system.api;
    // Each person signs in for themselves: the provider's login page, their password, the code, the token.
    for (const sub of [actors.unit.id, actors.adviser.id, actors.reviewer.id, actors.secretary.id, actors.mayor.id, PERSON, 'i-js', REGISTRAR]) tokens.set(sub, await signIn(sub));
    await api.get(AuthorityService).appoint(endorsedAppointment(system.registrars.js, appointmentOf({ id: 'i-js', name: 'i-js', role: 'inspector', organisation: 'js' } as unknown as Actor)) as never);
    for (const a of [actors.unit, actors.adviser, actors.reviewer, actors.secretary, actors.mayor]) {
      const key = newKey(a === actors.mayor ? 'sm2-sm3' : 'ed25519');
      keys.set(a.id, { ...key, keyId: (await as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, a.id, key)).expect(201)).body.keyId });
    }
    // The same public key again (another validity, so another endorsement): refused, said in Chinese first.
    const again = endorsedKey(system.registrar, actors.unit.id, keys.get(actors.unit.id)!, { validFrom: '2021-01-01T00:00:00Z', validTo: '2031-01-01T00:00:00Z' });
    expect((await as(REGISTRAR).post('/actor-keys').send(again).expect(409)).body.message).toMatch(/^该公钥已登记为 /);
    await as(actors.mayor.id).post('/catalog-items').send({ ref: 'C-WALK', year: 2026, title: '公交票价调整', organ: '杭州市人民政府', partyConsentRef: '市委同意' }).expect(201);
  }, 180_000);

  afterAll(() => system?.close());

  let n = 0;
  const take = async (c: Command) => {
    const res = await as(c.actor.id).post(`/decisions/${ID}/steps`).send(signedStep(ID, c, keys.get(c.actor.id)!, `${ID}-${++n}`));
    if (res.status !== 201) throw new Error(`${c.action} by ${c.actor.id}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const state = async (): Promise<{ phase: string }> => (await as(actors.unit.id).get(`/decisions/${ID}`).expect(200)).body.state;

  it('the undertaking unit drafts, the legal adviser and the legality reviewer review, the secretary records the meeting, the mayor decides and reports to the Party committee, the general office publishes (Art. 32)', async () => {
    await as(actors.unit.id)
      .post('/decisions')
      .send(signedRegistration({ id: ID, title: '关于调整公交票价的决定', undertakingDepartment: 'hz-jtj', catalogRef: 'C-WALK', legalBasis: ['《价格法》'] }, actors.unit, keys.get(actors.unit.id)!))
      .expect(201);
    for (const c of [steps.draft(), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(), steps.legalOpinion()]) await take(c);
    await take(steps.legalityOpinion('lawful', { earlyReason: '材料齐全，提前完成审查' }));
    // The Art. 29 package as the meeting had it: the draft and the legality opinion.
    await take(steps.discussion({ draftHash: h('draft-1'), legalityOpinionHash: h('legality-lawful') }));
    await take(steps.decide());
    await take(steps.partyReport()); // Art. 31: reported to the Party committee before it is issued
    // Declared not to be disclosed (Art. 14) and withheld until now, its text uploaded by the undertaking unit: not the public's.
    const doc = (await as(actors.unit.id).post('/documents').set('content-type', 'text/plain').send(Buffer.from('draft-1')).expect(201)).body.hash;
    expect(doc).toBe(h('draft-1'));
    await request(api.getHttpServer()).get(`/public-documents/${doc}`).expect(404);
    // Published after all, on its basis for disclosure, by the general office: the text the unit uploaded is the public's
    // (the second tester of the fifteenth session: a publisher who had not uploaded it himself left it unreadable).
    await take({ ...steps.publish(), payload: { channels: ['市政府网站'], documentHash: h('draft-1'), disclosureBasis: '经定密机关审查，已解密' } } as Command);
    expect((await state()).phase).toBe('published');
    await request(api.getHttpServer()).get(`/public-documents/${doc}`).expect(200);
    await request(api.getHttpServer()).get(`/published-decisions/${ID}`).expect(200);
  });

  it("the province's inspector verifies the whole record, through the API and offline, each step in its office", async () => {
    const verdict = (await as(PERSON).get(`/decisions/${ID}/verify`).expect(200)).body;
    expect(verdict).toMatchObject({ ok: true, entries: 10 });
    expect(verdict.withoutOfficeCheck ?? 0).toBe(0);
    const bundle: DecisionBundle = (await as(PERSON).get(`/decisions/${ID}/bundle`).expect(200)).body;
    const trusted = {
      systemKeys: (await as(PERSON).get('/system-keys').expect(200)).body,
      registrarKeys: Object.entries(system.registrars).map(([governmentId, r]) => ({ keyId: r.keyId, algorithm: r.algorithm, publicKey: r.publicKey, governmentId })),
    };
    expect(verifyBundle(bundle, trusted)).toMatchObject({ ok: true, entries: 10 });
    // Each entry names the office its signer held: five offices, each in its own organisation.
    const offices = bundle.entries.map((e) => JSON.parse(e.canonical)).filter((e) => e.office).map((e) => `${e.actor.role}@${e.office.path[0].id}`);
    expect([...new Set(offices)].sort()).toEqual(['chief_executive@hz', 'legal_adviser@hz-bgt-flgws', 'legality_reviewer@hz-sfj', 'meeting_secretary@hz-bgt', 'undertaking_unit@hz-jtj']);
  });

  it("another province's inspector is answered as if the decision did not exist, for every read", async () => {
    for (const path of ['', '/verify', '/bundle', '/timeline', '/refusals']) {
      const res = await as('i-js').get(`/decisions/${ID}${path}`);
      expect([path, res.status]).toEqual([path, 404]);
    }
    expect((await as('i-js').get('/decisions?pageSize=100').expect(200)).body.items).toEqual([]);
  });

  it("the year's figures, as the annual rule-of-law report gives them, count the decision for the province and not for another", async () => {
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const zj = (await as(PERSON).get(`/statistics?year=${year}&government=hz`).expect(200)).body.year;
    expect(zj).toEqual({
      year, government: 'hz', registered: 1, decided: 1, legalityReviewed: 1, legalityReviewRate: 1,
      publicParticipation: 0, hearings: 0, expertArgumentation: 0, riskAssessments: 0, published: 1, overdueSteps: 0, undecidedPastReview: 0, suspensions: 0, adjustments: 0,
      comments: { received: 0, distinctTexts: 0, folded: 0, rateLimited: 0 },
    });
    expect((await as(PERSON).get(`/statistics?year=${year - 1}`).expect(200)).body.year).toMatchObject({ registered: 0, decided: 0, legalityReviewRate: null });
    expect((await as('i-js').get(`/statistics?year=${year}`).expect(200)).body.year).toMatchObject({ registered: 0, decided: 0, published: 0 });
  });
});
