import { hash } from 'node:crypto';
import { canonicalize } from './jcs';

/**
 * The hash chain of a decision's record: each accepted step is one entry,
 * serialised canonically (RFC 8785) and hashed with SHA-256; each entry names
 * the hash of the one before it, so removing, inserting, reordering or
 * altering any entry breaks every hash after it.
 */
export interface RecordEntry {
  v: 1;
  decisionId: string;
  seq: number;
  action: string;
  phaseAfter: string;
  actor: { id: string; name: string; role: string; organisation: string };
  /** ISO 8601, UTC, milliseconds. */
  at: string;
  payload: unknown;
  /** Every document hash the step refers to, sorted. */
  documents: string[];
  articles: string[];
  workflowId: string;
  runId: string;
  /** The Temporal activity that recorded the entry: with the run, it names the ActivityTaskScheduled event in the history. */
  activityId?: string;
  /** The actor's signature of the step as requested (see signatures.ts, signOffMessage). */
  signature?: { keyId: string; algorithm: string; value: string; idempotencyKey: string };
  /** The periods the step started, computed on the working calendar (see the domain's computePeriod). */
  periods?: { end: number; count?: number; calendarVersion: string; provisional: boolean }[];
  /** Registration only: the procedure profile's rules the decision is kept under (a snapshot: rules change, decisions keep theirs). */
  profile?: { id: string } & Record<string, unknown>;
  /** The appointment the signer relied on: its id, validity and the organisations up from the one acted for. Absent in entries made before offices were checked. */
  office?: { appointmentId: string; validFrom: string; validTo: string; path: { id: string; name: string; kind: string }[] };
  /** Registration only: whose decision it is. */
  authority?: { government: string; decidingOrgan: string; legalityReviewBody: string };
  prevHash: string | null;
}

export function entryHash(canonical: string): string {
  return `sha256:${hash('sha256', canonical, 'hex')}`;
}

/** The canonical text of an entry and its hash. */
export function sealEntry(entry: RecordEntry): { canonical: string; hash: string } {
  const canonical = canonicalize(entry);
  return { canonical, hash: entryHash(canonical) };
}

/** A document hash: 'sha256:' or 'sm3:' and 64 lowercase hex digits, the whole string. */
export const DOCUMENT_HASH = /^(sha256|sm3):[0-9a-f]{64}$/;

/** Every document hash ('sha256:…' or 'sm3:…') anywhere in a payload. */
export function documentHashes(payload: unknown): string[] {
  return [...new Set(documentReferences(payload).map((r) => r.hash))].sort();
}

/**
 * Every document hash anywhere in a payload, each once, with the field path where it first appears (in the payload's
 * order): `reportHash`, `groups.1.groupHash`, `alternatives.0.documentHash`. The paths name the field in a refusal.
 * Fields named in `skip` are passed over, wherever they are (hashes there that are not documents).
 */
export function documentReferences(payload: unknown, skip: ReadonlySet<string> = new Set()): { path: string; hash: string }[] {
  const found = new Map<string, string>();
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'string') {
      if (DOCUMENT_HASH.test(v) && !found.has(v)) found.set(v, path);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, path ? `${path}.${i}` : String(i)));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (!skip.has(k)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(payload, '');
  return [...found].map(([hash, path]) => ({ path, hash }));
}

export interface StoredEntry {
  seq: number;
  canonical: string;
  hash: string;
}

export type ChainVerdict = { ok: true; entries: number; head: string | null; parsed: RecordEntry[] } | { ok: false; seq: number; reason: string };

/** Checks a decision's entries, in stored order; names the first entry that does not hold. */
export function verifyChain(decisionId: string, entries: readonly StoredEntry[]): ChainVerdict {
  let prev: string | null = null;
  const parsedEntries: RecordEntry[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const fail = (reason: string): ChainVerdict => ({ ok: false, seq: e.seq, reason });
    if (e.seq !== i) return fail(typeof e.seq === 'number' ? `expected entry ${i} here, found entry ${e.seq}` : `expected entry ${i} here, found a seq that is not a number (${JSON.stringify(e.seq)})`);
    if (entryHash(e.canonical) !== e.hash) return fail('the entry does not match its hash');
    let parsed: RecordEntry;
    try {
      parsed = JSON.parse(e.canonical) as RecordEntry;
    } catch {
      return fail('the entry is not JSON');
    }
    if (canonicalize(parsed) !== e.canonical) return fail('the entry is not in canonical form');
    if (parsed.decisionId !== decisionId) return fail(`the entry belongs to decision ${parsed.decisionId}`);
    if (parsed.seq !== e.seq) return fail(`the entry says it is entry ${parsed.seq}`);
    if (parsed.prevHash !== prev) return fail(`the entry does not follow entry ${i - 1}`);
    prev = e.hash;
    parsedEntries.push(parsed);
  }
  return { ok: true, entries: entries.length, head: prev, parsed: parsedEntries };
}
