-- Staff accounts, teams, sign-in sessions and the audit log.
CREATE TABLE staff_users (
	id            bigserial PRIMARY KEY,
	login         text NOT NULL UNIQUE,
	name          text NOT NULL DEFAULT '',
	role          text NOT NULL,
	teams         text[] NOT NULL DEFAULT '{}',
	langs         text[] NOT NULL DEFAULT '{}',
	disabled      boolean NOT NULL DEFAULT false,
	password_hash text NOT NULL,
	created_at    timestamptz NOT NULL,
	updated_at    timestamptz NOT NULL
);

CREATE TABLE staff_teams (
	id       text PRIMARY KEY,
	name     text NOT NULL,
	langs    text[] NOT NULL DEFAULT '{}',
	hours    text NOT NULL DEFAULT '',
	email    text NOT NULL DEFAULT '',
	location text NOT NULL DEFAULT ''
);

-- Only the SHA-256 of a session token is kept.
CREATE TABLE staff_sessions (
	token_hash bytea PRIMARY KEY,
	user_id    bigint NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
	created_at timestamptz NOT NULL,
	expires_at timestamptz NOT NULL
);

CREATE INDEX staff_sessions_user ON staff_sessions (user_id);

CREATE TABLE audit_log (
	id     bigserial PRIMARY KEY,
	at     timestamptz NOT NULL,
	actor  text NOT NULL,
	action text NOT NULL,
	target text NOT NULL DEFAULT '',
	detail text NOT NULL DEFAULT ''
);
