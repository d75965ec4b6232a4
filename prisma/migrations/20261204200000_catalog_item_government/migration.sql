-- The government whose catalog (决策事项目录, Art. 3) an item is: the deciding
-- organ whose chief executive or general office published it. A decision is
-- registered, and its organ decides to start it, only from an item of its own
-- government's catalog. Null for items published before it was kept: those
-- name their organ in words only and are not tied to a government.
ALTER TABLE "catalog_items" ADD COLUMN "government_id" TEXT;
