-- Callback requests and the calls made for them. The number to call is
-- kept only sealed (AES-GCM, by the application) and erased when the
-- request closes; pseudonym (a keyed HMAC of the number) finds a request
-- when the citizen phones in.
CREATE TABLE cti_callbacks (
	id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code            text NOT NULL,
	conversation_id text NOT NULL,
	seq             bigint NOT NULL,
	channel         text NOT NULL,
	lang            text NOT NULL DEFAULT '',
	contact         text NOT NULL DEFAULT '',
	sealed          bytea,
	pseudonym       text NOT NULL DEFAULT '',
	state           text NOT NULL,
	claimed_by      text NOT NULL DEFAULT '',
	attempts        integer NOT NULL DEFAULT 0,
	outcome         text NOT NULL DEFAULT '',
	created_at      timestamptz NOT NULL,
	claimed_at      timestamptz,
	closed_at       timestamptz,
	UNIQUE (conversation_id, seq)
);

CREATE INDEX cti_callbacks_state ON cti_callbacks(state, created_at);
CREATE INDEX cti_callbacks_code ON cti_callbacks(code);
CREATE INDEX cti_callbacks_pseudonym ON cti_callbacks(pseudonym) WHERE pseudonym <> '' AND state <> 'closed';

CREATE TABLE cti_callback_attempts (
	callback_id bigint NOT NULL REFERENCES cti_callbacks(id) ON DELETE CASCADE,
	operator    text NOT NULL,
	outcome     text NOT NULL,
	at          timestamptz NOT NULL
);

CREATE INDEX cti_callback_attempts_callback ON cti_callback_attempts(callback_id, at);
