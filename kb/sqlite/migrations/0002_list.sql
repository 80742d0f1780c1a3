-- The editors' entry list and shared content across agencies.
--
-- entry_list keeps one narrow row per entry with what the list filters
-- on (kb.ListRow), written with the entry in the same transaction, so a
-- page of 50 is found without reading every entry's document. Open fills
-- it for entries saved before it existed. entry_fts indexes the list's
-- search words (kb.SearchText, already folded: the tokenizer only splits
-- at spaces), by entry_list's row number.
CREATE TABLE entry_list (
	n           INTEGER PRIMARY KEY,
	id          TEXT NOT NULL UNIQUE,
	topic       TEXT NOT NULL,
	agency      TEXT NOT NULL,
	status      TEXT NOT NULL,
	valid_from  INTEGER,          -- Unix microseconds; NULL is open
	valid_until INTEGER,
	updated_at  INTEGER NOT NULL,
	shared      INTEGER NOT NULL,
	overrides   TEXT NOT NULL,    -- '' unless the entry overrides another
	adopted     INTEGER NOT NULL, -- the overridden entry's revision it was adopted from
	coverage    TEXT NOT NULL     -- ' it:current ar:outdated '
) STRICT;

CREATE INDEX entry_list_topic ON entry_list(topic);
CREATE INDEX entry_list_agency ON entry_list(agency, id);
CREATE INDEX entry_list_status ON entry_list(status, id);
-- One override per agency per overridden entry.
CREATE UNIQUE INDEX entry_list_overrides ON entry_list(overrides, agency) WHERE overrides <> '';

CREATE VIRTUAL TABLE entry_fts USING fts5(words, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');

-- Retrieval lets shared entries through an agency's filter; the search
-- index reads the flag from here.
ALTER TABLE entries ADD COLUMN shared INTEGER GENERATED ALWAYS AS (coalesce(json_extract(doc, '$.shared'), 0)) VIRTUAL;
