package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sportello/sportello/kb"
)

// BM25F parameters, the embedded store's: the usual k1 and b, and field
// weights under which a term in the question or an alternate phrasing
// counts four times one in the answer. The same formula on both stores
// keeps lexical scores comparable, whatever the deployment.
const (
	bm25K1       = 1.2
	bm25B        = 0.75
	phraseWeight = 4.0
	answerWeight = 1.0
)

// filterSQL restricts e (entries) to what f lets through; its arguments
// are $2 (the instant), $3 (agency, "" for any) and $4 (unpublished too).
const filterSQL = `e.status <> 'archived' AND ($4::boolean OR e.status = 'published')
	AND (e.valid_from IS NULL OR e.valid_from <= $2) AND (e.valid_until IS NULL OR $2 < e.valid_until)
	AND ($3 = '' OR e.agency = $3)`

func filterArgs(f kb.Filter) []any {
	at := f.At
	if at.IsZero() {
		at = time.Now()
	}
	return []any{f.Lang, at, f.Agency, f.Unpublished}
}

// lexicalSQL finds the variants whose terms meet the query ($5, a tsquery)
// through the GIN index, keeps those the filters allow, and scores them
// with BM25F from the term frequencies ($6, the distinct query terms).
// Document frequencies and average lengths count every variant of the
// language, like TermStats.
var lexicalSQL = fmt.Sprintf(`
WITH st AS (
	SELECT count(*)::float8 AS n,
		greatest(1, coalesce(sum(len_p), 0)::float8 / greatest(1, count(*))) AS avgp,
		greatest(1, coalesce(sum(len_a), 0)::float8 / greatest(1, count(*))) AS avga
	FROM variants WHERE lang = $1),
df AS (
	SELECT term, count(*)::float8 AS df FROM variant_terms
	WHERE lang = $1 AND term = ANY($6::text[]) GROUP BY term),
cand AS (
	SELECT v.id, v.len_p, v.len_a, e.id AS entry_id
	FROM variants v JOIN entries e ON e.id = v.entry_id
	WHERE v.lang = $1 AND v.tsv @@ $5::tsquery AND %s),
scored AS (
	SELECT c.entry_id, sum(ln(1 + (st.n - df.df + 0.5) / (df.df + 0.5)) * w.w / (%g + w.w)) AS score
	FROM cand c
	JOIN variant_terms vt ON vt.variant_id = c.id AND vt.term = ANY($6::text[])
	JOIN df ON df.term = vt.term
	CROSS JOIN st
	CROSS JOIN LATERAL (SELECT %g * vt.tf_p / (%g + %g * c.len_p / st.avgp)
		+ %g * vt.tf_a / (%g + %g * c.len_a / st.avga) AS w) w
	GROUP BY c.entry_id)
SELECT entry_id, score FROM scored ORDER BY score DESC, entry_id COLLATE "C" LIMIT $7`,
	filterSQL, bm25K1, phraseWeight, 1-bm25B, bm25B, answerWeight, 1-bm25B, bm25B)

// SearchLexical implements kb.Store.
func (s *Store) SearchLexical(ctx context.Context, q kb.LexicalQuery) ([]kb.Match, error) {
	terms := distinct(q.Terms)
	if len(terms) == 0 || q.Limit <= 0 {
		return nil, nil
	}
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = quoteLexeme(t)
	}
	args := append(filterArgs(q.Filter), strings.Join(quoted, " | "), terms, q.Limit)
	ms, err := s.matches(ctx, lexicalSQL, args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: lexical search: %w", err)
	}
	return ms, nil
}

// vectorSQL ranks the language's variants by cosine distance to $5 with
// the HNSW index; hnsw.iterative_scan (set at connect) keeps the scan
// going until the filters have let enough rows through.
var vectorSQL = fmt.Sprintf(`
SELECT e.id, 1 - (v.embedding <=> $5) AS score
FROM variants v JOIN entries e ON e.id = v.entry_id
WHERE v.lang = $1 AND v.embedding IS NOT NULL AND %s
ORDER BY v.embedding <=> $5, e.id COLLATE "C" LIMIT $6`, filterSQL)

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
	ms, err := s.matches(ctx, vectorSQL, append(filterArgs(q.Filter), vec, q.Limit)...)
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
		rows, err := tx.Query(ctx, vectorSQL, append(filterArgs(q.Filter), vec, q.Limit)...)
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

// TermStats implements kb.Store.
func (s *Store) TermStats(ctx context.Context, lang string, terms []string) (kb.TermStats, error) {
	st := kb.TermStats{DF: map[string]int{}, Similar: map[string]string{}}
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM variants WHERE lang = $1`, lang).Scan(&st.Docs); err != nil {
		return st, fmt.Errorf("postgres: term stats: %w", err)
	}
	uniq := distinct(terms)
	for _, t := range uniq {
		st.DF[t] = 0
	}
	if st.Docs == 0 || len(uniq) == 0 {
		return st, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT term, count(*) FROM variant_terms WHERE lang = $1 AND term = ANY($2::text[]) GROUP BY term`, lang, uniq)
	if err != nil {
		return st, fmt.Errorf("postgres: term stats: %w", err)
	}
	var t string
	var n int
	if _, err := pgx.ForEachRow(rows, []any{&t, &n}, func() error { st.DF[t] = n; return nil }); err != nil {
		return st, fmt.Errorf("postgres: term stats: %w", err)
	}
	for _, t := range uniq {
		rs := []rune(t)
		if st.DF[t] > 0 || len(rs) < kb.MinCorrectableLen {
			continue
		}
		fix, err := s.similar(ctx, lang, t, string(rs[:2]))
		if err != nil {
			return st, fmt.Errorf("postgres: term stats: %w", err)
		}
		if fix != "" {
			st.Similar[t] = fix
		}
	}
	return st, nil
}

// similar returns the indexed term within one edit of t that the most
// variants contain (the first in byte order on a tie), among the terms
// sharing t's first two letters: typos mostly fall later in a word, and
// the prefix keeps the scan short.
func (s *Store) similar(ctx context.Context, lang, t, prefix string) (string, error) {
	like := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(prefix) + "%"
	// The range, besides LIKE, lets the (lang, term) index bound the scan
	// whatever plan a prepared statement gets: LIKE with a parameter does
	// not. U+10FFFF sorts after every character in byte ("C") order.
	rows, err := s.pool.Query(ctx, `SELECT term, count(*) FROM variant_terms
		WHERE lang = $1 AND term >= $3 AND term < $3 || U&'\+10FFFF' AND term LIKE $2 GROUP BY term ORDER BY term`, lang, like, prefix)
	if err != nil {
		return "", err
	}
	best, bestDF := "", 0
	var cand string
	var n int
	_, err = pgx.ForEachRow(rows, []any{&cand, &n}, func() error {
		if n > bestDF && kb.WithinOneEdit(t, cand) {
			best, bestDF = cand, n
		}
		return nil
	})
	return best, err
}

func distinct(terms []string) []string {
	out := make([]string, 0, len(terms))
	for _, t := range terms {
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}
