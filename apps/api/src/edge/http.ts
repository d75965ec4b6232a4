import { BadRequestException, type INestApplication } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import proxyAddr from '@fastify/proxy-addr';
import type { Client } from '@temporalio/client';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { isUtf8 } from 'node:buffer';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { pipeline, type Duplex, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../../../../libs/nest/config.module';
import { startTracing } from '../../../../libs/telemetry/tracing';
import { clientKey } from '../auth/client';
import { toHttp } from '../errors';
import { TEMPORAL_CLIENT } from '../temporal.module';
import { apiLogger, requestIdOf } from '../../../../libs/nest/logging';
import { traceRequests } from './request-tracing';
import { logRequest, logRequests } from './request-log';
import { firstDuplicateKey } from './duplicate-keys';

/**
 * The HTTP server the API runs on: Fastify (on this machine Nest over Express answered a third as many requests a second
 * as Nest over Fastify, and the API's floor rose from 0.32x to 0.50x of raw inserts with the move: README, benchmarks). Routes answer with or without a trailing slash, in any letter case, as they did; a path parameter may be
 * as long as Node takes a request line (16 KiB of headers; a too-long id is refused by the validation, naming it, not by a silent 404).
 */
export function apiHttpAdapter(logger: Logger = apiLogger()): FastifyAdapter {
  return new FastifyAdapter({
    // Node ends any request still arriving after this (408): a document of up to MAX_DOCUMENT_BYTES over a slow
    // government line (100 MiB at 2 Mbit/s is seven minutes), or on a busy machine, needs longer than Node's 300 s.
    requestTimeout: REQUEST_TIMEOUT_MS,
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false, maxParamLength: 64 * 1024 },
    // Requests arriving on open connections while the API shuts down are answered as ever (Fastify's own 503 would be
    // English only and without Retry-After); shutdown waits for them, bounded in main.ts.
    return503OnClosing: false,
    // Every request is logged once, by the API's own logger (request-log.ts); the request id is its.
    logger: false,
    // The request's id, which its log line and its answer carry: the caller's, if it is a plain token.
    genReqId: requestIdOf,
    // What Node refuses before Fastify reads a request (headers too large, bytes that are not HTTP) is said in Chinese too.
    clientErrorHandler: answerClientError(logger),
    // A path Fastify cannot decode (a percent-escape that is not UTF-8) is answered as every refusal is, naming the part.
    frameworkErrors: (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      const path = req.url.split('?')[0];
      const undecodable = path.split('/').find((part: string) => !decodes(part));
      const { status, body } = toHttp(undecodable === undefined ? error : new BadRequestException(`Failed to decode param '${undecodable}'`));
      void reply.code(status).header('x-request-id', req.id).send(body);
      // Answered before the hooks that log every other request: logged here, as they would.
      logRequest(logger, req, reply);
    },
  });
}

/**
 * The answer to a request Node could not read as one: Fastify's own is English only. Said as every refusal is, in
 * Chinese with the English after it, and logged once (no request, so no request id).
 */
export function answerClientError(logger: Logger) {
  return (err: Error & { code?: string }, socket: Duplex): void => {
    // A connection reset, or one the client ended in the middle of a request (the request log has it, aborted): nobody
    // is left to answer.
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    if (err.code === 'HPE_INVALID_EOF_STATE') return void socket.destroy();
    const [status, zh, en] = CLIENT_ERRORS[err.code ?? ''] ?? CLIENT_ERRORS.default;
    const body = JSON.stringify({ statusCode: status, error: STATUS_CODES[status], message: `${zh}（${en}）` });
    logger.info({ status, clientError: err.code ?? err.message }, 'request refused before it was read');
    if (socket.writable) {
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    }
    socket.destroy(err);
  };
}
const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, '请求行和请求头过大（合计超过 16 KiB）：查询参数过长的请分批查询，或删去多余的 Cookie、请求头后重试', 'the request line and headers exceed 16 KiB in all; split a long query into several, or remove surplus cookies or headers, and try again'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, '请求未在时限内传送完毕：请检查网络后重试', 'the request did not arrive in full in time; check the connection and try again'],
  default: [400, '请求不是有效的 HTTP 请求', 'the request is not valid HTTP'],
};

function decodes(part: string): boolean {
  try {
    decodeURIComponent(part);
    return true;
  } catch {
    return false;
  }
}

/** How long one request may take to arrive in full. */
export const REQUEST_TIMEOUT_MS = 60 * 60 * 1000;

/** Initialises the API and waits until its server takes requests (Fastify's plugins loaded): for tests, before the first request. */
export async function initApi(app: INestApplication): Promise<void> {
  await app.init();
  await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
}

/** A body-parsing failure, said by its kind (errors.ts turns it into the answer): as Express' parsers named theirs. */
function unreadable(type: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(type), { status: UNREADABLE_STATUS[type] ?? 400, type, expose: true, ...extra });
}
const UNREADABLE_STATUS: Record<string, number> = { 'entity.too.large': 413, 'charset.unsupported': 415, 'encoding.unsupported': 415, 'request.timeout': 408 };

/** The compressions a JSON or form body may come in, unpacked before it is read (its limit counts the unpacked bytes). */
const UNPACK: Record<string, () => Transform> = { gzip: () => createGunzip(), 'x-gzip': () => createGunzip(), deflate: () => createInflate(), br: () => createBrotliDecompress() };

/** Media types the API reads as a body; any other is left to the route (documents are stored as sent). */
const READ_TYPES = new Set(['application/json', 'application/x-www-form-urlencoded']);

/** A body in UTF-8, or in no charset named (taken as UTF-8): the only one the API reads. */
function utf8Charset(req: FastifyRequest): boolean {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

/**
 * What the HTTP server itself enforces, for the API as it runs and as tests
 * build it: the size of a JSON or form body (larger ones get 413 before they
 * are read whole), UTF-8 (other bytes would be decoded into U+FFFD and stored
 * so), a JSON body an object or a list, every other body left unread for the
 * route that takes it as a stream (documents; any other route refuses it,
 * InputGuard); which proxies' X-Forwarded-For to believe
 * (TRUST_PROXY: `clientOf`); the request's id on its answer; one deadline for
 * the request's calls to Temporal; and a span per request where tracing is
 * configured (OTEL_EXPORTER_OTLP_ENDPOINT). Call before init().
 */
export function configureHttp(app: INestApplication, logger: Logger = apiLogger()): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  const nest = app as NestFastifyApplication;
  const fastify = nest.getHttpAdapter().getInstance() as FastifyInstance;
  const bodyLimit = config.maxJsonBodyBytes;
  const text = (body: Buffer): string => {
    if (!isUtf8(body)) throw unreadable('encoding.invalid');
    return body.toString('utf8');
  };
  nest.useBodyParser('application/json', { bodyLimit }, (req: FastifyRequest, body: Buffer, done: (err: Error | null, value?: unknown) => void) => {
    try {
      if (!utf8Charset(req)) return done(unreadable('charset.unsupported'));
      // A byte-order mark (Notepad writes one) is not part of the JSON.
      const json = text(body).replace(/^\uFEFF/, '');
      // An empty body is an empty object, as before; strict JSON otherwise: an object or a list.
      if (!json.trim()) return done(null, {});
      if (!/^[\s]*[[{]/.test(json)) return done(unreadable('entity.parse.failed', { body: json }));
      const parsed: unknown = JSON.parse(json);
      // A key named twice: which one is meant, and signed, is not for the API to guess.
      const twice = firstDuplicateKey(json);
      if (twice !== undefined) return done(unreadable('entity.duplicate.key', { key: twice }));
      done(null, parsed);
    } catch (err) {
      done(err instanceof SyntaxError ? unreadable('entity.parse.failed', { body: '' }) : (err as Error));
    }
  });
  nest.useBodyParser('application/x-www-form-urlencoded', { bodyLimit }, (req: FastifyRequest, body: Buffer, done: (err: Error | null, value?: unknown) => void) => {
    try {
      if (!utf8Charset(req)) return done(unreadable('charset.unsupported'));
      done(null, { ...parseQuery(text(body)) });
    } catch (err) {
      done(err as Error);
    }
  });
  // A compressed JSON or form body is unpacked (gzip, deflate, br), as before; another encoding is refused (415).
  const bodyTimeoutMs = config.jsonBodyTimeoutSeconds * 1000;
  fastify.addHook('preParsing', (req, reply, payload, done) => {
    if (!READ_TYPES.has((req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase())) return done(null, payload);
    const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    let body: NodeJS.ReadableStream & { emit(event: 'error', err: Error): boolean } = payload;
    if (encoding !== 'identity') {
      const unpack = UNPACK[encoding];
      if (!unpack) return done(unreadable('encoding.unsupported'));
      // The bytes as sent are what Content-Length counts (Fastify checks the two agree); a broken stream fails the request.
      const unpacked = Object.assign(unpack(), { receivedEncodedLength: 0 });
      payload.on('data', (chunk: Buffer) => (unpacked.receivedEncodedLength += chunk.length));
      pipeline(payload, unpacked, () => undefined);
      body = unpacked;
    }
    // A body that has not arrived in time (JSON_BODY_TIMEOUT_SECONDS) is answered 408 and its connection closed: a
    // stalled comment would otherwise hold a connection for the hour a document may take, before any rate limit sees it.
    const timer = setTimeout(() => {
      // Only while the body is still being read: the reader is listening for it (a request without a body is never read).
      if (reply.sent || reply.raw.headersSent || payload.readableEnded || body.listenerCount('error') === 0) return;
      void reply.header('connection', 'close');
      body.emit('error', unreadable('request.timeout'));
    }, bodyTimeoutMs).unref();
    // Settled once the body is in, the request gone, or the answer sent.
    const settled = () => clearTimeout(timer);
    payload.once('end', settled);
    payload.once('close', settled);
    reply.raw.once('finish', settled);
    reply.raw.once('close', settled);
    done(null, body as typeof payload);
  });
  // A body answered before it was read to its end (another media type, refused 415; a client past its rate limit; a
  // document too large) closes its connection with the answer: Node would otherwise go on reading it for the next
  // request, and a trickled body would hold the connection for the hour a document may take (fourteenth session's tester).
  fastify.addHook('onSend', (req, reply, payload, done) => {
    if (!req.raw.complete) void reply.header('connection', 'close');
    done(null, payload);
  });
  // Any other body stays unread: a document is streamed to storage from request.raw; elsewhere it is refused (415).
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser('*', (_req: unknown, _payload: unknown, done: (err: null) => void) => done(null));
  // Behind reverse proxies, a client is its forwarded address (rate limits, comment folding): only the proxies named.
  const proxies = config.trustProxy;
  const trust = typeof proxies === 'number' ? (_address: string, hop: number) => hop < proxies : proxyAddr.compile(proxies ?? []);
  fastify.decorateRequest('client', {
    getter(this: FastifyRequest) {
      return clientKey(proxyAddr(this.raw, trust));
    },
  });
  limitConnections(fastify, config.maxConnectionsPerClient, (address) => trust(address, 0), logger);
  // Every request's calls to Temporal share one deadline, so a request never waits longer than
  // DEPENDENCY_TIMEOUT_SECONDS on a server or a worker that is down: it gets 503 with Retry-After instead (errors.ts).
  // A step admitted meanwhile still lands, and the client's retry with the same idempotency key gets its answer. (A
  // hook, not an interceptor: all the request does runs inside it, at a fraction of an interceptor's cost.)
  const temporal = app.get<Client>(TEMPORAL_CLIENT);
  const timeoutMs = config.dependencyTimeoutSeconds * 1000;
  fastify.addHook('onRequest', (req, reply, done) => {
    // The answer carries the request's id, so a caller can name the log line that is its request.
    void reply.header('x-request-id', req.id);
    temporal.connection.withDeadline(Date.now() + timeoutMs, async () => done()).catch(() => undefined);
  });
  // Traced where an OTLP endpoint is configured: from the request's first hooks, so the span covers all it does.
  const tracing = startTracing('major-decision-api', config.otlpEndpoint);
  if (tracing) traceRequests(fastify, tracing.tracer);
  logRequests(fastify, logger);
}

/**
 * At most `perClient` connections from one address at once (MAX_CONNECTIONS_PER_CLIENT): one address holding thousands
 * open, each with its body unfinished, took every file the API could open, and nobody else reached it (fresh-eyes
 * tester: 22,000 from one address). The next is answered 429 and closed. A proxy TRUST_PROXY names carries many clients
 * and is not counted: it limits them itself. In this process: behind a load balancer, each process counts its own.
 */
function limitConnections(fastify: FastifyInstance, perClient: number, isProxy: (address: string) => boolean, logger: Logger): void {
  if (!perClient) return;
  const open = new Map<string, number>();
  const body = JSON.stringify({
    statusCode: 429,
    error: 'Too Many Requests',
    message: `来自本地址的连接已达 ${perClient} 个，请关闭不用的连接，稍后再试（this address holds ${perClient} connections already: close those not in use and try again later）`,
  });
  const answer = `HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nRetry-After: 10\r\nConnection: close\r\n\r\n${body}`;
  let warned = 0;
  fastify.server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    if (isProxy(address)) return;
    const held = open.get(address) ?? 0;
    if (held >= perClient) {
      if (Date.now() - warned > 60_000) {
        warned = Date.now();
        logger.warn(`来自 ${address} 的连接已达上限 ${perClient}，新连接答复 429（connections from ${address} at the limit of ${perClient}: new ones answered 429）`);
      }
      socket.end(answer);
      return;
    }
    open.set(address, held + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
