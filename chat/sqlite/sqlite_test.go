package sqlite_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

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

// TestConcurrentTurns runs more conversations at once than the pool has
// connections, each turn in a transaction, from a store whose statements
// are not prepared yet: a transaction must never wait for a connection to
// prepare a statement, or all could wait for each other. (Whether the
// pool runs dry at that moment depends on the timing, so this test may
// pass where that wait exists; the load test at 16 clients does not.)
func TestConcurrentTurns(t *testing.T) {
	ctx := t.Context()
	kbs, err := kbsqlite.Open(ctx, t.TempDir()+"/s.db", kb.NewHashEmbedder(0))
	if err != nil {
		t.Fatal(err)
	}
	defer kbs.Close()
	s, err := chatsqlite.New(ctx, kbs.DB())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for range 16 {
		wg.Go(func() {
			c := &chat.Conversation{Channel: "web", Lang: "it"}
			if err := s.CreateConversation(ctx, c); err != nil {
				errs <- err
				return
			}
			for range 5 {
				turn := &chat.Turn{ConversationID: c.ID, Role: chat.RoleCitizen, Text: "ciao", Status: chat.TurnReceived}
				if _, err := s.AppendTurn(ctx, turn); err != nil {
					errs <- err
					return
				}
				r := &chat.Reply{ConversationID: c.ID, CitizenSeq: turn.Seq, Lang: "it", State: chat.StateBot,
					Bot: &chat.Turn{Role: chat.RoleBot, Text: "salve"}}
				if err := s.SaveReply(ctx, r); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
