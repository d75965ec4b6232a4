import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { loadConfig } from '../../../libs/config/config';
import { WorkerModule } from './worker.module';

// The worker is an application context, not an HTTP app.
async function bootstrap(): Promise<void> {
  // The Temporal SDK's metrics, and the activities' own (record append latency), for Prometheus; before any connection.
  const { workerMetricsAddress } = loadConfig(process.env);
  if (workerMetricsAddress) {
    Runtime.install({ telemetryOptions: { metrics: { prometheus: { bindAddress: workerMetricsAddress, countersTotalSuffix: true, useSecondsForDurations: true } } } });
    console.log(`metrics for Prometheus at http://${workerMetricsAddress}/metrics`);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
}

bootstrap().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
