package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/sportello/sportello/kb/providers"
	"github.com/sportello/sportello/kb/providers/providertest"
)

// staffSession is a staff member signed in on a running serve.
type staffSession struct {
	base   string
	cookie *http.Cookie
}

// signInStaff signs login in on the serve at base, as the sign-in form
// does.
func signInStaff(t *testing.T, base, login, password string) *staffSession {
	t.Helper()
	s := &staffSession{base: base}
	resp, _ := s.do(t, http.MethodPost, "/staff/login", url.Values{"login": {login}, "password": {password}})
	for _, c := range resp.Cookies() {
		if c.Name == "sportello_staff" {
			s.cookie = c
		}
	}
	if resp.StatusCode != http.StatusSeeOther || s.cookie == nil {
		t.Fatalf("sign-in as %s on %s: %d", login, base, resp.StatusCode)
	}
	return s
}

// open sends a request with the session, from the console's own pages,
// without following redirects; the caller closes the body.
func (s *staffSession) open(t *testing.T, ctx context.Context, method, path string, form url.Values) *http.Response {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, method, s.base+path, strings.NewReader(form.Encode()))
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", s.base)
	}
	if s.cookie != nil {
		req.AddCookie(s.cookie)
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// do is open with the body read.
func (s *staffSession) do(t *testing.T, method, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	resp := s.open(t, context.Background(), method, path, form)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// addOperator creates operator login with the CLI, on the data in dir
// or the database given by args.
func addOperator(t *testing.T, dir, login, password string, args ...string) {
	t.Helper()
	err := Run(context.Background(), append([]string{"user", "add", "--login", login, "--role", "operator", "--password-stdin"}, args...),
		strings.NewReader(password+"\n"), io.Discard, io.Discard, func(k string) string {
			if k == "SPORTELLO_DATA" {
				return dir
			}
			return ""
		})
	if err != nil {
		t.Fatalf("user add: %v", err)
	}
}

// TestServeOperatorBilingual runs the real serve with a language model
// configured by SPORTELLO_LLM (a fake OpenAI-compatible server): the
// operator's view of a Romanian handoff shows the Italian translation,
// and the reply box's SMS counter is wired to the SMS channel.
func TestServeOperatorBilingual(t *testing.T) {
	model := providertest.New(t, providers.OpenAI, func(_ int, req providertest.Request) providertest.Reply {
		if !strings.Contains(req.Text("system"), "You translate messages") {
			// The conversation engine's own calls: no answer, so it keeps
			// the curated texts.
			return providertest.Reply{Status: 400, Body: providertest.ErrorBody(providers.OpenAI, "not in this test")}
		}
		if !strings.Contains(req.Text("user"), `"text": "Vreau să vorbesc cu un operator"`) {
			t.Errorf("unexpected translation request:\n%s", req.Text("user"))
		}
		return providertest.Reply{Content: `{"translation": "Voglio parlare con un operatore"}`}
	})
	pc := model.Config("test-model")
	env := map[string]string{"SPORTELLO_LLM": "openai", "SPORTELLO_LLM_MODEL": "test-model", "SPORTELLO_LLM_URL": pc.BaseURL, "SPORTELLO_LLM_KEY": "test"}
	dir := t.TempDir()
	const password = "una password di prova abbastanza lunga"
	addOperator(t, dir, "olga", password)
	srv := startServeEnv(t, dir, env)

	post := func(path, body string) string {
		t.Helper()
		resp, err := http.Post(srv.base+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("POST %s: %d %s", path, resp.StatusCode, b)
		}
		return string(b)
	}
	var conv struct{ ID string }
	json.Unmarshal([]byte(post("/api/v1/conversations", `{"lang":"ro"}`)), &conv)
	m := regexp.MustCompile(`"handoff_code":"(\d+)"`).FindStringSubmatch(post("/api/v1/conversations/"+conv.ID+"/messages", `{"text":"Vreau să vorbesc cu un operator"}`))
	if m == nil {
		t.Fatal("no handoff")
	}
	code := m[1]

	olga := signInStaff(t, srv.base, "olga", password)
	resp, page := olga.do(t, http.MethodGet, "/staff/t/"+code, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("ticket: %d", resp.StatusCode)
	}
	if !regexp.MustCompile(`<p lang="it" dir="ltr" data-testid="turn-translation">Voglio parlare con un operatore</p>`).MatchString(page) {
		t.Errorf("no Italian translation on the operator's page:\n%s", page)
	}
	if resp, body := olga.do(t, http.MethodPost, "/staff/t/"+code+"/sms-count", url.Values{"text": {"Bună ziua"}}); resp.StatusCode != http.StatusOK || !strings.Contains(body, "UCS-2") {
		t.Errorf("the SMS counter is not wired to the SMS channel: %d %q", resp.StatusCode, body)
	}
	if n := len(model.Requests()); n < 1 {
		t.Errorf("the model was never asked")
	}
}
