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
 * The documents `cited` names (a document hash anywhere in it but in NOT_DOCUMENTS) that its signer may not cite,
 * in the order it names them: not stored (POST /documents), or neither held by the signer (uploaded by them, first or
 * not) nor the decision's already: named by a step of it whose signer held it (the general office publishes the text
 * the undertaking unit uploaded), or the response to a group of its public comments, answered by a colleague (checked
 * so when answered; the sixteenth session's tester: the adoption report was refused the groups others answered).
 * One query for them all, none where it names none. Whether someone else's document exists is not told by it: a hash
 * the signer could not read is answered as one nobody uploaded (fresh-eyes tester: the refusal said, of any bytes,
 * whether the system held them). Who holds a document: the database's document_held_by (documents stored before
 * uploaders were kept are anyone's, as before).
 */
export async function citedUnavailable(db: SqlClient, cited: unknown, signer: { personId: string; decisionId: string }): Promise<CitedDocument[]> {
  const refs = documentReferences(cited, NOT_DOCUMENTS);
  if (!refs.length) return [];
  // On most steps: one statement straight to the pool (libs/db/prisma.ts, hotQuery).
  const rows = await hotQuery<{ hash: string }>(
    db,
    `SELECT d.hash FROM documents d
     WHERE d.hash = ANY($1::text[]) AND (
       document_held_by(d.hash, $2)
       OR EXISTS (SELECT 1 FROM decision_steps s
                  WHERE s.decision_id = $3 AND step_document_hashes(s.payload) @> jsonb_build_array(d.hash) AND document_held_by(d.hash, s.actor_id))
       OR EXISTS (SELECT 1 FROM comment_answers a WHERE a.decision_id = $3 AND a.group_hash = d.hash))`,
    [refs.map((r) => r.hash), signer.personId, signer.decisionId],
  );
  const available = new Set(rows.map((r) => r.hash));
  return refs.filter((r) => !available.has(r.hash));
}

/**
 * The refusal of a step (or an answer) citing documents its signer may not cite (citedUnavailable): the record would
 * list materials no one can retrieve, complete in form only, where the records and materials of the procedure are
 * to be archived complete (Art. 33). Names the first such field and its hash, and how many more there are; says the
 * same whether the document is stored for someone else or not at all, and that uploading it is the remedy either way.
 */
export function unavailableRefusal(missing: readonly CitedDocument[]): Refusal | undefined {
  const [first, second] = missing;
  if (!first) return undefined;
  const more = missing.length - 1;
  return refusal(
    RefusalCode.MissingDocument,
    {
      zh: `${first.path}：文件 ${first.hash} 尚未上传，或者既不是您上传的、也不是本决策事项已有步骤所引的文件${more ? `（另有${more}份所引文件同样如此，例如 ${second.path}）` : ''}；请先通过 POST /documents 上传该文件（同一文件他人已经上传的，您上传后即可引用）；履行决策程序形成的材料应当完整归档`,
      en: `${first.path}: document ${first.hash} has not been uploaded, or is neither one you uploaded nor one a step of this decision cites already${more ? ` (nor are ${more} more of those it names, e.g. ${second.path})` : ''}; upload it with POST /documents first (once uploaded by you, a file others uploaded too is yours to cite): the materials of the procedure are archived complete`,
    },
    art(33),
  );
}
