package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sportello/sportello/kb"
)

// run executes the real command line in-process with its own data folder.
func run(t *testing.T, dir string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := func(k string) string {
		if k == "SPORTELLO_DATA" {
			return dir
		}
		return ""
	}
	err := Run(context.Background(), args, strings.NewReader(""), &out, &errOut, env)
	return out.String(), errOut.String(), err
}

const demoKB = "../../kb/demo/borgoverde.jsonl"
const demoSet = "../../evals/sets/demo.jsonl"

func TestImportExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	out, _, err := run(t, dir, "kb", "import", demoKB)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "44 added") {
		t.Errorf("import said %q, want 44 added", out)
	}
	first, _, err := run(t, dir, "kb", "export")
	if err != nil {
		t.Fatal(err)
	}
	exported := filepath.Join(t.TempDir(), "export.jsonl")
	if err := os.WriteFile(exported, []byte(first), 0o600); err != nil {
		t.Fatal(err)
	}
	// Into a fresh database, then out again: the same bytes.
	dir2 := t.TempDir()
	if _, _, err := run(t, dir2, "kb", "import", exported); err != nil {
		t.Fatal(err)
	}
	second, _, err := run(t, dir2, "kb", "export")
	if err != nil {
		t.Fatal(err)
	}
	if first != second {
		t.Errorf("export → import → export changed the bytes:\n%s", cmp.Diff(first, second))
	}
	// Importing the same file again changes nothing.
	out, _, err = run(t, dir, "kb", "import", exported)
	if err != nil || !strings.Contains(out, "44 unchanged") {
		t.Errorf("re-import: %q, %v; want 44 unchanged", out, err)
	}
	for _, format := range []string{"json", "yaml", "csv"} {
		f := filepath.Join(t.TempDir(), "kb."+format)
		if _, _, err := run(t, dir, "kb", "export", "--format", format, "--out", f); err != nil {
			t.Fatalf("export %s: %v", format, err)
		}
		out, _, err := run(t, dir, "kb", "import", f)
		if err != nil || !strings.Contains(out, "44 unchanged") {
			t.Errorf("import of the %s export: %q, %v; want 44 unchanged", format, out, err)
		}
	}
}

func TestImportBadFileStoresNothing(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	good := `{"id":"a","variants":{"it":{"question":"Domanda?","answer":"Risposta."}}}`
	for name, body := range map[string]string{
		"missing answer":  good + "\n" + `{"id":"b","variants":{"it":{"question":"Domanda?"}}}`,
		"duplicate id":    good + "\n" + good,
		"unknown lang":    good + "\n" + `{"id":"b","variants":{"xx-":{"question":"Q","answer":"A"}}}`,
		"malformed json":  good + "\n" + `{"id":"b",`,
		"invalid utf-8":   good + "\n" + "{\"id\":\"b\",\"variants\":{\"it\":{\"question\":\"\xff\",\"answer\":\"A\"}}}",
		"100 KB answer":   good + "\n" + `{"id":"b","variants":{"it":{"question":"Q","answer":"` + strings.Repeat("x", 100_000) + `"}}}`,
		"not configured":  good + "\n" + `{"id":"b","variants":{"pt":{"question":"Q","answer":"A"}}}`,
		"empty file":      "",
		"array in jsonl ": `[1,2]`,
	} {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(bad, []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
			_, _, err := run(t, dir, "kb", "import", bad)
			if err == nil {
				t.Fatal("import succeeded")
			}
			if !strings.Contains(err.Error(), "bad.jsonl") || !strings.Contains(err.Error(), "nothing was imported") {
				t.Errorf("error %q does not name the file and say nothing was imported", err)
			}
			if body != "" && !strings.Contains(err.Error(), "bad.jsonl:") {
				t.Errorf("error %q does not name the line", err)
			}
			out, _, err := run(t, dir, "kb", "export")
			if err != nil || out != "" {
				t.Errorf("after a failed import the export holds %q (%v); want nothing", out, err)
			}
		})
	}
}

func TestAsk(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"ask", "come rinnovo la carta d'identità elettronica?"}, []string{"decision:   answer", "cie-rinnovo", "22,21"}},
		{[]string{"ask", "il mio vicino è caduto e non respira"}, []string{"decision:   emergency", "112"}},
		{[]string{"ask", "أريد التحدث مع موظف"}, []string{"decision:   handoff (explicit_request)", "language:   ar"}},
		{[]string{"ask", "--lang", "en", "TARI"}, []string{"language:   en"}},
	} {
		out, _, err := run(t, dir, tc.args...)
		if err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v printed:\n%s\nwant it to contain %q", tc.args, out, w)
			}
		}
	}
	_, _, err := run(t, dir, "ask", "   ")
	var u usageError
	if !errors.As(err, &u) {
		t.Errorf("ask with no text: %v, want a usage error", err)
	}
}

func TestSearch(t *testing.T) {
	out, _, err := run(t, t.TempDir(), "kb", "search", "--lang", "ar", "كيف", "أدفع", "ضريبة", "النفايات")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "tari-pagamento") {
		t.Errorf("search printed:\n%s\nwant tari-pagamento among the hits", out)
	}
	if _, _, err := run(t, t.TempDir(), "kb", "search", "carta"); err == nil {
		t.Error("search without --lang succeeded")
	}
}

// TestEvalContract checks `sportello eval --json` against the contract in
// DESIGN.md and the quality bars the demo set must keep.
func TestEvalContract(t *testing.T) {
	out, _, err := run(t, t.TempDir(), "eval", "--kb", demoKB, "--set", demoSet, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("eval --json printed something that is not JSON: %v\n%s", err, out)
	}
	keys := []string{"n", "decision_accuracy", "answered_correct_rate", "wrong_answer_rate", "handoff_rate", "clarify_rate",
		"emergency_recall", "top1", "recall_at_5", "mrr", "lang_id_accuracy", "latency_ms"}
	for _, k := range keys {
		if _, ok := rep[k]; !ok {
			t.Errorf("the report lacks %q", k)
		}
	}
	byLang, _ := rep["by_lang"].(map[string]any)
	for _, l := range kb.DefaultLanguages {
		m, ok := byLang[l].(map[string]any)
		if !ok {
			t.Errorf("by_lang lacks %s", l)
			continue
		}
		for _, k := range keys {
			if _, ok := m[k]; !ok {
				t.Errorf("by_lang.%s lacks %q", l, k)
			}
		}
		if r := m["emergency_recall"].(float64); r != 1 {
			t.Errorf("%s: emergency_recall %.3f, want 1", l, r)
		}
	}
	lat := rep["latency_ms"].(map[string]any)
	if _, ok := lat["p95"]; !ok {
		t.Error("latency_ms lacks p95")
	}
	if n := rep["n"].(float64); n < 300 {
		t.Errorf("the demo set has %v messages, want at least 300", n)
	}
	// The bars that hold today, so a change that makes answers worse
	// fails here; docs/eval.md has the per-language figures.
	if w := rep["wrong_answer_rate"].(float64); w > 0.02 {
		t.Errorf("wrong_answer_rate %.3f is above 0.02", w)
	}
	if r := rep["emergency_recall"].(float64); r != 1 {
		t.Errorf("emergency_recall %.3f, want 1", r)
	}
	if a := rep["answered_correct_rate"].(float64); a < 0.80 {
		t.Errorf("answered_correct_rate %.3f fell below 0.80", a)
	}
}

// TestEvalHoldout keeps the held-out set's bars: it was written apart from
// the knowledge base and the calibration, so it guards against tuning to the
// demo set alone.
func TestEvalHoldout(t *testing.T) {
	out, _, err := run(t, t.TempDir(), "eval", "--kb", demoKB, "--set", "../../evals/sets/holdout.jsonl", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Wrong     float64 `json:"wrong_answer_rate"`
		Answered  float64 `json:"answered_correct_rate"`
		Emergency float64 `json:"emergency_recall"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Wrong > 0.02 || rep.Emergency != 1 || rep.Answered < 0.80 {
		t.Errorf("held-out set: wrong %.3f (max 0.02), emergency recall %.3f (want 1), answered correctly %.3f (min 0.80)", rep.Wrong, rep.Emergency, rep.Answered)
	}
}

func TestEvalBadSet(t *testing.T) {
	dir := t.TempDir()
	set := filepath.Join(dir, "set.jsonl")
	for name, tc := range map[string]struct{ body, want string }{
		"malformed":     {`{"id":"q1","lang":"it","text":"ciao","expect":"handoff"}` + "\n{oops", "set.jsonl:2"},
		"unknown entry": {`{"id":"q1","lang":"it","text":"ciao","expect":"no-such-entry"}`, `entry "no-such-entry" is not in the knowledge base`},
		"unknown lang":  {`{"id":"q1","lang":"pt","text":"olá","expect":"handoff"}`, `"pt" is not a configured language`},
		"empty":         {"\n\n", "no cases"},
		"duplicate":     {`{"id":"q1","lang":"it","text":"a","expect":"handoff"}` + "\n" + `{"id":"q1","lang":"it","text":"b","expect":"handoff"}`, "already used on line 1"},
	} {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(set, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			_, _, err := run(t, dir, "eval", "--kb", demoKB, "--set", set)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("eval = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestConfigErrors(t *testing.T) {
	for _, args := range [][]string{
		{"ask", "--languages", "it,english", "ciao"},
		{"ask", "--db", "mysql://localhost/x", "ciao"},
		{"ask", "--db", "postgres://sportello:secret@127.0.0.1:1/x", "ciao"}, // nothing listens on port 1
		{"nonsense"},
		{"kb", "frobnicate"},
	} {
		if _, _, err := run(t, t.TempDir(), args...); err == nil {
			t.Errorf("%v succeeded, want an error", args)
		}
	}
}
