package postgres_test

import (
	"context"
	"slices"
	"testing"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/analysis"
	"github.com/sportello/sportello/kb/kbtest"
	"github.com/sportello/sportello/kb/postgres/pgtest"
)

// TestTwoProcessesSeeEachOthersEdits opens two stores on one database, as
// two serve processes behind a load balancer would, and checks that what
// one imports or updates is at once what the other gets and finds: the
// store keeps no cache, every read goes to the database.
func TestTwoProcessesSeeEachOthersEdits(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	e := kb.NewHashEmbedder(0)
	a := open(t, url, e)
	defer a.Close()
	b := open(t, url, e)
	defer b.Close()

	lexical := func(s kb.Store, text string) []string {
		t.Helper()
		ms, err := s.SearchLexical(ctx, kb.LexicalQuery{Filter: kb.Filter{Lang: "it"}, Terms: analysis.Terms("it", text), Limit: 5})
		if err != nil {
			t.Fatalf("SearchLexical(%q): %v", text, err)
		}
		return ids(ms)
	}
	vector := func(s kb.Store, text string) []kb.Match {
		t.Helper()
		v, err := e.EmbedQuery(ctx, text)
		if err != nil {
			t.Fatal(err)
		}
		ms, err := s.SearchVector(ctx, kb.VectorQuery{Filter: kb.Filter{Lang: "it"}, Vector: v, Embedder: e.Name(), Limit: 5})
		if err != nil {
			t.Fatalf("SearchVector(%q): %v", text, err)
		}
		return ms
	}

	// A new entry, imported by a, is at once visible to b.
	kbtest.MustImport(t, a, kbtest.Entry("cie", "Come rinnovo la carta d'identità?", "All'Anagrafe, su appuntamento."))
	got, err := b.Get(ctx, "cie")
	if err != nil || got.Revision != 1 {
		t.Fatalf("b.Get after a's import = %+v, %v; want revision 1", got, err)
	}
	if got := lexical(b, "carta identità"); !slices.Equal(got, []string{"cie"}) {
		t.Errorf("b.SearchLexical after a's import = %v; want [cie]", got)
	}
	before := vector(b, "passaporto per un minore")
	if len(before) != 1 || before[0].EntryID != "cie" {
		t.Fatalf("b.SearchVector after a's import = %v; want cie only", before)
	}

	// a rewrites it; b gets the new revision, finds it by its new words
	// and no longer by the old ones, and scores its new vector.
	kbtest.MustImport(t, a, kbtest.Entry("cie", "Passaporto per un minore: cosa serve?", "Serve l'assenso di entrambi i genitori, in Questura."))
	got, err = b.Get(ctx, "cie")
	if err != nil || got.Revision != 2 || got.Variants["it"].Question != "Passaporto per un minore: cosa serve?" {
		t.Fatalf("b.Get after a's update = %+v, %v; want revision 2 with the new question", got, err)
	}
	if got := lexical(b, "passaporto minore"); !slices.Equal(got, []string{"cie"}) {
		t.Errorf("b.SearchLexical of the new words after a's update = %v; want [cie]", got)
	}
	if got := lexical(b, "anagrafe appuntamento"); len(got) != 0 {
		t.Errorf("b.SearchLexical of the old words after a's update = %v; want nothing", got)
	}
	after := vector(b, "passaporto per un minore")
	if len(after) != 1 || after[0].Score <= before[0].Score {
		t.Errorf("b.SearchVector after a's update = %v; want cie scoring above %.3f (its old vector)", after, before[0].Score)
	}

	// And the other way round: b adds an entry and archives cie.
	arch := kbtest.Entry("cie", "Passaporto per un minore: cosa serve?", "Serve l'assenso di entrambi i genitori, in Questura.")
	arch.Status = kb.StatusArchived
	kbtest.MustImport(t, b, arch, kbtest.Entry("tari", "Come pago la TARI?", "Con il modello F24."))
	if got, err := a.Get(ctx, "cie"); err != nil || got.Revision != 3 || got.Status != kb.StatusArchived {
		t.Errorf("a.Get after b's update = %+v, %v; want revision 3, archived", got, err)
	}
	if got := lexical(a, "passaporto minore"); len(got) != 0 {
		t.Errorf("a.SearchLexical after b archived cie = %v; want nothing", got)
	}
	if got := lexical(a, "pago tari"); !slices.Equal(got, []string{"tari"}) {
		t.Errorf("a.SearchLexical after b's import = %v; want [tari]", got)
	}
	if got := ids(vector(a, "come pago la tari")); !slices.Equal(got, []string{"tari"}) {
		t.Errorf("a.SearchVector after b's import = %v; want [tari]", got)
	}
}

func ids(ms []kb.Match) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.EntryID)
	}
	return out
}
