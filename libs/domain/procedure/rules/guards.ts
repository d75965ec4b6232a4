import { ORGANISATION_ID_PATTERN } from '../../authority/organisations';
import type { Citation } from '../articles';
import { HASH_PATTERN } from '../commands';
import { parseInstant } from '../instant';
import { refuse, RefusalCode as R, type Bilingual } from '../refusal';

/** Payload guards: each names the article that needs the field. */

export function need(ok: unknown, field: string, what: Bilingual, ...basis: [Citation, ...Citation[]]): void {
  if (!ok) refuse(R.InvalidPayload, { zh: `${field}：${what.zh}`, en: `${field} ${what.en}` }, ...basis);
}
export const BOOL: Bilingual = { zh: '必须为 true 或 false', en: 'must be true or false' };
/**
 * How many characters a text has, as people count them (and class-validator's MaxLength at the edge): a character
 * outside the Basic Multilingual Plane (𠀀 in a name, an emoji) is one, not the two UTF-16 units of `length`.
 */
export const characters = (v: string): number => (v.length <= 1 ? v.length : v.length - (v.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0));
/** The characters a text of a step's payload may have, where its rule names no other limit (the web form says it first). */
export const TEXT_MAX = 2000;
export const isStr = (v: unknown, max = TEXT_MAX): v is string => typeof v === 'string' && v.trim().length > 0 && (v.length <= max || characters(v) <= max);
export const isHash = (v: unknown): v is string => typeof v === 'string' && HASH_PATTERN.test(v);
export const isTime = (v: unknown): boolean => parseInstant(v) !== undefined;
export const str = (v: unknown, field: string, basis: Citation, max = TEXT_MAX) => {
  // Too long is said as too long: "must be a non-empty text" of 3,000 characters sent a clerk looking for the wrong fault.
  if (typeof v === 'string' && v.length > max && characters(v) > max) need(false, field, { zh: `文字过长，最多 ${max} 个字符`, en: `is longer than ${max} characters` }, basis);
  need(isStr(v, max), field, { zh: '必须是非空文本', en: 'must be a non-empty text' }, basis);
};
export const hash = (v: unknown, field: string, basis: Citation) => need(isHash(v), field, { zh: '必须是文件哈希值（sha256: 或 sm3: 后接64位十六进制数字）', en: "must be a document hash ('sha256:' or 'sm3:' and 64 hex digits)" }, basis);
export const optHash = (v: unknown, field: string, basis: Citation) => v === undefined || hash(v, field, basis);
export const oneOf = (v: unknown, values: readonly string[], field: string, basis: Citation) => need(values.includes(v as string), field, { zh: `必须是以下之一：${values.join('、')}`, en: `must be one of ${values.join(', ')}` }, basis);
const MAX_LIST_ITEMS = 1000;
export const list = (v: unknown, field: string, basis: Citation, min = 0): v is unknown[] => {
  // Too many is said as too many: "must list at least 1" of 1,001 items sent a clerk looking for the wrong fault.
  if (Array.isArray(v) && v.length > MAX_LIST_ITEMS) need(false, field, { zh: `最多列出${MAX_LIST_ITEMS}项`, en: `must list at most ${MAX_LIST_ITEMS}` }, basis);
  need(Array.isArray(v) && v.length >= min, field, min ? { zh: `必须是列表，至少列出${min}项`, en: `must list at least ${min}` } : { zh: '必须是列表', en: 'must be a list' }, basis);
  return true;
};
/** A document hash, or a short text (up to 2,000 characters); what starts like a hash must be one. */
export const optHashOrText = (v: unknown, field: string, basis: Citation) => {
  if (v === undefined) return;
  if (typeof v === 'string' && /^(sha256|sm3):/.test(v)) return hash(v, field, basis);
  need(isStr(v), field, { zh: '必须是文件哈希值或者简短文本（不超过2000字）', en: 'must be a document hash or a short text (up to 2,000 characters)' }, basis);
};
/** An organisation by its registered id (e.g. hz-gjjt), as the registrars entered it. */
export const orgId = (v: unknown, field: string, basis: Citation) =>
  need(typeof v === 'string' && ORGANISATION_ID_PATTERN.test(v), field, { zh: '必须是已登记机构的编号（如 hz-gjjt）', en: 'must be the id of a registered organisation (e.g. hz-gjjt)' }, basis);
