// Package postgres keeps the SMS channel's records (inbound messages,
// contacts, the suppression list) and the outbox in PostgreSQL, beside the
// conversations, so that several `sportello serve` processes share one
// outbox: FOR UPDATE SKIP LOCKED keeps two workers from claiming the same
// message.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/outbox"
	"github.com/sportello/sportello/telephony/sms"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock serialises this package's schema changes across processes.
const migrationLock = 0x5350_534D_5300 // "SPSMS"

// Store implements sms.Store and outbox.Store on PostgreSQL.
type Store struct {
	pool *pgxpool.Pool
}

var (
	_ sms.Store    = (*Store)(nil)
	_ outbox.Store = (*Store)(nil)
)

// New applies the SMS migrations and returns the store. pool is usually
// kb/postgres's (*Store).Pool().
func New(ctx context.Context, pool *pgxpool.Pool) (*Store, error) {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("sms/postgres: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(migrationLock)); err != nil {
		return nil, fmt.Errorf("sms/postgres: migrate: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(migrationLock))
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS sms_schema_migrations (
		version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return nil, fmt.Errorf("sms/postgres: migrate: %w", err)
	}
	files, _ := fs.Glob(migrations, "migrations/*.sql")
	slices.Sort(files)
	for _, f := range files {
		name := path.Base(f)
		v, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("sms/postgres: migrate: %s has no version number", name)
		}
		body, _ := migrations.ReadFile(f)
		err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			tag, err := tx.Exec(ctx, `INSERT INTO sms_schema_migrations (version, name) VALUES ($1, $2) ON CONFLICT DO NOTHING`, v, name)
			if err != nil || tag.RowsAffected() == 0 {
				return err // applied already
			}
			_, err = tx.Exec(ctx, string(body), pgx.QueryExecModeSimpleProtocol)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("sms/postgres: migrate %s: %w", name, err)
		}
	}
	return &Store{pool: pool}, nil
}

func wrap(op string, err error) error {
	if err == nil || errors.Is(err, sms.ErrNotFound) || errors.Is(err, outbox.ErrNotFound) || errors.Is(err, outbox.ErrLeaseLost) {
		return err
	}
	return fmt.Errorf("sms/postgres: %s: %w", op, err)
}

const inboundCols = `id, gateway, carrier_id, contact, sealed_from, recipient, text, received_at, state, outcome, conversation_id`

// scanInbound reads inboundCols, and extra columns after them.
func scanInbound(row pgx.Row, extra ...any) (*sms.InboundRecord, error) {
	var m sms.InboundRecord
	err := row.Scan(append([]any{&m.ID, &m.Gateway, &m.CarrierID, &m.Contact, &m.SealedFrom, &m.To, &m.Text, &m.ReceivedAt, &m.State, &m.Outcome, &m.ConversationID}, extra...)...)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, sms.ErrNotFound
	}
	return &m, err
}

// SaveInbound implements sms.Store.
func (s *Store) SaveInbound(ctx context.Context, m *sms.InboundRecord, since time.Time) (dup bool, err error) {
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		now := time.Now().UTC()
		id := chat.NewID()
		insert := func() error {
			return tx.QueryRow(ctx, `INSERT INTO sms_inbound (id, gateway, carrier_id, contact, sealed_from, recipient, text, received_at, state, created_at, updated_at)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'received',$9,$9) ON CONFLICT (gateway, carrier_id) DO NOTHING RETURNING id`,
				id, m.Gateway, m.CarrierID, m.Contact, m.SealedFrom, m.To, m.Text, m.ReceivedAt.UTC(), now).Scan(&id)
		}
		err := insert()
		if errors.Is(err, pgx.ErrNoRows) {
			var created time.Time
			old, serr := scanInbound(tx.QueryRow(ctx, `SELECT `+inboundCols+`, created_at FROM sms_inbound WHERE gateway = $1 AND carrier_id = $2`,
				m.Gateway, m.CarrierID), &created)
			if serr != nil {
				return serr
			}
			if !created.Before(since) {
				*m, dup = *old, true
				return nil
			}
			// An older message with the same id: it keeps its row under
			// an id of its own, and this one is new.
			if _, err := tx.Exec(ctx, `UPDATE sms_inbound SET carrier_id = carrier_id || '#' || id WHERE id = $1`, old.ID); err != nil {
				return err
			}
			err = insert()
		}
		if err != nil {
			return err
		}
		m.ID, m.State = id, sms.InboundReceived
		if m.SealedFrom == nil {
			return nil
		}
		_, err = tx.Exec(ctx, `INSERT INTO sms_contacts (contact, sealed, gateway, recipient, last_seen) VALUES ($1,$2,$3,$4,$5)
			ON CONFLICT (contact) DO UPDATE SET sealed = excluded.sealed, gateway = excluded.gateway, recipient = excluded.recipient, last_seen = excluded.last_seen`,
			m.Contact, m.SealedFrom, m.Gateway, m.To, now)
		return err
	})
	return dup, wrap("save inbound", err)
}

// Inbound implements sms.Store.
func (s *Store) Inbound(ctx context.Context, id string) (*sms.InboundRecord, error) {
	m, err := scanInbound(s.pool.QueryRow(ctx, `SELECT `+inboundCols+` FROM sms_inbound WHERE id = $1`, id))
	return m, wrap("inbound", err)
}

// FinishInbound implements sms.Store.
func (s *Store) FinishInbound(ctx context.Context, id string, o sms.Outcome, conversationID string) error {
	tag, err := s.pool.Exec(ctx, `UPDATE sms_inbound SET state = 'done', outcome = $1, conversation_id = $2, sealed_from = NULL, updated_at = now() WHERE id = $3`,
		o, conversationID, id)
	if err == nil && tag.RowsAffected() == 0 {
		err = sms.ErrNotFound
	}
	return wrap("finish inbound", err)
}

// PendingInbound implements sms.Store.
func (s *Store) PendingInbound(ctx context.Context, limit int) ([]sms.InboundRecord, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+inboundCols+` FROM sms_inbound WHERE state = 'received' ORDER BY created_at, id LIMIT $1`, limit)
	if err != nil {
		return nil, wrap("pending inbound", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sms.InboundRecord, error) {
		m, err := scanInbound(r)
		if err != nil {
			return sms.InboundRecord{}, err
		}
		return *m, nil
	})
	return out, wrap("pending inbound", err)
}

// Contact implements sms.Store.
func (s *Store) Contact(ctx context.Context, contact string) (*sms.ContactRecord, error) {
	var c sms.ContactRecord
	err := s.pool.QueryRow(ctx, `SELECT contact, sealed, gateway, recipient, last_seen FROM sms_contacts WHERE contact = $1`, contact).
		Scan(&c.Contact, &c.Sealed, &c.Gateway, &c.To, &c.LastSeen)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, sms.ErrNotFound
	}
	if err != nil {
		return nil, wrap("contact", err)
	}
	return &c, nil
}

// Suppress implements sms.Store.
func (s *Store) Suppress(ctx context.Context, contact string) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO sms_suppressions (contact, created_at) VALUES ($1, now()) ON CONFLICT DO NOTHING`, contact)
	return wrap("suppress", err)
}

// Unsuppress implements sms.Store.
func (s *Store) Unsuppress(ctx context.Context, contact string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM sms_suppressions WHERE contact = $1`, contact)
	return wrap("unsuppress", err)
}

// Suppressed implements sms.Store and outbox.Suppressions.
func (s *Store) Suppressed(ctx context.Context, contact string) (bool, error) {
	var on bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM sms_suppressions WHERE contact = $1)`, contact).Scan(&on)
	return on, wrap("suppressed", err)
}

// PurgeInbound implements sms.Store.
func (s *Store) PurgeInbound(ctx context.Context, before time.Time) (int, int, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM sms_inbound WHERE state = 'done' AND received_at < $1`, before)
	if err != nil {
		return 0, 0, wrap("purge inbound", err)
	}
	msgs := int(tag.RowsAffected())
	tag, err = s.pool.Exec(ctx, `DELETE FROM sms_contacts WHERE last_seen < $1`, before)
	if err != nil {
		return msgs, 0, wrap("purge contacts", err)
	}
	return msgs, int(tag.RowsAffected()), nil
}

const outboxCols = `id, coalesce(key, ''), gateway, contact, sealed_to, sender, text, encoding, segments, opt_out_notice, conversation_id,
	state, attempts, next_at, lease_owner, lease_until, last_error, delivery, created_at, updated_at, submitted_at`

func scanMessage(row pgx.Row) (*outbox.Message, error) {
	var m outbox.Message
	var until, submitted *time.Time
	err := row.Scan(&m.ID, &m.Key, &m.Gateway, &m.Contact, &m.SealedTo, &m.From, &m.Text, &m.Encoding, &m.Segments, &m.OptOutNotice,
		&m.ConversationID, &m.State, &m.Attempts, &m.NextAt, &m.LeaseOwner, &until, &m.LastError, &m.Delivery, &m.CreatedAt, &m.UpdatedAt, &submitted)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, outbox.ErrNotFound
	}
	if until != nil {
		m.LeaseUntil = *until
	}
	if submitted != nil {
		m.SubmittedAt = *submitted
	}
	return &m, err
}

// Enqueue implements outbox.Store.
func (s *Store) Enqueue(ctx context.Context, m *outbox.Message) (bool, error) {
	now := time.Now().UTC()
	m.Prepare(now)
	var key *string
	if m.Key != "" {
		key = &m.Key
	}
	tag, err := s.pool.Exec(ctx, `INSERT INTO sms_outbox (id, key, gateway, contact, sealed_to, sender, text, encoding, segments, opt_out_notice,
		conversation_id, state, attempts, next_at, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,0,$13,$14,$14) ON CONFLICT (key) DO NOTHING`,
		m.ID, key, m.Gateway, m.Contact, m.SealedTo, m.From, m.Text, int(m.Encoding), m.Segments, m.OptOutNotice, m.ConversationID, m.State, m.NextAt, now)
	if err != nil {
		return false, wrap("enqueue", err)
	}
	if tag.RowsAffected() == 1 {
		return false, nil
	}
	old, err := s.MessageByKey(ctx, m.Key)
	if err != nil {
		return false, wrap("enqueue", err)
	}
	*m = *old
	return true, nil
}

// Claim implements outbox.Store.
func (s *Store) Claim(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]outbox.Message, error) {
	rows, err := s.pool.Query(ctx, `WITH expired AS (
			SELECT id FROM sms_outbox WHERE state = 'sending' AND lease_until <= $3 ORDER BY lease_until LIMIT $4 FOR UPDATE SKIP LOCKED),
		due AS (
			SELECT id FROM sms_outbox WHERE state = 'queued' AND next_at <= $3 ORDER BY next_at LIMIT $4 FOR UPDATE SKIP LOCKED),
		pick AS (SELECT id FROM expired UNION ALL SELECT id FROM due LIMIT $4)
		UPDATE sms_outbox SET state = 'sending', attempts = attempts + 1, lease_owner = $1, lease_until = $2, updated_at = $3
		WHERE id IN (SELECT id FROM pick)
		RETURNING `+outboxCols, owner, now.Add(lease), now, limit)
	if err != nil {
		return nil, wrap("claim", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (outbox.Message, error) {
		m, err := scanMessage(r)
		if err != nil {
			return outbox.Message{}, err
		}
		return *m, nil
	})
	return out, wrap("claim", err)
}

// MarkSubmitted implements outbox.Store.
func (s *Store) MarkSubmitted(ctx context.Context, id string, ids []string, at time.Time) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var gateway string
		err := tx.QueryRow(ctx, `SELECT gateway FROM sms_outbox WHERE id = $1 FOR UPDATE`, id).Scan(&gateway)
		if errors.Is(err, pgx.ErrNoRows) {
			return outbox.ErrNotFound
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE sms_outbox SET state = 'submitted', submitted_at = $1, updated_at = now(), sealed_to = NULL,
			lease_owner = '', lease_until = NULL, last_error = '' WHERE id = $2 AND state NOT IN ('submitted', 'delivered')`, at, id); err != nil {
			return err
		}
		for i, gid := range ids {
			// Receipts that came before this commit give the part its status.
			if _, err := tx.Exec(ctx, `INSERT INTO sms_outbox_parts (gateway, gateway_id, message_id, part, status)
				VALUES ($1, $2, $3, $4, coalesce((SELECT status FROM sms_receipts_pending WHERE gateway = $1 AND gateway_id = $2 ORDER BY `+finalFirst+`, at DESC, seq DESC LIMIT 1), ''))
				ON CONFLICT (gateway, gateway_id) DO UPDATE SET message_id = excluded.message_id, part = excluded.part,
					status = CASE WHEN excluded.status <> '' THEN excluded.status ELSE sms_outbox_parts.status END`,
				gateway, gid, id, i); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `DELETE FROM sms_receipts_pending WHERE gateway = $1 AND gateway_id = $2`, gateway, gid); err != nil {
				return err
			}
		}
		return settle(ctx, tx, id, "")
	})
	return wrap("mark submitted", err)
}

// finalStatuses are the delivery statuses no later receipt changes, and
// finalFirst orders receipts with them first.
const (
	finalStatuses = `('delivered', 'undeliverable', 'expired', 'rejected')`
	finalFirst    = `CASE WHEN status IN ` + finalStatuses + ` THEN 0 ELSE 1 END`
)

// settle recomputes a submitted message's state from its parts.
func settle(ctx context.Context, tx pgx.Tx, id, carrierErr string) error {
	rows, err := tx.Query(ctx, `SELECT status FROM sms_outbox_parts WHERE message_id = $1`, id)
	if err != nil {
		return err
	}
	statuses, err := pgx.CollectRows(rows, pgx.RowTo[telephony.DeliveryStatus])
	if err != nil || len(statuses) == 0 {
		return err
	}
	state, delivery, lastErr := outbox.Settle(statuses, carrierErr)
	_, err = tx.Exec(ctx, `UPDATE sms_outbox SET state = $1, delivery = $2, last_error = CASE WHEN $3 <> '' THEN $3 ELSE last_error END, updated_at = now()
		WHERE id = $4 AND state IN ('submitted', 'delivered')`, state, delivery, lastErr, id)
	return err
}

// Retry implements outbox.Store.
func (s *Store) Retry(ctx context.Context, id, owner string, next time.Time, lastErr string, countAttempt bool) error {
	undo := 1
	if countAttempt {
		undo = 0
	}
	tag, err := s.pool.Exec(ctx, `UPDATE sms_outbox SET state = 'queued', next_at = $1, attempts = attempts - $2,
		last_error = CASE WHEN $3 <> '' THEN $3 ELSE last_error END, lease_owner = '', lease_until = NULL, updated_at = now()
		WHERE id = $4 AND state = 'sending' AND lease_owner = $5`, next, undo, lastErr, id, owner)
	return leased(tag.RowsAffected(), err, "retry")
}

// Fail implements outbox.Store.
func (s *Store) Fail(ctx context.Context, id, owner, lastErr string) error {
	tag, err := s.pool.Exec(ctx, `UPDATE sms_outbox SET state = 'failed', last_error = $1, sealed_to = NULL, lease_owner = '', lease_until = NULL, updated_at = now()
		WHERE id = $2 AND state = 'sending' AND lease_owner = $3`, lastErr, id, owner)
	return leased(tag.RowsAffected(), err, "fail")
}

func leased(n int64, err error, op string) error {
	if err == nil && n == 0 {
		err = outbox.ErrLeaseLost
	}
	return wrap(op, err)
}

// Cancel implements outbox.Store.
func (s *Store) Cancel(ctx context.Context, contact string) (int, error) {
	tag, err := s.pool.Exec(ctx, `UPDATE sms_outbox SET state = 'cancelled', sealed_to = NULL, lease_owner = '', lease_until = NULL, updated_at = now()
		WHERE contact = $1 AND state IN ('queued', 'sending') AND NOT opt_out_notice`, contact)
	return int(tag.RowsAffected()), wrap("cancel", err)
}

// Receipt implements outbox.Store.
func (s *Store) Receipt(ctx context.Context, r telephony.Receipt) (found bool, err error) {
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var id string
		err := tx.QueryRow(ctx, `SELECT message_id FROM sms_outbox_parts WHERE gateway = $1 AND gateway_id = $2 FOR UPDATE`, r.Gateway, r.MessageID).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			_, err = tx.Exec(ctx, `INSERT INTO sms_receipts_pending (gateway, gateway_id, status, err, at) VALUES ($1,$2,$3,$4,$5)`,
				r.Gateway, r.MessageID, r.Status, r.Err, r.At)
			return err
		}
		if err != nil {
			return err
		}
		found = true
		// A final status stays: an "accepted" that overtook "delivered" on
		// the way says nothing new.
		if _, err := tx.Exec(ctx, `UPDATE sms_outbox_parts SET status = $1 WHERE gateway = $2 AND gateway_id = $3 AND ($1 IN `+finalStatuses+` OR status NOT IN `+finalStatuses+`)`,
			r.Status, r.Gateway, r.MessageID); err != nil {
			return err
		}
		return settle(ctx, tx, id, r.Err)
	})
	return found, wrap("receipt", err)
}

// Message implements outbox.Store.
func (s *Store) Message(ctx context.Context, id string) (*outbox.Message, error) {
	return s.messageWhere(ctx, `id = $1`, id)
}

// MessageByKey implements outbox.Store.
func (s *Store) MessageByKey(ctx context.Context, key string) (*outbox.Message, error) {
	return s.messageWhere(ctx, `key = $1`, key)
}

func (s *Store) messageWhere(ctx context.Context, where string, arg any) (*outbox.Message, error) {
	m, err := scanMessage(s.pool.QueryRow(ctx, `SELECT `+outboxCols+` FROM sms_outbox WHERE `+where, arg))
	if err != nil {
		return nil, wrap("message", err)
	}
	rows, err := s.pool.Query(ctx, `SELECT gateway_id FROM sms_outbox_parts WHERE message_id = $1 ORDER BY part`, m.ID)
	if err != nil {
		return nil, wrap("message", err)
	}
	m.GatewayIDs, err = pgx.CollectRows(rows, pgx.RowTo[string])
	return m, wrap("message", err)
}

// Counts implements outbox.Store.
func (s *Store) Counts(ctx context.Context) (map[outbox.State]int, error) {
	rows, err := s.pool.Query(ctx, `SELECT state, count(*) FROM sms_outbox GROUP BY state`)
	if err != nil {
		return nil, wrap("counts", err)
	}
	defer rows.Close()
	out := map[outbox.State]int{}
	for rows.Next() {
		var st outbox.State
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, wrap("counts", err)
		}
		out[st] = n
	}
	return out, wrap("counts", rows.Err())
}

// ListFailed implements outbox.Store.
func (s *Store) ListFailed(ctx context.Context, limit int) ([]outbox.Message, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+outboxCols+` FROM sms_outbox WHERE state = 'failed' ORDER BY updated_at DESC LIMIT $1`, limit)
	if err != nil {
		return nil, wrap("failed messages", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (outbox.Message, error) {
		m, err := scanMessage(r)
		if err != nil {
			return outbox.Message{}, err
		}
		return *m, nil
	})
	return out, wrap("failed messages", err)
}

// PurgeMessages implements outbox.Store.
func (s *Store) PurgeMessages(ctx context.Context, before time.Time) (int, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM sms_outbox WHERE state NOT IN ('queued', 'sending') AND updated_at < $1`, before)
	if err != nil {
		return 0, wrap("purge outbox", err)
	}
	if _, err := s.pool.Exec(ctx, `DELETE FROM sms_receipts_pending WHERE at < $1`, before); err != nil {
		return int(tag.RowsAffected()), wrap("purge receipts", err)
	}
	return int(tag.RowsAffected()), nil
}
