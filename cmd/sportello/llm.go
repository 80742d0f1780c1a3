package main

import (
	"context"
	"fmt"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/evals"
	"github.com/sportello/sportello/kb/providers"
)

// newLLM returns the configured language model for eng, or nil when none
// is configured: Sportello then answers with the curated texts only.
func newLLM(cfg Config, eng *chat.Engine) (*chat.LLM, error) {
	if cfg.LLM == "" {
		return nil, nil
	}
	pc := cfg.llmConfig()
	pc.MaxRetries = 1
	m, err := providers.NewChatModel(pc)
	if err != nil {
		return nil, fmt.Errorf("language model (SPORTELLO_LLM=%s): %w", cfg.LLM, err)
	}
	return &chat.LLM{Model: m, Name: cfg.LLM + ":" + cfg.LLMModel, Detector: eng.Detector, Timeout: cfg.LLMTimeout}, nil
}

// llmComposer lets the evaluation judge the LLM path: it composes every
// answer the engine decided, from the same entries the chat would give
// the model.
type llmComposer struct {
	llm *chat.LLM
	eng *chat.Engine
}

// Compose implements evals.Composer.
func (c llmComposer) Compose(ctx context.Context, in chat.Input, d *chat.Decision) (evals.Composed, error) {
	entries := chat.ComposeEntries(d, c.eng.Thresholds)
	out, err := c.llm.Compose(ctx, chat.ComposeInput{Question: in.Text, Lang: d.Lang, Entries: entries})
	if err != nil {
		return evals.Composed{}, err
	}
	res := evals.Composed{Text: out.Text, Cited: out.Cited, Fallback: out.Fallback, FallbackReason: string(out.FallbackReason)}
	for _, e := range entries {
		res.Given = append(res.Given, e.ID)
	}
	return res, nil
}
