package smstest

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/chat/chattest"
	chatsqlite "github.com/sportello/sportello/chat/sqlite"
	"github.com/sportello/sportello/kb"
	kbsqlite "github.com/sportello/sportello/kb/sqlite"
	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/outbox"
	"github.com/sportello/sportello/telephony/sms"
	smssqlite "github.com/sportello/sportello/telephony/sms/sqlite"
)

// Gateway is the gateway name the harness's recorder answers to.
const Gateway = "test"

// Harness is the SMS channel as the product wires it, on the demo
// engine: conversations and SMS records in one SQLite file, a worker
// sending through a Recorder.
type Harness struct {
	Service *sms.Service
	Store   Store
	Chat    chat.Store
	Worker  *outbox.Worker
	Phone   *Recorder
	// Path is the SQLite file holding conversations, inbound messages and
	// the outbox.
	Path string
	DB   *kbsqlite.Store
}

// MustHarness builds a harness in tb's temporary folder. log receives
// the channel's and the worker's logs (nil discards them).
func MustHarness(tb testing.TB, cfg sms.Config, log *slog.Logger) *Harness {
	tb.Helper()
	h := &Harness{Path: filepath.Join(tb.TempDir(), "sportello.db"), Phone: &Recorder{}}
	h.open(tb, cfg, log, chattest.MustDemoEngine(tb))
	return h
}

// Reopen opens the same file again with fresh stores, service and
// worker, as a process restarted after a crash would. The old handles
// are left as they are, like those of a killed process.
func (h *Harness) Reopen(tb testing.TB, cfg sms.Config, log *slog.Logger) *Harness {
	tb.Helper()
	n := &Harness{Path: h.Path, Phone: h.Phone}
	n.open(tb, cfg, log, h.Service.Chat.Engine)
	return n
}

func (h *Harness) open(tb testing.TB, cfg sms.Config, log *slog.Logger, e *chat.Engine) {
	st, db := MustOpenSQLite(tb, h.Path)
	cs, err := chatsqlite.New(context.Background(), db.DB())
	if err != nil {
		tb.Fatal(err)
	}
	v, err := sms.NewVault(key(1), key(2))
	if err != nil {
		tb.Fatal(err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	w := outbox.NewWorker(st, map[string]outbox.Sender{Gateway: h.Phone}, v)
	w.Suppressions, w.Log = st, log
	// Tests send bursts to one number; the per-number limit has its own
	// test.
	w.PerNumber, w.PerNumberBurst, w.Rate, w.Burst = 1e6, 1e6, 1e6, 1e6
	h.DB, h.Store, h.Chat, h.Worker = db, st, cs, w
	h.Service = &sms.Service{
		Config: cfg, Chat: &chat.Service{Engine: e, Store: cs, Log: log}, Store: st, Outbox: st, Vault: v,
		Wake: w.Wake, Log: log,
	}
}

// MustOpenSQLite opens (creating if needed) the SQLite file at path the
// way the product does, on the knowledge base's connection pool, and
// returns the SMS store with the database; both close when tb ends.
func MustOpenSQLite(tb testing.TB, path string) (*smssqlite.Store, *kbsqlite.Store) {
	tb.Helper()
	ctx := context.Background()
	db, err := kbsqlite.Open(ctx, path, kb.NewHashEmbedder(0))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	st, err := smssqlite.New(ctx, db.DB())
	if err != nil {
		tb.Fatal(err)
	}
	return st, db
}

// key is a fixed test key: the harness must find its pseudonyms again
// after Reopen.
func key(seed byte) []byte {
	k := make([]byte, sms.KeySize)
	for i := range k {
		k[i] = seed + byte(i)
	}
	return k
}

// MustSendAll runs the worker until nothing is due.
func (h *Harness) MustSendAll(tb testing.TB) {
	tb.Helper()
	if _, err := h.Worker.RunOnce(context.Background()); err != nil {
		tb.Fatal(err)
	}
}

// Recorder is an in-process gateway: it accepts every message (unless
// Fail says otherwise) and records it.
type Recorder struct {
	// Fail, when set, decides the error of each submit.
	Fail func(telephony.Outbound) error
	mu   sync.Mutex
	sent []telephony.Outbound
}

// Submit implements outbox.Sender.
func (r *Recorder) Submit(ctx context.Context, m telephony.Outbound) ([]string, error) {
	if r.Fail != nil {
		if err := r.Fail(m); err != nil {
			return nil, err
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, m)
	return []string{fmt.Sprintf("rec-%s", m.ID)}, nil
}

// Sent returns the messages accepted so far, to number or to anyone when
// number is "".
func (r *Recorder) Sent(number string) []telephony.Outbound {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []telephony.Outbound
	for _, m := range r.sent {
		if number == "" || m.To == number {
			out = append(out, m)
		}
	}
	return out
}

// Reset forgets what was sent.
func (r *Recorder) Reset() {
	r.mu.Lock()
	r.sent = nil
	r.mu.Unlock()
}
