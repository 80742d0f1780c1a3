package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/telephony/cti"
	"github.com/sportello/sportello/telephony/webhook"
	"github.com/sportello/sportello/web/staff"
)

func TestContactCenterConfig(t *testing.T) {
	hash := cti.HashKey("k")
	for _, tc := range []struct {
		name string
		env  map[string]string
		bad  string // part of the error; "" for a valid configuration
	}{
		{"nothing", nil, ""},
		{"everything", map[string]string{"SPORTELLO_PUBLIC_URL": "https://sportello.example.it", "SPORTELLO_CTI_KEYS": "ivr:" + hash,
			"SPORTELLO_CTI_RATE": "5", "SPORTELLO_WEBHOOK_URL": "https://cc.example.it/hook", "SPORTELLO_WEBHOOK_SECRET": "0123456789abcdef0123",
			"SPORTELLO_SMTP_HOST": "smtp.example.it", "SPORTELLO_SMTP_FROM": "sportello@example.it", "SPORTELLO_SMTP_PORT": "465",
			"SPORTELLO_SMTP_SECURITY": "TLS", "SPORTELLO_CALLBACKS": "off"}, ""},
		{"webhook without a secret", map[string]string{"SPORTELLO_WEBHOOK_URL": "https://cc.example.it/hook"}, "signing secret"},
		{"short secret", map[string]string{"SPORTELLO_WEBHOOK_URL": "https://cc.example.it/hook", "SPORTELLO_WEBHOOK_SECRET": "short"}, "16 bytes"},
		{"secret without a webhook", map[string]string{"SPORTELLO_WEBHOOK_SECRET": "0123456789abcdef0123"}, "SPORTELLO_WEBHOOK_URL is not"},
		{"a key instead of its hash", map[string]string{"SPORTELLO_CTI_KEYS": "ivr:my-secret-key"}, "not the key itself"},
		{"smtp without a sender", map[string]string{"SPORTELLO_SMTP_HOST": "smtp.example.it"}, "sender address"},
		{"smtp sender without a host", map[string]string{"SPORTELLO_SMTP_FROM": "a@example.it"}, "without SPORTELLO_SMTP_HOST"},
		{"bad time zone", map[string]string{"SPORTELLO_TIMEZONE": "Europe/Atlantis"}, "SPORTELLO_TIMEZONE"},
		{"bad number", map[string]string{"SPORTELLO_CTI_RATE": "fast"}, "not a number"},
		{"bad switch", map[string]string{"SPORTELLO_CALLBACKS": "maybe"}, "on or off"},
		{"public address without a scheme", map[string]string{"SPORTELLO_PUBLIC_URL": "sportello.example.it"}, "https://"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := defaultContactCenterConfig()
			err := c.fromEnv(func(k string) string { return tc.env[k] })
			if err == nil {
				err = c.Validate()
			}
			switch {
			case tc.bad == "" && err != nil:
				t.Errorf("valid configuration refused: %v", err)
			case tc.bad != "" && (err == nil || !strings.Contains(err.Error(), tc.bad)):
				t.Errorf("error %v, want one about %q", err, tc.bad)
			}
		})
	}
}

func TestCTIKeyCommand(t *testing.T) {
	var out bytes.Buffer
	if err := runCTI([]string{"key", "asterisk"}, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	key := strings.TrimSpace(lines[1])
	entry := strings.TrimPrefix(strings.TrimSpace(lines[3]), "SPORTELLO_CTI_KEYS=")
	keys, err := cti.ParseKeys(entry)
	if err != nil || len(keys) != 1 || keys[0].Name != "asterisk" || entry != "asterisk:"+cti.HashKey(key) {
		t.Errorf("output %q: %v", out.String(), err)
	}
	if err := runCTI([]string{"key", "bad name"}, &out); err == nil {
		t.Error("a bad name was accepted")
	}
}

// TestContactCenterWiring runs the phone side as serve wires it, on the
// demo database: a handoff outside the opening hours offers a callback,
// the webhook posts a signed event, the CTI look-up answers with a key,
// and `sportello webhook status` counts the delivery.
func TestContactCenterWiring(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cfg := defaultConfig()
	cfg.DataDir = dir
	app, err := openApp(ctx, cfg, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	conv, err := app.conversations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ss, err := openStaff(ctx, app.Store)
	if err != nil {
		t.Fatal(err)
	}
	// One team, never open: every handoff finds the office closed.
	closed, _ := staff.ParseHours("sun 00:00-00:01")
	if err := ss.PutTeam(ctx, &staff.Team{ID: "anagrafe", Name: "Anagrafe", Hours: closed, Location: "Europe/Rome"}); err != nil {
		t.Fatal(err)
	}
	const secret = "a-webhook-secret-of-some-length"
	events := make(chan webhook.Payload, 10)
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := webhook.Verify([]byte(secret), r.Header, body, time.Now(), 0); err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		var p webhook.Payload
		json.Unmarshal(body, &p)
		events <- p
	}))
	defer receiver.Close()

	svc := &chat.Service{Engine: app.Engine, Store: conv}
	key := cti.NewKey()
	c := defaultContactCenterConfig()
	c.PublicURL, c.WebhookURL, c.WebhookSecret, c.CTIKeys = "https://sportello.example.it", receiver.URL, secret, "ivr:"+cti.HashKey(key)
	reg := prometheus.NewRegistry()
	cc, err := startContactCenter(ctx, cfg, c, contactCenterDeps{App: app, Chat: svc, Staff: ss, Metrics: reg, Retention: 24 * time.Hour,
		Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Stop()

	cv := &chat.Conversation{Channel: chat.ChannelWeb, Lang: "it", LangChosen: true}
	if err := svc.Start(ctx, cv); err != nil {
		t.Fatal(err)
	}
	out, err := svc.Post(ctx, cv.ID, chat.Message{Text: "voglio parlare con un operatore"})
	if err != nil || out.Ticket == nil {
		t.Fatalf("handoff: %v", err)
	}
	if !strings.Contains(out.Reply.Text, "l'ufficio è chiuso") || !strings.Contains(out.Reply.Text, "numero di telefono") {
		t.Errorf("no callback offer: %q", out.Reply.Text)
	}
	if ev := <-events; ev.Type != webhook.EventCreated || ev.Handoff.Code != out.Ticket.Code || ev.Links.Console != "https://sportello.example.it/staff/t/"+out.Ticket.Code {
		t.Errorf("event %+v", ev)
	}
	if _, err := svc.Post(ctx, cv.ID, chat.Message{Text: "333 765 4321"}); err != nil {
		t.Fatal(err)
	}
	if ev := <-events; ev.Type != webhook.EventCallback {
		t.Errorf("event %+v", ev)
	}

	h := cc.Mount(http.NotFoundHandler())
	req := httptest.NewRequest(http.MethodGet, "/api/v1/cti/callers/+393337654321", nil)
	req.Header.Set("Authorization", "Bearer "+key)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var ctxJSON cti.Context
	json.Unmarshal(rec.Body.Bytes(), &ctxJSON)
	if rec.Code != http.StatusOK || ctxJSON.Code != out.Ticket.Code || ctxJSON.MatchedBy != "callback" || len(ctxJSON.Callbacks) != 1 {
		t.Errorf("look-up by the callback number: %d %s", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/elsewhere", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("other paths reach the rest of serve: %d", rec.Code)
	}

	cc.Stop() // the deliveries are recorded before the status is read
	var status bytes.Buffer
	if err := runWebhook(ctx, cfg, []string{"status", "--json", "--check"}, &status); err != nil {
		t.Fatalf("webhook status: %v\n%s", err, status.String())
	}
	var st struct{ Pending, Delivered, Failed int }
	if err := json.Unmarshal(status.Bytes(), &st); err != nil || st.Delivered != 2 || st.Failed != 0 {
		t.Errorf("status %s: %v", status.String(), err)
	}
	mfs, _ := reg.Gather()
	if len(mfs) != 1 || mfs[0].GetName() != "sportello_webhook_deliveries_total" {
		t.Errorf("metrics %v", mfs)
	}
	if err := runWebhook(ctx, cfg, []string{"requeue"}, &status); err == nil {
		t.Error("requeue without ids accepted")
	}
}
