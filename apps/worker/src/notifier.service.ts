import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../../../libs/config/config';
import type { PrismaClient } from '../../../libs/db/prisma';
import { APP_CONFIG } from '../../../libs/nest/config.module';
import { PRISMA } from '../../../libs/nest/prisma.module';
import { loadSecretKey } from '../../../libs/notify/secrets';
import { Notifier } from '../../../libs/notify/notifier';

/**
 * The notifier (libs/notify) in the worker process: it is the process that
 * already runs the system's own background work (archiving, checkpoints), it
 * serves no requests whose latency a slow SMTP server could spoil, and
 * `npm start` runs it. Every worker process runs one; they share the outbox
 * safely. NOTIFY_ENABLED=false leaves it off.
 */
@Injectable()
export class NotifierService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotifierService.name);
  private notifier?: Notifier;
  private timer?: NodeJS.Timeout;
  private pass?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.notifyEnabled) return;
    const c = this.config;
    this.notifier = new Notifier(this.prisma, { smtpUrl: c.smtpUrl, from: c.notifyFrom, appUrl: c.notifyAppUrl, webhookHosts: c.notifyWebhookHosts, secretKey: loadSecretKey(c.notifySecretKeyFile) });
    this.logger.log(`notifier on: every ${c.notifyPollSeconds} s; e-mail ${c.smtpUrl ? 'through the configured SMTP server' : 'off (no SMTP_URL)'}; webhooks on`);
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.pass = this.notifier!.runOnce()
        .then(() => undefined)
        .catch((err) => this.logger.error(`notifier pass failed: ${err}`))
        .finally(() => this.schedule());
    }, this.config.notifyPollSeconds * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pass;
    this.notifier?.close();
  }
}
