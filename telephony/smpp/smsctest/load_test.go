package smsctest_test

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/linxGnu/gosmpp/data"

	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/smpp"
	"github.com/sportello/sportello/telephony/smpp/smsctest"
)

// bound is the connector bound to a server, with what it received.
type bound struct {
	srv *smsctest.Server
	c   *smpp.Client

	mu       sync.Mutex
	receipts []telephony.Receipt
	// receivedAt is when each receipt reached the handler.
	receivedAt []time.Time
	// inFlight and most count the messages in the handler at once.
	inFlight, most atomic.Int32
	release        chan struct{}
}

func bind(t *testing.T, cfg smsctest.Config, workers int) *bound {
	t.Helper()
	cfg.SystemID, cfg.Password = "sportello", "secret"
	srv, err := smsctest.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	b := &bound{srv: srv, release: make(chan struct{})}
	b.c, err = smpp.New(smpp.Config{
		Gateway: "load", Addr: srv.Addr(), SystemID: "sportello", Password: "secret",
		Workers: workers, Logger: slog.New(slog.DiscardHandler),
	}, smpp.Handlers{
		Message: func(ctx context.Context, in telephony.Inbound) error {
			n := b.inFlight.Add(1)
			defer b.inFlight.Add(-1)
			for {
				m := b.most.Load()
				if n <= m || b.most.CompareAndSwap(m, n) {
					break
				}
			}
			select {
			case <-b.release:
			case <-ctx.Done():
			}
			return nil
		},
		Receipt: func(_ context.Context, r telephony.Receipt) error {
			b.mu.Lock()
			defer b.mu.Unlock()
			b.receipts = append(b.receipts, r)
			b.receivedAt = append(b.receivedAt, time.Now())
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.c.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
	defer wcancel()
	if err := srv.WaitBinds(wctx, 1); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDeliverWindow: the server never has more deliver_sm outstanding
// than its window, however many are asked of it at once, and one waiting
// for a slot is written (DeliverPDUTimed's time) only once it has one.
func TestDeliverWindow(t *testing.T) {
	b := bind(t, smsctest.Config{DeliverWindow: 3}, 8)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	statuses := make([]data.CommandStatusType, 9)
	for i := range statuses {
		wg.Go(func() {
			st, err := b.srv.Deliver(ctx, smsctest.MO{From: fmt.Sprintf("+3933300000%02d", i), To: "44001", Text: "ciao"})
			if err != nil || len(st) != 1 {
				t.Errorf("deliver %d: %v %v", i, st, err)
				return
			}
			statuses[i] = st[0]
		})
	}
	// Let the first ones reach the handler, then let them all through.
	deadline := time.Now().Add(5 * time.Second)
	for b.inFlight.Load() < 3 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	if got := b.inFlight.Load(); got != 3 {
		t.Errorf("%d messages in the handler at once with a window of 3 and 8 workers", got)
	}
	parts, err := b.srv.MOParts(smsctest.MO{From: "+393330000099", To: "44001", Text: "ultimo"})
	if err != nil {
		t.Fatal(err)
	}
	var sent time.Time
	wg.Go(func() {
		st, at, err := b.srv.DeliverPDUTimed(ctx, parts[0])
		if err != nil || st != data.ESME_ROK {
			t.Errorf("timed deliver: %v %v", st, err)
		}
		sent = at
	})
	time.Sleep(50 * time.Millisecond)
	released := time.Now()
	close(b.release)
	wg.Wait()
	if sent.Before(released) {
		t.Errorf("a deliver_sm waiting for the window was written %v before a slot was free", released.Sub(sent))
	}
	if got := b.most.Load(); got != 3 {
		t.Errorf("at most %d messages in the handler at once, want the window, 3", got)
	}
	for i, st := range statuses {
		if st != data.ESME_ROK {
			t.Errorf("deliver %d answered %v", i, st)
		}
	}
}

// TestReceiptsAndOnMessage: with Receipts the server reports every part
// it accepts delivered, ReceiptDelay after accepting it, and OnMessage
// tells each completed message once, with the time its last part was
// read.
func TestReceiptsAndOnMessage(t *testing.T) {
	var mu sync.Mutex
	type done struct {
		m  smsctest.Message
		at time.Time
	}
	var got []done
	const delay = 100 * time.Millisecond
	b := bind(t, smsctest.Config{Receipts: true, ReceiptDelay: delay, OnMessage: func(m smsctest.Message, at time.Time) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, done{m, at})
	}}, 2)
	close(b.release)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	long := "Per rinnovare la carta d'identita' elettronica prenoti un appuntamento all'anagrafe e porti la vecchia carta, " +
		"una fototessera recente e la ricevuta di pagamento. I minori devono essere accompagnati da un genitore."
	before := time.Now()
	var ids []string
	for i, text := range []string{"Orari: lun-ven 8:30-12:00.", long} {
		got, err := b.c.Submit(ctx, telephony.Outbound{ID: fmt.Sprint("m", i), To: "+393331234567", From: "44001", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, got...)
	}
	after := time.Now()
	if len(ids) != 3 {
		t.Fatalf("%d parts accepted, want 1 + 2", len(ids))
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		b.mu.Lock()
		n := len(b.receipts)
		b.mu.Unlock()
		if n >= len(ids) || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	b.mu.Lock()
	var receipted []string
	for _, r := range b.receipts {
		if r.Status != telephony.Delivered {
			t.Errorf("receipt for %s: %s, want delivered", r.MessageID, r.Status)
		}
		receipted = append(receipted, r.MessageID)
	}
	for _, at := range b.receivedAt {
		if at.Before(before.Add(delay)) {
			t.Errorf("a receipt came %v after the first submit, before the delay of %v", at.Sub(before), delay)
		}
	}
	b.mu.Unlock()
	slices.Sort(receipted)
	want := slices.Sorted(slices.Values(ids))
	if !slices.Equal(receipted, want) {
		t.Errorf("receipts for %v, want one for each accepted part %v", receipted, want)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 {
		t.Fatalf("OnMessage called %d times, want once per message (2)", len(got))
	}
	if got[0].m.Parts != 1 || got[1].m.Parts != 2 || got[1].m.Text != long {
		t.Errorf("OnMessage got %+v", got)
	}
	for _, d := range got {
		if d.at.Before(before) || d.at.After(after) {
			t.Errorf("message completed at %v, outside the submits (%v to %v)", d.at, before, after)
		}
	}
	if !got[1].at.After(got[0].at) {
		t.Errorf("the second message's last part read at %v, not after the first's %v", got[1].at, got[0].at)
	}
}

// TestNoReceiptsUnlessAsked: a submit_sm without registered_delivery
// gets no receipt.
func TestNoReceiptsUnlessAsked(t *testing.T) {
	srv, err := smsctest.Start(smsctest.Config{SystemID: "sportello", Password: "secret", Receipts: true})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	var receipts atomic.Int32
	c, err := smpp.New(smpp.Config{Gateway: "load", Addr: srv.Addr(), SystemID: "sportello", Password: "secret", NoReceipts: true,
		Logger: slog.New(slog.DiscardHandler)}, smpp.Handlers{
		Message: func(context.Context, telephony.Inbound) error { return nil },
		Receipt: func(context.Context, telephony.Receipt) error { receipts.Add(1); return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	defer func() { cancel(); <-done }()
	if _, err := c.Submit(ctx, telephony.Outbound{ID: "m", To: "+393331234567", From: "44001", Text: "ciao"}); err != nil {
		t.Fatal(err)
	}
	if err := srv.EnquireLink(ctx); err != nil { // anything sent before it has been read
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	if n := receipts.Load(); n != 0 {
		t.Errorf("%d receipts for a message that asked for none", n)
	}
}
