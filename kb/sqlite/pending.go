package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sportello/sportello/kb"
)

// SavePending implements kb.Store.
func (s *Store) SavePending(ctx context.Context, p *kb.PendingChange, opts kb.ImportOptions) error {
	if err := kb.CheckPending(p, opts.Languages); err != nil {
		return fmt.Errorf("sqlite: save pending change: %w", err)
	}
	id := p.Entry.ID
	doc, err := json.Marshal(p.Entry)
	if err != nil {
		return fmt.Errorf("sqlite: save pending change of %q: %w", id, err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: save pending change of %q: %w", id, err)
	}
	defer tx.Rollback()
	var live int
	err = tx.QueryRowContext(ctx, `SELECT revision FROM entries WHERE id = ?`, id).Scan(&live)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("sqlite: save pending change of %q: %w", id, kb.ErrNotFound)
	case err != nil:
		return fmt.Errorf("sqlite: save pending change of %q: %w", id, err)
	case live != p.Base:
		return fmt.Errorf("sqlite: save pending change: %w", kb.PendingMoved(id, live, p.Base))
	}
	now := time.Now().UTC()
	if _, err := tx.ExecContext(ctx, `INSERT INTO pending_changes (entry_id, base, saved_by, saved_at, doc) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (entry_id) DO UPDATE SET base = excluded.base, saved_by = excluded.saved_by, saved_at = excluded.saved_at, doc = excluded.doc`,
		id, p.Base, opts.By, now.Format(time.RFC3339Nano), string(doc)); err != nil {
		return fmt.Errorf("sqlite: save pending change of %q: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: save pending change of %q: %w", id, err)
	}
	p.SavedBy, p.SavedAt = opts.By, now
	return nil
}

// Pending implements kb.Store.
func (s *Store) Pending(ctx context.Context, id string) (*kb.PendingChange, error) {
	p, err := getPending(ctx, s.db, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: pending change of %q: %w", id, err)
	}
	return p, nil
}

func getPending(ctx context.Context, q queryer, id string) (*kb.PendingChange, error) {
	var p kb.PendingChange
	var at, doc string
	err := q.QueryRowContext(ctx, `SELECT base, saved_by, saved_at, doc FROM pending_changes WHERE entry_id = ?`, id).Scan(&p.Base, &p.SavedBy, &at, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kb.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if p.SavedAt, err = time.Parse(time.RFC3339Nano, at); err != nil {
		return nil, fmt.Errorf("stored pending change is corrupt: %w", err)
	}
	if p.Entry, err = decodeEntry(doc); err != nil {
		return nil, err
	}
	return &p, nil
}

// PendingIDs implements kb.Store.
func (s *Store) PendingIDs(ctx context.Context, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.db.QueryContext(ctx, `SELECT entry_id FROM pending_changes WHERE entry_id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: pending changes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: pending changes: %w", err)
		}
		out[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: pending changes: %w", err)
	}
	return out, nil
}

// PublishPending implements kb.Store.
func (s *Store) PublishPending(ctx context.Context, id string, seen time.Time) (*kb.Entry, error) {
	p, err := getPending(ctx, s.db, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: publish pending change of %q: %w", id, err)
	}
	if !seen.IsZero() && !seen.Equal(p.SavedAt) {
		return nil, fmt.Errorf("sqlite: publish pending change of %q: %w: it was saved again since you read it", id, kb.ErrConflict)
	}
	e := p.Entry
	// The import checks the base inside its transaction; the pending row
	// goes in the same one, if it is still the one read above.
	_, err = s.importWith(ctx, []*kb.Entry{e}, kb.ImportOptions{By: p.SavedBy, Expect: map[string]int{id: p.Base}}, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM pending_changes WHERE entry_id = ? AND saved_at = ?`, id, p.SavedAt.Format(time.RFC3339Nano))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return fmt.Errorf("%w: the pending change of %q was saved again or removed meanwhile", kb.ErrConflict, id)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// DiscardPending implements kb.Store.
func (s *Store) DiscardPending(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM pending_changes WHERE entry_id = ?`, id)
	if err != nil {
		return fmt.Errorf("sqlite: discard pending change of %q: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("sqlite: discard pending change of %q: %w", id, kb.ErrNotFound)
	}
	return nil
}
