-- The same client sending the same text on the same draft again gets the first
-- receipt, not a second comment: the fold key hashes the decision, the draft,
-- the client and the text. Comments received before have none (never folded).
ALTER TABLE "public_comments" ADD COLUMN "fold_key" TEXT;
CREATE UNIQUE INDEX "public_comments_fold_key_key" ON "public_comments"("fold_key");
