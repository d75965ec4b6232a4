import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LogLevel as TemporalLogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs, one line an event, for the API and the worker alike
 * (pino). LOG_LEVEL sets the level (default info; silent under Jest unless
 * set). Every API request carries a request id (the caller's `x-request-id`
 * when it is a plain token, else a new one, echoed in the answer) and, on
 * routes under /decisions/:id, the decision id; where tracing is on, the trace id.
 */
export const logLevel = (): string => process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info');

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const DECISION_IN_PATH = /^\/decisions\/([^/?]+)/i; // routes answer in any letter case

/** A request's id: the caller's `x-request-id` when it is a plain token, else a new one (the API's HTTP server asks, edge/http.ts). */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The API's logger: one JSON line an event (its requests, Nest's own lines, the error filter's). */
export function apiLogger(): Logger {
  return pino({ level: logLevel() });
}

/** What a request's log line says of the decision it is about, on routes under /decisions/:id. */
export function decisionOfUrl(url: string): { decisionId?: string } {
  const m = DECISION_IN_PATH.exec(url);
  return m ? { decisionId: safeDecode(m[1]) } : {};
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The worker's logger, and the same logger for the Temporal SDK's own logs (workflows, activities, the core). The SDK
 * hands an activity's failure over as `error`: written as pino writes an `err` (type, message, stack, and pg's code),
 * not as the `{}` an Error's JSON is.
 */
export function workerLogger(destination?: pino.DestinationStream): { logger: Logger; temporal: TemporalLogger } {
  const logger = pino({ level: logLevel(), base: { app: 'worker' }, serializers: { error: pino.stdSerializers.err } }, destination);
  const at = (level: TemporalLogLevel) => ({ TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' })[level] as 'info';
  const temporal: TemporalLogger = {
    log: (level, message, meta?: LogMetadata) => logger[at(level)]({ temporal: true, ...meta }, message),
    trace: (message, meta) => logger.trace({ temporal: true, ...meta }, message),
    debug: (message, meta) => logger.debug({ temporal: true, ...meta }, message),
    info: (message, meta) => logger.info({ temporal: true, ...meta }, message),
    warn: (message, meta) => logger.warn({ temporal: true, ...meta }, message),
    error: (message, meta) => logger.error({ temporal: true, ...meta }, message),
  };
  return { logger, temporal };
}

/** Nest's own log lines (start-up, modules, services) into the same pino logger. */
export function nestLoggerOver(logger: Logger): LoggerService {
  const line = (level: 'info' | 'warn' | 'error' | 'debug' | 'trace') => (message: unknown, ...rest: unknown[]) => {
    const context = typeof rest[rest.length - 1] === 'string' ? rest[rest.length - 1] : undefined;
    // A line with fields of its own (the request it is about): { msg, ...fields }.
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      const { msg, ...fields } = message as { msg?: unknown };
      logger[level]({ context, ...fields }, String(msg ?? ''));
    } else logger[level]({ context }, String(message));
  };
  return { log: line('info'), warn: line('warn'), error: line('error'), debug: line('debug'), verbose: line('trace'), fatal: line('error') };
}
