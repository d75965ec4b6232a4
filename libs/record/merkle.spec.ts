import { consistencyProof, EMPTY_ROOT, InclusionVerifier, inclusionProof, leafHash, MerkleTree, rootOf, verifyConsistency, verifyInclusion } from './merkle';

// The Certificate Transparency reference tree (RFC 6962): eight leaves and the root of every prefix.
const DATA = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((x) => Buffer.from(x, 'hex'));
const LEAVES = DATA.map(leafHash);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const hex = (b: Buffer) => b.toString('hex');
const unhex = (s: string) => Buffer.from(s, 'hex');

describe('RFC 6962 Merkle tree', () => {
  it('matches the reference root of every tree size 0..8', () => {
    expect(hex(EMPTY_ROOT)).toBe(ROOTS[0]);
    for (let n = 0; n <= 8; n++) expect(`${n}:${hex(rootOf(LEAVES.slice(0, n)))}`).toBe(`${n}:${ROOTS[n]}`);
  });

  it.each([
    [0, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
    [5, 8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
    [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  ] as const)('inclusion proof of leaf %i in a tree of %i matches the reference and verifies', (index, size, expected) => {
    const proof = inclusionProof(index, LEAVES.slice(0, size));
    expect(proof.map(hex)).toEqual(expected);
    expect(verifyInclusion(index, size, LEAVES[index], proof, unhex(ROOTS[size]))).toBe(true);
    expect(verifyInclusion(index, size, LEAVES[(index + 1) % size], proof, unhex(ROOTS[size]))).toBe(false);
  });

  it.each([
    [1, 1, []],
    [1, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
    [6, 8, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
    [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
  ] as const)('consistency proof from %i to %i matches the reference and verifies', (m, n, expected) => {
    const proof = consistencyProof(m, LEAVES.slice(0, n));
    expect(proof.map(hex)).toEqual(expected);
    expect(verifyConsistency(m, n, proof, unhex(ROOTS[m]), unhex(ROOTS[n]))).toBe(true);
    if (m !== n) expect(verifyConsistency(m, n, proof, unhex(ROOTS[m === 1 ? 2 : 1]), unhex(ROOTS[n]))).toBe(false);
  });

  it('the appended tree answers for every size up to its own exactly as the RFC recursion does', () => {
    const leaves = Array.from({ length: 70 }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
    const tree = new MerkleTree();
    expect(hex(tree.root)).toBe(hex(EMPTY_ROOT));
    for (let n = 1; n <= leaves.length; n++) {
      tree.append(leaves[n - 1]);
      expect(tree.size).toBe(n);
      expect(hex(tree.root)).toBe(hex(rootOf(leaves.slice(0, n))));
    }
    // One tree of 70 leaves, asked about the tree of every earlier size, as the log is asked about older checkpoints.
    for (let m = 1; m <= leaves.length; m++) {
      const prefix = leaves.slice(0, m);
      expect(hex(tree.rootAt(m))).toBe(hex(rootOf(prefix)));
      for (let i = 0; i < m; i++) expect(tree.inclusionProof(i, m).map(hex)).toEqual(inclusionProof(i, prefix).map(hex));
      for (let k = 1; k <= m; k++) expect(tree.consistencyProof(k, m).map(hex)).toEqual(consistencyProof(k, prefix).map(hex));
    }
    expect(() => tree.rootAt(71)).toThrow(RangeError);
    expect(() => tree.inclusionProof(5, 5)).toThrow(RangeError);
  });

  it('grows past its first buffer (1024 nodes a level) without losing a node', () => {
    const leaves = Array.from({ length: 5000 }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
    const tree = new MerkleTree(leaves);
    expect(hex(tree.root)).toBe(hex(rootOf(leaves)));
    for (const i of [0, 1023, 1024, 2047, 4096, 4999]) expect(verifyInclusion(i, 5000, leaves[i], tree.inclusionProof(i), tree.root)).toBe(true);
    expect(hex(tree.rootAt(3333))).toBe(hex(rootOf(leaves.slice(0, 3333))));
  });

  it('every proof in every tree up to 40 leaves verifies, is at most ceil(log2 n) hashes, and fails when altered', () => {
    const leaves = Array.from({ length: 40 }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
    for (let n = 1; n <= leaves.length; n++) {
      const tree = leaves.slice(0, n);
      const root = rootOf(tree);
      const bound = Math.ceil(Math.log2(n));
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(i, tree);
        expect(proof.length).toBeLessThanOrEqual(bound);
        expect(verifyInclusion(i, n, tree[i], proof, root)).toBe(true);
        if (proof.length) {
          const bad = proof.map((p, j) => (j === 0 ? Buffer.from(p.map((b) => b ^ 1)) : p));
          expect(verifyInclusion(i, n, tree[i], bad, root)).toBe(false);
        }
      }
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(m, tree);
        expect(verifyConsistency(m, n, proof, rootOf(tree.slice(0, m)), root)).toBe(true);
        if (m < n) expect(verifyConsistency(m, n, proof, rootOf(leaves.slice(1, m + 1)), root)).toBe(false);
      }
    }
  });

  it('the shared-work verifier agrees with verifyInclusion on every proof, honest or altered anywhere, in any order', () => {
    const leaves = Array.from({ length: 70 }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
    const flip = (h: Buffer) => Buffer.from(h.map((b) => b ^ 1));
    let rng = 7;
    const next = () => (rng = (rng * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let n = 1; n <= leaves.length; n++) {
      const tree = leaves.slice(0, n);
      const root = rootOf(tree);
      // Honest proofs, each followed by variants: one hash altered at each position, one dropped, one extra, another leaf, another index.
      const cases: { index: number; leaf: Buffer; proof: Buffer[] }[] = [];
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(i, tree);
        cases.push({ index: i, leaf: tree[i], proof });
        proof.forEach((_, j) => cases.push({ index: i, leaf: tree[i], proof: proof.map((p, k) => (k === j ? flip(p) : p)) }));
        if (proof.length) cases.push({ index: i, leaf: tree[i], proof: proof.slice(0, -1) });
        cases.push({ index: i, leaf: tree[i], proof: [...proof, root] });
        cases.push({ index: i, leaf: flip(tree[i]), proof });
        cases.push({ index: (i + 1) % n, leaf: tree[i], proof });
      }
      for (let k = cases.length - 1; k > 0; k--) {
        const j = next() % (k + 1);
        [cases[k], cases[j]] = [cases[j], cases[k]];
      }
      const shared = new InclusionVerifier(n, root);
      for (const c of cases) {
        expect(`${n}/${c.index}: ${shared.verify(c.index, c.leaf, c.proof)}`).toBe(`${n}/${c.index}: ${verifyInclusion(c.index, n, c.leaf, c.proof, root)}`);
      }
    }
  });
});
