import { createPrismaClient, type PrismaClient } from '../../libs/db/prisma';
import { checkpointIfDue } from '../../libs/record/log-store';
import { leafHash } from '../../libs/record/merkle';
import type { SealKey } from '../../libs/record/seal';
import { generateSigningKey, keyIdOf } from '../../libs/record/signatures';
import { createTestDatabase } from '../support/db';

/**
 * Several workers each sign checkpoints at their own interval: however they
 * race, one checkpoint per interval, and a new one only once the interval has
 * passed and the log has grown.
 */
let db: { url: string; appUrl: string; drop(): Promise<void> };
const clients: PrismaClient[] = [];
const key: SealKey = (() => {
  const k = generateSigningKey('ed25519');
  return { ...k, algorithm: 'ed25519' as const, keyId: keyIdOf('ed25519', k.publicKey) };
})();

beforeAll(async () => {
  db = await createTestDatabase();
  // Three workers: each its own connection pool.
  for (let i = 0; i < 3; i++) clients.push(createPrismaClient(db.appUrl));
}, 60_000);
afterAll(async () => {
  for (const c of clients) await c.$disconnect();
  await db?.drop();
});

const addLeaves = async (from: number, n: number) => {
  for (let i = from; i < from + n; i++) await clients[0].logLeaf.create({ data: { idx: BigInt(i), decisionId: 'RACE-1', seq: i, leafHash: leafHash(Buffer.from(`entry ${i}`)).toString('hex') } });
};

it('workers racing for the same interval sign one checkpoint between them', async () => {
  await addLeaves(0, 5);
  const interval = 60_000;
  const t0 = new Date('2026-11-25T10:00:00Z');
  const first = await Promise.all(clients.flatMap((c) => [checkpointIfDue(c, key, interval, t0), checkpointIfDue(c, key, interval, t0)]));
  expect(first.filter(Boolean)).toHaveLength(1);
  await addLeaves(5, 2);
  // Within the interval: none, though the log grew.
  const soon = await Promise.all(clients.map((c) => checkpointIfDue(c, key, interval, new Date(t0.getTime() + 20_000))));
  expect(soon.filter(Boolean)).toHaveLength(0);
  // Past it: one again, over the grown log.
  const later = await Promise.all(clients.map((c) => checkpointIfDue(c, key, interval, new Date(t0.getTime() + 61_000))));
  expect(later.filter(Boolean).map((c) => c!.treeSize)).toEqual([7]);
  const all = await clients[0].logCheckpoint.findMany({ orderBy: { treeSize: 'asc' } });
  expect(all.map((c) => Number(c.treeSize))).toEqual([5, 7]);
});
