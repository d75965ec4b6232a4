-- Who first uploaded a document: the subject of the uploader's verified access
-- token. Documents stored before sign-in have none.
ALTER TABLE "documents" ADD COLUMN "uploaded_by" TEXT;
