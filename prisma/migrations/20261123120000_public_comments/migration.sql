-- CreateTable
CREATE TABLE "public_comments" (
    "hash" TEXT NOT NULL,
    "decision_id" TEXT NOT NULL,
    "draft_version" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "public_comments_pkey" PRIMARY KEY ("hash")
);

-- CreateIndex
CREATE INDEX "public_comments_decision_id_draft_version_idx" ON "public_comments"("decision_id", "draft_version");

CREATE TRIGGER "public_comments_append_only" BEFORE UPDATE OR DELETE ON "public_comments"
  FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"();
