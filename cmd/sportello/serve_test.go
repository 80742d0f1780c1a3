package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sportello/sportello/chat"
	chatsqlite "github.com/sportello/sportello/chat/sqlite"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/postgres/pgtest"
	"github.com/sportello/sportello/kb/sqlite"
)

func TestParseRetention(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		err  string
	}{
		{in: "30d", want: 30 * 24 * time.Hour},
		{in: DefaultRetention, want: 30 * 24 * time.Hour},
		{in: "720h", want: 720 * time.Hour},
		{in: "1h", want: time.Hour},
		{in: "3650d", want: 3650 * 24 * time.Hour},
		{in: "59m", err: "shorter than the least retention"},
		{in: "0", err: "shorter"},
		{in: "-2d", err: "shorter"},
		{in: "4000d", err: "longer than ten years"},
		{in: "thirty days", err: "not a period"},
		{in: "1.5d", err: "not a number of days"},
		{in: "", err: "not a period"},
	} {
		got, err := parseRetention(tc.in)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("parseRetention(%q) = %v, %v; want an error with %q", tc.in, got, err, tc.err)
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("parseRetention(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestServeBadRetention(t *testing.T) {
	_, _, err := run(t, t.TempDir(), "serve", "--retention", "5m", "--addr", "127.0.0.1:0")
	if err == nil || !strings.Contains(err.Error(), "--retention") || !strings.Contains(err.Error(), "1h") {
		t.Errorf("serve --retention 5m: %v, want an error naming --retention and the least value", err)
	}
}

// syncBuffer is a bytes.Buffer the server's goroutines may write to while
// the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServe runs the real serve command in-process on a database a crash
// left behind: a message stored but never answered, and a conversation
// past the retention period. At start the first gets its reply and the
// second is deleted; the API works; logs hold no message text; and a stop
// finishes cleanly with a live stream open.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	const unanswered = "come rinnovo la carta d'identità elettronica?"
	pending, old := leftByACrash(t, filepath.Join(dir, "sportello.db"), unanswered)

	srv := startServe(t, dir, "--retention", "30d")
	base := srv.base
	getJSON := func(path string) (int, map[string]any) {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		json.NewDecoder(resp.Body).Decode(&m)
		return resp.StatusCode, m
	}
	status, m := getJSON("/api/v1/conversations/" + pending + "/messages")
	msgs, _ := m["messages"].([]any)
	if status != 200 || len(msgs) != 2 {
		t.Fatalf("the message left by the crash: %d %v, want it and its reply", status, m)
	}
	if d, _ := msgs[1].(map[string]any)["decision"].(map[string]any); d["entry"] != "cie-rinnovo" {
		t.Errorf("the reply to the message left by the crash: %v", msgs[1])
	}
	if status, _ := getJSON("/api/v1/conversations/" + old); status != 404 {
		t.Errorf("the conversation past retention: %d, want 404 (purged)", status)
	}

	// A new conversation through the API, followed live.
	resp, err := http.Post(base+"/api/v1/conversations", "application/json", strings.NewReader(`{"lang":"it"}`))
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	json.NewDecoder(resp.Body).Decode(&c)
	resp.Body.Close()
	id, _ := c["id"].(string)
	const secret = "il mio codice fiscale è RSSMRA80A01H501U, come pago la TARI?"
	resp, err = http.Post(base+"/api/v1/conversations/"+id+"/messages", "application/json", strings.NewReader(`{"text":"`+secret+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Errorf("post: %d", resp.StatusCode)
	}
	stream, err := http.Get(base + "/api/v1/conversations/" + id + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	if first, _ := bufio.NewReader(stream.Body).ReadString('\n'); !strings.HasPrefix(first, "retry:") {
		t.Errorf("stream began with %q", first)
	}

	// Stopping with a stream open: the stream ends and serve returns.
	if err := srv.stop(); err != nil {
		t.Errorf("serve returned %v", err)
	}
	l := srv.logs.String()
	for _, s := range []string{secret, "RSSMRA80A01H501U", unanswered} {
		if strings.Contains(l, s) {
			t.Errorf("the logs contain a message's text %q", s)
		}
	}
	for _, s := range []string{`"msg":"answered messages left by the last run","turns":1`, `"msg":"deleted conversations past retention","conversations":1`, `"msg":"turn"`} {
		if !strings.Contains(l, s) {
			t.Errorf("the logs lack %s:\n%s", s, l)
		}
	}
}

// served is a serve command running in-process.
type served struct {
	base string
	logs *syncBuffer
	stop func() error
}

// startServe runs `sportello serve` with its data in dir on a free port
// and returns once it listens. stop cancels it and waits for it to
// return; the test's end stops it too.
func startServe(t *testing.T, dir string, args ...string) *served {
	t.Helper()
	return startServeEnv(t, dir, nil, args...)
}

// startServeEnv is startServe with more environment variables.
func startServeEnv(t *testing.T, dir string, extra map[string]string, args ...string) *served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	outR, outW := io.Pipe()
	s := &served{logs: &syncBuffer{}}
	done := make(chan error, 1)
	go func() {
		env := func(k string) string {
			if k == "SPORTELLO_DATA" {
				return dir
			}
			return extra[k]
		}
		done <- Run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), outW, s.logs, env)
		outW.Close()
	}()
	var once sync.Once
	var stopErr error
	s.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(2 * shutdownGrace):
				stopErr = errors.New("serve did not stop")
			}
		})
		return stopErr
	}
	t.Cleanup(func() { s.stop() })
	line, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed nothing: %v; logs:\n%s", err, s.logs.String())
	}
	go io.Copy(io.Discard, outR)
	if s.base = regexp.MustCompile(`http://[^ /]+`).FindString(line); s.base == "" {
		t.Fatalf("no address in %q", line)
	}
	return s
}

// leftByACrash prepares the database a crashed server leaves: a citizen's
// message stored but not answered, and a conversation whose last activity
// is two months old. It returns their ids.
func leftByACrash(t *testing.T, path, text string) (pending, old string) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path, kb.NewHashEmbedder(0))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	conv, err := chatsqlite.New(ctx, st.DB())
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []*string{&pending, &old} {
		c := &chat.Conversation{Channel: chat.ChannelAPI, Lang: "it", LangChosen: true, State: chat.StateBot}
		if err := conv.CreateConversation(ctx, c); err != nil {
			t.Fatal(err)
		}
		*id = c.ID
	}
	turn := &chat.Turn{ConversationID: pending, Role: chat.RoleCitizen, Text: text, Status: chat.TurnReceived}
	if _, err := conv.AppendTurn(ctx, turn); err != nil {
		t.Fatal(err)
	}
	stale := time.Now().AddDate(0, -2, 0).UTC().Format("2006-01-02T15:04:05.000000000Z")
	if _, err := st.DB().ExecContext(ctx, `UPDATE conversations SET created_at = ?, updated_at = ? WHERE id = ?`, stale, stale, old); err != nil {
		t.Fatal(err)
	}
	return pending, old
}

// TestServePostgresLive runs two serve processes on one PostgreSQL
// database, as a scaled-out deployment does: a message posted through one
// reaches a stream open on the other (LISTEN/NOTIFY), and a conversation
// started on one is continued on the other.
func TestServePostgresLive(t *testing.T) {
	url := pgtest.NewDatabase(t)
	a := startServe(t, t.TempDir(), "--db", url)
	b := startServe(t, t.TempDir(), "--db", url)
	post := func(base, path, body string) map[string]any {
		t.Helper()
		resp, err := http.Post(base+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		json.NewDecoder(resp.Body).Decode(&m)
		if resp.StatusCode != 201 {
			t.Fatalf("POST %s: %d %v", path, resp.StatusCode, m)
		}
		return m
	}
	id := post(a.base, "/api/v1/conversations", `{"lang":"it"}`)["id"].(string)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", a.base+"/api/v1/conversations/"+id+"/events", nil)
	stream, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	events := bufio.NewScanner(stream.Body)
	// The stream is live once its first event (the conversation) came.
	for events.Scan() && !strings.HasPrefix(events.Text(), "event: conversation") {
	}
	post(b.base, "/api/v1/conversations/"+id+"/messages", `{"text":"come pago la TARI?"}`)
	var got []string
	for len(got) < 2 && events.Scan() {
		if line := events.Text(); strings.HasPrefix(line, "id: ") {
			got = append(got, line)
		}
	}
	if strings.Join(got, ",") != "id: 1,id: 2" {
		t.Errorf("the stream on the first process saw %v, want messages 1 and 2 posted on the second (err %v)", got, events.Err())
	}
}
