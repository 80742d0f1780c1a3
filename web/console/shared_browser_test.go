package console_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/sportello/sportello/kb"
	bt "github.com/sportello/sportello/web/browsertest"
)

// TestSharedEntryInBrowser: an editor adopts a national entry for a
// town, sees what the override hides, finds it in the list, and follows
// the notice that the original changed to its diff; each page state
// passes axe.
func TestSharedEntryInBrowser(t *testing.T) {
	browser := bt.NewBrowser(t)
	r := newRig(t)
	ctx := context.Background()
	national := &kb.Entry{ID: "bonus-bollette", Topic: "sociale", Agency: "nazionale", Shared: true, Variants: map[string]*kb.Variant{
		"it": {Question: "Come ottengo il bonus sociale per le bollette?", Answer: "Il bonus arriva in bolletta da solo se hai un ISEE valido sotto la soglia."},
		"ar": {Question: "كيف أحصل على المكافأة الاجتماعية للفواتير؟", Answer: "تصل المكافأة تلقائيًا في الفاتورة إذا كان لديك ISEE ساري المفعول."},
	}}
	if _, err := r.kb.Import(ctx, []*kb.Entry{national}, kb.ImportOptions{By: "formez"}); err != nil {
		t.Fatal(err)
	}
	tab := bt.NewTab(t, browser)
	signInBrowser(t, tab, r.srv.URL, "elena")
	err := chromedp.Do(tab,
		chromedp.Navigate(r.srv.URL+"/staff/kb/e/bonus-bollette"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=adopt-form]`)),
	)
	if err != nil {
		t.Fatalf("the shared entry: %v", err)
	}
	bt.Axe(t, tab)
	err = chromedp.Do(tab,
		chromedp.SendKeys(chromedp.CSS(`#adopt-agency`), "borgoverde"),
		chromedp.Click(chromedp.CSS(`[data-testid=adopt]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=override]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=shared-ar]`)),
	)
	if err != nil {
		t.Fatalf("adopting: %v", err)
	}
	bt.Axe(t, tab)
	if got := bt.Eval[string](t, tab, `document.querySelector('[data-testid=shared-ar]').textContent`); !strings.Contains(got, "ISEE") {
		t.Errorf("the hidden Arabic text: %q", got)
	}
	if d := bt.Eval[string](t, tab, `getComputedStyle(document.querySelector('[data-testid=shared-ar] strong')).direction`); d != "rtl" {
		t.Errorf("the hidden Arabic text runs %s", d)
	}
	// The list's sharing filter finds the new draft.
	err = chromedp.Do(tab,
		chromedp.Navigate(r.srv.URL+"/staff/kb"),
		chromedp.WaitVisible(chromedp.CSS(`#sharing`)),
		chromedp.SetValue(chromedp.CSS(`#sharing`), "adopted"),
		chromedp.Submit(chromedp.CSS(`[data-testid=entry-filter]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="sharing-borgoverde-bonus-bollette"]`)),
	)
	if err != nil {
		t.Fatalf("the list filtered by sharing: %v", err)
	}
	bt.Axe(t, tab)
	// The original moves on; the override links the diff.
	changed := national.Clone()
	changed.Variants["it"].Answer += " Dal 2026 vale anche per il bonus idrico."
	if _, err := r.kb.Import(ctx, []*kb.Entry{changed}, kb.ImportOptions{By: "formez"}); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(tab,
		chromedp.Navigate(r.srv.URL+"/staff/kb/e/borgoverde-bonus-bollette"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=original-changed]`)),
	)
	if err != nil {
		t.Fatalf("the notice of a changed original: %v", err)
	}
	bt.Axe(t, tab)
	err = chromedp.Do(tab,
		chromedp.Click(chromedp.CSS(`[data-testid=original-diff]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=diff] ins`)),
	)
	if err != nil {
		t.Fatalf("the diff of the original: %v", err)
	}
	if got := bt.Eval[string](t, tab, `document.querySelector('[data-testid=diff]').textContent`); !strings.Contains(got, "idrico") {
		t.Errorf("the diff: %q", got)
	}
	bt.Axe(t, tab)
}
