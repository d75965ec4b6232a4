-- AlterTable
ALTER TABLE "decisions" ADD COLUMN "phase" TEXT NOT NULL DEFAULT 'drafting',
ADD COLUMN "hold" TEXT NOT NULL DEFAULT 'none',
ADD COLUMN "overdue" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "decision_steps" (
    "decision_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "actor_organisation" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "articles" TEXT[],
    "at" TIMESTAMPTZ(3) NOT NULL,
    "phase_after" TEXT NOT NULL,
    "hold_after" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decision_steps_pkey" PRIMARY KEY ("decision_id","seq")
);

-- CreateTable
CREATE TABLE "step_refusals" (
    "id" BIGSERIAL NOT NULL,
    "decision_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "actor_organisation" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "articles" TEXT[],
    "payload" JSONB NOT NULL,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "step_refusals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "clock_events" (
    "id" BIGSERIAL NOT NULL,
    "decision_id" TEXT NOT NULL,
    "deadline_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "clock_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "calendar_overrides" (
    "day" TEXT NOT NULL,
    "workday" BOOLEAN NOT NULL,
    "note" TEXT NOT NULL,

    CONSTRAINT "calendar_overrides_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE INDEX "decisions_phase_idx" ON "decisions"("phase");

-- CreateIndex
CREATE INDEX "decisions_overdue_idx" ON "decisions"("overdue");

-- CreateIndex
CREATE INDEX "decision_steps_actor_id_idx" ON "decision_steps"("actor_id");

-- CreateIndex
CREATE INDEX "step_refusals_decision_id_idx" ON "step_refusals"("decision_id");

-- CreateIndex
CREATE INDEX "step_refusals_actor_id_idx" ON "step_refusals"("actor_id");

-- CreateIndex
CREATE UNIQUE INDEX "clock_events_decision_id_deadline_id_kind_key" ON "clock_events"("decision_id", "deadline_id", "kind");

-- The record of steps and refusals is append-only: nothing recorded is ever altered or lost.
CREATE FUNCTION "refuse_record_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the decision record is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "decision_steps_append_only" BEFORE UPDATE OR DELETE ON "decision_steps"
  FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"();
CREATE TRIGGER "decision_steps_no_truncate" BEFORE TRUNCATE ON "decision_steps"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"();
CREATE TRIGGER "step_refusals_append_only" BEFORE UPDATE OR DELETE ON "step_refusals"
  FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"();
CREATE TRIGGER "step_refusals_no_truncate" BEFORE TRUNCATE ON "step_refusals"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"();
