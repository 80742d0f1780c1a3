package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sportello/sportello/kb"
	kbsqlite "github.com/sportello/sportello/kb/sqlite"
	"github.com/sportello/sportello/web/staff"
	staffsqlite "github.com/sportello/sportello/web/staff/sqlite"
	"github.com/sportello/sportello/web/staff/stafftest"
)

func TestContract(t *testing.T) {
	stafftest.StoreContract(t, func(t *testing.T) staff.Store {
		ctx := context.Background()
		kbs, err := kbsqlite.Open(ctx, filepath.Join(t.TempDir(), "sportello.db"), kb.NewHashEmbedder(0))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { kbs.Close() })
		st, err := staffsqlite.New(ctx, kbs.DB())
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}
