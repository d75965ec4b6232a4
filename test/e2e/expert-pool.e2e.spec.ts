import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../infra/paths';
import { NATIONAL_BASELINE, PROFILES, type Actor, type Command, type ProcedureProfile } from '../../libs/domain';
import { expertDisqualificationMessage, expertPoolEndMessage, expertPoolEntryMessage } from '../../libs/record/endorsement';
import type { ExpertPoolEntryRecord } from '../../libs/record/endorsement-text';
import { signMessage } from '../../libs/record/signatures';
import { PERSON, REGISTRAR } from '../support/auth';
import { actors, cmd, steps } from '../support/procedure';
import { signedRegistration, signedStep, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';

/**
 * The decision-consulting expert pools of Art. 21 (决策咨询论证专家库), over HTTP: a government's registrar enters an
 * expert into its pool and ends the membership (退出), each signed, never altered; a city's officials and inspectors list
 * the city's pool with the province's above it, which the city's decisions may use (para. 3); a disqualification under
 * Art. 41 of the province takes the expert out of both (derived, not written); another government's registrar is refused.
 * The decree does not ask that panel experts come from a pool: the national baseline appoints one naming an expert in
 * none, and only a profile that asks it (`expertsFromPool`; no shipped profile does: a test-only one here) refuses it.
 */
describe('Art. 21: expert pools, their entries and ends, and the profile that asks panel experts to come from one', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  const as = (sub: string) => system.as(sub);
  const keyOf = (a: Actor): Promise<TestKey> => system.keyOf(a.id);
  const uid = () => randomUUID().slice(0, 8);
  const signed = (registrar: TestKey, message: Buffer) => ({ keyId: registrar.keyId, value: signMessage(registrar.algorithm, registrar.privateKey, message) });
  /** An entry as a registrar signs it. */
  const entry = (registrar: TestKey, e: ExpertPoolEntryRecord) => ({ ...e, endorsement: signed(registrar, expertPoolEntryMessage(e)) });
  const end = (registrar: TestKey, entryId: string, e: { endedAt: string; reason: string }) => ({ ...e, endorsement: signed(registrar, expertPoolEndMessage({ entryId, ...e })) });
  const soon = () => new Date(Date.now() + 1_000).toISOString();
  const past = new Date(Date.now() - 86_400_000).toISOString();
  type Listed = { governmentId: string; pools: { governmentId: string }[]; entries: { id: string; expertId: string; governmentId: string; standing: string; disqualificationId: string | null; endReason: string | null }[] };
  const list = async (sub: string, governmentId: string) => (await as(sub).get(`/expert-pool?governmentId=${governmentId}`).expect(200)).body as Listed;

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    await as(PERSON).post('/catalog-items').send({ ref: 'C-POOL', year: 2026, title: '票价', organ: '杭州市人民政府', partyConsentRef: '市委同意' }).expect(201);
  }, 120_000);

  afterAll(() => system?.close());

  it("a registrar enters experts into its government's pool; the city's officials see the city's pool and the province's; an end and a disqualification take the expert out", async () => {
    const zjEntry = entry(system.registrars.zj, { id: `pool-${uid()}`, expertId: actors.expert1.id, expertName: actors.expert1.name, governmentId: 'zj', fields: ['交通工程', '价格'], institution: '交通大学', validFrom: past });
    // Another province's registrar cannot enter an expert into Zhejiang's pool; nor the city's into the province's.
    expect((await as(REGISTRAR).post('/expert-pool').send(entry(system.registrars.js, { ...zjEntry, id: `pool-${uid()}` })).expect(403)).body.message).toMatch(/应当由浙江省人民政府（zj）的登记员签名认可/);
    await as(REGISTRAR).post('/expert-pool').send(entry(system.registrars.hz, { ...zjEntry, id: `pool-${uid()}` })).expect(403);
    // A signature over something else: refused.
    await as(REGISTRAR).post('/expert-pool').send({ ...zjEntry, fields: ['别的领域'] }).expect(403);
    const first = (await as(REGISTRAR).post('/expert-pool').send(zjEntry).expect(201)).body;
    expect(first).toMatchObject({ id: zjEntry.id, expertId: actors.expert1.id, governmentId: 'zj', fields: ['交通工程', '价格'], institution: '交通大学', validTo: null });
    // The same entry again: the same answer; another under its id: 409.
    await as(REGISTRAR).post('/expert-pool').send(zjEntry).expect(201);
    await as(REGISTRAR).post('/expert-pool').send(entry(system.registrars.zj, { ...zjEntry, fields: ['城市规划'] })).expect(409);
    // One expert, one name: the same expert entered under another name, in any pool or disqualified, while the first stands: 409 naming it.
    const renamed = entry(system.registrars.hz, { ...zjEntry, id: `pool-${uid()}`, expertName: '别人', governmentId: 'hz' });
    expect((await as(REGISTRAR).post('/expert-pool').send(renamed).expect(409)).body.message).toMatch(new RegExp(`^专家 ${actors.expert1.id} 在记录 ${zjEntry.id} 中的姓名是${actors.expert1.name}，本记录写的是别人`));
    const renamedDq = { id: `dq-${uid()}`, expertId: actors.expert1.id, expertName: '别人', governmentId: 'hz', reason: '弄虚作假', validFrom: past };
    await as(REGISTRAR).post('/expert-disqualifications').send({ ...renamedDq, endorsement: signed(system.registrars.hz, expertDisqualificationMessage(renamedDq)) }).expect(409);
    // The city keeps a pool of its own (Art. 21 para. 2).
    const hzEntry = entry(system.registrars.hz, { id: `pool-${uid()}`, expertId: actors.expert2.id, expertName: actors.expert2.name, governmentId: 'hz', fields: ['城市规划'], validFrom: past, validTo: '2036-01-01T00:00:00+08:00' });
    await as(REGISTRAR).post('/expert-pool').send(hzEntry).expect(201);

    // Bad input: 400 naming the field, in Chinese first.
    const bad = async (body: object, field: RegExp) => expect((await as(REGISTRAR).post('/expert-pool').send(body).expect(400)).body.message.join('\n')).toMatch(field);
    await bad({ ...zjEntry, id: `pool-${uid()}`, fields: [] }, /^fields：至少列出一个专业领域/m);
    await bad({ ...zjEntry, id: `pool-${uid()}`, fields: ['交通', ''] }, /^fields：每一项都必须是非空字符串/m);
    await bad({ ...zjEntry, id: `pool-${uid()}`, governmentId: '!' }, /^governmentId：必须是机构编号/m);
    await bad({ ...zjEntry, id: `pool-${uid()}`, validFrom: 'tomorrow' }, /^validFrom：/m);
    // A government no registrar entered: 422 naming it.
    expect((await as(REGISTRAR).post('/expert-pool').send(entry(system.registrars.zj, { ...zjEntry, id: `pool-${uid()}`, governmentId: 'nowhere' })).expect(422)).body.message).toMatch(/^governmentId：nowhere 不是已登记的人民政府/);

    // The city's pool and the province's, which the city's decisions may use (Art. 21 para. 3): the city's first.
    const hz = await list(actors.unit.id, 'hz');
    expect(hz.pools.map((p) => p.governmentId)).toEqual(['hz', 'zj']);
    expect(hz.entries.map((e) => [e.id, e.governmentId, e.standing])).toEqual([[hzEntry.id, 'hz', 'in-force'], [zjEntry.id, 'zj', 'in-force']]);
    // The province's pool alone, to the province's inspector; not to the city's official (no office of the province), nor to someone with none.
    expect((await list(PERSON, 'zj')).entries.map((e) => e.id)).toEqual([zjEntry.id]);
    expect((await as(actors.unit.id).get('/expert-pool?governmentId=zj').expect(403)).body.message).toMatch(/^浙江省人民政府可以使用的专家库只向该政府及其上级政府的工作人员和监督人员公开/);
    await as('u-forger').get('/expert-pool?governmentId=hz').expect(403);
    expect((await as(PERSON).get('/expert-pool').expect(400)).body.message.join('\n')).toMatch(/^governmentId：/);
    await as(PERSON).get('/expert-pool?governmentId=nowhere').expect(404);

    // The end (退出): signed by the pool's government's registrar, from now on.
    const ending = end(system.registrars.hz, hzEntry.id, { endedAt: soon(), reason: '诚信考核不合格' });
    await as(REGISTRAR).post(`/expert-pool/${hzEntry.id}/end`).send(end(system.registrars.zj, hzEntry.id, { endedAt: ending.endedAt, reason: ending.reason })).expect(403);
    expect((await as(REGISTRAR).post(`/expert-pool/${hzEntry.id}/end`).send(end(system.registrars.hz, hzEntry.id, { endedAt: past, reason: '倒签' })).expect(400)).body.message.join('\n')).toMatch(/^endedAt：退出不得追溯/);
    await as(REGISTRAR).post('/expert-pool/NO-SUCH-ENTRY/end').send(end(system.registrars.hz, 'NO-SUCH-ENTRY', ending)).expect(404);
    expect((await as(REGISTRAR).post(`/expert-pool/${hzEntry.id}/end`).send({ ...ending, reason: '' }).expect(400)).body.message.join('\n')).toMatch(/^reason：必须是非空字符串/);
    expect((await as(REGISTRAR).post(`/expert-pool/${hzEntry.id}/end`).send(ending).expect(201)).body.end).toMatchObject({ entryId: hzEntry.id, reason: '诚信考核不合格' });
    await as(REGISTRAR).post(`/expert-pool/${hzEntry.id}/end`).send(ending).expect(201);
    await as(REGISTRAR).post(`/expert-pool/${hzEntry.id}/end`).send(end(system.registrars.hz, hzEntry.id, { endedAt: soon(), reason: '另一理由' })).expect(409);
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await list(PERSON, 'hz')).entries.map((e) => [e.id, e.standing, e.endReason])).toEqual([[hzEntry.id, 'ended', '诚信考核不合格'], [zjEntry.id, 'in-force', null]]);

    // Art. 41: the province disqualifies 专家甲; out of the province's pool, and so of what the city may use, with no write to the pool.
    const dq = { id: `dq-${uid()}`, expertId: actors.expert1.id, expertName: actors.expert1.name, governmentId: 'zj', reason: '论证中弄虚作假，造成严重后果', validFrom: new Date(Date.now() - 60_000).toISOString() };
    await as(REGISTRAR).post('/expert-disqualifications').send({ ...dq, endorsement: signed(system.registrars.zj, expertDisqualificationMessage(dq)) }).expect(201);
    expect((await list(actors.unit.id, 'hz')).entries.find((e) => e.id === zjEntry.id)).toMatchObject({ standing: 'disqualified', disqualificationId: dq.id });
  });

  it("the README's signing tool (dist/infra/sign.js pool-enter, pool-end) makes the bodies the API accepts", async () => {
    const cli = join(PROJECT_ROOT, 'dist', 'infra', 'sign.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: npm test builds it (npm run build)`);
    const run = (args: string[], input: unknown) => JSON.parse(execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', input: JSON.stringify(input) }));
    const dir = mkdtempSync(join(tmpdir(), 'sign-pool-'));
    writeFileSync(join(dir, 'registrar.json'), JSON.stringify(system.registrars.hz));
    // What it cannot sign it says so, in words an official can act on, and signs nothing.
    const failure = (args: string[], input: string) => {
      const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    expect(failure(['appoint', join(dir, 'registrar.json')], '{}')).toEqual({ code: 2, out: '', err: expect.stringMatching(/^签名工具：输入缺少必填字段，或者字段格式不对.*\n$/) });
    expect(failure(['pool-enter', join(dir, 'registrar.json')], '{"id": ')).toEqual({ code: 2, out: '', err: expect.stringMatching(/^签名工具：标准输入不是有效的 JSON/) });
    expect(failure(['pool-enter', join(dir, 'no-such-key.json')], '{}')).toEqual({ code: 2, out: '', err: expect.stringMatching(/^签名工具：找不到文件/) });
    const id = `pool-${uid()}`;
    const created = await as(REGISTRAR).post('/expert-pool').send(run(['pool-enter', join(dir, 'registrar.json')], { id, expertId: 'e-cli', expertName: '命令行专家', governmentId: 'hz', fields: ['交通运输'], validFrom: past })).expect(201);
    expect(created.body).toMatchObject({ id, institution: null, validTo: null });
    const ended = await as(REGISTRAR).post(`/expert-pool/${id}/end`).send(run(['pool-end', join(dir, 'registrar.json'), id], { endedAt: soon(), reason: '本人申请退出' })).expect(201);
    expect(ended.body.end).toMatchObject({ entryId: id, reason: '本人申请退出' });
  });

  it('the national baseline appoints a panel naming an expert in no pool; a profile that asks for pools refuses it (Art. 21 and its basis), and the panel view says who is in one', async () => {
    const expert = (id: string, name: string) => ({ id, name, organisation: '某大学', field: '交通工程', directInterest: false });
    const [inPool, outside] = [expert(`e-in-${uid()}`, '库内专家'), expert(`e-out-${uid()}`, '库外专家')];
    await as(REGISTRAR).post('/expert-pool').send(entry(system.registrars.zj, { id: `pool-${uid()}`, expertId: inPool.id, expertName: inPool.name, governmentId: 'zj', fields: ['交通工程'], validFrom: past })).expect(201);
    const decision = async (profile?: ProcedureProfile) => {
      const id = `POOL-${uid()}`;
      const fields = { id, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-POOL', legalBasis: ['《价格法》'] };
      // A test-only profile, kept by this decision as its registration keeps any (no shipped profile asks for pools).
      const restore = profile ? jest.replaceProperty(PROFILES, 'national', profile) : undefined;
      try {
        await as(actors.unit.id).post('/decisions').send(signedRegistration(fields, actors.unit, await keyOf(actors.unit))).expect(201);
      } finally {
        restore?.restore();
      }
      const send = async (c: Command) => as(c.actor.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, await keyOf(c.actor), `${id}-${randomUUID()}`));
      for (const c of [steps.draft(), steps.applicability({ pp: false, risk: false })]) expect((await send(c)).status).toBe(201);
      const panel = (...experts: object[]) => send(cmd('appointExpertPanel', actors.unit, { form: 'meeting', experts } as never));
      return { id, panel };
    };

    // The decree's own rules: an expert in no pool may be chosen (Art. 20 sets the criteria; Art. 21 asks for pools, not that every expert come from one).
    const baseline = await decision();
    expect((await baseline.panel(inPool, outside)).status).toBe(201);
    const view = (await as(actors.unit.id).get(`/decisions/${baseline.id}/expert-panel`).expect(200)).body;
    expect(view).toMatchObject({ fromPoolRequired: false, governments: ['hz', 'zj'] });
    expect(view.experts.map((e: { id: string; inUsablePool: boolean }) => [e.id, e.inUsablePool])).toEqual([[inPool.id, true], [outside.id, false]]);

    // A profile that asks for pools: the expert in none is refused, naming the field, citing Art. 21 and the profile's basis.
    const fromPool: ProcedureProfile = { ...NATIONAL_BASELINE, name: '测试规则 (test rules)', expertsFromPool: { value: true, basis: { source: 'gov-work-rules' } } };
    const strict = await decision(fromPool);
    const refused = await strict.panel(inPool, outside);
    expect([refused.status, refused.body.code]).toEqual([422, 'EXPERT_NOT_IN_POOL']);
    expect(refused.body.message).toMatch(/^experts\.1\.id：专家库外专家（e-out-.*）不在本决策可以使用的决策咨询论证专家库中（杭州市人民政府、浙江省人民政府），测试规则 \(test rules\)要求从专家库中选择论证专家/);
    expect(refused.body.articles.join(' ')).toMatch(/第二十一条.*工作规则/);
    // The refusal is kept, as any refusal of a signed step.
    expect(((await as(actors.unit.id).get(`/decisions/${strict.id}/refusals`).expect(200)).body as { code: string }[]).map((r) => r.code)).toContain('EXPERT_NOT_IN_POOL');
    // An expert of the province's pool (usable by the city's decision, para. 3): appointed.
    expect((await strict.panel(inPool)).status).toBe(201);
    expect((await as(PERSON).get(`/decisions/${strict.id}/expert-panel`).expect(200)).body).toMatchObject({ fromPoolRequired: true, experts: [{ id: inPool.id, inUsablePool: true, entries: [{ governmentId: 'zj', standing: 'in-force' }] }] });
    // Outside the decision's offices, the panel view is the decision's 404.
    await as('u-forger').get(`/decisions/${strict.id}/expert-panel`).expect(404);
  });
});
