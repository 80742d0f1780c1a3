// Package sqlite keeps the SMS channel's records (inbound messages,
// contacts, the suppression list) and the outbox in the embedded SQLite
// file, beside the knowledge base and the conversations, on the same
// connection pool.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"time"

	"github.com/sportello/sportello/chat"
	kbsqlite "github.com/sportello/sportello/kb/sqlite"
	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/outbox"
	"github.com/sportello/sportello/telephony/sms"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store implements sms.Store and outbox.Store on a SQLite database.
type Store struct {
	db *sql.DB
	// stmts are the statements of every message's path, prepared once:
	// parsing SQL again for each message cost more than running it.
	stmts map[string]*sql.Stmt
}

var (
	_ sms.Store    = (*Store)(nil)
	_ outbox.Store = (*Store)(nil)
)

// New applies the SMS migrations to db and returns the store. db is
// usually kb/sqlite's (*Store).DB(), opened in WAL mode with immediate
// transactions, so that a claim never races another.
func New(ctx context.Context, db *sql.DB) (*Store, error) {
	if err := kbsqlite.Migrate(ctx, db, "sms_schema_migrations", migrations); err != nil {
		return nil, fmt.Errorf("sms/sqlite: %w", err)
	}
	s := &Store{db: db, stmts: map[string]*sql.Stmt{}}
	for _, q := range hot {
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("sms/sqlite: prepare: %w", err)
		}
		s.stmts[q] = st
	}
	return s, nil
}

// The statements every message runs.
const (
	qInsertInbound = `INSERT INTO sms_inbound (id, gateway, carrier_id, contact, sealed_from, recipient, text, received_at, state, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (gateway, carrier_id) DO NOTHING`
	qInboundByCarrier = `SELECT ` + inboundCols + `, created_at FROM sms_inbound WHERE gateway = ? AND carrier_id = ?`
	qUpsertContact    = `INSERT INTO sms_contacts (contact, sealed, gateway, recipient, last_seen) VALUES (?,?,?,?,?)
		ON CONFLICT (contact) DO UPDATE SET sealed = excluded.sealed, gateway = excluded.gateway, recipient = excluded.recipient, last_seen = excluded.last_seen`
	qFinishInbound = `UPDATE sms_inbound SET state = 'done', outcome = ?, conversation_id = ?, sealed_from = NULL, updated_at = ? WHERE id = ?`
	qSuppressed    = `SELECT count(*) FROM sms_suppressions WHERE contact = ?`
	qEnqueue       = `INSERT INTO sms_outbox (id, key, gateway, contact, sealed_to, sender, text, encoding, segments, opt_out_notice,
		conversation_id, state, attempts, next_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0,?,?,?) ON CONFLICT (key) DO NOTHING`
	qClaim = `UPDATE sms_outbox SET state = 'sending', attempts = attempts + 1, lease_owner = ?, lease_until = ?, updated_at = ?
		WHERE id IN (
			SELECT id FROM (SELECT id FROM sms_outbox WHERE state = 'sending' AND lease_until <= ? ORDER BY lease_until LIMIT ?)
			UNION ALL
			SELECT id FROM (SELECT id FROM sms_outbox WHERE state = 'queued' AND next_at <= ? ORDER BY next_at LIMIT ?)
			LIMIT ?)
		RETURNING ` + outboxCols
	qMarkSubmitted = `UPDATE sms_outbox SET state = 'submitted', submitted_at = ?, updated_at = ?, sealed_to = NULL,
		lease_owner = '', lease_until = '', last_error = '' WHERE id = ? AND state NOT IN ('submitted', 'delivered') RETURNING gateway`
	// qInsertPart gives the part the status of a receipt that came
	// before this commit, if any.
	qInsertPart = `INSERT INTO sms_outbox_parts (gateway, gateway_id, message_id, status)
		VALUES (?1, ?2, ?3, coalesce((SELECT status FROM sms_receipts_pending WHERE gateway = ?1 AND gateway_id = ?2
			ORDER BY ` + finalFirst + `, at DESC, rowid DESC LIMIT 1), ''))
		ON CONFLICT (gateway, gateway_id) DO UPDATE SET message_id = excluded.message_id,
			status = CASE WHEN excluded.status <> '' THEN excluded.status ELSE sms_outbox_parts.status END
		RETURNING status`
)

// The statements of every delivery receipt (one per part sent): a
// carrier sends them as fast as the replies.
const (
	qPartMessage   = `SELECT message_id FROM sms_outbox_parts WHERE gateway = ? AND gateway_id = ?`
	qPendReceipt   = `INSERT INTO sms_receipts_pending (gateway, gateway_id, status, err, at) VALUES (?,?,?,?,?)`
	qUnpendReceipt = `DELETE FROM sms_receipts_pending WHERE gateway = ? AND gateway_id = ?`
	// qPartStatus keeps a final status: an "accepted" that overtook
	// "delivered" on the way says nothing new.
	qPartStatus = `UPDATE sms_outbox_parts SET status = ?1 WHERE gateway = ?2 AND gateway_id = ?3
		AND (?1 IN ` + finalStatuses + ` OR status NOT IN ` + finalStatuses + `)`
	qPartStatuses = `SELECT status FROM sms_outbox_parts WHERE message_id = ?`
	qSettle       = `UPDATE sms_outbox SET state = ?, delivery = ?, last_error = CASE WHEN ?3 <> '' THEN ?3 ELSE last_error END, updated_at = ?
		WHERE id = ? AND state IN ('submitted', 'delivered')`
)

var hot = []string{qInsertInbound, qInboundByCarrier, qUpsertContact, qFinishInbound, qSuppressed, qEnqueue, qClaim, qMarkSubmitted, qInsertPart,
	qPartMessage, qPendReceipt, qUnpendReceipt, qPartStatus, qPartStatuses, qSettle}

// stmt returns a hot statement, in tx when tx is not nil.
func (s *Store) stmt(ctx context.Context, tx *sql.Tx, q string) *sql.Stmt {
	st := s.stmts[q]
	if tx != nil {
		return tx.StmtContext(ctx, st)
	}
	return st
}

const timeLayout = "2006-01-02T15:04:05.000000000Z"

func ts(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

func parseTS(s string) time.Time {
	t, _ := time.Parse(timeLayout, s)
	return t
}

// SaveInbound implements sms.Store.
func (s *Store) SaveInbound(ctx context.Context, m *sms.InboundRecord, since time.Time) (bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("sms/sqlite: save inbound: %w", err)
	}
	defer tx.Rollback()
	id := chat.NewID()
	now := ts(time.Now())
	insert := func() (int64, error) {
		res, err := s.stmt(ctx, tx, qInsertInbound).ExecContext(ctx, id, m.Gateway, m.CarrierID, m.Contact, m.SealedFrom, m.To, m.Text,
			ts(m.ReceivedAt), sms.InboundReceived, now, now)
		if err != nil {
			return 0, err
		}
		return res.RowsAffected()
	}
	n, err := insert()
	if err != nil {
		return false, fmt.Errorf("sms/sqlite: save inbound: %w", err)
	}
	if n == 0 {
		var created string
		old, err := scanInbound(s.stmt(ctx, tx, qInboundByCarrier).QueryRowContext(ctx, m.Gateway, m.CarrierID), &created)
		if err != nil {
			return false, fmt.Errorf("sms/sqlite: save inbound: %w", err)
		}
		if created >= ts(since) {
			*m = *old
			return true, nil
		}
		// An older message with the same id: it keeps its row under an
		// id of its own, and this one is new.
		if _, err := tx.ExecContext(ctx, `UPDATE sms_inbound SET carrier_id = carrier_id || '#' || id WHERE id = ?`, old.ID); err != nil {
			return false, fmt.Errorf("sms/sqlite: save inbound: %w", err)
		}
		if _, err := insert(); err != nil {
			return false, fmt.Errorf("sms/sqlite: save inbound: %w", err)
		}
	}
	m.ID, m.State = id, sms.InboundReceived
	if m.SealedFrom != nil {
		if _, err := s.stmt(ctx, tx, qUpsertContact).ExecContext(ctx, m.Contact, m.SealedFrom, m.Gateway, m.To, now); err != nil {
			return false, fmt.Errorf("sms/sqlite: save contact: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("sms/sqlite: save inbound: %w", err)
	}
	return false, nil
}

const inboundCols = `id, gateway, carrier_id, contact, sealed_from, recipient, text, received_at, state, outcome, conversation_id`

// scanInbound reads inboundCols, and extra columns after them.
func scanInbound(row interface{ Scan(...any) error }, extra ...any) (*sms.InboundRecord, error) {
	var m sms.InboundRecord
	var received string
	dest := append([]any{&m.ID, &m.Gateway, &m.CarrierID, &m.Contact, &m.SealedFrom, &m.To, &m.Text, &received, &m.State, &m.Outcome, &m.ConversationID}, extra...)
	if err := row.Scan(dest...); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, sms.ErrNotFound
		}
		return nil, err
	}
	m.ReceivedAt = parseTS(received)
	return &m, nil
}

// Inbound implements sms.Store.
func (s *Store) Inbound(ctx context.Context, id string) (*sms.InboundRecord, error) {
	m, err := scanInbound(s.db.QueryRowContext(ctx, `SELECT `+inboundCols+` FROM sms_inbound WHERE id = ?`, id))
	if err != nil && !errors.Is(err, sms.ErrNotFound) {
		return nil, fmt.Errorf("sms/sqlite: inbound: %w", err)
	}
	return m, err
}

// FinishInbound implements sms.Store.
func (s *Store) FinishInbound(ctx context.Context, id string, o sms.Outcome, conversationID string) error {
	res, err := s.stmt(ctx, nil, qFinishInbound).ExecContext(ctx, o, conversationID, ts(time.Now()), id)
	if err != nil {
		return fmt.Errorf("sms/sqlite: finish inbound: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return sms.ErrNotFound
	}
	return nil
}

// PendingInbound implements sms.Store.
func (s *Store) PendingInbound(ctx context.Context, limit int) ([]sms.InboundRecord, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+inboundCols+` FROM sms_inbound WHERE state = 'received' ORDER BY created_at, id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("sms/sqlite: pending inbound: %w", err)
	}
	defer rows.Close()
	var out []sms.InboundRecord
	for rows.Next() {
		m, err := scanInbound(rows)
		if err != nil {
			return nil, fmt.Errorf("sms/sqlite: pending inbound: %w", err)
		}
		out = append(out, *m)
	}
	return out, rows.Err()
}

// Contact implements sms.Store.
func (s *Store) Contact(ctx context.Context, contact string) (*sms.ContactRecord, error) {
	var c sms.ContactRecord
	var seen string
	err := s.db.QueryRowContext(ctx, `SELECT contact, sealed, gateway, recipient, last_seen FROM sms_contacts WHERE contact = ?`, contact).
		Scan(&c.Contact, &c.Sealed, &c.Gateway, &c.To, &seen)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, sms.ErrNotFound
	case err != nil:
		return nil, fmt.Errorf("sms/sqlite: contact: %w", err)
	}
	c.LastSeen = parseTS(seen)
	return &c, nil
}

// Suppress implements sms.Store.
func (s *Store) Suppress(ctx context.Context, contact string) error {
	if _, err := s.db.ExecContext(ctx, `INSERT INTO sms_suppressions (contact, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING`, contact, ts(time.Now())); err != nil {
		return fmt.Errorf("sms/sqlite: suppress: %w", err)
	}
	return nil
}

// Unsuppress implements sms.Store.
func (s *Store) Unsuppress(ctx context.Context, contact string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sms_suppressions WHERE contact = ?`, contact); err != nil {
		return fmt.Errorf("sms/sqlite: unsuppress: %w", err)
	}
	return nil
}

// Suppressed implements sms.Store and outbox.Suppressions.
func (s *Store) Suppressed(ctx context.Context, contact string) (bool, error) {
	var n int
	if err := s.stmt(ctx, nil, qSuppressed).QueryRowContext(ctx, contact).Scan(&n); err != nil {
		return false, fmt.Errorf("sms/sqlite: suppressed: %w", err)
	}
	return n > 0, nil
}

// PurgeInbound implements sms.Store.
func (s *Store) PurgeInbound(ctx context.Context, before time.Time) (int, int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM sms_inbound WHERE state = 'done' AND received_at < ?`, ts(before))
	if err != nil {
		return 0, 0, fmt.Errorf("sms/sqlite: purge inbound: %w", err)
	}
	msgs, _ := res.RowsAffected()
	res, err = s.db.ExecContext(ctx, `DELETE FROM sms_contacts WHERE last_seen < ?`, ts(before))
	if err != nil {
		return int(msgs), 0, fmt.Errorf("sms/sqlite: purge contacts: %w", err)
	}
	contacts, _ := res.RowsAffected()
	return int(msgs), int(contacts), nil
}

const outboxCols = `id, coalesce(key, ''), gateway, contact, sealed_to, sender, text, encoding, segments, opt_out_notice, conversation_id,
	state, attempts, next_at, lease_owner, lease_until, last_error, delivery, created_at, updated_at, submitted_at`

func scanMessage(row interface{ Scan(...any) error }) (*outbox.Message, error) {
	var m outbox.Message
	var next, until, created, updated, submitted string
	if err := row.Scan(&m.ID, &m.Key, &m.Gateway, &m.Contact, &m.SealedTo, &m.From, &m.Text, &m.Encoding, &m.Segments, &m.OptOutNotice,
		&m.ConversationID, &m.State, &m.Attempts, &next, &m.LeaseOwner, &until, &m.LastError, &m.Delivery, &created, &updated, &submitted); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, outbox.ErrNotFound
		}
		return nil, err
	}
	m.NextAt, m.LeaseUntil, m.CreatedAt, m.UpdatedAt, m.SubmittedAt = parseTS(next), parseTS(until), parseTS(created), parseTS(updated), parseTS(submitted)
	return &m, nil
}

// Enqueue implements outbox.Store.
func (s *Store) Enqueue(ctx context.Context, m *outbox.Message) (bool, error) {
	now := time.Now().UTC()
	m.Prepare(now)
	var key any
	if m.Key != "" {
		key = m.Key
	}
	res, err := s.stmt(ctx, nil, qEnqueue).ExecContext(ctx, m.ID, key, m.Gateway, m.Contact, m.SealedTo, m.From, m.Text, m.Encoding, m.Segments, m.OptOutNotice, m.ConversationID, m.State,
		ts(m.NextAt), ts(now), ts(now))
	if err != nil {
		return false, fmt.Errorf("sms/sqlite: enqueue: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return false, nil
	}
	old, err := s.MessageByKey(ctx, m.Key)
	if err != nil {
		return false, fmt.Errorf("sms/sqlite: enqueue: %w", err)
	}
	*m = *old
	return true, nil
}

// Claim implements outbox.Store.
func (s *Store) Claim(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]outbox.Message, error) {
	n := ts(now)
	rows, err := s.stmt(ctx, nil, qClaim).QueryContext(ctx, owner, ts(now.Add(lease)), n, n, limit, n, limit, limit)
	if err != nil {
		return nil, fmt.Errorf("sms/sqlite: claim: %w", err)
	}
	defer rows.Close()
	var out []outbox.Message
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, fmt.Errorf("sms/sqlite: claim: %w", err)
		}
		out = append(out, *m)
	}
	return out, rows.Err()
}

// MarkSubmitted implements outbox.Store.
func (s *Store) MarkSubmitted(ctx context.Context, id string, ids []string, at time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sms/sqlite: mark submitted: %w", err)
	}
	defer tx.Rollback()
	var gateway string
	err = s.stmt(ctx, tx, qMarkSubmitted).QueryRowContext(ctx, ts(at), ts(time.Now()), id).Scan(&gateway)
	if errors.Is(err, sql.ErrNoRows) {
		// Unknown, or marked before (a mark retried after a lost answer).
		err = tx.QueryRowContext(ctx, `SELECT gateway FROM sms_outbox WHERE id = ?`, id).Scan(&gateway)
		if errors.Is(err, sql.ErrNoRows) {
			return outbox.ErrNotFound
		}
	}
	if err != nil {
		return fmt.Errorf("sms/sqlite: mark submitted: %w", err)
	}
	early := false
	for _, gid := range ids {
		var status string
		if err := s.stmt(ctx, tx, qInsertPart).QueryRowContext(ctx, gateway, gid, id).Scan(&status); err != nil {
			return fmt.Errorf("sms/sqlite: mark submitted: %w", err)
		}
		if status != "" {
			early = true
			if _, err := s.stmt(ctx, tx, qUnpendReceipt).ExecContext(ctx, gateway, gid); err != nil {
				return fmt.Errorf("sms/sqlite: mark submitted: %w", err)
			}
		}
	}
	if early {
		if err := s.settle(ctx, tx, id, ""); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sms/sqlite: mark submitted: %w", err)
	}
	return nil
}

// finalStatuses are the delivery statuses no later receipt changes, and
// finalFirst orders receipts with them first.
const (
	finalStatuses = `('delivered', 'undeliverable', 'expired', 'rejected')`
	finalFirst    = `CASE WHEN status IN ` + finalStatuses + ` THEN 0 ELSE 1 END`
)

// settle recomputes a submitted message's state from its parts.
func (s *Store) settle(ctx context.Context, tx *sql.Tx, id, carrierErr string) error {
	rows, err := s.stmt(ctx, tx, qPartStatuses).QueryContext(ctx, id)
	if err != nil {
		return fmt.Errorf("sms/sqlite: settle: %w", err)
	}
	var statuses []telephony.DeliveryStatus
	for rows.Next() {
		var st telephony.DeliveryStatus
		if err := rows.Scan(&st); err != nil {
			rows.Close()
			return fmt.Errorf("sms/sqlite: settle: %w", err)
		}
		statuses = append(statuses, st)
	}
	rows.Close()
	if len(statuses) == 0 {
		return rows.Err()
	}
	state, delivery, lastErr := outbox.Settle(statuses, carrierErr)
	if _, err := s.stmt(ctx, tx, qSettle).ExecContext(ctx, state, delivery, lastErr, ts(time.Now()), id); err != nil {
		return fmt.Errorf("sms/sqlite: settle: %w", err)
	}
	return nil
}

// Retry implements outbox.Store.
func (s *Store) Retry(ctx context.Context, id, owner string, next time.Time, lastErr string, countAttempt bool) error {
	undo := 1
	if countAttempt {
		undo = 0
	}
	res, err := s.db.ExecContext(ctx, `UPDATE sms_outbox SET state = 'queued', next_at = ?, attempts = attempts - ?,
		last_error = CASE WHEN ? <> '' THEN ? ELSE last_error END, lease_owner = '', lease_until = '', updated_at = ?
		WHERE id = ? AND state = 'sending' AND lease_owner = ?`, ts(next), undo, lastErr, lastErr, ts(time.Now()), id, owner)
	return leased(res, err, "retry")
}

// Fail implements outbox.Store.
func (s *Store) Fail(ctx context.Context, id, owner, lastErr string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE sms_outbox SET state = 'failed', last_error = ?, sealed_to = NULL, lease_owner = '', lease_until = '', updated_at = ?
		WHERE id = ? AND state = 'sending' AND lease_owner = ?`, lastErr, ts(time.Now()), id, owner)
	return leased(res, err, "fail")
}

func leased(res sql.Result, err error, op string) error {
	if err != nil {
		return fmt.Errorf("sms/sqlite: %s: %w", op, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return outbox.ErrLeaseLost
	}
	return nil
}

// Cancel implements outbox.Store.
func (s *Store) Cancel(ctx context.Context, contact string) (int, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE sms_outbox SET state = 'cancelled', sealed_to = NULL, lease_owner = '', lease_until = '', updated_at = ?
		WHERE contact = ? AND state IN ('queued', 'sending') AND opt_out_notice = 0`, ts(time.Now()), contact)
	if err != nil {
		return 0, fmt.Errorf("sms/sqlite: cancel: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// Receipt implements outbox.Store.
func (s *Store) Receipt(ctx context.Context, r telephony.Receipt) (bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("sms/sqlite: receipt: %w", err)
	}
	defer tx.Rollback()
	var id string
	err = s.stmt(ctx, tx, qPartMessage).QueryRowContext(ctx, r.Gateway, r.MessageID).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if _, err := s.stmt(ctx, tx, qPendReceipt).ExecContext(ctx, r.Gateway, r.MessageID, r.Status, r.Err, ts(r.At)); err != nil {
			return false, fmt.Errorf("sms/sqlite: receipt: %w", err)
		}
		return false, tx.Commit()
	case err != nil:
		return false, fmt.Errorf("sms/sqlite: receipt: %w", err)
	}
	if _, err := s.stmt(ctx, tx, qPartStatus).ExecContext(ctx, r.Status, r.Gateway, r.MessageID); err != nil {
		return false, fmt.Errorf("sms/sqlite: receipt: %w", err)
	}
	if err := s.settle(ctx, tx, id, r.Err); err != nil {
		return false, err
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("sms/sqlite: receipt: %w", err)
	}
	return true, nil
}

// Message implements outbox.Store.
func (s *Store) Message(ctx context.Context, id string) (*outbox.Message, error) {
	return s.messageWhere(ctx, `id = ?`, id)
}

// MessageByKey implements outbox.Store.
func (s *Store) MessageByKey(ctx context.Context, key string) (*outbox.Message, error) {
	return s.messageWhere(ctx, `key = ?`, key)
}

func (s *Store) messageWhere(ctx context.Context, where string, arg any) (*outbox.Message, error) {
	m, err := scanMessage(s.db.QueryRowContext(ctx, `SELECT `+outboxCols+` FROM sms_outbox WHERE `+where, arg))
	if err != nil {
		if errors.Is(err, outbox.ErrNotFound) {
			return nil, err
		}
		return nil, fmt.Errorf("sms/sqlite: message: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT gateway_id FROM sms_outbox_parts WHERE message_id = ? ORDER BY rowid`, m.ID)
	if err != nil {
		return nil, fmt.Errorf("sms/sqlite: message: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var gid string
		if err := rows.Scan(&gid); err != nil {
			return nil, fmt.Errorf("sms/sqlite: message: %w", err)
		}
		m.GatewayIDs = append(m.GatewayIDs, gid)
	}
	return m, rows.Err()
}

// Counts implements outbox.Store.
func (s *Store) Counts(ctx context.Context) (map[outbox.State]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT state, count(*) FROM sms_outbox GROUP BY state`)
	if err != nil {
		return nil, fmt.Errorf("sms/sqlite: counts: %w", err)
	}
	defer rows.Close()
	out := map[outbox.State]int{}
	for rows.Next() {
		var st outbox.State
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("sms/sqlite: counts: %w", err)
		}
		out[st] = n
	}
	return out, rows.Err()
}

// ListFailed implements outbox.Store.
func (s *Store) ListFailed(ctx context.Context, limit int) ([]outbox.Message, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+outboxCols+` FROM sms_outbox WHERE state = 'failed' ORDER BY updated_at DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("sms/sqlite: failed messages: %w", err)
	}
	defer rows.Close()
	var out []outbox.Message
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, fmt.Errorf("sms/sqlite: failed messages: %w", err)
		}
		out = append(out, *m)
	}
	return out, rows.Err()
}

// PurgeMessages implements outbox.Store.
func (s *Store) PurgeMessages(ctx context.Context, before time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM sms_outbox WHERE state NOT IN ('queued', 'sending') AND updated_at < ?`, ts(before))
	if err != nil {
		return 0, fmt.Errorf("sms/sqlite: purge outbox: %w", err)
	}
	n, _ := res.RowsAffected()
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sms_receipts_pending WHERE at < ?`, ts(before)); err != nil {
		return int(n), fmt.Errorf("sms/sqlite: purge receipts: %w", err)
	}
	return int(n), nil
}
