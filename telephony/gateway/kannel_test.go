package gateway_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/gateway"
	"github.com/sportello/sportello/telephony/outbox"
)

// sendsms is an httptest server answering like Kannel's smsbox sendsms.
type sendsms struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []url.Values
}

func newSendSMS(t *testing.T) *sendsms {
	s := &sendsms{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if r.URL.Path != "/cgi-bin/sendsms" || q.Get("username") != "sportello" || q.Get("password") != "pw" {
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, "Authorization failed for sendsms")
			return
		}
		s.mu.Lock()
		s.reqs = append(s.reqs, q)
		s.mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
		io.WriteString(w, "0: Accepted for delivery")
	}))
	t.Cleanup(s.Close)
	return s
}

func getKannel(t *testing.T, u string) int {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

func TestKannelRoundTrip(t *testing.T) {
	ss := newSendSMS(t)
	k := gateway.NewKannel("kannel", ss.URL+"/cgi-bin/sendsms", "sportello", "pw", "tok3n", "", ss.Client())
	c := newChannel(t, k)
	k.PublicURL = c.srv.URL + "/sms/kannel"
	// Kannel fills the get-url's escape codes; %a arrives as UTF-8.
	in := url.Values{"token": {"tok3n"}, "from": {"+393331112222"}, "to": {"44001"}, "text": {"كيف أجدد بطاقة الهوية الإلكترونية؟"},
		"id": {"6b0c-uuid"}, "ts": {"1767225600"}, "smsc": {"fake"}, "coding": {"2"}, "charset": {"UTF-8"}}
	for range 2 {
		if status := getKannel(t, c.srv.URL+"/sms/kannel/inbound?"+in.Encode()); status != http.StatusOK {
			t.Fatalf("inbound: %d", status)
		}
	}
	c.MustSendAll(t)
	if len(ss.reqs) != 1 {
		t.Fatalf("sendsms got %d requests", len(ss.reqs))
	}
	q := ss.reqs[0]
	if q.Get("to") != "+393331112222" || q.Get("from") != "44001" || q.Get("charset") != "UTF-8" || q.Get("coding") != "2" || q.Get("dlr-mask") != "31" {
		t.Errorf("sendsms query %v", q)
	}
	if telephony.Choose(q.Get("text")) != telephony.UCS2 {
		t.Errorf("text %q", q.Get("text"))
	}
	dlr := q.Get("dlr-url")
	if !strings.HasPrefix(dlr, k.PublicURL+"/receipt?") || !strings.Contains(dlr, "type=%d") {
		t.Fatalf("dlr-url %q", dlr)
	}
	// Kannel calls the dlr-url with its escape codes replaced: %d by the
	// report type, 8 (SMSC ack) then 1 (delivered), %A by the SMSC's
	// report.
	call := func(typ, sig string) int {
		u := strings.NewReplacer("%d", typ, "%A", url.QueryEscape("id:123 sub:001 dlvrd:001 stat:DELIVRD err:000")).Replace(dlr)
		if sig != "" {
			p, _ := url.Parse(u)
			v := p.Query()
			v.Set("sig", sig)
			p.RawQuery = v.Encode()
			u = p.String()
		}
		return getKannel(t, strings.Replace(u, k.PublicURL, c.srv.URL+"/sms/kannel", 1))
	}
	if status := call("8", ""); status != http.StatusOK {
		t.Fatalf("dlr: %d", status)
	}
	p, _ := url.Parse(dlr)
	id := p.Query().Get("msg")
	if m, _ := c.Store.Message(ctx, id); m.State != outbox.Submitted || m.Delivery != telephony.Accepted {
		t.Errorf("after the SMSC ack: %s %s", m.State, m.Delivery)
	}
	if status := call("1", "forged"); status != http.StatusForbidden {
		t.Errorf("forged dlr: %d", status)
	}
	call("1", "")
	if m, _ := c.Store.Message(ctx, id); m.State != outbox.Delivered {
		t.Errorf("after delivery: %s", m.State)
	}
}

func TestKannelInbound(t *testing.T) {
	k := gateway.NewKannel("kannel", "http://127.0.0.1:1/cgi-bin/sendsms", "sportello", "pw", "tok3n", "http://x/sms/kannel", nil)
	c := newChannel(t, k)
	ucs2 := string(telephony.EncodeUCS2("帮助"))
	cases := []struct {
		name   string
		q      url.Values
		status int
	}{
		{"no token", url.Values{"from": {"+393331112222"}, "id": {"1"}, "text": {"AIUTO"}}, http.StatusForbidden},
		{"wrong token", url.Values{"token": {"guess"}, "from": {"+393331112222"}, "id": {"2"}, "text": {"AIUTO"}}, http.StatusForbidden},
		{"no sender", url.Values{"token": {"tok3n"}, "id": {"3"}, "text": {"AIUTO"}}, http.StatusBadRequest},
		{"UCS-2 not recoded", url.Values{"token": {"tok3n"}, "from": {"+393330000001"}, "id": {"4"}, "text": {ucs2}, "charset": {"UTF-16BE"}}, http.StatusOK},
		{"odd UCS-2", url.Values{"token": {"tok3n"}, "from": {"+393330000002"}, "id": {"5"}, "text": {"\x00"}, "charset": {"UTF-16BE"}}, http.StatusOK},
		{"Latin-1", url.Values{"token": {"tok3n"}, "from": {"+393330000003"}, "id": {"6"}, "text": {"perch\xe9"}, "charset": {"ISO-8859-1"}}, http.StatusOK},
	}
	for _, tc := range cases {
		if status := getKannel(t, c.srv.URL+"/sms/kannel/inbound?"+tc.q.Encode()); status != tc.status {
			t.Errorf("%s: %d, want %d", tc.name, status, tc.status)
		}
	}
	pending, _ := c.Store.PendingInbound(ctx, 10)
	if len(pending) != 0 {
		t.Errorf("%d left pending", len(pending))
	}
	texts := map[string]string{}
	rows, _ := c.DB.DB().QueryContext(ctx, `SELECT carrier_id, text, outcome FROM sms_inbound`)
	for rows.Next() {
		var id, text, outcome string
		rows.Scan(&id, &text, &outcome)
		texts[id] = text + "|" + outcome
	}
	rows.Close()
	want := map[string]string{"4": "帮助|keyword", "5": "\uFFFD|refused", "6": "perché|reply"}
	for id, w := range want {
		if texts[id] != w {
			t.Errorf("carrier id %s: %q, want %q", id, texts[id], w)
		}
	}
}
