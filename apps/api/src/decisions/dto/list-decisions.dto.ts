import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { Hold, Phase, type DecisionListItemView, type DecisionListPage } from '../../../../../libs/domain';
import { decodeCursor } from '../decision-cursor';
import { says } from '../../validation-messages';
import { QueryInteger } from '../../edge/query-integer';

const PHASES = Object.values(Phase);
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** The query string of GET /decisions. Every message names its parameter, in Chinese first. */
export class ListDecisionsQueryDto {
  @ApiPropertyOptional({ enum: PHASES, description: 'where the procedure stands' })
  @IsOptional()
  @IsIn(PHASES, says(`必须是以下之一 ${PHASES.join(', ')}`, `phase must be one of ${PHASES.join(', ')}`))
  phase?: Phase;

  @ApiPropertyOptional({ example: '市交通运输局', description: 'the undertaking department (决策承办单位), exactly as registered' })
  @IsOptional()
  @MaxLength(200, says('不得超过 200 个字符', 'department must be at most 200 characters'))
  @IsNotEmpty(says('不得为空', 'department must not be empty'))
  @IsString(says('必须是一个字符串', 'department must be a single string'))
  department?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'only decisions with (true) or without (false) a missed time limit' })
  @IsOptional()
  @IsBoolean(says('必须是 true 或 false', 'overdue must be true or false'))
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  overdue?: boolean;

  @ApiPropertyOptional({ example: 2026, description: 'year of registration, in China Standard Time (UTC+8)' })
  @IsOptional()
  @Max(2199, says('必须是 2019 至 2199 之间的年份', 'year must be a year from 2019 to 2199'))
  @Min(2019, says('必须是 2019 至 2199 之间的年份', 'year must be a year from 2019 to 2199'))
  @IsInt(says('必须是四位数的年份', 'year must be a whole year, e.g. 2026'))
  @QueryInteger()
  year?: number;

  @ApiPropertyOptional({ default: DEFAULT_PAGE_SIZE, minimum: 1, maximum: MAX_PAGE_SIZE, description: 'decisions per page' })
  @IsOptional()
  @Max(MAX_PAGE_SIZE, says(`必须是 1 至 ${MAX_PAGE_SIZE} 之间的整数`, `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`))
  @Min(1, says(`必须是 1 至 ${MAX_PAGE_SIZE} 之间的整数`, `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`))
  @IsInt(says(`必须是 1 至 ${MAX_PAGE_SIZE} 之间的整数`, `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`))
  @QueryInteger()
  pageSize?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1_000_000, description: 'page number (offset paging); use either page or cursor' })
  @IsOptional()
  @Max(1_000_000, says('必须是 1 至 1000000 的整数', 'page must be a whole number from 1 to 1000000'))
  @Min(1, says('必须是 1 至 1000000 的整数', 'page must be a whole number from 1 to 1000000'))
  @IsInt(says('必须是 1 至 1000000 的整数', 'page must be a whole number from 1 to 1000000'))
  @QueryInteger()
  page?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (keyset paging: stable while decisions are added); use either cursor or page' })
  @IsOptional()
  @ValidateBy(
    { name: 'isDecisionCursor', validator: { validate: (v: unknown) => typeof v === 'string' && decodeCursor(v) !== undefined } },
    says('不是上一页返回的 nextCursor', 'cursor must be the nextCursor of a previous page'),
  )
  @ValidateBy(
    { name: 'notWithPage', validator: { validate: (_v: unknown, args) => (args?.object as ListDecisionsQueryDto).page === undefined } },
    says('不能与 page 同时使用', 'cursor and page cannot be used together'),
  )
  cursor?: string;
}

export class DecisionListItemDto implements DecisionListItemView {
  @ApiProperty({ example: 'SZ-2026-0001' }) id!: string;
  @ApiProperty({ example: '关于调整城市公共交通票价的决定' }) title!: string;
  @ApiProperty({ example: '市交通运输局' }) undertakingDepartment!: string;
  @ApiProperty({ example: '2026-目录-07' }) catalogRef!: string;
  @ApiProperty({ example: 'national' }) profile!: string;
  @ApiProperty({ enum: PHASES }) phase!: string;
  @ApiProperty({ enum: Object.values(Hold) }) hold!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ example: '2026-03-02T01:30:00.000Z', description: 'ISO 8601' }) registeredAt!: string;
  @ApiProperty({ example: '2026-03-09T06:00:00.000Z', description: 'ISO 8601: the last step or clock event' }) updatedAt!: string;
}

export class DecisionListDto implements DecisionListPage {
  @ApiProperty({ type: [DecisionListItemDto], description: 'newest registration first' }) items!: DecisionListItemDto[];
  @ApiProperty({ description: 'how many decisions match the filters' }) total!: number;
  @ApiProperty() pageSize!: number;
  @ApiPropertyOptional({ description: 'the page number, when paging by page' }) page?: number;
  @ApiProperty({ type: String, nullable: true, description: 'pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}
