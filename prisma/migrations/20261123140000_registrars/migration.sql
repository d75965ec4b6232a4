-- Registrars: the officials (a personnel or certification office) whose keys
-- endorse actors' keys. An actor key is accepted only with a registrar's
-- endorsement, and revoked only with one; registrars are entered by the
-- database owner (`node dist/infra/registrar.js add`), never through the API.
CREATE TABLE "registrar_keys" (
    "key_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "public_key" TEXT NOT NULL,
    "registered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "registrar_keys_pkey" PRIMARY KEY ("key_id")
);

-- Who endorsed each key, and its revocation: the signature stays with the key, for inspectors.
ALTER TABLE "actor_keys" ADD COLUMN "endorsed_by" TEXT;
ALTER TABLE "actor_keys" ADD COLUMN "endorsement" TEXT;
ALTER TABLE "actor_keys" ADD COLUMN "revocation_endorsed_by" TEXT;
ALTER TABLE "actor_keys" ADD COLUMN "revocation_endorsement" TEXT;

-- The applications read registrars; only the owner adds them.
GRANT SELECT ON "registrar_keys" TO decision_app;
