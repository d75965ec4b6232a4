import { parentPort } from 'node:worker_threads';
import { groupNearDuplicates, SIGNATURE_BYTES } from '../../../../libs/comments/similarity';
import { verifyBundle } from '../../../../libs/record/bundle';
import type { CpuJobAnswer, CpuJobMessage, CpuJobs } from './cpu-jobs';

/**
 * A worker thread of the API (see thread-pool.ts): one job at a time, one answer each, off the event loop.
 */
const run: { [K in keyof CpuJobs]: (input: CpuJobs[K]['input']) => CpuJobs[K]['output'] } = {
  verifyBundle: ({ bundle, trusted }) => verifyBundle(bundle, trusted),
  groupNearDuplicates: ({ ids, exactKeys, signatures }) =>
    groupNearDuplicates(ids.map((id, i) => ({ id, exactKey: exactKeys[i], signature: signatures.subarray(i * SIGNATURE_BYTES, (i + 1) * SIGNATURE_BYTES) }))).groups,
};

parentPort?.on('message', (job: CpuJobMessage) => {
  let answer: CpuJobAnswer;
  try {
    answer = { output: (run[job.kind] as (input: unknown) => unknown)(job.input) };
  } catch (err) {
    answer = { error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(answer);
});
