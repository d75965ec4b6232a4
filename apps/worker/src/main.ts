import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { loadConfig } from '../../../libs/config/config';
import { nestLoggerOver, workerLogger } from '../../../libs/nest/logging';
import { WorkerModule } from './worker.module';

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
