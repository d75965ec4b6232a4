import type { AppConfig } from '../../../../libs/config/config';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { NotificationsService } from './notifications.service';

type Row = { personId: string; email: string | null; webhookUrl: string | null; webhookFormat: string; webhookSecret: string | null; updatedAt: Date };

/** The two tables the service touches, in memory. */
function fakePrisma() {
  const rows = new Map<string, Row>();
  const prisma = {
    notificationPreference: {
      findUnique: async ({ where }: { where: { personId: string } }) => rows.get(where.personId) ?? null,
      upsert: async ({ where, create, update }: { where: { personId: string }; create: Row; update: Omit<Row, 'personId'> }) => {
        const row = rows.has(where.personId) ? { ...rows.get(where.personId)!, ...update } : create;
        rows.set(where.personId, row);
        return row;
      },
    },
    notification: { findMany: async () => [] },
  };
  return { rows, prisma: prisma as unknown as PrismaClient };
}

const config = { notifyWebhookHosts: undefined, notifySecretKeyFile: undefined, smtpUrl: undefined } as unknown as AppConfig;
const ROBOT = 'https://oapi.dingtalk.com/robot/send?access_token=abc';

describe('PUT /me/notification-preferences, a field left out', () => {
  it('keeps a DingTalk robot a DingTalk robot, with its secret, when the same webhook is saved without webhookFormat', async () => {
    const { rows, prisma } = fakePrisma();
    const service = new NotificationsService(prisma, config);
    await service.put('u-zhang', { email: null, webhookUrl: ROBOT, webhookFormat: 'dingtalk', workAppSecret: 'SECabc123' });
    // Only the e-mail changes: the robot stays, its format and secret too.
    const view = await service.put('u-zhang', { email: 'zhang@jtj.sz.gov.cn', webhookUrl: ROBOT });
    expect(view).toMatchObject({ email: 'zhang@jtj.sz.gov.cn', webhookUrl: ROBOT, webhookFormat: 'dingtalk', workAppSecretHeld: true });
    expect(view).not.toHaveProperty('webhookSecret');
    expect(rows.get('u-zhang')).toMatchObject({ webhookFormat: 'dingtalk', webhookSecret: 'SECabc123' });
    // A new secret for the same robot needs no format either.
    await service.put('u-zhang', { email: null, webhookUrl: ROBOT, workAppSecret: 'SECnew456' });
    expect(rows.get('u-zhang')).toMatchObject({ webhookFormat: 'dingtalk', webhookSecret: 'SECnew456' });
  });

  it('keeps a WeCom robot one, and a signed-JSON webhook its secret; a new URL without a format is signed JSON', async () => {
    const { rows, prisma } = fakePrisma();
    const service = new NotificationsService(prisma, config);
    await service.put('u-li', { email: null, webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', webhookFormat: 'wecom' });
    expect((await service.put('u-li', { email: null, webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' })).webhookFormat).toBe('wecom');
    const made = await service.put('u-li', { email: null, webhookUrl: 'https://hook.example.gov.cn/a' });
    expect(made).toMatchObject({ webhookFormat: 'signed-json', webhookSecret: expect.stringMatching(/^whsec_/) });
    const again = await service.put('u-li', { email: null, webhookUrl: 'https://hook.example.gov.cn/a' });
    expect(again).not.toHaveProperty('webhookSecret');
    expect(rows.get('u-li')!.webhookSecret).toBe(made.webhookSecret);
    // Another robot's URL left without a format is not taken for the old one's: signed JSON, and a secret for it is refused.
    await service.put('u-li', { email: null, webhookUrl: ROBOT, webhookFormat: 'dingtalk', workAppSecret: 'SECabc123' });
    await expect(service.put('u-li', { email: null, webhookUrl: `${ROBOT}2`, workAppSecret: 'SECabc123' })).rejects.toThrow(/Bad Request/);
    expect((await service.put('u-li', { email: null, webhookUrl: `${ROBOT}2` })).webhookFormat).toBe('signed-json');
  });

  it('refuses a rotation for a robot, whose secret is not ours to make, saying what to do instead', async () => {
    const { rows, prisma } = fakePrisma();
    const service = new NotificationsService(prisma, config);
    await service.put('u-wang', { email: null, webhookUrl: ROBOT, webhookFormat: 'dingtalk', workAppSecret: 'SECabc123' });
    const refused = service.put('u-wang', { email: null, webhookUrl: ROBOT, rotateSecret: true });
    await expect(refused).rejects.toMatchObject({ response: { message: [expect.stringMatching(/^rotateSecret：.*钉钉机器人的密钥请在钉钉中重新生成后以 workAppSecret 填入/)] } });
    expect(rows.get('u-wang')).toMatchObject({ webhookFormat: 'dingtalk', webhookSecret: 'SECabc123' });
    await expect(service.put('u-wang', { email: null, webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', webhookFormat: 'wecom', rotateSecret: true })).rejects.toMatchObject({ response: { message: [expect.stringContaining('企业微信机器人不使用密钥')] } });
  });

  it('refuses a webhook on this machine or the internal network unless the host is listed, saying who can list it (SSRF)', async () => {
    const { rows, prisma } = fakePrisma();
    const service = new NotificationsService(prisma, config);
    await expect(service.put('u-li', { email: null, webhookUrl: 'http://169.254.169.254/latest/meta-data' })).rejects.toMatchObject({ response: { message: [expect.stringMatching(/^webhookUrl：169\.254\.169\.254 是本机或者内部网络地址.*请系统管理员列入 NOTIFY_WEBHOOK_HOSTS/)] } });
    expect(rows.has('u-li')).toBe(false);
    const listed = new NotificationsService(prisma, { ...config, notifyWebhookHosts: ['10.8.0.2'] } as AppConfig);
    expect((await listed.put('u-li', { email: null, webhookUrl: 'http://10.8.0.2/zwdd' })).webhookUrl).toBe('http://10.8.0.2/zwdd');
  });
});
