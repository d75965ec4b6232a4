import type { PrismaClient } from '../libs/db/prisma';
import { CARRIED_SECTIONS, signHead, type HeadActivities } from '../libs/record/head';
import { latestCheckpoint } from '../libs/record/log-store';
import type { SealKey } from '../libs/record/seal';

/** Seals the record's head for an export, from what the database holds (libs/record/head.ts says why). */
export function createHeadActivities({ prisma, sealKey }: { prisma: PrismaClient; sealKey: SealKey }): HeadActivities {
  return {
    async sealRecordHead(decisionId) {
      // The time first: an entry recorded before it is among those read after it, so a step the workflow history shows
      // recorded before this time and missing from the head was taken out (libs/record/bundle.ts, history-match).
      const signedAt = new Date().toISOString();
      // The checkpoint next: every entry it covers is among those read after it.
      const checkpoint = (await latestCheckpoint(prisma)) ?? null;
      const last = await prisma.decisionStep.findFirst({ where: { decisionId }, orderBy: { seq: 'desc' }, select: { seq: true, entryHash: true } });
      if (!last) return null;
      // Logged with the entry, in the same statement (record.activities.ts): every entry has its leaf.
      const leaf = await prisma.logLeaf.findUnique({ where: { decisionId_seq: { decisionId, seq: last.seq } }, select: { idx: true } });
      const head = signHead(sealKey, { decisionId, entries: last.seq + 1, lastHash: last.entryHash ?? '', lastLeaf: Number(leaf?.idx ?? -1), treeSize: checkpoint?.treeSize ?? 0, signedAt, carries: [...CARRIED_SECTIONS] });
      return { head, checkpoint };
    },
  };
}
