package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/evals"
	"github.com/sportello/sportello/kb"
)

const evalUsage = `Usage:
  sportello eval --kb FILE --set FILE [--format text|md|html|json] [--json] [--out FILE] [--results FILE] [--workers N] [--db …] [--config FILE]
  sportello eval compare [--json] A.jsonl B.jsonl     compare two --results files
  sportello eval calibrate --kb FILE --set FILE [--target 0.01] [--write CONFIG] [--search-weights] [--json]
  sportello eval gate [--gate evals/gate.json] [--kb FILE] [--propose]
`

// runEval loads the knowledge base into a fresh temporary store (or the
// given database), runs every case of the set through the engine's
// decision path and reports the contract metrics. "eval compare" and
// "eval calibrate" work from the recorded results; "eval gate" checks the
// shipped sets against the regression gate.
func runEval(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "compare":
			return runEvalCompare(args[1:], stdout)
		case "calibrate":
			return runEvalCalibrate(ctx, cfg, args[1:], stdout, stderr)
		case "gate":
			return runEvalGate(ctx, cfg, args[1:], stdout, stderr)
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
	workers := fs.Int("workers", 0, "messages decided at once (default: one per processor; 1 for lone-turn latency)")
	useLLM := fs.Bool("llm", false, "also compose every answer with the configured language model (SPORTELLO_LLM…) and report groundedness, language and fallbacks")
	if err := parse(fs, &cfg, args); err != nil {
		return err
	}
	if *kbFile == "" || *setFile == "" {
		return usageError{"eval: give --kb FILE and --set FILE (or use eval compare, eval calibrate, eval gate)"}
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
	if *workers < 0 {
		return usageError{"eval: --workers is a number of messages decided at once, 1 or more (0 for one per processor)"}
	}
	if *useLLM && cfg.LLM == "" {
		return usageError{"eval: --llm needs a language model: set SPORTELLO_LLM (ollama or openai) and SPORTELLO_LLM_MODEL"}
	}
	ev, err := openEval(ctx, cfg, *kbFile, stderr)
	if err != nil {
		return err
	}
	if *useLLM {
		llm, err := newLLM(cfg, ev.engine)
		if err != nil {
			ev.Close()
			return err
		}
		ev.composer = llmComposer{llm: llm, eng: ev.engine}
	}
	defer ev.Close()
	results, err := ev.run(ctx, *setFile, *workers, stderr)
	if err != nil {
		return err
	}
	if *resultsFile != "" {
		if err := writeResults(*resultsFile, results); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	a := evals.Analyze(results, ev.engine.Thresholds)
	a.Title = "Sportello evaluation: " + filepath.Base(*setFile)
	a.Generated = time.Now()
	a.Workers = ev.workers(*workers, len(results))
	switch *format {
	case "json":
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		err = enc.Encode(a.JSON())
	case "md":
		err = evals.WriteMarkdown(&buf, a)
	case "html":
		err = evals.WriteHTML(&buf, a)
	default:
		printReport(&buf, a.Report)
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
	return writeFileAtomic(name, b)
}

// evaluator is a knowledge base loaded for evaluation, with the engine
// that decides over it.
type evaluator struct {
	cfg    Config
	store  kb.Store
	engine *chat.Engine
	tmp    string
	// composer, when set, composes every answer with the language model.
	composer evals.Composer
}

// openEval imports the knowledge base into the configured store (by
// default a temporary one) and builds the engine, with the thresholds of
// the configuration.
func openEval(ctx context.Context, cfg Config, kbFile string, stderr io.Writer) (*evaluator, error) {
	ev := &evaluator{}
	if cfg.DB == "" {
		tmp, err := os.MkdirTemp("", "sportello-eval-")
		if err != nil {
			return nil, err
		}
		ev.tmp = tmp
		cfg.DB = filepath.Join(tmp, "eval.db")
	}
	cfg.Demo = false
	ev.cfg = cfg
	st, err := openStore(ctx, cfg)
	if err != nil {
		ev.Close()
		return nil, err
	}
	ev.store = st
	if _, err := importFile(ctx, st, cfg, kbFile, "eval", stderr); err != nil {
		ev.Close()
		return nil, err
	}
	if ev.engine, err = newEngine(ctx, cfg, st); err != nil {
		ev.Close()
		return nil, err
	}
	return ev, nil
}

// run evaluates one set file, with a progress bar on a terminal.
func (ev *evaluator) run(ctx context.Context, setFile string, workers int, stderr io.Writer) ([]evals.Result, error) {
	f, err := os.Open(setFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	bar := newProgress(stderr, filepath.Base(setFile))
	defer bar.done()
	return evals.Evaluate(ctx, ev.engine, ev.store, f, evals.Options{
		Name:      setFile,
		Languages: ev.cfg.Languages,
		Workers:   workers,
		Progress:  func(done, total int) { bar.update("deciding", int64(done), int64(total)) },
		Composer:  ev.composer,
	})
}

// workers is how many cases a run decided at once.
func (ev *evaluator) workers(flag, cases int) int {
	if flag <= 0 {
		flag = runtime.GOMAXPROCS(0)
	}
	return max(1, min(flag, cases))
}

func (ev *evaluator) Close() error {
	var err error
	if ev.store != nil {
		err = ev.store.Close()
	}
	if ev.tmp != "" {
		os.RemoveAll(ev.tmp)
	}
	return err
}

func writeResults(name string, results []evals.Result) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, r := range results {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return writeFileAtomic(name, b.Bytes())
}

func printReport(w io.Writer, rep evals.Report) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "lang\tn\t")
	for _, c := range evals.Columns {
		fmt.Fprintf(tw, "%s\t", c.Title)
	}
	fmt.Fprintln(tw)
	row := func(name string, m evals.Metrics) {
		fmt.Fprintf(tw, "%s\t%d\t", name, m.N)
		for _, c := range evals.Columns {
			fmt.Fprintf(tw, "%s\t", c.Format(m))
		}
		fmt.Fprintln(tw)
	}
	for _, l := range slices.Sorted(maps.Keys(rep.ByLang)) {
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

// runEvalCalibrate runs the set once, then searches thresholds on the
// recorded evidence and, with --write, puts the proposal in the decision
// section of a configuration file.
func runEvalCalibrate(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval calibrate", flag.ContinueOnError)
	kbFile := fs.String("kb", "", "knowledge base file (required)")
	setFile := fs.String("set", "", "evaluation set, JSON Lines (required)")
	target := fs.Float64("target", 0.01, "the highest acceptable wrong_answer_rate")
	writeFile := fs.String("write", "", "write the proposed thresholds into the decision section of this configuration file (YAML, or JSON for .json)")
	searchWeights := fs.Bool("search-weights", false, "also search the confidence weights (for information: chat's weights are fixed in code)")
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
	if *searchWeights && *writeFile != "" {
		return usageError{"eval calibrate: --search-weights cannot be combined with --write: the confidence weights are fixed in chat's score, " +
			"so thresholds found with other weights would not hold; calibrate without --search-weights to write the configuration"}
	}
	ev, err := openEval(ctx, cfg, *kbFile, stderr)
	if err != nil {
		return err
	}
	defer ev.Close()
	results, err := ev.run(ctx, *setFile, 0, stderr)
	if err != nil {
		return err
	}
	th := ev.engine.Thresholds
	calibrate := evals.Calibrate
	if *searchWeights {
		calibrate = evals.CalibrateWeights
	}
	p, err := calibrate(results, th, *target)
	if err != nil {
		return err
	}
	if *writeFile != "" {
		comment := fmt.Sprintf(strings.TrimPrefix(calibrationMark, "# ")+" `sportello eval calibrate` on %s (%d messages)\nfor a wrong-answer rate of at most %g; check them on a held-out set before serving.",
			filepath.Base(*setFile), p.N, p.Target)
		if err := writeDecision(*writeFile, p.Setting().Thresholds, comment); err != nil {
			return fmt.Errorf("eval calibrate: --write %s: %w", *writeFile, err)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(p)
	}
	w, t := p.Weights, p.Thresholds
	fmt.Fprintf(stdout, "Searched %d settings on %d messages for the most correct answers with wrong_answer_rate ≤ %g.\n\n", p.Settings, p.N, p.Target)
	fmt.Fprintf(stdout, "Proposal:\n")
	if *searchWeights {
		fmt.Fprintf(stdout, "  confidence = %.1f × coverage + %.1f × answer coverage + %.1f × cosine\n", w.Coverage, w.AnswerCoverage, w.Cosine)
	}
	fmt.Fprintf(stdout, "  answer %.2f, margin %.2f, agree margin %.3f, clarify %.2f\n\n", t.Answer, t.Margin, t.AgreeMargin, t.Clarify)
	source := "chat.DefaultThresholds"
	if cfg.ConfigFile != "" && cfg.Decision != chat.DefaultThresholds {
		source = cfg.ConfigFile
	}
	fmt.Fprintf(stdout, "Current (%s):\n", source)
	if *searchWeights {
		cur := evals.DefaultWeights
		fmt.Fprintf(stdout, "  confidence = %.1f × coverage + %.1f × answer coverage + %.1f × cosine\n", cur.Coverage, cur.AnswerCoverage, cur.Cosine)
	}
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
	switch {
	case *writeFile != "":
		fmt.Fprintf(stdout, "\nWrote the thresholds to the decision section of %s: use them with --config %s or SPORTELLO_CONFIG=%s.\n",
			*writeFile, *writeFile, *writeFile)
	case *searchWeights:
		fmt.Fprintln(stdout, "\nThe weights are for information: chat's score has its weights in code, so this proposal cannot be written to the configuration.")
	default:
		fmt.Fprintln(stdout, "\nNothing was written: --write FILE puts the proposal in a configuration file.")
	}
	fmt.Fprintln(stdout, "Calibrating on one set and reporting that set's figures overstates them: check the proposal on a held-out set.")
	return nil
}

// runEvalGate runs every set of the regression gate file against its
// knowledge base and checks the bounds; it fails, with a table of what
// fell out of bounds, when a change made answers worse.
func runEvalGate(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval gate", flag.ContinueOnError)
	gateFile := fs.String("gate", filepath.Join("evals", "gate.json"), "the gate file: sets and their bounds")
	kbFile := fs.String("kb", "", "run against this knowledge base file instead of the gate file's")
	propose := fs.Bool("propose", false, "print a gate file with bounds just inside today's figures, instead of checking")
	workers := fs.Int("workers", 0, "messages decided at once (default: one per processor)")
	if err := parse(fs, &cfg, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("eval gate: unexpected argument %q (the sets are named in the gate file)", fs.Arg(0))}
	}
	f, err := os.Open(*gateFile)
	if err != nil {
		return fmt.Errorf("eval gate: %w", err)
	}
	g, err := evals.ReadGate(f, *gateFile)
	f.Close()
	if err != nil {
		return fmt.Errorf("eval gate: %w", err)
	}
	dir := filepath.Dir(*gateFile)
	rel := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(dir, p)
	}
	kbPath := rel(g.KB)
	if *kbFile != "" {
		kbPath = *kbFile
	}
	ev, err := openEval(ctx, cfg, kbPath, stderr)
	if err != nil {
		return err
	}
	defer ev.Close()
	var rows []evals.GateRow
	proposal := evals.Gate{KB: g.KB}
	for _, gs := range g.Sets {
		results, err := ev.run(ctx, rel(gs.Set), *workers, stderr)
		if err != nil {
			return fmt.Errorf("eval gate: %w", err)
		}
		if *propose {
			p := evals.ProposeGateSet(gs.Set, results)
			p.Note = gs.Note
			proposal.Sets = append(proposal.Sets, p)
			continue
		}
		rows = append(rows, evals.CheckGate(gs, results)...)
	}
	if *propose {
		b, err := json.MarshalIndent(proposal, "", "  ")
		if err != nil {
			return err
		}
		_, err = stdout.Write(append(b, '\n'))
		return err
	}
	fmt.Fprintf(stdout, "Regression gate %s: %d sets against %s, thresholds answer %.2f, margin %.2f, agree margin %.3f, clarify %.2f.\n\n",
		*gateFile, len(g.Sets), kbPath, ev.engine.Thresholds.Answer, ev.engine.Thresholds.Margin, ev.engine.Thresholds.AgreeMargin, ev.engine.Thresholds.Clarify)
	if err := evals.WriteGateTable(stdout, rows, false); err != nil {
		return err
	}
	failed := evals.GateFailures(rows)
	if failed == 0 {
		fmt.Fprintf(stdout, "\nAll %d bounds hold.\n", len(rows))
		return nil
	}
	fmt.Fprintf(stdout, "\n%d of %d bounds failed:\n\n", failed, len(rows))
	if err := evals.WriteGateTable(stdout, rows, true); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nIf the change is deliberate (a better behaviour the sets do not reward, or a set that changed), "+
		"update %s and say why in the commit; `sportello eval gate --propose` prints bounds just inside today's figures.\n", *gateFile)
	return fmt.Errorf("eval gate: %d of %d bounds failed (the table above lists them)", failed, len(rows))
}
