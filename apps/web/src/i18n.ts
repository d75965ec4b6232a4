/**
 * The application's language: Chinese unless the reader chose English (kept
 * in this browser). Words are written where they are used, Chinese first:
 * t('我的待办', 'My tasks'). The domain's labels carry both halves,
 * '中文 (English)', and `half` picks one. Switching reloads the page, so
 * every page, Ant Design's own words and dates follow at once.
 */
export type Lang = 'zh' | 'en';
const KEY = 'major-decisions.lang';

/** The browser's storage; absent where this module is loaded outside a browser (the format tests run in Node). */
const browser = globalThis as unknown as { localStorage?: { getItem(k: string): string | null; setItem(k: string, v: string): void }; location?: { reload(): void } };

const stored = () => {
  try {
    return browser.localStorage?.getItem(KEY) ?? null;
  } catch {
    return null;
  }
};

export const lang: Lang = stored() === 'en' ? 'en' : 'zh';

export const t = (zh: string, en: string): string => (lang === 'en' ? en : zh);

/** One half of a label written '中文 (English)'. */
export function half(label: string | undefined, fallback: string): string {
  if (!label) return fallback;
  const at = label.indexOf(' (');
  if (at < 0) return label;
  return lang === 'en' && label.endsWith(')') ? label.slice(at + 2, -1) : label.slice(0, at);
}

export function switchLang(to: Lang): void {
  browser.localStorage?.setItem(KEY, to);
  browser.location?.reload();
}
