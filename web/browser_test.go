package web_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/web/browsertest"
)

// The browser tests drive Debian's Chromium against the real pages on the
// demo knowledge base, through web/browsertest (which skips them when
// Chromium or node_modules is missing, except in CI).

// axePath is axe-core's script, for the tests that run it themselves.
const axePath = "../node_modules/axe-core/axe.min.js"

// newBrowser and mustEval are the shared helpers under the names the page
// tests use.
func newBrowser(t *testing.T) context.Context { return browsertest.NewBrowser(t) }

// newTab opens a tab with a longer deadline than browsertest.NewTab's:
// the public pages' tests visit several pages in one tab, on a machine
// that may be busy.
func newTab(t *testing.T, browser context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancelTimeout)
	return ctx
}

func mustEval[T any](t *testing.T, ctx context.Context, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	return browsertest.Eval[T](t, ctx, expr, opts...)
}

type axeViolation = browsertest.Violation

// ask types the message into the page's form and sends it, once the
// script has taken the forms over (or the click would post the plain
// way); the script then adds the turns to the page.
func ask(ctx context.Context, text string) error {
	if err := waitFor(ctx, `document.querySelector('[data-chat]').dataset.enhanced === 'true'`); err != nil {
		return err
	}
	return askPlain(ctx, text)
}

// askPlain types the message and sends it: without JavaScript the form
// posts and the browser loads the conversation's page.
func askPlain(ctx context.Context, text string) error {
	return chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=message-input]`)),
		chromedp.SendKeys(chromedp.CSS(`[data-testid=message-input]`), text),
		press(`[data-testid=send]`),
	)
}

// press activates a button from the keyboard (focus, Enter), as a
// keyboard user does; unlike a click at coordinates, a layout shift (a
// web font arriving) cannot make it miss.
func press(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		return chromedp.Do(ctx,
			chromedp.WaitVisible(chromedp.CSS(sel)),
			chromedp.Focus(chromedp.CSS(sel)),
			chromedp.KeyEvent(kb.Enter),
		)
	})
}

// waitFor waits until the JavaScript expression is true (polled by the
// browser at each frame), within the tab's deadline.
// A navigation meanwhile (a form post without JavaScript, a change of
// language) restarts the wait on the new page.
func waitFor(ctx context.Context, expr string) error {
	for {
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr))
		if err == nil || ctx.Err() != nil || !strings.Contains(err.Error(), "navigated") {
			return err
		}
	}
}

// countIs is a predicate: the page shows n elements with the test id.
func countIs(testid string, n int) string {
	return fmt.Sprintf(`document.querySelectorAll('[data-testid=%s]').length >= %d`, testid, n)
}

// markPage leaves a mark in the page's JavaScript state: a reload or a
// navigation erases it.
func markPage(t *testing.T, ctx context.Context) {
	t.Helper()
	mustEval[bool](t, ctx, `window.__sameDocument = true`)
}

func requireSamePage(t *testing.T, ctx context.Context) {
	t.Helper()
	if !mustEval[bool](t, ctx, `window.__sameDocument === true`) {
		t.Error("the page reloaded; the script should have added the turns in place")
	}
}

func disableJS(t *testing.T, ctx context.Context) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
}

func navigate(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
}

// conversationID is the id in the tab's /{lang}/c/{id} address.
func conversationID(t *testing.T, ctx context.Context) string {
	t.Helper()
	path := mustEval[string](t, ctx, `location.pathname`)
	i := strings.Index(path, "/c/")
	if i < 0 || !chat.ValidID(path[i+3:]) {
		t.Fatalf("the tab is at %q, not a conversation", path)
	}
	return path[i+3:]
}

func TestBrowser(t *testing.T) {
	browser := newBrowser(t)
	e := newEnv(t, nil)

	t.Run("italian answer with source, without reload", func(t *testing.T) {
		ctx := newTab(t, browser)
		navigate(t, ctx, e.URL+"/it/")
		markPage(t, ctx)
		if err := ask(ctx, "come rinnovo la carta d'identità elettronica?"); err != nil {
			t.Fatal(err)
		}
		if err := waitFor(ctx, countIs("msg-reply", 1)); err != nil {
			t.Fatal(err)
		}
		requireSamePage(t, ctx)
		got := mustEval[map[string]string](t, ctx, `(() => {
			const r = document.querySelector('[data-testid=msg-reply]');
			const a = r.querySelector('[data-testid=source-link]');
			return {
				lang: document.documentElement.lang,
				kind: r.dataset.kind,
				text: r.querySelector('[data-testid=reply-text]').textContent,
				source: r.querySelector('[data-testid=source-title]').textContent,
				href: a ? new URL(a.href).pathname : '',
				citizen: document.querySelector('[data-testid=msg-citizen]').textContent,
				input: document.querySelector('[data-testid=message-input]').value,
			};
		})()`)
		if got["lang"] != "it" || got["kind"] != "answer" {
			t.Fatalf("lang %q, kind %q, want it, answer; reply %q", got["lang"], got["kind"], got["text"])
		}
		if got["source"] != "Come rinnovo la carta d'identità elettronica?" || got["href"] != "/it/faq/cie-rinnovo" {
			t.Errorf("source %q linking %q, want the cie-rinnovo question and /it/faq/cie-rinnovo", got["source"], got["href"])
		}
		if !strings.Contains(got["citizen"], "come rinnovo la carta d'identità elettronica?") || got["input"] != "" {
			t.Errorf("citizen's message %q, message box %q: want the message shown and the box emptied", got["citizen"], got["input"])
		}
		if !strings.Contains(strings.ToLower(got["text"]), "carta") {
			t.Errorf("reply %q does not look like the cie-rinnovo answer", got["text"])
		}
		// The address is the conversation's, so a reload shows it.
		id := conversationID(t, ctx)
		if n := e.lastSeq(t, id); n != 2 {
			t.Errorf("the stored conversation has %d turns, want 2", n)
		}
		// bootstrap-italia loads from /static/bi/ despite the strict CSP.
		sheets := mustEval[[]string](t, ctx, `[...document.styleSheets].filter(s => s.cssRules.length > 0).map(s => new URL(s.href).pathname)`)
		if !slices.Contains(sheets, "/static/bi/css/bootstrap-italia.min.css") {
			t.Errorf("stylesheets applied: %v, want bootstrap-italia's", sheets)
		}
	})

	t.Run("arabic is right to left", func(t *testing.T) {
		ctx := newTab(t, browser)
		navigate(t, ctx, e.URL+"/ar/")
		if err := ask(ctx, "كيف أجدد بطاقة الهوية الإلكترونية؟"); err != nil {
			t.Fatal(err)
		}
		if err := waitFor(ctx, countIs("msg-reply", 1)); err != nil {
			t.Fatal(err)
		}
		if dir := mustEval[string](t, ctx, `document.documentElement.dir`); dir != "rtl" {
			t.Errorf("document dir %q, want rtl", dir)
		}
		got := mustEval[map[string]string](t, ctx, `(() => {
			const r = document.querySelector('[data-testid=msg-reply]');
			return {kind: r.dataset.kind, lang: r.lang, dir: getComputedStyle(r).direction,
				text: r.querySelector('[data-testid=reply-text]').textContent,
				href: new URL(r.querySelector('[data-testid=source-link]').href).pathname};
		})()`)
		if got["kind"] != "answer" || got["lang"] != "ar" || got["dir"] != "rtl" || got["href"] != "/ar/faq/cie-rinnovo" {
			t.Errorf("reply %v, want an Arabic answer, right to left, linking /ar/faq/cie-rinnovo", got)
		}
		if arabicShare(got["text"]) < 0.5 {
			t.Errorf("reply is not Arabic: %q", got["text"])
		}
	})

	t.Run("a face stores the rating", func(t *testing.T) {
		ctx := newTab(t, browser)
		navigate(t, ctx, e.URL+"/fr/")
		if err := ask(ctx, "comment renouveler la carte d'identité électronique ?"); err != nil {
			t.Fatal(err)
		}
		err := chromedp.Do(ctx,
			press(`[data-testid=face-positive]`),
			chromedp.WaitVisible(chromedp.CSS(`[data-testid=feedback-thanks]`)),
		)
		if err != nil {
			t.Fatal(err)
		}
		if thanks := mustEval[string](t, ctx, `document.querySelector('[data-testid=feedback-thanks]').textContent`); !strings.Contains(thanks, "Merci") {
			t.Errorf("thanks %q, want French", thanks)
		}
		id := conversationID(t, ctx)
		ratings, err := e.svc.Store.Ratings(context.Background(), "cie-rinnovo")
		if err != nil {
			t.Fatal(err)
		}
		var found bool
		for _, r := range ratings {
			if r.ConversationID == id {
				found = r.Seq == 2 && r.Rating == chat.RatingPositive && r.Lang == "fr" && r.Revision >= 1
				if !found {
					t.Errorf("stored rating %+v, want seq 2 positive in fr with a revision", r)
				}
			}
		}
		if !found {
			t.Errorf("no rating stored for conversation %s: %+v", id, ratings)
		}
	})

	t.Run("a person in romanian, live", func(t *testing.T) {
		ctx := newTab(t, browser)
		navigate(t, ctx, e.URL+"/ro/")
		markPage(t, ctx)
		if err := ask(ctx, "vreau să vorbesc cu un operator"); err != nil {
			t.Fatal(err)
		}
		if err := waitFor(ctx, countIs("msg-reply", 1)+` && !!document.querySelector('[data-testid=status]')`); err != nil {
			t.Fatal(err)
		}
		got := mustEval[map[string]string](t, ctx, `(() => {
			const r = document.querySelector('[data-testid=msg-reply]');
			return {kind: r.dataset.kind, lang: r.lang, text: r.querySelector('[data-testid=reply-text]').textContent,
				code: r.querySelector('[data-testid=handoff-code]').textContent,
				status: document.querySelector('[data-testid=status]').textContent};
		})()`)
		if got["kind"] != "handoff" || got["lang"] != "ro" || !strings.Contains(got["text"], "operator") {
			t.Errorf("reply %v, want a Romanian handoff", got)
		}
		code, ok := chat.NormalizeCode(got["code"])
		if !ok || !strings.Contains(got["text"], got["code"]) {
			t.Errorf("reference code %q not shown in the reply %q", got["code"], got["text"])
		}
		if !strings.Contains(got["status"], "Un operator se va alătura") || !strings.Contains(got["status"], got["code"]) {
			t.Errorf("status %q, want the Romanian waiting message with the code", got["status"])
		}
		// A person joins and writes, in another process of the contact
		// centre: the page shows it over the live stream, without reload.
		if _, err := e.svc.Claim(context.Background(), code, "op-ioana"); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Reply(context.Background(), code, "op-ioana", "Bună ziua, sunt Ioana. Cu ce vă pot ajuta?"); err != nil {
			t.Fatal(err)
		}
		if err := waitFor(ctx, countIs("msg-operator", 1)+` && document.querySelector('[data-testid=status]').dataset.state === 'operator'`); err != nil {
			t.Fatal(err)
		}
		requireSamePage(t, ctx)
		if op := mustEval[string](t, ctx, `document.querySelector('[data-testid=operator-text]').textContent`); op != "Bună ziua, sunt Ioana. Cu ce vă pot ajuta?" {
			t.Errorf("operator's message %q", op)
		}
	})

	t.Run("another tab follows the conversation live", func(t *testing.T) {
		c := &chat.Conversation{Channel: chat.ChannelWeb, Lang: "en", LangChosen: true}
		if err := e.svc.Start(context.Background(), c); err != nil {
			t.Fatal(err)
		}
		ctx := newTab(t, browser)
		navigate(t, ctx, e.URL+"/en/c/"+c.ID)
		markPage(t, ctx)
		// The stream is open once the state event has come.
		if err := waitFor(ctx, `document.readyState === 'complete'`); err != nil {
			t.Fatal(err)
		}
		for e.broker.Subscribers(c.ID) == 0 {
			if ctx.Err() != nil {
				t.Fatal("the page never subscribed to its conversation")
			}
			time.Sleep(10 * time.Millisecond)
		}
		if _, err := e.svc.Post(context.Background(), c.ID, chat.Message{Text: "how do I renew my electronic identity card?"}); err != nil {
			t.Fatal(err)
		}
		if err := waitFor(ctx, countIs("msg-reply", 1)); err != nil {
			t.Fatal(err)
		}
		requireSamePage(t, ctx)
		if kind := mustEval[string](t, ctx, `document.querySelector('[data-testid=msg-reply]').dataset.kind`); kind != "answer" {
			t.Errorf("live reply kind %q, want answer", kind)
		}
	})

	t.Run("html stays text", func(t *testing.T) {
		const attack = `<script>window.__xss=2</script><img src=x onerror="window.__xss=1"> voglio parlare con un operatore della carta d'identità`
		ctx := newTab(t, browser)
		navigate(t, ctx, e.URL+"/it/")
		if err := ask(ctx, attack); err != nil {
			t.Fatal(err)
		}
		if err := waitFor(ctx, countIs("msg-reply", 1)); err != nil {
			t.Fatal(err)
		}
		check := func(how string) {
			got := mustEval[map[string]any](t, ctx, `({xss: window.__xss === undefined ? 'none' : String(window.__xss),
				text: document.querySelector('[data-testid=citizen-text]').textContent,
				imgs: document.querySelectorAll('[data-testid=messages] img').length})`)
			if got["xss"] != "none" || got["text"] != attack || got["imgs"] != 0.0 {
				t.Errorf("%s: %v, want the message shown as text and nothing run", how, got)
			}
		}
		check("added by the script")
		navigate(t, ctx, mustEval[string](t, ctx, `location.href`))
		check("rendered by the server")
	})

	t.Run("works without javascript", func(t *testing.T) {
		ctx := newTab(t, browser)
		disableJS(t, ctx)
		navigate(t, ctx, e.URL+"/it/")
		if err := askPlain(ctx, "carta d'identità"); err != nil {
			t.Fatal(err)
		}
		// A choice is a button that posts it.
		err := chromedp.Do(ctx,
			press(`[data-testid=choice]`),
			press(`[data-testid=face-negative]`),
			chromedp.WaitVisible(chromedp.CSS(`[data-testid=feedback-thanks]`)),
		)
		if err != nil {
			html, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.OuterHTML(chromedp.CSS(`main`)))
			t.Fatalf("%v; page:\n%s", err, html)
		}
		id := conversationID(t, ctx)
		kinds := mustEval[[]string](t, ctx, `[...document.querySelectorAll('[data-testid=msg-reply]')].map(r => r.dataset.kind)`)
		if !slices.Equal(kinds, []string{"clarify", "answer"}) {
			t.Errorf("replies %v, want clarify then answer", kinds)
		}
		turns, _ := e.svc.Store.Turns(context.Background(), id, 3)
		if len(turns) != 1 || turns[0].Decision == nil {
			t.Fatalf("stored turns after 3: %+v", turns)
		}
		ratings, _ := e.svc.Store.Ratings(context.Background(), turns[0].Decision.EntryID)
		if !slices.ContainsFunc(ratings, func(f chat.Feedback) bool {
			return f.ConversationID == id && f.Seq == 4 && f.Rating == chat.RatingNegative
		}) {
			t.Errorf("the negative rating was not stored: %+v", ratings)
		}
		if err := askPlain(ctx, "aiuto c'è un incendio in casa"); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`[data-testid=emergency]`))); err != nil {
			t.Fatal(err)
		}
		html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS(`[data-kind=emergency]`)))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`href="tel:112"`, "112"} {
			if !strings.Contains(html, want) {
				t.Errorf("reply lacks %q:\n%s", want, html)
			}
		}
	})

	t.Run("axe finds no serious violations", func(t *testing.T) {
		ctx := context.Background()
		// Conversations in each state, stored as the service stores them.
		conv := func(lang string, texts ...string) string {
			c := &chat.Conversation{Channel: chat.ChannelWeb, Lang: lang, LangChosen: true}
			if err := e.svc.Start(ctx, c); err != nil {
				t.Fatal(err)
			}
			for _, text := range texts {
				if _, err := e.svc.Post(ctx, c.ID, chat.Message{Text: text}); err != nil {
					t.Fatal(err)
				}
			}
			return c.ID
		}
		handoff := func(lang, text string) (string, string) {
			id := conv(lang, text)
			turns, _ := e.svc.Store.Turns(ctx, id, 0)
			return id, turns[len(turns)-1].Decision.HandoffCode
		}
		// One conversation shows an answer with its faces, an emergency,
		// and choices still open.
		answered := conv("it", "come rinnovo la carta d'identità elettronica?", "aiuto c'è un incendio in casa", "carta d'identità")
		waiting, _ := handoff("ro", "vreau să vorbesc cu un operator")
		withOperator, code := handoff("sq", "dua të flas me një operator")
		if _, err := e.svc.Claim(ctx, code, "op"); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Reply(ctx, code, "op", "Përshëndetje, si mund t'ju ndihmoj?"); err != nil {
			t.Fatal(err)
		}
		closed, code := handoff("zh", "我想和工作人员说话")
		if _, err := e.svc.Claim(ctx, code, "op"); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.Store.SetState(ctx, closed, []chat.State{chat.StateOperator}, chat.StateClosed); err != nil {
			t.Fatal(err)
		}
		arabic := conv("ar", "كيف أجدد بطاقة الهوية الإلكترونية؟")
		// One tab visits every page: a tab per page costs more than axe.
		tab := newTab(t, browser)
		for _, tc := range []struct{ name, path, ask string }{
			{"empty italian page", "/it/", ""},
			{"input error", "/it/", "???"},
			{"answer, emergency and choices", "/it/c/" + answered, ""},
			{"rated answer", "/it/c/" + answered + "?rated=2", ""},
			{"arabic conversation", "/ar/c/" + arabic, ""},
			{"waiting for a person", "/ro/c/" + waiting, ""},
			{"with an operator", "/sq/c/" + withOperator, ""},
			{"closed", "/zh/c/" + closed, ""},
			{"unknown conversation", "/de/c/" + chat.NewID(), ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				ctx := tab
				navigate(t, ctx, e.URL+tc.path)
				if tc.ask != "" {
					if err := ask(ctx, tc.ask); err != nil {
						t.Fatal(err)
					}
					if err := waitFor(ctx, countIs("msg-reply", 1)+` || !document.querySelector('[data-testid=error]').hidden`); err != nil {
						t.Fatal(err)
					}
				}
				browsertest.Axe(t, ctx)
			})
		}
	})
}

// arabicShare is the share of the letters of s in Arabic script.
func arabicShare(s string) float64 {
	var letters, arabic int
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(unicode.Arabic, r) {
				arabic++
			}
		}
	}
	if letters == 0 {
		return 0
	}
	return float64(arabic) / float64(letters)
}
