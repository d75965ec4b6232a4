-- CreateTable
CREATE TABLE "catalog_items" (
    "ref" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "organ" TEXT NOT NULL,
    "party_consent_ref" TEXT NOT NULL,
    "adjustment_reason" TEXT,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "catalog_items_pkey" PRIMARY KEY ("ref")
);

-- CreateIndex
CREATE INDEX "catalog_items_year_idx" ON "catalog_items"("year");
