package postgres_test

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/chat/chattest"
	chatpg "github.com/sportello/sportello/chat/postgres"
	"github.com/sportello/sportello/kb/postgres/pgtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

func TestContract(t *testing.T) {
	pgtest.MustStart(t)
	chattest.StoreContract(t, func(t *testing.T) chat.Store {
		ctx := context.Background()
		pool, err := pgxpool.New(ctx, pgtest.NewDatabase(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(pool.Close)
		st, err := chatpg.New(ctx, pool)
		if err != nil {
			t.Fatal(err)
		}
		// A second process starting on the same database migrates nothing twice.
		if _, err := chatpg.New(ctx, pool); err != nil {
			t.Fatalf("second start: %v", err)
		}
		return st
	})
}
