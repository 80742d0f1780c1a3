package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/chat/chattest"
	chatsqlite "github.com/sportello/sportello/chat/sqlite"
	"github.com/sportello/sportello/kb"
	kbsqlite "github.com/sportello/sportello/kb/sqlite"
)

func TestContract(t *testing.T) {
	chattest.StoreContract(t, func(t *testing.T) chat.Store {
		ctx := context.Background()
		kbs, err := kbsqlite.Open(ctx, filepath.Join(t.TempDir(), "sportello.db"), kb.NewHashEmbedder(0))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { kbs.Close() })
		st, err := chatsqlite.New(ctx, kbs.DB())
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}
