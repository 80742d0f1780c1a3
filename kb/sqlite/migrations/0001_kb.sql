-- The knowledge base: current entries, every revision, and one indexed row
-- per (entry, language) for retrieval.
CREATE TABLE entries (
	id          TEXT PRIMARY KEY,
	topic       TEXT NOT NULL DEFAULT '',
	agency      TEXT NOT NULL DEFAULT '',
	status      TEXT NOT NULL,
	valid_from  INTEGER,          -- Unix seconds; NULL is open
	valid_until INTEGER,
	revision    INTEGER NOT NULL,
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	doc         TEXT NOT NULL     -- the entry as JSON, the source of truth
) STRICT;

CREATE INDEX entries_status ON entries(status, agency);

CREATE TABLE entry_revisions (
	entry_id  TEXT NOT NULL,
	revision  INTEGER NOT NULL,
	status    TEXT NOT NULL,
	saved_at  TEXT NOT NULL,
	saved_by  TEXT NOT NULL DEFAULT '',
	doc       TEXT NOT NULL,
	PRIMARY KEY (entry_id, revision)
) STRICT;

-- One row per (entry, language): what retrieval needs, the analysed terms
-- from kb/analysis and the embedder's vector. The search indexes are
-- built from these rows in memory at start (see index.go).
CREATE TABLE variants (
	id           INTEGER PRIMARY KEY,
	entry_id     TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
	lang         TEXT NOT NULL,
	phrase_terms TEXT NOT NULL,   -- terms of the question and alternates, space-separated
	answer_terms TEXT NOT NULL,
	embedder     TEXT NOT NULL,
	vector       BLOB NOT NULL,   -- little-endian float32
	UNIQUE (entry_id, lang)
) STRICT;

CREATE INDEX variants_lang ON variants(lang);
