import { ApplicationFailure } from '@temporalio/common';
import type { RecordActivities, StepEntry } from '../libs/domain';
import { DomainErrorType } from '../libs/domain';
import type { PrismaClient } from '../libs/db/prisma';
import { documentHashes, sealEntry } from '../libs/record/chain';

/** The activities that write a decision's procedure record to PostgreSQL. */
export function createRecordActivities({ prisma }: { prisma: PrismaClient }): RecordActivities {
  return {
    async recordStep(entry) {
      const sealed = await seal(prisma, entry);
      // A retried activity finds its own row: skipDuplicates keeps the first, and the record is append-only anyway.
      await prisma.$transaction([
        prisma.decisionStep.createMany({
          data: [
            {
              decisionId: entry.decisionId,
              seq: entry.seq,
              action: entry.action,
              actorId: entry.actor.id,
              actorName: entry.actor.name,
              actorRole: entry.actor.role,
              actorOrganisation: entry.actor.organisation,
              payload: (entry.payload ?? {}) as object,
              articles: entry.articles,
              at: new Date(entry.at),
              phaseAfter: entry.phaseAfter,
              holdAfter: entry.holdAfter,
              workflowId: entry.workflowId,
              runId: entry.runId,
              entry: sealed.canonical,
              entryHash: sealed.hash,
              prevHash: sealed.prevHash,
            },
          ],
          skipDuplicates: true,
        }),
        prisma.decision.update({
          where: { id: entry.decisionId },
          data: { phase: entry.phaseAfter, hold: entry.holdAfter, overdue: entry.overdue, updatedAt: new Date(entry.at) },
        }),
      ]);
      return { seq: entry.seq };
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
    signature: step.signature,
    prevHash,
  });
  return { canonical, hash, prevHash };
}
