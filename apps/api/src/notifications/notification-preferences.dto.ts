import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsEmail, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
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
}
