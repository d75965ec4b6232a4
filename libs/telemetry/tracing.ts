import { trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** Tracing as a process runs it: where spans go, and how to send the last of them before exit. */
export interface Tracing {
  tracer: Tracer;
  resource: Resource;
  processor: SpanProcessor;
  shutdown(): Promise<void>;
}

let current: { endpoint: string; tracing: Tracing } | undefined;

/**
 * Starts OpenTelemetry tracing for this process (`service`: major-decision-api
 * or major-decision-worker) when an OTLP endpoint is configured
 * (OTEL_EXPORTER_OTLP_ENDPOINT); none otherwise. Spans go in batches over
 * OTLP/HTTP to `<endpoint>/v1/traces`; the context travels through Temporal's
 * headers (the SDK's OpenTelemetry interceptors), so a request, the workflow
 * update it sends and the activities it runs are one trace. Once per process:
 * a second call with the same endpoint gets the same tracing.
 */
export function startTracing(service: string, endpoint: string | undefined): Tracing | undefined {
  if (!endpoint) return undefined;
  // The API and the worker in one process (the tests; a small deployment) share it, named by the first.
  if (current) {
    if (current.endpoint !== endpoint) throw new Error(`tracing already exports to ${current.endpoint}, not ${endpoint}`);
    return current.tracing;
  }
  const resource = new Resource({ 'service.name': service });
  const processor = new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }), { scheduledDelayMillis: 1000 });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register();
  const tracing: Tracing = {
    tracer: trace.getTracer(service),
    resource,
    processor,
    shutdown: async () => {
      current = undefined;
      await provider.shutdown();
    },
  };
  current = { endpoint, tracing };
  return tracing;
}

/** Sends the spans still batched (before exit, or for a test that reads them). */
export async function flushTracing(): Promise<void> {
  await current?.tracing.processor.forceFlush();
}

/** Ends tracing in this process, sending what is left. */
export async function stopTracing(): Promise<void> {
  await current?.tracing.shutdown();
}
