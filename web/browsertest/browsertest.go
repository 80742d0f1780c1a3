// Package browsertest drives Debian's Chromium (through chromedp) for the
// browser tests of the public pages and the staff consoles, and runs
// axe-core in the page. scripts/install-browser.sh installs Chromium and
// node_modules (bootstrap-italia, axe-core); without them the tests skip,
// except in CI (CI=true), where a skip would hide a broken page.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ChromiumPath is where Debian installs Chromium.
const ChromiumPath = "/usr/bin/chromium"

// Root returns the repository root, found by walking up from the test's
// working directory to go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("browsertest: no go.mod above the test's folder")
		}
		dir = parent
	}
}

// StaticDir is bootstrap-italia's dist folder under the repository root.
func StaticDir(t testing.TB) string {
	return filepath.Join(Root(t), "node_modules", "bootstrap-italia", "dist")
}

func axePath(t testing.TB) string {
	return filepath.Join(Root(t), "node_modules", "axe-core", "axe.min.js")
}

// RequireDeps skips (or fails when CI=true) when Chromium or the npm
// packages are missing.
func RequireDeps(t testing.TB) {
	t.Helper()
	var missing []string
	if _, err := os.Stat(ChromiumPath); err != nil {
		missing = append(missing, "Chromium ("+ChromiumPath+")")
	}
	for _, f := range []string{axePath(t), filepath.Join(StaticDir(t), "css", "bootstrap-italia.min.css")} {
		if _, err := os.Stat(f); err != nil {
			missing = append(missing, "node_modules ("+f+")")
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

// NewBrowser starts a headless Chromium with a fresh profile and none of
// its calls to the outside.
func NewBrowser(t testing.TB) context.Context {
	t.Helper()
	RequireDeps(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(ChromiumPath),
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

// NewTab opens a tab bounded in time. Tabs of one browser share cookies.
func NewTab(t testing.TB, browser context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, 45*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx
}

// Eval evaluates a JavaScript expression in the page.
func Eval[T any](t testing.TB, ctx context.Context, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("evaluating %.60q: %v", expr, err)
	}
	return v
}

// Violation is one axe-core finding.
type Violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// Axe runs axe-core on the current page and fails the test for every
// serious or critical violation (logging the others).
func Axe(t testing.TB, ctx context.Context) {
	t.Helper()
	src, err := os.ReadFile(axePath(t))
	if err != nil {
		t.Fatal(err)
	}
	Eval[bool](t, ctx, string(src)+"\n;true")
	vs := Eval[[]Violation](t, ctx, `axe.run(document, {resultTypes: ['violations']}).then(r =>
		r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
			nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))`, chromedp.EvalAwaitPromise)
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("axe %s (%s): %s at %v", v.ID, v.Impact, v.Help, v.Nodes)
		} else {
			t.Logf("axe %s (%s): %s at %v", v.ID, v.Impact, v.Help, v.Nodes)
		}
	}
}
