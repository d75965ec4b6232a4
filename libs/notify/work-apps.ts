import { createHmac } from 'node:crypto';

/**
 * What a webhook posts, by what receives it:
 * - `signed-json`: our own JSON, signed with a secret we make (webhook.ts), for a receiver built to check it;
 * - `dingtalk`: a DingTalk (钉钉) group robot's markdown message; where the robot is set to sign (加签), the
 *   URL carries `timestamp` (ms) and `sign` made with the robot's SEC secret, which the official enters;
 * - `wecom`: a WeCom (企业微信) group robot's markdown message (the robot's key is in its URL).
 * Government editions (政务钉钉 and the like) that take the same robot messages use the same formats; one that takes
 * only its own open-platform calls needs a receiver of `signed-json` in between.
 */
export const WEBHOOK_FORMATS = ['signed-json', 'dingtalk', 'wecom'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** WeCom takes a markdown message of at most 4,096 bytes (UTF-8); DingTalk's limit is larger, kept the same here. */
export const WORK_APP_MAX_BYTES = 4096;

/** The DingTalk robot's 加签: sign = urlencode(base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`))), the time in ms. */
export function dingTalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  const u = new URL(url);
  u.searchParams.set('timestamp', String(timestampMs));
  u.searchParams.set('sign', sign);
  return u.toString();
}

/** The notice as a robot's markdown message: the subject as a heading, the text's lines as paragraphs, cut to fit. */
export function workAppBody(format: Exclude<WebhookFormat, 'signed-json'>, subject: string, text: string): Record<string, unknown> {
  const markdown = fitBytes(`### ${subject}\n\n${text.split('\n').filter((l) => l.trim()).join('\n\n')}`, WORK_APP_MAX_BYTES);
  return format === 'dingtalk' ? { msgtype: 'markdown', markdown: { title: subject, text: markdown } } : { msgtype: 'markdown', markdown: { content: markdown } };
}

/**
 * Both robots answer HTTP 200 with `{"errcode":0}` when they take a message, and 200 with another errcode when
 * they do not (a wrong signature, too many messages a minute): the reason, or undefined when taken.
 */
export function workAppRefusal(answer: unknown): string | undefined {
  const a = answer as { errcode?: unknown; errmsg?: unknown } | null;
  if (a && typeof a === 'object' && a.errcode === 0) return undefined;
  if (a && typeof a === 'object' && a.errcode !== undefined) return `the work app refused the message: errcode ${String(a.errcode)} ${String(a.errmsg ?? '')}`.trim();
  return 'the work app did not answer with an errcode';
}

/** At most `max` bytes of UTF-8, cut at a character, with an ellipsis where cut. */
function fitBytes(s: string, max: number): string {
  if (Buffer.byteLength(s) <= max) return s;
  let out = '';
  let bytes = Buffer.byteLength('…');
  for (const ch of s) {
    const b = Buffer.byteLength(ch);
    if (bytes + b > max) break;
    out += ch;
    bytes += b;
  }
  return `${out}…`;
}
