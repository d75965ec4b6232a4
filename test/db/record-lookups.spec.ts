import { createHash } from 'node:crypto';
import { lastStepInOffice, type AuthorityService } from '../../apps/api/src/authority/authority.service';
import { ScopeService } from '../../apps/api/src/authority/scope.service';
import { namesDocument } from '../../apps/api/src/documents/document-access.service';
import { publishedRows } from '../../apps/api/src/portal/published.service';
import { StatisticsService } from '../../apps/api/src/statistics/statistics.service';
import { createPrismaClient } from '../../libs/db/prisma';
import { ownerDatabase, planOf } from '../support/db';

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
});
