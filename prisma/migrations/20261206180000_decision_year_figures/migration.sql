-- GET /statistics counted the year's figures from the record's steps each time it was asked: a national inspector's
-- year is some forty million steps (2 million decisions), read on every request. They are kept instead, a row a
-- decision a year (Beijing time, as the statistics count), by a trigger on the record whatever statement appends a
-- step, so a year's figures are a sum over the decisions in scope. The figures are the statistics' own: the decision
-- registered, decided (and reviewed for legality before it), consulted, its hearings, expert argumentation, risk
-- assessments, publications through some channel (a non-empty list of channels, as decisions.published counts them),
-- suspensions and adjustments.
LOCK TABLE "decision_steps" IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE "decision_year_figures" (
  "year" INTEGER NOT NULL,
  "decision_id" TEXT NOT NULL,
  "registered" BOOLEAN NOT NULL DEFAULT false,
  "decided" BOOLEAN NOT NULL DEFAULT false,
  "reviewed" BOOLEAN NOT NULL DEFAULT false,
  "participation" BOOLEAN NOT NULL DEFAULT false,
  "hearings" INTEGER NOT NULL DEFAULT 0,
  "experts" BOOLEAN NOT NULL DEFAULT false,
  "risks" INTEGER NOT NULL DEFAULT 0,
  "published" BOOLEAN NOT NULL DEFAULT false,
  "suspensions" INTEGER NOT NULL DEFAULT 0,
  "adjustments" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "decision_year_figures_pkey" PRIMARY KEY ("year", "decision_id")
);

-- As the table's owner (SECURITY DEFINER): the application's role appends steps and reads the figures, and writes none.
-- Its own path, the caller's temporary schema last: first (PostgreSQL's default), a temporary table the caller made
-- under this name would take the row, and a trigger on it run as the owner (the fresh-eyes tester made the application's
-- role a superuser so).
CREATE FUNCTION "decision_year_figures_step"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  -- A step of no year the statistics count (infinity, or past the year 200000) is recorded all the same, without figures.
  IF NOT isfinite(NEW."at") OR NEW."at" >= timestamptz '200000-01-01 00:00:00+00' THEN RETURN NULL; END IF;
  INSERT INTO "decision_year_figures" AS f
    ("year", "decision_id", "registered", "decided", "reviewed", "participation", "hearings", "experts", "risks", "published", "suspensions", "adjustments")
  VALUES (
    date_part('year', (NEW."at" AT TIME ZONE 'UTC') + interval '8 hours')::integer,
    NEW."decision_id",
    NEW."action" = 'register',
    NEW."action" = 'decide',
    NEW."action" = 'decide' AND EXISTS (
      SELECT 1 FROM "decision_steps" l WHERE l."decision_id" = NEW."decision_id" AND l."action" = 'issueLegalityOpinion' AND l."seq" < NEW."seq"),
    NEW."action" = 'openPublicComment',
    (NEW."action" = 'recordHearing')::integer,
    NEW."action" = 'appointExpertPanel',
    (NEW."action" = 'submitRiskAssessment')::integer,
    NEW."action" = 'publish' AND CASE WHEN jsonb_typeof(NEW."payload" -> 'channels') = 'array' THEN jsonb_array_length(NEW."payload" -> 'channels') > 0 ELSE false END,
    (NEW."action" = 'suspendExecution')::integer,
    (NEW."action" = 'startAdjustment')::integer)
  ON CONFLICT ("year", "decision_id") DO UPDATE SET
    "registered" = f."registered" OR EXCLUDED."registered",
    "decided" = f."decided" OR EXCLUDED."decided",
    "reviewed" = f."reviewed" OR EXCLUDED."reviewed",
    "participation" = f."participation" OR EXCLUDED."participation",
    "hearings" = f."hearings" + EXCLUDED."hearings",
    "experts" = f."experts" OR EXCLUDED."experts",
    "risks" = f."risks" + EXCLUDED."risks",
    "published" = f."published" OR EXCLUDED."published",
    "suspensions" = f."suspensions" + EXCLUDED."suspensions",
    "adjustments" = f."adjustments" + EXCLUDED."adjustments";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "decision_year_figures" AFTER INSERT ON "decision_steps"
  FOR EACH ROW WHEN (NEW."action" IN ('register', 'decide', 'openPublicComment', 'recordHearing', 'appointExpertPanel', 'submitRiskAssessment', 'publish', 'suspendExecution', 'startAdjustment'))
  EXECUTE FUNCTION "decision_year_figures_step"();

-- The figures of the steps recorded so far (the table is locked against new ones meanwhile).
INSERT INTO "decision_year_figures"
  ("year", "decision_id", "registered", "decided", "reviewed", "participation", "hearings", "experts", "risks", "published", "suspensions", "adjustments")
SELECT date_part('year', (s."at" AT TIME ZONE 'UTC') + interval '8 hours')::integer, s."decision_id",
       bool_or(s."action" = 'register'),
       bool_or(s."action" = 'decide'),
       bool_or(s."action" = 'decide' AND EXISTS (
         SELECT 1 FROM "decision_steps" l WHERE l."decision_id" = s."decision_id" AND l."action" = 'issueLegalityOpinion' AND l."seq" < s."seq")),
       bool_or(s."action" = 'openPublicComment'),
       (count(*) FILTER (WHERE s."action" = 'recordHearing'))::integer,
       bool_or(s."action" = 'appointExpertPanel'),
       (count(*) FILTER (WHERE s."action" = 'submitRiskAssessment'))::integer,
       bool_or(s."action" = 'publish' AND CASE WHEN jsonb_typeof(s."payload" -> 'channels') = 'array' THEN jsonb_array_length(s."payload" -> 'channels') > 0 ELSE false END),
       (count(*) FILTER (WHERE s."action" = 'suspendExecution'))::integer,
       (count(*) FILTER (WHERE s."action" = 'startAdjustment'))::integer
  FROM "decision_steps" s
 WHERE s."action" IN ('register', 'decide', 'openPublicComment', 'recordHearing', 'appointExpertPanel', 'submitRiskAssessment', 'publish', 'suspendExecution', 'startAdjustment')
   AND isfinite(s."at") AND s."at" < timestamptz '200000-01-01 00:00:00+00'
 GROUP BY 1, 2;

-- Kept by the trigger alone: the application reads it.
REVOKE ALL ON "decision_year_figures" FROM PUBLIC;
GRANT SELECT ON "decision_year_figures" TO decision_app;
REVOKE ALL ON FUNCTION "decision_year_figures_step"() FROM PUBLIC;
