-- The registration's own entry (seq 0) is checked as every step's is: its signer's key and the office it is registered
-- in must hold at the entry's time. A registration sent while the workers were down, and recorded after its key was
-- revoked or its office ended meanwhile, left a decision whose record never verified (retest, 2026-12-07). Refused
-- here (MDK01, MDO01), the workflow takes its decision's row back and fails with the refusal (workflows/
-- major-decision.workflow.ts, patch registration-refused-at-record): nothing of it is left but that answer.
-- As in 20261207120000, with the registration checked too.
CREATE OR REPLACE FUNCTION "append_record_entry"(
  "log_lock" BIGINT,
  "p_decision_id" TEXT, "p_seq" INTEGER, "p_action" TEXT,
  "p_actor_id" TEXT, "p_actor_name" TEXT, "p_actor_role" TEXT, "p_actor_organisation" TEXT,
  "p_payload" JSONB, "p_articles" TEXT[], "p_at" TIMESTAMPTZ,
  "p_phase_after" TEXT, "p_hold_after" TEXT, "p_overdue" BOOLEAN, "p_workflow_id" TEXT, "p_run_id" TEXT,
  "p_entry" TEXT, "p_entry_hash" TEXT, "p_prev_hash" TEXT, "p_seal" TEXT, "p_seal_key_id" TEXT,
  "p_idempotency_key" TEXT, "p_leaf_hash" TEXT
) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  "v_entry" JSONB := "p_entry"::jsonb;
  "v_key" RECORD;
  "v_office" RECORD;
BEGIN
  PERFORM pg_advisory_xact_lock("log_lock");
  IF "v_entry" -> 'signature' ->> 'keyId' IS NOT NULL THEN
    SELECT valid_from, valid_to, revoked_at INTO "v_key" FROM actor_keys WHERE key_id = "v_entry" -> 'signature' ->> 'keyId';
    IF NOT FOUND OR "p_at" < "v_key".valid_from OR "p_at" >= "v_key".valid_to OR "v_key".revoked_at <= "p_at" THEN
      RAISE EXCEPTION 'decision %: entry % is signed with key %, which does not hold at %', "p_decision_id", "p_seq", "v_entry" -> 'signature' ->> 'keyId', "p_at" USING ERRCODE = 'MDK01';
    END IF;
  END IF;
  IF "v_entry" -> 'office' ->> 'appointmentId' IS NOT NULL THEN
    SELECT valid_from, valid_to, ended_at INTO "v_office" FROM appointments
    WHERE id = "v_entry" -> 'office' ->> 'appointmentId' AND person_id = "p_actor_id" AND role = "p_actor_role" AND organisation_id = "p_actor_organisation";
    IF NOT FOUND OR "p_at" < "v_office".valid_from OR "p_at" >= "v_office".valid_to OR "v_office".ended_at <= "p_at" THEN
      RAISE EXCEPTION 'decision %: entry % relies on appointment %, which does not hold at %', "p_decision_id", "p_seq", "v_entry" -> 'office' ->> 'appointmentId', "p_at" USING ERRCODE = 'MDO01';
    END IF;
  END IF;
  -- A panel names no expert disqualified then, entered by then, for the pool of the decision's government or one above
  -- it (every pool's, for a decision that knows no government): as libs/domain/authority/disqualifications.ts reads it.
  -- And an expert's opinion: not from one disqualified by then (the API's rule, opinionDisqualification).
  IF "p_seq" > 0 AND (("p_action" = 'appointExpertPanel' AND jsonb_typeof("p_payload" -> 'experts') = 'array') OR "p_action" = 'submitExpertOpinion') AND EXISTS (
    WITH RECURSIVE "up" AS (
      SELECT o.id, o.kind, o.parent_id, 1 AS depth FROM organisations o WHERE o.id = (SELECT government_id FROM decisions WHERE id = "p_decision_id")
      UNION ALL
      SELECT o.id, o.kind, o.parent_id, u.depth + 1 FROM organisations o JOIN "up" u ON o.id = u.parent_id WHERE u.depth < 32)
    SELECT 1 FROM expert_disqualifications d
    WHERE d.expert_id IN (SELECT e ->> 'id' FROM jsonb_array_elements(CASE WHEN "p_action" = 'appointExpertPanel' THEN "p_payload" -> 'experts' ELSE jsonb_build_array(jsonb_build_object('id', "p_actor_id")) END) e)
      AND d.registered_at <= "p_at" AND d.valid_from <= "p_at" AND (d.valid_to IS NULL OR "p_at" < d.valid_to)
      AND ((SELECT government_id FROM decisions WHERE id = "p_decision_id") IS NULL OR d.government_id IN (SELECT id FROM "up" WHERE kind = 'government'))
  ) THEN
    RAISE EXCEPTION 'decision %: entry % names or is by an expert disqualified at %', "p_decision_id", "p_seq", "p_at" USING ERRCODE = 'MDE01';
  END IF;
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

-- The decision's row of a registration so refused, taken back by its own run: only that run's row, and only while no
-- entry of it is recorded (a decision with a record is never removed). As the table's owner (SECURITY DEFINER): the
-- application's role deletes no decision otherwise.
CREATE FUNCTION "withdraw_registration"("p_decision_id" TEXT, "p_run_id" TEXT) RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  DELETE FROM decisions d WHERE d.id = "p_decision_id" AND d.run_id = "p_run_id"
    AND NOT EXISTS (SELECT 1 FROM decision_steps s WHERE s.decision_id = d.id);
END;
$$;
REVOKE ALL ON FUNCTION "withdraw_registration"(TEXT, TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "withdraw_registration"(TEXT, TEXT) TO decision_app;
