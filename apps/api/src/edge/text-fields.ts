import { applyDecorators } from '@nestjs/common';
import { IsNotEmpty, IsString, MaxLength, ValidateBy } from 'class-validator';
import { isCatalogRef, isOneLine, isPersonId } from '../../../../libs/domain';
import { Says } from '../validation-messages';

/** A person's id where a registrar enters one (an appointment, a key, a pool entry): checked as isPersonId. */
export const PersonId = (): PropertyDecorator =>
  applyDecorators(ValidateBy({ name: 'personId', validator: { validate: (v: unknown) => typeof v !== 'string' || isPersonId(v) } }, Says.personId), MaxLength(100, Says.maxLength(100)), IsNotEmpty(Says.text), IsString(Says.text));

/** A title or a name: one line, nothing hidden in it (isOneLine). */
export const OneLine = (): PropertyDecorator => ValidateBy({ name: 'oneLine', validator: { validate: (v: unknown) => typeof v !== 'string' || isOneLine(v) } }, Says.plainLine);

/** A catalog ref, written one way (isCatalogRef). */
export const CatalogRef = (): PropertyDecorator => ValidateBy({ name: 'catalogRef', validator: { validate: (v: unknown) => typeof v !== 'string' || isCatalogRef(v) } }, Says.catalogRef);
