-- Experts disqualified under Art. 41 of Decree No. 713 (取消评估资格): each entered
-- on the signature of a registrar of the government whose expert pool it concerns
-- (Art. 21), over exactly this record; never altered. A panel (appointExpertPanel)
-- of a decision of that government, or of one below it (which may use the pool
-- above, Art. 21 para. 3), may not name the expert while it is in force.
CREATE TABLE "expert_disqualifications" (
    "id" TEXT NOT NULL,
    "expert_id" TEXT NOT NULL,
    "expert_name" TEXT NOT NULL,
    "government_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "basis_hash" TEXT,
    "valid_from" TIMESTAMPTZ(3) NOT NULL,
    "valid_to" TIMESTAMPTZ(3),
    "endorsed_by" TEXT NOT NULL,
    "endorsement" TEXT NOT NULL,
    "registered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "expert_disqualifications_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "expert_disqualifications_expert_id_idx" ON "expert_disqualifications"("expert_id");

CREATE TRIGGER "expert_disqualifications_append_only" BEFORE UPDATE OR DELETE ON "expert_disqualifications"
  FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"();
CREATE TRIGGER "expert_disqualifications_no_truncate" BEFORE TRUNCATE ON "expert_disqualifications"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"();
GRANT SELECT, INSERT ON "expert_disqualifications" TO decision_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "expert_disqualifications" FROM PUBLIC;
