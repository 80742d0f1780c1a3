// Package sqlite keeps the callback queue in the embedded SQLite file,
// beside the conversations, on the same connection pool.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"strings"
	"time"

	kbsqlite "github.com/sportello/sportello/kb/sqlite"
	"github.com/sportello/sportello/telephony/cti"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store implements cti.CallbackStore on SQLite.
type Store struct {
	db *sql.DB
}

var _ cti.CallbackStore = (*Store)(nil)

// New applies the callback migrations to db (usually kb/sqlite's
// (*Store).DB(), in WAL mode with immediate transactions) and returns the
// store.
func New(ctx context.Context, db *sql.DB) (*Store, error) {
	if err := kbsqlite.Migrate(ctx, db, "cti_schema_migrations", migrations); err != nil {
		return nil, fmt.Errorf("cti/sqlite: %w", err)
	}
	return &Store{db: db}, nil
}

const layout = "2006-01-02T15:04:05.000000000Z"

func ts(t time.Time) string { return t.UTC().Format(layout) }

func parseTS(s sql.NullString) time.Time {
	if !s.Valid {
		return time.Time{}
	}
	t, _ := time.Parse(layout, s.String)
	return t
}

const columns = `id, code, conversation_id, seq, channel, lang, contact, sealed, pseudonym, state, claimed_by, attempts, outcome, created_at, claimed_at, closed_at`

func (s *Store) where(ctx context.Context, q string, args ...any) ([]cti.Callback, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+columns+` FROM cti_callbacks WHERE `+q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cti.Callback
	for rows.Next() {
		var cb cti.Callback
		var created, claimed, closed sql.NullString
		if err := rows.Scan(&cb.ID, &cb.Code, &cb.ConversationID, &cb.Seq, &cb.Channel, &cb.Lang, &cb.Contact, &cb.Sealed, &cb.Pseudonym,
			&cb.State, &cb.ClaimedBy, &cb.Attempts, &cb.Outcome, &created, &claimed, &closed); err != nil {
			return nil, err
		}
		cb.CreatedAt, cb.ClaimedAt, cb.ClosedAt = parseTS(created), parseTS(claimed), parseTS(closed)
		out = append(out, cb)
	}
	return out, rows.Err()
}

// CreateCallback implements cti.CallbackStore.
func (s *Store) CreateCallback(ctx context.Context, cb *cti.Callback) (bool, error) {
	now := time.Now().UTC()
	err := s.db.QueryRowContext(ctx, `INSERT INTO cti_callbacks (code, conversation_id, seq, channel, lang, contact, sealed, pseudonym, state, created_at)
		VALUES (?,?,?,?,?,?,?,?,'waiting',?) ON CONFLICT (conversation_id, seq) DO NOTHING RETURNING id`,
		cb.Code, cb.ConversationID, cb.Seq, cb.Channel, cb.Lang, cb.Contact, cb.Sealed, cb.Pseudonym, ts(now)).Scan(&cb.ID)
	if errors.Is(err, sql.ErrNoRows) {
		old, err := s.where(ctx, `conversation_id = ? AND seq = ?`, cb.ConversationID, cb.Seq)
		if err != nil {
			return false, fmt.Errorf("cti/sqlite: create callback: %w", err)
		}
		if len(old) == 0 {
			return false, fmt.Errorf("cti/sqlite: create callback: the request of turn %d vanished: %w", cb.Seq, cti.ErrStale)
		}
		*cb = old[0]
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("cti/sqlite: create callback: %w", err)
	}
	cb.State, cb.CreatedAt = cti.CallbackWaiting, now
	return false, nil
}

// Callback implements cti.CallbackStore.
func (s *Store) Callback(ctx context.Context, id int64) (*cti.Callback, error) {
	cbs, err := s.where(ctx, `id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("cti/sqlite: callback: %w", err)
	}
	if len(cbs) == 0 {
		return nil, cti.ErrNotFound
	}
	return &cbs[0], nil
}

// Callbacks implements cti.CallbackStore.
func (s *Store) Callbacks(ctx context.Context, limit int, states ...cti.CallbackState) ([]cti.Callback, error) {
	args := make([]any, 0, len(states)+1)
	for _, st := range states {
		args = append(args, st)
	}
	if limit <= 0 {
		limit = -1
	}
	args = append(args, limit)
	marks := strings.TrimSuffix(strings.Repeat("?,", len(states)), ",")
	if marks == "" {
		marks = "NULL"
	}
	cbs, err := s.where(ctx, `state IN (`+marks+`) ORDER BY created_at, id LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("cti/sqlite: callbacks: %w", err)
	}
	return cbs, nil
}

// CallbacksFor implements cti.CallbackStore.
func (s *Store) CallbacksFor(ctx context.Context, code string) ([]cti.Callback, error) {
	cbs, err := s.where(ctx, `code = ? ORDER BY created_at, id`, code)
	if err != nil {
		return nil, fmt.Errorf("cti/sqlite: callbacks for: %w", err)
	}
	return cbs, nil
}

// OpenCallbacksFrom implements cti.CallbackStore.
func (s *Store) OpenCallbacksFrom(ctx context.Context, pseudonym string) ([]cti.Callback, error) {
	cbs, err := s.where(ctx, `pseudonym = ? AND pseudonym <> '' AND state <> 'closed' ORDER BY created_at DESC, id DESC`, pseudonym)
	if err != nil {
		return nil, fmt.Errorf("cti/sqlite: callbacks from: %w", err)
	}
	return cbs, nil
}

// ClaimCallback implements cti.CallbackStore.
func (s *Store) ClaimCallback(ctx context.Context, id int64, operator string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE cti_callbacks SET state = 'claimed', claimed_by = ?, claimed_at = ? WHERE id = ? AND state = 'waiting'`,
		operator, ts(time.Now()), id)
	if err != nil {
		return fmt.Errorf("cti/sqlite: claim callback: %w", err)
	}
	return s.changed(ctx, res, id)
}

// changed turns an update that touched no row into ErrNotFound or
// ErrStale.
func (s *Store) changed(ctx context.Context, res sql.Result, id int64) error {
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	if _, err := s.Callback(ctx, id); err != nil {
		return err
	}
	return cti.ErrStale
}

// RecordAttempt implements cti.CallbackStore.
func (s *Store) RecordAttempt(ctx context.Context, id int64, operator, outcome string, closed bool) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("cti/sqlite: record attempt: %w", err)
	}
	defer tx.Rollback()
	now := ts(time.Now())
	update := `UPDATE cti_callbacks SET state = 'waiting', claimed_by = '', claimed_at = NULL, attempts = attempts + 1, outcome = ?
		WHERE id = ? AND state = 'claimed' AND claimed_by = ?`
	args := []any{outcome, id, operator}
	if closed {
		update = `UPDATE cti_callbacks SET state = 'closed', attempts = attempts + 1, outcome = ?, closed_at = ?, sealed = NULL
			WHERE id = ? AND state = 'claimed' AND claimed_by = ?`
		args = []any{outcome, now, id, operator}
	}
	res, err := tx.ExecContext(ctx, update, args...)
	if err != nil {
		return fmt.Errorf("cti/sqlite: record attempt: %w", err)
	}
	if err := s.changed(ctx, res, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO cti_callback_attempts (callback_id, operator, outcome, at) VALUES (?,?,?,?)`, id, operator, outcome, now); err != nil {
		return fmt.Errorf("cti/sqlite: record attempt: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("cti/sqlite: record attempt: %w", err)
	}
	return nil
}

// Attempts implements cti.CallbackStore.
func (s *Store) Attempts(ctx context.Context, id int64) ([]cti.Attempt, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT callback_id, operator, outcome, at FROM cti_callback_attempts WHERE callback_id = ? ORDER BY at, rowid`, id)
	if err != nil {
		return nil, fmt.Errorf("cti/sqlite: attempts: %w", err)
	}
	defer rows.Close()
	var out []cti.Attempt
	for rows.Next() {
		var a cti.Attempt
		var at sql.NullString
		if err := rows.Scan(&a.CallbackID, &a.Operator, &a.Outcome, &at); err != nil {
			return nil, fmt.Errorf("cti/sqlite: attempts: %w", err)
		}
		a.At = parseTS(at)
		out = append(out, a)
	}
	return out, rows.Err()
}

// PurgeCallbacks implements cti.CallbackStore.
func (s *Store) PurgeCallbacks(ctx context.Context, before time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM cti_callbacks WHERE state = 'closed' AND closed_at < ?`, ts(before))
	if err != nil {
		return 0, fmt.Errorf("cti/sqlite: purge callbacks: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
