import { randomUUID } from 'node:crypto';
import { MEETING_MEMBER, type Actor, type Command, type Payloads } from '../../libs/domain';
import { PERSON } from '../support/auth';
import { appoint } from '../support/government';
import { actors, h, steps } from '../support/procedure';
import { signedRegistration } from '../support/signing';
import { startSystem } from '../support/system';
import { verifyBundle, type DecisionBundle } from '../../libs/record/bundle';

/**
 * Art. 30 over HTTP: the members the minutes record as present sat in the deciding organ's meeting, as the registrars
 * appointed them (fresh-eyes tester, 2026-12-06: the secretary minuted fake-1 and fake-2, each "confirmed by" itself,
 * and a meeting of one).
 */
describe('Art. 30: the minutes record as present only members of the deciding organ’s meeting', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    await system.as(PERSON).post('/catalog-items').send({ ref: 'C-MEET', year: 2026, title: '票价', organ: '杭州市人民政府', partyConsentRef: '市委同意' }).expect(201);
  }, 120_000);
  afterAll(() => system?.close());

  /** A decision of Hangzhou's, its draft found lawful, and the standard minutes of its meeting (dated now). */
  const reviewedDecision = async () => {
    const id = `MEET-${randomUUID().slice(0, 8)}`;
    const fields = { id, title: '关于调整公交票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-MEET', legalBasis: ['《价格法》'] };
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration(fields, actors.unit, await system.keyOf(actors.unit.id))).expect(201);
    const d = system.stepsOn(id);
    await d.ok(steps.draft(), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(), steps.legalOpinion(), steps.legalityOpinion('lawful', { earlyReason: '材料齐全' }));
    return { id, d, minutes: steps.discussion({ draftHash: h('draft-1'), legalityOpinionHash: h('legality-lawful') }) };
  };

  it('refuses a member no registrar appointed, or one of another organ, naming the member; asks who sat as of the meeting’s date', async () => {
    const { id, d, minutes } = await reviewedDecision();
    const withMember = (i: number, member: { id: string; name: string }): Command => {
      const p = JSON.parse(JSON.stringify(minutes.payload)) as Payloads['recordDiscussion'];
      const old = p.members[i].id;
      p.members[i] = { ...p.members[i], ...member, confirmation: { confirmed: true, by: member.id } };
      p.speakingOrder = p.speakingOrder!.map((s) => (s === old ? member.id : s));
      return { ...minutes, payload: p } as Command;
    };

    const fake = await d.send(withMember(2, { id: 'fake-1', name: '虚构委员' }));
    expect([fake.status, fake.body.code, fake.body.message]).toEqual([422, 'WRONG_OFFICE', expect.stringMatching(/^members\.2\.id：虚构委员（fake-1）未经登记员任命为本决策的决策机关的行政首长或者会议组成人员/)]);
    expect(fake.body.articles).toEqual(['《重大行政决策程序暂行条例》第三十条 (Decree No. 713, Art. 30)']);
    // Nor presided by one (second tester: a chair written with a look-alike letter, nobody, was taken).
    const chaired = JSON.parse(JSON.stringify(minutes.payload)) as Payloads['recordDiscussion'];
    chaired.meeting.presidingId = chaired.meeting.presidingId.replace('-', '\u2010');
    const nobody = await d.send({ ...minutes, payload: chaired } as Command);
    expect([nobody.status, nobody.body.code, nobody.body.message]).toEqual([422, 'WRONG_OFFICE', expect.stringMatching(/^meeting\.presidingId：.*未经登记员任命为本决策的决策机关的行政首长或者会议组成人员（meeting_member），不能作为会议主持人记录/)]);
    // A member of another government's meeting (the province's) did not sit in Hangzhou's.
    const elsewhere: Actor = { id: 'u-colleague', name: '浙江省副省长', role: MEETING_MEMBER as never, organisation: 'zj' };
    await appoint(system.api, system.registrars.zj, elsewhere);
    const other = await d.send(withMember(2, elsewhere));
    expect([other.status, other.body.code, other.body.message]).toEqual([422, 'WRONG_OFFICE', expect.stringMatching(/^members\.2\.id：浙江省副省长（u-colleague）担任的行政首长或者会议组成人员职务不在本决策的决策机关/)]);
    // A member who sat, minuted under another name than the registrar appointed them by (second retest: m-li as 王五).
    const renamed = await d.send(withMember(2, { id: 'm-3', name: '王五' }));
    expect([renamed.status, renamed.body.code, renamed.body.message]).toEqual([422, 'WRONG_OFFICE', expect.stringMatching(/^members\.2\.name：m-3 经登记任命的姓名为秘书长，会议记录写作“王五”，应当按任命的姓名记录/)]);
    // A deputy appointed from next year did not sit yet: the refusal gives his term, for the secretary to check the date.
    const coming: Actor = { id: 'm-coming', name: '候任副市长', role: MEETING_MEMBER as never, organisation: 'hz' };
    const next = new Date().getUTCFullYear() + 1;
    await appoint(system.api, system.registrar, coming, { validFrom: `${next}-01-01T00:00:00.000Z`, validTo: `${next + 4}-12-31T16:00:00.000Z` });
    const early = await d.send(withMember(2, coming));
    expect([early.status, early.body.code, early.body.message]).toEqual([422, 'WRONG_OFFICE', expect.stringMatching(new RegExp(`^members\\.2\\.id：候任副市长（m-coming）在本决策的决策机关担任行政首长或者会议组成人员的任期为${next}-01-01至${next + 4}-12-31，会议召开时（\\d{4}-\\d\\d-\\d\\d）不在任期内`))]);
    // Who sat is asked as of the meeting's date, not the minutes' arrival (third tester): a deputy whose office ended
    // after the meeting is minuted as present.
    const leaving: Actor = { id: 'm-leaving', name: '离任副市长', role: MEETING_MEMBER as never, organisation: 'hz' };
    await appoint(system.api, system.registrar, leaving, { validFrom: '2026-01-01T00:00:00.000Z', validTo: new Date(Date.now() + 2000).toISOString() });
    // Every member who sat is minuted, present or absent (statute tester): left out, refused, naming them.
    const sat = JSON.parse(JSON.stringify(minutes.payload)) as Payloads['recordDiscussion'];
    const left = await d.send({ ...minutes, payload: sat } as Command);
    expect([left.status, left.body.code, left.body.message]).toEqual([422, 'PREREQUISITE_MISSING', expect.stringMatching(/^members：会议召开时（\d{4}-\d\d-\d\d）离任副市长（m-leaving）是本决策的决策机关的会议组成人员，会议记录应当如实载明其出席或者缺席/)]);
    sat.members.push({ id: leaving.id, name: leaving.name, present: true, view: 'agree', confirmation: { confirmed: true, by: leaving.id } });
    sat.speakingOrder = [leaving.id, ...sat.speakingOrder!];
    // Nor is one who did not sit minuted absent to make up the size (retest).
    const padded = await d.send({ ...minutes, payload: { ...sat, membersTotal: 6, members: [...sat.members, { id: 'x-nobody', name: '某人', present: false }] } } as Command);
    expect([padded.status, padded.body.code, padded.body.message]).toEqual([422, 'WRONG_OFFICE', expect.stringMatching(/^members\.5\.id：某人（x-nobody）会议召开时（\d{4}-\d\d-\d\d）不是本决策的决策机关的会议组成人员，不能记录为缺席的组成人员/)]);
    // Nor is the meeting smaller than those who sat in it.
    const small = await d.send({ ...minutes, payload: { ...sat, membersTotal: 4 } } as Command);
    expect([small.status, small.body.code, small.body.message]).toEqual([422, expect.any(String), expect.stringMatching(/^membersTotal：/)]);
    sat.membersTotal = 5;
    await new Promise((r) => setTimeout(r, 3000));
    await d.ok({ ...minutes, payload: sat } as Command);
    const timeline = (await system.as(PERSON).get(`/decisions/${id}/timeline`).expect(200)).body as { action: string }[];
    expect(timeline.map((t) => t.action)).toContain('recordDiscussion');
  }, 120_000);

  it('refuses as a member of the meeting one who argued the draft as an expert, appointed to the meeting since (Arts. 19, 20, 30; retest)', async () => {
    const id = `MEET-X-${randomUUID().slice(0, 8)}`;
    const fields = { id, title: '关于调整公交票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-MEET', legalBasis: ['《价格法》'] };
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration(fields, actors.unit, await system.keyOf(actors.unit.id))).expect(201);
    const d = system.stepsOn(id);
    await d.ok(steps.draft(), steps.applicability({ pp: false, expert: true, risk: false }), steps.panel(), steps.expertOpinion(actors.expert1), steps.expertOpinion(actors.expert2), steps.completeExperts());
    await d.ok(steps.submitReview(), steps.legalOpinion(), steps.legalityOpinion('lawful', { earlyReason: '材料齐全' }));
    // A term that ends in a few seconds: the later tests' minutes do not list him.
    await appoint(system.api, system.registrar, { ...actors.expert1, role: MEETING_MEMBER as never, organisation: 'hz' }, { validFrom: '2026-01-01T00:00:00.000Z', validTo: new Date(Date.now() + 3000).toISOString() });
    const minutes = steps.discussion({ draftHash: h('draft-1'), legalityOpinionHash: h('legality-lawful'), expertReportHash: h('expert-adoption') });
    const p = JSON.parse(JSON.stringify(minutes.payload)) as Payloads['recordDiscussion'];
    const old = p.members[2].id;
    p.members[2] = { ...p.members[2], id: actors.expert1.id, name: actors.expert1.name, confirmation: { confirmed: true, by: actors.expert1.id } };
    p.speakingOrder = p.speakingOrder!.map((x) => (x === old ? actors.expert1.id : x));
    const refused = await d.send({ ...minutes, payload: p } as Command);
    expect([refused.status, refused.body.code, refused.body.message]).toEqual([422, 'CONFLICT_OF_INTEREST', expect.stringMatching(new RegExp(`^members\\.2\\.id：${actors.expert1.id} 在本决策中作为论证专家提交了论证意见（第 \\d+ 条记录），不能再作为会议组成人员参加对本决策草案的讨论`))]);
    // Minuted absent, as one who sat in the organ's meeting then.
    const absent = JSON.parse(JSON.stringify(minutes.payload)) as Payloads['recordDiscussion'];
    absent.members.push({ id: actors.expert1.id, name: actors.expert1.name, present: false });
    absent.membersTotal = 5;
    await d.ok({ ...minutes, payload: absent } as Command);
    await new Promise((r) => setTimeout(r, 3000));
  }, 120_000);

  it('takes the meeting as appointed, absent members not asked after; 我的待办 offers the decision to the chief executive the minutes name only', async () => {
    const { id, d, minutes } = await reviewedDecision();
    await d.ok(minutes);
    // The deputy holds the chief executive's office too, but the minutes name the mayor (third tester: both were offered it).
    const tasks = async (person: string) => ((await system.as(person).get('/tasks').expect(200)).body.items as { decisionId: string; action: string }[]).filter((t) => t.decisionId === id).map((t) => t.action);
    expect(await tasks(actors.mayor.id)).toContain('decide');
    expect(await tasks(actors.deputy.id)).not.toContain('decide');
    const timeline = (await system.as(PERSON).get(`/decisions/${id}/timeline`).expect(200)).body as { action: string }[];
    expect(timeline.map((t) => t.action)).toContain('recordDiscussion');
  }, 120_000);

  it('the bundle carries the offices of those the minutes name, and an inspector checks offline who sat (Art. 30; inspector: only the signers’ offices were carried)', async () => {
    const { id, d, minutes } = await reviewedDecision();
    await d.ok(minutes);
    const bundle = (await system.as(actors.unit.id).get(`/decisions/${id}/bundle`).expect(200)).body as DecisionBundle;
    const trusted = { systemKeys: bundle.systemKeys, actorKeys: bundle.actorKeys, registrarKeys: bundle.registrarKeys };
    expect(verifyBundle(bundle, trusted)).toMatchObject({ ok: true });
    const named = (minutes.payload as Payloads['recordDiscussion']).members.map((m) => m.id);
    const carried = (personId: string) => bundle.appointments!.filter((a) => a.personId === personId && a.organisationId === 'hz' && ['chief_executive', MEETING_MEMBER].includes(a.role));
    for (const person of named) expect(carried(person).length).toBeGreaterThan(0);
    // Absent (m-4), left out of the bundle, with the event the log holds of it: the check fails naming the member.
    const seq = bundle.entries.findIndex((e) => JSON.parse(e.canonical).action === 'recordDiscussion');
    for (const person of ['m-4', 'm-3', actors.mayor.id]) {
      const out = new Set(carried(person).map((a) => a.id));
      const struck = { ...bundle, appointments: bundle.appointments!.filter((a) => !out.has(a.id)), authorityEvents: bundle.authorityEvents!.filter((e) => !out.has(JSON.parse(e.canonical).subjectId)) };
      expect(verifyBundle(struck, trusted)).toMatchObject({ ok: false, check: 'offices', failure: expect.stringMatching(new RegExp(`^entry ${seq}: the minutes name (member|the one presiding,) ${person},? as sitting in the deciding organ's meeting`)) });
    }
    // Nor is an appointment made out to another name, or another organisation, taken: its registrar's endorsement breaks.
    const m3 = carried('m-3')[0];
    const renamed = { ...bundle, appointments: bundle.appointments!.map((a) => (a.id === m3.id ? { ...a, personName: '王五' } : a)) };
    expect(verifyBundle(renamed, trusted)).toMatchObject({ ok: false });
    // The check is the profile's, kept in the sealed registration: decisions registered before it are checked online only.
    expect(JSON.parse(bundle.entries[0].canonical).profile.meetingMembersCarried).toBe(true);
  }, 120_000);

  it("lists who sits in the deciding organ's meeting, as of a time, for the minutes form to offer (Art. 30)", async () => {
    const { id } = await reviewedDecision();
    const next = new Date().getUTCFullYear() + 1;
    await appoint(system.api, system.registrar, { id: 'm-next-year', name: '明年副市长', role: MEETING_MEMBER as never, organisation: 'hz' }, { validFrom: `${next}-01-01T00:00:00.000Z`, validTo: `${next + 4}-12-31T16:00:00.000Z` });
    await appoint(system.api, system.registrars.zj, { id: 'm-zj-member', name: '省政府会议组成人员', role: MEETING_MEMBER as never, organisation: 'zj' });
    type Member = { personId: string; role: string; organisation: { id: string } };
    const members = async (query = '') => ((await system.as(actors.secretary.id).get(`/decisions/${id}/meeting-members${query}`).expect(200)).body as Member[]);
    const now = await members();
    // Hangzhou's chief executives first, then its meeting members; no one of the province's meeting, no one not yet appointed.
    expect(now.slice(0, 2).map((m) => [m.personId, m.role])).toEqual([[actors.mayor.id, 'chief_executive'], [actors.deputy.id, 'chief_executive']]);
    expect(now.map((m) => m.personId)).toEqual(expect.arrayContaining(['m-3', 'm-4']));
    expect(now.every((m) => m.organisation.id === 'hz')).toBe(true);
    expect(now.map((m) => m.personId)).not.toContain('m-next-year');
    expect((await members(`?at=${next}-06-01T09:00:00%2B08:00`)).map((m) => m.personId)).toContain('m-next-year');
    // A time that is no time is refused, naming the field; and the list is the decision's: outside its scope, 404.
    const bad = await system.as(actors.secretary.id).get(`/decisions/${id}/meeting-members?at=2026-02-30`).expect(400);
    expect(JSON.stringify(bad.body)).toContain('at');
    await system.as('u-forger').get(`/decisions/${id}/meeting-members`).expect(404);
  }, 120_000);

  it('我的待办 does not offer a person a step the separation of duties refuses them: the drafter, also a legal adviser, gets no legal opinion on his own draft', async () => {
    // The drafter holds a legal adviser's office in the government's legal advisers too (Arts. 25, 28).
    await appoint(system.api, system.registrar, { ...actors.adviser, id: actors.unit.id, name: actors.unit.name });
    const id = `SEP-${randomUUID().slice(0, 8)}`;
    const fields = { id, title: '关于调整公交票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-MEET', legalBasis: ['《价格法》'] };
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration(fields, actors.unit, await system.keyOf(actors.unit.id))).expect(201);
    const d = system.stepsOn(id);
    await d.ok(steps.draft(), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview());
    const tasks = async (person: string) => ((await system.as(person).get('/tasks').expect(200)).body.items as { decisionId: string; action: string }[]).filter((t) => t.decisionId === id).map((t) => t.action);
    expect(await tasks(actors.adviser.id)).toContain('submitLegalOpinion');
    expect(await tasks(actors.unit.id)).not.toContain('submitLegalOpinion');
    // Which the rules refuse him, as the task list said.
    // (His own opinion document: the adviser's is another's work, refused as such before the rules are asked.)
    const own = await d.send({ ...steps.legalOpinion(), payload: { opinionHash: h(`legal opinion of ${actors.unit.id}`) }, actor: { ...actors.adviser, id: actors.unit.id, name: actors.unit.name } } as Command);
    expect([own.status, own.body.code]).toEqual([422, 'SEPARATION_OF_DUTIES']);
  }, 120_000);
});
