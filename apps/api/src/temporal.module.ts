import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { temporalClientOptions, type AppConfig } from '../../../libs/config/config';
import { APP_CONFIG } from '../../../libs/nest/config.module';
import { flushTracing } from '../../../libs/telemetry/tracing';

export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');

@Injectable()
class TemporalLifecycle implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}
  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
    await flushTracing();
  }
}

/** The Temporal client, connected to the configured address and namespace. */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CLIENT,
      inject: [APP_CONFIG],
      // Lazy: the API starts (and answers 503 for what needs Temporal) while Temporal is still down.
      useFactory: (config: AppConfig) => {
        const connection = Connection.lazy(temporalClientOptions(config));
        // Where tracing is on, the request's trace context goes with each update and query into the workflow.
        const interceptors = config.otlpEndpoint ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : undefined;
        return new Client({ connection, namespace: config.temporalNamespace, interceptors });
      },
    },
    TemporalLifecycle,
  ],
  exports: [TEMPORAL_CLIENT],
})
export class TemporalModule {}
