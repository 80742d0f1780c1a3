package main

import (
	"context"
	"fmt"
	"io"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/i18n"
	"github.com/sportello/sportello/i18n/langid"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/demo"
	"github.com/sportello/sportello/kb/postgres"
	"github.com/sportello/sportello/kb/providers"
	"github.com/sportello/sportello/kb/sqlite"
)

// App is the wired program: the store and the engine built from a Config.
type App struct {
	Config Config
	Store  kb.Store
	Engine *chat.Engine
	// LLM is the configured language model, nil when none is.
	LLM *chat.LLM
}

// maxTrainEntries bounds how many entries adapt the language detector at
// start, so a 50,000-entry knowledge base still starts in a second.
const maxTrainEntries = 2000

// openStore opens the configured store without building the engine.
func openStore(ctx context.Context, cfg Config) (kb.Store, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	e, err := newEmbedder(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if cfg.isPostgres() {
		return postgres.Open(ctx, cfg.DB, e)
	}
	return sqlite.Open(ctx, cfg.dbPath(), e)
}

// openApp opens the store, loads the demo content into an empty store when
// configured to, and builds the engine.
func openApp(ctx context.Context, cfg Config, log io.Writer) (*App, error) {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	a := &App{Config: cfg, Store: st}
	if cfg.Demo {
		if err := a.loadDemoIfEmpty(ctx, log); err != nil {
			st.Close()
			return nil, err
		}
	}
	if a.Engine, err = newEngine(ctx, cfg, st); err != nil {
		st.Close()
		return nil, err
	}
	if a.LLM, err = newLLM(cfg, a.Engine); err != nil {
		st.Close()
		return nil, err
	}
	return a, nil
}

// newEmbedder returns the offline embedder, or the configured model
// provider with its dimension learned from one request, so the store knows
// the size of the vectors before it indexes any.
func newEmbedder(ctx context.Context, cfg Config) (kb.Embedder, error) {
	if cfg.Embedder == "" {
		return kb.NewHashEmbedder(cfg.EmbedDim), nil
	}
	e, err := providers.NewEmbedder(cfg.providerConfig())
	if err != nil {
		return nil, fmt.Errorf("embedder: %w", err)
	}
	if e.Dim() == 0 {
		if _, err := e.EmbedQuery(ctx, "Sportello"); err != nil {
			return nil, fmt.Errorf("embedder: %w", err)
		}
	}
	return e, nil
}

func newEngine(ctx context.Context, cfg Config, st kb.Store) (*chat.Engine, error) {
	cat, err := i18n.Load()
	if err != nil {
		return nil, err
	}
	det, err := langid.New(cfg.Languages)
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	entries, err := st.List(ctx, kb.ListFilter{Status: kb.StatusPublished})
	if err != nil {
		return nil, err
	}
	// The knowledge base's own text teaches the detector the deployment's
	// vocabulary, and the languages that have no built-in profile.
	for i, e := range entries {
		if i >= maxTrainEntries {
			break
		}
		for lang, v := range e.Variants {
			det.Train(lang, v.Question+"\n"+v.Answer)
			for _, alt := range v.Alternates {
				det.Train(lang, alt)
			}
		}
	}
	return &chat.Engine{
		Retriever:       chat.ReviewedOnly{Retriever: &kb.Retriever{Store: st}},
		Detector:        det,
		Messages:        cat,
		Languages:       cfg.Languages,
		DefaultLanguage: cfg.DefaultLanguage,
		Agency:          cfg.Agency,
		Thresholds:      cfg.Decision,
	}, nil
}

func (a *App) loadDemoIfEmpty(ctx context.Context, log io.Writer) error {
	existing, err := a.Store.List(ctx, kb.ListFilter{})
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		return nil
	}
	entries, err := demo.Entries()
	if err != nil {
		return err
	}
	res, err := a.Store.Import(ctx, entries, kb.ImportOptions{Languages: a.Config.Languages, By: "demo"})
	if err != nil {
		return fmt.Errorf("load the demo knowledge base: %w", err)
	}
	fmt.Fprintf(log, "loaded the demo knowledge base: %d entries\n", res.Added)
	return nil
}

// Close releases the app's resources.
func (a *App) Close() error { return a.Store.Close() }
