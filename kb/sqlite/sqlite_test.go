package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/kbtest"
	"github.com/sportello/sportello/kb/sqlite"
)

func open(t *testing.T, path string, e kb.Embedder) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path, e)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

func TestContract(t *testing.T) {
	kbtest.Run(t, func(t *testing.T) kb.Store {
		return open(t, filepath.Join(t.TempDir(), "kb.db"), kb.NewHashEmbedder(0))
	})
}

// TestReopen checks that entries, revisions and vectors survive a restart,
// and that changing the embedder re-embeds instead of mixing vectors.
func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	s := open(t, path, kb.NewHashEmbedder(64))
	kbtest.MustImport(t, s, kbtest.Entry("cie", "Come rinnovo la carta d'identità?", "All'Anagrafe."))
	s.Close()

	for _, dim := range []int{64, 128} {
		e := kb.NewHashEmbedder(dim)
		s = open(t, path, e)
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

func TestReembed(t *testing.T) {
	defer sqlite.SetAutoReembed(0)()
	path := filepath.Join(t.TempDir(), "kb.db")
	kbtest.RunReembed(t, func(t *testing.T, e kb.Embedder) kbtest.Reembedder { return open(t, path, e) })
}
