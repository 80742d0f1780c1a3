package cti_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/chat/chattest"
	chatsqlite "github.com/sportello/sportello/chat/sqlite"
	"github.com/sportello/sportello/telephony/cti"
	ctisqlite "github.com/sportello/sportello/telephony/cti/sqlite"
	"github.com/sportello/sportello/telephony/sms"
)

// rig is the real service on the demo knowledge base, with callbacks on
// SQLite beside the conversations and a real vault.
type rig struct {
	svc   *chat.Service
	store *ctisqlite.Store
	desk  *cti.Desk
	vault *sms.Vault
}

func mustVault(t *testing.T) *sms.Vault {
	t.Helper()
	v, err := sms.NewVault(bytes.Repeat([]byte{1}, sms.KeySize), bytes.Repeat([]byte{2}, sms.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func newRig(t *testing.T, hours chat.Hours) *rig {
	t.Helper()
	svc := chattest.MustDemoService(t)
	st, err := ctisqlite.New(context.Background(), svc.Store.(*chatsqlite.Store).DB())
	if err != nil {
		t.Fatal(err)
	}
	v := mustVault(t)
	desk := &cti.Desk{Store: st, Sealer: v, Pseudonyms: v}
	svc.Callbacks = &chat.Callbacks{Hours: hours, Queue: desk}
	return &rig{svc: svc, store: st, desk: desk, vault: v}
}

// closed is a schedule that is never open.
type closed struct{}

func (closed) Opening(context.Context, *chat.Ticket, time.Time) (chat.Opening, error) {
	return chat.Opening{}, nil
}

func (r *rig) handoff(t *testing.T, c chat.Conversation, text string) (*chat.Conversation, *chat.Ticket) {
	t.Helper()
	if err := r.svc.Start(context.Background(), &c); err != nil {
		t.Fatal(err)
	}
	out, err := r.svc.Post(context.Background(), c.ID, chat.Message{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if out.Ticket == nil {
		t.Fatalf("%q made no handoff: %+v", text, out.Decision)
	}
	return &c, out.Ticket
}

const (
	goodKey  = "k-asterisk-0123456789"
	otherKey = "k-genesys-9876543210"
)

func newAPI(t *testing.T, r *rig, now time.Time) *httptest.Server {
	t.Helper()
	keys, err := cti.ParseKeys("asterisk:" + cti.HashKey(goodKey) + ", genesys:" + cti.HashKey(otherKey))
	if err != nil {
		t.Fatal(err)
	}
	api := &cti.API{Chat: r.svc.Store, Callbacks: r.store, Desk: r.desk, Pseudonyms: r.vault, Keys: keys,
		ConsoleURL: "https://sportello.example.it/", Now: func() time.Time { return now }, Rate: cti.Rate{PerSecond: 0.01, Burst: 20}}
	srv := httptest.NewServer(api.Handler())
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, srv *httptest.Server, path, key string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", key)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s: content type %q", path, ct)
	}
	return resp.StatusCode, resp.Header, body
}

func TestLookupByCode(t *testing.T) {
	r := newRig(t, closed{})
	_, tk := r.handoff(t, chat.Conversation{Channel: chat.ChannelWeb, Lang: "ro", LangChosen: true}, "Vreau să vorbesc cu un operator, vă rog")
	srv := newAPI(t, r, tk.CreatedAt.Add(95*time.Second))

	for _, path := range []string{"/api/v1/cti/tickets/" + tk.Code, "/api/v1/cti/tickets/" + url.PathEscape(chat.FormatCode(tk.Code)),
		"/api/v1/cti/tickets/" + tk.Code[:4] + "-" + tk.Code[4:]} {
		status, _, body := get(t, srv, path, "Bearer "+goodKey)
		if status != http.StatusOK {
			t.Fatalf("%s: %d %s", path, status, body)
		}
		var c cti.Context
		if err := json.Unmarshal(body, &c); err != nil {
			t.Fatal(err)
		}
		if c.Code != tk.Code || c.CodeDisplay != chat.FormatCode(tk.Code) || c.State != chat.TicketWaiting || c.Language != "ro" ||
			c.Channel != chat.ChannelWeb || c.Reason != chat.ReasonExplicit || c.MatchedBy != "code" || c.WaitSeconds != 95 {
			t.Errorf("%s: context %+v", path, c)
		}
		if c.ConsoleURL != "https://sportello.example.it/staff/t/"+tk.Code {
			t.Errorf("console link %q", c.ConsoleURL)
		}
		if c.Conversation.State != chat.StateWaiting || c.Conversation.Language != "ro" {
			t.Errorf("conversation %+v", c.Conversation)
		}
		var roles []chat.Role
		for _, ti := range c.Transcript {
			roles = append(roles, ti.Role)
		}
		if diff := cmp.Diff([]chat.Role{chat.RoleCitizen, chat.RoleBot}, roles); diff != "" {
			t.Errorf("transcript roles (-want +got):\n%s", diff)
		}
		if c.Transcript[0].Text != "Vreau să vorbesc cu un operator, vă rog" || c.Transcript[1].Decision != chat.Handoff {
			t.Errorf("transcript %+v", c.Transcript)
		}
		if c.Bot == nil || c.Bot.Decision != chat.Handoff || c.Bot.Reason != chat.ReasonExplicit {
			t.Errorf("bot %+v", c.Bot)
		}
	}

	// The context follows the handoff: claimed, the wait stops.
	if _, err := r.svc.Claim(context.Background(), tk.Code, "anna"); err != nil {
		t.Fatal(err)
	}
	_, _, body := get(t, srv, "/api/v1/cti/tickets/"+tk.Code, "Bearer "+otherKey)
	var c cti.Context
	json.Unmarshal(body, &c)
	if c.State != chat.TicketClaimed || c.ClaimedBy != "anna" || c.ClaimedAt == nil || len(c.Transcript) != 3 {
		t.Errorf("after the claim: %+v", c)
	}
}

// The bot's findings travel with the handoff: a question it could not
// answer confidently carries the entries it retrieved, with scores.
func TestLookupCarriesTheHits(t *testing.T) {
	r := newRig(t, closed{})
	_, tk := r.handoff(t, chat.Conversation{Lang: "it", LangChosen: true}, "il drone del vicino sorvola il mio giardino")
	srv := newAPI(t, r, time.Now())
	_, _, body := get(t, srv, "/api/v1/cti/tickets/"+tk.Code, "Bearer "+goodKey)
	var c cti.Context
	json.Unmarshal(body, &c)
	if c.Bot == nil {
		t.Fatalf("no bot findings: %s", body)
	}
	if c.Bot.Reason != chat.ReasonLowConfidence || tk.Reason != chat.ReasonLowConfidence || len(c.Bot.Hits) == 0 {
		t.Errorf("bot %+v, handoff reason %q", c.Bot, tk.Reason)
	}
	for _, h := range c.Bot.Hits {
		if h.EntryID == "" || h.Confidence <= 0 {
			t.Errorf("hit %+v", h)
		}
	}
}

func TestLookupByCaller(t *testing.T) {
	r := newRig(t, closed{})
	// The SMS channel keys the conversation by the pseudonym of the
	// number as the gateway delivered it.
	_, smsTicket := r.handoff(t, chat.Conversation{Channel: chat.ChannelSMS, Contact: r.vault.Pseudonym("+393331234567"), Lang: "it", LangChosen: true},
		"voglio parlare con un operatore")
	// A web citizen leaves a landline number for a callback.
	webConv, webTicket := r.handoff(t, chat.Conversation{Channel: chat.ChannelWeb, Lang: "en", LangChosen: true}, "I want to talk to a person")
	if out, err := r.svc.Post(context.Background(), webConv.ID, chat.Message{Text: "my number is 06 1234 5678"}); err != nil || out.Reply == nil {
		t.Fatalf("callback request: %+v, %v", out, err)
	}
	srv := newAPI(t, r, time.Now())

	for _, tc := range []struct {
		ani, code, by, number string
	}{
		{"+393331234567", smsTicket.Code, "sms", ""},
		{"393331234567", smsTicket.Code, "sms", ""},
		{"333 123 4567", smsTicket.Code, "sms", ""},
		{"+390612345678", webTicket.Code, "callback", "+390612345678"},
		{"0612345678", webTicket.Code, "callback", "+390612345678"},
	} {
		status, _, body := get(t, srv, "/api/v1/cti/callers/"+url.PathEscape(tc.ani), "Bearer "+goodKey)
		if status != http.StatusOK {
			t.Errorf("%s: %d %s", tc.ani, status, body)
			continue
		}
		var c cti.Context
		json.Unmarshal(body, &c)
		if c.Code != tc.code || c.MatchedBy != tc.by {
			t.Errorf("%s: got %s by %s, want %s by %s", tc.ani, c.Code, c.MatchedBy, tc.code, tc.by)
		}
		if tc.number != "" && (len(c.Callbacks) != 1 || c.Callbacks[0].Number != tc.number || c.Callbacks[0].State != cti.CallbackWaiting) {
			t.Errorf("%s: callbacks %+v", tc.ani, c.Callbacks)
		}
	}
	// Numbers are kept sealed: the callback row holds no digits of it.
	cbs, _ := r.store.CallbacksFor(context.Background(), webTicket.Code)
	if len(cbs) != 1 || bytes.Contains(cbs[0].Sealed, []byte("612345678")) {
		t.Errorf("stored callback %+v", cbs)
	}
}

func TestLookupErrors(t *testing.T) {
	r := newRig(t, closed{})
	_, tk := r.handoff(t, chat.Conversation{Lang: "it", LangChosen: true}, "voglio parlare con un operatore")
	srv := newAPI(t, r, time.Now())
	unknown := "10000000"
	if unknown == tk.Code {
		unknown = "10000001"
	}
	for _, tc := range []struct {
		name, path, auth string
		status           int
		code             string
	}{
		{"no key", "/api/v1/cti/tickets/" + tk.Code, "", http.StatusUnauthorized, "unauthorized"},
		{"wrong key", "/api/v1/cti/tickets/" + tk.Code, "Bearer not-a-key", http.StatusUnauthorized, "unauthorized"},
		{"the hash instead of the key", "/api/v1/cti/tickets/" + tk.Code, "Bearer " + cti.HashKey(goodKey), http.StatusUnauthorized, "unauthorized"},
		{"basic auth", "/api/v1/cti/tickets/" + tk.Code, "Basic " + goodKey, http.StatusUnauthorized, "unauthorized"},
		{"empty bearer", "/api/v1/cti/tickets/" + tk.Code, "Bearer ", http.StatusUnauthorized, "unauthorized"},
		{"unknown code", "/api/v1/cti/tickets/" + unknown, "Bearer " + goodKey, http.StatusNotFound, "unknown_code"},
		{"short code", "/api/v1/cti/tickets/1234", "Bearer " + goodKey, http.StatusBadRequest, "bad_code"},
		{"letters", "/api/v1/cti/tickets/abcdefgh", "Bearer " + goodKey, http.StatusBadRequest, "bad_code"},
		{"DTMF star", "/api/v1/cti/tickets/" + tk.Code + "*", "Bearer " + goodKey, http.StatusBadRequest, "bad_code"},
		{"unknown caller", "/api/v1/cti/callers/+393339999999", "Bearer " + goodKey, http.StatusNotFound, "unknown_caller"},
		{"anonymous caller", "/api/v1/cti/callers/anonymous", "Bearer " + goodKey, http.StatusBadRequest, "bad_number"},
		{"short number", "/api/v1/cti/callers/112", "Bearer " + goodKey, http.StatusBadRequest, "bad_number"},
		{"no such route", "/api/v1/cti/conversations/x", "Bearer " + goodKey, http.StatusNotFound, "not_found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, h, body := get(t, srv, tc.path, tc.auth)
			var e cti.Error
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatalf("body %s: %v", body, err)
			}
			if status != tc.status || e.Error != tc.code || e.Message == "" {
				t.Errorf("got %d %+v, want %d %s", status, e, tc.status, tc.code)
			}
			if status == http.StatusUnauthorized && !strings.HasPrefix(h.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("WWW-Authenticate %q", h.Get("WWW-Authenticate"))
			}
			if strings.Contains(string(body), tk.Code) {
				t.Errorf("an error leaks the handoff: %s", body)
			}
		})
	}
}

func TestLookupRateLimitPerKey(t *testing.T) {
	r := newRig(t, closed{})
	_, tk := r.handoff(t, chat.Conversation{Lang: "it", LangChosen: true}, "voglio parlare con un operatore")
	srv := newAPI(t, r, time.Now()) // the clock stands still: no refill
	path := "/api/v1/cti/tickets/" + tk.Code
	for i := range 20 {
		if status, _, body := get(t, srv, path, "Bearer "+goodKey); status != http.StatusOK {
			t.Fatalf("request %d: %d %s", i, status, body)
		}
	}
	status, h, body := get(t, srv, path, "Bearer "+goodKey)
	if status != http.StatusTooManyRequests || h.Get("Retry-After") != "100" || !strings.Contains(string(body), "rate_limited") {
		t.Errorf("over the budget: %d %q %s", status, h.Get("Retry-After"), body)
	}
	// Another key has its own budget.
	if status, _, _ := get(t, srv, path, "Bearer "+otherKey); status != http.StatusOK {
		t.Errorf("other key: %d", status)
	}
}

func TestParseKeys(t *testing.T) {
	h := cti.HashKey("secret")
	keys, err := cti.ParseKeys("ivr:" + h + ",\n desk-1:" + strings.ToUpper(h))
	if err != nil || len(keys) != 2 || keys[0].Name != "ivr" || keys[1].Name != "desk-1" {
		t.Fatalf("%+v, %v", keys, err)
	}
	for _, bad := range []string{"ivr", "ivr:" + h[:10], "ivr:secret", ":" + h, "a b:" + h, "ivr:" + h + ",ivr:" + h} {
		if _, err := cti.ParseKeys(bad); err == nil {
			t.Errorf("ParseKeys(%q) accepted", bad)
		}
	}
	if keys, err := cti.ParseKeys(""); err != nil || len(keys) != 0 {
		t.Errorf("empty: %v %v", keys, err)
	}
	if a, b := cti.NewKey(), cti.NewKey(); a == b || len(a) < 40 {
		t.Errorf("keys %q %q", a, b)
	}
}

func TestCallerForms(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"+39 333 123 4567", []string{"+393331234567", "393331234567", "3331234567"}},
		{"393331234567", []string{"+393331234567", "393331234567", "3331234567"}},
		{"3921234567", []string{"+393921234567", "393921234567", "3921234567"}},
		{"0039 06 1234567", []string{"+39061234567", "39061234567", "061234567"}},
		{"+44 20 7946 0958", []string{"+442079460958", "442079460958"}},
	} {
		got, err := cti.CallerForms(tc.in)
		if err != nil || !cmp.Equal(tc.want, got) {
			t.Errorf("CallerForms(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}
