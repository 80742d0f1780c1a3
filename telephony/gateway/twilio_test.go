package gateway_test

import (
	"context"
	"errors"
	"fmt"
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
	"github.com/sportello/sportello/telephony/sms"
	"github.com/sportello/sportello/telephony/sms/smstest"
)

var ctx = context.Background()

// TestTwilioSignatureVector checks the signature against the examples of
// Twilio's documentation: the request validation example (auth token
// 12345, as in twilio-go's and the helper libraries' tests) and the
// api-snippets variant.
func TestTwilioSignatureVector(t *testing.T) {
	const token, u = "12345", "https://mycompany.com/myapp.php?foo=1&bar=2"
	for _, tc := range []struct{ caller, want string }{
		{"+14158675309", "RSOYDt4T1cUTdK1PDd93/VVr8B8="},
		{"+14158675310", "GvWf1cFY/Q7PnoempGyD5oXAezc="},
	} {
		params := url.Values{"CallSid": {"CA1234567890ABCDE"}, "Caller": {tc.caller}, "Digits": {"1234"}, "From": {tc.caller}, "To": {"+18005551212"}}
		if got := gateway.TwilioSignature(token, u, params); got != tc.want {
			t.Errorf("signature %s, want %s", got, tc.want)
		}
		if !gateway.ValidTwilioSignature(token, u, params, tc.want) {
			t.Error("the documented signature is refused")
		}
		forged := []struct {
			name, token, url, sig string
			params                url.Values
		}{
			{"other token", "54321", u, tc.want, params},
			{"other URL", token, "https://mycompany.com/myapp.php?foo=1&bar=3", tc.want, params},
			{"changed parameter", token, u, tc.want, url.Values{"CallSid": {"CA1234567890ABCDE"}, "Caller": {tc.caller}, "Digits": {"1235"}, "From": {tc.caller}, "To": {"+18005551212"}}},
			{"added parameter", token, u, tc.want, url.Values{"CallSid": {"CA1234567890ABCDE"}, "Caller": {tc.caller}, "Digits": {"1234"}, "From": {tc.caller}, "To": {"+18005551212"}, "Body": {"x"}}},
			{"truncated signature", token, u, tc.want[:10], params},
			{"empty signature", token, u, "", params},
			{"empty token", "", u, tc.want, params},
		}
		for _, f := range forged {
			if gateway.ValidTwilioSignature(f.token, f.url, f.params, f.sig) {
				t.Errorf("%s: a forged signature is accepted", f.name)
			}
		}
	}
}

// twilioAPI is an httptest server speaking Twilio's Messages API: it
// checks the account's credentials and answers with a sid, or with the
// status fail returns.
type twilioAPI struct {
	*httptest.Server
	mu   sync.Mutex
	sent []url.Values
	fail func(url.Values) (int, string)
}

func newTwilioAPI(t *testing.T, sid, token string) *twilioAPI {
	api := &twilioAPI{}
	api.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, p, ok := r.BasicAuth()
		if r.Method != http.MethodPost || r.URL.Path != "/2010-04-01/Accounts/"+sid+"/Messages.json" {
			http.Error(w, `{"code":20404,"message":"not found"}`, http.StatusNotFound)
			return
		}
		if !ok || u != sid || p != token {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"code":20003,"message":"Authenticate"}`)
			return
		}
		r.ParseForm()
		if api.fail != nil {
			if status, body := api.fail(r.PostForm); status != 0 {
				w.WriteHeader(status)
				io.WriteString(w, body)
				return
			}
		}
		api.mu.Lock()
		api.sent = append(api.sent, r.PostForm)
		n := len(api.sent)
		api.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintf(w, `{"sid":"SM%032d","status":"queued","to":%q}`, n, r.PostForm.Get("To"))
	}))
	t.Cleanup(api.Close)
	return api
}

// channel is the SMS channel behind a real HTTP server, with one gateway
// mounted as the product mounts it.
type channel struct {
	*smstest.Harness
	srv *httptest.Server
}

func newChannel(t *testing.T, g gateway.Gateway) *channel {
	h := smstest.MustHarness(t, sms.Config{BaseURL: "https://sportello.example", HandoffPhone: "02 0202"}, nil)
	h.Worker.Senders[g.Name()] = g
	srv := httptest.NewServer(gateway.Mux([]gateway.Gateway{g}, h.Service, nil))
	t.Cleanup(srv.Close)
	return &channel{Harness: h, srv: srv}
}

func (c *channel) counts(t *testing.T) map[outbox.State]int {
	t.Helper()
	n, err := c.Store.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func postTwilio(t *testing.T, c *channel, tw *gateway.Twilio, path string, form url.Values, sig string) *http.Response {
	t.Helper()
	if sig == "" {
		sig = gateway.TwilioSignature(tw.AuthToken, tw.PublicURL+path, form)
	}
	req, _ := http.NewRequest(http.MethodPost, c.srv.URL+"/sms/twilio"+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if sig != "-" {
		req.Header.Set("X-Twilio-Signature", sig)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

func TestTwilioRoundTrip(t *testing.T) {
	const sid, token = "AC00000000000000000000000000000001", "tw-secret-token"
	api := newTwilioAPI(t, sid, token)
	tw := gateway.NewTwilio("twilio", sid, token, "https://sportello.example/sms/twilio", api.Client())
	tw.APIURL = api.URL
	c := newChannel(t, tw)

	in := url.Values{"MessageSid": {"SM1"}, "AccountSid": {sid}, "From": {"+393331112222"}, "To": {"+3940044001"},
		"Body": {"كيف أجدد بطاقة الهوية الإلكترونية؟"}, "NumSegments": {"1"}}
	if resp := postTwilio(t, c, tw, "/inbound", in, ""); resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/xml") {
		t.Fatalf("inbound: %s %s", resp.Status, resp.Header.Get("Content-Type"))
	}
	// Twilio retries a webhook it thinks failed: same sid, no second reply.
	if resp := postTwilio(t, c, tw, "/inbound", in, ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("replay: %s", resp.Status)
	}
	c.MustSendAll(t)
	if len(api.sent) != 1 {
		t.Fatalf("the API got %d messages", len(api.sent))
	}
	got := api.sent[0]
	if got.Get("To") != "+393331112222" || got.Get("From") != "+3940044001" || got.Get("StatusCallback") != "https://sportello.example/sms/twilio/receipt" {
		t.Errorf("sent %v", got)
	}
	if body := got.Get("Body"); telephony.Choose(body) != telephony.UCS2 || telephony.Segments(body).Segments > sms.DefaultMaxSegments {
		t.Errorf("Arabic reply %q", body)
	}
	m, _ := c.Store.MessageByKey(ctx, "re:"+firstInbound(t, c).ID)
	if len(m.GatewayIDs) != 1 || !strings.HasPrefix(m.GatewayIDs[0], "SM") {
		t.Fatalf("gateway ids %v", m.GatewayIDs)
	}
	status := url.Values{"MessageSid": {m.GatewayIDs[0]}, "MessageStatus": {"delivered"}, "AccountSid": {sid}}
	if resp := postTwilio(t, c, tw, "/receipt", status, ""); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("status callback: %s", resp.Status)
	}
	if m, _ := c.Store.Message(ctx, m.ID); m.State != outbox.Delivered {
		t.Errorf("after the delivered callback: %s", m.State)
	}
}

func firstInbound(t *testing.T, c *channel) *sms.InboundRecord {
	t.Helper()
	var id string
	if err := c.DB.DB().QueryRowContext(ctx, `SELECT id FROM sms_inbound ORDER BY created_at LIMIT 1`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	rec, err := c.Store.Inbound(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func TestTwilioForgedRequestsAreRefused(t *testing.T) {
	tw := gateway.NewTwilio("twilio", "AC1", "tw-secret-token", "https://sportello.example/sms/twilio", nil)
	c := newChannel(t, tw)
	in := url.Values{"MessageSid": {"SM1"}, "From": {"+393331112222"}, "To": {"44001"}, "Body": {"STOP"}}
	forger := gateway.NewTwilio("twilio", "AC1", "guessed-token", "https://sportello.example/sms/twilio", nil)
	cases := map[string]string{
		"no signature":           "-",
		"another token":          gateway.TwilioSignature(forger.AuthToken, tw.PublicURL+"/inbound", in),
		"signed for another URL": gateway.TwilioSignature(tw.AuthToken, "https://evil.example/sms/twilio/inbound", in),
		"garbage":                "!!!",
	}
	for name, sig := range cases {
		if resp := postTwilio(t, c, tw, "/inbound", in, sig); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: %s", name, resp.Status)
		}
	}
	receipt := url.Values{"MessageSid": {"SM1"}, "MessageStatus": {"undelivered"}}
	if resp := postTwilio(t, c, tw, "/receipt", receipt, "-"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("unsigned receipt: %s", resp.Status)
	}
	if p, _ := c.Store.PendingInbound(ctx, 10); len(p) != 0 {
		t.Error("a forged message was stored")
	}
	if on, _ := c.Store.Suppressed(ctx, c.Service.Vault.Pseudonym("+393331112222")); on {
		t.Error("a forged STOP was honoured")
	}
}

func TestTwilioBadInput(t *testing.T) {
	tw := gateway.NewTwilio("twilio", "AC1", "tw-secret-token", "https://sportello.example/sms/twilio", nil)
	c := newChannel(t, tw)
	cases := []struct {
		name   string
		form   url.Values
		status int
	}{
		{"no sid", url.Values{"From": {"+393331112222"}, "Body": {"x"}}, http.StatusBadRequest},
		{"alphanumeric sender", url.Values{"MessageSid": {"SM2"}, "From": {"Comune"}, "Body": {"x"}}, http.StatusBadRequest},
		{"10 kB body", url.Values{"MessageSid": {"SM3"}, "From": {"+393331112222"}, "Body": {strings.Repeat("carta d'identità ", 600)}}, http.StatusOK},
		{"100 kB body", url.Values{"MessageSid": {"SM4"}, "From": {"+393331112222"}, "Body": {strings.Repeat("x", 100<<10)}}, http.StatusRequestEntityTooLarge},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if resp := postTwilio(t, c, tw, "/inbound", tc.form, ""); resp.StatusCode != tc.status {
				t.Errorf("%s, want %d", resp.Status, tc.status)
			}
		})
	}
	// The 10 kB message was told to be shorter, once.
	if n := c.counts(t)[outbox.Queued]; n != 1 {
		t.Errorf("%d replies queued", n)
	}
}

func TestTwilioSendErrors(t *testing.T) {
	const sid, token = "AC2", "tok"
	api := newTwilioAPI(t, sid, token)
	tw := gateway.NewTwilio("twilio", sid, token, "https://sportello.example/sms/twilio", api.Client())
	tw.APIURL = api.URL
	for _, tc := range []struct {
		status    int
		body      string
		permanent bool
	}{
		{400, `{"code":21211,"message":"The 'To' number +393331112222 is not a valid phone number."}`, true},
		{401, `{"code":20003,"message":"Authenticate"}`, true},
		{429, `{"code":20429,"message":"Too Many Requests"}`, false},
		{500, `oops`, false},
	} {
		api.fail = func(url.Values) (int, string) { return tc.status, tc.body }
		_, err := tw.Submit(ctx, telephony.Outbound{ID: "x", To: "+393331112222", From: "44001", Text: "ciao"})
		if err == nil || errors.Is(err, outbox.ErrPermanent) != tc.permanent {
			t.Errorf("HTTP %d: %v (permanent %v)", tc.status, err, tc.permanent)
		}
	}
	wrong := gateway.NewTwilio("twilio", sid, "wrong", "", api.Client())
	wrong.APIURL = api.URL
	api.fail = nil
	if _, err := wrong.Submit(ctx, telephony.Outbound{ID: "x", To: "+39333", Text: "x"}); !errors.Is(err, outbox.ErrPermanent) {
		t.Errorf("bad credentials: %v", err)
	}
}
