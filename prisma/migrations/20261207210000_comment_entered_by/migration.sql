-- A comment that came by letter, telephone, e-mail, fax or a visit is entered by an official of the undertaking unit,
-- signed in, and the record keeps who: anyone could mark an anonymous web comment as a letter before (statute tester).
-- Null for comments sent through the website, and for those received before.
ALTER TABLE "public_comments" ADD COLUMN "entered_by" TEXT;
