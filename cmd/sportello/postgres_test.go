package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sportello/sportello/kb/postgres/pgtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

// TestPostgresSameDecisions runs the demo evaluation on both stores through
// the real command line and compares every decision: the two backends must
// agree on at least 98% of the messages.
func TestPostgresSameDecisions(t *testing.T) {
	url := pgtest.NewDatabase(t)
	dir := t.TempDir()
	pgResults, liteResults := filepath.Join(dir, "pg.jsonl"), filepath.Join(dir, "lite.jsonl")
	if _, _, err := run(t, dir, "eval", "--db", url, "--kb", demoKB, "--set", demoSet, "--results", pgResults); err != nil {
		t.Fatalf("eval on PostgreSQL: %v", err)
	}
	if _, _, err := run(t, dir, "eval", "--kb", demoKB, "--set", demoSet, "--results", liteResults); err != nil {
		t.Fatalf("eval on SQLite: %v", err)
	}
	pg, lite := readDecisions(t, pgResults), readDecisions(t, liteResults)
	if len(pg) != len(lite) || len(pg) == 0 {
		t.Fatalf("%d PostgreSQL results, %d SQLite results", len(pg), len(lite))
	}
	var differ []string
	for id, d := range lite {
		if pg[id] != d {
			differ = append(differ, id+": sqlite "+d+", postgres "+pg[id])
		}
	}
	agree := 1 - float64(len(differ))/float64(len(lite))
	t.Logf("the stores agree on %.1f%% of %d decisions; differing: %v", 100*agree, len(lite), differ)
	if agree < 0.98 {
		t.Errorf("the stores agree on only %.1f%% of decisions (want ≥ 98%%): %s", 100*agree, strings.Join(differ, "; "))
	}

	// The knowledge base commands work on PostgreSQL too.
	out, _, err := run(t, dir, "kb", "search", "--db", url, "--lang", "it", "carta", "identità", "scaduta")
	if err != nil || !strings.Contains(out, "cie-rinnovo") {
		t.Errorf("kb search on PostgreSQL: %v\n%s", err, out)
	}
	out, _, err = run(t, dir, "ask", "--db", url, "come pago la TARI?")
	if err != nil || !strings.Contains(out, "tari-pagamento") {
		t.Errorf("ask on PostgreSQL: %v\n%s", err, out)
	}
}

// readDecisions maps each case id to its decision and entry.
func readDecisions(t *testing.T, name string) map[string]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var r struct {
			Case     struct{ ID string }
			Decision string
			Entry    string
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		out[r.Case.ID] = r.Decision + " " + r.Entry
	}
	return out
}
