import { Client } from 'pg';
import { createTestDatabase } from '../support/db';

/**
 * Who an expert panel names is asked on every scope check (apps/api/src/authority/scope.service.ts: `where`,
 * `mayUpload`): with the index (migration 20261204200000) that is a lookup, not a scan of every step of every
 * decision. The predicate here is the service's, as written there.
 */
describe('the expert panel index', () => {
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

  it('answers "which panels name this person" from the index', async () => {
    await client.query('ANALYZE decision_steps');
    await client.query('SET enable_seqscan = off');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT EXISTS (SELECT 1 FROM decision_steps WHERE action = 'appointExpertPanel' AND payload -> 'experts' @> $1::jsonb) AS named`,
      [JSON.stringify([{ id: 'e-wang' }])],
    );
    expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('decision_steps_panel_experts_idx');
  });
});
