package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/kbtest"
	"github.com/sportello/sportello/kb/sqlite"
)

func TestCoverageContract(t *testing.T) {
	kbtest.RunCoverage(t, func(t *testing.T) kb.Store {
		return open(t, filepath.Join(t.TempDir(), "kb.db"), kb.NewHashEmbedder(0))
	})
}

// BenchmarkCountCoverage times the translation matrix's totals on the
// knowledge base of BenchmarkListEntries (50,000 entries × 9 languages
// by default), kept in the temporary folder between runs.
func BenchmarkCountCoverage(b *testing.B) {
	n := *listBenchN
	path := filepath.Join(os.TempDir(), "sportello-listbench-"+strconv.Itoa(n)+".db")
	_, err := os.Stat(path)
	fresh := os.IsNotExist(err)
	s, err := sqlite.Open(context.Background(), path, kb.NewHashEmbedder(0))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if fresh {
		es := kbtest.ListBenchEntries(b, n)
		for i := 0; i < len(es); i += 5000 {
			if _, err := s.Import(context.Background(), es[i:min(i+5000, len(es))], kb.ImportOptions{By: "bench"}); err != nil {
				os.Remove(path)
				b.Fatal(err)
			}
		}
	}
	kbtest.BenchCountCoverage(b, s, n)
}
