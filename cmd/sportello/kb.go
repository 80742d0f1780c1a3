package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/kbfile"
)

// runImport imports each file in its own transaction: a bad file stores
// nothing, and the files before it stay imported.
func runImport(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("kb import", flag.ContinueOnError)
	by := fs.String("by", os.Getenv("USER"), "who is importing, for the revision history")
	if err := parse(fs, &cfg, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"kb import: name at least one file"}
	}
	cfg.Demo = false
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, name := range fs.Args() {
		res, err := importFile(ctx, st, cfg, name, *by, stderr)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: %d added, %d updated, %d unchanged\n", name, res.Added, res.Updated, res.Unchanged)
	}
	return nil
}

func importFile(ctx context.Context, st kb.Store, cfg Config, name, by string, stderr io.Writer) (kb.ImportResult, error) {
	format, err := kbfile.FormatOf(name)
	if err != nil {
		return kb.ImportResult{}, err
	}
	f, err := os.Open(name)
	if err != nil {
		return kb.ImportResult{}, err
	}
	defer f.Close()
	var size int64
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	bar := newProgress(stderr, filepath.Base(name))
	entries, err := kbfile.Read(f, name, format, kbfile.ReadOptions{
		Languages: cfg.Languages,
		Progress:  func(n int64) { bar.update("reading", n, size) },
	})
	if err != nil {
		bar.done()
		return kb.ImportResult{}, fmt.Errorf("nothing was imported from %s: %w", name, err)
	}
	res, err := st.Import(ctx, entries, kb.ImportOptions{
		Languages: cfg.Languages,
		By:        by,
		Progress:  func(done, total int) { bar.update("indexing", int64(done), int64(total)) },
	})
	bar.done()
	if err != nil {
		return res, fmt.Errorf("nothing was imported from %s: %w", name, err)
	}
	return res, nil
}

func runExport(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("kb export", flag.ContinueOnError)
	format := fs.String("format", "jsonl", "jsonl, json, yaml or csv")
	out := fs.String("out", "", "write to this file instead of standard output")
	withMeta := fs.Bool("with-meta", false, "include revision numbers and timestamps")
	if err := parse(fs, &cfg, args); err != nil {
		return err
	}
	cfg.Demo = false
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	entries, err := st.List(ctx, kb.ListFilter{Agency: cfg.Agency})
	if err != nil {
		return err
	}
	if !*withMeta {
		// The portable form: what editors wrote, so that exporting what an
		// import of it stored gives the same bytes.
		for i, e := range entries {
			entries[i] = e.Content()
		}
	}
	w := stdout
	if *out != "" {
		f, err := os.CreateTemp(filepath.Dir(*out), ".export-*")
		if err != nil {
			return err
		}
		defer os.Remove(f.Name())
		defer f.Close()
		w = f
		if err := kbfile.Write(w, kbfile.Format(*format), entries); err != nil {
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		return os.Rename(f.Name(), *out)
	}
	return kbfile.Write(w, kbfile.Format(*format), entries)
}

func runSearch(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("kb search", flag.ContinueOnError)
	lang := fs.String("lang", "", "the language to search (required)")
	limit := fs.Int("n", 5, "how many entries to show")
	if err := parse(fs, &cfg, args); err != nil {
		return err
	}
	text := strings.Join(fs.Args(), " ")
	if *lang == "" || text == "" {
		return usageError{"kb search: give --lang and the text to search, for example: sportello kb search --lang it carta identità"}
	}
	app, err := openApp(ctx, cfg, io.Discard)
	if err != nil {
		return err
	}
	defer app.Close()
	r := &kb.Retriever{Store: app.Store}
	hits, err := r.Search(ctx, kb.Query{Text: text, Filter: kb.Filter{Lang: *lang, Agency: cfg.Agency}, Limit: *limit})
	if err != nil {
		return err
	}
	if len(hits) == 0 {
		fmt.Fprintln(stdout, "no entries found")
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tentry\trrf\tbm25 (rank)\tcosine (rank)\tcoverage\tquestion")
	for i, h := range hits {
		q := ""
		if v := h.Entry.Variants[*lang]; v != nil {
			q = v.Question
		}
		fmt.Fprintf(tw, "%d\t%s\t%.4f\t%.2f (%d)\t%.3f (%d)\t%.2f\t%s\n", i+1, h.Entry.ID, h.Score, h.Lexical, h.LexicalRank, h.Vector, h.VectorRank, h.Coverage, q)
	}
	return tw.Flush()
}
