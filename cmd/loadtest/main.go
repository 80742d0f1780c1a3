// Command loadtest measures chat turns over HTTP on loopback: concurrent
// clients post citizens' questions to Sportello's JSON API and it reports
// the turns per second, the latency percentiles, the errors, the mix of
// decisions and the server's memory.
//
// By default it starts the server in-process, as `sportello serve` wires
// it, on a knowledge base of the demo entries plus -entries synthetic
// ones in nine languages (kb/kbgen, the generator of cmd/kbbench), kept
// in -db so a second run skips the import. With -url it loads a server
// started separately instead (whose rate limits must allow the load).
//
// The run is bounded by -duration and -turns. With -rate it is open
// loop: turns start on a fixed schedule and a turn's latency counts from
// its scheduled start, so a server that falls behind shows it in the
// percentiles rather than by slowing the clients down. Without -rate
// every client posts its next turn as soon as its last is answered.
//
// `make bench` runs it; docs/benchmarks.md records its output.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/sportello/sportello/chat"
	chatsqlite "github.com/sportello/sportello/chat/sqlite"
	"github.com/sportello/sportello/i18n"
	"github.com/sportello/sportello/i18n/langid"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/demo"
	"github.com/sportello/sportello/kb/kbgen"
	"github.com/sportello/sportello/kb/sqlite"
	"github.com/sportello/sportello/web"
)

// options are the command's flags.
type options struct {
	entries  int
	db       string
	url      string
	api      string
	clients  int
	rate     float64
	duration time.Duration
	warmup   time.Duration
	turns    int
	perConv  int
	seed     uint64
	header   bool
	profile  string
}

func main() {
	var o options
	flag.IntVar(&o.entries, "entries", 50000, "synthetic entries besides the demo ones, each in nine languages (in-process server only)")
	flag.StringVar(&o.db, "db", "", "SQLite file of the knowledge base: reused when it exists, else built and kept (default: a temporary file)")
	flag.StringVar(&o.url, "url", "", "load a running server at this base URL instead of starting one")
	flag.StringVar(&o.api, "api", "ask", "what a turn is: ask (POST /api/v1/ask) or conversations (POST /api/v1/conversations/{id}/messages)")
	flag.IntVar(&o.clients, "clients", 16, "concurrent clients")
	flag.Float64Var(&o.rate, "rate", 0, "turns per second to start, open loop (0: each client as fast as it is answered)")
	flag.DurationVar(&o.duration, "duration", 30*time.Second, "how long to measure, after the warm-up")
	flag.DurationVar(&o.warmup, "warmup", 5*time.Second, "load before measuring, not counted")
	flag.IntVar(&o.turns, "turns", 0, "stop after this many measured turns (0: no bound but -duration)")
	flag.IntVar(&o.perConv, "per-conversation", 4, "with -api conversations, messages per conversation before a client opens a new one")
	flag.Uint64Var(&o.seed, "seed", 1, "random seed of the knowledge base and the questions")
	flag.BoolVar(&o.header, "header", false, "print the table header first")
	flag.StringVar(&o.profile, "cpuprofile", "", "write a CPU profile of the measured period to this file (in-process server and clients)")
	flag.Parse()
	if err := o.validate(); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func (o options) validate() error {
	switch {
	case o.api != "ask" && o.api != "conversations":
		return fmt.Errorf("-api %q: want ask or conversations", o.api)
	case o.clients < 1 || o.clients > 10000:
		return fmt.Errorf("-clients %d: want 1 to 10000", o.clients)
	case o.rate < 0:
		return fmt.Errorf("-rate %v: want 0 (closed loop) or more", o.rate)
	case o.duration <= 0:
		return fmt.Errorf("-duration %v: want more than 0", o.duration)
	case o.entries < 0:
		return fmt.Errorf("-entries %d: want 0 or more", o.entries)
	case o.perConv < 1:
		return fmt.Errorf("-per-conversation %d: want 1 or more", o.perConv)
	case o.url != "" && o.db != "":
		return errors.New("-url and -db exclude each other: the knowledge base is the running server's")
	}
	return nil
}

func run(ctx context.Context, o options) error {
	var qs []question
	base := strings.TrimSuffix(o.url, "/")
	entries := 0
	if base == "" {
		srv, err := startServer(ctx, o)
		if err != nil {
			return err
		}
		defer srv.close()
		base, qs, entries = srv.url, srv.questions, srv.entries
	} else {
		// A separate server's knowledge base is unknown: ask the demo
		// questions, which `sportello serve` loads by default.
		d, err := demo.Entries()
		if err != nil {
			return err
		}
		qs = demoQuestions(d)
	}
	fmt.Fprintf(os.Stderr, "loadtest: %d questions, %d clients, %s against %s\n", len(qs), o.clients, o.api, base)
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: o.clients, MaxIdleConns: o.clients, DisableCompression: true},
	}
	before, err := scrape(ctx, client, base)
	if err != nil {
		fmt.Fprintf(os.Stderr, "loadtest: no server metrics (%v): memory and CPU are not reported\n", err)
	}
	res := load(ctx, o, client, base, qs)
	after, _ := scrape(ctx, client, base)
	res.report(os.Stdout, o, entries, before, after)
	if res.errors > 0 {
		return fmt.Errorf("%d of %d turns failed; first: %s", res.errors, res.errors+len(res.lat), res.firstErr)
	}
	return nil
}

// question is one citizen's message in a language.
type question struct{ lang, text string }

// demoQuestions are the demo entries' questions and alternate phrasings
// in every language: messages that get real answers.
func demoQuestions(entries []*kb.Entry) []question {
	var qs []question
	for _, e := range entries {
		for _, l := range e.Languages() {
			v := e.Variants[l]
			qs = append(qs, question{l, v.Question})
			for _, a := range v.Alternates {
				qs = append(qs, question{l, a})
			}
		}
	}
	return qs
}

// inProcess is the server the command starts.
type inProcess struct {
	url       string
	questions []question
	entries   int
	close     func()
}

// startServer opens (or builds) the knowledge base and serves it as
// `sportello serve` does, without rate limits, on a loopback port.
func startServer(ctx context.Context, o options) (*inProcess, error) {
	path, cleanup := o.db, func() {}
	if path == "" {
		dir, err := os.MkdirTemp("", "loadtest-")
		if err != nil {
			return nil, err
		}
		path, cleanup = filepath.Join(dir, "kb.db"), func() { os.RemoveAll(dir) }
	}
	fail := func(err error) (*inProcess, error) {
		cleanup()
		return nil, err
	}
	st, err := sqlite.Open(ctx, path, kb.NewHashEmbedder(0))
	if err != nil {
		return fail(err)
	}
	base, err := demo.Entries()
	if err != nil {
		st.Close()
		return fail(err)
	}
	// The generated questions are made again from the seed; the entries'
	// text is dropped before the load starts.
	rng := rand.New(rand.NewPCG(o.seed, o.seed^0x5eed))
	generated := kbgen.Generate(rng, kbgen.Vocabulary(base), o.entries)
	all := append(slices.Clone(base), generated...)
	slices.SortFunc(all, func(a, b *kb.Entry) int { return strings.Compare(a.ID, b.ID) })
	demoHave, err := st.List(ctx, kb.ListFilter{Agency: base[0].Agency})
	if err != nil {
		st.Close()
		return fail(err)
	}
	switch {
	case len(demoHave) == 0:
		start := time.Now()
		const batch = 5000
		for i := 0; i < len(all); i += batch {
			if _, err := st.Import(ctx, all[i:min(i+batch, len(all))], kb.ImportOptions{By: "loadtest"}); err != nil {
				st.Close()
				return fail(fmt.Errorf("importing the knowledge base: %w", err))
			}
			fmt.Fprintf(os.Stderr, "\rloadtest: imported %d of %d entries", min(i+batch, len(all)), len(all))
		}
		fmt.Fprintf(os.Stderr, " in %s\n", time.Since(start).Round(time.Second))
	default:
		// A kept knowledge base must be the one these flags make: its last
		// generated entry, and no further one.
		if err := sameSize(ctx, st, o.entries); err != nil {
			st.Close()
			return fail(fmt.Errorf("%s: %w; remove it or give the -entries it was made with", path, err))
		}
	}
	// Three of four questions are perturbed synthetic ones, as kbbench
	// asks them; the rest the demo's own phrasings.
	var qs []question
	if o.entries > 0 {
		for _, q := range kbgen.Queries(rng, generated, 30000) {
			qs = append(qs, question{q.Lang, q.Text})
		}
	}
	demoQs := demoQuestions(base)
	for len(qs) < 40000 {
		qs = append(qs, demoQs...)
		if o.entries == 0 {
			break
		}
	}
	rand.New(rand.NewPCG(o.seed, 7)).Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	// As `sportello serve`, the detector learns from the first 2,000
	// entries in id order, which is the order the store lists them in.
	engine, err := newEngine(st, all[:min(len(all), 2000)])
	generated, all = nil, nil
	if err != nil {
		st.Close()
		return fail(err)
	}
	runtime.GC()
	debug.FreeOSMemory()
	// Conversations are stored beside the knowledge base, as `sportello
	// serve` keeps them.
	conv, err := chatsqlite.New(ctx, st.DB())
	if err != nil {
		st.Close()
		return fail(err)
	}
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	svc := &chat.Service{Engine: engine, Store: conv, Log: log}
	broker := web.NewLocalBroker()
	svc.Notify = broker.Publish
	srv := &web.Server{
		Service:    svc,
		Broker:     broker,
		Engine:     engine,
		Log:        log,
		Messages:   engine.Messages,
		Metrics:    web.NewMetrics(),
		Protection: web.Protection{Unlimited: true},
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		st.Close()
		return fail(err)
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	hs.RegisterOnShutdown(srv.StopStreams)
	go hs.Serve(ln)
	return &inProcess{
		url: "http://" + ln.Addr().String(), questions: qs, entries: o.entries + len(base),
		close: func() {
			shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			hs.Shutdown(shutdown)
			st.Close()
			cleanup()
		},
	}, nil
}

// sameSize checks that st holds exactly n generated entries.
func sameSize(ctx context.Context, st kb.Store, n int) error {
	if n > 0 {
		if _, err := st.Get(ctx, fmt.Sprintf("gen-%06d", n-1)); err != nil {
			return fmt.Errorf("it holds fewer than %d generated entries", n)
		}
	}
	if _, err := st.Get(ctx, fmt.Sprintf("gen-%06d", n)); !errors.Is(err, kb.ErrNotFound) {
		return fmt.Errorf("it holds more than %d generated entries", n)
	}
	return nil
}

// newEngine builds the engine as cmd/sportello does: the embedded
// catalog, and a language detector adapted on training's entries.
func newEngine(st kb.Store, training []*kb.Entry) (*chat.Engine, error) {
	cat, err := i18n.Load()
	if err != nil {
		return nil, err
	}
	det, err := langid.New(kb.DefaultLanguages)
	if err != nil {
		return nil, err
	}
	for _, e := range training {
		for lang, v := range e.Variants {
			det.Train(lang, v.Question+"\n"+v.Answer)
			for _, alt := range v.Alternates {
				det.Train(lang, alt)
			}
		}
	}
	// The detector compiles its tables at the first message after
	// training: here, not in the first measured turn.
	det.Detect("Sportello")
	return &chat.Engine{
		Retriever: &kb.Retriever{Store: st}, Detector: det, Messages: cat,
		Languages: kb.DefaultLanguages, DefaultLanguage: "it", Thresholds: chat.DefaultThresholds,
	}, nil
}

// result is what the clients measured.
type result struct {
	lat       []time.Duration
	decisions map[string]int
	errors    int
	firstErr  string
	elapsed   time.Duration
}

// load runs the clients: warm-up first, then the measured period.
func load(ctx context.Context, o options, client *http.Client, base string, qs []question) *result {
	var next atomic.Int64
	measuring := atomic.Bool{}
	var mu sync.Mutex
	res := &result{decisions: map[string]int{}}
	record := func(lat time.Duration, kind string, err error) (stop bool) {
		if !measuring.Load() {
			return false
		}
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			res.errors++
			if res.firstErr == "" {
				res.firstErr = err.Error()
			}
		} else {
			res.lat = append(res.lat, lat)
			res.decisions[kind]++
		}
		return o.turns > 0 && len(res.lat)+res.errors >= o.turns
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Open loop: a ticker hands out scheduled start times; closed loop:
	// every client starts its next turn at once.
	var schedule chan time.Time
	if o.rate > 0 {
		schedule = make(chan time.Time, o.clients)
		go func() {
			interval := time.Duration(float64(time.Second) / o.rate)
			at := time.Now()
			for {
				at = at.Add(interval)
				time.Sleep(time.Until(at))
				select {
				case schedule <- at:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	var wg sync.WaitGroup
	for c := range o.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cl := &turnClient{http: client, base: base, api: o.api, perConv: o.perConv, id: c}
			for ctx.Err() == nil {
				start := time.Now()
				if schedule != nil {
					select {
					case start = <-schedule:
					case <-ctx.Done():
						return
					}
				}
				q := qs[int(next.Add(1))%len(qs)]
				kind, err := cl.turn(ctx, q)
				if ctx.Err() != nil {
					return
				}
				if record(time.Since(start), kind, err) {
					cancel()
				}
			}
		}()
	}
	select {
	case <-time.After(o.warmup):
	case <-ctx.Done():
	}
	measuring.Store(true)
	if o.profile != "" {
		if f, err := os.Create(o.profile); err != nil {
			fmt.Fprintln(os.Stderr, "loadtest:", err)
		} else if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "loadtest:", err)
			f.Close()
		} else {
			defer f.Close()
			defer pprof.StopCPUProfile()
		}
	}
	begin := time.Now()
	select {
	case <-time.After(o.duration):
	case <-ctx.Done():
	}
	measuring.Store(false)
	res.elapsed = time.Since(begin)
	cancel()
	wg.Wait()
	return res
}

// turnClient is one citizen's client, with its conversation.
type turnClient struct {
	http    *http.Client
	base    string
	api     string
	perConv int
	id      int
	conv    string
	sent    int
}

// turn posts one message and returns the kind of the reply.
func (c *turnClient) turn(ctx context.Context, q question) (string, error) {
	if c.api == "ask" {
		var resp struct {
			Decision string `json:"decision"`
		}
		if err := c.post(ctx, "/api/v1/ask", map[string]string{"text": q.text, "lang": q.lang}, http.StatusOK, &resp); err != nil {
			return "", err
		}
		return resp.Decision, nil
	}
	if c.conv == "" || c.sent >= c.perConv {
		var conv struct {
			ID string `json:"id"`
		}
		if err := c.post(ctx, "/api/v1/conversations", map[string]string{"lang": q.lang, "channel": "loadtest"}, http.StatusCreated, &conv); err != nil {
			return "", err
		}
		c.conv, c.sent = conv.ID, 0
	}
	c.sent++
	var resp struct {
		Reply *struct {
			Decision *struct {
				Kind string `json:"kind"`
			} `json:"decision"`
		} `json:"reply"`
	}
	if err := c.post(ctx, "/api/v1/conversations/"+c.conv+"/messages", map[string]string{"text": q.text}, http.StatusCreated, &resp); err != nil {
		return "", err
	}
	if resp.Reply == nil || resp.Reply.Decision == nil {
		return "none", nil
	}
	return resp.Reply.Decision.Kind, nil
}

func (c *turnClient) post(ctx context.Context, path string, body any, want int, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, "POST", c.base+path, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != want {
		return fmt.Errorf("POST %s: %s: %.200s", path, resp.Status, data)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("POST %s: %w", path, err)
	}
	return nil
}

// serverStats are the server's own figures from /metrics.
type serverStats struct {
	rss, heap, cpu float64
}

func scrape(ctx context.Context, client *http.Client, base string) (*serverStats, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/metrics", nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET /metrics: %s", resp.Status)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		return nil, err
	}
	value := func(name string) float64 {
		f := fams[name]
		if f == nil || len(f.GetMetric()) == 0 {
			return 0
		}
		m := f.GetMetric()[0]
		if m.GetGauge() != nil {
			return m.GetGauge().GetValue()
		}
		return m.GetCounter().GetValue()
	}
	return &serverStats{rss: value("process_resident_memory_bytes"), heap: value("go_memstats_heap_alloc_bytes"), cpu: value("process_cpu_seconds_total")}, nil
}

func (r *result) report(w io.Writer, o options, entries int, before, after *serverStats) {
	slices.Sort(r.lat)
	n := len(r.lat)
	rate := float64(n) / r.elapsed.Seconds()
	pct := func(p float64) string {
		if n == 0 {
			return "n/a"
		}
		return fmt.Sprintf("%.1f ms", float64(r.lat[min(n-1, int(p*float64(n)))])/float64(time.Millisecond))
	}
	var mix []string
	kinds := make([]string, 0, len(r.decisions))
	for k := range r.decisions {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		mix = append(mix, fmt.Sprintf("%s %.0f%%", k, 100*float64(r.decisions[k])/float64(max(1, n))))
	}
	load := "closed loop"
	if o.rate > 0 {
		load = fmt.Sprintf("%.0f/s open loop", o.rate)
	}
	mem, cpu := "n/a", "n/a"
	if before != nil && after != nil {
		mem = fmt.Sprintf("%.0f MiB / %.0f MiB", after.heap/(1<<20), after.rss/(1<<20))
		if n > 0 {
			cpu = fmt.Sprintf("%.2f ms", 1000*(after.cpu-before.cpu)/float64(n))
		}
	}
	if o.header {
		fmt.Fprintln(w, "| API | entries × languages | clients | load | turns | turns/s | p50 | p95 | p99 | max | errors | decisions | CPU per turn | heap / RSS |")
		fmt.Fprintln(w, "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|")
	}
	maxLat := "n/a"
	if n > 0 {
		maxLat = fmt.Sprintf("%.1f ms", float64(r.lat[n-1])/float64(time.Millisecond))
	}
	kbSize := "server's"
	if o.url == "" {
		kbSize = fmt.Sprintf("%d × 9", entries)
	}
	fmt.Fprintf(w, "| %s | %s | %d | %s | %d | %.0f | %s | %s | %s | %s | %d | %s | %s | %s |\n",
		o.api, kbSize, o.clients, load, n, rate, pct(0.50), pct(0.95), pct(0.99), maxLat, r.errors, strings.Join(mix, ", "), cpu, mem)
}
