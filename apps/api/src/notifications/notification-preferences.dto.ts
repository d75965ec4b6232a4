import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { WEBHOOK_FORMATS, type WebhookFormat } from '../../../../libs/notify/work-apps';
import type { NotificationPreferencesRequest } from '../../../../libs/domain';
import { says, Says } from '../validation-messages';

const given = (what: string) => says(`必须给出（不接收${what}时为 null）`, `is required (null for no ${what === '电子邮件' ? 'e-mail' : 'webhook'})`);

/** PUT /me/notification-preferences. Both channels are stated every time: null turns one off. */
export class NotificationPreferencesDto implements NotificationPreferencesRequest {
  @ApiProperty({ type: String, nullable: true, example: 'li.shencha@sfj.hangzhou.gov.cn' })
  @IsDefined(given('电子邮件'))
  @ValidateIf((o: NotificationPreferencesDto) => o.email !== null)
  @MaxLength(254, Says.maxLength(254))
  @IsEmail({}, says('必须是电子邮件地址', 'must be an e-mail address'))
  @IsString(Says.text)
  email!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'https://oapi.dingtalk.com/robot/send?access_token=…', description: 'http(s) only; the body is signed (X-Signature: sha256=<hex>, X-Timestamp)' })
  @IsDefined(given('网络回调'))
  @ValidateIf((o: NotificationPreferencesDto) => o.webhookUrl !== null)
  @MaxLength(2000, Says.maxLength(2000))
  @Matches(/^https?:\/\/[^\s]+$/i, says('必须是 http 或 https 网址', 'must be an http or https URL'))
  @IsString(Says.text)
  webhookUrl!: string | null;

  @ApiPropertyOptional({ description: 'make a new signing secret for the same webhook URL' })
  @IsOptional()
  @IsBoolean(says('必须是 true 或 false', 'must be true or false'))
  rotateSecret?: boolean;

  @ApiPropertyOptional({ enum: WEBHOOK_FORMATS, description: 'what the webhook posts: our signed JSON, or a DingTalk (钉钉) or WeCom (企业微信) group robot message. Left out: what the same webhookUrl already has (its secret kept), signed-json for a new one' })
  @IsOptional()
  @IsIn(WEBHOOK_FORMATS, says(`必须是 ${WEBHOOK_FORMATS.join('、')} 之一`, `must be one of ${WEBHOOK_FORMATS.join(', ')}`))
  webhookFormat?: WebhookFormat;

  @ApiPropertyOptional({ example: 'SEC0123456789abcdef…', description: "a DingTalk robot's SEC secret, where the robot signs (加签); kept encrypted, never shown again" })
  // Absent or a string: null is no secret to keep, and is refused here rather than taken for absent (fresh-eyes tester: it was a 500).
  @ValidateIf((o: NotificationPreferencesDto) => o.workAppSecret !== undefined)
  @MaxLength(200, Says.maxLength(200))
  @Matches(/^SEC[0-9A-Za-z]+$/, says('必须是钉钉机器人“加签”处显示的以 SEC 开头的密钥', 'must be the SEC… secret the DingTalk robot shows under 加签'))
  @IsString(Says.text)
  workAppSecret?: string;
}
