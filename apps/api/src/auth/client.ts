import type { FastifyRequest } from 'fastify';

/**
 * Who a public (not signed-in) client is, for rate limits and for folding its
 * repeated comments: its IP address as the API sees it (behind a reverse
 * proxy, the proxy's, unless TRUST_PROXY names it: edge/http.ts), an IPv6
 * address by its /64 (clientKey).
 */
export function clientOf(req: FastifyRequest): string {
  return (req as FastifyRequest & { client?: string }).client ?? clientKey(req.raw.socket.remoteAddress ?? 'unknown');
}

/**
 * The client an address stands for: an IPv4 address itself (an IPv4-mapped IPv6 one too); an IPv6 address its /64,
 * the network one subscriber is given, who holds every address in it (attacker tester: each address its own client,
 * one /64 had limits without end).
 */
export function clientKey(address: string): string {
  const a = address.split('%')[0];
  if (!a.includes(':')) return address;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  if (mapped) return mapped[1];
  const [l, r] = a.includes('::') ? a.split('::') : [a, undefined];
  const left = l ? l.split(':') : [];
  const right = r ? r.split(':') : [];
  // An embedded IPv4 tail (…:1.2.3.4) lies in the last 64 bits: only the first four groups are read.
  const groups = r === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  const head = groups.slice(0, 4).map((g) => parseInt(g, 16));
  return head.length === 4 && head.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? `${head.map((g) => g.toString(16)).join(':')}::/64` : address;
}
