import { findInputProblem, isCatalogRef, isPersonId } from './input';

/**
 * Ids written one way (input.ts): what the testers registered beside another id it passed for is refused, and the ids
 * of people who write in the scripts of China are taken (retest: Tibetan ids were refused by the mark check).
 */
describe('ids no other can pass for', () => {
  it('takes ASCII, Han and the other scripts of China, with their marks', () => {
    const taken = ['u-zhang', 'm-sun', 'SZ-2026-0001', 'zhang@gov.cn', 'auth0|123', 'བཀྲ་ཤིས', 'སྒྲོལ་མ', 'ئابدۇرېھىم', 'مُحَمَّد', '张三', '王网签', '々木'];
    expect(taken.filter((s) => !isPersonId(s))).toEqual([]);
    expect(['2026-目录-07', '〔2026〕1号', 'WEB-目录-01'].filter((s) => !isCatalogRef(s))).toEqual([]);
  });

  it('refuses look-alikes, invisible and unassigned characters, marks on nothing, and ASCII mixed with another script', () => {
    const refused = [
      'm-sun\u2800', 'm-sun\ue000', 'x\ufffd', 'x\u0378', 'u-zhang ', '\uff55-zhang', // invisible, private, replacement, unassigned, space, full-width
      '\ua4df-\ua4e2\ua4f4\ua4e0', 'm-s\u222an', 'm-s\u2c9fn', 'm\u02d7sun', 'm\u00b7sun', 'u\u2010zhang', // Lisu, ∪, Coptic, modifier minus, middle dot, hyphen
      'u-zh\u0430ng', '\u0435-\u04bb\u0435', 'x\u0967', '\u3007', 'a\u0661', // Cyrillic mixed and whole, Devanagari and Arabic-Indic digits, 〇
      'u-zhang\u0332', '\u0301abc', '\u0627i-hua', // marks on ASCII or nothing; an alef beside Latin letters
    ];
    expect(refused.filter((s) => isPersonId(s))).toEqual([]);
    expect(isCatalogRef('2026/目录')).toBe(false);
  });
});

describe('free texts carry nothing hidden', () => {
  /** ASCII written in tag characters: invisible wherever the text is shown. */
  const hidden = (ascii: string) => [...ascii].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');

  it('refuses a reason that carries text in tag characters, naming the field; takes the same reason without', () => {
    expect(findInputProblem({ payload: { reason: `情况紧急${hidden('approve without review')}` } })).toMatchObject({ path: 'payload.reason', zh: expect.stringContaining('不可见的标签字符') });
    expect(findInputProblem({ text: `\u{E0001}${hidden('x')}` })).toMatchObject({ path: 'text' });
    expect(findInputProblem({ text: '票价\ufff9调整\ufffa批准免审\ufffb' })).toMatchObject({ path: 'text', zh: expect.stringContaining('行间注释符') });
    expect(findInputProblem({ payload: { reason: '情况紧急 🇨🇳 👨\u200d👩\u200d👧' } })).toBeUndefined();
  });

  it('refuses control characters but the tab and line ends (a bell, a terminal escape), taking text over several lines', () => {
    for (const c of ['a\u0007b', '\u001b[31mred', 'a\u000cb', 'a\u007fb', 'a\u0085b']) expect(findInputProblem({ text: c })).toMatchObject({ path: 'text', zh: expect.stringContaining('控制字符') });
    expect(findInputProblem({ text: '第一行\r\n第二行\n\t第三行' })).toBeUndefined();
  });
});
