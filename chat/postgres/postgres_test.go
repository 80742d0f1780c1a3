package postgres_test

import (
	"context"
	"os"
	"testing"
	"time"

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

// TestListenAcrossProcesses: a change made through one pool (one serve
// process) is announced to a listener on another, and a listener whose
// connection dies comes back and says so.
func TestListenAcrossProcesses(t *testing.T) {
	pgtest.MustStart(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url := pgtest.NewDatabase(t)
	open := func() *chatpg.Store {
		pool, err := pgxpool.New(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(pool.Close)
		st, err := chatpg.New(ctx, pool)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	a, b := open(), open()
	got := make(chan string, 16)
	go b.Listen(ctx, func(id string) { got <- id })
	wait := func(want string) {
		t.Helper()
		deadline := time.After(20 * time.Second)
		for {
			select {
			case id := <-got:
				if id == want {
					return
				}
			case <-deadline:
				t.Fatalf("no notification %q", want)
			}
		}
	}
	// The listener may not be listening yet: create conversations until
	// one is announced.
	c := &chat.Conversation{Channel: chat.ChannelWeb}
	for i := 0; ; i++ {
		if err := a.CreateConversation(ctx, c); err != nil {
			t.Fatal(err)
		}
		if _, err := a.AppendTurn(ctx, &chat.Turn{ConversationID: c.ID, Role: chat.RoleCitizen, Text: "ciao", Status: chat.TurnReceived}); err != nil {
			t.Fatal(err)
		}
		select {
		case id := <-got:
			if id != c.ID {
				t.Fatalf("announced %q, want %q", id, c.ID)
			}
		case <-time.After(200 * time.Millisecond):
			if i < 50 {
				c = &chat.Conversation{Channel: chat.ChannelWeb}
				continue
			}
			t.Fatal("the listener never heard a turn")
		}
		break
	}
	code := chat.NewCode()
	if err := a.SaveReply(ctx, &chat.Reply{ConversationID: c.ID, CitizenSeq: 1, Lang: "it", State: chat.StateWaiting,
		Ticket: &chat.Ticket{Code: code, Reason: chat.ReasonExplicit, Lang: "it", Channel: "web"}, Bot: &chat.Turn{Role: chat.RoleBot, Text: "attendi"}}); err != nil {
		t.Fatal(err)
	}
	wait(c.ID)
	// Kill every listening backend: the listener reconnects and asks for a
	// resync with "".
	admin, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()`); err != nil {
		t.Fatal(err)
	}
	wait("")
	if err := a.ClaimTicket(ctx, code, "anna"); err != nil {
		t.Fatal(err)
	}
	wait(c.ID)
}
