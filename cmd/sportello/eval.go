package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/evals"
)

const evalUsage = `Usage:
  sportello eval --kb FILE --set FILE [--format text|md|html|json] [--json] [--out FILE] [--results FILE] [--db …]
  sportello eval compare [--json] A.jsonl B.jsonl     compare two --results files
  sportello eval calibrate --kb FILE --set FILE [--target 0.01] [--write FILE] [--json]
`

// runEval loads the knowledge base into a fresh temporary store (or the
// given database), runs every case of the set through the engine's
// decision path and reports the contract metrics. "eval compare" and
// "eval calibrate" work from the recorded results.
func runEval(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "compare":
			return runEvalCompare(args[1:], stdout)
		case "calibrate":
			return runEvalCalibrate(ctx, cfg, args[1:], stdout, stderr)
		case "help":
			fmt.Fprint(stdout, evalUsage)
			return nil
		}
	}
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	kbFile := fs.String("kb", "", "knowledge base file to evaluate (required)")
	setFile := fs.String("set", "", "evaluation set, JSON Lines (required)")
	asJSON := fs.Bool("json", false, "print the report as one JSON object (the same as --format json)")
	format := fs.String("format", "text", "report format: text, md, html or json")
	outFile := fs.String("out", "", "write the report to this file instead of the standard output")
	resultsFile := fs.String("results", "", "also write every case's outcome to this JSON Lines file")
	if err := parse(fs, &cfg, args); err != nil {
		return err
	}
	if *kbFile == "" || *setFile == "" {
		return usageError{"eval: give --kb FILE and --set FILE (or use eval compare, eval calibrate)"}
	}
	if *asJSON {
		if formatSet(fs) && *format != "json" {
			return usageError{fmt.Sprintf("eval: --json and --format %s disagree", *format)}
		}
		*format = "json"
	}
	if !slices.Contains([]string{"text", "md", "html", "json"}, *format) {
		return usageError{fmt.Sprintf("eval: unknown --format %q: use text, md, html or json", *format)}
	}
	results, th, err := evalSet(ctx, cfg, *kbFile, *setFile, stderr)
	if err != nil {
		return err
	}
	if *resultsFile != "" {
		if err := writeResults(*resultsFile, results); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	switch *format {
	case "json":
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		err = enc.Encode(evals.Summarize(results))
	case "md", "html":
		a := evals.Analyze(results, th)
		a.Title = "Sportello evaluation: " + filepath.Base(*setFile)
		a.Generated = time.Now()
		if *format == "md" {
			err = evals.WriteMarkdown(&buf, a)
		} else {
			err = evals.WriteHTML(&buf, a)
		}
	default:
		printReport(&buf, evals.Summarize(results))
	}
	if err != nil {
		return err
	}
	return output(*outFile, buf.Bytes(), stdout)
}

func formatSet(fs *flag.FlagSet) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == "format" })
	return set
}

// output writes b to the named file, or to stdout when name is empty.
func output(name string, b []byte, stdout io.Writer) error {
	if name == "" {
		_, err := stdout.Write(b)
		return err
	}
	return os.WriteFile(name, b, 0o644)
}

// evalSet imports the knowledge base into the configured (by default a
// temporary) store, reads the set and decides every case; the results
// carry their expected entry's topic. It also returns the thresholds the
// engine decided with.
func evalSet(ctx context.Context, cfg Config, kbFile, setFile string, stderr io.Writer) ([]evals.Result, chat.Thresholds, error) {
	var th chat.Thresholds
	if cfg.DB == "" {
		tmp, err := os.MkdirTemp("", "sportello-eval-")
		if err != nil {
			return nil, th, err
		}
		defer os.RemoveAll(tmp)
		cfg.DB = filepath.Join(tmp, "eval.db")
	}
	cfg.Demo = false
	st, err := openStore(ctx, cfg)
	if err != nil {
		return nil, th, err
	}
	defer st.Close()
	if _, err := importFile(ctx, st, cfg, kbFile, "eval", stderr); err != nil {
		return nil, th, err
	}
	engine, err := newEngine(ctx, cfg, st)
	if err != nil {
		return nil, th, err
	}
	f, err := os.Open(setFile)
	if err != nil {
		return nil, th, err
	}
	defer f.Close()
	topics := map[string]string{}
	known := func(id string) bool {
		e, err := st.Get(ctx, id)
		if err == nil {
			topics[id] = e.Topic
		}
		return err == nil
	}
	cases, err := evals.ReadSet(f, setFile, cfg.Languages, known)
	if err != nil {
		return nil, th, err
	}
	results, err := evals.Run(ctx, engine, cases)
	if err != nil {
		return nil, th, err
	}
	evals.SetTopics(results, func(id string) string { return topics[id] })
	return results, engine.Thresholds, nil
}

func writeResults(name string, results []evals.Result) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for _, r := range results {
		if err := enc.Encode(r); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

func printReport(w io.Writer, rep evals.Report) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "lang\tn\tdecision acc\tanswered correct\twrong\thandoff\tclarify\temergency recall\ttop1\trecall@5\tMRR\tlang id\tp50 ms\tp95 ms\t")
	row := func(name string, m evals.Metrics) {
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.2f\t%.2f\t\n", name, m.N, m.DecisionAccuracy,
			m.AnsweredCorrectRate, m.WrongAnswerRate, m.HandoffRate, m.ClarifyRate, m.EmergencyRecall, m.Top1, m.RecallAt5, m.MRR,
			m.LangIDAccuracy, m.Latency.P50, m.Latency.P95)
	}
	langs := make([]string, 0, len(rep.ByLang))
	for l := range rep.ByLang {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	for _, l := range langs {
		row(l, rep.ByLang[l])
	}
	row("all", rep.Metrics)
	tw.Flush()
}

// runEvalCompare compares two --results files.
func runEvalCompare(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("eval compare", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the comparison as one JSON object")
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, evalUsage)
			return err
		}
		return usageError{fmt.Sprintf("eval compare: %v", err)}
	}
	// Flags may also follow the two files.
	var files []string
	rest := fs.Args()
	for len(rest) > 0 {
		files = append(files, rest[0])
		if err := fs.Parse(rest[1:]); err != nil {
			return usageError{fmt.Sprintf("eval compare: %v", err)}
		}
		rest = fs.Args()
	}
	if len(files) != 2 {
		return usageError{"eval compare: give two results files, A.jsonl B.jsonl (written by eval --results)"}
	}
	var runs [2][]evals.Result
	for i, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		runs[i], err = evals.ReadResults(f, name)
		f.Close()
		if err != nil {
			return err
		}
	}
	c := evals.Compare(runs[0], runs[1])
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(c)
	}
	fmt.Fprintf(stdout, "A: %s (%d messages)\nB: %s (%d messages)\n\n", files[0], c.Before.N, files[1], c.After.N)
	if len(c.Changes) == 0 {
		fmt.Fprintln(stdout, "No message changed decision.")
	} else {
		fmt.Fprintf(stdout, "%d messages changed decision:\n\n", len(c.Changes))
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "id\tlang\ttext\texpected\tbefore → after\t")
		for _, ch := range c.Changes {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s [%s] → %s [%s]\t\n", ch.ID, ch.Lang, oneLine(ch.Text, 60), strings.Join(ch.Expect, "|"),
				ch.Before, ch.BeforeGrade, ch.After, ch.AfterGrade)
		}
		tw.Flush()
	}
	fmt.Fprintln(stdout)
	if len(c.Moved) == 0 {
		fmt.Fprintln(stdout, "No metric moved.")
	} else {
		fmt.Fprintln(stdout, "Metrics that moved:")
		fmt.Fprintln(stdout)
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "scope\tmetric\tA\tB\tchange\t")
		for _, m := range c.Moved {
			fmt.Fprintf(tw, "%s\t%s\t%.4g\t%.4g\t%+.4g\t\n", m.Scope, m.Metric, m.Before, m.After, m.Delta)
		}
		tw.Flush()
	}
	if len(c.OnlyBefore) > 0 {
		fmt.Fprintf(stdout, "\nOnly in A: %s\n", strings.Join(c.OnlyBefore, ", "))
	}
	if len(c.OnlyAfter) > 0 {
		fmt.Fprintf(stdout, "\nOnly in B: %s\n", strings.Join(c.OnlyAfter, ", "))
	}
	return nil
}

// oneLine shortens text to at most n characters on one line.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// runEvalCalibrate runs the set once, then searches weights and thresholds
// on the recorded evidence.
func runEvalCalibrate(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval calibrate", flag.ContinueOnError)
	kbFile := fs.String("kb", "", "knowledge base file (required)")
	setFile := fs.String("set", "", "evaluation set, JSON Lines (required)")
	target := fs.Float64("target", 0.01, "the highest acceptable wrong_answer_rate")
	writeFile := fs.String("write", "", "write the proposed weights and thresholds to this JSON file")
	asJSON := fs.Bool("json", false, "print the proposal as one JSON object")
	if err := parse(fs, &cfg, args); err != nil {
		return err
	}
	if *kbFile == "" || *setFile == "" {
		return usageError{"eval calibrate: give --kb FILE and --set FILE"}
	}
	if *target < 0 || *target > 1 {
		return usageError{"eval calibrate: --target is a rate between 0 and 1"}
	}
	results, th, err := evalSet(ctx, cfg, *kbFile, *setFile, stderr)
	if err != nil {
		return err
	}
	p, err := evals.Calibrate(results, th, *target)
	if err != nil {
		return err
	}
	if *writeFile != "" {
		b, err := json.MarshalIndent(p, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(*writeFile, append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(p)
	}
	w, t := p.Weights, p.Thresholds
	fmt.Fprintf(stdout, "Searched %d settings on %d messages for the most correct answers with wrong_answer_rate ≤ %g.\n\n", p.Settings, p.N, p.Target)
	fmt.Fprintf(stdout, "Proposal:\n  confidence = %.1f × coverage + %.1f × answer coverage + %.1f × cosine\n", w.Coverage, w.AnswerCoverage, w.Cosine)
	fmt.Fprintf(stdout, "  answer %.2f, margin %.2f, agree margin %.3f, clarify %.2f\n\n", t.Answer, t.Margin, t.AgreeMargin, t.Clarify)
	cur := evals.DefaultWeights
	fmt.Fprintf(stdout, "Current (chat/decide.go):\n  confidence = %.1f × coverage + %.1f × answer coverage + %.1f × cosine\n", cur.Coverage, cur.AnswerCoverage, cur.Cosine)
	fmt.Fprintf(stdout, "  answer %.2f, margin %.2f, agree margin %.3f, clarify %.2f\n", th.Answer, th.Margin, th.AgreeMargin, th.Clarify)
	fmt.Fprintf(stdout, "  replaying the recorded evidence reproduces %d of the %d recorded decisions\n\n", p.Agreement, p.N)
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tcurrent\tproposed\t")
	for _, c := range evals.Columns {
		if c.Latency {
			continue
		}
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t\n", c.Key, c.Get(p.Current), c.Get(p.Metrics))
	}
	tw.Flush()
	if *writeFile != "" {
		fmt.Fprintf(stdout, "\nWrote the proposal to %s.\n", *writeFile)
	}
	fmt.Fprintln(stdout, "\nNote: the engine does not read a calibration file yet (future work); to use the proposal, copy it into chat.DefaultThresholds and the weights of chat's score.")
	return nil
}
