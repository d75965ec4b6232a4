import type { Prisma, PrismaClient } from '../db/prisma';
import { AUTHORITY_LOG_ID, authorityEventCanonical, authorityLeafHash, type AuthorityEventKind, type BundleAuthorityEvent } from './authority-log';
import { LOG_APPEND_LOCK, logPositions } from './log-store';

type Tx = Prisma.TransactionClient;

/** The acts that concern the same subject as one of this kind. */
const ACTS_ON: Record<AuthorityEventKind, AuthorityEventKind[]> = {
  organisation: ['organisation'],
  appointment: ['appointment', 'appointment-end'],
  'appointment-end': ['appointment', 'appointment-end'],
  key: ['key', 'key-revocation'],
  'key-revocation': ['key', 'key-revocation'],
};
export interface WantedEvent {
  kind: AuthorityEventKind;
  subjectId: string;
  body: Record<string, unknown>;
}

/**
 * Appends a registrar's act to the global log, inside the caller's
 * transaction (so the act and its event commit together), under the same lock
 * as the decisions' entries. An act logged already is not logged again.
 */
export async function appendAuthorityEvent(tx: Tx, event: WantedEvent): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOG_APPEND_LOCK})`;
  const held = await tx.authorityEvent.findUnique({ where: { kind_subjectId: { kind: event.kind, subjectId: event.subjectId } }, select: { seq: true } });
  if (held) return;
  const [{ seq }] = await tx.$queryRaw<{ seq: number }[]>`SELECT COALESCE(MAX(seq) + 1, 0)::int AS seq FROM authority_events`;
  const canonical = authorityEventCanonical({ seq, ...event });
  await tx.authorityEvent.create({ data: { seq, kind: event.kind, subjectId: event.subjectId, canonical } });
  const [{ next }] = await tx.$queryRaw<{ next: bigint }[]>`SELECT COALESCE(MAX(idx) + 1, 0)::bigint AS next FROM log_leaves`;
  await tx.logLeaf.create({ data: { idx: next, decisionId: AUTHORITY_LOG_ID, seq, leafHash: authorityLeafHash(canonical) } });
}

/**
 * The events a bundle needs, with their places in the log and inclusion
 * proofs under the checkpoint. An organisation, appointment or key registered
 * before its acts were logged is logged now, the first time a bundle needs
 * it (from then on it is as fixed as the rest).
 */
export async function authorityEventsFor(prisma: PrismaClient, wanted: readonly WantedEvent[], treeSize: number): Promise<BundleAuthorityEvent[]> {
  if (!wanted.length) return [];
  const key = (kind: string, subjectId: string) => `${kind} ${subjectId}`;
  // Every logged act on each subject, not only those the rows show: an end or revocation struck from a row stays in the bundle.
  const find = () => prisma.authorityEvent.findMany({ where: { OR: wanted.map((w) => ({ kind: { in: ACTS_ON[w.kind] }, subjectId: w.subjectId })) } });
  let events = await find();
  const logged = new Set(events.map((e) => key(e.kind, e.subjectId)));
  const missing = wanted.filter((w) => !logged.has(key(w.kind, w.subjectId)));
  if (missing.length) {
    await prisma.$transaction(async (tx) => {
      for (const w of missing) await appendAuthorityEvent(tx, w);
    });
    events = await find();
  }
  const seqs = new Set(events.map((e) => e.seq));
  const positions = new Map((await logPositions(prisma, AUTHORITY_LOG_ID, treeSize, [...seqs])).map((p) => [p.seq, p]));
  return events
    .sort((a, b) => a.seq - b.seq)
    .map((e) => ({ canonical: e.canonical, leafIndex: positions.get(e.seq)?.leafIndex ?? -1, proof: positions.get(e.seq)?.proof ?? null }));
}
