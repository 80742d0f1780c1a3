package sqlite_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/kbtest"
	"github.com/sportello/sportello/kb/sqlite"
)

var listBenchN = flag.Int("list-bench-n", 50_000, "entries in BenchmarkListEntries' knowledge base")

// BenchmarkListEntries times the editors' entry list on a generated
// knowledge base (50,000 entries × 9 languages by default). The base is
// imported once and kept in the temporary folder between runs.
func BenchmarkListEntries(b *testing.B) {
	n := *listBenchN
	path := filepath.Join(os.TempDir(), "sportello-listbench-"+strconv.Itoa(n)+".db")
	e := kb.NewHashEmbedder(0)
	_, err := os.Stat(path)
	fresh := os.IsNotExist(err)
	s, err := sqlite.Open(context.Background(), path, e)
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
	kbtest.BenchListEntries(b, s, n)
}
