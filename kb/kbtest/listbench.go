package kbtest

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/demo"
	"github.com/sportello/sportello/kb/kbgen"
)

// ListBenchEntries returns n generated entries (kbgen, seed 1) varied in
// what the entry list filters on: one in three lacks Albanian, one in
// five has it outdated, one in seven is a draft, one in eleven expires
// within a month, and one in a hundred is shared.
func ListBenchEntries(tb testing.TB, n int) []*kb.Entry {
	tb.Helper()
	base, err := demo.Entries()
	if err != nil {
		tb.Fatal(err)
	}
	es := kbgen.Generate(rand.New(rand.NewPCG(1, 1^0x5eed)), kbgen.Vocabulary(base), n)
	soon := time.Now().AddDate(0, 0, 20).UTC().Truncate(time.Second)
	for i, e := range es {
		switch {
		case i%3 == 0:
			delete(e.Variants, "sq")
		case i%5 == 0:
			e.Variants["sq"].Outdated = true
		}
		if i%7 == 0 {
			e.Status = kb.StatusDraft
		}
		if i%11 == 0 {
			e.ValidUntil = &soon
		}
		if i%100 == 0 {
			e.Shared = true
		}
	}
	return es
}

// BenchListEntries times ListEntries on a store holding
// ListBenchEntries: the first and the last page of everything, and the
// editors' usual filters, each a page of 50 with its total.
func BenchListEntries(b *testing.B, s kb.Store, n int) {
	p, err := s.ListEntries(ctx, kb.EntryQuery{Limit: 1})
	if err != nil {
		b.Fatal(err)
	}
	if p.Total != n {
		b.Fatalf("the store holds %d entries, want %d", p.Total, n)
	}
	for _, bc := range []struct {
		name string
		q    kb.EntryQuery
	}{
		{"first-page", kb.EntryQuery{}},
		{"last-page", kb.EntryQuery{Offset: n - 50}},
		{"lacking-sq", kb.EntryQuery{Lang: "sq", Coverage: kb.CoverageMissing}},
		{"outdated-sq-page-20", kb.EntryQuery{Lang: "sq", Coverage: kb.CoverageOutdated, Offset: 20 * 50}},
		{"topic-draft", kb.EntryQuery{Topic: "topic-3", Status: kb.StatusDraft}},
		{"expiring", kb.EntryQuery{When: kb.WhenExpiring}},
		{"shared", kb.EntryQuery{Sharing: kb.SharingShared}},
		{"text-common-word", kb.EntryQuery{Text: "documento"}},
		{"text-two-words", kb.EntryQuery{Text: "carta ident"}},
		{"text-id", kb.EntryQuery{Text: "gen-012345"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var total int
			for b.Loop() {
				p, err := s.ListEntries(ctx, bc.q)
				if err != nil {
					b.Fatal(err)
				}
				total = p.Total
			}
			b.ReportMetric(float64(total), "matches")
		})
	}
}
