// Package chattest builds the real engine on the demo knowledge base for
// tests of the packages above chat (web, telephony, evals).
package chattest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sportello/sportello/chat"
	chatsqlite "github.com/sportello/sportello/chat/sqlite"
	"github.com/sportello/sportello/i18n"
	"github.com/sportello/sportello/i18n/langid"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/demo"
	"github.com/sportello/sportello/kb/sqlite"
)

// MustDemoEngine returns the engine the product runs, on the demo
// knowledge base in a fresh SQLite file in tb's temporary folder, for the
// given languages (all nine if none).
func MustDemoEngine(tb testing.TB, languages ...string) *chat.Engine {
	tb.Helper()
	e, _ := demoEngine(tb, languages)
	return e
}

// MustDemoService returns the conversation service the product runs: the
// demo engine, with conversations stored in the same SQLite file as its
// knowledge base.
func MustDemoService(tb testing.TB, languages ...string) *chat.Service {
	tb.Helper()
	e, kbs := demoEngine(tb, languages)
	st, err := chatsqlite.New(context.Background(), kbs.DB())
	if err != nil {
		tb.Fatal(err)
	}
	return &chat.Service{Engine: e, Store: st}
}

func demoEngine(tb testing.TB, languages []string) (*chat.Engine, *sqlite.Store) {
	if len(languages) == 0 {
		languages = kb.DefaultLanguages
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "kb.db"), kb.NewHashEmbedder(0))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	entries, err := demo.Entries()
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := st.Import(ctx, entries, kb.ImportOptions{}); err != nil {
		tb.Fatal(err)
	}
	cat, err := i18n.Load()
	if err != nil {
		tb.Fatal(err)
	}
	det, err := langid.New(languages)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range entries {
		for l, v := range e.Variants {
			det.Train(l, v.Question+"\n"+v.Answer+"\n"+strings.Join(v.Alternates, "\n"))
		}
	}
	return &chat.Engine{
		Retriever: &kb.Retriever{Store: st}, Detector: det, Messages: cat,
		Languages: languages, DefaultLanguage: "it", Thresholds: chat.DefaultThresholds,
	}, st
}
