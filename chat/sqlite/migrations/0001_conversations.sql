-- Conversations, their turns, handoffs and ratings, beside the knowledge
-- base in the same file. Times are UTC RFC 3339 text with nanoseconds,
-- which sorts as time does.
CREATE TABLE conversations (
	id          TEXT PRIMARY KEY,
	agency      TEXT NOT NULL DEFAULT '',
	channel     TEXT NOT NULL,
	contact     TEXT NOT NULL DEFAULT '',
	lang        TEXT NOT NULL DEFAULT '',
	lang_chosen INTEGER NOT NULL DEFAULT 0,
	state       TEXT NOT NULL,
	misses      INTEGER NOT NULL DEFAULT 0,
	last_seq    INTEGER NOT NULL DEFAULT 0,
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
) STRICT;

CREATE INDEX conversations_contact ON conversations(channel, contact, created_at) WHERE contact <> '';
CREATE INDEX conversations_updated ON conversations(updated_at);

CREATE TABLE turns (
	conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	role       TEXT NOT NULL,
	text       TEXT NOT NULL,
	lang       TEXT NOT NULL DEFAULT '',
	status     TEXT NOT NULL,
	key        TEXT,
	author     TEXT NOT NULL DEFAULT '',
	decision   TEXT,              -- TurnDecision as JSON, on bot turns
	created_at TEXT NOT NULL,
	PRIMARY KEY (conversation_id, seq)
) STRICT;

CREATE UNIQUE INDEX turns_key ON turns(conversation_id, key) WHERE key IS NOT NULL;
CREATE INDEX turns_received ON turns(created_at) WHERE status = 'received';

CREATE TABLE handoffs (
	code            TEXT PRIMARY KEY,
	conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
	reason      TEXT NOT NULL,
	lang        TEXT NOT NULL,
	channel     TEXT NOT NULL,
	agency      TEXT NOT NULL DEFAULT '',
	topic       TEXT NOT NULL DEFAULT '',
	team        TEXT NOT NULL DEFAULT '',
	state       TEXT NOT NULL,
	claimed_by  TEXT NOT NULL DEFAULT '',
	outcome     TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	claimed_at  TEXT,
	resolved_at TEXT
) STRICT;

CREATE INDEX handoffs_state ON handoffs(state, created_at);
CREATE INDEX handoffs_conversation ON handoffs(conversation_id);

-- Ratings outlive the transcripts they rate: they hold no text and no
-- contact, only which revision of which entry the citizen judged.
CREATE TABLE feedback (
	conversation_id TEXT NOT NULL,
	seq        INTEGER NOT NULL,
	entry_id   TEXT NOT NULL,
	revision   INTEGER NOT NULL,
	lang       TEXT NOT NULL,
	rating     INTEGER NOT NULL CHECK (rating BETWEEN -1 AND 1),
	created_at TEXT NOT NULL,
	PRIMARY KEY (conversation_id, seq)
) STRICT;

CREATE INDEX feedback_entry ON feedback(entry_id, revision);
