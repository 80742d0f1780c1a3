package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"text/tabwriter"

	"github.com/sportello/sportello/evals"
)

// runEval loads the knowledge base into a fresh temporary store (or the
// given database), runs every case of the set through the engine's
// decision path and reports the contract metrics.
func runEval(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	kbFile := fs.String("kb", "", "knowledge base file to evaluate (required)")
	setFile := fs.String("set", "", "evaluation set, JSON Lines (required)")
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	resultsFile := fs.String("results", "", "also write every case's outcome to this JSON Lines file")
	if err := parse(fs, &cfg, args); err != nil {
		return err
	}
	if *kbFile == "" || *setFile == "" {
		return usageError{"eval: give --kb FILE and --set FILE"}
	}
	if cfg.DB == "" {
		tmp, err := os.MkdirTemp("", "sportello-eval-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		cfg.DB = filepath.Join(tmp, "eval.db")
	}
	cfg.Demo = false
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	if _, err := importFile(ctx, st, cfg, *kbFile, "eval", stderr); err != nil {
		st.Close()
		return err
	}
	engine, err := newEngine(ctx, cfg, st)
	if err != nil {
		st.Close()
		return err
	}
	defer st.Close()
	f, err := os.Open(*setFile)
	if err != nil {
		return err
	}
	defer f.Close()
	known := func(id string) bool {
		_, err := st.Get(ctx, id)
		return err == nil
	}
	cases, err := evals.ReadSet(f, *setFile, cfg.Languages, known)
	if err != nil {
		return err
	}
	results, err := evals.Run(ctx, engine, cases)
	if err != nil {
		return err
	}
	if *resultsFile != "" {
		if err := writeResults(*resultsFile, results); err != nil {
			return err
		}
	}
	rep := evals.Summarize(results)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(rep)
	}
	printReport(stdout, rep)
	return nil
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
