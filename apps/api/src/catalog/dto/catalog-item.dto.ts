import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Says } from '../../validation-messages';
import { CatalogRef, OneLine, Trimmed } from '../../edge/text-fields';
import { MatterTypes } from '../../edge/matter-types.field';

/** POST /catalog-items: publishes an item of the decision catalog (Art. 3). */
export class CatalogItemDto {
  @ApiProperty({ example: '2026-目录-07' })
  @CatalogRef()
  @MaxLength(100, Says.maxLength(100))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  ref!: string;

  @ApiProperty({ example: 2026 })
  @Max(2199, Says.max(2199))
  @Min(2019, Says.min(2019))
  @IsInt(Says.integer)
  year!: number;

  @ApiProperty({ example: '城市公共交通票价调整' })
  @Trimmed()
  @OneLine()
  @MaxLength(300, Says.maxLength(300))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  title!: string;

  @ApiProperty({ example: '某市人民政府', description: 'the decision organ (决策机关) whose catalog this is' })
  @Trimmed()
  @OneLine()
  @MaxLength(200, Says.maxLength(200))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  organ!: string;

  @ApiProperty({ example: '市委常委会2026年第3次会议同意', description: 'the same-level Party committee\'s consent to the catalog (Art. 3)' })
  @Trimmed()
  @MaxLength(300, Says.maxLength(300))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  partyConsentRef!: string;

  @ApiProperty({ required: false, description: 'for an item added during the year: why the catalog is adjusted' })
  @Trimmed()
  @IsOptional()
  @MaxLength(1000, Says.maxLength(1000))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  adjustmentReason?: string;

  @MatterTypes("the matter types other laws give their own procedure (Decree 713 Art. 3 para. 2): a decision on this item follows them, e.g. housing-expropriation (国有土地上房屋征收与补偿条例 Arts. 10-12)")
  matterTypes?: string[];
}
