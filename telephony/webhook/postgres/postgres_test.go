package postgres_test

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/chat/chattest"
	chatpg "github.com/sportello/sportello/chat/postgres"
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

// TestTwoProcessesQueueEachEventOnce: two serve processes on one
// PostgreSQL reconcile the same handoffs at the same time, from their own
// pools; every event is queued once, and their senders share the queue.
func TestTwoProcessesQueueEachEventOnce(t *testing.T) {
	pgtest.MustStart(t)
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	engine := chattest.MustDemoEngine(t, "it")
	type process struct {
		svc *chat.Service
		rec *webhook.Reconciler
		st  *whpg.Store
	}
	open := func() process {
		pool, err := pgxpool.New(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(pool.Close)
		chats, err := chatpg.New(ctx, pool)
		if err != nil {
			t.Fatal(err)
		}
		st, err := whpg.New(ctx, pool)
		if err != nil {
			t.Fatal(err)
		}
		return process{svc: &chat.Service{Engine: engine, Store: chats}, st: st,
			rec: &webhook.Reconciler{Tickets: chats, Store: st, BaseURL: "https://sportello.example.it"}}
	}
	a, b := open(), open()
	var codes []string
	for range 5 {
		c := &chat.Conversation{Channel: chat.ChannelWeb, Lang: "it", LangChosen: true}
		if err := a.svc.Start(ctx, c); err != nil {
			t.Fatal(err)
		}
		out, err := a.svc.Post(ctx, c.ID, chat.Message{Text: "voglio parlare con un operatore"})
		if err != nil || out.Ticket == nil {
			t.Fatalf("handoff: %v", err)
		}
		codes = append(codes, out.Ticket.Code)
	}
	for _, code := range codes[:3] {
		if _, err := b.svc.Claim(ctx, code, "anna"); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for _, p := range []process{a, b, a, b} {
		wg.Go(func() {
			if err := p.rec.All(ctx); err != nil {
				t.Errorf("reconcile: %v", err)
			}
		})
	}
	wg.Wait()
	counts, err := a.st.Counts(ctx)
	if err != nil || counts[webhook.Pending] != 8 {
		t.Fatalf("queued %v, %v; want 5 created and 3 claimed", counts, err)
	}
	// Both senders lease from one queue: nothing is handed out twice.
	now := time.Now()
	da, err := a.st.Due(ctx, now, time.Minute, 100)
	if err != nil {
		t.Fatal(err)
	}
	db, err := b.st.Due(ctx, now, time.Minute, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(da) != 5 || len(db) != 0 {
		t.Errorf("first process leased %d, second %d; want the 5 first events and then nothing", len(da), len(db))
	}
}
