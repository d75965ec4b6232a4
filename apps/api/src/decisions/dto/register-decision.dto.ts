import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { DECISION_ID_PATTERN, ORGANISATION_ID_PATTERN, PLAIN_IDENTIFIER, PROFILES } from '../../../../../libs/domain';
import { ActorDto, SignatureDto } from './step.dto';
import { says, Says } from '../../validation-messages';
import { OneLine } from '../../edge/text-fields';
import { MatterTypes } from '../../edge/matter-types.field';

/** POST /decisions: registers a decision started from a catalog item (Art. 3, 11). */
export class RegisterDecisionDto {
  @ApiProperty({ example: 'SZ-2026-0007', description: 'business id of the decision; also its workflow id' })
  @Matches(DECISION_ID_PATTERN, says('必须由3至64个字母、数字或者 .、_、- 组成，并以字母或者数字开头', 'must be 3-64 letters, digits, ".", "_" or "-", starting with a letter or digit'))
  id!: string;

  @ApiProperty({ example: '关于调整城市公共交通票价的决定' })
  @OneLine()
  @MaxLength(300, Says.maxLength(300))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  title!: string;

  @ApiProperty({ example: '市交通运输局', description: 'the undertaking unit (决策承办单位) named at initiation, Art. 11' })
  @MaxLength(200, Says.maxLength(200))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  undertakingDepartment!: string;

  @ApiProperty({ example: '2026-目录-07', description: 'the decision catalog item (决策事项目录) it comes from, Art. 3' })
  @Matches(PLAIN_IDENTIFIER, Says.plainIdentifier)
  @MaxLength(100, Says.maxLength(100))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  catalogRef!: string;

  @ApiProperty({ example: ['《重大行政决策程序暂行条例》第三条'], description: 'laws, regulations and policies the decision relies on' })
  @MaxLength(500, Says.eachMaxLength(500))
  @IsNotEmpty(Says.eachText)
  @IsString(Says.eachText)
  @ArrayMaxSize(50, Says.maxItems(50))
  @ArrayMinSize(1, says('至少列出一项法律、法规、规章或者政策依据', 'must name at least one law, regulation or policy'))
  @IsArray(Says.array)
  legalBasis!: string[];

  @ApiProperty({ required: false, enum: Object.keys(PROFILES), default: 'national', description: 'the procedure profile (national baseline, a province or a city: libs/domain/procedure/profiles.ts), kept for the decision\'s whole life, with the steps and rules it adds' })
  @IsOptional()
  @IsIn(Object.keys(PROFILES), Says.oneOf(Object.keys(PROFILES)))
  profile?: string;

  @ApiProperty({
    required: false,
    example: 'sz-jtj',
    description:
      "the deciding organ (决策机关) where it is not the government: a department of a county-level-or-above government deciding its own major matter (Art. 42), by organisation id; the undertaking unit is then one of its internal offices, its head decides as chief executive, its 办公室 (general_office under it) records and publishes, its collective discussion is its 局务会/部务会 (meeting kind 'department'). Signed with the registration; absent, the government decides",
  })
  // Left out: the government decides. Given, even as null, it is checked: null names no organ (it was taken for an id).
  @ValidateIf((o: { decidingOrgan?: unknown }) => o.decidingOrgan !== undefined)
  @Matches(ORGANISATION_ID_PATTERN, says('必须是已登记机构的编号', 'must be the id of a registered organisation'))
  @IsString(Says.text)
  decidingOrgan?: string;

  @MatterTypes("the matter types of the catalog item, as it names them (GET /catalog-items): signed with the registration, they fix the procedures other laws add for the decision's whole life (Art. 3 para. 2). Required, and equal to the item's, when the item names any")
  matterTypes?: string[];

  @ApiProperty({ type: ActorDto, description: 'the person of the undertaking unit who registers the decision (role undertaking_unit, organisation = undertakingDepartment), Art. 11' })
  @ValidateNested(Says.object)
  @Type(() => ActorDto)
  @IsObject(Says.object)
  actor!: ActorDto;

  @ApiProperty({
    type: SignatureDto,
    description:
      "the actor's signature over the RFC 8785 canonical JSON of {decisionId, action: 'register', actor, payload: {title, undertakingDepartment, catalogRef, legalBasis, profile, matterTypes (only where the item names any), decidingOrgan (only where given)}, idempotencyKey: decisionId}",
  })
  @ValidateNested(Says.object)
  @Type(() => SignatureDto)
  @IsObject(Says.object)
  signature!: SignatureDto;
}
