import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { decisionOfUrl } from '../../../../libs/nest/logging';
import { traceIdOf } from './request-tracing';

/**
 * One log line a request, as it is answered: its id (the one its answer carries), method, path and status, how long it
 * took, the decision it is about and, where tracing is on, its trace. A Fastify hook writing one line to the API's
 * logger (no middleware, no logger a request): pino-http through Nest's middleware cost a tenth of the API's cheapest
 * request (README, benchmarks). A 5xx is logged as an error.
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (req, reply, done) => {
    logRequest(logger, req, reply);
    done();
  });
}

/** The line itself: also for answers Fastify gives before any hook runs (a path it cannot decode, edge/http.ts). */
export function logRequest(logger: Logger, req: FastifyRequest, reply: FastifyReply): void {
  const status = reply.statusCode;
  const traceId = traceIdOf(req);
  const line = {
    req: { id: req.id, method: req.method, url: req.url },
    res: { statusCode: status },
    responseTime: Math.round(reply.elapsedTime * 10) / 10,
    ...decisionOfUrl(req.url),
    ...(traceId ? { traceId } : {}),
  };
  if (status >= 500) logger.error(line, 'request errored');
  else logger.info(line, 'request completed');
}
