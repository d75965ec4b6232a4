-- CreateTable
CREATE TABLE "actor_keys" (
    "key_id" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "public_key" TEXT NOT NULL,
    "valid_from" TIMESTAMPTZ(3) NOT NULL,
    "valid_to" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "revocation_reason" TEXT,
    "registered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "actor_keys_pkey" PRIMARY KEY ("key_id")
);

-- CreateIndex
CREATE INDEX "actor_keys_actor_id_idx" ON "actor_keys"("actor_id");
