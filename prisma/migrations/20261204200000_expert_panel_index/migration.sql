-- Who is named on an expert panel (apps/api/src/authority/scope.service.ts):
-- the people an expert panel names see its decision, so listing a person's
-- decisions, and whether an expert may upload, ask which panels name them.
-- Without this index that is a scan of every step of every decision. Partial
-- and over an expression, which the Prisma schema cannot declare
-- (test/db/schema-drift.spec.ts names it).
CREATE INDEX "decision_steps_panel_experts_idx" ON "decision_steps" USING gin ((payload -> 'experts') jsonb_path_ops) WHERE action = 'appointExpertPanel';
