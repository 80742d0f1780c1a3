package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sportello/sportello/kb"
)

const gateFile = "../../evals/gate.json"

// TestEvalGate is the regression gate of `make test`: every shipped set
// runs through the real engine on the demo knowledge base, and its
// figures must stay within the bounds of evals/gate.json.
func TestEvalGate(t *testing.T) {
	out, _, err := run(t, t.TempDir(), "eval", "gate", "--gate", gateFile)
	if err != nil {
		t.Fatalf("%v\n\n%s", err, out)
	}
	if !strings.Contains(out, "bounds hold") {
		t.Errorf("the gate printed:\n%s", out)
	}
}

// TestEvalGateFailsWhenAnswersGetWorse makes the engine worse in two ways
// and checks that the gate fails with a table naming what fell.
func TestEvalGateFailsWhenAnswersGetWorse(t *testing.T) {
	dir := t.TempDir()
	t.Run("reckless thresholds", func(t *testing.T) {
		// Answering on little confidence and almost no margin turns
		// handoffs and clarifications into wrong answers.
		conf := filepath.Join(dir, "reckless.yaml")
		body := "decision:\n  answer: 0.1\n  margin: 0.01\n  agree_margin: 0.01\n  clarify: 0.05\n"
		if err := os.WriteFile(conf, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		out, _, err := run(t, dir, "eval", "gate", "--gate", gateFile, "--config", conf)
		assertGateFailed(t, out, err, "wrong_answer_rate")
	})
	t.Run("knowledge base without alternate phrasings", func(t *testing.T) {
		// The editors' alternate phrasings are what the offline engine
		// matches citizens' words against; without them fewer messages
		// are answered.
		stripped := filepath.Join(dir, "stripped.jsonl")
		writeStrippedKB(t, demoKB, stripped)
		out, _, err := run(t, dir, "eval", "gate", "--gate", gateFile, "--kb", stripped)
		assertGateFailed(t, out, err, "answered_correct_rate")
	})
}

func assertGateFailed(t *testing.T, out string, err error, metric string) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), "bounds failed") {
		t.Fatalf("the gate passed a worse engine (%v):\n%s", err, out)
	}
	_, failed, ok := strings.Cut(out, "bounds failed:")
	if !ok {
		t.Fatalf("no table of failures:\n%s", out)
	}
	lines := strings.Split(strings.TrimSpace(failed), "\n")
	if !strings.HasPrefix(lines[0], "set") || !strings.Contains(lines[0], "measured") {
		t.Errorf("the failure table has no header:\n%s", failed)
	}
	found := false
	for _, l := range lines[1:] {
		if strings.Contains(l, "sets/") && strings.Contains(l, metric) && strings.Contains(l, "FAIL") {
			found = true
		}
		if strings.Contains(l, "sets/") && !strings.Contains(l, "FAIL") {
			t.Errorf("the failure table lists a bound that held: %s", l)
		}
	}
	if !found {
		t.Errorf("no failed %s row in:\n%s", metric, failed)
	}
}

// writeStrippedKB copies a JSON Lines knowledge base without any
// alternate phrasing.
func writeStrippedKB(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var e kb.Entry
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatal(err)
		}
		for _, v := range e.Variants {
			v.Alternates = nil
		}
		j, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(j))
	}
	if err := os.WriteFile(to, []byte(strings.Join(out, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestEvalGateBadFile(t *testing.T) {
	dir := t.TempDir()
	for name, tc := range map[string]struct{ body, want string }{
		"not json":      {"{\n  \"kb\": \"x\",\n  oops\n}", "line 3"},
		"unknown bound": {`{"kb":"k.jsonl","sets":[{"set":"s.jsonl","all":{"min_happiness":1}}]}`, `"min_happiness" is not a bound`},
		"out of range":  {`{"kb":"k.jsonl","sets":[{"set":"s.jsonl","all":{"min_top1":2}}]}`, "min_top1 is 2"},
		"no sets":       {`{"kb":"k.jsonl","sets":[]}`, `"sets" is empty`},
		"unknown field": {`{"kb":"k.jsonl","sets":[{"set":"s.jsonl","al":{}}]}`, `unknown field "al"`},
	} {
		t.Run(name, func(t *testing.T) {
			f := filepath.Join(dir, "gate.json")
			if err := os.WriteFile(f, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			_, _, err := run(t, dir, "eval", "gate", "--gate", f)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "gate.json") {
				t.Errorf("eval gate = %v, want an error naming the file and containing %q", err, tc.want)
			}
		})
	}
}
