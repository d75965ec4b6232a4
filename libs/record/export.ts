import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { PrismaClient } from '../db/prisma';
import { BUNDLE_FORMAT, type DecisionBundle } from './bundle';
import { proveInclusions } from './log-store';
import type { Checkpoint } from './seal';
import type { SignatureAlgorithm } from './signatures';

/**
 * One decision's record as a bundle for inspectors: entries with their seals
 * and signatures, the keys, the given checkpoint with an inclusion proof of
 * every entry it covers, and the Temporal history of every run (archived ones
 * from the record, a run still open from Temporal).
 */
export async function exportBundle(prisma: PrismaClient, temporal: Client, id: string, checkpoint: Checkpoint): Promise<DecisionBundle> {
  const rows = await prisma.decisionStep.findMany({ where: { decisionId: id }, orderBy: { seq: 'asc' } });
  const entries = rows.map((r) => ({ seq: r.seq, canonical: r.entry ?? '', hash: r.entryHash ?? '', seal: r.seal ?? '', sealKeyId: r.sealKeyId ?? '' }));
  const inclusion = (await proveInclusions(prisma, id, checkpoint.treeSize)).map(({ seq, leafIndex, proof }) => ({ seq, leafIndex, proof }));
  const keyIds = [...new Set(rows.map((r) => (r.entry ? (JSON.parse(r.entry) as { signature?: { keyId: string } }).signature?.keyId : undefined)).filter((k): k is string => !!k))];
  const actorKeys = await prisma.actorKey.findMany({ where: { keyId: { in: keyIds } } });
  const systemKeys = await prisma.systemKey.findMany();
  const archived = new Map((await prisma.workflowHistory.findMany({ where: { decisionId: id } })).map((h) => [h.runId, JSON.parse(h.history)]));
  const histories = [];
  for (const runId of [...new Set(rows.map((r) => r.runId))]) {
    const history = archived.get(runId) ?? JSON.parse(historyToJSON(await temporal.workflow.getHandle(id, runId).fetchHistory()));
    histories.push({ runId, history });
  }
  return {
    format: BUNDLE_FORMAT,
    decisionId: id,
    exportedAt: new Date().toISOString(),
    entries,
    checkpoint,
    inclusion,
    actorKeys: actorKeys.map((k) => ({ keyId: k.keyId, actorId: k.actorId, algorithm: k.algorithm as SignatureAlgorithm, publicKey: k.publicKey, validFrom: k.validFrom.toISOString(), validTo: k.validTo.toISOString(), revokedAt: k.revokedAt?.toISOString() ?? null })),
    systemKeys: systemKeys.map((k) => ({ keyId: k.keyId, algorithm: k.algorithm as SignatureAlgorithm, publicKey: k.publicKey })),
    histories,
  };
}
