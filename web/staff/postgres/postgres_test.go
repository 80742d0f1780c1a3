package postgres_test

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sportello/sportello/kb/postgres/pgtest"
	"github.com/sportello/sportello/web/staff"
	staffpg "github.com/sportello/sportello/web/staff/postgres"
	"github.com/sportello/sportello/web/staff/stafftest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

func TestContract(t *testing.T) {
	pgtest.MustStart(t)
	stafftest.StoreContract(t, func(t *testing.T) staff.Store {
		ctx := context.Background()
		pool, err := pgxpool.New(ctx, pgtest.NewDatabase(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(pool.Close)
		st, err := staffpg.New(ctx, pool)
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}
