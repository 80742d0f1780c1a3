-- Callback requests and the calls made for them. The number to call is
-- kept only sealed (AES-GCM, by the application) and erased when the
-- request closes; pseudonym (a keyed HMAC of the number) finds a request
-- when the citizen phones in. Times are UTC RFC 3339 text.
CREATE TABLE cti_callbacks (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	code            TEXT NOT NULL,
	conversation_id TEXT NOT NULL,
	seq             INTEGER NOT NULL,
	channel         TEXT NOT NULL,
	lang            TEXT NOT NULL DEFAULT '',
	contact         TEXT NOT NULL DEFAULT '',
	sealed          BLOB,
	pseudonym       TEXT NOT NULL DEFAULT '',
	state           TEXT NOT NULL,
	claimed_by      TEXT NOT NULL DEFAULT '',
	attempts        INTEGER NOT NULL DEFAULT 0,
	outcome         TEXT NOT NULL DEFAULT '',
	created_at      TEXT NOT NULL,
	claimed_at      TEXT,
	closed_at       TEXT,
	UNIQUE (conversation_id, seq)
) STRICT;

CREATE INDEX cti_callbacks_state ON cti_callbacks(state, created_at);
CREATE INDEX cti_callbacks_code ON cti_callbacks(code);
CREATE INDEX cti_callbacks_pseudonym ON cti_callbacks(pseudonym) WHERE pseudonym <> '' AND state <> 'closed';

CREATE TABLE cti_callback_attempts (
	callback_id INTEGER NOT NULL REFERENCES cti_callbacks(id) ON DELETE CASCADE,
	operator    TEXT NOT NULL,
	outcome     TEXT NOT NULL,
	at          TEXT NOT NULL
) STRICT;

CREATE INDEX cti_callback_attempts_callback ON cti_callback_attempts(callback_id, at);
