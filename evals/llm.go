package evals

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/sportello/sportello/chat"
)

// Composed is what a grounded composer wrote for one answer: the text
// sent to the citizen, the entries the model was given and the ones its
// text cites, and whether the curated answer was used instead (the model
// failed, or its text cited nothing it was given).
type Composed struct {
	Text string
	// Given are the ids of the entries the model was shown; when empty,
	// the decision's entry and hits are taken as given.
	Given []string
	// Cited are the entry ids the text cites.
	Cited []string
	// Fallback is true when Text is the curated answer, not the model's,
	// and FallbackReason says why (chat's reasons: "timeout",
	// "unknown_citation", "wrong_language"…).
	Fallback       bool
	FallbackReason string
}

// Composer writes the answer to a message whose decision is an answer,
// with a language model grounded on the entries the decision found. It is
// the interface the evaluation reads the LLM path through; the chat
// package's grounded composer is meant to implement it (wired in
// cmd/sportello once it exists). A model failure is not an error: the
// composer falls back to the curated answer and says so; Compose returns
// an error only when it cannot run at all.
type Composer interface {
	Compose(ctx context.Context, in chat.Input, d *chat.Decision) (Composed, error)
}

// LLMOutcome is one composed answer as the evaluation judged it.
type LLMOutcome struct {
	Text     string   `json:"text"`
	Given    []string `json:"given"`
	Cited    []string `json:"cited"`
	Fallback bool     `json:"fallback"`
	// FallbackReason is the composer's reason for a fallback.
	FallbackReason string `json:"fallback_reason,omitempty"`
	// Grounded is true when the model's text cites at least one entry
	// and only entries it was given; a fallback is not judged.
	Grounded bool `json:"grounded"`
	// Lang is the language detected in the model's text, and LangOK
	// whether it is the language the citizen wrote in (the case's lang).
	Lang   string `json:"lang,omitempty"`
	LangOK bool   `json:"lang_ok"`
	// Err is the composer's error, recorded as a fallback.
	Err string `json:"error,omitempty"`
}

// LLMMetrics are the metrics of the LLM path, over the messages answered
// (decision = answer) and sent to the composer.
type LLMMetrics struct {
	// Answers is how many answers went to the composer, Composed how
	// many of them the model wrote (the rest fell back).
	Answers  int `json:"answers"`
	Composed int `json:"composed"`
	// FallbackRate = fallbacks / Answers.
	FallbackRate float64 `json:"fallback_rate"`
	// Groundedness = grounded / Composed: the share of the model's
	// answers that cite only entries they were given (and cite one).
	Groundedness float64 `json:"groundedness"`
	// LanguageMatch = model answers in the citizen's language / Composed.
	LanguageMatch float64 `json:"language_match"`
	// FallbackReasons counts the fallbacks by reason ("error" when the
	// composer failed without one).
	FallbackReasons map[string]int `json:"fallback_reasons,omitempty"`
}

// compose runs the composer on an answer and judges what it wrote.
func compose(ctx context.Context, comp Composer, det chat.LanguageDetector, c Case, d *chat.Decision) (*LLMOutcome, error) {
	got, err := comp.Compose(ctx, chat.Input{Text: c.Text}, d)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("compose: %w", err)
		}
		return &LLMOutcome{Fallback: true, FallbackReason: "error", Err: err.Error(), Given: givenIDs(Composed{}, d)}, nil
	}
	o := &LLMOutcome{Text: got.Text, Given: givenIDs(got, d), Cited: slices.Clone(got.Cited), Fallback: got.Fallback, FallbackReason: got.FallbackReason}
	if o.Fallback {
		return o, nil
	}
	o.Grounded = len(o.Cited) > 0
	for _, id := range o.Cited {
		if !slices.Contains(o.Given, id) {
			o.Grounded = false
		}
	}
	if det == nil {
		return nil, errors.New("compose: no language detector to judge the answer's language")
	}
	o.Lang, _ = det.Detect(got.Text)
	o.LangOK = o.Lang == c.Lang
	return o, nil
}

// givenIDs are the entries the composer says it was given, or else the
// decision's entry and hits.
func givenIDs(got Composed, d *chat.Decision) []string {
	if len(got.Given) > 0 {
		return slices.Clone(got.Given)
	}
	var ids []string
	if d.Entry != nil {
		ids = append(ids, d.Entry.ID)
	}
	for _, h := range d.Hits {
		if !slices.Contains(ids, h.Entry.ID) {
			ids = append(ids, h.Entry.ID)
		}
	}
	return ids
}

// llmMetrics summarises the composed answers among rs, or nil if none.
func llmMetrics(rs []Result) *LLMMetrics {
	var m LLMMetrics
	var grounded, langOK int
	for _, r := range rs {
		if r.LLM == nil {
			continue
		}
		m.Answers++
		if r.LLM.Fallback {
			if m.FallbackReasons == nil {
				m.FallbackReasons = map[string]int{}
			}
			m.FallbackReasons[cmp.Or(r.LLM.FallbackReason, "unknown")]++
			continue
		}
		m.Composed++
		if r.LLM.Grounded {
			grounded++
		}
		if r.LLM.LangOK {
			langOK++
		}
	}
	if m.Answers == 0 {
		return nil
	}
	m.FallbackRate = round(float64(m.Answers-m.Composed) / float64(m.Answers))
	if m.Composed > 0 {
		m.Groundedness = round(float64(grounded) / float64(m.Composed))
		m.LanguageMatch = round(float64(langOK) / float64(m.Composed))
	}
	return &m
}
