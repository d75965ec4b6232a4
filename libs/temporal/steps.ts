import { createHash } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainErrorType, type Command } from '../domain';
import { stepUpdate, type majorDecision } from '../../workflows';
import { canonicalize } from '../record/jcs';

/**
 * Sends one step to a decision's workflow, as the API and the tests do. A run
 * that is closing to continue as new refuses new steps (RunContinuing) so that
 * it can close; the step is then sent again, with the same update id, and the
 * next run takes it. Any other outcome is the caller's. Sent again for up to
 * `withinMs`, not a number of times: a run closes once the steps it took are
 * stored, which on a busy machine took longer than the hundred tries of 50 ms
 * this once was (a test of twelve experts at once failed so under load).
 */
export async function sendStep(handle: WorkflowHandle<typeof majorDecision>, command: Command, updateId: string, opts = { withinMs: 30_000, delayMs: 50 }) {
  const until = Date.now() + opts.withinMs;
  for (let delay = opts.delayMs; ; delay = Math.min(delay * 2, 1000)) {
    try {
      return await handle.executeUpdate(stepUpdate, { args: [command], updateId });
    } catch (err) {
      if (Date.now() + delay > until || !isRunContinuing(err)) throw err;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** The run was closing to continue as new and did not take the step (sendStep retries these a while). */
export function isRunContinuing(err: unknown): boolean {
  return err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === DomainErrorType.RunContinuing;
}

/**
 * The Temporal Update id of a step: its idempotency key and a digest of what
 * the step is. Temporal answers a repeated Update id with the first outcome,
 * so two different steps sent at once under one key must not share an id:
 * each then runs, the record takes the first, and the other is refused as a
 * reuse of the key. The same step sent twice shares the id and runs once.
 */
export function stepUpdateId(idempotencyKey: string, step: { action: string; actor: unknown; payload: unknown }): string {
  const { action, actor, payload } = step;
  return `${idempotencyKey}#${createHash('sha256').update(canonicalize({ action, actor, payload })).digest('hex').slice(0, 24)}`;
}

/** What idempotency compares of a step: its action, its actor (id, name, role, organisation) and its payload, canonically. */
export function stepIdentity(step: { action: string; actor: { id: string; name: string; role: string; organisation: string }; payload: unknown }): string {
  const { id, name, role, organisation } = step.actor;
  return canonicalize({ action: step.action, actor: { id, name, role, organisation }, payload: step.payload });
}

/** The same of a step as the record holds it (a `decision_steps` row). */
export function recordedStepIdentity(row: { action: string; actorId: string; actorName: string; actorRole: string; actorOrganisation: string; payload: unknown }): string {
  return stepIdentity({ action: row.action, actor: { id: row.actorId, name: row.actorName, role: row.actorRole, organisation: row.actorOrganisation }, payload: row.payload });
}
