-- A turn's text in other languages, for the operators: a JSON array of
-- {lang, text, model, original}, NULL when there is none.
ALTER TABLE turns ADD COLUMN translations TEXT;
