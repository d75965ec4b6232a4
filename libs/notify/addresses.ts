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
const INTERNAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) INTERNAL.addSubnet(net, prefix, 'ipv4');
// And the IPv6 forms that carry an IPv4 address or reach a local network without saying so (retest): the deprecated
// IPv4-compatible ::a.b.c.d (::/96, with :: and ::1), the IPv4-translated ::ffff:0:a.b.c.d, a local NAT64 prefix
// (64:ff9b:1::/48), the deprecated site-local fec0::/10.
for (const [net, prefix] of [['::', 96], ['::ffff:0:0:0', 96], ['64:ff9b:1::', 48], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['2001:db8::', 32], ['100::', 64]] as const) INTERNAL.addSubnet(net, prefix, 'ipv6');

/** An IPv4 address an IPv6 one carries (::ffff:10.0.0.1, the NAT64 64:ff9b::a00:1), which reaches that IPv4 address. */
function embeddedIPv4(ip: string): string | undefined {
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (!hex) return undefined;
  const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Whether an IP address (v4 or v6, without brackets) is one of the internal ranges above. */
export function isInternalAddress(ip: string): boolean {
  const v4 = isIP(ip) === 6 ? embeddedIPv4(ip) : ip;
  if (v4 !== undefined && isIP(v4) === 4) return INTERNAL.check(v4, 'ipv4');
  return isIP(ip) === 6 && INTERNAL.check(ip, 'ipv6');
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
