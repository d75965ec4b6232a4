import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import { QueryInteger } from '../edge/query-integer';
import { says } from '../validation-messages';
import { decodeAccountabilityCursor } from './accountability-cursor';

export const DEFAULT_ACCOUNTABILITY_PAGE_SIZE = 50;
export const MAX_ACCOUNTABILITY_PAGE_SIZE = 200;

const whole = says(`必须是 1 至 ${MAX_ACCOUNTABILITY_PAGE_SIZE} 之间的整数`, `pageSize must be a whole number from 1 to ${MAX_ACCOUNTABILITY_PAGE_SIZE}`);

/** GET /people/:personId/accountability: one page of a person's part in the record, newest first. */
export class AccountabilityQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_ACCOUNTABILITY_PAGE_SIZE, default: DEFAULT_ACCOUNTABILITY_PAGE_SIZE })
  @IsOptional()
  @Max(MAX_ACCOUNTABILITY_PAGE_SIZE, whole)
  @Min(1, whole)
  @IsInt(whole)
  @QueryInteger()
  pageSize?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @ValidateBy(
    { name: 'isAccountabilityCursor', validator: { validate: (v: unknown) => typeof v === 'string' && decodeAccountabilityCursor(v) !== undefined } },
    says('不是上一页返回的 nextCursor', 'cursor must be the nextCursor of a previous page'),
  )
  cursor?: string;
}
