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
//
// Preparing takes a connection from the pool. A transaction already
// holds one, and with every connection held by a transaction waiting to
// prepare, none would ever be free: so a transaction never waits for a
// statement to be prepared. It runs the query unprepared, and a goroutine
// of its own prepares it for the next turns.
type prepared struct {
	mu      sync.Mutex
	m       map[string]*sql.Stmt
	pending map[string]bool
}

func (p *prepared) lookup(query string) *sql.Stmt {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.m[query]
}

// prepare prepares query on db, without holding the lock meanwhile, and
// returns the statement kept for it (nil if it does not prepare).
func (p *prepared) prepare(ctx context.Context, db *sql.DB, query string) *sql.Stmt {
	st, err := db.PrepareContext(ctx, query)
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.pending, query)
	if err != nil {
		return nil
	}
	if old := p.m[query]; old != nil {
		st.Close()
		return old
	}
	if p.m == nil {
		p.m = map[string]*sql.Stmt{}
	}
	p.m[query] = st
	return st
}

// prepareLater prepares query in the background, once.
func (p *prepared) prepareLater(db *sql.DB, query string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pending[query] || p.m[query] != nil {
		return
	}
	if p.pending == nil {
		p.pending = map[string]bool{}
	}
	p.pending[query] = true
	go p.prepare(context.Background(), db, query)
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
	p := &r.s.stmts
	st := p.lookup(query)
	switch {
	case st == nil && r.tx != nil:
		p.prepareLater(r.s.db, query)
		return nil
	case st == nil:
		if st = p.prepare(ctx, r.s.db, query); st == nil {
			return nil
		}
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
