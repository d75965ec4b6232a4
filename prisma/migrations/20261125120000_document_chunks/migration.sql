-- Documents are stored in chunks, so that the API never holds a whole document
-- in memory (an upload is streamed to a temporary file, then into these rows;
-- a fetch streams them back). Documents stored before keep their inline
-- content, which is why it becomes nullable; a new document has none.
ALTER TABLE "documents" ALTER COLUMN "content" DROP NOT NULL;

-- CreateTable
CREATE TABLE "document_chunks" (
    "hash" TEXT NOT NULL,
    "idx" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "document_chunks_pkey" PRIMARY KEY ("hash", "idx"),
    CONSTRAINT "document_chunks_idx_check" CHECK ("idx" >= 0),
    CONSTRAINT "document_chunks_hash_fkey" FOREIGN KEY ("hash") REFERENCES "documents"("hash") ON DELETE RESTRICT ON UPDATE RESTRICT
);

-- Part of the record like the documents themselves: append-only.
CREATE TRIGGER "document_chunks_append_only" BEFORE UPDATE OR DELETE ON "document_chunks"
  FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"();
CREATE TRIGGER "document_chunks_no_truncate" BEFORE TRUNCATE ON "document_chunks"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"();

GRANT SELECT, INSERT ON "document_chunks" TO decision_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "document_chunks" FROM PUBLIC;
