// Package providertest runs an httptest server that speaks the chat wire
// formats of the providers Sportello supports, for the tests of packages
// that use a chat model (chat, web, evals): Ollama's POST /api/chat,
// answered as an NDJSON stream (or one object when "stream":false), and
// the OpenAI POST /v1/chat/completions, answered with one
// chat.completion object. Each test decides what the "model" answers by
// looking at the request it received, so a test can play a well-behaved
// model, a model that obeys a prompt injection, or a server that fails.
package providertest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/sportello/sportello/kb/providers"
)

// Message is one chat message of a request, as sent on the wire.
type Message struct {
	Role    string
	Content string
}

// Request is one chat request as the server decoded it.
type Request struct {
	// Path is the method and path, such as "POST /api/chat".
	Path  string
	Model string
	// Messages are the chat messages in order.
	Messages []Message
	// JSON is true when the client asked for a JSON object: Ollama's
	// "format":"json" or OpenAI's "response_format":{"type":"json_object"}.
	JSON bool
	// Temperature is the requested temperature, nil when not sent.
	Temperature *float64
	// Auth is the Authorization header.
	Auth string
}

// Text returns the content of the first message with the given role ("",
// if none).
func (r Request) Text(role string) string {
	for _, m := range r.Messages {
		if m.Role == role {
			return m.Content
		}
	}
	return ""
}

// Reply is what the server does with one request. The zero value answers
// with an empty assistant message.
type Reply struct {
	// Content is the assistant's text.
	Content string
	// Status, when not 0, makes the server answer with that HTTP status
	// and Body (an error in the provider's format, see ErrorBody).
	Status int
	// Body, when Status is 0, replaces the whole 200 answer with raw
	// bytes, to send malformed responses.
	Body string
	// Hang makes the server wait until the client gives up (its context
	// ends) without answering, to test deadlines without guessing how long
	// a "slow" answer must be.
	Hang bool
	// RetryAfter sets the Retry-After header (seconds) on an error answer.
	RetryAfter int
}

// Handler decides the reply to a request; n is its 0-based number.
type Handler func(n int, req Request) Reply

// Server is a fake chat model server.
type Server struct {
	tb       testing.TB
	provider string
	handler  Handler
	srv      *httptest.Server

	mu   sync.Mutex
	reqs []Request
	// done is closed when the test ends, so that hanging handlers return
	// and httptest can shut down even when a client never hangs up.
	done chan struct{}
}

// New starts a server speaking provider's wire format (providers.Ollama or
// providers.OpenAI) and stops it when the test ends.
func New(tb testing.TB, provider string, h Handler) *Server {
	tb.Helper()
	if provider != providers.Ollama && provider != providers.OpenAI {
		tb.Fatalf("providertest: unknown provider %q", provider)
	}
	s := &Server{tb: tb, provider: provider, handler: h, done: make(chan struct{})}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(func() {
		close(s.done)
		s.srv.Close()
	})
	return s
}

// Replies returns a Handler that answers the n-th request with replies[n],
// repeating the last one.
func Replies(replies ...Reply) Handler {
	return func(n int, _ Request) Reply {
		if len(replies) == 0 {
			return Reply{}
		}
		return replies[min(n, len(replies)-1)]
	}
}

// Config returns a providers.Config pointing at the server, with one
// retry and the given model name.
func (s *Server) Config(model string) providers.Config {
	c := providers.Config{Provider: s.provider, BaseURL: s.srv.URL, Model: model, MaxRetries: 1, Timeout: 30 * time.Second}
	if s.provider == providers.OpenAI {
		c.BaseURL += "/v1"
		c.APIKey = "sk-test"
	}
	return c
}

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// ErrorBody is an error body in the provider's format.
func ErrorBody(provider, msg string) string {
	if provider == providers.Ollama {
		b, _ := json.Marshal(map[string]string{"error": msg})
		return string(b)
	}
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": msg, "type": "invalid_request_error", "param": nil, "code": nil}})
	return string(b)
}

// wireRequest is the union of the two providers' chat request bodies.
type wireRequest struct {
	Model    string `json:"model"`
	Messages []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
	Stream *bool `json:"stream"`
	// Ollama.
	Format  string `json:"format"`
	Options struct {
		Temperature *float64 `json:"temperature"`
	} `json:"options"`
	// OpenAI.
	Temperature    *float64 `json:"temperature"`
	ResponseFormat *struct {
		Type string `json:"type"`
	} `json:"response_format"`
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	path := r.Method + " " + r.URL.Path
	want := map[string]string{providers.Ollama: "POST /api/chat", providers.OpenAI: "POST /v1/chat/completions"}[s.provider]
	if path != want {
		s.tb.Errorf("providertest: %s server got %s, want %s", s.provider, path, want)
		http.NotFound(w, r)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	var wr wireRequest
	if err := json.Unmarshal(body, &wr); err != nil {
		s.tb.Errorf("providertest: request body is not JSON: %v", err)
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	req := Request{Path: path, Model: wr.Model, Auth: r.Header.Get("Authorization")}
	for _, m := range wr.Messages {
		req.Messages = append(req.Messages, Message{Role: m.Role, Content: m.Content})
	}
	if s.provider == providers.Ollama {
		req.JSON = wr.Format == "json"
		req.Temperature = wr.Options.Temperature
	} else {
		req.JSON = wr.ResponseFormat != nil && wr.ResponseFormat.Type == "json_object"
		req.Temperature = wr.Temperature
	}
	s.mu.Lock()
	n := len(s.reqs)
	s.reqs = append(s.reqs, req)
	s.mu.Unlock()

	rp := s.handler(n, req)
	if rp.Hang {
		select {
		case <-r.Context().Done():
		case <-s.done:
		}
		return
	}
	if rp.Status != 0 {
		w.Header().Set("Content-Type", "application/json")
		if rp.RetryAfter > 0 {
			w.Header().Set("Retry-After", fmt.Sprint(rp.RetryAfter))
		}
		w.WriteHeader(rp.Status)
		io.WriteString(w, rp.Body)
		return
	}
	if rp.Body != "" {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, rp.Body)
		return
	}
	if s.provider == providers.Ollama {
		s.ollama(w, wr, rp.Content)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": fmt.Sprintf("chatcmpl-%d", n+1), "object": "chat.completion", "created": 1700000000, "model": wr.Model,
		"choices": []map[string]any{{"index": 0, "message": map[string]string{"role": "assistant", "content": rp.Content}, "finish_reason": "stop"}},
		"usage":   map[string]int{"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
	})
}

// ollama answers like `ollama serve`: one object when the request says
// "stream":false, otherwise NDJSON chunks ending with "done":true. The
// content is cut into chunks so that clients must join them.
func (s *Server) ollama(w http.ResponseWriter, wr wireRequest, content string) {
	chunk := func(text string, done bool) map[string]any {
		m := map[string]any{"model": wr.Model, "created_at": "2025-01-01T00:00:00Z", "message": map[string]string{"role": "assistant", "content": text}, "done": done}
		if done {
			m["done_reason"], m["eval_count"], m["prompt_eval_count"] = "stop", 20, 100
		}
		return m
	}
	enc := json.NewEncoder(w)
	if wr.Stream != nil && !*wr.Stream {
		w.Header().Set("Content-Type", "application/json")
		enc.Encode(chunk(content, true))
		return
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	runes := []rune(content)
	const size = 16
	for i := 0; i < len(runes); i += size {
		enc.Encode(chunk(string(runes[i:min(i+size, len(runes))]), false))
	}
	enc.Encode(chunk("", true))
}
