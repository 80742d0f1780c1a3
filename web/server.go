// Package web is Sportello's HTTP front: health and readiness probes, a
// versioned JSON API over stored conversations, and the public chat pages
// (templ views in web/views, styled with bootstrap-italia when its files
// are installed), live over Server-Sent Events. The consoles are built on
// it.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/sportello/sportello/chat"
)

// Decider is the engine the server asks; *chat.Engine implements it.
type Decider interface {
	Decide(ctx context.Context, in chat.Input) (*chat.Decision, error)
}

// Server holds the handlers' dependencies.
type Server struct {
	// Service runs the conversations of the chat page and the API.
	Service *chat.Service
	// Broker carries the signals of new turns to the live streams; wire
	// Service.Notify to its Publish. Nil leaves the streams re-reading the
	// store at each heartbeat only.
	Broker Broker
	// Heartbeat is how often an idle live stream sends a comment and
	// re-reads the store; zero means DefaultHeartbeat.
	Heartbeat time.Duration
	// Engine answers the one-shot /api/v1/ask; nil uses Service.Engine.
	Engine Decider
	Log    *slog.Logger
	// Ready reports whether the server can take traffic (the store answers).
	Ready func(ctx context.Context) error
	// Messages translates the pages' words; *i18n.Catalog implements it.
	// Nil uses the catalog embedded in package i18n.
	Messages Messages
	// Languages are the languages the pages offer, the first being the
	// default; nil means kb.DefaultLanguages.
	Languages []string
	// StaticDir is bootstrap-italia's dist folder, served at /static/bi/.
	// "" means DefaultStaticDir. When it is missing the pages still work,
	// unstyled, and Handler logs a warning.
	StaticDir string

	// Operations, protection, FAQ pages and widget: see metrics.go,
	// limit.go, faq.go and widget.go.

	// Metrics, when set, counts requests and is served at /metrics.
	Metrics *Metrics
	// Protection holds the per-client rate and size limits, the trusted
	// proxies, and who may read /metrics.
	Protection Protection
	// EmbedOrigins are the sites allowed to show the chat widget's page
	// in a frame, such as "https://www.comune.example"; see ParseOrigins.
	EmbedOrigins []string
	// KB holds the entries the FAQ pages show, and Search ranks them for
	// the FAQ search; when nil they are taken from Engine if it is a
	// *chat.Engine over a *kb.Retriever, else the FAQ pages are 404.
	KB     FAQStore
	Search chat.Retriever

	// Resolved by Handler from the fields above.
	msgs       Messages
	langs      []string
	css        []string
	sameOrigin *http.CrossOriginProtection
	// stopStreams closes when StopStreams is called.
	stopStreams        chan struct{}
	stopInit, stopOnce sync.Once
}

// Messages translates message ids; *i18n.Catalog implements it.
type Messages interface {
	Message(lang, id string, data map[string]any) string
}

// DefaultStaticDir is where `npm ci` (scripts/install-browser.sh) puts
// bootstrap-italia, relative to the repository root.
const DefaultStaticDir = "node_modules/bootstrap-italia/dist"

// maxBody bounds request bodies: a chat message is at most a few KB.
const maxBody = 64 << 10

// Handler returns the server's routes. Every route is listed here. It
// resolves the defaults of the fields above, so call it once, before
// serving, and do not change the fields afterwards.
func (s *Server) Handler() http.Handler {
	s.resolve()
	guarded := func(h func(http.ResponseWriter, *http.Request) error) http.Handler {
		return s.sameOrigin.Handler(s.handle(s.needService(h)))
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	mux.Handle("GET /readyz", s.handle(s.readyz))
	for _, rt := range s.apiRoutes() {
		mux.Handle(rt.Method+" "+rt.Path, rt.h)
	}
	mux.Handle("GET /{$}", s.handle(s.home))
	mux.Handle("GET /{lang}", s.handle(s.langRedirect))
	mux.Handle("GET /{lang}/{$}", s.handle(s.home))
	mux.Handle("POST /{lang}/chat", guarded(s.startChat))
	mux.Handle("GET /{lang}/c/{id}", s.handle(s.needService(s.conversationPage)))
	mux.Handle("POST /{lang}/c/{id}", guarded(s.postMessage))
	mux.Handle("POST /{lang}/c/{id}/rate", guarded(s.rate))
	mux.Handle("GET /{lang}/c/{id}/events", s.handle(s.needService(s.pageEvents)))
	mux.Handle("GET /static/sportello.css", staticFiles())
	mux.Handle("GET /static/sportello.js", staticFiles())
	mux.Handle("GET /static/bi/", s.bootstrapItalia())
	// Metrics, FAQ pages, widget, and the limits every request passes.
	s.publicRoutes(mux)
	return securityHeaders(s.protect(mux))
}

// securityHeaders sets the headers every response carries. The pages load
// nothing from other origins and run no inline script; bootstrap-italia's
// CSS inlines its SVG icons and one font as data: URLs.
func securityHeaders(h http.Handler) http.Handler {
	const csp = "default-src 'self'; img-src 'self' data:; font-src 'self' data:; " +
		"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", csp)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		hd.Set("X-Frame-Options", "SAMEORIGIN")
		h.ServeHTTP(w, r)
	})
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) error {
	if s.Ready != nil {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := s.Ready(ctx); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
			return nil
		}
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	return nil
}
