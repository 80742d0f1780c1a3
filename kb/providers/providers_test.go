package providers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sportello/sportello/kb"
	"github.com/tmc/langchaingo/llms"
)

// reply is what the fake server does with one request. The zero value
// answers correctly in the provider's wire format.
type reply struct {
	status int           // HTTP status of an error answer
	body   string        // raw body: an error body with status, or a malformed 200
	delay  time.Duration // wait before answering (until the client gives up)
	dim    int           // dimension of the vectors, 0 for the server's default
	empty  bool          // answer the chat with no text
	broken bool          // break the Ollama chat stream after one chunk
}

// seen is one request as the fake server decoded it.
type seen struct {
	Path     string
	Model    string
	Inputs   []string // embedding inputs, one per text
	Messages []string // chat messages as "role: content"
	Auth     string
	Stream   *bool
}

// fake is an httptest server speaking the Ollama or OpenAI wire format as
// langchaingo v0.1.14 uses it: Ollama POST /api/embed with one string
// "input" per request and {"embeddings":[[…]]} back, POST /api/chat
// answered as NDJSON chunks; OpenAI POST /v1/embeddings with an "input"
// array and {"data":[{"embedding":[…],"index":i}]} back, POST
// /v1/chat/completions with {"choices":[{"message":{…}}]} back.
type fake struct {
	t        *testing.T
	provider string
	replies  []reply
	dim      int
	srv      *httptest.Server

	mu   sync.Mutex
	reqs []seen
}

func newFake(t *testing.T, provider string, replies ...reply) *fake {
	t.Helper()
	f := &fake{t: t, provider: provider, replies: replies, dim: 3}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// baseURL is what Config.BaseURL should be for this server.
func (f *fake) baseURL() string {
	if f.provider == OpenAI {
		return f.srv.URL + "/v1"
	}
	return f.srv.URL
}

func (f *fake) requests() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seen(nil), f.reqs...)
}

// vec is the vector the fake server gives text: its length, then 0.5s.
func vec(text string, dim int) []float32 {
	v := make([]float32, dim)
	for i := range v {
		v[i] = 0.5
	}
	v[0] = float32(len(text))
	return v
}

func (f *fake) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var req struct {
		Model    string          `json:"model"`
		Input    json.RawMessage `json:"input"`
		Stream   *bool           `json:"stream"`
		Messages []struct {
			Role    string `json:"role"`
			Content string `json:"content"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		f.t.Errorf("request to %s is not JSON: %v: %s", r.URL.Path, err, body)
	}
	s := seen{Path: r.Method + " " + r.URL.Path, Model: req.Model, Auth: r.Header.Get("Authorization"), Stream: req.Stream}
	if len(req.Input) > 0 {
		if f.provider == Ollama {
			var in string
			if err := json.Unmarshal(req.Input, &in); err != nil {
				f.t.Errorf("ollama input is not a string: %s", req.Input)
			}
			s.Inputs = []string{in}
		} else if err := json.Unmarshal(req.Input, &s.Inputs); err != nil {
			f.t.Errorf("openai input is not a string array: %s", req.Input)
		}
	}
	for _, m := range req.Messages {
		s.Messages = append(s.Messages, m.Role+": "+m.Content)
	}
	f.mu.Lock()
	n := len(f.reqs)
	f.reqs = append(f.reqs, s)
	f.mu.Unlock()

	rp := reply{}
	if len(f.replies) > 0 {
		rp = f.replies[min(n, len(f.replies)-1)]
	}
	if rp.delay > 0 {
		select {
		case <-time.After(rp.delay):
		case <-r.Context().Done():
			return
		}
	}
	if rp.status != 0 {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rp.status)
		io.WriteString(w, rp.body)
		return
	}
	if rp.body != "" {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, rp.body)
		return
	}
	dim := f.dim
	if rp.dim != 0 {
		dim = rp.dim
	}
	switch s.Path {
	case "POST /api/embed":
		vecs := [][]float32{}
		for _, in := range s.Inputs {
			vecs = append(vecs, vec(in, dim))
		}
		writeJSON(w, map[string]any{"model": req.Model, "embeddings": vecs, "total_duration": 1000, "load_duration": 10, "prompt_eval_count": 2})
	case "POST /v1/embeddings":
		data := []map[string]any{}
		for i, in := range s.Inputs {
			data = append(data, map[string]any{"object": "embedding", "embedding": vec(in, dim), "index": i})
		}
		writeJSON(w, map[string]any{"object": "list", "data": data, "model": req.Model, "usage": map[string]int{"prompt_tokens": 4, "total_tokens": 4}})
	case "POST /api/chat":
		// Ollama streams NDJSON unless "stream":false is sent, and
		// langchaingo omits it; the last chunk has "done":true.
		w.Header().Set("Content-Type", "application/x-ndjson")
		chunks := []string{"Ciao", "! Porta un documento."}
		if rp.empty {
			chunks = nil
		}
		enc := json.NewEncoder(w)
		if rp.broken {
			enc.Encode(map[string]any{"model": req.Model, "message": map[string]string{"role": "assistant", "content": "Cia"}, "done": false})
			enc.Encode(map[string]any{"error": "model runner has unexpectedly stopped"})
			return
		}
		for _, c := range chunks {
			enc.Encode(map[string]any{"model": req.Model, "created_at": "2025-01-01T00:00:00Z", "message": map[string]string{"role": "assistant", "content": c}, "done": false})
		}
		enc.Encode(map[string]any{"model": req.Model, "created_at": "2025-01-01T00:00:00Z", "message": map[string]string{"role": "assistant", "content": ""}, "done": true, "done_reason": "stop", "eval_count": 7, "prompt_eval_count": 20})
	case "POST /v1/chat/completions":
		content := "Ciao! Porta un documento."
		if rp.empty {
			content = ""
		}
		writeJSON(w, map[string]any{
			"id": "chatcmpl-1", "object": "chat.completion", "created": 1700000000, "model": req.Model,
			"choices": []map[string]any{{"index": 0, "message": map[string]string{"role": "assistant", "content": content}, "finish_reason": "stop"}},
			"usage":   map[string]int{"prompt_tokens": 20, "completion_tokens": 7, "total_tokens": 27},
		})
	default:
		f.t.Errorf("unexpected request %s", s.Path)
		w.WriteHeader(http.StatusNotFound)
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// errBody is an error body in the provider's format.
func errBody(provider, msg string) string {
	if provider == Ollama {
		return fmt.Sprintf(`{"error":%q}`, msg)
	}
	return fmt.Sprintf(`{"error":{"message":%q,"type":"invalid_request_error","param":null,"code":null}}`, msg)
}

// testConfig is a Config for the fake server with fast retries in mind.
func testConfig(f *fake) Config {
	c := Config{Provider: f.provider, BaseURL: f.baseURL(), Model: "nomic-embed-text", Timeout: 5 * time.Second, MaxRetries: 3, BatchSize: 2}
	if f.provider == OpenAI {
		c.Model, c.APIKey = "text-embedding-3-small", "sk-test"
	}
	return c
}

// fast shrinks the backoff so that retry tests take milliseconds.
func fast(p *policy) { p.backoff, p.maxBackoff = time.Millisecond, 5*time.Millisecond }

func newTestEmbedder(t *testing.T, cfg Config) *Embedder {
	t.Helper()
	e, err := NewEmbedder(cfg)
	if err != nil {
		t.Fatalf("NewEmbedder: %v", err)
	}
	fast(&e.policy)
	return e
}

// unreachableURL is the address of a server that has just closed, so that
// connecting fails at once without leaving the machine.
func unreachableURL(t *testing.T) string {
	srv := httptest.NewServer(http.NotFoundHandler())
	u := srv.URL
	srv.Close()
	return u
}

var providerList = []string{Ollama, OpenAI}

func TestEmbedDocumentsBatches(t *testing.T) {
	texts := []string{"carta", "d'identità\nelettronica", "rinnovo", "passaporto", "tari"}
	for _, p := range providerList {
		t.Run(p, func(t *testing.T) {
			f := newFake(t, p)
			cfg := testConfig(f)
			e := newTestEmbedder(t, cfg)
			got, err := e.EmbedDocuments(context.Background(), texts)
			if err != nil {
				t.Fatal(err)
			}
			var want [][]float32
			for _, s := range texts {
				// langchaingo strips newlines before sending.
				want = append(want, vec(strings.ReplaceAll(s, "\n", " "), 3))
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("vectors (-want +got):\n%s", d)
			}
			if texts[1] != "d'identità\nelettronica" {
				t.Errorf("the caller's slice was modified: %q", texts[1])
			}
			if e.Dim() != 3 {
				t.Errorf("Dim = %d after the first response, want 3 (learned)", e.Dim())
			}
			var gotInputs [][]string
			for _, r := range f.requests() {
				gotInputs = append(gotInputs, r.Inputs)
				if r.Model != cfg.Model {
					t.Errorf("request model %q, want %q", r.Model, cfg.Model)
				}
			}
			// OpenAI takes a batch per request: ceil(5/2) = 3 requests.
			// langchaingo's Ollama client sends one /api/embed request
			// per text even within a batch, so it makes 5.
			wantInputs := [][]string{{"carta", "d'identità elettronica"}, {"rinnovo", "passaporto"}, {"tari"}}
			if p == Ollama {
				wantInputs = [][]string{{"carta"}, {"d'identità elettronica"}, {"rinnovo"}, {"passaporto"}, {"tari"}}
			}
			if d := cmp.Diff(wantInputs, gotInputs); d != "" {
				t.Errorf("requests' inputs (-want +got):\n%s", d)
			}
			if p == OpenAI {
				if auth := f.requests()[0].Auth; auth != "Bearer sk-test" {
					t.Errorf("Authorization = %q", auth)
				}
			}
		})
	}
}

func TestEmbedQueryAndEmptyInput(t *testing.T) {
	for _, p := range providerList {
		t.Run(p, func(t *testing.T) {
			f := newFake(t, p)
			e := newTestEmbedder(t, testConfig(f))
			got, err := e.EmbedDocuments(context.Background(), nil)
			if err != nil || got != nil {
				t.Errorf("EmbedDocuments(nil) = %v, %v; want nil, nil", got, err)
			}
			if n := len(f.requests()); n != 0 {
				t.Errorf("empty input sent %d requests", n)
			}
			q, err := e.EmbedQuery(context.Background(), "orari anagrafe")
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(vec("orari anagrafe", 3), q); d != "" {
				t.Errorf("EmbedQuery (-want +got):\n%s", d)
			}
			wantName := p + ":" + testConfig(f).Model
			if e.Name() != wantName {
				t.Errorf("Name = %q, want %q", e.Name(), wantName)
			}
		})
	}
}

func TestEmbedFailures(t *testing.T) {
	type tc struct {
		name       string
		replies    []reply
		cfg        func(*Config)
		wantOK     bool
		wantReqs   int
		wantStatus int
		wantIn     []string // substrings of the error
		wantIs     []error
	}
	for _, p := range providerList {
		tests := []tc{
			{name: "429 then success", replies: []reply{{status: 429, body: errBody(p, "rate limit exceeded")}, {}}, wantOK: true, wantReqs: 2},
			{name: "500 twice then success", replies: []reply{{status: 500, body: errBody(p, "boom")}, {status: 502, body: "bad gateway"}, {}}, wantOK: true, wantReqs: 3},
			{name: "503 until retries run out", replies: []reply{{status: 503, body: errBody(p, "overloaded")}}, cfg: func(c *Config) { c.MaxRetries = 2 },
				wantReqs: 3, wantStatus: 503, wantIn: []string{"HTTP 503", "3 attempts", "overloaded", "check the server's logs"}},
			{name: "400 not retried", replies: []reply{{status: 400, body: errBody(p, "input is too long")}},
				wantReqs: 1, wantStatus: 400, wantIn: []string{p + ":", "rejected the request (HTTP 400)", "input is too long", "check Model"}},
			{name: "401 names the key", replies: []reply{{status: 401, body: errBody(p, "Incorrect API key provided")}},
				wantReqs: 1, wantStatus: 401, wantIn: []string{"HTTP 401", map[string]string{Ollama: "check the proxy", OpenAI: "check APIKey"}[p]}},
			{name: "404 says what to pull or check", replies: []reply{{status: 404, body: errBody(p, `model "x" not found, try pulling it first`)}},
				wantReqs: 1, wantStatus: 404, wantIn: []string{"HTTP 404", map[string]string{Ollama: "`ollama pull nomic-embed-text`", OpenAI: "BaseURL ends with /v1"}[p]}},
			{name: "malformed JSON not retried", replies: []reply{{body: `{"embeddings": [[0.1, 0.2`}},
				wantReqs: 1, wantIn: []string{"could not be used", map[string]string{Ollama: "does BaseURL point at an Ollama server?", OpenAI: "does BaseURL point at an OpenAI-compatible server?"}[p]}},
			{name: "slow server beyond Timeout", replies: []reply{{delay: 2 * time.Second}}, cfg: func(c *Config) { c.Timeout, c.MaxRetries = 50*time.Millisecond, -1 },
				wantReqs: 1, wantIn: []string{"did not answer within the 50ms timeout", "raise Config.Timeout"}, wantIs: []error{context.DeadlineExceeded}},
			{name: "timeout then success", replies: []reply{{delay: 2 * time.Second}, {}}, cfg: func(c *Config) { c.Timeout = 100 * time.Millisecond },
				wantOK: true, wantReqs: 2},
			{name: "wrong dimension vs Dim", cfg: func(c *Config) { c.Dim = 4 },
				wantReqs: 1, wantIn: []string{"dimension 3, want 4"}, wantIs: []error{kb.ErrInvalid}},
		}
		for _, tt := range tests {
			t.Run(p+"/"+tt.name, func(t *testing.T) {
				f := newFake(t, p, tt.replies...)
				cfg := testConfig(f)
				cfg.BatchSize = 8
				if tt.cfg != nil {
					tt.cfg(&cfg)
				}
				e := newTestEmbedder(t, cfg)
				start := time.Now()
				got, err := e.EmbedDocuments(context.Background(), []string{"anagrafe"})
				if time.Since(start) > time.Second {
					t.Errorf("took %v", time.Since(start))
				}
				if n := len(f.requests()); n != tt.wantReqs {
					t.Errorf("server saw %d requests, want %d", n, tt.wantReqs)
				}
				if tt.wantOK {
					if err != nil {
						t.Fatalf("err = %v", err)
					}
					if d := cmp.Diff([][]float32{vec("anagrafe", 3)}, got); d != "" {
						t.Errorf("vectors (-want +got):\n%s", d)
					}
					return
				}
				if err == nil {
					t.Fatalf("no error, got %v", got)
				}
				t.Logf("error: %v", err)
				for _, s := range tt.wantIn {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error %q does not mention %q", err, s)
					}
				}
				for _, target := range tt.wantIs {
					if !errors.Is(err, target) {
						t.Errorf("error %q does not match %v", err, target)
					}
				}
				if tt.wantStatus != 0 {
					var pe *Error
					if !errors.As(err, &pe) || pe.StatusCode != tt.wantStatus {
						t.Errorf("error %v: want an *Error with status %d", err, tt.wantStatus)
					}
				}
			})
		}
	}
}

func TestEmbedWrongDimensionVsLearned(t *testing.T) {
	for _, p := range providerList {
		t.Run(p, func(t *testing.T) {
			f := newFake(t, p, reply{dim: 3}, reply{dim: 5})
			e := newTestEmbedder(t, testConfig(f))
			if _, err := e.EmbedQuery(context.Background(), "uno"); err != nil {
				t.Fatal(err)
			}
			_, err := e.EmbedQuery(context.Background(), "due")
			if !errors.Is(err, kb.ErrInvalid) || !strings.Contains(err.Error(), "dimension 5, want 3") {
				t.Errorf("err = %v, want ErrInvalid about dimension 5 vs 3", err)
			}
		})
	}
}

func TestUnreachable(t *testing.T) {
	tests := []struct {
		provider string
		want     []string
	}{
		{Ollama, []string{"cannot reach Ollama at http://127.0.0.1:", "/api/embed", "2 attempts", "is `ollama serve` running and the model pulled"}},
		{OpenAI, []string{"cannot reach the OpenAI-compatible server at http://127.0.0.1:", "/v1/embeddings", "check BaseURL"}},
	}
	for _, tt := range tests {
		t.Run(tt.provider, func(t *testing.T) {
			base := unreachableURL(t)
			if tt.provider == OpenAI {
				base += "/v1"
			}
			e := newTestEmbedder(t, Config{Provider: tt.provider, BaseURL: base, Model: "m", MaxRetries: 1})
			_, err := e.EmbedQuery(context.Background(), "x")
			if err == nil {
				t.Fatal("no error")
			}
			t.Logf("error: %v", err)
			for _, s := range tt.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
		})
	}
}

func TestCallerCancelStopsRetries(t *testing.T) {
	f := newFake(t, Ollama, reply{status: 503, body: errBody(Ollama, "busy")})
	e := newTestEmbedder(t, testConfig(f))
	e.policy.backoff, e.policy.maxBackoff = time.Minute, time.Minute
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := e.EmbedQuery(ctx, "x")
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("err = %v after %v, want the caller's deadline, promptly", err, time.Since(start))
	}
	if !strings.Contains(err.Error(), "HTTP 503") {
		t.Errorf("error %q does not say what was being retried", err)
	}
}

func newTestChat(t *testing.T, f *fake, edit func(*Config)) *ChatModel {
	t.Helper()
	cfg := testConfig(f)
	cfg.Model = map[string]string{Ollama: "llama3.2", OpenAI: "gpt-4o-mini"}[f.provider]
	if edit != nil {
		edit(&cfg)
	}
	m, err := NewChatModel(cfg)
	if err != nil {
		t.Fatalf("NewChatModel: %v", err)
	}
	cm := m.(*ChatModel)
	fast(&cm.policy)
	return cm
}

func TestGenerate(t *testing.T) {
	for _, p := range providerList {
		t.Run(p, func(t *testing.T) {
			f := newFake(t, p)
			m := newTestChat(t, f, nil)
			got, err := Generate(context.Background(), m, "Rispondi solo dalle fonti.", "Cosa serve per la carta d'identità?")
			if err != nil {
				t.Fatal(err)
			}
			if got != "Ciao! Porta un documento." {
				t.Errorf("answer = %q", got)
			}
			reqs := f.requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			wantPath := map[string]string{Ollama: "POST /api/chat", OpenAI: "POST /v1/chat/completions"}[p]
			want := seen{Path: wantPath, Model: m.Name()[len(p)+1:], Messages: []string{"system: Rispondi solo dalle fonti.", "user: Cosa serve per la carta d'identità?"}}
			if p == OpenAI {
				want.Auth = "Bearer sk-test"
			}
			if d := cmp.Diff(want, reqs[0]); d != "" {
				t.Errorf("request (-want +got):\n%s", d)
			}
		})
	}
}

func TestGenerateFailures(t *testing.T) {
	type tc struct {
		name     string
		replies  []reply
		cfg      func(*Config)
		wantOK   bool
		wantReqs int
		wantIn   []string
		wantIs   error
	}
	for _, p := range providerList {
		tests := []tc{
			{name: "429 then success", replies: []reply{{status: 429, body: errBody(p, "rate limit exceeded")}, {}}, wantOK: true, wantReqs: 2},
			{name: "500 twice then success", replies: []reply{{status: 500, body: errBody(p, "boom")}, {status: 500, body: errBody(p, "boom")}, {}}, wantOK: true, wantReqs: 3},
			{name: "500 with empty body is an error", replies: []reply{{status: 500}}, cfg: func(c *Config) { c.MaxRetries = 1 },
				wantReqs: 2, wantIn: []string{"HTTP 500", "2 attempts"}},
			{name: "400 not retried", replies: []reply{{status: 400, body: errBody(p, "messages too long")}},
				wantReqs: 1, wantIn: []string{"HTTP 400", "messages too long"}},
			{name: "malformed JSON not retried", replies: []reply{{body: `{"choices": [`}},
				wantReqs: 1, wantIn: []string{"could not be used"}},
			{name: "slow server beyond Timeout", replies: []reply{{delay: 2 * time.Second}}, cfg: func(c *Config) { c.Timeout, c.MaxRetries = 50*time.Millisecond, -1 },
				wantReqs: 1, wantIn: []string{"did not answer within the 50ms timeout"}, wantIs: context.DeadlineExceeded},
			{name: "empty answer", replies: []reply{{empty: true}}, wantReqs: 1, wantIs: ErrEmptyAnswer},
		}
		for _, tt := range tests {
			t.Run(p+"/"+tt.name, func(t *testing.T) {
				f := newFake(t, p, tt.replies...)
				m := newTestChat(t, f, tt.cfg)
				got, err := Generate(context.Background(), m, "", "Orari?")
				if n := len(f.requests()); n != tt.wantReqs {
					t.Errorf("server saw %d requests, want %d", n, tt.wantReqs)
				}
				if tt.wantOK {
					if err != nil || got == "" {
						t.Fatalf("Generate = %q, %v", got, err)
					}
					return
				}
				if err == nil {
					t.Fatalf("no error, answer %q", got)
				}
				t.Logf("error: %v", err)
				for _, s := range tt.wantIn {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error %q does not mention %q", err, s)
					}
				}
				if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
					t.Errorf("error %q does not match %v", err, tt.wantIs)
				}
			})
		}
	}
}

func TestStreamBrokenAfterFirstChunk(t *testing.T) {
	f := newFake(t, Ollama, reply{broken: true}, reply{})
	m := newTestChat(t, f, nil)
	var chunks []string
	_, err := m.GenerateContent(context.Background(),
		[]llms.MessageContent{llms.TextParts(llms.ChatMessageTypeHuman, "Orari?")},
		llms.WithStreamingFunc(func(_ context.Context, c []byte) error {
			chunks = append(chunks, string(c))
			return nil
		}))
	if err == nil || !strings.Contains(err.Error(), "stream broke") || !strings.Contains(err.Error(), "unexpectedly stopped") {
		t.Errorf("err = %v, want a broken-stream error", err)
	}
	if d := cmp.Diff([]string{"Cia"}, chunks); d != "" {
		t.Errorf("chunks (-want +got):\n%s", d)
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("%d requests, want 1: a started stream must not be retried", n)
	}
	if f.requests()[0].Stream == nil || !*f.requests()[0].Stream {
		t.Errorf("streaming request did not ask for a stream")
	}
}

func TestGenerateUnreachable(t *testing.T) {
	m, err := NewChatModel(Config{Provider: Ollama, BaseURL: unreachableURL(t), Model: "llama3.2", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Generate(context.Background(), m, "", "x")
	if err == nil || !strings.Contains(err.Error(), "cannot reach Ollama at http://127.0.0.1:") || !strings.Contains(err.Error(), "/api/chat") {
		t.Errorf("err = %v", err)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string // substring of the error; "" for a valid config
	}{
		{"ollama defaults", Config{Provider: "ollama", Model: "nomic-embed-text"}, ""},
		{"openai with key", Config{Provider: "openai", Model: "text-embedding-3-small", APIKey: "sk"}, ""},
		{"openai-compatible local server without key", Config{Provider: "openai", Model: "m", BaseURL: "http://localhost:8000/v1"}, ""},
		{"empty provider", Config{Model: "m"}, `set it to "ollama" or "openai"`},
		{"unknown provider", Config{Provider: "cohere", Model: "m"}, `unknown Provider "cohere"`},
		{"missing model", Config{Provider: "ollama"}, "Model is empty"},
		{"openai without key", Config{Provider: "openai", Model: "m"}, "APIKey is empty"},
		{"bad URL", Config{Provider: "ollama", Model: "m", BaseURL: "localhost:11434"}, "not an http(s) URL"},
		{"unparsable URL", Config{Provider: "ollama", Model: "m", BaseURL: "http://[::1"}, "not an http(s) URL"},
		{"negative Dim", Config{Provider: "ollama", Model: "m", Dim: -1}, "Dim is -1"},
		{"negative Timeout", Config{Provider: "ollama", Model: "m", Timeout: -time.Second}, "Timeout is"},
		{"negative BatchSize", Config{Provider: "ollama", Model: "m", BatchSize: -2}, "BatchSize is -2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			got := ""
			if err != nil {
				got = err.Error()
			}
			if tt.want == "" && err != nil || tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("Validate = %q, want %q", got, tt.want)
			}
			// The constructors must refuse what Validate refuses rather
			// than reach langchaingo (which would log.Fatal on a bad URL).
			if _, err := NewEmbedder(tt.cfg); (err != nil) != (tt.want != "") {
				t.Errorf("NewEmbedder error = %v", err)
			}
			if _, err := NewChatModel(tt.cfg); (err != nil) != (tt.want != "") {
				t.Errorf("NewChatModel error = %v", err)
			}
		})
	}
}
