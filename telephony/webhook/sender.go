package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// Defaults of the sender.
const (
	DefaultMaxAttempts = 30
	DefaultBaseDelay   = 10 * time.Second
	DefaultMaxDelay    = time.Hour
	DefaultTimeout     = 10 * time.Second
	DefaultPoll        = 5 * time.Second
)

// Sender posts due deliveries to the receiver.
type Sender struct {
	// URL is the receiver's endpoint.
	URL string
	// Secrets sign every request (Sign); the first is the current one,
	// others are kept while the receiver rotates.
	Secrets [][]byte
	Store   Store
	// Client makes the requests; one with DefaultTimeout when nil.
	Client *http.Client
	// MaxAttempts is how many attempts a delivery gets before it is
	// marked failed; DefaultMaxAttempts when zero, which with the
	// default delays spans 11 to 22 hours: a receiver down for a night's
	// maintenance loses nothing.
	MaxAttempts int
	// BaseDelay and MaxDelay bound the exponential backoff between
	// attempts: BaseDelay·2^(n-1), at most MaxDelay, of which a random
	// half is taken off (jitter), so that a receiver coming back is not
	// hit by every sender at once.
	BaseDelay, MaxDelay time.Duration
	// Poll is how often Run looks for due deliveries when not woken;
	// DefaultPoll when zero.
	Poll time.Duration
	// Observe, when set, is told the outcome of every attempt:
	// "delivered", "retry" or "failed", with the event type. It is the
	// metric hook.
	Observe func(eventType, result string)
	Now     func() time.Time
	// Jitter returns a number in [0, 1); rand.Float64 when nil.
	Jitter func() float64
	Log    *slog.Logger

	wake chan struct{}
}

// Validate checks the configuration.
func (s *Sender) Validate() error {
	u, err := url.Parse(s.URL)
	switch {
	case s.URL == "":
		return errors.New("webhook: no receiver URL")
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
		return fmt.Errorf("webhook: the receiver URL %q is not an http(s) URL", s.URL)
	case len(s.Secrets) == 0:
		return errors.New("webhook: no signing secret")
	}
	for _, sec := range s.Secrets {
		if len(sec) < 16 {
			return errors.New("webhook: a signing secret must be at least 16 bytes")
		}
	}
	return nil
}

// Kick wakes Run to look for due deliveries at once.
func (s *Sender) Kick() {
	select {
	case s.wakeChan() <- struct{}{}:
	default:
	}
}

func (s *Sender) wakeChan() chan struct{} {
	if s.wake == nil {
		s.wake = make(chan struct{}, 1)
	}
	return s.wake
}

// Run sends due deliveries until ctx ends, looking every Poll and when
// kicked.
func (s *Sender) Run(ctx context.Context) error {
	poll := s.Poll
	if poll <= 0 {
		poll = DefaultPoll
	}
	wake := s.wakeChan()
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		if _, err := s.Flush(ctx); err != nil && ctx.Err() == nil {
			s.log().Error("webhook: sending", "err", err.Error())
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		case <-wake:
		}
	}
}

// Result counts what one Flush did.
type Result struct {
	Delivered, Retried, Failed int
}

// Flush sends every delivery due now, a batch at a time, until none is
// left, and reports what happened.
func (s *Sender) Flush(ctx context.Context) (Result, error) {
	var res Result
	for ctx.Err() == nil {
		ds, err := s.Store.Due(ctx, s.now(), s.timeout()*3, 16)
		if err != nil {
			return res, err
		}
		if len(ds) == 0 {
			return res, nil
		}
		for i := range ds {
			if ctx.Err() != nil {
				// Stopping: the rest of the batch is sent at the next
				// start, when its lease has run out.
				return res, ctx.Err()
			}
			if err := s.attempt(ctx, &ds[i], &res); err != nil {
				return res, err
			}
		}
	}
	return res, ctx.Err()
}

func (s *Sender) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Sender) timeout() time.Duration {
	if s.Client != nil && s.Client.Timeout > 0 {
		return s.Client.Timeout
	}
	return DefaultTimeout
}

func (s *Sender) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

// attempt posts one delivery and records the outcome.
func (s *Sender) attempt(ctx context.Context, d *Delivery, res *Result) error {
	// An attempt under way is finished even while the sender stops (the
	// client's timeout bounds it), so that what the receiver accepted is
	// recorded and not sent again at the next start.
	ctx = context.WithoutCancel(ctx)
	status, retryAfter, err := s.post(ctx, d)
	now := s.now()
	if err == nil {
		res.Delivered++
		s.observe(d.Type, "delivered")
		return s.Store.Done(ctx, d.ID, status, now)
	}
	attempts := d.Attempts + 1
	limit := s.MaxAttempts
	if limit <= 0 {
		limit = DefaultMaxAttempts
	}
	if attempts >= limit {
		res.Failed++
		s.observe(d.Type, "failed")
		s.log().Error("webhook: delivery failed for good", "event", d.EventID, "type", d.Type, "attempts", attempts, "status", status, "err", err.Error())
		return s.Store.Fail(ctx, d.ID, status, err.Error(), now)
	}
	res.Retried++
	s.observe(d.Type, "retry")
	delay := max(s.backoff(attempts), retryAfter)
	s.log().Warn("webhook: delivery will be retried", "event", d.EventID, "type", d.Type, "attempt", attempts, "status", status, "in", delay.String(), "err", err.Error())
	return s.Store.Retry(ctx, d.ID, status, err.Error(), now.Add(delay))
}

// backoff is the wait after the n-th failed attempt.
func (s *Sender) backoff(n int) time.Duration {
	base, top := s.BaseDelay, s.MaxDelay
	if base <= 0 {
		base = DefaultBaseDelay
	}
	if top <= 0 {
		top = DefaultMaxDelay
	}
	d := base
	for i := 1; i < n && d < top; i++ {
		d *= 2
	}
	d = min(d, top)
	jitter := rand.Float64
	if s.Jitter != nil {
		jitter = s.Jitter
	}
	return d/2 + time.Duration(jitter()*float64(d/2))
}

func (s *Sender) observe(typ, result string) {
	if s.Observe != nil {
		s.Observe(typ, result)
	}
}

// post sends d, signed now. A 2xx answer is a delivery; anything else is
// an error with the status code, and Retry-After (in seconds) when the
// receiver sent one.
func (s *Sender) post(ctx context.Context, d *Delivery) (status int, retryAfter time.Duration, err error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL, bytes.NewReader(d.Body))
	if err != nil {
		return 0, 0, err
	}
	ts := s.now()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Sportello-Webhook/1")
	req.Header.Set(HeaderEvent, d.Type)
	req.Header.Set(HeaderEventID, d.EventID)
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts.Unix(), 10))
	req.Header.Set(HeaderSignature, Sign(s.Secrets, ts, d.Body))
	client := s.Client
	if client == nil {
		client = &http.Client{Timeout: DefaultTimeout}
	}
	resp, err := client.Do(req)
	if err != nil {
		// The URL may carry a token: say what failed, not where.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return 0, 0, fmt.Errorf("posting: %w", err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return resp.StatusCode, 0, nil
	}
	if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs > 0 {
		retryAfter = min(time.Duration(secs)*time.Second, DefaultMaxDelay)
	}
	return resp.StatusCode, retryAfter, fmt.Errorf("the receiver answered %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
}
