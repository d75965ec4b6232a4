import type { Page } from 'playwright-core';
import { verifyWebhook } from '../../libs/notify/webhook';
import { PERSON, REGISTRAR } from '../support/auth';
import { eventually, startRobotServer, startWebhookServer } from '../support/mail';
import { actors, UNIT } from '../support/procedure';
import { endorsedKey, newKey, signedRegistration } from '../support/signing';
import { signInAs, startWebSystem } from '../support/web';

/**
 * 消息提醒 on 我的待办, in Chromium against the real system: the official
 * chooses a webhook, a URL that is not http(s) is refused beside the field,
 * the signing secret is shown once, and the webhook the next new task makes
 * arrives signed with it; the card then lists the notice as delivered.
 */
jest.setTimeout(180_000);

describe('notification preferences in the browser', () => {
  let web: Awaited<ReturnType<typeof startWebSystem>>;
  let hook: Awaited<ReturnType<typeof startWebhookServer>>;
  let page: Page;
  const saved = { ...process.env };

  beforeAll(async () => {
    hook = await startWebhookServer();
    Object.assign(process.env, { NOTIFY_POLL_SECONDS: '0.2' });
    delete process.env.SMTP_URL;
    web = await startWebSystem();
    page = web.page;
  }, 180_000);

  afterAll(async () => {
    await web?.close();
    await hook?.close();
    process.env = saved;
  });

  it('sets a webhook on 我的待办, shows its secret once, and the next new task arrives signed with it', async () => {
    const { system, base } = web;
    await signInAs(page, base, actors.unit.id);
    await page.goto(`${base}/app/tasks`);
    const card = page.getByTestId('notification-preferences');
    await card.getByText('网络回调（政务钉钉、企业微信等）').waitFor();
    // No SMTP server configured: e-mail cannot be chosen, and says why.
    await expectDisabled(card.getByRole('checkbox', { name: /电子邮件（系统未配置邮件服务器）/ }));

    await card.getByRole('checkbox', { name: /网络回调/ }).check();
    await card.getByTestId('notify-webhook').fill('ftp://hook.example/x');
    await card.getByTestId('notify-save').click();
    await card.getByText('请填写 http 或 https 地址').waitFor();

    await card.getByTestId('notify-webhook').fill(hook.url);
    await card.getByTestId('notify-save').click();
    const secret = (await card.getByTestId('notify-secret').locator('code').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    expect((await system.as(actors.unit.id).get('/me/notification-preferences').expect(200)).body).toMatchObject({ webhookUrl: hook.url, email: null });

    // A decision registered (the catalog item published by the tests' reader, of Hangzhou's general office): its first tasks are the unit's, and reach the webhook signed with the secret shown.
    const key = newKey('ed25519');
    const keyId = (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId;
    await system.as(PERSON).post('/catalog-items').send({ ref: 'WEB-NOTIFY-1', year: 2026, title: '票价', organ: '杭州市人民政府', partyConsentRef: '市委同意' }).expect(201);
    const id = `WEB-NOTIFY-${Date.now()}`;
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id, title: '关于调整出租车运价的决定', undertakingDepartment: UNIT, catalogRef: 'WEB-NOTIFY-1', legalBasis: ['《价格法》'] }, actors.unit, { ...key, keyId })).expect(201);
    await eventually(() => hook.hooks.some((h) => JSON.parse(h.raw).decision?.id === id), 30_000, 'the webhook');
    for (const h of hook.hooks) expect(verifyWebhook(secret, h.raw, h.headers)).toBeUndefined();

    // The card lists it, delivered.
    await eventually(async () => (await system.as(actors.unit.id).get('/me/notification-preferences').expect(200)).body.recent.some((n: { status: string }) => n.status === 'sent'), 10_000, 'the delivery recorded');
    await page.reload();
    await card.getByText('【新待办】关于调整出租车运价的决定：提交决策草案').waitFor();
    await card.getByText('已送达').first().waitFor();
  });

  it('sends to a DingTalk group robot: its SEC secret checked beside the field, kept and never shown back, and the robot takes the next task', async () => {
    const { system, base } = web;
    const secret = 'SEC9f8e7d6c5b4a39281706f5e4d3c2b1a0';
    const robot = await startRobotServer('dingtalk', secret);
    try {
      await signInAs(page, base, actors.unit.id);
      await page.goto(`${base}/app/tasks`);
      const card = page.getByTestId('notification-preferences');
      await card.getByTestId('notify-format').waitFor();
      await card.getByRole('radio', { name: '钉钉群机器人' }).check();
      await card.getByTestId('notify-webhook').fill(robot.url);
      await card.getByTestId('notify-secret-input').fill('不是密钥');
      await card.getByTestId('notify-save').click();
      await card.getByText('请填写钉钉机器人“加签”处显示的以 SEC 开头的密钥').waitFor();
      await card.getByTestId('notify-secret-input').fill(secret);
      await card.getByTestId('notify-save').click();
      await card.getByText('已保存', { exact: true }).waitFor();
      expect(await card.getByTestId('notify-secret').count()).toBe(0);
      expect((await system.as(actors.unit.id).get('/me/notification-preferences').expect(200)).body).toMatchObject({ webhookUrl: robot.url, webhookFormat: 'dingtalk', workAppSecretHeld: true });
      await page.reload();
      await card.getByText('已保存一个密钥；留空则沿用，填写则替换。').waitFor();
      expect(await card.getByTestId('notify-secret-input').inputValue()).toBe('');

      const key = newKey('ed25519');
      const keyId = (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId;
      await system.as(PERSON).post('/catalog-items').send({ ref: 'WEB-NOTIFY-2', year: 2026, title: '停车', organ: '杭州市人民政府', partyConsentRef: '市委同意' }).expect(201);
      const id = `WEB-ROBOT-${Date.now()}`;
      await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id, title: '关于调整道路停车收费的决定', undertakingDepartment: UNIT, catalogRef: 'WEB-NOTIFY-2', legalBasis: ['《价格法》'] }, actors.unit, { ...key, keyId })).expect(201);
      await eventually(() => robot.messages.some((m) => m.taken && m.body.markdown?.text?.includes(id)), 30_000, 'the robot message');
      expect(robot.messages.every((m) => m.taken)).toBe(true);
    } finally {
      await system.as(actors.unit.id).put('/me/notification-preferences').send({ email: null, webhookUrl: null }).expect(200);
      await robot.close();
    }
  });
});

async function expectDisabled(l: ReturnType<Page['getByRole']>) {
  await l.waitFor({ state: 'attached' });
  expect(await l.isDisabled()).toBe(true);
}
