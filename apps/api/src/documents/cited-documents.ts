import { hotQuery, type SqlClient } from '../../../../libs/db/prisma';
import { art, refusal, RefusalCode, type Refusal } from '../../../../libs/domain';
import { documentReferences } from '../../../../libs/record/chain';

/** A document a step or an answer names by hash, where it names it. */
export interface CitedDocument {
  path: string;
  hash: string;
}

/**
 * Hashes in a payload that name no document: an adoption report's receipts of public comments (`commentHashes`, kept
 * in public_comments and checked against them) and its summary of the answers (`commentsAnswered`, whose `root` is a
 * Merkle root computed over them, libs/record/comment-answers.ts).
 */
export const NOT_DOCUMENTS: ReadonlySet<string> = new Set(['commentHashes', 'commentsAnswered']);

/**
 * The documents `cited` names (a document hash anywhere in it but in NOT_DOCUMENTS) that are not stored
 * (POST /documents), in the order it names them: one query for them all, none where it names none.
 */
export async function citedNotStored(db: SqlClient, cited: unknown): Promise<CitedDocument[]> {
  const refs = documentReferences(cited, NOT_DOCUMENTS);
  if (!refs.length) return [];
  // On most steps: one statement straight to the pool (libs/db/prisma.ts, hotQuery).
  const rows = await hotQuery<{ hash: string }>(db, 'SELECT hash FROM documents WHERE hash = ANY($1::text[])', [refs.map((r) => r.hash)]);
  const stored = new Set(rows.map((r) => r.hash));
  return refs.filter((r) => !stored.has(r.hash));
}

/**
 * The refusal of a step (or an answer) citing documents nobody uploaded: the record would list materials no one can
 * retrieve, complete in form only, where the records and materials of the procedure are to be archived complete
 * (Art. 33). Names the first such field and its hash, and how many more there are.
 */
export function notStoredRefusal(missing: readonly CitedDocument[]): Refusal | undefined {
  const [first, second] = missing;
  if (!first) return undefined;
  const more = missing.length - 1;
  return refusal(
    RefusalCode.MissingDocument,
    {
      zh: `${first.path}：文件 ${first.hash} 尚未上传${more ? `（另有${more}份所引文件尚未上传，例如 ${second.path}）` : ''}，请先通过 POST /documents 上传；履行决策程序形成的材料应当完整归档`,
      en: `${first.path}: document ${first.hash} has not been uploaded${more ? ` (nor have ${more} more of those it names, e.g. ${second.path})` : ''}; upload it with POST /documents first: the materials of the procedure are archived complete`,
    },
    art(33),
  );
}
