-- The public rate limit, counted once for every API process behind a load
-- balancer (apps/api/src/auth/rate-limit.storage.ts): a fixed window per
-- client and endpoint. UNLOGGED: a count lost in a crash costs nothing, and
-- the table costs no WAL flush per request.
CREATE UNLOGGED TABLE "public_rate_limits" (
    "key" TEXT NOT NULL,
    "window_start" BIGINT NOT NULL,
    "hits" INTEGER NOT NULL,
    CONSTRAINT "public_rate_limits_pkey" PRIMARY KEY ("key", "window_start")
);
CREATE INDEX "public_rate_limits_window_start_idx" ON "public_rate_limits"("window_start");
GRANT SELECT, INSERT, UPDATE, DELETE ON "public_rate_limits" TO decision_app;
