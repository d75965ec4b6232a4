import { createHash } from 'node:crypto';

/**
 * Near-duplicate grouping of public comments (公众意见归并).
 *
 * A popular draft draws tens of thousands of comments, many of them copies of
 * a few campaign texts. Every comment must be answered (Art. 18), but an
 * official should read each group of identical or nearly identical texts once,
 * with its count. This module is pure and deterministic:
 *
 *  - `normalize` makes trivially varied copies equal (width, case, white space,
 *    punctuation, symbols, invisible characters);
 *  - `exactKey` names the normalized text (SHA-256): equal keys, same group;
 *  - `signature` is a MinHash signature of the normalized text's character
 *    3-shingles (Chinese has no word spaces; 3-shingles work for Chinese and
 *    Western text alike), 128 values of 32 bits, 512 bytes, storable as bytea;
 *  - `bandKeys` are its 32 LSH band keys (4 rows each), short strings to index
 *    so that candidates are found without comparing every pair;
 *  - `groupNearDuplicates` joins comments with the same exact key, and
 *    candidates sharing a band key when their estimated similarity reaches the
 *    threshold (default 0.8): connected components, each named by its
 *    smallest comment id, whatever the input order.
 *
 * DETERMINISM AND VERSIONS. Signatures and band keys depend on everything
 * below that is fixed: the normalization, the shingle length, the shingle
 * hash, the prime, the seed of the permutation coefficients, the number of
 * permutations and the banding. They are the same in every process and on
 * every platform (integer arithmetic exact in IEEE doubles, little-endian
 * storage). Changing any of them changes signatures, band keys and therefore
 * groups: stored signatures and band keys must then be recomputed. Stored
 * values should carry `SIGNATURE_SCHEME`, which names this scheme.
 */

/** Names this exact scheme; bump it with any change to the constants or the algorithm below. */
export const SIGNATURE_SCHEME = 'minhash-v1/nfkc-lower-strip/shingle3/fnv1a-fmix32/p67108859/seed5eed2026/k128/b32r4';
export const SHINGLE_LENGTH = 3;
export const PERMUTATIONS = 128;
export const BANDS = 32;
export const ROWS_PER_BAND = PERMUTATIONS / BANDS;
/** Bytes of a signature: PERMUTATIONS unsigned 32-bit integers, little-endian. */
export const SIGNATURE_BYTES = PERMUTATIONS * 4;
export const DEFAULT_THRESHOLD = 0.8;

/**
 * The prime of the universal hash family h(x) = (a·x + b) mod P. Below 2^26,
 * so that a·x + b (< 2^52 + 2^26) is exact in a double: fast and identical
 * everywhere. Shingle hashes are reduced mod P first; the 2^26 space makes
 * accidental shingle collisions negligible for comments (a few hundred
 * shingles each).
 */
const P = 67_108_859; // 2^26 − 5
const INV_P = 1 / P;
// Bound once: a global lookup of Math in a hot loop is not inlined in a vm context (jest's), 40 times slower there.
const { floor, imul } = Math;
/** The value of every position of the empty text's signature (no shingle); no real value reaches it. */
const EMPTY = 0xffffffff;

/** The permutations' coefficients: drawn once from a fixed seed (splitmix32), so every process has the same. */
const COEFF_A = new Float64Array(PERMUTATIONS);
const COEFF_B = new Float64Array(PERMUTATIONS);
{
  let state = 0x5eed2026;
  const next = (): number => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = imul(z ^ (z >>> 16), 0x85ebca6b);
    z = imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  for (let i = 0; i < PERMUTATIONS; i++) {
    COEFF_A[i] = 1 + (next() % (P - 1)); // a ≠ 0: a permutation of Z_P
    COEFF_B[i] = next() % P;
  }
}

// White space, punctuation (Chinese and Western: ，。！？、；：“”《》…—·), symbols
// (~ + = ¥ emoji …) and control and format characters (zero-width spaces, BOM):
// what campaign copies vary, none of what a comment says.
const STRIPPED = /[\p{White_Space}\p{Z}\p{P}\p{S}\p{Cc}\p{Cf}]/gu;

/**
 * The text as comments are compared: NFKC (full-width letters, digits and
 * punctuation become half-width, compatibility forms their base), lower case,
 * then without white space, punctuation, symbols and invisible characters.
 * Simplified and traditional characters stay distinct.
 */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(STRIPPED, '');
}

/** 'sha256:<hex>' of the normalized text: equal for copies that differ only in what `normalize` removes. */
export function exactKey(text: string): string {
  return `sha256:${createHash('sha256').update(normalize(text), 'utf8').digest('hex')}`;
}

function fmix32(h: number): number {
  h = imul(h ^ (h >>> 16), 0x85ebca6b);
  h = imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The shingles' hashes, reduced mod P: FNV-1a over the code points, finalized by murmur3's fmix32. */
function shingleHashes(normalized: string): Float64Array {
  const cps: number[] = [];
  for (const ch of normalized) cps.push(ch.codePointAt(0) as number);
  if (cps.length === 0) return new Float64Array(0);
  const width = Math.min(SHINGLE_LENGTH, cps.length); // very short texts: one shingle, the whole text
  const count = cps.length - width + 1;
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x811c9dc5 ^ width;
    for (let j = 0; j < width; j++) h = imul(h ^ cps[i + j], 0x01000193);
    out[i] = fmix32(h) % P;
  }
  return out;
}

/**
 * The MinHash signature of the text: for each of the 128 permutations
 * x ↦ (a·x + b) mod P, the least image of the normalized text's 3-shingles.
 * 512 bytes (128 little-endian uint32). The empty text has all positions
 * 0xffffffff. 128 rather than 64: the estimate's standard deviation at a
 * similarity of 0.9 is 0.027 (0.038 with 64), so that near copies with a
 * few edits do not fall under a threshold of 0.8 by chance (with 64, one in
 * 80,000 copies of the spec's corpus did).
 */
export function signature(text: string): Uint8Array {
  const xs = shingleHashes(normalize(text));
  const out = new Uint8Array(SIGNATURE_BYTES);
  const view = new DataView(out.buffer);
  for (let i = 0; i < PERMUTATIONS; i++) {
    const a = COEFF_A[i];
    const b = COEFF_B[i];
    let min = EMPTY;
    for (let j = 0; j < xs.length; j++) {
      const w = a * xs[j] + b; // < 2^53: exact
      let v = w - floor(w * INV_P) * P;
      if (v < 0) v += P;
      else if (v >= P) v -= P;
      if (v < min) min = v;
    }
    view.setUint32(i * 4, min, true);
  }
  return out;
}

function checkSignature(sig: Uint8Array, what = 'signature'): void {
  if (!(sig instanceof Uint8Array) || sig.byteLength !== SIGNATURE_BYTES) {
    throw new RangeError(`${what}: a MinHash signature of ${SIGNATURE_BYTES} bytes is expected (${SIGNATURE_SCHEME})`);
  }
}

/** The signature as PERMUTATIONS numbers. */
function valuesOf(sig: Uint8Array, into: Uint32Array = new Uint32Array(PERMUTATIONS), offset = 0): Uint32Array {
  checkSignature(sig);
  const view = new DataView(sig.buffer, sig.byteOffset, sig.byteLength);
  for (let i = 0; i < PERMUTATIONS; i++) into[offset + i] = view.getUint32(i * 4, true);
  return into;
}

/** A 32-bit hash of one band's rows. */
function bandHash(values: Uint32Array, offset: number, band: number): number {
  let h = 0x811c9dc5 ^ band;
  for (let r = 0; r < ROWS_PER_BAND; r++) h = imul(h ^ values[offset + band * ROWS_PER_BAND + r], 0x01000193);
  return fmix32(h);
}

const bandKeyOf = (band: number, hash: number): string => band.toString(16).padStart(2, '0') + hash.toString(16).padStart(8, '0');

/**
 * The 32 LSH band keys of a signature, 10 characters each (2 hex digits of the
 * band, 8 of its rows' hash): two comments are candidates when they share
 * one (stored, e.g., as a text[] column with a GIN index, queried with &&).
 * With 32 bands of 4 rows, a pair of similarity 0.8 shares one with
 * probability 1 − 5·10⁻⁸; of 0.6, 0.99; of 0.5, 0.87; of 0.2, 0.05.
 */
export function bandKeys(sig: Uint8Array): string[] {
  const values = valuesOf(sig);
  const keys: string[] = [];
  for (let band = 0; band < BANDS; band++) keys.push(bandKeyOf(band, bandHash(values, 0, band)));
  return keys;
}

/** The estimated Jaccard similarity of the two texts' shingle sets: the share of equal positions. */
export function estimateSimilarity(a: Uint8Array, b: Uint8Array): number {
  const va = valuesOf(a);
  const vb = valuesOf(b);
  let equal = 0;
  for (let i = 0; i < PERMUTATIONS; i++) if (va[i] === vb[i]) equal++;
  return equal / PERMUTATIONS;
}

export interface SignedComment {
  id: string;
  exactKey: string;
  signature: Uint8Array;
}

export interface NearDuplicateGroup {
  /** The smallest id of the group (by code units). */
  groupId: string;
  /** The comment whose text the group is near: every member's is within the threshold of its (the text most sent). */
  leaderId: string;
  /** The comments of the group, in id order. */
  ids: string[];
  count: number;
}

export interface Grouping {
  /** Each comment's group id. */
  groupOf: Map<string, string>;
  /** Every group (single comments too), largest first, then by group id. */
  groups: NearDuplicateGroup[];
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Groups comments around leaders: the same exact key joins; a text joins the first leader (the texts sent most, then
 * by id) whose estimated similarity to it is at least `threshold`, found through the LSH band keys, and leads a group of
 * its own where none is. So every member is near its leader, and members are near one another (within twice the
 * distance, Jaccard's being a metric). Joining wherever two members were near had chained: sixty texts each a step
 * from a fare protest to an accessibility suggestion were one group, answered by one response (fresh-eyes tester).
 * The order is the texts' own (their counts and ids), so the result does not depend on the input order, and a chance
 * band collision never joins texts without the similarity check. Comments with the same exact key are compared by one
 * of them (the smallest id): they have the same signature when both come from this module's scheme.
 *
 * Cost: linear in the comments for the band index; each text is compared with the leaders it shares a band with, until
 * one is similar enough, so near copies of a campaign text cost about one comparison each.
 */
export function groupNearDuplicates(items: readonly SignedComment[], threshold = DEFAULT_THRESHOLD): Grouping {
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${threshold}`);
  // The representatives: one per exact key, the one with the smallest id; and how many comments have the key.
  const repOfKey = new Map<string, number>();
  const copies = new Map<string, number>();
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) throw new Error(`comment ${item.id} is listed twice`);
    seen.add(item.id);
    checkSignature(item.signature, `comment ${item.id}`);
    const r = repOfKey.get(item.exactKey);
    if (r === undefined || item.id < items[r].id) repOfKey.set(item.exactKey, i);
    copies.set(item.exactKey, (copies.get(item.exactKey) ?? 0) + 1);
  });
  // Leaders are chosen in this order: the texts sent most first, then by their representative's id.
  const keys = [...repOfKey.keys()].sort((a, b) => copies.get(b)! - copies.get(a)! || byCodeUnits(items[repOfKey.get(a)!].id, items[repOfKey.get(b)!].id));
  const n = keys.length;
  const values = new Uint32Array(n * PERMUTATIONS);
  keys.forEach((key, r) => valuesOf(items[repOfKey.get(key)!].signature, values, r * PERMUTATIONS));

  const maxMismatches = Math.floor(PERMUTATIONS * (1 - threshold) + 1e-9);
  const similar = (x: number, y: number): boolean => {
    const ox = x * PERMUTATIONS;
    const oy = y * PERMUTATIONS;
    let mismatches = 0;
    for (let i = 0; i < PERMUTATIONS; i++) {
      if (values[ox + i] !== values[oy + i] && ++mismatches > maxMismatches) return false;
    }
    return true;
  };

  // Each text's leader (its own index where it leads); the leaders by band key, per band.
  const leaderOf = new Int32Array(n);
  const leadersByBand: Map<number, number[]>[] = Array.from({ length: BANDS }, () => new Map());
  for (let r = 0; r < n; r++) {
    const hashes = Array.from({ length: BANDS }, (_, band) => bandHash(values, r * PERMUTATIONS, band));
    // The earliest leader near it among those it shares a band with (each asked once).
    let leader = -1;
    const asked = new Set<number>();
    for (let band = 0; band < BANDS; band++) {
      for (const l of leadersByBand[band].get(hashes[band]) ?? []) {
        if ((leader !== -1 && l >= leader) || asked.has(l)) continue;
        asked.add(l);
        if (similar(r, l)) leader = l;
      }
    }
    if (leader !== -1) {
      leaderOf[r] = leader;
      continue;
    }
    leaderOf[r] = r;
    hashes.forEach((h, band) => {
      const bucket = leadersByBand[band].get(h);
      if (bucket) bucket.push(r);
      else leadersByBand[band].set(h, [r]);
    });
  }

  // Groups: their members, named by the smallest id.
  const membersOf = new Map<number, string[]>();
  const leaderOfKey = new Map<string, number>();
  keys.forEach((key, r) => leaderOfKey.set(key, leaderOf[r]));
  for (const item of items) {
    const leader = leaderOfKey.get(item.exactKey) as number;
    const members = membersOf.get(leader);
    if (members) members.push(item.id);
    else membersOf.set(leader, [item.id]);
  }
  const groups: NearDuplicateGroup[] = [];
  const groupOf = new Map<string, string>();
  for (const [leader, ids] of membersOf) {
    ids.sort(byCodeUnits);
    const groupId = ids[0];
    for (const id of ids) groupOf.set(id, groupId);
    groups.push({ groupId, leaderId: items[repOfKey.get(keys[leader])!].id, ids, count: ids.length });
  }
  groups.sort((a, b) => b.count - a.count || byCodeUnits(a.groupId, b.groupId));
  return { groupOf, groups };
}
