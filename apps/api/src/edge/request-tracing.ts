import { context, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const SPAN = Symbol('span');

/**
 * One span per HTTP request, named by its route (`POST /decisions/:id/steps`),
 * made the active context for everything the request does: the Temporal
 * client's interceptor carries it into the workflow's update and the
 * activities, so the request is one trace across the API, Temporal and the
 * worker. The decision's id is an attribute where the route has one.
 */
export function traceRequests(fastify: FastifyInstance, tracer: Tracer): void {
  fastify.addHook('onRequest', (req, _reply, done) => {
    const path = req.url.split('?')[0];
    const span = tracer.startSpan(`${req.method} ${path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': path } });
    (req as FastifyRequest & { [SPAN]?: Span })[SPAN] = span;
    // The rest of the request runs inside this callback's context: the span is active throughout.
    context.with(trace.setSpan(context.active(), span), done);
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    const span = (req as FastifyRequest & { [SPAN]?: Span })[SPAN];
    if (span) {
      const route = req.routeOptions.url;
      if (route) {
        span.updateName(`${req.method} ${route}`);
        span.setAttribute('http.route', route);
      }
      const id = (req.params as { id?: unknown } | undefined)?.id;
      if (typeof id === 'string') span.setAttribute('decision.id', id);
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
}

/** The trace a request is part of, where tracing is on: its log line names it, so a line leads to the trace and back. */
export function traceIdOf(req: FastifyRequest): string | undefined {
  return (req as FastifyRequest & { [SPAN]?: Span })[SPAN]?.spanContext().traceId;
}
