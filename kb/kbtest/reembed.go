package kbtest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/sportello/sportello/kb"
)

// Reembedder is a store that re-makes the vectors of another embedder
// when its own changes; both stores are.
type Reembedder interface {
	kb.Store
	// StaleVectors counts the variants without a vector of the store's
	// embedder, and all the variants.
	StaleVectors(ctx context.Context) (stale, total int, err error)
	// Reembed re-embeds the stale variants, batch at a time, each batch
	// committed, calling progress after each.
	Reembed(ctx context.Context, batch int, progress func(done, total int)) (int, error)
}

// Renamed is an embedder that makes the vectors of Embedder under another
// name, as a new version of a model with the same dimension would: the
// numbers alone cannot tell the two apart, only the names can.
type Renamed struct {
	kb.Embedder
	As string
}

// Name implements kb.Embedder.
func (r Renamed) Name() string { return r.As }

// RunReembed checks a change of embedder on one database: reopen opens it
// (the same one every time) with an embedder, re-embedding nothing by
// itself. Vectors of the old embedder are never compared with the new
// one's; Reembed, interrupted, keeps what it did and goes on from there
// when run again.
func RunReembed(t *testing.T, reopen func(t *testing.T, e kb.Embedder) Reembedder) {
	ctx := context.Background()
	old := kb.NewHashEmbedder(64)
	s := reopen(t, old)
	entries := []*kb.Entry{cie(), tari(),
		Entry("anpr", "Come scarico un certificato anagrafico?", "Dal portale ANPR, con SPID o CIE."),
		Entry("pass", "Come richiedo il passaporto?", "In Questura, su appuntamento."),
		Entry("bici", "Dove parcheggio la bicicletta?", "Nelle rastrelliere del centro.")}
	MustImport(t, s, entries...)
	variants := 0
	for _, e := range entries {
		variants += len(e.Variants)
	}
	s.Close()

	// Another model of the same dimension: every stored vector is stale,
	// and vector search finds nothing rather than comparing the new
	// model's query with the old model's vectors.
	next := Renamed{Embedder: kb.NewHashEmbedder(64), As: "hash-ngram-v2-64"}
	s = reopen(t, next)
	if stale, total, err := s.StaleVectors(ctx); err != nil || stale != variants || total != variants {
		t.Fatalf("StaleVectors after the change = %d, %d, %v; want %d of %d", stale, total, err, variants, variants)
	}
	vector := func(s kb.Store, text string) []string {
		t.Helper()
		v, err := next.EmbedQuery(ctx, text)
		if err != nil {
			t.Fatal(err)
		}
		ms, err := s.SearchVector(ctx, kb.VectorQuery{Filter: kb.Filter{Lang: "it"}, Vector: v, Embedder: next.Name(), Limit: 10})
		if err != nil {
			t.Fatalf("SearchVector: %v", err)
		}
		return matchIDs(ms)
	}
	if got := vector(s, "Come richiedo il passaporto?"); len(got) != 0 {
		t.Errorf("vector search before re-embedding = %v; want nothing (the stored vectors are the old model's)", got)
	}
	v, _ := old.EmbedQuery(ctx, "passaporto")
	if _, err := s.SearchVector(ctx, kb.VectorQuery{Filter: kb.Filter{Lang: "it"}, Vector: v, Embedder: old.Name(), Limit: 10}); !errors.Is(err, kb.ErrInvalid) {
		t.Errorf("a query vector of the old model: err = %v; want ErrInvalid", err)
	}
	// Lexical search does not depend on the embedder.
	if ms, err := s.SearchLexical(ctx, kb.LexicalQuery{Filter: kb.Filter{Lang: "it"}, Terms: []string{"passaport"}, Limit: 5}); err != nil || len(ms) != 1 {
		t.Errorf("lexical search before re-embedding = %v, %v; want pass", ms, err)
	}

	// Interrupted after its first batch of two, Reembed keeps those two.
	stop, cancel := context.WithCancel(ctx)
	var calls [][2]int
	done, err := s.Reembed(stop, 2, func(done, total int) {
		calls = append(calls, [2]int{done, total})
		cancel()
	})
	cancel()
	if err == nil || done != 2 || !slices.Equal(calls, [][2]int{{2, variants}}) {
		t.Fatalf("interrupted Reembed = %d, %v, progress %v; want 2 done, an error, progress [[2 %d]]", done, err, calls, variants)
	}
	if stale, _, err := s.StaleVectors(ctx); err != nil || stale != variants-2 {
		t.Errorf("StaleVectors after the interruption = %d, %v; want %d", stale, err, variants-2)
	}
	if got := vector(s, "Come richiedo il passaporto?"); len(got) > 2 {
		t.Errorf("vector search halfway = %v; want at most the two re-embedded variants' entries", got)
	}
	s.Close()

	// Run again (in a new process, say), it does the rest.
	s = reopen(t, next)
	defer s.Close()
	calls = nil
	done, err = s.Reembed(ctx, 2, func(done, total int) { calls = append(calls, [2]int{done, total}) })
	if err != nil || done != variants-2 || len(calls) == 0 || calls[len(calls)-1] != [2]int{variants - 2, variants - 2} {
		t.Fatalf("resumed Reembed = %d, %v, progress %v; want %d done", done, err, calls, variants-2)
	}
	if stale, _, err := s.StaleVectors(ctx); err != nil || stale != 0 {
		t.Errorf("StaleVectors after re-embedding = %d, %v; want 0", stale, err)
	}
	if got := vector(s, "Come richiedo il passaporto?"); len(got) != len(entries) || got[0] != "pass" {
		t.Errorf("vector search after re-embedding = %v; want all %d entries, pass first", got, len(entries))
	}
	if done, err := s.Reembed(ctx, 2, nil); err != nil || done != 0 {
		t.Errorf("Reembed with nothing stale = %d, %v; want 0", done, err)
	}
}
