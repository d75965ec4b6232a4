import { hotQuery, type SqlClient } from '../../../../libs/db/prisma';
import { bilingual, type Refusal } from '../../../../libs/domain';

/** Words of ids in a text: letters, digits and the separators ids use, between characters that are none of those. */
const ID_LIKE = /(?<![A-Za-z0-9_.:-])[A-Za-z0-9](?:[A-Za-z0-9_.:-]*[A-Za-z0-9])?(?![A-Za-z0-9_.:-])/g;

/** Where the rules' own words put an id: after a Han character or a mark that opens or joins, before one that closes or goes on. */
const BEFORE_ID = /[\p{sc=Han}（、，：]/u;
const AFTER_ID = /[\p{sc=Han}）、，；。：]/u;

/**
 * The Chinese text with each registered organisation's id given its name: `hz-jtj` → `杭州市交通运输局（hz-jtj）`, an id
 * in brackets of its own `（hz-jtj）` → `（杭州市交通运输局，hz-jtj）`, ids listed in brackets `（hz-bus、hz-eval）` →
 * `（杭州公交集团、杭州某评估公司）` (the English keeps the ids). Only an id set in the rules' own words, between Han
 * characters or their marks: a value the refusal repeats as it was sent, set off by spaces ('目录中没有 sz'), is left
 * as it is (retest). An id the text names already beside its name is left as it is. Pure: `names` maps ids to names.
 */
export function withNames(zh: string, names: ReadonlyMap<string, string>): string {
  const named = [...names].filter(([id, name]) => name !== id && !zh.includes(`${name}（${id}）`) && !zh.includes(`${name}(${id})`));
  if (!named.length) return zh;
  const nameOf = new Map(named);
  return zh.replace(ID_LIKE, (id, at: number) => {
    const name = nameOf.get(id);
    const before = zh[at - 1] ?? '';
    const after = zh[at + id.length] ?? '';
    if (!name || (before && !BEFORE_ID.test(before)) || (after && !AFTER_ID.test(after))) return id;
    if (before === '（' && after === '）') return `${name}，${id}`;
    const listed = (before === '（' || before === '、') && (after === '、' || after === '）');
    return listed ? name : `${name}（${id}）`;
  });
}

/**
 * A refusal as an official reads it: the rules name organisations by id (their state holds ids), the registers hold
 * their names (fresh-eyes testers: "是hz的决策事项目录所列，不是本决策的决策机关（hz-jtj）的目录"). One indexed query
 * for the id-like words of its Chinese text; the English keeps the ids. A refusal naming none, or asked when the
 * registers do not answer, is returned as it is.
 */
export async function namedRefusal(db: SqlClient, refusal: Refusal): Promise<Refusal> {
  if (typeof refusal.zh !== 'string') return refusal;
  const words = [...new Set(refusal.zh.match(ID_LIKE) ?? [])].slice(0, 50);
  if (!words.length) return refusal;
  // The names are for the reader: where the registers do not answer now, the refusal stands with its ids.
  const rows = await hotQuery<{ id: string; name: string }>(db, 'SELECT id, name FROM organisations WHERE id = ANY($1::text[])', [words]).catch(() => []);
  if (!rows.length) return refusal;
  const zh = withNames(refusal.zh, new Map(rows.map((r) => [r.id, r.name])));
  return zh === refusal.zh ? refusal : { ...refusal, zh, message: bilingual({ zh, en: refusal.en }) };
}

/**
 * An organisation's name as people type it: compatibility forms folded (full-width letters), without spaces, invisible
 * format characters (a zero-width space: second tester) or punctuation, in one case.
 */
export const foldedName = (text: string): string => text.normalize('NFKC').replace(/[\s\p{Cf}\p{P}]+/gu, '').toLowerCase();

/**
 * Whether a text typed for an organisation (a panel's expert's, an assessor's) names a registered body: its id or its
 * name whole, or its name within the text (深圳某第三方评估机构有限公司, 深圳市交通运输局（政策法规处）: testers); a name
 * of fewer than four characters only whole, as it would be found inside too many others. `aliases`: other names the
 * body goes by, matched whole (市交通运输局 for 深圳市交通运输局).
 */
export function namesBody(text: string, body: { id: string; name: string; aliases?: readonly string[]; prefixes?: readonly string[] }): boolean {
  const typed = foldedName(text);
  const name = foldedName(body.name);
  return (
    typed === foldedName(body.id) ||
    typed === name ||
    (name.length >= 4 && typed.includes(name)) ||
    (body.aliases ?? []).some((a) => typed === foldedName(a)) ||
    // A short name at the start of the text: 市交通运输局（政策法规处） is the bureau's office; 广州市交通运输局 is not the bureau.
    (body.prefixes ?? []).some((a) => typed.startsWith(foldedName(a)))
  );
}

/**
 * The names a body of a government goes by without its place name, as its officials write them: 深圳市交通运输局 is
 * 市交通运输局, 深圳交通运输局 and 交通运输局 (retest: each taken as neutral); none where the name does not begin with the
 * place, or too little is left.
 */
export function localNames(name: string, governmentName: string): string[] {
  const place = governmentName.replace(/人民政府$/, '');
  if (!place || !name.startsWith(place) || name.length - place.length < 3) return [];
  const local = name.slice(place.length);
  const stem = /[省市县区州盟旗]$/.test(place) ? place.slice(0, -1) : place;
  return [...new Set([`${place.slice(-1)}${local}`, ...(stem.length >= 2 ? [`${stem}${local}`] : []), local])];
}
