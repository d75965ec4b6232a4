import { readFileSync } from 'node:fs';
import { NativeConnection, Worker } from '@temporalio/worker';
import { benchActivities } from './activities';

/**
 * The baseline's worker, a process of its own as the decisions' worker is:
 * runs the bench workflow (bundled by infra/bench-api.ts into BENCH_BUNDLE)
 * on BENCH_TASK_QUEUE until SIGTERM.
 */
async function main(): Promise<void> {
  const env = process.env;
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS! });
  const worker = await Worker.create({
    connection,
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.BENCH_TASK_QUEUE!,
    workflowBundle: { code: readFileSync(env.BENCH_BUNDLE!, 'utf8') },
    activities: benchActivities,
  });
  process.on('SIGTERM', () => worker.shutdown());
  const running = worker.run();
  console.log(`bench worker polling ${env.BENCH_TASK_QUEUE}`);
  await running;
  await connection.close();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
