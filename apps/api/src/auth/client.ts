import type { Request } from 'express';

/**
 * Who a public (not signed-in) client is, for rate limits and for folding its
 * repeated comments: its IP address as the API sees it (behind a reverse
 * proxy, the proxy's, unless Express is told to trust it).
 */
export function clientOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
