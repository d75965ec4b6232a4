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
  /** An identifier that shows as what it is: no direction overrides, zero-width or control characters (a ref of U+202E and 'C-5' reads '5-C'). */
  plainIdentifier: says('不得含有方向控制符、零宽字符等格式或控制字符，否则显示出来的编号与实际编号不同', 'must not contain format or control characters (direction overrides, zero-width characters): it would show as another identifier'),
  /** A title or a name, one line shown as it is (PLAIN_IDENTIFIER): no control, line-separator or invisible character. */
  plainLine: says('不得含有控制字符、换行符、零宽字符、方向控制符等不可见字符', 'must not contain control, line-separator, zero-width or other invisible characters'),
  /** A catalog ref (catalogRefProblem): one way of writing it. */
  catalogRef: says(
    '必须是目录编号：不含空格、斜杠，使用半角字符，横线只用半角连字符（如 2026-目录-07，不写作 2026－目录－07 或 2026—目录—07）；只能使用半角英文字母、数字和符号、汉字、〔〕，或者藏文、维吾尔文、蒙古文、彝文等文字，不得使用与英文字母、数字形近的其他文字或符号',
    'must be a catalog ref: no spaces or slashes, in half-width characters, the hyphen-minus its only dash (2026-目录-07, not 2026－目录－07 or 2026—目录—07); only ASCII letters, digits and signs, Han, 〔〕, or Tibetan, Uyghur, Mongolian, Yi and the like, nothing drawn like an English letter or digit but other',
  ),
  /** A person's id (isPersonId): what they sign in as, with nothing hidden in it. */
  personId: says(
    '必须是人员编号（即登录账号），使用半角字符，不得含有空格、零宽字符等空白、格式或控制字符；只能使用半角英文字母、数字和符号，汉字，或者藏文、维吾尔文、蒙古文、彝文等文字（不与英文字母混用），不得使用与英文字母、数字形近的其他文字或符号（西里尔、希腊、傈僳字母，全角字符，其他横线等）',
    'must be a person id (their sign-in subject), in half-width characters, with no white space, format or control characters; only ASCII letters, digits and signs, Han, or Tibetan, Uyghur, Mongolian, Yi and the like (not mixed with English letters), nothing drawn like an English letter or digit but other (Cyrillic, Greek, Lisu, full-width, other dashes)',
  ),
  /** A signature: its length is what a signature's is, so one of 4 or 90,000 characters is not told it is no base64. */
  signatureBase64: says('必须是 base64 编码的签名值，40至200个字符，末尾可有 = 填充', 'must be a base64 signature value (40 to 200 characters, optionally padded with =)'),
  isoDateTime: says('必须是 ISO 8601 时间，例如 2026-01-01T00:00:00+08:00', 'must be an ISO 8601 date-time, e.g. 2026-01-01T00:00:00+08:00'),
  integer: says('必须是整数', 'must be a whole number'),
  min: (n: number) => says(`不得小于${n}`, `must not be less than ${n}`),
  max: (n: number) => says(`不得大于${n}`, `must not be greater than ${n}`),
  /**
   * A step the procedure does not have: not the list of all of them (there are dozens), but the one meant where a
   * slip of the keyboard made it, and where to find those open to the decision now (the caller's next step).
   */
  action: (names: readonly string[]): ValidationOptions => ({
    message: (a: ValidationArguments) => {
      if (typeof a.value !== 'string' || !a.value) return `${a.property}：必须是决策程序中步骤的名称，例如 submitDraft（must be the name of a step of the procedure, e.g. submitDraft）`;
      const shown = a.value.length > 64 ? `${a.value.slice(0, 64)}…` : a.value;
      const near = nearestName(a.value, names);
      return (
        `${a.property}：${shown} 不是决策程序中的步骤${near ? `，是否指 ${near}？` : '。'}本决策此时可以进行的步骤见 GET /decisions/:id/tasks，全部步骤见 /docs` +
        `（${shown} is not a step of the procedure${near ? `: did you mean ${near}?` : ''} The steps open to the decision now are listed by GET /decisions/:id/tasks, all of them at /docs）`
      );
    },
  }),
};

/** The one of `names` that `given` most likely meant: the same but for case, or a few letters off (at most a quarter of it). */
function nearestName(given: string, names: readonly string[]): string | undefined {
  if (given.length > 64) return undefined;
  const g = given.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(g, name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(given.length / 4)) ? best.name : undefined;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** A query parameter the route does not read: said alike by the input check and the query DTOs' whitelist. */
export const queryNotTaken = (name: string): string => `${name}：此接口不接受该查询参数（query parameter ${name} is not taken here）`;

/** What class-validator says itself (whitelisting, nesting), in the same form; of a query, in a query's words. */
export function ownMessage(property: string, constraint: string, message: string, from: 'body' | 'query' = 'body'): string {
  if (constraint === 'whitelistValidation') return from === 'query' ? queryNotTaken(property) : `${property}：不允许提交此字段（property should not exist）`;
  return message;
}
