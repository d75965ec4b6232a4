import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrismaClient, type PrismaClient } from '../../libs/db/prisma';
import { checkpointNow, proveConsistency, proveInclusions } from '../../libs/record/log-store';
import { leafHash, MerkleTree } from '../../libs/record/merkle';
import type { SealKey } from '../../libs/record/seal';
import { generateSigningKey, keyIdOf } from '../../libs/record/signatures';
import { PROJECT_ROOT } from '../../infra/paths';
import { ownerDatabase, shadowedAs } from '../support/db';

/**
 * The log's tree is kept in PostgreSQL (log_nodes, by a trigger on log_leaves: migration 20261206190000), not in each
 * process's memory: its roots and proofs, read from the nodes, are the tree's own (the tree in memory, RFC 6962's
 * reference here), at every size; the migration's back-fill makes the nodes the trigger makes; and above a leaf
 * removed behind the system's back there is no node, so no root or proof reaches past it.
 */
describe("the log's tree as PostgreSQL keeps it", () => {
  const owner = ownerDatabase();
  let app: PrismaClient;
  const key: SealKey = (() => {
    const k = generateSigningKey('ed25519');
    return { ...k, algorithm: 'ed25519' as const, keyId: keyIdOf('ed25519', k.publicKey) };
  })();
  const reference = new MerkleTree();
  const N = 77;

  beforeAll(async () => {
    // As the application appends them (its role): leaves of two decisions, interleaved.
    app = createPrismaClient(owner.db.appUrl);
    for (let i = 0; i < N; i++) {
      const leaf = leafHash(Buffer.from(`entry ${i}`));
      await app.logLeaf.create({ data: { idx: BigInt(i), decisionId: i % 3 ? 'LOG-A' : 'LOG-B', seq: Math.floor(i / 3) * 2 + (i % 3 ? (i % 3) - 1 : 0), leafHash: leaf.toString('hex') } });
      reference.append(leaf);
    }
  });
  afterAll(() => app?.$disconnect());

  it('answers inclusion and consistency proofs from the stored nodes exactly as the tree in memory, at every size', async () => {
    const leaves = await app.logLeaf.findMany({ orderBy: { idx: 'asc' } });
    for (let m = 1; m <= N; m++) {
      for (const decision of ['LOG-A', 'LOG-B']) {
        const proofs = await proveInclusions(app, decision, m);
        const expected = leaves.filter((l) => l.decisionId === decision && Number(l.idx) < m).map((l) => reference.inclusionProof(Number(l.idx), m).map((h) => h.toString('hex')));
        expect([m, decision, proofs.map((p) => p.proof)]).toEqual([m, decision, expected]);
      }
      for (const first of [1, Math.ceil(m / 2), m]) {
        expect((await proveConsistency(app, first, m))?.proof).toEqual(reference.consistencyProof(first, m).map((h) => h.toString('hex')));
      }
    }
    expect(await proveConsistency(app, 1, N + 1)).toBeUndefined();
  });

  it('signs a checkpoint over the root the tree in memory has', async () => {
    const c = await checkpointNow(app, key);
    expect(c).toMatchObject({ treeSize: N, rootHash: reference.root.toString('hex') });
  });

  it("the migration's back-fill makes the very nodes the trigger made", async () => {
    const made = (await owner.client.query<{ n: string }>("SELECT string_agg(height || ':' || idx || ':' || encode(hash, 'hex'), ',' ORDER BY height, idx) AS n FROM log_nodes")).rows[0].n;
    const sql = readFileSync(join(PROJECT_ROOT, 'prisma/migrations/20261206190000_log_nodes/migration.sql'), 'utf8');
    const backfill = sql.slice(sql.indexOf('DO $$'), sql.indexOf('END;\n$$;', sql.indexOf('DO $$')) + 'END;\n$$;'.length);
    await owner.client.query('BEGIN');
    try {
      await owner.client.query('SET LOCAL session_replication_role = replica');
      await owner.client.query('DELETE FROM log_nodes');
      await owner.client.query(backfill);
      expect((await owner.client.query<{ n: string }>("SELECT string_agg(height || ':' || idx || ':' || encode(hash, 'hex'), ',' ORDER BY height, idx) AS n FROM log_nodes")).rows[0].n).toBe(made);
    } finally {
      await owner.client.query('ROLLBACK');
    }
    expect(made.split(',').length).toBe(38 + 19 + 9 + 4 + 2 + 1); // the complete subtrees over 77 leaves
  });

  it('the application writes no node; above a removed leaf there is none, and no root or proof reaches past it', async () => {
    await expect(app.$executeRaw`INSERT INTO log_nodes (height, idx, hash) VALUES (9, 0, '\\x00')`).rejects.toThrow(/permission denied/);
    await expect(owner.client.query('UPDATE log_nodes SET hash = hash WHERE height = 1 AND idx = 0')).rejects.toThrow(/append-only/);
    // Leaf 78 removed behind the system's back (triggers off) before 79 came: the leaves after it complete no node over it.
    const more = async (i: number) => {
      const leaf = leafHash(Buffer.from(`entry ${i}`));
      await app.logLeaf.create({ data: { idx: BigInt(i), decisionId: 'LOG-C', seq: i, leafHash: leaf.toString('hex') } });
    };
    for (let i = N; i < 79; i++) await more(i);
    await owner.client.query('BEGIN; SET LOCAL session_replication_role = replica; DELETE FROM log_leaves WHERE idx = 78; COMMIT');
    for (let i = 79; i < 96; i++) await more(i);
    await expect(checkpointNow(app, key)).rejects.toThrow(/missing.*no checkpoint signed/);
    expect(await proveInclusions(app, 'LOG-C', 96)).toEqual([]);
    expect(await proveConsistency(app, N, 96)).toBeUndefined();
    // Before the gap, the tree stands as signed.
    expect((await proveInclusions(app, 'LOG-A', N)).length).toBeGreaterThan(0);
    const [{ n }] = (await owner.client.query<{ n: number }>('SELECT count(*)::int AS n FROM log_nodes WHERE height = 1 AND idx = 39')).rows;
    expect(n).toBe(0);
  });

  it("the application's role cannot have the nodes' trigger write elsewhere: a temporary table of the same name is not its", async () => {
    let next = 0;
    const taken = await shadowedAs(owner.client, owner.db.appUrl, 'log_nodes', async (app) => {
      next = Number((await app.query<{ n: string }>('SELECT max(idx) + 1 AS n FROM log_leaves')).rows[0].n);
      for (const i of [next, next + 1]) await app.query('INSERT INTO log_leaves (idx, decision_id, seq, leaf_hash) VALUES ($1, $2, 0, $3)', [i, `LOG-T${i}`, leafHash(Buffer.from(`t ${i}`)).toString('hex')]);
    });
    expect(taken).toEqual({ superuser: false, shadowRows: 0 });
    expect((await owner.client.query('SELECT count(*)::int AS n FROM public.log_nodes WHERE height = 1 AND idx = $1', [Math.floor((next + 1) / 2)])).rows[0].n).toBe(next % 2 === 0 ? 1 : 0);
  });
});
