package postgres_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/analysis"
	"github.com/sportello/sportello/kb/kbtest"
	"github.com/sportello/sportello/kb/postgres"
	"github.com/sportello/sportello/kb/postgres/pgtest"
	"github.com/sportello/sportello/kb/sqlite"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

func open(t *testing.T, url string, e kb.Embedder) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), url, e)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

func TestContract(t *testing.T) {
	pgtest.MustStart(t)
	t.Logf("PostgreSQL test cluster started in %v", pgtest.StartupTime().Round(time.Millisecond))
	kbtest.Run(t, func(t *testing.T) kb.Store {
		return open(t, pgtest.NewDatabase(t), kb.NewHashEmbedder(0))
	})
}

// TestReopen checks that entries, revisions and vectors survive a restart,
// and that changing the embedder (and its dimension) re-embeds instead of
// mixing vectors.
func TestReopen(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	s := open(t, url, kb.NewHashEmbedder(64))
	kbtest.MustImport(t, s, kbtest.Entry("cie", "Come rinnovo la carta d'identità?", "All'Anagrafe."))
	s.Close()

	for _, dim := range []int{64, 128} {
		e := kb.NewHashEmbedder(dim)
		s = open(t, url, e)
		got, err := s.Get(ctx, "cie")
		if err != nil || got.Revision != 1 {
			t.Fatalf("after reopening: %v, %v", got, err)
		}
		v, _ := e.EmbedQuery(ctx, "carta identità")
		ms, err := s.SearchVector(ctx, kb.VectorQuery{Filter: kb.Filter{Lang: "it"}, Vector: v, Embedder: e.Name(), Limit: 3})
		if err != nil || len(ms) != 1 || ms[0].EntryID != "cie" {
			t.Errorf("dimension %d: vector search after reopening = %v, %v; want cie", dim, ms, err)
		}
		s.Close()
	}
}

// TestTermStats checks document frequencies and typo correction.
func TestTermStats(t *testing.T) {
	ctx := context.Background()
	s := open(t, pgtest.NewDatabase(t), kb.NewHashEmbedder(0))
	defer s.Close()
	kbtest.MustImport(t, s,
		kbtest.Entry("a", "Come richiedo il passaporto?", "In Questura."),
		kbtest.Entry("b", "Passaporto per un minore", "Serve l'assenso dei genitori."))
	st, err := s.TermStats(ctx, "it", []string{"passaport", "pasaport", "zzzzzz"})
	if err != nil {
		t.Fatal(err)
	}
	if st.Docs != 2 || st.DF["passaport"] != 2 || st.DF["pasaport"] != 0 {
		t.Errorf("TermStats = %+v; want 2 docs and passaport in both", st)
	}
	if st.Similar["pasaport"] != "passaport" || st.Similar["zzzzzz"] != "" {
		t.Errorf("Similar = %v; want pasaport -> passaport only", st.Similar)
	}
}

func TestOpenUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := postgres.Open(ctx, "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=5", kb.NewHashEmbedder(0))
	if err == nil || !strings.Contains(err.Error(), "cannot connect to PostgreSQL at 127.0.0.1:1") {
		t.Errorf("Open on an unreachable server: err = %v; want it to say it cannot connect to 127.0.0.1:1", err)
	}
	_, err = postgres.Open(ctx, "postgres://%zz", kb.NewHashEmbedder(0))
	if err == nil || !strings.Contains(err.Error(), "not valid") {
		t.Errorf("Open on a malformed URL: err = %v; want it to say the URL is not valid", err)
	}
}

// TestSameScoresAsSQLite checks that lexical search ranks and scores like
// the embedded store, so that what retrieval calibrated on one holds on
// the other.
func TestSameScoresAsSQLite(t *testing.T) {
	ctx := context.Background()
	pg := open(t, pgtest.NewDatabase(t), kb.NewHashEmbedder(0))
	defer pg.Close()
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"), kb.NewHashEmbedder(0))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	entries := []*kb.Entry{
		kbtest.Entry("a", "Come richiedo il passaporto?", "In Questura, con prenotazione online."),
		kbtest.Entry("b", "Passaporto per un minore: serve l'assenso?", "Serve l'assenso di entrambi i genitori per il passaporto."),
		kbtest.Entry("c", "Come rinnovo la carta d'identità?", "Prenota all'Anagrafe; porta la carta vecchia."),
		kbtest.Entry("d", "Quanto costa la carta d'identità elettronica?", "Costa 22,21 euro, da pagare allo sportello."),
	}
	for _, s := range []kb.Store{pg, lite} {
		var copies []*kb.Entry
		for _, e := range entries {
			copies = append(copies, e.Clone())
		}
		kbtest.MustImport(t, s, copies...)
	}
	for _, text := range []string{"passaporto minore", "carta identità costo", "rinnovo carta passaporto", "questura"} {
		q := kb.LexicalQuery{Filter: kb.Filter{Lang: "it"}, Terms: analysis.Terms("it", text), Limit: 10}
		want, err := lite.SearchLexical(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := pg.SearchLexical(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-5)); diff != "" {
			t.Errorf("SearchLexical(%q): PostgreSQL differs from SQLite (-sqlite +postgres):\n%s", text, diff)
		}
	}
}

// TestVectorIndex checks that each language gets its HNSW index, that
// vector search uses it, and that the iterative scan is on, so filters do
// not starve the results.
func TestVectorIndex(t *testing.T) {
	ctx := context.Background()
	e := kb.NewHashEmbedder(0)
	s := open(t, pgtest.NewDatabase(t), e)
	defer s.Close()
	kbtest.MustImport(t, s, kbtest.Entry("cie", "Come rinnovo la carta d'identità?", "All'Anagrafe."))
	var mode string
	if err := s.Pool().QueryRow(ctx, `SHOW hnsw.iterative_scan`).Scan(&mode); err != nil || mode != "strict_order" {
		t.Errorf("hnsw.iterative_scan = %q, %v; want strict_order", mode, err)
	}
	var def string
	if err := s.Pool().QueryRow(ctx, `SELECT indexdef FROM pg_indexes WHERE indexname = 'variants_hnsw_it'`).Scan(&def); err != nil ||
		!strings.Contains(def, "hnsw") || !strings.Contains(def, "vector_cosine_ops") || !strings.Contains(def, "'it'") {
		t.Errorf("variants_hnsw_it index = %q, %v; want hnsw with vector_cosine_ops on the Italian variants", def, err)
	}
	v, _ := e.EmbedQuery(ctx, "carta identità")
	plan, err := postgres.ExplainVector(ctx, s, kb.VectorQuery{Filter: kb.Filter{Lang: "it"}, Vector: v, Embedder: e.Name(), Limit: 30})
	if err != nil || !strings.Contains(plan, "variants_hnsw_it") {
		t.Errorf("the vector search does not use the Italian HNSW index (%v):\n%s", err, plan)
	}
}

// TestSearchVectorExact checks that the exact search does not use the
// HNSW index and agrees with it on a small knowledge base.
func TestSearchVectorExact(t *testing.T) {
	ctx := context.Background()
	e := kb.NewHashEmbedder(0)
	s := open(t, pgtest.NewDatabase(t), e)
	defer s.Close()
	kbtest.MustImport(t, s,
		kbtest.Entry("a", "Come richiedo il passaporto?", "In Questura."),
		kbtest.Entry("b", "Passaporto per un minore", "Serve l'assenso dei genitori."),
		kbtest.Entry("c", "Come rinnovo la carta d'identità?", "All'Anagrafe."))
	v, _ := e.EmbedQuery(ctx, "passaporto minore")
	q := kb.VectorQuery{Filter: kb.Filter{Lang: "it"}, Vector: v, Embedder: e.Name(), Limit: 3}
	approx, err := s.SearchVector(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	exact, err := s.SearchVectorExact(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(approx, exact, cmpopts.EquateApprox(0, 1e-6)); diff != "" || len(exact) != 3 {
		t.Errorf("SearchVectorExact differs from SearchVector (-hnsw +exact):\n%s", diff)
	}
	if _, err := s.SearchVectorExact(ctx, kb.VectorQuery{Vector: v, Embedder: "other", Limit: 3}); !errors.Is(err, kb.ErrInvalid) {
		t.Errorf("SearchVectorExact with another embedder: err = %v; want ErrInvalid", err)
	}
}

func TestReembed(t *testing.T) {
	defer postgres.SetAutoReembed(0)()
	url := pgtest.NewDatabase(t)
	kbtest.RunReembed(t, func(t *testing.T, e kb.Embedder) kbtest.Reembedder { return open(t, url, e) })
}

// TestEFSearch checks that the store's connections search the HNSW
// indexes with its default ef_search, and with the URL's when it sets one.
func TestEFSearch(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	for _, c := range []struct{ url, want string }{
		{url, strconv.Itoa(postgres.DefaultEFSearch)},
		{url + sep + "hnsw.ef_search=64", "64"},
	} {
		s := open(t, c.url, kb.NewHashEmbedder(0))
		var got string
		if err := s.Pool().QueryRow(ctx, `SHOW hnsw.ef_search`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if got != c.want {
			t.Errorf("%s: hnsw.ef_search = %s, want %s", c.url, got, c.want)
		}
	}
}
