import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { DomainErrorType } from '../libs/domain';
import { classifyDbFailure } from '../libs/db/failures';

/** Attempts given to a failure of unknown kind before it counts as permanent. */
export const UNKNOWN_FAILURE_ATTEMPTS = 5;

/**
 * What an activity throws when its database work failed: the error itself
 * (Temporal retries it) while a retry may help, otherwise a non-retryable
 * RecordRefused failure, with the database's reason, that the workflow turns
 * into a refusal of the step.
 */
export function storageFailure(err: unknown, what: string): Error {
  if (err instanceof ApplicationFailure) return err;
  const kind = classifyDbFailure(err);
  const attempt = currentAttempt();
  if (kind === 'transient' || (kind === 'unknown' && attempt < UNKNOWN_FAILURE_ATTEMPTS)) return err instanceof Error ? err : new Error(String(err));
  const reason = err instanceof Error ? err.message.split('\n').filter(Boolean).slice(-1)[0] ?? err.message : String(err);
  return ApplicationFailure.create({
    type: DomainErrorType.RecordRefused,
    message: `${what}: the database refused it (${kind === 'permanent' ? 'a data or constraint error' : `still failing after ${attempt} attempts`}): ${reason}`,
    nonRetryable: true,
  });
}

function currentAttempt(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return 1;
  }
}
