import { generateCorpus } from '../libs/comments/corpus';
import { exactKey, groupNearDuplicates, signature, SIGNATURE_SCHEME, type SignedComment } from '../libs/comments/similarity';

/**
 * npm run bench:similarity: how long near-duplicate grouping of public
 * comments takes (libs/comments/similarity.ts), printed, not asserted.
 * A seeded corpus of COMMENTS comments (default 100,000): TEMPLATES campaign
 * texts (default 20) copied with up to 3 small edits and cosmetic changes, and
 * UNIQUES unique comments (default a fifth) on the same topic. Prints the time
 * to normalize and sign them (exact key and MinHash signature), to group them,
 * and whether the groups are those the corpus was made with.
 */
const COMMENTS = Number(process.env.COMMENTS ?? 100_000);
const TEMPLATES = Number(process.env.TEMPLATES ?? 20);
const UNIQUES = Number(process.env.UNIQUES ?? Math.round(COMMENTS / 5));
const secs = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function main(): void {
  console.log(`scheme ${SIGNATURE_SCHEME}`);
  let t0 = process.hrtime.bigint();
  const corpus = generateCorpus({ templates: TEMPLATES, copies: COMMENTS - UNIQUES, uniques: UNIQUES });
  const chars = corpus.reduce((n, c) => n + c.text.length, 0);
  console.log(`corpus: ${fmt(corpus.length)} comments, ${fmt(chars / corpus.length)} characters on average (generated in ${secs(t0).toFixed(2)} s)`);

  t0 = process.hrtime.bigint();
  const keys = corpus.map((c) => exactKey(c.text));
  const keySecs = secs(t0);
  t0 = process.hrtime.bigint();
  const sigs = corpus.map((c) => signature(c.text));
  const sigSecs = secs(t0);
  console.log(`exact keys: ${keySecs.toFixed(2)} s (${fmt(corpus.length / keySecs)}/s); signatures: ${sigSecs.toFixed(2)} s (${fmt(corpus.length / sigSecs)}/s)`);

  const items: SignedComment[] = corpus.map((c, i) => ({ id: c.id, exactKey: keys[i], signature: sigs[i] }));
  t0 = process.hrtime.bigint();
  const { groups } = groupNearDuplicates(items);
  const groupSecs = secs(t0);
  console.log(`grouping: ${groupSecs.toFixed(2)} s, ${fmt(groups.length)} groups, largest ${groups.slice(0, 3).map((g) => g.count).join(', ')}`);

  const expectedOf = new Map(corpus.map((c) => [c.id, c.expected]));
  const expectedGroups = new Set(corpus.map((c) => c.expected)).size;
  const mixed = groups.filter((g) => new Set(g.ids.map((id) => expectedOf.get(id))).size > 1).length;
  // Each group is near its leader (similarity.ts), so a copy just under the threshold of the campaign's text stands
  // alone: counted as split off, beside the groups that mix texts of different origin (which should be none).
  const split = groups.length - expectedGroups;
  console.log(`as made: ${mixed === 0 ? 'yes' : 'NO'} (${fmt(expectedGroups)} expected groups, ${fmt(groups.length)} found: ${mixed} mixing texts of different origin, ${fmt(Math.max(split, 0))} copies split off their campaign)`);
}

main();
