package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sportello/sportello/kb"
	kbsqlite "github.com/sportello/sportello/kb/sqlite"
	"github.com/sportello/sportello/telephony/cti"
	"github.com/sportello/sportello/telephony/cti/ctitest"
	ctisqlite "github.com/sportello/sportello/telephony/cti/sqlite"
)

func TestContract(t *testing.T) {
	ctitest.CallbackStoreContract(t, func(t *testing.T) cti.CallbackStore {
		ctx := context.Background()
		kbs, err := kbsqlite.Open(ctx, filepath.Join(t.TempDir(), "sportello.db"), kb.NewHashEmbedder(0))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { kbs.Close() })
		st, err := ctisqlite.New(ctx, kbs.DB())
		if err != nil {
			t.Fatal(err)
		}
		// Opening again on a migrated file migrates nothing twice.
		if _, err := ctisqlite.New(ctx, kbs.DB()); err != nil {
			t.Fatal(err)
		}
		return st
	})
}
