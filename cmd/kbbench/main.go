// Command kbbench measures the knowledge base at scale: it generates a
// synthetic knowledge base of N entries in every language from the demo
// content's vocabulary (kb/kbgen), imports it into a fresh embedded store,
// and times retrieval of perturbed questions. It reports import
// throughput, retrieval latency percentiles and the process's peak memory,
// as Markdown table rows. `make bench` runs it; docs/benchmarks.md records
// its output.
//
// With -db URL (an empty PostgreSQL database) or -pgtemp (a throwaway
// cluster started for the run) it measures the embedded store and the
// PostgreSQL store side by side, in one run: the same knowledge base,
// imported into each (into PostgreSQL with COPY), and the same questions,
// asked of one store and then of the other, so that both see the same
// machine. It also reports how often the two stores put the same entry
// first, and the recall@10 of PostgreSQL's HNSW index against exact
// search, at the store's ef_search and (-efsearch) at other values.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	neturl "net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
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

type options struct {
	entries, queries, recall, batch int
	seed                            uint64
	header                          bool
	cpuProfile, db                  string
	pgTemp                          bool
	efSearch                        []int // further hnsw.ef_search values to measure recall at
}

func main() {
	var o options
	flag.IntVar(&o.entries, "entries", 1000, "entries to generate (each in every demo language)")
	flag.IntVar(&o.queries, "queries", 2000, "retrieval queries to time")
	flag.Uint64Var(&o.seed, "seed", 1, "random seed")
	flag.BoolVar(&o.header, "header", false, "print the table header first")
	flag.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the retrieval phase to this file")
	flag.StringVar(&o.db, "db", "", "also benchmark the PostgreSQL store, in this empty database (postgres://…)")
	flag.BoolVar(&o.pgTemp, "pgtemp", false, "also benchmark the PostgreSQL store, in a throwaway cluster started for the run")
	flag.IntVar(&o.recall, "recall", 500, "with PostgreSQL, queries on which to measure HNSW recall@10 against exact search")
	flag.IntVar(&o.batch, "batch", 0, "import in batches of this many entries (0: all in one import)")
	flag.Func("efsearch", "with PostgreSQL, also measure HNSW recall@10 at these hnsw.ef_search values (comma-separated)", func(v string) error {
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 1 || n > 1000 {
				return fmt.Errorf("%q is not an ef_search value (1 to 1000)", f)
			}
			o.efSearch = append(o.efSearch, n)
		}
		return nil
	})
	flag.Parse()
	if o.db != "" && o.pgTemp {
		fmt.Fprintln(os.Stderr, "kbbench: -db and -pgtemp exclude each other")
		os.Exit(2)
	}
	// An interrupt cancels the run, so that a -pgtemp cluster is stopped.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "kbbench:", err)
		os.Exit(1)
	}
}

// target is one store under measurement.
type target struct {
	name   string
	store  kb.Store
	pg     *postgres.Store // nil for the embedded store
	url    string          // the PostgreSQL database's
	r      *kb.Retriever
	imp    time.Duration
	lat    []time.Duration
	found  int
	first  []string // the top entry of each query
	recall float64
	size   int64 // bytes on disk
}

func run(ctx context.Context, o options) error {
	rng := rand.New(rand.NewPCG(o.seed, o.seed^0x5eed))
	base, err := demo.Entries()
	if err != nil {
		return err
	}
	vocab := kbgen.Vocabulary(base)
	entries := kbgen.Generate(rng, vocab, o.entries)
	embedder := kb.NewHashEmbedder(0)

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
	targets := []*target{{name: "embedded (SQLite)", store: lite}}
	if o.db != "" || o.pgTemp {
		url := o.db
		if o.pgTemp {
			admin, stop, err := pgtest.StartCluster()
			if err != nil {
				return err
			}
			defer stop()
			if url, err = createDatabase(ctx, admin, "kbbench"); err != nil {
				return err
			}
		}
		pg, err := postgres.Open(ctx, url, embedder)
		if err != nil {
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
		targets = append(targets, &target{name: "PostgreSQL + pgvector HNSW", store: pg, pg: pg, url: url})
	}

	variants := 0
	for _, e := range entries {
		variants += len(e.Variants)
	}
	batch := o.batch
	if batch <= 0 {
		batch = len(entries)
	}
	for _, t := range targets {
		start := time.Now()
		for i := 0; i < len(entries); i += batch {
			// Both stores get the same entries: an import only sets the
			// fields a store manages (revision, timestamps).
			if _, err := t.store.Import(ctx, entries[i:min(i+batch, len(entries))], kb.ImportOptions{}); err != nil {
				return fmt.Errorf("%s: import: %w", t.name, err)
			}
		}
		t.imp = time.Since(start)
		if t.pg != nil {
			// What a database that has been running a while has: planner
			// statistics and a visibility map.
			if _, err := t.pg.Pool().Exec(ctx, `VACUUM ANALYZE`); err != nil {
				return err
			}
		}
		runtime.GC()
	}
	qs := kbgen.Queries(rng, entries, o.queries)
	entries = nil
	runtime.GC()
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)

	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	for _, t := range targets {
		t.r = &kb.Retriever{Store: t.store}
		t.lat = make([]time.Duration, 0, len(qs))
	}
	// Each question goes to every store in turn, the first store changing
	// from one question to the next, so that a busy moment of the machine
	// falls on all of them alike.
	for i, q := range qs {
		for j := range targets {
			t := targets[(i+j)%len(targets)]
			start := time.Now()
			hits, err := t.r.Search(ctx, kb.Query{Text: q.Text, Filter: kb.Filter{Lang: q.Lang}, Limit: 5})
			if err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
			t.lat = append(t.lat, time.Since(start))
			top := ""
			if len(hits) > 0 {
				top = hits[0].Entry.ID
			}
			t.first = append(t.first, top)
			if top == q.Want {
				t.found++
			}
		}
	}
	pprof.StopCPUProfile()

	for _, t := range targets {
		slices.Sort(t.lat)
		if t.pg == nil {
			if fi, err := os.Stat(filepath.Join(dir, "bench.db")); err == nil {
				t.size = fi.Size()
			}
			continue
		}
		var ef string
		if err := t.pg.Pool().QueryRow(ctx, `SHOW hnsw.ef_search`).Scan(&ef); err != nil {
			return err
		}
		// The same searches through stores whose connections set another
		// ef_search, to show what it trades.
		stores := []*postgres.Store{t.pg}
		for _, n := range o.efSearch {
			u, err := withParam(t.url, "hnsw.ef_search", strconv.Itoa(n))
			if err != nil {
				return err
			}
			s, err := postgres.Open(ctx, u, embedder)
			if err != nil {
				return err
			}
			defer s.Close()
			stores = append(stores, s)
		}
		rs, err := hnswRecall(ctx, stores, qs[:min(o.recall, len(qs))], 10)
		if err != nil {
			return err
		}
		t.recall = rs[0].recall
		fmt.Fprintf(os.Stderr, "kbbench: HNSW recall@10 at the store's ef_search (%s): %.3f, vector search mean %.2f ms (exact: %.2f ms)\n",
			ef, rs[0].recall, ms(rs[0].mean), ms(rs[0].exact))
		for i, n := range o.efSearch {
			r := rs[i+1]
			fmt.Fprintf(os.Stderr, "kbbench: HNSW recall@10 at ef_search %d: %.3f, vector search mean %.2f ms\n", n, r.recall, ms(r.mean))
		}
		if err := t.pg.Pool().QueryRow(ctx, `SELECT pg_database_size(current_database())`).Scan(&t.size); err != nil {
			return err
		}
		// The recall means something only if searches used the index.
		var scans int64
		if err := t.pg.Pool().QueryRow(ctx, `SELECT coalesce(sum(idx_scan), 0) FROM pg_stat_user_indexes
			WHERE starts_with(indexrelname, 'variants_hnsw_')`).Scan(&scans); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "kbbench: %d scans of the HNSW indexes\n", scans)
	}
	if o.header {
		fmt.Println("| store | entries | languages | variants | import | import rate | retrieval p50 | retrieval p95 | retrieval p99 | top-1 on perturbed questions | same top-1 as embedded | HNSW recall@10 | on disk | Go heap after load | peak RSS |")
		fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	}
	for _, t := range targets {
		same, recall := "", ""
		if t.pg != nil {
			agree := 0
			for i, id := range t.first {
				if id == targets[0].first[i] {
					agree++
				}
			}
			same = fmt.Sprintf("%.1f%%", 100*float64(agree)/float64(len(qs)))
			recall = fmt.Sprintf("%.3f", t.recall)
		}
		fmt.Printf("| %s | %d | %d | %d | %.1f s | %.0f variants/s | %.2f ms | %.2f ms | %.2f ms | %.1f%% | %s | %s | %.0f MiB | %.0f MiB | %s |\n",
			t.name, o.entries, len(vocab), variants, t.imp.Seconds(), float64(variants)/t.imp.Seconds(),
			ms(pct(t.lat, 0.50)), ms(pct(t.lat, 0.95)), ms(pct(t.lat, 0.99)), 100*float64(t.found)/float64(len(qs)),
			same, recall, float64(t.size)/(1<<20), float64(mem.HeapAlloc)/(1<<20), peakRSS())
	}
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

// withParam returns the PostgreSQL URL u with a run-time parameter set
// for its connections (pgx passes unknown URL parameters to the server).
func withParam(u, name, value string) (string, error) {
	pu, err := neturl.Parse(u)
	if err != nil {
		return "", fmt.Errorf("database URL: %w", err)
	}
	q := pu.Query()
	q.Set(name, value)
	pu.RawQuery = q.Encode()
	return pu.String(), nil
}

// recallResult is the recall of one store's vector search, and its mean
// latency (and that of the exact search, for the first store).
type recallResult struct {
	recall      float64
	mean, exact time.Duration
}

// hnswRecall measures, for each store, the mean recall@k of its vector
// search (the HNSW index, at the ef_search of its connections) against
// the same search done exactly by the first, over the queries' embedded
// texts.
func hnswRecall(ctx context.Context, stores []*postgres.Store, qs []kbgen.Query, k int) ([]recallResult, error) {
	e := stores[0].Embedder()
	out := make([]recallResult, len(stores))
	var took time.Duration
	n := 0
	for _, q := range qs {
		v, err := e.EmbedQuery(ctx, q.Text)
		if err != nil {
			return nil, err
		}
		vq := kb.VectorQuery{Filter: kb.Filter{Lang: q.Lang}, Vector: v, Embedder: e.Name(), Limit: k}
		start := time.Now()
		exact, err := stores[0].SearchVectorExact(ctx, vq)
		if err != nil {
			return nil, err
		}
		took += time.Since(start)
		if len(exact) == 0 {
			continue
		}
		n++
		for i, s := range stores {
			start := time.Now()
			approx, err := s.SearchVector(ctx, vq)
			if err != nil {
				return nil, err
			}
			out[i].mean += time.Since(start)
			hit := 0
			for _, m := range approx {
				if slices.ContainsFunc(exact, func(x kb.Match) bool { return x.EntryID == m.EntryID }) {
					hit++
				}
			}
			out[i].recall += float64(hit) / float64(len(exact))
		}
	}
	if n == 0 {
		return out, nil
	}
	for i := range out {
		out[i].recall /= float64(n)
		out[i].mean /= time.Duration(n)
	}
	out[0].exact = took / time.Duration(len(qs))
	return out, nil
}
