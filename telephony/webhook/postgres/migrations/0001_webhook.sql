-- The outbound webhook: the last state of every handoff the reconciler
-- has seen, and the deliveries it queued.
CREATE TABLE webhook_snapshots (
	code       text PRIMARY KEY,
	state      text NOT NULL,
	team       text NOT NULL DEFAULT '',
	claimed_by text NOT NULL DEFAULT '',
	callbacks  integer NOT NULL DEFAULT 0,
	seq        integer NOT NULL DEFAULT 0,
	updated_at timestamptz NOT NULL
);

CREATE INDEX webhook_snapshots_resolved ON webhook_snapshots(updated_at) WHERE state = 'resolved';

CREATE TABLE webhook_deliveries (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	event_id    text NOT NULL UNIQUE,
	type        text NOT NULL,
	code        text NOT NULL,
	body        bytea NOT NULL,
	state       text NOT NULL,
	attempts    integer NOT NULL DEFAULT 0,
	next_at     timestamptz NOT NULL,
	lease_until timestamptz,
	last_code   integer NOT NULL DEFAULT 0,
	last_error  text NOT NULL DEFAULT '',
	created_at  timestamptz NOT NULL,
	done_at     timestamptz
);

CREATE INDEX webhook_deliveries_pending ON webhook_deliveries(next_at, id) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_code ON webhook_deliveries(code, id) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_state ON webhook_deliveries(state, id);

CREATE TABLE webhook_meta (
	key   text PRIMARY KEY,
	value timestamptz NOT NULL
);
