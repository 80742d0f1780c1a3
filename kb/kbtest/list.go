package kbtest

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sportello/sportello/kb"
)

// listCases builds a knowledge base where each entry differs in what one
// filter of the entry list looks at.
func listCases(t *testing.T, s kb.Store) time.Time {
	now := time.Now().UTC()
	soon, later, past := now.AddDate(0, 0, 10), now.AddDate(0, 3, 0), now.AddDate(0, 0, -3)
	at := now
	mk := func(id, q string, mod func(e *kb.Entry)) *kb.Entry {
		e := Entry(id, q, "Risposta di prova per "+id+".")
		mod(e)
		return e
	}
	sq := func(v *kb.Variant) *kb.Variant {
		if v == nil {
			v = &kb.Variant{Question: "Pyetje?", Answer: "Përgjigje."}
		}
		return v
	}
	MustImport(t, s,
		mk("anagrafe-cie", "Come rinnovo la carta d'identità?", func(e *kb.Entry) {
			e.Variants["sq"] = sq(nil)
			e.Variants["zh"] = &kb.Variant{Question: "如何更新身份证？", Answer: "请预约。"}
		}),
		mk("anagrafe-residenza", "Come cambio la residenza?", func(e *kb.Entry) {
			e.Variants["sq"] = sq(&kb.Variant{Question: "Si ndryshoj vendbanimin?", Answer: "Në zyrë.", Outdated: true})
			e.ValidUntil = &soon
		}),
		mk("tari-pagamento", "Come pago la tassa sui rifiuti?", func(e *kb.Entry) {
			e.Topic = "tributi"
			e.Variants["sq"] = sq(&kb.Variant{Question: "Si paguhet TARI?", Answer: "Me pagoPA.", MachineTranslated: true})
			e.ValidUntil = &later
		}),
		mk("tari-scadenze", "Quando scade la TARI?", func(e *kb.Entry) {
			e.Topic, e.Status = "tributi", kb.StatusDraft
			e.ValidFrom, e.ValidUntil = func() *time.Time { x := past.AddDate(0, -1, 0); return &x }(), &past
		}),
		mk("vallebella-bus", "Dove compro il biglietto dell'autobus?", func(e *kb.Entry) {
			e.Topic, e.Agency, e.Status = "trasporti", "vallebella", kb.StatusReview
			e.Variants["ar"] = &kb.Variant{Question: "أين أشتري تذكرة الحافلة؟", Answer: "في محل التبغ."}
		}),
		mk("nazionale-spid", "Come ottengo lo SPID?", func(e *kb.Entry) {
			e.Topic, e.Agency, e.Shared = "identita-digitale", "nazionale", true
		}),
	)
	return at
}

func testListEntries(t *testing.T, s kb.Store) {
	now := listCases(t, s)
	ids := func(q kb.EntryQuery) ([]string, int) {
		t.Helper()
		p, err := s.ListEntries(ctx, q)
		if err != nil {
			t.Fatalf("ListEntries(%+v): %v", q, err)
		}
		var out []string
		for _, e := range p.Entries {
			out = append(out, e.ID)
		}
		return out, p.Total
	}
	all := []string{"anagrafe-cie", "anagrafe-residenza", "nazionale-spid", "tari-pagamento", "tari-scadenze", "vallebella-bus"}
	for _, tc := range []struct {
		q    kb.EntryQuery
		want []string
	}{
		{kb.EntryQuery{}, all},
		{kb.EntryQuery{Topic: "tributi"}, []string{"tari-pagamento", "tari-scadenze"}},
		{kb.EntryQuery{Agency: "vallebella"}, []string{"vallebella-bus"}},
		{kb.EntryQuery{Status: kb.StatusDraft}, []string{"tari-scadenze"}},
		{kb.EntryQuery{Lang: "sq", Coverage: kb.CoverageMissing}, []string{"nazionale-spid", "tari-scadenze", "vallebella-bus"}},
		{kb.EntryQuery{Lang: "sq", Coverage: kb.CoverageOutdated}, []string{"anagrafe-residenza"}},
		{kb.EntryQuery{Lang: "sq", Coverage: kb.CoverageMachine}, []string{"tari-pagamento"}},
		{kb.EntryQuery{Lang: "sq", Coverage: kb.CoverageCurrent}, []string{"anagrafe-cie"}},
		{kb.EntryQuery{Lang: "ar", Coverage: kb.CoverageCurrent, Agency: "vallebella"}, []string{"vallebella-bus"}},
		{kb.EntryQuery{When: kb.WhenExpiring, Now: now}, []string{"anagrafe-residenza"}},
		{kb.EntryQuery{When: kb.WhenExpired, Now: now}, []string{"tari-scadenze"}},
		{kb.EntryQuery{When: kb.WhenStale, Now: now}, nil},
		{kb.EntryQuery{When: kb.WhenStale, Now: now.Add(kb.StaleAfter + time.Hour)}, all},
		{kb.EntryQuery{Sharing: kb.SharingShared}, []string{"nazionale-spid"}},
		{kb.EntryQuery{Sharing: kb.SharingLocal, Topic: "tributi"}, []string{"tari-pagamento", "tari-scadenze"}},
		{kb.EntryQuery{Sharing: kb.SharingAdopted}, nil},
		// Full text: words or their beginnings, in any field, without
		// minding case or accents; every word must be there.
		{kb.EntryQuery{Text: "IDENTITA"}, []string{"anagrafe-cie", "nazionale-spid"}}, // the topic identita-digitale
		{kb.EntryQuery{Text: "rinnov carta"}, []string{"anagrafe-cie"}},
		{kb.EntryQuery{Text: "rinnov autobus"}, nil},
		{kb.EntryQuery{Text: "Përgjigje"}, []string{"anagrafe-cie"}},
		{kb.EntryQuery{Text: "pergjigj"}, []string{"anagrafe-cie"}},
		{kb.EntryQuery{Text: "تذكرة"}, []string{"vallebella-bus"}},
		{kb.EntryQuery{Text: "身份证"}, []string{"anagrafe-cie"}},
		{kb.EntryQuery{Text: "tari-scadenze"}, []string{"tari-scadenze"}},
		{kb.EntryQuery{Text: "tari", Status: kb.StatusPublished}, []string{"tari-pagamento"}},
		{kb.EntryQuery{Text: "  ,;  "}, all},
	} {
		got, total := ids(tc.q)
		if diff := cmp.Diff(tc.want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("ListEntries(%+v) (-want +got):\n%s", tc.q, diff)
		}
		if total != len(tc.want) {
			t.Errorf("ListEntries(%+v): total %d, want %d", tc.q, total, len(tc.want))
		}
	}
	// Pages follow each other in id order, with the total of all.
	var paged []string
	for off := 0; ; off += 4 {
		got, total := ids(kb.EntryQuery{Limit: 4, Offset: off})
		if total != len(all) {
			t.Errorf("page at %d: total %d, want %d", off, total, len(all))
		}
		if len(got) == 0 {
			break
		}
		paged = append(paged, got...)
	}
	if diff := cmp.Diff(all, paged); diff != "" {
		t.Errorf("pages of 4 (-want +got):\n%s", diff)
	}
	p, err := s.ListEntries(ctx, kb.EntryQuery{Topic: "tributi", Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"anagrafe", "identita-digitale", "trasporti", "tributi"}, p.Topics); diff != "" {
		t.Errorf("Topics (-want +got):\n%s", diff)
	}
	if len(p.Entries) != 1 || p.Entries[0].Variants["it"] == nil || p.Entries[0].Revision != 1 {
		t.Errorf("a page holds whole entries: %+v", p.Entries)
	}
	// An edit moves the entry between filters at once.
	e, _ := s.Get(ctx, "anagrafe-residenza")
	e.Variants["sq"].Outdated = false
	e.Variants["sq"].Answer = "Në zyrën e gjendjes civile."
	MustImport(t, s, e)
	if got, _ := ids(kb.EntryQuery{Lang: "sq", Coverage: kb.CoverageOutdated}); len(got) != 0 {
		t.Errorf("after the review the outdated filter still finds %v", got)
	}
	if got, _ := ids(kb.EntryQuery{Text: "gjendjes"}); !slices.Equal(got, []string{"anagrafe-residenza"}) {
		t.Errorf("the new words are not found: %v", got)
	}
	for _, bad := range []kb.EntryQuery{{Limit: -1}, {Limit: kb.MaxPageSize + 1}, {Offset: -3}, {Status: "gone"},
		{Coverage: kb.CoverageMissing}, {Lang: "sq", Coverage: "half"}, {When: "soon"}, {Sharing: "borrowed"}} {
		if _, err := s.ListEntries(ctx, bad); !errors.Is(err, kb.ErrInvalid) {
			t.Errorf("ListEntries(%+v): err = %v, want ErrInvalid", bad, err)
		}
	}
}

// national is a shared entry of the national agency.
func national() *kb.Entry {
	e := Entry("passaporto", "Come richiedo il passaporto?", "Prenota in Questura con l'agenda online della Polizia di Stato.")
	e.Agency, e.Shared, e.Topic = "nazionale", true, "documenti"
	return e
}

// override is borgoverde's override of the national passport entry.
func override(rev int) *kb.Entry {
	e := Entry("borgoverde-passaporto", "Come richiedo il passaporto a Borgoverde?",
		"A Borgoverde il passaporto si richiede anche allo sportello del Comune, il martedì.")
	e.Overrides, e.AdoptedRevision, e.Status = "passaporto", rev, kb.StatusDraft
	return e
}

func testShared(t *testing.T, s kb.Store) {
	local := Entry("borgoverde-carta", "Come rinnovo la carta d'identità?", "All'Anagrafe.")
	other := Entry("vallebella-passaporto", "Passaporto a Vallebella", "In Questura.")
	other.Agency = "vallebella"
	MustImport(t, s, national(), local, other)
	search := func(agency string, unpublished bool) []string {
		t.Helper()
		r := &kb.Retriever{Store: s}
		hits, err := r.Search(ctx, kb.Query{Text: "come richiedo il passaporto", Filter: kb.Filter{Lang: "it", Agency: agency, Unpublished: unpublished}, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		out := hitIDs(hits)
		slices.Sort(out)
		return out
	}
	// A shared entry is found by every agency's searches; another
	// agency's own entries are not.
	if got := search("borgoverde", false); !slices.Contains(got, "passaporto") || slices.Contains(got, "vallebella-passaporto") {
		t.Errorf("borgoverde before adopting: %v, want the shared entry and not vallebella's", got)
	}

	bad := func(name string, want error, es ...*kb.Entry) {
		t.Helper()
		if _, err := s.Import(ctx, es, kb.ImportOptions{By: "test"}); !errors.Is(err, want) {
			t.Errorf("%s: err = %v, want %v", name, err, want)
		}
	}
	self := override(1)
	self.Overrides = self.ID
	bad("overriding itself", kb.ErrInvalid, self)
	missing := override(1)
	missing.Overrides = "non-esiste"
	bad("overriding a missing entry", kb.ErrInvalid, missing)
	own := override(1)
	own.Overrides = "borgoverde-carta"
	bad("overriding an entry of one's own agency", kb.ErrInvalid, own)
	bad("adopting a revision that does not exist", kb.ErrInvalid, override(2))
	noRev := override(1)
	noRev.AdoptedRevision = 0
	bad("overriding without the adopted revision", kb.ErrInvalid, noRev)
	noAgency := override(1)
	noAgency.Agency = ""
	bad("an override without an agency", kb.ErrInvalid, noAgency)
	twice := override(1)
	twice.ID = "borgoverde-passaporto-bis"
	bad("two overrides in one import", kb.ErrConflict, override(1), twice)

	MustImport(t, s, override(1))
	bad("a second override by the same agency", kb.ErrConflict, twice)
	chain := override(1)
	chain.ID, chain.Agency, chain.Overrides = "vallebella-passaporto-2", "vallebella", "borgoverde-passaporto"
	bad("overriding an override", kb.ErrInvalid, chain)
	got, err := s.Get(ctx, "borgoverde-passaporto")
	if err != nil || got.Overrides != "passaporto" || got.AdoptedRevision != 1 || got.Shared {
		t.Fatalf("stored override: %+v, %v", got, err)
	}

	// A draft override changes nothing for citizens; editors' previews
	// see it in place of the original.
	if got := search("borgoverde", false); !slices.Contains(got, "passaporto") || slices.Contains(got, "borgoverde-passaporto") {
		t.Errorf("borgoverde with a draft override: %v, want the shared entry", got)
	}
	if got := search("borgoverde", true); !slices.Contains(got, "borgoverde-passaporto") || slices.Contains(got, "passaporto") {
		t.Errorf("borgoverde's preview with a draft override: %v, want the override and not the original", got)
	}
	pub := override(1)
	pub.Status = kb.StatusPublished
	MustImport(t, s, pub)
	if got := search("borgoverde", false); !slices.Contains(got, "borgoverde-passaporto") || slices.Contains(got, "passaporto") {
		t.Errorf("borgoverde with a published override: %v, want the override and not the original", got)
	}
	if got := search("vallebella", false); !slices.Equal(got, []string{"passaporto", "vallebella-passaporto"}) {
		t.Errorf("vallebella: %v, want the shared entry and its own", got)
	}
	if got := search("", false); slices.Contains(got, "passaporto") || !slices.Contains(got, "borgoverde-passaporto") {
		t.Errorf("every agency: %v, want the override in place of the original", got)
	}

	as, err := s.Adoptions(ctx, []string{"passaporto", "borgoverde-carta"})
	if err != nil {
		t.Fatal(err)
	}
	want := []kb.Adoption{{Original: "passaporto", ID: "borgoverde-passaporto", Agency: "borgoverde", Status: kb.StatusPublished, AdoptedRevision: 1}}
	if diff := cmp.Diff(want, as); diff != "" {
		t.Errorf("Adoptions (-want +got):\n%s", diff)
	}
	// The original moves on; the override still says where it started.
	n := national()
	n.Variants["it"].Answer += " Serve la ricevuta del versamento."
	MustImport(t, s, n)
	if cur, _ := s.Get(ctx, "passaporto"); cur.Revision != 2 {
		t.Errorf("the shared entry is at revision %d, want 2", cur.Revision)
	}
	as, _ = s.Adoptions(ctx, []string{"passaporto"})
	if len(as) != 1 || as[0].AdoptedRevision != 1 {
		t.Errorf("after the original changed: %+v", as)
	}
	// An archived override gives the original back.
	pub.Status = kb.StatusArchived
	MustImport(t, s, pub)
	if got := search("borgoverde", false); !slices.Contains(got, "passaporto") || slices.Contains(got, "borgoverde-passaporto") {
		t.Errorf("borgoverde with an archived override: %v, want the shared entry back", got)
	}
	for _, tc := range []struct {
		sh   kb.Sharing
		want []string
	}{
		{kb.SharingShared, []string{"passaporto"}},
		{kb.SharingAdopted, []string{"borgoverde-passaporto"}},
		{kb.SharingLocal, []string{"borgoverde-carta", "vallebella-passaporto"}},
	} {
		p, err := s.ListEntries(ctx, kb.EntryQuery{Sharing: tc.sh})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range p.Entries {
			got = append(got, e.ID)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("ListEntries(sharing %s) (-want +got):\n%s", tc.sh, diff)
		}
	}
}
