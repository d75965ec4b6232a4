import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPrismaClient, type PrismaClient } from '../../libs/db/prisma';
import { deliverDue } from '../../libs/notify/delivery';
import { createTestDatabase } from '../support/db';
import { startWebhookServer } from '../support/mail';

/**
 * The notifier against webhooks that misbehave (attacker tester, 2026-12-07): a "robot" answering without end took the
 * worker to 5 GB in one attempt, and a webhook that never answered held up every official's notices, 15 s each. Here,
 * on a real PostgreSQL and real HTTP servers on loopback, without a worker (whose own notifier would race for them).
 */
let db: { url: string; appUrl: string; drop(): Promise<void> };
let owner: PrismaClient;
let app: PrismaClient;
const servers: Server[] = [];
/** The receivers here are on loopback, which a webhook reaches only when listed (NOTIFY_WEBHOOK_HOSTS). */
const LOOPBACK = ['127.0.0.1'];

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  db = await createTestDatabase();
  owner = createPrismaClient(db.url);
  app = createPrismaClient(db.appUrl);
}, 60_000);
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  await app?.$disconnect();
  await owner?.$disconnect();
  await db?.drop();
});

const notice = (personId: string, i: number, target: string) => {
  const key = `DELIVERY|${personId}|${i}`;
  return { key, decisionId: 'DELIVERY', source: 'test', action: 'submitDraft', personId, kind: 'new_task', channel: 'webhook', target, subject: key, body: key, payload: {}, nextAttemptAt: new Date(Date.now() - 1000) };
};

it('reads no more than 64 KiB of a robot’s answer, and a host that does not answer holds up only its own notices', async () => {
  // A "DingTalk robot" answering 200 with 1 MiB chunks for ever.
  let streamed = 0;
  const flood = await listen(createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const more = () => {
      while (!res.destroyed && res.write(chunk)) streamed += chunk.length;
    };
    res.on('drain', more);
    more();
  }));
  // A webhook that takes the request and never answers.
  let tarpitRequests = 0;
  const tarpit = await listen(createServer(() => void tarpitRequests++));
  const quick = await startWebhookServer();
  try {
    await owner.notificationPreference.createMany({
      data: [
        { personId: 'p-flood', webhookUrl: `${flood}/robot/send?access_token=x`, webhookFormat: 'dingtalk' },
        { personId: 'p-tarpit', webhookUrl: `${tarpit}/hook`, webhookSecret: 'whsec_tarpit' },
        { personId: 'p-quick', webhookUrl: quick.url, webhookSecret: 'whsec_quick' },
      ],
    });
    // The tarpit's notices first, so that a pass sending one after another would reach the quick ones last.
    await owner.notification.createMany({ data: [0, 1, 2].map((i) => notice('p-tarpit', i, `${tarpit}/hook`)) });
    await owner.notification.create({ data: notice('p-flood', 0, flood) });
    await owner.notification.createMany({ data: [0, 1].map((i) => notice('p-quick', i, quick.url)) });

    expect(await deliverDue(app, { from: 'x@example', sendTimeoutMs: 1500, webhookHosts: LOOPBACK })).toBe(2);

    const rows = new Map((await owner.notification.findMany({ where: { decisionId: 'DELIVERY' } })).map((n) => [n.key, n]));
    expect([0, 1].map((i) => rows.get(`DELIVERY|p-quick|${i}`)!.status)).toEqual(['sent', 'sent']);
    expect(quick.hooks).toHaveLength(2);
    // The endless answer: refused after 64 KiB, not read for 15 s (a few MiB went out before the client stopped reading).
    expect(rows.get('DELIVERY|p-flood|0')).toMatchObject({ status: 'pending', lastError: expect.stringMatching(/^webhook answered more than 64 KiB/) });
    expect(streamed).toBeLessThan(64 * 1024 * 1024);
    // The tarpit was asked once; its other notices wait for their next try, untried, saying why, no attempt spent on them.
    expect(tarpitRequests).toBe(1);
    const tarpitErrors = [0, 1, 2].map((i) => rows.get(`DELIVERY|p-tarpit|${i}`)!);
    expect(tarpitErrors.every((n) => n.status === 'pending')).toBe(true);
    expect(tarpitErrors.map((n) => n.attempts).sort()).toEqual([0, 0, 1]);
    expect(tarpitErrors.filter((n) => n.lastError!.startsWith(`not tried: ${new URL(tarpit).host} did not answer another notice in this pass`))).toHaveLength(2);
  } finally {
    await quick.close();
  }
}, 60_000);

it('a target answering slowly, within the timeout, is sent to for the pass’s budget only; the rest wait for the next pass, no attempt spent (retest: it held everyone’s for minutes)', async () => {
  const slow = await startWebhookServer({ delayMs: 700 });
  const quick = await startWebhookServer();
  try {
    await owner.notificationPreference.createMany({
      data: [
        { personId: 'p-slow', webhookUrl: slow.url, webhookSecret: 'whsec_slow' },
        { personId: 'p-quick-2', webhookUrl: quick.url, webhookSecret: 'whsec_quick' },
      ],
    });
    await owner.notification.createMany({ data: [0, 1, 2, 3, 4, 5].map((i) => ({ ...notice('p-slow', i, slow.url), decisionId: 'SLOW' })) });
    await owner.notification.create({ data: { ...notice('p-quick-2', 0, quick.url), decisionId: 'SLOW' } });
    const sent = await deliverDue(app, { from: 'x@example', sendTimeoutMs: 5000, passBudgetMs: 1000, webhookHosts: LOOPBACK });
    const rows = await owner.notification.findMany({ where: { decisionId: 'SLOW' }, orderBy: { id: 'asc' } });
    const slowRows = rows.filter((n) => n.personId === 'p-slow');
    const done = slowRows.filter((n) => n.status === 'sent');
    // The budget let two or so start; every other one is due again at once, its attempt given back.
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(done.length).toBeLessThan(6);
    expect(slowRows.filter((n) => n.status === 'pending').every((n) => n.attempts === 0 && n.nextAttemptAt.getTime() <= Date.now() && n.lastError!.startsWith('not tried yet'))).toBe(true);
    expect(rows.find((n) => n.personId === 'p-quick-2')!.status).toBe('sent');
    expect(sent).toBe(done.length + 1);
  } finally {
    await slow.close();
    await quick.close();
  }
}, 60_000);

it('without NOTIFY_WEBHOOK_HOSTS, sends nothing to a webhook on an internal address, whether written as one or as a name that resolves to one (SSRF)', async () => {
  const inside = await startWebhookServer();
  try {
    const byName = inside.url.replace('127.0.0.1', 'localhost');
    await owner.notificationPreference.createMany({
      data: [
        { personId: 'p-inside', webhookUrl: inside.url, webhookSecret: 'whsec_inside' },
        { personId: 'p-inside-name', webhookUrl: byName, webhookSecret: 'whsec_inside' },
      ],
    });
    await owner.notification.createMany({ data: [{ ...notice('p-inside', 0, inside.url), decisionId: 'SSRF' }, { ...notice('p-inside-name', 0, byName), decisionId: 'SSRF' }] });
    expect(await deliverDue(app, { from: 'x@example' })).toBe(0);
    expect(inside.hooks).toHaveLength(0);
    const rows = await owner.notification.findMany({ where: { decisionId: 'SSRF' } });
    expect(rows.map((n) => [n.status, n.lastError])).toEqual([
      ['pending', expect.stringContaining('内部网络地址')],
      ['pending', expect.stringContaining('内部网络地址')],
    ]);
  } finally {
    await inside.close();
  }
}, 60_000);
