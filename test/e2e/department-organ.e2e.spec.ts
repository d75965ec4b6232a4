import { randomUUID } from 'node:crypto';
import { MEETING_MEMBER, type Actor, type Command, type Organisation } from '../../libs/domain';
import { endorsedOrganisation } from '../../infra/authority-seed';
import { addRegistrarKey } from '../../infra/registrar';
import { PERSON, REGISTRAR } from '../support/auth';
import { appoint } from '../support/government';
import { actors, cmd, discussionMaterials, h, meetingDate, steps } from '../support/procedure';
import { newKey, signedRegistration, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';

/**
 * Issue 12, the deciding organ acts as itself (Art. 42: 县级以上人民政府部门…重大行政决策的作出和调整程序，参照本条例规定执行),
 * over HTTP with real offices: 杭州市交通运输局 registers a decision of its own, undertaken by its 运输处; its 法制机构
 * reviews legality (the decree names only 负责合法性审查的部门, Art. 25), its 办公室 records its 局务会 and its director
 * decides. The government's officers (the mayor, the general office, the justice bureau) are refused, as are a
 * government's meeting kinds and registrations that do not make the department the organ of its own office's matter;
 * another department does not see the decision, the province's inspector does, and the record verifies.
 */
describe('a department as the deciding organ of its own matter (Art. 42)', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  const as = (sub: string) => system.as(sub);
  const keyOf = (a: Actor): Promise<TestKey> => system.keyOf(a.id);

  // The department's own offices, registered by Hangzhou's registrar as any organisation is.
  const ORGS: Organisation[] = [
    { id: 'hz-jtj-ysc', name: '杭州市交通运输局运输处', kind: 'office', parentId: 'hz-jtj' },
    { id: 'hz-jtj-bgs', name: '杭州市交通运输局办公室', kind: 'general_office', parentId: 'hz-jtj' },
    { id: 'hz-jtj-fzk', name: '杭州市交通运输局法制科', kind: 'legality_review_body', parentId: 'hz-jtj' },
    { id: 'hz-tw', name: '某镇人民政府', kind: 'government', parentId: 'hz', level: 'township' },
  ];
  const drafter: Actor = { id: 'd-ysc', name: '运输处承办', role: 'undertaking_unit', organisation: 'hz-jtj-ysc' };
  const director: Actor = { id: 'd-director', name: '交通运输局局长', role: 'chief_executive', organisation: 'hz-jtj' };
  const office: Actor = { id: 'd-bgs', name: '局办公室秘书', role: 'meeting_secretary', organisation: 'hz-jtj-bgs' };
  const legal: Actor = { id: 'd-fzk', name: '法制科审查员', role: 'legality_reviewer', organisation: 'hz-jtj-fzk' };
  /** The head of a township's department, which Art. 42 does not make an organ. */
  const townshipHead: Actor = { id: 't-head', name: '镇经发办主任', role: 'chief_executive', organisation: 'hz-tw-jfb' };
  /** An official of another department (杭州市财政局). */
  const finance: Actor = { id: 'x-czj', name: '财政承办', role: 'undertaking_unit', organisation: 'hz-czj' };

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    for (const o of ORGS) await as(REGISTRAR).post('/organisations').send(endorsedOrganisation(system.registrars.hz, o)).expect(201);
    for (const a of [drafter, director, office, legal, finance]) await appoint(system.api, system.registrar, a);
    // A township's department and its head, entered by the township's own registrar.
    const key = newKey('ed25519');
    const township = { ...key, keyId: await addRegistrarKey(system.db.url, '某镇登记员', key, 'hz-tw') };
    await as(REGISTRAR).post('/organisations').send(endorsedOrganisation(township, { id: 'hz-tw-jfb', name: '某镇经济发展办公室', kind: 'department', parentId: 'hz-tw' })).expect(201);
    await appoint(system.api, township, townshipHead);
    // The department's own catalog, published by its head (Arts. 3, 42); and an item of the government's.
    expect((await as(director.id).post('/catalog-items').send({ ref: 'C-DEPT', year: 2026, title: '出租车运价', organ: '杭州市交通运输局', partyConsentRef: '局党组同意' }).expect(201)).body.governmentId).toBe('hz-jtj');
    await as(PERSON).post('/catalog-items').send({ ref: 'C-DEPT-HZ', year: 2026, title: '出租车运价', organ: '杭州市人民政府', partyConsentRef: '市委同意' }).expect(201);
    // A department's internal office publishes no catalog.
    await as(drafter.id).post('/catalog-items').send({ ref: 'C-DEPT-X', year: 2026, title: '出租车运价', organ: '杭州市交通运输局', partyConsentRef: '局党组同意' }).expect(403);
  }, 120_000);

  afterAll(() => system?.close());

  it('registers it, reviews it, discusses it at the 局务会, decides and publishes it by the department’s officers; the government’s are refused', async () => {
    const id = `DEPT-${randomUUID().slice(0, 8)}`;
    const fields = { id, title: '关于调整出租汽车运价的决定', undertakingDepartment: 'hz-jtj-ysc', catalogRef: 'C-DEPT', legalBasis: ['《价格法》'], decidingOrgan: 'hz-jtj' };
    const register = async (f: typeof fields, by: Actor) => as(by.id).post('/decisions').send(signedRegistration(f, by, await keyOf(by)));
    const refusedRegistration = async (f: typeof fields, by: Actor, code: string, article: string) => {
      const res = await register(f, by);
      expect([res.status, res.body.code]).toEqual([422, code]);
      expect(res.body.articles.join(' ')).toContain(article);
      return res.body.message as string;
    };

    // The public catalog names each item's organ as registered, whatever the item's own text says.
    await as(director.id).post('/catalog-items').send({ ref: 'C-DEPT-LABEL', year: 2026, title: '出租车运价', organ: '杭州市人民政府', partyConsentRef: '局党组同意' }).expect(201);
    const organs = Object.fromEntries(((await as(PERSON).get('/catalog-items?year=2026').expect(200)).body as { ref: string; organName: string }[]).map((i) => [i.ref, i.organName]));
    expect(organs).toMatchObject({ 'C-DEPT': '杭州市交通运输局', 'C-DEPT-HZ': '杭州市人民政府', 'C-DEPT-LABEL': '杭州市交通运输局' });
    // A township's department decides nothing as an organ (Art. 42), so it publishes no catalog.
    await as(townshipHead.id).post('/catalog-items').send({ ref: 'C-TOWN', year: 2026, title: '集市管理', organ: '某镇经济发展办公室', partyConsentRef: '镇党委同意' }).expect(403);
    // From the department's own catalog (Arts. 3, 42): an item of the government's catalog is the government's matter.
    expect(await refusedRegistration({ ...fields, id: `${id}-c`, catalogRef: 'C-DEPT-HZ' }, drafter, 'PREREQUISITE_MISSING', '第三条第三款')).toMatch(/^catalogRef：目录事项 C-DEPT-HZ 是杭州市人民政府（hz）的决策事项目录所列，不是本决策的决策机关（杭州市交通运输局，hz-jtj）的目录/);
    // Who may register it (Arts. 11, 42): the department's internal office, not the department itself nor another's organ.
    expect(await refusedRegistration({ ...fields, id: `${id}-a`, undertakingDepartment: 'hz-jtj' }, actors.unit, 'WRONG_OFFICE', '第四十二条')).toMatch(
      /^undertakingDepartment：部门（杭州市交通运输局）作为决策机关的，决策承办单位应当是该部门的内设机构/,
    );
    expect(await refusedRegistration({ ...fields, id: `${id}-b`, decidingOrgan: 'hz-czj' }, drafter, 'WRONG_OFFICE', '第四十二条')).toMatch(
      /^decidingOrgan：决策承办单位杭州市交通运输局运输处不隶属于杭州市财政局（hz-czj）；部门作为决策机关的，决策承办单位应当是该部门的内设机构/,
    );
    // The department's staff outside the undertaking office do not register for it (Art. 11).
    await refusedRegistration({ ...fields, id: `${id}-c` }, actors.unit, 'WRONG_ROLE', '第十一条');
    // The organ is signed: a registration whose signature left it out is refused.
    const unsigned = { ...signedRegistration({ ...fields, id: `${id}-d`, decidingOrgan: undefined } as never, drafter, await keyOf(drafter)), decidingOrgan: 'hz-jtj' };
    expect((await as(drafter.id).post('/decisions').send(unsigned)).status).not.toBe(201);
    await register(fields, drafter).then((res) => expect([res.status, res.body]).toEqual([201, expect.objectContaining({ id })]));
    // The registration entry keeps the organ it signed, and the authority found for it: the department's 法制科 reviews.
    const [sealed] = (await as(PERSON).get(`/decisions/${id}/bundle`).expect(200)).body.entries as { canonical: string }[];
    const entry = JSON.parse(sealed.canonical) as { payload: { decidingOrgan?: string }; authority: unknown };
    expect(entry.payload.decidingOrgan).toBe('hz-jtj');
    expect(entry.authority).toEqual({ government: 'hz', decidingOrgan: 'hz-jtj', legalityReviewBody: 'hz-jtj-fzk' });

    const { ok, refused } = system.stepsOn(id);
    const by = (a: Actor, c: Command) => ({ ...c, actor: a }) as Command;

    await ok(by(drafter, steps.draft()), by(drafter, steps.applicability({ pp: false, expert: false, risk: false })), by(drafter, steps.submitReview()), steps.legalOpinion());
    // Art. 25: the review body fixed at registration, the department's 法制科, not the government's justice bureau.
    expect(await refused(steps.legalityOpinion('lawful', { earlyReason: '材料齐全，提前完成审查' }), 'WRONG_OFFICE', '第二十五条')).toMatch(/^部门作为决策机关的，合法性审查由本决策登记时确定的负责合法性审查的部门（杭州市交通运输局法制科，hz-jtj-fzk）办理/);
    await ok(by(legal, steps.legalityOpinion('lawful', { earlyReason: '材料齐全，提前完成审查' })));

    // Its other members sit in the 局务会 as the registrar appointed them (Art. 30): the minutes record no one else as present.
    for (const [member, name] of [['d-deputy', '副局长'], ['d-party', '局党组成员']]) await appoint(system.api, system.registrar, { id: member, name, role: MEETING_MEMBER as never, organisation: 'hz-jtj' });
    // Arts. 30, 42: the department's 局务会, recorded by its office, its director presiding, speaking last and deciding.
    const materials = discussionMaterials({ drafts: [{ documentHash: h('draft-1') }], legality: { opinion: { opinionHash: h('legality-lawful') } } } as never);
    const minutes = (kind: string, secretary: Actor = office, chief = director.id) =>
      cmd('recordDiscussion', secretary, {
        meeting: { kind, date: meetingDate(materials), presidingId: director.id, chiefExecutiveId: chief },
        membersTotal: 3,
        members: [
          { id: director.id, name: director.name, present: true, view: 'agree', statement: '综合各方意见作出决定', confirmation: { confirmed: true, by: director.id } },
          { id: 'd-deputy', name: '副局长', present: true, view: 'agree', confirmation: { confirmed: true, by: 'd-deputy' } },
          { id: 'd-party', name: '局党组成员', present: true, view: 'reserve', statement: '运价调整幅度应再评估', confirmation: { confirmed: true, by: 'd-party' } },
        ],
        speakingOrder: ['d-deputy', 'd-party', director.id],
        legalAdviserPresent: true,
        minutesHash: h('minutes-dept'),
        materials,
      } as never);
    expect(await refused(minutes('executive'), 'NOT_REPLACEABLE', '第四十二条')).toMatch(/^部门作出的重大行政决策，决策草案应当经本部门局务会（领导班子会议）讨论，不得以常务会议代替/);
    expect(await refused(minutes('plenary'), 'NOT_REPLACEABLE', '第三十条')).toMatch(/不得以全体会议代替/);
    // The government's general office does not record the department's meeting (Art. 30).
    expect(await refused(minutes('department', actors.secretary), 'WRONG_OFFICE', '第三十条')).toMatch(/^集体讨论应当由决策机关（杭州市交通运输局，hz-jtj）或者其办公厅（室）记录/);
    // The chief executive the minutes name decides: the department's head, not the mayor nor anyone else (left named,
    // no one could ever take the decision).
    for (const chief of [actors.mayor.id, 'nobody']) {
      expect(await refused(minutes('department', office, chief), 'WRONG_OFFICE', '第三十条')).toMatch(new RegExp(`^meeting\\.chiefExecutiveId：${chief}此时不担任本决策的决策机关（杭州市交通运输局，hz-jtj）的行政首长`));
    }
    await ok(minutes('department'));

    // 我的待办: the director's, not the mayor's.
    const taskIds = async (a: Actor) => ((await as(a.id).get('/tasks').expect(200)).body.items as { decisionId: string; action: string }[]).filter((t) => t.decisionId === id).map((t) => t.action);
    expect(await taskIds(director)).toContain('decide');
    expect(await taskIds(actors.mayor)).not.toContain('decide');
    expect(await refused(steps.decide('adopt'), 'WRONG_OFFICE', '第三十条')).toMatch(/^杭州市人民政府不是本决策的决策机关（杭州市交通运输局，hz-jtj）/);
    await ok(by(director, steps.decide('adopt')));

    // Arts. 31, 32: the director reports it, and the department's office, not the government's general office, publishes it.
    await ok(by(director, steps.partyReport()), by(office, steps.partyReply('agreed')));
    expect(await refused(steps.publish(), 'WRONG_OFFICE', '第三十二条')).toMatch(/^决策应当由决策机关（杭州市交通运输局，hz-jtj）或者其办公厅（室）公布/);
    await ok(by(office, steps.withhold()));

    // Who sees it: the department and the province's inspector; not another department.
    await as(actors.unit.id).get(`/decisions/${id}`).expect(200);
    // The decision says whose it is: the department decides, its own legality body reviews.
    expect((await as(PERSON).get(`/decisions/${id}`).expect(200)).body.state.authority).toEqual({ government: 'hz', decidingOrgan: 'hz-jtj', legalityReviewBody: 'hz-jtj-fzk' });
    await as(finance.id).get(`/decisions/${id}`).expect(404);
    // The director sees his department's decisions, not every decision of the government: another department's is not his.
    const other = { id: `${id}-fin`, title: '关于财政补贴的决定', undertakingDepartment: 'hz-czj', catalogRef: 'C-DEPT', legalBasis: ['《预算法》'] };
    // The government's decision comes from the government's catalog, not from a department's own.
    expect((await as(finance.id).post('/decisions').send(signedRegistration(other, finance, await keyOf(finance)))).body).toMatchObject({ code: 'PREREQUISITE_MISSING', message: expect.stringMatching(/^catalogRef：目录事项 C-DEPT 是杭州市交通运输局（hz-jtj）的决策事项目录所列/) });
    other.catalogRef = 'C-DEPT-HZ';
    expect((await as(finance.id).post('/decisions').send(signedRegistration(other, finance, await keyOf(finance)))).status).toBe(201);
    await as(director.id).get(`/decisions/${other.id}`).expect(404);
    await as(actors.mayor.id).get(`/decisions/${other.id}`).expect(200);

    // The record keeps the department as organ under its officers' offices, and verifies.
    const timeline = (await as(drafter.id).get(`/decisions/${id}/timeline`).expect(200)).body as { action: string; actor: Actor }[];
    expect(timeline.filter((t) => ['issueLegalityOpinion', 'recordDiscussion', 'decide', 'publish'].includes(t.action)).map((t) => t.actor.id)).toEqual([legal.id, office.id, director.id, office.id]);
    for (let i = 0; i < 100; i++) {
      const v = (await as(PERSON).get(`/decisions/${id}/verify`).expect(200)).body;
      if (v.ok && v.entries === timeline.length + 1) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the record of ${id} did not verify: ${JSON.stringify((await as(PERSON).get(`/decisions/${id}/verify`)).body)}`);
  }, 180_000);

  it('the justice bureau is one of the government’s departments: its head publishes its catalog, and its drafting office registers its own decision, reviewed by the bureau (Arts. 25, 42)', async () => {
    await as(REGISTRAR).post('/organisations').send(endorsedOrganisation(system.registrars.hz, { id: 'hz-sfj-lfc', name: '杭州市司法局立法处', kind: 'office', parentId: 'hz-sfj' })).expect(201);
    // Its 办公室, as any department's; a department's 法制科 has none.
    await as(REGISTRAR).post('/organisations').send(endorsedOrganisation(system.registrars.hz, { id: 'hz-sfj-bgs', name: '杭州市司法局办公室', kind: 'general_office', parentId: 'hz-sfj' })).expect(201);
    const underLegalOffice = await as(REGISTRAR).post('/organisations').send(endorsedOrganisation(system.registrars.hz, { id: 'hz-jtj-fzk-bgs', name: '法制科办公室', kind: 'general_office', parentId: 'hz-jtj-fzk' })).expect(400);
    expect(underLegalOffice.body.message).toEqual([expect.stringMatching(/^parentId：办公厅（室）可以隶属于政府、政府部门或者本级政府的司法行政部门/)]);
    const head: Actor = { id: 's-head', name: '司法局局长', role: 'chief_executive', organisation: 'hz-sfj' };
    const lfc: Actor = { id: 'u-lfc', name: '立法处承办人', role: 'undertaking_unit', organisation: 'hz-sfj-lfc' };
    for (const a of [head, lfc]) await appoint(system.api, system.registrar, a);
    expect((await as(head.id).post('/catalog-items').send({ ref: 'C-SFJ', year: 2026, title: '公共法律服务', organ: '杭州市司法局', partyConsentRef: '局党组同意' }).expect(201)).body.governmentId).toBe('hz-sfj');
    const id = `SFJ-${randomUUID().slice(0, 8)}`;
    const fields = { id, title: '关于公共法律服务收费的决定', undertakingDepartment: 'hz-sfj-lfc', catalogRef: 'C-SFJ', legalBasis: ['《法律援助法》'], decidingOrgan: 'hz-sfj' };
    const res = await as(lfc.id).post('/decisions').send(signedRegistration(fields, lfc, await keyOf(lfc)));
    expect([res.status, res.body.message]).toEqual([201, undefined]);
    expect((await as(PERSON).get(`/decisions/${id}`).expect(200)).body.state.authority).toEqual({ government: 'hz', decidingOrgan: 'hz-sfj', legalityReviewBody: 'hz-sfj' });
    // The bureau's head acts as its chief executive (Art. 30); the mayor does not decide the bureau's own matter.
    const d = system.stepsOn(id);
    const mayor = await d.send(cmd('withdraw', actors.mayor, { reason: '不再需要' }));
    expect([mayor.status, mayor.body.message]).toEqual([422, expect.stringMatching(/不是本决策的决策机关（杭州市司法局，hz-sfj）/)]);
    await d.ok(cmd('withdraw', head, { reason: '不再需要' }));
    // Its 办公室's official publishes its catalog, as a department's 办公室 does (Arts. 3, 42).
    const clerk: Actor = { id: 's-bgs', name: '司法局办公室秘书', role: 'meeting_secretary', organisation: 'hz-sfj-bgs' };
    await appoint(system.api, system.registrar, clerk);
    expect((await as(clerk.id).post('/catalog-items').send({ ref: 'C-SFJ-2', year: 2026, title: '法律援助', organ: '杭州市司法局', partyConsentRef: '局党组同意' }).expect(201)).body.governmentId).toBe('hz-sfj');
  }, 60_000);
});
