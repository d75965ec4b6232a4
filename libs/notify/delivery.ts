import type { Transporter } from 'nodemailer';
import type { PrismaClient } from '../db/prisma';
import { post } from './post';
import { openSecret } from './secrets';
import { NOTIFICATION_ID_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER, webhookUrlProblem } from './webhook';
import { dingTalkSignedUrl, workAppBody, workAppRefusal, type WebhookFormat } from './work-apps';

export interface DeliveryOptions {
  /** The SMTP transport (nodemailer), when e-mail is configured. */
  mail?: Transporter;
  from: string;
  webhookHosts?: readonly string[];
  /** The key webhook secrets are encrypted under at rest (secrets.ts). */
  secretKey?: Buffer;
  /** How many notices one pass claims. */
  batch?: number;
  /** After this many failed attempts a notice is given up (status failed). */
  maxAttempts?: number;
  /** The first retry's delay; each next one doubles, up to an hour. */
  backoffMs?: number;
  /** How long a claimed notice is left to its claimant before another process may try it (longer than a send may take). */
  leaseMs?: number;
  /** How long one send may take (15 s). */
  sendTimeoutMs?: number;
  /**
   * How long a pass starts new sends to one target (30 s): a target answering slowly, within the send's time, held the
   * pass, and every notice after it, for minutes (retest). Its notices not started by then wait for the next pass.
   */
  passBudgetMs?: number;
}

type Row = { id: bigint; key: string; person_id: string; channel: string; target: string; subject: string; body: string; payload: Record<string, unknown>; attempts: number };

const SEND_TIMEOUT_MS = 15_000;
/** The most of a robot's answer read (they answer about 100 bytes): an endless answer took the worker to 5 GB (attacker tester). */
const ANSWER_LIMIT_BYTES = 64 * 1024;

/**
 * Sends the notices that are due, each to one process only: a pass claims up
 * to `batch` pending rows with FOR UPDATE SKIP LOCKED and, in the same
 * statement, pushes their next attempt past a lease, so another notifier
 * (another worker process) skips them while they are locked and finds them
 * not due once claimed. A notice sent is marked sent; one that failed is
 * tried again after a backoff (30 s, 1 min, 2 min … up to an hour), and given
 * up after maxAttempts. A process that dies mid-send leaves its claim to run
 * out: the notice is sent again (at least once). Returns how many were sent.
 */
export async function deliverDue(prisma: PrismaClient, opts: DeliveryOptions): Promise<number> {
  const { batch = 20, maxAttempts = 8, backoffMs = 30_000, leaseMs = 120_000, passBudgetMs = 30_000 } = opts;
  const passEnds = Date.now() + passBudgetMs;
  const claimed = await prisma.$queryRaw<Row[]>`
    UPDATE notifications SET attempts = attempts + 1, next_attempt_at = now() + ${leaseMs} * interval '1 millisecond'
     WHERE id IN (SELECT id FROM notifications WHERE status = 'pending' AND next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT ${batch} FOR UPDATE SKIP LOCKED)
    RETURNING id, key, person_id, channel, target, subject, body, payload, attempts`;
  // One pass sends to each target (a robot's or webhook's address; e-mail through the one SMTP server) in turn, and to the
  // targets at once: a target that does not answer, or answers slowly, holds up its own notices, not everyone's
  // (attacker tester: one tarpit webhook delayed every official's notices by 15 s each; retest: all DingTalk robots
  // share a host, and a slow robot answering within the timeout held the pass for minutes). Once a target has timed out
  // in a pass, or the pass has run its budget, its other notices wait for the next try, untried: their claim is given
  // back and counts as no attempt. Claimed by when they fell due: a slow target's notices given back at the end of a
  // pass do not fill the next one ahead of others' that fell due before.
  const prefs = new Map((await prisma.notificationPreference.findMany({ where: { personId: { in: [...new Set(claimed.map((n) => n.person_id))] } } })).map((p) => [p.personId, p]));
  const byTarget = new Map<string, Row[]>();
  for (const n of claimed) {
    const pref = prefs.get(n.person_id);
    const target = n.channel === 'email' ? pref?.email : pref?.webhookUrl;
    const key = n.channel === 'email' || !target ? 'mail' : target;
    byTarget.set(key, [...(byTarget.get(key) ?? []), n]);
  }
  let sent = 0;
  const failed = async (n: Row, lastError: string) => {
    const given = n.attempts >= maxAttempts;
    const delay = Math.min(backoffMs * 2 ** (n.attempts - 1), 3_600_000);
    await prisma.notification.update({ where: { id: n.id }, data: { status: given ? 'failed' : 'pending', lastError: lastError.slice(0, 1000), nextAttemptAt: new Date(Date.now() + delay) } });
  };
  const untried = async (n: Row, why: string, retryInMs: number) => {
    await prisma.notification.update({ where: { id: n.id }, data: { attempts: { decrement: 1 }, lastError: why.slice(0, 1000), nextAttemptAt: new Date(Date.now() + retryInMs) } });
  };
  await Promise.all([...byTarget.entries()].map(async ([target, rows]) => {
    let unanswered: string | undefined;
    for (const n of rows) {
      const pref = prefs.get(n.person_id);
      // Sent where the official wants it now; nowhere if they have since withdrawn the channel.
      const to = n.channel === 'email' ? pref?.email : pref?.webhookUrl;
      if (!to) {
        await prisma.notification.update({ where: { id: n.id }, data: { status: 'cancelled', lastError: 'the official no longer receives notices on this channel' } });
        continue;
      }
      if (unanswered) {
        await untried(n, `not tried: ${hostOf(target)} did not answer another notice in this pass (${unanswered})`, backoffMs);
        continue;
      }
      if (Date.now() >= passEnds) {
        await untried(n, 'not tried yet: the pass ran out of time on this address, the next one sends it', 0);
        continue;
      }
      try {
        const timeout = opts.sendTimeoutMs ?? SEND_TIMEOUT_MS;
        if (n.channel === 'email') await sendMail(opts, to, n);
        else if (pref!.webhookFormat === 'signed-json') await sendWebhook(opts, to, openSecret(opts.secretKey, pref!.webhookSecret ?? ''), n, timeout);
        else await sendToWorkApp(opts, to, pref!.webhookFormat as Exclude<WebhookFormat, 'signed-json'>, pref!.webhookSecret ? openSecret(opts.secretKey, pref!.webhookSecret) : undefined, n, timeout);
        await prisma.notification.update({ where: { id: n.id }, data: { status: 'sent', sentAt: new Date(), target: to, lastError: null } });
        sent++;
      } catch (err) {
        const lastError = String(err instanceof Error ? err.message : err);
        // By name (post's timeout): an Error of another realm under a test runner's sandbox fails instanceof.
        const name = (err as { name?: unknown } | null)?.name;
        if (n.channel !== 'email' && (name === 'TimeoutError' || name === 'AbortError')) unanswered = lastError;
        await failed(n, lastError);
      }
    }
  }));
  return sent;
}

/** The host a webhook goes to (its notices are sent one after another); an unparsable URL is its own. */
function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

async function sendMail(opts: DeliveryOptions, to: string, n: Row): Promise<void> {
  if (!opts.mail) throw new Error('no SMTP server is configured (SMTP_URL)');
  await opts.mail.sendMail({ from: opts.from, to, subject: n.subject, text: n.body, headers: { 'X-Notification-Id': n.key } });
}

async function sendWebhook(opts: DeliveryOptions, url: string, secret: string, n: Row, timeoutMs: number): Promise<void> {
  // Checked again at each send: the allow-list may have changed since the URL was registered.
  const problem = webhookUrlProblem(url, opts.webhookHosts);
  if (problem) throw new Error(`webhook refused: ${problem}`);
  const timestamp = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ id: n.key, timestamp, ...n.payload });
  const res = await post(url, {
    headers: { 'content-type': 'application/json; charset=utf-8', [SIGNATURE_HEADER]: signWebhook(secret, body), [TIMESTAMP_HEADER]: String(timestamp), [NOTIFICATION_ID_HEADER]: n.key },
    body,
    timeoutMs,
    readLimit: 0,
    publicOnly: !opts.webhookHosts,
  });
  if (res.status < 200 || res.status >= 300) throw new Error(`webhook answered ${res.status}`);
}

/** A DingTalk or WeCom group robot's message (work-apps.ts): taken only when the robot answers errcode 0. */
async function sendToWorkApp(opts: DeliveryOptions, url: string, format: Exclude<WebhookFormat, 'signed-json'>, secret: string | undefined, n: Row, timeoutMs: number): Promise<void> {
  const problem = webhookUrlProblem(url, opts.webhookHosts);
  if (problem) throw new Error(`webhook refused: ${problem}`);
  const to = format === 'dingtalk' && secret ? dingTalkSignedUrl(url, secret, Date.now()) : url;
  const res = await post(to, {
    headers: { 'content-type': 'application/json; charset=utf-8', [NOTIFICATION_ID_HEADER]: n.key },
    body: JSON.stringify(workAppBody(format, n.subject, n.body)),
    timeoutMs,
    readLimit: ANSWER_LIMIT_BYTES,
    publicOnly: !opts.webhookHosts,
  });
  if (res.status < 200 || res.status >= 300) throw new Error(`webhook answered ${res.status}`);
  const text = res.text;
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = undefined;
  }
  const refused = workAppRefusal(answer);
  if (refused) throw new Error(refused);
}
