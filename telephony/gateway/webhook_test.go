package gateway_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/gateway"
	"github.com/sportello/sportello/telephony/outbox"
)

func postSigned(t *testing.T, url string, secret []byte, at time.Time, body []byte) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if secret != nil {
		req.Header.Set(gateway.SignatureHeader, gateway.Sign(secret, at, body))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func TestWebhookRoundTrip(t *testing.T) {
	secret := []byte("shared-secret")
	// The aggregator: checks our signature and answers with its id.
	var got []gateway.OutboundJSON
	agg := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := gateway.Verify(secret, r.Header.Get(gateway.SignatureHeader), body, time.Now()); err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		var m gateway.OutboundJSON
		json.Unmarshal(body, &m)
		got = append(got, m)
		w.Write([]byte(`{"message_ids":["agg-1","agg-2"]}`))
	}))
	defer agg.Close()
	g := gateway.NewWebhook("agg", agg.URL, secret, agg.Client())
	c := newChannel(t, g)
	in := mustJSON(gateway.InboundJSON{ID: "a1", From: "+393331112222", To: "44001", Text: "电子身份证怎么更新？"})
	for range 2 {
		if resp := postSigned(t, c.srv.URL+"/sms/agg/inbound", secret, time.Now(), in); resp.StatusCode != http.StatusAccepted {
			t.Fatalf("inbound: %s", resp.Status)
		}
	}
	c.MustSendAll(t)
	if len(got) != 1 || got[0].To != "+393331112222" || got[0].From != "44001" || got[0].Encoding != "UCS-2" || got[0].Segments < 1 {
		t.Fatalf("sent %+v", got)
	}
	m, err := c.Store.MessageByKey(ctx, "re:"+firstInbound(t, c).ID)
	if err != nil || len(m.GatewayIDs) != 2 {
		t.Fatalf("%+v %v", m, err)
	}
	for _, id := range m.GatewayIDs {
		r := mustJSON(gateway.ReceiptJSON{MessageID: id, Status: "delivered"})
		if resp := postSigned(t, c.srv.URL+"/sms/agg/receipt", secret, time.Now(), r); resp.StatusCode != http.StatusNoContent {
			t.Fatalf("receipt: %s", resp.Status)
		}
	}
	if m, _ := c.Store.Message(ctx, m.ID); m.State != outbox.Delivered {
		t.Errorf("after both receipts: %s", m.State)
	}
}

func TestWebhookRefusals(t *testing.T) {
	secret := []byte("shared-secret")
	g := gateway.NewWebhook("agg", "http://127.0.0.1:1/unused", secret, nil)
	c := newChannel(t, g)
	good := mustJSON(gateway.InboundJSON{ID: "a1", From: "+393331112222", Text: "STOP"})
	cases := []struct {
		name   string
		secret []byte
		at     time.Time
		path   string
		body   []byte
		status int
	}{
		{"unsigned", nil, time.Now(), "inbound", good, http.StatusForbidden},
		{"wrong secret", []byte("guess"), time.Now(), "inbound", good, http.StatusForbidden},
		{"replayed an hour later", secret, time.Now().Add(-time.Hour), "inbound", good, http.StatusForbidden},
		{"not JSON", secret, time.Now(), "inbound", []byte("from=+39333"), http.StatusBadRequest},
		{"no id", secret, time.Now(), "inbound", mustJSON(gateway.InboundJSON{From: "+393331112222", Text: "x"}), http.StatusBadRequest},
		{"sender not a number", secret, time.Now(), "inbound", mustJSON(gateway.InboundJSON{ID: "b", From: "ANONIMO", Text: "x"}), http.StatusBadRequest},
		{"100 kB", secret, time.Now(), "inbound", mustJSON(gateway.InboundJSON{ID: "c", From: "+393331112222", Text: strings.Repeat("x", 100<<10)}), http.StatusRequestEntityTooLarge},
		{"unknown receipt status", secret, time.Now(), "receipt", mustJSON(gateway.ReceiptJSON{MessageID: "x", Status: "lost"}), http.StatusBadRequest},
		{"receipt for an unknown message", secret, time.Now(), "receipt", mustJSON(gateway.ReceiptJSON{MessageID: "x", Status: "delivered"}), http.StatusNoContent},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if resp := postSigned(t, c.srv.URL+"/sms/agg/"+tc.path, tc.secret, tc.at, tc.body); resp.StatusCode != tc.status {
				t.Errorf("%s, want %d", resp.Status, tc.status)
			}
		})
	}
	if p, _ := c.Store.PendingInbound(ctx, 10); len(p) != 0 {
		t.Error("a refused message is pending")
	}
	if on, _ := c.Store.Suppressed(ctx, c.Service.Vault.Pseudonym("+393331112222")); on {
		t.Error("a refused STOP was honoured")
	}
	if resp, _ := http.Get(c.srv.URL + "/sms/nope/inbound"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown gateway: %s", resp.Status)
	}
}

func TestWebhookSendErrors(t *testing.T) {
	status := 0
	agg := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
		io.WriteString(w, `{"error":"no"}`)
	}))
	defer agg.Close()
	g := gateway.NewWebhook("agg", agg.URL, []byte("s"), agg.Client())
	for _, tc := range []struct {
		status    int
		permanent bool
	}{{400, true}, {403, true}, {408, false}, {429, false}, {502, false}} {
		status = tc.status
		_, err := g.Submit(ctx, telephony.Outbound{ID: "x", To: "+39333", Text: "t"})
		if err == nil || errors.Is(err, outbox.ErrPermanent) != tc.permanent {
			t.Errorf("HTTP %d: %v", tc.status, err)
		}
	}
	status = 200
	if ids, err := g.Submit(ctx, telephony.Outbound{ID: "ours", To: "+39333", Text: "t"}); err != nil || len(ids) != 1 || ids[0] != "ours" {
		t.Errorf("no id in the answer: %v %v", ids, err)
	}
	agg.Close()
	if _, err := g.Submit(ctx, telephony.Outbound{ID: "x", To: "+39333", Text: "t"}); err == nil || errors.Is(err, outbox.ErrPermanent) || strings.Contains(err.Error(), agg.URL) {
		t.Errorf("gateway down: %v", err)
	}
}

func TestSignature(t *testing.T) {
	s := []byte("k")
	now := time.Unix(1_700_000_000, 0)
	h := gateway.Sign(s, now, []byte("body"))
	if err := gateway.Verify(s, h, []byte("body"), now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		header string
		body   string
		at     time.Time
	}{
		"other body":   {h, "bodY", now},
		"too old":      {h, "body", now.Add(gateway.MaxSkew + time.Second)},
		"from future":  {h, "body", now.Add(-gateway.MaxSkew - time.Second)},
		"no v1":        {"t=1700000000", "body", now},
		"no t":         {"v1=00", "body", now},
		"not hex":      {"t=1700000000,v1=zz", "body", now},
		"empty header": {"", "body", now},
	} {
		if err := gateway.Verify(s, tc.header, []byte(tc.body), tc.at); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestDemoHandset(t *testing.T) {
	secret := []byte("demo-secret")
	d := gateway.NewDemo("demo", secret)
	c := newChannel(t, d)
	in := mustJSON(gateway.InboundJSON{ID: "d1", From: "+393331112222", To: "44001", Text: "AIUTO"})
	if resp := postSigned(t, c.srv.URL+"/sms/demo/inbound", secret, time.Now(), in); resp.StatusCode != http.StatusAccepted {
		t.Fatalf("inbound: %s", resp.Status)
	}
	fetch := func(q string, sign bool) (int, []gateway.HandsetMessage) {
		req, _ := http.NewRequest(http.MethodGet, c.srv.URL+"/sms/demo/handset?"+q, nil)
		if sign {
			req.Header.Set(gateway.SignatureHeader, gateway.Sign(secret, time.Now(), []byte(q)))
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var msgs []gateway.HandsetMessage
		json.NewDecoder(resp.Body).Decode(&msgs)
		return resp.StatusCode, msgs
	}
	if status, _ := fetch("number=%2B393331112222&after=0", false); status != http.StatusForbidden {
		t.Errorf("unsigned handset read: %d", status)
	}
	if _, msgs := fetch("number=%2B393331112222&after=0", true); len(msgs) != 0 {
		t.Fatalf("before the worker ran: %+v", msgs)
	}
	c.MustSendAll(t)
	_, msgs := fetch("number=%2B393331112222&after=0&wait=1s", true)
	if len(msgs) != 1 || msgs[0].Seq != 1 || !strings.Contains(msgs[0].Text, "OPERATORE") || msgs[0].From != "44001" {
		t.Fatalf("handset %+v", msgs)
	}
	// The demo reports delivery: the outbox shows it.
	if n := c.counts(t); n[outbox.Delivered] != 1 {
		t.Errorf("counts %v", n)
	}
}
