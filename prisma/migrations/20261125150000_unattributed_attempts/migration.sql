-- Attempts recorded under no official's name (sign-in, issue 9): the signed-in
-- caller was not the signing actor, or the signature did not hold. A refusal is
-- kept in step_refusals, under the official's name, only when the official
-- signed in and signed; everything else lands here, with who the access token
-- says made the attempt and the actor id it claimed, never the name it claimed.
CREATE TABLE "unattributed_attempts" (
    "id" BIGSERIAL NOT NULL,
    "decision_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "caller_sub" TEXT,
    "claimed_actor_id" TEXT NOT NULL,
    "code" TEXT,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "unattributed_attempts_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "unattributed_attempts_decision_id_idx" ON "unattributed_attempts"("decision_id");

CREATE TRIGGER "unattributed_attempts_append_only" BEFORE UPDATE OR DELETE ON "unattributed_attempts"
  FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"();
CREATE TRIGGER "unattributed_attempts_no_truncate" BEFORE TRUNCATE ON "unattributed_attempts"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"();

GRANT SELECT, INSERT ON "unattributed_attempts" TO decision_app;
GRANT USAGE, SELECT ON SEQUENCE "unattributed_attempts_id_seq" TO decision_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "unattributed_attempts" FROM PUBLIC;
