import { Client as Pg } from 'pg';
import { actors } from '../support/procedure';
import { PERSON, REGISTRAR } from '../support/auth';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';

/**
 * GET /decisions over HTTP against the real system. Two decisions are
 * registered (and one withdrawn) through the API and the worker; the rest are
 * rows written straight into the decisions table with no workflow behind them,
 * which the list shows all the same: it reads PostgreSQL only.
 */
describe('GET /decisions, end to end', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let pg: Pg;
  let unitKey: TestKey;
  const http = () => system.as(PERSON);
  const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

  /** The oracle: the same question asked of PostgreSQL directly. */
  async function expectedIds(where = 'TRUE', params: unknown[] = []): Promise<string[]> {
    const { rows } = await pg.query<{ id: string }>(`SELECT id FROM decisions WHERE ${where} ORDER BY registered_at DESC, id DESC`, params);
    return rows.map((r) => r.id);
  }

  /** Every page, following nextCursor; checks each page's shape on the way. */
  async function allPages(query: Record<string, string>): Promise<{ ids: string[]; pages: number[]; total: number }> {
    const ids: string[] = [];
    const pages: number[] = [];
    let cursor: string | undefined;
    let total = -1;
    for (;;) {
      const res = await http()
        .get('/decisions')
        .query({ ...query, ...(cursor && { cursor }) })
        .expect(200);
      if (total >= 0) expect(res.body.total).toBe(total);
      total = res.body.total;
      ids.push(...res.body.items.map((i: { id: string }) => i.id));
      pages.push(res.body.items.length);
      if (!res.body.nextCursor) return { ids, pages, total };
      cursor = res.body.nextCursor;
      if (pages.length > 50) throw new Error('the cursor does not end');
    }
  }

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    pg = new Pg({ connectionString: system.db.url });
    await pg.connect();
    await http()
      .post('/catalog-items')
      .send({ ref: '2026-目录-07', year: 2026, title: '城市公共交通票价调整', organ: '某市人民政府', partyConsentRef: '市委常委会2026年第3次会议同意' })
      .expect(201);
    const key = newKey('ed25519');
    const res = await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201);
    unitKey = { ...key, keyId: res.body.keyId };

    // Two decisions through the API and the worker; the second withdrawn by a signed step.
    for (const id of ['LIVE-1', 'LIVE-2']) {
      const fields = { id, title: `关于调整城市公共交通票价的决定 ${id}`, undertakingDepartment: actors.unit.organisation, catalogRef: '2026-目录-07', legalBasis: ['《重大行政决策程序暂行条例》第三条'] };
      await system.as(actors.unit.id).post('/decisions').send(signedRegistration(fields, actors.unit, unitKey)).expect(201);
    }
    // A catalogued matter is withdrawn by the organ's chief executive (Arts. 3, 11).
    const withdraw = { action: 'withdraw', actor: actors.mayor, payload: { reason: '政策调整，不再推进 (policy changed)' } } as never;
    await system.as(actors.mayor.id).post('/decisions/LIVE-2/steps').send(signedStep('LIVE-2', withdraw, await system.keyOf(actors.mayor.id), 'live-2-withdraw')).expect(201);

    // 45 more rows, as the projection would hold them, across two years (China Standard Time),
    // three departments, every phase, some overdue; four registered in the same millisecond.
    const phases = ['drafting', 'consultation', 'legality_review', 'discussion', 'decided', 'published', 'execution', 'closed'];
    const depts = ['hz-czj', 'hz-jyj', 'hz-jtj'];
    const rows: unknown[][] = [];
    for (let i = 0; i < 39; i++) {
      const at = new Date(Date.UTC(2025, 0, 1) + i * 17 * 86_400_000 + i * 1000); // 2025-01-01 … 2026-10
      rows.push([`ROW-${String(i).padStart(2, '0')}`, depts[i % 3], phases[i % phases.length], i % 5 === 0, at]);
    }
    for (const n of [1, 2, 3, 4]) rows.push([`TIE-${n}`, 'hz-czj', 'discussion', false, new Date('2026-06-01T02:00:00.123Z')]);
    // Either side of midnight on 1 January 2026 in Beijing: 2025 and 2026.
    rows.push(['EVE-2025', 'hz-jyj', 'drafting', false, new Date('2025-12-31T15:59:59.999Z')]);
    rows.push(['DAWN-2026', 'hz-jyj', 'drafting', false, new Date('2025-12-31T16:00:00.000Z')]);
    for (const [id, dept, phase, overdue, at] of rows) {
      await pg.query(
        // Hangzhou's decisions, as registrations now record whose they are: the reader (an inspector of Zhejiang) sees them.
        `INSERT INTO decisions (id, title, undertaking_department, catalog_ref, legal_basis, profile, workflow_id, run_id, registered_at, phase, hold, overdue, updated_at, government_id)
         VALUES ($1, $1, $2, '2026-目录-07', ARRAY['条例第三条'], 'national', $1, 'no-run', $5, $3, 'none', $4, $5, 'hz')`,
        [id, dept, phase, overdue, at],
      );
    }
  });

  afterAll(async () => {
    await pg?.end();
    await system?.close();
  });

  it('lists the registered decisions with the phase and hold their workflows mirror, dates in ISO 8601', async () => {
    const res = await http().get('/decisions').query({ department: actors.unit.organisation, year: '2026', phase: 'closed' }).expect(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual(await expectedIds(`undertaking_department = $1 AND phase = 'closed' AND registered_at >= '2026-01-01T00:00:00+08'`, [actors.unit.organisation]));
    const live = res.body.items.find((i: { id: string }) => i.id === 'LIVE-2');
    expect(live).toEqual({
      id: 'LIVE-2',
      title: '关于调整城市公共交通票价的决定 LIVE-2',
      undertakingDepartment: 'hz-jtj',
      catalogRef: '2026-目录-07',
      profile: 'national',
      phase: 'closed',
      hold: 'none',
      overdue: false,
      registeredAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
    });
    const drafting = await http().get('/decisions').query({ phase: 'drafting', department: 'hz-jtj', year: '2026' }).expect(200);
    expect(drafting.body.items[0]).toMatchObject({ id: 'LIVE-1', phase: 'drafting', hold: 'none', overdue: false });
  });

  it.each([
    [{}, 'TRUE', []],
    [{ phase: 'discussion' }, `phase = 'discussion'`, []],
    [{ department: 'hz-jyj' }, 'undertaking_department = $1', ['hz-jyj']],
    [{ overdue: 'true' }, 'overdue', []],
    [{ overdue: 'false' }, 'NOT overdue', []],
    [{ year: '2025' }, `registered_at >= '2025-01-01T00:00:00+08' AND registered_at < '2026-01-01T00:00:00+08'`, []],
    [{ year: '2026', department: 'hz-czj', overdue: 'false' }, `registered_at >= '2026-01-01T00:00:00+08' AND registered_at < '2027-01-01T00:00:00+08' AND undertaking_department = $1 AND NOT overdue`, ['hz-czj']],
    [{ phase: 'execution', overdue: 'true' }, `phase = 'execution' AND overdue`, []],
    [{ year: '2031' }, 'FALSE', []],
  ])('filters %j: the same decisions, in the same order, as PostgreSQL', async (query, where, params) => {
    const expected = await expectedIds(where, params);
    const res = await http()
      .get('/decisions')
      .query({ ...query, pageSize: '100' })
      .expect(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual(expected);
    expect(res.body).toMatchObject({ total: expected.length, pageSize: 100, page: 1, nextCursor: null });
  });

  it('the year is the year in Beijing: a decision registered at 00:00 on 1 January counts to the new year', async () => {
    const ids = async (year: string) => (await http().get('/decisions').query({ year, department: 'hz-jyj', pageSize: '100' }).expect(200)).body.items.map((i: { id: string }) => i.id);
    expect(await ids('2025')).toContain('EVE-2025');
    expect(await ids('2025')).not.toContain('DAWN-2026');
    expect(await ids('2026')).toContain('DAWN-2026');
  });

  it('pages by cursor, 20 a page by default, newest first: every decision once, ties broken by id', async () => {
    const expected = await expectedIds();
    expect(expected).toHaveLength(47);
    const { ids, pages, total } = await allPages({});
    expect(pages).toEqual([20, 20, 7]);
    expect(total).toBe(47);
    expect(ids).toEqual(expected);
    expect(ids.filter((id) => id.startsWith('TIE-'))).toEqual(['TIE-4', 'TIE-3', 'TIE-2', 'TIE-1']);

    const tied = await allPages({ phase: 'discussion', pageSize: '2' }); // a page boundary inside the tie
    expect(tied.ids).toEqual(await expectedIds(`phase = 'discussion'`));
    expect(tied.pages.every((n) => n <= 2)).toBe(true);
  });

  it('pages by page number: the same pages, and past the end an empty page with the total', async () => {
    const byCursor = await allPages({ pageSize: '20' });
    for (const page of [1, 2, 3]) {
      const res = await http().get('/decisions').query({ page: String(page) }).expect(200);
      expect(res.body.items.map((i: { id: string }) => i.id)).toEqual(byCursor.ids.slice((page - 1) * 20, page * 20));
      expect(res.body).toMatchObject({ page, pageSize: 20, total: 47 });
      expect(res.body.nextCursor === null).toBe(page === 3);
    }
    expect((await http().get('/decisions').query({ page: '4' }).expect(200)).body).toEqual({ items: [], total: 47, pageSize: 20, page: 4, nextCursor: null });
    expect((await http().get('/decisions').query({ pageSize: '100' }).expect(200)).body.items).toHaveLength(47);
  });

  it('a cursor keeps its place while newer decisions are registered', async () => {
    const first = await http().get('/decisions').query({ pageSize: '10' }).expect(200);
    await pg.query(
      `INSERT INTO decisions (id, title, undertaking_department, catalog_ref, legal_basis, profile, workflow_id, run_id, phase, government_id)
       VALUES ('NEWER-1', 'NEWER-1', 'hz-czj', '2026-目录-07', ARRAY['条例第三条'], 'national', 'NEWER-1', 'no-run', 'drafting', 'hz')`,
    );
    try {
      const second = await http().get('/decisions').query({ pageSize: '10', cursor: first.body.nextCursor }).expect(200);
      const all = await expectedIds();
      expect(all[0]).toBe('NEWER-1');
      expect(second.body.items.map((i: { id: string }) => i.id)).toEqual(all.slice(11, 21));
      expect(second.body.total).toBe(48);
    } finally {
      await pg.query(`DELETE FROM decisions WHERE id = 'NEWER-1'`);
    }
  });

  it('refuses bad filters and paging with 400 naming the parameter, Chinese first', async () => {
    const bad = async (query: Record<string, string>) => (await http().get('/decisions').query(query).expect(400)).body;
    expect(await bad({ phase: 'voting' })).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: [expect.stringMatching(/^phase：必须是以下之一 drafting, .*, closed（phase must be one of drafting, .*, closed）$/)],
    });
    expect((await bad({ overdue: 'maybe' })).message).toEqual(['overdue：必须是 true 或 false（overdue must be true or false）']);
    expect((await bad({ year: 'last' })).message).toEqual([expect.stringMatching(/^year：.*（year must be/)]);
    expect((await bad({ pageSize: '101' })).message).toEqual(['pageSize：必须是 1 至 100 之间的整数（pageSize must be a whole number from 1 to 100）']);
    expect((await bad({ page: '99999999999' })).message).toEqual(['page：必须是 1 至 1000000 的整数（page must be a whole number from 1 to 1000000）']);
    expect((await bad({ page: '0' })).message).toEqual(['page：必须是 1 至 1000000 的整数（page must be a whole number from 1 to 1000000）']);
    expect((await bad({ cursor: 'bm90IGEgY3Vyc29y' })).message).toEqual([expect.stringMatching(/^cursor：/)]);
    // Well formed, but at a time no decision was registered (year 0 PostgreSQL cannot even read).
    for (const at of ['0000-01-01T00:00:00.000Z', '1999-12-31T23:59:59.999Z']) {
      const cursor = Buffer.from(JSON.stringify([at, 'X-1']), 'utf8').toString('base64url');
      expect((await bad({ cursor })).message).toEqual([expect.stringMatching(/^cursor：不是上一页返回的 nextCursor/)]);
    }
    expect((await bad({ phase: 'drafting', department: '' })).message).toEqual(['department：不得为空（department must not be empty）']);
  });
});
