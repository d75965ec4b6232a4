-- Every entry written to the record, by whatever statement (the append
-- function, or an INSERT the application's role may also make), is checked
-- before it is stored: its hash is the hash of its text, its text names the
-- decision, the place and the predecessor its columns give, and that
-- predecessor is the entry recorded before it. The append function's own link
-- check (20261205180000) only covered calls to it (fresh-eyes tester). The seal
-- is not checked here: the key is the worker's, and the offline verifier
-- checks it. Entries of records from before the chain are never written again.
CREATE FUNCTION "decision_steps_checked"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  text_of JSONB;
BEGIN
  IF NEW.entry IS NULL OR NEW.entry_hash IS DISTINCT FROM 'sha256:' || encode(sha256(convert_to(NEW.entry, 'UTF8')), 'hex') THEN
    RAISE EXCEPTION 'decision %: entry % is not stored with the hash of its text', NEW.decision_id, NEW.seq USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  text_of := NEW.entry::jsonb;
  IF text_of ->> 'decisionId' IS DISTINCT FROM NEW.decision_id OR text_of -> 'seq' IS DISTINCT FROM to_jsonb(NEW.seq)
     OR text_of ->> 'prevHash' IS DISTINCT FROM NEW.prev_hash THEN
    RAISE EXCEPTION 'decision %: the text of entry % names another decision, place or predecessor than it is stored with', NEW.decision_id, NEW.seq USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.seq > 0 AND NOT EXISTS (
    SELECT 1 FROM decision_steps WHERE decision_id = NEW.decision_id AND seq = NEW.seq - 1 AND entry_hash IS NOT DISTINCT FROM NEW.prev_hash
  ) THEN
    RAISE EXCEPTION 'decision %: entry % does not follow the entry recorded before it', NEW.decision_id, NEW.seq USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.seq = 0 AND NEW.prev_hash IS NOT NULL THEN
    RAISE EXCEPTION 'decision %: the first entry follows none', NEW.decision_id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "decision_steps_checked" BEFORE INSERT ON "decision_steps"
  FOR EACH ROW EXECUTE FUNCTION "decision_steps_checked"();
