package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sportello/sportello/kb/providers"
	"github.com/sportello/sportello/kb/providers/providertest"
)

// TestEvalWithLLM runs `sportello eval --llm` against a fake
// OpenAI-compatible server that composes from the first entry it is given
// (a grounded model), then against one that cites nothing (every answer
// falls back to the curated text).
func TestEvalWithLLM(t *testing.T) {
	set := filepath.Join(t.TempDir(), "set.jsonl")
	lines := `{"id":"q1","lang":"it","text":"Come si paga la TARI?","expect":"tari-pagamento"}
{"id":"q2","lang":"en","text":"How do I renew my identity card?","expect":"cie-rinnovo"}
{"id":"q3","lang":"it","text":"voglio parlare con un operatore","expect":"handoff"}
`
	if err := os.WriteFile(set, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	grounded := func(_ int, req providertest.Request) providertest.Reply {
		user := req.Text("user")
		_, rest, _ := strings.Cut(user, "<data>")
		body, _, _ := strings.Cut(rest, "</data>")
		var d struct {
			Entries []struct{ ID, Answer string } `json:"entries"`
		}
		if err := json.Unmarshal([]byte(body), &d); err != nil || len(d.Entries) == 0 {
			return providertest.Reply{Status: 400, Body: providertest.ErrorBody(providers.OpenAI, "bad request")}
		}
		b, _ := json.Marshal(map[string]any{"answer": d.Entries[0].Answer, "cites": []string{d.Entries[0].ID}})
		return providertest.Reply{Content: string(b)}
	}
	citesNothing := func(int, providertest.Request) providertest.Reply {
		return providertest.Reply{Content: `{"answer":"Chiamate il numero verde.","cites":[]}`}
	}
	for _, tc := range []struct {
		name         string
		h            providertest.Handler
		fallbackRate float64
	}{{"grounded", grounded, 0}, {"cites nothing", citesNothing, 1}} {
		t.Run(tc.name, func(t *testing.T) {
			srv := providertest.New(t, providers.OpenAI, tc.h)
			pc := srv.Config("test-model")
			env := map[string]string{"SPORTELLO_LLM": "openai", "SPORTELLO_LLM_MODEL": "test-model", "SPORTELLO_LLM_URL": pc.BaseURL, "SPORTELLO_LLM_KEY": "test"}
			var out, errb bytes.Buffer
			err := Run(context.Background(), []string{"eval", "--kb", filepath.Join("..", "..", "kb", "demo", "borgoverde.jsonl"), "--set", set, "--llm", "--json"},
				nil, &out, &errb, func(k string) string { return env[k] })
			if err != nil {
				t.Fatalf("eval --llm: %v\n%s", err, errb.String())
			}
			var rep struct {
				LLM *struct {
					Answers      int     `json:"answers"`
					FallbackRate float64 `json:"fallback_rate"`
					Groundedness float64 `json:"groundedness"`
				} `json:"llm"`
			}
			if err := json.Unmarshal(out.Bytes(), &rep); err != nil || rep.LLM == nil {
				t.Fatalf("report: %v\n%s", err, out.String())
			}
			if rep.LLM.Answers != 2 || rep.LLM.FallbackRate != tc.fallbackRate || (tc.fallbackRate == 0 && rep.LLM.Groundedness != 1) {
				t.Errorf("llm metrics %+v", *rep.LLM)
			}
		})
	}
	var errb bytes.Buffer
	err := Run(context.Background(), []string{"eval", "--kb", "x", "--set", set, "--llm"}, nil, &bytes.Buffer{}, &errb, func(string) string { return "" })
	if err == nil || !strings.Contains(err.Error(), "SPORTELLO_LLM") {
		t.Errorf("--llm without a model: %v", err)
	}
}
