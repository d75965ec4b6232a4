import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateBy, ValidateNested, type ValidationArguments } from 'class-validator';
import { APPOINTMENT_ROLES, creditCodeProblem, GOVERNMENT_LEVELS, HASH_PATTERN, ORGANISATION_ID_PATTERN, ORGANISATION_KINDS, type AppointmentRole, type GovernmentLevel, type OrganisationKind } from '../../../../../libs/domain';
import { EndorsementDto } from '../../keys/dto/actor-key.dto';
import { says, Says } from '../../validation-messages';
import { PersonId, PlainName } from '../../edge/text-fields';
import { IsInstant } from '../../edge/is-instant';

/** A 统一社会信用代码 as GB 32100-2015 makes one, its check character included; the refusal says which part is wrong. */
function IsCreditCode(): PropertyDecorator {
  return ValidateBy({
    name: 'isCreditCode',
    validator: {
      validate: (v: unknown) => !creditCodeProblem(v),
      defaultMessage: (a?: ValidationArguments) => {
        const problem = creditCodeProblem(a?.value) ?? { zh: '', en: '' };
        return `${a?.property ?? 'creditCode'}：${problem.zh}（${problem.en}）`;
      },
    },
  });
}

const orgId = says('必须是机构编号：字母、数字、汉字及 . _ : -，2至64个字符', "must be an organisation id: letters, digits, Chinese characters, '.', '_', ':' and '-', 2 to 64 characters");

/** POST /organisations: an organisation, registered on the signature of a registrar of its government. */
export class RegisterOrganisationDto {
  @ApiProperty({ example: 'zj-hz-jtj' })
  @Matches(ORGANISATION_ID_PATTERN, orgId)
  id!: string;

  @ApiProperty({ example: '杭州市交通运输局' })
  @MaxLength(200, Says.maxLength(200))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  @PlainName()
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS as unknown as string[], Says.oneOf(ORGANISATION_KINDS))
  kind!: OrganisationKind;

  @ApiPropertyOptional({ example: 'zj-hz', description: 'the organisation it belongs to; omitted only for a government at the top' })
  @IsOptional()
  @Matches(ORGANISATION_ID_PATTERN, orgId)
  parentId?: string;

  @ApiPropertyOptional({ enum: GOVERNMENT_LEVELS, description: 'governments only' })
  @IsOptional()
  @IsIn(GOVERNMENT_LEVELS as unknown as string[], Says.oneOf(GOVERNMENT_LEVELS))
  level?: GovernmentLevel;

  @ApiPropertyOptional({ example: '11330100002489107J', description: '统一社会信用代码 (GB 32100-2015: 18 characters, the last the check character of the first 17)' })
  @IsOptional()
  @IsCreditCode()
  creditCode?: string;

  @ApiProperty({ type: EndorsementDto, description: "a registrar's signature over {purpose: 'register-organisation', id, name, kind, parentId, level, creditCode} (RFC 8785; absent fields null)" })
  @ValidateNested(Says.object)
  @Type(() => EndorsementDto)
  @IsObject(Says.object)
  endorsement!: EndorsementDto;
}

/** POST /appointments: a person appointed to a role in an organisation for a period. */
export class AppointDto {
  @ApiProperty({ example: 'ap-2026-0001' })
  @Matches(ORGANISATION_ID_PATTERN, says('必须是任职编号：字母、数字及 . _ : -，2至64个字符', "must be an appointment id: letters, digits, '.', '_', ':' and '-', 2 to 64 characters"))
  id!: string;

  @ApiProperty({ example: 'u-zhang', description: 'the person: the id their key is registered for and their sign-in subject' })
  @PersonId()
  personId!: string;

  @ApiProperty({ example: '张承办' })
  @MaxLength(200, Says.maxLength(200))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  @PlainName()
  personName!: string;

  @ApiProperty({ enum: APPOINTMENT_ROLES })
  @IsIn(APPOINTMENT_ROLES as unknown as string[], Says.oneOf(APPOINTMENT_ROLES))
  role!: AppointmentRole;

  @ApiProperty({ example: 'zj-hz-jtj' })
  @Matches(ORGANISATION_ID_PATTERN, orgId)
  organisationId!: string;

  @ApiProperty({ example: '2026-01-01T00:00:00+08:00' })
  @IsInstant()
  validFrom!: string;

  @ApiProperty({ example: '2031-01-01T00:00:00+08:00' })
  @IsInstant()
  validTo!: string;

  @ApiProperty({ type: EndorsementDto, description: "a registrar's signature over {purpose: 'appoint', id, personId, personName, role, organisationId, validFrom, validTo} (RFC 8785; times ISO 8601 UTC)" })
  @ValidateNested(Says.object)
  @Type(() => EndorsementDto)
  @IsObject(Says.object)
  endorsement!: EndorsementDto;
}

/** A registrar's end of something it entered (an appointment's 免职, a pool membership's 退出): from when, and why. */
class EndedForReasonDto {
  @ApiProperty({ example: '2026-12-01T00:00:00+08:00' })
  @IsInstant()
  endedAt!: string;

  @ApiProperty({ example: '调任 (transferred)' })
  @MaxLength(1000, Says.maxLength(1000))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  reason!: string;
}

/** POST /appointments/:id/end: the appointment ends (免职) from a moment on. */
export class EndAppointmentDto extends EndedForReasonDto {

  @ApiProperty({ type: EndorsementDto, description: "a registrar's signature over {purpose: 'end-appointment', appointmentId, endedAt, reason} (RFC 8785)" })
  @ValidateNested(Says.object)
  @Type(() => EndorsementDto)
  @IsObject(Says.object)
  endorsement!: EndorsementDto;
}

const recordId = says('必须是记录编号：字母、数字及 . _ : -，2至64个字符', "must be a record id: letters, digits, '.', '_', ':' and '-', 2 to 64 characters");

/** What a registrar's act on an expert of a government's pool names (Arts. 21, 41): the act, the expert, the government, and from when to when. */
abstract class ExpertActDto {
  @ApiProperty({ example: 'pool-2026-0001', description: "the act's record id" })
  @Matches(ORGANISATION_ID_PATTERN, recordId)
  id!: string;

  @ApiProperty({ example: 'e-1', description: 'the expert as panels name it (appointExpertPanel experts.id)' })
  @PersonId()
  expertId!: string;

  @ApiProperty({ example: '专家甲' })
  @MaxLength(200, Says.maxLength(200))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  @PlainName()
  expertName!: string;

  @ApiProperty({ example: 'zj-hz', description: 'the government whose expert pool it concerns; its registrar endorses' })
  @Matches(ORGANISATION_ID_PATTERN, orgId)
  governmentId!: string;

  @ApiProperty({ example: '2026-12-01T00:00:00+08:00' })
  @IsInstant()
  validFrom!: string;

  @ApiPropertyOptional({ example: '2029-12-01T00:00:00+08:00', description: 'absent: until further notice' })
  @IsOptional()
  @IsInstant()
  validTo?: string;
}

/** POST /expert-disqualifications: an expert disqualified under Art. 41 for a government's expert pool (Art. 21). */
export class DisqualifyExpertDto extends ExpertActDto {
  @ApiProperty({ example: '论证中弄虚作假，造成严重后果 (falsified an opinion, with serious consequences)' })
  @MaxLength(1000, Says.maxLength(1000))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  reason!: string;

  @ApiPropertyOptional({ description: 'the decision to disqualify, by its hash' })
  @IsOptional()
  @Matches(HASH_PATTERN, says('必须是文件哈希值（sha256: 或 sm3: 后接64位十六进制数字）', "must be a document hash ('sha256:' or 'sm3:' and 64 hex digits)"))
  basisHash?: string;

  @ApiProperty({ type: EndorsementDto, description: "a registrar's signature over {purpose: 'disqualify-expert', id, expertId, expertName, governmentId, reason, basisHash, validFrom, validTo} (RFC 8785; times ISO 8601 UTC; absent fields null)" })
  @ValidateNested(Says.object)
  @Type(() => EndorsementDto)
  @IsObject(Says.object)
  endorsement!: EndorsementDto;
}

/** POST /expert-pool: an expert entered into a government's decision-consulting expert pool (决策咨询论证专家库, Art. 21). */
export class EnterExpertPoolDto extends ExpertActDto {
  @ApiProperty({ type: [String], example: ['交通运输', '价格'], description: 'fields of expertise (专业领域), 1 to 20, in the order signed' })
  @MaxLength(100, Says.eachMaxLength(100))
  @IsNotEmpty(Says.eachText)
  @IsString(Says.eachText)
  @ArrayUnique(Says.unique)
  @ArrayMaxSize(20, Says.maxItems(20))
  @ArrayMinSize(1, says('至少列出一个专业领域', 'must list at least one field of expertise'))
  @IsArray(Says.array)
  fields!: string[];

  @ApiPropertyOptional({ example: '浙江大学', description: 'the institution the expert works at' })
  @IsOptional()
  @MaxLength(200, Says.maxLength(200))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  institution?: string;

  @ApiProperty({ type: EndorsementDto, description: "a registrar's signature over {purpose: 'enter-expert-pool', id, expertId, expertName, governmentId, fields, institution, validFrom, validTo} (RFC 8785; times ISO 8601 UTC; absent fields null)" })
  @ValidateNested(Says.object)
  @Type(() => EndorsementDto)
  @IsObject(Says.object)
  endorsement!: EndorsementDto;
}

/** POST /expert-pool/:id/end: the expert leaves the pool (退出, Art. 21) from a moment on. */
export class EndExpertPoolEntryDto extends EndedForReasonDto {

  @ApiProperty({ type: EndorsementDto, description: "a registrar's signature over {purpose: 'end-expert-pool-entry', entryId, endedAt, reason} (RFC 8785)" })
  @ValidateNested(Says.object)
  @Type(() => EndorsementDto)
  @IsObject(Says.object)
  endorsement!: EndorsementDto;
}
