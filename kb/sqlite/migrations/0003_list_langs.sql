-- The entry list's language coverage in a table of its own, indexed, and
-- indexes for the list's other filters: at 50,000 entries a filter that
-- scans entry_list costs tens of milliseconds, one that reads an index a
-- few. Open fills the emptied tables again from the entries.
INSERT INTO entry_fts (entry_fts) VALUES ('delete-all');
DELETE FROM entry_list;
ALTER TABLE entry_list DROP COLUMN coverage;

-- One row per variant of an entry: its kb.Coverage state.
CREATE TABLE entry_langs (
	n     INTEGER NOT NULL,  -- entry_list.n
	lang  TEXT NOT NULL,
	state TEXT NOT NULL,
	PRIMARY KEY (n, lang)
) STRICT, WITHOUT ROWID;

CREATE INDEX entry_langs_state ON entry_langs(lang, state, n);

DROP INDEX entry_list_topic;
CREATE INDEX entry_list_topic ON entry_list(topic, status);
CREATE INDEX entry_list_shared ON entry_list(id) WHERE shared = 1;
CREATE INDEX entry_list_until ON entry_list(valid_until) WHERE valid_until IS NOT NULL;
CREATE INDEX entry_list_updated ON entry_list(updated_at);
