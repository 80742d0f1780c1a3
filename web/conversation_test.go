package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sportello/sportello/chat"
)

// page is one response of the chat pages, as a browser without
// JavaScript gets it (redirects not followed).
type page struct {
	status   int
	location string
	body     string
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func (e *env) page(t *testing.T, method, path string, form url.Values, header ...string) page {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, e.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return page{status: resp.StatusCode, location: resp.Header.Get("Location"), body: string(b)}
}

var conversationURL = regexp.MustCompile(`^/([a-z]{2})/c/([a-z2-7]{26})#m-(\d+)$`)

// send posts a message from a page's form and follows the redirect to
// the conversation's page, returning its path (without the anchor) and
// the page.
func (e *env) send(t *testing.T, action string, form url.Values) (string, page) {
	t.Helper()
	p := e.page(t, "POST", action, form)
	if p.status != http.StatusSeeOther {
		t.Fatalf("POST %s: %d, want 303; body:\n%.2000s", action, p.status, p.body)
	}
	m := conversationURL.FindStringSubmatch(p.location)
	if m == nil {
		t.Fatalf("POST %s redirected to %q, not a conversation", action, p.location)
	}
	path := strings.SplitN(p.location, "#", 2)[0]
	return path, e.page(t, "GET", path, nil)
}

func count(body, s string) int { return strings.Count(body, s) }

func TestConversationPages(t *testing.T) {
	e := newEnv(t, nil)
	path, p := e.send(t, "/it/chat", url.Values{"text": {"come rinnovo la carta d'identità elettronica?"}, "key": {"first-post"}})
	id := strings.TrimPrefix(path, "/it/c/")
	for _, want := range []string{`<html lang="it" dir="ltr">`, `data-kind="answer"`, `href="/it/faq/cie-rinnovo"`,
		`action="/it/c/` + id + `"`, `action="/it/c/` + id + `/rate"`, `data-events="/it/c/` + id + `/events"`,
		`data-last-seq="2"`, `id="m-1"`, `id="m-2"`, `href="/ar/c/` + id + `"`, `<option value="it" lang="it" selected>`} {
		if !strings.Contains(p.body, want) {
			t.Errorf("conversation page lacks %q", want)
		}
	}

	t.Run("the conversation was stored", func(t *testing.T) {
		c, err := e.svc.Store.Conversation(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if c.Channel != chat.ChannelWeb || c.Lang != "it" || !c.LangChosen || c.LastSeq != 2 {
			t.Errorf("stored conversation %+v", c)
		}
	})

	t.Run("a follow-up continues it", func(t *testing.T) {
		_, p := e.send(t, path, url.Values{"text": {"voglio parlare con un operatore"}, "lang": {"it"}, "key": {"second-post"}})
		if n := count(p.body, `data-testid="msg-citizen"`); n != 2 {
			t.Errorf("%d citizen messages on the page, want 2", n)
		}
		for _, want := range []string{`data-kind="handoff"`, `data-state="waiting"`, "Un operatore si unirà presto", `data-testid="status-code"`} {
			if !strings.Contains(p.body, want) {
				t.Errorf("page after a handoff lacks %q", want)
			}
		}
	})

	t.Run("the same form posted twice is one message", func(t *testing.T) {
		before := e.lastSeq(t, id)
		e.send(t, path, url.Values{"text": {"ci siete?"}, "lang": {"it"}, "key": {"third-post"}})
		e.send(t, path, url.Values{"text": {"ci siete?"}, "lang": {"it"}, "key": {"third-post"}})
		// The bot is silent while a person is awaited: one turn.
		if after := e.lastSeq(t, id); after != before+1 {
			t.Errorf("two posts of one form added %d turns, want 1", after-before)
		}
	})

	t.Run("a person joins", func(t *testing.T) {
		turns, _ := e.svc.Store.Turns(context.Background(), id, 0)
		var code string
		for _, tr := range turns {
			if tr.Decision != nil && tr.Decision.HandoffCode != "" {
				code = tr.Decision.HandoffCode
			}
		}
		if _, err := e.svc.Claim(context.Background(), code, "op-anna"); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Reply(context.Background(), code, "op-anna", "Buongiorno, sono Anna. <b>Come posso aiutarla?</b>"); err != nil {
			t.Fatal(err)
		}
		p := e.page(t, "GET", path, nil)
		for _, want := range []string{`data-state="operator"`, "Un operatore sta seguendo la conversazione.", `data-testid="msg-operator"`,
			"Buongiorno, sono Anna. &lt;b&gt;Come posso aiutarla?&lt;/b&gt;", ">Operatore<"} {
			if !strings.Contains(p.body, want) {
				t.Errorf("page with an operator lacks %q", want)
			}
		}
	})

	t.Run("closed", func(t *testing.T) {
		if err := e.svc.Store.SetState(context.Background(), id, []chat.State{chat.StateOperator}, chat.StateClosed); err != nil {
			t.Fatal(err)
		}
		p := e.page(t, "GET", path, nil)
		if !strings.Contains(p.body, "Questa conversazione è chiusa.") || strings.Contains(p.body, `data-testid="chat-form"`) {
			t.Errorf("a closed conversation's page should say so and offer no form")
		}
		p = e.page(t, "POST", path, url.Values{"text": {"pronto?"}})
		if p.status != http.StatusConflict || !strings.Contains(p.body, "Questa conversazione è chiusa e non riceve altri messaggi") {
			t.Errorf("post to a closed conversation: %d", p.status)
		}
	})
}

func TestConversationFeedback(t *testing.T) {
	e := newEnv(t, nil)
	path, p := e.send(t, "/en/chat", url.Values{"text": {"how do I renew my electronic identity card?"}})
	if count(p.body, `data-testid="feedback"`) != 1 || !strings.Contains(p.body, "Was this answer helpful?") {
		t.Fatalf("the answer has no feedback faces")
	}
	id := strings.TrimPrefix(path, "/en/c/")
	r := e.page(t, "POST", path+"/rate", url.Values{"seq": {"2"}, "rating": {"negative"}})
	if r.status != http.StatusSeeOther || r.location != path+"?rated=2#m-2" {
		t.Fatalf("rating: %d to %q", r.status, r.location)
	}
	p = e.page(t, "GET", path+"?rated=2", nil)
	if !strings.Contains(p.body, "Thank you for your rating") || strings.Contains(p.body, `data-testid="feedback"`) {
		t.Errorf("the page after rating does not thank")
	}
	got, err := e.svc.Store.Ratings(context.Background(), "cie-rinnovo")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ConversationID != id || got[0].Seq != 2 || got[0].Rating != chat.RatingNegative || got[0].Revision < 1 || got[0].Lang != "en" {
		t.Errorf("stored ratings %+v, want one negative rating of seq 2 in en", got)
	}

	// The script asks for JSON and gets the thanks in the page's language.
	j := e.page(t, "POST", path+"/rate", url.Values{"seq": {"2"}, "rating": {"positive"}}, "Accept", "application/json")
	var body map[string]any
	if err := json.Unmarshal([]byte(j.body), &body); err != nil || j.status != 200 || !strings.Contains(body["message"].(string), "Thank you") {
		t.Errorf("JSON rating: %d %s", j.status, j.body)
	}

	for _, tc := range []struct {
		name   string
		form   url.Values
		header []string
		status int
		has    string
	}{
		{"citizen message", url.Values{"seq": {"1"}, "rating": {"positive"}}, nil, 409, "Only answers can be rated."},
		{"no such message", url.Values{"seq": {"40"}, "rating": {"positive"}}, nil, 404, "This message does not exist"},
		{"no seq", url.Values{"rating": {"positive"}}, nil, 400, "The request is not valid"},
		{"unknown face", url.Values{"seq": {"2"}, "rating": {"5"}}, nil, 400, "The request is not valid"},
		{"from another site", url.Values{"seq": {"2"}, "rating": {"negative"}}, []string{"Sec-Fetch-Site", "cross-site"}, 403, "could not be sent"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := e.page(t, "POST", path+"/rate", tc.form, tc.header...)
			if p.status != tc.status || !strings.Contains(p.body, tc.has) {
				t.Errorf("%d, want %d with %q", p.status, tc.status, tc.has)
			}
		})
	}
	if got, _ := e.svc.Store.Ratings(context.Background(), "cie-rinnovo"); len(got) != 1 || got[0].Rating != chat.RatingPositive {
		t.Errorf("after the refused ratings: %+v, want the one positive rating", got)
	}
}

func TestConversationLanguage(t *testing.T) {
	e := newEnv(t, nil)
	path, _ := e.send(t, "/it/chat", url.Values{"text": {"come pago la tassa sui rifiuti?"}})
	// The language select posts Arabic: the citizen's explicit choice.
	p := e.page(t, "POST", path, url.Values{"text": {"ok"}, "lang": {"ar"}})
	m := conversationURL.FindStringSubmatch(p.location)
	if p.status != http.StatusSeeOther || m == nil || m[1] != "ar" {
		t.Fatalf("after choosing Arabic: %d to %q, want the Arabic page", p.status, p.location)
	}
	c, _ := e.svc.Store.Conversation(context.Background(), m[2])
	if c.Lang != "ar" || !c.LangChosen {
		t.Errorf("conversation language %q chosen %v, want ar chosen", c.Lang, c.LangChosen)
	}
	ar := e.page(t, "GET", "/ar/c/"+m[2], nil)
	reply4 := regexp.MustCompile(`<li id="m-4" class="sp-msg sp-reply[^"]*" dir="rtl" lang="ar" `)
	if !strings.Contains(ar.body, `<html lang="ar" dir="rtl">`) || !reply4.MatchString(ar.body) {
		t.Errorf("the Arabic page does not show the Arabic reply right to left")
	}
	// The page in the conversation's language posts that language: not a
	// new choice.
	if c.Lang == "ar" {
		e.send(t, "/ar/c/"+m[2], url.Values{"text": {"شكرا"}, "lang": {"ar"}})
		turns, _ := e.svc.Store.Turns(context.Background(), m[2], 4)
		if len(turns) == 0 || turns[0].Lang != "" {
			t.Errorf("posting the current language recorded an explicit choice: %+v", turns)
		}
	}
}

// TestConversationBadInput: what a citizen may send by mistake, and what
// a forged form may carry. Each gets a translated message and its status,
// the transcript stays on the page, and nothing is stored.
func TestConversationBadInput(t *testing.T) {
	e := newEnv(t, nil)
	path, _ := e.send(t, "/sq/chat", url.Values{"text": {"si mund ta rinovoj kartën e identitetit elektronike?"}})
	id := strings.TrimPrefix(path, "/sq/c/")
	for _, tc := range []struct {
		name   string
		body   string
		status int
		has    string
	}{
		{"empty", "text=", 400, "Ju lutem"},
		{"spaces", "text=+++%0A", 400, "Ju lutem"},
		{"too long", "text=" + strings.Repeat("%C3%AB", 2001), 413, "2000"},
		{"100 KB", "text=" + strings.Repeat("a", 100_000), 413, "2000"},
		{"invalid UTF-8", "text=%C3%28%FF", 400, "Mesazhi përmban shenja"},
		{"binary", "text=%00%01%02%89PNG%0D%0A%1A%0A", 400, "Mesazhi përmban shenja"},
		{"bad key", "text=ciao&key=%3Cscript%3E", 400, "nuk është e vlefshme"},
		{"unknown language", "text=ciao&lang=xx", 400, "nuk është e vlefshme"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := e.lastSeq(t, id)
			req, _ := http.NewRequest("POST", e.URL+path, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp, err := noRedirect.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			body := string(b)
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.status)
			}
			if !strings.Contains(body, tc.has) || !strings.Contains(body, `<html lang="sq"`) {
				t.Errorf("page lacks the Albanian message %q", tc.has)
			}
			if tc.status != 400 || !strings.Contains(tc.name, "key") && !strings.Contains(tc.name, "language") {
				if !strings.Contains(body, `data-testid="msg-reply"`) {
					t.Errorf("the transcript is gone from the error page")
				}
			}
			if after := e.lastSeq(t, id); after != before {
				t.Errorf("bad input stored turns: %d → %d", before, after)
			}
		})
	}

	t.Run("html is shown as text", func(t *testing.T) {
		_, p := e.send(t, path, url.Values{"text": {`<img src=x onerror="alert(1)"><script>alert(2)</script>`}})
		if strings.Contains(p.body, "<img src=x") || strings.Contains(p.body, "<script>alert") ||
			!strings.Contains(p.body, "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;") {
			t.Errorf("the message is not escaped")
		}
	})

}

func TestRefusedFirstMessageStoresNothing(t *testing.T) {
	e := newEnv(t, nil)
	for _, text := range []string{"", "   ", "\x00\x01", strings.Repeat("a", 2001)} {
		if p := e.page(t, "POST", "/it/chat", url.Values{"text": {text}}); p.status < 400 {
			t.Errorf("%q: %d, want a refusal", text, p.status)
		}
	}
	// Purging everything older than an hour from now counts every
	// conversation stored: there must be none.
	n, err := e.svc.Store.Purge(context.Background(), time.Now().Add(time.Hour))
	if err != nil || n != 0 {
		t.Errorf("refused first messages left %d conversations (%v)", n, err)
	}
}
