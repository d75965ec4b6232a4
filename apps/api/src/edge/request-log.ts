import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { decisionOfUrl } from '../../../../libs/nest/logging';
import { onRequestEnd, type RequestEnd } from './request-end';
import { traceIdOf } from './request-tracing';

/**
 * One log line a request, as it ends: its id (the one its answer carries), method, path and status, how long it took,
 * the decision it is about and, where tracing is on, its trace. Fastify hooks writing one line to the API's logger (no
 * middleware, no logger a request): pino-http through Nest's middleware cost a tenth of the API's cheapest request
 * (README, benchmarks). A 5xx is logged as an error; a request the client cut off before its answer, as aborted.
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  onRequestEnd(fastify, (req, reply, how) => logRequest(logger, req, reply, how));
}

/** The line itself: also for answers Fastify gives before any hook runs (a path it cannot decode, edge/http.ts). */
export function logRequest(logger: Logger, req: FastifyRequest, reply: FastifyReply, how: RequestEnd = 'answered'): void {
  const traceId = traceIdOf(req);
  const line = {
    req: { id: req.id, method: req.method, url: req.url },
    ...(how === 'answered' ? { res: { statusCode: reply.statusCode } } : { aborted: true }),
    responseTime: Math.round(reply.elapsedTime * 10) / 10,
    ...decisionOfUrl(req.url),
    ...(traceId ? { traceId } : {}),
  };
  if (how === 'aborted') logger.info(line, 'request aborted');
  else if (reply.statusCode >= 500) logger.error(line, 'request errored');
  else logger.info(line, 'request completed');
}
