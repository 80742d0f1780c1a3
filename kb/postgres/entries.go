package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sportello/sportello/kb"
)

// Import implements kb.Store.
func (s *Store) Import(ctx context.Context, entries []*kb.Entry, opts kb.ImportOptions) (kb.ImportResult, error) {
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
		if len(entries) >= bulkThreshold {
			res, err = s.importBulk(ctx, tx, entries, idx, now, opts.By)
			return err
		}
		for i, e := range entries {
			outcome, err := s.save(ctx, tx, e, idx[i], now, opts.By)
			if err != nil {
				return fmt.Errorf("entry %d (%s): %w", i+1, e.ID, err)
			}
			switch outcome {
			case added:
				res.Added++
			case updated:
				res.Updated++
			default:
				res.Unchanged++
			}
		}
		return nil
	})
	if err != nil {
		return kb.ImportResult{}, fmt.Errorf("postgres: import: %w", err)
	}
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
func (s *Store) save(ctx context.Context, tx pgx.Tx, e *kb.Entry, idx []kb.IndexedVariant, now time.Time, by string) (outcome, error) {
	old, err := getEntry(ctx, tx, e.ID)
	switch {
	case errors.Is(err, kb.ErrNotFound):
		e.Revision, e.CreatedAt = 1, now
	case err != nil:
		return 0, err
	case kb.SameContent(old, e):
		*e = *old
		return unchanged, nil
	default:
		e.Revision, e.CreatedAt = old.Revision+1, old.CreatedAt
	}
	e.UpdatedAt = now
	doc, err := json.Marshal(e)
	if err != nil {
		return 0, err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO entries (id, topic, agency, status, valid_from, valid_until, revision, created_at, updated_at, doc)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT (id) DO UPDATE SET topic = excluded.topic, agency = excluded.agency, status = excluded.status,
			valid_from = excluded.valid_from, valid_until = excluded.valid_until, revision = excluded.revision,
			updated_at = excluded.updated_at, doc = excluded.doc`,
		e.ID, e.Topic, e.Agency, string(e.Status), e.ValidFrom, e.ValidUntil,
		e.Revision, e.CreatedAt, e.UpdatedAt, string(doc)); err != nil {
		return 0, fmt.Errorf("save: %w", err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO entry_revisions (entry_id, revision, status, saved_at, saved_by, doc) VALUES ($1, $2, $3, $4, $5, $6)`,
		e.ID, e.Revision, string(e.Status), now, by, string(doc)); err != nil {
		return 0, fmt.Errorf("save revision: %w", err)
	}
	langs := make([]string, 0, len(idx))
	for _, x := range idx {
		langs = append(langs, x.Lang)
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO variants (entry_id, lang, phrase_terms, answer_terms, len_p, len_a, tsv, embedder, embedding)
			VALUES ($1, $2, $3, $4, $5, $6, $7::tsvector, $8, $9)
			ON CONFLICT (entry_id, lang) DO UPDATE SET phrase_terms = excluded.phrase_terms, answer_terms = excluded.answer_terms,
				len_p = excluded.len_p, len_a = excluded.len_a, tsv = excluded.tsv,
				embedder = excluded.embedder, embedding = excluded.embedding
			RETURNING id`, e.ID, x.Lang, strings.Join(x.Phrases, " "), strings.Join(x.Answer, " "),
			len(x.Phrases), len(x.Answer), tsvector(x.Phrases, x.Answer),
			s.embedder.Name(), vectorArg(x.Vector)).Scan(&id); err != nil {
			return 0, fmt.Errorf("save variant %s: %w", x.Lang, err)
		}
		terms, tfP, tfA := termFreqs(x.Phrases, x.Answer)
		if _, err := tx.Exec(ctx, `DELETE FROM variant_terms WHERE variant_id = $1`, id); err != nil {
			return 0, fmt.Errorf("save variant %s terms: %w", x.Lang, err)
		}
		if len(terms) > 0 {
			if _, err := tx.Exec(ctx, `INSERT INTO variant_terms (variant_id, lang, term, tf_p, tf_a)
				SELECT $1, $2, t.term, t.tf_p, t.tf_a FROM unnest($3::text[], $4::int[], $5::int[]) AS t(term, tf_p, tf_a)`,
				id, x.Lang, terms, tfP, tfA); err != nil {
				return 0, fmt.Errorf("save variant %s terms: %w", x.Lang, err)
			}
		}
	}
	if old == nil {
		return added, nil
	}
	// Languages the entry no longer has leave the indexes (their terms
	// go with them); the revisions keep them.
	if _, err := tx.Exec(ctx, `DELETE FROM variants WHERE entry_id = $1 AND NOT (lang = ANY($2))`, e.ID, langs); err != nil {
		return 0, fmt.Errorf("remove variants: %w", err)
	}
	return updated, nil
}

// termFreqs counts each distinct term's occurrences in the phrasings and
// in the answer, in order of first appearance.
func termFreqs(phrases, answer []string) (terms []string, tfP, tfA []int32) {
	pos := map[string]int{}
	add := func(t string, inPhrase bool) {
		i, ok := pos[t]
		if !ok {
			i = len(terms)
			pos[t] = i
			terms, tfP, tfA = append(terms, t), append(tfP, 0), append(tfA, 0)
		}
		if inPhrase {
			tfP[i]++
		} else {
			tfA[i]++
		}
	}
	for _, t := range phrases {
		add(t, true)
	}
	for _, t := range answer {
		add(t, false)
	}
	return terms, tfP, tfA
}

// Limits of the tsvector type: positions up to 16383, at most 256
// positions per lexeme.
const (
	maxTSPos         = 16383
	maxTSPosPerTerm  = 256
	maxTSLexemeBytes = 2046
)

// tsvector returns the text form of the tsvector of a variant's terms:
// every term a lexeme as it is (no parser, no dictionary), with its
// positions, weight A in the phrasings and D in the answer.
func tsvector(phrases, answer []string) string {
	type lex struct{ pos []string }
	order := []string{}
	m := map[string]*lex{}
	n := 0
	add := func(t, weight string) {
		n++
		if t == "" || len(t) > maxTSLexemeBytes {
			return
		}
		l := m[t]
		if l == nil {
			l = &lex{}
			m[t] = l
			order = append(order, t)
		}
		if len(l.pos) < maxTSPosPerTerm {
			l.pos = append(l.pos, strconv.Itoa(min(n, maxTSPos))+weight)
		}
	}
	for _, t := range phrases {
		add(t, "A")
	}
	for _, t := range answer {
		add(t, "D")
	}
	var b strings.Builder
	for i, t := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(quoteLexeme(t))
		b.WriteByte(':')
		b.WriteString(strings.Join(m[t].pos, ","))
	}
	return b.String()
}

// quoteLexeme quotes a term for the tsvector and tsquery input syntax.
func quoteLexeme(t string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(t) + "'"
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
