package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sportello/sportello/kb"
)

// filterSQL restricts e (entries) to what f lets through; its arguments
// are $2 (the instant), $3 (agency, "" for any) and $4 (unpublished too).
const filterSQL = `e.status <> 'archived' AND ($4::boolean OR e.status = 'published')
	AND (e.valid_from IS NULL OR e.valid_from <= $2) AND (e.valid_until IS NULL OR $2 < e.valid_until)
	AND ($3 = '' OR e.agency = $3 OR e.shared)`

func filterArgs(f kb.Filter) []any {
	at := f.At
	if at.IsZero() {
		at = time.Now()
	}
	return []any{f.Lang, at, f.Agency, f.Unpublished}
}

// vectorSQL ranks the language's variants by cosine distance to $5 with
// the language's HNSW index; hnsw.iterative_scan (set at connect) keeps
// the scan going until the filters have let enough rows through. Only the
// vectors of the query's embedder ($7) count: while a re-embedding is
// under way, the variants it has not reached yet are left out, never
// compared with a vector of another model. The inner query orders by the
// distance alone, which is what the index can give; ties are broken by
// entry id outside it.
var vectorSQL = fmt.Sprintf(`
SELECT id, 1 - d AS score FROM (
	SELECT e.id, v.embedding <=> $5 AS d
	FROM variants v JOIN entries e ON e.id = v.entry_id
	WHERE v.lang = $1 AND v.embedding IS NOT NULL AND v.embedder = $7 AND %s
	ORDER BY v.embedding <=> $5 LIMIT $6) n
ORDER BY d, id COLLATE "C"`, filterSQL)

// SearchVector implements kb.Store.
func (s *Store) SearchVector(ctx context.Context, q kb.VectorQuery) ([]kb.Match, error) {
	if q.Embedder != s.embedder.Name() {
		return nil, fmt.Errorf("postgres: vector search: the query vector comes from %q but the knowledge base is indexed with %q: %w",
			q.Embedder, s.embedder.Name(), kb.ErrInvalid)
	}
	if len(q.Vector) != s.embedder.Dim() {
		return nil, fmt.Errorf("postgres: vector search: vector has dimension %d, want %d: %w", len(q.Vector), s.embedder.Dim(), kb.ErrInvalid)
	}
	if q.Limit <= 0 {
		return nil, nil
	}
	vec := vectorArg(q.Vector)
	if vec == nil { // the zero vector is close to nothing
		return nil, nil
	}
	ms, err := s.matches(ctx, vectorSQL, append(filterArgs(q.Filter), vec, q.Limit, q.Embedder)...)
	if err != nil {
		return nil, fmt.Errorf("postgres: vector search: %w", err)
	}
	return ms, nil
}

// SearchVectorExact is SearchVector without the HNSW index: the same
// query, with index scans disabled for its transaction, so that it ranks
// every variant of the language exactly. It is slow on a large knowledge
// base; it exists to measure the recall of the index (cmd/kbbench).
func (s *Store) SearchVectorExact(ctx context.Context, q kb.VectorQuery) ([]kb.Match, error) {
	if q.Embedder != s.embedder.Name() || len(q.Vector) != s.embedder.Dim() {
		return s.SearchVector(ctx, q) // for its errors
	}
	vec := vectorArg(q.Vector)
	if q.Limit <= 0 || vec == nil {
		return nil, nil
	}
	var ms []kb.Match
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL enable_indexscan = off`); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, vectorSQL, append(filterArgs(q.Filter), vec, q.Limit, q.Embedder)...)
		if err != nil {
			return err
		}
		ms, err = collectMatches(rows)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: exact vector search: %w", err)
	}
	return ms, nil
}

func (s *Store) matches(ctx context.Context, sql string, args ...any) ([]kb.Match, error) {
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	return collectMatches(rows)
}

func collectMatches(rows pgx.Rows) ([]kb.Match, error) {
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (kb.Match, error) {
		var m kb.Match
		err := r.Scan(&m.EntryID, &m.Score)
		return m, err
	})
}
