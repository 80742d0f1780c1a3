// Package postgres keeps the webhook's snapshots and delivery queue in
// PostgreSQL, so that several `sportello serve` processes share one queue
// and each event is queued and sent by one of them.
package postgres

import (
	"cmp"
	"context"
	"embed"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sportello/sportello/kb/postgres/pgmigrate"
	"github.com/sportello/sportello/telephony/webhook"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock serialises this package's schema changes across processes.
const migrationLock = 0x5350_5748_4f4b // "SPWHOK"

// Store implements webhook.Store on PostgreSQL.
type Store struct {
	pool *pgxpool.Pool
}

var _ webhook.Store = (*Store)(nil)

// New applies the webhook migrations and returns the store. pool is
// usually kb/postgres's (*Store).Pool().
func New(ctx context.Context, pool *pgxpool.Pool) (*Store, error) {
	if err := pgmigrate.Run(ctx, pool, "webhook_schema_migrations", migrationLock, migrations); err != nil {
		return nil, fmt.Errorf("webhook/postgres: %w", err)
	}
	return &Store{pool: pool}, nil
}

// Snapshot implements webhook.Store.
func (s *Store) Snapshot(ctx context.Context, code string) (*webhook.Snapshot, error) {
	var sn webhook.Snapshot
	err := s.pool.QueryRow(ctx, `SELECT code, state, team, claimed_by, callbacks, seq, updated_at FROM webhook_snapshots WHERE code = $1`, code).
		Scan(&sn.Code, &sn.State, &sn.Team, &sn.ClaimedBy, &sn.Callbacks, &sn.Seq, &sn.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, webhook.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("webhook/postgres: snapshot: %w", err)
	}
	return &sn, nil
}

var errConflict = webhook.ErrConflict

// Record implements webhook.Store.
func (s *Store) Record(ctx context.Context, old, next *webhook.Snapshot, ds []webhook.Delivery) error {
	now := time.Now().UTC()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var tag pgconn.CommandTag
		var err error
		if old == nil {
			tag, err = tx.Exec(ctx, `INSERT INTO webhook_snapshots (code, state, team, claimed_by, callbacks, seq, updated_at)
				VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (code) DO NOTHING`, next.Code, next.State, next.Team, next.ClaimedBy, next.Callbacks, next.Seq, now)
		} else {
			tag, err = tx.Exec(ctx, `UPDATE webhook_snapshots SET state = $1, team = $2, claimed_by = $3, callbacks = $4, seq = $5, updated_at = $6
				WHERE code = $7 AND state = $8 AND team = $9 AND claimed_by = $10 AND callbacks = $11 AND seq = $12`,
				next.State, next.Team, next.ClaimedBy, next.Callbacks, next.Seq, now, old.Code, old.State, old.Team, old.ClaimedBy, old.Callbacks, old.Seq)
		}
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			return errConflict
		}
		for i := range ds {
			d := &ds[i]
			if d.NextAt.IsZero() {
				d.NextAt = now
			}
			if err := tx.QueryRow(ctx, `INSERT INTO webhook_deliveries (event_id, type, code, body, state, next_at, created_at)
				VALUES ($1,$2,$3,$4,'pending',$5,$6) RETURNING id`, d.EventID, d.Type, d.Code, d.Body, d.NextAt, now).Scan(&d.ID); err != nil {
				return fmt.Errorf("queue %s: %w", d.EventID, err)
			}
			d.State, d.CreatedAt = webhook.Pending, now
		}
		return nil
	})
	if errors.Is(err, errConflict) {
		return webhook.ErrConflict
	}
	if err != nil {
		return fmt.Errorf("webhook/postgres: record: %w", err)
	}
	return nil
}

// Baseline implements webhook.Store.
func (s *Store) Baseline(ctx context.Context, now time.Time) (time.Time, error) {
	if _, err := s.pool.Exec(ctx, `INSERT INTO webhook_meta (key, value) VALUES ('baseline', $1) ON CONFLICT (key) DO NOTHING`, now); err != nil {
		return time.Time{}, fmt.Errorf("webhook/postgres: baseline: %w", err)
	}
	var t time.Time
	if err := s.pool.QueryRow(ctx, `SELECT value FROM webhook_meta WHERE key = 'baseline'`).Scan(&t); err != nil {
		return time.Time{}, fmt.Errorf("webhook/postgres: baseline: %w", err)
	}
	return t, nil
}

const columns = `id, event_id, type, code, body, state, attempts, next_at, last_code, last_error, created_at, done_at`

func collect(rows pgx.Rows) ([]webhook.Delivery, error) {
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (webhook.Delivery, error) {
		var d webhook.Delivery
		var done *time.Time
		err := r.Scan(&d.ID, &d.EventID, &d.Type, &d.Code, &d.Body, &d.State, &d.Attempts, &d.NextAt, &d.LastCode, &d.LastError, &d.CreatedAt, &done)
		if done != nil {
			d.DoneAt = *done
		}
		return d, err
	})
}

// Due implements webhook.Store. Rows another process is leasing right
// now are skipped rather than waited for.
func (s *Store) Due(ctx context.Context, now time.Time, lease time.Duration, n int) ([]webhook.Delivery, error) {
	rows, err := s.pool.Query(ctx, `WITH due AS (
			SELECT d.id FROM webhook_deliveries d
			WHERE d.state = 'pending' AND d.next_at <= $1 AND (d.lease_until IS NULL OR d.lease_until <= $1)
			  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.code = d.code AND p.state = 'pending' AND p.id < d.id)
			ORDER BY d.id LIMIT $2 FOR UPDATE SKIP LOCKED)
		UPDATE webhook_deliveries w SET lease_until = $3 FROM due WHERE w.id = due.id
		RETURNING `+prefixed("w.", columns), now, n, now.Add(lease))
	if err != nil {
		return nil, fmt.Errorf("webhook/postgres: due: %w", err)
	}
	ds, err := collect(rows)
	if err != nil {
		return nil, fmt.Errorf("webhook/postgres: due: %w", err)
	}
	sortByID(ds)
	return ds, nil
}

func (s *Store) update(ctx context.Context, op, q string, args ...any) error {
	tag, err := s.pool.Exec(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("webhook/postgres: %s: %w", op, err)
	}
	if tag.RowsAffected() != 1 {
		return fmt.Errorf("webhook/postgres: %s: %w", op, webhook.ErrNotFound)
	}
	return nil
}

// Done implements webhook.Store.
func (s *Store) Done(ctx context.Context, id int64, status int, at time.Time) error {
	return s.update(ctx, "done", `UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, last_code = $1, last_error = '',
		done_at = $2, lease_until = NULL WHERE id = $3`, status, at, id)
}

// Retry implements webhook.Store.
func (s *Store) Retry(ctx context.Context, id int64, status int, errText string, next time.Time) error {
	return s.update(ctx, "retry", `UPDATE webhook_deliveries SET attempts = attempts + 1, last_code = $1, last_error = $2, next_at = $3,
		lease_until = NULL WHERE id = $4`, status, errText, next, id)
}

// Fail implements webhook.Store.
func (s *Store) Fail(ctx context.Context, id int64, status int, errText string, at time.Time) error {
	return s.update(ctx, "fail", `UPDATE webhook_deliveries SET state = 'failed', attempts = attempts + 1, last_code = $1, last_error = $2,
		done_at = $3, lease_until = NULL WHERE id = $4`, status, errText, at, id)
}

// Requeue implements webhook.Store.
func (s *Store) Requeue(ctx context.Context, id int64, now time.Time) error {
	tag, err := s.pool.Exec(ctx, `UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_at = $1, done_at = NULL, lease_until = NULL
		WHERE id = $2 AND state = 'failed'`, now, id)
	if err != nil {
		return fmt.Errorf("webhook/postgres: requeue: %w", err)
	}
	if tag.RowsAffected() == 1 {
		return nil
	}
	var state string
	if err := s.pool.QueryRow(ctx, `SELECT state FROM webhook_deliveries WHERE id = $1`, id).Scan(&state); errors.Is(err, pgx.ErrNoRows) {
		return webhook.ErrNotFound
	} else if err != nil {
		return fmt.Errorf("webhook/postgres: requeue: %w", err)
	}
	return fmt.Errorf("webhook/postgres: requeue: the delivery is %s, not failed: %w", state, webhook.ErrConflict)
}

// Counts implements webhook.Store.
func (s *Store) Counts(ctx context.Context) (map[webhook.DeliveryState]int, error) {
	rows, err := s.pool.Query(ctx, `SELECT state, count(*) FROM webhook_deliveries GROUP BY state`)
	if err != nil {
		return nil, fmt.Errorf("webhook/postgres: counts: %w", err)
	}
	defer rows.Close()
	out := map[webhook.DeliveryState]int{}
	for rows.Next() {
		var st webhook.DeliveryState
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("webhook/postgres: counts: %w", err)
		}
		out[st] = n
	}
	return out, rows.Err()
}

// Deliveries implements webhook.Store.
func (s *Store) Deliveries(ctx context.Context, state webhook.DeliveryState, n int) ([]webhook.Delivery, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+columns+` FROM webhook_deliveries WHERE state = $1 ORDER BY id DESC LIMIT $2`, state, n)
	if err != nil {
		return nil, fmt.Errorf("webhook/postgres: deliveries: %w", err)
	}
	ds, err := collect(rows)
	if err != nil {
		return nil, fmt.Errorf("webhook/postgres: deliveries: %w", err)
	}
	return ds, nil
}

// Purge implements webhook.Store.
func (s *Store) Purge(ctx context.Context, before time.Time) (int, error) {
	n := 0
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		for _, q := range []string{
			`DELETE FROM webhook_deliveries WHERE state = 'delivered' AND done_at < $1`,
			`DELETE FROM webhook_snapshots s WHERE s.state = 'resolved' AND s.updated_at < $1
				AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.code = s.code)`,
		} {
			tag, err := tx.Exec(ctx, q, before)
			if err != nil {
				return err
			}
			n += int(tag.RowsAffected())
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("webhook/postgres: purge: %w", err)
	}
	return n, nil
}

// prefixed qualifies each of a comma-separated list of columns.
func prefixed(p, cols string) string {
	parts := strings.Split(cols, ", ")
	for i := range parts {
		parts[i] = p + parts[i]
	}
	return strings.Join(parts, ", ")
}

func sortByID(ds []webhook.Delivery) {
	slices.SortFunc(ds, func(a, b webhook.Delivery) int { return cmp.Compare(a.ID, b.ID) })
}
