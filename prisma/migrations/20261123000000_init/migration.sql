-- CreateTable
CREATE TABLE "decisions" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "undertaking_department" TEXT NOT NULL,
    "catalog_ref" TEXT NOT NULL,
    "legal_basis" TEXT[],
    "profile" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "registered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "decisions_undertaking_department_idx" ON "decisions"("undertaking_department");

-- CreateIndex
CREATE INDEX "decisions_catalog_ref_idx" ON "decisions"("catalog_ref");
