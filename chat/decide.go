// Package chat is Sportello's conversation engine: for every message it
// detects the language, checks for an emergency, an explicit request for a
// person or a personal case, retrieves from the knowledge base, and
// decides to answer, to ask which entry was meant, or to hand off to a
// person. It never answers with a guess.
package chat

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/analysis"
)

// Kind is the kind of a decision.
type Kind string

// The four decisions.
const (
	Answer    Kind = "answer"
	Clarify   Kind = "clarify"
	Handoff   Kind = "handoff"
	Emergency Kind = "emergency"
)

// Reason says why the engine decided as it did; handoff reasons travel
// with the handoff to the operator.
type Reason string

// Reasons.
const (
	ReasonConfident     Reason = "confident"
	ReasonExact         Reason = "exact_phrasing"
	ReasonClose         Reason = "close_candidates"
	ReasonGuessed       Reason = "guessed_spelling"
	ReasonEmergency     Reason = "emergency"
	ReasonExplicit      Reason = "explicit_request"
	ReasonPersonal      Reason = "personal_case"
	ReasonLowConfidence Reason = "low_confidence"
	ReasonNoMatch       Reason = "no_match"
	ReasonNoVariant     Reason = "no_variant"
)

// MaxMessageLen is the longest message the engine reads, in characters.
// Longer ones are refused with a message asking to shorten them.
const MaxMessageLen = 2000

// Retriever finds candidate entries; *kb.Retriever implements it.
type Retriever interface {
	Search(ctx context.Context, q kb.Query) ([]kb.Hit, error)
}

// LanguageDetector identifies the language of a message among the
// configured ones; *langid.Detector implements it.
type LanguageDetector interface {
	Detect(text string) (lang string, confidence float64)
}

// Messages translates the engine's own words; *i18n.Catalog implements it.
type Messages interface {
	Message(lang, id string, data map[string]any) string
}

// Thresholds are the calibrated limits of the decision. See
// docs/decision.md for how they were chosen.
type Thresholds struct {
	// Answer is the least confidence of the best entry for an answer.
	Answer float64
	// Margin is how far ahead of the second entry the best must be.
	Margin float64
	// AgreeMargin replaces Margin when the best entry comes first in both
	// the lexical and the vector ranking: two independent rankings
	// agreeing is evidence of its own.
	AgreeMargin float64
	// Clarify is the least confidence of an entry offered as a choice.
	Clarify float64
}

// DefaultThresholds were calibrated on the demo evaluation set with the
// offline embedder, aiming at a wrong-answer rate under 1%; see
// docs/decision.md.
var DefaultThresholds = Thresholds{Answer: 0.24, Margin: 0.08, AgreeMargin: 0.06, Clarify: 0.20}

// Engine decides what to do with one message.
type Engine struct {
	Retriever Retriever
	Detector  LanguageDetector
	Messages  Messages
	// Languages are the configured languages; DefaultLanguage answers
	// messages whose language cannot be told (digits, emoji).
	Languages       []string
	DefaultLanguage string
	// Agency restricts retrieval to one agency's entries ("" for all).
	Agency     string
	Thresholds Thresholds
	// Now returns the current time; validity windows are checked against it.
	Now func() time.Time
}

// Input is one message from a citizen.
type Input struct {
	Text string
	// Lang is the language the user chose explicitly, if any; it wins over
	// detection.
	Lang string
}

// Decision is what the engine decided for one message.
type Decision struct {
	Kind   Kind
	Reason Reason
	// Lang is the language the engine answers in, and Detected the
	// language detection found (with its confidence) before any explicit
	// choice.
	Lang               string
	Detected           string
	DetectedConfidence float64
	// Entry is the answered entry; Choices are the entries offered when
	// the decision is Clarify.
	Entry   *kb.Entry
	Choices []*kb.Entry
	// Text is what to tell the citizen, in Lang: the answer, the question
	// that introduces the choices, or the handoff or emergency message.
	Text string
	// Confidence is the best entry's confidence; Hits are the retrieved
	// entries with their evidence, best first, for operators and evals.
	Confidence float64
	Hits       []ScoredHit
	// Cue is what in the message triggered an emergency, a request for a
	// person or a personal case.
	Cue string
}

// ScoredHit is a retrieved entry with the engine's confidence in it.
type ScoredHit struct {
	kb.Hit
	Confidence float64
	// OffTopic is the other office's subject the message names and this
	// entry does not speak of ("" when there is none): such an entry is
	// never answered nor offered. SpeaksOf is set when the message names
	// such a subject and this entry's phrasings name it too.
	OffTopic string
	SpeaksOf bool
	// Unnamed lists the words of the message that say it is about
	// something else than this entry: the message names none of the
	// entry's subject terms, and these words, absent from the entry, are
	// other entries' ("" when there are none). Such an entry is not
	// answered, only offered (unnamed).
	Unnamed string
}

// InputError is a message the engine refuses to read. Text says why in the
// user's language.
type InputError struct {
	Lang string
	Text string
	err  error
}

func (e *InputError) Error() string { return "chat: " + e.err.Error() }
func (e *InputError) Unwrap() error { return e.err }

// Decide runs one message through the decision path.
func (e *Engine) Decide(ctx context.Context, in Input) (*Decision, error) {
	d := &Decision{}
	d.Detected, d.DetectedConfidence = e.detect(in.Text)
	d.Lang = e.language(in.Lang, d.Detected)
	if err := e.check(in.Text, d.Lang); err != nil {
		return nil, err
	}
	if sig := DetectSignals(in.Text); sig.Emergency || sig.Human || sig.Personal || sig.SmallTalk {
		d.Cue = sig.Cue
		switch {
		case sig.Emergency:
			return e.say(d, Emergency, ReasonEmergency, "Emergency"), nil
		case sig.Human:
			return e.say(d, Handoff, ReasonExplicit, "HandoffExplicit"), nil
		case sig.Personal:
			return e.say(d, Handoff, ReasonPersonal, "HandoffPersonal"), nil
		default:
			// Small talk asks nothing the knowledge base answers; searched,
			// it would match whichever entry shares a word with it.
			return e.say(d, Handoff, ReasonLowConfidence, "HandoffLowConfidence"), nil
		}
	}
	now := time.Now
	if e.Now != nil {
		now = e.Now
	}
	hits, err := e.Retriever.Search(ctx, kb.Query{
		Text:   in.Text,
		Filter: kb.Filter{Lang: d.Lang, Agency: e.Agency, At: now()},
		Limit:  5,
	})
	if err != nil {
		return nil, fmt.Errorf("chat: decide: %w", err)
	}
	d.Hits = score(hits)
	if len(d.Hits) == 0 {
		return e.say(d, Handoff, ReasonNoMatch, "HandoffLowConfidence"), nil
	}
	// A message that is exactly one entry's curated question or alternate
	// phrasing (as when a citizen picks one of the offered choices) is
	// that entry, however close its neighbours score.
	if h, ok := exactPhrasing(in.Text, d.Lang, d.Hits); ok {
		d.Kind, d.Reason, d.Entry, d.Confidence = Answer, ReasonExact, h.Entry, h.Confidence
		d.Text = h.Entry.Variants[d.Lang].Answer
		return d, nil
	}
	t := e.Thresholds
	best := d.Hits[0]
	d.Confidence = best.Confidence
	second := 0.0
	if len(d.Hits) > 1 {
		second = d.Hits[1].Confidence
	}
	// A message about another office's subject (a passport, a train, a
	// pharmacy) is not answered by an entry that does not speak of it,
	// whatever other words they share (offTopic).
	off, speaks := offTopic(d.Lang, in.Text, d.Hits)
	for i := range d.Hits {
		d.Hits[i].OffTopic, d.Hits[i].SpeaksOf = off[i], speaks[i]
	}
	if off[0] != "" {
		// The entries that do speak of the subject, if any, are offered.
		d.Cue = off[0]
		return e.offer(d, func(i int) bool { return speaks[i] }), nil
	}
	un, err := unnamed(ctx, termCounter(e.Retriever), d.Lang, analysis.Terms(d.Lang, in.Text), d.Hits)
	if err != nil {
		return nil, fmt.Errorf("chat: decide: %w", err)
	}
	for i := range d.Hits {
		d.Hits[i].Unnamed = un[i]
	}
	margin := t.Margin
	if best.LexicalRank == 1 && best.VectorRank == 1 {
		margin = t.AgreeMargin
	}
	// Arabic typed in Latin letters (Arabizi) is searched through guessed
	// Arabic spellings, and a guess can make a neighbouring entry look like
	// a perfect match: what it finds is offered as choices, never answered
	// outright. The citizen's pick is then an exact phrasing.
	guessed := analysis.IsArabizi(d.Lang, in.Text)
	switch {
	case !guessed && best.Confidence >= t.Answer && best.Confidence-second >= margin && un[0] != "":
		// Confident on shared words, but the message names another
		// entry's subject and none of this one's (unnamed): the plausible
		// entries are offered, and the citizen can still pick none and
		// reach a person.
		d.Cue = un[0]
		return e.offer(d, func(i int) bool { return off[i] == "" }), nil
	case !guessed && best.Confidence >= t.Answer && best.Confidence-second >= margin:
		d.Kind, d.Reason, d.Entry = Answer, ReasonConfident, best.Entry
		d.Text = best.Entry.Variants[d.Lang].Answer
		return d, nil
	case best.Confidence >= t.Clarify && (second >= t.Clarify || guessed):
		d.Kind, d.Reason = Clarify, ReasonClose
		if guessed {
			d.Reason = ReasonGuessed
		}
		for i, h := range d.Hits {
			if off[i] == "" && h.Confidence >= t.Clarify && len(d.Choices) < 3 {
				d.Choices = append(d.Choices, h.Entry)
			}
		}
		// Off-topic entries are not offered; one left is no choice.
		if len(d.Choices) < 2 && !guessed {
			d.Kind, d.Reason, d.Choices = "", "", nil
			break
		}
		d.Text = e.msg(d.Lang, "ClarifyPrompt", nil)
		return d, nil
	}
	return e.say(d, Handoff, ReasonLowConfidence, "HandoffLowConfidence"), nil
}

// offer asks the citizen to choose among the hits that may be offered (up
// to three, each above the clarify threshold), even a single one, and
// hands off when there is none.
func (e *Engine) offer(d *Decision, may func(i int) bool) *Decision {
	for i, h := range d.Hits {
		if may(i) && h.Confidence >= e.Thresholds.Clarify && len(d.Choices) < 3 {
			d.Choices = append(d.Choices, h.Entry)
		}
	}
	if len(d.Choices) == 0 {
		return e.say(d, Handoff, ReasonLowConfidence, "HandoffLowConfidence")
	}
	d.Kind, d.Reason = Clarify, ReasonClose
	d.Text = e.msg(d.Lang, "ClarifyPrompt", nil)
	return d
}

// exactPhrasing returns the one hit whose question or an alternate, once
// folded, equals the folded message; ok is false when none or several do.
func exactPhrasing(text, lang string, hits []ScoredHit) (ScoredHit, bool) {
	msg := analysis.Fold(text)
	var found []ScoredHit
	for _, h := range hits {
		v := h.Entry.Variants[lang]
		if v == nil {
			continue
		}
		for _, p := range kb.Phrasings(v) {
			if analysis.Fold(p) == msg {
				found = append(found, h)
				break
			}
		}
	}
	if len(found) != 1 {
		return ScoredHit{}, false
	}
	return found[0], true
}

// score computes each hit's confidence and orders the hits by it. The
// confidence mixes how much of the question the entry's own phrasings
// cover, how much its full text covers, and the vector similarity, which
// forgives misspellings. See docs/decision.md.
func score(hits []kb.Hit) []ScoredHit {
	out := make([]ScoredHit, len(hits))
	for i, h := range hits {
		c := 0.5*h.Coverage + 0.2*h.AnswerCoverage + 0.3*h.Vector
		out[i] = ScoredHit{Hit: h, Confidence: c}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Confidence > out[j].Confidence })
	return out
}

func (e *Engine) detect(text string) (string, float64) {
	if e.Detector == nil {
		return "", 0
	}
	return e.Detector.Detect(text)
}

// language picks the reply language: the user's explicit choice, then the
// detected language, then the default, always among the configured ones.
func (e *Engine) language(chosen, detected string) string {
	for _, l := range []string{chosen, detected} {
		if l != "" && (len(e.Languages) == 0 || slices.Contains(e.Languages, l)) {
			return l
		}
	}
	if e.DefaultLanguage != "" {
		return e.DefaultLanguage
	}
	return "it"
}

// Errors the engine returns for messages it will not read, wrapped in an
// *InputError.
var (
	ErrEmpty   = errors.New("empty message")
	ErrTooLong = errors.New("message too long")
	ErrBadText = errors.New("message is not valid text")
)

func (e *Engine) check(text, lang string) error {
	switch {
	case !utf8.ValidString(text) || strings.ContainsRune(text, 0):
		return &InputError{Lang: lang, Text: e.msg(lang, "ErrInvalidText", nil), err: fmt.Errorf("%w: %w", ErrBadText, kb.ErrInvalid)}
	case utf8.RuneCountInString(text) > MaxMessageLen:
		return &InputError{Lang: lang, Text: e.msg(lang, "ErrTooLong", map[string]any{"Max": MaxMessageLen}), err: fmt.Errorf("%w: %w", ErrTooLong, kb.ErrInvalid)}
	case strings.IndexFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0:
		return &InputError{Lang: lang, Text: e.msg(lang, "ErrEmpty", nil), err: fmt.Errorf("%w: %w", ErrEmpty, kb.ErrInvalid)}
	}
	return nil
}

func (e *Engine) say(d *Decision, k Kind, r Reason, msgID string) *Decision {
	d.Kind, d.Reason = k, r
	d.Text = e.msg(d.Lang, msgID, nil)
	return d
}

func (e *Engine) msg(lang, id string, data map[string]any) string {
	if e.Messages == nil {
		return id
	}
	return e.Messages.Message(lang, id, data)
}
