import { Client } from 'pg';
import { createTestDatabase } from '../support/db';

/**
 * Who an expert panel names, and which starts name a person's unit as co-unit, are asked on every scope check
 * (apps/api/src/authority/scope.service.ts: `where`, `mayUpload`): with the indexes (migrations 20261204200000 and
 * 20261204220000) they are lookups, not scans of every step of every decision. The predicates here are the
 * service's, as written there.
 */
describe('the indexes of who reads a decision besides its offices', () => {
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

  it('answers "which starts name one of these units as co-unit" from the index', async () => {
    await client.query('SET enable_seqscan = off');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT decision_id FROM decision_steps WHERE action = 'decideToStart' AND jsonb_typeof(payload -> 'coUnits') = 'array' AND payload -> 'coUnits' ?| $1::text[]`,
      [['hz-jyj', 'hz-czj']],
    );
    expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('decision_steps_co_units_idx');
  });
});
