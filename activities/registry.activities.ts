import { ApplicationFailure } from '@temporalio/common';
import type { RegistryActivities } from '../libs/domain';
import { DomainErrorType } from '../libs/domain';
import type { PrismaClient } from '../libs/db/prisma';

export interface RegistryDeps {
  prisma: PrismaClient;
}

/** The activities that keep the decision register in PostgreSQL. */
export function createRegistryActivities({ prisma }: RegistryDeps): RegistryActivities {
  return {
    async recordRegistration(input) {
      const data = {
        id: input.id,
        title: input.title,
        undertakingDepartment: input.undertakingDepartment,
        catalogRef: input.catalogRef,
        legalBasis: input.legalBasis,
        profile: input.profile,
        workflowId: input.workflowId,
        runId: input.runId,
        governmentId: input.authority?.government ?? null,
      };
      // A retried activity finds its own row: return it rather than fail.
      await prisma.decision.createMany({ data: [data], skipDuplicates: true });
      const row = await prisma.decision.findUniqueOrThrow({ where: { id: input.id } });
      if (row.runId !== input.runId) {
        throw ApplicationFailure.create({
          type: DomainErrorType.RecordConflict,
          message: `decision ${input.id} is already registered by workflow run ${row.runId}`,
          nonRetryable: true,
        });
      }
      return { id: row.id, workflowId: row.workflowId, runId: row.runId, registeredAt: row.registeredAt.toISOString() };
    },

    async withdrawRegistration({ id, runId }) {
      // Its migration says why a function (20261207140000); a retry finds the row gone, and does nothing.
      await prisma.$executeRaw`SELECT withdraw_registration(${id}, ${runId})`;
    },
  } satisfies RegistryActivities;
}
