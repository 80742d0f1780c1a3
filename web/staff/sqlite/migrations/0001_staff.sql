-- Staff accounts, teams, sign-in sessions and the audit log.
CREATE TABLE staff_users (
	id            INTEGER PRIMARY KEY,
	login         TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL DEFAULT '',
	role          TEXT NOT NULL,
	teams         TEXT NOT NULL DEFAULT '[]',  -- JSON array of team ids
	langs         TEXT NOT NULL DEFAULT '[]',
	disabled      INTEGER NOT NULL DEFAULT 0,
	password_hash TEXT NOT NULL,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE staff_teams (
	id       TEXT PRIMARY KEY,
	name     TEXT NOT NULL,
	langs    TEXT NOT NULL DEFAULT '[]',
	hours    TEXT NOT NULL DEFAULT '',
	email    TEXT NOT NULL DEFAULT '',
	location TEXT NOT NULL DEFAULT ''
) STRICT;

-- Only the SHA-256 of a session token is kept.
CREATE TABLE staff_sessions (
	token_hash BLOB PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
) STRICT;

CREATE INDEX staff_sessions_user ON staff_sessions(user_id);

CREATE TABLE audit_log (
	id     INTEGER PRIMARY KEY,
	at     TEXT NOT NULL,
	actor  TEXT NOT NULL,
	action TEXT NOT NULL,
	target TEXT NOT NULL DEFAULT '',
	detail TEXT NOT NULL DEFAULT ''
) STRICT;
