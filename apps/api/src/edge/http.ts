import { HttpException, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { isUtf8 } from 'node:buffer';
import { json, urlencoded, type RequestHandler } from 'express';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../../../../libs/nest/config.module';
import { startTracing } from '../../../../libs/telemetry/tracing';
import { bodyParserError } from '../errors';
import { tracingMiddleware } from './tracing.middleware';

/**
 * What the HTTP server itself enforces, for the API as it runs and as tests
 * build it: the size of a JSON body (larger ones get 413 before they are read
 * whole), a clear 4xx for a body that cannot be read, and which proxies'
 * X-Forwarded-For to believe (TRUST_PROXY), and a span per request where
 * tracing is configured (OTEL_EXPORTER_OTLP_ENDPOINT). Call before init().
 */
export function configureHttp(app: INestApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  const express = app as NestExpressApplication;
  const answered = (parse: RequestHandler): RequestHandler => (req, res, next) =>
    parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const answer = bodyParserError(err);
      next(answer ? new HttpException(answer.body, answer.status) : err);
    });
  // Bytes that are not UTF-8 would be decoded into U+FFFD and stored so: refused instead.
  const utf8Only = (_req: unknown, _res: unknown, buf: Buffer) => {
    if (!isUtf8(buf)) throw Object.assign(new Error('body is not UTF-8'), { status: 400, type: 'encoding.invalid' });
  };
  // Named as Nest names its own parsers, so it does not add them again.
  const jsonParser = answered(json({ limit: config.maxJsonBodyBytes, verify: utf8Only }));
  const urlencodedParser = answered(urlencoded({ limit: config.maxJsonBodyBytes, extended: false, verify: utf8Only }));
  // Traced where an OTLP endpoint is configured: first, so the span covers all the request does.
  const tracing = startTracing('major-decision-api', config.otlpEndpoint);
  if (tracing) express.use(tracingMiddleware(tracing.tracer));
  express.use(jsonParser);
  express.use(urlencodedParser);
  // Behind reverse proxies, a client is its forwarded address (rate limits, comment folding): only the proxies named.
  if (config.trustProxy !== undefined) express.set('trust proxy', config.trustProxy);
  // Node ends any request still arriving after 300 s (408). A document of up to MAX_DOCUMENT_BYTES over a slow
  // government line (100 MiB at 2 Mbit/s is seven minutes), or on a busy machine, needs longer: an hour.
  const server = app.getHttpServer() as { requestTimeout?: number } | undefined;
  if (server) server.requestTimeout = REQUEST_TIMEOUT_MS;
}

/** How long one request may take to arrive in full (Node's requestTimeout). */
export const REQUEST_TIMEOUT_MS = 60 * 60 * 1000;
