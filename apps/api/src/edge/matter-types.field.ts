import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import { MATTER_TYPE_IDS } from '../../../../libs/domain';
import { Says } from '../validation-messages';

/** A list of matter types (libs/domain/procedure/matters.ts), as the catalog item and the registration both name them. */
export function MatterTypes(description: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ required: false, enum: MATTER_TYPE_IDS, isArray: true, example: ['housing-expropriation'], description }),
    IsOptional(),
    IsIn(MATTER_TYPE_IDS, Says.eachOneOf(MATTER_TYPE_IDS)),
    ArrayUnique(Says.unique),
    ArrayMaxSize(10, Says.maxItems(10)),
    IsArray(Says.array),
  );
}
