-- Authority as data: organisations in their hierarchy, and appointments of
-- persons to roles in them, each endorsed by a registrar of the government
-- concerned (libs/record/endorsement.ts). A step is accepted only from a
-- signer whose appointment stands at its time.

-- The government whose registrar a registrar key is; keys entered before this
-- know none and endorse actors' keys only.
ALTER TABLE "registrar_keys" ADD COLUMN "government_id" TEXT;

CREATE TABLE "organisations" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "parent_id" TEXT,
    "level" TEXT,
    "credit_code" TEXT,
    "endorsed_by" TEXT NOT NULL,
    "endorsement" TEXT NOT NULL,
    "registered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organisations_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "organisations_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE RESTRICT
);
CREATE INDEX "organisations_parent_id_idx" ON "organisations"("parent_id");

CREATE TABLE "appointments" (
    "id" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "person_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "valid_from" TIMESTAMPTZ(3) NOT NULL,
    "valid_to" TIMESTAMPTZ(3) NOT NULL,
    "endorsed_by" TEXT NOT NULL,
    "endorsement" TEXT NOT NULL,
    "registered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),
    "end_reason" TEXT,
    "end_endorsed_by" TEXT,
    "end_endorsement" TEXT,

    CONSTRAINT "appointments_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "appointments_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE RESTRICT
);
-- A step's check: this person, this role, this organisation.
CREATE INDEX "appointments_person_id_role_organisation_id_idx" ON "appointments"("person_id", "role", "organisation_id");
CREATE INDEX "appointments_organisation_id_idx" ON "appointments"("organisation_id");

-- Organisations are registered, never altered or removed; an appointment is ended, never removed.
GRANT SELECT, INSERT ON "organisations" TO decision_app;
GRANT SELECT, INSERT, UPDATE ON "appointments" TO decision_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "organisations" FROM PUBLIC;
REVOKE DELETE, TRUNCATE ON "appointments" FROM PUBLIC;
