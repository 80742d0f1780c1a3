package console_test

import (
	"bytes"
	"context"
	"database/sql"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/telephony/cti"
	"github.com/sportello/sportello/telephony/cti/mail"
	"github.com/sportello/sportello/telephony/cti/mail/smtptest"
	ctisqlite "github.com/sportello/sportello/telephony/cti/sqlite"
	"github.com/sportello/sportello/telephony/sms"
	"github.com/sportello/sportello/telephony/webhook"
	whsqlite "github.com/sportello/sportello/telephony/webhook/sqlite"
	bt "github.com/sportello/sportello/web/browsertest"
	"github.com/sportello/sportello/web/console"
	"github.com/sportello/sportello/web/staff"
)

type closedOffice struct{}

func (closedOffice) Opening(context.Context, *chat.Ticket, time.Time) (chat.Opening, error) {
	return chat.Opening{}, nil
}

// withCallbacks turns callbacks on in the rig's service and console.
func withCallbacks(t *testing.T, r *rig) *ctisqlite.Store {
	t.Helper()
	st, err := ctisqlite.New(context.Background(), r.svc.Store.(interface{ DB() *sql.DB }).DB())
	if err != nil {
		t.Fatal(err)
	}
	v, err := sms.NewVault(bytes.Repeat([]byte{5}, sms.KeySize), bytes.Repeat([]byte{6}, sms.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	desk := &cti.Desk{Store: st, Sealer: v, Pseudonyms: v}
	r.svc.Callbacks = &chat.Callbacks{Hours: closedOffice{}, Queue: desk}
	if r.console.ContactCenter == nil {
		r.console.ContactCenter = &console.ContactCenter{}
	}
	r.console.ContactCenter.Callbacks, r.console.ContactCenter.Desk = st, desk
	return st
}

func TestCallbackQueue(t *testing.T) {
	r := newRig(t)
	st := withCallbacks(t, r)
	ctx := context.Background()
	code := r.handoff(t)
	tk, _ := r.svc.Store.Ticket(ctx, code)
	if _, err := r.svc.Post(ctx, tk.ConversationID, chat.Message{Text: "numărul meu este 333 123 4567"}); err != nil {
		t.Fatal(err)
	}
	cbs, _ := st.Callbacks(ctx, 0, cti.CallbackWaiting)
	if len(cbs) != 1 {
		t.Fatalf("queue %+v", cbs)
	}
	id := strconv.FormatInt(cbs[0].ID, 10)
	anna, bruno := r.signIn(t, "anna"), r.signIn(t, "bruno")

	if resp, _ := r.get(t, r.signIn(t, "elena"), "/staff/callbacks"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("editor on the callback queue: %d", resp.StatusCode)
	}
	resp, body := r.get(t, anna, "/staff/callbacks")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `data-testid="callback-`+id+`"`) || !strings.Contains(body, `data-testid="callback-claim"`) {
		t.Fatalf("queue page: %d\n%s", resp.StatusCode, body)
	}
	if strings.Contains(body, "1234567") {
		t.Error("the number is shown before anyone claims the request")
	}
	if resp, _ := r.post(t, anna, "/staff/callbacks/"+id+"/claim", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("claim: %d", resp.StatusCode)
	}
	if resp, body := r.post(t, bruno, "/staff/callbacks/"+id+"/claim", nil); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Ricarica") {
		t.Errorf("second claim: %d", resp.StatusCode)
	}
	_, body = r.get(t, anna, "/staff/callbacks?done=callback_claimed")
	if !strings.Contains(body, `href="tel:+393331234567"`) || !strings.Contains(body, `data-testid="notice"`) {
		t.Errorf("the claimer does not see the number:\n%s", body)
	}
	if _, body := r.get(t, bruno, "/staff/callbacks"); strings.Contains(body, "1234567") {
		t.Error("another operator sees the number")
	}
	if resp, _ := r.post(t, bruno, "/staff/callbacks/"+id+"/outcome", url.Values{"outcome": {"done"}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("outcome by another operator: %d", resp.StatusCode)
	}
	if resp, _ := r.post(t, anna, "/staff/callbacks/"+id+"/outcome", url.Values{"outcome": {"maybe"}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("bad outcome: %d", resp.StatusCode)
	}
	if resp, _ := r.post(t, anna, "/staff/callbacks/999999/claim", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown request: %d", resp.StatusCode)
	}
	// Nobody answers: back in the queue.
	if resp, _ := r.post(t, anna, "/staff/callbacks/"+id+"/outcome", url.Values{"outcome": {"no_answer"}}); resp.Header.Get("Location") != "/staff/callbacks?done=callback_recorded" {
		t.Errorf("no answer: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	// Bruno calls again and reaches the citizen; the handoff closes too.
	r.post(t, bruno, "/staff/callbacks/"+id+"/claim", nil)
	resp, _ = r.post(t, bruno, "/staff/callbacks/"+id+"/outcome", url.Values{"outcome": {"done"}, "close": {"1"}})
	if resp.Header.Get("Location") != "/staff/callbacks?done=callback_closed" {
		t.Errorf("done: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	cb, _ := st.Callback(ctx, cbs[0].ID)
	if cb.State != cti.CallbackClosed || cb.Outcome != cti.OutcomeDone || cb.Attempts != 2 || cb.Sealed != nil {
		t.Errorf("callback %+v", cb)
	}
	if tk, _ := r.svc.Store.Ticket(ctx, code); tk.State != chat.TicketResolved || tk.Outcome != chat.OutcomeCallback || tk.ClaimedBy != "bruno" {
		t.Errorf("handoff %+v", tk)
	}
	if _, body := r.get(t, anna, "/staff/callbacks"); !strings.Contains(body, `data-testid="callbacks-empty"`) {
		t.Error("closed request still listed")
	}
	events, _ := r.staff.AuditLog(ctx, 20)
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Actor+":"+e.Action)
	}
	for _, want := range []string{"anna:callback.claimed", "anna:callback.outcome", "bruno:callback.claimed", "bruno:callback.outcome", "bruno:ticket.claimed", "bruno:ticket.resolved"} {
		if !strings.Contains(strings.Join(actions, " "), want) {
			t.Errorf("audit lacks %s: %v", want, actions)
		}
	}
}

func TestCallbackPagesWithoutCallbacks(t *testing.T) {
	r := newRig(t)
	anna := r.signIn(t, "anna")
	if resp, body := r.get(t, anna, "/staff/callbacks"); resp.StatusCode != http.StatusOK || !strings.Contains(body, `data-testid="callbacks-off"`) {
		t.Errorf("callbacks off: %d", resp.StatusCode)
	}
	if resp, _ := r.post(t, anna, "/staff/callbacks/1/claim", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("claim with callbacks off: %d", resp.StatusCode)
	}
}

func TestForwardByEmail(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	if err := r.staff.PutTeam(ctx, &staff.Team{ID: "anagrafe", Name: "Anagrafe", Email: "anagrafe@comune.example.it"}); err != nil {
		t.Fatal(err)
	}
	srv := smtptest.Start(t, smtptest.Options{})
	host, port, _ := net.SplitHostPort(srv.Addr)
	p, _ := strconv.Atoi(port)
	r.console.ContactCenter = &console.ContactCenter{Forwarder: &mail.Forwarder{Chat: r.svc, Audit: r.staff, From: "sportello@comune.example.it",
		Mail: &mail.Mailer{Config: mail.Config{Host: host, Port: p, From: "sportello@comune.example.it", Security: mail.None}}}}
	code := r.handoff(t)
	anna, bruno := r.signIn(t, "anna"), r.signIn(t, "bruno")
	if _, body := r.get(t, anna, "/staff/t/"+code+"/email"); !strings.Contains(body, `data-testid="email-claim-first"`) {
		t.Errorf("form before the claim:\n%s", body)
	}
	r.post(t, anna, "/staff/t/"+code+"/claim", nil)
	_, body := r.get(t, anna, "/staff/t/"+code+"/email")
	if !strings.Contains(body, `data-testid="email-form"`) || !strings.Contains(body, "anagrafe@comune.example.it") || strings.Contains(body, `value="tributi"`) {
		t.Fatalf("form:\n%s", body)
	}
	if resp, _ := r.post(t, bruno, "/staff/t/"+code+"/email", url.Values{"office": {"anagrafe"}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("forward by another operator: %d", resp.StatusCode)
	}
	if resp, _ := r.post(t, anna, "/staff/t/"+code+"/email", url.Values{"office": {"tributi"}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("office without an address: %d", resp.StatusCode)
	}
	if resp, _ := r.post(t, anna, "/staff/t/"+code+"/email", url.Values{"office": {"anagrafe"}, "note": {strings.Repeat("x", mail.MaxNote+1)}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("overlong note: %d", resp.StatusCode)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Fatalf("%d messages sent by refused forwards", n)
	}
	resp, _ := r.post(t, anna, "/staff/t/"+code+"/email", url.Values{"office": {"anagrafe"}, "note": {"Serve il certificato storico."}, "resolve": {"1"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/staff/t/"+code+"/email?done=emailed_resolved" {
		t.Fatalf("forward: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	msgs := srv.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != "anagrafe@comune.example.it" || !bytes.Contains(msgs[0].Data, []byte("Serve il certificato storico.")) {
		t.Fatalf("messages %+v", msgs)
	}
	if tk, _ := r.svc.Store.Ticket(ctx, code); tk.State != chat.TicketResolved || tk.Outcome != chat.OutcomeTransferred {
		t.Errorf("handoff %+v", tk)
	}
	events, _ := r.staff.AuditLog(ctx, 10)
	if len(events) < 2 || events[1].Action != "ticket.emailed" || events[0].Action != "ticket.resolved" {
		t.Errorf("audit %+v", events)
	}
	// A mail server that refuses: a 502 page, nothing recorded.
	code2 := r.handoff(t)
	r.post(t, anna, "/staff/t/"+code2+"/claim", nil)
	srv.RejectData("451 4.3.0 try later")
	if resp, body := r.post(t, anna, "/staff/t/"+code2+"/email", url.Values{"office": {"anagrafe"}}); resp.StatusCode != http.StatusBadGateway || !strings.Contains(body, "nulla è stato registrato") {
		t.Errorf("refused mail: %d", resp.StatusCode)
	}
	if tk, _ := r.svc.Store.Ticket(ctx, code2); tk.State != chat.TicketClaimed {
		t.Errorf("handoff after a refused mail: %s", tk.State)
	}
}

func TestWebhookStatusPage(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	st, err := whsqlite.New(ctx, r.svc.Store.(interface{ DB() *sql.DB }).DB())
	if err != nil {
		t.Fatal(err)
	}
	r.console.ContactCenter = &console.ContactCenter{Webhook: st}
	ds := []webhook.Delivery{{EventID: "12345678-1", Type: webhook.EventCreated, Code: "12345678", Body: []byte("{}")}}
	if err := st.Record(ctx, nil, &webhook.Snapshot{Code: "12345678", State: chat.TicketWaiting, Seq: 1}, ds); err != nil {
		t.Fatal(err)
	}
	if err := st.Fail(ctx, ds[0].ID, 401, "the receiver answered 401 Unauthorized", time.Now()); err != nil {
		t.Fatal(err)
	}
	if resp, _ := r.get(t, r.signIn(t, "anna"), "/staff/webhook"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("operator on the webhook page: %d", resp.StatusCode)
	}
	admin := r.signIn(t, "admin")
	resp, body := r.get(t, admin, "/staff/webhook")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `data-testid="webhook-failed">1<`) || !strings.Contains(body, "401 Unauthorized") ||
		!strings.Contains(body, `data-testid="requeue-12345678-1"`) {
		t.Fatalf("status page: %d\n%s", resp.StatusCode, body)
	}
	if !strings.Contains(body, `href="/staff/webhook"`) || !strings.Contains(body, `href="/staff/callbacks"`) {
		t.Error("navigation lacks the contact-center sections")
	}
	resp, _ = r.post(t, admin, "/staff/webhook/"+strconv.FormatInt(ds[0].ID, 10)+"/requeue", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("requeue: %d", resp.StatusCode)
	}
	if resp, _ := r.post(t, admin, "/staff/webhook/"+strconv.FormatInt(ds[0].ID, 10)+"/requeue", nil); resp.StatusCode != http.StatusConflict {
		t.Errorf("requeue of a pending delivery: %d", resp.StatusCode)
	}
	if _, body := r.get(t, admin, "/staff/webhook?done=requeued"); !strings.Contains(body, `data-testid="webhook-pending">1<`) || !strings.Contains(body, `data-testid="notice"`) {
		t.Errorf("after the requeue:\n%s", body)
	}
}

// TestContactCenterPagesInBrowser: the callback queue, the e-mail form
// and the webhook status, filled in, pass axe.
func TestContactCenterPagesInBrowser(t *testing.T) {
	browser := bt.NewBrowser(t)
	r := newRig(t)
	ctx := context.Background()
	st := withCallbacks(t, r)
	wh, err := whsqlite.New(ctx, r.svc.Store.(interface{ DB() *sql.DB }).DB())
	if err != nil {
		t.Fatal(err)
	}
	srv := smtptest.Start(t, smtptest.Options{})
	host, port, _ := net.SplitHostPort(srv.Addr)
	p, _ := strconv.Atoi(port)
	r.console.ContactCenter.Webhook = wh
	r.console.ContactCenter.Forwarder = &mail.Forwarder{Chat: r.svc, Audit: r.staff, From: "sportello@comune.example.it",
		Mail: &mail.Mailer{Config: mail.Config{Host: host, Port: p, From: "sportello@comune.example.it", Security: mail.None}}}
	if err := r.staff.PutTeam(ctx, &staff.Team{ID: "anagrafe", Name: "Anagrafe", Email: "anagrafe@comune.example.it"}); err != nil {
		t.Fatal(err)
	}
	// Two callback requests, one claimed by the admin; a failed delivery.
	var codes []string
	for range 2 {
		code := r.handoff(t)
		tk, _ := r.svc.Store.Ticket(ctx, code)
		if _, err := r.svc.Post(ctx, tk.ConversationID, chat.Message{Text: "0612345678"}); err != nil {
			t.Fatal(err)
		}
		codes = append(codes, code)
	}
	cbs, _ := st.Callbacks(ctx, 0, cti.CallbackWaiting)
	if err := st.ClaimCallback(ctx, cbs[0].ID, "admin"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.svc.Claim(ctx, codes[1], "admin"); err != nil {
		t.Fatal(err)
	}
	ds := []webhook.Delivery{{EventID: codes[0] + "-1", Type: webhook.EventCreated, Code: codes[0], Body: []byte("{}")}}
	wh.Record(ctx, nil, &webhook.Snapshot{Code: codes[0], State: chat.TicketWaiting, Seq: 1}, ds)
	wh.Fail(ctx, ds[0].ID, 500, "the receiver answered 500 Internal Server Error", time.Now())

	tab := bt.NewTab(t, browser)
	signInBrowser(t, tab, r.srv.URL, "admin")
	for _, tc := range []struct{ path, wait string }{
		{"/staff/callbacks", `[data-testid=callback-outcome-form]`},
		{"/staff/t/" + codes[1] + "/email", `[data-testid=email-form]`},
		{"/staff/webhook", `[data-testid=webhook-failed-list]`},
	} {
		t.Run(tc.path, func(t *testing.T) {
			tab := bt.NewTab(t, browser)
			if err := chromedp.Do(tab, chromedp.Navigate(r.srv.URL+tc.path), chromedp.WaitVisible(chromedp.CSS(tc.wait))); err != nil {
				t.Fatal(err)
			}
			bt.Axe(t, tab)
		})
	}
}
