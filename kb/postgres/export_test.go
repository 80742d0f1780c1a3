package postgres

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/sportello/sportello/kb"
)

// SetBulkThreshold makes imports of n entries or more take the COPY path,
// until the returned function restores the threshold.
func SetBulkThreshold(n int) (restore func()) {
	old := bulkThreshold
	bulkThreshold = n
	return func() { bulkThreshold = old }
}

// DumpLexical describes the lexical index as the database holds it, with
// variants named by entry and language, so that two databases filled by
// different paths can be compared. It also checks the invariants of the
// blocks and that the index is what rebuilding it from the variants
// table gives; a violation is an error.
func DumpLexical(ctx context.Context, s *Store) (string, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return "", err
	}
	defer tx.Rollback(ctx) // the rebuild is only for the comparison
	got, err := dumpLexical(ctx, tx, true)
	if err != nil {
		return "", err
	}
	if err := rebuildLexical(ctx, tx); err != nil {
		return "", err
	}
	want, err := dumpLexical(ctx, tx, false)
	if err != nil {
		return "", err
	}
	if got != want {
		return "", fmt.Errorf("the lexical index differs from a rebuild:\n--- kept up to date\n%s\n--- rebuilt\n%s", got, want)
	}
	return got, nil
}

func dumpLexical(ctx context.Context, tx pgx.Tx, checkBlocks bool) (string, error) {
	names := map[int64]string{}
	rows, err := tx.Query(ctx, `SELECT id, entry_id || '/' || lang FROM variants`)
	if err != nil {
		return "", err
	}
	var id int64
	var name string
	if _, err := pgx.ForEachRow(rows, []any{&id, &name}, func() error { names[id] = name; return nil }); err != nil {
		return "", err
	}
	var b strings.Builder
	rows, err = tx.Query(ctx, `SELECT lang, docs, len_p, len_a FROM lexicon_stats WHERE docs <> 0 ORDER BY lang`)
	if err != nil {
		return "", err
	}
	var lang string
	var docs, lenP, lenA int64
	if _, err := pgx.ForEachRow(rows, []any{&lang, &docs, &lenP, &lenA}, func() error {
		fmt.Fprintf(&b, "stats %s %d %d %d\n", lang, docs, lenP, lenA)
		return nil
	}); err != nil {
		return "", err
	}
	dfs := map[termKey]int{}
	rows, err = tx.Query(ctx, `SELECT lang, term, df FROM lexicon`)
	if err != nil {
		return "", err
	}
	var term string
	var df int
	if _, err := pgx.ForEachRow(rows, []any{&lang, &term, &df}, func() error { dfs[termKey{lang, term}] = df; return nil }); err != nil {
		return "", err
	}
	rows, err = tx.Query(ctx, `SELECT lang, term, first_id, n, data FROM postings ORDER BY lang, term, first_id`)
	if err != nil {
		return "", err
	}
	lists := map[termKey][]string{}
	last := map[termKey]int64{}
	var first int64
	var n int32
	var data []byte
	if _, err := pgx.ForEachRow(rows, []any{&lang, &term, &first, &n, &data}, func() error {
		k := termKey{lang, term}
		ps, err := decodeBlock(first, int(n), data)
		if err != nil {
			return fmt.Errorf("%v block %d: %w", k, first, err)
		}
		if checkBlocks {
			switch {
			case len(ps) == 0 || len(ps) > maxBlock:
				return fmt.Errorf("%v block %d holds %d postings", k, first, len(ps))
			case ps[0].id != first:
				return fmt.Errorf("%v block %d starts at %d", k, first, ps[0].id)
			case last[k] >= first:
				return fmt.Errorf("%v block %d overlaps the previous one, which ends at %d", k, first, last[k])
			}
			for i := 1; i < len(ps); i++ {
				if ps[i].id <= ps[i-1].id {
					return fmt.Errorf("%v block %d is not in order", k, first)
				}
			}
			last[k] = ps[len(ps)-1].id
		}
		for _, p := range ps {
			lists[k] = append(lists[k], fmt.Sprintf("%s:%d,%d,%d,%d", names[p.id], p.tfP, p.tfA, p.lenP, p.lenA))
		}
		return nil
	}); err != nil {
		return "", err
	}
	keys := make([]termKey, 0, len(lists))
	for k := range lists {
		keys = append(keys, k)
		if dfs[k] != len(lists[k]) {
			return "", fmt.Errorf("%v: the lexicon says %d variants, the postings list %d", k, dfs[k], len(lists[k]))
		}
	}
	for k, df := range dfs {
		if _, ok := lists[k]; !ok {
			return "", fmt.Errorf("%v: the lexicon says %d variants, there are no postings", k, df)
		}
	}
	slices.SortFunc(keys, func(a, b termKey) int { return strings.Compare(a.lang+"\x00"+a.term, b.lang+"\x00"+b.term) })
	for _, k := range keys {
		l := lists[k]
		slices.Sort(l)
		fmt.Fprintf(&b, "%s %s %s\n", k.lang, k.term, strings.Join(l, " "))
	}
	return b.String(), nil
}

// ExplainVector returns the plan of the vector search of q, with
// sequential scans discouraged: on a small table the planner rightly
// prefers them, and the question is whether the index can serve the query.
func ExplainVector(ctx context.Context, s *Store, q kb.VectorQuery) (string, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return "", err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SET LOCAL enable_seqscan = off`); err != nil {
		return "", err
	}
	rows, err := tx.Query(ctx, "EXPLAIN "+vectorSQL, append(filterArgs(q.Filter), vectorArg(q.Vector), q.Limit, q.Embedder)...)
	if err != nil {
		return "", err
	}
	lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return strings.Join(lines, "\n"), err
}

// SetAutoReembed makes Open re-embed at most n stale vectors by itself,
// until the returned function restores the limit.
func SetAutoReembed(n int) (restore func()) {
	old := autoReembedLimit
	autoReembedLimit = n
	return func() { autoReembedLimit = old }
}

// Migrate applies the migrations of fsys to the database at url.
func Migrate(ctx context.Context, url string, fsys fs.FS) error {
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	return migrate(ctx, c, fsys)
}

// Migrations are the store's own migrations.
var Migrations fs.FS = migrations
