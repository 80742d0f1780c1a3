// Package postgres keeps the callback queue in PostgreSQL, beside the
// conversations, so that operators on several `sportello serve`
// processes work one queue.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sportello/sportello/kb/postgres/pgmigrate"
	"github.com/sportello/sportello/telephony/cti"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock serialises this package's schema changes across processes.
const migrationLock = 0x5350_4354_4931 // "SPCTI1"

// Store implements cti.CallbackStore on PostgreSQL.
type Store struct {
	pool *pgxpool.Pool
}

var _ cti.CallbackStore = (*Store)(nil)

// New applies the callback migrations and returns the store. pool is
// usually kb/postgres's (*Store).Pool().
func New(ctx context.Context, pool *pgxpool.Pool) (*Store, error) {
	if err := pgmigrate.Run(ctx, pool, "cti_schema_migrations", migrationLock, migrations); err != nil {
		return nil, fmt.Errorf("cti/postgres: %w", err)
	}
	return &Store{pool: pool}, nil
}

const columns = `id, code, conversation_id, seq, channel, lang, contact, sealed, pseudonym, state, claimed_by, attempts, outcome, created_at, claimed_at, closed_at`

func (s *Store) where(ctx context.Context, q string, args ...any) ([]cti.Callback, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+columns+` FROM cti_callbacks WHERE `+q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cti.Callback
	for rows.Next() {
		var cb cti.Callback
		var claimed, closed *time.Time
		if err := rows.Scan(&cb.ID, &cb.Code, &cb.ConversationID, &cb.Seq, &cb.Channel, &cb.Lang, &cb.Contact, &cb.Sealed, &cb.Pseudonym,
			&cb.State, &cb.ClaimedBy, &cb.Attempts, &cb.Outcome, &cb.CreatedAt, &claimed, &closed); err != nil {
			return nil, err
		}
		if claimed != nil {
			cb.ClaimedAt = *claimed
		}
		if closed != nil {
			cb.ClosedAt = *closed
		}
		out = append(out, cb)
	}
	return out, rows.Err()
}

// CreateCallback implements cti.CallbackStore.
func (s *Store) CreateCallback(ctx context.Context, cb *cti.Callback) (bool, error) {
	now := time.Now().UTC()
	err := s.pool.QueryRow(ctx, `INSERT INTO cti_callbacks (code, conversation_id, seq, channel, lang, contact, sealed, pseudonym, state, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'waiting',$9) ON CONFLICT (conversation_id, seq) DO NOTHING RETURNING id`,
		cb.Code, cb.ConversationID, cb.Seq, cb.Channel, cb.Lang, cb.Contact, cb.Sealed, cb.Pseudonym, now).Scan(&cb.ID)
	if errors.Is(err, pgx.ErrNoRows) {
		old, err := s.where(ctx, `conversation_id = $1 AND seq = $2`, cb.ConversationID, cb.Seq)
		if err != nil {
			return false, fmt.Errorf("cti/postgres: create callback: %w", err)
		}
		if len(old) == 0 {
			return false, fmt.Errorf("cti/postgres: create callback: the request of turn %d vanished: %w", cb.Seq, cti.ErrStale)
		}
		*cb = old[0]
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("cti/postgres: create callback: %w", err)
	}
	cb.State, cb.CreatedAt = cti.CallbackWaiting, now
	return false, nil
}

// Callback implements cti.CallbackStore.
func (s *Store) Callback(ctx context.Context, id int64) (*cti.Callback, error) {
	cbs, err := s.where(ctx, `id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("cti/postgres: callback: %w", err)
	}
	if len(cbs) == 0 {
		return nil, cti.ErrNotFound
	}
	return &cbs[0], nil
}

// Callbacks implements cti.CallbackStore.
func (s *Store) Callbacks(ctx context.Context, limit int, states ...cti.CallbackState) ([]cti.Callback, error) {
	names := make([]string, len(states))
	for i, st := range states {
		names[i] = string(st)
	}
	var lim *int
	if limit > 0 {
		lim = &limit
	}
	cbs, err := s.where(ctx, `state = ANY($1) ORDER BY created_at, id LIMIT $2`, names, lim)
	if err != nil {
		return nil, fmt.Errorf("cti/postgres: callbacks: %w", err)
	}
	return cbs, nil
}

// CallbacksFor implements cti.CallbackStore.
func (s *Store) CallbacksFor(ctx context.Context, code string) ([]cti.Callback, error) {
	cbs, err := s.where(ctx, `code = $1 ORDER BY created_at, id`, code)
	if err != nil {
		return nil, fmt.Errorf("cti/postgres: callbacks for: %w", err)
	}
	return cbs, nil
}

// OpenCallbacksFrom implements cti.CallbackStore.
func (s *Store) OpenCallbacksFrom(ctx context.Context, pseudonym string) ([]cti.Callback, error) {
	cbs, err := s.where(ctx, `pseudonym = $1 AND pseudonym <> '' AND state <> 'closed' ORDER BY created_at DESC, id DESC`, pseudonym)
	if err != nil {
		return nil, fmt.Errorf("cti/postgres: callbacks from: %w", err)
	}
	return cbs, nil
}

// ClaimCallback implements cti.CallbackStore.
func (s *Store) ClaimCallback(ctx context.Context, id int64, operator string) error {
	tag, err := s.pool.Exec(ctx, `UPDATE cti_callbacks SET state = 'claimed', claimed_by = $1, claimed_at = now() WHERE id = $2 AND state = 'waiting'`, operator, id)
	if err != nil {
		return fmt.Errorf("cti/postgres: claim callback: %w", err)
	}
	return s.changed(ctx, tag, id)
}

func (s *Store) changed(ctx context.Context, tag pgconn.CommandTag, id int64) error {
	if tag.RowsAffected() == 1 {
		return nil
	}
	if _, err := s.Callback(ctx, id); err != nil {
		return err
	}
	return cti.ErrStale
}

// RecordAttempt implements cti.CallbackStore.
func (s *Store) RecordAttempt(ctx context.Context, id int64, operator, outcome string, closed bool) error {
	update := `UPDATE cti_callbacks SET state = 'waiting', claimed_by = '', claimed_at = NULL, attempts = attempts + 1, outcome = $1
		WHERE id = $2 AND state = 'claimed' AND claimed_by = $3`
	if closed {
		update = `UPDATE cti_callbacks SET state = 'closed', attempts = attempts + 1, outcome = $1, closed_at = now(), sealed = NULL
			WHERE id = $2 AND state = 'claimed' AND claimed_by = $3`
	}
	var stale bool
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, update, outcome, id, operator)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			stale = true
			return nil
		}
		_, err = tx.Exec(ctx, `INSERT INTO cti_callback_attempts (callback_id, operator, outcome, at) VALUES ($1,$2,$3,now())`, id, operator, outcome)
		return err
	})
	if err != nil {
		return fmt.Errorf("cti/postgres: record attempt: %w", err)
	}
	if stale {
		if _, err := s.Callback(ctx, id); err != nil {
			return err
		}
		return cti.ErrStale
	}
	return nil
}

// Attempts implements cti.CallbackStore.
func (s *Store) Attempts(ctx context.Context, id int64) ([]cti.Attempt, error) {
	rows, err := s.pool.Query(ctx, `SELECT callback_id, operator, outcome, at FROM cti_callback_attempts WHERE callback_id = $1 ORDER BY at, ctid`, id)
	if err != nil {
		return nil, fmt.Errorf("cti/postgres: attempts: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (cti.Attempt, error) {
		var a cti.Attempt
		err := r.Scan(&a.CallbackID, &a.Operator, &a.Outcome, &a.At)
		return a, err
	})
	if err != nil {
		return nil, fmt.Errorf("cti/postgres: attempts: %w", err)
	}
	return out, nil
}

// PurgeCallbacks implements cti.CallbackStore.
func (s *Store) PurgeCallbacks(ctx context.Context, before time.Time) (int, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM cti_callbacks WHERE state = 'closed' AND closed_at < $1`, before)
	if err != nil {
		return 0, fmt.Errorf("cti/postgres: purge callbacks: %w", err)
	}
	return int(tag.RowsAffected()), nil
}
