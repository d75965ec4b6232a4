import { parentPort } from 'node:worker_threads';
import { verifyBundle, type DecisionBundle, type TrustedKeys } from '../../../../libs/record/bundle';

/**
 * A verification thread of the API (see verify-pool.ts): the inspectors'
 * verifyBundle, off the event loop. One bundle at a time, one answer each.
 */
parentPort?.on('message', (job: { bundle: DecisionBundle; trusted: TrustedKeys }) => {
  try {
    parentPort?.postMessage({ verdict: verifyBundle(job.bundle, job.trusted) });
  } catch (err) {
    parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
