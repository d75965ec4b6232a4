import type { FastifyRequest } from 'fastify';

/**
 * Who a public (not signed-in) client is, for rate limits and for folding its
 * repeated comments: its IP address as the API sees it (behind a reverse
 * proxy, the proxy's, unless TRUST_PROXY names it: edge/http.ts).
 */
export function clientOf(req: FastifyRequest): string {
  return (req as FastifyRequest & { client?: string }).client ?? req.raw.socket.remoteAddress ?? 'unknown';
}
