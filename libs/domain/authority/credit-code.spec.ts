import { CREDIT_CODE_PATTERN, creditCodeAreaProblem, creditCodeCheckCharacter, creditCodeProblem, divisionOfCreditCode } from './organisations';
import { ORGANISATIONS } from '../../../test/support/government';

/** 统一社会信用代码 (GB 32100-2015): 18 characters, the 18th the check character of the first 17 (weights 3^i mod 31). */
describe('统一社会信用代码 check character (GB 32100-2015)', () => {
  it('computes the check character of published codes', () => {
    // A code of a registered enterprise, as published: 91350100M000100Y43.
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeProblem('91350100M000100Y43')).toBeUndefined();
  });

  it('reads a check value of 31 as 0, and a value of 30 as Y, the last of the 31 characters', () => {
    // 370200 青岛市: the weighted sum is ≡ 0 (mod 31), so 31 − 0 = 31, read as 0.
    expect(creditCodeCheckCharacter('11370200004000000')).toBe('0');
    // Search the 17th character for sums giving each end of the alphabet.
    const ends = new Set<string>();
    for (const c of '0123456789ABCDEFGHJKLMNPQRTUWXY') ends.add(creditCodeCheckCharacter(`1137020000400000${c}`)!);
    expect(ends.size).toBe(31); // the last weight (28) is prime to 31: every check character is reached
    expect(ends.has('Y')).toBe(true);
  });

  it('refuses a code whose check character does not match, naming GB 32100 and the character expected, Chinese first', () => {
    const problem = creditCodeProblem('113301000024820005')!;
    expect(problem.zh).toBe('统一社会信用代码的校验码不符（GB 32100-2015）：按前17位计算，第18位应为L，而不是5；请核对代码是否抄错');
    expect(problem.en).toMatch(/GB 32100-2015/);
    // One character mistyped anywhere is caught (a single substitution changes the sum by a non-multiple of 31).
    const valid = '11330100002482000L';
    for (let i = 0; i < 17; i++) {
      const other = valid[i] === '0' ? '1' : '0';
      expect(creditCodeProblem(valid.slice(0, i) + other + valid.slice(i + 1))).toBeDefined();
    }
  });

  it('refuses what is not a code at all by its form, naming GB 32100', () => {
    for (const bad of ['', '11330100002482000', '11330100002482000LL', '11330100002482000I', '1133A100002482000L', 11330100002482000, null]) {
      expect(creditCodeProblem(bad)?.zh).toMatch(/^必须是18位统一社会信用代码（GB 32100-2015）/);
    }
    expect(creditCodeCheckCharacter('1133010000248200')).toBeUndefined();
    expect(creditCodeCheckCharacter('1133010000248200I')).toBeUndefined();
  });

  it('the tests’ governments carry valid codes; codes already registered are still read for their division as signed', () => {
    for (const o of ORGANISATIONS.filter((x) => x.creditCode)) expect([o.id, creditCodeProblem(o.creditCode)]).toEqual([o.id, undefined]);
    expect(CREDIT_CODE_PATTERN.test('113301000024820005')).toBe(true);
    expect(divisionOfCreditCode('113301000024820005')).toBe('330100');
  });
});

describe('a code lies in the area of the organisation above it (Art. 43 reads the area from it)', () => {
  const code = (first17: string) => `${first17}${creditCodeCheckCharacter(first17)}`;
  const hangzhou = { name: '杭州市人民政府', creditCode: code('11330100002482000') };
  it('a district within its city, a department within its government, a township in its county', () => {
    expect(creditCodeAreaProblem(code('11330106002482000'), hangzhou)).toBeUndefined();
    expect(creditCodeAreaProblem(code('11330100002482111'), hangzhou)).toBeUndefined();
    expect(creditCodeAreaProblem(code('11330106002482222'), { name: '西湖区人民政府', creditCode: code('11330106002482000') })).toBeUndefined();
  });
  it('one of another area is refused, naming both divisions, Chinese first', () => {
    const problem = creditCodeAreaProblem(code('11370212002482000'), hangzhou)!;
    expect(problem.zh).toBe('统一社会信用代码的行政区划代码（第3至8位）为370212，不在所属的杭州市人民政府（330100）的行政区域内；请核对代码或者所属机构');
    // A sibling city of the same province is not within the city either.
    expect(creditCodeAreaProblem(code('11330200002482000'), hangzhou)).toBeDefined();
  });
  it('says nothing where there is nothing to compare: no code above, or the central government’s', () => {
    expect(creditCodeAreaProblem(code('11370212002482000'), undefined)).toBeUndefined();
    expect(creditCodeAreaProblem(code('11370212002482000'), { name: '国务院', creditCode: code('11100000000013000') })).toBeUndefined();
  });
});
