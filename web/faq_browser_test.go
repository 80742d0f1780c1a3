package web_test

import (
	"context"
	"net/url"
	"os"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// checkAxe runs axe-core on the page in ctx and fails on serious or
// critical violations; the others are logged.
func checkAxe(t *testing.T, ctx context.Context) {
	t.Helper()
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	mustEval[bool](t, ctx, string(axe)+"\n;true")
	violations := mustEval[[]axeViolation](t, ctx, `axe.run(document, {resultTypes: ['violations']}).then(r =>
		r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
			nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))`, chromedp.EvalAwaitPromise)
	for _, v := range violations {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("axe %s (%s): %s at %v", v.ID, v.Impact, v.Help, v.Nodes)
		} else {
			t.Logf("axe %s (%s): %s at %v", v.ID, v.Impact, v.Help, v.Nodes)
		}
	}
}

// viewport emulates a screen width CSS pixels wide at scale (2 is a
// browser zoomed to 200%).
func viewport(width, height int64, scale float64, mobile bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: width, Height: height, DeviceScaleFactor: scale, Mobile: mobile,
		})
		return err
	})
}

// checkReflow fails when the page in ctx scrolls sideways: WCAG 1.4.10
// asks for content readable at 320 CSS pixels without it.
func checkReflow(t *testing.T, ctx context.Context) {
	t.Helper()
	got := mustEval[map[string]float64](t, ctx, `({scroll: document.documentElement.scrollWidth, view: window.innerWidth})`)
	if got["scroll"] > got["view"] {
		t.Errorf("the page is %v CSS px wide in a %v px viewport: it scrolls sideways", got["scroll"], got["view"])
	}
}

// TestFAQBrowser runs axe-core and the reflow check on every kind of FAQ
// page and on the widget's page, in Italian, Arabic and Chinese: axe at
// desktop width and on a phone, the reflow check also at 200% zoom. It
// then searches as a citizen would.
func TestFAQBrowser(t *testing.T) {
	browser := newBrowser(t)
	srv := newFAQServer(t)
	pages := []struct {
		name, path string
		phoneAxe   bool
	}{
		{"topics", "/it/faq", false},
		{"arabic topics", "/ar/faq", true},
		{"a long topic", "/it/faq?topic=lungo", false},
		{"search", "/it/faq?q=" + url.QueryEscape("carta d'identità"), false},
		{"search without results", "/it/faq?q=zzzz", false},
		{"search error", "/it/faq?q=carta%FF", false},
		{"entry", "/it/faq/cie-rinnovo", false},
		{"arabic entry", "/ar/faq/cie-rinnovo", true},
		{"chinese entry", "/zh/faq/cie-rinnovo", false},
		{"entry without the language", "/de/faq/solo-due-lingue", false},
		{"not found", "/it/faq/non-esiste", false},
		{"widget page", "/ar/embed", true},
	}
	for _, size := range []struct {
		name          string
		width, height int64
		scale         float64
		mobile        bool
	}{
		{"desktop", 1280, 900, 1, false},
		{"200% zoom", 640, 450, 2, false},
		{"phone 320px", 320, 640, 2, true},
	} {
		t.Run(size.name, func(t *testing.T) {
			ctx := newTab(t, browser)
			if err := chromedp.Do(ctx, viewport(size.width, size.height, size.scale, size.mobile)); err != nil {
				t.Fatal(err)
			}
			for _, p := range pages {
				t.Run(p.name, func(t *testing.T) {
					if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+p.path)); err != nil {
						t.Fatal(err)
					}
					checkReflow(t, ctx)
					if size.name == "desktop" || (size.mobile && p.phoneAxe) {
						checkAxe(t, ctx)
					}
				})
			}
		})
	}

	// Search from the Arabic FAQ, follow a result and reach its Italian
	// page, with the keyboard's form submission.
	t.Run("search", func(t *testing.T) {
		ctx := newTab(t, browser)
		err := chromedp.Do(ctx,
			chromedp.Navigate(srv.URL+"/ar/faq"),
			chromedp.SendKeys(chromedp.CSS(`[data-testid=faq-q]`), "كيف أجدد بطاقة الهوية\n"),
			chromedp.WaitVisible(chromedp.CSS(`[data-testid=faq-result]`)),
			chromedp.Click(chromedp.CSS(`a[href="/ar/faq/cie-rinnovo"]`)),
			chromedp.WaitVisible(chromedp.CSS(`[data-testid=faq-answer]`)),
		)
		if err != nil {
			t.Fatal(err)
		}
		got := mustEval[map[string]string](t, ctx, `({
			dir: document.documentElement.dir, path: location.pathname,
			answer: document.querySelector('[data-testid=faq-answer]').textContent,
			italian: document.querySelector('[data-testid=faq-alternates] a[hreflang=it]').getAttribute('href'),
		})`)
		if got["dir"] != "rtl" || got["path"] != "/ar/faq/cie-rinnovo" || got["italian"] != "/it/faq/cie-rinnovo" {
			t.Errorf("after the search: %v", got)
		}
		if arabicShare(got["answer"]) < 0.5 {
			t.Errorf("the answer is not Arabic: %q", got["answer"])
		}
	})
}
