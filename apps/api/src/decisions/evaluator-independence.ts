import type { SqlClient } from '../../../../libs/db/prisma';
import { hotQuery } from '../../../../libs/db/prisma';
import { art, refusal, RefusalCode, type Refusal } from '../../../../libs/domain';

/**
 * An organisation's name as people type it: compatibility forms folded (full-width letters), without spaces, invisible
 * format characters (a zero-width space: second tester) or punctuation, in one case.
 */
const folded = (text: string): string => text.normalize('NFKC').replace(/[\s\p{Cf}\p{P}]+/gu, '').toLowerCase();

/**
 * Art. 36 para. 2: the body that evaluates a decision after it is made did not carry out its main argumentation or
 * assessment before it. The rules compare the organisation commissioned with the organisations the steps name, but an
 * expert's organisation is the text the panel and the expert's own steps give, not an id: an expert of 深圳某第三方评估机构
 * named so, by its registered name, let that body be commissioned by its id (fresh-eyes tester). Here the record's
 * experts, assessors and engagements, in every pass of the procedure, are compared with the commissioned body's id and
 * registered name alike.
 */
export async function evaluatorArguedBefore(db: SqlClient, decisionId: string, body: { id: string; name: string }): Promise<Refusal | undefined> {
  const rows = await hotQuery<{ seq: number; action: string; organisation: string }>(
    db,
    `SELECT s.seq, s.action, o.organisation FROM decision_steps s
       CROSS JOIN LATERAL (
         SELECT s.actor_organisation AS organisation WHERE s.action IN ('submitExpertOpinion', 'submitExpertMinutes', 'submitRiskAssessment')
         UNION ALL SELECT e->>'organisation' FROM jsonb_array_elements(CASE WHEN s.action = 'appointExpertPanel' AND jsonb_typeof(s.payload->'experts') = 'array' THEN s.payload->'experts' ELSE '[]'::jsonb END) e
         UNION ALL SELECT s.payload->>'organisation' WHERE s.action = 'engageRiskAssessor'
       ) o
      WHERE s.decision_id = $1 AND o.organisation IS NOT NULL
      ORDER BY s.seq`,
    [decisionId],
  );
  // The id as given, or the registered name within the text: 深圳某第三方评估机构有限公司 names 深圳某第三方评估机构 (second
  // tester). A name of fewer than four characters is matched whole, as it would be found inside too many others.
  const id = folded(body.id);
  const name = folded(body.name);
  const names = (text: string) => text === id || text === name || (name.length >= 4 && text.includes(name));
  const found = rows.find((r) => names(folded(r.organisation)));
  if (!found) return undefined;
  return refusal(RefusalCode.ConflictOfInterest, {
    zh: `organisation：${body.name}（${body.id}）在决策作出前承担了主要论证评估工作（第${found.seq}条记录：${found.organisation}），不得承担决策后评估`,
    en: `organisation: ${body.id} (${body.name}) did the main argumentation or assessment before the decision (entry ${found.seq}: ${found.organisation}) and cannot evaluate it`,
  }, art(36, 2));
}
