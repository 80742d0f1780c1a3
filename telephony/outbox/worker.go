package outbox

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math"
	mrand "math/rand/v2"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/sportello/sportello/telephony"
)

// Defaults of Worker.
const (
	DefaultConcurrency   = 4
	DefaultLease         = 2 * time.Minute
	DefaultSubmitTimeout = 30 * time.Second
	DefaultMaxAttempts   = 6
	DefaultBackoffMin    = 2 * time.Second
	DefaultBackoffMax    = 10 * time.Minute
	DefaultPoll          = time.Second
	// DefaultRate and DefaultBurst limit the whole outbox (messages a
	// second), DefaultPerNumber and DefaultPerNumberBurst each recipient
	// (messages a minute): an auto-responder answering our replies must
	// not start a loop the municipality pays for.
	DefaultRate           = 30.0
	DefaultBurst          = 30
	DefaultPerNumber      = 10.0
	DefaultPerNumberBurst = 5
)

// Opener decrypts a sealed number; sms.Vault implements it.
type Opener interface {
	Open(sealed []byte) (string, error)
}

// Suppressions tells whether a contact opted out; sms.Store implements it.
type Suppressions interface {
	Suppressed(ctx context.Context, contact string) (bool, error)
}

// Worker sends what the outbox holds. Several workers, in one process or
// several sharing a PostgreSQL database, may run on the same store: leases
// keep them from taking the same message.
type Worker struct {
	Store Store
	// Senders are the configured gateways by name; a message for a
	// gateway not listed fails.
	Senders      map[string]Sender
	Numbers      Opener
	Suppressions Suppressions
	Observer     Observer
	Log          *slog.Logger

	// Owner names this worker in leases; NewWorker makes one up.
	Owner string
	// Concurrency is how many submits are in flight at once.
	Concurrency int
	// Lease is how long a claimed message is this worker's. It must
	// exceed SubmitTimeout, or a slow submit could be taken over and sent
	// twice.
	Lease         time.Duration
	SubmitTimeout time.Duration
	// MaxAttempts is how many submits a message gets before it fails.
	MaxAttempts int
	// BackoffMin and BackoffMax bound the exponential wait between
	// attempts (doubled each time, with 20% jitter).
	BackoffMin time.Duration
	BackoffMax time.Duration
	// Rate (messages a second) and Burst limit the whole outbox,
	// PerNumber (messages a minute) and PerNumberBurst each recipient.
	// Limits are per process.
	Rate           float64
	Burst          int
	PerNumber      float64
	PerNumberBurst int
	// Poll is how often an idle worker looks for due messages; Wake
	// makes it look at once.
	Poll time.Duration
	// Now returns the current time.
	Now func() time.Time

	wake    chan struct{}
	limiter *limiter
	once    sync.Once
}

// NewWorker returns a worker on st. Fields left zero take their defaults
// when the worker first runs, and must not change after that.
func NewWorker(st Store, senders map[string]Sender, numbers Opener) *Worker {
	return &Worker{Store: st, Senders: senders, Numbers: numbers}
}

func (w *Worker) init() {
	w.once.Do(func() {
		if w.Owner == "" {
			b := make([]byte, 6)
			rand.Read(b)
			w.Owner = "w-" + hex.EncodeToString(b)
		}
		def := func(v *int, d int) {
			if *v <= 0 {
				*v = d
			}
		}
		defd := func(v *time.Duration, d time.Duration) {
			if *v <= 0 {
				*v = d
			}
		}
		def(&w.Concurrency, DefaultConcurrency)
		def(&w.MaxAttempts, DefaultMaxAttempts)
		def(&w.Burst, DefaultBurst)
		def(&w.PerNumberBurst, DefaultPerNumberBurst)
		defd(&w.Lease, DefaultLease)
		defd(&w.SubmitTimeout, DefaultSubmitTimeout)
		defd(&w.BackoffMin, DefaultBackoffMin)
		defd(&w.BackoffMax, DefaultBackoffMax)
		defd(&w.Poll, DefaultPoll)
		if w.Rate <= 0 {
			w.Rate = DefaultRate
		}
		if w.PerNumber <= 0 {
			w.PerNumber = DefaultPerNumber
		}
		if w.Now == nil {
			w.Now = time.Now
		}
		if w.Log == nil {
			w.Log = slog.New(slog.DiscardHandler)
		}
		w.wake = make(chan struct{}, 1)
		w.limiter = newLimiter(w.Rate, w.Burst, w.PerNumber/60, w.PerNumberBurst)
	})
}

// Validate reports settings that would break the guarantees.
func (w *Worker) Validate() error {
	w.init()
	if w.Lease <= w.SubmitTimeout {
		return fmt.Errorf("outbox: the lease (%s) must be longer than the submit timeout (%s), or a slow submit could be sent twice", w.Lease, w.SubmitTimeout)
	}
	if w.Store == nil || w.Numbers == nil {
		return errors.New("outbox: the worker needs a store and a way to open sealed numbers")
	}
	return nil
}

// Wake tells the worker a message was enqueued, so that it does not wait
// for its next poll.
func (w *Worker) Wake() {
	w.init()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Run sends due messages until ctx ends, then waits for the submits in
// flight and records their results, so that a graceful stop leaves no
// message in doubt.
func (w *Worker) Run(ctx context.Context) error {
	if err := w.Validate(); err != nil {
		return err
	}
	sem := make(chan struct{}, w.Concurrency)
	var wg sync.WaitGroup
	defer wg.Wait()
	poll := time.NewTicker(w.Poll)
	defer poll.Stop()
	for {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return nil
		}
		n := 1
		for n < w.Concurrency {
			select {
			case sem <- struct{}{}:
				n++
				continue
			default:
			}
			break
		}
		msgs, err := w.Store.Claim(ctx, w.Owner, w.Now(), w.Lease, n)
		if err != nil && ctx.Err() == nil {
			w.Log.Error("outbox: claim", "err", err)
		}
		for range n - len(msgs) {
			<-sem
		}
		for i := range msgs {
			wg.Add(1)
			go func(m Message) {
				defer wg.Done()
				defer func() { <-sem }()
				w.process(context.WithoutCancel(ctx), &m)
			}(msgs[i])
		}
		if len(msgs) == n {
			continue // maybe more due
		}
		select {
		case <-ctx.Done():
			return nil
		case <-w.wake:
		case <-poll.C:
		}
	}
}

// RunOnce claims and processes what is due now, one batch after another,
// until nothing is due; it returns how many messages it processed. Tests,
// benchmarks and `sportello sms` commands use it where a long-running
// worker is not wanted.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	if err := w.Validate(); err != nil {
		return 0, err
	}
	total := 0
	for {
		msgs, err := w.Store.Claim(ctx, w.Owner, w.Now(), w.Lease, w.Concurrency)
		if err != nil || len(msgs) == 0 {
			return total, err
		}
		var wg sync.WaitGroup
		for i := range msgs {
			wg.Add(1)
			go func(m Message) {
				defer wg.Done()
				w.process(ctx, &m)
			}(msgs[i])
		}
		wg.Wait()
		total += len(msgs)
	}
}

// process tries to send one claimed message and records the outcome.
func (w *Worker) process(ctx context.Context, m *Message) {
	log := w.Log.With("message", m.ID, "gateway", m.Gateway, "contact", m.Contact, "attempt", m.Attempts)
	if m.Attempts > w.MaxAttempts {
		// Its last attempt was claimed by a worker that died.
		w.fail(ctx, log, m, "attempts", fmt.Sprintf("gave up after %d attempts", w.MaxAttempts))
		return
	}
	if !m.OptOutNotice && w.Suppressions != nil {
		stop, err := w.Suppressions.Suppressed(ctx, m.Contact)
		if err != nil {
			w.retry(ctx, log, m, err, true)
			return
		}
		if stop {
			if _, err := w.Store.Cancel(ctx, m.Contact); err != nil {
				log.Error("outbox: cancel for an opted-out contact", "err", err)
			}
			log.Info("outbox: cancelled, the contact opted out")
			return
		}
	}
	sender, ok := w.Senders[m.Gateway]
	if !ok {
		w.fail(ctx, log, m, "gateway", fmt.Sprintf("no gateway named %q is configured", m.Gateway))
		return
	}
	to, err := w.Numbers.Open(m.SealedTo)
	if err != nil {
		w.fail(ctx, log, m, "number", "the recipient's number cannot be decrypted (was the number key changed?)")
		return
	}
	now := w.Now()
	if at, ok := w.limiter.take(m.Contact, now); !ok {
		if err := w.Store.Retry(ctx, m.ID, w.Owner, at, "", false); err != nil {
			log.Error("outbox: hold back for the rate limit", "err", err)
		}
		return
	}
	sctx, cancel := context.WithTimeout(ctx, w.SubmitTimeout)
	ids, err := sender.Submit(sctx, telephony.Outbound{
		ID: m.ID, Gateway: m.Gateway, To: to, From: m.From, Text: m.Text, Encoding: m.Encoding, Segments: m.Segments,
	})
	cancel()
	if err != nil {
		if errors.Is(err, ErrPermanent) {
			w.fail(ctx, log, m, "permanent", Scrub(err.Error()))
			return
		}
		w.retry(ctx, log, m, err, true)
		return
	}
	// Recorded before anything else can happen to the message: a retry
	// now would send it twice.
	for i := 0; ; i++ {
		err = w.Store.MarkSubmitted(ctx, m.ID, ids, w.Now())
		if err == nil || i == 4 {
			break
		}
		time.Sleep(time.Duration(50<<i) * time.Millisecond)
	}
	if err != nil {
		log.Error("outbox: the gateway accepted the message but recording it failed; it will be sent again when its lease expires", "err", err)
		return
	}
	if w.Observer != nil {
		w.Observer.Sent(m.Gateway, m.Segments)
	}
	log.Info("outbox: submitted", "segments", m.Segments, "encoding", m.Encoding.String())
}

func (w *Worker) retry(ctx context.Context, log *slog.Logger, m *Message, cause error, counted bool) {
	msg := Scrub(cause.Error())
	if m.Attempts >= w.MaxAttempts {
		w.fail(ctx, log, m, "attempts", fmt.Sprintf("gave up after %d attempts: %s", m.Attempts, msg))
		return
	}
	next := w.Now().Add(w.backoff(m.Attempts))
	if err := w.Store.Retry(ctx, m.ID, w.Owner, next, msg, counted); err != nil {
		log.Error("outbox: schedule a retry", "err", err)
		return
	}
	log.Warn("outbox: submit failed, will retry", "err", msg, "next", next)
}

func (w *Worker) fail(ctx context.Context, log *slog.Logger, m *Message, reason, msg string) {
	if err := w.Store.Fail(ctx, m.ID, w.Owner, msg); err != nil {
		log.Error("outbox: mark failed", "err", err)
		return
	}
	if w.Observer != nil {
		w.Observer.Failed(m.Gateway, reason)
	}
	log.Warn("outbox: failed", "reason", reason, "err", msg)
}

// backoff is the wait after the attempt-th failed attempt.
func (w *Worker) backoff(attempt int) time.Duration {
	d := float64(w.BackoffMin) * math.Pow(2, float64(max(attempt-1, 0)))
	d = min(d, float64(w.BackoffMax))
	d *= 0.8 + 0.4*mrand.Float64()
	return time.Duration(d)
}

// digits finds what could be a phone number in an error message.
var digits = regexp.MustCompile(`\+?[0-9][0-9 ]{4,}[0-9]`)

// Scrub removes what looks like a phone number from a gateway's error
// message, which ends up in logs and in the outbox row, and bounds its
// length.
func Scrub(s string) string {
	s = digits.ReplaceAllString(s, "#")
	if len(s) > 300 {
		s = strings.ToValidUTF8(s[:300], "")
	}
	return s
}
