import type { PrismaClient } from '../db/prisma';
import { consistencyProofFrom, inclusionProofFrom, rootFrom, type CompleteNodes } from './merkle';
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
 * A computation over the log's complete subtrees as PostgreSQL keeps them (log_nodes, kept by a trigger as leaves are
 * appended, over log_leaves: migration 20261206190000), none of it held in memory: run once to learn which nodes it
 * reads (the recursion's shape does not depend on the hashes), those read in one statement, then run over them.
 * Undefined when one is not there: above a leaf removed behind the system's back there is no node, and no root or
 * proof reaches past it (nor past a leaf whose hash is no longer 64 hex digits).
 */
async function overStoredNodes<T>(prisma: PrismaClient, compute: (node: CompleteNodes) => T): Promise<T | undefined> {
  const wanted = new Map<string, [number, number]>();
  compute((height, index) => {
    wanted.set(`${height}:${index}`, [height, index]);
    return UNREAD;
  });
  if (!wanted.size) return compute(() => UNREAD);
  const heights = [...wanted.values()].map(([h]) => h);
  const indexes = [...wanted.values()].map(([, i]) => i);
  const rows = await prisma.$queryRaw<{ height: number; idx: bigint; hash: Uint8Array }[]>`
    WITH k AS (SELECT * FROM unnest(${heights}::int[], ${indexes}::bigint[]) AS k(height, idx))
    SELECT n.height::int AS height, n.idx, n.hash FROM k JOIN log_nodes n ON n.height = k.height AND n.idx = k.idx WHERE k.height > 0
    UNION ALL
    SELECT 0, l.idx, decode(l.leaf_hash, 'hex') FROM k JOIN log_leaves l ON l.idx = k.idx WHERE k.height = 0 AND l.leaf_hash ~ '^[0-9a-f]{64}$'`;
  const found = new Map(rows.map((r) => [`${r.height}:${r.idx}`, Buffer.from(r.hash)]));
  if ([...wanted.keys()].some((key) => !found.has(key))) return undefined;
  return compute((height, index) => found.get(`${height}:${index}`)!);
}
const UNREAD = Buffer.alloc(32);

/** How many leaves the log holds, counting up to its last (one removed before it leaves a gap, not a smaller log). */
async function storedLeaves(prisma: PrismaClient): Promise<number> {
  const [{ stored }] = await prisma.$queryRaw<{ stored: bigint }[]>`SELECT COALESCE(MAX(idx) + 1, 0)::bigint AS stored FROM log_leaves`;
  return Number(stored);
}

/** Signs a checkpoint of the log as it stands, unless the latest one already covers it. */
export async function checkpointNow(prisma: PrismaClient, key: SealKey, now = new Date()): Promise<Checkpoint | undefined> {
  const latest = await prisma.logCheckpoint.findFirst({ orderBy: { treeSize: 'desc' } });
  const stored = await storedLeaves(prisma);
  const signed = latest ? Number(latest.treeSize) : 0;
  if (stored < signed) throw new Error(`the log holds ${stored} leaves, fewer than its checkpoint of ${signed}: leaves are missing; no checkpoint signed`);
  if (stored === signed) return undefined;
  // Every leaf appended since the last checkpoint is there: say so every time rather than sign over a gap. (One removed
  // before it takes nothing from the tree it signed: the nodes over it are kept, and its own decision's entry is
  // missing from the log, which verifying that decision says.)
  const [{ present }] = await prisma.$queryRaw<{ present: bigint }[]>`SELECT count(*)::bigint AS present FROM log_leaves WHERE idx >= ${signed}`;
  if (Number(present) < stored - signed) throw new Error(`${stored - signed - Number(present)} of the log leaves from ${signed} to ${stored - 1} are missing: the log was altered outside the system; no checkpoint signed`);
  const root = await overStoredNodes(prisma, (node) => rootFrom(node, stored));
  if (!root) throw new Error(`the log's nodes do not reach over its ${stored} leaves (a leaf or node is missing): the log was altered outside the system; no checkpoint signed`);
  const c = signCheckpoint(key, stored, root.toString('hex'), now.toISOString());
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
  const proofs = await overStoredNodes(prisma, (node) => mine.map((leaf) => inclusionProofFrom(node, Number(leaf.idx), treeSize)));
  if (!proofs) return [];
  return mine.map((leaf, i) => ({ seq: leaf.seq, leafIndex: Number(leaf.idx), treeSize, leafHash: leaf.leafHash, proof: proofs[i].map((h) => h.toString('hex')) }));
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
  const covered = mine.filter((leaf) => Number(leaf.idx) < treeSize);
  const proofs = covered.length ? await overStoredNodes(prisma, (node) => covered.map((leaf) => inclusionProofFrom(node, Number(leaf.idx), treeSize))) : undefined;
  const proofOf = new Map(proofs ? covered.map((leaf, i) => [leaf.seq, proofs[i].map((h) => h.toString('hex'))]) : []);
  return mine.map((leaf) => ({ seq: leaf.seq, leafIndex: Number(leaf.idx), proof: proofOf.get(leaf.seq) ?? null }));
}

/** The inclusion proof of one entry in the tree of the given size. */
export async function proveInclusion(prisma: PrismaClient, decisionId: string, seq: number, treeSize: number) {
  const [proof] = await proveInclusions(prisma, decisionId, treeSize, [seq]);
  return proof;
}

export async function proveConsistency(prisma: PrismaClient, first: number, second: number) {
  if (first < 1 || first > second || second > (await storedLeaves(prisma))) return undefined;
  const proof = await overStoredNodes(prisma, (node) => consistencyProofFrom(node, first, second));
  return proof && { first, second, proof: proof.map((h) => h.toString('hex')) };
}
