import { randomUUID } from 'node:crypto';
import type { AccountabilityItem, AccountabilityPage } from '../../libs/domain';
import { PERSON } from '../support/auth';
import { actors, h, steps } from '../support/procedure';
import { signedRegistration } from '../support/signing';
import { startSystem } from '../support/system';

/**
 * 责任倒查 (Art. 38) over HTTP: an inspector asks what one official did in the record, years later, across the decisions
 * in the inspector's scope: the steps they signed, in which role and office, and the meetings whose minutes name them,
 * with the view minuted (Art. 38 para. 3: a view against reduces the responsibility for a decision seriously wrong).
 */
describe('GET /people/:personId/accountability: a person’s part in the record (Art. 38)', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  const decided: string[] = [];
  const ask = (personId: string, sub = PERSON, query: Record<string, string | number> = {}) =>
    system.as(sub).get(`/people/${encodeURIComponent(personId)}/accountability`).query(query);

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    await system.as(PERSON).post('/catalog-items').send({ ref: 'C-ACC', year: 2026, title: '票价', organ: '杭州市人民政府', partyConsentRef: '市委同意' }).expect(201);
    // Two decisions discussed and decided: m-3 minuted against both, m-4 absent; the mayor presides and decides.
    for (let i = 0; i < 2; i++) {
      const id = `ACC-${i}-${randomUUID().slice(0, 8)}`;
      const fields = { id, title: `关于调整公交票价的决定（${i + 1}）`, undertakingDepartment: actors.unit.organisation, catalogRef: 'C-ACC', legalBasis: ['《价格法》'] };
      await system.as(actors.unit.id).post('/decisions').send(signedRegistration(fields, actors.unit, await system.keyOf(actors.unit.id))).expect(201);
      const d = system.stepsOn(id);
      await d.ok(steps.draft(), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(), steps.legalOpinion(), steps.legalityOpinion('lawful', { earlyReason: '材料齐全' }));
      await d.ok(steps.discussion({ draftHash: h('draft-1'), legalityOpinionHash: h('legality-lawful') }), steps.decide());
      decided.push(id);
    }
  }, 240_000);
  afterAll(() => system?.close());

  /** Every page, following nextCursor with the page size given. */
  const allPages = async (personId: string, pageSize: number, sub = PERSON): Promise<{ items: AccountabilityItem[]; pages: number; total: number }> => {
    const items: AccountabilityItem[] = [];
    let cursor: string | null = null;
    let pages = 0;
    let total = -1;
    do {
      const body = (await ask(personId, sub, { pageSize, ...(cursor ? { cursor } : {}) }).expect(200)).body as AccountabilityPage;
      if (total >= 0) expect(body.total).toBe(total);
      total = body.total;
      items.push(...body.items);
      cursor = body.nextCursor;
      if (++pages > 50) throw new Error('the cursor does not end');
    } while (cursor);
    return { items, pages, total };
  };

  it('a member minuted against the decision, who signed nothing: each meeting, present, the view and the words minuted', async () => {
    const page = (await ask('m-3').expect(200)).body as AccountabilityPage;
    expect(page).toMatchObject({ personId: 'm-3', total: 2, nextCursor: null });
    expect(page.items.map((i) => i.decisionId).sort()).toEqual([...decided].sort());
    for (const item of page.items) {
      expect(item).toMatchObject({ action: 'recordDiscussion', signed: null, articles: expect.arrayContaining(['decree-713:30']), entryHash: expect.stringMatching(/^sha256:/) });
      expect(item.minuted).toEqual({ meetingDate: expect.any(String), presiding: false, chiefExecutive: false, member: { present: true, view: 'disagree', statement: expect.any(String) } });
    }
    // Absent from both meetings: minuted as absent, with no view.
    const absent = (await ask('m-4').expect(200)).body as AccountabilityPage;
    expect(absent.items.map((i) => i.minuted?.member)).toEqual([{ present: false, view: null, statement: null }, { present: false, view: null, statement: null }]);
  });

  it('the chief executive: the decisions signed, in role and office, and the meetings presided; newest first', async () => {
    const { items, total } = await allPages(actors.mayor.id, 50);
    expect(total).toBe(4);
    expect(items.map((i) => i.action)).toEqual(['decide', 'recordDiscussion', 'decide', 'recordDiscussion']);
    const times = items.map((i) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
    const decide = items[0];
    expect(decide.signed).toEqual({ role: 'chief_executive', organisation: actors.mayor.organisation, office: { appointmentId: expect.any(String), organisation: expect.any(String) } });
    expect(decide.minuted).toBeNull();
    expect(items[1]).toMatchObject({ signed: null, minuted: { presiding: true, chiefExecutive: true, member: { present: true, view: 'agree' } } });
  });

  it('the undertaking unit’s official, page by page: every step signed, once, the same whatever the page size; asked in another case, the same person', async () => {
    const whole = await allPages(actors.unit.id, 200);
    // Registration, draft, applicability and the submission for review, in each decision.
    expect(whole.total).toBe(8);
    expect(whole.items.every((i) => i.signed?.role === 'undertaking_unit' && i.minuted === null)).toBe(true);
    const byThree = await allPages(actors.unit.id, 3);
    expect(byThree.pages).toBe(3);
    expect(byThree.items).toEqual(whole.items);
    const upper = (await ask(actors.unit.id.toUpperCase()).expect(200)).body as AccountabilityPage;
    expect(upper.knownAs).toEqual([actors.unit.id]);
    expect(upper.items).toEqual(whole.items);
  });

  it('answers only from the decisions the caller sees: another province’s inspector finds nothing, as for someone who did nothing', async () => {
    expect((await ask(actors.mayor.id, 'i-js').expect(200)).body).toEqual({ personId: actors.mayor.id, knownAs: [actors.mayor.id], items: [], total: 0, nextCursor: null });
    expect((await ask('nobody-at-all').expect(200)).body).toMatchObject({ items: [], total: 0 });
  });

  it('refuses a text that is no person’s id, a page size out of range and a cursor it did not make, each naming the parameter', async () => {
    for (const bad of ['u zhang', 'u-zhang\u200b', 'ｕ-zhang']) expect((await ask(bad).expect(400)).body.message.join('')).toMatch(/^personId：不是人员编号/);
    expect((await ask('m-3', PERSON, { pageSize: 0 }).expect(400)).body.message.join('')).toMatch(/^pageSize：必须是 1 至 200 之间的整数/);
    expect((await ask('m-3', PERSON, { cursor: 'not-a-cursor' }).expect(400)).body.message.join('')).toMatch(/^cursor：不是上一页返回的 nextCursor/);
    for (const seq of [-1, 2 ** 31, Number.MAX_SAFE_INTEGER]) {
      expect((await ask('m-3', PERSON, { cursor: Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'X', seq])).toString('base64url') }).expect(400)).body.message.join('')).toMatch(/^cursor：不是上一页返回的 nextCursor/);
    }
  });
});
