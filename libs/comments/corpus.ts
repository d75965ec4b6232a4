/**
 * A synthetic, seeded corpus of public comments on one draft (a fare
 * adjustment), for the similarity spec and `infra/bench-similarity.ts`:
 * campaign templates copied with small edits and cosmetic variations, and
 * unique comments on the same topic. The same seed gives the same corpus.
 */

export interface CorpusComment {
  id: string;
  text: string;
  /** 't<k>' for the copies of template k, 'u<i>' for unique comment i: the grouping a correct answer gives. */
  expected: string;
}

export interface CorpusOptions {
  templates?: number;
  copies?: number;
  uniques?: number;
  /** At most this many characters changed, inserted or deleted in each copy (default 3). */
  maxEdits?: number;
  seed?: number;
}

/** mulberry32: a small seeded generator, the same sequence everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Common characters, so that texts look like Chinese prose to the shingles (a small alphabet, shared short sequences). */
export const COMMON_CHARACTERS =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质';

export const TOPIC_PHRASES = [
  '城市公共交通票价调整',
  '地铁票价',
  '公交线路',
  '老年人免费乘车',
  '学生优惠',
  '听证会',
  '成本监审',
  '财政补贴',
  '换乘优惠',
  '高峰时段',
  '低收入群体',
  '起步价由2元调整为3元',
  '建议延长优惠期限',
  '希望政府充分听取市民意见',
  '坚决反对本次调价',
  '支持调价方案',
  '票价应与服务质量挂钩',
  '建议公开运营成本',
];

const COMMON = [...COMMON_CHARACTERS];

const PUNCTUATION = ['，', '。', '！', '？', '、', '；', ' ', '  ', ',', '.', '!', '…', '\u200b'];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}

function randomChars(random: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += pick(random, COMMON);
  return s;
}

/** A comment on the topic: a few topic phrases among plain sentences, punctuated. */
function composeComment(random: () => number, length: number): string {
  // It opens with its own words, so that no two comments are the same phrases only.
  const parts = [`${randomChars(random, 10 + Math.floor(random() * 10))}，`];
  let total = parts[0].length;
  while (total < length) {
    const part = random() < 0.25 ? pick(random, TOPIC_PHRASES) : randomChars(random, 6 + Math.floor(random() * 14));
    parts.push(part + pick(random, ['，', '。', '；', '！']));
    total += part.length + 1;
  }
  return parts.join('');
}

/** Full-width forms of ASCII letters and digits (what NFKC undoes). */
const toFullWidth = (s: string): string => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** A campaign copy: up to `maxEdits` real edits, and cosmetic changes normalize removes. */
function copyOf(random: () => number, template: string, maxEdits: number): string {
  const chars = [...template];
  const edits = Math.floor(random() * (maxEdits + 1));
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * chars.length);
    const kind = random();
    if (kind < 0.5) chars[at] = pick(random, COMMON);
    else if (kind < 0.75) chars.splice(at, 0, pick(random, COMMON));
    else chars.splice(at, 1);
  }
  const cosmetic = Math.floor(random() * 4);
  for (let c = 0; c < cosmetic; c++) chars.splice(Math.floor(random() * chars.length), 0, pick(random, PUNCTUATION));
  let text = chars.join('');
  if (random() < 0.3) text = toFullWidth(text);
  if (random() < 0.2) text = `  ${text}！！！\n`;
  return text;
}

/** The corpus, shuffled; ids c0000001… in the shuffled order. */
export function generateCorpus(options: CorpusOptions = {}): CorpusComment[] {
  const { templates = 20, copies = 80_000, uniques = 20_000, maxEdits = 3, seed = 20_261_204 } = options;
  const random = seededRandom(seed);
  const texts: { text: string; expected: string }[] = [];
  // Template k has a share k+1 of the copies: campaigns of very different sizes.
  const weights = Array.from({ length: templates }, (_, k) => k + 1);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  let remaining = copies;
  for (let k = 0; k < templates; k++) {
    const template = composeComment(random, 150 + Math.floor(random() * 100));
    const count = k === templates - 1 ? remaining : Math.round((copies * weights[k]) / totalWeight);
    remaining -= count;
    for (let c = 0; c < count; c++) texts.push({ text: copyOf(random, template, maxEdits), expected: `t${k}` });
  }
  for (let u = 0; u < uniques; u++) texts.push({ text: composeComment(random, 20 + Math.floor(random() * 200)), expected: `u${u}` });
  for (let i = texts.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [texts[i], texts[j]] = [texts[j], texts[i]];
  }
  const width = String(texts.length).length + 1;
  return texts.map((t, i) => ({ id: `c${String(i + 1).padStart(width, '0')}`, ...t }));
}
