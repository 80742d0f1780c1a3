package postgres_test

import (
	"context"
	"flag"
	"testing"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/kbtest"
	"github.com/sportello/sportello/kb/postgres"
	"github.com/sportello/sportello/kb/postgres/pgtest"
)

var listBenchN = flag.Int("list-bench-n", 50_000, "entries in BenchmarkListEntries' knowledge base")

// BenchmarkListEntries times the editors' entry list on a generated
// knowledge base (50,000 entries × 9 languages by default) in a fresh
// database of the test cluster.
func BenchmarkListEntries(b *testing.B) {
	pgtest.MustStart(b)
	s, err := postgres.Open(context.Background(), pgtest.NewDatabase(b), kb.NewHashEmbedder(0))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	es := kbtest.ListBenchEntries(b, *listBenchN)
	for i := 0; i < len(es); i += 5000 {
		if _, err := s.Import(context.Background(), es[i:min(i+5000, len(es))], kb.ImportOptions{By: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
	kbtest.BenchListEntries(b, s, *listBenchN)
}
