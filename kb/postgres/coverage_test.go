package postgres_test

import (
	"context"
	"testing"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/kbtest"
	"github.com/sportello/sportello/kb/postgres"
	"github.com/sportello/sportello/kb/postgres/pgtest"
)

func TestCoverageContract(t *testing.T) {
	pgtest.MustStart(t)
	kbtest.RunCoverage(t, func(t *testing.T) kb.Store {
		return open(t, pgtest.NewDatabase(t), kb.NewHashEmbedder(0))
	})
}

// BenchmarkCountCoverage times the translation matrix's totals on the
// knowledge base of BenchmarkListEntries (50,000 entries × 9 languages
// by default) in a fresh database of the test cluster.
func BenchmarkCountCoverage(b *testing.B) {
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
	kbtest.BenchCountCoverage(b, s, *listBenchN)
}
