import { canonicalize } from './jcs';
import type { PublicKeyInfo } from './key-info';
import { LOG_ORIGIN, type Checkpoint, type SealKey } from './seal';
import { signMessage, verifySignature } from './signatures';

/**
 * The record's head as the system saw it when the bundle was exported, under its seal: how many entries the decision
 * had, the last one's hash, and the checkpoint the bundle carries. The chain proves that no entry was changed or left
 * out before the last one given, the checkpoint that each was logged; neither says that none came after it. A bundle cut
 * at its tail, with the open run's history cut to match, verified as complete (tester, 2026-12-06), and so did one
 * whose checkpoint was taken out, every entry then "pending". The head is signed by the worker, which holds the seal
 * key, from what the database holds, not from what the exporting API says; its time is when the bundle speaks for.
 */
export interface RecordHead {
  decisionId: string;
  /** The number of entries (the last one's seq + 1). */
  entries: number;
  lastHash: string;
  /** The last entry's leaf in the log: entries before it cannot be moved past the checkpoint to pass as pending. */
  lastLeaf: number;
  /** The size of the checkpoint the bundle carries; 0 before the first one was signed. */
  treeSize: number;
  signedAt: string;
  /**
   * The parts of the bundle the export carries besides the entries (CARRIED_SECTIONS), each checked only where it is
   * there: one taken out of the bundle is said so, not skipped (inspector tester, 2026-12-07: with authorityEvents
   * deleted, a revocation struck from a key verified OK). Heads sealed before it have none.
   */
  carries?: string[];
  keyId: string;
  signature: string;
}

/** What every export now carries, possibly empty: the registrars' logged acts, and the Art. 41 disqualifications. */
export const CARRIED_SECTIONS = ['authorityEvents', 'expertDisqualifications'] as const;

/** What a head's signature covers; named apart from a checkpoint's, so neither passes for the other. */
export function headMessage(h: Omit<RecordHead, 'keyId' | 'signature'>): Buffer {
  return Buffer.from(canonicalize({ origin: `${LOG_ORIGIN}/head`, decisionId: h.decisionId, entries: h.entries, lastHash: h.lastHash, lastLeaf: h.lastLeaf, treeSize: h.treeSize, signedAt: h.signedAt, ...(h.carries !== undefined ? { carries: h.carries } : {}) }), 'utf8');
}

export function signHead(key: SealKey, h: Omit<RecordHead, 'keyId' | 'signature'>): RecordHead {
  return { ...h, keyId: key.keyId, signature: signMessage(key.algorithm, key.privateKey, headMessage(h)) };
}

/** A sealed head and the checkpoint it names, as the worker gives them for an export. */
export interface SealedHead {
  head: RecordHead;
  checkpoint: Checkpoint | null;
}

/**
 * What is wrong with a bundle's head, if anything: it is sealed by a trusted system key, names this decision, and
 * says the bundle's entries are all there were, ending with its last, under the checkpoint it carries.
 */
export function headProblem(
  head: RecordHead,
  bundle: { decisionId: string; entries: readonly { seq: number; hash: string }[]; inclusion?: readonly { seq: number; leafIndex: number }[]; checkpoint: Checkpoint | null | undefined },
  systemKeys: readonly PublicKeyInfo[],
): string | undefined {
  // A head of another shape is said as one (retest: {} was "not sealed by a trusted system key (undefined)").
  const shaped = typeof head === 'object' && head !== null && typeof head.keyId === 'string' && typeof head.signature === 'string' && typeof head.decisionId === 'string' && Number.isSafeInteger(head.entries) && Number.isSafeInteger(head.lastLeaf) && Number.isSafeInteger(head.treeSize) && typeof head.lastHash === 'string' && typeof head.signedAt === 'string';
  if (!shaped || (head.carries !== undefined && !(Array.isArray(head.carries) && head.carries.every((c) => typeof c === 'string')))) return "the record's head is malformed: it is not what the system seals (decisionId, entries, lastHash, lastLeaf, treeSize, signedAt, keyId, signature)";
  const key = systemKeys.find((k) => k.keyId === head.keyId);
  if (!key) return `the record's head is not sealed by a trusted system key (${head.keyId})`;
  if (!verifySignature(key.algorithm, key.publicKey, headMessage(head), head.signature)) return "the seal of the record's head does not hold";
  if (head.decisionId !== bundle.decisionId) return `the record's head is decision ${head.decisionId}'s, not ${bundle.decisionId}'s`;
  const last = bundle.entries[bundle.entries.length - 1];
  if (bundle.entries.length !== head.entries || last?.seq !== head.entries - 1 || last.hash !== head.lastHash) {
    return `the record had ${head.entries} entries when exported (${head.signedAt}), the last one ${head.lastHash}; the bundle gives ${bundle.entries.length}, the last one ${last?.hash ?? 'none'}: entries were left out`;
  }
  const size = bundle.checkpoint?.treeSize ?? 0;
  if (size !== head.treeSize) return `the bundle was exported with the checkpoint of size ${head.treeSize}, and carries ${size ? `one of size ${size}` : 'none'}`;
  const leaf = bundle.inclusion?.find((p) => p?.seq === last.seq)?.leafIndex;
  if (leaf !== head.lastLeaf) return `the last entry is at leaf ${head.lastLeaf} of the log, the bundle says ${leaf ?? 'nowhere'}`;
  const missing = (head.carries ?? []).filter((c) => !Array.isArray((bundle as unknown as Record<string, unknown>)[c]));
  if (missing.length) return `the bundle was exported with its ${missing.join(' and ')}, and carries ${missing.length > 1 ? 'neither' : 'none'}: ${missing.length > 1 ? 'they were' : 'it was'} taken out, and what ${missing.length > 1 ? 'they' : 'it'} would have shown cannot be checked`;
  return undefined;
}

/** The worker's activity that seals a head for an export (activities/head.activities.ts), run by the workflow recordHead. */
export interface HeadActivities {
  /** The decision's head now, under the latest checkpoint, sealed; null for a decision with no entry. */
  sealRecordHead(decisionId: string): Promise<SealedHead | null>;
}
