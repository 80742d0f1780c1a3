package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// A chat turn runs half a dozen statements, and SQLite parsing and
// planning each one again cost about as much as running it. The store
// prepares the statements of a turn once; database/sql then keeps each
// prepared on every connection that has run it, and a transaction uses
// the connection's own (sql.Tx.StmtContext).

// prepared holds the store's prepared statements by query text. The
// queries are constants of this package, so the map stays small.
type prepared struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func (p *prepared) get(ctx context.Context, db *sql.DB, query string) (*sql.Stmt, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if st := p.m[query]; st != nil {
		return st, nil
	}
	st, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if p.m == nil {
		p.m = map[string]*sql.Stmt{}
	}
	p.m[query] = st
	return st, nil
}

// runner runs prepared statements on the database, or in tx when it is
// not nil. A statement that does not prepare runs unprepared, which
// reports the same error.
type runner struct {
	s  *Store
	tx *sql.Tx
}

func (s *Store) on(tx *sql.Tx) runner { return runner{s, tx} }

func (r runner) stmt(ctx context.Context, query string) *sql.Stmt {
	st, err := r.s.stmts.get(ctx, r.s.db, query)
	if err != nil {
		return nil
	}
	if r.tx != nil {
		return r.tx.StmtContext(ctx, st)
	}
	return st
}

func (r runner) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := r.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	if r.tx != nil {
		return r.tx.ExecContext(ctx, query, args...)
	}
	return r.s.db.ExecContext(ctx, query, args...)
}

func (r runner) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := r.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	if r.tx != nil {
		return r.tx.QueryContext(ctx, query, args...)
	}
	return r.s.db.QueryContext(ctx, query, args...)
}

func (r runner) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := r.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	if r.tx != nil {
		return r.tx.QueryRowContext(ctx, query, args...)
	}
	return r.s.db.QueryRowContext(ctx, query, args...)
}
