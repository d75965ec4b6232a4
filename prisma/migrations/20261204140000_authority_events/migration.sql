-- The registrars' acts as events of the global log (libs/record/authority-log.ts):
-- each organisation registered, appointment made or ended, key registered or
-- revoked, once, as the canonical text whose hash is its leaf in log_leaves
-- (under the pseudo-decision id '@authority', with seq = this seq).
CREATE TABLE "authority_events" (
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "canonical" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "authority_events_pkey" PRIMARY KEY ("seq")
);
CREATE UNIQUE INDEX "authority_events_kind_subject_id_key" ON "authority_events"("kind", "subject_id");

-- Append-only, like the log it feeds: an act once logged is never altered or removed.
CREATE TRIGGER "authority_events_append_only" BEFORE UPDATE OR DELETE ON "authority_events"
  FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"();
CREATE TRIGGER "authority_events_no_truncate" BEFORE TRUNCATE ON "authority_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"();
GRANT SELECT, INSERT ON "authority_events" TO decision_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "authority_events" FROM PUBLIC;
