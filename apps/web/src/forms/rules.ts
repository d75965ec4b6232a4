import { blankText } from '../../../../libs/domain/input';
import { t } from '../i18n';

/**
 * A form rule's validator: text that is there but shows nothing (zero-width spaces, the Braille blank, a Hangul filler)
 * is refused under its field, as the API refuses it (libs/domain/input.ts), before anything is sent. A list's items each.
 */
export const visibleText = (label: string) => async (_rule: unknown, value: unknown): Promise<void> => {
  const texts = Array.isArray(value) ? value : [value];
  if (texts.some((v) => typeof v === 'string' && blankText(v))) throw new Error(t(`${label}只有空白或不可见字符`, `${label}: only white space or invisible characters`));
};
