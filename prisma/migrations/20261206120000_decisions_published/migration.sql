-- The public list of published decisions (apps/api/src/portal/published.service.ts) took the newest decisions that
-- were past publication or had a publication step: it read every decision registered since the newest published one,
-- and each one's steps, most of them still in the procedure (630 ms on 500k decisions, rebuilt every few seconds).
-- A decision is marked published when its record takes a publication step, by a trigger on the record (whatever
-- statement appends it), and a partial index holds the published ones in the list's order. Partial, which the Prisma
-- schema cannot declare (test/db/schema-drift.spec.ts names it).
ALTER TABLE "decisions" ADD COLUMN "published" BOOLEAN NOT NULL DEFAULT false;

UPDATE "decisions" d SET "published" = true
 WHERE EXISTS (SELECT 1 FROM "decision_steps" s WHERE s.decision_id = d.id AND s.action = 'publish');

CREATE FUNCTION "decision_published"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "decisions" SET "published" = true WHERE "id" = NEW."decision_id" AND NOT "published";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "decision_published" AFTER INSERT ON "decision_steps"
  FOR EACH ROW WHEN (NEW."action" = 'publish') EXECUTE FUNCTION "decision_published"();

CREATE INDEX "decisions_published_idx" ON "decisions" ("registered_at" DESC, "id" DESC) WHERE "published";
