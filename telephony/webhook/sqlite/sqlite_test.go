package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sportello/sportello/kb"
	kbsqlite "github.com/sportello/sportello/kb/sqlite"
	"github.com/sportello/sportello/telephony/webhook"
	whsqlite "github.com/sportello/sportello/telephony/webhook/sqlite"
	"github.com/sportello/sportello/telephony/webhook/webhooktest"
)

func TestContract(t *testing.T) {
	webhooktest.StoreContract(t, func(t *testing.T) webhook.Store {
		ctx := context.Background()
		kbs, err := kbsqlite.Open(ctx, filepath.Join(t.TempDir(), "sportello.db"), kb.NewHashEmbedder(0))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { kbs.Close() })
		st, err := whsqlite.New(ctx, kbs.DB())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := whsqlite.New(ctx, kbs.DB()); err != nil {
			t.Fatal(err)
		}
		return st
	})
}
