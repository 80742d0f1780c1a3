-- The SMS channel's tables, beside the conversations in the same file.
-- Times are UTC RFC 3339 text with nanoseconds, which sorts as time does.
-- Phone numbers appear only sealed (AES-GCM), and only while needed.

-- Every inbound message, stored before it is processed. (gateway,
-- carrier_id) deduplicates a carrier's redeliveries.
CREATE TABLE sms_inbound (
	id              TEXT PRIMARY KEY,
	gateway         TEXT NOT NULL,
	carrier_id      TEXT NOT NULL,
	contact         TEXT NOT NULL,
	sealed_from     BLOB,             -- cleared once the message is done
	recipient       TEXT NOT NULL DEFAULT '',
	text            TEXT NOT NULL,
	received_at     TEXT NOT NULL,
	state           TEXT NOT NULL,    -- received | done
	outcome         TEXT NOT NULL DEFAULT '',
	conversation_id TEXT NOT NULL DEFAULT '',
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL,
	UNIQUE (gateway, carrier_id)
) STRICT;

CREATE INDEX sms_inbound_pending ON sms_inbound(created_at) WHERE state = 'received';
CREATE INDEX sms_inbound_done ON sms_inbound(received_at) WHERE state = 'done';

-- A contact's sealed number, for an operator's reply or a callback, kept
-- until the retention period after the contact last wrote.
CREATE TABLE sms_contacts (
	contact   TEXT PRIMARY KEY,
	sealed    BLOB NOT NULL,
	gateway   TEXT NOT NULL,
	recipient TEXT NOT NULL DEFAULT '',
	last_seen TEXT NOT NULL
) STRICT;

CREATE INDEX sms_contacts_seen ON sms_contacts(last_seen);

-- Contacts that texted STOP. Pseudonyms only; never purged.
CREATE TABLE sms_suppressions (
	contact    TEXT PRIMARY KEY,
	created_at TEXT NOT NULL
) STRICT;

-- The outbox: every outbound message, stored before any attempt.
CREATE TABLE sms_outbox (
	id              TEXT PRIMARY KEY,
	key             TEXT UNIQUE,
	gateway         TEXT NOT NULL,
	contact         TEXT NOT NULL,
	sealed_to       BLOB,             -- cleared once nothing is left to send
	sender          TEXT NOT NULL DEFAULT '',
	text            TEXT NOT NULL,
	encoding        INTEGER NOT NULL,
	segments        INTEGER NOT NULL,
	opt_out_notice  INTEGER NOT NULL DEFAULT 0,
	conversation_id TEXT NOT NULL DEFAULT '',
	state           TEXT NOT NULL,
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_at         TEXT NOT NULL,
	lease_owner     TEXT NOT NULL DEFAULT '',
	lease_until     TEXT NOT NULL DEFAULT '',
	last_error      TEXT NOT NULL DEFAULT '',
	delivery        TEXT NOT NULL DEFAULT '',
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL,
	submitted_at    TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX sms_outbox_due ON sms_outbox(next_at) WHERE state = 'queued';
CREATE INDEX sms_outbox_leased ON sms_outbox(lease_until) WHERE state = 'sending';
CREATE INDEX sms_outbox_contact ON sms_outbox(contact) WHERE state IN ('queued', 'sending');
CREATE INDEX sms_outbox_final ON sms_outbox(updated_at) WHERE state NOT IN ('queued', 'sending');

-- The gateway's ids of a submitted message's parts, with the latest
-- delivery status of each.
CREATE TABLE sms_outbox_parts (
	gateway    TEXT NOT NULL,
	gateway_id TEXT NOT NULL,
	message_id TEXT NOT NULL REFERENCES sms_outbox(id) ON DELETE CASCADE,
	status     TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (gateway, gateway_id)
) STRICT;

CREATE INDEX sms_outbox_parts_message ON sms_outbox_parts(message_id);

-- Receipts that arrived before their message's submit was recorded.
CREATE TABLE sms_receipts_pending (
	gateway    TEXT NOT NULL,
	gateway_id TEXT NOT NULL,
	status     TEXT NOT NULL,
	err        TEXT NOT NULL DEFAULT '',
	at         TEXT NOT NULL
) STRICT;

CREATE INDEX sms_receipts_pending_id ON sms_receipts_pending(gateway, gateway_id);
