package web_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sportello/sportello/web"
)

func TestParseOrigins(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
		err  string
	}{
		{in: "", want: nil},
		{in: "https://www.comune.example", want: []string{"https://www.comune.example"}},
		{in: "https://WWW.Comune.Example/, http://localhost:8080 https://*.comune.example", want: []string{"https://www.comune.example", "http://localhost:8080", "https://*.comune.example"}},
		{in: "https://a.example,https://a.example", want: []string{"https://a.example"}},
		{in: "www.comune.example", err: "must start with https://"},
		{in: "ftp://comune.example", err: "must start with https://"},
		{in: "https://comune.example/path", err: "without a path"},
		{in: "https://comune.example?x=1", err: "without a path"},
		{in: "https://user@comune.example", err: "without a path"},
		{in: "https://", err: "has no host"},
		{in: "https://comune.example;script-src", err: "character a host name cannot have"},
		{in: "https://comune.*.example", err: "wildcard only as its first label"},
		{in: "https://*", err: "wildcard only"},
	} {
		got, err := web.ParseOrigins(tc.in)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("ParseOrigins(%q): error %v, want one saying %q", tc.in, err, tc.err)
		case tc.err == "" && err != nil:
			t.Errorf("ParseOrigins(%q): %v", tc.in, err)
		case tc.err == "":
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ParseOrigins(%q) (-want +got):\n%s", tc.in, diff)
			}
		}
	}
}

func TestWidgetScript(t *testing.T) {
	srv := newFAQServer(t)
	resp, body := getPage(t, srv.URL+"/widget.js")
	if resp.StatusCode != 200 {
		t.Fatalf("GET /widget.js: %d", resp.StatusCode)
	}
	for k, want := range map[string]string{
		"Content-Type":                 "text/javascript; charset=utf-8",
		"Cross-Origin-Resource-Policy": "cross-origin",
		"Access-Control-Allow-Origin":  "*",
	} {
		if got := resp.Header.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	// The words are filled in from the message files, for every language.
	m := regexp.MustCompile(`var config = (\{.*\});`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no filled-in config in the script:\n%.400s", body)
	}
	var cfg struct {
		Default string
		Labels  map[string]struct{ Open, Close, Title, Dir string }
	}
	if err := json.Unmarshal([]byte(m[1]), &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Default != "it" || len(cfg.Labels) != 9 {
		t.Errorf("default %q, %d languages; want it, 9", cfg.Default, len(cfg.Labels))
	}
	if ar := cfg.Labels["ar"]; ar.Open != "اسأل Sportello" || ar.Dir != "rtl" || ar.Title == "" || ar.Close == "" {
		t.Errorf("Arabic labels %+v", ar)
	}
	req, _ := http.NewRequest("GET", srv.URL+"/widget.js", nil)
	req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	again, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	again.Body.Close()
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("a revalidation with the ETag: %d, want 304", again.StatusCode)
	}
}

func TestEmbedFraming(t *testing.T) {
	const site = "https://www.comune.example"
	open := newFAQServer(t, func(s *web.Server) { s.EmbedOrigins = []string{site} })
	closed := newFAQServer(t)
	for _, tc := range []struct {
		name      string
		base      string
		path      string
		ancestors string
	}{
		{"embed page, site allowed", open.URL, "/ar/embed", "frame-ancestors 'self' " + site},
		{"chat page the embed may lead to", open.URL, "/ar/", "frame-ancestors 'self' " + site},
		{"faq page the embed may lead to", open.URL, "/it/faq/cie-rinnovo", "frame-ancestors 'self' " + site},
		{"not a public page", open.URL, "/healthz", "frame-ancestors 'self'"},
		{"no site configured", closed.URL, "/ar/embed", "frame-ancestors 'self'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := getPage(t, tc.base+tc.path)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			csp := resp.Header.Get("Content-Security-Policy")
			if !strings.HasSuffix(csp, tc.ancestors) || strings.Count(csp, "frame-ancestors") != 1 {
				t.Errorf("CSP %q, want it to end with %q", csp, tc.ancestors)
			}
			for _, d := range []string{"default-src 'self'", "object-src 'none'"} {
				if !strings.Contains(csp, d) {
					t.Errorf("CSP %q lost %q", csp, d)
				}
			}
			xfo := resp.Header.Get("X-Frame-Options")
			if framed := strings.Contains(tc.ancestors, site); framed == (xfo != "") {
				t.Errorf("X-Frame-Options %q with %q", xfo, tc.ancestors)
			}
			if tc.path == "/ar/embed" {
				for _, want := range []string{`<html lang="ar" dir="rtl">`, `action="/ar/chat"`, `name="auto" value="1"`, `src="/static/sportello.js"`, `data-chat="1"`, `href="tel:112"`, `target="_blank"`} {
					if !strings.Contains(body, want) {
						t.Errorf("embed page lacks %q", want)
					}
				}
				if strings.Contains(body, "sp-header") {
					t.Error("the embed page has the site header")
				}
				if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
					t.Errorf("embed Cache-Control %q, want no-store", cc)
				}
			}
		})
	}
	resp, _ := getPage(t, open.URL+"/xx/embed")
	if resp.StatusCode != 404 {
		t.Errorf("embed in an unknown language: %d", resp.StatusCode)
	}
}
