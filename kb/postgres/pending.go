package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sportello/sportello/kb"
)

// SavePending implements kb.Store.
func (s *Store) SavePending(ctx context.Context, p *kb.PendingChange, opts kb.ImportOptions) error {
	if err := kb.CheckPending(p, opts.Languages); err != nil {
		return fmt.Errorf("postgres: save pending change: %w", err)
	}
	id := p.Entry.ID
	doc, err := json.Marshal(p.Entry)
	if err != nil {
		return fmt.Errorf("postgres: save pending change of %q: %w", id, err)
	}
	now := time.Now().UTC().Truncate(time.Microsecond) // what timestamptz keeps
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		// The entry's row lock orders this save after a publish or an
		// import of the entry that is under way.
		var live int
		err := tx.QueryRow(ctx, `SELECT revision FROM entries WHERE id = $1 FOR UPDATE`, id).Scan(&live)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return kb.ErrNotFound
		case err != nil:
			return err
		case live != p.Base:
			return kb.PendingMoved(id, live, p.Base)
		}
		_, err = tx.Exec(ctx, `INSERT INTO pending_changes (entry_id, base, saved_by, saved_at, doc) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (entry_id) DO UPDATE SET base = excluded.base, saved_by = excluded.saved_by, saved_at = excluded.saved_at, doc = excluded.doc`,
			id, p.Base, opts.By, now, string(doc))
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: save pending change of %q: %w", id, err)
	}
	p.SavedBy, p.SavedAt = opts.By, now
	return nil
}

// Pending implements kb.Store.
func (s *Store) Pending(ctx context.Context, id string) (*kb.PendingChange, error) {
	var p kb.PendingChange
	var doc []byte
	err := s.pool.QueryRow(ctx, `SELECT base, saved_by, saved_at, doc FROM pending_changes WHERE entry_id = $1`, id).Scan(&p.Base, &p.SavedBy, &p.SavedAt, &doc)
	if errors.Is(err, pgx.ErrNoRows) {
		err = kb.ErrNotFound
	}
	if err == nil {
		p.Entry, err = decodeEntry(doc)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: pending change of %q: %w", id, err)
	}
	p.SavedAt = p.SavedAt.UTC()
	return &p, nil
}

// PendingIDs implements kb.Store.
func (s *Store) PendingIDs(ctx context.Context, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT entry_id FROM pending_changes WHERE entry_id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("postgres: pending changes: %w", err)
	}
	var id string
	if _, err := pgx.ForEachRow(rows, []any{&id}, func() error {
		out[id] = true
		return nil
	}); err != nil {
		return nil, fmt.Errorf("postgres: pending changes: %w", err)
	}
	return out, nil
}

// PublishPending implements kb.Store.
func (s *Store) PublishPending(ctx context.Context, id string, seen time.Time) (*kb.Entry, error) {
	p, err := s.Pending(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("postgres: publish pending change: %w", err)
	}
	if !seen.IsZero() && !seen.Equal(p.SavedAt) {
		return nil, fmt.Errorf("postgres: publish pending change of %q: %w: it was saved again since you read it", id, kb.ErrConflict)
	}
	e := p.Entry
	// The import checks the base inside its transaction; the pending row
	// goes in the same one, if it is still the one read above.
	_, err = s.importWith(ctx, []*kb.Entry{e}, kb.ImportOptions{By: p.SavedBy, Expect: map[string]int{id: p.Base}}, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM pending_changes WHERE entry_id = $1 AND saved_at = $2`, id, p.SavedAt)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
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
	tag, err := s.pool.Exec(ctx, `DELETE FROM pending_changes WHERE entry_id = $1`, id)
	if err != nil {
		return fmt.Errorf("postgres: discard pending change of %q: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: discard pending change of %q: %w", id, kb.ErrNotFound)
	}
	return nil
}
