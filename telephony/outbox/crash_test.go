package outbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/sportello/sportello/kb"
	kbsqlite "github.com/sportello/sportello/kb/sqlite"
	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/gateway"
	"github.com/sportello/sportello/telephony/outbox"
	"github.com/sportello/sportello/telephony/sms"
	smssqlite "github.com/sportello/sportello/telephony/sms/sqlite"
)

// The crash test runs the outbox worker in child processes (this test
// binary, started again with childEnv set) and kills them with SIGKILL.
const (
	childEnv      = "SPORTELLO_OUTBOX_CRASH_CHILD"
	childDB       = "SPORTELLO_OUTBOX_CRASH_DB"
	childGateway  = "SPORTELLO_OUTBOX_CRASH_GATEWAY"
	childWorkers  = "SPORTELLO_OUTBOX_CRASH_WORKERS"
	childDieAfter = "SPORTELLO_OUTBOX_CRASH_DIE_AFTER_MARKS"
)

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		if err := crashChild(); err != nil {
			fmt.Fprintln(os.Stderr, "crash child:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func crashVault() *sms.Vault {
	v, err := sms.NewVault(bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 32))
	if err != nil {
		panic(err)
	}
	return v
}

// dying is a store that kills its own process, with SIGKILL, right after
// the n-th submit it records: a crash at the exact point where the
// gateway has the message and the outbox knows it.
type dying struct {
	outbox.Store
	n     int64
	marks atomic.Int64
}

func (d *dying) MarkSubmitted(ctx context.Context, id string, ids []string, at time.Time) error {
	err := d.Store.MarkSubmitted(ctx, id, ids, at)
	if err == nil && d.n > 0 && d.marks.Add(1) == d.n {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {} // the signal is on its way
	}
	return err
}

// crashChild sends the outbox of the database named in the environment
// through the gateway named there, until nothing is pending.
func crashChild() error {
	ctx := context.Background()
	db, err := kbsqlite.Open(ctx, os.Getenv(childDB), kb.NewHashEmbedder(0))
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := smssqlite.New(ctx, db.DB())
	if err != nil {
		return err
	}
	dieAfter, _ := strconv.ParseInt(os.Getenv(childDieAfter), 10, 64)
	workers, _ := strconv.Atoi(os.Getenv(childWorkers))
	gw := gateway.NewWebhook("g", os.Getenv(childGateway), []byte("crash"), &http.Client{})
	w := outbox.NewWorker(&dying{Store: st, n: dieAfter}, map[string]outbox.Sender{"g": gw}, crashVault())
	// The submit timeout is generous: a gateway that accepts a message but
	// answers after it makes the message be sent again (see the package
	// documentation), which is not what this test is about.
	w.Concurrency, w.Lease, w.SubmitTimeout, w.Poll = workers, 6*time.Second, 5*time.Second, 20*time.Millisecond
	w.Rate, w.Burst, w.PerNumber, w.PerNumberBurst = 1e6, 1e6, 1e9, 1e6
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- w.Run(runCtx) }()
	for {
		select {
		case err := <-done:
			return err
		case <-time.After(50 * time.Millisecond):
		}
		n, err := st.Counts(ctx)
		if err != nil {
			return err
		}
		if n[outbox.Queued]+n[outbox.Sending] == 0 {
			stop()
			return <-done
		}
	}
}

// crashGateway acknowledges messages and counts them. Once armed, it
// holds back every answer from the request killAt on: when all it had
// acknowledged are recorded as submitted, it kills the worker's process,
// so the messages in flight at the crash are ones the gateway never
// acknowledged.
type crashGateway struct {
	mu       sync.Mutex
	acked    map[string]int
	requests int
	killAt   int
	kill     func()
	killed   chan struct{}
	once     sync.Once
}

func (g *crashGateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var m gateway.OutboundJSON
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	g.mu.Lock()
	g.requests++
	hold := g.killAt > 0 && g.requests >= g.killAt
	if !hold {
		g.acked[m.ID]++
	}
	g.mu.Unlock()
	if hold {
		g.once.Do(func() {
			g.mu.Lock()
			kill := g.kill
			g.mu.Unlock()
			go kill()
		})
		<-g.killed
		http.Error(w, "gone", http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintf(w, `{"message_id":"gw-%s"}`, m.ID)
}

func (g *crashGateway) ackedIDs() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	var ids []string
	for id := range g.acked {
		ids = append(ids, id)
	}
	return ids
}

// TestKillDashNine kills the sending process twice, the way kill -9
// would, and restarts it on the same SQLite file: first while four
// submits are in flight (the gateway has not answered them), then just
// after a submit was recorded. In the end every message was acknowledged
// by the gateway exactly once.
func TestKillDashNine(t *testing.T) {
	if testing.Short() {
		t.Skip("starts worker processes")
	}
	path := t.TempDir() + "/crash.db"
	st := openStore(t, path)
	v := crashVault()
	const n = 200
	ids := map[string]bool{}
	for i := range n {
		sealed, _ := v.Seal(fmt.Sprintf("+39333%07d", i))
		m := &outbox.Message{Key: fmt.Sprint(i), Gateway: "g", Contact: fmt.Sprint("sms:", i), SealedTo: sealed, From: "44001",
			Text: fmt.Sprint("risposta ", i), Encoding: telephony.GSM7, Segments: 1}
		if _, err := st.Enqueue(ctx, m); err != nil {
			t.Fatal(err)
		}
		ids[m.ID] = true
	}
	gw := &crashGateway{acked: map[string]int{}, killed: make(chan struct{})}
	srv := httptest.NewServer(gw)
	defer srv.Close()

	child := func(workers, dieAfter int) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"=1", childDB+"="+path, childGateway+"="+srv.URL,
			childWorkers+"="+strconv.Itoa(workers), childDieAfter+"="+strconv.Itoa(dieAfter))
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	killed := func(err error) bool {
		var ee *exec.ExitError
		return errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signal() == syscall.SIGKILL
	}

	// 1. Killed with four submits in flight, none of them acknowledged.
	var victim atomic.Pointer[exec.Cmd]
	gw.mu.Lock()
	gw.killAt = 60
	gw.kill = func() {
		deadline := time.Now().Add(30 * time.Second)
		for {
			marked := 0
			acked := gw.ackedIDs()
			for _, id := range acked {
				if m, err := st.Message(ctx, id); err == nil && m.State == outbox.Submitted {
					marked++
				}
			}
			if marked == len(acked) || time.Now().After(deadline) {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		victim.Load().Process.Signal(syscall.SIGKILL)
		close(gw.killed)
	}
	gw.mu.Unlock()
	first := child(4, 0)
	victim.Store(first)
	if err := first.Wait(); !killed(err) {
		t.Fatalf("first worker: %v, want killed", err)
	}
	c, _ := st.Counts(ctx)
	t.Logf("after the first kill: %d acknowledged, outbox %v", len(gw.ackedIDs()), c)
	if c[outbox.Sending] == 0 {
		t.Error("no message was in flight at the kill")
	}
	gw.mu.Lock()
	gw.killAt = 0
	gw.mu.Unlock()

	// 2. Killed just after recording its 50th submit, one at a time.
	if err := child(1, 50).Wait(); !killed(err) {
		t.Fatalf("second worker: %v, want killed", err)
	}
	c, _ = st.Counts(ctx)
	t.Logf("after the second kill: %d acknowledged, outbox %v", len(gw.ackedIDs()), c)

	// 3. A worker that is left alone finishes.
	if err := child(4, 0).Wait(); err != nil {
		t.Fatalf("third worker: %v", err)
	}
	gw.mu.Lock()
	defer gw.mu.Unlock()
	lost, twice := 0, 0
	for id := range ids {
		switch gw.acked[id] {
		case 0:
			lost++
		case 1:
		default:
			twice++
		}
	}
	t.Logf("%d messages, %d requests to the gateway, %d lost, %d acknowledged twice", n, gw.requests, lost, twice)
	if lost != 0 || twice != 0 || len(gw.acked) != n {
		t.Errorf("%d lost, %d sent twice", lost, twice)
	}
	c, _ = st.Counts(ctx)
	if c[outbox.Submitted] != n {
		t.Errorf("outbox %v, want all %d submitted", c, n)
	}
}
