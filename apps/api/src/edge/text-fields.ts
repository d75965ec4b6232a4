import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength, ValidateBy, type ValidationArguments } from 'class-validator';
import { isCatalogRef, isOneLine, isPersonId, nameProblem } from '../../../../libs/domain';
import { Says } from '../validation-messages';

/** A person's id where a registrar enters one (an appointment, a key, a pool entry): checked as isPersonId. */
export const PersonId = (): PropertyDecorator =>
  applyDecorators(ValidateBy({ name: 'personId', validator: { validate: (v: unknown) => typeof v !== 'string' || isPersonId(v) } }, Says.personId), MaxLength(100, Says.maxLength(100)), IsNotEmpty(Says.text), IsString(Says.text));

/** A title or a name: one line, nothing hidden in it (isOneLine). */
export const OneLine = (): PropertyDecorator => ValidateBy({ name: 'oneLine', validator: { validate: (v: unknown) => typeof v !== 'string' || isOneLine(v) } }, Says.plainLine);

/**
 * A text of a request nobody signs, kept without the white space around it (a title pasted with a trailing space was
 * stored so, and the same item published again with it differed; retest). Blank, it is refused as empty. A signed text
 * is never trimmed: its signature covers it as sent.
 */
export const Trimmed = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(AROUND, '') : value));
/** White space at either end; not U+FEFF, which String.trim takes too: a byte-order mark is refused as invisible, not dropped. */
const AROUND = /^\p{White_Space}+|\p{White_Space}+$/gu;

/** A catalog ref, written one way (isCatalogRef). */
export const CatalogRef = (): PropertyDecorator => ValidateBy({ name: 'catalogRef', validator: { validate: (v: unknown) => typeof v !== 'string' || isCatalogRef(v) } }, Says.catalogRef);

/**
 * A person's or a body's name as a registrar enters it, written one way (nameProblem): '测\u200b试员' and '测试员', or
 * '深圳市交通\u200b运输局' beside '深圳市交通运输局', were two (retest).
 */
export const PlainName = (): PropertyDecorator =>
  ValidateBy({
    name: 'plainName',
    validator: {
      validate: (v: unknown) => typeof v !== 'string' || !nameProblem(v),
      defaultMessage: (a?: ValidationArguments) => {
        const p = typeof a?.value === 'string' ? nameProblem(a.value) : undefined;
        return `${a?.property ?? 'name'}：${p?.zh ?? '姓名或者名称应当照实写明'}（${p?.en ?? 'write the name as it is'}）`;
      },
    },
  });
