package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/chat/chattest"
	"github.com/sportello/sportello/web"
)

// env is a server on the demo knowledge base with its conversation
// service and broker, as `sportello serve` wires them.
type env struct {
	*httptest.Server
	svc    *chat.Service
	broker *web.LocalBroker
	web    *web.Server
}

func newEnv(t testing.TB, ready error) *env {
	t.Helper()
	svc := chattest.MustDemoService(t)
	b := web.NewLocalBroker()
	svc.Notify = b.Publish
	s := &web.Server{Service: svc, Broker: b, StaticDir: "../" + web.DefaultStaticDir,
		Ready: func(context.Context) error { return ready },
		// Live updates must come through the broker: the streams' own
		// re-reading would hide a broken wiring.
		Heartbeat: time.Hour}
	srv := httptest.NewServer(s.Handler())
	// Streams end first, or Close would wait for them.
	t.Cleanup(func() { s.StopStreams(); srv.Close() })
	return &env{Server: srv, svc: svc, broker: b, web: s}
}

func newServer(t *testing.T, ready error) *httptest.Server { return newEnv(t, ready).Server }

func TestRoutes(t *testing.T) {
	srv := newServer(t, nil)
	for _, tc := range []struct {
		name, method, path, body string
		status                   int
		has                      string
	}{
		{"health", "GET", "/healthz", "", 200, "ok"},
		{"ready", "GET", "/readyz", "", 200, "ready"},
		{"ask italian", "POST", "/api/v1/ask", `{"text":"come rinnovo la carta d'identità elettronica?"}`, 200, `"entry":"cie-rinnovo"`},
		{"ask emergency arabic", "POST", "/api/v1/ask", `{"text":"النجدة هناك حريق في بيتي"}`, 200, `"decision":"emergency"`},
		{"html stays text", "POST", "/api/v1/ask", `{"text":"<script>alert(1)</script> operatore"}`, 200, `"decision":"handoff"`},
		{"empty text", "POST", "/api/v1/ask", `{"text":"  ","lang":"ro"}`, 400, "Vă rog să scrieți întrebarea."},
		{"not json", "POST", "/api/v1/ask", `text=ciao`, 400, "must be JSON"},
		{"too large", "POST", "/api/v1/ask", `{"text":"` + strings.Repeat("a", 70_000) + `"}`, 413, `"code":"too_large"`},
		{"wrong method", "GET", "/api/v1/ask", "", 405, ""},
		{"unknown path", "GET", "/nope", "", 404, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, srv.URL+tc.path, strings.NewReader(tc.body))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var b strings.Builder
			buf := make([]byte, 4096)
			for {
				n, err := resp.Body.Read(buf)
				b.Write(buf[:n])
				if err != nil {
					break
				}
			}
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d; body %s", resp.StatusCode, tc.status, b.String())
			}
			if !strings.Contains(b.String(), tc.has) {
				t.Errorf("body %s lacks %q", b.String(), tc.has)
			}
			if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") && !json.Valid([]byte(b.String())) {
				t.Errorf("invalid JSON: %s", b.String())
			}
		})
	}
}

func TestNotReady(t *testing.T) {
	srv := newServer(t, errors.New("database gone"))
	resp, err := http.Get(srv.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("readyz with a failing store: %d, want 503", resp.StatusCode)
	}
}

// TestWithoutService: a server built without a conversation service (as
// some tools and tests build it) refuses the conversation routes cleanly.
func TestWithoutService(t *testing.T) {
	s := &web.Server{}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	for _, tc := range []struct{ method, path, ctype, body, has string }{
		{"POST", "/it/chat", "application/x-www-form-urlencoded", "text=ciao", "Qualcosa non ha funzionato"},
		{"GET", "/it/c/" + chat.NewID(), "", "", "Qualcosa non ha funzionato"},
		{"POST", "/api/v1/conversations", "application/json", "{}", `"code":"unavailable"`},
		{"POST", "/api/v1/ask", "application/json", `{"text":"ciao"}`, `"code":"unavailable"`},
	} {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, strings.NewReader(tc.body))
		if tc.ctype != "" {
			req.Header.Set("Content-Type", tc.ctype)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(b), tc.has) {
			t.Errorf("%s %s: %d, want 503 with %q", tc.method, tc.path, resp.StatusCode, tc.has)
		}
	}
}
