import { randomUUID } from 'node:crypto';
import { Client as Pg } from 'pg';
import { Role, type Actor, type Command } from '../../libs/domain';
import { verifyBundle, type DecisionBundle } from '../../libs/record/bundle';
import { expertDisqualificationMessage } from '../../libs/record/endorsement';
import { signMessage } from '../../libs/record/signatures';
import { PERSON, REGISTRAR } from '../support/auth';
import { appoint, MEETING_MEMBERS } from '../support/government';
import { actors, cmd, h, steps } from '../support/procedure';
import { signedRegistration, signedStep, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';

/**
 * (With, on the same decision, the API's check of the unit consulted under Art. 13.)
 * Experts disqualified under Art. 41 (取消评估资格), over HTTP: a registrar of the province enters the disqualification
 * for its expert pool (Art. 21), and a panel of a city's decision below it may not name the expert (422,
 * EXPERT_DISQUALIFIED, 第四十一条); another province's disqualification does not bind the city, and another province's
 * registrar cannot enter one for this province.
 */
describe('Art. 41: a disqualified expert is not chosen for a panel', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  const as = (sub: string) => system.as(sub);

  const keyOf = (a: Actor): Promise<TestKey> => system.keyOf(a.id);
  /** A disqualification as a registrar signs it. */
  const disqualification = (registrar: TestKey, d: { id: string; expertId: string; expertName: string; governmentId: string; reason: string; validFrom: string }) => ({
    ...d,
    endorsement: { keyId: registrar.keyId, value: signMessage(registrar.algorithm, registrar.privateKey, expertDisqualificationMessage(d)) },
  });

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    await as(PERSON).post('/catalog-items').send({ ref: 'C-EXPERTS', year: 2026, title: '票价', organ: '杭州市人民政府', partyConsentRef: '市委同意' }).expect(201);
  }, 120_000);

  afterAll(() => system?.close());

  it('the province’s registrar disqualifies an expert; the city’s panel naming the expert is refused, one without is appointed', async () => {
    const validFrom = new Date(Date.now() - 60_000).toISOString();
    const zj = disqualification(system.registrars.zj, { id: `dq-${randomUUID().slice(0, 8)}`, expertId: actors.expert1.id, expertName: actors.expert1.name, governmentId: 'zj', reason: '论证中弄虚作假，造成严重后果', validFrom });
    // Another province's registrar cannot enter it for this province.
    const forged = disqualification(system.registrars.js, { ...zj, id: `dq-${randomUUID().slice(0, 8)}` });
    expect((await as(REGISTRAR).post('/expert-disqualifications').send(forged).expect(403)).body.message).toMatch(/应当由.*zj.*的登记员签名认可/);
    const first = (await as(REGISTRAR).post('/expert-disqualifications').send(zj).expect(201)).body;
    expect(first).toMatchObject({ id: zj.id, expertId: actors.expert1.id, governmentId: 'zj', validTo: null });
    // The same record again: the same answer; another under its id: 409.
    await as(REGISTRAR).post('/expert-disqualifications').send(zj).expect(201);
    await as(REGISTRAR).post('/expert-disqualifications').send(disqualification(system.registrars.zj, { ...zj, reason: '另一理由' })).expect(409);
    // Jiangsu disqualifies the second expert for its own pool: not Zhejiang's, nor its cities'.
    await as(REGISTRAR).post('/expert-disqualifications').send(disqualification(system.registrars.js, { id: `dq-${randomUUID().slice(0, 8)}`, expertId: actors.expert2.id, expertName: actors.expert2.name, governmentId: 'js', reason: '未履行保密义务', validFrom })).expect(201);
    expect((await as(PERSON).get(`/expert-disqualifications?expertId=${actors.expert1.id}`).expect(200)).body).toHaveLength(1);

    const id = `EXPERTS-${randomUUID().slice(0, 8)}`;
    const fields = { id, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-EXPERTS', legalBasis: ['《价格法》'] };
    await as(actors.unit.id).post('/decisions').send(signedRegistration(fields, actors.unit, await keyOf(actors.unit))).expect(201);
    const send = async (c: Command) => as(c.actor.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, await keyOf(c.actor), `${id}-${randomUUID()}`));
    for (const c of [steps.draft(), steps.applicability({ pp: false, risk: false })]) expect((await send(c)).status).toBe(201);

    const refused = await send(steps.panel());
    expect([refused.status, refused.body.code]).toEqual([422, 'EXPERT_DISQUALIFIED']);
    expect(refused.body.message).toMatch(/^experts\.0\.id：专家专家甲（e-1）已被浙江省人民政府（zj）取消评估资格/);
    expect(refused.body.articles.join(' ')).toContain('第四十一条');
    const panel = steps.panel() as Extract<Command, { action: 'appointExpertPanel' }>;
    const others = panel.payload.experts.filter((e) => e.id !== actors.expert1.id);
    // Arts. 19, 20: who takes the decision through its procedure does not argue it as an expert: the mayor, who decides
    // it, nor the reviewer of its legality (fresh-eyes tester: the mayor was appointed and then gave an expert opinion).
    // Nor a member of the organ's meeting, who discusses the draft (Art. 30; statute tester: a deputy mayor argued it).
    const member = { id: MEETING_MEMBERS[1][0], name: MEETING_MEMBERS[1][1] };
    for (const [official, where, office] of [[actors.mayor, '杭州市人民政府', '行政首长'], [actors.reviewer, '杭州市司法局', '合法性审查'], [member, '杭州市人民政府', '决策机关会议组成人员']] as const) {
      const named = cmd('appointExpertPanel', actors.unit, { ...panel.payload, experts: [...others, { id: official.id, name: official.name, organisation: where, field: '城市管理', directInterest: false }] });
      const notNeutral = await send(named);
      expect([notNeutral.status, notNeutral.body.code]).toEqual([422, 'CONFLICT_OF_INTEREST']);
      expect(notNeutral.body.message).toMatch(new RegExp(`^experts\\.${others.length}\\.id：${official.name}（${official.id}）此时在${where}任职（${office}`));
      expect(notNeutral.body.articles.join(' ')).toMatch(/第二十条.*第十九条第二款/);
    }
    // Nor a legal adviser the organ calls on (Art. 28), nor an official under their id in other letters, nor the
    // undertaking unit itself as an expert institution (fresh-eyes tester: all three were appointed).
    const refusedAs = async (expert: Record<string, unknown>, said: RegExp) => {
      const r = await send(cmd('appointExpertPanel', actors.unit, { ...panel.payload, experts: [...others, { organisation: '某单位', field: '城市管理', directInterest: false, ...expert }] } as never));
      expect([r.status, r.body.code, r.body.message]).toEqual([422, 'CONFLICT_OF_INTEREST', expect.stringMatching(said)]);
    };
    await refusedAs({ id: actors.adviser.id, name: actors.adviser.name }, /王顾问（a-wang）此时在.*任职（法律顾问/);
    await refusedAs({ id: 'U-ZHANG', name: '张承办' }, /张承办（U-ZHANG）此时在.*任职（决策承办单位/);
    // Nor an id no one can sign in as, which slipped past the check and left the argumentation waiting for good (retest).
    for (const id of [`${member.id} `, `m\u200b-4`]) {
      const unsignable = await send(cmd('appointExpertPanel', actors.unit, { ...panel.payload, experts: [...others, { id, name: member.name, organisation: '某单位', field: '城市管理', directInterest: false }] } as never));
      expect([unsignable.status, unsignable.body.code, unsignable.body.message]).toEqual([422, 'INVALID_PAYLOAD', expect.stringMatching(new RegExp(`^experts\\.${others.length}\\.id：必须是专家的人员编号`))]);
    }
    await refusedAs({ id: 'hz-jtj', name: '杭州市交通运输局', institution: true }, /杭州市交通运输局（hz-jtj）是办理本决策的单位（决策承办单位）/);
    // Nor one expert twice, under ids differing only in case (attacker: the argumentation then waited for an opinion given).
    const twice = await send(cmd('appointExpertPanel', actors.unit, { ...panel.payload, experts: [...others, { ...others[0], id: others[0].id.toUpperCase() }] }));
    expect([twice.status, twice.body.code, twice.body.message]).toEqual([422, 'INVALID_PAYLOAD', expect.stringMatching(new RegExp(`^experts\\.${others.length}\\.id：${others[0].id.toUpperCase()} 与 experts\\.0\\.id 只有大小写不同`))]);
    // Nor alone, when only a register beside the appointments and pools knows the id (a disqualification, a key; retest: E-T7).
    const upper = await send(cmd('appointExpertPanel', actors.unit, { ...panel.payload, experts: [{ ...others[0], id: others[0].id.toUpperCase() }] }));
    expect([upper.status, upper.body.code, upper.body.message]).toEqual([422, 'INVALID_PAYLOAD', expect.stringMatching(new RegExp(`^experts\\.0\\.id：${others[0].id.toUpperCase()} 与已登记的.*（${others[0].id}）只有大小写不同`))]);
    const without = cmd('appointExpertPanel', actors.unit, { ...panel.payload, experts: others });
    expect((await send(without)).status).toBe(201);
    // An expert of the panel appointed since to the undertaking unit gives no opinion on its draft: checked again then.
    await appoint(system.api, system.registrar, { ...actors.expert2, role: Role.UndertakingUnit, organisation: actors.unit.organisation });
    const opinion = await send(steps.expertOpinion(actors.expert2));
    expect([opinion.status, opinion.body.code, opinion.body.message]).toEqual([422, 'CONFLICT_OF_INTEREST', expect.stringMatching(/^actor\.id：专家乙（e-2）此时在.*任职（决策承办单位/)]);

    // Art. 13, over HTTP: the unit consulted is a registered one; consulted, the step is in the record.
    const unknown = await send(steps.consultDepartment(true, 'hz-nowhere'));
    expect([unknown.status, unknown.body.code]).toEqual([422, 'INVALID_PAYLOAD']);
    expect(unknown.body.message).toMatch(/^unit：没有编号为 hz-nowhere 的已登记机构/);
    expect(unknown.body.articles.join(' ')).toContain('第十三条');
    expect((await send(steps.consultDepartment(false))).status).toBe(201);
    const timeline = (await as(actors.unit.id).get(`/decisions/${id}/timeline`).expect(200)).body as { action: string }[];
    expect(timeline.map((t) => t.action)).toContain('consultDepartment');

    // Art. 41 offline: the bundle carries the disqualifications entered for the panel's expert (Jiangsu's, which does not
    // bind Hangzhou), with the registrar that signed it, and the record verifies.
    const bundle = (await as(PERSON).get(`/decisions/${id}/bundle`).expect(200)).body as DecisionBundle;
    expect(bundle.expertDisqualifications?.map((d) => [d.expertId, d.governmentId])).toEqual([[actors.expert2.id, 'js']]);
    expect(bundle.registrarKeys?.map((r) => r.keyId)).toContain(system.registrars.js.keyId);
    const trusted = (b: DecisionBundle) => ({ systemKeys: b.systemKeys, actorKeys: b.actorKeys, registrarKeys: b.registrarKeys });
    expect(verifyBundle(bundle, trusted(bundle))).toMatchObject({ ok: true });
    expect((await as(PERSON).get(`/decisions/${id}/verify`).expect(200)).body).toMatchObject({ ok: true });

    // Had the register held, before the panel, Zhejiang's disqualification of 专家乙 (a row the database owner slips in,
    // signed by Zhejiang's registrar and dated before it), the panel could not stand: the verifier names the entry (check 'experts').
    const panelEntry = bundle.entries.map((e) => JSON.parse(e.canonical) as { seq: number; action: string; at: string }).find((e) => e.action === 'appointExpertPanel')!;
    const panelAt = Date.parse(panelEntry.at);
    const slipped = disqualification(system.registrars.zj, { id: `dq-${randomUUID().slice(0, 8)}`, expertId: actors.expert2.id, expertName: actors.expert2.name, governmentId: 'zj', reason: '论证中弄虚作假', validFrom: new Date(panelAt - 86_400_000).toISOString() });
    const pg = new Pg({ connectionString: system.db.url });
    await pg.connect();
    try {
      await pg.query(
        'INSERT INTO expert_disqualifications (id, expert_id, expert_name, government_id, reason, valid_from, endorsed_by, endorsement, registered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [slipped.id, slipped.expertId, slipped.expertName, slipped.governmentId, slipped.reason, slipped.validFrom, slipped.endorsement.keyId, slipped.endorsement.value, new Date(panelAt - 60_000)],
      );
    } finally {
      await pg.end();
    }
    const after = (await as(PERSON).get(`/decisions/${id}/bundle`).expect(200)).body as DecisionBundle;
    const verdict = verifyBundle(after, trusted(after));
    expect(verdict).toMatchObject({ ok: false, check: 'experts', seq: panelEntry.seq });
    expect(!verdict.ok && verdict.failure).toMatch(/专家专家乙（e-2）已被浙江省人民政府（zj）取消评估资格.*第四十一条/);
  });

  it('an expert disqualified after the panel was named gives no further opinion (fresh-eyes tester: the opinion was taken)', async () => {
    const expert: Actor = { id: 'e-dq', name: '专家丙', role: Role.Expert, organisation: '浙江大学' };
    const id = `EXPERTS-${randomUUID().slice(0, 8)}`;
    const fields = { id, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-EXPERTS', legalBasis: ['《价格法》'] };
    await as(actors.unit.id).post('/decisions').send(signedRegistration(fields, actors.unit, await keyOf(actors.unit))).expect(201);
    const d = system.stepsOn(id);
    await d.ok(steps.draft(), steps.applicability({ pp: false, risk: false }), cmd('appointExpertPanel', actors.unit, { form: 'meeting', experts: [{ id: expert.id, name: expert.name, organisation: expert.organisation, field: '交通工程', directInterest: false }] }));
    const validFrom = new Date(Date.now() - 1000).toISOString();
    await as(REGISTRAR).post('/expert-disqualifications').send(disqualification(system.registrars.zj, { id: `dq-${randomUUID().slice(0, 8)}`, expertId: expert.id, expertName: expert.name, governmentId: 'zj', reason: '违反职业道德', validFrom })).expect(201);
    const r = await d.send(steps.expertOpinion(expert));
    expect([r.status, r.body.code, r.body.message]).toEqual([422, 'EXPERT_DISQUALIFIED', expect.stringMatching(/^actor\.id：专家专家丙（e-dq）已被浙江省人民政府（zj）取消评估资格（违反职业道德/)]);
    expect(r.body.articles.join(' ')).toContain('第四十一条');
    // Nor does the expert count by signing the expert meeting's minutes (second tester: they were taken, and the argumentation completed).
    const minutes = await d.send(cmd('submitExpertMinutes', actors.unit, { minutesHash: h('expert-minutes-dq'), signedBy: [expert.id] }));
    expect([minutes.status, minutes.body.code, minutes.body.message]).toEqual([422, 'EXPERT_DISQUALIFIED', expect.stringMatching(/^signedBy\.0：专家专家丙（e-dq）已被浙江省人民政府（zj）取消评估资格/)]);
    const timeline = (await as(actors.unit.id).get(`/decisions/${id}/timeline`).expect(200)).body as { action: string }[];
    expect(timeline.map((t) => t.action)).not.toContain('submitExpertOpinion');
    expect(timeline.map((t) => t.action)).not.toContain('submitExpertMinutes');
  });
});
