// Command smsload measures the SMS short code end to end, against the
// fake SMSC: it starts telephony/smpp/smsctest on loopback and the SMS
// channel as `sportello serve` wires an SMPP gateway (the gateway
// configuration file, the connector bound as a transceiver, the channel
// storing every inbound message before processing it and deduplicating
// it by carrier id, the chat engine on the demo knowledge base in a
// SQLite file of a temporary folder, the durable outbox worker), and has
// the SMSC deliver citizens' messages to it. It reports how many
// messages a second were answered, the latency from the deliver_sm sent
// to the last part of the reply's submit_sm received, the replies lost
// and sent twice, the CPU time per message and the memory.
//
// The messages are the demo evaluation set's questions in the nine
// languages (answers, clarifications, requests for a person,
// emergencies), out-of-scope questions and keywords, each from a number
// of its own, so that each must get exactly one reply. Long questions
// come in concatenated parts; replies in Arabic or Chinese go out in
// UCS-2, often in two parts. Some messages are delivered again, as
// carriers do when an acknowledgement is late, once after their first
// delivery was acknowledged and once while it is still being processed:
// a replay must get no reply of its own. The SMSC sends a delivery
// receipt for every part it accepts, as a carrier does, -receipt-delay
// after accepting it.
//
// With -rate the load is open loop: messages are delivered on a fixed
// schedule and a message's latency counts from its scheduled time, so an
// SMSC window that stays full shows in the percentiles. -warmup is
// delivered first and not measured. Without -rate, -burst messages are
// handed to the SMSC at once and it delivers them as fast as its window
// (-window outstanding deliver_sm) allows; latency then counts from the
// moment each message's first deliver_sm was written to the connector.
//
// `make bench` runs it; docs/benchmarks.md records its output.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/linxGnu/gosmpp/data"
	"github.com/linxGnu/gosmpp/pdu"

	"github.com/sportello/sportello/chat"
	chatsqlite "github.com/sportello/sportello/chat/sqlite"
	"github.com/sportello/sportello/evals"
	"github.com/sportello/sportello/i18n"
	"github.com/sportello/sportello/i18n/langid"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/demo"
	"github.com/sportello/sportello/kb/sqlite"
	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/gateway"
	"github.com/sportello/sportello/telephony/outbox"
	"github.com/sportello/sportello/telephony/smpp"
	"github.com/sportello/sportello/telephony/smpp/smsctest"
	"github.com/sportello/sportello/telephony/sms"
	smssqlite "github.com/sportello/sportello/telephony/sms/sqlite"
)

// options are the command's flags.
type options struct {
	rate       float64
	duration   time.Duration
	warmup     time.Duration
	burst      int
	window     int
	outboxRate float64
	replay     int
	receipts   bool
	dlrDelay   time.Duration
	retry      time.Duration
	timeout    time.Duration
	seed       uint64
	header     bool
	profile    string
	verbose    bool
}

func main() {
	var o options
	flag.Float64Var(&o.rate, "rate", 0, "messages a second the SMSC delivers, open loop (0: a burst of -burst messages)")
	flag.DurationVar(&o.duration, "duration", 60*time.Second, "with -rate, how long to deliver after the warm-up")
	flag.DurationVar(&o.warmup, "warmup", 5*time.Second, "with -rate, deliveries before measuring, not counted")
	flag.IntVar(&o.burst, "burst", 10000, "without -rate, messages handed to the SMSC at once")
	flag.IntVar(&o.window, "window", 10, "deliver_sm the SMSC keeps outstanding at most")
	flag.Float64Var(&o.outboxRate, "outbox-rate", 200, "the outbox's overall limit in messages a second (the gateway configuration's outbox.rate: the carrier's contracted throughput)")
	flag.IntVar(&o.replay, "replay", 20, "deliver one message in this many again after it was acknowledged, and one in 2.5 times as many while it is processed (0: none)")
	flag.BoolVar(&o.receipts, "receipts", true, "the SMSC sends a delivery receipt for every part it accepts")
	flag.DurationVar(&o.dlrDelay, "receipt-delay", time.Second, "how long after accepting a part the SMSC sends its receipt (the handset's delivery)")
	flag.DurationVar(&o.retry, "retry", time.Second, "how long the SMSC waits before delivering again a deliver_sm the connector deferred")
	flag.DurationVar(&o.timeout, "timeout", 10*time.Minute, "give up waiting for the replies after this long")
	flag.Uint64Var(&o.seed, "seed", 1, "random seed of the message mix")
	flag.BoolVar(&o.header, "header", false, "print the table header first")
	flag.StringVar(&o.profile, "cpuprofile", "", "write a CPU profile of the measured period to this file")
	flag.BoolVar(&o.verbose, "v", false, "log the channel's warnings and errors to stderr")
	flag.Parse()
	if err := o.validate(); err != nil {
		fmt.Fprintln(os.Stderr, "smsload:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "smsload:", err)
		os.Exit(1)
	}
}

func (o options) validate() error {
	switch {
	case o.rate < 0:
		return fmt.Errorf("-rate %v: want 0 (a burst) or more", o.rate)
	case o.rate > 0 && o.duration <= 0:
		return fmt.Errorf("-duration %v: want more than 0", o.duration)
	case o.warmup < 0:
		return fmt.Errorf("-warmup %v: want 0 or more", o.warmup)
	case o.rate == 0 && (o.burst < 1 || o.burst > 1_000_000):
		return fmt.Errorf("-burst %d: want 1 to 1,000,000", o.burst)
	case o.window < 1 || o.window > 1000:
		return fmt.Errorf("-window %d: want 1 to 1000", o.window)
	case o.outboxRate <= 0:
		return fmt.Errorf("-outbox-rate %v: want more than 0", o.outboxRate)
	case o.replay < 0:
		return fmt.Errorf("-replay %d: want 0 (no replays) or more", o.replay)
	case o.retry <= 0 || o.timeout <= 0:
		return errors.New("-retry and -timeout: want more than 0")
	case o.dlrDelay < 0:
		return fmt.Errorf("-receipt-delay %v: want 0 or more", o.dlrDelay)
	}
	return nil
}

// message is one citizen's message of the run.
type message struct {
	from string
	mo   smsctest.MO
	// replay: 1 delivered again after its acknowledgement, 2 delivered
	// again while it is processed.
	replay int
	// measured is false for the warm-up.
	measured bool
	// sent is when its first deliver_sm was due (open loop) or sent
	// (burst); replied when the last part of its first reply arrived.
	sent    time.Time
	replied atomic.Int64 // unix nanoseconds
	replies atomic.Int32
}

func run(ctx context.Context, o options, stdout io.Writer) error {
	dir, err := os.MkdirTemp("", "smsload-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	mix, err := questions()
	if err != nil {
		return err
	}
	n := o.burst
	measuredFrom := 0
	if o.rate > 0 {
		measuredFrom = int(o.rate * o.warmup.Seconds())
		n = measuredFrom + int(o.rate*o.duration.Seconds())
	}
	msgs := plan(o, mix, n, measuredFrom)
	byNumber := make(map[string]*message, len(msgs))
	for _, m := range msgs {
		byNumber[strings.TrimPrefix(m.from, "+")] = m
	}
	var stray atomic.Int64
	h, err := start(ctx, o, dir, func(m smsctest.Message, at time.Time) {
		msg := byNumber[strings.TrimPrefix(m.Dest, "+")]
		if msg == nil {
			stray.Add(1)
			return
		}
		if msg.replies.Add(1) == 1 {
			msg.replied.Store(at.UnixNano())
		}
	})
	if err != nil {
		return err
	}
	defer h.close()
	fmt.Fprintf(os.Stderr, "smsload: %d messages from %d questions in %d languages, %s\n", n, len(mix), 9, o.describe())

	var profile *os.File
	startProfile := func() {
		if o.profile == "" {
			return
		}
		f, err := os.Create(o.profile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "smsload:", err)
			return
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "smsload:", err)
			f.Close()
			return
		}
		profile = f
	}
	stopProfile := func() {
		if profile != nil {
			pprof.StopCPUProfile()
			profile.Close()
			profile = nil
		}
	}
	defer stopProfile()

	var cpu0 time.Duration
	var t0 time.Time
	begin := func() {
		cpu0, t0 = cpuTime(), time.Now()
		startProfile()
	}
	d := &deliverer{srv: h.smsc, retry: o.retry}
	loadBefore := loadAverage()
	if o.rate > 0 {
		d.openLoop(ctx, msgs, o.rate, measuredFrom, begin)
	} else {
		begin()
		d.burst(ctx, msgs, o.window*2)
	}
	// Every message must get its reply; then the outbox must be empty,
	// and a moment more lets a reply sent twice show.
	deadline := time.Now().Add(o.timeout)
	for ctx.Err() == nil && time.Now().Before(deadline) {
		if answered(msgs) == len(msgs) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	tEnd := time.Now()
	cpu := cpuTime() - cpu0
	stopProfile()
	loadAfter := loadAverage()
	for ctx.Err() == nil && time.Now().Before(deadline) {
		c, err := h.store.Counts(ctx)
		if err != nil || c[outbox.Queued]+c[outbox.Sending] == 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	d.wg.Wait()

	r := tally(msgs, t0, tEnd)
	r.cpu, r.stray = cpu, int(stray.Load())
	r.loadavg = fmt.Sprintf("%s → %s", loadBefore, loadAfter)
	r.deferred, r.errors, r.firstErr = int(d.deferred.Load()), int(d.errs.Load()), d.firstErr()
	r.outcomes, r.dupSeen = h.outcomes()
	r.parts = replyParts(h.smsc.Messages())
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	r.heap, r.rss = ms.HeapAlloc, peakRSS()
	r.print(stdout, o)
	if r.lost > 0 || r.dups > 0 || r.errors > 0 || r.stray > 0 {
		return fmt.Errorf("%d lost, %d answered twice, %d replies to unknown numbers, %d deliveries failed (%s)", r.lost, r.dups, r.stray, r.errors, r.firstErr)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return nil
}

func (o options) describe() string {
	if o.rate > 0 {
		return fmt.Sprintf("%.0f/s open loop for %s after %s of warm-up, SMSC window %d", o.rate, o.duration, o.warmup, o.window)
	}
	return fmt.Sprintf("a burst through an SMSC window of %d", o.window)
}

// question is a message a citizen may send, in a language.
type question struct{ lang, text string }

// questions are the demo evaluation set's and the out-of-scope set's
// questions, and keywords in every language; the engine decides for
// itself which it answers, clarifies or hands off.
func questions() ([]question, error) {
	var out []question
	for _, set := range []string{"demo", "out_of_scope"} {
		r, err := evals.OpenShipped(set)
		if err != nil {
			return nil, err
		}
		cases, err := evals.ReadSet(r, set, kb.DefaultLanguages, nil)
		r.Close()
		if err != nil {
			return nil, fmt.Errorf("the %s evaluation set: %w", set, err)
		}
		for _, c := range cases {
			out = append(out, question{c.Lang, c.Text})
		}
	}
	// One message in about twenty is a keyword: help, or a person.
	out = append(out, []question{
		{"it", "AIUTO"}, {"it", "INFO"}, {"en", "HELP"}, {"fr", "AIDE"}, {"es", "AYUDA"}, {"de", "HILFE"},
		{"ar", "مساعدة"}, {"ro", "AJUTOR"}, {"sq", "NDIHMË"}, {"zh", "帮助"}, {"it", "OPERATORE"},
		{"en", "operator"}, {"fr", "Conseiller"}, {"de", "Mitarbeiter"}, {"zh", "人工"}, {"ar", "موظف"},
		{"it", "aiuto"}, {"es", "Agente"},
	}...)
	return out, nil
}

// plan makes n messages, each from a number of its own.
func plan(o options, mix []question, n, measuredFrom int) []*message {
	rng := rand.New(rand.NewPCG(o.seed, 0x5e5))
	msgs := make([]*message, n)
	for i := range msgs {
		q := mix[rng.IntN(len(mix))]
		from := fmt.Sprintf("+3933%08d", 10_000_000+i)
		mo := smsctest.MO{From: from, To: "44001", Text: q.text, Ref: uint16(rng.Uint32())}
		info := telephony.Segments(q.text)
		if info.Encoding == telephony.UCS2 {
			mo.DataCoding = data.UCS2Coding
		}
		if info.Segments > 1 {
			mo.Form = smsctest.UDH8
		}
		m := &message{from: from, mo: mo, measured: i >= measuredFrom}
		if o.replay > 0 {
			switch {
			case i%o.replay == o.replay/2:
				m.replay = 1
			case i%(o.replay*5/2) == 1:
				m.replay = 2
			}
		}
		msgs[i] = m
	}
	return msgs
}

func answered(msgs []*message) int {
	n := 0
	for _, m := range msgs {
		if m.replies.Load() > 0 {
			n++
		}
	}
	return n
}

// harness is the channel under load and the SMSC it is bound to.
type harness struct {
	smsc  *smsctest.Server
	store interface {
		sms.Store
		outbox.Store
	}
	mu      sync.Mutex
	outcome map[string]int
	dupSeen int
	close   func()
}

func (h *harness) count(res *sms.Result, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case err != nil:
		h.outcome["error"]++
	case res.Duplicate:
		h.dupSeen++
	case res.Decision != "":
		h.outcome[string(res.Decision)]++
	case res.Keyword != "":
		h.outcome["keyword "+string(res.Keyword)]++
	default:
		h.outcome[string(res.Outcome)]++
	}
}

func (h *harness) outcomes() (map[string]int, int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return maps.Clone(h.outcome), h.dupSeen
}

// configFile is the SMS configuration the channel is started with, as an
// operator writes it for `sportello serve --sms-config`.
const configFile = `short_code: "44001"
base_url: https://sportello.example
handoff_phone: "02 02 02"
outbox: {rate: %g, burst: %d}
gateways:
  - name: carrier
    type: smpp
    addr: %s
    system_id: sportello
    password: env:SMSLOAD_SMPP_PASSWORD
`

// start builds what `sportello serve` runs for an SMPP gateway, in dir,
// bound to a fresh fake SMSC that calls onReply with every reply.
func start(ctx context.Context, o options, dir string, onReply func(smsctest.Message, time.Time)) (*harness, error) {
	const password = "load"
	smsc, err := smsctest.Start(smsctest.Config{
		SystemID: "sportello", Password: password, DeliverWindow: o.window, Receipts: o.receipts, ReceiptDelay: o.dlrDelay,
		OnMessage: onReply,
	})
	if err != nil {
		return nil, err
	}
	var closers []func()
	h := &harness{smsc: smsc, outcome: map[string]int{}}
	h.close = func() {
		for _, c := range slices.Backward(closers) {
			c()
		}
	}
	closers = append(closers, func() { smsc.Close() })
	fail := func(err error) (*harness, error) {
		h.close()
		return nil, err
	}

	var log *slog.Logger
	if o.verbose {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	} else {
		log = slog.New(slog.NewJSONHandler(io.Discard, nil))
	}
	file := filepath.Join(dir, "sms.yaml")
	burst := max(int(o.outboxRate), 1)
	if err := os.WriteFile(file, fmt.Appendf(nil, configFile, o.outboxRate, burst, smsc.Addr()), 0o600); err != nil {
		return fail(err)
	}
	gcfg, err := gateway.LoadConfig(file, func(name string) string {
		if name == "SMSLOAD_SMPP_PASSWORD" {
			return password
		}
		return ""
	})
	if err != nil {
		return fail(err)
	}

	// The knowledge base, the conversations and the SMS tables share one
	// SQLite file, as serve keeps them.
	st, err := sqlite.Open(ctx, filepath.Join(dir, "sportello.db"), kb.NewHashEmbedder(kb.DefaultHashDim))
	if err != nil {
		return fail(err)
	}
	closers = append(closers, func() { st.Close() })
	entries, err := demo.Entries()
	if err != nil {
		return fail(err)
	}
	if _, err := st.Import(ctx, entries, kb.ImportOptions{Languages: kb.DefaultLanguages, By: "demo"}); err != nil {
		return fail(err)
	}
	engine, err := newEngine(ctx, st)
	if err != nil {
		return fail(err)
	}
	conv, err := chatsqlite.New(ctx, st.DB())
	if err != nil {
		return fail(err)
	}
	svc := &chat.Service{Engine: engine, Store: conv, Log: log}
	smsStore, err := smssqlite.New(ctx, st.DB())
	if err != nil {
		return fail(err)
	}
	h.store = smsStore
	vault, err := sms.NewVault(randomKey(), randomKey())
	if err != nil {
		return fail(err)
	}
	ch := gcfg.ChannelConfig()
	s := &sms.Service{Config: ch, Chat: svc, Store: smsStore, Outbox: smsStore, Vault: vault, Entries: st, Log: log}
	svc.Deliver = map[string]chat.Deliverer{chat.ChannelSMS: s.Deliver}

	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	closers = append(closers, func() { cancel(); wg.Wait() })
	g := gcfg.Gateways[0]
	client, err := smpp.New(g.SMPP(log), smpp.Handlers{
		Message: func(ctx context.Context, in telephony.Inbound) error {
			res, err := s.Receive(ctx, in)
			h.count(res, err)
			if errors.Is(err, sms.ErrInvalid) {
				return nil
			}
			return err
		},
		Receipt: s.Receipt,
	})
	if err != nil {
		return fail(err)
	}
	w := outbox.NewWorker(smsStore, map[string]outbox.Sender{g.Name: client}, vault)
	w.Suppressions, w.Log = smsStore, log
	oc := gcfg.Outbox
	w.Concurrency, w.MaxAttempts, w.Rate, w.Burst, w.PerNumber, w.PerNumberBurst = oc.Concurrency, oc.MaxAttempts, oc.Rate, oc.Burst, oc.PerNumber, oc.PerNumberBurst
	if err := w.Validate(); err != nil {
		return fail(err)
	}
	s.Wake = w.Wake
	wg.Add(2)
	go func() {
		defer wg.Done()
		if err := client.Run(runCtx); err != nil {
			fmt.Fprintln(os.Stderr, "smsload: the SMPP connector stopped:", err)
		}
	}()
	go func() {
		defer wg.Done()
		if err := w.Run(runCtx); err != nil {
			fmt.Fprintln(os.Stderr, "smsload: the outbox worker stopped:", err)
		}
	}()
	bctx, bcancel := context.WithTimeout(ctx, 10*time.Second)
	defer bcancel()
	if err := smsc.WaitBinds(bctx, 1); err != nil {
		return fail(err)
	}
	runtime.GC()
	return h, nil
}

// newEngine builds the engine as `sportello serve` does with the default
// configuration: the embedded catalog, reviewed entries only, and the
// language detector adapted on the published entries.
func newEngine(ctx context.Context, st kb.Store) (*chat.Engine, error) {
	cat, err := i18n.Load()
	if err != nil {
		return nil, err
	}
	det, err := langid.New(kb.DefaultLanguages)
	if err != nil {
		return nil, err
	}
	entries, err := st.List(ctx, kb.ListFilter{Status: kb.StatusPublished})
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		for lang, v := range e.Variants {
			det.Train(lang, v.Question+"\n"+v.Answer)
			for _, alt := range v.Alternates {
				det.Train(lang, alt)
			}
		}
	}
	det.Detect("buongiorno")
	return &chat.Engine{
		Retriever: chat.ReviewedOnly{Retriever: &kb.Retriever{Store: st}}, Detector: det, Messages: cat,
		Languages: kb.DefaultLanguages, DefaultLanguage: "it", Thresholds: chat.DefaultThresholds,
	}, nil
}

func randomKey() []byte {
	k := make([]byte, sms.KeySize)
	for i := range k {
		k[i] = byte(rand.Uint32())
	}
	return k
}

// deliverer plays the SMSC's side: it delivers the messages' parts,
// delivers again what the connector deferred, and replays some.
type deliverer struct {
	srv      *smsctest.Server
	retry    time.Duration
	wg       sync.WaitGroup
	deferred atomic.Int64
	errs     atomic.Int64
	errMu    sync.Mutex
	err      error
}

func (d *deliverer) fail(err error) {
	d.errs.Add(1)
	d.errMu.Lock()
	if d.err == nil {
		d.err = err
	}
	d.errMu.Unlock()
}

func (d *deliverer) firstErr() string {
	d.errMu.Lock()
	defer d.errMu.Unlock()
	if d.err == nil {
		return "none"
	}
	return d.err.Error()
}

// deliver sends m's parts in order, each until it is accepted, then the
// replay of a message replayed after its acknowledgement.
func (d *deliverer) deliver(ctx context.Context, m *message, stamp bool) {
	parts, err := d.srv.MOParts(m.mo)
	if err != nil {
		d.fail(err)
		return
	}
	if m.replay == 2 {
		// The carrier did not see the acknowledgement in time and
		// delivers the message again while it is being processed.
		d.wg.Add(1)
		go func() {
			defer d.wg.Done()
			d.send(ctx, m)
		}()
	}
	for i, p := range parts {
		sent, ok := d.part(ctx, p)
		if !ok {
			return
		}
		if stamp && i == 0 {
			m.sent = sent
		}
	}
	if m.replay == 1 {
		d.send(ctx, m)
	}
}

// send delivers m's parts once more (a replay).
func (d *deliverer) send(ctx context.Context, m *message) {
	parts, err := d.srv.MOParts(m.mo)
	if err != nil {
		d.fail(err)
		return
	}
	for _, p := range parts {
		if _, ok := d.part(ctx, p); !ok {
			return
		}
	}
}

// part delivers one deliver_sm until it is accepted, waiting -retry after
// each deferral, and returns when it was first written to the connector.
func (d *deliverer) part(ctx context.Context, p *pdu.DeliverSM) (time.Time, bool) {
	var first time.Time
	for ctx.Err() == nil {
		st, sent, err := d.srv.DeliverPDUTimed(ctx, p)
		if first.IsZero() {
			first = sent
		}
		switch {
		case err != nil:
			d.fail(err)
			return first, false
		case st == data.ESME_ROK:
			return first, true
		case st == data.ESME_RX_T_APPN || st == data.ESME_RTHROTTLED || st == data.ESME_RMSGQFUL:
			d.deferred.Add(1)
			time.Sleep(d.retry)
		default:
			d.fail(fmt.Errorf("deliver_sm refused with %v", st))
			return first, false
		}
	}
	return first, false
}

// openLoop delivers the messages on a fixed schedule, each from its
// scheduled time; begin is called when the warm-up is over.
func (d *deliverer) openLoop(ctx context.Context, msgs []*message, rate float64, measuredFrom int, begin func()) {
	interval := time.Duration(float64(time.Second) / rate)
	t := time.Now()
	for i, m := range msgs {
		if i == measuredFrom {
			begin()
		}
		at := t.Add(time.Duration(i) * interval)
		if wait := time.Until(at); wait > 0 {
			select {
			case <-time.After(wait):
			case <-ctx.Done():
				return
			}
		}
		m.sent = at
		d.wg.Add(1)
		go func() {
			defer d.wg.Done()
			d.deliver(ctx, m, false)
		}()
	}
	if measuredFrom >= len(msgs) {
		begin()
	}
}

// burst hands every message to senders that deliver them in order as
// the SMSC's window allows.
func (d *deliverer) burst(ctx context.Context, msgs []*message, senders int) {
	next := atomic.Int64{}
	for range senders {
		d.wg.Add(1)
		go func() {
			defer d.wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(msgs) {
					return
				}
				d.deliver(ctx, msgs[i], true)
			}
		}()
	}
}
