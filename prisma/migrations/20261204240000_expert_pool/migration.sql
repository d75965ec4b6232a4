-- The decision-consulting expert pools of Art. 21 of Decree No. 713 (决策咨询论证专家库):
-- a government's registrar enters an expert into its government's pool, and ends
-- the membership (退出), each on the registrar's signature over exactly the record;
-- neither is ever altered, so an end is a row of its own, at most one per entry.
-- A disqualification under Art. 41 (expert_disqualifications) takes the expert out
-- of the pools of its government and of those below it: derived when read, not
-- written here.
CREATE TABLE "expert_pool_entries" (
    "id" TEXT NOT NULL,
    "expert_id" TEXT NOT NULL,
    "expert_name" TEXT NOT NULL,
    "government_id" TEXT NOT NULL,
    -- Nullable as Prisma makes list columns; the check asks for at least one field.
    "fields" TEXT[],
    "institution" TEXT,
    "valid_from" TIMESTAMPTZ(3) NOT NULL,
    "valid_to" TIMESTAMPTZ(3),
    "endorsed_by" TEXT NOT NULL,
    "endorsement" TEXT NOT NULL,
    "registered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "expert_pool_entries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "expert_pool_entries_fields_check" CHECK ("fields" IS NOT NULL AND cardinality("fields") >= 1)
);
CREATE INDEX "expert_pool_entries_government_id_idx" ON "expert_pool_entries"("government_id");
CREATE INDEX "expert_pool_entries_expert_id_idx" ON "expert_pool_entries"("expert_id");

CREATE TABLE "expert_pool_ends" (
    "entry_id" TEXT NOT NULL,
    "ended_at" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "endorsed_by" TEXT NOT NULL,
    "endorsement" TEXT NOT NULL,
    "registered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "expert_pool_ends_pkey" PRIMARY KEY ("entry_id"),
    CONSTRAINT "expert_pool_ends_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "expert_pool_entries"("id") ON DELETE RESTRICT ON UPDATE RESTRICT
);

CREATE TRIGGER "expert_pool_entries_append_only" BEFORE UPDATE OR DELETE ON "expert_pool_entries"
  FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"();
CREATE TRIGGER "expert_pool_entries_no_truncate" BEFORE TRUNCATE ON "expert_pool_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"();
CREATE TRIGGER "expert_pool_ends_append_only" BEFORE UPDATE OR DELETE ON "expert_pool_ends"
  FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"();
CREATE TRIGGER "expert_pool_ends_no_truncate" BEFORE TRUNCATE ON "expert_pool_ends"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"();
GRANT SELECT, INSERT ON "expert_pool_entries", "expert_pool_ends" TO decision_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "expert_pool_entries", "expert_pool_ends" FROM PUBLIC;
