import { context, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';

/**
 * One span per HTTP request, named by its route (`POST /decisions/:id/steps`),
 * made the active context for everything the request does: the Temporal
 * client's interceptor carries it into the workflow's update and the
 * activities, so the request is one trace across the API, Temporal and the
 * worker. The decision's id is an attribute where the route has one.
 */
export function tracingMiddleware(tracer: Tracer) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const span = tracer.startSpan(`${req.method} ${req.path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': req.path } });
    res.on('close', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      if (route) {
        span.updateName(`${req.method} ${req.baseUrl}${route}`);
        span.setAttribute('http.route', `${req.baseUrl}${route}`);
      }
      if (typeof req.params?.id === 'string') span.setAttribute('decision.id', req.params.id);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(context.active(), span), next);
  };
}
