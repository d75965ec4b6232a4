import { lang } from './i18n';

/**
 * '中文（English）' → ['中文', 'English']: the API writes every message Chinese first, the English in full-width brackets
 * last. The bracket that opens the English is the one matching the last: a reader's own words quoted in the English may
 * hold brackets of their own (web tester: a basis 《…》第九条（测试） split the message inside it).
 */
export function splitBilingual(message: string): [string, string | undefined] {
  if (!message.endsWith('）')) return [message, undefined];
  let depth = 0;
  for (let i = message.length - 2; i > 0; i--) {
    if (message[i] === '）') depth++;
    else if (message[i] === '（') {
      if (depth === 0) return [message.slice(0, i), message.slice(i + 1, -1)];
      depth--;
    }
  }
  return [message, undefined];
}

/**
 * A bilingual message in the reader's language: the Chinese, or in English its English half where it has one. Where in
 * the request a message points ('body.text：', 'body.payload.reason：') is said without the request's own wrapping, which
 * means nothing to a member of the public (web tester).
 */
export function bilingualText(message: string): string {
  const [zh, en] = splitBilingual(withoutRequestPath(message));
  return lang === 'en' && en ? en : zh;
}

/** 'body.payload.reason：…' → 'reason：…' (and the English half alike): the field, without the request's wrapping. */
export const withoutRequestPath = (message: string): string => message.replace(/^body\.(payload\.)?/, '').replace(/（body\.(payload\.)?/, '（');
