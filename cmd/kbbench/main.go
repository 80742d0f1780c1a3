// Command kbbench measures the knowledge base at scale: it generates a
// synthetic knowledge base of N entries in every language from the demo
// content's vocabulary, imports it into a fresh embedded store, and times
// retrieval of perturbed questions. It reports import throughput, retrieval
// latency percentiles and the process's peak memory, as a Markdown table
// row. `make bench` runs it; docs/benchmarks.md records its output.
//
// With -db URL it runs the same knowledge base and the same queries against
// the PostgreSQL store in that (empty) database instead; -pgtemp starts a
// throwaway PostgreSQL cluster for the run. Against PostgreSQL it also
// measures the recall@10 of the HNSW index against exact search.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/demo"
	"github.com/sportello/sportello/kb/kbgen"
	"github.com/sportello/sportello/kb/postgres"
	"github.com/sportello/sportello/kb/postgres/pgtest"
	"github.com/sportello/sportello/kb/sqlite"
)

func main() {
	n := flag.Int("entries", 1000, "entries to generate (each in every demo language)")
	queries := flag.Int("queries", 2000, "retrieval queries to time")
	seed := flag.Uint64("seed", 1, "random seed")
	header := flag.Bool("header", false, "print the table header first")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the retrieval phase to this file")
	flag.StringVar(&dbURL, "db", "", "benchmark the PostgreSQL store in this empty database (postgres://…) instead of the embedded one")
	flag.BoolVar(&pgTemp, "pgtemp", false, "benchmark the PostgreSQL store in a throwaway cluster started for the run")
	flag.IntVar(&recallQueries, "recall", 500, "with PostgreSQL, queries on which to measure HNSW recall@10 against exact search")
	flag.Parse()
	cpuProfile = *cpuprofile
	if dbURL != "" && pgTemp {
		fmt.Fprintln(os.Stderr, "kbbench: -db and -pgtemp exclude each other")
		os.Exit(2)
	}
	// An interrupt cancels the run, so that a -pgtemp cluster is stopped.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *n, *queries, *seed, *header); err != nil {
		fmt.Fprintln(os.Stderr, "kbbench:", err)
		os.Exit(1)
	}
}

var (
	cpuProfile    string
	dbURL         string
	pgTemp        bool
	recallQueries int
)

func run(ctx context.Context, n, queries int, seed uint64, header bool) error {
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	base, err := demo.Entries()
	if err != nil {
		return err
	}
	vocab := kbgen.Vocabulary(base)
	entries := kbgen.Generate(rng, vocab, n)
	embedder := kb.NewHashEmbedder(0)
	var st kb.Store
	var pg *postgres.Store
	if dbURL != "" || pgTemp {
		url := dbURL
		if pgTemp {
			admin, stop, err := pgtest.StartCluster()
			if err != nil {
				return err
			}
			defer stop()
			if url, err = createDatabase(ctx, admin, "kbbench"); err != nil {
				return err
			}
		}
		if pg, err = postgres.Open(ctx, url, embedder); err != nil {
			return err
		}
		defer pg.Close()
		var have int
		if err := pg.Pool().QueryRow(ctx, `SELECT count(*) FROM entries`).Scan(&have); err != nil {
			return err
		}
		if have > 0 {
			return fmt.Errorf("the database already holds %d entries; kbbench needs an empty one", have)
		}
		st = pg
	} else {
		dir, err := os.MkdirTemp("", "kbbench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		lite, err := sqlite.Open(ctx, filepath.Join(dir, "bench.db"), embedder)
		if err != nil {
			return err
		}
		defer lite.Close()
		st = lite
	}
	variants := 0
	for _, e := range entries {
		variants += len(e.Variants)
	}
	start := time.Now()
	// Import in batches, as an editor's large file would be split, so the
	// generated text can be released as it goes.
	const batch = 5000
	for i := 0; i < len(entries); i += batch {
		if _, err := st.Import(ctx, entries[i:min(i+batch, len(entries))], kb.ImportOptions{}); err != nil {
			return err
		}
	}
	importDur := time.Since(start)
	qs := kbgen.Queries(rng, entries, queries)
	entries = nil
	runtime.GC()
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	r := &kb.Retriever{Store: st}
	lat := make([]time.Duration, 0, len(qs))
	found := 0
	for _, q := range qs {
		t := time.Now()
		hits, err := r.Search(ctx, kb.Query{Text: q.Text, Filter: kb.Filter{Lang: q.Lang}, Limit: 5})
		if err != nil {
			return err
		}
		lat = append(lat, time.Since(t))
		if len(hits) > 0 && hits[0].Entry.ID == q.Want {
			found++
		}
	}
	slices.Sort(lat)
	if pg != nil {
		recall, err := hnswRecall(ctx, pg, qs[:min(recallQueries, len(qs))], 10)
		if err != nil {
			return err
		}
		var size int64
		if err := pg.Pool().QueryRow(ctx, `SELECT pg_database_size(current_database())`).Scan(&size); err != nil {
			return err
		}
		if header {
			fmt.Println("| entries | languages | variants | import | import rate | retrieval p50 | retrieval p95 | retrieval p99 | top-1 on perturbed questions | HNSW recall@10 | database size | Go heap after load | peak RSS |")
			fmt.Println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
		}
		fmt.Printf("| %d | %d | %d | %.1f s | %.0f variants/s | %.2f ms | %.2f ms | %.2f ms | %.1f%% | %.3f | %.0f MiB | %.0f MiB | %s |\n",
			n, len(vocab), variants, importDur.Seconds(), float64(variants)/importDur.Seconds(),
			ms(pct(lat, 0.50)), ms(pct(lat, 0.95)), ms(pct(lat, 0.99)), 100*float64(found)/float64(len(qs)),
			recall, float64(size)/(1<<20), float64(mem.HeapAlloc)/(1<<20), peakRSS())
		return nil
	}
	if header {
		fmt.Println("| entries | languages | variants | import | import rate | retrieval p50 | retrieval p95 | retrieval p99 | top-1 on perturbed questions | Go heap after load | peak RSS |")
		fmt.Println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	}
	fmt.Printf("| %d | %d | %d | %.1f s | %.0f variants/s | %.2f ms | %.2f ms | %.2f ms | %.1f%% | %.0f MiB | %s |\n",
		n, len(vocab), variants, importDur.Seconds(), float64(variants)/importDur.Seconds(),
		ms(pct(lat, 0.50)), ms(pct(lat, 0.95)), ms(pct(lat, 0.99)), 100*float64(found)/float64(len(qs)),
		float64(mem.HeapAlloc)/(1<<20), peakRSS())
	return nil
}

func pct(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(p*float64(len(sorted))))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// peakRSS reads the process's high-water resident memory from /proc.
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "n/a"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			var kbytes int
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:")), "%d", &kbytes)
			return fmt.Sprintf("%.0f MiB", float64(kbytes)/1024)
		}
	}
	return "n/a"
}

// createDatabase creates database name in the cluster whose postgres
// database admin is the URL of, and returns its URL.
func createDatabase(ctx context.Context, admin, name string) (string, error) {
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", fmt.Errorf("create database %s: %w", name, err)
	}
	return strings.Replace(admin, "/postgres?", "/"+name+"?", 1), nil
}

// hnswRecall is the mean recall@k of the store's vector search (the HNSW
// index, at the server's ef_search) against the same search done exactly,
// over the queries' embedded texts.
func hnswRecall(ctx context.Context, s *postgres.Store, qs []kbgen.Query, k int) (float64, error) {
	e := s.Embedder()
	var sum float64
	n := 0
	for _, q := range qs {
		v, err := e.EmbedQuery(ctx, q.Text)
		if err != nil {
			return 0, err
		}
		vq := kb.VectorQuery{Filter: kb.Filter{Lang: q.Lang}, Vector: v, Embedder: e.Name(), Limit: k}
		exact, err := s.SearchVectorExact(ctx, vq)
		if err != nil {
			return 0, err
		}
		if len(exact) == 0 {
			continue
		}
		approx, err := s.SearchVector(ctx, vq)
		if err != nil {
			return 0, err
		}
		hit := 0
		for _, m := range approx {
			if slices.ContainsFunc(exact, func(x kb.Match) bool { return x.EntryID == m.EntryID }) {
				hit++
			}
		}
		sum += float64(hit) / float64(len(exact))
		n++
	}
	if n == 0 {
		return 0, nil
	}
	return sum / float64(n), nil
}
