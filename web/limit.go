package web

import (
	"fmt"
	"math"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sportello/sportello/web/views"
)

// The protections every request passes through before it reaches a
// route: a client's rate limits, size limits, and the security headers
// that the page headers of server.go do not already set.

// Protection is the per-client protection. The zero value is the
// defaults.
type Protection struct {
	// Messages is each client's budget of state-changing requests
	// (POST, PUT, PATCH, DELETE: chat messages, ratings); zero means
	// DefaultMessageRate.
	Messages Rate
	// Requests is each client's budget of every other request (pages,
	// static files, event streams); zero means DefaultRequestRate.
	Requests Rate
	// Unlimited turns the rate limits off, for a load test on loopback
	// or a deployment whose proxy limits rates itself.
	Unlimited bool
	// TrustedProxies are the reverse proxies whose X-Forwarded-For header
	// is believed. A client is told apart by its address: behind a proxy
	// that is not listed, every citizen shares the proxy's budget, and a
	// header from a peer that is not listed is ignored (anyone can send
	// one).
	TrustedProxies []netip.Prefix
	// MaxBody bounds every request body, in bytes (zero means
	// DefaultMaxBody); routes set tighter limits of their own.
	MaxBody int64
	// MetricsFrom are the networks whose clients may read /metrics; nil
	// means loopback and the private networks.
	MetricsFrom []netip.Prefix
}

// Rate is a token bucket: Burst requests at once, refilled at PerSecond.
type Rate struct {
	PerSecond float64
	Burst     int
}

// Default budgets. A citizen types a message every few seconds at most
// and a page load fetches half a dozen files, but one address may be a
// whole library or reception centre behind NAT: the bursts are generous,
// and what they stop is a script posting without pause.
var (
	DefaultMessageRate = Rate{PerSecond: 1, Burst: 30}
	DefaultRequestRate = Rate{PerSecond: 20, Burst: 200}
)

const (
	// DefaultMaxBody bounds any request body; the chat's own limit is
	// far lower (maxBody).
	DefaultMaxBody = 1 << 20
	// maxURI bounds the request target: no route needs more.
	maxURI = 8 << 10
	// maxClients bounds the buckets kept; past it, new clients share one.
	maxClients = 100_000
)

// ParseTrustedProxies reads a comma-separated list of addresses and CIDR
// prefixes ("10.0.0.0/8, 192.0.2.7"), as the serve command's setting
// gives them.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if strings.Contains(f, "/") {
			p, err := netip.ParsePrefix(f)
			if err != nil {
				return nil, fmt.Errorf("web: trusted proxy %q is not an address or a CIDR prefix such as 10.0.0.0/8", f)
			}
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("web: trusted proxy %q is not an address or a CIDR prefix such as 10.0.0.0/8", f)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// protect wraps the routes in the protections and the metrics. It is the
// one place they are put together, outermost first.
func (s *Server) protect(mux *http.ServeMux) http.Handler {
	l := s.Protection
	maxBody := l.MaxBody
	if maxBody <= 0 {
		maxBody = DefaultMaxBody
	}
	var msgs, reqs *limiter
	if !l.Unlimited {
		msgs = newLimiter(orDefault(l.Messages, DefaultMessageRate))
		reqs = newLimiter(orDefault(l.Requests, DefaultRequestRate))
	}
	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		addSecurityHeaders(w, r)
		if len(s.EmbedOrigins) > 0 && s.frameable(r) {
			allowFraming(w.Header(), s.EmbedOrigins)
		}
		if len(r.RequestURI) > maxURI {
			http.Error(w, http.StatusText(http.StatusRequestURITooLong), http.StatusRequestURITooLong)
			return
		}
		if r.ContentLength > maxBody {
			s.tooLarge(w, r)
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		}
		if lim, budget := pickBudget(r, msgs, reqs); lim != nil {
			if ok, wait := lim.allow(s.clientKey(r), time.Now()); !ok {
				s.Metrics.rateLimit(budget)
				s.tooManyRequests(w, r, wait)
				return
			}
		}
		mux.ServeHTTP(w, r)
	})
	return s.Metrics.instrument(mux, inner)
}

// pickBudget returns the budget r spends, or nil for the probes, which
// an orchestrator calls as often as it likes.
func pickBudget(r *http.Request, msgs, reqs *limiter) (*limiter, string) {
	switch r.URL.Path {
	case "/healthz", "/readyz", "/metrics":
		return nil, ""
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return reqs, "requests"
	}
	return msgs, "messages"
}

func orDefault(r, def Rate) Rate {
	if r.PerSecond <= 0 || r.Burst <= 0 {
		return def
	}
	return r
}

// addSecurityHeaders sets what every response carries besides the
// Content-Security-Policy of server.go. Routes meant for other sites
// (the widget's script and page) loosen these themselves.
func addSecurityHeaders(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	if r.TLS != nil {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
}

// tooManyRequests answers 429 with Retry-After and a translated message:
// JSON on the API, a page elsewhere.
func (s *Server) tooManyRequests(w http.ResponseWriter, r *http.Request, wait time.Duration) {
	secs := max(1, int(math.Ceil(wait.Seconds())))
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	lang := s.pathLang(r)
	msg := s.msgs.Message(lang, "ErrRateLimited", map[string]any{"Seconds": secs})
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSON(w, http.StatusTooManyRequests, map[string]string{"error": msg, "lang": lang})
		return
	}
	s.messagePage(w, r, lang, http.StatusTooManyRequests, msg)
}

// tooLarge refuses a body over the limit before reading it.
func (s *Server) tooLarge(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": "request body too large"})
		return
	}
	s.errorPage(w, r, http.StatusRequestEntityTooLarge)
}

// pathLang is the language of the page asked for, from its first path
// segment, or the browser's preference when the path names none.
func (s *Server) pathLang(r *http.Request) string {
	seg, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if slices.Contains(s.langs, seg) {
		return seg
	}
	return s.negotiate(r)
}

// clientKey tells clients apart: an IPv4 address, or an IPv6 /64, which
// one household or phone typically holds whole.
func (s *Server) clientKey(r *http.Request) netip.Addr {
	a := s.clientAddr(r)
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.Addr()
	}
	return a
}

// clientAddr is the address of the client: the peer's, or with a trusted
// proxy in front, the nearest address in X-Forwarded-For that is not one
// of the trusted proxies.
func (s *Server) clientAddr(r *http.Request) netip.Addr {
	peer := peerAddr(r)
	trusted := func(a netip.Addr) bool {
		return slices.ContainsFunc(s.Protection.TrustedProxies, func(p netip.Prefix) bool { return p.Contains(a) })
	}
	if !peer.IsValid() || !trusted(peer) {
		return peer
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseHop(hops[i])
		if !ok {
			// A hop the proxies did not write: stop at the last one they
			// vouch for.
			return client
		}
		client = a
		if !trusted(a) {
			return a
		}
	}
	return client
}

// parseHop reads one X-Forwarded-For element: an address, possibly with a
// port or in brackets.
func parseHop(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap(), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), true
	}
	if a, err := netip.ParseAddr(strings.Trim(s, "[]")); err == nil {
		return a.Unmap(), true
	}
	return netip.Addr{}, false
}

// peerAddr is the address of the connection's other end.
func peerAddr(r *http.Request) netip.Addr {
	if ap, err := netip.ParseAddrPort(r.RemoteAddr); err == nil {
		return ap.Addr().Unmap()
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, _ := netip.ParseAddr(host)
	return a.Unmap()
}

// limiter keeps a token bucket per client.
type limiter struct {
	rate, burst float64

	mu        sync.Mutex
	buckets   map[netip.Addr]*bucket
	lastSweep time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(r Rate) *limiter {
	return &limiter{rate: r.PerSecond, burst: float64(r.Burst), buckets: map[netip.Addr]*bucket{}}
}

// allow spends one token of client's bucket, or says how long until one
// is back.
func (l *limiter) allow(client netip.Addr, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastSweep) > time.Minute || len(l.buckets) >= maxClients {
		l.sweep(now)
	}
	b := l.buckets[client]
	if b == nil {
		if len(l.buckets) >= maxClients {
			// Too many clients at once to track: the newcomers share the
			// zero address's bucket rather than grow memory without bound.
			client = netip.Addr{}
			b = l.buckets[client]
		}
		if b == nil {
			b = &bucket{tokens: l.burst, last: now}
			l.buckets[client] = b
		}
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}

// sweep forgets the clients whose buckets have refilled: a fresh bucket
// is the same as theirs.
func (l *limiter) sweep(now time.Time) {
	l.lastSweep = now
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
}

// rateLimit counts a refused request.
func (m *Metrics) rateLimit(budget string) {
	if m == nil {
		return
	}
	m.rateLimited.WithLabelValues(budget).Inc()
}

// publicRoutes adds the routes of the files beside this one (metrics,
// FAQ pages, widget) to the server's mux.
func (s *Server) publicRoutes(mux *http.ServeMux) {
	if s.Metrics != nil {
		mux.Handle("GET /metrics", s.metrics())
	}
	if f := s.newFAQPages(); f != nil {
		mux.Handle("GET /{lang}/faq", s.handle(f.index))
		mux.Handle("GET /{lang}/faq/{id}", s.handle(f.entry))
	}
	mux.Handle("GET /static/public.css", staticFiles())
	if js, err := s.widgetScript(); err != nil {
		// The embedded file is part of the build: this is a broken build,
		// and the rest of the site still works.
		s.logError("preparing the widget", err)
	} else {
		mux.Handle("GET /widget.js", js)
	}
	mux.Handle("GET /{lang}/embed", s.handle(s.embed))
}

// messagePage shows a translated message, such as a refusal, on a page of
// its own in lang.
func (s *Server) messagePage(w http.ResponseWriter, r *http.Request, lang string, status int, msg string) {
	title := s.msgs.Message(lang, "PageTitle", nil)
	m := views.Notice{
		Page:    s.publicMeta(lang, title, func(l string) string { return "/" + l + "/" }),
		Heading: title, Text: msg,
	}
	if err := s.renderPage(w, r, status, lang, views.NoticePage(m)); err != nil {
		s.logError("rendering a message page", err)
		http.Error(w, http.StatusText(status), status)
	}
}
