-- A document's name under the other algorithm (sha256 / sm3): the same bytes are
-- one document whichever names them (a step's own work is checked under both,
-- apps/api/src/documents/authored-documents.ts). Kept when the document is
-- stored, so that the check does not read the bytes again; a document stored
-- before this gets its row the first time the check needs it. Append-only, as
-- the documents are.
CREATE TABLE "document_twins" (
    "hash" TEXT NOT NULL,
    "twin" TEXT NOT NULL,

    CONSTRAINT "document_twins_pkey" PRIMARY KEY ("hash"),
    CONSTRAINT "document_twins_hash_fkey" FOREIGN KEY ("hash") REFERENCES "documents"("hash") ON DELETE RESTRICT ON UPDATE RESTRICT
);

CREATE TRIGGER "document_twins_append_only" BEFORE UPDATE OR DELETE ON "document_twins"
  FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"();

GRANT SELECT, INSERT ON "document_twins" TO decision_app;
