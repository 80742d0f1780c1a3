package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sportello/sportello/kb"
)

// openAIEmbeddings is an httptest server speaking OpenAI's /v1/embeddings
// wire format. Its vectors come from a 64-dimension hash embedder, so they
// are deterministic and similar texts get similar vectors.
func openAIEmbeddings(t *testing.T, calls *atomic.Int64) *httptest.Server {
	t.Helper()
	h := kb.NewHashEmbedder(64)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/embeddings" {
			http.Error(w, `{"error":{"message":"not found"}}`, http.StatusNotFound)
			return
		}
		if r.Header.Get("Authorization") != "Bearer test-key" {
			http.Error(w, `{"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}}`, http.StatusUnauthorized)
			return
		}
		calls.Add(1)
		var req struct {
			Input []string `json:"input"`
			Model string   `json:"model"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Model != "test-embed" {
			http.Error(w, `{"error":{"message":"bad request"}}`, http.StatusBadRequest)
			return
		}
		type item struct {
			Object    string    `json:"object"`
			Embedding []float32 `json:"embedding"`
			Index     int       `json:"index"`
		}
		resp := struct {
			Object string         `json:"object"`
			Data   []item         `json:"data"`
			Model  string         `json:"model"`
			Usage  map[string]int `json:"usage"`
		}{Object: "list", Model: req.Model, Usage: map[string]int{"prompt_tokens": 1, "total_tokens": 1}}
		for i, text := range req.Input {
			resp.Data = append(resp.Data, item{Object: "embedding", Embedding: h.Embed(text), Index: i})
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(resp)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestProviderEmbedder runs the real command with an OpenAI-compatible
// embedder: the knowledge base is embedded through it, and questions find
// their entries.
func TestProviderEmbedder(t *testing.T) {
	var calls atomic.Int64
	srv := openAIEmbeddings(t, &calls)
	dir := t.TempDir()
	env := map[string]string{
		"SPORTELLO_DATA": dir, "SPORTELLO_EMBEDDER": "openai", "SPORTELLO_EMBED_MODEL": "test-embed",
		"SPORTELLO_EMBED_URL": srv.URL + "/v1", "SPORTELLO_EMBED_KEY": "test-key",
	}
	runEnv := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := Run(context.Background(), args, strings.NewReader(""), &out, &errOut, func(k string) string { return env[k] })
		return out.String(), err
	}
	out, err := runEnv("ask", "come pago la TARI, la tassa sui rifiuti?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "tari-pagamento") {
		t.Errorf("ask through the provider embedder printed:\n%s", out)
	}
	if calls.Load() == 0 {
		t.Error("the embeddings endpoint was never called")
	}
	// A wrong key is a clear configuration error, not a crash.
	env["SPORTELLO_EMBED_KEY"] = "wrong"
	env["SPORTELLO_DATA"] = t.TempDir()
	if _, err := runEnv("ask", "TARI"); err == nil || !strings.Contains(err.Error(), "embedder") {
		t.Errorf("a rejected key: %v, want an embedder error", err)
	}
	// An unknown provider is refused before anything starts.
	env["SPORTELLO_EMBEDDER"] = "acme"
	if _, err := runEnv("ask", "TARI"); err == nil || !strings.Contains(err.Error(), "acme") {
		t.Errorf("an unknown provider: %v, want an error naming it", err)
	}
}
