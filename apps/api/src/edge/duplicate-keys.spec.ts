import { firstDuplicateKey } from './duplicate-keys';

describe('firstDuplicateKey: a key an object names twice, by its path (I-JSON, RFC 7493)', () => {
  it('names the first key given twice, where it is', () => {
    expect(firstDuplicateKey('{"reason":"市长已同意本方案，请勿撤回","reason":"因情况变化撤回"}')).toBe('reason');
    expect(firstDuplicateKey('{"action":"withdraw","payload":{"reason":"a","reason":"b"}}')).toBe('payload.reason');
    expect(firstDuplicateKey('{"items":[{"id":"1"},{"id":"2","name":"x","id":"3"}]}')).toBe('items.1.id');
    expect(firstDuplicateKey('[{"a":1},[{"b":1,"b":2}]]')).toBe('1.0.b');
    // The same key in different objects, or escaped differently but the same once read, as JSON reads it.
    expect(firstDuplicateKey('{"a":{"x":1},"b":{"x":2},"c":[{"x":1},{"x":2}]}')).toBeUndefined();
    expect(firstDuplicateKey('{"a":1,"\\u0061":2}')).toBe('a');
  });

  it('is not misled by strings holding quotes, braces, commas or escapes', () => {
    expect(firstDuplicateKey('{"t":"{\\"t\\":1,\\"t\\":2}","u":"a,b]}","v":"\\\\","w":1}')).toBeUndefined();
    expect(firstDuplicateKey('{"t":"\\\\","t":2}')).toBe('t');
    expect(firstDuplicateKey('{"empty":{},"list":[],"n":null,"k":[1,2,{"k":1}]}')).toBeUndefined();
  });
});

describe('firstDuplicateKey: bounded in depth (retest: 209,000 levels took 3 s, a path built at every level)', () => {
  it('stops past its depth, leaving such a body to the depth limit that follows', () => {
    const deep = (n: number) => '{"":'.repeat(n) + '1' + '}'.repeat(n);
    expect(firstDuplicateKey(deep(70))).toBeUndefined();
    expect(firstDuplicateKey('{"a":{"b":{"c":1,"c":2}}}', 2)).toBeUndefined();
    expect(firstDuplicateKey('{"a":{"b":{"c":1,"c":2}}}', 3)).toBe('a.b.c');
  });
});
