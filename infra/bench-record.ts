import { createHash, createPublicKey, hash, verify as nodeVerify } from 'node:crypto';
import { sealEntry, type RecordEntry } from '../libs/record/chain';
import { leafHash, MerkleTree, verifyInclusion } from '../libs/record/merkle';
import { sealOf, signCheckpoint, type SealKey } from '../libs/record/seal';
import * as sm2 from '../libs/record/sm2';
import { generateSigningKey, keyIdOf, signMessage, signOffMessage, type SignatureAlgorithm } from '../libs/record/signatures';
import { verifyRecord, type BundleEntry } from '../libs/record/bundle';

/**
 * npm run bench: the record's verification speed and proof sizes, printed.
 *  1. a record of ENTRIES entries (default 100,000), each signed by its actor
 *     and sealed by the system (Ed25519), in a log with a signed checkpoint:
 *     the verifier's entries per second next to a bare loop doing only the
 *     irreducible work (SHA-256 of the entry, two crypto.verify) in the same
 *     run; the ratio is the figure (target at least 0.8);
 *     the same for SM2 with SM3 over SM2_ENTRIES entries (default 10,000),
 *     against a bare loop of our own SM2 verification;
 *  2. a log of LEAVES leaves (default 1,000,000): build time, and the size of
 *     inclusion proofs (target at most 20 hashes).
 */
const ENTRIES = Number(process.env.ENTRIES ?? 100_000);
const LEAVES = Number(process.env.LEAVES ?? 1_000_000);
const SM2_ENTRIES = Number(process.env.SM2_ENTRIES ?? 10_000);
const ed = (hex: string) => createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
const secs = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function buildRecord(algorithm: SignatureAlgorithm, count: number) {
  const actor = generateSigningKey(algorithm);
  const sys = generateSigningKey(algorithm);
  const sealKey: SealKey = { ...sys, algorithm, keyId: keyIdOf(algorithm, sys.publicKey) };
  const actorKeyId = keyIdOf(algorithm, actor.publicKey);
  const who = { id: 'u-1', name: '张承办', role: 'undertaking_unit', organisation: '市交通运输局' };
  const entries: BundleEntry[] = [];
  let prev: string | null = null;
  const t0 = process.hrtime.bigint();
  for (let seq = 0; seq < count; seq++) {
    const payload = { documentHash: `sha256:${createHash('sha256').update(String(seq)).digest('hex')}`, note: '依据《重大行政决策程序暂行条例》第十二条拟订草案' };
    const idempotencyKey = `bench-${seq}`;
    const action = seq === 0 ? 'register' : 'submitDraft';
    const value = signMessage(algorithm, actor.privateKey, signOffMessage({ decisionId: 'BENCH', action, actor: who, payload, idempotencyKey }));
    const entry: RecordEntry = {
      v: 1, decisionId: 'BENCH', seq, action, phaseAfter: 'drafting', actor: who,
      at: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(), payload, documents: [payload.documentHash], articles: ['decree-713:12'],
      workflowId: 'BENCH', runId: 'run-1', signature: { keyId: actorKeyId, algorithm, value, idempotencyKey }, prevHash: prev,
    };
    const { canonical, hash } = sealEntry(entry);
    entries.push({ seq, canonical, hash, seal: sealOf(sealKey, hash), sealKeyId: sealKey.keyId });
    prev = hash;
    if (seq % 20_000 === 0 && seq) process.stderr.write(`  built ${fmt(seq)} entries…\n`);
  }
  const tree = new MerkleTree(entries.map((e) => leafHash(Buffer.from(e.canonical, 'utf8'))));
  const checkpoint = signCheckpoint(sealKey, tree.size, tree.root.toString('hex'), new Date().toISOString());
  const inclusion = entries.map((e) => ({ seq: e.seq, leafIndex: e.seq, proof: tree.inclusionProof(e.seq).map((x) => x.toString('hex')) }));
  console.log(`record (${algorithm}): ${fmt(count)} entries built, signed and sealed in ${secs(t0).toFixed(1)} s`);
  return { entries, checkpoint, inclusion, actor, sealKey, actorKeyId, root: tree.root };
}

/**
 * The verifier against a bare loop doing only the irreducible work (SHA-256 of
 * each entry, its two signature verifications), alternating, three rounds
 * each; prints the medians and their ratio.
 */
function compareVerification(algorithm: SignatureAlgorithm, count: number): void {
  const r = buildRecord(algorithm, count);
  const trusted = {
    systemKeys: [{ keyId: r.sealKey.keyId, algorithm, publicKey: r.sealKey.publicKey }],
    actorKeys: [{ keyId: r.actorKeyId, actorId: 'u-1', algorithm, publicKey: r.actor.publicKey, validFrom: '2020-01-01T00:00:00Z', validTo: '2099-01-01T00:00:00Z' }],
  };
  // Ed25519: crypto.verify with the keys made once; SM2: our GM/T implementation (Node has no SM2 signature scheme).
  const verifier = (publicKey: string) => {
    if (algorithm === 'sm2-sm3') return (msg: Buffer, sig: Buffer) => sm2.verify(publicKey, msg, sig);
    const key = ed(publicKey);
    return (msg: Buffer, sig: Buffer) => nodeVerify(null, msg, key, sig);
  };
  const actorVerify = verifier(r.actor.publicKey);
  const sealVerify = verifier(r.sealKey.publicKey);
  const parsed = r.entries.map((e) => JSON.parse(e.canonical) as RecordEntry);
  const bareLoop = () => {
    const t0 = process.hrtime.bigint();
    let ok = 0;
    for (let i = 0; i < r.entries.length; i++) {
      const e = r.entries[i];
      hash('sha256', e.canonical);
      const p = parsed[i];
      const sig = p.signature!;
      const msg = signOffMessage({ decisionId: p.decisionId, action: p.action, actor: p.actor, payload: p.payload, idempotencyKey: sig.idempotencyKey });
      if (actorVerify(msg, Buffer.from(sig.value, 'base64')) && sealVerify(Buffer.from(e.hash, 'utf8'), Buffer.from(e.seal, 'base64'))) ok++;
    }
    if (ok !== r.entries.length) throw new Error('the bare loop rejected an entry');
    return r.entries.length / secs(t0);
  };
  // The verifier: chain, canonical form, seals, actor signatures with key validity, inclusion proofs, checkpoint.
  const ours = () => {
    const t0 = process.hrtime.bigint();
    const verdict = verifyRecord('BENCH', r.entries, r.inclusion, r.checkpoint, trusted);
    if (!verdict.ok) throw new Error(`the verifier rejected the record: ${verdict.failure}`);
    return r.entries.length / secs(t0);
  };
  const bare: number[] = [];
  const mine: number[] = [];
  for (let round = 0; round < 3; round++) {
    bare.push(bareLoop());
    mine.push(ours());
  }
  const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[1];
  const bareName = algorithm === 'sm2-sm3' ? '2×sm2.verify' : '2×crypto.verify';
  console.log(
    `verify record (${algorithm}): ${fmt(median(mine))} entries/s   bare hash + ${bareName} loop: ${fmt(median(bare))} entries/s   ratio ${(median(mine) / median(bare)).toFixed(2)} ` +
      `(target ≥ 0.80; medians of 3 alternating rounds: ours ${mine.map(fmt).join(', ')}; bare ${bare.map(fmt).join(', ')})`,
  );
}

function main(): void {
  console.log(`node ${process.version}, ${require('node:os').cpus().length} cores`);
  compareVerification('ed25519', ENTRIES);
  compareVerification('sm2-sm3', SM2_ENTRIES);

  // The large log.
  let t0 = process.hrtime.bigint();
  const leaves = Array.from({ length: LEAVES }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
  const tree = new MerkleTree(leaves);
  console.log(`log: ${fmt(LEAVES)} leaves hashed and built in ${secs(t0).toFixed(1)} s, root ${tree.root.toString('hex').slice(0, 16)}…`);
  let maxProof = 0;
  t0 = process.hrtime.bigint();
  const samples = 10_000;
  for (let k = 0; k < samples; k++) {
    const i = (k * 7_919_993) % LEAVES;
    const proof = tree.inclusionProof(i);
    maxProof = Math.max(maxProof, proof.length);
    if (!verifyInclusion(i, LEAVES, leaves[i], proof, tree.root)) throw new Error(`proof of leaf ${i} failed`);
  }
  console.log(`inclusion proofs at ${fmt(LEAVES)} leaves: at most ${maxProof} hashes (${maxProof * 32} bytes; target ≤ 20 hashes); ${fmt(samples / secs(t0))} proofs made and verified per second`);
}

main();
