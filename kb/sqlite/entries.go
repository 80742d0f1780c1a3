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

// Import implements kb.Store.
func (s *Store) Import(ctx context.Context, entries []*kb.Entry, opts kb.ImportOptions) (kb.ImportResult, error) {
	return s.importWith(ctx, entries, opts, nil)
}

// importWith imports entries; also, when set, runs in the same
// transaction before the commit, so that its writes and the entries'
// land together or not at all.
func (s *Store) importWith(ctx context.Context, entries []*kb.Entry, opts kb.ImportOptions, also func(tx *sql.Tx) error) (kb.ImportResult, error) {
	var res kb.ImportResult
	idx, err := kb.PrepareImport(ctx, s.embedder, entries, opts)
	if err != nil {
		return res, fmt.Errorf("sqlite: import: %w", err)
	}
	now := time.Now().UTC()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("sqlite: import: %w", err)
	}
	defer tx.Rollback()
	if err := kb.CheckOverrides(entries, overrideLookup(ctx, tx)); err != nil {
		return res, fmt.Errorf("sqlite: import: %w", err)
	}
	var changes []indexChange
	for i, e := range entries {
		ch, outcome, err := s.save(ctx, tx, e, idx[i], now, opts)
		if err != nil {
			return kb.ImportResult{}, fmt.Errorf("sqlite: import: entry %d (%s): %w", i+1, e.ID, err)
		}
		switch outcome {
		case added:
			res.Added++
		case updated:
			res.Updated++
		default:
			res.Unchanged++
		}
		if ch != nil {
			changes = append(changes, *ch)
		}
	}
	if also != nil {
		if err := also(tx); err != nil {
			return kb.ImportResult{}, fmt.Errorf("sqlite: import: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return kb.ImportResult{}, fmt.Errorf("sqlite: import: commit: %w", err)
	}
	s.index.apply(changes)
	return res, nil
}

type outcome int

const (
	unchanged outcome = iota
	added
	updated
)

// save writes one entry inside tx as a new revision, unless its content
// is what is stored already.
func (s *Store) save(ctx context.Context, tx *sql.Tx, e *kb.Entry, idx []kb.IndexedVariant, now time.Time, opts kb.ImportOptions) (*indexChange, outcome, error) {
	by := opts.By
	old, err := getTx(ctx, tx, e.ID)
	if err := kb.CheckExpected(opts.Expect, e.ID, old, err); err != nil {
		return nil, 0, err
	}
	switch {
	case errors.Is(err, kb.ErrNotFound):
		e.Revision, e.CreatedAt = 1, now
	case err != nil:
		return nil, 0, err
	case kb.SameContent(old, e):
		*e = *old
		return nil, unchanged, nil
	default:
		e.Revision, e.CreatedAt = old.Revision+1, old.CreatedAt
	}
	e.UpdatedAt = now
	doc, err := json.Marshal(e)
	if err != nil {
		return nil, 0, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO entries (id, topic, agency, status, valid_from, valid_until, revision, created_at, updated_at, doc)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET topic = excluded.topic, agency = excluded.agency, status = excluded.status,
			valid_from = excluded.valid_from, valid_until = excluded.valid_until, revision = excluded.revision,
			updated_at = excluded.updated_at, doc = excluded.doc`,
		e.ID, e.Topic, e.Agency, string(e.Status), unixOrNil(e.ValidFrom), unixOrNil(e.ValidUntil),
		e.Revision, e.CreatedAt.Format(time.RFC3339Nano), e.UpdatedAt.Format(time.RFC3339Nano), string(doc)); err != nil {
		return nil, 0, fmt.Errorf("save: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO entry_revisions (entry_id, revision, status, saved_at, saved_by, doc) VALUES (?, ?, ?, ?, ?, ?)`,
		e.ID, e.Revision, string(e.Status), now.Format(time.RFC3339Nano), by, string(doc)); err != nil {
		return nil, 0, fmt.Errorf("save revision: %w", err)
	}
	if err := putListRow(ctx, tx, e); err != nil {
		return nil, 0, err
	}
	ch := &indexChange{meta: metaOf(e)}
	keep := map[string]bool{}
	for _, x := range idx {
		keep[x.Lang] = true
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO variants (entry_id, lang, phrase_terms, answer_terms, embedder, vector) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (entry_id, lang) DO UPDATE SET phrase_terms = excluded.phrase_terms, answer_terms = excluded.answer_terms,
				embedder = excluded.embedder, vector = excluded.vector
			RETURNING id`, e.ID, x.Lang, strings.Join(x.Phrases, " "), strings.Join(x.Answer, " "),
			s.embedder.Name(), encodeVector(x.Vector)).Scan(&id); err != nil {
			return nil, 0, fmt.Errorf("save variant %s: %w", x.Lang, err)
		}
		ch.upserts = append(ch.upserts, indexRow{id: id, lang: x.Lang, phrases: x.Phrases, answer: x.Answer, vec: x.Vector})
	}
	if old != nil {
		rows, err := tx.QueryContext(ctx, `SELECT id, lang FROM variants WHERE entry_id = ?`, e.ID)
		if err != nil {
			return nil, 0, err
		}
		var gone []indexRow
		for rows.Next() {
			var r indexRow
			if err := rows.Scan(&r.id, &r.lang); err != nil {
				rows.Close()
				return nil, 0, err
			}
			if !keep[r.lang] {
				gone = append(gone, r)
			}
		}
		rows.Close()
		for _, r := range gone {
			if _, err := tx.ExecContext(ctx, `DELETE FROM variants WHERE id = ?`, r.id); err != nil {
				return nil, 0, err
			}
			ch.removes = append(ch.removes, r)
		}
		return ch, updated, nil
	}
	return ch, added, nil
}

// Get implements kb.Store.
func (s *Store) Get(ctx context.Context, id string) (*kb.Entry, error) {
	ce, err := s.cachedGet(ctx, id) // cache.go
	if err != nil {
		return nil, fmt.Errorf("sqlite: get %q: %w", id, err)
	}
	return copyEntry(ce.e), nil
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func getTx(ctx context.Context, q queryer, id string) (*kb.Entry, error) {
	var doc string
	err := q.QueryRowContext(ctx, `SELECT doc FROM entries WHERE id = ?`, id).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kb.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return decodeEntry(doc)
}

func decodeEntry(doc string) (*kb.Entry, error) {
	var e kb.Entry
	if err := json.Unmarshal([]byte(doc), &e); err != nil {
		return nil, fmt.Errorf("stored entry is corrupt: %w", err)
	}
	return &e, nil
}

// GetRevision implements kb.Store.
func (s *Store) GetRevision(ctx context.Context, id string, rev int) (*kb.Entry, error) {
	var doc string
	err := s.db.QueryRowContext(ctx, `SELECT doc FROM entry_revisions WHERE entry_id = ? AND revision = ?`, id, rev).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: get %q revision %d: %w", id, rev, kb.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: get %q revision %d: %w", id, rev, err)
	}
	return decodeEntry(doc)
}

// Revisions implements kb.Store.
func (s *Store) Revisions(ctx context.Context, id string) ([]kb.Revision, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT revision, status, saved_at, saved_by, doc FROM entry_revisions WHERE entry_id = ? ORDER BY revision`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: revisions of %q: %w", id, err)
	}
	defer rows.Close()
	var out []kb.Revision
	for rows.Next() {
		var r kb.Revision
		var savedAt, doc string
		if err := rows.Scan(&r.Revision, &r.Status, &savedAt, &r.SavedBy, &doc); err != nil {
			return nil, fmt.Errorf("sqlite: revisions of %q: %w", id, err)
		}
		r.EntryID = id
		r.SavedAt, _ = time.Parse(time.RFC3339Nano, savedAt)
		e, err := decodeEntry(doc)
		if err != nil {
			return nil, fmt.Errorf("sqlite: revisions of %q: %w", id, err)
		}
		r.Languages = e.Languages()
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: revisions of %q: %w", id, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("sqlite: revisions of %q: %w", id, kb.ErrNotFound)
	}
	return out, nil
}

// List implements kb.Store.
func (s *Store) List(ctx context.Context, f kb.ListFilter) ([]*kb.Entry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT doc FROM entries
		WHERE (?1 = '' OR agency = ?1) AND (?2 = '' OR topic = ?2) AND (?3 = '' OR status = ?3) ORDER BY id`,
		f.Agency, f.Topic, string(f.Status))
	if err != nil {
		return nil, fmt.Errorf("sqlite: list: %w", err)
	}
	defer rows.Close()
	var out []*kb.Entry
	for rows.Next() {
		var doc string
		if err := rows.Scan(&doc); err != nil {
			return nil, fmt.Errorf("sqlite: list: %w", err)
		}
		e, err := decodeEntry(doc)
		if err != nil {
			return nil, fmt.Errorf("sqlite: list: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: list: %w", err)
	}
	return out, nil
}

func unixOrNil(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Unix()
}
