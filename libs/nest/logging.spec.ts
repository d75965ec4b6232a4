import type { IncomingMessage } from 'node:http';
import pino from 'pino';
import { decisionOfUrl, nestLoggerOver, requestIdOf, workerLogger } from './logging';

describe('request logging', () => {
  it("keeps the caller's request id when it is a plain token, and makes one otherwise", () => {
    expect(requestIdOf({ headers: { 'x-request-id': 'abc-123' } } as unknown as IncomingMessage)).toBe('abc-123');
    expect(requestIdOf({ headers: { 'x-request-id': 'a b\u0000c' } } as unknown as IncomingMessage)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf({ headers: {} } as unknown as IncomingMessage)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names the decision a request is about', () => {
    expect(decisionOfUrl('/decisions/SZ-2026-0001/steps')).toEqual({ decisionId: 'SZ-2026-0001' });
    expect(decisionOfUrl('/decisions/%E5%B8%82-1?x=1')).toEqual({ decisionId: '市-1' });
    expect(decisionOfUrl('/decisions/%E0%A4%A')).toEqual({ decisionId: '%E0%A4%A' });
    expect(decisionOfUrl('/DECISIONS/sz-2026-0001/')).toEqual({ decisionId: 'sz-2026-0001' });
    expect(decisionOfUrl('/catalog-items')).toEqual({});
  });

  it("writes a line with fields of its own as fields (the error filter names its request), and a plain one as its message", () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (l: string) => lines.push(JSON.parse(l)) });
    const nest = nestLoggerOver(logger);
    nest.error({ msg: 'Error: boom', req: { id: 'r-1' } }, 'ApiExceptionFilter');
    nest.log('started', 'NestApplication');
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, msg: 'Error: boom', req: { id: 'r-1' }, context: 'ApiExceptionFilter' }),
      expect.objectContaining({ level: 30, msg: 'started', context: 'NestApplication' }),
    ]);
  });

  it("writes an activity's failure in the worker's log with its message and database code, not as {} (fresh-eyes tester)", () => {
    const lines: Record<string, unknown>[] = [];
    const level = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'info'; // silent under Jest otherwise
    const { temporal } = workerLogger({ write: (l: string) => lines.push(JSON.parse(l)) });
    if (level === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = level;
    const failure = Object.assign(new Error('Query read timeout'), { code: '57P01', severity: 'FATAL' });
    temporal.warn('Activity failed', { error: failure, activityType: 'recordStep' });
    expect(lines).toEqual([expect.objectContaining({ msg: 'Activity failed', activityType: 'recordStep', error: expect.objectContaining({ type: 'Error', message: 'Query read timeout', code: '57P01', stack: expect.stringContaining('Query read timeout') }) })]);
  });
});
