package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/sportello/sportello/i18n"
	"github.com/sportello/sportello/web/views"
)

// The embeddable widget: /widget.js, which a municipality's page loads
// with one script tag, opens /{lang}/embed, the compact chat page, in a
// frame. The public pages may be framed by the sites in EmbedOrigins and
// by no other.

// ParseOrigins reads the sites allowed to embed the widget, separated by
// commas or spaces: "https://www.comune.example https://*.comune.example".
// Each is a scheme and a host (a leading "*." allows the subdomains), with
// an optional port and nothing else, as a CSP frame-ancestors source.
func ParseOrigins(s string) ([]string, error) {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
		o, err := parseOrigin(f)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out, nil
}

func parseOrigin(s string) (string, error) {
	bad := func(why string) (string, error) {
		return "", fmt.Errorf("web: embed origin %q %s; write it like https://www.comune.example", s, why)
	}
	u, err := url.Parse(s)
	if err != nil {
		return bad("is not a URL")
	}
	host := u.Hostname()
	switch {
	case u.Scheme != "https" && u.Scheme != "http":
		return bad("must start with https:// (or http://)")
	case host == "" || u.Opaque != "":
		return bad("has no host")
	case u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return bad("must be only a scheme and a host, without a path")
	}
	name := strings.TrimPrefix(host, "*.")
	if name == "" || strings.Contains(name, "*") {
		return bad(`may have a wildcard only as its first label ("*.")`)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' || r == ':') {
			// Anything else could end the CSP source or add a directive.
			return bad("has a character a host name cannot have")
		}
	}
	o := strings.ToLower(u.Scheme + "://" + u.Host)
	return o, nil
}

// frameable reports whether the page at r may be shown in a frame by the
// embedding sites: the public pages, whose path starts with a language.
// Any other page (the consoles above all) keeps frame-ancestors 'self'.
func (s *Server) frameable(r *http.Request) bool {
	seg, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	return slices.Contains(s.langs, seg)
}

// allowFraming lets origins frame the response: it rewrites the CSP's
// frame-ancestors, which modern browsers follow, and drops the legacy
// X-Frame-Options, which cannot name other sites.
func allowFraming(h http.Header, origins []string) {
	var kept []string
	for _, d := range strings.Split(h.Get("Content-Security-Policy"), ";") {
		d = strings.TrimSpace(d)
		if d != "" && !strings.HasPrefix(d, "frame-ancestors") {
			kept = append(kept, d)
		}
	}
	kept = append(kept, "frame-ancestors 'self' "+strings.Join(origins, " "))
	h.Set("Content-Security-Policy", strings.Join(kept, "; "))
	h.Del("X-Frame-Options")
}

// widgetLabels are the launcher's words in one language.
type widgetLabels struct {
	Open  string `json:"open"`
	Close string `json:"close"`
	Title string `json:"title"`
	Dir   string `json:"dir"`
}

// widgetScript returns the handler of /widget.js: the script, with the
// configured languages and their words filled in once.
func (s *Server) widgetScript() (http.Handler, error) {
	src, err := static.ReadFile("static/widget.js")
	if err != nil {
		return nil, fmt.Errorf("web: reading widget.js: %w", err)
	}
	cfg := struct {
		Default string                  `json:"default"`
		Labels  map[string]widgetLabels `json:"labels"`
	}{Default: s.langs[0], Labels: map[string]widgetLabels{}}
	for _, l := range s.langs {
		t := func(id string) string { return s.msgs.Message(l, id, nil) }
		cfg.Labels[l] = widgetLabels{Open: t("WidgetOpen"), Close: t("WidgetClose"), Title: t("WidgetFrameTitle"), Dir: i18n.Dir(l)}
	}
	js, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	const placeholder = "/*SPORTELLO_CONFIG*/null"
	if !bytes.Contains(src, []byte(placeholder)) {
		return nil, fmt.Errorf("web: widget.js lacks %s", placeholder)
	}
	body := bytes.Replace(src, []byte(placeholder), js, 1)
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		h.Set("Cache-Control", "public, max-age=3600")
		h.Set("ETag", etag)
		// Loaded by other sites' pages: as a plain script (CORP) and with
		// a crossorigin attribute (CORS). It carries nothing private.
		h.Set("Cross-Origin-Resource-Policy", "cross-origin")
		h.Set("Access-Control-Allow-Origin", "*")
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write(body)
	}), nil
}

// embed serves /{lang}/embed, the compact chat page of the widget. The
// engine detects the language of the citizen's messages: the widget's
// language is the host page's, which need not be the citizen's.
func (s *Server) embed(w http.ResponseWriter, r *http.Request) error {
	lang := r.PathValue("lang")
	if !slices.Contains(s.langs, lang) {
		return s.notFound(w, r, s.negotiate(r), "ErrNotFound")
	}
	m := views.Embed{Chat: s.chatModel(lang, true), FullURL: "/" + lang + "/", OpenFull: s.msgs.Message(lang, "EmbedOpenFull", nil)}
	m.Chat.Page.Stylesheets = append(slices.Clip(m.Chat.Page.Stylesheets), "/static/public.css")
	// The form carries a fresh idempotency key: never shared from a cache.
	w.Header().Set("Cache-Control", "no-store")
	return s.renderPage(w, r, http.StatusOK, lang, views.EmbedPage(m))
}
