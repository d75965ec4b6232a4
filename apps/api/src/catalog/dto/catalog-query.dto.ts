import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { ORGANISATION_ID_PATTERN } from '../../../../../libs/domain';
import { PageQueryDto } from '../../edge/paging';
import { says, Says } from '../../validation-messages';

/**
 * GET /catalog-items: a page of the catalog, in the order of the items' refs. Public, so never the whole country's
 * catalog at once: at most `limit` items, the next page after the last one's ref (the answer's Link header names it).
 */
export class CatalogQueryDto extends PageQueryDto {
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
}
