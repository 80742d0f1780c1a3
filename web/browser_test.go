package web_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/sportello/sportello/web"
)

// The browser tests drive Debian's Chromium against the real pages on the
// demo knowledge base. scripts/install-browser.sh installs Chromium and
// node_modules (bootstrap-italia, axe-core); without them the tests skip,
// except in CI (CI=true), where a skip would hide a broken page.

const (
	chromiumPath = "/usr/bin/chromium"
	axePath      = "../node_modules/axe-core/axe.min.js"
)

// requireBrowserDeps skips (or fails when CI=true) when what the browser
// tests need is not installed.
func requireBrowserDeps(t *testing.T) {
	t.Helper()
	var missing []string
	if _, err := os.Stat(chromiumPath); err != nil {
		missing = append(missing, "Chromium ("+chromiumPath+")")
	}
	for _, f := range []string{axePath, "../" + web.DefaultStaticDir + "/css/bootstrap-italia.min.css"} {
		if _, err := os.Stat(f); err != nil {
			missing = append(missing, "node_modules ("+strings.TrimPrefix(f, "../")+")")
		}
	}
	if len(missing) == 0 {
		return
	}
	msg := fmt.Sprintf("browser tests need %s: run scripts/install-browser.sh as root", strings.Join(missing, " and "))
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " (CI=true: not skipping)")
	}
	t.Skip(msg)
}

// newBrowser starts a headless Chromium for the test, with a fresh
// profile and none of its calls to the outside (the machine has no
// network, and Chromium would keep trying).
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	requireBrowserDeps(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	// The first Run starts the browser; it must not carry a timeout, which
	// would stop the whole browser.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// newTab opens a tab in the browser, bounded in time.
func newTab(t *testing.T, browser context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, 30*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx
}

// ask types the message into the page's form, sends it and waits for the
// reply page.
func ask(ctx context.Context, text string) error {
	return chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=message-input]`)),
		chromedp.SendKeys(chromedp.CSS(`[data-testid=message-input]`), text),
		chromedp.Click(chromedp.CSS(`[data-testid=send]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=msg-reply]`)),
	)
}

func TestBrowser(t *testing.T) {
	browser := newBrowser(t)
	srv := newPageServer(t)

	t.Run("italian answer with source", func(t *testing.T) {
		ctx := newTab(t, browser)
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/it/")); err != nil {
			t.Fatal(err)
		}
		if err := ask(ctx, "come rinnovo la carta d'identità elettronica?"); err != nil {
			t.Fatal(err)
		}
		got := mustEval[map[string]string](t, ctx, `(() => {
			const r = document.querySelector('[data-testid=msg-reply]');
			return {
				lang: document.documentElement.lang,
				kind: r.dataset.kind,
				text: r.querySelector('[data-testid=reply-text]').textContent,
				source: r.querySelector('[data-testid=source-title]').textContent,
				citizen: document.querySelector('[data-testid=msg-citizen]').textContent,
			};
		})()`)
		if got["lang"] != "it" || got["kind"] != "answer" {
			t.Fatalf("lang %q, kind %q, want it, answer; reply %q", got["lang"], got["kind"], got["text"])
		}
		if got["source"] != "Come rinnovo la carta d'identità elettronica?" {
			t.Errorf("source %q, want the cie-rinnovo question", got["source"])
		}
		if !strings.Contains(got["citizen"], "come rinnovo la carta d'identità elettronica?") {
			t.Errorf("the citizen's message is not shown: %q", got["citizen"])
		}
		if !strings.Contains(strings.ToLower(got["text"]), "carta") {
			t.Errorf("reply %q does not look like the cie-rinnovo answer", got["text"])
		}
		// bootstrap-italia loads from /static/bi/ despite the strict CSP.
		sheets := mustEval[[]string](t, ctx, `[...document.styleSheets].filter(s => s.cssRules.length > 0).map(s => new URL(s.href).pathname)`)
		if !slices.Contains(sheets, "/static/bi/css/bootstrap-italia.min.css") {
			t.Errorf("stylesheets applied: %v, want bootstrap-italia's", sheets)
		}
	})

	t.Run("arabic is right to left", func(t *testing.T) {
		ctx := newTab(t, browser)
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/ar/")); err != nil {
			t.Fatal(err)
		}
		if err := ask(ctx, "كيف أجدد بطاقة الهوية الإلكترونية؟"); err != nil {
			t.Fatal(err)
		}
		if dir := mustEval[string](t, ctx, `document.documentElement.dir`); dir != "rtl" {
			t.Errorf("document dir %q, want rtl", dir)
		}
		got := mustEval[map[string]string](t, ctx, `(() => {
			const r = document.querySelector('[data-testid=msg-reply]');
			return {kind: r.dataset.kind, lang: r.lang, text: r.querySelector('[data-testid=reply-text]').textContent};
		})()`)
		if got["kind"] != "answer" || got["lang"] != "ar" {
			t.Errorf("kind %q, lang %q, want answer, ar", got["kind"], got["lang"])
		}
		if arabicShare(got["text"]) < 0.5 {
			t.Errorf("reply is not Arabic: %q", got["text"])
		}
	})

	// The page has no script today; this keeps the plain form working when
	// scripts (htmx) arrive, for citizens whose browsers run none.
	t.Run("works without javascript", func(t *testing.T) {
		ctx := newTab(t, browser)
		disableJS := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		})
		if err := chromedp.Do(ctx, disableJS, chromedp.Navigate(srv.URL+"/it/")); err != nil {
			t.Fatal(err)
		}
		if err := ask(ctx, "aiuto c'è un incendio in casa"); err != nil {
			t.Fatal(err)
		}
		html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS(`[data-testid=msg-reply]`)))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`data-kind="emergency"`, `href="tel:112"`, "112"} {
			if !strings.Contains(html, want) {
				t.Errorf("reply lacks %q:\n%s", want, html)
			}
		}
	})

	t.Run("axe finds no serious violations", func(t *testing.T) {
		axe, err := os.ReadFile(axePath)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct{ name, path, ask string }{
			{"empty italian page", "/it/", ""},
			{"empty arabic page", "/ar/", ""},
			{"answer with links", "/it/", "come rinnovo la carta d'identità elettronica?"},
			{"clarify choices", "/it/", "carta d'identità"},
			{"emergency", "/it/", "aiuto c'è un incendio in casa"},
			{"input error", "/it/", "???"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				ctx := newTab(t, browser)
				if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+tc.path)); err != nil {
					t.Fatal(err)
				}
				if tc.ask != "" {
					err := chromedp.Do(ctx,
						chromedp.SendKeys(chromedp.CSS(`[data-testid=message-input]`), tc.ask),
						chromedp.Click(chromedp.CSS(`[data-testid=send]`)),
						chromedp.WaitVisible(chromedp.CSS(`[data-testid=msg-reply],[data-testid=error]`)),
					)
					if err != nil {
						t.Fatal(err)
					}
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
			})
		}
	})
}

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

func mustEval[T any](t *testing.T, ctx context.Context, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("evaluating %.60q: %v", expr, err)
	}
	return v
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
