import type { RecordActivities } from '../libs/domain';
import type { PrismaClient } from '../libs/db/prisma';

/** The activities that write a decision's procedure record to PostgreSQL. */
export function createRecordActivities({ prisma }: { prisma: PrismaClient }): RecordActivities {
  return {
    async recordStep(entry) {
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
