package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/evals"
)

func TestEvalReports(t *testing.T) {
	dir := t.TempDir()
	md, _, err := run(t, dir, "eval", "--kb", demoKB, "--set", demoSet, "--format", "md")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## By language", "| lang | n | decision acc", "| zh | 36 |", "## By topic", "| handoff |",
		"## Most confused entries", "## Calibration", "## Latency"} {
		if !strings.Contains(md, want) {
			t.Errorf("the md report lacks %q", want)
		}
	}
	out := filepath.Join(dir, "report.html")
	if stdout, _, err := run(t, dir, "eval", "--kb", demoKB, "--set", demoSet, "--format", "html", "--out", out); err != nil || stdout != "" {
		t.Fatalf("eval --format html --out: %q, %v", stdout, err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, want := range []string{"<!DOCTYPE html>", `<html lang="en">`, "<svg", `lang="ar" dir="auto"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the html report lacks %q", want)
		}
	}
	if strings.Contains(html, "<script") {
		t.Error("the html report has a script")
	}
	// --format json is the contract JSON of --json.
	j1, _, err := run(t, dir, "eval", "--kb", demoKB, "--set", demoSet, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rep evals.Report
	if err := json.Unmarshal([]byte(j1), &rep); err != nil || rep.N != 324 || len(rep.ByLang) != 9 {
		t.Errorf("--format json: %v, n %d", err, rep.N)
	}
	if _, _, err := run(t, dir, "eval", "--kb", demoKB, "--set", demoSet, "--json", "--format", "md"); err == nil {
		t.Error("--json --format md succeeded")
	}
	if _, _, err := run(t, dir, "eval", "--kb", demoKB, "--set", demoSet, "--format", "pdf"); err == nil {
		t.Error("--format pdf succeeded")
	}
}

// TestEvalReportEscapes runs a set whose message holds markup through the
// html report.
func TestEvalReportEscapes(t *testing.T) {
	dir := t.TempDir()
	set := filepath.Join(dir, "set.jsonl")
	body := `{"id":"x1","lang":"it","text":"<script>alert(1)</script> come rinnovo la carta d'identità?","expect":"tari-pagamento"}` + "\n"
	if err := os.WriteFile(set, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	html, _, err := run(t, dir, "eval", "--kb", demoKB, "--set", set, "--format", "html")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(html, "<script") || !strings.Contains(html, "&lt;script&gt;") {
		t.Errorf("the message was not escaped:\n%s", html)
	}
}

func TestEvalCompare(t *testing.T) {
	dir := t.TempDir()
	line := func(id, lang, text, expect, decision, entry string, correct, wrong bool) string {
		r := evals.Result{Case: evals.Case{ID: id, Lang: lang, Text: text, Expect: evals.Expect{expect}}, Decision: chatKind(decision),
			Entry: entry, Detected: lang, Correct: correct, Wrong: wrong}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		return string(b) + "\n"
	}
	a := line("q1", "it", "come pago la TARI", "tari-pagamento", "answer", "tari-scadenze", false, true) +
		line("q2", "en", "hello", "handoff", "handoff", "", true, false)
	b := line("q1", "it", "come pago la TARI", "tari-pagamento", "answer", "tari-pagamento", true, false) +
		line("q2", "en", "hello", "handoff", "handoff", "", true, false)
	fa, fb := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	if err := os.WriteFile(fa, []byte(a), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fb, []byte(b), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err := run(t, dir, "eval", "compare", fa, fb)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"1 messages changed decision", "q1", "come pago la TARI", "answer tari-scadenze [wrong] → answer tari-pagamento [correct]",
		"wrong_answer_rate", "decision_accuracy"} {
		if !strings.Contains(out, want) {
			t.Errorf("compare printed:\n%s\nwant %q", out, want)
		}
	}
	if strings.Contains(out, "q2") {
		t.Errorf("compare lists the unchanged q2:\n%s", out)
	}
	js, _, err := run(t, dir, "eval", "compare", "--json", fa, fb)
	if err != nil {
		t.Fatal(err)
	}
	var c evals.Comparison
	if err := json.Unmarshal([]byte(js), &c); err != nil || len(c.Changes) != 1 || c.Changes[0].ID != "q1" {
		t.Errorf("compare --json: %v, %+v", err, c.Changes)
	}
	if _, _, err := run(t, dir, "eval", "compare", fa); err == nil {
		t.Error("compare with one file succeeded")
	}
}

func TestEvalCalibrate(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "thresholds.json")
	out, _, err := run(t, dir, "eval", "calibrate", "--kb", demoKB, "--set", demoSet, "--target", "0.01", "--write", file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Proposal") || !strings.Contains(out, "future work") {
		t.Errorf("calibrate printed:\n%s", out)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var p evals.Proposal
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	th := p.Thresholds
	if p.Metrics.WrongAnswerRate > 0.01 || th.Answer < 0.16 || th.Answer > 0.44 || th.Margin < 0.04 || th.Margin > 0.24 {
		t.Errorf("proposal %+v", p)
	}
	if s := p.Weights.Coverage + p.Weights.AnswerCoverage + p.Weights.Cosine; s < 0.999 || s > 1.001 {
		t.Errorf("weights sum to %v", s)
	}
	// The replay of the recorded evidence reproduces the engine's own
	// decisions, and the proposal answers at least as many correctly.
	if p.Agreement < p.N-3 {
		t.Errorf("the replay reproduces %d of %d decisions", p.Agreement, p.N)
	}
	if p.Metrics.AnsweredCorrectRate < p.Current.AnsweredCorrectRate && p.Current.WrongAnswerRate <= 0.01 {
		t.Errorf("the proposal answers fewer correctly (%.3f) than the current setting (%.3f)", p.Metrics.AnsweredCorrectRate, p.Current.AnsweredCorrectRate)
	}
}

func chatKind(s string) chat.Kind { return chat.Kind(s) }
