import type { ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * Validation messages of the DTOs: the field first, then the Chinese, with
 * the English beside it, e.g. 'name：必须是非空字符串（must be a non-empty
 * string）'. The validation pipe (app.module.ts) puts the path of a nested
 * field in front: 'actor.name：…'.
 */
export function says(zh: string, en: string, options: ValidationOptions = {}): ValidationOptions {
  return { ...options, message: (a: ValidationArguments) => `${a.property}：${zh}（${en}）` };
}

/** The messages the DTOs share. */
export const Says = {
  /** IsString and IsNotEmpty of a text field say the same thing: either way, it must be non-empty text. */
  text: says('必须是非空字符串', 'must be a non-empty string'),
  eachText: says('每一项都必须是非空字符串', 'each item must be a non-empty string', { each: true }),
  maxLength: (n: number) => says(`不得超过${n}个字符`, `must be at most ${n} characters`),
  eachMaxLength: (n: number) => says(`每一项都不得超过${n}个字符`, `each item must be at most ${n} characters`, { each: true }),
  object: says('必须是对象', 'must be an object'),
  array: says('必须是数组', 'must be an array'),
  maxItems: (n: number) => says(`最多列出${n}项`, `must list at most ${n} items`),
  oneOf: (values: readonly string[]) => says(`必须是以下之一：${values.join('、')}`, `must be one of ${values.join(', ')}`),
  eachOneOf: (values: readonly string[]) => says(`每一项都必须是以下之一：${values.join('、')}`, `each item must be one of ${values.join(', ')}`, { each: true }),
  unique: says('不得重复列出同一项', 'must not list an item twice'),
  base64: says('必须是 base64 编码', 'must be base64'),
  isoDateTime: says('必须是 ISO 8601 时间，例如 2026-01-01T00:00:00+08:00', 'must be an ISO 8601 date-time, e.g. 2026-01-01T00:00:00+08:00'),
  integer: says('必须是整数', 'must be a whole number'),
  min: (n: number) => says(`不得小于${n}`, `must not be less than ${n}`),
  max: (n: number) => says(`不得大于${n}`, `must not be greater than ${n}`),
};

/** A query parameter the route does not read: said alike by the input check and the query DTOs' whitelist. */
export const queryNotTaken = (name: string): string => `${name}：此接口不接受该查询参数（query parameter ${name} is not taken here）`;

/** What class-validator says itself (whitelisting, nesting), in the same form; of a query, in a query's words. */
export function ownMessage(property: string, constraint: string, message: string, from: 'body' | 'query' = 'body'): string {
  if (constraint === 'whitelistValidation') return from === 'query' ? queryNotTaken(property) : `${property}：不允许提交此字段（property should not exist）`;
  return message;
}
