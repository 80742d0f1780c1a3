package console_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/web"
	bt "github.com/sportello/sportello/web/browsertest"
)

// waitJS polls a JavaScript predicate in the page until it holds.
func waitJS(ctx context.Context, expr string) error {
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr))
	return err
}

// pressKey activates a control from the keyboard, as a keyboard user does.
func pressKey(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		return chromedp.Do(ctx,
			chromedp.WaitVisible(chromedp.CSS(sel)),
			chromedp.Focus(chromedp.CSS(sel)),
			chromedp.KeyEvent("\r"),
		)
	})
}

// TestHandoffEndToEnd is the handoff as people live it: a citizen asks
// for a person in Romanian on the public chat; the handoff appears live
// on an operator's queue in another browser; the operator claims it and
// replies; the citizen sees the reply without reloading; and the bot no
// longer answers in that conversation.
func TestHandoffEndToEnd(t *testing.T) {
	citizenBrowser := bt.NewBrowser(t)
	operatorBrowser := bt.NewBrowser(t)
	r := newRig(t)
	pub := &web.Server{Service: r.svc, Broker: r.broker, StaticDir: bt.StaticDir(t)}
	mux := http.NewServeMux()
	mux.Handle("/staff/", r.console.Handler())
	mux.Handle("/", pub.Handler())
	srv := httptest.NewServer(mux)
	t.Cleanup(func() { pub.StopStreams(); srv.Close() })

	op := bt.NewTab(t, operatorBrowser)
	signInBrowser(t, op, srv.URL, "anna")
	if err := chromedp.Do(op, chromedp.WaitVisible(chromedp.CSS(`[data-testid=queue-empty]`))); err != nil {
		t.Fatal(err)
	}

	cit := bt.NewTab(t, citizenBrowser)
	if err := chromedp.Do(cit, chromedp.Navigate(srv.URL+"/ro/")); err != nil {
		t.Fatal(err)
	}
	if err := waitJS(cit, `document.querySelector('[data-chat]') && document.querySelector('[data-chat]').dataset.enhanced === 'true'`); err != nil {
		t.Fatalf("the chat script did not start: %v", err)
	}
	bt.Eval[bool](t, cit, `window.__samePage = true`)
	say := func(text string) {
		t.Helper()
		err := chromedp.Do(cit,
			chromedp.WaitVisible(chromedp.CSS(`[data-testid=message-input]`)),
			chromedp.SendKeys(chromedp.CSS(`[data-testid=message-input]`), text),
			pressKey(`[data-testid=send]`),
		)
		if err != nil {
			t.Fatal(err)
		}
	}
	say("vreau să vorbesc cu un operator")
	if err := waitJS(cit, `!!document.querySelector('[data-testid=handoff-code]')`); err != nil {
		t.Fatalf("no handoff on the citizen's page: %v", err)
	}
	code, ok := chat.NormalizeCode(bt.Eval[string](t, cit, `document.querySelector('[data-testid=handoff-code]').textContent`))
	if !ok {
		t.Fatal("the handoff code shown is not a code")
	}

	// The operator's queue shows it without a reload.
	row := fmt.Sprintf(`[data-testid="queue-%s"]`, code)
	if err := chromedp.Do(op, chromedp.WaitVisible(chromedp.CSS(row))); err != nil {
		t.Fatalf("the handoff did not reach the queue live: %v", err)
	}
	const reply = "Bună ziua, sunt Anna de la Primărie. Cu ce vă pot ajuta?"
	err := chromedp.Do(op,
		chromedp.Click(chromedp.CSS(row+` a`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=claim]`)),
		chromedp.Click(chromedp.CSS(`[data-testid=claim]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=reply-form]`)),
		chromedp.SendKeys(chromedp.CSS(`#text`), reply),
		chromedp.Click(chromedp.CSS(`[data-testid=send-reply]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=turn-operator]`)),
	)
	if err != nil {
		t.Fatalf("claim and reply: %v", err)
	}

	// The citizen sees, live and in Romanian, that a person joined, and
	// the reply.
	if err := waitJS(cit, `[...document.querySelectorAll('[data-testid=operator-text]')].some(e => e.textContent === `+"`"+reply+"`"+`)`); err != nil {
		t.Fatalf("the operator's reply did not reach the citizen: %v", err)
	}
	if !bt.Eval[bool](t, cit, `window.__samePage === true`) {
		t.Error("the citizen's page was reloaded")
	}
	if s := bt.Eval[string](t, cit, `document.body.textContent`); !strings.Contains(s, "Un operator s-a alăturat") {
		t.Errorf("the citizen was not told in Romanian that a person joined")
	}

	// The bot stays silent, even for a question it knows.
	bots := bt.Eval[int](t, cit, `document.querySelectorAll('[data-testid=msg-reply]').length`)
	say("Cum plătesc TARI?")
	if err := waitJS(cit, `[...document.querySelectorAll('[data-testid=citizen-text]')].some(e => e.textContent.includes('Cum plătesc TARI'))`); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond)
	if n := bt.Eval[int](t, cit, `document.querySelectorAll('[data-testid=msg-reply]').length`); n != bots {
		t.Errorf("the bot answered a conversation an operator has: %d replies, was %d", n, bots)
	}
	tk, _ := r.svc.Store.Ticket(context.Background(), code)
	turns, _ := r.svc.Store.Turns(context.Background(), tk.ConversationID, 0)
	if last := turns[len(turns)-1]; last.Role != chat.RoleCitizen || last.Status != chat.TurnDone {
		t.Errorf("last stored turn %+v, want the citizen's, done and unanswered", last)
	}
}
