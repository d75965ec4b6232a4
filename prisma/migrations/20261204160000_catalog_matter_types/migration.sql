-- The matter types of a catalog item (libs/domain/procedure/matters.ts): the
-- procedures other laws add to a decision on it (Decree 713 Art. 3 para. 2),
-- e.g. 'housing-expropriation'. A registration from the item carries them,
-- signed. Items published before have none (the empty list; a list column is
-- nullable, as Prisma makes list columns, test/db/schema-drift.spec.ts).
ALTER TABLE "catalog_items" ADD COLUMN "matter_types" TEXT[] DEFAULT ARRAY[]::TEXT[];
-- The application reads and publishes catalog items, as before (20261123130000_app_role); the new column with them.
GRANT SELECT, INSERT, UPDATE ON "catalog_items" TO decision_app;
