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
 * A whole tree kept level by level (the last node of an odd level is promoted,
 * which is exactly RFC 6962's shape), for O(log n) inclusion proofs over large
 * logs.
 */
export class MerkleTree {
  private readonly levels: Hash[][];
  constructor(leaves: readonly Hash[]) {
    this.levels = [leaves.slice()];
    for (let level = this.levels[0]; level.length > 1; ) {
      const next: Hash[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1]));
      if (level.length % 2 === 1) next.push(level[level.length - 1]);
      this.levels.push(next);
      level = next;
    }
  }
  get size(): number {
    return this.levels[0].length;
  }
  get root(): Hash {
    return this.size ? this.levels[this.levels.length - 1][0] : EMPTY_ROOT;
  }
  inclusionProof(index: number): Hash[] {
    if (index < 0 || index >= this.size) throw new RangeError(`leaf ${index} is not in a tree of ${this.size}`);
    const proof: Hash[] = [];
    for (let l = 0, i = index; l < this.levels.length - 1; l++, i = Math.floor(i / 2)) {
      const sibling = i ^ 1;
      if (sibling < this.levels[l].length) proof.push(this.levels[l][sibling]);
    }
    return proof;
  }
}
