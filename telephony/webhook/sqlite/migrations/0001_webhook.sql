-- The outbound webhook: the last state of every handoff the reconciler
-- has seen, and the deliveries it queued. Times are UTC RFC 3339 text.
CREATE TABLE webhook_snapshots (
	code       TEXT PRIMARY KEY,
	state      TEXT NOT NULL,
	team       TEXT NOT NULL DEFAULT '',
	claimed_by TEXT NOT NULL DEFAULT '',
	callbacks  INTEGER NOT NULL DEFAULT 0,
	seq        INTEGER NOT NULL DEFAULT 0,
	updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX webhook_snapshots_resolved ON webhook_snapshots(updated_at) WHERE state = 'resolved';

CREATE TABLE webhook_deliveries (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	event_id    TEXT NOT NULL UNIQUE,
	type        TEXT NOT NULL,
	code        TEXT NOT NULL,
	body        BLOB NOT NULL,
	state       TEXT NOT NULL,
	attempts    INTEGER NOT NULL DEFAULT 0,
	next_at     TEXT NOT NULL,
	lease_until TEXT,
	last_code   INTEGER NOT NULL DEFAULT 0,
	last_error  TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	done_at     TEXT
) STRICT;

CREATE INDEX webhook_deliveries_pending ON webhook_deliveries(next_at, id) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_code ON webhook_deliveries(code, id) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_state ON webhook_deliveries(state, id);

CREATE TABLE webhook_meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;
