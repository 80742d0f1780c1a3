package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/postgres/pgtest"
)

// TestKBReembed changes the embedder of a knowledge base too large for
// Open to re-embed by itself, from the offline one to an OpenAI-compatible
// endpoint (an httptest server speaking its wire format), on both stores.
// The first `kb reembed` is interrupted (as by Ctrl-C) in its sixth batch;
// the second goes on from there, and the third has nothing left to do.
func TestKBReembed(t *testing.T) {
	// What is left after the interruption is still more than the stores'
	// AutoReembed, so that the second run, not Open, re-embeds it.
	const entries, batch = 2600, 100
	kbFile := filepath.Join(t.TempDir(), "kb.jsonl")
	var b bytes.Buffer
	for i := range entries {
		fmt.Fprintf(&b, `{"id":"e%04d","variants":{"it":{"question":"Come richiedo il documento numero %d dell'ufficio %d?","answer":"Allo sportello %d."}}}`+"\n", i, i, i%37, i%11)
	}
	if err := os.WriteFile(kbFile, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, store := range []string{"sqlite", "postgres"} {
		t.Run(store, func(t *testing.T) {
			env := map[string]string{"SPORTELLO_DATA": t.TempDir()}
			if store == "postgres" {
				env["SPORTELLO_DB"] = pgtest.NewDatabase(t)
			}
			runEnv := func(ctx context.Context, args ...string) (string, error) {
				var out, errOut bytes.Buffer
				err := Run(ctx, args, strings.NewReader(""), &out, &errOut, func(k string) string { return env[k] })
				return out.String(), err
			}
			if out, err := runEnv(context.Background(), "kb", "import", kbFile); err != nil || !strings.Contains(out, fmt.Sprintf("%d added", entries)) {
				t.Fatalf("kb import: %v\n%s", err, out)
			}

			// The embeddings endpoint cancels the command's context when
			// the first request of the sixth batch arrives: one request
			// learns the dimension, then each batch of 100 questions is
			// two requests of at most 64 texts.
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var calls atomic.Int64
			interruptAt := int64(1 + 5*2 + 1)
			srv := embeddingsServer(t, func() {
				if calls.Add(1) == interruptAt {
					cancel()
				}
			})
			env["SPORTELLO_EMBEDDER"], env["SPORTELLO_EMBED_MODEL"] = "openai", "test-embed"
			env["SPORTELLO_EMBED_URL"], env["SPORTELLO_EMBED_KEY"] = srv.URL+"/v1", "test-key"

			_, err := runEnv(ctx, "kb", "reembed", "--batch", fmt.Sprint(batch))
			if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("500 of %d variants done", entries)) || !strings.Contains(err.Error(), "run the command again") {
				t.Fatalf("interrupted kb reembed: err = %v; want it to say 500 of %d were done and to run it again", err, entries)
			}
			out, err := runEnv(context.Background(), "kb", "reembed", "--batch", fmt.Sprint(batch))
			want := fmt.Sprintf("re-embedded %d variants with openai:test-embed; %d of %d variants have its vectors", entries-500, entries, entries)
			if err != nil || !strings.Contains(out, want) {
				t.Fatalf("resumed kb reembed: %v\n%s\nwant %q", err, out, want)
			}
			// Every variant was embedded once: 2,100 questions in requests
			// of at most 64, plus one request to learn the dimension per run.
			if got, most := calls.Load(), int64(2+2*(entries/batch)+1); got > most {
				t.Errorf("the endpoint got %d requests; re-embedding each variant once takes at most %d", got, most)
			}
			out, err = runEnv(context.Background(), "kb", "reembed")
			if err != nil || !strings.Contains(out, fmt.Sprintf("all %d variants have vectors from openai:test-embed", entries)) {
				t.Errorf("kb reembed with nothing to do: %v\n%s", err, out)
			}
			out, err = runEnv(context.Background(), "kb", "search", "--lang", "it", "documento numero 1234 ufficio")
			if err != nil || !strings.Contains(out, "e1234") {
				t.Errorf("kb search after re-embedding: %v\n%s", err, out)
			}
		})
	}
}

// embeddingsServer speaks OpenAI's /v1/embeddings wire format with the
// vectors of a 64-dimension hash embedder; each request first calls
// onRequest.
func embeddingsServer(t *testing.T, onRequest func()) *httptest.Server {
	t.Helper()
	h := kb.NewHashEmbedder(64)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/embeddings" || r.Header.Get("Authorization") != "Bearer test-key" {
			http.Error(w, `{"error":{"message":"not found"}}`, http.StatusNotFound)
			return
		}
		onRequest()
		var req struct {
			Input []string `json:"input"`
			Model string   `json:"model"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, `{"error":{"message":"bad request"}}`, http.StatusBadRequest)
			return
		}
		type item struct {
			Object    string    `json:"object"`
			Embedding []float32 `json:"embedding"`
			Index     int       `json:"index"`
		}
		resp := struct {
			Object string `json:"object"`
			Data   []item `json:"data"`
			Model  string `json:"model"`
		}{Object: "list", Model: req.Model}
		for i, text := range req.Input {
			resp.Data = append(resp.Data, item{Object: "embedding", Embedding: h.Embed(text), Index: i})
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(resp)
	}))
	t.Cleanup(srv.Close)
	return srv
}
