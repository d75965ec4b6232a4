import { createHash, hash } from 'node:crypto';

/**
 * The append-only Merkle tree of RFC 6962 / RFC 9162 (section 2.1): leaf
 * hashes are SHA-256(0x00 || data), interior nodes SHA-256(0x01 || left ||
 * right), the split is the largest power of two below the size. Inclusion and
 * consistency proofs, and their verification, follow RFC 9162 2.1.3 and 2.1.4.
 */
export type Hash = Buffer;

// One-shot hashing of one buffer is markedly faster than a Hash object per node.
const sha256 = (data: Uint8Array): Hash => hash('sha256', data, 'buffer') as Hash;
const LEAF = Uint8Array.of(0);

export const leafHash = (data: Uint8Array): Hash => sha256(Buffer.concat([LEAF, data]));
// One scratch buffer for interior nodes (0x01 ‖ left ‖ right): hashing is synchronous, so it is never shared mid-use.
const scratch = Buffer.alloc(65, 1);
export const nodeHash = (left: Hash, right: Hash): Hash => {
  left.copy(scratch, 1);
  right.copy(scratch, 33);
  return sha256(scratch);
};
export const EMPTY_ROOT: Hash = createHash('sha256').digest();

/** Largest power of two strictly less than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[0:n]) over already-hashed leaves. */
export function rootOf(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return EMPTY_ROOT;
  // Bottom-up with RFC 6962's promotion of an unpaired last node: same result as the recursion, no deep stack.
  let level = leaves.slice();
  while (level.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1]));
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    level = next;
  }
  return level[0];
}

/** PATH(m, D[0:n]): the audit path of leaf m. */
export function inclusionProof(index: number, leaves: readonly Hash[]): Hash[] {
  if (index < 0 || index >= leaves.length) throw new RangeError(`leaf ${index} is not in a tree of ${leaves.length}`);
  const path = (m: number, d: readonly Hash[]): Hash[] => {
    if (d.length <= 1) return [];
    const k = split(d.length);
    return m < k ? [...path(m, d.slice(0, k)), rootOf(d.slice(k))] : [...path(m - k, d.slice(k)), rootOf(d.slice(0, k))];
  };
  return path(index, leaves);
}

/** PROOF(m, D[0:n]): that the tree of the first m leaves is a prefix of this one. */
export function consistencyProof(m: number, leaves: readonly Hash[]): Hash[] {
  const n = leaves.length;
  if (m < 1 || m > n) throw new RangeError(`no consistency proof from ${m} to ${n}`);
  const sub = (mm: number, d: readonly Hash[], complete: boolean): Hash[] => {
    if (mm === d.length) return complete ? [] : [rootOf(d)];
    const k = split(d.length);
    return mm <= k ? [...sub(mm, d.slice(0, k), complete), rootOf(d.slice(k))] : [...sub(mm - k, d.slice(k), false), rootOf(d.slice(0, k))];
  };
  return sub(m, leaves, true);
}

/** RFC 9162 2.1.3.2. */
export function verifyInclusion(index: number, size: number, leaf: Hash, proof: readonly Hash[], root: Hash): boolean {
  if (index >= size || index < 0) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/**
 * Verifies many inclusion proofs against one tree head, as verifyInclusion
 * does each, sharing work: the node at height L above leaf i is the subtree
 * of the leaves whose index shifted right by L is i >> L, so a node an earlier
 * proof carried to the root settles the rest of a later path once the later
 * proof's remaining hashes are exactly the earlier one's. A decision's
 * entries share most of their paths, so its proofs cost a few hashes each
 * instead of log n, and a proof still passes only if it is the one valid proof.
 */
export class InclusionVerifier {
  /** `${height}:${index}` → the node there, and the proof hashes above it, proven to reach the root. */
  private readonly proven = new Map<string, { node: Hash; proof: readonly ProofHash[]; from: number }>();
  constructor(
    readonly size: number,
    readonly root: Hash,
  ) {}

  /** Proof hashes as buffers or hex (as bundles carry them: only the ones a path needs are decoded). */
  verify(index: number, leaf: Hash, proof: readonly ProofHash[]): boolean {
    if (index >= this.size || index < 0) return false;
    let fn = index;
    let sn = this.size - 1;
    let height = 0;
    let r = leaf;
    const path: [string, Hash, number][] = [];
    for (let i = 0; ; i++) {
      const key = `${height}:${fn}`;
      const known = this.proven.get(key);
      if (known) return known.node.equals(r) && sameTail(proof, i, known.proof, known.from);
      path.push([key, r, i]);
      if (i === proof.length) break;
      if (sn === 0) return false;
      const p = asHash(proof[i]);
      if (!p) return false;
      if (fn % 2 === 1 || fn === sn) {
        r = nodeHash(p, r);
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
          height++;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
      height++;
    }
    if (sn !== 0 || !r.equals(this.root)) return false;
    for (const [key, node, from] of path) this.proven.set(key, { node, proof, from });
    return true;
  }
}

export type ProofHash = Hash | string;
const HEX32 = /^[0-9a-fA-F]{64}$/;
function asHash(h: ProofHash): Hash | undefined {
  if (typeof h !== 'string') return h.length === 32 ? h : undefined;
  return HEX32.test(h) ? Buffer.from(h, 'hex') : undefined;
}
function sameHash(a: ProofHash, b: ProofHash): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b || a.toLowerCase() === b.toLowerCase();
  const x = asHash(a);
  const y = asHash(b);
  return !!x && !!y && x.equals(y);
}
function sameTail(a: readonly ProofHash[], i: number, b: readonly ProofHash[], j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (!sameHash(a[i], b[j])) return false;
  return true;
}

/** RFC 9162 2.1.4.2. */
export function verifyConsistency(first: number, second: number, proof: readonly Hash[], firstRoot: Hash, secondRoot: Hash): boolean {
  if (first < 1 || first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  const path = [...proof];
  if (isPowerOfTwo(first)) path.unshift(firstRoot);
  if (path.length === 0) return false;
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/**
 * Where a tree's complete subtrees are kept: the node over the 2^height leaves from index·2^height on. A tree in
 * memory (MerkleTree) and the log as PostgreSQL keeps it (log-store.ts) answer it; the proofs below are computed the
 * same way over either.
 */
export type CompleteNodes = (height: number, index: number) => Hash;

/** MTH(D[start:end]) for the ranges RFC 6962's recursion meets: start aligned, a power of two at most wide, or cut at the right. */
function mth(node: CompleteNodes, start: number, end: number): Hash {
  const width = end - start;
  if ((width & (width - 1)) === 0) {
    const height = Math.log2(width);
    if (start % width === 0) return node(height, start / width);
  }
  const k = split(width);
  return nodeHash(mth(node, start, start + k), mth(node, start + k, end));
}

/** MTH(D[0:m]). */
export function rootFrom(node: CompleteNodes, m: number): Hash {
  return m === 0 ? EMPTY_ROOT : mth(node, 0, m);
}

/** PATH(index, D[0:m]). */
export function inclusionProofFrom(node: CompleteNodes, index: number, m: number): Hash[] {
  if (index < 0 || index >= m) throw new RangeError(`leaf ${index} is not in a tree of ${m}`);
  const proof: Hash[] = [];
  // RFC 6962's recursion, from the bottom: the siblings of the leaf's ancestors, leaf first.
  const path = (start: number, end: number): void => {
    if (end - start <= 1) return;
    const k = split(end - start);
    if (index < start + k) {
      path(start, start + k);
      proof.push(mth(node, start + k, end));
    } else {
      path(start + k, end);
      proof.push(mth(node, start, start + k));
    }
  };
  path(0, m);
  return proof;
}

/** PROOF(m, D[0:n]). */
export function consistencyProofFrom(node: CompleteNodes, m: number, n: number): Hash[] {
  if (m < 1 || m > n) throw new RangeError(`no consistency proof from ${m} to ${n}`);
  const proof: Hash[] = [];
  const sub = (mm: number, start: number, end: number, complete: boolean): void => {
    if (start + mm === end) {
      if (!complete) proof.push(mth(node, start, end));
      return;
    }
    const k = split(end - start);
    if (mm <= k) {
      sub(mm, start, start + k, complete);
      proof.push(mth(node, start + k, end));
    } else {
      sub(mm - k, start + k, end, false);
      proof.push(mth(node, start, start + k));
    }
  };
  sub(m, 0, n, true);
  return proof;
}

/**
 * A tree appended to leaf by leaf in memory, answering for any size up to its own: roots, inclusion and consistency
 * proofs of the tree of the first m leaves. Only complete subtrees are kept, level by level in contiguous buffers (32
 * bytes a node, about 64 MB at a million leaves); a subtree cut by the size m is hashed on demand, O(log n) hashes.
 * (The log itself keeps its nodes in PostgreSQL: log-store.ts.)
 */
export class MerkleTree {
  private readonly levels: { nodes: Buffer; count: number }[] = [];
  private readonly nodes: CompleteNodes = (height, index) => this.levels[height].nodes.subarray(index * 32, index * 32 + 32);

  constructor(leaves: readonly Hash[] = []) {
    for (const leaf of leaves) this.append(leaf);
  }

  get size(): number {
    return this.levels[0]?.count ?? 0;
  }

  get root(): Hash {
    return this.rootAt(this.size);
  }

  append(leaf: Hash): void {
    let node = leaf;
    for (let height = 0; ; height++) {
      const index = this.push(height, node);
      if (index % 2 === 0) return;
      node = nodeHash(this.nodes(height, index - 1), node);
    }
  }

  /** MTH(D[0:m]). */
  rootAt(m: number): Hash {
    this.checkSize(m);
    return rootFrom(this.nodes, m);
  }

  /** PATH(index, D[0:m]). */
  inclusionProof(index: number, m = this.size): Hash[] {
    this.checkSize(m);
    return inclusionProofFrom(this.nodes, index, m);
  }

  /** PROOF(m, D[0:n]). */
  consistencyProof(m: number, n = this.size): Hash[] {
    this.checkSize(n);
    return consistencyProofFrom(this.nodes, m, n);
  }

  private push(height: number, node: Hash): number {
    const level = (this.levels[height] ??= { nodes: Buffer.alloc(32 * 1024), count: 0 });
    if ((level.count + 1) * 32 > level.nodes.length) {
      const grown = Buffer.alloc(level.nodes.length * 2);
      level.nodes.copy(grown);
      level.nodes = grown;
    }
    node.copy(level.nodes, level.count * 32);
    return level.count++;
  }

  private checkSize(m: number): void {
    if (!Number.isInteger(m) || m < 0 || m > this.size) throw new RangeError(`the tree has ${this.size} leaves, not ${m}`);
  }
}
