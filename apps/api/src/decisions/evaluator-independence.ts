import type { SqlClient } from '../../../../libs/db/prisma';
import { hotQuery } from '../../../../libs/db/prisma';
import { art, refusal, RefusalCode, type Refusal } from '../../../../libs/domain';
import { namesBody } from '../authority/organisation-names';


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
  // The id as given, or the registered name within the text (namesBody).
  const found = rows.find((r) => namesBody(r.organisation, body));
  if (!found) return undefined;
  return refusal(RefusalCode.ConflictOfInterest, {
    zh: `organisation：${body.name}（${body.id}）在决策作出前承担了主要论证评估工作（第${found.seq}条记录：${found.organisation}），不得承担决策后评估`,
    en: `organisation: ${body.id} (${body.name}) did the main argumentation or assessment before the decision (entry ${found.seq}: ${found.organisation}) and cannot evaluate it`,
  }, art(36, 2));
}
