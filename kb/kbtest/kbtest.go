// Package kbtest is the contract suite of kb.Store: every storage
// behaviour the product relies on, run against each implementation.
package kbtest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/analysis"
)

// Opener returns a new, empty store for one test; the store is closed by
// the suite.
type Opener func(t *testing.T) kb.Store

// Run runs the whole contract suite against the stores open returns.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s kb.Store)
	}{
		{"ImportAndGet", testImportAndGet},
		{"Revisions", testRevisions},
		{"ImportIsAtomic", testImportIsAtomic},
		{"NotFound", testNotFound},
		{"List", testList},
		{"LexicalFilters", testLexicalFilters},
		{"VectorFilters", testVectorFilters},
		{"VectorEmbedderMismatch", testVectorEmbedderMismatch},
		{"RemovedVariant", testRemovedVariant},
		{"RetrieverAcrossScripts", testRetrieverAcrossScripts},
		{"ListEntries", testListEntries},
		{"Shared", testShared},
		{"Pending", testPending},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() { s.Close() })
			tt.fn(t, s)
		})
	}
}

var ctx = context.Background()

// MustImport imports entries or fails the test.
func MustImport(tb testing.TB, s kb.Store, entries ...*kb.Entry) kb.ImportResult {
	tb.Helper()
	res, err := s.Import(ctx, entries, kb.ImportOptions{By: "test"})
	if err != nil {
		tb.Fatalf("Import: %v", err)
	}
	return res
}

// Entry returns a published entry with Italian and Arabic variants about
// the identity card, or whatever id and texts are given.
func Entry(id, itQ, itA string) *kb.Entry {
	return &kb.Entry{
		ID: id, Topic: "anagrafe", Agency: "borgoverde", Tags: []string{"documenti"},
		Variants: map[string]*kb.Variant{
			"it": {Question: itQ, Alternates: []string{"carta scaduta"}, Answer: itA,
				Links: []kb.Link{{Title: "Prenota", URL: "https://example.org/prenota"}}},
		},
	}
}

func cie() *kb.Entry {
	e := Entry("cie-rinnovo", "Come rinnovo la carta d'identità elettronica?", "Prenota un appuntamento all'Anagrafe e porta la carta vecchia e una fototessera.")
	e.Variants["ar"] = &kb.Variant{Question: "كيف أجدد بطاقة الهوية الإلكترونية؟", Answer: "احجز موعدًا في مكتب السجل المدني وأحضر البطاقة القديمة وصورة شخصية."}
	e.Variants["zh"] = &kb.Variant{Question: "如何更新电子身份证？", Answer: "请在户籍处预约，并携带旧身份证和一张证件照。"}
	return e
}

func tari() *kb.Entry {
	e := Entry("tari-pagamento", "Come pago la TARI, la tassa sui rifiuti?", "Paga con l'avviso pagoPA che arriva per posta, online o in tabaccheria.")
	e.Topic = "tributi"
	e.Variants["ar"] = &kb.Variant{Question: "كيف أدفع ضريبة النفايات تاري؟", Answer: "ادفع بإشعار باغوبا الذي يصلك بالبريد."}
	return e
}

var ignoreStoreFields = cmpopts.IgnoreFields(kb.Entry{}, "Revision", "CreatedAt", "UpdatedAt")

func testImportAndGet(t *testing.T, s kb.Store) {
	want := cie()
	res := MustImport(t, s, cie(), tari())
	if diff := cmp.Diff(kb.ImportResult{Added: 2}, res); diff != "" {
		t.Errorf("Import result (-want +got):\n%s", diff)
	}
	got, err := s.Get(ctx, "cie-rinnovo")
	if err != nil {
		t.Fatal(err)
	}
	want.Status = kb.StatusPublished // the default on import
	if diff := cmp.Diff(want, got, ignoreStoreFields); diff != "" {
		t.Errorf("Get (-want +got):\n%s", diff)
	}
	if got.Revision != 1 || got.CreatedAt.IsZero() || got.UpdatedAt.IsZero() {
		t.Errorf("Get: revision %d, created %v, updated %v; want revision 1 and both times set", got.Revision, got.CreatedAt, got.UpdatedAt)
	}
}

func testRevisions(t *testing.T, s kb.Store) {
	MustImport(t, s, cie())
	changed := cie()
	changed.Variants["it"].Answer = "Prenota online; costa 22,21 euro."
	if res := MustImport(t, s, changed); res.Updated != 1 {
		t.Fatalf("second import: %+v, want 1 updated", res)
	}
	if res := MustImport(t, s, changed.Clone()); res.Unchanged != 1 {
		t.Fatalf("identical import: %+v, want 1 unchanged", res)
	}
	cur, err := s.Get(ctx, "cie-rinnovo")
	if err != nil {
		t.Fatal(err)
	}
	if cur.Revision != 2 || cur.Variants["it"].Answer != changed.Variants["it"].Answer {
		t.Errorf("current: revision %d answer %q; want revision 2 with the new answer", cur.Revision, cur.Variants["it"].Answer)
	}
	old, err := s.GetRevision(ctx, "cie-rinnovo", 1)
	if err != nil {
		t.Fatal(err)
	}
	if old.Variants["it"].Answer != cie().Variants["it"].Answer || old.Revision != 1 {
		t.Errorf("revision 1: %d %q; want the original answer", old.Revision, old.Variants["it"].Answer)
	}
	revs, err := s.Revisions(ctx, "cie-rinnovo")
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 2 || revs[0].Revision != 1 || revs[1].Revision != 2 || revs[1].SavedBy != "test" {
		t.Errorf("Revisions = %+v; want 1 and 2, saved by test", revs)
	}
	if !cur.CreatedAt.Equal(old.CreatedAt) {
		t.Errorf("created_at changed across revisions: %v then %v", old.CreatedAt, cur.CreatedAt)
	}
}

func testImportIsAtomic(t *testing.T, s kb.Store) {
	bad := tari()
	bad.Variants["ar"].Answer = ""
	_, err := s.Import(ctx, []*kb.Entry{cie(), bad}, kb.ImportOptions{})
	if !errors.Is(err, kb.ErrInvalid) {
		t.Errorf("import with an invalid entry: err = %v, want ErrInvalid", err)
	}
	_, err = s.Import(ctx, []*kb.Entry{cie(), tari(), cie()}, kb.ImportOptions{})
	if !errors.Is(err, kb.ErrConflict) {
		t.Errorf("import with a duplicate id: err = %v, want ErrConflict", err)
	}
	_, err = s.Import(ctx, []*kb.Entry{cie()}, kb.ImportOptions{Languages: []string{"it", "en"}})
	if !errors.Is(err, kb.ErrInvalid) {
		t.Errorf("import with an unconfigured language: err = %v, want ErrInvalid", err)
	}
	all, err := s.List(ctx, kb.ListFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 0 {
		t.Errorf("after failed imports the store holds %d entries, want 0", len(all))
	}
	hits, err := s.SearchLexical(ctx, kb.LexicalQuery{Filter: kb.Filter{Lang: "it"}, Terms: []string{"rinnov"}, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 0 {
		t.Errorf("after failed imports lexical search finds %v, want nothing", hits)
	}
}

func testNotFound(t *testing.T, s kb.Store) {
	MustImport(t, s, cie())
	if _, err := s.Get(ctx, "nope"); !errors.Is(err, kb.ErrNotFound) {
		t.Errorf("Get(nope) err = %v, want ErrNotFound", err)
	}
	if _, err := s.GetRevision(ctx, "cie-rinnovo", 7); !errors.Is(err, kb.ErrNotFound) {
		t.Errorf("GetRevision(7) err = %v, want ErrNotFound", err)
	}
	if _, err := s.Revisions(ctx, "nope"); !errors.Is(err, kb.ErrNotFound) {
		t.Errorf("Revisions(nope) err = %v, want ErrNotFound", err)
	}
}

func testList(t *testing.T, s kb.Store) {
	draft := Entry("bozza", "Domanda in bozza sulla tassa", "Risposta in bozza.")
	draft.Status = kb.StatusDraft
	other := Entry("altro-comune", "Come rinnovo la carta?", "Altrove.")
	other.Agency = "vallebella"
	MustImport(t, s, cie(), tari(), draft, other)
	ids := func(f kb.ListFilter) []string {
		es, err := s.List(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	for _, tc := range []struct {
		f    kb.ListFilter
		want []string
	}{
		{kb.ListFilter{}, []string{"altro-comune", "bozza", "cie-rinnovo", "tari-pagamento"}},
		{kb.ListFilter{Agency: "vallebella"}, []string{"altro-comune"}},
		{kb.ListFilter{Topic: "tributi"}, []string{"tari-pagamento"}},
		{kb.ListFilter{Status: kb.StatusDraft}, []string{"bozza"}},
	} {
		if diff := cmp.Diff(tc.want, ids(tc.f)); diff != "" {
			t.Errorf("List(%+v) (-want +got):\n%s", tc.f, diff)
		}
	}
}

// filterCases builds a knowledge base where one word, "passaporto", is in
// entries that differ only in what the filters look at.
func filterCases(t *testing.T, s kb.Store) (now time.Time) {
	now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	past, future := now.AddDate(0, -1, 0), now.AddDate(0, 1, 0)
	mk := func(id string, mod func(e *kb.Entry)) *kb.Entry {
		e := Entry(id, "Come richiedo il passaporto?", "In Questura, con prenotazione.")
		mod(e)
		return e
	}
	MustImport(t, s,
		mk("pub", func(e *kb.Entry) {}),
		mk("draft", func(e *kb.Entry) { e.Status = kb.StatusDraft }),
		mk("archived", func(e *kb.Entry) { e.Status = kb.StatusArchived }),
		mk("expired", func(e *kb.Entry) { e.ValidUntil = &past }),
		mk("not-yet", func(e *kb.Entry) { e.ValidFrom = &future }),
		mk("window", func(e *kb.Entry) { e.ValidFrom, e.ValidUntil = &past, &future }),
		mk("other-agency", func(e *kb.Entry) { e.Agency = "vallebella" }),
		mk("english", func(e *kb.Entry) {
			e.Variants = map[string]*kb.Variant{"en": {Question: "passaporto passport", Answer: "At the Questura."}}
		}),
	)
	return now
}

func filterTable(now time.Time) []struct {
	f    kb.Filter
	want []string
} {
	return []struct {
		f    kb.Filter
		want []string
	}{
		{kb.Filter{Lang: "it", At: now}, []string{"other-agency", "pub", "window"}},
		{kb.Filter{Lang: "it", At: now, Agency: "borgoverde"}, []string{"pub", "window"}},
		{kb.Filter{Lang: "it", At: now, Unpublished: true}, []string{"draft", "other-agency", "pub", "window"}},
		{kb.Filter{Lang: "it", At: now.AddDate(0, 2, 0)}, []string{"not-yet", "other-agency", "pub"}},
		{kb.Filter{Lang: "en", At: now}, []string{"english"}},
		{kb.Filter{Lang: "fr", At: now}, nil},
	}
}

func matchIDs(ms []kb.Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.EntryID)
	}
	return out
}

var sortStrings = cmpopts.SortSlices(func(a, b string) bool { return a < b })

func testLexicalFilters(t *testing.T, s kb.Store) {
	now := filterCases(t, s)
	for _, tc := range filterTable(now) {
		got, err := s.SearchLexical(ctx, kb.LexicalQuery{Filter: tc.f, Terms: analysis.Terms(tc.f.Lang, "passaporto"), Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, matchIDs(got), sortStrings, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("SearchLexical(%+v) (-want +got):\n%s", tc.f, diff)
		}
		for i := 1; i < len(got); i++ {
			if got[i].Score > got[i-1].Score {
				t.Errorf("SearchLexical(%+v) is not ordered by score: %v", tc.f, got)
			}
		}
	}
}

func testVectorFilters(t *testing.T, s kb.Store) {
	now := filterCases(t, s)
	e := s.Embedder()
	v, err := e.EmbedQuery(ctx, "passaporto")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range filterTable(now) {
		got, err := s.SearchVector(ctx, kb.VectorQuery{Filter: tc.f, Vector: v, Embedder: e.Name(), Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, matchIDs(got), sortStrings, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("SearchVector(%+v) (-want +got):\n%s", tc.f, diff)
		}
		for i := 1; i < len(got); i++ {
			if got[i].Score > got[i-1].Score {
				t.Errorf("SearchVector(%+v) is not ordered by score: %v", tc.f, got)
			}
		}
	}
	got, err := s.SearchVector(ctx, kb.VectorQuery{Filter: kb.Filter{Lang: "it", At: now}, Vector: v, Embedder: e.Name(), Limit: 1})
	if err != nil || len(got) != 1 {
		t.Errorf("SearchVector with limit 1: %v, %v; want exactly one match", got, err)
	}
}

func testVectorEmbedderMismatch(t *testing.T, s kb.Store) {
	MustImport(t, s, cie())
	e := s.Embedder()
	v, _ := e.EmbedQuery(ctx, "carta")
	if _, err := s.SearchVector(ctx, kb.VectorQuery{Filter: kb.Filter{Lang: "it"}, Vector: v, Embedder: "some-other-model", Limit: 5}); !errors.Is(err, kb.ErrInvalid) {
		t.Errorf("vector from another embedder: err = %v, want ErrInvalid", err)
	}
	if _, err := s.SearchVector(ctx, kb.VectorQuery{Filter: kb.Filter{Lang: "it"}, Vector: v[:3], Embedder: e.Name(), Limit: 5}); !errors.Is(err, kb.ErrInvalid) {
		t.Errorf("vector of the wrong dimension: err = %v, want ErrInvalid", err)
	}
}

func testRemovedVariant(t *testing.T, s kb.Store) {
	MustImport(t, s, cie())
	e := cie()
	delete(e.Variants, "ar")
	MustImport(t, s, e)
	got, err := s.SearchLexical(ctx, kb.LexicalQuery{Filter: kb.Filter{Lang: "ar"}, Terms: []string{"هويه"}, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("lexical search finds the removed Arabic variant: %v", got)
	}
	v, _ := s.Embedder().EmbedQuery(ctx, "بطاقة الهوية")
	got, err = s.SearchVector(ctx, kb.VectorQuery{Filter: kb.Filter{Lang: "ar"}, Vector: v, Embedder: s.Embedder().Name(), Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("vector search finds the removed Arabic variant: %v", got)
	}
	if old, err := s.GetRevision(ctx, "cie-rinnovo", 1); err != nil || old.Variants["ar"] == nil {
		t.Errorf("revision 1 should keep its Arabic variant: %v", err)
	}
}

func testRetrieverAcrossScripts(t *testing.T, s kb.Store) {
	MustImport(t, s, cie(), tari())
	r := &kb.Retriever{Store: s}
	for _, tc := range []struct{ lang, text, want string }{
		{"it", "carta d'identita scaduta come la rinnovo", "cie-rinnovo"},
		{"it", "rinovo cartaidentità", "cie-rinnovo"}, // misspelt and run together: the vector side finds it
		{"it", "pagare la tassa rifiuti", "tari-pagamento"},
		{"ar", "كيف اجدد بطاقه الهويه", "cie-rinnovo"}, // no hamza, taa marbuta as haa
		{"ar", "دفع ضريبة النفايات", "tari-pagamento"},
		{"zh", "身份证更新", "cie-rinnovo"},
	} {
		hits, err := r.Search(ctx, kb.Query{Text: tc.text, Filter: kb.Filter{Lang: tc.lang}})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].Entry.ID != tc.want {
			t.Errorf("Search(%s %q) = %v, want %s first", tc.lang, tc.text, hitIDs(hits), tc.want)
			continue
		}
		if hits[0].Entry.Variants[tc.lang] == nil || hits[0].Coverage <= 0 && hits[0].Vector <= 0 {
			t.Errorf("Search(%s %q): top hit carries no evidence: %+v", tc.lang, tc.text, hits[0])
		}
	}
}

func hitIDs(hs []kb.Hit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.Entry.ID)
	}
	return out
}
