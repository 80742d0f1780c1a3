package kbtest

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sportello/sportello/kb"
)

// RunCoverage runs the contract tests of CountCoverage, the translation
// matrix's totals, against the stores open returns.
func RunCoverage(t *testing.T, open Opener) {
	for _, tt := range []struct {
		name string
		fn   func(t *testing.T, s kb.Store)
	}{
		{"CountCoverage", testCountCoverage},
		{"CountCoverageEmpty", testCountCoverageEmpty},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() { s.Close() })
			tt.fn(t, s)
		})
	}
}

func testCountCoverage(t *testing.T, s kb.Store) {
	now := listCases(t, s)
	langs := []string{"it", "sq", "ar", "zh"}
	lc := func(lang string, missing, outdated, machine, current int) kb.LangCoverage {
		return kb.LangCoverage{Lang: lang, Missing: missing, Outdated: outdated, Machine: machine, Current: current}
	}
	for _, tc := range []struct {
		q    kb.EntryQuery
		want kb.CoverageCount
	}{
		{kb.EntryQuery{}, kb.CoverageCount{Total: 6, Langs: []kb.LangCoverage{
			lc("it", 0, 0, 0, 6), lc("sq", 3, 1, 1, 1), lc("ar", 5, 0, 0, 1), lc("zh", 5, 0, 0, 1)}}},
		// Offset and Limit page the list; the totals are of everything.
		{kb.EntryQuery{Offset: 4, Limit: 1}, kb.CoverageCount{Total: 6, Langs: []kb.LangCoverage{
			lc("it", 0, 0, 0, 6), lc("sq", 3, 1, 1, 1), lc("ar", 5, 0, 0, 1), lc("zh", 5, 0, 0, 1)}}},
		{kb.EntryQuery{Topic: "tributi"}, kb.CoverageCount{Total: 2, Langs: []kb.LangCoverage{
			lc("it", 0, 0, 0, 2), lc("sq", 1, 0, 1, 0), lc("ar", 2, 0, 0, 0), lc("zh", 2, 0, 0, 0)}}},
		{kb.EntryQuery{Agency: "vallebella"}, kb.CoverageCount{Total: 1, Langs: []kb.LangCoverage{
			lc("it", 0, 0, 0, 1), lc("sq", 1, 0, 0, 0), lc("ar", 0, 0, 0, 1), lc("zh", 1, 0, 0, 0)}}},
		{kb.EntryQuery{Status: kb.StatusPublished}, kb.CoverageCount{Total: 4, Langs: []kb.LangCoverage{
			lc("it", 0, 0, 0, 4), lc("sq", 1, 1, 1, 1), lc("ar", 4, 0, 0, 0), lc("zh", 3, 0, 0, 1)}}},
		// A coverage filter counts within the entries it selects.
		{kb.EntryQuery{Lang: "sq", Coverage: kb.CoverageMissing}, kb.CoverageCount{Total: 3, Langs: []kb.LangCoverage{
			lc("it", 0, 0, 0, 3), lc("sq", 3, 0, 0, 0), lc("ar", 2, 0, 0, 1), lc("zh", 3, 0, 0, 0)}}},
		{kb.EntryQuery{Lang: "sq", Coverage: kb.CoverageCurrent, Topic: "anagrafe"}, kb.CoverageCount{Total: 1, Langs: []kb.LangCoverage{
			lc("it", 0, 0, 0, 1), lc("sq", 0, 0, 0, 1), lc("ar", 1, 0, 0, 0), lc("zh", 0, 0, 0, 1)}}},
		{kb.EntryQuery{When: kb.WhenExpiring, Now: now}, kb.CoverageCount{Total: 1, Langs: []kb.LangCoverage{
			lc("it", 0, 0, 0, 1), lc("sq", 0, 1, 0, 0), lc("ar", 1, 0, 0, 0), lc("zh", 1, 0, 0, 0)}}},
		{kb.EntryQuery{Text: "tari"}, kb.CoverageCount{Total: 2, Langs: []kb.LangCoverage{
			lc("it", 0, 0, 0, 2), lc("sq", 1, 0, 1, 0), lc("ar", 2, 0, 0, 0), lc("zh", 2, 0, 0, 0)}}},
		{kb.EntryQuery{Topic: "astronomia"}, kb.CoverageCount{Total: 0, Langs: []kb.LangCoverage{
			lc("it", 0, 0, 0, 0), lc("sq", 0, 0, 0, 0), lc("ar", 0, 0, 0, 0), lc("zh", 0, 0, 0, 0)}}},
	} {
		got, err := s.CountCoverage(ctx, tc.q, langs)
		if err != nil {
			t.Errorf("CountCoverage(%+v): %v", tc.q, err)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("CountCoverage(%+v) (-want +got):\n%s", tc.q, diff)
		}
		// Each count is the total of the list filtered by that state
		// (the list filters one language's state at a time).
		if tc.q.Coverage != "" {
			continue
		}
		for _, l := range got.Langs {
			for _, st := range []kb.Coverage{kb.CoverageMissing, kb.CoverageOutdated, kb.CoverageMachine, kb.CoverageCurrent} {
				q := tc.q
				q.Lang, q.Coverage, q.Offset, q.Limit = l.Lang, st, 0, 1
				p, err := s.ListEntries(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if p.Total != l.Count(st) {
					t.Errorf("CountCoverage(%+v): %s %s = %d, but the list filtered by it has %d", tc.q, l.Lang, st, l.Count(st), p.Total)
				}
			}
		}
	}
	// The counts follow an edit at once.
	e, err := s.Get(ctx, "tari-pagamento")
	if err != nil {
		t.Fatal(err)
	}
	e.Variants["sq"].ReviewedBy = "reviewer"
	e.Variants["ar"] = &kb.Variant{Question: "كيف أدفع ضريبة النفايات؟", Answer: "عبر pagoPA."}
	MustImport(t, s, e)
	got, err := s.CountCoverage(ctx, kb.EntryQuery{Topic: "tributi"}, []string{"sq", "ar"})
	if err != nil {
		t.Fatal(err)
	}
	want := kb.CoverageCount{Total: 2, Langs: []kb.LangCoverage{lc("sq", 1, 0, 0, 1), lc("ar", 1, 0, 0, 1)}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("after the edit (-want +got):\n%s", diff)
	}
	for _, bad := range []struct {
		q     kb.EntryQuery
		langs []string
	}{
		{kb.EntryQuery{}, nil},
		{kb.EntryQuery{}, []string{"it", "it"}},
		{kb.EntryQuery{}, []string{"it", "not a tag"}},
		{kb.EntryQuery{Status: "gone"}, []string{"it"}},
		{kb.EntryQuery{Coverage: kb.CoverageMissing}, []string{"it"}},
		{kb.EntryQuery{Lang: "sq", Coverage: "half"}, []string{"it"}},
	} {
		if _, err := s.CountCoverage(ctx, bad.q, bad.langs); !errors.Is(err, kb.ErrInvalid) {
			t.Errorf("CountCoverage(%+v, %q): err = %v, want ErrInvalid", bad.q, bad.langs, err)
		}
	}
}

func testCountCoverageEmpty(t *testing.T, s kb.Store) {
	got, err := s.CountCoverage(ctx, kb.EntryQuery{}, []string{"it", "sq"})
	if err != nil {
		t.Fatal(err)
	}
	want := kb.CoverageCount{Langs: []kb.LangCoverage{{Lang: "it"}, {Lang: "sq"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("empty store (-want +got):\n%s", diff)
	}
}

// BenchCountCoverage times CountCoverage on a store holding
// ListBenchEntries (n of them) over the nine default languages: the
// totals of everything, and of the editors' usual filters.
func BenchCountCoverage(b *testing.B, s kb.Store, n int) {
	langs := kb.DefaultLanguages
	c, err := s.CountCoverage(ctx, kb.EntryQuery{}, langs)
	if err != nil {
		b.Fatal(err)
	}
	if c.Total != n {
		b.Fatalf("the store holds %d entries, want %d", c.Total, n)
	}
	for _, bc := range []struct {
		name string
		q    kb.EntryQuery
	}{
		{"all", kb.EntryQuery{}},
		{"topic", kb.EntryQuery{Topic: "topic-3"}},
		{"draft", kb.EntryQuery{Status: kb.StatusDraft}},
		{"published", kb.EntryQuery{Status: kb.StatusPublished}},
		{"lacking-sq", kb.EntryQuery{Lang: "sq", Coverage: kb.CoverageMissing}},
		{"shared", kb.EntryQuery{Sharing: kb.SharingShared}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var total int
			for b.Loop() {
				c, err := s.CountCoverage(ctx, bc.q, langs)
				if err != nil {
					b.Fatal(err)
				}
				total = c.Total
			}
			b.ReportMetric(float64(total), "matches")
		})
	}
}
