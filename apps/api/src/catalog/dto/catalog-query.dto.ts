import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ORGANISATION_ID_PATTERN, PLAIN_IDENTIFIER } from '../../../../../libs/domain';
import { QueryInteger } from '../../edge/query-integer';
import { says, Says } from '../../validation-messages';

export const DEFAULT_CATALOG_PAGE = 500;
export const MAX_CATALOG_PAGE = 1000;
const whole = says(`必须是 1 至 ${MAX_CATALOG_PAGE} 之间的整数`, `must be a whole number from 1 to ${MAX_CATALOG_PAGE}`);

/**
 * GET /catalog-items: a page of the catalog, in the order of the items' refs. Public, so never the whole country's
 * catalog at once: at most `limit` items, the next page after the last one's ref (the answer's Link header names it).
 */
export class CatalogQueryDto {
  @ApiPropertyOptional({ example: '2026', description: 'the catalog of this year' })
  @IsOptional()
  @Matches(/^\d{4}$/, says('必须是四位数的年份，例如 2026', 'must be a four-digit year, e.g. 2026'))
  @IsString(Says.text)
  year?: string;

  @ApiPropertyOptional({ example: 'hz', description: "the catalog of this government (its deciding organ's)" })
  @IsOptional()
  @Matches(ORGANISATION_ID_PATTERN, says('必须是机构编号', 'must be an organisation id'))
  @IsString(Says.text)
  government?: string;

  @ApiPropertyOptional({ example: '2026-目录-07', description: 'the items after this ref (the last of the page before)' })
  @IsOptional()
  @Matches(PLAIN_IDENTIFIER, Says.plainIdentifier)
  @MaxLength(100, Says.maxLength(100))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_CATALOG_PAGE, default: DEFAULT_CATALOG_PAGE })
  @IsOptional()
  @Max(MAX_CATALOG_PAGE, whole)
  @Min(1, whole)
  @IsInt(whole)
  @QueryInteger()
  limit?: number;
}
