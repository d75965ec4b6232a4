-- The worker's archive pass (activities/archive.ts, every checkpoint interval on every worker) asked, of every
-- closed decision ever, whether its record ends with the archive of its last run: one lookup of its last entry each,
-- millions nationally (1.4 s on 167k closed decisions in the sixteenth session's audit). The record's append now
-- keeps the action of a decision's last entry on the decision (in the update it makes anyway), and a partial index
-- holds the closed decisions whose record does not end with an archive: those waiting for one. Partial, which the
-- Prisma schema cannot declare (test/db/schema-drift.spec.ts names it).
ALTER TABLE "decisions" ADD COLUMN "last_action" TEXT;

UPDATE "decisions" d SET "last_action" = (SELECT s.action FROM "decision_steps" s WHERE s.decision_id = d.id ORDER BY s.seq DESC LIMIT 1);

CREATE INDEX "decisions_unarchived_idx" ON "decisions" ("id") WHERE "phase" = 'closed' AND "last_action" IS DISTINCT FROM 'archiveHistory';

-- As in 20261205180000, and the last entry's action kept with the phase.
CREATE OR REPLACE FUNCTION "append_record_entry"(
  "log_lock" BIGINT,
  "p_decision_id" TEXT, "p_seq" INTEGER, "p_action" TEXT,
  "p_actor_id" TEXT, "p_actor_name" TEXT, "p_actor_role" TEXT, "p_actor_organisation" TEXT,
  "p_payload" JSONB, "p_articles" TEXT[], "p_at" TIMESTAMPTZ,
  "p_phase_after" TEXT, "p_hold_after" TEXT, "p_overdue" BOOLEAN, "p_workflow_id" TEXT, "p_run_id" TEXT,
  "p_entry" TEXT, "p_entry_hash" TEXT, "p_prev_hash" TEXT, "p_seal" TEXT, "p_seal_key_id" TEXT,
  "p_idempotency_key" TEXT, "p_leaf_hash" TEXT
) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock("log_lock");
  -- The entry is sealed over the hash of the one it follows, as its caller knows it: checked here, so a caller that
  -- remembers the last hash it wrote may skip reading it, and no caller can link an entry to another predecessor.
  IF "p_seq" > 0 AND NOT EXISTS (
    SELECT 1 FROM decision_steps WHERE decision_id = "p_decision_id" AND seq = "p_seq" - 1 AND entry_hash IS NOT DISTINCT FROM "p_prev_hash"
  ) THEN
    RAISE EXCEPTION 'decision %: entry % does not follow the entry recorded before it', "p_decision_id", "p_seq" USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  INSERT INTO decision_steps (decision_id, seq, action, actor_id, actor_name, actor_role, actor_organisation, payload, articles, at,
                              phase_after, hold_after, workflow_id, run_id, entry, entry_hash, prev_hash, seal, seal_key_id)
  VALUES ("p_decision_id", "p_seq", "p_action", "p_actor_id", "p_actor_name", "p_actor_role", "p_actor_organisation", "p_payload", "p_articles", "p_at",
          "p_phase_after", "p_hold_after", "p_workflow_id", "p_run_id", "p_entry", "p_entry_hash", "p_prev_hash", "p_seal", "p_seal_key_id");
  IF "p_idempotency_key" IS NOT NULL THEN
    INSERT INTO step_idempotency_keys (decision_id, idempotency_key, seq) VALUES ("p_decision_id", "p_idempotency_key", "p_seq");
  END IF;
  INSERT INTO log_leaves (idx, decision_id, seq, leaf_hash)
  SELECT COALESCE(MAX(idx) + 1, 0), "p_decision_id", "p_seq", "p_leaf_hash" FROM log_leaves;
  UPDATE decisions SET phase = "p_phase_after", hold = "p_hold_after", overdue = "p_overdue", updated_at = "p_at", last_action = "p_action" WHERE id = "p_decision_id";
  -- An entry of a decision that is not registered would be a record of nothing: refused (and rolled back).
  IF NOT FOUND THEN
    RAISE EXCEPTION 'decision % is not registered: entry % is not recorded', "p_decision_id", "p_seq" USING ERRCODE = 'foreign_key_violation';
  END IF;
END;
$$;
