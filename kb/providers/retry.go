package providers

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tmc/langchaingo/httputil"
)

// Error is the error of a request that failed for good: after the retries,
// or at once when retrying cannot help. It keeps what is needed to act on
// it programmatically; its message says what to check.
type Error struct {
	// Provider is "ollama" or "openai".
	Provider string
	// Endpoint is the URL of the last request (without its query), or the
	// configured base URL if no request was sent.
	Endpoint string
	// StatusCode is the HTTP status of the last response, 0 if none came.
	StatusCode int
	// Timeout is true when the last attempt ran out of Config.Timeout.
	Timeout bool
	// Attempts is how many requests were made.
	Attempts int
	// Err is the error langchaingo or the transport returned.
	Err error

	msg string
}

// Error implements error.
func (e *Error) Error() string { return e.msg }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Is makes a timed-out request match context.DeadlineExceeded, which
// langchaingo's OpenAI client hides behind a plain string.
func (e *Error) Is(target error) bool { return e.Timeout && target == context.DeadlineExceeded }

// policy is the timeout and retry behaviour shared by embedders and chat
// models.
type policy struct {
	provider, baseURL, model string
	timeout                  time.Duration
	maxRetries               int
	backoff, maxBackoff      time.Duration
}

// errAttemptTimeout is the cause of an attempt's context when its own
// timeout, not the caller's, ends it.
var errAttemptTimeout = errors.New("request timeout")

// do runs call until it succeeds, fails in a way retrying cannot fix, or
// runs out of retries. Each attempt gets its own timeout and a wire record
// the transport fills in.
func (p policy) do(ctx context.Context, call func(ctx context.Context) error) error {
	for attempt := 1; ; attempt++ {
		w := &wire{}
		actx, cancel := context.WithTimeoutCause(context.WithValue(ctx, wireKey{}, w), p.timeout, errAttemptTimeout)
		err := call(actx)
		timedOut := context.Cause(actx) == errAttemptTimeout
		cancel()
		status, endpoint, retryAfter, netErr := w.get()
		if err == nil && status >= 400 {
			// langchaingo's Ollama chat client returns no error for an
			// error status whose body is empty; the transport saw it.
			err = fmt.Errorf("HTTP %d with an empty body", status)
		}
		if err == nil {
			return nil
		}
		if cerr := ctx.Err(); cerr != nil {
			// The caller gave up: its reason is the one that matters.
			return fmt.Errorf("%s:%s: %w", p.provider, p.model, context.Cause(ctx))
		}
		e := p.newError(err, endpoint, status, netErr, timedOut, attempt)
		if !retryable(status, netErr, timedOut) || attempt > p.maxRetries {
			return e
		}
		if err := sleep(ctx, p.delay(attempt, retryAfter)); err != nil {
			return fmt.Errorf("%s:%s: %w (while waiting to retry after: %v)", p.provider, p.model, err, e)
		}
	}
}

// retryable says whether another attempt may succeed: rate limits, server
// errors, network errors and timeouts are transient; other 4xx answers and
// unreadable 2xx bodies will not change.
func retryable(status int, netErr error, timedOut bool) bool {
	switch {
	case timedOut || netErr != nil:
		return true
	case status == http.StatusTooManyRequests || status >= 500:
		return true
	}
	return false
}

// delay is the wait before retry number attempt: exponential from
// p.backoff, capped, with jitter so that many clients rate-limited at once
// do not come back at once. A longer Retry-After from the server wins.
func (p policy) delay(attempt int, retryAfter time.Duration) time.Duration {
	d := p.backoff << (attempt - 1)
	if d <= 0 || d > p.maxBackoff {
		d = p.maxBackoff
	}
	d = d/2 + rand.N(d/2+1)
	if retryAfter > d {
		d = min(retryAfter, p.maxBackoff)
	}
	return d
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// newError builds the final error with a message that names the server
// and says what to check.
func (p policy) newError(err error, endpoint string, status int, netErr error, timedOut bool, attempts int) *Error {
	if endpoint == "" {
		endpoint = p.baseURL
	}
	who, kind := "Ollama", "an Ollama"
	if p.provider == OpenAI {
		kind = "an OpenAI-compatible"
		who = "OpenAI"
		if p.baseURL != DefaultOpenAIURL {
			who = "the OpenAI-compatible server"
		}
	}
	tries := ""
	if attempts > 1 {
		tries = fmt.Sprintf(" (%d attempts)", attempts)
	}
	detail := errText(err)
	var msg string
	switch {
	case timedOut:
		msg = fmt.Sprintf("%s at %s did not answer within the %v timeout%s: the model may still be loading or the server is overloaded; raise Config.Timeout or check the server", who, endpoint, p.timeout, tries)
	case netErr != nil:
		msg = fmt.Sprintf("cannot reach %s at %s%s: %v", who, endpoint, tries, netErr)
		if p.provider == Ollama {
			msg += fmt.Sprintf(": is `ollama serve` running and the model pulled (`ollama pull %s`)?", p.model)
		} else {
			msg += ": check BaseURL and the network"
		}
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		msg = fmt.Sprintf("%s at %s refused the credentials (HTTP %d): %s", who, endpoint, status, detail)
		if p.provider == OpenAI {
			msg += ": check APIKey"
		} else {
			msg += ": Ollama itself needs no key; check the proxy in front of it"
		}
	case status == http.StatusNotFound:
		msg = fmt.Sprintf("%s at %s answered HTTP 404: %s", who, endpoint, detail)
		if p.provider == Ollama {
			msg += fmt.Sprintf(": is model %q pulled (`ollama pull %s`)?", p.model, p.model)
		} else {
			msg += fmt.Sprintf(": check that model %q exists and that BaseURL ends with /v1", p.model)
		}
	case status == http.StatusTooManyRequests:
		msg = fmt.Sprintf("%s at %s is rate limiting (HTTP 429)%s: %s: slow down or raise Config.MaxRetries", who, endpoint, tries, detail)
	case status >= 500:
		msg = fmt.Sprintf("%s at %s failed with HTTP %d%s: %s: check the server's logs", who, endpoint, status, tries, detail)
	case status >= 400:
		msg = fmt.Sprintf("%s at %s rejected the request (HTTP %d): %s: check Model and the input", who, endpoint, status, detail)
	default:
		msg = fmt.Sprintf("%s at %s sent a response that could not be used: %s: does BaseURL point at %s server?", who, endpoint, detail, kind)
	}
	return &Error{
		Provider:   p.provider,
		Endpoint:   endpoint,
		StatusCode: status,
		Timeout:    timedOut,
		Attempts:   attempts,
		Err:        err,
		msg:        p.provider + ":" + p.model + ": " + msg,
	}
}

// errText is err's message without the prefixes langchaingo adds, which
// repeat what the message already says (the status code among them).
func errText(err error) string {
	s := err.Error()
	for _, prefix := range []string{"error embedding batch: ", "error embedding query: ", "failed to create openai embeddings: "} {
		s = strings.TrimPrefix(s, prefix)
	}
	if rest, ok := strings.CutPrefix(s, "API returned unexpected status code: "); ok {
		// "503: overloaded" or just "503" when the body was not JSON.
		if _, msg, found := strings.Cut(rest, ": "); found {
			return msg
		}
		return "no error message"
	}
	return s
}

// wireKey is the context key of the *wire of an attempt.
type wireKey struct{}

// wire is what the transport saw during one attempt. langchaingo turns
// HTTP statuses and network errors into strings (or, for Ollama's chat,
// sometimes into nothing), so the retry decision is made from this record
// instead of from parsing its messages.
type wire struct {
	mu         sync.Mutex
	endpoint   string
	status     int
	netErr     error
	retryAfter time.Duration
}

// record notes the outcome of one HTTP round trip; the last one wins
// because langchaingo stops at the first failure.
func (w *wire) record(req *http.Request, resp *http.Response, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	u := *req.URL
	u.RawQuery, u.User = "", nil
	w.endpoint = u.String()
	w.status, w.netErr, w.retryAfter = 0, nil, 0
	if err != nil {
		w.netErr = err
		return
	}
	w.status = resp.StatusCode
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
		w.retryAfter = time.Duration(s) * time.Second
	}
}

// get returns the recorded outcome.
func (w *wire) get() (status int, endpoint string, retryAfter time.Duration, netErr error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.status, w.endpoint, w.retryAfter, w.netErr
}

// recordingTransport fills in the *wire found in a request's context.
type recordingTransport struct {
	base http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t *recordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.base
	if base == nil {
		// langchaingo's default adds its User-Agent.
		base = httputil.DefaultTransport
	}
	resp, err := base.RoundTrip(req)
	if w, ok := req.Context().Value(wireKey{}).(*wire); ok {
		w.record(req, resp, err)
	}
	return resp, err
}
