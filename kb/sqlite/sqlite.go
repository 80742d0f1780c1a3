// Package sqlite is the embedded knowledge-base store: one SQLite file in
// WAL mode, pure Go (modernc.org/sqlite, no cgo), with an in-memory search
// index (BM25 postings over the analysed terms and an exact vector scan)
// rebuilt from its rows at start. It is the default, so that one command
// runs the whole product with nothing else installed.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/sportello/sportello/kb"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the SQLite implementation of kb.Store.
type Store struct {
	db       *sql.DB
	embedder kb.Embedder
	index    *index
}

var _ kb.Store = (*Store)(nil)

// Open opens (creating if needed) the database at path, applies pending
// migrations and loads the search index. Vectors that another embedder
// made are re-made with e when there are at most AutoReembed of them;
// more are left to Reembed (`sportello kb reembed`), and meanwhile vector
// search leaves their variants out: retrieval never compares vectors of
// two embedders.
func Open(ctx context.Context, path string, e kb.Embedder) (*Store, error) {
	if e == nil {
		return nil, errors.New("sqlite: open: an embedder is required")
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("sqlite: open: create the data folder: %w", err)
		}
	}
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate") // writers take the lock up front: no upgrade deadlocks
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	s := &Store{db: db, embedder: e}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.syncEntryList(ctx); err != nil { // list.go
		db.Close()
		return nil, err
	}
	if s.index, err = s.loadIndex(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.autoReembed(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// DB returns the underlying database, for other parts of the product that
// keep their tables in the same file.
func (s *Store) DB() *sql.DB { return s.db }

// Embedder implements kb.Store.
func (s *Store) Embedder() kb.Embedder { return s.embedder }

// Close implements kb.Store.
func (s *Store) Close() error { return s.db.Close() }

// migrate applies the knowledge base's embedded migrations.
func (s *Store) migrate(ctx context.Context) error {
	return Migrate(ctx, s.db, "schema_migrations", migrations)
}

// Migrate applies the migrations in files (migrations/NNNN_name.sql) not
// yet recorded in table, each in its own transaction, so a failing one
// leaves the schema as it was before it. Other parts of the product that
// keep tables in the same file use it with a table of their own.
func Migrate(ctx context.Context, db *sql.DB, table string, files fs.FS) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS `+table+` (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`); err != nil {
		return fmt.Errorf("sqlite: migrate: %w", err)
	}
	names, err := fs.Glob(files, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("sqlite: migrate: %w", err)
	}
	slices.Sort(names)
	for _, name := range names {
		base := filepath.Base(name)
		version, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("sqlite: migrate: %s does not start with a version number", base)
		}
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE version = ?`, version).Scan(&n); err != nil {
			return fmt.Errorf("sqlite: migrate: %w", err)
		}
		if n > 0 {
			continue
		}
		body, err := fs.ReadFile(files, name)
		if err != nil {
			return fmt.Errorf("sqlite: migrate: %w", err)
		}
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("sqlite: migrate %s: %w", base, err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("sqlite: migrate %s: %w", base, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+table+`(version, name) VALUES (?, ?)`, version, base); err != nil {
			tx.Rollback()
			return fmt.Errorf("sqlite: migrate %s: %w", base, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("sqlite: migrate %s: %w", base, err)
		}
	}
	return nil
}
