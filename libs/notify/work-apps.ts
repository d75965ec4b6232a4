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

/**
 * The notice as a robot's markdown message: the subject as a heading, the text's lines as paragraphs, cut to fit.
 * The subject and text are plain text holding what people wrote (a decision's title, a person's name), so each is
 * made inert first (`markdownText`): a title cannot add a link, an image, a heading, emphasis, a quote or a
 * `<font>`/`<@mention>` tag to the message, nor a line of its own.
 */
export function workAppBody(format: Exclude<WebhookFormat, 'signed-json'>, subject: string, text: string): Record<string, unknown> {
  const heading = markdownText(oneLine(subject));
  const paragraphs = text
    .split(/\r\n|[\n\r\u2028\u2029]/)
    .filter((l) => l.trim())
    .map(markdownText);
  const markdown = fitBytes(`### ${heading}\n\n${paragraphs.join('\n\n')}`, WORK_APP_MAX_BYTES);
  return format === 'dingtalk' ? { msgtype: 'markdown', markdown: { title: oneLine(subject), text: markdown } } : { msgtype: 'markdown', markdown: { content: markdown } };
}

/**
 * Markdown's (and the robots' HTML's) active characters in plain text, each replaced by its full-width twin, which
 * reads the same in Chinese text and means nothing to either robot: `[` `]` (links, images), `*` `_` `~` (emphasis,
 * strike), `` ` `` (code), `#` (headings), `<` `>` (tags such as WeCom's `<font>`, quotes), `|` (tables), `\\`
 * (escapes). DingTalk's and WeCom's renderers do not document backslash escapes, so escaping is not relied on.
 */
const INERT: Record<string, string> = { '[': '［', ']': '］', '*': '＊', _: '＿', '~': '～', '`': '｀', '#': '＃', '<': '＜', '>': '＞', '|': '｜', '\\': '＼' };
/** Inside a web address the same characters are percent-encoded instead, so the address still opens (`_` stays: ids use it). */
const URL_INERT: Record<string, string> = { '[': '%5B', ']': '%5D', '*': '%2A', '~': '%7E', '`': '%60', '<': '%3C', '>': '%3E', '|': '%7C', '\\': '%5C' };
/** A web address as an autolinker takes it: up to a space, without the punctuation that closes a sentence or bracket. */
const URL_TOKEN = /https?:\/\/[^\s<>\u3000-\u303f\uff08\uff09\uff0c\uff1a\uff1b]+?(?=[.,;:!?)\]'"]*(?:\s|$|[<>\u3000-\u303f\uff08\uff09\uff0c\uff1a\uff1b]))/g;

/** One line of plain text made inert in a robot's markdown (see INERT), its web addresses kept working. */
export function markdownText(line: string): string {
  const out: string[] = [];
  let at = 0;
  for (const m of line.matchAll(URL_TOKEN)) {
    out.push(inert(line.slice(at, m.index)), m[0].replace(/[[\]*~`<>|\\]/g, (c) => URL_INERT[c]));
    at = m.index + m[0].length;
  }
  out.push(inert(line.slice(at)));
  // Where a line begins decides lists, rules, setext headings and code blocks: a leading "-", "+", "=" or "1." is
  // made full-width, and leading spaces are dropped. An entity (&lt;) would come out as the character it names.
  return out
    .join('')
    .replace(/^\s+/, '')
    .replace(/^[-+=]/, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
    .replace(/^(\d+)([.)])/, (_m, n: string, p: string) => `${n}${p === '.' ? '．' : '）'}`)
    .replace(/&(?=#?\w+;)/g, '＆');
}

const inert = (s: string) => s.replace(/[[\]*_~`#<>|\\]/g, (c) => INERT[c]);

/** Line breaks of any kind (and other runs of blank) as one space: a one-line field stays one line. */
export function oneLine(s: string): string {
  return s.replace(/[\s\u0085\u2028\u2029]+/g, ' ').trim();
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
