import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { SIGNATURE_ALGORITHMS, type SignatureAlgorithm } from '../../../../../libs/record/signatures';
import { says, Says } from '../../validation-messages';
import { PersonId } from '../../edge/text-fields';
import { IsInstant } from '../../edge/is-instant';
import { IdFilter, PageQueryDto } from '../../edge/paging';

/** A registrar's signature (libs/record/endorsement.ts) over what it endorses. */
export class EndorsementDto {
  @ApiProperty({ example: 'sm2-sm3:9c1e…', description: 'the registrar key that signed' })
  @MaxLength(100, Says.maxLength(100))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  keyId!: string;

  @ApiProperty({ description: 'base64 signature' })
  @Matches(/^[A-Za-z0-9+/]{40,200}={0,2}$/, Says.signatureBase64)
  value!: string;
}

/** POST /actor-keys: registers the public key an actor signs steps with, endorsed by a registrar. */
export class RegisterKeyDto {
  @ApiProperty({ example: 'u-zhang' })
  @PersonId()
  actorId!: string;

  @ApiProperty({ enum: SIGNATURE_ALGORITHMS })
  @IsIn(SIGNATURE_ALGORITHMS as unknown as string[], Says.oneOf(SIGNATURE_ALGORITHMS))
  algorithm!: SignatureAlgorithm;

  @ApiProperty({ description: 'hex: SM2 uncompressed (04 ‖ x ‖ y), Ed25519 the raw 32 bytes' })
  @Matches(/^[0-9a-fA-F]{64}$|^04[0-9a-fA-F]{128}$/, says('必须是十六进制公钥：Ed25519 为64位，SM2 为 04 加128位', 'must be hex: 64 digits (Ed25519) or 04 and 128 digits (SM2)'))
  publicKey!: string;

  @ApiProperty({ example: '2026-01-01T00:00:00+08:00' })
  @IsInstant()
  validFrom!: string;

  @ApiProperty({ example: '2028-12-31T23:59:59+08:00' })
  @IsInstant()
  validTo!: string;

  @ApiProperty({ type: EndorsementDto, description: "a registrar's signature over {purpose: 'register-actor-key', actorId, algorithm, publicKey, validFrom, validTo} (RFC 8785; times ISO 8601 UTC)" })
  @ValidateNested(Says.object)
  @Type(() => EndorsementDto)
  @IsObject(Says.object)
  endorsement!: EndorsementDto;
}

export class RevokeKeyDto {
  @ApiProperty({ example: '私钥介质遗失 (key medium lost)' })
  @MaxLength(1000, Says.maxLength(1000))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  reason!: string;

  @ApiProperty({ type: EndorsementDto, description: "a registrar's signature over {purpose: 'revoke-actor-key', keyId, reason} (RFC 8785)" })
  @ValidateNested(Says.object)
  @Type(() => EndorsementDto)
  @IsObject(Says.object)
  endorsement!: EndorsementDto;
}

/** GET /actor-keys: a page of the registered keys in the order of their ids, one actor's (an inspector reads them all, page by page). */
export class ActorKeyQueryDto extends PageQueryDto {
  @IdFilter("one actor's keys")
  actorId?: string;
}
