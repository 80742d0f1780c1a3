-- The SMS channel's tables, beside the conversations in the same
-- database. Phone numbers appear only sealed (AES-GCM), and only while
-- needed. See telephony/sms/sqlite for the same schema in SQLite.

-- Every inbound message, stored before it is processed. (gateway,
-- carrier_id) deduplicates a carrier's redeliveries.
CREATE TABLE sms_inbound (
	id              text PRIMARY KEY,
	gateway         text NOT NULL,
	carrier_id      text NOT NULL,
	contact         text NOT NULL,
	sealed_from     bytea,            -- cleared once the message is done
	recipient       text NOT NULL DEFAULT '',
	text            text NOT NULL,
	received_at     timestamptz NOT NULL,
	state           text NOT NULL,    -- received | done
	outcome         text NOT NULL DEFAULT '',
	conversation_id text NOT NULL DEFAULT '',
	created_at      timestamptz NOT NULL,
	updated_at      timestamptz NOT NULL,
	UNIQUE (gateway, carrier_id)
);

CREATE INDEX sms_inbound_pending ON sms_inbound (created_at) WHERE state = 'received';
CREATE INDEX sms_inbound_done ON sms_inbound (received_at) WHERE state = 'done';

-- A contact's sealed number, for an operator's reply or a callback, kept
-- until the retention period after the contact last wrote.
CREATE TABLE sms_contacts (
	contact   text PRIMARY KEY,
	sealed    bytea NOT NULL,
	gateway   text NOT NULL,
	recipient text NOT NULL DEFAULT '',
	last_seen timestamptz NOT NULL
);

CREATE INDEX sms_contacts_seen ON sms_contacts (last_seen);

-- Contacts that texted STOP. Pseudonyms only; never purged.
CREATE TABLE sms_suppressions (
	contact    text PRIMARY KEY,
	created_at timestamptz NOT NULL
);

-- The outbox: every outbound message, stored before any attempt.
CREATE TABLE sms_outbox (
	id              text PRIMARY KEY,
	key             text UNIQUE,
	gateway         text NOT NULL,
	contact         text NOT NULL,
	sealed_to       bytea,            -- cleared once nothing is left to send
	sender          text NOT NULL DEFAULT '',
	text            text NOT NULL,
	encoding        integer NOT NULL,
	segments        integer NOT NULL,
	opt_out_notice  boolean NOT NULL DEFAULT false,
	conversation_id text NOT NULL DEFAULT '',
	state           text NOT NULL,
	attempts        integer NOT NULL DEFAULT 0,
	next_at         timestamptz NOT NULL,
	lease_owner     text NOT NULL DEFAULT '',
	lease_until     timestamptz,
	last_error      text NOT NULL DEFAULT '',
	delivery        text NOT NULL DEFAULT '',
	created_at      timestamptz NOT NULL,
	updated_at      timestamptz NOT NULL,
	submitted_at    timestamptz
);

CREATE INDEX sms_outbox_due ON sms_outbox (next_at) WHERE state = 'queued';
CREATE INDEX sms_outbox_leased ON sms_outbox (lease_until) WHERE state = 'sending';
CREATE INDEX sms_outbox_contact ON sms_outbox (contact) WHERE state IN ('queued', 'sending');
CREATE INDEX sms_outbox_final ON sms_outbox (updated_at) WHERE state NOT IN ('queued', 'sending');

-- The gateway's ids of a submitted message's parts, with the latest
-- delivery status of each.
CREATE TABLE sms_outbox_parts (
	gateway    text NOT NULL,
	gateway_id text NOT NULL,
	message_id text NOT NULL REFERENCES sms_outbox (id) ON DELETE CASCADE,
	part       integer NOT NULL,
	status     text NOT NULL DEFAULT '',
	PRIMARY KEY (gateway, gateway_id)
);

CREATE INDEX sms_outbox_parts_message ON sms_outbox_parts (message_id);

-- Receipts that arrived before their message's submit was recorded.
CREATE TABLE sms_receipts_pending (
	seq        bigserial PRIMARY KEY,
	gateway    text NOT NULL,
	gateway_id text NOT NULL,
	status     text NOT NULL,
	err        text NOT NULL DEFAULT '',
	at         timestamptz NOT NULL
);

CREATE INDEX sms_receipts_pending_id ON sms_receipts_pending (gateway, gateway_id);
