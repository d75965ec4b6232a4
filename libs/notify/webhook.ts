import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isInternalAddress, isLocalName, literalAddress } from './addresses';

/**
 * Webhooks a government work app (政务钉钉, 企业微信 and the like) can consume:
 * a JSON body, signed with HMAC-SHA256 over the raw body with the
 * subscription's secret. The body carries its own `timestamp` (Unix seconds)
 * and `id`, so the signature covers both: a receiver verifies the signature,
 * then refuses a timestamp older than a few minutes and an id it has seen
 * (replay). The same timestamp is in the X-Timestamp header, for a receiver
 * that wants to refuse stale requests before reading the body.
 */
export const SIGNATURE_HEADER = 'x-signature';
export const TIMESTAMP_HEADER = 'x-timestamp';
export const NOTIFICATION_ID_HEADER = 'x-notification-id';

/** How far a receiver should let a timestamp be from its own clock (and what verifyWebhook allows by default). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** A new subscription's secret: 32 random bytes, shown to the official once. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/** The X-Signature header's value for a raw body: `sha256=<hex>`. */
export function signWebhook(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/**
 * What a receiver does, in full: the signature over the raw body (compared in
 * constant time), the body's timestamp equal to the header's and within the
 * tolerance of `now`. Returns why it fails, or undefined when it holds.
 */
export function verifyWebhook(secret: string, rawBody: string | Buffer, headers: Record<string, string | string[] | undefined>, now = Date.now(), toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS): string | undefined {
  const signature = String(headers[SIGNATURE_HEADER] ?? '');
  const expected = signWebhook(secret, rawBody);
  if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return 'bad signature';
  let body: { timestamp?: unknown };
  try {
    body = JSON.parse(rawBody.toString()) as { timestamp?: unknown };
  } catch {
    return 'body is not JSON';
  }
  if (String(body.timestamp) !== String(headers[TIMESTAMP_HEADER])) return 'timestamp header differs from the signed body';
  if (typeof body.timestamp !== 'number' || Math.abs(now / 1000 - body.timestamp) > toleranceSeconds) return 'stale or missing timestamp';
  return undefined;
}

/**
 * Whether a webhook URL may be registered and called: http or https only, no
 * credentials in it, and, when the configuration lists hosts, one of those.
 * SSRF: the notifier makes requests from inside the government network to a
 * URL an official typed in. Without a list, only public hosts: not localhost,
 * nor an internal address written in the URL (addresses.ts; a name that
 * resolves to one is refused when the notice is sent, publicOnlyLookup). A
 * work app's gateway inside the government network is listed in
 * NOTIFY_WEBHOOK_HOSTS, as in production every gateway should be (e.g.
 * oapi.dingtalk.com, qyapi.weixin.qq.com). Returns the reason it is refused,
 * in Chinese and English, or undefined.
 */
export function webhookUrlProblem(url: string, allowedHosts?: readonly string[]): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '不是有效的网址（not a valid URL）';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `只能是 http 或 https 网址，不能是 ${u.protocol}（only http and https URLs）`;
  if (u.username || u.password) return '网址中不得包含用户名或密码（no credentials in the URL）';
  if (allowedHosts) {
    if (allowedHosts.includes(u.host.toLowerCase()) || allowedHosts.includes(u.hostname.toLowerCase())) return undefined;
    return `不在允许的主机名单中：${u.host}（host not on NOTIFY_WEBHOOK_HOSTS）`;
  }
  const address = literalAddress(u.hostname);
  if (isLocalName(u.hostname) || (address !== undefined && isInternalAddress(address))) {
    return `${u.host} 是本机或者内部网络地址：未设置允许的主机名单时，网络回调只发往公网地址；政务内网中的平台网关，请系统管理员列入 NOTIFY_WEBHOOK_HOSTS（${u.host} is this machine or an internal address: without NOTIFY_WEBHOOK_HOSTS webhooks go to public hosts only; list an internal gateway there）`;
  }
  return undefined;
}
