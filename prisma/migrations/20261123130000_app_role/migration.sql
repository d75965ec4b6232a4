-- The role the API and the worker run as: it may read, and append to the
-- record, but never alter or remove what is recorded (the triggers refuse it
-- too; this takes away the privilege as well). Migrations run as the owner.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'decision_app') THEN
    CREATE ROLE decision_app LOGIN;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO decision_app;

-- The record: read and append only.
GRANT SELECT, INSERT ON "decision_steps", "step_refusals", "log_leaves", "log_checkpoints", "workflow_histories", "public_comments", "documents", "clock_events" TO decision_app;

-- Registers and projections that change by design (a decision's phase, a key's revocation, the calendar).
GRANT SELECT, INSERT, UPDATE ON "decisions", "actor_keys", "catalog_items", "calendar_overrides", "system_keys" TO decision_app;

GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO decision_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "decision_steps", "step_refusals", "log_leaves", "log_checkpoints", "workflow_histories", "public_comments", "documents", "clock_events" FROM PUBLIC;
