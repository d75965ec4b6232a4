-- Public comments at any volume (Art. 18): the adoption report answers every
-- comment through comment_answers and signs their Merkle root, instead of
-- listing every receipt in the step (which no request body could carry at
-- tens of thousands of comments).

-- Near-identical comments (campaigns) are shown to officials as groups:
-- the normalized text's hash and a MinHash signature, made at intake.
ALTER TABLE "public_comments" ADD COLUMN "text_key" TEXT;
ALTER TABLE "public_comments" ADD COLUMN "similarity" BYTEA;
CREATE INDEX "public_comments_decision_id_draft_version_text_key_idx" ON "public_comments"("decision_id", "draft_version", "text_key");

CREATE TABLE "comment_answers" (
    "comment_hash" TEXT NOT NULL,
    "decision_id" TEXT NOT NULL,
    "draft_version" INTEGER NOT NULL,
    "group_hash" TEXT NOT NULL,
    "answered_by" TEXT NOT NULL,
    "answered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reported" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "comment_answers_pkey" PRIMARY KEY ("comment_hash")
);
CREATE INDEX "comment_answers_decision_id_draft_version_group_hash_idx" ON "comment_answers"("decision_id", "draft_version", "group_hash");
ALTER TABLE "comment_answers" ADD CONSTRAINT "comment_answers_comment_hash_fkey" FOREIGN KEY ("comment_hash") REFERENCES "public_comments"("hash") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- Once the adoption report that signs them is recorded, the answers are part
-- of the record: no change, no removal.
CREATE FUNCTION "refuse_reported_answer_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."reported" THEN
    RAISE EXCEPTION 'the answer to comment % is part of a recorded adoption report and cannot be changed', OLD."comment_hash"
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER "comment_answers_frozen_when_reported" BEFORE UPDATE OR DELETE ON "comment_answers"
  FOR EACH ROW EXECUTE FUNCTION "refuse_reported_answer_change"();
CREATE TRIGGER "comment_answers_no_truncate" BEFORE TRUNCATE ON "comment_answers"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"();

CREATE TABLE "comment_intake_counts" (
    "decision_id" TEXT NOT NULL,
    "folded" INTEGER NOT NULL DEFAULT 0,
    "rate_limited" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "comment_intake_counts_pkey" PRIMARY KEY ("decision_id")
);

GRANT SELECT, INSERT, UPDATE, DELETE ON "comment_answers" TO decision_app;
GRANT SELECT, INSERT, UPDATE ON "comment_intake_counts" TO decision_app;
