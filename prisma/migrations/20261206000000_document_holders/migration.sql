-- Everyone who uploaded a document's bytes holds it, and may read it. A step
-- naming a document opens it to those who see the decision only where the
-- step's signer held it (the fresh-eyes tester cited another department's
-- draft by its hash, and could then read it through their own decision). The
-- first uploader stays in documents.uploaded_by; the holders before this
-- migration are those.
CREATE TABLE "document_holders" (
    "hash" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "document_holders_pkey" PRIMARY KEY ("hash", "person_id"),
    CONSTRAINT "document_holders_hash_fkey" FOREIGN KEY ("hash") REFERENCES "documents"("hash") ON DELETE RESTRICT ON UPDATE RESTRICT
);

INSERT INTO "document_holders" ("hash", "person_id", "since")
  SELECT "hash", "uploaded_by", "stored_at" FROM "documents" WHERE "uploaded_by" IS NOT NULL;

GRANT SELECT, INSERT ON "document_holders" TO decision_app;
