-- Lists read in the order they are answered in, by index (the sixteenth session's audit): an official's pages of a
-- draft's comments by receipt (a campaign's 100,000 comments were sorted or walked for each page), a person's
-- latest notices, and the registration's check that a credit code names one organisation (a scan of them all).
DROP INDEX "public_comments_decision_id_draft_version_idx";
CREATE INDEX "public_comments_decision_id_draft_version_hash_idx" ON "public_comments"("decision_id", "draft_version", "hash");
DROP INDEX "notifications_person_id_idx";
CREATE INDEX "notifications_person_id_id_idx" ON "notifications"("person_id", "id");
CREATE INDEX "organisations_credit_code_idx" ON "organisations"("credit_code");
