package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sportello/sportello/kb"
)

// bulkThreshold is the number of entries from which Import writes with
// COPY into staging tables instead of row by row (a variable for tests).
var bulkThreshold = 500

// stagingSQL creates the staging tables of a bulk import. They live in the
// import's transaction only: ON COMMIT DROP, and a rollback undoes them.
// Vectors travel as real[], cast on the way into variants, so COPY needs
// no codec for pgvector's type.
const stagingSQL = `
CREATE TEMP TABLE stage_entries (
	id text NOT NULL, topic text NOT NULL, agency text NOT NULL, status text NOT NULL,
	valid_from timestamptz, valid_until timestamptz, revision integer NOT NULL,
	created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, doc text NOT NULL
) ON COMMIT DROP;
CREATE TEMP TABLE stage_variants (
	entry_id text NOT NULL, lang text NOT NULL, phrase_terms text NOT NULL, answer_terms text NOT NULL,
	len_p integer NOT NULL, len_a integer NOT NULL, embedding real[]
) ON COMMIT DROP`

// variantKey names a variant by its entry and language.
type variantKey struct{ entry, lang string }

// importBulk is Import's path for large imports, inside tx (which holds
// the import lock): it reads the stored versions of all the entries at
// once, decides each one's outcome and revision exactly as save does,
// COPYs the changed entries and their variants into staging tables and
// moves them into place with a few set-based statements. It returns what
// it did to the variants, for the lexical index.
func (s *Store) importBulk(ctx context.Context, tx pgx.Tx, entries []*kb.Entry, idx [][]kb.IndexedVariant, now time.Time, opts kb.ImportOptions) (kb.ImportResult, []lexChange, error) {
	var res kb.ImportResult
	ids := make([]string, len(entries))
	for i, e := range entries {
		ids[i] = e.ID
	}
	stored := make(map[string]*kb.Entry, len(entries))
	rows, err := tx.Query(ctx, `SELECT id, doc FROM entries WHERE id = ANY($1::text[])`, ids)
	if err != nil {
		return res, nil, err
	}
	var id string
	var doc []byte
	if _, err := pgx.ForEachRow(rows, []any{&id, &doc}, func() error {
		e, err := decodeEntry(doc)
		stored[id] = e
		return err
	}); err != nil {
		return res, nil, err
	}

	var entryRows, variantRows [][]any
	terms := map[variantKey]*docTerms{}
	for i, e := range entries {
		old := stored[e.ID]
		var getErr error
		if old == nil {
			getErr = kb.ErrNotFound
		}
		if err := kb.CheckExpected(opts.Expect, e.ID, old, getErr); err != nil {
			return res, nil, fmt.Errorf("entry %d (%s): %w", i+1, e.ID, err)
		}
		switch {
		case old == nil:
			e.Revision, e.CreatedAt = 1, now
			res.Added++
		case kb.SameContent(old, e):
			*e = *old
			res.Unchanged++
			continue
		default:
			e.Revision, e.CreatedAt = old.Revision+1, old.CreatedAt
			res.Updated++
		}
		e.UpdatedAt = now
		doc, err := json.Marshal(e)
		if err != nil {
			return res, nil, fmt.Errorf("entry %d (%s): %w", i+1, e.ID, err)
		}
		entryRows = append(entryRows, []any{e.ID, e.Topic, e.Agency, string(e.Status), e.ValidFrom, e.ValidUntil,
			int32(e.Revision), e.CreatedAt, e.UpdatedAt, string(doc)})
		for _, x := range idx[i] {
			var vec []float32
			if vectorArg(x.Vector) != nil {
				vec = x.Vector
			}
			variantRows = append(variantRows, []any{e.ID, x.Lang, strings.Join(x.Phrases, " "), strings.Join(x.Answer, " "),
				int32(len(x.Phrases)), int32(len(x.Answer)), vec})
			terms[variantKey{e.ID, x.Lang}] = newDocTerms(x.Phrases, x.Answer)
		}
	}
	if len(entryRows) == 0 {
		return res, nil, nil
	}

	if _, err := tx.Exec(ctx, stagingSQL, pgx.QueryExecModeSimpleProtocol); err != nil {
		return res, nil, fmt.Errorf("staging tables: %w", err)
	}
	copies := []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"stage_entries", []string{"id", "topic", "agency", "status", "valid_from", "valid_until", "revision", "created_at", "updated_at", "doc"}, entryRows},
		{"stage_variants", []string{"entry_id", "lang", "phrase_terms", "answer_terms", "len_p", "len_a", "embedding"}, variantRows},
	}
	for _, c := range copies {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows)); err != nil {
			return res, nil, fmt.Errorf("copy into %s: %w", c.table, err)
		}
	}
	// The variants of the updated entries as they were, for the lexical
	// index to take their terms out.
	rows, err = tx.Query(ctx, `SELECT v.id, v.entry_id, v.lang, v.phrase_terms, v.answer_terms
		FROM variants v JOIN stage_entries se ON se.id = v.entry_id WHERE se.revision > 1`)
	if err != nil {
		return res, nil, fmt.Errorf("read variants: %w", err)
	}
	before := map[variantKey]lexChange{}
	var vid int64
	var lang, phrases, answer string
	if _, err := pgx.ForEachRow(rows, []any{&vid, &id, &lang, &phrases, &answer}, func() error {
		before[variantKey{id, lang}] = lexChange{id: vid, lang: lang, old: parseDocTerms(phrases, answer)}
		return nil
	}); err != nil {
		return res, nil, fmt.Errorf("read variants: %w", err)
	}
	steps := []struct {
		what, sql string
		args      []any
	}{
		{"analyze the staging tables", `ANALYZE stage_entries, stage_variants`, nil},
		{"save", `INSERT INTO entries (id, topic, agency, status, valid_from, valid_until, revision, created_at, updated_at, doc)
			SELECT id, topic, agency, status, valid_from, valid_until, revision, created_at, updated_at, doc::jsonb FROM stage_entries
			ON CONFLICT (id) DO UPDATE SET topic = excluded.topic, agency = excluded.agency, status = excluded.status,
				valid_from = excluded.valid_from, valid_until = excluded.valid_until, revision = excluded.revision,
				updated_at = excluded.updated_at, doc = excluded.doc`, nil},
		{"save revisions", `INSERT INTO entry_revisions (entry_id, revision, status, saved_at, saved_by, doc)
			SELECT id, revision, status, $1, $2, doc::jsonb FROM stage_entries`, []any{now, opts.By}},
		// Languages an updated entry no longer has leave the indexes; the
		// revisions keep them.
		{"remove variants", `DELETE FROM variants v USING stage_entries se WHERE v.entry_id = se.id
			AND NOT EXISTS (SELECT 1 FROM stage_variants sv WHERE sv.entry_id = v.entry_id AND sv.lang = v.lang)`, nil},
	}
	for _, st := range steps {
		if _, err := tx.Exec(ctx, st.sql, st.args...); err != nil {
			return res, nil, fmt.Errorf("%s: %w", st.what, err)
		}
	}
	rows, err = tx.Query(ctx, `INSERT INTO variants (entry_id, lang, phrase_terms, answer_terms, len_p, len_a, embedder, embedding)
		SELECT entry_id, lang, phrase_terms, answer_terms, len_p, len_a, $1,
			CASE WHEN embedding IS NULL THEN NULL ELSE embedding::vector END FROM stage_variants
		ON CONFLICT (entry_id, lang) DO UPDATE SET phrase_terms = excluded.phrase_terms, answer_terms = excluded.answer_terms,
			len_p = excluded.len_p, len_a = excluded.len_a, embedder = excluded.embedder, embedding = excluded.embedding
		RETURNING id, entry_id, lang`, s.embedder.Name())
	if err != nil {
		return res, nil, fmt.Errorf("save variants: %w", err)
	}
	var changes []lexChange
	if _, err := pgx.ForEachRow(rows, []any{&vid, &id, &lang}, func() error {
		k := variantKey{id, lang}
		c := before[k]
		delete(before, k)
		c.id, c.lang, c.new = vid, lang, terms[k]
		changes = append(changes, c)
		return nil
	}); err != nil {
		return res, nil, fmt.Errorf("save variants: %w", err)
	}
	for _, c := range before {
		changes = append(changes, c) // a removed language
	}
	return res, changes, nil
}
