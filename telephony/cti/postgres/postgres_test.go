package postgres_test

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sportello/sportello/kb/postgres/pgtest"
	"github.com/sportello/sportello/telephony/cti"
	"github.com/sportello/sportello/telephony/cti/ctitest"
	ctipg "github.com/sportello/sportello/telephony/cti/postgres"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

func TestContract(t *testing.T) {
	pgtest.MustStart(t)
	ctitest.CallbackStoreContract(t, func(t *testing.T) cti.CallbackStore {
		ctx := context.Background()
		pool, err := pgxpool.New(ctx, pgtest.NewDatabase(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(pool.Close)
		st, err := ctipg.New(ctx, pool)
		if err != nil {
			t.Fatal(err)
		}
		// A second process starting on the same database migrates nothing twice.
		if _, err := ctipg.New(ctx, pool); err != nil {
			t.Fatalf("second start: %v", err)
		}
		return st
	})
}
