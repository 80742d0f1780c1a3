package postgres_test

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sportello/sportello/kb/postgres/pgtest"
	"github.com/sportello/sportello/telephony/webhook"
	whpg "github.com/sportello/sportello/telephony/webhook/postgres"
	"github.com/sportello/sportello/telephony/webhook/webhooktest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

func TestContract(t *testing.T) {
	pgtest.MustStart(t)
	webhooktest.StoreContract(t, func(t *testing.T) webhook.Store {
		ctx := context.Background()
		pool, err := pgxpool.New(ctx, pgtest.NewDatabase(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(pool.Close)
		st, err := whpg.New(ctx, pool)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := whpg.New(ctx, pool); err != nil {
			t.Fatalf("second start: %v", err)
		}
		return st
	})
}
