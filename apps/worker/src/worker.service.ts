import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';
import { NativeConnection, Worker } from '@temporalio/worker';
import { archivePending } from '../../../activities/archive';
import { createActivities } from '../../../activities';
import { temporalClientOptions, temporalConnectionOptions, type AppConfig } from '../../../libs/config/config';
import type { PrismaClient } from '../../../libs/db/prisma';
import { APP_CONFIG } from '../../../libs/nest/config.module';
import { PRISMA } from '../../../libs/nest/prisma.module';
import { checkpointIfDue } from '../../../libs/record/log-store';
import { loadSealKey } from '../../../libs/record/seal';
import { startTracing } from '../../../libs/telemetry/tracing';
import { workflowSource } from './workflow-source';

/** Runs the Temporal worker for decisions for as long as the application context lives. */
@Injectable()
export class WorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerService.name);
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
  ) {}

  private checkpoints?: NodeJS.Timeout;
  private temporalClient?: Client;

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.sealKeyFile) throw new Error('SEAL_KEY_FILE is required for the worker: the file of the system key that seals the record');
    const sealKey = loadSealKey(this.config.sealKeyFile);
    await this.prisma.systemKey.createMany({ data: [{ keyId: sealKey.keyId, algorithm: sealKey.algorithm, publicKey: sealKey.publicKey }], skipDuplicates: true });
    const temporal = new Client({ connection: await Connection.connect(temporalClientOptions(this.config)), namespace: this.config.temporalNamespace });
    this.temporalClient = temporal;
    const connection = await NativeConnection.connect(temporalConnectionOptions(this.config));
    // Where tracing is on, the workflows and activities join the trace of the request that moved them. The workflow
    // interceptors are bundled in: the worker bundles its workflow code at start then, not from the prebuilt bundle.
    const tracing = startTracing('major-decision-worker', this.config.otlpEndpoint);
    this.worker = await Worker.create({
      connection,
      namespace: this.config.temporalNamespace,
      taskQueue: this.config.taskQueue,
      ...(tracing ? workflowSource(undefined) : workflowSource(this.config.workflowBundlePath)),
      activities: createActivities({ prisma: this.prisma, sealKey, temporal }),
      // Bounded, so a worker's memory does not grow with the decisions open (about half a megabyte each, measured):
      // a decision not cached is replayed from its history when it next moves.
      maxCachedWorkflows: this.config.workflowCacheSize,
      ...(tracing ? { plugins: [new OpenTelemetryPlugin({ resource: tracing.resource, spanProcessor: tracing.processor })] } : {}),
    });
    this.running = this.worker.run().finally(() => connection.close());
    // A worker that dies on its own takes the process with it, so a supervisor restarts it.
    this.running.catch((err) => {
      this.logger.error(`worker stopped: ${err}`);
      process.exit(1);
    });
    this.logger.log(`polling task queue ${this.config.taskQueue} on ${this.config.temporalAddress}`);
    // At intervals: archive the histories of closed runs into the record, then sign a checkpoint of the log if it grew
    // and no other worker has signed one within the interval.
    let busy = false;
    this.checkpoints = setInterval(() => {
      if (busy) return;
      busy = true;
      archivePending({ prisma: this.prisma, temporal, sealKey })
        .then(() => checkpointIfDue(this.prisma, sealKey, this.config.checkpointIntervalSeconds * 1000))
        .catch((err) => this.logger.error(`archive or checkpoint failed: ${err}`))
        .finally(() => (busy = false));
    }, this.config.checkpointIntervalSeconds * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.checkpoints);
    await this.temporalClient?.connection.close();
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
  }
}
