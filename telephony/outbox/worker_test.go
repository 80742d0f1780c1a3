package outbox_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/outbox"
	"github.com/sportello/sportello/telephony/sms"
	"github.com/sportello/sportello/telephony/sms/smstest"
	smssqlite "github.com/sportello/sportello/telephony/sms/sqlite"
)

var ctx = context.Background()

// clock is a test clock the worker reads through Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// counter is an outbox.Observer.
type counter struct {
	mu                      sync.Mutex
	sent, failed, delivered int
	reasons                 []string
}

func (c *counter) Sent(string, int) { c.mu.Lock(); c.sent++; c.mu.Unlock() }
func (c *counter) Failed(_, r string) {
	c.mu.Lock()
	c.failed++
	c.reasons = append(c.reasons, r)
	c.mu.Unlock()
}
func (c *counter) Delivered(string) { c.mu.Lock(); c.delivered++; c.mu.Unlock() }

type fixture struct {
	st    *smssqlite.Store
	vault *sms.Vault
	phone *smstest.Recorder
	clock *clock
	obs   *counter
	w     *outbox.Worker
	path  string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{path: filepath.Join(t.TempDir(), "outbox.db"), phone: &smstest.Recorder{}, clock: &clock{t: time.Now()}, obs: &counter{}}
	f.st = openStore(t, f.path)
	v, err := sms.NewVault(bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 32))
	if err != nil {
		t.Fatal(err)
	}
	f.vault = v
	f.w = outbox.NewWorker(f.st, map[string]outbox.Sender{"g": f.phone}, v)
	f.w.Now, f.w.Observer, f.w.Suppressions = f.clock.Now, f.obs, f.st
	return f
}

func openStore(t testing.TB, path string) *smssqlite.Store {
	st, _ := smstest.MustOpenSQLite(t, path)
	return st
}

func (f *fixture) enqueue(t *testing.T, key, contact, to string) *outbox.Message {
	t.Helper()
	sealed, err := f.vault.Seal(to)
	if err != nil {
		t.Fatal(err)
	}
	m := &outbox.Message{Key: key, Gateway: "g", Contact: contact, SealedTo: sealed, From: "44001", Text: "testo " + key,
		Encoding: telephony.GSM7, Segments: 1, NextAt: f.clock.Now()}
	if _, err := f.st.Enqueue(ctx, m); err != nil {
		t.Fatal(err)
	}
	return m
}

func (f *fixture) run(t *testing.T) int {
	t.Helper()
	n, err := f.w.RunOnce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (f *fixture) message(t *testing.T, id string) *outbox.Message {
	t.Helper()
	m, err := f.st.Message(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestRetriesWithBackoffUntilTheGatewayAccepts(t *testing.T) {
	f := newFixture(t)
	fails := 2
	f.phone.Fail = func(telephony.Outbound) error {
		if fails > 0 {
			fails--
			return errors.New("HTTP 503 for +393331112222")
		}
		return nil
	}
	m := f.enqueue(t, "a", "sms:a", "+393331112222")
	f.run(t)
	got := f.message(t, m.ID)
	if got.State != outbox.Queued || got.Attempts != 1 || strings.Contains(got.LastError, "3331112222") {
		t.Fatalf("after a failure: %+v", got)
	}
	wait1 := got.NextAt.Sub(f.clock.Now())
	if wait1 < time.Second || wait1 > 3*time.Second {
		t.Errorf("first backoff %s, want about %s", wait1, outbox.DefaultBackoffMin)
	}
	if f.run(t) != 0 {
		t.Fatal("retried before the backoff elapsed")
	}
	f.clock.Add(wait1)
	f.run(t)
	got = f.message(t, m.ID)
	if wait2 := got.NextAt.Sub(f.clock.Now()); wait2 < 3*time.Second || wait2 > 5*time.Second {
		t.Errorf("second backoff %s, want about twice the first", wait2)
	}
	f.clock.Add(time.Minute)
	f.run(t)
	got = f.message(t, m.ID)
	if got.State != outbox.Submitted || got.Attempts != 3 || len(got.GatewayIDs) != 1 || got.SealedTo != nil {
		t.Fatalf("after success: %+v", got)
	}
	sent := f.phone.Sent("+393331112222")
	if len(sent) != 1 || sent[0].ID != m.ID || sent[0].Text != "testo a" || sent[0].From != "44001" {
		t.Errorf("sent %+v", sent)
	}
	if f.obs.sent != 1 || f.obs.failed != 0 {
		t.Errorf("observer %+v", f.obs)
	}
}

func TestFailsVisibly(t *testing.T) {
	cases := []struct {
		name    string
		fail    error
		gateway string
		reason  string
		tries   int
	}{
		{"permanent error", fmt.Errorf("invalid number +393331112222: %w", outbox.ErrPermanent), "g", "permanent", 1},
		{"too many attempts", errors.New("timeout"), "g", "attempts", outbox.DefaultMaxAttempts},
		{"unknown gateway", nil, "nowhere", "gateway", 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.phone.Fail = func(telephony.Outbound) error { return tc.fail }
			m := f.enqueue(t, "a", "sms:a", "+393331112222")
			if tc.gateway != "g" {
				m = &outbox.Message{Key: "b", Gateway: tc.gateway, Contact: "sms:a", SealedTo: []byte("x"), Text: "t"}
				f.st.Enqueue(ctx, m)
			}
			for range 20 {
				f.run(t)
				f.clock.Add(time.Hour)
			}
			got := f.message(t, m.ID)
			if got.State != outbox.Failed || got.Attempts != tc.tries || got.LastError == "" || strings.Contains(got.LastError, "3331112222") {
				t.Errorf("%+v", got)
			}
			if f.obs.failed != 1 || f.obs.reasons[0] != tc.reason {
				t.Errorf("observer %+v", f.obs)
			}
		})
	}
}

func TestOptOutCancelsAllButTheNotice(t *testing.T) {
	f := newFixture(t)
	reply := f.enqueue(t, "a", "sms:a", "+393331112222")
	if err := f.st.Suppress(ctx, "sms:a"); err != nil {
		t.Fatal(err)
	}
	notice := &outbox.Message{Key: "n", Gateway: "g", Contact: "sms:a", SealedTo: reply.SealedTo, Text: "addio", OptOutNotice: true, NextAt: f.clock.Now()}
	f.st.Enqueue(ctx, notice)
	f.run(t)
	if got := f.message(t, reply.ID); got.State != outbox.Cancelled {
		t.Errorf("reply to an opted-out contact: %s", got.State)
	}
	sent := f.phone.Sent("")
	if len(sent) != 1 || sent[0].Text != "addio" {
		t.Errorf("sent %+v", sent)
	}
}

func TestRateLimits(t *testing.T) {
	f := newFixture(t)
	f.w.PerNumber, f.w.PerNumberBurst = 6, 2 // a minute
	f.w.Rate, f.w.Burst = 100, 4
	for i := range 4 {
		f.enqueue(t, fmt.Sprint("a", i), "sms:a", "+393331112222")
	}
	for i := range 4 {
		f.enqueue(t, fmt.Sprint("b", i), fmt.Sprint("sms:b", i), fmt.Sprint("+39333000000", i))
	}
	f.run(t)
	if n := len(f.phone.Sent("+393331112222")); n != 2 {
		t.Errorf("one number got %d at once, want its burst of 2", n)
	}
	if n := len(f.phone.Sent("")); n != 4 {
		t.Errorf("%d sent at once, want the overall burst of 4", n)
	}
	counts, _ := f.st.Counts(ctx)
	if counts[outbox.Queued] != 4 {
		t.Errorf("counts %v", counts)
	}
	// Held back, not failed: no attempt was used.
	for i := range 4 {
		m, _ := f.st.MessageByKey(ctx, fmt.Sprint("a", i))
		if m.State == outbox.Queued && m.Attempts != 0 {
			t.Errorf("held-back message used %d attempts", m.Attempts)
		}
	}
	f.clock.Add(10 * time.Second) // one token a number, all overall
	f.run(t)
	if n := len(f.phone.Sent("+393331112222")); n != 3 {
		t.Errorf("after 10 s one number got %d, want 3", n)
	}
	f.clock.Add(time.Minute)
	f.run(t)
	if n := len(f.phone.Sent("")); n != 8 {
		t.Errorf("%d sent in the end, want 8", n)
	}
}

// TestRestartAfterACrash simulates a worker killed at each point of a
// send, on the store: a fresh worker on the same file, later than the dead
// worker's lease, sends what was not acknowledged and nothing else.
func TestRestartAfterACrash(t *testing.T) {
	f := newFixture(t)
	claimedOnly := f.enqueue(t, "claimed", "sms:a", "+393330000001")
	submitted := f.enqueue(t, "submitted", "sms:b", "+393330000002")
	untouched := f.enqueue(t, "untouched", "sms:c", "+393330000003")
	// The dead worker claimed two messages, sent one and recorded it.
	dead, err := f.st.Claim(ctx, "dead", f.clock.Now(), time.Minute, 2)
	if err != nil || len(dead) != 2 {
		t.Fatal(dead, err)
	}
	if err := f.st.MarkSubmitted(ctx, submitted.ID, []string{"x"}, f.clock.Now()); err != nil {
		t.Fatal(err)
	}

	// Restart: the file is opened anew, as by a new process.
	g := &fixture{st: openStore(t, f.path), vault: f.vault, phone: &smstest.Recorder{}, clock: f.clock, obs: &counter{}}
	g.w = outbox.NewWorker(g.st, map[string]outbox.Sender{"g": g.phone}, g.vault)
	g.w.Now = g.clock.Now
	g.run(t)
	if sent := g.phone.Sent(""); len(sent) != 1 || sent[0].ID != untouched.ID {
		t.Fatalf("before the dead worker's lease expired: sent %+v", sent)
	}
	g.clock.Add(2 * time.Minute)
	g.run(t)
	sent := g.phone.Sent("")
	if len(sent) != 2 || sent[1].ID != claimedOnly.ID {
		t.Fatalf("after the lease: sent %+v", sent)
	}
	if m := g.message(t, claimedOnly.ID); m.Attempts != 2 || m.State != outbox.Submitted {
		t.Errorf("the message the dead worker held: %+v", m)
	}
	g.clock.Add(time.Hour)
	if g.run(t) != 0 || len(g.phone.Sent("")) != 2 {
		t.Error("something was sent twice")
	}
}

func TestRunDrainsOnStop(t *testing.T) {
	f := newFixture(t)
	f.w.Now = time.Now
	f.w.Poll = 10 * time.Millisecond
	release := make(chan struct{})
	started := make(chan struct{}, 10)
	f.phone.Fail = func(telephony.Outbound) error {
		started <- struct{}{}
		<-release
		return nil
	}
	m := f.enqueue(t, "a", "sms:a", "+393331112222")
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error)
	go func() { done <- f.w.Run(runCtx) }()
	<-started
	stop() // a graceful stop while the submit is in flight...
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	// ...records its result before Run returns.
	if got := f.message(t, m.ID); got.State != outbox.Submitted {
		t.Errorf("after a graceful stop: %s", got.State)
	}
}

func TestWorkerValidate(t *testing.T) {
	f := newFixture(t)
	f.w.Lease, f.w.SubmitTimeout = time.Second, 2*time.Second
	if err := f.w.Validate(); err == nil {
		t.Error("a lease shorter than the submit timeout was accepted")
	}
}

func TestScrub(t *testing.T) {
	for in, want := range map[string]string{
		"invalid To +393331112222":    "invalid To #",
		"number 333 111 2222 refused": "number # refused",
		"HTTP 503":                    "HTTP 503",
		"error 21211":                 "error 21211",
	} {
		if got := outbox.Scrub(in); got != want {
			t.Errorf("Scrub(%q) = %q, want %q", in, got, want)
		}
	}
	if got := outbox.Scrub(strings.Repeat("é", 400)); len(got) > 300 || !strings.HasPrefix(got, "é") {
		t.Errorf("long error: %d bytes", len(got))
	}
}

func TestSettle(t *testing.T) {
	d, a, u := telephony.Delivered, telephony.Accepted, telephony.Undeliverable
	for _, tc := range []struct {
		in    []telephony.DeliveryStatus
		state outbox.State
		last  telephony.DeliveryStatus
	}{
		{nil, outbox.Submitted, ""},
		{[]telephony.DeliveryStatus{""}, outbox.Submitted, ""},
		{[]telephony.DeliveryStatus{a}, outbox.Submitted, a},
		{[]telephony.DeliveryStatus{d, ""}, outbox.Submitted, a},
		{[]telephony.DeliveryStatus{d, d}, outbox.Delivered, d},
		{[]telephony.DeliveryStatus{d, u}, outbox.Failed, u},
		{[]telephony.DeliveryStatus{telephony.Expired}, outbox.Failed, telephony.Expired},
	} {
		s, l, e := outbox.Settle(tc.in, "err:001")
		if s != tc.state || l != tc.last || (e != "") != (s == outbox.Failed) {
			t.Errorf("Settle(%v) = %s, %s, %q; want %s, %s", tc.in, s, l, e, tc.state, tc.last)
		}
	}
	if _, _, e := outbox.Settle([]telephony.DeliveryStatus{u}, "001"); e != "carrier reported undeliverable 001" {
		t.Errorf("carrier error %q", e)
	}
}
