import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { DECISION_ID_PATTERN, PROFILES } from '../../../../../libs/domain';
import { ActorDto, SignatureDto } from './step.dto';

/** POST /decisions: registers a decision started from a catalog item (Art. 3, 11). */
export class RegisterDecisionDto {
  @ApiProperty({ example: 'SZ-2026-0007', description: 'business id of the decision; also its workflow id' })
  @Matches(DECISION_ID_PATTERN, { message: 'id must be 3-64 letters, digits, ".", "_" or "-", starting with a letter or digit' })
  id!: string;

  @ApiProperty({ example: '关于调整城市公共交通票价的决定' })
  @MaxLength(300)
  @IsNotEmpty()
  @IsString()
  title!: string;

  @ApiProperty({ example: '市交通运输局', description: 'the undertaking unit (决策承办单位) named at initiation, Art. 11' })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  undertakingDepartment!: string;

  @ApiProperty({ example: '2026-目录-07', description: 'the decision catalog item (决策事项目录) it comes from, Art. 3' })
  @MaxLength(100)
  @IsNotEmpty()
  @IsString()
  catalogRef!: string;

  @ApiProperty({ example: ['《重大行政决策程序暂行条例》第三条'], description: 'laws, regulations and policies the decision relies on' })
  @MaxLength(500, { each: true })
  @IsNotEmpty({ each: true })
  @IsString({ each: true })
  @ArrayMaxSize(50)
  @ArrayMinSize(1, { message: 'legalBasis must name at least one law, regulation or policy' })
  @IsArray()
  legalBasis!: string[];

  @ApiProperty({ required: false, enum: Object.keys(PROFILES), default: 'national', description: 'the procedure profile (national baseline or a province), kept for the decision\'s whole life' })
  @IsOptional()
  @IsIn(Object.keys(PROFILES), { message: `profile must be one of ${Object.keys(PROFILES).join(', ')}` })
  profile?: string;

  @ApiProperty({ type: ActorDto, description: 'the person of the undertaking unit who registers the decision (role undertaking_unit, organisation = undertakingDepartment), Art. 11' })
  @ValidateNested()
  @Type(() => ActorDto)
  @IsObject()
  actor!: ActorDto;

  @ApiProperty({
    type: SignatureDto,
    description:
      "the actor's signature over the RFC 8785 canonical JSON of {decisionId, action: 'register', actor, payload: {title, undertakingDepartment, catalogRef, legalBasis, profile}, idempotencyKey: decisionId}",
  })
  @ValidateNested()
  @Type(() => SignatureDto)
  @IsObject()
  signature!: SignatureDto;
}
