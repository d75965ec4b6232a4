import { applyDecorators } from '@nestjs/common';
import { IsNotEmpty, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { isOneLine, PERSON_IDENTIFIER } from '../../../../libs/domain';
import { Says } from '../validation-messages';

/** A person's id where a registrar enters one (an appointment, a key, a pool entry): checked as PERSON_IDENTIFIER. */
export const PersonId = (): PropertyDecorator => applyDecorators(Matches(PERSON_IDENTIFIER, Says.personId), MaxLength(100, Says.maxLength(100)), IsNotEmpty(Says.text), IsString(Says.text));

/** A title or a name: one line, nothing hidden in it (isOneLine). */
export const OneLine = (): PropertyDecorator => ValidateBy({ name: 'oneLine', validator: { validate: (v: unknown) => typeof v !== 'string' || isOneLine(v) } }, Says.plainLine);
