package web

import (
	"net/http"
	"net/netip"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/sportello/sportello/chat"
)

// Metrics is Sportello's Prometheus instrumentation, served at /metrics.
// The web server counts its own requests; the channels call the Observe
// methods: the chat service after each turn, the SMS gateway for every
// message in and out. Every method is safe on a nil *Metrics, which
// records nothing, so callers need not check whether metrics are on.
//
// Label values must come from small fixed sets (configured languages,
// decision kinds and reasons, channel and gateway names), never from
// what a citizen typed: every distinct value is a new time series.
type Metrics struct {
	reg *prometheus.Registry

	httpRequests *prometheus.CounterVec
	httpDuration *prometheus.HistogramVec
	rateLimited  *prometheus.CounterVec

	turns        *prometheus.CounterVec
	turnDuration *prometheus.HistogramVec
	decisions    *prometheus.CounterVec
	handoffs     *prometheus.CounterVec
	queueWait    *prometheus.HistogramVec

	smsIn     *prometheus.CounterVec
	smsOut    *prometheus.CounterVec
	smsParts  *prometheus.CounterVec
	smsFailed *prometheus.CounterVec
}

// latencyBuckets span a sub-millisecond decision to a slow LLM answer.
var latencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}

// NewMetrics registers Sportello's metrics, with the Go runtime's and the
// process's, in a registry of their own (no global state).
func NewMetrics() *Metrics {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	counter := func(name, help string, labels ...string) *prometheus.CounterVec {
		c := prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "sportello", Name: name, Help: help}, labels)
		reg.MustRegister(c)
		return c
	}
	histogram := func(name, help string, labels ...string) *prometheus.HistogramVec {
		h := prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: "sportello", Name: name, Help: help, Buckets: latencyBuckets}, labels)
		reg.MustRegister(h)
		return h
	}
	return &Metrics{
		reg:          reg,
		httpRequests: counter("http_requests_total", "HTTP requests by route pattern, method and status code.", "route", "method", "code"),
		httpDuration: histogram("http_request_duration_seconds", "HTTP request latency by route pattern and method.", "route", "method"),
		rateLimited:  counter("http_rate_limited_total", "Requests refused with 429 by the per-client rate limits, by budget.", "budget"),
		turns:        counter("turns_total", "Chat turns processed, by channel.", "channel"),
		turnDuration: histogram("turn_duration_seconds", "Time to process one chat turn, by channel.", "channel"),
		decisions:    counter("decisions_total", "Decisions by channel, kind (answer, clarify, handoff, emergency) and language.", "channel", "kind", "lang"),
		handoffs:     counter("handoffs_total", "Handoffs to a person by channel and reason.", "channel", "reason"),
		queueWait:    histogram("queue_wait_seconds", "Time a conversation waited for an operator after a handoff, by channel.", "channel"),
		smsIn:        counter("sms_received_total", "SMS received (after reassembly), by gateway.", "gateway"),
		smsOut:       counter("sms_sent_total", "SMS sent, by gateway.", "gateway"),
		smsParts:     counter("sms_sent_parts_total", "SMS segments sent, by gateway.", "gateway"),
		smsFailed:    counter("sms_failed_total", "SMS that could not be sent or were reported undelivered, by gateway and reason.", "gateway", "reason"),
	}
}

// Registry is where other parts of the program may register collectors
// of their own, so that they are served at /metrics too.
func (m *Metrics) Registry() *prometheus.Registry {
	if m == nil {
		return nil
	}
	return m.reg
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// ObserveTurn records one processed chat turn: its channel ("web",
// "api", "sms"), the language answered in, the decision's kind and reason
// (chat.Kind and chat.Reason values) and how long the turn took. Handoffs
// are also counted by reason.
func (m *Metrics) ObserveTurn(channel, lang, kind, reason string, d time.Duration) {
	if m == nil {
		return
	}
	m.turns.WithLabelValues(channel).Inc()
	m.turnDuration.WithLabelValues(channel).Observe(d.Seconds())
	m.decisions.WithLabelValues(channel, kind, lang).Inc()
	if kind == string(chat.Handoff) {
		m.handoffs.WithLabelValues(channel, reason).Inc()
	}
}

// ObserveDecision is ObserveTurn for an engine decision.
func (m *Metrics) ObserveDecision(channel string, d *chat.Decision, took time.Duration) {
	if m == nil || d == nil {
		return
	}
	m.ObserveTurn(channel, d.Lang, string(d.Kind), string(d.Reason), took)
}

// ObserveQueueWait records how long a handed-off conversation waited
// until an operator took it.
func (m *Metrics) ObserveQueueWait(channel string, d time.Duration) {
	if m == nil {
		return
	}
	m.queueWait.WithLabelValues(channel).Observe(d.Seconds())
}

// ObserveSMSIn counts one SMS received through gateway (a configured
// gateway name such as "smpp" or "webhook").
func (m *Metrics) ObserveSMSIn(gateway string) {
	if m == nil {
		return
	}
	m.smsIn.WithLabelValues(gateway).Inc()
}

// ObserveSMSOut counts one SMS sent through gateway in parts segments.
func (m *Metrics) ObserveSMSOut(gateway string, parts int) {
	if m == nil {
		return
	}
	m.smsOut.WithLabelValues(gateway).Inc()
	m.smsParts.WithLabelValues(gateway).Add(float64(parts))
}

// ObserveSMSFailed counts one SMS that failed; reason is one of a few
// fixed words ("submit", "undelivered", "expired", "rejected").
func (m *Metrics) ObserveSMSFailed(gateway, reason string) {
	if m == nil {
		return
	}
	m.smsFailed.WithLabelValues(gateway, reason).Inc()
}

// instrument counts and times every request by the pattern of the route
// that served it, so the label set stays as small as the route table.
func (m *Metrics) instrument(mux *http.ServeMux, next http.Handler) http.Handler {
	if m == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		// The mux records the pattern on the request it routed; a request
		// stopped before the mux (rate limits, size limits) is looked up.
		route := r.Pattern
		if route == "" {
			_, route = mux.Handler(r)
		}
		if route == "" {
			route = "unmatched"
		}
		m.httpDuration.WithLabelValues(route, r.Method).Observe(time.Since(start).Seconds())
		m.httpRequests.WithLabelValues(route, r.Method, strconv.Itoa(sw.code())).Inc()
	})
}

// statusWriter remembers the status code written. It forwards Flush so
// that server-sent events still stream through it.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Flush() {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) code() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

// defaultMetricsFrom are the networks /metrics answers by default: the
// machine itself and private networks, where a Prometheus server runs.
var defaultMetricsFrom = []netip.Prefix{
	netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128"),
	netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"), netip.MustParsePrefix("fc00::/7"),
}

// metrics serves /metrics to the networks allowed, and 404 to others:
// request counts by route tell outsiders more than they need. Behind a
// reverse proxy every request comes from the proxy's (private) address,
// so the proxy must be in Protection.TrustedProxies, or block /metrics itself.
func (s *Server) metrics() http.Handler {
	h := s.Metrics.Handler()
	allowed := s.Protection.MetricsFrom
	if allowed == nil {
		allowed = defaultMetricsFrom
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip := s.clientAddr(r)
		for _, p := range allowed {
			if ip.IsValid() && p.Contains(ip) {
				h.ServeHTTP(w, r)
				return
			}
		}
		http.NotFound(w, r)
	})
}
