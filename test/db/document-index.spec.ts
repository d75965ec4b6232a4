import { Client } from 'pg';
import { namesDocument } from '../../apps/api/src/documents/document-access.service';
import { createTestDatabase } from '../support/db';

/**
 * Which steps name a document is asked on every read of a document, by anyone at /public-documents
 * (apps/api/src/documents/document-access.service.ts): with the index over step_document_hashes (migration
 * 20261206090000) it is a lookup, not a walk through every payload of every decision. The predicate is the service's own.
 */
describe('the index of the documents a step names', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

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
    const { rows } = await client.query<{ hashes: string[] }>('SELECT step_document_hashes($1::jsonb) AS hashes', [JSON.stringify(payload)]);
    expect([...rows[0].hashes].sort()).toEqual([sha, sha, sm3].sort());
  });

  it("answers the service's question from the index", async () => {
    const named = namesDocument(sha);
    await client.query('ANALYZE decision_steps');
    await client.query('SET enable_seqscan = off');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT s.decision_id, s.seq FROM decision_steps s WHERE ${named.text}`, named.values);
    expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('decision_steps_documents_idx');
  });
});
