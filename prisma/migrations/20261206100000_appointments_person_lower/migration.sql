-- A person's offices by their id in any case (apps/api/src/authority/scope.service.ts, standingAsNamed): whether an
-- expert named on a panel, or giving an opinion, holds an office in the decision (Arts. 19, 20) is asked on every
-- such step. Without this index that is a scan of every appointment. Over an expression, which the Prisma schema
-- cannot declare (test/db/schema-drift.spec.ts names it).
CREATE INDEX "appointments_person_id_lower_idx" ON "appointments" (lower("person_id"));
