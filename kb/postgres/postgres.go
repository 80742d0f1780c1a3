// Package postgres is the production knowledge-base store: PostgreSQL 15
// or later with the pgvector extension, through pgx. Lexical search ranks
// with BM25F (the same formula, parameters and arithmetic as the embedded
// store) over the analysed terms, from postings blocks that imports keep
// up to date in the same transaction (postings.go); vector search is a
// pgvector HNSW index with cosine distance. Several processes can share
// one database: every search reads the database, so an edit made by one
// is seen by the others at once.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/pgvector/pgvector-go"

	"github.com/sportello/sportello/kb"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the PostgreSQL implementation of kb.Store.
type Store struct {
	pool     *pgxpool.Pool
	embedder kb.Embedder
	blocks   *blockCache
	scratch  sync.Pool // of *scorer
}

// cachePostings is how many decoded postings a store keeps (16 bytes
// each): at 50,000 entries in nine languages the index holds about 25
// million, of which the common terms' are read by most searches.
const cachePostings = 8 << 20

var _ kb.Store = (*Store)(nil)

// DefaultEFSearch is the hnsw.ef_search of the store's connections when
// the database URL does not set one: how many candidates an HNSW search
// keeps. pgvector's own default, 40, is below what retrieval needs: a
// retrieval asks for 30 neighbours (kb.Retriever's depth), and on the
// 256-dimension hashed vectors of cmd/kbbench, 40 finds only 0.90 of the
// exact top 10 at 10,000 entries × 9 languages, and fewer at 50,000.
// 400 is the smallest value measured to keep recall@10 at or above 0.95
// at 50,000 entries × 9 languages (0.973; 200 gave 0.948), at about twice
// the vector search time of 200. docs/benchmarks.md measures recall and
// latency at several values; a deployment whose embedder's vectors are
// more clustered can lower it in the database URL.
const DefaultEFSearch = 400

// lockKey is the advisory lock that serialises schema changes and imports
// across processes sharing one database.
const lockKey = 0x5350_4f52_5445_4c4c // "SPORTELL"

// Open connects to the database at url (a postgres:// URL or a key=value
// connection string), makes sure the vector extension is there, applies
// pending migrations and sizes the vector column for e. Vectors that
// another embedder made are re-made with e when there are at most
// AutoReembed of them; more are left to Reembed (`sportello kb reembed`),
// and meanwhile vector search leaves their variants out: retrieval never
// compares vectors of two embedders.
func Open(ctx context.Context, url string, e kb.Embedder) (*Store, error) {
	if e == nil {
		return nil, errors.New("postgres: open: an embedder is required")
	}
	if e.Dim() <= 0 {
		return nil, fmt.Errorf("postgres: open: embedder %q has dimension %d: %w", e.Name(), e.Dim(), kb.ErrInvalid)
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: the database URL is not valid: %w", err)
	}
	// Let HNSW scans go on until the filters have let enough rows through
	// (pgvector 0.8); older versions ignore the setting.
	cfg.ConnConfig.RuntimeParams["hnsw.iterative_scan"] = "strict_order"
	// A wider HNSW search than pgvector's default, unless the URL sets
	// one (…&hnsw.ef_search=N).
	if _, ok := cfg.ConnConfig.RuntimeParams["hnsw.ef_search"]; !ok {
		cfg.ConnConfig.RuntimeParams["hnsw.ef_search"] = strconv.Itoa(DefaultEFSearch)
	}
	// The best plan of a lexical search depends on how common its terms
	// are: plan each execution for its arguments, never with a generic
	// plan of the statement pgx prepared (cmd/kbbench: the generic plans
	// made lexical searches 5 to 10 times slower).
	cfg.ConnConfig.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, connectError(cfg.ConnConfig, err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, connectError(cfg.ConnConfig, err)
	}
	s := &Store{pool: pool, embedder: e, blocks: newBlockCache(cachePostings)}
	if err := s.setUp(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// connectError explains a failure to connect in words a person can act
// on: which server, which database or user, and what to check.
func connectError(cfg *pgx.ConnConfig, err error) error {
	where := net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port)))
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr) && pgErr.Code == "3D000": // invalid_catalog_name
		return fmt.Errorf("postgres: the database %q does not exist on the PostgreSQL server at %s: create it (createdb %s) or correct the URL: %w",
			cfg.Database, where, cfg.Database, err)
	case errors.As(err, &pgErr) && (pgErr.Code == "28P01" || pgErr.Code == "28000"): // invalid_password, invalid_authorization_specification
		return fmt.Errorf("postgres: the PostgreSQL server at %s refused the user %q: check the user and password in the URL: %w", where, cfg.User, err)
	case errors.As(err, &pgErr):
		return fmt.Errorf("postgres: cannot connect to PostgreSQL at %s: %w", where, err)
	}
	return fmt.Errorf("postgres: cannot connect to PostgreSQL at %s: is the server running, and are the host and port of the URL right? %w", where, err)
}

// setUp does Open's schema work on one connection holding the advisory
// lock, so that two processes starting together do not both migrate.
func (s *Store) setUp(ctx context.Context) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("postgres: open: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(lockKey)); err != nil {
		return fmt.Errorf("postgres: open: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(lockKey))
	c := conn.Conn()
	if err := ensureVector(ctx, c); err != nil {
		return err
	}
	if err := migrate(ctx, c, migrations); err != nil {
		return err
	}
	if err := fillLexical(ctx, c); err != nil {
		return err
	}
	if err := fillEntryList(ctx, c); err != nil { // list.go
		return err
	}
	if err := s.ensureEmbeddingColumn(ctx, c); err != nil {
		return err
	}
	return s.autoReembed(ctx)
}

// ensureVector creates the vector extension if the server has it and the
// database does not use it yet.
func ensureVector(ctx context.Context, c *pgx.Conn) error {
	var installed, available bool
	if err := c.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector'),
		EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector')`).Scan(&installed, &available); err != nil {
		return fmt.Errorf("postgres: open: %w", err)
	}
	if installed {
		return nil
	}
	db := c.Config().Database
	if !available {
		return fmt.Errorf("postgres: open: the PostgreSQL server has no vector extension (pgvector): install it on the server "+
			"(on Debian, scripts/install-pgvector.sh; elsewhere the package postgresql-NN-pgvector, or https://github.com/pgvector/pgvector#installation), "+
			"then run CREATE EXTENSION vector in the database %q as a superuser", db)
	}
	if _, err := c.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS vector`); err != nil {
		return fmt.Errorf("postgres: open: the vector extension (pgvector) is installed on the server but not enabled in the database %q, "+
			"and the user %q cannot enable it: as a superuser, run CREATE EXTENSION vector in that database (psql -d %s -c 'CREATE EXTENSION vector'): %w",
			db, c.Config().User, db, err)
	}
	return nil
}

// migrate applies the migrations of fsys (migrations/NNNN_name.sql) not
// yet recorded, each in its own transaction, so a failing one leaves the
// schema as it was before it.
func migrate(ctx context.Context, c *pgx.Conn, fsys fs.FS) error {
	if _, err := c.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	slices.Sort(names)
	for _, name := range names {
		base := path.Base(name)
		version, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("postgres: migrate: %s does not start with a version number", base)
		}
		var done bool
		if err := c.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)`, version).Scan(&done); err != nil {
			return fmt.Errorf("postgres: migrate: %w", err)
		}
		if done {
			continue
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("postgres: migrate: %w", err)
		}
		err = pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error {
			// No arguments: the simple protocol runs every statement of the file.
			if _, err := tx.Exec(ctx, string(body), pgx.QueryExecModeSimpleProtocol); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, version, base)
			return err
		})
		if err != nil {
			return fmt.Errorf("postgres: migration %s failed and was rolled back, so the schema is as it was before it: %w", base, err)
		}
	}
	return nil
}

// fillLexical builds the lexical index from the stored variants when they
// have none: once, after the migration that introduced it.
func fillLexical(ctx context.Context, c *pgx.Conn) error {
	var empty bool
	if err := c.QueryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM lexicon_stats) AND EXISTS (SELECT 1 FROM variants)`).Scan(&empty); err != nil {
		return fmt.Errorf("postgres: open: %w", err)
	}
	if !empty {
		return nil
	}
	if err := pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error { return rebuildLexical(ctx, tx) }); err != nil {
		return fmt.Errorf("postgres: open: %w", err)
	}
	return nil
}

// vectorArg is the query argument for a stored vector: NULL for the zero
// vector, whose cosine distance to anything is undefined.
func vectorArg(v []float32) any {
	for _, x := range v {
		if x != 0 {
			return pgvector.NewVector(v)
		}
	}
	return nil
}

// Pool returns the connection pool, for other parts of the product that
// keep their tables in the same database.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Embedder implements kb.Store.
func (s *Store) Embedder() kb.Embedder { return s.embedder }

// Close implements kb.Store.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}
