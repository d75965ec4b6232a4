import type { PrismaClient } from '../db/prisma';
import { MerkleTree } from './merkle';
import { signCheckpoint, type Checkpoint, type SealKey } from './seal';

/**
 * The global log as PostgreSQL keeps it: leaves in log_leaves (appended by
 * recordStep, one at a time under an advisory lock, so leaf order is commit
 * order), signed checkpoints in log_checkpoints.
 */
export const LOG_APPEND_LOCK = 7_132_019;
/** Held while a worker decides whether a checkpoint is due and signs it. */
export const CHECKPOINT_LOCK = 7_132_020;

/**
 * The log's tree, kept in memory per database client and brought up to date
 * by reading only the leaves appended since: leaves never change, so neither
 * do the nodes over them. One read of the whole log when a process first
 * needs it, then a few rows per request.
 */
const trees = new WeakMap<PrismaClient, { tree: MerkleTree; syncing: Promise<unknown> }>();
const READ_BATCH = 50_000;

async function logTree(prisma: PrismaClient): Promise<MerkleTree> {
  let cached = trees.get(prisma);
  if (!cached) trees.set(prisma, (cached = { tree: new MerkleTree(), syncing: Promise.resolve() }));
  const { tree } = cached;
  // One reader at a time appends, so no leaf is appended twice.
  const sync = cached.syncing.then(async () => {
    for (;;) {
      const rows = await prisma.logLeaf.findMany({ select: { idx: true, leafHash: true }, where: { idx: { gte: BigInt(tree.size) } }, orderBy: { idx: 'asc' }, take: READ_BATCH });
      for (const r of rows) {
        // A gap means a leaf was removed behind the database's back: the tree stops there, and proofs past it fail.
        if (Number(r.idx) !== tree.size) return;
        tree.append(Buffer.from(r.leafHash, 'hex'));
      }
      if (rows.length < READ_BATCH) return;
    }
  });
  cached.syncing = sync.catch(() => undefined);
  await sync;
  return tree;
}

/** Signs a checkpoint of the log as it stands, unless the latest one already covers it. */
export async function checkpointNow(prisma: PrismaClient, key: SealKey, now = new Date()): Promise<Checkpoint | undefined> {
  const latest = await prisma.logCheckpoint.findFirst({ orderBy: { treeSize: 'desc' } });
  // The tree stops at a removed leaf; say so every time rather than sign less than the log holds.
  // (Counted before the tree is brought up to date: leaves appended meanwhile only make the tree larger.)
  const [{ stored }] = await prisma.$queryRaw<{ stored: bigint }[]>`SELECT COALESCE(MAX(idx) + 1, 0)::bigint AS stored FROM log_leaves`;
  const tree = await logTree(prisma);
  if (Number(stored) > tree.size) throw new Error(`log leaf ${tree.size} is missing while ${stored} leaves are stored: the log was altered outside the system; no checkpoint signed`);
  if (latest && Number(latest.treeSize) > tree.size) throw new Error(`the log holds ${tree.size} leaves, fewer than its checkpoint of ${latest.treeSize}: leaves are missing; no checkpoint signed`);
  if (!tree.size || (latest && Number(latest.treeSize) >= tree.size)) return undefined;
  const c = signCheckpoint(key, tree.size, tree.root.toString('hex'), now.toISOString());
  await prisma.logCheckpoint.createMany({ data: [{ treeSize: BigInt(c.treeSize), rootHash: c.rootHash, signedAt: new Date(c.signedAt), keyId: c.keyId, signature: c.signature }], skipDuplicates: true });
  return c;
}

/**
 * The workers' checkpoint: at most one per interval however many workers run
 * (each at its own interval): under an advisory lock, a checkpoint is signed
 * only when the latest is older than the interval (less a tenth, for timers'
 * jitter) and the log has grown.
 */
export async function checkpointIfDue(prisma: PrismaClient, key: SealKey, intervalMs: number, now = new Date()): Promise<Checkpoint | undefined> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHECKPOINT_LOCK})`;
      const latest = await tx.logCheckpoint.findFirst({ orderBy: { treeSize: 'desc' }, select: { signedAt: true } });
      if (latest && now.getTime() - latest.signedAt.getTime() < intervalMs * 0.9) return undefined;
      return checkpointNow(prisma, key, now);
    },
    { timeout: 120_000 },
  );
}

export async function latestCheckpoint(prisma: PrismaClient): Promise<Checkpoint | undefined> {
  const c = await prisma.logCheckpoint.findFirst({ orderBy: { treeSize: 'desc' } });
  return c ? { treeSize: Number(c.treeSize), rootHash: c.rootHash, signedAt: c.signedAt.toISOString(), keyId: c.keyId, signature: c.signature } : undefined;
}

/** Inclusion proofs of a decision's entries (all, or the seqs named) in the tree of the given size. */
export async function proveInclusions(prisma: PrismaClient, decisionId: string, treeSize: number, seqs?: number[]) {
  const mine = await prisma.logLeaf.findMany({ where: { decisionId, idx: { lt: BigInt(treeSize) }, ...(seqs ? { seq: { in: seqs } } : {}) }, orderBy: { seq: 'asc' } });
  if (!mine.length) return [];
  const tree = await logTree(prisma);
  if (tree.size < treeSize) return [];
  return mine.map((leaf) => ({ seq: leaf.seq, leafIndex: Number(leaf.idx), treeSize, leafHash: leaf.leafHash, proof: tree.inclusionProof(Number(leaf.idx), treeSize).map((h) => h.toString('hex')) }));
}

/**
 * Every logged entry of a decision with its leaf index, and its inclusion proof
 * in the tree of the given size when that tree covers it (null otherwise:
 * pending, or the tree cannot be rebuilt up to that size). An entry without a
 * leaf is left out, and so shows as missing from the log. `seqs` narrows it to
 * those entries (the authority log's, say, of which a bundle needs a few).
 */
export async function logPositions(prisma: PrismaClient, decisionId: string, treeSize: number, seqs?: number[]): Promise<{ seq: number; leafIndex: number; proof: string[] | null }[]> {
  const mine = await prisma.logLeaf.findMany({ where: { decisionId, ...(seqs ? { seq: { in: seqs } } : {}) }, select: { seq: true, idx: true }, orderBy: { seq: 'asc' } });
  const covered = mine.some((leaf) => Number(leaf.idx) < treeSize) ? await logTree(prisma) : undefined;
  return mine.map((leaf) => {
    const leafIndex = Number(leaf.idx);
    const proof = covered && leafIndex < treeSize && covered.size >= treeSize ? covered.inclusionProof(leafIndex, treeSize).map((h) => h.toString('hex')) : null;
    return { seq: leaf.seq, leafIndex, proof };
  });
}

/** The inclusion proof of one entry in the tree of the given size. */
export async function proveInclusion(prisma: PrismaClient, decisionId: string, seq: number, treeSize: number) {
  const [proof] = await proveInclusions(prisma, decisionId, treeSize, [seq]);
  return proof;
}

export async function proveConsistency(prisma: PrismaClient, first: number, second: number) {
  if (first < 1 || first > second) return undefined;
  const tree = await logTree(prisma);
  if (tree.size < second) return undefined;
  return { first, second, proof: tree.consistencyProof(first, second).map((h) => h.toString('hex')) };
}
