package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/sportello/sportello/kb"
)

// CountCoverage implements kb.Store: the language states of the entries
// q matches, counted by the server from entry_list's coverage words
// (" it:current sq:outdated "), without reading a document.
func (s *Store) CountCoverage(ctx context.Context, q kb.EntryQuery, langs []string) (kb.CoverageCount, error) {
	if err := q.Normalize(); err != nil {
		return kb.CoverageCount{}, fmt.Errorf("postgres: %w", err)
	}
	if err := kb.CheckCoverageLangs(langs); err != nil {
		return kb.CoverageCount{}, fmt.Errorf("postgres: %w", err)
	}
	where, args := listWhere(q)
	var total int
	present := map[string]map[kb.Coverage]int{}
	// One snapshot: the total and the states agree.
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM entry_list l`+where, args...).Scan(&total); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT k, count(*) FROM entry_list l
			CROSS JOIN LATERAL unnest(string_to_array(btrim(l.coverage), ' ')) AS k`+where+` GROUP BY k`, args...)
		if err != nil {
			return err
		}
		var key string
		var n int
		_, err = pgx.ForEachRow(rows, []any{&key, &n}, func() error {
			lang, st, ok := kb.ParseCoverageKey(key)
			if !ok {
				return fmt.Errorf("malformed coverage word %q", key)
			}
			if present[lang] == nil {
				present[lang] = map[kb.Coverage]int{}
			}
			present[lang][st] += n
			return nil
		})
		return err
	})
	if err != nil {
		return kb.CoverageCount{}, fmt.Errorf("postgres: coverage: %w", err)
	}
	c, err := kb.TallyCoverage(total, langs, present)
	if err != nil {
		return kb.CoverageCount{}, fmt.Errorf("postgres: %w", err)
	}
	return c, nil
}
