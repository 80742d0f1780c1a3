package main

import (
	"context"
	"encoding/json"
	"io"
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
	out, _, err := run(t, dir, "eval", "calibrate", "--kb", demoKB, "--set", demoSet, "--target", "0.01", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var p evals.Proposal
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatal(err)
	}
	th := p.Thresholds
	if p.Metrics.WrongAnswerRate > 0.01 || th.Answer < 0.16 || th.Answer > 0.44 || th.Margin < 0.04 || th.Margin > 0.24 {
		t.Errorf("proposal %+v", p)
	}
	if p.Weights != evals.DefaultWeights {
		t.Errorf("calibrate changed the weights to %+v without --search-weights", p.Weights)
	}
	// The replay of the recorded evidence reproduces the engine's own
	// decisions, and the proposal answers at least as many correctly.
	if p.Agreement < p.N-3 {
		t.Errorf("the replay reproduces %d of %d decisions", p.Agreement, p.N)
	}
	if p.Metrics.AnsweredCorrectRate < p.Current.AnsweredCorrectRate && p.Current.WrongAnswerRate <= 0.01 {
		t.Errorf("the proposal answers fewer correctly (%.3f) than the current setting (%.3f)", p.Metrics.AnsweredCorrectRate, p.Current.AnsweredCorrectRate)
	}

	// --search-weights searches the mixes too, for information only.
	out, _, err = run(t, dir, "eval", "calibrate", "--kb", demoKB, "--set", demoSet, "--search-weights", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var pw evals.Proposal
	if err := json.Unmarshal([]byte(out), &pw); err != nil {
		t.Fatal(err)
	}
	if s := pw.Weights.Coverage + pw.Weights.AnswerCoverage + pw.Weights.Cosine; s < 0.999 || s > 1.001 || pw.Settings <= p.Settings {
		t.Errorf("--search-weights: weights %+v, %d settings", pw.Weights, pw.Settings)
	}
	if _, _, err := run(t, dir, "eval", "calibrate", "--kb", demoKB, "--set", demoSet, "--search-weights", "--write", filepath.Join(dir, "x.yaml")); err == nil {
		t.Error("--search-weights --write succeeded")
	}
}

// TestEvalCalibrateWritesConfig checks that calibrate writes its proposal
// into a configuration file, keeping the file's other content, and that
// eval, ask and serve's engine decide with what it wrote.
func TestEvalCalibrateWritesConfig(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "sportello.yaml")
	// A target of 0 forces thresholds other than the defaults, which make
	// one wrong answer on the hard set.
	before := "# Borgoverde's settings\ndecision:\n  answer: 0.9\n  margin: 0.5\n  agree_margin: 0.5\n  clarify: 0.2\n"
	if err := os.WriteFile(conf, []byte(before), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err := run(t, dir, "eval", "calibrate", "--kb", demoKB, "--set", "../../evals/sets/hard.jsonl", "--target", "0", "--config", conf, "--write", conf)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Current ("+conf+")") || !strings.Contains(out, "Wrote the thresholds") {
		t.Errorf("calibrate printed:\n%s", out)
	}
	b, err := os.ReadFile(conf)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "# Borgoverde's settings") || !strings.Contains(string(b), "proposed by `sportello eval calibrate`") {
		t.Errorf("the configuration lost its comment or got none:\n%s", b)
	}
	var cfg Config
	cfg.Decision = chat.DefaultThresholds
	if err := cfg.loadFile(conf); err != nil {
		t.Fatalf("the written configuration does not load: %v\n%s", err, b)
	}
	if cfg.Decision == chat.DefaultThresholds || cfg.Decision.Answer == 0.9 {
		t.Fatalf("calibrate wrote %+v", cfg.Decision)
	}

	// eval --config decides with the written thresholds: no wrong answer.
	js, _, err := run(t, dir, "eval", "--kb", demoKB, "--set", demoSet, "--config", conf, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var rep evals.FullReport
	if err := json.Unmarshal([]byte(js), &rep); err != nil {
		t.Fatal(err)
	}
	want := evals.ThresholdsJSON{Answer: cfg.Decision.Answer, Margin: cfg.Decision.Margin, AgreeMargin: cfg.Decision.AgreeMargin, Clarify: cfg.Decision.Clarify}
	if rep.Thresholds != want || rep.WrongAnswerRate != 0 {
		t.Errorf("eval --config decided with %+v (wrong %.3f), want %+v and no wrong answer", rep.Thresholds, rep.WrongAnswerRate, want)
	}
	// So does the engine of ask and serve (openApp), from the environment.
	env := func(k string) string {
		switch k {
		case "SPORTELLO_DATA":
			return dir
		case "SPORTELLO_CONFIG":
			return conf
		}
		return ""
	}
	c := defaultConfig()
	c.fromEnv(env)
	app, err := openApp(context.Background(), c, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	if app.Engine.Thresholds != cfg.Decision {
		t.Errorf("the app's engine decides with %+v, want %+v", app.Engine.Thresholds, cfg.Decision)
	}

	// A JSON configuration is written as JSON, keeping its other keys
	// through a round trip.
	jconf := filepath.Join(dir, "sportello.json")
	if _, _, err := run(t, dir, "eval", "calibrate", "--kb", demoKB, "--set", demoSet, "--write", jconf); err != nil {
		t.Fatal(err)
	}
	var obj map[string]map[string]float64
	if b, err := os.ReadFile(jconf); err != nil || json.Unmarshal(b, &obj) != nil || obj["decision"]["answer"] == 0 {
		t.Errorf("the JSON configuration: %v, %s", err, b)
	}
}

func TestConfigFileErrors(t *testing.T) {
	dir := t.TempDir()
	for name, tc := range map[string]struct{ body, want string }{
		"unknown key":    {"decision:\n  answer: 0.3\n  margin: 0.1\n  agree_margin: 0.05\n  clarify: 0.2\n  anser: 1\n", "anser"},
		"missing":        {"decision:\n  answer: 0.3\n", "margin, agree_margin, clarify missing"},
		"out of range":   {"decision:\n  answer: 3\n  margin: 0.1\n  agree_margin: 0.05\n  clarify: 0.2\n", "between 0 and 1"},
		"agree above":    {"decision:\n  answer: 0.3\n  margin: 0.1\n  agree_margin: 0.2\n  clarify: 0.2\n", "agree_margin 0.2 is above margin 0.1"},
		"not yaml":       {"decision: [\n", "line"},
		"top-level typo": {"decisions:\n  answer: 0.3\n", "decisions"},
	} {
		t.Run(name, func(t *testing.T) {
			conf := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".yaml")
			if err := os.WriteFile(conf, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			_, _, err := run(t, dir, "ask", "--config", conf, "ciao")
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), conf) {
				t.Errorf("ask --config = %v, want an error naming the file and containing %q", err, tc.want)
			}
		})
	}
	if _, _, err := run(t, dir, "ask", "--config", filepath.Join(dir, "nope.yaml"), "ciao"); err == nil {
		t.Error("a missing configuration file was accepted")
	}
	// From the environment, the error comes at start, from Validate.
	c := defaultConfig()
	c.fromEnv(func(k string) string {
		if k == "SPORTELLO_CONFIG" {
			return filepath.Join(dir, "nope.yaml")
		}
		return ""
	})
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "SPORTELLO_CONFIG") {
		t.Errorf("Validate = %v, want an error naming SPORTELLO_CONFIG", err)
	}
}

func chatKind(s string) chat.Kind { return chat.Kind(s) }
