// Package web is Sportello's HTTP front: health and readiness probes, a
// versioned JSON API over the chat engine, and the public chat pages
// (templ views in web/views, styled with bootstrap-italia when its files
// are installed). The consoles are built on it.
package web

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb"
)

// Decider is the engine the server asks; *chat.Engine implements it.
type Decider interface {
	Decide(ctx context.Context, in chat.Input) (*chat.Decision, error)
}

// Server holds the handlers' dependencies.
type Server struct {
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
	msgs  Messages
	langs []string
	css   []string
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
	// Form posts must come from our own pages (Sec-Fetch-Site / Origin):
	// another site cannot make a citizen's browser post a message.
	sameOrigin := http.NewCrossOriginProtection()
	sameOrigin.SetDenyHandler(s.handle(func(http.ResponseWriter, *http.Request) error { return errForbidden }))

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	mux.Handle("GET /readyz", s.handle(s.readyz))
	mux.Handle("POST /api/v1/ask", s.handle(s.ask))
	mux.Handle("GET /{$}", s.handle(s.home))
	mux.Handle("GET /{lang}", s.handle(s.langRedirect))
	mux.Handle("GET /{lang}/{$}", s.handle(s.home))
	mux.Handle("POST /{lang}/chat", sameOrigin.Handler(s.handle(s.chatPost)))
	mux.Handle("GET /static/sportello.css", staticFiles())
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

// handle adapts a handler returning an error, rendering errors in one place.
func (s *Server) handle(h func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		status, body := errorResponse(err)
		if status >= 500 && s.Log != nil {
			s.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		}
		// The API speaks JSON; everything else is a page a citizen reads.
		if strings.HasPrefix(r.URL.Path, "/api/") || r.URL.Path == "/readyz" {
			writeJSON(w, status, body)
			return
		}
		s.errorPage(w, r, status)
	})
}

// errorResponse maps errors to statuses: one table for the whole server.
func errorResponse(err error) (int, map[string]string) {
	var ie *chat.InputError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &ie):
		return http.StatusUnprocessableEntity, map[string]string{"error": ie.Text, "lang": ie.Lang}
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge, map[string]string{"error": "request body too large"}
	case errors.Is(err, kb.ErrInvalid):
		return http.StatusBadRequest, map[string]string{"error": err.Error()}
	case errors.Is(err, kb.ErrNotFound):
		return http.StatusNotFound, map[string]string{"error": "not found"}
	case errors.Is(err, kb.ErrConflict):
		return http.StatusConflict, map[string]string{"error": err.Error()}
	case errors.Is(err, errForbidden):
		return http.StatusForbidden, map[string]string{"error": "forbidden"}
	}
	return http.StatusInternalServerError, map[string]string{"error": "internal error"}
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

type askRequest struct {
	Text string `json:"text"`
	Lang string `json:"lang,omitempty"`
}

type askResponse struct {
	Decision   chat.Kind   `json:"decision"`
	Reason     chat.Reason `json:"reason"`
	Lang       string      `json:"lang"`
	Text       string      `json:"text"`
	Entry      string      `json:"entry,omitempty"`
	Revision   int         `json:"revision,omitempty"`
	Links      []kb.Link   `json:"links,omitempty"`
	Choices    []choice    `json:"choices,omitempty"`
	Confidence float64     `json:"confidence"`
}

type choice struct {
	Entry    string `json:"entry"`
	Question string `json:"question"`
}

func (s *Server) ask(w http.ResponseWriter, r *http.Request) error {
	var req askRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	if err := dec.Decode(&req); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return errors.Join(kb.ErrInvalid, errors.New(`the body must be JSON like {"text": "…"}`))
	}
	d, err := s.Engine.Decide(r.Context(), chat.Input{Text: req.Text, Lang: req.Lang})
	if err != nil {
		return err
	}
	resp := askResponse{Decision: d.Kind, Reason: d.Reason, Lang: d.Lang, Text: d.Text, Confidence: d.Confidence}
	if d.Entry != nil {
		resp.Entry, resp.Revision = d.Entry.ID, d.Entry.Revision
		resp.Links = d.Entry.Variants[d.Lang].Links
	}
	for _, c := range d.Choices {
		resp.Choices = append(resp.Choices, choice{Entry: c.ID, Question: c.Variants[d.Lang].Question})
	}
	writeJSON(w, http.StatusOK, resp)
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}
