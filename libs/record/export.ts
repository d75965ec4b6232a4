import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { PrismaClient } from '../db/prisma';
import { BUNDLE_FORMAT, type DecisionBundle } from './bundle';
import { logPositions } from './log-store';
import type { Checkpoint } from './seal';
import type { SignatureAlgorithm } from './signatures';

/**
 * One decision's record as a bundle for inspectors: entries with their seals
 * and signatures, the keys, the given checkpoint (none before the first is
 * signed) with every entry's leaf in the log and an inclusion proof of every
 * entry it covers (the others are pending), and the Temporal history of every
 * run (archived ones from the record, a run still open from Temporal).
 */
export async function exportBundle(prisma: PrismaClient, temporal: Client, id: string, checkpoint: Checkpoint | null | undefined): Promise<DecisionBundle> {
  const rows = await prisma.decisionStep.findMany({ where: { decisionId: id }, orderBy: { seq: 'asc' } });
  const entries = rows.map((r) => ({ seq: r.seq, canonical: r.entry ?? '', hash: r.entryHash ?? '', seal: r.seal ?? '', sealKeyId: r.sealKeyId ?? '' }));
  const inclusion = await logPositions(prisma, id, checkpoint?.treeSize ?? 0);
  // The entries as stored; one that no longer parses still goes into the bundle, for the verifier to name.
  const parsed = rows.map((r) => parseEntry(r.entry));
  const keyIds = [...new Set(parsed.map((e) => e?.signature?.keyId).filter((k): k is string => typeof k === 'string'))];
  const actorKeys = await prisma.actorKey.findMany({ where: { keyId: { in: keyIds } } });
  const systemKeys = await prisma.systemKey.findMany();
  const archived = new Map((await prisma.workflowHistory.findMany({ where: { decisionId: id } })).map((h) => [h.runId, JSON.parse(h.history)]));
  // A run the record says it archived comes from the archive and nowhere else: a lost archive shows as lost.
  const archivedByRecord = new Set(parsed.filter((e) => e?.action === 'archiveHistory').map((e) => e?.payload?.runId));
  const histories = [];
  for (const runId of [...new Set(rows.map((r) => r.runId))]) {
    const history = archived.get(runId) ?? (archivedByRecord.has(runId) ? undefined : JSON.parse(historyToJSON(await temporal.workflow.getHandle(id, runId).fetchHistory())));
    if (history) histories.push({ runId, history });
  }
  return {
    format: BUNDLE_FORMAT,
    decisionId: id,
    exportedAt: new Date().toISOString(),
    entries,
    checkpoint: checkpoint ?? null,
    inclusion,
    actorKeys: actorKeys.map((k) => ({ keyId: k.keyId, actorId: k.actorId, algorithm: k.algorithm as SignatureAlgorithm, publicKey: k.publicKey, validFrom: k.validFrom.toISOString(), validTo: k.validTo.toISOString(), revokedAt: k.revokedAt?.toISOString() ?? null, endorsedBy: k.endorsedBy, endorsement: k.endorsement })),
    systemKeys: systemKeys.map((k) => ({ keyId: k.keyId, algorithm: k.algorithm as SignatureAlgorithm, publicKey: k.publicKey })),
    histories,
  };
}

function parseEntry(text: string | null): { action?: string; signature?: { keyId?: unknown }; payload?: { runId?: string } } | undefined {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
