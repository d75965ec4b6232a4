import { hotQuery, type SqlClient } from '../../../../libs/db/prisma';
import { actionZh, AUTHORED_DOCUMENTS, refusal, RefusalCode, type ActionName, type Refusal } from '../../../../libs/domain';

const DOCUMENT_HASH = /^(sha256|sm3):[0-9a-f]{64}$/;

/** Every (action, field) that makes a document its own (not a draft): in another decision, the work of whoever signed it there. */
const AUTHORED_FIELDS = Object.entries(AUTHORED_DOCUMENTS).flatMap(([action, a]) => (a!.ownDecisionOnly ? [] : a!.fields.map((field) => ({ action, field }))));

/**
 * A step's own new work (libs/domain/procedure/authored.ts) that the record already holds: named by an earlier step of
 * this decision, or made by another person's step of another decision (as their own work there: a document a secretary
 * cites among a meeting's materials is the reviewer's, not the secretary's). The refusal names the field, the entry that holds the
 * document and the article; undefined where each document is new. One indexed query a document (the steps' document
 * index, migration step_documents_index).
 */
export async function reusedWork(db: SqlClient, decisionId: string, step: { action: string; actor: { id: string }; payload: unknown }): Promise<Refusal | undefined> {
  const authored = AUTHORED_DOCUMENTS[step.action as ActionName];
  if (!authored) return undefined;
  const payload = (step.payload ?? {}) as Record<string, unknown>;
  for (const field of authored.fields) {
    const hash = payload[field];
    if (typeof hash !== 'string' || !DOCUMENT_HASH.test(hash)) continue;
    const [held] = await hotQuery<{ decision_id: string; seq: number; action: string; actor_name: string }>(
      db,
      `SELECT s.decision_id, s.seq, s.action, s.actor_name FROM decision_steps s
       WHERE step_document_hashes(s.payload) @> jsonb_build_array($1::text)
         AND (s.decision_id = $2 OR ($4::boolean AND s.actor_id <> $3 AND EXISTS (
               SELECT 1 FROM unnest($5::text[], $6::text[]) AS a(action, field) WHERE a.action = s.action AND s.payload ->> a.field = $1)))
       ORDER BY s.decision_id = $2 DESC, s.seq LIMIT 1`,
      [hash, decisionId, step.actor.id, !authored.ownDecisionOnly, AUTHORED_FIELDS.map((f) => f.action), AUTHORED_FIELDS.map((f) => f.field)],
    );
    if (!held) continue;
    const where = held.decision_id === decisionId ? `本决策第${held.seq}项记录` : `决策 ${held.decision_id} 第${held.seq}项记录`;
    const whereEn = held.decision_id === decisionId ? `entry ${held.seq} of this decision` : `entry ${held.seq} of decision ${held.decision_id}`;
    return refusal(
      RefusalCode.InvalidPayload,
      {
        zh: `${field}：文件 ${hash} 已经载入${where}（${actionZh(held.action)}，${held.actor_name}），不是本步骤新形成的${authored.zh}；应当提交为本步骤形成的文件`,
        en: `${field}: document ${hash} is on record already, in ${whereEn} (${held.action}, ${held.actor_name}): it is not this step's own ${field}; submit the document made for this step`,
      },
      authored.basis,
    );
  }
  return undefined;
}
