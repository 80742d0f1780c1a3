package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/sportello/sportello/kb"
)

// maxHNSWDim is the largest dimension pgvector's HNSW index takes for the
// vector type; above it searches scan exactly.
const maxHNSWDim = 2000

// hnswPrefix starts the names of the HNSW indexes, one per language:
// variants_hnsw_it indexes the Italian vectors. A search looks in one
// language, so each index holds only the vectors it can return: no search
// wades through eight other languages' neighbours to find the ninth's,
// and an import that brings a new language builds its index once, after
// its rows are written, which is much faster than adding them one by one.
const hnswPrefix = "variants_hnsw_"

// hnswBuildMemory is the maintenance_work_mem of an index build: enough
// for the graph of 100,000 vectors of 256 dimensions to stay in memory.
const hnswBuildMemory = "256MB"

func hnswIndex(lang string) string { return pgx.Identifier{hnswPrefix + lang}.Sanitize() }

// quoteLiteral quotes s as an SQL string literal (standard_conforming_strings
// is on since PostgreSQL 9.1).
func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// createHNSW creates the HNSW indexes of the languages that have
// variants but no index yet, inside tx.
func (s *Store) createHNSW(ctx context.Context, tx pgx.Tx, langs []string) error {
	if s.embedder.Dim() > maxHNSWDim || len(langs) == 0 {
		return nil
	}
	rows, err := tx.Query(ctx, `SELECT l FROM unnest($1::text[]) AS l
		WHERE NOT EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = $2 || l)`, langs, hnswPrefix)
	if err != nil {
		return fmt.Errorf("vector indexes: %w", err)
	}
	missing, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("vector indexes: %w", err)
	}
	if len(missing) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `SET LOCAL maintenance_work_mem = '`+hnswBuildMemory+`'`); err != nil {
		return fmt.Errorf("vector indexes: %w", err)
	}
	for _, lang := range missing {
		if !kb.ValidLanguageTag(lang) {
			return fmt.Errorf("vector indexes: %q is not a language tag: %w", lang, kb.ErrInvalid)
		}
		if _, err := tx.Exec(ctx, fmt.Sprintf(`CREATE INDEX %s ON variants USING hnsw (embedding vector_cosine_ops) WHERE lang = %s`,
			hnswIndex(lang), quoteLiteral(lang))); err != nil {
			return fmt.Errorf("vector index of %s: %w", lang, err)
		}
	}
	return nil
}

// ensureEmbeddingColumn gives variants an embedding column of the
// embedder's dimension, with an HNSW index per language. When the
// dimension changed, the old vectors are dropped and marked stale, for
// re-embedding.
func (s *Store) ensureEmbeddingColumn(ctx context.Context, c *pgx.Conn) error {
	dim := s.embedder.Dim()
	var typmod int
	err := c.QueryRow(ctx, `SELECT atttypmod FROM pg_attribute
		WHERE attrelid = 'variants'::regclass AND attname = 'embedding' AND NOT attisdropped`).Scan(&typmod)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		typmod = -1
	case err != nil:
		return fmt.Errorf("postgres: open: %w", err)
	}
	err = pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error {
		// The single index of the first version, over every language.
		stmts := []string{`DROP INDEX IF EXISTS variants_embedding`}
		if typmod != dim {
			rows, err := tx.Query(ctx, `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'variants'
				AND starts_with(indexname, $1)`, hnswPrefix)
			if err != nil {
				return err
			}
			names, err := pgx.CollectRows(rows, pgx.RowTo[string])
			if err != nil {
				return err
			}
			for _, n := range names {
				stmts = append(stmts, `DROP INDEX `+pgx.Identifier{n}.Sanitize())
			}
			if typmod == -1 {
				stmts = append(stmts, fmt.Sprintf(`ALTER TABLE variants ADD COLUMN embedding vector(%d)`, dim))
			} else {
				stmts = append(stmts,
					fmt.Sprintf(`ALTER TABLE variants ALTER COLUMN embedding TYPE vector(%d) USING NULL`, dim),
					`UPDATE variants SET embedder = ''`)
			}
		}
		for _, q := range stmts {
			if _, err := tx.Exec(ctx, q); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		rows, err := tx.Query(ctx, `SELECT DISTINCT lang FROM variants`)
		if err != nil {
			return err
		}
		langs, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		return s.createHNSW(ctx, tx, langs)
	})
	if err != nil {
		return fmt.Errorf("postgres: open: size the vectors for %s (dimension %d): %w", s.embedder.Name(), dim, err)
	}
	return nil
}
