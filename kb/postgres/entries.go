package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sportello/sportello/kb"
)

// Import implements kb.Store.
func (s *Store) Import(ctx context.Context, entries []*kb.Entry, opts kb.ImportOptions) (kb.ImportResult, error) {
	return s.importWith(ctx, entries, opts, nil)
}

// importWith imports entries; also, when set, runs in the same
// transaction after them, so that its writes and the entries' land
// together or not at all.
func (s *Store) importWith(ctx context.Context, entries []*kb.Entry, opts kb.ImportOptions, also func(tx pgx.Tx) error) (kb.ImportResult, error) {
	var res kb.ImportResult
	idx, err := kb.PrepareImport(ctx, s.embedder, entries, opts)
	if err != nil {
		return res, fmt.Errorf("postgres: import: %w", err)
	}
	now := time.Now().UTC().Truncate(time.Microsecond) // what timestamptz keeps
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		// One import at a time: two imports of one new id must not both
		// see it missing.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(lockKey)); err != nil {
			return err
		}
		if err := kb.CheckOverrides(entries, overrideLookup(ctx, tx)); err != nil {
			return err
		}
		var changes []lexChange
		if len(entries) >= bulkThreshold {
			if res, changes, err = s.importBulk(ctx, tx, entries, idx, now, opts); err != nil {
				return err
			}
		} else {
			for i, e := range entries {
				outcome, ch, err := s.save(ctx, tx, e, idx[i], now, opts)
				if err != nil {
					return fmt.Errorf("entry %d (%s): %w", i+1, e.ID, err)
				}
				changes = append(changes, ch...)
				switch outcome {
				case added:
					res.Added++
				case updated:
					res.Updated++
				default:
					res.Unchanged++
				}
			}
		}
		if err := putListRows(ctx, tx, entries); err != nil {
			return err
		}
		if err := applyLexical(ctx, tx, changes); err != nil {
			return err
		}
		if also != nil {
			if err := also(tx); err != nil {
				return err
			}
		}
		// A language new to the store gets its vector index now that its
		// rows are written: building an index is much faster than adding
		// to it row by row.
		return s.createHNSW(ctx, tx, importLanguages(idx))
	})
	if err != nil {
		return kb.ImportResult{}, fmt.Errorf("postgres: import: %w", err)
	}
	return res, nil
}

func importLanguages(idx [][]kb.IndexedVariant) []string {
	seen := map[string]bool{}
	var out []string
	for _, vs := range idx {
		for _, v := range vs {
			if !seen[v.Lang] {
				seen[v.Lang] = true
				out = append(out, v.Lang)
			}
		}
	}
	return out
}

type outcome int

const (
	unchanged outcome = iota
	added
	updated
)

// save writes one entry inside tx as a new revision, unless its content
// is what is stored already, and returns what it did to the variants for
// the lexical index.
func (s *Store) save(ctx context.Context, tx pgx.Tx, e *kb.Entry, idx []kb.IndexedVariant, now time.Time, opts kb.ImportOptions) (outcome, []lexChange, error) {
	old, err := getEntry(ctx, tx, e.ID)
	if err := kb.CheckExpected(opts.Expect, e.ID, old, err); err != nil {
		return 0, nil, err
	}
	switch {
	case errors.Is(err, kb.ErrNotFound):
		e.Revision, e.CreatedAt = 1, now
	case err != nil:
		return 0, nil, err
	case kb.SameContent(old, e):
		*e = *old
		return unchanged, nil, nil
	default:
		e.Revision, e.CreatedAt = old.Revision+1, old.CreatedAt
	}
	e.UpdatedAt = now
	doc, err := json.Marshal(e)
	if err != nil {
		return 0, nil, err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO entries (id, topic, agency, status, valid_from, valid_until, revision, created_at, updated_at, doc)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT (id) DO UPDATE SET topic = excluded.topic, agency = excluded.agency, status = excluded.status,
			valid_from = excluded.valid_from, valid_until = excluded.valid_until, revision = excluded.revision,
			updated_at = excluded.updated_at, doc = excluded.doc`,
		e.ID, e.Topic, e.Agency, string(e.Status), e.ValidFrom, e.ValidUntil,
		e.Revision, e.CreatedAt, e.UpdatedAt, string(doc)); err != nil {
		return 0, nil, fmt.Errorf("save: %w", err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO entry_revisions (entry_id, revision, status, saved_at, saved_by, doc) VALUES ($1, $2, $3, $4, $5, $6)`,
		e.ID, e.Revision, string(e.Status), now, opts.By, string(doc)); err != nil {
		return 0, nil, fmt.Errorf("save revision: %w", err)
	}
	before := map[string]lexChange{}
	if old != nil {
		rows, err := tx.Query(ctx, `SELECT id, lang, phrase_terms, answer_terms FROM variants WHERE entry_id = $1`, e.ID)
		if err != nil {
			return 0, nil, fmt.Errorf("read variants: %w", err)
		}
		var id int64
		var lang, phrases, answer string
		if _, err := pgx.ForEachRow(rows, []any{&id, &lang, &phrases, &answer}, func() error {
			before[lang] = lexChange{id: id, lang: lang, old: parseDocTerms(phrases, answer)}
			return nil
		}); err != nil {
			return 0, nil, fmt.Errorf("read variants: %w", err)
		}
	}
	var changes []lexChange
	langs := make([]string, 0, len(idx))
	for _, x := range idx {
		langs = append(langs, x.Lang)
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO variants (entry_id, lang, phrase_terms, answer_terms, len_p, len_a, embedder, embedding)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
			ON CONFLICT (entry_id, lang) DO UPDATE SET phrase_terms = excluded.phrase_terms, answer_terms = excluded.answer_terms,
				len_p = excluded.len_p, len_a = excluded.len_a, embedder = excluded.embedder, embedding = excluded.embedding
			RETURNING id`, e.ID, x.Lang, strings.Join(x.Phrases, " "), strings.Join(x.Answer, " "),
			len(x.Phrases), len(x.Answer), s.embedder.Name(), vectorArg(x.Vector)).Scan(&id); err != nil {
			return 0, nil, fmt.Errorf("save variant %s: %w", x.Lang, err)
		}
		c := before[x.Lang]
		delete(before, x.Lang)
		c.id, c.lang, c.new = id, x.Lang, newDocTerms(x.Phrases, x.Answer)
		changes = append(changes, c)
	}
	if old == nil {
		return added, changes, nil
	}
	// Languages the entry no longer has leave the indexes; the revisions
	// keep them.
	if _, err := tx.Exec(ctx, `DELETE FROM variants WHERE entry_id = $1 AND NOT (lang = ANY($2))`, e.ID, langs); err != nil {
		return 0, nil, fmt.Errorf("remove variants: %w", err)
	}
	for _, c := range before {
		changes = append(changes, c)
	}
	return updated, changes, nil
}

// Get implements kb.Store.
func (s *Store) Get(ctx context.Context, id string) (*kb.Entry, error) {
	e, err := getEntry(ctx, s.pool, id)
	if err != nil {
		return nil, fmt.Errorf("postgres: get %q: %w", id, err)
	}
	return e, nil
}

type queryer interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func getEntry(ctx context.Context, q queryer, id string) (*kb.Entry, error) {
	var doc []byte
	err := q.QueryRow(ctx, `SELECT doc FROM entries WHERE id = $1`, id).Scan(&doc)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, kb.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return decodeEntry(doc)
}

func decodeEntry(doc []byte) (*kb.Entry, error) {
	var e kb.Entry
	if err := json.Unmarshal(doc, &e); err != nil {
		return nil, fmt.Errorf("stored entry is corrupt: %w", err)
	}
	return &e, nil
}

// GetRevision implements kb.Store.
func (s *Store) GetRevision(ctx context.Context, id string, rev int) (*kb.Entry, error) {
	var doc []byte
	err := s.pool.QueryRow(ctx, `SELECT doc FROM entry_revisions WHERE entry_id = $1 AND revision = $2`, id, rev).Scan(&doc)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: get %q revision %d: %w", id, rev, kb.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: get %q revision %d: %w", id, rev, err)
	}
	return decodeEntry(doc)
}

// Revisions implements kb.Store.
func (s *Store) Revisions(ctx context.Context, id string) ([]kb.Revision, error) {
	rows, err := s.pool.Query(ctx, `SELECT revision, status, saved_at, saved_by,
			ARRAY(SELECT jsonb_object_keys(doc->'variants') ORDER BY 1)
		FROM entry_revisions WHERE entry_id = $1 ORDER BY revision`, id)
	if err != nil {
		return nil, fmt.Errorf("postgres: revisions of %q: %w", id, err)
	}
	defer rows.Close()
	var out []kb.Revision
	for rows.Next() {
		r := kb.Revision{EntryID: id}
		var status string
		if err := rows.Scan(&r.Revision, &status, &r.SavedAt, &r.SavedBy, &r.Languages); err != nil {
			return nil, fmt.Errorf("postgres: revisions of %q: %w", id, err)
		}
		r.Status, r.SavedAt = kb.Status(status), r.SavedAt.UTC()
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: revisions of %q: %w", id, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("postgres: revisions of %q: %w", id, kb.ErrNotFound)
	}
	return out, nil
}

// List implements kb.Store.
func (s *Store) List(ctx context.Context, f kb.ListFilter) ([]*kb.Entry, error) {
	rows, err := s.pool.Query(ctx, `SELECT doc FROM entries
		WHERE ($1 = '' OR agency = $1) AND ($2 = '' OR topic = $2) AND ($3 = '' OR status = $3) ORDER BY id COLLATE "C"`,
		f.Agency, f.Topic, string(f.Status))
	if err != nil {
		return nil, fmt.Errorf("postgres: list: %w", err)
	}
	defer rows.Close()
	var out []*kb.Entry
	for rows.Next() {
		var doc []byte
		if err := rows.Scan(&doc); err != nil {
			return nil, fmt.Errorf("postgres: list: %w", err)
		}
		e, err := decodeEntry(doc)
		if err != nil {
			return nil, fmt.Errorf("postgres: list: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: list: %w", err)
	}
	return out, nil
}
