import type { PrismaClient } from '../db/prisma';
import { consistencyProof, MerkleTree, rootOf, type Hash } from './merkle';
import { signCheckpoint, type Checkpoint, type SealKey } from './seal';

/**
 * The global log as PostgreSQL keeps it: leaves in log_leaves (appended by
 * recordStep, one at a time under an advisory lock, so leaf order is commit
 * order), signed checkpoints in log_checkpoints.
 */
export const LOG_APPEND_LOCK = 7_132_019;

async function leafHashes(prisma: PrismaClient, size?: number): Promise<Hash[]> {
  const rows = await prisma.logLeaf.findMany({ select: { leafHash: true }, orderBy: { idx: 'asc' }, ...(size === undefined ? {} : { take: size }) });
  return rows.map((r) => Buffer.from(r.leafHash, 'hex'));
}

/** Signs a checkpoint of the log as it stands, unless the latest one already covers it. */
export async function checkpointNow(prisma: PrismaClient, key: SealKey, now = new Date()): Promise<Checkpoint | undefined> {
  const latest = await prisma.logCheckpoint.findFirst({ orderBy: { treeSize: 'desc' } });
  const leaves = await leafHashes(prisma);
  if (!leaves.length || (latest && Number(latest.treeSize) >= leaves.length)) return undefined;
  const c = signCheckpoint(key, leaves.length, rootOf(leaves).toString('hex'), now.toISOString());
  await prisma.logCheckpoint.createMany({ data: [{ treeSize: BigInt(c.treeSize), rootHash: c.rootHash, signedAt: new Date(c.signedAt), keyId: c.keyId, signature: c.signature }], skipDuplicates: true });
  return c;
}

export async function latestCheckpoint(prisma: PrismaClient): Promise<Checkpoint | undefined> {
  const c = await prisma.logCheckpoint.findFirst({ orderBy: { treeSize: 'desc' } });
  return c ? { treeSize: Number(c.treeSize), rootHash: c.rootHash, signedAt: c.signedAt.toISOString(), keyId: c.keyId, signature: c.signature } : undefined;
}

/** Inclusion proofs of a decision's entries (all, or the seqs named) in the tree of the given size: the tree is read and built once. */
export async function proveInclusions(prisma: PrismaClient, decisionId: string, treeSize: number, seqs?: number[]) {
  const mine = await prisma.logLeaf.findMany({ where: { decisionId, idx: { lt: BigInt(treeSize) }, ...(seqs ? { seq: { in: seqs } } : {}) }, orderBy: { seq: 'asc' } });
  if (!mine.length) return [];
  const tree = new MerkleTree(await leafHashes(prisma, treeSize));
  if (tree.size < treeSize) return [];
  return mine.map((leaf) => ({ seq: leaf.seq, leafIndex: Number(leaf.idx), treeSize, leafHash: leaf.leafHash, proof: tree.inclusionProof(Number(leaf.idx)).map((h) => h.toString('hex')) }));
}

/** The inclusion proof of one entry in the tree of the given size. */
export async function proveInclusion(prisma: PrismaClient, decisionId: string, seq: number, treeSize: number) {
  const [proof] = await proveInclusions(prisma, decisionId, treeSize, [seq]);
  return proof;
}

export async function proveConsistency(prisma: PrismaClient, first: number, second: number) {
  const leaves = await leafHashes(prisma, second);
  if (leaves.length < second || first < 1 || first > second) return undefined;
  return { first, second, proof: consistencyProof(first, leaves).map((h) => h.toString('hex')) };
}
