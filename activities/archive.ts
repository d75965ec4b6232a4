import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { PrismaClient } from '../libs/db/prisma';
import { Role, type Actor } from '../libs/domain';
import { canonicalize } from '../libs/record/jcs';
import type { SealKey } from '../libs/record/seal';
import { createRecordActivities } from './record.activities';

/** The engine itself, as the actor of what it records on its own. */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: '重大行政决策系统 (the decision engine)', role: Role.System, organisation: 'system' };

/** The hash the record keeps of an archived history: SHA-256 of its RFC 8785 form. */
export function historyHash(history: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalize(history), 'utf8').digest('hex')}`;
}

/**
 * Archives the history of a decision's last run once that run has closed:
 * stores it, and enters its hash in the decision's record (action
 * archiveHistory), so it is chained, sealed and in the log. Safe to run again:
 * a run whose archive entry exists is left alone.
 */
export async function archiveClosedRun(deps: { prisma: PrismaClient; temporal: Client; sealKey: SealKey }, decisionId: string): Promise<boolean> {
  const { prisma, temporal } = deps;
  const last = await prisma.decisionStep.findFirst({ where: { decisionId }, orderBy: { seq: 'desc' } });
  if (!last || last.action === 'archiveHistory') return false;
  const handle = temporal.workflow.getHandle(last.workflowId, last.runId);
  const { status } = await handle.describe();
  if (status.name === 'RUNNING') return false;
  const history = JSON.parse(historyToJSON(await handle.fetchHistory())) as { events?: unknown[] };
  const hash = historyHash(history);
  await prisma.workflowHistory.createMany({
    data: [{ runId: last.runId, decisionId, workflowId: last.workflowId, history: canonicalize(history), historyHash: hash, events: history.events?.length ?? 0 }],
    skipDuplicates: true,
  });
  const stored = await prisma.workflowHistory.findUniqueOrThrow({ where: { runId: last.runId } });
  const decision = await prisma.decision.findUniqueOrThrow({ where: { id: decisionId } });
  await createRecordActivities(deps).recordStep({
    decisionId,
    seq: last.seq + 1,
    action: 'archiveHistory',
    actor: SYSTEM_ACTOR,
    payload: { runId: last.runId, historyHash: stored.historyHash, events: stored.events, status: status.name },
    articles: ['decree-713:33'],
    at: Date.now(),
    phaseAfter: decision.phase as never,
    holdAfter: decision.hold as never,
    overdue: decision.overdue,
    workflowId: last.workflowId,
    runId: last.runId,
  });
  return true;
}

/** Archives every closed decision whose last run is not archived yet. */
export async function archivePending(deps: { prisma: PrismaClient; temporal: Client; sealKey: SealKey }): Promise<number> {
  const closed = await deps.prisma.decision.findMany({ where: { phase: 'closed' }, select: { id: true } });
  let archived = 0;
  for (const { id } of closed) if (await archiveClosedRun(deps, id)) archived++;
  return archived;
}
