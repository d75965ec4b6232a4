-- A comment on a draft whose adoption report is recorded could never be answered (Art. 18): the report signed the
-- number of comments received and the root of their answers, and the answers are frozen with it. The API stops taking
-- comments when the period ends, but a comment checked just before the end whose batched insert commits after the
-- report would be left unanswered while the record still verified (fresh-eyes tester, 2026-12-07). So the database
-- refuses it, under the answers' lock (ANSWERS_LOCK, libs/record/comment-answers.ts) taken shared: the record
-- activity takes it exclusively to count the comments and freeze the answers with the report, so an insert either
-- commits before that count or sees the report. Refused as a check violation (SQLSTATE 23514), so that a batch of
-- comments is retried one by one and only the late comment is refused (libs/db/batch.ts).
CREATE FUNCTION "refuse_comment_after_report"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(718, hashtext(NEW."decision_id"));
  IF EXISTS (
    SELECT 1 FROM "decision_steps" s
    WHERE s."decision_id" = NEW."decision_id" AND s."action" = 'submitAdoptionReport'
      AND s."payload" -> 'commentsAnswered' ->> 'draftVersion' = NEW."draft_version"::text
  ) THEN
    RAISE EXCEPTION 'public_comments_after_report: the adoption report on draft % of decision % is recorded; no comment on it is taken', NEW."draft_version", NEW."decision_id"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "public_comments_before_report" BEFORE INSERT ON "public_comments"
  FOR EACH ROW EXECUTE FUNCTION "refuse_comment_after_report"();

-- The trigger's question, asked on every comment: a decision's adoption reports, without reading its other steps.
CREATE INDEX "decision_steps_adoption_reports_idx" ON "decision_steps" ("decision_id") WHERE "action" = 'submitAdoptionReport';
