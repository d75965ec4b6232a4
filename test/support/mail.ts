import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it: envelope, and the headers and text decoded. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
  raw: string;
}

/**
 * A real SMTP server (the smtp-server library) on a free loopback port, for
 * the notifier to mail through; every message it takes is kept, decoded.
 * Plain SMTP without STARTTLS or AUTH, as a relay inside a government network.
 */
export async function startSmtpServer(): Promise<{ url: string; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({ ...decodeMessage(raw), from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Headers (unfolded, RFC 2047 words decoded) and the text part (quoted-printable or base64 decoded) of a single-part message. */
export function decodeMessage(raw: string): { subject: string; text: string; headers: Record<string, string> } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  const body = rest.join('\n\n');
  const cte = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  const text = cte === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : cte === 'quoted-printable' ? qp(body) : body;
  return { subject: headers.subject ?? '', text: text.replace(/\r\n/g, '\n').replace(/\n+$/, ''), headers };
}

const qp = (s: string) => Buffer.from(s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');

function decodeWords(s: string): string {
  return s
    .replace(/(=\?[^?]+\?[BQ]\?[^?]*\?=)\s+(?==\?)/gi, '$1')
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : qp(data.replace(/_/g, ' ')),
    );
}

/** One request the webhook server received: the raw body, exactly as sent, and the headers. */
export interface ReceivedHook {
  raw: string;
  headers: IncomingHttpHeaders;
}

/** A real HTTP server on a free loopback port standing for a work app's webhook receiver; answers `status()` after `delayMs`. */
export async function startWebhookServer(opts: { status?: () => number; delayMs?: number } = {}): Promise<{ url: string; hooks: ReceivedHook[]; close(): Promise<void> }> {
  const hooks: ReceivedHook[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hooks.push({ raw: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      setTimeout(() => {
        res.statusCode = opts.status?.() ?? 200;
        res.end('{"errcode":0}');
      }, opts.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, hooks, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** One message a robot took or refused: its URL (with DingTalk's timestamp and sign) and its JSON body. */
export interface RobotMessage {
  url: string;
  body: { msgtype?: string; markdown?: { title?: string; text?: string; content?: string } };
  taken: boolean;
}

/**
 * A real HTTP server standing for a DingTalk (钉钉) or WeCom (企业微信) group robot, checking what the robots'
 * published rules check, written here from those rules: a markdown message (DingTalk: title and text; WeCom:
 * content of at most 4,096 bytes) and, for a DingTalk robot with a secret (加签), a timestamp within an hour and
 * sign = base64(HMAC-SHA256(secret, timestamp + "\n" + secret)). It answers 200 with errcode 0, or another errcode.
 */
export async function startRobotServer(kind: 'dingtalk' | 'wecom', secret?: string): Promise<{ url: string; messages: RobotMessage[]; close(): Promise<void> }> {
  const messages: RobotMessage[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://robot');
      let body: RobotMessage['body'] = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RobotMessage['body'];
      } catch {
        body = {};
      }
      let errcode = 0;
      let errmsg = 'ok';
      if (kind === 'dingtalk' && secret) {
        const timestamp = url.searchParams.get('timestamp') ?? '';
        const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
        if (Math.abs(Date.now() - Number(timestamp)) > 3_600_000) [errcode, errmsg] = [310000, 'timestamp expired'];
        else if (url.searchParams.get('sign') !== expected) [errcode, errmsg] = [310000, 'sign not match'];
      }
      const md = body.markdown;
      if (!errcode && (body.msgtype !== 'markdown' || !md || (kind === 'dingtalk' ? !md.title || !md.text : !md.content))) [errcode, errmsg] = [40008, 'invalid message'];
      if (!errcode && kind === 'wecom' && Buffer.byteLength(md!.content!) > 4096) [errcode, errmsg] = [40058, 'content exceed max length'];
      messages.push({ url: url.toString(), body, taken: errcode === 0 });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ errcode, errmsg }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const path = kind === 'dingtalk' ? '/robot/send?access_token=test-token' : '/cgi-bin/webhook/send?key=test-key';
  return { url: `http://127.0.0.1:${port}${path}`, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Waits (polling every 100 ms, up to `ms`) until `ready()` holds. */
export async function eventually(ready: () => boolean | Promise<boolean>, ms = 30_000, what = 'the condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!(await ready())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
