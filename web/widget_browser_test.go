package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/sportello/sportello/web"
)

// A municipality's page, on an origin of its own, with the one tag that
// adds the widget.
const hostPage = `<!DOCTYPE html>
<html lang="it">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Comune di Borgoverde</title></head>
<body><main><h1>Comune di Borgoverde</h1><p>Benvenuti sul sito del Comune.</p></main>
<script src="%s/widget.js" data-lang="%s" async></script>
</body>
</html>`

// widgetHost serves hostPage for the widget of the Sportello at
// sportello, which the caller sets once that server is up.
func widgetHost(t *testing.T, lang string, sportello *string) *httptest.Server {
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, hostPage, *sportello, lang)
	}))
	t.Cleanup(host.Close)
	return host
}

// shadow is the JavaScript path of an element of the widget.
func shadow(testid string) chromedp.JSPath {
	return chromedp.JSPath(`document.querySelector('[data-sportello-widget]').shadowRoot.querySelector('[data-testid=` + testid + `]')`)
}

// TestWidgetBrowser puts the widget on a plain page of another origin and
// uses it as a citizen would.
func TestWidgetBrowser(t *testing.T) {
	browser := newBrowser(t)
	t.Run("italian", func(t *testing.T) { widgetItalian(t, browser) })
	t.Run("arabic on a phone", func(t *testing.T) { widgetArabicPhone(t, browser) })
	t.Run("site not allowed", func(t *testing.T) { widgetRefused(t, browser) })
}

// widgetItalian opens the widget, asks inside its frame and closes it.
func widgetItalian(t *testing.T, browser context.Context) {
	var sportello string
	host := widgetHost(t, "it", &sportello)
	origins, err := web.ParseOrigins(host.URL)
	if err != nil {
		t.Fatal(err)
	}
	srv := newFAQServer(t, func(s *web.Server) { s.EmbedOrigins = origins })
	sportello = srv.URL
	if strings.Contains(host.URL, srv.URL) || host.URL == srv.URL {
		t.Fatalf("the host page and Sportello share an origin: %s", host.URL)
	}

	ctx := newTab(t, browser)
	err = chromedp.Do(ctx,
		chromedp.Navigate(host.URL),
		chromedp.WaitVisible(shadow("widget-launch")),
	)
	if err != nil {
		t.Fatal(err)
	}
	before := mustEval[map[string]any](t, ctx, `(() => {
		const root = document.querySelector('[data-sportello-widget]').shadowRoot;
		const b = root.querySelector('[data-testid=widget-launch]');
		return {label: b.textContent, expanded: b.getAttribute('aria-expanded'), controls: b.getAttribute('aria-controls'),
			panelHidden: root.querySelector('[data-testid=widget-panel]').hidden,
			frames: root.querySelectorAll('iframe').length};
	})()`)
	if before["label"] != "Chiedi a Sportello" || before["expanded"] != "false" || before["controls"] != "sportello-widget-panel" || before["panelHidden"] != true || before["frames"] != float64(0) {
		t.Errorf("closed widget: %v", before)
	}
	t.Run("axe on the host page, closed", func(t *testing.T) { checkAxe(t, ctx) })

	if err := chromedp.Do(ctx, chromedp.Click(shadow("widget-launch")), chromedp.WaitVisible(shadow("widget-frame"))); err != nil {
		t.Fatal(err)
	}
	frames, err := chromedp.Run(ctx, chromedp.Nodes(shadow("widget-frame")))
	if err != nil || len(frames) != 1 {
		t.Fatalf("the widget's frame: %v, %d nodes", err, len(frames))
	}
	frame := frames[0]
	opened := mustEval[map[string]any](t, ctx, `(() => {
		const root = document.querySelector('[data-sportello-widget]').shadowRoot;
		const f = root.querySelector('iframe');
		return {expanded: root.querySelector('[data-testid=widget-launch]').getAttribute('aria-expanded'),
			src: f.getAttribute('src'), title: f.title, focused: root.activeElement === f};
	})()`)
	if opened["expanded"] != "true" || opened["src"] != srv.URL+"/it/embed" || opened["title"] == "" || opened["focused"] != true {
		t.Errorf("open widget: %v", opened)
	}

	// Ask inside the frame, as a citizen would.
	err = chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=message-input]`), chromedp.FromNode(frame)),
		chromedp.SendKeys(chromedp.CSS(`[data-testid=message-input]`), "come rinnovo la carta d'identità elettronica?", chromedp.FromNode(frame)),
		chromedp.Click(chromedp.CSS(`[data-testid=send]`), chromedp.FromNode(frame)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=msg-reply]`), chromedp.FromNode(frame)),
	)
	if err != nil {
		t.Fatal(err)
	}
	reply, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS(`[data-testid=msg-reply]`), chromedp.FromNode(frame)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`data-kind="answer"`, "Come rinnovo la carta d'identità elettronica?", `href="/it/faq/cie-rinnovo"`} {
		if !strings.Contains(reply, want) {
			t.Errorf("the reply in the frame lacks %q:\n%s", want, reply)
		}
	}
	// The host page is still there around the chat.
	if title := mustEval[string](t, ctx, `document.title`); title != "Comune di Borgoverde" {
		t.Errorf("the host page became %q", title)
	}
	t.Run("axe on the host page, open", func(t *testing.T) { checkAxe(t, ctx) })

	// Closing gives the focus back to the launcher.
	if err := chromedp.Do(ctx, chromedp.Click(shadow("widget-close"))); err != nil {
		t.Fatal(err)
	}
	closed := mustEval[map[string]any](t, ctx, `(() => {
		const root = document.querySelector('[data-sportello-widget]').shadowRoot;
		const b = root.querySelector('[data-testid=widget-launch]');
		return {expanded: b.getAttribute('aria-expanded'), hidden: root.querySelector('[data-testid=widget-panel]').hidden, focused: root.activeElement === b};
	})()`)
	if closed["expanded"] != "false" || closed["hidden"] != true || closed["focused"] != true {
		t.Errorf("closed again: %v", closed)
	}
}

// widgetArabicPhone opens the Arabic widget on a phone: the chat takes
// the whole screen, right to left, and nothing scrolls sideways.
func widgetArabicPhone(t *testing.T, browser context.Context) {
	var sportello string
	host := widgetHost(t, "ar", &sportello)
	origins, err := web.ParseOrigins(host.URL)
	if err != nil {
		t.Fatal(err)
	}
	srv := newFAQServer(t, func(s *web.Server) { s.EmbedOrigins = origins })
	sportello = srv.URL
	ctx := newTab(t, browser)
	err = chromedp.Do(ctx,
		viewport(320, 640, 2, true),
		chromedp.Navigate(host.URL),
		chromedp.WaitVisible(shadow("widget-launch")),
		chromedp.Click(shadow("widget-launch")),
		chromedp.WaitVisible(shadow("widget-frame")),
	)
	if err != nil {
		t.Fatal(err)
	}
	got := mustEval[map[string]any](t, ctx, `(() => {
		const root = document.querySelector('[data-sportello-widget]').shadowRoot;
		const p = root.querySelector('[data-testid=widget-panel]').getBoundingClientRect();
		return {dir: root.querySelector('.sp-w').dir, label: root.querySelector('[data-testid=widget-launch]').textContent,
			src: root.querySelector('iframe').getAttribute('src'), width: p.width, view: window.innerWidth};
	})()`)
	if got["dir"] != "rtl" || got["label"] != "اسأل Sportello" || got["src"] != srv.URL+"/ar/embed" || got["width"] != got["view"] {
		t.Errorf("Arabic widget on a phone: %v", got)
	}
	checkReflow(t, ctx)
	frames, err := chromedp.Run(ctx, chromedp.Nodes(shadow("widget-frame")))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=message-input]`), chromedp.FromNode(frames[0])),
		chromedp.SendKeys(chromedp.CSS(`[data-testid=message-input]`), "كيف أجدد بطاقة الهوية الإلكترونية؟", chromedp.FromNode(frames[0])),
		chromedp.Click(chromedp.CSS(`[data-testid=send]`), chromedp.FromNode(frames[0])),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=msg-reply]`), chromedp.FromNode(frames[0])),
	)
	if err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`[data-testid=msg-reply] [data-testid=reply-text]`), chromedp.FromNode(frames[0])))
	if err != nil {
		t.Fatal(err)
	}
	if arabicShare(text) < 0.5 {
		t.Errorf("the reply in the frame is not Arabic: %q", text)
	}
}

// widgetRefused checks that a site not configured cannot show the chat
// in a frame: the browser refuses to load it there.
func widgetRefused(t *testing.T, browser context.Context) {
	var sportello string
	host := widgetHost(t, "it", &sportello)
	srv := newFAQServer(t, func(s *web.Server) { s.EmbedOrigins = []string{"https://www.comune.example"} })
	sportello = srv.URL
	ctx := newTab(t, browser)
	err := chromedp.Do(ctx,
		chromedp.Navigate(host.URL),
		chromedp.WaitVisible(shadow("widget-launch")),
		chromedp.Click(shadow("widget-launch")),
		chromedp.WaitVisible(shadow("widget-frame")),
	)
	if err != nil {
		t.Fatal(err)
	}
	f := childFrame(t, ctx)
	t.Logf("frame %q unreachable %q", f.URL, f.UnreachableURL)
	if f.URL == srv.URL+"/it/embed" || f.UnreachableURL != srv.URL+"/it/embed" {
		t.Errorf("frame at %q (unreachable %q), want the embed page refused", f.URL, f.UnreachableURL)
	}
}

// childFrame waits until the page's first child frame has committed a
// document, the page it asked for or an error page, and returns it.
func childFrame(t *testing.T, ctx context.Context) *cdp.Frame {
	t.Helper()
	for {
		tree, err := chromedp.Call(ctx, cdppage.GetFrameTree, cdp.Empty{})
		if err != nil {
			t.Fatal(err)
		}
		if kids := tree.FrameTree.ChildFrames; len(kids) > 0 {
			if f := kids[0].Frame; f.URL != "" && f.URL != "about:blank" {
				return f
			}
		}
		select {
		case <-ctx.Done():
			t.Fatal("the widget's frame never loaded")
		case <-time.After(50 * time.Millisecond):
		}
	}
}
