package chat

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/analysis"
)

// demoEntries reads the demo knowledge base file as the stores return its
// entries.
func demoEntries(tb testing.TB) map[string]*kb.Entry {
	tb.Helper()
	f, err := os.Open("../kb/demo/borgoverde.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	out := map[string]*kb.Entry{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var e kb.Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			tb.Fatal(err)
		}
		e.Revision = 1
		out[e.ID] = &e
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// countingTerms is a TermCounter over a fixed set of entries' variants,
// counting its calls.
type countingTerms struct {
	entries map[string]*kb.Entry
	calls   int
}

func (c *countingTerms) TermStats(_ context.Context, lang string, terms []string) (kb.TermStats, error) {
	c.calls++
	st := kb.TermStats{DF: map[string]int{}}
	for _, e := range c.entries {
		v := e.Variants[lang]
		if v == nil {
			continue
		}
		st.Docs++
		all := analysis.Terms(lang, v.Question+" "+v.Answer)
		for _, a := range v.Alternates {
			all = append(all, analysis.Terms(lang, a)...)
		}
		for _, t := range terms {
			if slices.Contains(all, t) {
				st.DF[t]++
			}
		}
	}
	return st, nil
}

func hitsOf(entries map[string]*kb.Entry, ids ...string) []ScoredHit {
	var hs []ScoredHit
	for _, id := range ids {
		hs = append(hs, ScoredHit{Hit: kb.Hit{Entry: entries[id]}})
	}
	return hs
}

func TestSubjectTerms(t *testing.T) {
	es := demoEntries(t)
	s := subjectOf("cie-rinnovo", "it", es["cie-rinnovo"].Variants["it"])
	for _, want := range []string{"cart", "ident"} {
		if !s.names(want) {
			t.Errorf("the identity card's renewal does not have %q among its subject terms %v", want, s.terms)
		}
	}
	// In three of twelve phrasings: context, not subject.
	for _, not := range []string{"scad", "tesser", "rinnov"} {
		if _, ok := s.terms[not]; ok {
			t.Errorf("%q is a subject term of the identity card's renewal", not)
		}
	}
	if !s.names("idemt") {
		t.Error("a misspelling one letter away does not name the subject")
	}
}

// TestSubjectCachePerText: a new text of a variant (a new revision) gets
// its own subject; the same text is computed once.
func TestSubjectCachePerText(t *testing.T) {
	v := &kb.Variant{Question: "Come si paga la TARI?", Alternates: []string{"pagare la TARI", "TARI online"}}
	a := subjectOf("tari-test", "it", v)
	if b := subjectOf("tari-test", "it", v); a != b {
		t.Error("the same text was computed twice")
	}
	w := *v
	w.Alternates = []string{"pagare la tassa rifiuti", "tassa rifiuti online"}
	c := subjectOf("tari-test", "it", &w)
	if c == a || !c.names("tass") || a.names("tass") {
		t.Errorf("a new text kept the old subject: %v, then %v", a.terms, c.terms)
	}
}

func TestUnnamed(t *testing.T) {
	es := demoEntries(t)
	ctx := context.Background()
	for _, tc := range []struct {
		text  string
		hits  []string
		want  string // the best hit's verdict
		calls int
	}{
		{text: "dove rinnovo la tessera sanitaria scaduta", hits: []string{"cie-rinnovo", "permesso-soggiorno-rinnovo", "tessera-elettorale"}, want: "sanitar", calls: 1},
		// The best hit's subject named: no call to the store, whatever the others'.
		{text: "mi scade la carta d'identità", hits: []string{"cie-rinnovo", "tessera-elettorale"}, calls: 0},
		// Only words the knowledge base has never seen besides the shared ones.
		{text: "rinnovo tessera golf scaduta", hits: []string{"cie-rinnovo"}, calls: 1},
	} {
		t.Run(tc.text, func(t *testing.T) {
			tcount := &countingTerms{entries: es}
			got, err := unnamed(ctx, tcount, "it", analysis.Terms("it", tc.text), hitsOf(es, tc.hits...))
			if err != nil {
				t.Fatal(err)
			}
			if got[0] != tc.want || tcount.calls != tc.calls {
				t.Errorf("unnamed = %q after %d store calls, want %q after %d", got[0], tcount.calls, tc.want, tc.calls)
			}
		})
	}
	if got, err := unnamed(ctx, nil, "it", analysis.Terms("it", "dove rinnovo la tessera sanitaria scaduta"), hitsOf(es, "cie-rinnovo")); err != nil || got[0] != "" {
		t.Errorf("without a term counter: %q, %v; want no verdict", got, err)
	}
}

func TestOneEdit(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"ident", "idnet", false}, {"ident", "iden", true}, {"ident", "idemt", true},
		{"ident", "ident", false}, {"cart", "carta", true}, {"身份", "身分", true}, {"abc", "a", false},
		{"a", "ab", true}, {"ab", "a", true}, {"éa", "ea", true}, {"identità", "identita", true}, {"abc", "acb", false}, {"città", "cità", true},
	} {
		if got := oneEdit(tc.a, tc.b); got != tc.want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// BenchmarkUnnamed is the per-turn cost of the rule once the subjects are
// cached, without the store's TermStats call (a map here).
func BenchmarkUnnamed(b *testing.B) {
	es := demoEntries(b)
	hs := hitsOf(es, "cie-rinnovo", "permesso-soggiorno-rinnovo", "tessera-elettorale", "cie-smarrimento", "certificati-anagrafici")
	for _, text := range []string{"mi scade la carta d'identità, come la rinnovo?", "dove rinnovo la tessera sanitaria scaduta"} {
		msg := analysis.Terms("it", text)
		st, _ := (&countingTerms{entries: es}).TermStats(context.Background(), "it", msg)
		tc := fixedTerms(st)
		b.Run(text, func(b *testing.B) {
			for b.Loop() {
				if _, err := unnamed(context.Background(), tc, "it", msg, hs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

type fixedTerms kb.TermStats

func (f fixedTerms) TermStats(context.Context, string, []string) (kb.TermStats, error) {
	return kb.TermStats(f), nil
}
