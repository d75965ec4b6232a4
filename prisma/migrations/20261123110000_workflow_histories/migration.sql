-- CreateTable
CREATE TABLE "workflow_histories" (
    "run_id" TEXT NOT NULL,
    "decision_id" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "history" TEXT NOT NULL,
    "history_hash" TEXT NOT NULL,
    "events" INTEGER NOT NULL,
    "archived_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workflow_histories_pkey" PRIMARY KEY ("run_id")
);

-- CreateIndex
CREATE INDEX "workflow_histories_decision_id_idx" ON "workflow_histories"("decision_id");

CREATE TRIGGER "workflow_histories_append_only" BEFORE UPDATE OR DELETE ON "workflow_histories"
  FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"();
