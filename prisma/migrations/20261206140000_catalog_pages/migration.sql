-- GET /catalog-items (public) answered the whole country's catalog at once, and its year by walking every item
-- (1M items: 0.4 s and the answer's size, on every portal page). It now answers a page in the order of the refs,
-- by year and by government and year: indexes in that order.
DROP INDEX "catalog_items_year_idx";
CREATE INDEX "catalog_items_year_ref_idx" ON "catalog_items"("year", "ref");
CREATE INDEX "catalog_items_government_id_year_ref_idx" ON "catalog_items"("government_id", "year", "ref");
