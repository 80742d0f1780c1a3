package web

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sportello/sportello/chat/chattest"
)

func TestLimiter(t *testing.T) {
	l := newLimiter(Rate{PerSecond: 2, Burst: 3})
	a, b := netip.MustParseAddr("192.0.2.1"), netip.MustParseAddr("192.0.2.2")
	t0 := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := range 3 {
		if ok, _ := l.allow(a, t0); !ok {
			t.Fatalf("request %d of a burst of 3 refused", i+1)
		}
	}
	ok, wait := l.allow(a, t0)
	if ok || wait != 500*time.Millisecond {
		t.Errorf("4th request: allowed %v, wait %v; want refused, 500ms", ok, wait)
	}
	if ok, _ := l.allow(b, t0); !ok {
		t.Error("another client is refused")
	}
	if ok, _ := l.allow(a, t0.Add(499*time.Millisecond)); ok {
		t.Error("allowed before a token is back")
	}
	if ok, _ := l.allow(a, t0.Add(1000*time.Millisecond)); !ok {
		t.Error("refused after a token is back")
	}
	// Idle clients whose buckets have refilled are forgotten.
	l.sweep(t0.Add(time.Hour))
	if len(l.buckets) != 0 {
		t.Errorf("%d buckets kept after an hour idle", len(l.buckets))
	}
}

func TestClientAddr(t *testing.T) {
	proxies, err := ParseTrustedProxies("10.0.0.0/8, 192.0.2.7 ,::1")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, remote string
		xff          []string
		trusted      bool
		want         string
	}{
		{"direct", "198.51.100.4:5000", nil, true, "198.51.100.4"},
		{"header from an untrusted peer is ignored", "198.51.100.4:5000", []string{"203.0.113.9"}, true, "198.51.100.4"},
		{"header ignored without trusted proxies", "10.1.2.3:5000", []string{"203.0.113.9"}, false, "10.1.2.3"},
		{"one trusted proxy", "10.1.2.3:5000", []string{"203.0.113.9"}, true, "203.0.113.9"},
		{"client spoofs a hop before the proxy", "10.1.2.3:5000", []string{"1.2.3.4, 203.0.113.9"}, true, "203.0.113.9"},
		{"two trusted proxies", "10.1.2.3:5000", []string{"203.0.113.9, 192.0.2.7"}, true, "203.0.113.9"},
		{"several headers", "10.1.2.3:5000", []string{"1.2.3.4", "203.0.113.9"}, true, "203.0.113.9"},
		{"garbage stops at the last trusted hop", "10.1.2.3:5000", []string{"203.0.113.9, junk, 10.9.9.9"}, true, "10.9.9.9"},
		{"only proxies", "10.1.2.3:5000", []string{"10.4.4.4"}, true, "10.4.4.4"},
		{"ipv6 client with port", "[::1]:5000", []string{"[2001:db8::5]:4321"}, true, "2001:db8::5"},
		{"ipv4-mapped peer", "[::ffff:10.1.2.3]:5000", []string{"203.0.113.9"}, true, "203.0.113.9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &Server{}
			if tc.trusted {
				s.Protection.TrustedProxies = proxies
			}
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tc.remote
			for _, h := range tc.xff {
				r.Header.Add("X-Forwarded-For", h)
			}
			if got := s.clientAddr(r); got.String() != tc.want {
				t.Errorf("client %s, want %s", got, tc.want)
			}
		})
	}
	if _, err := ParseTrustedProxies("10.0.0.0/33"); err == nil {
		t.Error("a bad prefix is accepted")
	}
	if _, err := ParseTrustedProxies("proxy.example"); err == nil {
		t.Error("a host name is accepted")
	}
}

func TestClientKeyGroupsIPv6(t *testing.T) {
	s := &Server{}
	key := func(remote string) netip.Addr {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = remote
		return s.clientKey(r)
	}
	if key("[2001:db8:1:2::a]:1") != key("[2001:db8:1:2:ffff::b]:2") {
		t.Error("two addresses of one IPv6 /64 are different clients")
	}
	if key("[2001:db8:1:2::a]:1") == key("[2001:db8:1:3::a]:1") {
		t.Error("two IPv6 /64s are one client")
	}
}

// TestFlood floods the server from one client, told apart by a trusted
// proxy's X-Forwarded-For, and checks that it alone is refused.
func TestFlood(t *testing.T) {
	s := &Server{
		Engine: chattest.MustDemoEngine(t),
		Protection: Protection{
			Messages:       Rate{PerSecond: 0.001, Burst: 3},
			Requests:       Rate{PerSecond: 0.001, Burst: 5},
			TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")},
		},
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	do := func(client, method, path, body string, header ...string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		req.Header.Set("X-Forwarded-For", client)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	const ask = `{"text":"come rinnovo la carta d'identità elettronica?"}`
	flooder, other := "203.0.113.1", "203.0.113.2"
	for i := range 3 {
		if resp, body := do(flooder, "POST", "/api/v1/ask", ask); resp.StatusCode != 200 {
			t.Fatalf("message %d within the burst: %d %s", i+1, resp.StatusCode, body)
		}
	}
	resp, body := do(flooder, "POST", "/api/v1/ask", ask, "Accept-Language", "ro")
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("4th message: %d, want 429", resp.StatusCode)
	}
	if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || secs < 1 {
		t.Errorf("Retry-After %q, want whole seconds", resp.Header.Get("Retry-After"))
	}
	var refusal map[string]string
	if err := json.Unmarshal([]byte(body), &refusal); err != nil || refusal["lang"] != "ro" || !strings.Contains(refusal["error"], "Prea multe") {
		t.Errorf("API refusal %s, want Romanian JSON", body)
	}
	// A page in Arabic is refused in Arabic, right to left.
	resp, body = do(flooder, "POST", "/ar/chat", "text=hello", "Content-Type", "application/x-www-form-urlencoded")
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, `<html lang="ar" dir="rtl">`) || !strings.Contains(body, "طلبات كثيرة") {
		t.Errorf("page refusal: %d\n%s", resp.StatusCode, body)
	}
	// The flooder may still read pages: the budgets are separate.
	if resp, _ := do(flooder, "GET", "/it/", ""); resp.StatusCode != 200 {
		t.Errorf("page after a message flood: %d, want 200", resp.StatusCode)
	}
	// Another client is not affected.
	if resp, body := do(other, "POST", "/api/v1/ask", ask); resp.StatusCode != 200 {
		t.Errorf("another client: %d %s", resp.StatusCode, body)
	}
	// Probes are never limited.
	for range 10 {
		if resp, _ := do(flooder, "GET", "/healthz", ""); resp.StatusCode != 200 {
			t.Fatalf("healthz limited: %d", resp.StatusCode)
		}
	}
}

// TestSpoofedForwardedFor checks that a client cannot escape its budget
// by inventing X-Forwarded-For addresses when no proxy is trusted.
func TestSpoofedForwardedFor(t *testing.T) {
	s := &Server{Engine: chattest.MustDemoEngine(t), Protection: Protection{Messages: Rate{PerSecond: 0.001, Burst: 2}}}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	codes := map[int]int{}
	for i := range 6 {
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/ask", strings.NewReader(`{"text":"ciao"}`))
		req.Header.Set("X-Forwarded-For", "198.51.100."+strconv.Itoa(i))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		codes[resp.StatusCode]++
	}
	if codes[http.StatusTooManyRequests] != 4 {
		t.Errorf("statuses %v, want 4 refusals of 6", codes)
	}
}

func TestSizeLimitsAndHeaders(t *testing.T) {
	s := &Server{Engine: chattest.MustDemoEngine(t), Protection: Protection{MaxBody: 100 << 10, Unlimited: true}}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	for _, tc := range []struct {
		name, method, path, body string
		status                   int
	}{
		{"body over the server limit, api", "POST", "/api/v1/ask", strings.Repeat("a", 200<<10), 413},
		{"body over the server limit, page", "POST", "/it/chat", "text=" + strings.Repeat("a", 200<<10), 413},
		{"long uri", "GET", "/it/?q=" + strings.Repeat("a", 9000), "", 414},
		{"ordinary page", "GET", "/it/", "", 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, srv.URL+tc.path, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.status)
			}
			for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Permissions-Policy", "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy"} {
				if resp.Header.Get(h) == "" {
					t.Errorf("no %s header", h)
				}
			}
		})
	}
}
