-- AlterTable
ALTER TABLE "decision_steps" ADD COLUMN "seal" TEXT,
ADD COLUMN "seal_key_id" TEXT;

-- CreateTable
CREATE TABLE "log_leaves" (
    "idx" BIGINT NOT NULL,
    "decision_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "leaf_hash" TEXT NOT NULL,

    CONSTRAINT "log_leaves_pkey" PRIMARY KEY ("idx")
);

-- CreateTable
CREATE TABLE "log_checkpoints" (
    "tree_size" BIGINT NOT NULL,
    "root_hash" TEXT NOT NULL,
    "signed_at" TIMESTAMPTZ(3) NOT NULL,
    "key_id" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "log_checkpoints_pkey" PRIMARY KEY ("tree_size")
);

-- CreateTable
CREATE TABLE "system_keys" (
    "key_id" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "public_key" TEXT NOT NULL,
    "registered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "system_keys_pkey" PRIMARY KEY ("key_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "log_leaves_decision_id_seq_key" ON "log_leaves"("decision_id", "seq");

-- The log and its checkpoints are append-only too.
CREATE TRIGGER "log_leaves_append_only" BEFORE UPDATE OR DELETE ON "log_leaves"
  FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"();
CREATE TRIGGER "log_leaves_no_truncate" BEFORE TRUNCATE ON "log_leaves"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"();
CREATE TRIGGER "log_checkpoints_append_only" BEFORE UPDATE OR DELETE ON "log_checkpoints"
  FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"();
CREATE TRIGGER "log_checkpoints_no_truncate" BEFORE TRUNCATE ON "log_checkpoints"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"();
