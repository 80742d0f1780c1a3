-- The editors' entry list and shared content across agencies.
--
-- entry_list keeps one narrow row per entry with what the list filters
-- on (kb.ListRow), written by Import in the entries' transaction, so a
-- page of 50 is found without reading every entry's document; Open fills
-- it for entries saved before it existed. words holds the list's search
-- words (kb.SearchText, already folded, so the simple configuration only
-- has to split it at spaces).
CREATE TABLE entry_list (
	id          text COLLATE "C" PRIMARY KEY,
	topic       text NOT NULL,
	agency      text NOT NULL,
	status      text NOT NULL,
	valid_from  timestamptz,
	valid_until timestamptz,
	updated_at  timestamptz NOT NULL,
	shared      boolean NOT NULL,
	overrides   text NOT NULL,     -- '' unless the entry overrides another
	adopted     integer NOT NULL,  -- the overridden entry's revision it was adopted from
	coverage    text NOT NULL,     -- ' it:current ar:outdated '
	words       tsvector NOT NULL
);

CREATE INDEX entry_list_topic ON entry_list (topic);
CREATE INDEX entry_list_agency ON entry_list (agency, id);
CREATE INDEX entry_list_status ON entry_list (status, id);
CREATE INDEX entry_list_words ON entry_list USING gin (words);
-- One override per agency per overridden entry.
CREATE UNIQUE INDEX entry_list_overrides ON entry_list (overrides, agency) WHERE overrides <> '';

-- Retrieval lets shared entries through an agency's filter. Generated
-- from the document, so every way of writing entries keeps it right.
ALTER TABLE entries ADD COLUMN shared boolean GENERATED ALWAYS AS (coalesce((doc->>'shared')::boolean, false)) STORED;
