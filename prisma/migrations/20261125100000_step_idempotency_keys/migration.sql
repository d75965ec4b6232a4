-- An idempotency key names one step for the life of its decision, across every
-- run of its workflow (Temporal deduplicates an Update id within one run only).
-- The key of an entry is the one its actor signed (entry.signature.idempotencyKey;
-- the registration's is the decision id). Written with the entry, in its transaction.
CREATE TABLE "step_idempotency_keys" (
    "decision_id"     TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "seq"             INTEGER NOT NULL,
    CONSTRAINT "step_idempotency_keys_pkey" PRIMARY KEY ("decision_id", "idempotency_key"),
    CONSTRAINT "step_idempotency_keys_step_fkey" FOREIGN KEY ("decision_id", "seq") REFERENCES "decision_steps"("decision_id", "seq") ON DELETE RESTRICT ON UPDATE RESTRICT
);

-- The keys of the entries recorded before this table: the first entry that used a key keeps it.
INSERT INTO "step_idempotency_keys" ("decision_id", "idempotency_key", "seq")
SELECT DISTINCT ON ("decision_id", k) "decision_id", k, "seq"
FROM (SELECT "decision_id", "seq", ("entry"::jsonb -> 'signature' ->> 'idempotencyKey') AS k FROM "decision_steps" WHERE "entry" IS NOT NULL) s
WHERE k IS NOT NULL
ORDER BY "decision_id", k, "seq";

CREATE TRIGGER "step_idempotency_keys_append_only" BEFORE UPDATE OR DELETE ON "step_idempotency_keys"
  FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"();
CREATE TRIGGER "step_idempotency_keys_no_truncate" BEFORE TRUNCATE ON "step_idempotency_keys"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"();

GRANT SELECT, INSERT ON "step_idempotency_keys" TO decision_app;

-- A comment's receipt hashes a random nonce with it, so two identical comments
-- sent in the same millisecond are two comments with two receipts (before, the
-- second collided with the first on the primary key).
ALTER TABLE "public_comments" ADD COLUMN "nonce" TEXT;
