import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Prisma, type PrismaClient } from '../libs/db/prisma';
import { SYSTEM_ACTOR } from '../libs/domain';
import { closedBy, historyHash, type HistoryJson } from '../libs/record/history';
import { canonicalize } from '../libs/record/jcs';
import type { SealKey } from '../libs/record/seal';
import { createRecordActivities } from './record.activities';

export interface ArchiveDeps {
  prisma: PrismaClient;
  temporal: Client;
  sealKey: SealKey;
}

/**
 * Stores the full history of a closed run and enters its hash in the record
 * at `seq` (action archiveHistory, by the system), so it is chained, sealed and
 * in the log: Temporal deletes closed histories after the retention period.
 * Safe to run again.
 */
export async function archiveRun(deps: ArchiveDeps, a: { decisionId: string; workflowId: string; runId: string; seq: number; recordedInRunId: string }): Promise<void> {
  const { prisma, temporal } = deps;
  const history = JSON.parse(historyToJSON(await temporal.workflow.getHandle(a.workflowId, a.runId).fetchHistory())) as HistoryJson;
  const closed = closedBy(history);
  if (!closed) throw new Error(`run ${a.runId} of ${a.workflowId} has not closed`);
  await prisma.workflowHistory.createMany({
    data: [{ runId: a.runId, decisionId: a.decisionId, workflowId: a.workflowId, history: canonicalize(history), historyHash: historyHash(history), events: history.events?.length ?? 0 }],
    skipDuplicates: true,
  });
  const stored = await prisma.workflowHistory.findUniqueOrThrow({ where: { runId: a.runId } });
  const decision = await prisma.decision.findUniqueOrThrow({ where: { id: a.decisionId } });
  await createRecordActivities(deps).recordStep({
    decisionId: a.decisionId,
    seq: a.seq,
    action: 'archiveHistory',
    actor: SYSTEM_ACTOR,
    payload: { runId: a.runId, historyHash: stored.historyHash, events: stored.events, closedBy: closed },
    articles: ['decree-713:33'],
    at: Date.now(),
    phaseAfter: decision.phase as never,
    holdAfter: decision.hold as never,
    overdue: decision.overdue,
    workflowId: a.workflowId,
    runId: a.recordedInRunId,
  });
}

/**
 * One query: the closed decisions whose record does not yet end with the archive of their last run. Those the
 * decision says are waiting (its last entry's action, kept by the record's append; a partial index holds them,
 * migration 20261206130000), each checked against its record's last entry: not every closed decision ever, each pass.
 */
export const ARCHIVE_PENDING = Prisma.sql`
  SELECT d.id, last.seq, last.workflow_id AS "workflowId", last.run_id AS "runId"
  FROM decisions d
  CROSS JOIN LATERAL (SELECT seq, action, workflow_id, run_id FROM decision_steps s WHERE s.decision_id = d.id ORDER BY seq DESC LIMIT 1) last
  WHERE d.phase = 'closed' AND d.last_action IS DISTINCT FROM 'archiveHistory' AND last.action <> 'archiveHistory'`;

/**
 * Archives the last run of every closed decision not archived yet (a
 * continued run archives its predecessor itself, from the workflow).
 */
export async function archivePending(deps: ArchiveDeps): Promise<number> {
  const pending = await deps.prisma.$queryRaw<{ id: string; seq: number; workflowId: string; runId: string }[]>(ARCHIVE_PENDING);
  let archived = 0;
  for (const last of pending) {
    const { status } = await deps.temporal.workflow.getHandle(last.workflowId, last.runId).describe();
    if (status.name === 'RUNNING') continue;
    await archiveRun(deps, { decisionId: last.id, workflowId: last.workflowId, runId: last.runId, seq: last.seq + 1, recordedInRunId: last.runId });
    archived++;
  }
  return archived;
}
