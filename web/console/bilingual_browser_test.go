package console_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb/providers"
	"github.com/sportello/sportello/telephony/sms"
	bt "github.com/sportello/sportello/web/browsertest"
)

// TestBilingualInBrowser: with a language model, an operator reads an
// Arabic message right to left beside its Italian translation, marked
// as automatic; writes in Italian, checks and corrects the Arabic
// translation, and sends it; and on an SMS conversation sees the reply's
// segments counted as they type, and a reply over the cap refused with
// the draft kept. Every state passes axe.
func TestBilingualInBrowser(t *testing.T) {
	browser := bt.NewBrowser(t)
	r := newRig(t)
	f := r.withTranslator(t, providers.OpenAI)
	r.console.SMS = &sms.Service{Config: sms.Config{OperatorSegments: 2}}
	ctx := bt.NewTab(t, browser)
	signInBrowser(t, ctx, r.srv.URL, "anna")
	code := r.handoffSaying(t, chat.ChannelWeb, "", arRequest)

	err := chromedp.Do(ctx,
		chromedp.Navigate(r.srv.URL+"/staff/t/"+code),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=turn-translation]`)),
	)
	if err != nil {
		t.Fatalf("the bilingual view: %v", err)
	}
	style := func(sel, prop string) string {
		return bt.Eval[string](t, ctx, `getComputedStyle(document.querySelector('`+sel+`')).`+prop)
	}
	if d := style(`[data-testid=turn-original]`, "direction"); d != "rtl" {
		t.Errorf("the Arabic original reads %s", d)
	}
	if d := style(`[data-testid=turn-translation]`, "direction"); d != "ltr" {
		t.Errorf("the Italian translation reads %s", d)
	}
	if got := bt.Eval[string](t, ctx, `document.querySelector('[data-testid=turn-translation]').textContent`); got != arRequestIt {
		t.Errorf("translation %q", got)
	}
	// The mark is words on the page, so screen readers say it too.
	ui := bt.Eval[string](t, ctx, `document.documentElement.lang`)
	say := func(id string) string { return r.console.Messages.Message(ui, id, nil) }
	if got := bt.Eval[string](t, ctx, `document.querySelector('[data-testid=bilingual]').innerText`); !strings.Contains(got, say("ConsoleMachineTranslation")+" (it)") {
		t.Errorf("the translation is not marked as automatic: %q", got)
	}
	bt.Axe(t, ctx)

	// Claim, write in Italian, ask for the translation.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-testid=claim]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=translate-reply]`)),
		chromedp.SendKeys(chromedp.CSS(`#text`), itGreeting),
		chromedp.Click(chromedp.CSS(`[data-testid=translate-reply]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=reply-preview]`)),
	)
	if err != nil {
		t.Fatalf("translating the reply: %v", err)
	}
	if got := bt.Eval[string](t, ctx, `document.querySelector('#original').value`); got != itGreeting {
		t.Errorf("the Italian beside the translation: %q", got)
	}
	if got := bt.Eval[string](t, ctx, `document.querySelector('#text').value`); got != itGreetingAr {
		t.Errorf("the translation to send: %q", got)
	}
	if d := style(`#text`, "direction"); d != "rtl" {
		t.Errorf("the Arabic translation is edited %s", d)
	}
	bt.Axe(t, ctx)
	// The operator corrects the translation before sending it.
	bt.Eval[bool](t, ctx, `document.querySelector('#text').value += ' شكرا'; true`)
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-testid=send-translated]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=turn-sent-original]`)),
	)
	if err != nil {
		t.Fatalf("sending the translation: %v", err)
	}
	tk, _ := r.svc.Store.Ticket(context.Background(), code)
	turns, _ := r.svc.Store.Turns(context.Background(), tk.ConversationID, 0)
	last := turns[len(turns)-1]
	if last.Role != chat.RoleOperator || last.Text != itGreetingAr+" شكرا" || last.Translation("it") == nil || last.Translation("it").Text != itGreeting {
		t.Errorf("sent %+v", last)
	}
	if got := bt.Eval[string](t, ctx, `document.querySelector('[data-testid=turn-sent-original]').textContent`); got != itGreeting {
		t.Errorf("the transcript shows %q as the original", got)
	}
	bt.Axe(t, ctx)
	if n := len(f.asked()); n != 2 {
		t.Errorf("the model was asked %d times, want 2 (the message, the reply)", n)
	}

	// SMS: the counter follows the typing, and the server holds the cap.
	smsCode := r.handoffSaying(t, chat.ChannelSMS, "p:browser", roRequest)
	long := strings.Repeat("Dosarul este gata. ", 17)
	err = chromedp.Do(ctx,
		chromedp.Navigate(r.srv.URL+"/staff/t/"+smsCode),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=claim]`)),
		chromedp.Click(chromedp.CSS(`[data-testid=claim]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=reply-sms-count]`)),
		chromedp.SendKeys(chromedp.CSS(`#text`), "Bună ziua"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if err := waitJS(ctx, `/^9 .*, 1 SMS \(UCS-2\)$/.test(document.querySelector('[data-testid=reply-sms-count]').textContent)`); err != nil {
		t.Errorf("the counter shows %q", bt.Eval[string](t, ctx, `document.querySelector('[data-testid=reply-sms-count]').textContent`))
	}
	// Typing three segments key by key takes long: the text is pasted,
	// as an operator often does.
	bt.Eval[bool](t, ctx, `(b => { b.value = `+"`"+long+"`"+`; b.dispatchEvent(new Event('input')); return true })(document.querySelector('#text'))`)
	deadline := time.Now().Add(10 * time.Second)
	for !bt.Eval[bool](t, ctx, `document.querySelector('[data-testid=reply-sms-count]').classList.contains('sp-sms-over')`) {
		if time.Now().After(deadline) {
			t.Fatalf("no warning over the cap: %q", bt.Eval[string](t, ctx, `document.querySelector('[data-testid=reply-sms-count]').textContent`))
		}
		time.Sleep(100 * time.Millisecond)
	}
	if got := bt.Eval[string](t, ctx, `document.querySelector('[data-testid=reply-sms-count]').textContent`); !strings.Contains(got, "3 SMS") || !strings.Contains(got, r.console.Messages.Message(ui, "ConsoleSMSOverCap", map[string]any{"Max": 2})) {
		t.Errorf("counter over the cap: %q", got)
	}
	bt.Axe(t, ctx)
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`[data-testid=send-reply]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=reply-error]`)),
	)
	if err != nil {
		t.Fatalf("the refused reply: %v", err)
	}
	if got := bt.Eval[string](t, ctx, `document.querySelector('#text').value`); got != long {
		t.Errorf("the draft was lost: %q", got)
	}
	bt.Axe(t, ctx)
}
