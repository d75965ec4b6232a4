import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ACTION_NAMES, Role, ROLES, type ActionName } from '../../../../../libs/domain';
import { says, Says } from '../../validation-messages';

/** Roles a person can act in; the system role is the engine's own. */
const HUMAN_ROLES = ROLES.filter((r) => r !== Role.System);

export class ActorDto {
  @ApiProperty({ example: 'u-zhang' })
  @MaxLength(100, Says.maxLength(100))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  id!: string;

  @ApiProperty({ example: '张承办' })
  @MaxLength(200, Says.maxLength(200))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  name!: string;

  @ApiProperty({ enum: HUMAN_ROLES })
  @IsIn(HUMAN_ROLES, Says.oneOf(HUMAN_ROLES))
  role!: Role;

  @ApiProperty({ example: '市交通运输局' })
  @MaxLength(200, Says.maxLength(200))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  organisation!: string;
}

export class SignatureDto {
  @ApiProperty({ example: 'ed25519:3f0a…', description: 'the registered key (POST /actor-keys) that signed' })
  @MaxLength(100, Says.maxLength(100))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  keyId!: string;

  @ApiProperty({ description: 'base64: SM2 DER, or Ed25519 raw 64 bytes, over the RFC 8785 canonical JSON of {decisionId, action, actor, payload, idempotencyKey}' })
  @Matches(/^[A-Za-z0-9+/]{40,200}={0,2}$/, Says.signatureBase64)
  value!: string;
}

/**
 * POST /decisions/:id/steps: one human step of the procedure. The envelope is
 * checked here; the payload by the procedure's own rules in the workflow's
 * Update validator, which names the article a bad or missing field is for.
 */
export class StepDto {
  @ApiProperty({ enum: ACTION_NAMES, example: 'submitDraft' })
  @IsIn(ACTION_NAMES as readonly string[], Says.action(ACTION_NAMES))
  action!: ActionName;

  @ApiProperty({ type: ActorDto })
  @ValidateNested(Says.object)
  @Type(() => ActorDto)
  @IsObject(Says.object)
  actor!: ActorDto;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { documentHash: 'sha256:…', explanationHash: 'sha256:…' }, description: 'the action’s payload (libs/domain Payloads); every document hash in it names a document uploaded first (POST /documents), or the step is refused MISSING_DOCUMENT (Art. 33)' })
  @IsObject(Says.object)
  payload!: Record<string, unknown>;

  @ApiProperty({ type: SignatureDto, description: "the actor's signature of the step (the sign-off)" })
  @ValidateNested(Says.object)
  @Type(() => SignatureDto)
  @IsObject(Says.object)
  signature!: SignatureDto;

  @ApiProperty({ example: 'c7a1e2b0-draft-1', description: 'repeat a request with the same key and the first result is returned; nothing is done twice' })
  @Matches(/^[A-Za-z0-9._:-]{8,128}$/, says('必须由8至128个字母、数字或者 .、_、:、- 组成', 'must be 8-128 letters, digits, ".", "_", ":" or "-"'))
  idempotencyKey!: string;
}
