import { Client } from 'pg';
import type { AuthorityService } from '../../apps/api/src/authority/authority.service';
import { ScopeService, standingAsNamed } from '../../apps/api/src/authority/scope.service';
import type { PrismaClient } from '../../libs/db/prisma';
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

  it("counts a scope's decisions from the indexes of each of its arms, reading no table whole", async () => {
    const condition = new ScopeService({} as PrismaClient, {} as AuthorityService).sqlCondition({ governments: ['js'], units: ['hz-jtj'], personId: 'u-zhang' });
    await client.query('ANALYZE');
    await client.query('SET enable_seqscan = off');
    for (const statement of [
      `SELECT d.phase, count(*) FROM decisions d WHERE ${condition.text} GROUP BY d.phase`,
      `SELECT count(*) FROM decision_steps WHERE decision_id IN (SELECT d.id FROM decisions d WHERE ${condition.text}) AND at >= now() - interval '1 year'`,
    ]) {
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${statement}`, condition.values);
      // Neither a scan of a whole table nor one of a whole index filtered by a subquery (an OR that no index serves).
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).not.toMatch(/Seq Scan|SubPlan/);
    }
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

/** A person's standing offices by id in any case (standingAsNamed, apps/api/src/authority/scope.service.ts). */
describe('the offices of a person named in any case', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(`INSERT INTO organisations (id, name, kind, endorsed_by, endorsement) VALUES ('hz-jtj', '杭州市交通运输局', 'department', 'k', 'e')`);
    const appoint = (id: string, person: string, role: string, from: string, to: string, ended: string | null = null) =>
      client.query(
        `INSERT INTO appointments (id, person_id, person_name, role, organisation_id, valid_from, valid_to, ended_at, endorsed_by, endorsement) VALUES ($1, $2, '张', $3, 'hz-jtj', $4, $5, $6, 'k', 'e')`,
        [id, person, role, from, to, ended],
      );
    await appoint('ap-1', 'u-zhang', 'undertaking_unit', '2026-01-01', '2027-01-01');
    await appoint('ap-2', 'uXzhang', 'undertaking_unit', '2026-01-01', '2027-01-01'); // not u_zhang: `_` is no wildcard here
    await appoint('ap-3', 'U-Zhang', 'undertaking_unit', '2026-01-01', '2027-01-01', '2026-06-01'); // ended before
    await appoint('ap-4', 'u-zhang', 'chief_executive', '2026-01-01', '2027-01-01');
    await appoint('ap-5', 'u-zhang', 'undertaking_unit', '2027-01-01', '2028-01-01'); // not yet
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  const ask = async (ids: string[], roles?: string[]) => {
    const q = standingAsNamed(ids, new Date('2026-12-05T00:00:00Z'), roles);
    return (await client.query<{ asked: string; role: string }>(`${q.text} ORDER BY 1, 2`, q.values)).rows.map((r) => `${r.asked}:${r.role}`);
  };

  it('finds the offices standing then, in any case, each with the id it was asked for; `_` and `%` match only themselves', async () => {
    expect(await ask(['U-ZHANG'])).toEqual(['U-ZHANG:chief_executive', 'U-ZHANG:undertaking_unit']);
    expect(await ask(['U-ZHANG'], ['undertaking_unit'])).toEqual(['U-ZHANG:undertaking_unit']);
    expect(await ask(['u_zhang', 'u%'])).toEqual([]);
    expect(await ask(['uxzhang', 'nobody'])).toEqual(['uxzhang:undertaking_unit']);
  });

  it('answers from the index on lower(person_id)', async () => {
    await client.query('ANALYZE appointments');
    await client.query('SET enable_seqscan = off');
    const q = standingAsNamed(['U-ZHANG'], new Date('2026-12-05T00:00:00Z'), ['undertaking_unit']);
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${q.text}`, q.values);
    expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('appointments_person_id_lower_idx');
  });
});
