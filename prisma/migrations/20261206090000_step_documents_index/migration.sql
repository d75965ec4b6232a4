-- Which steps name a document (apps/api/src/documents/document-access.service.ts):
-- asked on every read of a document, by anyone at /public-documents. Without
-- this index it was a scan of every step of every decision, each payload walked
-- through (a public, unauthenticated request that grows with the whole record).
-- A step names a document by its hash anywhere in its payload: the function
-- lists those hashes, and the index is over its answer. Over an expression,
-- which the Prisma schema cannot declare (test/db/schema-drift.spec.ts names it).
CREATE FUNCTION "step_document_hashes"(payload JSONB) RETURNS JSONB
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN jsonb_path_query_array(payload, 'strict $.** ? (@.type() == "string" && @ like_regex "^(sha256|sm3):[0-9a-f]{64}$")');

CREATE INDEX "decision_steps_documents_idx" ON "decision_steps" USING gin ("step_document_hashes"(payload) jsonb_path_ops);
