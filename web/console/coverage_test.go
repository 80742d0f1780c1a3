package console_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/sportello/sportello/kb"
)

// TestCoveragePages: the translation matrix shows a page of 50 entries
// with the filters kept from page to page, totals per language over every
// entry the filters match (not only the page), and totals and cells that
// open the entry list filtered the same way, with as many entries.
func TestCoveragePages(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	var es []*kb.Entry
	for i := range 70 {
		e := &kb.Entry{ID: fmt.Sprintf("orari-%03d", i), Topic: "orari", Agency: "borgoverde", Variants: map[string]*kb.Variant{
			"it": {Question: fmt.Sprintf("Orari dello sportello numero %d?", i), Answer: "Dal lunedì al venerdì."}}}
		switch {
		case i%10 == 0: // 7: Albanian outdated
			e.Variants["sq"] = &kb.Variant{Question: "Orari?", Answer: "E hënë.", Outdated: true}
		case i%10 == 1: // 7: Albanian machine-translated, unreviewed
			e.Variants["sq"] = &kb.Variant{Question: "Orari?", Answer: "E hënë.", MachineTranslated: true}
		case i%10 == 2: // 7: Albanian current
			e.Variants["sq"] = &kb.Variant{Question: "Orari?", Answer: "E hënë."}
		}
		if i >= 60 {
			e.Status = kb.StatusDraft
		}
		es = append(es, e)
	}
	if _, err := r.kb.Import(ctx, es, kb.ImportOptions{By: "import"}); err != nil {
		t.Fatal(err)
	}
	elena := r.signIn(t, "elena")
	total := func(body, lang, state string) (int, string) {
		t.Helper()
		m := regexp.MustCompile(`<a href="([^"]+)" data-testid="total-` + lang + `-` + state + `">(\d+)</a>`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no total for %s %s", lang, state)
		}
		n, _ := strconv.Atoi(m[2])
		return n, html.UnescapeString(m[1])
	}
	listTotal := func(path string) int {
		t.Helper()
		resp, body := r.get(t, elena, path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		m := regexp.MustCompile(`data-testid="entry-count">\s*(\d+) voci`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("%s: no count", path)
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}

	resp, body := r.get(t, elena, "/staff/kb/coverage?topic=orari")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("coverage: %d", resp.StatusCode)
	}
	rows := regexp.MustCompile(`data-testid="cov-orari-\d+-it"`).FindAllString(body, -1)
	if len(rows) != 50 || !strings.Contains(body, "70 voci") || !strings.Contains(body, "pagina 1 di 2") {
		t.Fatalf("first page: %d rows", len(rows))
	}
	// The totals are of all 70, not of the 50 shown.
	for _, tc := range []struct {
		lang, state string
		want        int
	}{
		{"it", "current", 70}, {"it", "missing", 0},
		{"sq", "missing", 49}, {"sq", "outdated", 7}, {"sq", "machine", 7}, {"sq", "current", 7},
		{"ar", "missing", 70},
	} {
		n, link := total(body, tc.lang, tc.state)
		if n != tc.want {
			t.Errorf("total %s %s = %d, want %d", tc.lang, tc.state, n, tc.want)
		}
		if !strings.Contains(link, "topic=orari") || !strings.Contains(link, "lack="+tc.lang) || !strings.Contains(link, "coverage="+tc.state) {
			t.Errorf("total %s %s links to %s", tc.lang, tc.state, link)
		}
		if got := listTotal(link); got != n {
			t.Errorf("total %s %s = %d, but its list has %d", tc.lang, tc.state, n, got)
		}
	}
	// A cell opens the list of the entries in its state.
	cell := regexp.MustCompile(`data-testid="cov-orari-010-sq"><a href="([^"]+)">`).FindStringSubmatch(body)
	if cell == nil {
		t.Fatal("no link in the cell of orari-010 in sq")
	}
	if got := listTotal(html.UnescapeString(cell[1])); got != 7 {
		t.Errorf("the outdated cell's list has %d entries, want 7", got)
	}
	// The next page keeps the filters.
	next := regexp.MustCompile(`href="([^"]+)" data-testid="coverage-next"`).FindStringSubmatch(body)
	if next == nil || !strings.Contains(next[1], "topic=orari") {
		t.Fatalf("next link: %v", next)
	}
	_, body = r.get(t, elena, html.UnescapeString(next[1]))
	rows = regexp.MustCompile(`data-testid="cov-orari-\d+-it"`).FindAllString(body, -1)
	if len(rows) != 20 || !strings.Contains(body, `data-testid="cov-orari-069-it"`) || strings.Contains(body, `data-testid="coverage-next"`) {
		t.Errorf("second page: %d rows", len(rows))
	}
	if n, _ := total(body, "sq", "missing"); n != 49 {
		t.Errorf("second page: sq missing %d, want 49", n)
	}
	// Filters by status and by a language's state narrow rows and totals.
	_, body = r.get(t, elena, "/staff/kb/coverage?topic=orari&status=draft")
	if n, _ := total(body, "it", "current"); n != 10 || !strings.Contains(body, "10 voci") {
		t.Errorf("drafts: it current %d, want 10", n)
	}
	_, body = r.get(t, elena, "/staff/kb/coverage?topic=orari&lack=sq&coverage=machine")
	rows = regexp.MustCompile(`data-testid="cov-orari-\d+-sq"`).FindAllString(body, -1)
	if n, link := total(body, "sq", "machine"); n != 7 || len(rows) != 7 || listTotal(link) != 7 {
		t.Errorf("sq machine: total %d, %d rows", n, len(rows))
	}
	if n, _ := total(body, "sq", "missing"); n != 0 {
		t.Errorf("sq machine: sq missing %d, want 0", n)
	}
	for _, bad := range []string{"status=gone", "lack=sq&coverage=half", "lack=not%20a%20tag&coverage=missing"} {
		if resp, _ := r.get(t, elena, "/staff/kb/coverage?"+bad); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", bad, resp.StatusCode)
		}
	}
	// Operators do not curate.
	if resp, _ := r.get(t, r.signIn(t, "anna"), "/staff/kb/coverage"); resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusSeeOther {
		t.Errorf("operator: %d", resp.StatusCode)
	}
}
