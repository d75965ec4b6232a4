import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { RecordActivities, StepEntry } from '../libs/domain';
import { DomainErrorType } from '../libs/domain';
import type { PrismaClient } from '../libs/db/prisma';
import { documentHashes, sealEntry, type RecordEntry } from '../libs/record/chain';
import { LOG_APPEND_LOCK } from '../libs/record/log-store';
import { leafHash } from '../libs/record/merkle';
import { sealOf, type SealKey } from '../libs/record/seal';

/** The activities that write a decision's procedure record to PostgreSQL. */
export function createRecordActivities({ prisma, sealKey }: { prisma: PrismaClient; sealKey: SealKey }): Omit<RecordActivities, 'archiveRun'> {
  return {
    async recordStep(step) {
      const sealed = await seal(prisma, step);
      // One step at a time across all decisions, so the log's leaf order is its commit order.
      await prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOG_APPEND_LOCK})`;
        // A retried activity finds its own row: skipDuplicates keeps the first, and the record is append-only anyway.
        const { count } = await tx.decisionStep.createMany({
          data: [
            {
              decisionId: step.decisionId,
              seq: step.seq,
              action: step.action,
              actorId: step.actor.id,
              actorName: step.actor.name,
              actorRole: step.actor.role,
              actorOrganisation: step.actor.organisation,
              payload: (step.payload ?? {}) as object,
              articles: step.articles,
              at: new Date(step.at),
              phaseAfter: step.phaseAfter,
              holdAfter: step.holdAfter,
              workflowId: step.workflowId,
              runId: step.runId,
              entry: sealed.canonical,
              entryHash: sealed.hash,
              prevHash: sealed.prevHash,
              seal: sealOf(sealKey, sealed.hash),
              sealKeyId: sealKey.keyId,
            },
          ],
          skipDuplicates: true,
        });
        if (count) {
          const [{ next }] = await tx.$queryRaw<{ next: bigint }[]>`SELECT COALESCE(MAX(idx) + 1, 0)::bigint AS next FROM log_leaves`;
          await tx.logLeaf.create({ data: { idx: next, decisionId: step.decisionId, seq: step.seq, leafHash: leafHash(Buffer.from(sealed.canonical, 'utf8')).toString('hex') } });
        }
        await tx.decision.update({
          where: { id: step.decisionId },
          data: { phase: step.phaseAfter, hold: step.holdAfter, overdue: step.overdue, updatedAt: new Date(step.at) },
        });
      });
      return { seq: step.seq };
    },

    async recordClockEvents({ decisionId, events, overdue, phase, hold }) {
      await prisma.$transaction([
        prisma.clockEvent.createMany({
          data: events.map((e) => ({ decisionId, deadlineId: e.deadlineId, kind: e.kind, at: new Date(e.at) })),
          skipDuplicates: true,
        }),
        prisma.decision.update({ where: { id: decisionId }, data: { overdue, phase, hold } }),
      ]);
    },
  };
}

/** The step as a chained record entry: canonical text, its hash, and the hash it follows. */
async function seal(prisma: PrismaClient, step: StepEntry) {
  let prevHash: string | null = null;
  if (step.seq > 0) {
    const prev = await prisma.decisionStep.findUnique({ where: { decisionId_seq: { decisionId: step.decisionId, seq: step.seq - 1 } }, select: { entryHash: true } });
    if (!prev) {
      throw ApplicationFailure.create({ type: DomainErrorType.RecordConflict, message: `decision ${step.decisionId}: step ${step.seq - 1} is missing from the record`, nonRetryable: false });
    }
    prevHash = prev.entryHash;
  }
  const { id, name, role, organisation } = step.actor;
  const { canonical, hash } = sealEntry({
    v: 1,
    decisionId: step.decisionId,
    seq: step.seq,
    action: step.action,
    phaseAfter: step.phaseAfter,
    actor: { id, name, role, organisation },
    at: new Date(step.at).toISOString(),
    payload: step.payload ?? {},
    documents: documentHashes(step.payload),
    articles: step.articles,
    workflowId: step.workflowId,
    runId: step.runId,
    activityId: currentActivityId(),
    signature: step.signature,
    periods: step.periods,
    profile: step.profile as RecordEntry['profile'],
    prevHash,
  });
  return { canonical, hash, prevHash };
}

/** The id of the running activity, or undefined when called outside one (the archiver). */
function currentActivityId(): string | undefined {
  try {
    return Context.current().info.activityId;
  } catch {
    return undefined;
  }
}
