import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PERSON, REGISTRAR } from '../support/auth';
import { actors, cmd, DAY, h, steps } from '../support/procedure';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';

/**
 * A hearing as the public is told of it (Art. 16 paras 2–3): announced first, its time, place and selection method
 * public at once (no sign-in), with the draft it is on; its participants named after, by the method announced, and
 * their names public too (statute tester, 2026-12-07: nothing of a hearing was published, and no place was recorded).
 */
describe('hearings announced to the public', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let api: INestApplication;
  let unit: TestKey;
  const id = `HEAR-${Date.now()}`;
  const anyone = () => request(api.getHttpServer());
  let n = 0;
  const step = (c: ReturnType<typeof cmd>) => system.as(c.actor.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, unit, `${id}-${++n}`));

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    api = system.api;
    await system.as(PERSON).post('/catalog-items').send({ ref: 'C-HEAR', year: 2026, title: '票价', organ: '某市人民政府', partyConsentRef: '市委同意' }).expect(201);
    const key = newKey('ed25519');
    unit = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-HEAR', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
  }, 120_000);

  afterAll(() => system?.close());

  it('announced: time, place, selection method and draft public at once; participants named after, at the place announced, and public too', async () => {
    await step(steps.draft()).expect(201);
    await step(steps.applicability({ hearing: true, expert: false, risk: false })).expect(201);
    // None announced: answered as for a decision the public cannot see.
    await anyone().get(`/decisions/${id}/hearings`).expect(404);
    const date = new Date(Date.now() + 20 * DAY).toISOString();
    const method = h('听证参加人遴选办法：自愿报名，公开随机抽取');
    const participants = [{ id: 'p-1', name: '乘客代表甲', interested: true }, { id: 'p-2', name: '公交企业代表', interested: true }];

    // Participants named before any announcement: refused, saying what comes first and why.
    const early = await step(cmd('scheduleHearing', actors.unit, { hearingId: 'H-1', date, selectionMethodHash: method, participants })).expect(422);
    expect(early.body).toMatchObject({ code: 'PREREQUISITE_MISSING', message: expect.stringMatching(/^听证会 H-1 尚未公布：应当先公布听证会的时间、地点和听证参加人遴选办法/) });
    expect(early.body.articles.join(' ')).toContain('第十六条第二款');

    // The selection method is not public before it is announced.
    await anyone().get(`/public-documents/${method}`).expect(404);
    await step(cmd('announceHearing', actors.unit, { hearingId: 'H-1', date, place: '市民中心三楼听证室', selectionMethodHash: method })).expect(201);
    const announced = (await anyone().get(`/decisions/${id}/hearings`).expect(200)).body;
    expect(announced).toEqual([
      {
        hearingId: 'H-1',
        date: expect.stringMatching(/\+08:00$/),
        place: '市民中心三楼听证室',
        organisedBy: null,
        online: false,
        selectionMethodHash: method,
        announcedAt: expect.any(String),
        draftVersion: 1,
        documentHash: h('draft-1'),
        explanationHash: h('explanation-1'),
        participants: null,
        participantsPublishedAt: null,
        held: false,
        cancelled: false,
        cancellationReason: null,
      },
    ]);
    expect(Date.parse(announced[0].date)).toBe(Date.parse(date));
    // What it announces, anyone reads: the method, the draft and its explanation.
    for (const hash of [method, h('draft-1'), h('explanation-1')]) await anyone().get(`/public-documents/${hash}`).expect(200);

    // Named elsewhere than announced: refused; named at the place announced (left out), taken and public by name.
    const elsewhere = await step(cmd('scheduleHearing', actors.unit, { hearingId: 'H-1', date, place: '区政府会议室', selectionMethodHash: method, participants })).expect(422);
    expect(elsewhere.body.message).toMatch(/^听证会 H-1 的地点（已公布：市民中心三楼听证室）与公布的不一致/);
    await step(cmd('scheduleHearing', actors.unit, { hearingId: 'H-1', date, selectionMethodHash: method, participants })).expect(201);
    const named = (await anyone().get(`/decisions/${id}/hearings`).expect(200)).body;
    expect(named[0]).toMatchObject({ place: '市民中心三楼听证室', participants: [{ name: '乘客代表甲', interested: true }, { name: '公交企业代表', interested: true }], participantsPublishedAt: expect.any(String) });
    expect(JSON.stringify(named)).not.toContain('p-1'); // names, not the register's ids
  });

  it('a hearing of a decision closed before it was held is said not to take place (retest: shown as upcoming)', async () => {
    const closing = `${id}-C`;
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id: closing, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-HEAR', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
    const on = (c: ReturnType<typeof cmd>) => system.as(c.actor.id).post(`/decisions/${closing}/steps`).send(signedStep(closing, c, unit, `${closing}-${++n}`)).expect(201);
    await on(steps.draft());
    await on(steps.applicability({ hearing: true, expert: false, risk: false }));
    await on(cmd('announceHearing', actors.unit, { hearingId: 'H-1', date: new Date(Date.now() + 20 * DAY).toISOString(), place: '市民中心', selectionMethodHash: h('听证参加人遴选办法：自愿报名，公开随机抽取') }));
    expect((await anyone().get(`/decisions/${closing}/hearings`).expect(200)).body[0]).toMatchObject({ held: false, cancelled: false });
    await system.as(actors.mayor.id).post(`/decisions/${closing}/steps`).send(signedStep(closing, cmd('withdraw', actors.mayor, { reason: '情况变化' }), await system.keyOf(actors.mayor.id), `${closing}-withdraw`)).expect(201);
    expect((await anyone().get(`/decisions/${closing}/hearings`).expect(200)).body[0]).toMatchObject({ held: false, cancelled: true });
  });

  it('a hearing called off says so to the public, with its reason; announced again, it is held after all (Art. 16; statute tester: it could not be called off)', async () => {
    const off = `${id}-X`;
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id: off, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-HEAR', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
    const on = (c: ReturnType<typeof cmd>, status = 201) => system.as(c.actor.id).post(`/decisions/${off}/steps`).send(signedStep(off, c, unit, `${off}-${++n}`)).expect(status);
    await on(steps.draft());
    await on(steps.applicability({ hearing: true, expert: false, risk: false }));
    const announce = cmd('announceHearing', actors.unit, { hearingId: 'H-1', date: new Date(Date.now() + 20 * DAY).toISOString(), place: '市民中心', selectionMethodHash: h('听证参加人遴选办法：自愿报名，公开随机抽取') });
    await on(announce);
    expect((await on(cmd('cancelHearing', actors.unit, { hearingId: 'H-9', reason: '听证场地因台风不能使用' }), 422)).body.code).toBe('PREREQUISITE_MISSING');
    await on(cmd('cancelHearing', actors.unit, { hearingId: 'H-1', reason: '听证场地因台风不能使用，时间另行公布' }));
    expect((await anyone().get(`/decisions/${off}/hearings`).expect(200)).body[0]).toMatchObject({ held: false, cancelled: true, cancellationReason: '听证场地因台风不能使用，时间另行公布' });
    // Called off, it is not staffed without being announced again (retest: participants named, the public told it was off).
    const staffed = await on(cmd('scheduleHearing', actors.unit, { hearingId: 'H-1', date: (announce.payload as { date: string }).date, selectionMethodHash: h('听证参加人遴选办法：自愿报名，公开随机抽取'), participants: [{ id: 'p-1', name: '乘客代表甲', interested: true }] }), 422);
    expect(staffed.body).toMatchObject({ code: 'PREREQUISITE_MISSING', message: expect.stringMatching(/^听证会 H-1 已经公布取消（听证场地因台风不能使用，时间另行公布）：需要举行的，应当重新公布/) });
    await on(announce);
    expect((await anyone().get(`/decisions/${off}/hearings`).expect(200)).body[0]).toMatchObject({ cancelled: false, cancellationReason: null });
    // A substantially revised draft: the earlier draft's hearing will not be held, and the public is told so (retest).
    await on(steps.draft(2, true));
    expect((await anyone().get(`/decisions/${off}/hearings`).expect(200)).body[0]).toMatchObject({ held: false, cancelled: true, cancellationReason: null });
  });

  it("a document a decision withheld by law held first is no selection method: the public could not read it (retest: its hash was announced)", async () => {
    const withheld = `${id}-W`;
    const secret = h('听证参加人遴选办法（涉密事项内部材料）');
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id: withheld, title: '关于应急物资储备的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-HEAR', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
    const inWithheld = (c: ReturnType<typeof cmd>) => system.as(c.actor.id).post(`/decisions/${withheld}/steps`).send(signedStep(withheld, c, unit, `${withheld}-${++n}`));
    await inWithheld(cmd('submitDraft', actors.unit, { ...(steps.draft().payload as object), documentHash: secret } as never)).expect(201);
    await inWithheld(steps.applicability({ pp: false, expert: false, risk: false })).expect(201);
    const date = new Date(Date.now() + 20 * DAY).toISOString();
    const refused = await step(cmd('announceHearing', actors.unit, { hearingId: 'H-2', date, place: '市民中心', selectionMethodHash: secret })).expect(422);
    expect(refused.body).toMatchObject({ code: 'PREREQUISITE_MISSING', message: expect.stringMatching(/^selectionMethodHash：听证参加人遴选办法（sha256:[0-9a-f]{64}）此前已作为依法不予公开的决策事项的材料留存/) });
    await anyone().get(`/public-documents/${secret}`).expect(404);
  });
});
