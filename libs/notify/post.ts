import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { publicOnlyLookup } from './addresses';

export interface PostOptions {
  headers: Record<string, string>;
  body: string;
  /** How long the whole exchange may take; then it fails with an error named TimeoutError. */
  timeoutMs: number;
  /** How much of a 2xx answer to read (0: none); more fails the send, unread. */
  readLimit: number;
  /** Connect only to public addresses, as resolved at the send (no NOTIFY_WEBHOOK_HOSTS configured). */
  publicOnly: boolean;
}

/**
 * POSTs a notice and answers the status and the first `readLimit` bytes of a 2xx answer. Through node:http rather than
 * fetch, for its `lookup`: the address is checked as the socket connects to it (publicOnlyLookup). A redirect is not
 * followed: it could lead anywhere.
 */
export function post(url: string, o: PostOptions): Promise<{ status: number; text: string }> {
  const u = new URL(url);
  const request = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (err: Error | undefined, answer?: { status: number; text: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(answer!);
    };
    const req = request(u, {
      method: 'POST',
      headers: { ...o.headers, 'content-length': String(Buffer.byteLength(o.body)) },
      ...(o.publicOnly ? { lookup: publicOnlyLookup } : {}),
    }, (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (o.readLimit <= 0 || status < 200 || status >= 300) {
        settle(undefined, { status, text: '' });
        req.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > o.readLimit) {
          settle(new Error(`webhook answered more than ${o.readLimit / 1024} KiB (a robot answers about 100 bytes): not read further`));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => settle(undefined, { status, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (err) => settle(err));
    });
    const timer = setTimeout(() => {
      const err = new Error(`webhook did not answer within ${o.timeoutMs / 1000} s`);
      err.name = 'TimeoutError';
      settle(err);
      req.destroy();
    }, o.timeoutMs);
    req.on('error', (err) => settle(err));
    req.end(o.body);
  });
}
