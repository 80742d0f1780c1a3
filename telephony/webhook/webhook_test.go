package webhook_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/chat/chattest"
	chatsqlite "github.com/sportello/sportello/chat/sqlite"
	"github.com/sportello/sportello/kb"
	kbsqlite "github.com/sportello/sportello/kb/sqlite"
	"github.com/sportello/sportello/telephony/cti"
	ctisqlite "github.com/sportello/sportello/telephony/cti/sqlite"
	"github.com/sportello/sportello/telephony/sms"
	"github.com/sportello/sportello/telephony/webhook"
	whsqlite "github.com/sportello/sportello/telephony/webhook/sqlite"
)

// clock is the time of the test, moved by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// receiver is a contact-center endpoint written as a receiver in Go
// would be: it verifies every request with webhook.Verify and accepts
// each event once.
type receiver struct {
	secret []byte
	clock  *clock
	t      *testing.T

	mu       sync.Mutex
	fail     int // answer 500 to this many more requests
	events   []webhook.Payload
	posts    map[string]int
	rejected int
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if err := webhook.Verify(rc.secret, r.Header, body, rc.clock.Now(), 0); err != nil {
		rc.rejected++
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	var p webhook.Payload
	if err := json.Unmarshal(body, &p); err != nil {
		rc.t.Errorf("receiver: body %s: %v", body, err)
	}
	if r.Header.Get(webhook.HeaderEventID) != p.ID || r.Header.Get(webhook.HeaderEvent) != p.Type || r.Header.Get("Content-Type") != "application/json" {
		rc.t.Errorf("receiver: headers %v for %s %s", r.Header, p.ID, p.Type)
	}
	rc.posts[p.ID]++
	if rc.fail > 0 {
		rc.fail--
		http.Error(w, "busy", http.StatusInternalServerError)
		return
	}
	for _, old := range rc.events {
		if old.ID == p.ID {
			w.WriteHeader(http.StatusNoContent) // a redelivery: accepted, not counted twice
			return
		}
	}
	rc.events = append(rc.events, p)
	w.WriteHeader(http.StatusNoContent)
}

func (rc *receiver) types() []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	out := []string{}
	for _, e := range rc.events {
		out = append(out, e.Type)
	}
	return out
}

const secret = "the-contact-center-shared-secret"

// world is Sportello's side: the chat service with callbacks, the
// webhook's store, reconciler and sender, on one SQLite file.
type world struct {
	svc      *chat.Service
	db       *sql.DB
	store    *whsqlite.Store
	rec      *webhook.Reconciler
	sender   *webhook.Sender
	results  []string
	resultMu sync.Mutex
}

type closedHours struct{}

func (closedHours) Opening(context.Context, *chat.Ticket, time.Time) (chat.Opening, error) {
	return chat.Opening{}, nil
}

func newWorld(t *testing.T, svc *chat.Service, db *sql.DB, url string, c *clock) *world {
	t.Helper()
	ctx := context.Background()
	cbs, err := ctisqlite.New(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	v, err := sms.NewVault(bytes.Repeat([]byte{3}, sms.KeySize), bytes.Repeat([]byte{4}, sms.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	svc.Callbacks = &chat.Callbacks{Hours: closedHours{}, Queue: &cti.Desk{Store: cbs, Sealer: v, Pseudonyms: v}}
	st, err := whsqlite.New(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	w := &world{svc: svc, db: db, store: st}
	w.rec = &webhook.Reconciler{Tickets: svc.Store, Callbacks: cbs, Store: st, BaseURL: "https://sportello.example.it", Now: c.Now}
	w.sender = &webhook.Sender{URL: url, Secrets: [][]byte{[]byte(secret)}, Store: st, Now: c.Now, Jitter: func() float64 { return 0.5 },
		BaseDelay: 10 * time.Second, MaxAttempts: 4, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Observe: func(typ, result string) {
			w.resultMu.Lock()
			w.results = append(w.results, typ+":"+result)
			w.resultMu.Unlock()
		}}
	if err := w.sender.Validate(); err != nil {
		t.Fatal(err)
	}
	// Every change is reconciled as it is made, as serve does through
	// the service's notifications.
	svc.Notify = func(id string) {
		if err := w.rec.Conversation(ctx, id); err != nil {
			t.Errorf("reconcile: %v", err)
		}
	}
	return w
}

func (w *world) flush(t *testing.T) webhook.Result {
	t.Helper()
	res, err := w.sender.Flush(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func newReceiver(t *testing.T, c *clock, key string) (*receiver, *httptest.Server) {
	rc := &receiver{secret: []byte(key), clock: c, t: t, posts: map[string]int{}}
	srv := httptest.NewServer(rc)
	t.Cleanup(srv.Close)
	return rc, srv
}

func TestWebhookFollowsAHandoff(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: time.Now()}
	rc, srv := newReceiver(t, c, secret)
	svc := chattest.MustDemoService(t)
	w := newWorld(t, svc, svc.Store.(*chatsqlite.Store).DB(), srv.URL, c)

	conv := &chat.Conversation{Channel: chat.ChannelWeb, Lang: "ro", LangChosen: true}
	if err := svc.Start(ctx, conv); err != nil {
		t.Fatal(err)
	}
	out, err := svc.Post(ctx, conv.ID, chat.Message{Text: "Vreau să vorbesc cu un operator"})
	if err != nil || out.Ticket == nil {
		t.Fatalf("handoff: %+v, %v", out, err)
	}
	code := out.Ticket.Code
	if res := w.flush(t); res.Delivered != 1 {
		t.Fatalf("first flush: %+v", res)
	}
	first := rc.events[0]
	if first.ID != code+"-1" || first.Type != webhook.EventCreated || first.Handoff.Code != code || first.Handoff.Language != "ro" ||
		first.Handoff.State != chat.TicketWaiting || first.Handoff.Reason != chat.ReasonExplicit || first.Handoff.Channel != chat.ChannelWeb ||
		first.Links.Console != "https://sportello.example.it/staff/t/"+code || first.Links.CTI != "https://sportello.example.it/api/v1/cti/tickets/"+code {
		t.Errorf("created event %+v", first)
	}

	// The citizen leaves a number for a callback: an event, without the number.
	if _, err := svc.Post(ctx, conv.ID, chat.Message{Text: "0721 234 567"}); err != nil {
		t.Fatal(err)
	}
	w.flush(t)

	// The receiver fails once: the claim is retried after the backoff.
	rc.fail = 1
	if _, err := svc.Claim(ctx, code, "anna"); err != nil {
		t.Fatal(err)
	}
	if res := w.flush(t); res.Retried != 1 || res.Delivered != 0 {
		t.Fatalf("flush while the receiver fails: %+v", res)
	}
	if res := w.flush(t); res != (webhook.Result{}) {
		t.Errorf("retried before the backoff: %+v", res)
	}
	c.Advance(10 * time.Second) // the first backoff with jitter 0.5 is 7.5 s
	if res := w.flush(t); res.Delivered != 1 {
		t.Fatalf("flush after the backoff: %+v", res)
	}
	if rc.posts[code+"-3"] != 2 {
		t.Errorf("the claim was posted %d times", rc.posts[code+"-3"])
	}

	if err := svc.Transfer(ctx, code, "immigrazione"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Claim(ctx, code, "bruno"); err != nil {
		t.Fatal(err)
	}
	if err := svc.Resolve(ctx, code, "bruno", chat.OutcomeTransferred); err != nil {
		t.Fatal(err)
	}
	w.flush(t)
	want := []string{webhook.EventCreated, webhook.EventCallback, webhook.EventClaimed, webhook.EventTransferred, webhook.EventClaimed, webhook.EventResolved}
	if diff := cmp.Diff(want, rc.types()); diff != "" {
		t.Fatalf("events (-want +got):\n%s", diff)
	}
	for i, e := range rc.events {
		if e.ID != code+"-"+string(rune('1'+i)) {
			t.Errorf("event %d has id %s", i, e.ID)
		}
	}
	cb := rc.events[1]
	if cb.Callback == nil || cb.Callback.ID == 0 || cb.Callback.Channel != chat.ChannelWeb {
		t.Errorf("callback event %+v", cb)
	}
	if tr := rc.events[3]; tr.Handoff.Team != "immigrazione" {
		t.Errorf("transfer event %+v", tr.Handoff)
	}
	if res := rc.events[5]; res.Handoff.State != chat.TicketResolved || res.Handoff.Outcome != chat.OutcomeTransferred || res.Handoff.ClaimedBy != "bruno" || res.Handoff.ResolvedAt == nil {
		t.Errorf("resolved event %+v", res.Handoff)
	}
	raw, _ := json.Marshal(rc.events)
	if strings.Contains(string(raw), "721234567") || strings.Contains(string(raw), "operator") {
		t.Errorf("events carry the citizen's words or number: %s", raw)
	}
	counts, _ := w.store.Counts(ctx)
	if counts[webhook.Delivered] != 6 || counts[webhook.Pending] != 0 || counts[webhook.Failed] != 0 {
		t.Errorf("counts %v", counts)
	}
	if w.results[2] != webhook.EventClaimed+":retry" {
		t.Errorf("metric hook saw %v", w.results)
	}
	// Reconciling again changes nothing.
	if err := w.rec.All(ctx); err != nil {
		t.Fatal(err)
	}
	if res := w.flush(t); res != (webhook.Result{}) {
		t.Errorf("second pass sent %+v", res)
	}
}

// dbPath is the file of a SQLite database.
func dbPath(t *testing.T, db *sql.DB) string {
	t.Helper()
	var seq int
	var name, file string
	if err := db.QueryRow(`PRAGMA database_list`).Scan(&seq, &name, &file); err != nil {
		t.Fatal(err)
	}
	return file
}

// Deliveries queued before a restart are sent after it, and a change
// committed while nothing was watching (the process died before its
// notification) is found when the next start reconciles.
func TestWebhookSurvivesARestart(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: time.Now()}
	rc, srv := newReceiver(t, c, secret)
	svc := chattest.MustDemoService(t)
	first := svc.Store.(*chatsqlite.Store).DB()
	path := dbPath(t, first)
	w := newWorld(t, svc, first, srv.URL, c)

	conv := &chat.Conversation{Lang: "it", LangChosen: true}
	if err := svc.Start(ctx, conv); err != nil {
		t.Fatal(err)
	}
	out, err := svc.Post(ctx, conv.ID, chat.Message{Text: "voglio parlare con un operatore"})
	if err != nil || out.Ticket == nil {
		t.Fatalf("handoff: %v", err)
	}
	code := out.Ticket.Code
	rc.fail = 100
	if res := w.flush(t); res.Retried != 1 {
		t.Fatalf("flush while down: %+v", res)
	}
	// The claim is committed, and the process dies before it is noticed.
	svc.Notify = nil
	if _, err := svc.Claim(ctx, code, "anna"); err != nil {
		t.Fatal(err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}

	// A new process on the same file.
	kbs, err := kbsqlite.Open(ctx, path, kb.NewHashEmbedder(0))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { kbs.Close() })
	chats, err := chatsqlite.New(ctx, kbs.DB())
	if err != nil {
		t.Fatal(err)
	}
	svc2 := &chat.Service{Engine: svc.Engine, Store: chats}
	w2 := newWorld(t, svc2, kbs.DB(), srv.URL, c)
	if err := w2.rec.All(ctx); err != nil {
		t.Fatal(err)
	}
	rc.mu.Lock()
	rc.fail = 0
	rc.mu.Unlock()
	c.Advance(time.Minute)
	if res := w2.flush(t); res.Delivered != 2 {
		t.Fatalf("after the restart: %+v", res)
	}
	if diff := cmp.Diff([]string{webhook.EventCreated, webhook.EventClaimed}, rc.types()); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
}

// A receiver that does not know the secret rejects every request; after
// its attempts the delivery is failed, visible, and can be queued again.
func TestWebhookFailsVisibly(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: time.Now()}
	rc, srv := newReceiver(t, c, "a-secret-the-sender-does-not-have")
	svc := chattest.MustDemoService(t)
	w := newWorld(t, svc, svc.Store.(*chatsqlite.Store).DB(), srv.URL, c)
	conv := &chat.Conversation{Lang: "it", LangChosen: true}
	svc.Start(ctx, conv)
	if _, err := svc.Post(ctx, conv.ID, chat.Message{Text: "voglio parlare con un operatore"}); err != nil {
		t.Fatal(err)
	}
	var total webhook.Result
	for range w.sender.MaxAttempts {
		res := w.flush(t)
		total.Retried += res.Retried
		total.Failed += res.Failed
		c.Advance(time.Hour)
	}
	if total.Retried != 3 || total.Failed != 1 || rc.rejected != 4 || len(rc.events) != 0 {
		t.Fatalf("result %+v, rejected %d", total, rc.rejected)
	}
	failed, err := w.store.Deliveries(ctx, webhook.Failed, 10)
	if err != nil || len(failed) != 1 || failed[0].LastCode != http.StatusUnauthorized || failed[0].Attempts != 4 {
		t.Fatalf("failed deliveries %+v, %v", failed, err)
	}
	if diff := cmp.Diff([]string{"handoff.created:retry", "handoff.created:retry", "handoff.created:retry", "handoff.created:failed"}, w.results); diff != "" {
		t.Errorf("metric hook (-want +got):\n%s", diff)
	}
	// The receiver is fixed; an administrator queues the delivery again.
	rc.mu.Lock()
	rc.secret = []byte(secret)
	rc.mu.Unlock()
	if err := w.store.Requeue(ctx, failed[0].ID, c.Now()); err != nil {
		t.Fatal(err)
	}
	if res := w.flush(t); res.Delivered != 1 {
		t.Errorf("after the requeue: %+v", res)
	}
}

// Turning the webhook on does not replay the handoffs resolved before.
func TestWebhookBaseline(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: time.Now()}
	rc, srv := newReceiver(t, c, secret)
	svc := chattest.MustDemoService(t)
	for i, text := range []string{"voglio parlare con un operatore", "vorrei parlare con una persona"} {
		conv := &chat.Conversation{Lang: "it", LangChosen: true}
		svc.Start(ctx, conv)
		out, err := svc.Post(ctx, conv.ID, chat.Message{Text: text})
		if err != nil || out.Ticket == nil {
			t.Fatalf("handoff %d: %v", i, err)
		}
		if i == 0 {
			svc.Claim(ctx, out.Ticket.Code, "anna")
			if err := svc.Resolve(ctx, out.Ticket.Code, "anna", chat.OutcomeAnswered); err != nil {
				t.Fatal(err)
			}
		}
	}
	c.mu.Lock()
	c.t = time.Now() // the webhook is turned on now
	c.mu.Unlock()
	w := newWorld(t, svc, svc.Store.(*chatsqlite.Store).DB(), srv.URL, c)
	if err := w.rec.All(ctx); err != nil {
		t.Fatal(err)
	}
	w.flush(t)
	if diff := cmp.Diff([]string{webhook.EventCreated}, rc.types()); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
}

// Watch reconciles in the background what it is told about.
func TestWatch(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	c := &clock{t: time.Now()}
	_, srv := newReceiver(t, c, secret)
	svc := chattest.MustDemoService(t)
	w := newWorld(t, svc, svc.Store.(*chatsqlite.Store).DB(), srv.URL, c)
	queued := make(chan struct{}, 10)
	w.rec.Queued = func() { queued <- struct{}{} }
	notify, done := w.rec.Watch(ctx, time.Hour, nil)
	svc.Notify = notify
	conv := &chat.Conversation{Lang: "it", LangChosen: true}
	svc.Start(ctx, conv)
	if _, err := svc.Post(ctx, conv.ID, chat.Message{Text: "voglio parlare con un operatore"}); err != nil {
		t.Fatal(err)
	}
	<-queued
	cancel()
	<-done
	if counts, _ := w.store.Counts(context.Background()); counts[webhook.Pending] != 1 {
		t.Errorf("counts %v", counts)
	}
}

func TestSenderValidate(t *testing.T) {
	good := [][]byte{[]byte(secret)}
	for _, s := range []webhook.Sender{
		{URL: "", Secrets: good},
		{URL: "ftp://example.org/hook", Secrets: good},
		{URL: "https:///nohost", Secrets: good},
		{URL: "https://cc.example.org/hook"},
		{URL: "https://cc.example.org/hook", Secrets: [][]byte{[]byte("short")}},
	} {
		if err := s.Validate(); err == nil {
			t.Errorf("%q with %d secrets: accepted", s.URL, len(s.Secrets))
		}
	}
}

// The wait between attempts doubles from BaseDelay up to MaxDelay, of
// which jitter takes off up to half.
func TestBackoff(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: time.Now()}
	rc, srv := newReceiver(t, c, secret)
	rc.fail = 1000
	svc := chattest.MustDemoService(t)
	w := newWorld(t, svc, svc.Store.(*chatsqlite.Store).DB(), srv.URL, c)
	w.sender.MaxAttempts, w.sender.MaxDelay = 100, time.Minute
	for _, jitter := range []float64{0, 0.999} {
		w.sender.Jitter = func() float64 { return jitter }
		conv := &chat.Conversation{Lang: "it", LangChosen: true}
		svc.Start(ctx, conv)
		if _, err := svc.Post(ctx, conv.ID, chat.Message{Text: "voglio parlare con un operatore"}); err != nil {
			t.Fatal(err)
		}
		var waits []time.Duration
		for range 6 {
			if res := w.flush(t); res.Retried != 1 {
				t.Fatalf("flush: %+v", res)
			}
			pending, _ := w.store.Deliveries(ctx, webhook.Pending, 1)
			waits = append(waits, pending[0].NextAt.Sub(c.Now()).Round(time.Second))
			c.Advance(time.Hour)
		}
		want := []time.Duration{5, 10, 20, 30, 30, 30} // seconds, with no jitter taken off: 10, 20, 40, 60, 60, 60
		for i, wt := range waits {
			lo := want[i] * time.Second
			if jitter > 0.5 {
				lo = 2*lo - time.Second
			}
			if wt < lo || wt > 2*want[i]*time.Second {
				t.Errorf("jitter %.3f: waits %v", jitter, waits)
				break
			}
		}
		// Done with this one: only the next handoff's event is due then.
		pending, _ := w.store.Deliveries(ctx, webhook.Pending, 1)
		w.store.Done(ctx, pending[0].ID, 200, c.Now())
	}
}
