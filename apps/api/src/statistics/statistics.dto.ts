import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ORGANISATION_ID_PATTERN } from '../../../../libs/domain';
import { says, Says } from '../validation-messages';
import { QueryInteger } from '../edge/query-integer';

/** GET /statistics?year=&government= */
export class StatisticsQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'the calendar year (Beijing time) of the yearly figures; this year by default' })
  @IsOptional()
  @QueryInteger()
  @IsInt(Says.integer)
  @Min(2019, Says.min(2019))
  @Max(2199, Says.max(2199))
  year?: number;

  @ApiPropertyOptional({ example: 'hz', description: "one government's decisions only (among those the caller sees)" })
  @IsOptional()
  @Matches(ORGANISATION_ID_PATTERN, says('必须是机构编号', 'must be an organisation id'))
  government?: string;
}
