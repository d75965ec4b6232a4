-- GET /decisions: filtered by phase, undertaking department, overdue or year
-- of registration, newest first (registered_at DESC, id DESC) with a keyset
-- cursor. Each filter gets an index that ends in the list's order, so a page is
-- an index range scan read backwards, not a sort of every matching row. The
-- single-column indexes they begin with are dropped: the new ones serve those
-- lookups too.

-- DropIndex
DROP INDEX "decisions_phase_idx";

-- DropIndex
DROP INDEX "decisions_overdue_idx";

-- DropIndex
DROP INDEX "decisions_undertaking_department_idx";

-- CreateIndex
CREATE INDEX "decisions_registered_at_id_idx" ON "decisions"("registered_at", "id");

-- CreateIndex
CREATE INDEX "decisions_phase_registered_at_id_idx" ON "decisions"("phase", "registered_at", "id");

-- CreateIndex
CREATE INDEX "decisions_undertaking_department_registered_at_id_idx" ON "decisions"("undertaking_department", "registered_at", "id");

-- CreateIndex
CREATE INDEX "decisions_overdue_registered_at_id_idx" ON "decisions"("overdue", "registered_at", "id");
