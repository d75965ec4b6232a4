import { generateCorpus, seededRandom, COMMON_CHARACTERS } from './corpus';
import {
  bandKeys,
  estimateSimilarity,
  exactKey,
  groupNearDuplicates,
  normalize,
  signature,
  BANDS,
  SIGNATURE_BYTES,
  type SignedComment,
} from './similarity';

const signed = (id: string, text: string): SignedComment => ({ id, exactKey: exactKey(text), signature: signature(text) });

/** A 200-character Chinese comment, drawn with a fixed seed. */
function chineseText(seed: number, length = 200): string {
  const random = seededRandom(seed);
  const chars = [...COMMON_CHARACTERS];
  return Array.from({ length }, () => chars[Math.floor(random() * chars.length)]).join('');
}

/** `text` with the characters at `positions` changed. */
function changed(text: string, positions: number[]): string {
  const chars = [...text];
  for (const p of positions) chars[p] = chars[p] === '车' ? '路' : '车';
  return chars.join('');
}

// Real-looking comments on one draft (a fare adjustment), written by different people.
const ONE_TOPIC = [
  '我认为地铁票价调整幅度过大，起步价由2元调整为3元对通勤族负担太重，建议分步实施。',
  '支持调价方案，但希望同时改善公交线路的服务质量，减少高峰时段的拥挤。',
  '建议对老年人免费乘车政策保持不变，对低收入群体给予财政补贴。',
  '票价调整应当公开运营成本和成本监审结果，听证会代表的产生方式也应公开。',
  '地铁票价调整后，学生优惠和换乘优惠是否继续？希望政府说明。',
];

describe('normalize and exactKey', () => {
  it('makes copies that differ in spacing, punctuation, width and case equal', () => {
    const variants = [
      '坚决反对本次调价！起步价由2元调整为3元，不合理。',
      '坚决反对本次调价 起步价由2元调整为3元 不合理',
      '  坚决反对本次调价!!! 起步价由２元调整为３元,不合理.\n',
      '坚决\u200b反对本次调价——起步价由2元调整为3元……不合理😡',
      '“坚决反对本次调价”，《起步价由2元调整为3元》、不合理；',
    ];
    expect(new Set(variants.map(normalize))).toEqual(new Set(['坚决反对本次调价起步价由2元调整为3元不合理']));
    expect(new Set(variants.map(exactKey)).size).toBe(1);
    expect(normalize('ＰＭ２．５ Too High')).toBe('pm25toohigh');
    expect(exactKey('')).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('keeps texts that say something different apart', () => {
    expect(exactKey('同意调价')).not.toBe(exactKey('不同意调价'));
  });
});

describe('signature, bandKeys, estimateSimilarity', () => {
  it('is 512 bytes, the same for the same text in every call, with 32 short band keys', () => {
    const text = ONE_TOPIC[0];
    const sig = signature(text);
    expect(sig).toBeInstanceOf(Uint8Array);
    expect(sig.byteLength).toBe(SIGNATURE_BYTES);
    expect(Buffer.from(signature(text)).equals(Buffer.from(sig))).toBe(true);
    const keys = bandKeys(sig);
    expect(keys).toHaveLength(BANDS);
    expect(new Set(keys).size).toBe(BANDS);
    for (const k of keys) expect(k).toMatch(/^[0-9a-f]{10}$/);
    // A copy of the signature elsewhere in a larger buffer (as a driver may hand bytea back) reads the same.
    const pooled = Buffer.concat([Buffer.from([1, 2, 3]), Buffer.from(sig)]).subarray(3);
    expect(bandKeys(pooled)).toEqual(keys);
    expect(estimateSimilarity(pooled, sig)).toBe(1);
  });

  it('is pinned: the first values of a known text do not change between versions unless the scheme does', () => {
    // If this fails, stored signatures and band keys no longer match new ones: bump SIGNATURE_SCHEME and recompute them.
    expect(Buffer.from(signature('坚决反对本次调价')).subarray(0, 16).toString('hex')).toBe('05719e005fd93900decd190068f67200');
    expect(bandKeys(signature('坚决反对本次调价')).slice(0, 2)).toEqual(['00b7d93770', '01c9831f02']);
  });

  it('signs very short and empty texts', () => {
    expect(estimateSimilarity(signature('好'), signature('好！'))).toBe(1);
    expect(estimateSimilarity(signature('同意'), signature('反对'))).toBe(0);
    expect(estimateSimilarity(signature(''), signature('，。'))).toBe(1);
    expect(estimateSimilarity(signature(''), signature('同意'))).toBe(0);
  });

  it('estimates a near copy as similar and comments on the same topic as not', () => {
    const text = chineseText(1);
    const near = changed(text, [17, 90, 151]);
    expect(estimateSimilarity(signature(text), signature(near))).toBeGreaterThanOrEqual(0.8);
    for (let i = 0; i < ONE_TOPIC.length; i++) {
      for (let j = i + 1; j < ONE_TOPIC.length; j++) expect(estimateSimilarity(signature(ONE_TOPIC[i]), signature(ONE_TOPIC[j]))).toBeLessThan(0.3);
    }
  });

  it('refuses what is not a signature', () => {
    expect(() => bandKeys(new Uint8Array(10))).toThrow(/512 bytes/);
    expect(() => estimateSimilarity(new Uint8Array(512), new Uint8Array(256))).toThrow(/512 bytes/);
  });
});

describe('groupNearDuplicates', () => {
  const base = chineseText(7);
  const comments = [
    signed('c09', '坚决反对本次调价！起步价由2元调整为3元，不合理。'),
    signed('c03', '  坚决反对本次调价!!! 起步价由２元调整为３元,不合理.\n'),
    signed('c05', '坚决反对本次调价 起步价由2元调整为3元 不合理'),
    signed('c01', base),
    signed('c07', changed(base, [5, 100, 180])),
    signed('c02', `${changed(base, [40, 41])}。`),
    ...ONE_TOPIC.map((text, i) => signed(`d${i}`, text)),
  ];

  it('groups exact copies and near copies, keeps unrelated comments on the same topic apart, largest group first', () => {
    const { groupOf, groups } = groupNearDuplicates(comments);
    expect(groups.slice(0, 2)).toEqual([
      { groupId: 'c01', leaderId: 'c01', ids: ['c01', 'c02', 'c07'], count: 3 },
      { groupId: 'c03', leaderId: 'c03', ids: ['c03', 'c05', 'c09'], count: 3 },
    ]);
    expect(groups.slice(2).map((g) => g.ids)).toEqual(ONE_TOPIC.map((_, i) => [`d${i}`]));
    expect(groupOf.get('c07')).toBe('c01');
    expect(groupOf.get('c09')).toBe('c03');
    expect(groupOf.size).toBe(comments.length);
  });

  it('does not depend on the input order', () => {
    const expected = groupNearDuplicates(comments);
    const random = seededRandom(3);
    for (let round = 0; round < 20; round++) {
      const shuffled = [...comments].sort(() => random() - 0.5);
      const got = groupNearDuplicates(shuffled);
      expect(got.groups).toEqual(expected.groups);
      expect([...got.groupOf.entries()].sort()).toEqual([...expected.groupOf.entries()].sort());
    }
  });

  it('does not chain through band collisions: a shared band without the similarity joins nothing', () => {
    // Two different texts given signatures that share their first band (4 positions) and nothing else.
    const a = signature(chineseText(11));
    const b = Uint8Array.from(signature(chineseText(12)));
    b.set(a.subarray(0, 16), 0);
    expect(bandKeys(a)[0]).toBe(bandKeys(b)[0]);
    const { groups } = groupNearDuplicates([
      { id: 'a', exactKey: 'ka', signature: a },
      { id: 'b', exactKey: 'kb', signature: b },
    ]);
    expect(groups.map((g) => g.count)).toEqual([1, 1]);
    // With a threshold their few equal positions reach, they join.
    expect(groupNearDuplicates([{ id: 'a', exactKey: 'ka', signature: a }, { id: 'b', exactKey: 'kb', signature: b }], 4 / 128).groups).toHaveLength(1);
  });

  it('does not chain: texts each a step from one opinion to another are not one group, and each group is near its leader (fresh-eyes tester)', () => {
    // Sixty texts, text k the first k characters of B and the rest of A: each near the next, the first and last unrelated.
    const [a, b] = [chineseText(21, 120), chineseText(22, 120)];
    const chain = Array.from({ length: 60 }, (_, k) => signed(`k${String(k).padStart(2, '0')}`, [...b].slice(0, 2 * k).join('') + [...a].slice(2 * k).join('')));
    const { groups, groupOf } = groupNearDuplicates(chain);
    expect(groups.length).toBeGreaterThan(2);
    expect(groupOf.get('k00')).not.toBe(groupOf.get('k59'));
    const byId = new Map(chain.map((c) => [c.id, c]));
    for (const g of groups) for (const id of g.ids) expect(estimateSimilarity(byId.get(id)!.signature, byId.get(g.leaderId)!.signature)).toBeGreaterThanOrEqual(0.8);
  });

  it('leads a group with the text sent most', () => {
    const text = chineseText(31);
    const copies = [signed('z1', changed(text, [3])), signed('z2', text), signed('z3', `${text}。`), signed('z4', text)];
    expect(groupNearDuplicates(copies).groups).toEqual([{ groupId: 'z1', leaderId: 'z2', ids: ['z1', 'z2', 'z3', 'z4'], count: 4 }]);
  });

  it('refuses a comment listed twice and a threshold outside (0, 1]', () => {
    expect(() => groupNearDuplicates([comments[0], comments[0]])).toThrow(/listed twice/);
    expect(() => groupNearDuplicates(comments, 0)).toThrow(RangeError);
    expect(() => groupNearDuplicates(comments, 1.5)).toThrow(RangeError);
  });

  it('groups 100,000 comments (20 campaigns copied with small edits, 20,000 unique) as they were made', () => {
    const corpus = generateCorpus({ templates: 20, copies: 80_000, uniques: 20_000 });
    expect(corpus).toHaveLength(100_000);
    const items = corpus.map((c) => signed(c.id, c.text));
    const { groupOf, groups } = groupNearDuplicates(items);
    // Each group near its leader: a copy whose estimated similarity to the campaign's text falls just under the
    // threshold stands alone (a handful in 80,000), where joining through other copies had chained unrelated texts.
    expect(groups.length).toBeGreaterThanOrEqual(20 + 20_000);
    expect(groups.length).toBeLessThanOrEqual(20 + 20_000 + 20);
    const expectedOf = new Map(corpus.map((c) => [c.id, c.expected]));
    const sizes = new Map<string, number>();
    for (const c of corpus) sizes.set(c.expected, (sizes.get(c.expected) ?? 0) + 1);
    const largest = new Map<string, number>();
    for (const group of groups) {
      const labels = new Set(group.ids.map((id) => expectedOf.get(id)));
      expect(labels.size).toBe(1);
      const label = [...labels][0] as string;
      largest.set(label, Math.max(largest.get(label) ?? 0, group.count));
      expect(group.groupId).toBe(group.ids[0]);
    }
    // Every unique text alone; every campaign answered at once but for at most a thousandth of its copies.
    for (const [label, size] of sizes) expect(largest.get(label)! / size).toBeGreaterThanOrEqual(label.startsWith('u') ? 1 : 0.999);
    expect(groups.slice(0, 20).every((g) => (expectedOf.get(g.groupId) as string).startsWith('t'))).toBe(true);
    expect(groups[0].count).toBe(Math.max(...groups.map((g) => g.count)));
    expect(groupOf.size).toBe(100_000);
  }, 300_000);
});
