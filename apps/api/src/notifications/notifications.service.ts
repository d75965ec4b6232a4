import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../../../libs/config/config';
import type { PrismaClient } from '../../../../libs/db/prisma';
import type { NotificationPreferencesView, NotificationView } from '../../../../libs/domain';
import { APP_CONFIG } from '../../../../libs/nest/config.module';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { loadSecretKey, sealSecret } from '../../../../libs/notify/secrets';
import { newWebhookSecret, webhookUrlProblem } from '../../../../libs/notify/webhook';
import type { WebhookFormat } from '../../../../libs/notify/work-apps';
import type { NotificationPreferencesDto } from './notification-preferences.dto';

const RECENT = 10;

/** An official's own notification channels (the notifier in the worker reads them). */
@Injectable()
export class NotificationsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.secretKey = loadSecretKey(config.notifySecretKeyFile);
  }

  /** Webhook secrets are stored encrypted under it (NOTIFY_SECRET_KEY_FILE). */
  private readonly secretKey: Buffer | undefined;

  async get(personId: string): Promise<NotificationPreferencesView> {
    const pref = await this.prisma.notificationPreference.findUnique({ where: { personId } });
    return this.view(personId, pref);
  }

  async put(personId: string, dto: NotificationPreferencesDto): Promise<NotificationPreferencesView> {
    if (dto.webhookUrl !== null) {
      const problem = webhookUrlProblem(dto.webhookUrl, this.config.notifyWebhookHosts);
      if (problem) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`webhookUrl：${problem}`] });
    }
    const before = await this.prisma.notificationPreference.findUnique({ where: { personId } });
    // The format left out: the same webhook keeps the format it has (a DingTalk robot stays one, with its secret); a new one is our signed JSON.
    const format = dto.webhookFormat ?? (before && before.webhookUrl === dto.webhookUrl ? (before.webhookFormat as WebhookFormat) : 'signed-json');
    if (dto.workAppSecret !== undefined && format !== 'dingtalk') {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['workAppSecret：只有钉钉机器人（webhookFormat 为 dingtalk）使用该密钥（only a DingTalk robot takes a secret）'] });
    }
    // A rotation makes a new signing secret of ours: a robot's secret is the work app's (DingTalk: enter the new one), WeCom's none.
    if (dto.rotateSecret && format !== 'signed-json') {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`rotateSecret：只有签名 JSON 网络钩子（webhookFormat 为 signed-json）由本系统生成密钥；${format === 'dingtalk' ? '钉钉机器人的密钥请在钉钉中重新生成后以 workAppSecret 填入' : '企业微信机器人不使用密钥'}（only a signed-JSON webhook has a secret this system makes; ${format === 'dingtalk' ? "renew a DingTalk robot's secret in DingTalk and enter it as workAppSecret" : 'a WeCom robot takes none'}）`] });
    }
    // Our signed JSON: a new URL, a new format or a rotation gets a new secret, shown in this answer only; the same URL keeps its own.
    // A DingTalk robot: the secret the official enters (kept while the same robot is given without one). WeCom: none.
    const sameHook = !!before && before.webhookUrl === dto.webhookUrl && before.webhookFormat === format;
    const fresh = dto.webhookUrl !== null && format === 'signed-json' && (dto.rotateSecret || !before?.webhookSecret || !sameHook) ? newWebhookSecret() : undefined;
    const webhookSecret =
      dto.webhookUrl === null || format === 'wecom' ? null
      : format === 'dingtalk' ? (dto.workAppSecret !== undefined ? sealSecret(this.secretKey, dto.workAppSecret) : sameHook ? before!.webhookSecret : null)
      : fresh ? sealSecret(this.secretKey, fresh) : before!.webhookSecret;
    const data = { email: dto.email, webhookUrl: dto.webhookUrl, webhookFormat: dto.webhookUrl === null ? 'signed-json' : format, webhookSecret, updatedAt: new Date() };
    const pref = await this.prisma.notificationPreference.upsert({ where: { personId }, create: { personId, ...data }, update: data });
    return { ...(await this.view(personId, pref)), ...(fresh ? { webhookSecret: fresh } : {}) };
  }

  private async view(personId: string, pref: { email: string | null; webhookUrl: string | null; webhookFormat: string; webhookSecret: string | null; updatedAt: Date } | null): Promise<NotificationPreferencesView> {
    const recent = await this.prisma.notification.findMany({ where: { personId }, orderBy: { id: 'desc' }, take: RECENT });
    return {
      personId,
      email: pref?.email ?? null,
      webhookUrl: pref?.webhookUrl ?? null,
      webhookFormat: (pref?.webhookFormat ?? 'signed-json') as NotificationPreferencesView['webhookFormat'],
      workAppSecretHeld: pref?.webhookFormat === 'dingtalk' && !!pref.webhookSecret,
      emailAvailable: !!this.config.smtpUrl,
      updatedAt: pref?.updatedAt.toISOString() ?? null,
      recent: recent.map(
        (n): NotificationView => ({
          kind: n.kind as NotificationView['kind'],
          channel: n.channel as NotificationView['channel'],
          decisionId: n.decisionId,
          subject: n.subject,
          status: n.status as NotificationView['status'],
          attempts: n.attempts,
          lastError: n.lastError,
          createdAt: n.createdAt.toISOString(),
          sentAt: n.sentAt?.toISOString() ?? null,
        }),
      ),
    };
  }
}
