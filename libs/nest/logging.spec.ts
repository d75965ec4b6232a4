import type { IncomingMessage } from 'node:http';
import pino from 'pino';
import { decisionOfUrl, nestLoggerOver, requestIdOf } from './logging';

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
});
