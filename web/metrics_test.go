package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/chat/chattest"
	"github.com/sportello/sportello/web"
)

// scrape reads /metrics as Prometheus would and parses the text format.
func scrape(t *testing.T, url string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get(url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: %s", resp.Status)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("parsing /metrics: %v", err)
	}
	return fams
}

// sample returns the value of the counter (or the count of the
// histogram) of family name with exactly the labels given, or -1.
func sample(fams map[string]*dto.MetricFamily, name string, labels map[string]string) float64 {
	f := fams[name]
	if f == nil {
		return -1
	}
next:
	for _, m := range f.GetMetric() {
		if len(m.GetLabel()) != len(labels) {
			continue
		}
		for _, l := range m.GetLabel() {
			if labels[l.GetName()] != l.GetValue() {
				continue next
			}
		}
		switch {
		case m.GetCounter() != nil:
			return m.GetCounter().GetValue()
		case m.GetHistogram() != nil:
			return float64(m.GetHistogram().GetSampleCount())
		}
	}
	return -1
}

func TestMetrics(t *testing.T) {
	m := web.NewMetrics()
	s := &web.Server{Engine: chattest.MustDemoEngine(t), Metrics: m,
		Protection: web.Protection{Messages: web.Rate{PerSecond: 0.001, Burst: 2}}}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)

	for range 3 {
		resp, err := http.Post(srv.URL+"/api/v1/ask", "application/json", strings.NewReader(`{"text":"come rinnovo la carta d'identità elettronica?"}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	for _, path := range []string{"/it/", "/nope/at/all"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	// What the chat service and the SMS channel report.
	m.ObserveTurn("web", "ro", string(chat.Handoff), string(chat.ReasonExplicit), 3*time.Millisecond)
	m.ObserveTurn("web", "ro", string(chat.Handoff), string(chat.ReasonExplicit), 2*time.Millisecond)
	m.ObserveDecision("sms", &chat.Decision{Kind: chat.Answer, Reason: chat.ReasonConfident, Lang: "ar"}, time.Millisecond)
	m.ObserveQueueWait("web", 40*time.Second)
	m.ObserveSMSIn("smpp")
	m.ObserveSMSOut("smpp", 3)
	m.ObserveSMSFailed("smpp", "undelivered")

	fams := scrape(t, srv.URL)
	for _, tc := range []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"sportello_http_requests_total", map[string]string{"route": "POST /api/v1/ask", "method": "POST", "code": "200"}, 2},
		{"sportello_http_requests_total", map[string]string{"route": "POST /api/v1/ask", "method": "POST", "code": "429"}, 1},
		{"sportello_http_requests_total", map[string]string{"route": "GET /{lang}/{$}", "method": "GET", "code": "200"}, 1},
		{"sportello_http_requests_total", map[string]string{"route": "unmatched", "method": "GET", "code": "404"}, 1},
		{"sportello_http_request_duration_seconds", map[string]string{"route": "POST /api/v1/ask", "method": "POST"}, 3},
		{"sportello_http_rate_limited_total", map[string]string{"budget": "messages"}, 1},
		{"sportello_turns_total", map[string]string{"channel": "web"}, 2},
		{"sportello_turns_total", map[string]string{"channel": "sms"}, 1},
		{"sportello_turn_duration_seconds", map[string]string{"channel": "web"}, 2},
		{"sportello_decisions_total", map[string]string{"channel": "web", "kind": "handoff", "lang": "ro"}, 2},
		{"sportello_decisions_total", map[string]string{"channel": "sms", "kind": "answer", "lang": "ar"}, 1},
		{"sportello_handoffs_total", map[string]string{"channel": "web", "reason": "explicit_request"}, 2},
		{"sportello_queue_wait_seconds", map[string]string{"channel": "web"}, 1},
		{"sportello_sms_received_total", map[string]string{"gateway": "smpp"}, 1},
		{"sportello_sms_sent_total", map[string]string{"gateway": "smpp"}, 1},
		{"sportello_sms_sent_parts_total", map[string]string{"gateway": "smpp"}, 3},
		{"sportello_sms_failed_total", map[string]string{"gateway": "smpp", "reason": "undelivered"}, 1},
	} {
		if got := sample(fams, tc.name, tc.labels); got != tc.want {
			t.Errorf("%s%v = %v, want %v", tc.name, tc.labels, got, tc.want)
		}
	}
	if sample(fams, "sportello_handoffs_total", map[string]string{"channel": "sms", "reason": "confident"}) != -1 {
		t.Error("an answer was counted as a handoff")
	}
	for _, name := range []string{"go_goroutines", "process_resident_memory_bytes"} {
		if fams[name] == nil {
			t.Errorf("/metrics lacks %s", name)
		}
	}
}

func TestMetricsOnlyForAllowedNetworks(t *testing.T) {
	s := &web.Server{Engine: chattest.MustDemoEngine(t), Metrics: web.NewMetrics(),
		Protection: web.Protection{MetricsFrom: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("/metrics from loopback with only 10.0.0.0/8 allowed: %d, want 404", resp.StatusCode)
	}
}

func TestNilMetricsRecordNothing(t *testing.T) {
	var m *web.Metrics
	// None of these may panic: channels call them without checking.
	m.ObserveTurn("web", "it", "answer", "confident", time.Millisecond)
	m.ObserveDecision("web", &chat.Decision{}, time.Millisecond)
	m.ObserveQueueWait("web", time.Second)
	m.ObserveSMSIn("smpp")
	m.ObserveSMSOut("smpp", 1)
	m.ObserveSMSFailed("smpp", "submit")
	if m.Registry() != nil {
		t.Error("a nil Metrics has a registry")
	}
	s := &web.Server{Engine: chattest.MustDemoEngine(t)}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	req, _ := http.NewRequestWithContext(context.Background(), "GET", srv.URL+"/metrics", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("/metrics without Metrics: %d, want 404", resp.StatusCode)
	}
}
