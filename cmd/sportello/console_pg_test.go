package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sportello/sportello/kb/postgres/pgtest"
)

// TestServePostgresOperatorQueueLive runs two serve processes on one
// PostgreSQL database: an operator signed in on the second watches the
// queue's live stream while a citizen, talking to the first, asks for a
// person. The handoff reaches the second process through LISTEN/NOTIFY,
// not through memory it shares with the first, and is on its queue.
func TestServePostgresOperatorQueueLive(t *testing.T) {
	dburl := pgtest.NewDatabase(t)
	const password = "una password di prova abbastanza lunga"
	addOperator(t, t.TempDir(), "olga", password, "--db", dburl)
	a := startServe(t, t.TempDir(), "--db", dburl)
	b := startServe(t, t.TempDir(), "--db", dburl)
	olga := signInStaff(t, b.base, "olga", password)
	get := func(ctx context.Context, path string) *http.Response {
		t.Helper()
		resp := olga.open(t, ctx, http.MethodGet, path, nil)
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			t.Fatalf("GET %s on the second process: %d", path, resp.StatusCode)
		}
		return resp
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	stream := get(ctx, "/staff/queue/events")
	defer stream.Body.Close()
	lines := bufio.NewScanner(stream.Body)
	if !lines.Scan() || !strings.HasPrefix(lines.Text(), "retry:") {
		t.Fatalf("the queue stream began with %q (%v)", lines.Text(), lines.Err())
	}
	queue := func() string {
		resp := get(context.Background(), "/staff/queue?fragment=1")
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if q := queue(); !strings.Contains(q, `data-testid="queue-empty"`) {
		t.Fatalf("the queue is not empty at start:\n%s", q)
	}

	// The citizen, on the first process, asks for a person.
	post := func(path, body string) string {
		t.Helper()
		resp, err := http.Post(a.base+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("POST %s on the first process: %d %s", path, resp.StatusCode, b)
		}
		return string(b)
	}
	id := regexp.MustCompile(`"id":"([a-z2-7]+)"`).FindStringSubmatch(post("/api/v1/conversations", `{"lang":"ro"}`))
	if id == nil {
		t.Fatal("no conversation id")
	}
	m := regexp.MustCompile(`"handoff_code":"(\d+)"`).FindStringSubmatch(post("/api/v1/conversations/"+id[1]+"/messages", `{"text":"Vreau să vorbesc cu un operator"}`))
	if m == nil {
		t.Fatal("no handoff on the first process")
	}
	code := m[1]

	// The second process's stream signals the change, and its queue has
	// the handoff.
	signalled := make(chan bool, 1)
	go func() {
		for lines.Scan() {
			if lines.Text() == "event: change" {
				signalled <- true
				return
			}
		}
		signalled <- false
	}()
	select {
	case ok := <-signalled:
		if !ok {
			t.Fatalf("the queue stream on the second process ended without a change (%v)", lines.Err())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the queue stream on the second process did not signal the handoff made on the first")
	}
	if q := queue(); !strings.Contains(q, `data-testid="queue-`+code+`"`) {
		t.Errorf("the second process's queue lacks handoff %s:\n%s", code, q)
	}
}
