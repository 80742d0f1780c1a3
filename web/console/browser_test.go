package console_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sportello/sportello/chat"
	bt "github.com/sportello/sportello/web/browsertest"
)

// signInBrowser signs in through the form, as a person would.
func signInBrowser(t *testing.T, ctx context.Context, base, login string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/staff/login"),
		chromedp.WaitVisible(chromedp.CSS(`#login`)),
		chromedp.SendKeys(chromedp.CSS(`#login`), login),
		chromedp.SendKeys(chromedp.CSS(`#password`), testPassword),
		chromedp.Submit(chromedp.CSS(`[data-testid=login-form]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=whoami]`)),
	)
	if err != nil {
		t.Fatalf("sign-in as %s: %v", login, err)
	}
}

// TestConsoleInBrowser: a handoff appears live on an operator's queue,
// which claims and answers it; every console page passes axe.
func TestConsoleInBrowser(t *testing.T) {
	browser := bt.NewBrowser(t)
	r := newRig(t)
	ctx := bt.NewTab(t, browser)
	signInBrowser(t, ctx, r.srv.URL, "anna")
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`[data-testid=queue-empty]`))); err != nil {
		t.Fatalf("empty queue: %v", err)
	}
	bt.Axe(t, ctx)
	// The page is open and idle; the handoff must appear without a reload.
	time.Sleep(300 * time.Millisecond) // let the EventSource connect
	code := r.handoff(t)
	row := `[data-testid="queue-` + code + `"]`
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(row))); err != nil {
		t.Fatalf("the handoff did not appear live: %v", err)
	}
	if got := bt.Eval[string](t, ctx, `document.querySelector('`+row+`').textContent`); !strings.Contains(got, "ro") {
		t.Errorf("queue row %q lacks the language", got)
	}
	bt.Axe(t, ctx)
	err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(row+` a`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=claim]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	bt.Axe(t, ctx)
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-testid=claim]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=reply-form]`)),
		chromedp.SendKeys(chromedp.CSS(`#text`), "Bună ziua, vă ajut eu."),
		chromedp.Click(chromedp.CSS(`[data-testid=send-reply]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=turn-operator]`)),
	)
	if err != nil {
		t.Fatalf("claim and reply: %v", err)
	}
	bt.Axe(t, ctx)
	tk, _ := r.svc.Store.Ticket(context.Background(), code)
	turns, _ := r.svc.Store.Turns(context.Background(), tk.ConversationID, 0)
	if last := turns[len(turns)-1]; last.Role != chat.RoleOperator || last.Text != "Bună ziua, vă ajut eu." || last.Author != "anna" {
		t.Errorf("last turn %+v", last)
	}

	// The editor's pages, signed in as an admin in a second browser.
	editor := bt.NewBrowser(t)
	ed := bt.NewTab(t, editor)
	signInBrowser(t, ed, r.srv.URL, "admin")
	for _, path := range []string{"/staff/kb", "/staff/kb/e/cie-rinnovo", "/staff/kb/e/cie-rinnovo/history", "/staff/kb/coverage",
		"/staff/kb/preview?q=carta+d%27identit%C3%A0&lang=it", "/staff/kb/import", "/staff/kb/missed", "/staff/kb/told?date=2026-03-03",
		"/staff/kb/new", "/staff/audit"} {
		t.Run(strings.TrimPrefix(path, "/staff/"), func(t *testing.T) {
			ed := bt.NewTab(t, editor)
			if err := chromedp.Do(ed, chromedp.Navigate(r.srv.URL+path), chromedp.WaitVisible(chromedp.CSS(`h1`))); err != nil {
				t.Fatal(err)
			}
			bt.Axe(t, ed)
		})
	}
	// Arabic is edited right to left.
	ed = bt.NewTab(t, editor)
	if err := chromedp.Do(ed, chromedp.Navigate(r.srv.URL+"/staff/kb/e/cie-rinnovo"), chromedp.WaitVisible(chromedp.CSS(`#a-ar`))); err != nil {
		t.Fatal(err)
	}
	if d := bt.Eval[string](t, ed, `getComputedStyle(document.querySelector('#a-ar')).direction`); d != "rtl" {
		t.Errorf("the Arabic answer box is %s", d)
	}
	// The SMS counter follows the typing.
	bt.Eval[bool](t, ed, `document.querySelector('#sms-it').value = ''; true`)
	err = chromedp.Do(ed,
		chromedp.SendKeys(chromedp.CSS(`#sms-it`), "Rinnovo CIE: prenota all'Anagrafe, porta foto e vecchia carta. Costo 22,21 euro."),
	)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := bt.Eval[string](t, ed, `document.querySelector('[data-testid=sms-count-it]').textContent`)
		if strings.Contains(got, "1 SMS") && strings.Contains(got, "GSM") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("SMS counter shows %q", got)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
