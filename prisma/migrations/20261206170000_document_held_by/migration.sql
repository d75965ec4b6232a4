-- Whether a person holds a document: uploaded it, first (documents.uploaded_by) or not (document_holders), or it was
-- stored before uploaders were kept. Asked of a step's signer by who may cite a document
-- (apps/api/src/documents/cited-documents.ts) and who may read it (document-access.service.ts): one place for it.
CREATE FUNCTION "document_held_by"(p_hash TEXT, p_person TEXT) RETURNS BOOLEAN
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN EXISTS (SELECT 1 FROM documents WHERE hash = p_hash AND (uploaded_by IS NULL OR uploaded_by = p_person))
      OR EXISTS (SELECT 1 FROM document_holders WHERE hash = p_hash AND person_id = p_person);
