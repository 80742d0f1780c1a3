// Package sqlite keeps the webhook's snapshots and delivery queue in the
// embedded SQLite file, beside the conversations.
package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"slices"
	"time"

	kbsqlite "github.com/sportello/sportello/kb/sqlite"
	"github.com/sportello/sportello/telephony/webhook"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store implements webhook.Store on SQLite.
type Store struct {
	db *sql.DB
}

var _ webhook.Store = (*Store)(nil)

// New applies the webhook migrations to db (usually kb/sqlite's
// (*Store).DB(), in WAL mode with immediate transactions) and returns the
// store.
func New(ctx context.Context, db *sql.DB) (*Store, error) {
	if err := kbsqlite.Migrate(ctx, db, "webhook_schema_migrations", migrations); err != nil {
		return nil, fmt.Errorf("webhook/sqlite: %w", err)
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

// Snapshot implements webhook.Store.
func (s *Store) Snapshot(ctx context.Context, code string) (*webhook.Snapshot, error) {
	var sn webhook.Snapshot
	var updated sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT code, state, team, claimed_by, callbacks, seq, updated_at FROM webhook_snapshots WHERE code = ?`, code).
		Scan(&sn.Code, &sn.State, &sn.Team, &sn.ClaimedBy, &sn.Callbacks, &sn.Seq, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, webhook.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("webhook/sqlite: snapshot: %w", err)
	}
	sn.UpdatedAt = parseTS(updated)
	return &sn, nil
}

// Record implements webhook.Store.
func (s *Store) Record(ctx context.Context, old, next *webhook.Snapshot, ds []webhook.Delivery) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("webhook/sqlite: record: %w", err)
	}
	defer tx.Rollback()
	now := time.Now()
	var res sql.Result
	if old == nil {
		res, err = tx.ExecContext(ctx, `INSERT INTO webhook_snapshots (code, state, team, claimed_by, callbacks, seq, updated_at)
			VALUES (?,?,?,?,?,?,?) ON CONFLICT (code) DO NOTHING`, next.Code, next.State, next.Team, next.ClaimedBy, next.Callbacks, next.Seq, ts(now))
	} else {
		res, err = tx.ExecContext(ctx, `UPDATE webhook_snapshots SET state = ?, team = ?, claimed_by = ?, callbacks = ?, seq = ?, updated_at = ?
			WHERE code = ? AND state = ? AND team = ? AND claimed_by = ? AND callbacks = ? AND seq = ?`,
			next.State, next.Team, next.ClaimedBy, next.Callbacks, next.Seq, ts(now), old.Code, old.State, old.Team, old.ClaimedBy, old.Callbacks, old.Seq)
	}
	if err != nil {
		return fmt.Errorf("webhook/sqlite: record: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return webhook.ErrConflict
	}
	for i := range ds {
		d := &ds[i]
		if d.NextAt.IsZero() {
			d.NextAt = now
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO webhook_deliveries (event_id, type, code, body, state, next_at, created_at)
			VALUES (?,?,?,?,'pending',?,?) RETURNING id`, d.EventID, d.Type, d.Code, d.Body, ts(d.NextAt), ts(now)).Scan(&d.ID); err != nil {
			return fmt.Errorf("webhook/sqlite: queue %s: %w", d.EventID, err)
		}
		d.State, d.CreatedAt = webhook.Pending, now
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("webhook/sqlite: record: %w", err)
	}
	return nil
}

// Baseline implements webhook.Store.
func (s *Store) Baseline(ctx context.Context, now time.Time) (time.Time, error) {
	if _, err := s.db.ExecContext(ctx, `INSERT INTO webhook_meta (key, value) VALUES ('baseline', ?) ON CONFLICT (key) DO NOTHING`, ts(now)); err != nil {
		return time.Time{}, fmt.Errorf("webhook/sqlite: baseline: %w", err)
	}
	var v sql.NullString
	if err := s.db.QueryRowContext(ctx, `SELECT value FROM webhook_meta WHERE key = 'baseline'`).Scan(&v); err != nil {
		return time.Time{}, fmt.Errorf("webhook/sqlite: baseline: %w", err)
	}
	return parseTS(v), nil
}

const columns = `id, event_id, type, code, body, state, attempts, next_at, last_code, last_error, created_at, done_at`

func scan(rows *sql.Rows) ([]webhook.Delivery, error) {
	defer rows.Close()
	var out []webhook.Delivery
	for rows.Next() {
		var d webhook.Delivery
		var next, created, done sql.NullString
		if err := rows.Scan(&d.ID, &d.EventID, &d.Type, &d.Code, &d.Body, &d.State, &d.Attempts, &next, &d.LastCode, &d.LastError, &created, &done); err != nil {
			return nil, err
		}
		d.NextAt, d.CreatedAt, d.DoneAt = parseTS(next), parseTS(created), parseTS(done)
		out = append(out, d)
	}
	return out, rows.Err()
}

// Due implements webhook.Store.
func (s *Store) Due(ctx context.Context, now time.Time, lease time.Duration, n int) ([]webhook.Delivery, error) {
	rows, err := s.db.QueryContext(ctx, `UPDATE webhook_deliveries SET lease_until = ? WHERE id IN (
			SELECT d.id FROM webhook_deliveries d
			WHERE d.state = 'pending' AND d.next_at <= ? AND (d.lease_until IS NULL OR d.lease_until <= ?)
			  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.code = d.code AND p.state = 'pending' AND p.id < d.id)
			ORDER BY d.id LIMIT ?)
		RETURNING `+columns, ts(now.Add(lease)), ts(now), ts(now), n)
	if err != nil {
		return nil, fmt.Errorf("webhook/sqlite: due: %w", err)
	}
	ds, err := scan(rows)
	if err != nil {
		return nil, fmt.Errorf("webhook/sqlite: due: %w", err)
	}
	slices.SortFunc(ds, func(a, b webhook.Delivery) int { return cmp.Compare(a.ID, b.ID) })
	return ds, nil
}

func (s *Store) update(ctx context.Context, op, q string, args ...any) error {
	res, err := s.db.ExecContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("webhook/sqlite: %s: %w", op, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("webhook/sqlite: %s: %w", op, webhook.ErrNotFound)
	}
	return nil
}

// Done implements webhook.Store.
func (s *Store) Done(ctx context.Context, id int64, status int, at time.Time) error {
	return s.update(ctx, "done", `UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, last_code = ?, last_error = '',
		done_at = ?, lease_until = NULL WHERE id = ?`, status, ts(at), id)
}

// Retry implements webhook.Store.
func (s *Store) Retry(ctx context.Context, id int64, status int, errText string, next time.Time) error {
	return s.update(ctx, "retry", `UPDATE webhook_deliveries SET attempts = attempts + 1, last_code = ?, last_error = ?, next_at = ?,
		lease_until = NULL WHERE id = ?`, status, errText, ts(next), id)
}

// Fail implements webhook.Store.
func (s *Store) Fail(ctx context.Context, id int64, status int, errText string, at time.Time) error {
	return s.update(ctx, "fail", `UPDATE webhook_deliveries SET state = 'failed', attempts = attempts + 1, last_code = ?, last_error = ?,
		done_at = ?, lease_until = NULL WHERE id = ?`, status, errText, ts(at), id)
}

// Requeue implements webhook.Store.
func (s *Store) Requeue(ctx context.Context, id int64, now time.Time) error {
	res, err := s.db.ExecContext(ctx, `UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_at = ?, done_at = NULL, lease_until = NULL
		WHERE id = ? AND state = 'failed'`, ts(now), id)
	if err != nil {
		return fmt.Errorf("webhook/sqlite: requeue: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	var state string
	if err := s.db.QueryRowContext(ctx, `SELECT state FROM webhook_deliveries WHERE id = ?`, id).Scan(&state); errors.Is(err, sql.ErrNoRows) {
		return webhook.ErrNotFound
	} else if err != nil {
		return fmt.Errorf("webhook/sqlite: requeue: %w", err)
	}
	return fmt.Errorf("webhook/sqlite: requeue: the delivery is %s, not failed: %w", state, webhook.ErrConflict)
}

// Counts implements webhook.Store.
func (s *Store) Counts(ctx context.Context) (map[webhook.DeliveryState]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT state, count(*) FROM webhook_deliveries GROUP BY state`)
	if err != nil {
		return nil, fmt.Errorf("webhook/sqlite: counts: %w", err)
	}
	defer rows.Close()
	out := map[webhook.DeliveryState]int{}
	for rows.Next() {
		var st webhook.DeliveryState
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("webhook/sqlite: counts: %w", err)
		}
		out[st] = n
	}
	return out, rows.Err()
}

// Deliveries implements webhook.Store.
func (s *Store) Deliveries(ctx context.Context, state webhook.DeliveryState, n int) ([]webhook.Delivery, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+columns+` FROM webhook_deliveries WHERE state = ? ORDER BY id DESC LIMIT ?`, state, n)
	if err != nil {
		return nil, fmt.Errorf("webhook/sqlite: deliveries: %w", err)
	}
	ds, err := scan(rows)
	if err != nil {
		return nil, fmt.Errorf("webhook/sqlite: deliveries: %w", err)
	}
	return ds, nil
}

// Purge implements webhook.Store.
func (s *Store) Purge(ctx context.Context, before time.Time) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("webhook/sqlite: purge: %w", err)
	}
	defer tx.Rollback()
	n := 0
	for _, q := range []string{
		`DELETE FROM webhook_deliveries WHERE state = 'delivered' AND done_at < ?`,
		`DELETE FROM webhook_snapshots WHERE state = 'resolved' AND updated_at < ?
			AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.code = webhook_snapshots.code)`,
	} {
		res, err := tx.ExecContext(ctx, q, ts(before))
		if err != nil {
			return 0, fmt.Errorf("webhook/sqlite: purge: %w", err)
		}
		k, _ := res.RowsAffected()
		n += int(k)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("webhook/sqlite: purge: %w", err)
	}
	return n, nil
}
