-- The co-units the deciding organ names in its decision to start (Art. 11)
-- read the decision (apps/api/src/authority/scope.service.ts): which starts
-- name one of a person's units is asked on every list of decisions. Without
-- this index that is a scan of every decision's start. Partial and over an
-- expression, which the Prisma schema cannot declare (test/db/schema-drift.spec.ts names it).
CREATE INDEX "decision_steps_co_units_idx" ON "decision_steps" USING gin ((payload -> 'coUnits')) WHERE action = 'decideToStart';
