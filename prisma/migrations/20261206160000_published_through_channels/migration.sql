-- The fresh-eyes tester of the sixteenth session:
-- - decisions.published (20261206120000) marked a decision withheld by law (published through no channel) too, and
--   the public list takes its newest 100 before it drops those: enough withheld ones would push the public off it.
--   A decision is marked when a publication through some channel is recorded; the marks are made again so.
-- - Those who see a decision read the responses to groups of its public comments (the adoption report answers with
--   them, Art. 18), whoever of its officials uploaded them: asked by the response's hash.
CREATE OR REPLACE FUNCTION "decision_published"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF jsonb_typeof(NEW."payload" -> 'channels') = 'array' AND jsonb_array_length(NEW."payload" -> 'channels') > 0 THEN
    UPDATE "decisions" SET "published" = true WHERE "id" = NEW."decision_id" AND NOT "published";
  END IF;
  RETURN NULL;
END;
$$;

UPDATE "decisions" d SET "published" = EXISTS (
  SELECT 1 FROM "decision_steps" s
  WHERE s.decision_id = d.id AND s.action = 'publish'
    AND jsonb_typeof(s.payload -> 'channels') = 'array' AND jsonb_array_length(s.payload -> 'channels') > 0)
 WHERE "published";

CREATE INDEX "comment_answers_group_hash_idx" ON "comment_answers"("group_hash");
