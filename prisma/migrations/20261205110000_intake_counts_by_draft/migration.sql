-- The comments folded and turned away by the rate limit, counted per draft put out for comment, not per decision: a
-- substantially revised draft is consulted on afresh (Art. 18), and its adoption report's figures are its own period's.
-- Counts kept before are the latest draft's that received comments (the only one, for nearly every decision).
ALTER TABLE "comment_intake_counts" ADD COLUMN "draft_version" INTEGER;
UPDATE "comment_intake_counts" k
   SET "draft_version" = COALESCE((SELECT max(c."draft_version") FROM "public_comments" c WHERE c."decision_id" = k."decision_id"), 1);
ALTER TABLE "comment_intake_counts" ALTER COLUMN "draft_version" SET NOT NULL;
ALTER TABLE "comment_intake_counts" DROP CONSTRAINT "comment_intake_counts_pkey";
ALTER TABLE "comment_intake_counts" ADD CONSTRAINT "comment_intake_counts_pkey" PRIMARY KEY ("decision_id", "draft_version");
