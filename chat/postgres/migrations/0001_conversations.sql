-- Conversations, their turns, handoffs and ratings, beside the knowledge
-- base in the same database.
CREATE TABLE conversations (
	id          text PRIMARY KEY,
	agency      text NOT NULL DEFAULT '',
	channel     text NOT NULL,
	contact     text NOT NULL DEFAULT '',
	lang        text NOT NULL DEFAULT '',
	lang_chosen boolean NOT NULL DEFAULT false,
	state       text NOT NULL,
	misses      integer NOT NULL DEFAULT 0,
	last_seq    bigint NOT NULL DEFAULT 0,
	created_at  timestamptz NOT NULL,
	updated_at  timestamptz NOT NULL
);

CREATE INDEX conversations_contact ON conversations (channel, contact, created_at) WHERE contact <> '';
CREATE INDEX conversations_updated ON conversations (updated_at);

CREATE TABLE turns (
	conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	seq        bigint NOT NULL,
	role       text NOT NULL,
	text       text NOT NULL,
	lang       text NOT NULL DEFAULT '',
	status     text NOT NULL,
	key        text,
	author     text NOT NULL DEFAULT '',
	decision   jsonb,
	created_at timestamptz NOT NULL,
	PRIMARY KEY (conversation_id, seq)
);

CREATE UNIQUE INDEX turns_key ON turns (conversation_id, key) WHERE key IS NOT NULL;
CREATE INDEX turns_received ON turns (created_at) WHERE status = 'received';

CREATE TABLE handoffs (
	code            text PRIMARY KEY,
	conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	reason      text NOT NULL,
	lang        text NOT NULL,
	channel     text NOT NULL,
	agency      text NOT NULL DEFAULT '',
	topic       text NOT NULL DEFAULT '',
	team        text NOT NULL DEFAULT '',
	state       text NOT NULL,
	claimed_by  text NOT NULL DEFAULT '',
	outcome     text NOT NULL DEFAULT '',
	created_at  timestamptz NOT NULL,
	claimed_at  timestamptz,
	resolved_at timestamptz
);

CREATE INDEX handoffs_state ON handoffs (state, created_at);
CREATE INDEX handoffs_conversation ON handoffs (conversation_id);

-- Ratings outlive the transcripts they rate: they hold no text and no
-- contact, only which revision of which entry the citizen judged.
CREATE TABLE feedback (
	conversation_id text NOT NULL,
	seq        bigint NOT NULL,
	entry_id   text NOT NULL,
	revision   integer NOT NULL,
	lang       text NOT NULL,
	rating     smallint NOT NULL CHECK (rating BETWEEN -1 AND 1),
	created_at timestamptz NOT NULL,
	PRIMARY KEY (conversation_id, seq)
);

CREATE INDEX feedback_entry ON feedback (entry_id, revision);
