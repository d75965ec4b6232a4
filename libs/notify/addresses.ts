import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * The addresses a webhook may not reach unless the operator lists the host in NOTIFY_WEBHOOK_HOSTS (SSRF): the
 * machine itself (loopback, 0.0.0.0), the link-local range with the cloud's metadata service (169.254.169.254), the
 * private ranges of the government network (10/8, 172.16/12, 192.168/16, the carrier-grade 100.64/10, IPv6 unique
 * local fc00::/7), multicast and the reserved ranges. An official types a webhook's URL; without this, the notifier
 * POSTs from inside the network to whatever internal service that URL names (attacker's view: the database's admin
 * port, a router's console, the metadata service's credentials).
 */
// Two lists: one BlockList checks an IPv4 address against its IPv6 rules too (as ::ffff:a.b.c.d, inside ::/8).
const INTERNAL_V4 = new BlockList();
const INTERNAL_V6 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) INTERNAL_V4.addSubnet(net, prefix, 'ipv4');
// And the IPv6 forms that carry an IPv4 address or reach a local network without saying so (retests): the reserved ::/8
// (with ::, ::1, the deprecated IPv4-compatible ::a.b.c.d and the IPv4-translated ::ffff:0:a.b.c.d; an IPv4-mapped
// address is judged by the IPv4 address it carries, below), a local NAT64 prefix (64:ff9b:1::/48), the deprecated
// site-local fec0::/10.
// Teredo (2001::/32) tunnels to an address no one here can check (second retest).
for (const [net, prefix] of [['::', 8], ['64:ff9b:1::', 48], ['2001::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['2001:db8::', 32], ['100::', 64]] as const) INTERNAL_V6.addSubnet(net, prefix, 'ipv6');

/** The 16 bytes of an IPv6 address (as isIP takes it: '::', a dotted IPv4 tail). */
function ipv6Bytes(ip: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  const text = dotted ? ip.slice(0, dotted.index) + [[1, 2], [3, 4]].map(([a, b]) => ((Number(dotted[a]) << 8) | Number(dotted[b])).toString(16)).join(':') : ip;
  const [head, tail] = text.split('::');
  const groups = (s: string | undefined) => (s ? s.split(':').filter(Boolean).map((g) => parseInt(g, 16)) : []);
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const words = [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
  return words.flatMap((w) => [w >> 8, w & 255]);
}

/**
 * An IPv4 address an IPv6 one carries and reaches: IPv4-mapped ::ffff:a.b.c.d, the well-known NAT64 64:ff9b::a.b.c.d, and
 * 6to4 2002:aabb:ccdd:: (second retest: 2002:7f00:1:: is 127.0.0.1).
 */
function embeddedIPv4(ip: string): string | undefined {
  const b = ipv6Bytes(ip);
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return b.slice(12).join('.');
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return b.slice(12).join('.');
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6).join('.');
  return undefined;
}

/** Whether an IP address (v4 or v6, without brackets) is one of the internal ranges above. */
export function isInternalAddress(ip: string): boolean {
  const v4 = isIP(ip) === 6 ? embeddedIPv4(ip) : ip;
  if (v4 !== undefined && isIP(v4) === 4) return INTERNAL_V4.check(v4, 'ipv4');
  return isIP(ip) === 6 && INTERNAL_V6.check(ip, 'ipv6');
}

/** A URL's host as an IP address, if it is one (the URL parser has already made 0x7f.1 and 2130706433 into 127.0.0.1). */
export const literalAddress = (hostname: string): string | undefined => {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return isIP(bare) ? bare : undefined;
};

/** Names that are the machine itself whatever a resolver says (RFC 6761). */
export const isLocalName = (hostname: string): boolean => /(^|\.)localhost\.?$/i.test(hostname);

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that resolves the host and refuses to connect when any address it resolves to is
 * internal: checked on the address the socket then connects to, so a name that resolves to a public address when the
 * URL is registered and to 127.0.0.1 when the notice is sent (DNS rebinding) is refused at the send.
 */
export function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const internal = addresses.find((a) => isInternalAddress(a.address));
    if (internal) {
      const refused: NodeJS.ErrnoException = new Error(`${hostname} 解析为内部网络地址 ${internal.address}：未列入 NOTIFY_WEBHOOK_HOSTS 的主机不发送（${hostname} resolves to the internal address ${internal.address}: not sent to a host not on NOTIFY_WEBHOOK_HOSTS）`);
      refused.code = 'EINTERNALADDRESS';
      return callback(refused, []);
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}
