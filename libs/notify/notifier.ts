import { createTransport, type Transporter } from 'nodemailer';
import type { PrismaClient } from '../db/prisma';
import { deliverDue, type DeliveryOptions } from './delivery';
import { planNotifications } from './planner';

export interface NotifierOptions extends Omit<DeliveryOptions, 'mail'> {
  smtpUrl?: string;
  appUrl: string;
}

/**
 * The outbox's two halves, as one process runs them: plan notices from what
 * the record gained, then send what is due. Any number of processes may run
 * one: planning takes turns (an advisory lock), sending claims rows
 * (FOR UPDATE SKIP LOCKED).
 */
export class Notifier {
  private readonly mail?: Transporter;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly opts: NotifierOptions,
  ) {
    // E-mail only with an SMTP server; webhooks regardless.
    this.mail = opts.smtpUrl ? createTransport(smtpOptions(opts.smtpUrl)) : undefined;
  }

  /** One pass: returns the notices planned and sent. */
  async runOnce(): Promise<{ planned: number; sent: number }> {
    const planned = await planNotifications(this.prisma, { appUrl: this.opts.appUrl, email: !!this.mail });
    const sent = await deliverDue(this.prisma, { ...this.opts, mail: this.mail });
    return { planned, sent };
  }

  close(): void {
    this.mail?.close();
  }
}

/** SMTP_URL as nodemailer's options, with timeouts well inside the delivery's lease. */
function smtpOptions(url: string) {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname,
    port: Number(u.port) || (secure ? 465 : 587),
    secure,
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 15_000,
  };
}
