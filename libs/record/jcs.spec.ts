import { canonicalize } from './jcs';

// Examples from RFC 8785 (JSON Canonicalization Scheme).
describe('RFC 8785 canonical JSON', () => {
  it('section 3.2.2: literals, numbers and strings', () => {
    const input = JSON.parse('{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}');
    expect(canonicalize(input)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('section 3.2.3: members sorted by UTF-16 code units', () => {
    const input = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    // Read the member names off the text itself: a parsed object would put '1' first whatever the order.
    const keys = [...canonicalize(input).matchAll(/[{,]("(?:[^"\\]|\\.)*"):/g)].map((m) => JSON.parse(m[1]));
    expect(keys).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  });

  it('appendix B: ECMAScript number serialisation', () => {
    const cases: [number, string][] = [[0, '0'], [-0, '0'], [5e-324, '5e-324'], [1.7976931348623157e308, '1.7976931348623157e+308'], [9007199254740992, '9007199254740992'], [295147905179352830000, '295147905179352830000'], [1e21, '1e+21'], [0.000001, '0.000001'], [1e-7, '1e-7']];
    for (const [n, s] of cases) expect(canonicalize(n)).toBe(s);
    expect(() => canonicalize(NaN)).toThrow(TypeError);
  });

  it('nested objects sort at every level; the same value always gives the same bytes', () => {
    expect(canonicalize({ b: [{ z: 1, a: 2 }], a: { y: null, x: '中文' } })).toBe('{"a":{"x":"中文","y":null},"b":[{"a":2,"z":1}]}');
  });
});
