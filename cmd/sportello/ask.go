package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/sportello/sportello/chat"
)

func runAsk(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	lang := fs.String("lang", "", "answer in this language instead of the detected one")
	asJSON := fs.Bool("json", false, "print the decision as JSON")
	if err := parse(fs, &cfg, args); err != nil {
		return err
	}
	text := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(text) == "" {
		return usageError{`ask: give the question, for example: sportello ask "come rinnovo la carta d'identità?"`}
	}
	app, err := openApp(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer app.Close()
	d, err := app.Engine.Decide(ctx, chat.Input{Text: text, Lang: *lang})
	var ie *chat.InputError
	if errors.As(err, &ie) {
		fmt.Fprintln(stdout, ie.Text)
		return err
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(decisionJSON(d))
	}
	printDecision(stdout, d)
	return nil
}

func printDecision(w io.Writer, d *chat.Decision) {
	fmt.Fprintf(w, "decision:   %s (%s)\n", d.Kind, d.Reason)
	fmt.Fprintf(w, "language:   %s (detected %s, %.2f)\n", d.Lang, orDash(d.Detected), d.DetectedConfidence)
	if d.Cue != "" {
		fmt.Fprintf(w, "cue:        %q\n", d.Cue)
	}
	if d.Entry != nil {
		fmt.Fprintf(w, "entry:      %s (confidence %.2f)\n", d.Entry.ID, d.Confidence)
	}
	fmt.Fprintf(w, "\n%s\n", d.Text)
	for i, c := range d.Choices {
		fmt.Fprintf(w, "  %d. %s  [%s]\n", i+1, c.Variants[d.Lang].Question, c.ID)
	}
	if d.Entry != nil {
		for _, l := range d.Entry.Variants[d.Lang].Links {
			fmt.Fprintf(w, "  %s <%s>\n", l.Title, l.URL)
		}
	}
	if len(d.Hits) > 0 {
		fmt.Fprintln(w, "\nretrieved:")
		for _, h := range d.Hits {
			fmt.Fprintf(w, "  %-32s confidence %.2f  coverage %.2f  cosine %.2f  bm25 rank %d\n", h.Entry.ID, h.Confidence, h.Coverage, h.Vector, h.LexicalRank)
		}
	}
}

// decisionJSON is the stable JSON form of a decision.
func decisionJSON(d *chat.Decision) map[string]any {
	out := map[string]any{
		"decision": d.Kind, "reason": d.Reason, "lang": d.Lang, "detected": d.Detected,
		"text": d.Text, "confidence": d.Confidence,
	}
	if d.Entry != nil {
		out["entry"] = d.Entry.ID
		out["revision"] = d.Entry.Revision
	}
	if len(d.Choices) > 0 {
		var ids []string
		for _, c := range d.Choices {
			ids = append(ids, c.ID)
		}
		out["choices"] = ids
	}
	var hits []map[string]any
	for _, h := range d.Hits {
		hits = append(hits, map[string]any{"entry": h.Entry.ID, "confidence": h.Confidence, "coverage": h.Coverage, "cosine": h.Vector, "rrf": h.Score})
	}
	out["hits"] = hits
	return out
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
