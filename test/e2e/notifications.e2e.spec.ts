import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../libs/db/prisma';
import { createPrismaClient } from '../../libs/db/prisma';
import { PRISMA } from '../../libs/nest/prisma.module';
import { deliverDue } from '../../libs/notify/delivery';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from '../../libs/notify/webhook';
import { PERSON, REGISTRAR } from '../support/auth';
import { eventually, startRobotServer, startSmtpServer, startWebhookServer, type RobotMessage } from '../support/mail';
import { actors, steps } from '../support/procedure';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';

/**
 * Notifications outside the browser, end to end: the API and the worker (whose
 * notifier polls every 0.2 s) against a real SMTP server and a real webhook
 * receiver on loopback ports. An official chooses a channel through the API;
 * a decision driven through the API gives them a new task; the mail, or the
 * signed webhook, arrives in Chinese with the decision, the step, the article
 * and the link.
 */
describe('notifications: e-mail through a real SMTP server, signed webhooks', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let unitKey: TestKey;
  const saved = { ...process.env };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    Object.assign(process.env, { SMTP_URL: smtp.url, NOTIFY_POLL_SECONDS: '0.2', NOTIFY_FROM: '杭州市重大行政决策系统 <noreply@hangzhou.gov.cn>', NOTIFY_APP_URL: 'https://jc.hangzhou.gov.cn' });
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    await system.as(PERSON).post('/catalog-items').send({ ref: 'C-NOTIFY', year: 2026, title: '票价', organ: '杭州市人民政府', partyConsentRef: '市委同意' }).expect(201);
    const key = newKey('ed25519');
    unitKey = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
  }, 120_000);

  afterAll(async () => {
    await system?.close();
    await smtp?.close();
    process.env = saved;
  });

  const register = async (title: string) => {
    const id = `NOTIFY-${randomUUID().slice(0, 8)}`;
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id, title, undertakingDepartment: 'hz-jtj', catalogRef: 'C-NOTIFY', legalBasis: ['《价格法》'] }, actors.unit, unitKey)).expect(201);
    return id;
  };

  it('an official who chose e-mail gets, for the new task a registration opens, a mail in Chinese: decision, step, article, link', async () => {
    const me = await system.as(actors.unit.id).put('/me/notification-preferences').send({ email: 'zhang.chengban@jtj.hangzhou.gov.cn', webhookUrl: null }).expect(200);
    expect(me.body).toMatchObject({ personId: actors.unit.id, email: 'zhang.chengban@jtj.hangzhou.gov.cn', webhookUrl: null, emailAvailable: true });
    // The reviewer chose e-mail too; a new draft is not theirs to act on.
    await system.as(actors.reviewer.id).put('/me/notification-preferences').send({ email: 'li@sfj.hangzhou.gov.cn', webhookUrl: null }).expect(200);

    const id = await register('关于调整城市公共交通票价的决定');
    await eventually(() => smtp.mails.some((m) => m.text.includes(id) && m.subject.includes('提交决策草案')), 30_000, 'the mail of the new task');
    const mail = smtp.mails.find((m) => m.text.includes(id) && m.subject.includes('提交决策草案'))!;
    expect(mail.to).toEqual(['zhang.chengban@jtj.hangzhou.gov.cn']);
    expect(mail.from).toBe('noreply@hangzhou.gov.cn');
    expect(mail.subject).toBe('【新待办】关于调整城市公共交通票价的决定：提交决策草案');
    expect(mail.text).toContain('张承办：\n您有一项新的待办事项，请及时办理。');
    expect(mail.text).toContain(`决策事项：关于调整城市公共交通票价的决定（编号 ${id}）`);
    expect(mail.text).toContain('待办步骤：提交决策草案（决策承办单位）');
    expect(mail.text).toContain('办理期限：无法定期限');
    expect(mail.text).toMatch(/依据：《重大行政决策程序暂行条例》第[一二三四五六七八九十]+条/);
    expect(mail.text).toContain(`办理入口：https://jc.hangzhou.gov.cn/app/decisions/${id}`);
    // Nobody else's: the reviewer has no task in a new draft.
    expect(smtp.mails.filter((m) => m.text.includes(id)).flatMap((m) => m.to)).not.toContain('li@sfj.hangzhou.gov.cn');
    // Delivered, and the delivery recorded where the official sees it.
    const seen = await system.as(actors.unit.id).get('/me/notification-preferences').expect(200);
    expect(seen.body.recent).toContainEqual(expect.objectContaining({ kind: 'new_task', channel: 'email', decisionId: id, status: 'sent', attempts: 1, subject: mail.subject }));
    // Once: more passes of the notifier make no second mail of it.
    const count = smtp.mails.filter((m) => m.subject === mail.subject && m.text.includes(id)).length;
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.mails.filter((m) => m.subject === mail.subject && m.text.includes(id)).length).toBe(count);
    expect(count).toBe(1);
  });

  it('the unit sends its draft for legality review through the API: the reviewer, who chose e-mail, is mailed the review as a new task', async () => {
    const id = await register('关于调整城市停车收费的决定');
    let n = 0;
    for (const c of [steps.draft(), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview()]) {
      await system.as(actors.unit.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, unitKey, `${id}-${++n}`)).expect(201);
    }
    const forReviewer = () => smtp.mails.filter((m) => m.text.includes(id) && m.to.includes('li@sfj.hangzhou.gov.cn'));
    await eventually(() => forReviewer().some((m) => m.subject.endsWith('出具合法性审查意见')), 30_000, "the reviewer's mail");
    const mail = forReviewer().find((m) => m.subject.endsWith('出具合法性审查意见'))!;
    expect(mail.to).toEqual(['li@sfj.hangzhou.gov.cn']);
    expect(mail.subject).toBe('【新待办】关于调整城市停车收费的决定：出具合法性审查意见');
    expect(mail.text).toContain('李审查：\n您有一项新的待办事项，请及时办理。');
    expect(mail.text).toContain(`决策事项：关于调整城市停车收费的决定（编号 ${id}）`);
    expect(mail.text).toContain('待办步骤：出具合法性审查意见（合法性审查部门）');
    expect(mail.text).toMatch(/办理期限：(无法定期限|\d{4}年\d{1,2}月\d{1,2}日（还剩 \d+ 个工作日）)/);
    expect(mail.text).toContain('《重大行政决策程序暂行条例》第二十');
    expect(mail.text).toContain(`办理入口：https://jc.hangzhou.gov.cn/app/decisions/${id}`);
    // The reviewer heard nothing of the drafting: only of what is theirs to do.
    expect(forReviewer().every((m) => /合法性审查/.test(m.subject))).toBe(true);
  });

  it('experts, who hold no office, are mailed the opinion the panel asks of them, and no one else is', async () => {
    await system.as(actors.expert1.id).put('/me/notification-preferences').send({ email: 'jia@jtdx.edu.cn', webhookUrl: null }).expect(200);
    await system.as(actors.expert2.id).put('/me/notification-preferences').send({ email: 'yi@ghy.org.cn', webhookUrl: null }).expect(200);
    const id = await register('关于优化公交线网的决定');
    let n = 0;
    for (const c of [steps.draft(), steps.applicability({ pp: false, expert: true, risk: false }), steps.panel()]) {
      await system.as(actors.unit.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, unitKey, `${id}-${++n}`)).expect(201);
    }
    const to = (address: string) => smtp.mails.filter((m) => m.text.includes(id) && m.to.includes(address) && m.subject.endsWith('提交专家论证意见'));
    await eventually(() => to('jia@jtdx.edu.cn').length > 0 && to('yi@ghy.org.cn').length > 0, 30_000, "the experts' mails");
    expect(to('jia@jtdx.edu.cn')[0].text).toContain('专家甲：\n您有一项新的待办事项，请及时办理。');
    expect(to('jia@jtdx.edu.cn')[0].text).toContain('依据：《重大行政决策程序暂行条例》第十九条');
    // Nobody else was told of the experts' task.
    expect(smtp.mails.filter((m) => m.text.includes(id) && m.subject.endsWith('提交专家论证意见')).flatMap((m) => m.to).sort()).toEqual(['jia@jtdx.edu.cn', 'yi@ghy.org.cn']);
  });

  it('a webhook is signed over its raw body with the secret shown once; the receiver verifies it, and a tampered body fails', async () => {
    const hook = await startWebhookServer();
    try {
      const put = await system.as(actors.unit.id).put('/me/notification-preferences').send({ email: null, webhookUrl: hook.url }).expect(200);
      const secret = put.body.webhookSecret as string;
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
      // Shown once: never read back; the same URL again keeps it (and does not show it).
      expect((await system.as(actors.unit.id).get('/me/notification-preferences').expect(200)).body).not.toHaveProperty('webhookSecret');
      expect((await system.as(actors.unit.id).put('/me/notification-preferences').send({ email: null, webhookUrl: hook.url }).expect(200)).body).not.toHaveProperty('webhookSecret');
      // At rest it is encrypted (NOTIFY_SECRET_KEY_FILE): the database alone cannot sign a notice.
      const stored = (await system.api.get<PrismaClient>(PRISMA).notificationPreference.findUnique({ where: { personId: actors.unit.id } }))!.webhookSecret!;
      expect(stored).toMatch(/^enc:v1:/);
      expect(stored).not.toContain(secret.slice(6));

      const id = await register('关于公交线网优化的决定');
      await system.as(actors.unit.id).post(`/decisions/${id}/steps`).send(signedStep(id, steps.draft(), unitKey, `${id}-1`)).expect(201);
      const mine = () => hook.hooks.filter((h) => JSON.parse(h.raw).decision?.id === id);
      await eventually(() => mine().some((h) => JSON.parse(h.raw).step.action === 'declareApplicability'), 30_000, 'the webhook of the new task');
      for (const h of mine()) {
        expect(h.headers['content-type']).toMatch(/^application\/json/);
        expect(h.headers[SIGNATURE_HEADER]).toMatch(/^sha256=[0-9a-f]{64}$/);
        expect(verifyWebhook(secret, h.raw, h.headers)).toBeUndefined();
        expect(verifyWebhook(secret, h.raw.replace(id, `${id}X`), h.headers)).toBe('bad signature');
        expect(verifyWebhook('whsec_wrong', h.raw, h.headers)).toBe('bad signature');
        expect(verifyWebhook(secret, h.raw, h.headers, Date.now() + 600_000)).toBe('stale or missing timestamp');
        expect(verifyWebhook(secret, h.raw, { ...h.headers, [TIMESTAMP_HEADER]: '1' })).toBe('timestamp header differs from the signed body');
      }
      const body = JSON.parse(mine().find((h) => JSON.parse(h.raw).step.action === 'declareApplicability')!.raw);
      expect(body).toMatchObject({
        type: 'new_task',
        decision: { id, title: '关于公交线网优化的决定' },
        step: { action: 'declareApplicability', name: '确定适用的决策程序', role: 'undertaking_unit' },
        url: `https://jc.hangzhou.gov.cn/app/decisions/${id}`,
        title: '【新待办】关于公交线网优化的决定：确定适用的决策程序',
      });
      expect(body.text).toContain(`决策事项：关于公交线网优化的决定（编号 ${id}）`);
      // No mail any more: the official turned e-mail off.
      expect(smtp.mails.filter((m) => m.text.includes(id))).toEqual([]);
    } finally {
      await hook.close();
    }
  });

  it('a DingTalk robot gets a markdown message signed with its own secret (加签), a WeCom robot one within its size; a wrong secret is a failed attempt with the robot\'s reason', async () => {
    const secret = 'SECa1b2c3d4e5f60718293a4b5c6d7e8f9';
    const dingtalk = await startRobotServer('dingtalk', secret);
    const wecom = await startRobotServer('wecom');
    try {
      const put = await system.as(actors.unit.id).put('/me/notification-preferences').send({ email: null, webhookUrl: dingtalk.url, webhookFormat: 'dingtalk', workAppSecret: secret }).expect(200);
      expect(put.body).toMatchObject({ webhookUrl: dingtalk.url, webhookFormat: 'dingtalk', workAppSecretHeld: true });
      expect(put.body).not.toHaveProperty('webhookSecret');
      expect(JSON.stringify(put.body)).not.toContain(secret);
      const stored = (await system.api.get<PrismaClient>(PRISMA).notificationPreference.findUnique({ where: { personId: actors.unit.id } }))!;
      expect(stored).toMatchObject({ webhookFormat: 'dingtalk', webhookSecret: expect.stringMatching(/^enc:v1:/) });
      expect(stored.webhookSecret).not.toContain(secret.slice(3));

      const id = await register('关于城市道路停车收费的决定');
      const draftTask = (m: RobotMessage) => m.body.markdown?.title === '【新待办】关于城市道路停车收费的决定：提交决策草案';
      await eventually(() => dingtalk.messages.some(draftTask), 30_000, 'the robot message of the new task');
      const taken = dingtalk.messages.find(draftTask)!;
      expect(taken.taken).toBe(true);
      expect(taken.body.markdown!.text).toContain(`决策事项：关于城市道路停车收费的决定（编号 ${id}）`);
      expect(taken.body.markdown!.text).toContain(`https://jc.hangzhou.gov.cn/app/decisions/${id}`);

      // The robot's secret mistyped: the robot refuses, the notice stays pending with the robot's reason, to be tried again.
      await system.as(actors.unit.id).put('/me/notification-preferences').send({ email: null, webhookUrl: dingtalk.url, webhookFormat: 'dingtalk', workAppSecret: 'SECwrong0000' }).expect(200);
      const refusedId = await register('关于调整出租车运价的决定');
      const prisma = system.api.get<PrismaClient>(PRISMA);
      await eventually(async () => (await prisma.notification.count({ where: { decisionId: refusedId, lastError: { contains: 'errcode 310000 sign not match' } } })) > 0, 30_000, 'the refused attempt');
      expect(await prisma.notification.findFirst({ where: { decisionId: refusedId } })).toMatchObject({ status: 'pending', channel: 'webhook' });

      // WeCom: no secret of its own (the key is in the robot's URL); a secret for it is refused, saying why.
      const wrong = await system.as(actors.unit.id).put('/me/notification-preferences').send({ email: null, webhookUrl: wecom.url, webhookFormat: 'wecom', workAppSecret: secret }).expect(400);
      expect(wrong.body.message.join('\n')).toContain('workAppSecret：只有钉钉机器人');
      expect((await system.as(actors.unit.id).put('/me/notification-preferences').send({ email: null, webhookUrl: wecom.url, webhookFormat: 'qq' }).expect(400)).body.message.join('\n')).toContain('webhookFormat：必须是 signed-json、dingtalk、wecom 之一');
      // A null secret is refused beside its field, not a 500 (fresh-eyes tester).
      expect((await system.as(actors.unit.id).put('/me/notification-preferences').send({ email: null, webhookUrl: dingtalk.url, webhookFormat: 'dingtalk', workAppSecret: null }).expect(400)).body.message.join('\n')).toContain('workAppSecret：');
      expect((await system.as(actors.unit.id).put('/me/notification-preferences').send({ email: null, webhookUrl: wecom.url, webhookFormat: 'wecom' }).expect(200)).body).toMatchObject({ webhookFormat: 'wecom', workAppSecretHeld: false });
      const longTitle = `关于${'城市更新'.repeat(70)}的决定`; // near the longest title taken (300 characters)
      await register(longTitle);
      await eventually(() => wecom.messages.length > 0, 30_000, 'the WeCom message');
      expect(wecom.messages[0]).toMatchObject({ taken: true, body: { msgtype: 'markdown' } });
      expect(Buffer.byteLength(wecom.messages[0].body.markdown!.content!)).toBeLessThanOrEqual(4096);
    } finally {
      await system.as(actors.unit.id).put('/me/notification-preferences').send({ email: null, webhookUrl: null }).expect(200);
      await dingtalk.close();
      await wecom.close();
    }
  });

  it('only http(s) webhook URLs, only real e-mail addresses, only one\'s own preferences', async () => {
    for (const webhookUrl of ['ftp://hook.example/x', 'file:///etc/passwd', 'gopher://127.0.0.1:25/', 'javascript:alert(1)', 'http://user:pw@hook.example/']) {
      const res = await system.as(actors.unit.id).put('/me/notification-preferences').send({ email: null, webhookUrl }).expect(400);
      expect(res.body.message.join('\n')).toMatch(/webhookUrl：/);
    }
    expect((await system.as(actors.unit.id).put('/me/notification-preferences').send({ email: 'not-an-address', webhookUrl: null }).expect(400)).body.message.join('\n')).toMatch(/email：必须是电子邮件地址/);
    expect((await system.as(actors.unit.id).put('/me/notification-preferences').send({}).expect(400)).body.message.join('\n')).toMatch(/email：必须给出/);
    expect((await system.as(actors.unit.id).put('/me/notification-preferences').send({ email: null, webhookUrl: null, personId: PERSON }).expect(400)).body.message.join('\n')).toMatch(/personId：不允许提交此字段/);
    // Another person sees their own (none), never the unit's.
    expect((await system.as(PERSON).get('/me/notification-preferences').expect(200)).body).toMatchObject({ personId: PERSON, email: null, webhookUrl: null, recent: [] });
  });

  it('two notifiers racing over the same outbox send each notice once', async () => {
    // The worker (and its notifier) stops here: from now on the racers are the two below, and only they.
    await system.closeWorker();
    const slow = await startWebhookServer({ delayMs: 20 });
    const prisma = system.api.get<PrismaClient>(PRISMA);
    const other = [createPrismaClient(system.db.appUrl), createPrismaClient(system.db.appUrl)];
    try {
      await prisma.notificationPreference.upsert({ where: { personId: 'p-race' }, create: { personId: 'p-race', webhookUrl: slow.url, webhookSecret: 'whsec_race' }, update: {} });
      const keys = Array.from({ length: 40 }, (_, i) => `RACE|step:${i}|submitDraft|p-race|new_task|webhook`);
      await prisma.notification.createMany({
        data: keys.map((key) => ({ key, decisionId: 'RACE', source: 'test', action: 'submitDraft', personId: 'p-race', kind: 'new_task', channel: 'webhook', target: slow.url, subject: key, body: key, payload: { key } })),
      });
      // Two processes' notifiers (each its own connection pool), at once.
      const pass = (p: PrismaClient) => deliverDue(p, { from: 'x@example', batch: 3, webhookHosts: ['127.0.0.1'] });
      const loop = async (p: PrismaClient) => {
        let sent = 0;
        for (let i = 0; i < 40; i++) sent += await pass(p);
        return sent;
      };
      const [a, b] = await Promise.all(other.map(loop));
      await eventually(async () => (await prisma.notification.count({ where: { decisionId: 'RACE', status: 'sent' } })) === keys.length, 30_000, 'every notice sent');
      const received = slow.hooks.map((h) => JSON.parse(h.raw).id as string).filter((k) => k.startsWith('RACE|'));
      expect(received.sort()).toEqual([...keys].sort());
      expect(new Set(received).size).toBe(received.length);
      // Both really took part.
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
      const rows = await prisma.notification.findMany({ where: { decisionId: 'RACE' } });
      expect(rows.every((r) => r.attempts === 1 && r.status === 'sent' && r.sentAt)).toBe(true);
    } finally {
      await Promise.all(other.map((p) => p.$disconnect()));
      await slow.close();
    }
  });

  it('a webhook that fails is retried with backoff, its failures recorded, until it is taken', async () => {
    let answer = 500;
    const flaky = await startWebhookServer({ status: () => answer });
    const prisma = system.api.get<PrismaClient>(PRISMA);
    const own = createPrismaClient(system.db.appUrl);
    try {
      await prisma.notificationPreference.upsert({ where: { personId: 'p-flaky' }, create: { personId: 'p-flaky', webhookUrl: flaky.url, webhookSecret: 'whsec_flaky' }, update: {} });
      const key = 'FLAKY|step:1|submitDraft|p-flaky|new_task|webhook';
      // Due in an hour, so that only this test's passes (with a short backoff) send it.
      await prisma.notification.create({ data: { key, decisionId: 'FLAKY', source: 'test', action: 'submitDraft', personId: 'p-flaky', kind: 'new_task', channel: 'webhook', target: flaky.url, subject: key, body: key, payload: {}, nextAttemptAt: new Date(Date.now() + 3_600_000) } });
      await prisma.notification.update({ where: { key }, data: { nextAttemptAt: new Date() } });
      const opts = { from: 'x@example', backoffMs: 300, webhookHosts: ['127.0.0.1'] };
      await deliverDue(own, opts);
      let row = await prisma.notification.findUniqueOrThrow({ where: { key } });
      expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'webhook answered 500' });
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 100);
      // Not due yet: nothing sent.
      expect(await deliverDue(own, opts)).toBe(0);
      answer = 200;
      await eventually(async () => (await deliverDue(own, opts)) + (await prisma.notification.count({ where: { key, status: 'sent' } })) > 0, 10_000, 'the retry');
      row = await prisma.notification.findUniqueOrThrow({ where: { key } });
      expect(row.status).toBe('sent');
      expect(flaky.hooks.filter((h) => JSON.parse(h.raw).id === key).length).toBe(row.attempts);
    } finally {
      await own.$disconnect();
      await flaky.close();
    }
  });
});
