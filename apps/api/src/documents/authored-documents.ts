import { createHash } from 'node:crypto';
import { hotQuery, type SqlClient } from '../../../../libs/db/prisma';
import { actionZh, art, AUTHORED_DOCUMENTS, refusal, RefusalCode, type ActionName, type Refusal } from '../../../../libs/domain';
import { DOCUMENT_HASH } from '../../../../libs/record/chain';
import { algorithmOf, otherAlgorithm } from './document-store';

/** Every (action, field) that makes a document its own work (not a draft): in another decision, the work of whoever made it there. */
const AUTHORED_FIELDS = Object.entries(AUTHORED_DOCUMENTS).flatMap(([action, a]) => (a!.draftsOnly ? [] : a!.fields.map((field) => ({ action, field }))));

/**
 * A step's own new work (libs/domain/procedure/authored.ts) that the record already holds: named by an earlier step of
 * this decision (a draft: the text of an earlier draft), or made by another person's or organisation's step of another
 * decision (as their own work there: a document a secretary cites among a meeting's materials is the reviewer's, not
 * the secretary's). An organisation's work is its government's to record in each decision it covers, by whichever of
 * its officials (retest: one joint inspection report of two decisions, recorded by the mayor in one and by the general
 * office's secretary in the other). The document is the same whichever algorithm names it. The refusal names the field, the entry that
 * holds the document and the article; undefined where each document is new. One indexed query a document (the steps'
 * document index, migration step_documents_index).
 */
export async function reusedWork(db: SqlClient, decisionId: string, step: { action: string; actor: { id: string; organisation: string }; payload: unknown }): Promise<Refusal | undefined> {
  const authored = AUTHORED_DOCUMENTS[step.action as ActionName];
  if (!authored) return undefined;
  const payload = (step.payload ?? {}) as Record<string, unknown>;
  for (const field of authored.fields) {
    const hash = payload[field];
    if (typeof hash !== 'string' || !DOCUMENT_HASH.test(hash)) continue;
    const [name, twin] = await namesOf(db, hash);
    const [held] = await hotQuery<{ decision_id: string; seq: number; action: string; actor_name: string; direct: boolean }>(
      db,
      `SELECT s.decision_id, s.seq, s.action, s.actor_name, step_document_hashes(s.payload) @> jsonb_build_array($1::text) AS direct FROM decision_steps s
       WHERE (step_document_hashes(s.payload) @> jsonb_build_array($1::text) OR step_document_hashes(s.payload) @> jsonb_build_array($2::text))
         AND CASE WHEN s.decision_id = $3
               THEN (NOT $4::boolean OR (s.action = 'submitDraft' AND s.payload ->> 'documentHash' IN ($1, $2)))
               ELSE (NOT $4::boolean
                     AND EXISTS (SELECT 1 FROM unnest($5::text[], $6::text[]) AS a(action, field) WHERE a.action = s.action AND s.payload ->> a.field IN ($1, $2))
                     AND CASE WHEN $7 = 'person' THEN s.actor_id <> $8
                              ELSE s.actor_organisation <> $9 AND (SELECT o.government_id FROM decisions o WHERE o.id = s.decision_id) IS DISTINCT FROM (SELECT m.government_id FROM decisions m WHERE m.id = $3) END)
             END
       ORDER BY s.decision_id = $3 DESC, s.seq LIMIT 1`,
      [name, twin, decisionId, !!authored.draftsOnly, AUTHORED_FIELDS.map((f) => f.action), AUTHORED_FIELDS.map((f) => f.field), authored.by, step.actor.id, step.actor.organisation],
    );
    if (!held) continue;
    const where = held.decision_id === decisionId ? `本决策第${held.seq}项记录` : `决策 ${held.decision_id} 第${held.seq}项记录`;
    const whereEn = held.decision_id === decisionId ? `entry ${held.seq} of this decision` : `entry ${held.seq} of decision ${held.decision_id}`;
    // Found under its other name: the same bytes uploaded again under the other algorithm.
    const same = held.direct ? { zh: '', en: '' } : { zh: `（即 ${twin}，同一文件以另一种摘要算法命名）`, en: ` (that is ${twin}, the same bytes under the other algorithm)` };
    return refusal(
      RefusalCode.InvalidPayload,
      {
        zh: `${field}：文件 ${hash}${same.zh} 已经载入${where}（${actionZh(held.action)}，${held.actor_name}），不是本步骤新形成的${authored.zh}；应当提交为本步骤形成的文件`,
        en: `${field}: document ${hash}${same.en} is on record already, in ${whereEn} (${held.action}, ${held.actor_name}): it is not this step's own ${field}; submit the document made for this step`,
      },
      authored.basis,
    );
  }
  return undefined;
}

/**
 * The document's names under both algorithms (sha256 and sm3): the same bytes uploaded again under the other algorithm
 * passed for a new document (retest: an expert's opinion filed by another as sm3). The other name is kept when the
 * document is stored (document_twins); for one stored before, it is computed from the stored bytes once and kept (a
 * document whose chunks are not all there is named by its hash alone, and nothing is kept). A hash no document has is
 * its only name.
 */
export async function namesOf(db: SqlClient, hash: string): Promise<[string, string]> {
  const [doc] = await hotQuery<{ twin: string | null; content: Uint8Array | null; chunks: number }>(
    db,
    `SELECT t.twin, CASE WHEN t.twin IS NULL THEN d.content END AS content,
            CASE WHEN t.twin IS NULL THEN (SELECT count(*) FROM document_chunks c WHERE c.hash = d.hash)::int ELSE 0 END AS chunks
     FROM documents d LEFT JOIN document_twins t ON t.hash = d.hash WHERE d.hash = $1`,
    [hash],
  );
  if (!doc) return [hash, hash];
  if (doc.twin) return [hash, doc.twin];
  const other = otherAlgorithm(algorithmOf(hash));
  const hasher = createHash(other);
  if (doc.content) hasher.update(doc.content);
  for (let idx = 0; !doc.content && idx < doc.chunks; idx++) {
    const [chunk] = await hotQuery<{ bytes: Uint8Array }>(db, 'SELECT bytes FROM document_chunks WHERE hash = $1 AND idx = $2', [hash, idx]);
    if (!chunk) return [hash, hash];
    hasher.update(chunk.bytes);
  }
  const twin = `${other}:${hasher.digest('hex')}`;
  await hotQuery(db, 'INSERT INTO document_twins (hash, twin) VALUES ($1, $2) ON CONFLICT DO NOTHING', [hash, twin]);
  return [hash, twin];
}

/**
 * Art. 32: the explanation published with a decision of how the public's and experts' opinions were adopted
 * (`publish.adoptionExplanationHash`) is made public with it (DocumentAccess), so it is a document made for that, or one
 * the public reads already (the adoption report of the comments, Art. 18): not another document of the record, which
 * its publication would open to anyone (fresh-eyes tester: the report to the Party committee and the legality opinion,
 * named so, were served to the public). The explanation of a publication withheld may go with its disclosure. Under
 * either algorithm's name. The refusal names the entry that holds it; undefined where nothing does, or it is public.
 */
export async function explanationOnRecord(db: SqlClient, decisionId: string, hash: unknown, isPublic: (hash: string) => Promise<boolean>): Promise<Refusal | undefined> {
  if (typeof hash !== 'string' || !DOCUMENT_HASH.test(hash)) return undefined;
  const [name, twin] = await namesOf(db, hash);
  const [held] = await hotQuery<{ decision_id: string; seq: number; action: string; actor_name: string }>(
    db,
    `SELECT s.decision_id, s.seq, s.action, s.actor_name FROM decision_steps s
     WHERE (step_document_hashes(s.payload) @> jsonb_build_array($1::text) OR step_document_hashes(s.payload) @> jsonb_build_array($2::text))
       AND NOT (s.decision_id = $3 AND s.action = 'publish' AND s.payload ->> 'adoptionExplanationHash' IN ($1, $2))
     ORDER BY s.decision_id = $3 DESC, s.seq LIMIT 1`,
    [name, twin, decisionId],
  );
  if (!held || (await isPublic(name)) || (twin !== name && (await isPublic(twin)))) return undefined;
  const where = held.decision_id === decisionId ? { zh: `本决策第${held.seq}项记录`, en: `entry ${held.seq} of this decision` } : { zh: `另一决策的记录`, en: 'the record of another decision' };
  return refusal(
    RefusalCode.InvalidPayload,
    {
      zh: `adoptionExplanationHash：文件 ${hash} 已经作为${where.zh}（${actionZh(held.action as ActionName)}）的材料载入，尚未公开；公布决策时说明公众意见、专家论证意见采纳情况的，应当是为此形成的说明（或者已经公开的意见采纳情况报告），公布后任何人都可以查阅`,
      en: `adoptionExplanationHash: document ${hash} is on record already as material of ${where.en} (${held.action}) and is not public; the explanation published with the decision of how opinions were adopted is a document made for it (or the adoption report already public), which anyone may read once published`,
    },
    art(32),
  );
}
