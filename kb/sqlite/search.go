package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sportello/sportello/kb"
)

// Column weights of BM25: a term found in the question or an alternate
// phrasing says more about what the entry answers than one in the answer.
const (
	phraseWeight = 4.0
	answerWeight = 1.0
)

// SearchLexical implements kb.Store.
func (s *Store) SearchLexical(ctx context.Context, q kb.LexicalQuery) ([]kb.Match, error) {
	if len(q.Terms) == 0 || q.Limit <= 0 {
		return nil, nil
	}
	match := ftsQuery(q.Lang, q.Terms)
	at := q.At
	if at.IsZero() {
		at = time.Now()
	}
	rows, err := s.db.QueryContext(ctx, `
		SELECT v.entry_id, -bm25(variant_terms, ?1, ?2) AS score
		FROM variant_terms
		JOIN variants v ON v.id = variant_terms.rowid
		JOIN entries e ON e.id = v.entry_id
		WHERE variant_terms MATCH ?3 AND v.lang = ?4
		  AND (?5 OR e.status = 'published') AND e.status <> 'archived'
		  AND (e.valid_from IS NULL OR e.valid_from <= ?6)
		  AND (e.valid_until IS NULL OR e.valid_until > ?6)
		  AND (?7 = '' OR e.agency = ?7)
		ORDER BY score DESC
		LIMIT ?8`,
		phraseWeight, answerWeight, match, q.Lang, q.Unpublished, at.Unix(), q.Agency, q.Limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: lexical search: %w", err)
	}
	defer rows.Close()
	var out []kb.Match
	for rows.Next() {
		var m kb.Match
		if err := rows.Scan(&m.EntryID, &m.Score); err != nil {
			return nil, fmt.Errorf("sqlite: lexical search: %w", err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: lexical search: %w", err)
	}
	return out, nil
}

// ftsQuery ORs the distinct terms as quoted FTS5 strings. Terms hold only
// letters and digits after analysis, but quoting keeps any FTS5 operator
// word ("AND", "NEAR") a plain term.
func ftsQuery(lang string, terms []string) string {
	seen := map[string]bool{}
	var parts []string
	for _, t := range strings.Fields(kb.PrefixTerms(lang, terms)) {
		if seen[t] {
			continue
		}
		seen[t] = true
		parts = append(parts, `"`+strings.ReplaceAll(t, `"`, `""`)+`"`)
	}
	return strings.Join(parts, " OR ")
}

// SearchVector implements kb.Store.
func (s *Store) SearchVector(ctx context.Context, q kb.VectorQuery) ([]kb.Match, error) {
	if q.Embedder != s.embedder.Name() {
		return nil, fmt.Errorf("sqlite: vector search: the query vector comes from %q but the knowledge base is indexed with %q: %w",
			q.Embedder, s.embedder.Name(), kb.ErrInvalid)
	}
	if len(q.Vector) != s.embedder.Dim() {
		return nil, fmt.Errorf("sqlite: vector search: vector has dimension %d, want %d: %w", len(q.Vector), s.embedder.Dim(), kb.ErrInvalid)
	}
	if q.Limit <= 0 {
		return nil, nil
	}
	return s.vectors.search(ctx, q), nil
}

// reembedStale re-makes, with the current embedder, the vectors that an
// earlier embedder made, in one transaction.
func (s *Store) reembedStale(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `SELECT v.id, v.lang, e.doc FROM variants v JOIN entries e ON e.id = v.entry_id WHERE v.embedder <> ?`, s.embedder.Name())
	if err != nil {
		return fmt.Errorf("sqlite: re-embed: %w", err)
	}
	type stale struct {
		id  int64
		vec []float32
	}
	var todo []stale
	for rows.Next() {
		var id int64
		var lang, doc string
		if err := rows.Scan(&id, &lang, &doc); err != nil {
			rows.Close()
			return fmt.Errorf("sqlite: re-embed: %w", err)
		}
		e, err := decodeEntry(doc)
		if err != nil {
			rows.Close()
			return fmt.Errorf("sqlite: re-embed: %w", err)
		}
		v := e.Variants[lang]
		if v == nil {
			continue
		}
		vec, err := kb.VariantVector(ctx, s.embedder, v)
		if err != nil {
			rows.Close()
			return fmt.Errorf("sqlite: re-embed %s/%s: %w", e.ID, lang, err)
		}
		todo = append(todo, stale{id, vec})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: re-embed: %w", err)
	}
	if len(todo) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: re-embed: %w", err)
	}
	defer tx.Rollback()
	for _, t := range todo {
		if _, err := tx.ExecContext(ctx, `UPDATE variants SET embedder = ?, vector = ? WHERE id = ?`, s.embedder.Name(), encodeVector(t.vec), t.id); err != nil {
			return fmt.Errorf("sqlite: re-embed: %w", err)
		}
	}
	return tx.Commit()
}

// loadVectors reads every variant's vector and its entry's filter fields.
func (s *Store) loadVectors(ctx context.Context) (*vectorIndex, error) {
	ix := newVectorIndex(s.embedder.Dim())
	rows, err := s.db.QueryContext(ctx, `SELECT v.id, v.lang, v.vector, e.id, e.status, e.agency, e.valid_from, e.valid_until
		FROM variants v JOIN entries e ON e.id = v.entry_id ORDER BY v.id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: load vectors: %w", err)
	}
	defer rows.Close()
	metas := map[string]*entryMeta{}
	for rows.Next() {
		var r vectorRow
		var blob []byte
		var m entryMeta
		var from, until *int64
		if err := rows.Scan(&r.id, &r.lang, &blob, &m.id, &m.status, &m.agency, &from, &until); err != nil {
			return nil, fmt.Errorf("sqlite: load vectors: %w", err)
		}
		if r.vec, err = decodeVector(blob, s.embedder.Dim()); err != nil {
			return nil, fmt.Errorf("sqlite: load vectors: variant %d: %w", r.id, err)
		}
		m.from, m.until = orInf(from, math.MinInt64), orInf(until, math.MaxInt64)
		if known, ok := metas[m.id]; ok {
			r.meta = known
		} else {
			r.meta = &m
			metas[m.id] = &m
		}
		ix.put(r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: load vectors: %w", err)
	}
	return ix, nil
}

func orInf(p *int64, inf int64) int64 {
	if p == nil {
		return inf
	}
	return *p
}

func encodeVector(v []float32) []byte {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
	}
	return b
}

func decodeVector(b []byte, dim int) ([]float32, error) {
	if len(b) != 4*dim {
		return nil, errors.New("stored vector has the wrong length")
	}
	v := make([]float32, dim)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return v, nil
}

// TermStats implements kb.Store.
func (s *Store) TermStats(ctx context.Context, lang string, terms []string) (kb.TermStats, error) {
	st := kb.TermStats{DF: map[string]int{}, Similar: map[string]string{}}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM variants WHERE lang = ?`, lang).Scan(&st.Docs); err != nil {
		return st, fmt.Errorf("sqlite: term stats: %w", err)
	}
	prefix := kb.PrefixTerms(lang, []string{""})
	for _, t := range terms {
		if _, done := st.DF[t]; done {
			continue
		}
		var df int
		err := s.db.QueryRowContext(ctx, `SELECT doc FROM variant_terms_vocab WHERE term = ?`, prefix+t).Scan(&df)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return st, fmt.Errorf("sqlite: term stats: %w", err)
		}
		st.DF[t] = df
		if df > 0 || utf8.RuneCountInString(t) < kb.MinCorrectableLen {
			continue
		}
		// Candidates share the term's first two letters: typos mostly fall
		// later in a word, and the range keeps the scan short.
		lo := prefix + string([]rune(t)[:2])
		rows, err := s.db.QueryContext(ctx, `SELECT term, doc FROM variant_terms_vocab WHERE term >= ? AND term < ? LIMIT 5000`, lo, lo+"\U0010FFFF")
		if err != nil {
			return st, fmt.Errorf("sqlite: term stats: %w", err)
		}
		best, bestDF := "", 0
		for rows.Next() {
			var cand string
			var n int
			if err := rows.Scan(&cand, &n); err != nil {
				rows.Close()
				return st, fmt.Errorf("sqlite: term stats: %w", err)
			}
			cand = strings.TrimPrefix(cand, prefix)
			if n > bestDF && kb.WithinOneEdit(t, cand) {
				best, bestDF = cand, n
			}
		}
		rows.Close()
		if best != "" {
			st.Similar[t] = best
		}
	}
	return st, nil
}
