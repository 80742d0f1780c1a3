// Package pgmigrate applies embedded SQL migrations to PostgreSQL for the
// parts of Sportello that keep tables beside the knowledge base
// (conversations, staff accounts, the SMS outbox), each with its own
// record table, under an advisory lock so that processes starting
// together do not migrate twice.
package pgmigrate

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Run applies the files migrations/NNNN_name.sql of files that table does
// not record yet, in order, each with its record in one transaction: a
// failing migration leaves the schema as it was before it. lock is the
// advisory lock key that serialises this component's migrations.
func Run(ctx context.Context, pool *pgxpool.Pool, table string, lock int64, files fs.FS) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("migrate %s: %w", table, err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, lock); err != nil {
		return fmt.Errorf("migrate %s: %w", table, err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, lock)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS `+pgx.Identifier{table}.Sanitize()+` (
		version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("migrate %s: %w", table, err)
	}
	names, err := fs.Glob(files, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("migrate %s: %w", table, err)
	}
	slices.Sort(names)
	for _, f := range names {
		name := path.Base(f)
		v, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migrate %s: %s does not start with a version number", table, name)
		}
		body, err := fs.ReadFile(files, f)
		if err != nil {
			return fmt.Errorf("migrate %s: %w", table, err)
		}
		err = pgx.BeginFunc(ctx, conn.Conn(), func(tx pgx.Tx) error {
			tag, err := tx.Exec(ctx, `INSERT INTO `+pgx.Identifier{table}.Sanitize()+` (version, name) VALUES ($1, $2) ON CONFLICT DO NOTHING`, v, name)
			if err != nil || tag.RowsAffected() == 0 {
				return err // an error, or applied already
			}
			// No arguments: the simple protocol runs every statement of the file.
			_, err = tx.Exec(ctx, string(body), pgx.QueryExecModeSimpleProtocol)
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate %s: %w", name, err)
		}
	}
	return nil
}
