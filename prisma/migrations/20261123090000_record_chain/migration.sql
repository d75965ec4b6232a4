-- AlterTable
ALTER TABLE "decision_steps" ADD COLUMN "entry" TEXT,
ADD COLUMN "entry_hash" TEXT,
ADD COLUMN "prev_hash" TEXT;
