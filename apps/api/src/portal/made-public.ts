import type { PrismaClient } from '../../../../libs/db/prisma';
import { DecisionNotFoundError } from '../errors';

/**
 * A decision as the public may ask after it: only once the record holds a step that made something of it public (a
 * comment period opened, a hearing announced), else 404 as for a decision that does not exist. Asked of PostgreSQL in
 * one statement, the same for a decision that exists and one that does not, before any workflow is queried: a decision
 * not yet public answered 404 three times slower than an unknown id, which let anyone list the registered ones by
 * timing (attacker tester, 2026-12-07).
 */
export async function madePublicBy(prisma: PrismaClient, id: string, actions: readonly string[]): Promise<{ profile: string; title: string; undertakingDepartment: string }> {
  const [row] = await prisma.$queryRaw<{ profile: string; title: string; undertakingDepartment: string }[]>`
    SELECT d.profile, d.title, d.undertaking_department AS "undertakingDepartment" FROM decisions d
    WHERE d.id = ${id} AND EXISTS (SELECT 1 FROM decision_steps s WHERE s.decision_id = d.id AND s.action = ANY(${actions as string[]}::text[]))`;
  if (!row) throw new DecisionNotFoundError(id);
  return row;
}
