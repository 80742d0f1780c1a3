package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// newPageServer serves the pages with bootstrap-italia from node_modules
// when it is installed (the pages work without it).
func newPageServer(t testing.TB) *httptest.Server {
	t.Helper()
	return newEnv(t, nil).Server
}

func TestPages(t *testing.T) {
	srv := newPageServer(t)
	form := func(kv ...string) string {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Add(kv[i], kv[i+1])
		}
		return v.Encode()
	}
	for _, tc := range []struct {
		name, method, path, body string
		header                   map[string]string
		status                   int
		has, lacks               []string
	}{
		{name: "home", method: "GET", path: "/", status: 200,
			has: []string{`<html lang="it" dir="ltr">`, `name="auto" value="1"`, `lang="ar" hreflang="ar" dir="rtl"`, `>العربية</a>`, `>中文</a>`, `>Shqip</a>`, `aria-live="polite"`, `href="#main"`, `<label for="message"`}},
		{name: "home negotiates", method: "GET", path: "/", header: map[string]string{"Accept-Language": "de-CH,de;q=0.9"}, status: 200,
			has: []string{`<html lang="de" dir="ltr">`, "Ihre Frage"}},
		{name: "arabic page", method: "GET", path: "/ar/", status: 200,
			has: []string{`<html lang="ar" dir="rtl">`, "سؤالك", `aria-current="page" data-testid="lang-ar"`}, lacks: []string{`name="auto"`}},
		{name: "unknown language", method: "GET", path: "/xx/", status: 404, has: []string{"Questa pagina non esiste."}},
		{name: "language without slash", method: "GET", path: "/fr", status: 200, has: []string{`<html lang="fr" dir="ltr">`}},
		{name: "answer with source", method: "POST", path: "/it/chat", body: form("text", "come rinnovo la carta d'identità elettronica?"), status: 200,
			has: []string{`data-kind="answer"`, `data-testid="source-title">Come rinnovo la carta d&#39;identità elettronica?`, "Fonte",
				`href="/it/faq/cie-rinnovo"`, `data-testid="face-positive"`, `action="/it/c/`, `name="lang"`}},
		{name: "clarify offers choices", method: "POST", path: "/it/chat", body: form("text", "carta d'identità"), status: 200,
			has: []string{`data-kind="clarify"`, `name="text" value="Ho perso la carta d&#39;identità, cosa devo fare?"`}},
		{name: "emergency", method: "POST", path: "/it/chat", body: form("text", "aiuto c'è un incendio in casa"), status: 200,
			has: []string{`data-kind="emergency"`, `href="tel:112"`, "Chiama il 112"}, lacks: []string{`data-testid="feedback"`}},
		{name: "html stays text", method: "POST", path: "/it/chat", body: form("text", "<script>alert(1)</script> operatore"), status: 200,
			has: []string{"&lt;script&gt;alert(1)&lt;/script&gt; operatore", `data-kind="handoff"`, `data-state="waiting"`}, lacks: []string{"<script>alert"}},
		{name: "auto detects arabic", method: "POST", path: "/it/chat", body: form("auto", "1", "text", "كيف أجدد بطاقة الهوية الإلكترونية؟"), status: 200,
			has: []string{`<html lang="ar" dir="rtl">`, `action="/ar/c/`, `data-kind="answer"`, `href="/ar/faq/cie-rinnovo"`}},
		{name: "empty", method: "POST", path: "/ro/chat", body: form("text", "   "), status: 400,
			has: []string{`<html lang="ro" dir="ltr">`, "Vă rog să scrieți întrebarea.", `aria-invalid="true"`}},
		{name: "too long", method: "POST", path: "/it/chat", body: form("text", strings.Repeat("a", 2001)), status: 413,
			has: []string{"Il messaggio è troppo lungo. Scrivilo in al massimo 2000 caratteri."}},
		{name: "body too large", method: "POST", path: "/it/chat", body: form("text", strings.Repeat("a", 100_000)), status: 413,
			has: []string{"Il messaggio è troppo lungo."}},
		{name: "invalid utf-8", method: "POST", path: "/it/chat", body: "text=ciao%FF%FE", status: 400,
			has: []string{"caratteri che non riesco a leggere", "ciao\uFFFD"}},
		{name: "binary", method: "POST", path: "/it/chat", body: "text=%00%01%02%03PK%03%04", status: 400,
			has: []string{"caratteri che non riesco a leggere"}},
		{name: "cross-site post refused", method: "POST", path: "/it/chat", body: form("text", "ciao"), header: map[string]string{"Sec-Fetch-Site": "cross-site"}, status: 403,
			has: []string{"Non è stato possibile inviare il messaggio"}},
		{name: "post to unknown language", method: "POST", path: "/xx/chat", body: form("text", "ciao"), status: 404},
		{name: "unknown conversation", method: "GET", path: "/de/c/aaaaaaaaaaaaaaaaaaaaaaaaaa", status: 404,
			has: []string{`<html lang="de" dir="ltr">`, "Dieses Gespräch gibt es nicht"}},
		{name: "malformed conversation id", method: "GET", path: "/ar/c/..%2f..%2fetc", status: 404,
			has: []string{`<html lang="ar" dir="rtl">`, "هذه المحادثة غير موجودة"}},
		{name: "post to unknown conversation", method: "POST", path: "/it/c/aaaaaaaaaaaaaaaaaaaaaaaaaa", body: form("text", "ciao"), status: 404,
			has: []string{"Questa conversazione non esiste"}},
		{name: "own script", method: "GET", path: "/static/sportello.js", status: 200, has: []string{"EventSource"}},
		{name: "own css", method: "GET", path: "/static/sportello.css", status: 200, has: []string{".sp-messages"}},
		{name: "no directory listing", method: "GET", path: "/static/bi/css/", status: 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, srv.URL+tc.path, strings.NewReader(tc.body))
			if tc.method == "POST" {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			body := string(b)
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.status)
			}
			for _, s := range tc.has {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %q", s)
				}
			}
			for _, s := range tc.lacks {
				if strings.Contains(body, s) {
					t.Errorf("body has %q", s)
				}
			}
			if t.Failed() && len(body) < 20000 {
				t.Logf("body:\n%s", body)
			}
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	srv := newPageServer(t)
	resp, err := http.Get(srv.URL + "/it/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for k, want := range map[string]string{
		"Content-Security-Policy": "default-src 'self'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "strict-origin-when-cross-origin",
		"Content-Type":            "text/html; charset=utf-8",
	} {
		if got := resp.Header.Get(k); !strings.Contains(got, want) {
			t.Errorf("%s: %q, want it to contain %q", k, got, want)
		}
	}
	if got := resp.Header.Get("Content-Security-Policy"); !strings.Contains(got, "frame-ancestors 'self'") {
		t.Errorf("CSP %q lacks frame-ancestors 'self'", got)
	}
}
