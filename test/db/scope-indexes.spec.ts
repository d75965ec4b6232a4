import type { AuthorityService } from '../../apps/api/src/authority/authority.service';
import { partsOf } from '../../apps/api/src/accountability/accountability.service';
import { ScopeService, standingAsNamed } from '../../apps/api/src/authority/scope.service';
import type { PrismaClient } from '../../libs/db/prisma';
import { ownerDatabase, planOf } from '../support/db';

/**
 * Who an expert panel names, and which starts name a person's unit as co-unit, are asked on every scope check
 * (apps/api/src/authority/scope.service.ts: `where`, `mayUpload`): with the indexes (migrations 20261204200000 and
 * 20261204220000) they are lookups, not scans of every step of every decision. The predicates here are the
 * service's, as written there.
 */
describe('the indexes of who reads a decision besides its offices', () => {
  const owner = ownerDatabase();
  beforeAll(async () => {
    await owner.client.query('ANALYZE');
    await owner.client.query('SET enable_seqscan = off');
  });

  it('answers "which panels name this person" from the index', async () => {
    const plan = await planOf(owner.client, `SELECT EXISTS (SELECT 1 FROM decision_steps WHERE action = 'appointExpertPanel' AND payload -> 'experts' @> $1::jsonb) AS named`, [
      JSON.stringify([{ id: 'e-wang' }]),
    ]);
    expect(plan).toContain('decision_steps_panel_experts_idx');
  });

  it("counts a scope's decisions from the indexes of each of its arms, reading no table whole", async () => {
    const condition = new ScopeService({} as PrismaClient, {} as AuthorityService).sqlCondition({ governments: ['js'], units: ['hz-jtj'], personId: 'u-zhang' });
    for (const statement of [
      `SELECT d.phase, count(*) FROM decisions d WHERE ${condition.text} GROUP BY d.phase`,
      `SELECT count(*) FROM decision_steps WHERE decision_id IN (SELECT d.id FROM decisions d WHERE ${condition.text}) AND at >= now() - interval '1 year'`,
    ]) {
      // Neither a scan of a whole table nor one of a whole index filtered by a subquery (an OR that no index serves).
      expect(await planOf(owner.client, statement, condition.values)).not.toMatch(/Seq Scan|SubPlan/);
    }
  });

  it('answers "which starts name one of these units as co-unit" from the index', async () => {
    const plan = await planOf(owner.client, `SELECT decision_id FROM decision_steps WHERE action = 'decideToStart' AND jsonb_typeof(payload -> 'coUnits') = 'array' AND payload -> 'coUnits' ?| $1::text[]`, [
      ['hz-jyj', 'hz-czj'],
    ]);
    expect(plan).toContain('decision_steps_co_units_idx');
  });
});

/** 责任倒查 (apps/api/src/accountability): what a person signed, and the minutes that name them (migration 20261207200000). */
describe('the indexes of a person’s part in the record', () => {
  const owner = ownerDatabase();
  beforeAll(async () => {
    await owner.client.query('ANALYZE');
    await owner.client.query('SET enable_seqscan = off');
  });

  it('finds the steps signed and the minutes naming the person each from its index, reading no table whole', async () => {
    const parts = partsOf(['m-3', 'M-3'], ['m-3']);
    const plan = await planOf(owner.client, parts.text, parts.values);
    expect(plan).toContain('decision_steps_actor_id_idx');
    expect(plan).toContain('decision_steps_minuted_people_idx');
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it('reads the people of any payload without an error (the index is computed as each step is written): members and chair, lower-cased, nothing else', async () => {
    const people = async (payload: unknown) => (await owner.client.query<{ p: string[] | null }>('SELECT "minuted_people"($1::jsonb) AS p', [JSON.stringify(payload)])).rows[0].p;
    expect((await people({ meeting: { presidingId: 'M-1' }, members: [{ id: 'm-1' }, { id: 'M-3', present: true }, { id: 'm-4' }] }))!.sort()).toEqual(['m-1', 'm-3', 'm-4']);
    for (const odd of [{}, { members: 'm-1' }, { members: [1, null, 'm-1', [{ id: 'x' }], { id: 7 }, { name: 'no id' }] }, { meeting: ['m-1'] }, { meeting: { presidingId: 5 } }, [], 'text', 3, null]) {
      expect(await people(odd)).toEqual([]);
    }
  });
});

/** A person's standing offices by id in any case (standingAsNamed, apps/api/src/authority/scope.service.ts). */
describe('the offices of a person named in any case', () => {
  const owner = ownerDatabase();
  const at = new Date('2026-12-05T00:00:00Z');
  beforeAll(async () => {
    await owner.client.query(`INSERT INTO organisations (id, name, kind, endorsed_by, endorsement) VALUES ('hz-jtj', '杭州市交通运输局', 'department', 'k', 'e')`);
    const appoint = (id: string, person: string, role: string, from: string, to: string, ended: string | null = null) =>
      owner.client.query(
        `INSERT INTO appointments (id, person_id, person_name, role, organisation_id, valid_from, valid_to, ended_at, endorsed_by, endorsement) VALUES ($1, $2, '张', $3, 'hz-jtj', $4, $5, $6, 'k', 'e')`,
        [id, person, role, from, to, ended],
      );
    await appoint('ap-1', 'u-zhang', 'undertaking_unit', '2026-01-01', '2027-01-01');
    await appoint('ap-2', 'uXzhang', 'undertaking_unit', '2026-01-01', '2027-01-01'); // not u_zhang: `_` is no wildcard here
    await appoint('ap-3', 'U-Zhang', 'undertaking_unit', '2026-01-01', '2027-01-01', '2026-06-01'); // ended before
    await appoint('ap-4', 'u-zhang', 'chief_executive', '2026-01-01', '2027-01-01');
    await appoint('ap-5', 'u-zhang', 'undertaking_unit', '2027-01-01', '2028-01-01'); // not yet
  });

  const ask = async (ids: string[], roles?: string[]) => {
    const q = standingAsNamed(ids, at, roles);
    return (await owner.client.query<{ asked: string; role: string }>(`${q.text} ORDER BY 1, 2`, q.values)).rows.map((r) => `${r.asked}:${r.role}`);
  };

  it('finds the offices standing then, in any case, each with the id it was asked for; `_` and `%` match only themselves', async () => {
    expect(await ask(['U-ZHANG'])).toEqual(['U-ZHANG:chief_executive', 'U-ZHANG:undertaking_unit']);
    expect(await ask(['U-ZHANG'], ['undertaking_unit'])).toEqual(['U-ZHANG:undertaking_unit']);
    expect(await ask(['u_zhang', 'u%'])).toEqual([]);
    expect(await ask(['uxzhang', 'nobody'])).toEqual(['uxzhang:undertaking_unit']);
  });

  it('answers from the index on lower(person_id)', async () => {
    await owner.client.query('ANALYZE appointments');
    await owner.client.query('SET enable_seqscan = off');
    const q = standingAsNamed(['U-ZHANG'], at, ['undertaking_unit']);
    expect(await planOf(owner.client, q.text, q.values)).toContain('appointments_person_id_lower_idx');
  });
});
