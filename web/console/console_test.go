package console_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/chat/chattest"
	"github.com/sportello/sportello/i18n"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/web"
	"github.com/sportello/sportello/web/browsertest"
	"github.com/sportello/sportello/web/console"
	"github.com/sportello/sportello/web/staff"
	staffsqlite "github.com/sportello/sportello/web/staff/sqlite"
)

// rig is a console on the demo service, with staff accounts.
type rig struct {
	console *console.Console
	broker  *web.LocalBroker
	srv     *httptest.Server
	svc     *chat.Service
	staff   staff.Store
	kb      kb.Store
}

const testPassword = "password di prova lunga"

func newRig(t *testing.T) *rig {
	t.Helper()
	ctx := context.Background()
	svc := chattest.MustDemoService(t)
	db := svc.Store.(interface{ DB() *sql.DB }).DB()
	ss, err := staffsqlite.New(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	hash, _ := staff.HashPassword(testPassword)
	for _, u := range []staff.User{{Login: "anna", Role: staff.RoleOperator}, {Login: "bruno", Role: staff.RoleOperator}, {Login: "elena", Role: staff.RoleEditor}, {Login: "admin", Role: staff.RoleAdmin}} {
		u.PasswordHash = hash
		if err := ss.CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
	}
	if err := ss.PutTeam(ctx, &staff.Team{ID: "tributi", Name: "Tributi"}); err != nil {
		t.Fatal(err)
	}
	cons, err := i18n.LoadConsole()
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := i18n.Load()
	kbs := svc.Engine.Retriever.(*kb.Retriever).Store
	broker := web.NewLocalBroker()
	svc.Notify = func(id string) {
		broker.Publish(id)
		broker.Publish(console.QueueTopic)
	}
	c := &console.Console{Auth: &staff.Auth{Store: ss}, Staff: ss, Chat: svc, KB: kbs, Messages: cons, Public: pub, Broker: broker,
		Languages: kb.DefaultLanguages, InsecureCookies: true, Log: slog.New(slog.DiscardHandler),
		Stylesheets: []string{"/static/bi/css/bootstrap-italia.min.css", "/staff/static/console.css"}}
	mux := http.NewServeMux()
	mux.Handle("/staff/", c.Handler())
	mux.Handle("/static/bi/", http.StripPrefix("/static/bi/", http.FileServer(http.Dir(browsertest.StaticDir(t)))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &rig{console: c, broker: broker, srv: srv, svc: svc, staff: ss, kb: kbs}
}

// client is a browser-like client: cookies, no automatic redirects, and
// the Origin header a browser sends on posts from our pages.
func (r *rig) client(t *testing.T) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func (r *rig) post(t *testing.T, c *http.Client, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, r.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", r.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (r *rig) get(t *testing.T, c *http.Client, path string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(r.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (r *rig) signIn(t *testing.T, login string) *http.Client {
	t.Helper()
	c := r.client(t)
	resp, body := r.post(t, c, "/staff/login", url.Values{"login": {login}, "password": {testPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in %s: %d\n%s", login, resp.StatusCode, body)
	}
	ck := resp.Cookies()
	if len(ck) != 1 || !ck[0].HttpOnly || ck[0].SameSite != http.SameSiteStrictMode {
		t.Fatalf("session cookie %+v", ck)
	}
	return c
}

// handoff makes a citizen ask for a person in Romanian and returns the code.
func (r *rig) handoff(t *testing.T) string {
	t.Helper()
	c := &chat.Conversation{Channel: chat.ChannelWeb}
	if err := r.svc.Start(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	out, err := r.svc.Post(context.Background(), c.ID, chat.Message{Text: "Vreau să vorbesc cu un operator"})
	if err != nil || out.Ticket == nil {
		t.Fatalf("handoff: %v %+v", err, out)
	}
	return out.Ticket.Code
}

func TestSignIn(t *testing.T) {
	r := newRig(t)
	c := r.client(t)
	if resp, _ := r.get(t, c, "/staff/queue"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/staff/login") {
		t.Errorf("queue without a session: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, body := r.post(t, c, "/staff/login", url.Values{"login": {"anna"}, "password": {"sbagliata davvero"}}); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "errati") {
		t.Errorf("wrong password: %d", resp.StatusCode)
	}
	// A forged session cookie is no session.
	u, _ := url.Parse(r.srv.URL + "/staff/")
	c.Jar.SetCookies(u, []*http.Cookie{{Name: console.CookieName, Value: strings.Repeat("A", 43), Path: "/staff/"}})
	if resp, _ := r.get(t, c, "/staff/queue"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("forged session: %d", resp.StatusCode)
	}
	if resp, _ := r.post(t, c, "/staff/t/12345678/claim", nil); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("post with a forged session: %d", resp.StatusCode)
	}
	anna := r.signIn(t, "anna")
	if resp, body := r.get(t, anna, "/staff/queue"); resp.StatusCode != http.StatusOK || !strings.Contains(body, `data-testid="whoami"`) {
		t.Errorf("queue after sign-in: %d", resp.StatusCode)
	}
	// Redirects after sign-in stay inside the console.
	resp, _ := r.post(t, r.client(t), "/staff/login", url.Values{"login": {"anna"}, "password": {testPassword}, "next": {"//evil.example/x"}})
	if loc := resp.Header.Get("Location"); loc != "/staff/" {
		t.Errorf("open redirect: %s", loc)
	}
	r.post(t, anna, "/staff/logout", nil)
	if resp, _ := r.get(t, anna, "/staff/queue"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after sign-out: %d", resp.StatusCode)
	}
}

func TestRolesAndOrigins(t *testing.T) {
	r := newRig(t)
	elena := r.signIn(t, "elena")
	if resp, _ := r.get(t, elena, "/staff/queue"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("editor on the operators' queue: %d", resp.StatusCode)
	}
	anna := r.signIn(t, "anna")
	if resp, _ := r.get(t, anna, "/staff/audit"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("operator on the audit log: %d", resp.StatusCode)
	}
	admin := r.signIn(t, "admin")
	if resp, body := r.get(t, admin, "/staff/audit"); resp.StatusCode != http.StatusOK || !strings.Contains(body, "login") {
		t.Errorf("admin audit log: %d", resp.StatusCode)
	}
	code := r.handoff(t)
	// A post from another site is refused, and changes nothing.
	req, _ := http.NewRequest(http.MethodPost, r.srv.URL+"/staff/t/"+code+"/claim", nil)
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := anna.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site claim: %d", resp.StatusCode)
	}
	if tk, _ := r.svc.Store.Ticket(context.Background(), code); tk.State != chat.TicketWaiting {
		t.Errorf("a refused claim changed the handoff: %s", tk.State)
	}
}

func TestOperatorWorksAHandoff(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	code := r.handoff(t)
	anna, bruno := r.signIn(t, "anna"), r.signIn(t, "bruno")
	_, body := r.get(t, anna, "/staff/queue")
	if !strings.Contains(body, chat.FormatCode(code)) || !strings.Contains(body, "richiesta esplicita") {
		t.Fatalf("queue does not show the handoff:\n%s", body)
	}
	if _, body := r.get(t, anna, "/staff/queue?lang=zh"); strings.Contains(body, chat.FormatCode(code)) {
		t.Error("the language filter let a Romanian handoff through")
	}
	_, body = r.get(t, anna, "/staff/t/"+code)
	if !strings.Contains(body, "Vreau să vorbesc cu un operator") || !strings.Contains(body, `data-testid="claim"`) {
		t.Fatalf("handoff page lacks the transcript or the claim button")
	}
	if resp, _ := r.post(t, anna, "/staff/t/"+code+"/claim", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("claim: %d", resp.StatusCode)
	}
	if resp, body := r.post(t, bruno, "/staff/t/"+code+"/claim", nil); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "altro operatore") {
		t.Errorf("stale claim: %d", resp.StatusCode)
	}
	if resp, _ := r.post(t, bruno, "/staff/t/"+code+"/reply", url.Values{"text": {"ciao"}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("reply by a non-holder: %d", resp.StatusCode)
	}
	if resp, _ := r.post(t, anna, "/staff/t/"+code+"/reply", url.Values{"text": {strings.Repeat("a", chat.MaxReplyLen+1)}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("oversized reply: %d", resp.StatusCode)
	}
	if resp, _ := r.post(t, anna, "/staff/t/"+code+"/reply", url.Values{"text": {strings.Repeat("a", 70<<10)}}); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized request: %d", resp.StatusCode)
	}
	if resp, _ := r.post(t, anna, "/staff/t/"+code+"/reply", url.Values{"text": {"Bună ziua! Vă ajut eu."}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reply: %d", resp.StatusCode)
	}
	if resp, _ := r.post(t, anna, "/staff/t/"+code+"/draft", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("draft: %d", resp.StatusCode)
	}
	e, err := r.kb.Get(ctx, "bozza-"+code)
	if err != nil || e.Status != kb.StatusDraft || e.Variants["ro"] == nil || e.Variants["ro"].Answer != "Bună ziua! Vă ajut eu." {
		t.Fatalf("draft entry %+v, %v", e, err)
	}
	if resp, _ := r.post(t, anna, "/staff/t/"+code+"/resolve", url.Values{"outcome": {"boh"}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("bad outcome: %d", resp.StatusCode)
	}
	if resp, _ := r.post(t, anna, "/staff/t/"+code+"/resolve", url.Values{"outcome": {chat.OutcomeAnswered}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("resolve: %d", resp.StatusCode)
	}
	if resp, body := r.post(t, anna, "/staff/t/"+code+"/reply", url.Values{"text": {"ancora"}}); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "chiusa") {
		t.Errorf("reply to a closed conversation: %d", resp.StatusCode)
	}
	tk, _ := r.svc.Store.Ticket(ctx, code)
	if tk.State != chat.TicketResolved || tk.Outcome != chat.OutcomeAnswered || tk.ClaimedBy != "anna" {
		t.Errorf("ticket after resolve %+v", tk)
	}
	es, _ := r.staff.AuditLog(ctx, 50)
	var actions []string
	for _, e := range es {
		actions = append(actions, e.Actor+":"+e.Action)
	}
	for _, want := range []string{"anna:ticket.claimed", "anna:ticket.replied", "anna:ticket.drafted", "anna:ticket.resolved"} {
		if !strings.Contains(strings.Join(actions, " "), want) {
			t.Errorf("audit log lacks %s: %v", want, actions)
		}
	}
	if resp, _ := r.get(t, anna, "/staff/t/87654321"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown code: %d", resp.StatusCode)
	}
	if resp, _ := r.get(t, anna, "/staff/t/not-a-code"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("malformed code: %d", resp.StatusCode)
	}
}

func TestLoginIsThrottled(t *testing.T) {
	r := newRig(t)
	c := r.client(t)
	var last int
	for range 6 {
		resp, _ := r.post(t, c, "/staff/login", url.Values{"login": {"anna"}, "password": {"sbagliata davvero"}})
		last = resp.StatusCode
	}
	if last != http.StatusTooManyRequests {
		t.Errorf("after 6 failures: %d, want 429", last)
	}
}
