package kb_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/sqlite"
)

// TestRetrieverAlternatives checks that a query word the knowledge base
// does not know is searched under the reading of it the knowledge base
// knows, and that a word it knows is left alone.
func TestRetrieverAlternatives(t *testing.T) {
	ctx := t.Context()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"), kb.NewHashEmbedder(0))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	entry := func(id, q, a string) *kb.Entry {
		return &kb.Entry{ID: id, Variants: map[string]*kb.Variant{"ar": {Question: q, Answer: a}}}
	}
	if _, err := s.Import(ctx, []*kb.Entry{
		entry("nascita", "كيف أسجل ولد جديد في البلدية؟", "احجز موعدا في مكتب السجل المدني."),
		entry("rinnovo", "كيف أجدد بطاقة الهوية؟", "احجز موعدا وأحضر صورة."),
		entry("lavoro", "أين أجد عملا؟", "في مركز التشغيل."),
	}, kb.ImportOptions{By: "test"}); err != nil {
		t.Fatal(err)
	}
	r := &kb.Retriever{Store: s}
	for _, tc := range []struct {
		text, want string
		coverage   float64 // the least coverage of want
	}{
		// Snowball reads ولدين as و + لدين; the knowledge base knows ولد.
		{"ولدين", "nascita", 1},
		{"ولدين، ولدين", "nascita", 1}, // every occurrence, not just the first

		// نجددها is Moroccan for "I renew it": its person prefix and
		// object go, and it meets the first person أجدد of the question.
		{"نجددها", "rinnovo", 1},
	} {
		hits, err := r.Search(ctx, kb.Query{Text: tc.text, Filter: kb.Filter{Lang: "ar"}})
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(hits, func(h kb.Hit) bool { return h.Entry.ID == tc.want })
		if i != 0 || hits[0].Coverage < tc.coverage {
			t.Errorf("Search(%q): hits %v, want %s first with coverage ≥ %.2f", tc.text, ids(hits), tc.want, tc.coverage)
		}
	}
}

func ids(hs []kb.Hit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.Entry.ID)
	}
	return out
}
