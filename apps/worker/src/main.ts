import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { loadConfig } from '../../../libs/config/config';
import { nestLoggerOver, workerLogger } from '../../../libs/nest/logging';
import { WorkerModule } from './worker.module';

/**
 * How far a heap may grow past what it held after a collection before the next one (V8's --heap-growing-percent):
 * left to itself, V8 let the worker's heaps grow far past their live data while thousands of decisions were
 * registered, so its memory swung between 680 and 1,040 MiB with 500 decisions cached (over the 1 GiB a worker is
 * sized for). At 50% it held 725 MiB at most, at the cost of more frequent collections (npm run bench:api, decisions).
 * For every heap of the process, the workflows' thread's included: set before the worker starts it.
 */
const HEAP_GROWING_PERCENT = 50;
setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);

// The worker is an application context, not an HTTP app.
async function bootstrap(): Promise<void> {
  // One JSON logger for Nest, the worker service and the Temporal SDK; the SDK's metrics for Prometheus. Before any connection.
  const { logger, temporal } = workerLogger();
  const { workerMetricsAddress } = loadConfig(process.env);
  Runtime.install({
    logger: temporal,
    ...(workerMetricsAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: workerMetricsAddress, countersTotalSuffix: true, useSecondsForDurations: true } } } } : {}),
  });
  if (workerMetricsAddress) console.log(`metrics for Prometheus at http://${workerMetricsAddress}/metrics`);
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: nestLoggerOver(logger) });
  app.enableShutdownHooks();
}

bootstrap().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
