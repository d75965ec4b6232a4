import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpLoggingParams } from './logging';

describe('request logging', () => {
  const opts = httpLoggingParams().pinoHttp as {
    genReqId: (req: IncomingMessage, res: ServerResponse) => string;
    customProps: (req: IncomingMessage) => Record<string, unknown>;
  };
  const res = () => {
    const headers: Record<string, string> = {};
    return { headers, setHeader: (k: string, v: string) => (headers[k] = v) } as unknown as ServerResponse & { headers: Record<string, string> };
  };

  it("keeps the caller's request id when it is a plain token, echoes it, and makes one otherwise", () => {
    const r1 = res();
    expect(opts.genReqId({ headers: { 'x-request-id': 'abc-123' } } as unknown as IncomingMessage, r1)).toBe('abc-123');
    expect(r1.headers['x-request-id']).toBe('abc-123');
    const r2 = res();
    const made = opts.genReqId({ headers: { 'x-request-id': 'a b\u0000c' } } as unknown as IncomingMessage, r2);
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    expect(r2.headers['x-request-id']).toBe(made);
  });

  it('names the decision a request is about', () => {
    expect(opts.customProps({ url: '/decisions/SZ-2026-0001/steps' } as IncomingMessage)).toEqual({ decisionId: 'SZ-2026-0001' });
    expect(opts.customProps({ url: '/decisions/%E5%B8%82-1?x=1' } as IncomingMessage)).toEqual({ decisionId: '市-1' });
    expect(opts.customProps({ url: '/decisions/%E0%A4%A' } as IncomingMessage)).toEqual({ decisionId: '%E0%A4%A' });
    expect(opts.customProps({ url: '/catalog-items' } as IncomingMessage)).toEqual({});
  });
});
