import { t } from '../i18n';

/**
 * A copy button's words, saying what it copies: Ant Design names its copy button by its tooltip, and a page of
 * buttons all called "复制" tells a screen-reader user nothing (WCAG 2.4.6, 4.1.2). `zh` and `en` name the thing:
 * copyLabels('回执编号', 'the receipt number') → "复制回执编号" / "Copy the receipt number".
 */
export function copyLabels(zh: string, en: string): { tooltips: [string, string] } {
  return { tooltips: [t(`复制${zh}`, `Copy ${en}`), t(`已复制${zh}`, `Copied ${en}`)] };
}
