-- A decision id that differs from another only in case (sz-2026-0001 beside SZ-2026-0001) is refused at registration:
-- the two would be mixed up in every list, letter and conversation. The API asks this index before it starts the workflow.
CREATE INDEX "decisions_id_lower_idx" ON "decisions" (lower("id"));
