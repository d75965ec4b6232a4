import { BUNDLE_FORMAT, runsUnsealed, verifyBundle, verifyRecord, type BundleEntry, type BundleInclusion, type DecisionBundle, type TrustedKeys } from './bundle';
import { sealEntry, type RecordEntry } from './chain';
import { leafHash, MerkleTree } from './merkle';
import { sealOf, signCheckpoint, type Checkpoint, type SealKey } from './seal';
import { generateSigningKey, keyIdOf, signMessage, signOffMessage } from './signatures';

/**
 * The cryptographic half of the inspectors' verification (verifyRecord) on a
 * small record built here: entries signed by their actor, sealed, logged
 * between other decisions' leaves, and a checkpoint that covers some of them.
 */
const ID = 'D-1';
const actor = { id: 'u-1', name: '张承办', role: 'undertaking_unit', organisation: '市交通运输局' };
const actorKey = (() => {
  const k = generateSigningKey('ed25519');
  return { ...k, algorithm: 'ed25519' as const, keyId: keyIdOf('ed25519', k.publicKey) };
})();
const sealKey: SealKey = (() => {
  const k = generateSigningKey('ed25519');
  return { ...k, algorithm: 'ed25519' as const, keyId: keyIdOf('ed25519', k.publicKey) };
})();
const trusted: TrustedKeys = {
  systemKeys: [{ keyId: sealKey.keyId, algorithm: sealKey.algorithm, publicKey: sealKey.publicKey }],
  actorKeys: [{ keyId: actorKey.keyId, algorithm: actorKey.algorithm, publicKey: actorKey.publicKey, actorId: actor.id, validFrom: '2020-01-01T00:00:00Z', validTo: '2099-01-01T00:00:00Z' }],
};

interface Step {
  action: string;
  payload: unknown;
  idempotencyKey: string;
}

function signature(s: Step) {
  const value = signMessage(actorKey.algorithm, actorKey.privateKey, signOffMessage({ decisionId: ID, action: s.action, actor, payload: s.payload, idempotencyKey: s.idempotencyKey }));
  return { keyId: actorKey.keyId, algorithm: actorKey.algorithm, value, idempotencyKey: s.idempotencyKey };
}

/** Chains and seals the entries in order, as a forger holding the seal key would after changing one. */
function chainAndSeal(entries: Omit<RecordEntry, 'seq' | 'prevHash'>[]): BundleEntry[] {
  let prevHash: string | null = null;
  return entries.map((e, seq) => {
    const sealed = sealEntry({ ...e, seq, prevHash } as RecordEntry);
    prevHash = sealed.hash;
    return { seq, canonical: sealed.canonical, hash: sealed.hash, seal: sealOf(sealKey, sealed.hash), sealKeyId: sealKey.keyId };
  });
}

function steps(n: number): Step[] {
  return Array.from({ length: n }, (_, seq) => ({ action: seq ? 'submitDraft' : 'register', payload: { n: seq }, idempotencyKey: seq ? `${ID}-${seq}` : ID }));
}

function record(list: Step[]): Omit<RecordEntry, 'seq' | 'prevHash'>[] {
  return list.map((s, seq) => ({
    v: 1,
    decisionId: ID,
    action: s.action,
    phaseAfter: 'drafting',
    actor,
    at: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(),
    payload: s.payload,
    documents: [],
    articles: [],
    workflowId: ID,
    runId: 'run-1',
    signature: signature(s),
  }));
}

/** The log: each entry after two other decisions' leaves; a checkpoint over the first `covered` of the entries. */
function logged(entries: BundleEntry[], covered: number | null): { checkpoint: Checkpoint | null; inclusion: BundleInclusion[] } {
  const tree = new MerkleTree();
  const indices: number[] = [];
  for (const e of entries) {
    tree.append(leafHash(Buffer.from(`other ${tree.size}`)));
    tree.append(leafHash(Buffer.from(`other ${tree.size}`)));
    indices.push(tree.size);
    tree.append(leafHash(Buffer.from(e.canonical, 'utf8')));
  }
  if (covered === null) return { checkpoint: null, inclusion: indices.map((leafIndex, seq) => ({ seq, leafIndex, proof: null })) };
  const size = covered < entries.length ? indices[covered] : tree.size; // up to the first entry not covered
  const checkpoint = signCheckpoint(sealKey, size, tree.rootAt(size).toString('hex'), '2026-01-02T00:00:00.000Z');
  const inclusion = indices.map((leafIndex, seq) => ({ seq, leafIndex, proof: leafIndex < size ? tree.inclusionProof(leafIndex, size).map((x) => x.toString('hex')) : null }));
  return { checkpoint, inclusion };
}

const verify = (entries: BundleEntry[], log: { checkpoint: Checkpoint | null; inclusion: BundleInclusion[] }) => verifyRecord(ID, entries, log.inclusion, log.checkpoint, trusted);

describe('verifyRecord: entries the checkpoint does not cover yet are pending, not failed', () => {
  const entries = chainAndSeal(record(steps(5)));

  it('a record the checkpoint covers whole verifies with nothing pending', () => {
    expect(verify(entries, logged(entries, 5))).toEqual({ ok: true, entries: 5, treeSize: 15, pending: 0 });
  });

  it('entries logged after the checkpoint are pending, the rest proven', () => {
    expect(verify(entries, logged(entries, 3))).toEqual({ ok: true, entries: 5, treeSize: 11, pending: 2 });
  });

  it('before any checkpoint, every entry is pending', () => {
    expect(verify(entries, logged(entries, null))).toEqual({ ok: true, entries: 5, treeSize: 0, pending: 5 });
  });

  it('a pending entry is still checked in every other respect', () => {
    const log = logged(entries, 3);
    const tampered = entries.map((e) => ({ ...e }));
    tampered[4].seal = tampered[3].seal;
    expect(verify(tampered, log)).toMatchObject({ ok: false, seq: 4, check: 'seal', failure: 'entry 4: the system seal does not hold' });
  });

  it.each([
    ['its proof stripped', (inc: BundleInclusion[]) => { inc[1].proof = null; }, 1, /no inclusion proof, though its leaf 5 is within the checkpoint of size 11/],
    ['its proof emptied', (inc: BundleInclusion[]) => { inc[2].proof = []; }, 2, /not included in the log at leaf 8/],
    ['its proof stripped and its leaf moved past the checkpoint', (inc: BundleInclusion[]) => { inc[1] = { seq: 1, leafIndex: 100, proof: null }; }, 2, /leaf 8 does not come after the previous entry's leaf 100/],
    ['its place in the log removed', (inc: BundleInclusion[]) => { inc.splice(2, 1); }, 2, /the bundle gives it no place in the log/],
    ['a pending entry placed before the one it follows', (inc: BundleInclusion[]) => { inc[4].leafIndex = 2; }, 4, /leaf 2 does not come after the previous entry's leaf 11/],
    ['a second, pending place for a covered entry', (inc: BundleInclusion[]) => { inc.push({ seq: 1, leafIndex: 50, proof: null }); }, 1, /two places in the log/],
  ])('a covered entry cannot be passed off as pending: %s', (_name, mutate, seq, failure) => {
    const log = logged(entries, 3);
    mutate(log.inclusion);
    const verdict = verify(entries, log);
    expect(verdict).toMatchObject({ ok: false, seq });
    expect(!verdict.ok && verdict.failure).toMatch(failure);
  });
});

describe('verifyRecord: a replayed step fails, naming the second entry', () => {
  it('the same signed step twice, re-chained and re-sealed by a forger with the seal key', () => {
    const list = steps(5);
    const forged = record(list);
    forged.splice(3, 0, { ...forged[2], at: forged[3].at }); // entry 2's signed step, again, as entry 3
    const entries = chainAndSeal(forged);
    const verdict = verify(entries, logged(entries, 6));
    expect(verdict).toEqual({ ok: false, seq: 3, check: 'replay', failure: 'entry 3: replayed: the actor\'s signature of entry 2 appears again' });
  });

  it("an earlier step's idempotency key used again, freshly signed", () => {
    const list = steps(5);
    list[4] = { ...list[4], idempotencyKey: list[1].idempotencyKey };
    const entries = chainAndSeal(record(list));
    expect(verify(entries, logged(entries, 5))).toEqual({ ok: false, seq: 4, check: 'replay', failure: `entry 4: replayed: idempotency key "${ID}-1" of entry 1 appears again` });
  });

  it("a step under the registration's key, the decision id", () => {
    const list = steps(3);
    list[2] = { ...list[2], idempotencyKey: ID };
    const entries = chainAndSeal(record(list));
    expect(verify(entries, logged(entries, null))).toMatchObject({ ok: false, seq: 2, failure: expect.stringMatching(/replayed: idempotency key "D-1" of entry 0/) });
  });

  it('distinct steps with distinct keys verify', () => {
    const entries = chainAndSeal(record(steps(4)));
    expect(verify(entries, logged(entries, 4))).toMatchObject({ ok: true, pending: 0 });
  });
});

describe('verifyBundle: a malformed bundle is a failed one, said as such', () => {
  it('an entry null, or entries not a list: the format check fails, naming the bundle as malformed, never a JavaScript error', () => {
    for (const entries of [[null], [null, null]]) {
      const verdict = verifyBundle({ format: BUNDLE_FORMAT, decisionId: 'D-1', entries } as unknown as DecisionBundle, { systemKeys: [] } as unknown as TrustedKeys);
      expect(verdict).toMatchObject({ ok: false, check: 'format', failure: expect.stringMatching(/^the bundle is malformed: a field is missing or is not what a bundle holds there \(/) });
    }
  });
});

describe('runsUnsealed: the histories no archive entry seals (the offline verifier says so of the run still open)', () => {
  it('names the runs with no archiveHistory entry, and only those', () => {
    const entries = [
      { action: 'register', payload: {} },
      { action: 'archiveHistory', payload: { runId: 'run-1', historyHash: 'h' } },
    ] as Pick<RecordEntry, 'action' | 'payload'>[];
    const histories = [{ runId: 'run-1', history: { events: [] } }, { runId: 'run-2', history: { events: [] } }];
    expect(runsUnsealed(entries, histories)).toEqual(['run-2']);
    expect(runsUnsealed(entries, histories.slice(0, 1))).toEqual([]);
  });
});
