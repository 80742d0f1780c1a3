package postgres_test

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sportello/sportello/kb/postgres/pgtest"
	smspg "github.com/sportello/sportello/telephony/sms/postgres"
	"github.com/sportello/sportello/telephony/sms/smstest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

func TestContract(t *testing.T) {
	pgtest.MustStart(t)
	smstest.StoreContract(t, func(t *testing.T) smstest.Store {
		ctx := context.Background()
		pool, err := pgxpool.New(ctx, pgtest.NewDatabase(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(pool.Close)
		st, err := smspg.New(ctx, pool)
		if err != nil {
			t.Fatal(err)
		}
		// A second process starting on the same database migrates nothing twice.
		if _, err := smspg.New(ctx, pool); err != nil {
			t.Fatalf("second start: %v", err)
		}
		return st
	})
}
