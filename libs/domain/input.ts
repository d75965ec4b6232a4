import { art } from './procedure/articles';
import { bilingual, refusal, RefusalCode, type Bilingual, type Refusal } from './procedure/refusal';

/**
 * What the engine can store and answer for. PostgreSQL's text and jsonb refuse
 * the NUL character and unpaired UTF-16 surrogates (they are not UTF-8), so a
 * step carrying one could be accepted but never recorded; deep nesting and
 * huge strings cost the API, Temporal and the verifier without serving any
 * official. The API checks every request against these limits, and the
 * workflow's Update validator checks every step again.
 */
export const INPUT_LIMITS = {
  /** Objects and arrays inside one another, the outermost counting as 1. */
  maxDepth: 32,
  /** Characters (UTF-16 code units) in one string or object key. */
  maxStringLength: 100_000,
  /** Values (strings, numbers, objects, array items …) in one request or step. */
  maxValues: 20_000,
} as const;

/** What is wrong with a value, and where: `path` names the field, e.g. "payload.groups.3.response". */
export interface InputProblem {
  path: string;
  zh: string;
  en: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The embeddings, overrides and isolates of the bidirectional algorithm: '关于\u202Eevil\u202D的决定' shows 'live' where
 * 'evil' is signed (fresh-eyes tester). Arabic or Hebrew in a text needs none of them; the marks U+200E/U+200F stay allowed.
 */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/**
 * The tag characters (U+E0000–U+E007F): each an invisible copy of an ASCII character, so '情况紧急' may carry a whole
 * sentence no reader sees and the signature covers. Their one use, the flags of a country's regions in emoji, is no
 * part of an official text or a comment. Nor the interlinear annotation marks (U+FFF9–U+FFFB), between which a text
 * hides an annotation most screens do not show (retest).
 */
const TAG_CHARACTER = /[\u{E0000}-\u{E007F}\uFFF9-\uFFFB]/u;

/**
 * Control characters but the tab and the line ends: a bell, an escape that recolours a terminal ('\u001b[31m'), a
 * form feed. None is writing; one in a comment or a reason shows as nothing or garbles the screen that shows it
 * (fresh-eyes tester: '\u0007' and '\u001b[31mred' taken in comments). NUL is refused above, as unstorable.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Why a string cannot be stored, if it cannot. */
export function textProblem(s: string): Omit<InputProblem, 'path'> | undefined {
  if (s.length > INPUT_LIMITS.maxStringLength) return { zh: `文字过长，最多 ${INPUT_LIMITS.maxStringLength} 个字符`, en: `text longer than ${INPUT_LIMITS.maxStringLength} characters` };
  if (s.includes('\u0000')) return { zh: '含有空字符（NUL, U+0000），无法保存', en: 'contains the NUL character (U+0000), which cannot be stored' };
  if (LONE_SURROGATE.test(s)) return { zh: '含有不成对的代理码元，不是有效的 Unicode 文字', en: 'contains an unpaired UTF-16 surrogate, which is not valid Unicode text' };
  return undefined;
}

/**
 * A character one can see: not white space, nor an invisible or formatting one (zero-width spaces and joiners, bidi
 * marks, the blank Braille pattern, the object replacement character), nor a combining mark on nothing, nor one
 * unassigned or private. A text with none of them reads as blank while passing for filled in.
 */
const VISIBLE_CHARACTER = /[^\s\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\p{M}\p{Cn}\p{Co}\u2800\ufffc]/u;

/** An identifier shown as it is: no format, control or ignorable character (U+202E and 'C-5' would read '5-C'). */
export const PLAIN_IDENTIFIER = /^[^\p{Cf}\p{Cc}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]*$/u;

/**
 * The scripts of China besides Han whose letters an id may be written in: Tibetan, Uyghur and Kazakh (Arabic), Mongolian,
 * Yi, Tai Le, New Tai Lue, Korean. Not Lisu, whose letters copy the Latin capitals.
 */
const OTHER_SCRIPT_LETTER = '(?=\\p{L})[\\p{sc=Tibetan}\\p{sc=Arabic}\\p{sc=Mongolian}\\p{sc=Yi}\\p{sc=Tai_Le}\\p{sc=New_Tai_Lue}\\p{sc=Hangul}]';
/** Their vowel signs and stacked letters (Tibetan's subjoined letters, Arabic's harakat): marks, by the scripts they serve. */
const OTHER_SCRIPT_MARK = '(?=\\p{M})[\\p{scx=Tibetan}\\p{scx=Arabic}\\p{scx=Mongolian}\\p{scx=Tai_Le}\\p{scx=New_Tai_Lue}\\p{scx=Hangul}]';

/**
 * An id (a person's sign-in subject, a catalog ref) is written only in characters no other can pass for: printable ASCII
 * but the space, the ideographic brackets 〔〕 of official numbering, Han (its letters: not 〇, U+3007, nor the radicals),
 * and the letters and marks of the other scripts of China, with the Tibetan syllable mark ་. An allow-list: refusing
 * look-alikes one by one left Lisu 'ꓟ-ꓢꓴꓠ', 'm-s∪n', 'm-sun' with an invisible U+2800 or a private-use character, and
 * zeros of a dozen scripts, each appointed beside m-sun (retest); Cyrillic, Greek, other dashes and marks before that.
 */
const ID_CHARACTERS = new RegExp(`^(?:[\\x21-\\x7e\\u3014\\u3015\\u0f0b]|(?=\\p{L})\\p{sc=Han}|${OTHER_SCRIPT_LETTER}|${OTHER_SCRIPT_MARK})+$`, 'u');
/** A mark on nothing, or on an ASCII character or a Han one, where none belongs ('u-zhang' + U+0332). */
const STRAY_MARK = /(?:^|[\p{ASCII}\p{sc=Han}])\p{M}/u;
/** ASCII letters beside another script's (an Arabic alef reads as l): an id is one or the other, Han with either. */
const MIXED = new RegExp(`[A-Za-z][^]*${OTHER_SCRIPT_LETTER}|${OTHER_SCRIPT_LETTER}[^]*[A-Za-z]`, 'u');

/** An id written one way: in its compatibility normal form (NFKC: no full-width ｕ-zhang, no Kelvin sign for K), in ID_CHARACTERS. */
const writtenOneWay = (s: string): boolean => s.normalize('NFKC') === s && ID_CHARACTERS.test(s) && !STRAY_MARK.test(s) && !MIXED.test(s);

/** A person's id as a registrar enters it (their sign-in subject). */
export const isPersonId = writtenOneWay;

/**
 * A catalog ref written one way only: refs that look alike were separate items ('2026-目录-07 ', '2026－目录－07', with a
 * no-break space; fresh-eyes tester). No white space or slash, and in its compatibility normal form (NFKC: half-width).
 */
export const isCatalogRef = (ref: string): boolean => writtenOneWay(ref) && !/[/\\]/.test(ref);

/**
 * One line of text shown as it is (a title, an organ's name): no control character (BEL, NEL), no line or paragraph
 * separator, no zero-width, byte-order or tag character hiding in it (fresh-eyes tester), the marks U+200E/U+200F
 * allowed for Arabic or Hebrew as elsewhere. A text of nothing but invisible characters is refused as blank instead.
 */
const ONE_LINE = /^(?:[\u200e\u200f]|[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800\ufffc])*$/u;
export const isOneLine = (s: string): boolean => ONE_LINE.test(s) || blankText(s);

/**
 * The problem with a person's or a body's name, if it has one: where two ways of writing a name pass for two people
 * ('王\u200b某', '王\u200e某', '王\u3000某' beside '王某'; statute tester and retest). One line; no invisible character, but
 * the marks a name in Arabic, Hebrew or Mongolian writing needs; spaces only single half-width ones between words of a
 * script other than Han; no combining mark on a Han or ASCII character.
 */
export function nameProblem(s: string): Bilingual | undefined {
  const hidden = { zh: '姓名或者名称中含有看不见的字符（零宽空格、方向标记、换行等），同一人员或者单位会被当作两个：请照实写明', en: 'the name has invisible characters (zero-width spaces, direction marks, line breaks) in it, which make one person or body two: write it as it is' };
  if (!isOneLine(s) || blankText(s)) return hidden;
  if (/\p{Cf}/u.test(s) && !/[\p{sc=Arabic}\p{sc=Hebrew}\p{sc=Mongolian}]/u.test(s)) return hidden;
  if (/[^\S ]|^ | $| {2}|\p{sc=Han} | \p{sc=Han}/u.test(s)) {
    return { zh: '姓名或者名称中不要加空格：汉字之间不留空格（不写作“王　某”），外文单词之间只留一个半角空格', en: 'no spaces in a name: none between Han characters (not 王　某), one half-width space between words of other scripts' };
  }
  if (STRAY_MARK.test(s)) return { zh: '姓名或者名称中的汉字或者字母上附有组合符号，请照实写明', en: 'the name has a combining mark on a Han character or a Latin letter: write it as it is' };
  return undefined;
}

/** Text that is there but shows nothing: a title, a reason or a channel of zero-width spaces is no title, reason or channel. */
export const blankText = (s: string): boolean => s.length > 0 && !VISIBLE_CHARACTER.test(s);

/**
 * Keys that JavaScript objects treat specially: the validation layer drops them, so a step signed with one would be
 * checked against a payload without it and refused as a forged signature; a comment would be stored without it.
 * Refused by name instead, like a key that cannot be stored.
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The first thing in `value` that the engine could not store or should not
 * carry: a reserved key, a bad string or key, a text that shows nothing, nesting deeper than the limit, too many values.
 * Walks without recursion, so no input can exhaust the stack.
 */
export function findInputProblem(value: unknown, root = ''): InputProblem | undefined {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: root, depth: 0 }];
  let values = 0;
  const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (++values > INPUT_LIMITS.maxValues) return { path: root || '(body)', zh: `内容过多，最多 ${INPUT_LIMITS.maxValues} 个值`, en: `more than ${INPUT_LIMITS.maxValues} values` };
    if (typeof v === 'string') {
      const p = textProblem(v);
      if (p) return { path: path || '(body)', ...p };
      if (blankText(v)) return { path: path || '(body)', zh: '只有空白或不可见字符，不是可以阅读的文字', en: 'is only white space or invisible characters, not text one can read' };
      if (CONTROL_CHARACTER.test(v)) return { path: path || '(body)', zh: '含有控制字符（制表符、换行符以外的 U+0001–U+001F、U+007F–U+009F），不是可以阅读的文字', en: 'contains a control character (U+0001–U+001F but tab and line ends, U+007F–U+009F), which is not text one can read' };
      if (TAG_CHARACTER.test(v)) return { path: path || '(body)', zh: '含有不可见的标签字符或者行间注释符（U+E0000–U+E007F、U+FFF9–U+FFFB），其中可以藏有读者看不到、却被签署和保存的文字', en: 'contains invisible tag or interlinear annotation characters (U+E0000–U+E007F, U+FFF9–U+FFFB), which can hide text no reader sees but that is signed and stored' };
      if (BIDI_CONTROL.test(v)) return { path: path || '(body)', zh: '含有改变文字显示方向的控制字符（U+202A–U+202E、U+2066–U+2069），显示出来的文字会与签署、保存的不同', en: 'contains a bidirectional control character (U+202A–U+202E, U+2066–U+2069), which makes the text shown differ from the text signed and stored' };
      continue;
    }
    if (typeof v === 'number' && !Number.isFinite(v)) return { path: path || '(body)', zh: '不是有限的数', en: 'is not a finite number' };
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > INPUT_LIMITS.maxDepth) return { path: path || '(body)', zh: `嵌套过深，最多 ${INPUT_LIMITS.maxDepth} 层`, en: `nested deeper than ${INPUT_LIMITS.maxDepth} levels` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: join(path, i), depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i];
      const p = textProblem(k);
      if (p) return { path: join(path, '(key)'), zh: `字段名${p.zh}`, en: `a field name ${p.en}` };
      if (RESERVED_KEYS.has(k)) return { path: join(path, k), zh: '是程序语言的保留名，不能用作字段名', en: 'is a name reserved by the programming language, not taken as a field name' };
      stack.push({ v: (v as Record<string, unknown>)[k], path: join(path, k), depth: depth + 1 });
    }
  }
  return undefined;
}

/** The problem in both languages, the field named in each: "payload.reason：含有空字符…". */
function problemText(p: InputProblem): Bilingual {
  return { zh: `${p.path}：${p.zh}`, en: `${p.path} ${p.en}` };
}

/** The problem as one line, Chinese first: "payload.reason：含有空字符…（payload.reason contains the NUL character…）". */
export function describeInputProblem(p: InputProblem): string {
  return bilingual(problemText(p));
}

/**
 * A step the engine could not store is refused like any unlawful one: the
 * record must keep every step it accepts (Art. 33), so it accepts none it
 * cannot keep.
 */
export function inputRefusal(p: InputProblem): Refusal {
  return refusal(RefusalCode.InvalidPayload, problemText(p), art(33));
}
