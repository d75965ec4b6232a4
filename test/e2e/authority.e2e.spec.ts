import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { creditCodeCheckCharacter, type Actor, type Command } from '../../libs/domain';
import { verifyBundle, type DecisionBundle, type TrustedKeys } from '../../libs/record/bundle';
import { sealEntry } from '../../libs/record/chain';
import { sealOf } from '../../libs/record/seal';
import { endorsedAppointment, endorsedOrganisation } from '../../infra/authority-seed';
import { PERSON, REGISTRAR } from '../support/auth';
import { appoint, appointmentOf, TERM } from '../support/government';
import { actors, cmd, h, steps } from '../support/procedure';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';
import { temporalAddress } from '../support/temporal';
import { stepUpdate } from '../../workflows';

/**
 * Authority proved (issue 9): a step is taken only by a signer who holds, at
 * its time, the office the statute gives the role in this decision. Each
 * forgery is refused with its article; forced past the API into the record,
 * each is caught by the offline verifier.
 */
describe('offices: who may act, refused otherwise and caught offline', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let api: INestApplication;
  let temporal: Client;
  const as = (sub: string) => system.as(sub);
  /** Reads, as the undertaking unit's official (who sees the unit's decisions). */
  const http = () => as(actors.unit.id);
  const registrar = () => as(REGISTRAR);

  /** The actor's key, registered by a registrar of the actor's government (test/support/system.ts). */
  const keyOf = (a: Actor): Promise<TestKey> => system.keyOf(a.id);
  async function decision(unit: Actor = actors.unit, department = unit.organisation) {
    const id = `AUTH-${randomUUID().slice(0, 8)}`;
    const fields = { id, title: '关于调整票价的决定', undertakingDepartment: department, catalogRef: 'C-AUTH', legalBasis: ['《价格法》'] };
    await as(unit.id).post('/decisions').send(signedRegistration(fields, unit, await keyOf(unit))).expect(201);
    const send = async (c: Command) => as(c.actor.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, await keyOf(c.actor), `${id}-${randomUUID()}`));
    return { id, send };
  }
  /** To legality review, with nothing else to consult on. */
  async function inReview(unit: Actor = actors.unit, department?: string) {
    const d = await decision(unit, department);
    const as = (c: Command) => ({ ...c, actor: unit }) as Command;
    for (const c of [steps.draft(), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview()]) expect((await d.send(as(c))).status).toBe(201);
    return d;
  }
  const trusted = async (): Promise<TrustedKeys> => ({
    systemKeys: (await http().get('/system-keys').expect(200)).body,
    registrarKeys: Object.entries(system.registrars).map(([governmentId, r]) => ({ keyId: r.keyId, algorithm: r.algorithm, publicKey: r.publicKey, governmentId })),
  });

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    api = system.api;
    temporal = new Client({ connection: await Connection.connect({ address: temporalAddress() }) });
    await as(PERSON).post('/catalog-items').send({ ref: 'C-AUTH', year: 2026, title: '票价', organ: '杭州市人民政府', partyConsentRef: '市委同意' }).expect(201);
  }, 120_000);

  afterAll(async () => {
    await temporal?.connection.close();
    await system?.close();
  });

  it("the undertaking unit's own official, with his own key, claiming to be the chief executive: refused (Art. 30), nothing recorded", async () => {
    const d = await decision();
    const res = await d.send(cmd('postpone', { ...actors.unit, role: 'chief_executive' }, { reason: '暂缓', reviewDate: '2027-03-01T09:00:00+08:00' }));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'NO_OFFICE', articles: [expect.stringContaining('第三十条')] });
    expect(res.body.message).toMatch(/没有在杭州市交通运输局（hz-jtj）担任行政首长的任职/);
    expect((await http().get(`/decisions/${d.id}/timeline`).expect(200)).body).toHaveLength(0);
    // The mayor, who holds the office, may.
    expect((await d.send(cmd('postpone', actors.mayor, { reason: '暂缓', reviewDate: '2027-03-01T09:00:00+08:00' }))).status).toBe(201);
    expect((await http().get(`/decisions/${d.id}/timeline`).expect(200)).body).toHaveLength(1);
  });

  it('claiming a role that does not take the step, and holding no office in it either: told which role takes it (WRONG_ROLE) before the office (retest)', async () => {
    const d = await decision();
    const res = await d.send(cmd('postpone', { ...actors.unit, role: 'legal_adviser' }, { reason: '暂缓', reviewDate: '2027-03-01T09:00:00+08:00' }));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'WRONG_ROLE', articles: [expect.stringContaining('第三十条')] });
    expect(res.body.message).toMatch(/应当由行政首长办理，不能由法律顾问办理/);
    expect((await http().get(`/decisions/${d.id}/timeline`).expect(200)).body).toHaveLength(0);
  });

  it('a step signed under a name other than the one appointed is refused; an internal office cannot be the undertaking department (Art. 11)', async () => {
    const d = await decision();
    const res = await d.send({ ...steps.draft(), actor: { ...actors.unit, name: '孙市长' } });
    expect(res.body).toMatchObject({ code: 'NO_OFFICE', articles: [expect.stringContaining('第十一条')] });
    expect(res.body.message).toMatch(/任职记录中 u-zhang 的姓名是张承办/);
    const clerk = { id: 'u-fgc', name: '政策法规处科员', role: 'undertaking_unit', organisation: 'hz-jtj-fgc' } as Actor;
    await appoint(api, system.registrar, clerk);
    const id = `AUTH-${randomUUID().slice(0, 8)}`;
    const fields = { id, title: '关于调整票价的决定', undertakingDepartment: 'hz-jtj-fgc', catalogRef: 'C-AUTH', legalBasis: ['《价格法》'] };
    const refused = await as(clerk.id).post('/decisions').send(signedRegistration(fields, clerk, await keyOf(clerk))).expect(422);
    expect(refused.body).toMatchObject({ code: 'WRONG_OFFICE', articles: [expect.stringContaining('第十一条')] });
    // Nor can a registrar appoint the same person under another name while an appointment under the first stands.
    const renamed = { ...clerk, name: '别名', organisation: 'hz-jtj' } as Actor;
    const again = await as(REGISTRAR).post('/appointments').send(endorsedAppointment(system.registrar, { ...appointmentOf(renamed), id: `ap-renamed-${randomUUID().slice(0, 8)}`, ...TERM })).expect(409);
    expect(again.body.message).toMatch(/^人员 u-fgc 以姓名政策法规处科员担任任职 .*同一人员应以同一姓名任职/);
    expect((await as(REGISTRAR).get('/appointments?personId=u-fgc').expect(200)).body.map((a: { personName: string }) => a.personName)).toEqual(['政策法规处科员']);
  });

  it("the catalog is published by the deciding organ's chief executive or general office (Art. 3); a department's official is refused", async () => {
    const item = { ref: `C-ORGAN-${randomUUID().slice(0, 6)}`, year: 2026, title: '停车收费', organ: '杭州市人民政府', partyConsentRef: '市委同意' };
    const refused = await as(actors.unit.id).post('/catalog-items').send(item).expect(403);
    expect(refused.body.message).toMatch(/决策事项目录由决策机关公布.*第三条/);
    // Asked before the form is filled in, the same answer (retest: the web form was offered to everyone).
    expect((await as(actors.unit.id).get('/catalog-items/publisher').expect(403)).body.message).toBe(refused.body.message);
    expect((await as(actors.secretary.id).get('/catalog-items/publisher').expect(200)).body).toEqual({ organisationId: 'hz', name: '杭州市人民政府' });
    // Not any office held in the general office: a legal adviser appointed to it does not publish the organ's catalog (retest).
    const adviserInOffice = { id: 'u-colleague', name: '办公厅法律顾问', role: 'legal_adviser', organisation: 'hz-bgt' } as Actor;
    await appoint(api, system.registrar, adviserInOffice);
    await as(adviserInOffice.id).get('/catalog-items/publisher').expect(403);
    await as(adviserInOffice.id).post('/catalog-items').send({ ...item, ref: `${item.ref}-adviser` }).expect(403);
    expect((await as(actors.reviewer.id).post('/catalog-items').send(item).expect(403)).body.message).toContain(`${actors.reviewer.name}（${actors.reviewer.id}）此时没有这样的任职`);
    // The item is of the catalog of the government whose organ published it (Art. 3 para. 3).
    expect((await as(actors.mayor.id).post('/catalog-items').send(item).expect(201)).body.governmentId).toBe('hz');
    expect((await as(actors.secretary.id).post('/catalog-items').send({ ...item, ref: `${item.ref}-2` }).expect(201)).body.governmentId).toBe('hz');
    // Jiangsu's organ numbering an item as Hangzhou did: told whose it is and how to number its own (fresh-eyes tester).
    const jsHead = { id: 'm-js', name: '苏省长', role: 'chief_executive', organisation: 'js' } as Actor;
    await registrar().post('/appointments').send(endorsedAppointment(system.registrars.js, appointmentOf(jsHead))).expect(201);
    const taken = await as(jsHead.id).post('/catalog-items').send(item).expect(409);
    expect(taken.body.message).toMatch(new RegExp(`^目录编号 ${item.ref} 已由杭州市人民政府（hz）的决策事项目录使用；目录编号全国唯一，请在编号前加本级政府编号，例如 js-${item.ref}`));
    await as(jsHead.id).post('/catalog-items').send({ ...item, ref: `js-${item.ref}` }).expect(201);
    // One who serves two organs (Hangzhou's general office, Jiangsu's chief executive) cannot say whose catalog it is.
    const both = { id: 'i-js', name: '双职', role: 'meeting_secretary', organisation: 'hz-bgt' } as Actor;
    await appoint(api, system.registrar, both);
    await registrar().post('/appointments').send(endorsedAppointment(system.registrars.js, appointmentOf({ ...both, role: 'chief_executive', organisation: 'js' }))).expect(201);
    const ambiguous = await as(both.id).post('/catalog-items').send({ ...item, ref: `${item.ref}-3` }).expect(422);
    expect((await as(both.id).get('/catalog-items/publisher').expect(422)).body).toMatchObject({ code: 'WRONG_OFFICE', message: ambiguous.body.message });
    expect(ambiguous.body).toMatchObject({ code: 'WRONG_OFFICE', articles: [expect.stringContaining('第三条')], message: expect.stringMatching(/^i-js此时在多个决策机关（hz、js）任职，无法确定/) });
  });

  it("a reviewer appointed in another province's legality review body: refused (Art. 25)", async () => {
    const d = await inReview();
    const jiangsu = { id: 'j-js', name: '苏审查', role: 'legality_reviewer', organisation: 'js-sft' } as Actor;
    // Jiangsu's registrar appoints in Jiangsu; Hangzhou's registrar cannot (403, and nothing stored).
    const hzSigned = endorsedAppointment(system.registrars.hz, appointmentOf(jiangsu));
    expect((await registrar().post('/appointments').send(hzSigned).expect(403)).body.message).toMatch(/应当由江苏省人民政府（js）的登记员签名认可/);
    await registrar().post('/appointments').send(endorsedAppointment(system.registrars.js, appointmentOf(jiangsu))).expect(201);
    // Over HTTP, Hangzhou's decision does not exist for Jiangsu's reviewer (404, as for none, and nothing recorded);
    // the rules refuse the same office with Art. 25 wherever it reaches them (libs/domain/authority/offices.spec.ts,
    // and the offline check below of a step forced past the API).
    const res = await d.send({ ...steps.legalityOpinion(), actor: jiangsu });
    expect(res.status).toBe(404);
    expect((await http().get(`/decisions/${d.id}/refusals`).expect(200)).body).toEqual([]);
  });

  it('the justice bureau drafting: as a whole refused at registration (no one could review, Art. 25); its drafting office undertakes, another of its offices reviews, none within the drafting office', async () => {
    const drafter = { id: 'u-sfj', name: '司法局承办人', role: 'undertaking_unit', organisation: 'hz-sfj' } as Actor;
    await appoint(api, system.registrar, drafter);
    const whole = await as(drafter.id).post('/decisions').send(signedRegistration({ id: `AUTH-${randomUUID().slice(0, 8)}`, title: '关于公共法律服务的决定', undertakingDepartment: 'hz-sfj', catalogRef: 'C-AUTH', legalBasis: ['《法律援助法》'] }, drafter, await keyOf(drafter)));
    expect(whole.status).toBe(422);
    expect(whole.body).toMatchObject({ code: 'WRONG_OFFICE', articles: [expect.stringContaining('第十一条'), expect.stringContaining('第二十五条')] });
    expect(whole.body.message).toMatch(/^undertakingDepartment：杭州市司法局是本级政府负责合法性审查的部门，整体作为决策承办单位时，决策草案将无人可以进行合法性审查/);
    // Its 立法处 drafts; the 合法性审查处 reviews; a reviewer appointed within the 立法处 may not.
    // A name written one way: with a zero-width space or a padding space it was a second 立法处 (retest).
    for (const name of ['杭州市司法局\u200b立法处', '杭州市司法局　立法处']) {
      const hidden = await registrar().post('/organisations').send(endorsedOrganisation(system.registrars.hz, { id: 'hz-sfj-lfx', name, kind: 'office', parentId: 'hz-sfj' })).expect(400);
      expect(hidden.body.message).toEqual([expect.stringMatching(/^name：姓名或者名称中/)]);
    }
    const hiddenPerson = await registrar().post('/appointments').send(endorsedAppointment(system.registrar, { ...appointmentOf({ id: 'u-hidden', name: '测\u200e试员', role: 'undertaking_unit', organisation: 'hz-jtj' } as Actor), ...TERM })).expect(400);
    expect(hiddenPerson.body.message).toEqual([expect.stringMatching(/^personName：姓名或者名称中含有看不见的字符/)]);
    // A term to 2200 in Beijing time, 2199 in UTC: past the years every instant lies in (retest).
    const far = await registrar().post('/appointments').send(endorsedAppointment(system.registrar, { ...appointmentOf({ id: 'u-far', name: '远期', role: 'undertaking_unit', organisation: 'hz-jtj' } as Actor), ...TERM, validTo: '2200-01-01T07:59:59+08:00' })).expect(400);
    expect(far.body.message).toEqual([expect.stringMatching(/^validTo：.*1949至2199年/)]);
    // A term from 1949 is within them: it was refused as no time at all (attacker); 1948 is not.
    await registrar().post('/appointments').send(endorsedAppointment(system.registrar, { ...appointmentOf({ id: 'u-old', name: '老同志', role: 'undertaking_unit', organisation: 'hz-jtj' } as Actor), ...TERM, validFrom: '1949-10-01T00:00:00+08:00' })).expect(201);
    const early = await registrar().post('/appointments').send(endorsedAppointment(system.registrar, { ...appointmentOf({ id: 'u-early', name: '更早', role: 'undertaking_unit', organisation: 'hz-jtj' } as Actor), ...TERM, validFrom: '1948-10-01T00:00:00+08:00' })).expect(400);
    expect(early.body.message).toEqual([expect.stringMatching(/^validFrom：.*1949至2199年/)]);
    await registrar().post('/organisations').send(endorsedOrganisation(system.registrars.hz, { id: 'hz-sfj-lfc', name: '杭州市司法局立法处', kind: 'office', parentId: 'hz-sfj' })).expect(201);
    const lfc = { id: 'u-lfc', name: '立法处承办人', role: 'undertaking_unit', organisation: 'hz-sfj-lfc' } as Actor;
    const inDrafting = { id: 'j-lfc', name: '立法处审查员', role: 'legality_reviewer', organisation: 'hz-sfj-lfc' } as Actor;
    const reviewing = { id: 'j-hfc', name: '合法性审查处审查员', role: 'legality_reviewer', organisation: 'hz-sfj-hfc' } as Actor;
    for (const a of [lfc, inDrafting, reviewing]) await appoint(api, system.registrar, a);
    const d = await inReview(lfc);
    const own = await d.send({ ...steps.legalityOpinion(), actor: inDrafting });
    expect(own.status).toBe(422);
    expect(own.body).toMatchObject({ code: 'SEPARATION_OF_DUTIES', articles: [expect.stringContaining('第二十五条')] });
    expect(own.body.message).toMatch(/隶属于决策承办单位/);
    expect((await d.send(steps.legalOpinion())).status).toBe(201);
    const reviewed = await d.send({ ...steps.legalityOpinion(), actor: reviewing });
    expect([reviewed.status, reviewed.body.message]).toEqual([201, undefined]);
    // Another department's internal office still undertakes only in its department's name.
    const clerk = { id: 'u-fgc2', name: '政策法规处科员', role: 'undertaking_unit', organisation: 'hz-jtj-fgc' } as Actor;
    await appoint(api, system.registrar, clerk);
    const office = await as(clerk.id).post('/decisions').send(signedRegistration({ id: `AUTH-${randomUUID().slice(0, 8)}`, title: '关于调整票价的决定', undertakingDepartment: 'hz-jtj-fgc', catalogRef: 'C-AUTH', legalBasis: ['《价格法》'] }, clerk, await keyOf(clerk)));
    expect(office.status).toBe(422);
    expect(office.body.message).toMatch(/^undertakingDepartment：杭州市交通运输局政策法规处不能作为决策承办单位/);
  });

  it('an official of an internal office of the department acts for it; an appointment that ended, or has not begun, does not', async () => {
    const clerk = { id: 'u-fgc', name: '政策法规处科员', role: 'undertaking_unit', organisation: 'hz-jtj-fgc' } as Actor;
    const ap = await appoint(api, system.registrar, clerk);
    const d = await decision(clerk, 'hz-jtj');
    expect((await d.send({ ...steps.draft(), actor: clerk })).status).toBe(201);
    // The registrar ends the appointment (免职): from then on, refused.
    // An end is never backdated over steps already taken (400); it takes effect from the moment it names.
    const backdated = { endedAt: new Date(Date.now() - 60_000).toISOString(), reason: '调任' };
    const { appointmentEndMessage: endMessage } = await import('../../libs/record/endorsement');
    const { signMessage: sign } = await import('../../libs/record/signatures');
    const backdatedValue = sign(system.registrar.algorithm, system.registrar.privateKey, endMessage({ appointmentId: ap.id, ...backdated }));
    expect((await registrar().post(`/appointments/${ap.id}/end`).send({ ...backdated, endorsement: { keyId: system.registrar.keyId, value: backdatedValue } }).expect(400)).body.message.join()).toMatch(/不得追溯/);
    const endedAt = new Date(Date.now() + 300).toISOString();
    const end = { endedAt, reason: '调任' };
    const { appointmentEndMessage } = await import('../../libs/record/endorsement');
    const { signMessage } = await import('../../libs/record/signatures');
    const value = signMessage(system.registrar.algorithm, system.registrar.privateKey, appointmentEndMessage({ appointmentId: ap.id, ...end }));
    await registrar().post(`/appointments/${ap.id}/end`).send({ ...end, reason: '另一个理由', endorsement: { keyId: system.registrar.keyId, value } }).expect(403);
    await registrar().post(`/appointments/${ap.id}/end`).send({ ...end, endorsement: { keyId: system.registrar.keyId, value } }).expect(201);
    // Sent again before it takes effect: said as an end to come (the office stands until then), not as one past.
    const early = await registrar().post(`/appointments/${ap.id}/end`).send({ ...end, endorsement: { keyId: system.registrar.keyId, value } }).expect(409);
    expect(early.body.message).toMatch(new RegExp(`^任职 ${ap.id} 已签署于 \\S+ 终止，尚未生效，在此之前仍然在任`));
    await new Promise((r) => setTimeout(r, 400));
    const late = await registrar().post(`/appointments/${ap.id}/end`).send({ ...end, endorsement: { keyId: system.registrar.keyId, value } }).expect(409);
    expect(late.body.message).toMatch(new RegExp(`^任职 ${ap.id} 已于 \\S+ 终止（`));
    const res = await d.send({ ...steps.applicability(), actor: clerk });
    expect(res.body).toMatchObject({ code: 'NO_OFFICE', articles: [expect.stringContaining('第十一条')] });
    // Appointed from next year: not yet.
    const later = { ...clerk, id: 'u-later', name: '候任' };
    await appoint(api, system.registrar, later, { validFrom: '2098-01-01T00:00:00.000Z', validTo: '2099-01-01T00:00:00.000Z' });
    // Holding no office now, and having taken no step, the decision is not theirs to see: 404, as for none.
    expect((await d.send({ ...steps.applicability(), actor: later })).status).toBe(404);
    // The record so far verifies, with every office checked.
    expect((await http().get(`/decisions/${d.id}/verify`).expect(200)).body).toMatchObject({ ok: true, entries: 2 });
  });

  it('an end is never put before a step already taken in the office, not even within the minute allowed for its arrival', async () => {
    const clerk = { id: 'u-web', name: '后任科员', role: 'undertaking_unit', organisation: 'hz-jtj-fgc' } as Actor;
    const ap = await appoint(api, system.registrar, clerk);
    const d = await decision(clerk, 'hz-jtj');
    expect((await d.send({ ...steps.draft(), actor: clerk })).status).toBe(201);
    const { appointmentEndMessage } = await import('../../libs/record/endorsement');
    const { signMessage } = await import('../../libs/record/signatures');
    const endAt = (endedAt: string) => ({ endedAt, reason: '调任', endorsement: { keyId: system.registrar.keyId, value: signMessage(system.registrar.algorithm, system.registrar.privateKey, appointmentEndMessage({ appointmentId: ap.id, endedAt, reason: '调任' })) } });
    // Thirty seconds ago is within the minute's grace, but before the draft just signed in the office: it would void it.
    const res = await registrar().post(`/appointments/${ap.id}/end`).send(endAt(new Date(Date.now() - 30_000).toISOString())).expect(400);
    expect(res.body.message.join()).toMatch(/此任职已于 .* 办理步骤，免职时间不得早于该时间/);
    await registrar().post(`/appointments/${ap.id}/end`).send(endAt(new Date(Date.now() + 50).toISOString())).expect(201);
    await new Promise((r) => setTimeout(r, 100));
    expect((await http().get(`/decisions/${d.id}/verify`).expect(200)).body).toMatchObject({ ok: true });
  });

  it('a registration sent again exactly as before is answered as the first time after the office it was made in ended (attacker: NO_OFFICE)', async () => {
    const clerk = { id: 'u-resend', name: '重发科员', role: 'undertaking_unit', organisation: 'hz-jtj' } as Actor;
    const ap = await appoint(api, system.registrar, clerk);
    const id = `AUTH-${randomUUID().slice(0, 8)}`;
    const body = signedRegistration({ id, title: '关于调整票价的决定', undertakingDepartment: 'hz-jtj', catalogRef: 'C-AUTH', legalBasis: ['《价格法》'] }, clerk, await keyOf(clerk));
    const first = (await as(clerk.id).post('/decisions').send(body).expect(201)).body;
    const { appointmentEndMessage } = await import('../../libs/record/endorsement');
    const { signMessage } = await import('../../libs/record/signatures');
    const endedAt = new Date(Date.now() + 50).toISOString();
    const endorsement = { keyId: system.registrar.keyId, value: signMessage(system.registrar.algorithm, system.registrar.privateKey, appointmentEndMessage({ appointmentId: ap.id, endedAt, reason: '调任' })) };
    await registrar().post(`/appointments/${ap.id}/end`).send({ endedAt, reason: '调任', endorsement }).expect(201);
    await new Promise((r) => setTimeout(r, 100));
    expect((await as(clerk.id).post('/decisions').send(body).expect(201)).body).toEqual(first);
    // Another title under the first signature is not the first registration (retest: answered as if it were).
    expect((await as(clerk.id).post('/decisions').send({ ...body, title: '另一标题' })).status).toBe(422);
    // Another registration under the id, by the same official, now out of office: refused as before.
    const other = signedRegistration({ id, title: '另一决定', undertakingDepartment: 'hz-jtj', catalogRef: 'C-AUTH', legalBasis: ['《价格法》'] }, clerk, await keyOf(clerk));
    expect((await as(clerk.id).post('/decisions').send(other).expect(422)).body.code).toBe('NO_OFFICE');
  });

  it('a term is given as moments with their offset, within years an office can be held: a date alone, or the year 9999, is 400 and nothing is stored', async () => {
    const clerk = { id: 'u-forger', name: '伪', role: 'undertaking_unit', organisation: 'hz-jtj' } as Actor;
    for (const [validFrom, validTo] of [
      ['2026-01-01', '2029-01-01T00:00:00+08:00'],
      ['2026-01-01T00:00:00+08:00', '9999-12-31T00:00:00Z'],
      ['2026-01-01T00:00:00', '2029-01-01T00:00:00+08:00'],
    ]) {
      const res = await registrar().post('/appointments').send(endorsedAppointment(system.registrar, { ...appointmentOf(clerk, `ap-bad-${validTo.slice(0, 4)}-${validFrom.length}`), validFrom, validTo }));
      expect(res.status).toBe(400);
      expect(res.body.message.join()).toMatch(/必须是带时区偏移的 ISO 8601 时间/);
    }
    expect((await registrar().get('/appointments?personId=u-forger').expect(200)).body).toEqual([]);
  });

  it("a person's id shows as it is: white space or an invisible character in it is 400, and one differing only in case from a person appointed is 409 (fresh-eyes tester: three people read as u-zhang)", async () => {
    // And the look-alikes NFKC leaves (retest): another dash, a combining mark, a Cyrillic а among Latin letters.
    const lookalikes = [actors.unit.id.replace('-', '\u2010'), actors.unit.id.replace('-', '\u2212'), `${actors.unit.id}\u0332`, actors.unit.id.replace('a', '\u0430'), '\u0435-\u04bb\u0435', 'u-zh\u0251ng', `${actors.unit.id}\u2800`, '\ua4df-\ua4e2\ua4f4\ua4e0'];
    for (const [i, personId] of [`${actors.unit.id} `, `${actors.unit.id}\u200b`, ` ${actors.unit.id}`, `\uff55${actors.unit.id.slice(1)}`, ...lookalikes].entries()) {
      const res = await registrar().post('/appointments').send(endorsedAppointment(system.registrar, appointmentOf({ ...actors.unit, id: personId } as Actor, `ap-spaced-${i}`))).expect(400);
      expect(res.body.message.join()).toMatch(/^personId：必须是人员编号（即登录账号），使用半角字符，不得含有空格、零宽字符/);
    }
    const key = await registrar().post('/actor-keys').send(endorsedKey(system.registrar, `${actors.unit.id} `, newKey('ed25519'))).expect(400);
    expect(key.body.message.join()).toMatch(/^actorId：必须是人员编号/);
    const upper = await registrar().post('/appointments').send(endorsedAppointment(system.registrar, appointmentOf({ ...actors.unit, id: actors.unit.id.toUpperCase() } as Actor, 'ap-upper'))).expect(409);
    expect(upper.body.message).toBe(`personId：人员编号 ${actors.unit.id.toUpperCase()} 与已登记的${actors.unit.name}（${actors.unit.id}）只有大小写不同，容易混同；同一人员请用原编号，另一人员请另取编号（personId: ${actors.unit.id.toUpperCase()} differs only in case from ${actors.unit.id}, already registered; use that id for the same person, another for another）`);
    expect((await registrar().get(`/appointments?personId=${actors.unit.id.toUpperCase()}`).expect(200)).body).toEqual([]);
    // Nor a key for that id (retest: one was enrolled for M-LI beside m-li appointed).
    const upperKey = await registrar().post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id.toUpperCase(), newKey('ed25519'))).expect(409);
    expect(upperKey.body.message).toMatch(new RegExp(`^actorId：人员编号 ${actors.unit.id.toUpperCase()} 与已登记的`));
    // Sent at once, they are checked one after another (attacker: three names for one person, three cases of one
    // id with no appointment, were all taken): one is registered, the others refused.
    const names = await Promise.all(['甲', '乙', '丙'].map((name, i) => registrar().post('/appointments').send(endorsedAppointment(system.registrar, { ...appointmentOf({ id: 'u-three', name, role: 'undertaking_unit', organisation: 'hz-jtj' } as Actor, `ap-three-${i}`), ...TERM }))));
    expect(names.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const cases = await Promise.all(['u-kc-x', 'U-KC-X', 'u-Kc-X'].map((id) => registrar().post('/actor-keys').send(endorsedKey(system.registrar, id, newKey('ed25519')))));
    expect(cases.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it("keys: a registrar registers and revokes the keys of its own government's people, or of those below it; another government's are refused (fresh-eyes tester: Shenzhen revoked Guangzhou's mayor's key)", async () => {
    const { revocationEndorsementMessage } = await import('../../libs/record/endorsement');
    const { signMessage } = await import('../../libs/record/signatures');
    const revocation = (by: TestKey, keyId: string) => ({ reason: '调任', endorsement: { keyId: by.keyId, value: signMessage(by.algorithm, by.privateKey, revocationEndorsementMessage({ keyId, reason: '调任' })) } });
    // An official of Jiangsu's justice department.
    const jiangsu = { id: 'j-keys', name: '苏法制', role: 'legality_reviewer', organisation: 'js-sft' } as Actor;
    await registrar().post('/appointments').send(endorsedAppointment(system.registrars.js, appointmentOf(jiangsu))).expect(201);
    const refused = await registrar().post('/actor-keys').send(endorsedKey(system.registrars.hz, jiangsu.id, newKey('ed25519'))).expect(403);
    expect(refused.body.message).toMatch(/是hz的登记员，不能登记 j-keys 的密钥：其任职或者专家库所在的江苏省人民政府不属于本级或者下级政府，应当由该政府（或者其上级政府）的登记员办理；专家为本级政府的决策论证的，可以先将其列入本级专家库/);
    const made = newKey('ed25519');
    const keyId = (await registrar().post('/actor-keys').send(endorsedKey(system.registrars.js, jiangsu.id, made)).expect(201)).body.keyId as string;
    // Hangzhou's registrar cannot revoke it; Jiangsu's can.
    expect((await registrar().post(`/actor-keys/${encodeURIComponent(keyId)}/revocation`).send(revocation(system.registrars.hz, keyId)).expect(403)).body.message).toMatch(/不能撤销 j-keys 的密钥/);
    await registrar().post(`/actor-keys/${encodeURIComponent(keyId)}/revocation`).send(revocation(system.registrars.js, keyId)).expect(201);
    // One who left Hangzhou for Jiangsu is Jiangsu's: his ended office in Hangzhou does not let Hangzhou enrol him (second retest).
    const mover = { id: 'u-moved', name: '调任者', role: 'undertaking_unit', organisation: 'hz-jtj' } as Actor;
    const left = await appoint(api, system.registrar, mover, { validFrom: '2026-01-01T00:00:00.000Z', validTo: new Date(Date.now() + 1000).toISOString() });
    await registrar().post('/appointments').send(endorsedAppointment(system.registrars.js, appointmentOf({ ...mover, role: 'legality_reviewer', organisation: 'js-sft' } as Actor))).expect(201);
    expect(left.id).toBeTruthy();
    await new Promise((r) => setTimeout(r, 1200));
    await registrar().post('/actor-keys').send(endorsedKey(system.registrars.hz, mover.id, newKey('ed25519'))).expect(403);
    await registrar().post('/actor-keys').send(endorsedKey(system.registrars.js, mover.id, newKey('ed25519'))).expect(201);
    // The province's registrar acts for a city official below it; a person of no government yet (an expert named on a
    // panel only) is any registrar's.
    await registrar().post('/actor-keys').send(endorsedKey(system.registrars.zj, actors.unit.id, newKey('ed25519'))).expect(201);
    await registrar().post('/actor-keys').send(endorsedKey(system.registrars.js, 'e-unplaced', newKey('ed25519'))).expect(201);
  });

  it("a key signs only in the government whose registrar vouched for it, and below; another government that appoints the official to claim them neither signs for them at home nor revokes their key (fresh-eyes tester: Guangzhou's key signed in Shenzhen)", async () => {
    const { revocationEndorsementMessage } = await import('../../libs/record/endorsement');
    const { signMessage } = await import('../../libs/record/signatures');
    const revocation = (by: TestKey, keyId: string) => ({ reason: '调任', endorsement: { keyId: by.keyId, value: signMessage(by.algorithm, by.privateKey, revocationEndorsementMessage({ keyId, reason: '调任' })) } });
    const claimed = { id: 'u-claimed', name: '被占用', role: 'undertaking_unit', organisation: 'hz-jtj' } as Actor;
    await appoint(api, system.registrar, claimed);
    const home = await keyOf(claimed);
    const d = await decision(claimed);
    // Jiangsu's registrar appoints the Hangzhou official to an office of its own, and so may enrol a key for them.
    await registrar().post('/appointments').send(endorsedAppointment(system.registrars.js, appointmentOf({ ...claimed, role: 'legality_reviewer', organisation: 'js-sft' } as Actor))).expect(201);
    const foreign = newKey('ed25519');
    const foreignKey = { ...foreign, keyId: (await registrar().post('/actor-keys').send(endorsedKey(system.registrars.js, claimed.id, foreign)).expect(201)).body.keyId as string };
    // That key does not sign in Hangzhou's decisions; the official's own does.
    const refused = await as(claimed.id).post(`/decisions/${d.id}/steps`).send(signedStep(d.id, { ...steps.draft(), actor: claimed }, foreignKey, `${d.id}-foreign`)).expect(422);
    expect(refused.body.code).toBe('BAD_SIGNATURE');
    expect(refused.body.message).toMatch(new RegExp(`^签名不予认可：密钥 ${foreignKey.keyId} 由江苏省人民政府的登记员登记，只在江苏省人民政府及其下级政府有效；在杭州市人民政府签署，请使用该政府（或者其上级政府）登记员登记的密钥`));
    await as(claimed.id).post(`/decisions/${d.id}/steps`).send(signedStep(d.id, { ...steps.draft(), actor: claimed }, home, `${d.id}-home`)).expect(201);
    // Nor does Jiangsu revoke the key Hangzhou's registrar vouched for; Hangzhou's registrar, or the province's, would.
    const denied = await registrar().post(`/actor-keys/${encodeURIComponent(home.keyId)}/revocation`).send(revocation(system.registrars.js, home.keyId)).expect(403);
    expect(denied.body.message).toMatch(/^js 测试登记员.*是js的登记员，不能撤销 u-claimed 的密钥 .*：该密钥由杭州市人民政府的登记员登记，应当由该政府或者其上级政府的登记员办理/);
    // The foreign key signs where it was vouched for: Jiangsu takes it back.
    await registrar().post(`/actor-keys/${encodeURIComponent(foreignKey.keyId)}/revocation`).send(revocation(system.registrars.js, foreignKey.keyId)).expect(201);
  });

  it('organisations: registered by a registrar of the government they belong to; a parent must exist; the same registration again is answered as before', async () => {
    const office = { id: 'hz-jtj-ysc', name: '杭州市交通运输局运输处', kind: 'office' as const, parentId: 'hz-jtj' };
    await registrar().post('/organisations').send(endorsedOrganisation(system.registrars.js, office)).expect(403);
    const body = endorsedOrganisation(system.registrars.hz, office);
    const first = (await registrar().post('/organisations').send(body).expect(201)).body;
    expect((await registrar().post('/organisations').send(body).expect(201)).body).toEqual(first);
    await registrar().post('/organisations').send(endorsedOrganisation(system.registrars.hz, { ...office, name: '另一个处' })).expect(409);
    await registrar().post('/organisations').send(endorsedOrganisation(system.registrars.hz, { ...office, id: 'hz-x', parentId: 'hz-nowhere' })).expect(422);
    // A second legality review body of the city would leave no one to review its decisions, and refuse every
    // registration (fresh-eyes tester): refused, naming the one it has; the city's registrations go on.
    const second = await registrar().post('/organisations').send(endorsedOrganisation(system.registrars.hz, { id: 'hz-sfj-2', name: '杭州市司法局（重复）', kind: 'legality_review_body', parentId: 'hz' })).expect(409);
    expect(second.body.message).toMatch(/^kind：hz 已登记合法性审查机构杭州市司法局（hz-sfj），一级政府或者一个部门只有一个合法性审查机构（第二十五条、第四十二条）/);
    expect((await registrar().get('/organisations?ids=hz-sfj-2').expect(200)).body).toEqual([]);
    // An id differing only in case would be taken for the one registered (fresh-eyes tester).
    const caseTwin = await registrar().post('/organisations').send(endorsedOrganisation(system.registrars.hz, { ...office, id: 'HZ-JTJ-YSC', name: '另一个处' })).expect(409);
    expect(caseTwin.body.message).toMatch(/^id：机构编号 HZ-JTJ-YSC 与已登记的杭州市交通运输局运输处（hz-jtj-ysc）只有大小写不同/);
    const badKind = await registrar().post('/organisations').send(endorsedOrganisation(system.registrars.hz, { ...office, id: 'hz-y', kind: 'department', parentId: 'hz-jtj' })).expect(400);
    expect(badKind.body.message.join()).toMatch(/cannot belong to one of kind department/);
    // A 统一社会信用代码 is checked to its check character (GB 32100-2015): a mistyped one is refused, naming the standard.
    const coded = { id: 'hz-xhq', name: '杭州市西湖区人民政府', kind: 'government' as const, parentId: 'hz', level: 'county' as const };
    const typo = await registrar().post('/organisations').send(endorsedOrganisation(system.registrars.hz, { ...coded, creditCode: '113301060024820005' })).expect(400);
    expect(typo.body.message.join()).toMatch(/^creditCode：统一社会信用代码的校验码不符（GB 32100-2015）：按前17位计算，第18位应为\S，而不是5/);
    const malformed = await registrar().post('/organisations').send(endorsedOrganisation(system.registrars.hz, { ...coded, creditCode: '1133010600248200IO' })).expect(400);
    expect(malformed.body.message.join()).toMatch(/^creditCode：必须是18位统一社会信用代码（GB 32100-2015）/);
    // A valid code of another area (青岛市崂山区, 370212) for a district of 杭州市 (330100) would place it there (Art. 43).
    const qingdao = `11370212002482000${creditCodeCheckCharacter('11370212002482000')}`;
    const elsewhere = await registrar().post('/organisations').send(endorsedOrganisation(system.registrars.hz, { ...coded, creditCode: qingdao })).expect(400);
    expect(elsewhere.body.message.join()).toMatch(/^creditCode：统一社会信用代码的行政区划代码（第3至8位）为370212，不在所属的杭州市人民政府（330100）的行政区域内/);
    const valid = `11330106002482000${creditCodeCheckCharacter('11330106002482000')}`;
    expect((await registrar().post('/organisations').send(endorsedOrganisation(system.registrars.hz, { ...coded, creditCode: valid })).expect(201)).body.creditCode).toBe(valid);
    // One code, one organisation: another registered under the same code is refused, naming the holder.
    const twin = await registrar().post('/organisations').send(endorsedOrganisation(system.registrars.hz, { ...coded, id: 'hz-xhq-2', name: '另一个区', creditCode: valid })).expect(409);
    expect(twin.body.message).toMatch(/^creditCode：统一社会信用代码 \S+ 已登记为杭州市西湖区人民政府（hz-xhq）的代码/);
    // A government below its parent's level only: no "province" under a city.
    const province = { id: 'hz-x9', name: '某省', kind: 'government' as const, parentId: 'hz', level: 'province' as const };
    expect((await registrar().post('/organisations').send(endorsedOrganisation(system.registrars.hz, province)).expect(400)).body.message.join()).toMatch(/province government cannot belong to a city government/);
    await registrar().post('/organisations').send(endorsedOrganisation(system.registrars.hz, { ...province, name: '某区', level: 'county' })).expect(201);
  });

  it("forced past the API straight to the workflow, a step on an office never held, or on another's, is refused by the record itself and nothing is kept (the offline verifier would have caught it)", async () => {
    const d = await decision();
    expect((await d.send(steps.draft())).status).toBe(201);
    // A forger with access to Temporal sends the step straight to the workflow, with an office that looks right: one
    // never made, then the real appointment of the official he claims to be beside.
    const forger = { ...actors.unit, id: 'u-forger', name: '冒名者' };
    const path = [{ id: 'hz-jtj', name: '杭州市交通运输局', kind: 'department' as const }, { id: 'hz', name: '杭州市人民政府', kind: 'government' as const }, { id: 'zj', name: '浙江省人民政府', kind: 'government' as const }];
    const [theirs] = (await as(REGISTRAR).get(`/appointments?personId=${actors.unit.id}`).expect(200)).body as { id: string; role: string; organisationId: string }[];
    for (const appointmentId of ['ap-never-made', theirs.id]) {
      const signed = signedStep(d.id, steps.applicability(), await keyOf(forger), `${d.id}-forged-${appointmentId}`, forger);
      const sent = temporal.workflow.getHandle(d.id).executeUpdate(stepUpdate, { args: [{ ...steps.applicability(), actor: forger, signature: { ...signed.signature, algorithm: 'ed25519', idempotencyKey: `${d.id}-forged-${appointmentId}` }, office: { appointmentId, ...TERM, path } } as Command] });
      await expect(sent).rejects.toMatchObject({ cause: { message: expect.stringContaining(`冒名者（u-forger）没有编号为 ${appointmentId} 的决策承办单位任职`) } });
    }
    expect((await http().get(`/decisions/${d.id}/timeline`).expect(200)).body.map((e: { action: string }) => e.action)).toEqual(['submitDraft']);
    const bundle: DecisionBundle = (await http().get(`/decisions/${d.id}/bundle`).expect(200)).body;
    expect(verifyBundle(bundle, await trusted())).toMatchObject({ ok: true });
  });

  it('the verifier catches every alteration of the offices behind a record: appointments, organisations, the entries\' offices and the decision\'s authority', async () => {
    const d = await decision();
    for (const c of [steps.draft(), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview()]) expect((await d.send(c)).status).toBe(201);
    expect((await d.send(steps.legalOpinion())).status).toBe(201);
    // The review body's own opinion for this decision (another reviewer's for another decision is not this one's).
    expect((await d.send(steps.legalityOpinion('lawful', { earlyReason: '材料齐全，提前完成审查', opinionHash: h(`legality-lawful ${d.id}`) }))).status).toBe(201);
    const keys = await trusted();
    const bundle: DecisionBundle = (await http().get(`/decisions/${d.id}/bundle`).expect(200)).body;
    expect(verifyBundle(bundle, keys)).toMatchObject({ ok: true, entries: 6 });
    expect(bundle.appointments!.map((a) => a.personId).sort()).toEqual([actors.adviser.id, actors.reviewer.id, actors.unit.id].sort());
    expect(bundle.organisations!.map((o) => o.id)).toEqual(expect.arrayContaining(['hz', 'zj', 'hz-jtj', 'hz-sfj']));

    /** Seals the entries again from `from` on, as a forger holding the seal key would. */
    const reseal = (b: DecisionBundle, from: number) => {
      let prevHash = from ? b.entries[from - 1].hash : null;
      for (let j = from; j < b.entries.length; j++) {
        const sealed = sealEntry({ ...JSON.parse(b.entries[j].canonical), seq: j, prevHash });
        b.entries[j] = { seq: j, canonical: sealed.canonical, hash: sealed.hash, seal: sealOf(system.sealKey, sealed.hash), sealKeyId: system.sealKey.keyId };
        prevHash = sealed.hash;
      }
    };
    const reviewerAp = bundle.appointments!.find((a) => a.personId === actors.reviewer.id)!.id;
    const mutations: [string, (b: DecisionBundle) => void][] = [
      ['appointment removed', (b) => (b.appointments = b.appointments!.filter((a) => a.id !== reviewerAp))],
      ['appointment to another person', (b) => (b.appointments!.find((a) => a.id === reviewerAp)!.personId = actors.unit.id)],
      ['appointment to another role', (b) => (b.appointments!.find((a) => a.id === reviewerAp)!.role = 'chief_executive')],
      ['appointment term shortened', (b) => (b.appointments!.find((a) => a.id === reviewerAp)!.validTo = '2021-01-01T00:00:00.000Z')],
      ['appointment endorsed by the other province', (b) => (b.appointments!.find((a) => a.id === reviewerAp)!.endorsedBy = system.registrars.js.keyId)],
      ['organisation renamed', (b) => (b.organisations!.find((o) => o.id === 'hz-sfj')!.name = '杭州市某局')],
      ['organisation moved', (b) => (b.organisations!.find((o) => o.id === 'hz-sfj')!.parentId = 'zj')],
      ['organisation removed', (b) => (b.organisations = b.organisations!.filter((o) => o.id !== 'hz'))],
      ['an ended appointment, ended by its registrar before the step', (b) => {
        const a = b.appointments!.find((x) => x.id === reviewerAp)!;
        const { appointmentEndMessage } = jest.requireActual('../../libs/record/endorsement');
        const { signMessage } = jest.requireActual('../../libs/record/signatures');
        Object.assign(a, { endedAt: '2021-01-01T00:00:00.000Z', endReason: '免职', endEndorsedBy: system.registrars.hz.keyId, endEndorsement: signMessage(system.registrars.hz.algorithm, system.registrars.hz.privateKey, appointmentEndMessage({ appointmentId: a.id, endedAt: '2021-01-01T00:00:00.000Z', reason: '免职' })) });
      }],
      ['the review entry relies on the unit\'s appointment', (b) => {
        const e = JSON.parse(b.entries[5].canonical);
        e.office.appointmentId = bundle.appointments!.find((a) => a.personId === actors.unit.id)!.id;
        b.entries[5].canonical = JSON.stringify(e);
        reseal(b, 5);
      }],
      ['the review entry\'s office without the undertaking unit in its path… moved under the unit', (b) => {
        const e = JSON.parse(b.entries[5].canonical);
        e.office.path = [e.office.path[0], { id: 'hz-jtj', name: '杭州市交通运输局', kind: 'department' }, ...e.office.path.slice(1)];
        b.entries[5].canonical = JSON.stringify(e);
        reseal(b, 5);
      }],
      ['the review entry stripped of its office', (b) => {
        const e = JSON.parse(b.entries[5].canonical);
        delete e.office;
        b.entries[5].canonical = JSON.stringify(e);
        reseal(b, 5);
      }],
      ['the decision recorded as Jiangsu\'s', (b) => {
        const e = JSON.parse(b.entries[0].canonical);
        e.authority = { government: 'js', decidingOrgan: 'js', legalityReviewBody: 'js-sft' };
        b.entries[0].canonical = JSON.stringify(e);
        reseal(b, 0);
      }],
      ['the decision recorded with no authority, its offices still there', (b) => {
        const e = JSON.parse(b.entries[0].canonical);
        delete e.authority;
        b.entries[0].canonical = JSON.stringify(e);
        reseal(b, 0);
      }],
    ];
    for (const [what, mutate] of mutations) {
      const b = structuredClone(bundle);
      mutate(b);
      const verdict = verifyBundle(b, keys);
      if (verdict.ok) throw new Error(`not caught: ${what}`);
    }
  });

  it("the registrars' acts are events of the global log: an end or a revocation struck from the database afterwards is caught offline", async () => {
    const clerk = { id: 'u-office', name: '运输处科员', role: 'undertaking_unit', organisation: 'hz-jtj-fgc' } as Actor;
    const ap = await appoint(api, system.registrar, clerk);
    const d = await decision(clerk, 'hz-jtj');
    expect((await d.send({ ...steps.draft(), actor: clerk })).status).toBe(201);
    const { appointmentEndMessage, revocationEndorsementMessage } = await import('../../libs/record/endorsement');
    const { signMessage } = await import('../../libs/record/signatures');
    const sign = (message: Buffer) => ({ keyId: system.registrar.keyId, value: signMessage(system.registrar.algorithm, system.registrar.privateKey, message) });
    const end = { endedAt: new Date(Date.now() + 300).toISOString(), reason: '调任' };
    await registrar().post(`/appointments/${ap.id}/end`).send({ ...end, endorsement: sign(appointmentEndMessage({ appointmentId: ap.id, ...end })) }).expect(201);
    const keyId = (await keyOf(clerk)).keyId;
    await registrar().post(`/actor-keys/${encodeURIComponent(keyId)}/revocation`).send({ reason: '调任', endorsement: sign(revocationEndorsementMessage({ keyId, reason: '调任' })) }).expect(201);

    // The monitor's view: every act, in log order, each at its leaf.
    const events = (await http().get('/log/authority-events?limit=1000').expect(200)).body as { kind: string; subjectId: string; leafIndex: number }[];
    expect(events).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'appointment-end', subjectId: ap.id }), expect.objectContaining({ kind: 'key-revocation', subjectId: keyId })]));
    expect(events.every((e) => Number.isInteger(e.leafIndex))).toBe(true);

    const keys = await trusted();
    const bundle: DecisionBundle = (await http().get(`/decisions/${d.id}/bundle`).expect(200)).body;
    expect(verifyBundle(bundle, keys)).toMatchObject({ ok: true, entries: 2 });
    expect(bundle.authorityEvents!.map((e) => JSON.parse(e.canonical).kind)).toEqual(expect.arrayContaining(['organisation', 'appointment', 'appointment-end', 'key', 'key-revocation']));

    // An insider strikes the end and the revocation from the rows: what the registrar signed still verifies, but the log holds both.
    const prisma = api.get<import('../../libs/db/prisma').PrismaClient>((await import('../../libs/nest/prisma.module')).PRISMA);
    await prisma.appointment.update({ where: { id: ap.id }, data: { endedAt: null, endReason: null, endEndorsedBy: null, endEndorsement: null } });
    const struckEnd: DecisionBundle = (await http().get(`/decisions/${d.id}/bundle`).expect(200)).body;
    expect(verifyBundle(struckEnd, keys)).toMatchObject({ ok: false, check: 'authority-log', failure: expect.stringMatching(new RegExp(`the log holds the end of appointment ${ap.id}`)) });
    await prisma.actorKey.update({ where: { keyId }, data: { revokedAt: null } });
    const struckBoth: DecisionBundle = (await http().get(`/decisions/${d.id}/bundle`).expect(200)).body;
    expect(verifyBundle(struckBoth, keys)).toMatchObject({ ok: false, check: 'authority-log' });
    // Nor can the bundle leave the events out: without them, the appointment and key it carries are not in the log.
    // (A bundle that drops both the end and its event is what a monitor of /log/authority-events sees through.)
    expect(verifyBundle({ ...struckBoth, authorityEvents: [] }, keys)).toMatchObject({ ok: false, check: 'authority-log', failure: expect.stringMatching(/is not in the log/) });
  });
});
