package sqlite

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/sportello/sportello/kb"
)

// SearchLexical implements kb.Store.
func (s *Store) SearchLexical(ctx context.Context, q kb.LexicalQuery) ([]kb.Match, error) {
	if len(q.Terms) == 0 || q.Limit <= 0 {
		return nil, nil
	}
	return s.index.lexical(q), nil
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
	return s.index.vector(q), nil
}

// loadIndex reads every variant's terms and vector and its entry's filter
// fields. A vector that another embedder made is not loaded: its row
// waits, outside vector search, to be re-embedded.
func (s *Store) loadIndex(ctx context.Context) (*index, error) {
	ix := newIndex(s.embedder.Dim())
	rows, err := s.db.QueryContext(ctx, `SELECT v.id, v.lang, v.phrase_terms, v.answer_terms, v.embedder, v.vector,
			e.id, e.status, e.agency, e.valid_from, e.valid_until, e.shared
		FROM variants v JOIN entries e ON e.id = v.entry_id ORDER BY v.id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: load the index: %w", err)
	}
	defer rows.Close()
	metas := map[string]*entryMeta{}
	for rows.Next() {
		var r indexRow
		var phrases, answer, embedder string
		var blob []byte
		var m entryMeta
		var from, until *int64
		if err := rows.Scan(&r.id, &r.lang, &phrases, &answer, &embedder, &blob, &m.id, &m.status, &m.agency, &from, &until, &m.shared); err != nil {
			return nil, fmt.Errorf("sqlite: load the index: %w", err)
		}
		if embedder != s.embedder.Name() {
			r.vec, r.novec = make([]float32, s.embedder.Dim()), true
		} else if r.vec, err = decodeVector(blob, s.embedder.Dim()); err != nil {
			return nil, fmt.Errorf("sqlite: load the index: variant %d: %w", r.id, err)
		}
		r.phrases, r.answer = strings.Fields(phrases), strings.Fields(answer)
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
		return nil, fmt.Errorf("sqlite: load the index: %w", err)
	}
	ix.refresh()
	if err := s.loadAdoptions(ctx, ix); err != nil { // adoptions.go
		return nil, err
	}
	s.index = ix
	if err := s.warmEntries(ctx); err != nil { // cache.go
		return nil, err
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
	return s.index.termStats(lang, terms), nil
}
