import { condition, defineSignal, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { BenchActivities } from './activities';

/**
 * The baseline of `npm run bench:api`: the least a sign-off could cost in
 * Temporal, an Update whose handler runs one no-op activity. Bundled on its
 * own by the benchmark; no part of the production workflows.
 */
export const touchUpdate = defineUpdate<number, [{ n: number }]>('touch');
export const doneSignal = defineSignal('done');

const { noop } = proxyActivities<BenchActivities>({ startToCloseTimeout: '30 seconds' });

export async function benchWorkflow(): Promise<void> {
  let count = 0;
  let done = false;
  setHandler(touchUpdate, async () => {
    await noop();
    return ++count;
  });
  setHandler(doneSignal, () => void (done = true));
  await condition(() => done);
}
