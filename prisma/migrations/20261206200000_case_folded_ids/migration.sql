-- Ids that differ only in case are refused where a registrar or an organ enters them (fresh-eyes testers, 2026-12-06):
-- an organisation (apps/api/src/authority/authority.service.ts, noCaseTwin), a person in an expert pool
-- (assertNoPersonCaseTwin, beside appointments_person_id_lower_idx), a catalog ref (catalog.service.ts). Each is asked
-- by its id folded to lower case; without these indexes, a scan of every row on each registration. Over an expression,
-- which the Prisma schema cannot declare (test/db/schema-drift.spec.ts names them).
CREATE INDEX "organisations_id_lower_idx" ON "organisations" (lower("id"));
CREATE INDEX "expert_pool_entries_expert_id_lower_idx" ON "expert_pool_entries" (lower("expert_id"));
CREATE INDEX "catalog_items_ref_lower_idx" ON "catalog_items" (lower("ref"));
