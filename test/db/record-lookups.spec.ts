import { createHash } from 'node:crypto';
import { lastStepInOffice, type AuthorityService } from '../../apps/api/src/authority/authority.service';
import { ScopeService } from '../../apps/api/src/authority/scope.service';
import { namesDocument } from '../../apps/api/src/documents/document-access.service';
import { publishedRows } from '../../apps/api/src/portal/published.service';
import { StatisticsService } from '../../apps/api/src/statistics/statistics.service';
import { createPrismaClient } from '../../libs/db/prisma';
import { ownerDatabase, planOf, shadowedAs } from '../support/db';

/**
 * Questions the API asks of the whole record, answered from an index, not by reading every step of every decision.
 * Each statement or predicate is the service's own.
 * - Which steps name a document: on every read of a document, by anyone at /public-documents
 *   (apps/api/src/documents/document-access.service.ts), from the index over step_document_hashes (migration 20261206090000).
 * - When a step was last taken in an office: on ending an appointment, under the log's lock that holds up every
 *   append meanwhile (apps/api/src/authority/authority.service.ts), from the signer's index.
 * - Which decisions are published: the public list (apps/api/src/portal/published.service.ts), rebuilt every few
 *   seconds, from a partial index of the decisions the record's trigger marks when it takes a publication step.
 */
describe('lookups in the record', () => {
  const owner = ownerDatabase();

  const sha = 'sha256:' + 'ab'.repeat(32);
  const sm3 = 'sm3:' + '0c'.repeat(32);

  it('lists every hash a payload holds as a string, at any depth, and nothing else', async () => {
    const payload = {
      documentHash: sha,
      materials: [{ hash: sm3, title: '材料' }, [sha]],
      // Not document hashes: a key, a prefix alone, upper case, one digit short, a number, a text naming a hash.
      [sha]: 1,
      note: 'sha256:',
      upper: sha.toUpperCase(),
      short: sha.slice(0, -1),
      n: 42,
      words: `见 ${sha}`,
    };
    const { rows } = await owner.client.query<{ hashes: string[] }>('SELECT step_document_hashes($1::jsonb) AS hashes', [JSON.stringify(payload)]);
    expect([...rows[0].hashes].sort()).toEqual([sha, sha, sm3].sort());
  });

  it("answers the service's question from the index", async () => {
    const named = namesDocument(sha);
    await owner.client.query('ANALYZE decision_steps');
    await owner.client.query('SET enable_seqscan = off');
    expect(await planOf(owner.client, `SELECT s.decision_id, s.seq FROM decision_steps s WHERE ${named.text}`, named.values)).toContain('decision_steps_documents_idx');
  });

  it('answers when a step was last taken in an office from the signer\'s index', async () => {
    const last = lastStepInOffice({ id: 'appt-1', personId: 'p-li' });
    await owner.client.query('SET enable_seqscan = off');
    expect(await planOf(owner.client, last.text, last.values)).toContain('decision_steps_actor_id_idx');
  });

  it('marks a decision published when its record takes a publication through some channel, whatever appends it, and lists the published from their index', async () => {
    const register = (id: string, at: string) =>
      owner.client.query(`INSERT INTO decisions (id, title, undertaking_department, catalog_ref, legal_basis, profile, workflow_id, run_id, registered_at) VALUES ($1, 't', 'hz-jtj', 'c', '{}', 'national', $1, 'r', $2)`, [id, at]);
    // An entry the record's own checks take (its hash, decision and place), appended by a plain INSERT.
    const append = (id: string, action: string, payload: object = {}) => {
      const entry = JSON.stringify({ decisionId: id, seq: 0, prevHash: null, action });
      return owner.client.query(
        `INSERT INTO decision_steps (decision_id, seq, action, actor_id, actor_name, actor_role, actor_organisation, payload, at, phase_after, hold_after, workflow_id, run_id, entry, entry_hash)
         VALUES ($1, 0, $2, 'u', 'u', 'r', 'o', $5, now(), 'published', 'none', $1, 'r', $3, $4)`,
        [id, action, entry, `sha256:${createHash('sha256').update(entry).digest('hex')}`, JSON.stringify(payload)],
      );
    };
    await register('PUB-OLD', '2026-01-01T00:00:00Z');
    await register('PUB-NEW', '2026-06-01T00:00:00Z');
    await register('NOT-PUB', '2026-09-01T00:00:00Z');
    await register('WITHHELD', '2026-10-01T00:00:00Z');
    await append('PUB-OLD', 'publish', { channels: ['市政府网站'] });
    await append('PUB-NEW', 'publish', { channels: ['政府公报'] });
    await append('NOT-PUB', 'submitDraft');
    // Published through no channel: withheld by law (Arts. 14, 32), never on the public list.
    await append('WITHHELD', 'publish', { channels: [] });
    const list = publishedRows(10);
    expect((await owner.client.query<{ id: string }>(list.text, list.values)).rows.map((r) => r.id)).toEqual(['PUB-NEW', 'PUB-OLD']);
    await owner.client.query('ANALYZE decisions');
    await owner.client.query('SET enable_seqscan = off');
    expect(await planOf(owner.client, list.text, list.values)).toContain('decisions_published_idx');

    // The year's figures count the same: published through some channel (the withheld one is not; the tester).
    const prisma = createPrismaClient(owner.db.url);
    try {
      const scopes = Object.assign(new ScopeService(prisma, {} as AuthorityService), { scopeOf: async () => ({ governments: [], units: ['hz-jtj'], personId: 'i-test' }) });
      expect((await new StatisticsService(prisma, scopes).of('i-test')).year.published).toBe(2);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("keeps each decision's figures of a year as its steps are recorded, as counting the year's steps gives them", async () => {
    const register = (id: string) =>
      owner.client.query(`INSERT INTO decisions (id, title, undertaking_department, catalog_ref, legal_basis, profile, workflow_id, run_id) VALUES ($1, 't', 'hz-czj', 'c', '{}', 'national', $1, 'r')`, [id]);
    const prev = new Map<string, { seq: number; hash: string | null }>();
    /** A chained entry (the record's checks take it), at `at`, by a plain INSERT: the trigger is the record's, not a caller's. */
    const append = async (id: string, action: string, at: string, payload: object = {}) => {
      const before = prev.get(id) ?? { seq: -1, hash: null };
      const seq = before.seq + 1;
      const entry = JSON.stringify({ decisionId: id, seq, prevHash: before.hash, action });
      const hash = `sha256:${createHash('sha256').update(entry).digest('hex')}`;
      await owner.client.query(
        `INSERT INTO decision_steps (decision_id, seq, action, actor_id, actor_name, actor_role, actor_organisation, payload, at, phase_after, hold_after, workflow_id, run_id, entry, entry_hash, prev_hash)
         VALUES ($1, $2, $3, 'u', 'u', 'r', 'o', $4, $5, 'x', 'none', $1, 'r', $6, $7, $8)`,
        [id, seq, action, JSON.stringify(payload), at, entry, hash, before.hash],
      );
      prev.set(id, { seq, hash });
    };
    // Reviewed before it was decided; decided without a review; consulted twice, heard twice, assessed twice; published
    // through a channel, withheld, and with no channels said; suspended and adjusted; and steps on either side of the
    // Beijing new year (2026-12-31T16:00Z is midnight there).
    for (const id of ['Y-A', 'Y-B', 'Y-C']) await register(id);
    await append('Y-A', 'register', '2026-03-01T00:00:00Z');
    await append('Y-A', 'openPublicComment', '2026-03-02T00:00:00Z');
    await append('Y-A', 'openPublicComment', '2026-04-02T00:00:00Z');
    await append('Y-A', 'recordHearing', '2026-04-03T00:00:00Z');
    await append('Y-A', 'recordHearing', '2026-04-04T00:00:00Z');
    await append('Y-A', 'appointExpertPanel', '2026-04-05T00:00:00Z');
    await append('Y-A', 'submitRiskAssessment', '2026-04-06T00:00:00Z');
    await append('Y-A', 'submitRiskAssessment', '2026-04-07T00:00:00Z');
    await append('Y-A', 'issueLegalityOpinion', '2026-05-01T00:00:00Z');
    await append('Y-A', 'decide', '2026-06-01T00:00:00Z');
    await append('Y-A', 'publish', '2026-06-02T00:00:00Z', { channels: ['市政府网站'] });
    await append('Y-A', 'suspendExecution', '2026-12-31T15:59:59Z');
    await append('Y-A', 'startAdjustment', '2026-12-31T16:00:00Z');
    await append('Y-B', 'register', '2026-12-31T16:30:00Z');
    await append('Y-B', 'decide', '2027-02-01T00:00:00Z');
    await append('Y-B', 'publish', '2027-02-02T00:00:00Z', { channels: [] });
    await append('Y-C', 'register', '2025-06-01T00:00:00Z');
    await append('Y-C', 'decide', '2026-01-01T00:00:00Z');
    await append('Y-C', 'issueLegalityOpinion', '2026-02-01T00:00:00Z');
    await append('Y-C', 'publish', '2026-02-02T00:00:00Z', {});

    // What the statistics counted from the steps themselves, before the figures were kept (the reference; a publication
    // through a non-empty list of channels, as decisions.published counts it).
    const counted = async (year: number) => {
      const from = new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000);
      const to = new Date(Date.UTC(year + 1, 0, 1) - 8 * 3_600_000);
      const { rows } = await owner.client.query(
        `SELECT
           count(DISTINCT decision_id) FILTER (WHERE action = 'register') AS registered,
           count(DISTINCT decision_id) FILTER (WHERE action = 'decide') AS decided,
           count(DISTINCT decision_id) FILTER (WHERE action = 'decide' AND EXISTS (
             SELECT 1 FROM decision_steps l WHERE l.decision_id = s.decision_id AND l.action = 'issueLegalityOpinion' AND l.seq < s.seq)) AS reviewed,
           count(DISTINCT decision_id) FILTER (WHERE action = 'openPublicComment') AS participation,
           count(*) FILTER (WHERE action = 'recordHearing') AS hearings,
           count(DISTINCT decision_id) FILTER (WHERE action = 'appointExpertPanel') AS experts,
           count(*) FILTER (WHERE action = 'submitRiskAssessment') AS risks,
           count(DISTINCT decision_id) FILTER (WHERE action = 'publish' AND CASE WHEN jsonb_typeof(payload -> 'channels') = 'array' THEN jsonb_array_length(payload -> 'channels') > 0 ELSE false END) AS published,
           count(*) FILTER (WHERE action = 'suspendExecution') AS suspensions,
           count(*) FILTER (WHERE action = 'startAdjustment') AS adjustments
         FROM decision_steps s WHERE decision_id LIKE 'Y-%' AND at >= $1 AND at < $2`,
        [from, to],
      );
      const n = (k: string) => Number(rows[0][k]);
      return { registered: n('registered'), decided: n('decided'), legalityReviewed: n('reviewed'), publicParticipation: n('participation'), hearings: n('hearings'), expertArgumentation: n('experts'), riskAssessments: n('risks'), published: n('published'), suspensions: n('suspensions'), adjustments: n('adjustments') };
    };
    const prisma = createPrismaClient(owner.db.url);
    try {
      const scopes = Object.assign(new ScopeService(prisma, {} as AuthorityService), { scopeOf: async () => ({ governments: [], units: ['hz-czj'], personId: 'i-test' }) });
      const statistics = new StatisticsService(prisma, scopes);
      for (const year of [2025, 2026, 2027]) {
        const reference = await counted(year);
        expect([year, (await statistics.of('i-test', { year })).year]).toEqual([year, expect.objectContaining(reference)]);
      }
      expect(await counted(2026)).toEqual({ registered: 1, decided: 2, legalityReviewed: 1, publicParticipation: 1, hearings: 2, expertArgumentation: 1, riskAssessments: 2, published: 1, suspensions: 1, adjustments: 0 });
      expect((await counted(2027)).adjustments).toBe(1);
    } finally {
      await prisma.$disconnect();
    }
    // The application's role reads the figures and writes none.
    const app = await owner.client.query<{ insert: boolean; update: boolean; select: boolean }>(
      `SELECT has_table_privilege('decision_app', 'decision_year_figures', 'INSERT') AS insert, has_table_privilege('decision_app', 'decision_year_figures', 'UPDATE') AS update, has_table_privilege('decision_app', 'decision_year_figures', 'SELECT') AS select`,
    );
    expect(app.rows[0]).toEqual({ insert: false, update: false, select: true });
  });

  it("the application's role cannot have the figures' trigger write elsewhere: a temporary table of the same name is not its", async () => {
    const entry = JSON.stringify({ decisionId: 'SHADOW-1', seq: 0, prevHash: null, action: 'register' });
    const hashOf = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
    const taken = await shadowedAs(owner.client, owner.db.appUrl, 'decision_year_figures', async (app) => {
      await app.query(`INSERT INTO decisions (id, title, undertaking_department, catalog_ref, legal_basis, profile, workflow_id, run_id) VALUES ('SHADOW-1', 't', 'hz-czj', 'c', '{}', 'national', 'SHADOW-1', 'r')`);
      await app.query(
        `INSERT INTO decision_steps (decision_id, seq, action, actor_id, actor_name, actor_role, actor_organisation, payload, at, phase_after, hold_after, workflow_id, run_id, entry, entry_hash)
         VALUES ('SHADOW-1', 0, 'register', 'u', 'u', 'r', 'o', '{}', '2026-05-01T00:00:00Z', 'x', 'none', 'SHADOW-1', 'r', $1, $2)`,
        [entry, hashOf(entry)],
      );
    });
    expect(taken).toEqual({ superuser: false, shadowRows: 0 });
    expect((await owner.client.query("SELECT year, registered FROM public.decision_year_figures WHERE decision_id = 'SHADOW-1'")).rows).toEqual([{ year: 2026, registered: true }]);
    // A step of no year is recorded all the same (the trigger keeps no figures for it rather than refuse it).
    const second = JSON.stringify({ decisionId: 'SHADOW-1', seq: 1, prevHash: hashOf(entry), action: 'decide' });
    await owner.client.query(
      `INSERT INTO decision_steps (decision_id, seq, action, actor_id, actor_name, actor_role, actor_organisation, payload, at, phase_after, hold_after, workflow_id, run_id, entry, entry_hash, prev_hash)
       VALUES ('SHADOW-1', 1, 'decide', 'u', 'u', 'r', 'o', '{}', 'infinity', 'x', 'none', 'SHADOW-1', 'r', $1, $2, $3)`,
      [second, hashOf(second), hashOf(entry)],
    );
  });
});
