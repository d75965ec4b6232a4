-- The government whose decision it is (the registration's authority), so that
-- who may see it can be answered by an index: officers of that government,
-- inspectors whose scope includes it. Null for decisions registered before
-- offices were checked.
ALTER TABLE "decisions" ADD COLUMN "government_id" TEXT;
CREATE INDEX "decisions_government_id_registered_at_id_idx" ON "decisions"("government_id", "registered_at", "id");
