package chat

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sportello/sportello/kb"
	"github.com/tmc/langchaingo/llms"
)

// Model is what the LLM path needs of a chat model: langchaingo's
// GenerateContent. providers.NewChatModel returns one with timeouts and
// retries for Ollama and OpenAI-compatible servers; any llms.Model fits.
type Model interface {
	GenerateContent(ctx context.Context, messages []llms.MessageContent, options ...llms.CallOption) (*llms.ContentResponse, error)
}

// Defaults of the LLM's zero fields.
const (
	// DefaultLLMTimeout bounds one call to the model, retries included:
	// past it the citizen gets the curated answer rather than a wait.
	DefaultLLMTimeout = 8 * time.Second
	// DefaultMaxAnswerLen bounds a composed answer, in characters.
	DefaultMaxAnswerLen = 1200
	// DefaultMaxHistory is how many earlier turns the model sees.
	DefaultMaxHistory = 6
	// DefaultMinOverlap is the least share of a composed answer's terms
	// that the entries must contain, when the answer is not a translation.
	DefaultMinOverlap = 0.7
	// MaxRewriteLen bounds a rewritten or translated question, in
	// characters.
	MaxRewriteLen = 300
	// shortLetters and tinyLetters are lengths, in letters, under which
	// language identification is less trusted: a short text is rejected
	// only when the detector is sure (shortConfidence) it is in another
	// language, and a tiny one ("Sì.") only by its script.
	shortLetters    = 25
	tinyLetters     = 8
	shortConfidence = 0.95
	// maxSupporting is how many entries besides the decided one the
	// composer is given.
	maxSupporting = 2
	// followUpLetters is the length, in letters, from which a message
	// answered confidently is taken as standalone: about eight words in
	// a Latin script, a long sentence in Chinese.
	followUpLetters = 40
)

// DefaultSourceLanguages are the variants translated from, in order of
// preference, when an entry has none in the citizen's language: Italian
// is what the administration writes and reviews first, English the
// widest second language of its editors.
var DefaultSourceLanguages = []string{"it", "en"}

// LLM is the optional language model of the conversation engine. It
// composes answers grounded only on the entries the engine retrieved,
// translates an entry into a language that has no variant, and rewrites
// follow-up questions into standalone ones. Everything it produces is
// checked before use, and on any failure the caller gets the curated text
// (or the original question) with the reason recorded.
//
// A nil *LLM is valid and means "no model configured": every method falls
// back at once with FallbackNoLLM. The zero values of the other fields
// mean their defaults. An LLM is safe for concurrent use if its Model and
// Detector are.
type LLM struct {
	Model Model
	// Name identifies the model in results ("ollama:llama3.2"); empty
	// means the Model's own Name method, if it has one.
	Name string
	// Detector checks the language of what the model writes, restricted to
	// the configured languages; the engine's detector fits. Without one
	// only the script is checked. A language the detector cannot identify
	// (no profile, never trained) cannot be confirmed, so answers in it
	// always fall back.
	Detector LanguageDetector
	// Timeout bounds each call to the model, retries included;
	// 0 means DefaultLLMTimeout.
	Timeout time.Duration
	// MaxAnswerLen bounds a composed answer in characters; 0 means
	// DefaultMaxAnswerLen.
	MaxAnswerLen int
	// MaxHistory is how many earlier turns the model sees; 0 means
	// DefaultMaxHistory.
	MaxHistory int
	// MinOverlap is the least share of an answer's terms found in the
	// entries; 0 means DefaultMinOverlap, a negative value disables the
	// check.
	MinOverlap float64
	// SourceLanguages are the variants to translate from, in order of
	// preference (any other variant comes after them); nil means
	// DefaultSourceLanguages.
	SourceLanguages []string
}

// HistoryTurn is one earlier message of the conversation, oldest first.
type HistoryTurn struct {
	// FromCitizen is true for the citizen's messages, false for
	// Sportello's and operators'.
	FromCitizen bool
	Text        string
}

// ComposeInput is what Compose needs.
type ComposeInput struct {
	// Question is the citizen's message (or its standalone rewrite).
	Question string
	// Lang is the language to answer in.
	Lang string
	// History is the conversation so far, oldest first; only the last
	// MaxHistory turns are used.
	History []HistoryTurn
	// Entries ground the answer. The first is the entry the engine decided
	// on and must be cited; the others may complete it.
	Entries []*kb.Entry
}

// FallbackReason says why the LLM's output was not used. The values are
// stable: metrics and evaluation reports count them.
type FallbackReason string

// Fallback reasons.
const (
	// FallbackNoLLM: no model is configured.
	FallbackNoLLM FallbackReason = "no_llm"
	// FallbackTimeout: the model did not answer within the LLM's Timeout.
	FallbackTimeout FallbackReason = "timeout"
	// FallbackCanceled: the caller's context ended first.
	FallbackCanceled FallbackReason = "canceled"
	// FallbackProvider: the server failed (after its retries) or could not
	// be reached.
	FallbackProvider FallbackReason = "provider_error"
	// FallbackMalformed: the reply was not the JSON object asked for.
	FallbackMalformed FallbackReason = "malformed"
	// FallbackEmpty: the model gave no text (it found no answer).
	FallbackEmpty FallbackReason = "empty"
	// FallbackNoCitation: the answer cites no entry.
	FallbackNoCitation FallbackReason = "no_citation"
	// FallbackUnknownCitation: the answer cites an id it was not given.
	FallbackUnknownCitation FallbackReason = "unknown_citation"
	// FallbackPrimaryNotCited: the answer does not cite the entry the
	// engine decided on.
	FallbackPrimaryNotCited FallbackReason = "primary_not_cited"
	// FallbackWrongLanguage: the text is not in the citizen's language.
	FallbackWrongLanguage FallbackReason = "wrong_language"
	// FallbackTooLong: the text is longer than allowed.
	FallbackTooLong FallbackReason = "too_long"
	// FallbackUngrounded: the text has a link, address, domain or number
	// the entries do not have, or too few of the entries' words.
	FallbackUngrounded FallbackReason = "ungrounded"
	// FallbackPromptLeak: the text recites the rules.
	FallbackPromptLeak FallbackReason = "prompt_leak"
)

// Composed is the answer to send, composed by the model or, on a
// fallback, curated.
type Composed struct {
	// Text is the answer in the citizen's language. On a fallback it is
	// the curated answer of the decided entry, or empty when that entry
	// has no variant in the language: the caller must then hand off.
	Text string
	// Question is, for a machine translation, the decided entry's question
	// in the citizen's language, to title the answer's source.
	Question string
	// Cited are the ids of the entries the answer is based on, the decided
	// entry first.
	Cited []string
	// MachineTranslated is true when the text was translated by a machine
	// (now, or in the knowledge base), so the citizen must be told.
	MachineTranslated bool
	// SourceLang is the language of the decided entry's variant the text
	// comes from: Lang unless translated.
	SourceLang string
	// Model names the model that wrote Text, empty on a fallback.
	Model string
	// Fallback is true when Text is not the model's; FallbackReason says
	// why, and Err holds the error behind a timeout, provider error or
	// malformed reply (it never contains the citizen's text).
	Fallback       bool
	FallbackReason FallbackReason
	Err            error `json:"-"`
}

// Rewritten is a question prepared for retrieval by Rewrite or
// TranslateQuestion.
type Rewritten struct {
	// Text is the question to search for: the model's, or on a fallback
	// the original message.
	Text string
	// Lang is Text's language.
	Lang string
	// Changed is true when Text differs from the original message.
	Changed        bool
	Fallback       bool
	FallbackReason FallbackReason
	Err            error `json:"-"`
}

// Compose writes the answer to in.Question from in.Entries, in in.Lang,
// citing the entries it used. The model's reply is used only if it is the
// JSON object asked for, cites the decided entry and only given entries,
// is in in.Lang, is not too long, mentions no link, address or number the
// entries do not have, and (unless translated) is mostly the entries' own
// words. Otherwise Compose returns the curated answer with Fallback set.
//
// When the decided entry has no variant in in.Lang, the model translates
// from another variant (SourceLanguages first) and the result is marked
// MachineTranslated; its fallback has no text, and the caller hands off.
//
// The error is non-nil only for an invalid input (no entries, a missing
// language, text that is not UTF-8); model failures are fallbacks.
func (l *LLM) Compose(ctx context.Context, in ComposeInput) (Composed, error) {
	if err := in.validate(); err != nil {
		return Composed{}, err
	}
	primary := in.Entries[0]
	curated := Composed{Fallback: true, SourceLang: in.Lang}
	if v := primary.Variants[in.Lang]; v != nil {
		curated.Text, curated.Cited, curated.MachineTranslated = v.Answer, []string{primary.ID}, v.MachineTranslated
	} else {
		curated.SourceLang = ""
	}
	fallback := func(r FallbackReason, err error) (Composed, error) {
		c := curated
		c.FallbackReason, c.Err = r, err
		return c, nil
	}
	if l == nil || l.Model == nil {
		return fallback(FallbackNoLLM, nil)
	}
	sources := l.sources(in.Entries, in.Lang)
	translate := sources[0].lang != in.Lang
	maxLen := l.maxAnswerLen()
	system := composeSystem(in.Lang, translate, maxLen)
	user, err := composeUser(in.Lang, in.Question, promptHistory(in.History, l.maxHistory()), sources)
	if err != nil {
		return Composed{}, err
	}
	content, reason, err := l.generate(ctx, system, user)
	if reason != "" {
		return fallback(reason, err)
	}
	var rep composeReply
	if err := decodeReply(content, &rep); err != nil || rep.Answer == nil || rep.Cites == nil || (translate && rep.Question == nil) {
		if err == nil {
			err = fmt.Errorf("%w: a required field is missing", errMalformed)
		}
		return fallback(FallbackMalformed, err)
	}
	text := strings.TrimSpace(*rep.Answer)
	if text == "" {
		return fallback(FallbackEmpty, nil)
	}
	cited, reason := checkCites(*rep.Cites, sources)
	if reason != "" {
		return fallback(reason, nil)
	}
	ev := newEvidence(sources, in.Lang)
	if reason := l.checkText(text, in.Lang, maxLen, system, ev); reason != "" {
		return fallback(reason, nil)
	}
	if lim := l.lengthLimit(sources, cited, maxLen); utf8.RuneCountInString(text) > lim {
		return fallback(FallbackTooLong, nil)
	}
	if least := l.minOverlap(); !translate && least > 0 && ev.overlap(text) < least {
		return fallback(FallbackUngrounded, nil)
	}
	out := Composed{Text: text, Cited: cited, SourceLang: sources[0].lang, Model: l.name()}
	if translate {
		q := strings.TrimSpace(*rep.Question)
		if q == "" || utf8.RuneCountInString(q) > kb.MaxQuestionLen {
			return fallback(FallbackMalformed, fmt.Errorf("%w: the translated question is empty or too long", errMalformed))
		}
		if reason := l.checkText(q, in.Lang, kb.MaxQuestionLen, system, ev); reason != "" {
			return fallback(reason, nil)
		}
		out.Question = q
	}
	for _, s := range sources {
		if slices.Contains(cited, s.entry.ID) && (s.lang != in.Lang || s.v.MachineTranslated) {
			out.MachineTranslated = true
		}
	}
	return out, nil
}

// Rewrite turns a follow-up ("and for my son?") into a standalone
// question in lang, using history. With no history, no model, or a reply
// that is empty, too long, not one line or not in lang, the text is
// returned as written (with Fallback set when the model was asked or
// missing). The error is non-nil only for invalid input.
func (l *LLM) Rewrite(ctx context.Context, history []HistoryTurn, text, lang string) (Rewritten, error) {
	if len(history) == 0 {
		if err := checkQuestion(text, lang); err != nil {
			return Rewritten{}, err
		}
		return Rewritten{Text: text, Lang: lang}, nil
	}
	return l.rewrite(ctx, history, text, lang, lang)
}

// TranslateQuestion translates a citizen's question from one language to
// another, to search the variants of a language the citizen's own has no
// content in. On a fallback Text is the original and Lang is from.
func (l *LLM) TranslateQuestion(ctx context.Context, text, from, to string) (Rewritten, error) {
	if strings.TrimSpace(to) == "" {
		return Rewritten{}, fmt.Errorf("chat: translate the question: no target language: %w", kb.ErrInvalid)
	}
	return l.rewrite(ctx, nil, text, from, to)
}

func (l *LLM) rewrite(ctx context.Context, history []HistoryTurn, text, from, to string) (Rewritten, error) {
	if err := checkQuestion(text, from); err != nil {
		return Rewritten{}, err
	}
	orig := Rewritten{Text: text, Lang: from, Fallback: true}
	fallback := func(r FallbackReason, err error) (Rewritten, error) {
		orig.FallbackReason, orig.Err = r, err
		return orig, nil
	}
	if l == nil || l.Model == nil {
		return fallback(FallbackNoLLM, nil)
	}
	translate := from != to
	system := rewriteSystem(to, translate)
	user, err := rewriteUser(to, text, promptHistory(history, l.maxHistory()))
	if err != nil {
		return Rewritten{}, err
	}
	content, reason, err := l.generate(ctx, system, user)
	if reason != "" {
		return fallback(reason, err)
	}
	var rep rewriteReply
	if err := decodeReply(content, &rep); err != nil || rep.Question == nil {
		if err == nil {
			err = fmt.Errorf("%w: \"question\" is missing", errMalformed)
		}
		return fallback(FallbackMalformed, err)
	}
	q := strings.TrimSpace(*rep.Question)
	switch {
	case q == "":
		return fallback(FallbackEmpty, nil)
	case strings.ContainsAny(q, "\n\r"):
		return fallback(FallbackMalformed, fmt.Errorf("%w: the question is not one line", errMalformed))
	}
	// A rewrite may name what the history named, so its evidence is the
	// history and the message; a translation has only the message.
	said := []string{text}
	for _, t := range history {
		said = append(said, t.Text)
	}
	ev := newEvidence(nil, to)
	for _, t := range said {
		ev.add(t, false)
	}
	if reason := l.checkText(q, to, MaxRewriteLen, system, ev); reason != "" {
		return fallback(reason, nil)
	}
	return Rewritten{Text: q, Lang: to, Changed: q != text}, nil
}

// generate asks the model for a JSON reply under the LLM's deadline. A
// non-empty reason means the call failed, for the reason given.
func (l *LLM) generate(ctx context.Context, system, user string) (string, FallbackReason, error) {
	cctx, cancel := context.WithTimeout(ctx, l.timeout())
	defer cancel()
	msgs := []llms.MessageContent{
		llms.TextParts(llms.ChatMessageTypeSystem, system),
		llms.TextParts(llms.ChatMessageTypeHuman, user),
	}
	resp, err := l.Model.GenerateContent(cctx, msgs, llms.WithTemperature(0), llms.WithJSONMode())
	switch {
	case ctx.Err() != nil:
		return "", FallbackCanceled, context.Cause(ctx)
	case err != nil && (cctx.Err() != nil || errors.Is(err, context.DeadlineExceeded)):
		return "", FallbackTimeout, err
	case err != nil:
		return "", FallbackProvider, err
	case resp == nil || len(resp.Choices) == 0 || resp.Choices[0] == nil:
		return "", FallbackMalformed, fmt.Errorf("%w: no choices", errMalformed)
	}
	return resp.Choices[0].Content, "", nil
}

// checkText applies the checks every text from the model passes: length,
// no recited rules, nothing ungrounded, the language and its script.
func (l *LLM) checkText(text, lang string, maxLen int, system string, ev *evidence) FallbackReason {
	switch {
	case !utf8.ValidString(text) || strings.ContainsRune(text, 0):
		return FallbackMalformed
	case utf8.RuneCountInString(text) > maxLen:
		return FallbackTooLong
	case recitesRules(text, system):
		return FallbackPromptLeak
	}
	if _, bad := ev.ungrounded(text); bad {
		return FallbackUngrounded
	}
	if !l.inLanguage(text, lang) {
		return FallbackWrongLanguage
	}
	return ""
}

// inLanguage reports whether text is in lang: mostly in lang's script,
// and identified as lang, which short texts need only be unless the
// detector is sure of another language.
func (l *LLM) inLanguage(text, lang string) bool {
	// Links and addresses are Latin whatever the language around them.
	plain := urlPattern.ReplaceAllString(text, " ")
	plain = emailPattern.ReplaceAllString(plain, " ")
	if !inScript(plain, lang) {
		return false
	}
	n := letterCount(plain)
	if l.Detector == nil || n < tinyLetters {
		return true
	}
	got, conf := l.Detector.Detect(plain)
	return got == "" || got == lang || n < shortLetters && conf < shortConfidence
}

// checkCites returns the cited ids (deduplicated, the decided entry first)
// or the reason they are not acceptable.
func checkCites(cites []string, sources []source) ([]string, FallbackReason) {
	given := map[string]bool{}
	for _, s := range sources {
		given[s.entry.ID] = true
	}
	var out []string
	for _, id := range cites {
		id = strings.TrimSpace(id)
		if !given[id] {
			return nil, FallbackUnknownCitation
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	primary := sources[0].entry.ID
	switch {
	case len(out) == 0:
		return nil, FallbackNoCitation
	case !slices.Contains(out, primary):
		return nil, FallbackPrimaryNotCited
	}
	i := slices.Index(out, primary)
	out[0], out[i] = out[i], out[0]
	return out, ""
}

// sources picks the variant the model gets for each entry: the citizen's
// language, or for an entry without it, the first of SourceLanguages that
// it has, then its other languages in order. When the decided entry must
// be translated, the others are given in its source language where they
// can be, so that one translation covers them all; otherwise an entry
// that would need translating is left out rather than mixed in.
func (l *LLM) sources(entries []*kb.Entry, lang string) []source {
	first := l.pick(entries[0], lang, "")
	out := []source{first}
	for _, e := range entries[1:] {
		if len(out) > maxSupporting || e == nil || e.ID == entries[0].ID {
			continue
		}
		s := l.pick(e, lang, first.lang)
		if s.v == nil || (first.lang == lang && s.lang != lang) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// pick returns e's variant in lang, else in prefer, else in the first
// source language e has, else in its first language by code.
func (l *LLM) pick(e *kb.Entry, lang, prefer string) source {
	order := append([]string{lang, prefer}, l.sourceLanguages()...)
	rest := make([]string, 0, len(e.Variants))
	for code := range e.Variants {
		rest = append(rest, code)
	}
	sort.Strings(rest)
	for _, code := range append(order, rest...) {
		if v := e.Variants[code]; code != "" && v != nil {
			return source{entry: e, lang: code, v: v}
		}
	}
	return source{entry: e}
}

// lengthLimit is the longest acceptable answer: maxLen, and no more than
// twice the cited entries' answers plus room for a sentence, because an
// answer much longer than its sources is adding something.
func (l *LLM) lengthLimit(sources []source, cited []string, maxLen int) int {
	n := 0
	for _, s := range sources {
		if slices.Contains(cited, s.entry.ID) {
			n += utf8.RuneCountInString(s.v.Answer)
		}
	}
	return min(maxLen, 2*n+200)
}

func (in ComposeInput) validate() error {
	if len(in.Entries) == 0 || in.Entries[0] == nil {
		return fmt.Errorf("chat: compose: no entry to ground the answer on: %w", kb.ErrInvalid)
	}
	if len(in.Entries[0].Variants) == 0 {
		return fmt.Errorf("chat: compose: entry %q has no variant: %w", in.Entries[0].ID, kb.ErrInvalid)
	}
	if err := checkQuestion(in.Question, in.Lang); err != nil {
		return err
	}
	for _, t := range in.History {
		if !utf8.ValidString(t.Text) {
			return fmt.Errorf("chat: compose: the history is not valid UTF-8: %w", kb.ErrInvalid)
		}
	}
	return nil
}

// checkQuestion rejects what no prompt should carry.
func checkQuestion(text, lang string) error {
	switch {
	case strings.TrimSpace(lang) == "":
		return fmt.Errorf("chat: llm: no language: %w", kb.ErrInvalid)
	case strings.TrimSpace(text) == "":
		return fmt.Errorf("chat: llm: %w: %w", ErrEmpty, kb.ErrInvalid)
	case !utf8.ValidString(text) || strings.ContainsRune(text, 0):
		return fmt.Errorf("chat: llm: %w: %w", ErrBadText, kb.ErrInvalid)
	case utf8.RuneCountInString(text) > MaxMessageLen:
		return fmt.Errorf("chat: llm: %w: %w", ErrTooLong, kb.ErrInvalid)
	}
	return nil
}

// ModelName names the model in records, such as "ollama:llama3.2".
func (l *LLM) ModelName() string { return l.name() }

func (l *LLM) name() string {
	if l.Name != "" {
		return l.Name
	}
	if n, ok := l.Model.(interface{ Name() string }); ok {
		return n.Name()
	}
	return "llm"
}

func (l *LLM) timeout() time.Duration {
	if l.Timeout > 0 {
		return l.Timeout
	}
	return DefaultLLMTimeout
}

func (l *LLM) maxAnswerLen() int {
	if l.MaxAnswerLen > 0 {
		return l.MaxAnswerLen
	}
	return DefaultMaxAnswerLen
}

func (l *LLM) maxHistory() int {
	if l.MaxHistory > 0 {
		return l.MaxHistory
	}
	return DefaultMaxHistory
}

func (l *LLM) minOverlap() float64 {
	if l.MinOverlap == 0 {
		return DefaultMinOverlap
	}
	return l.MinOverlap
}

func (l *LLM) sourceLanguages() []string {
	if l.SourceLanguages == nil {
		return DefaultSourceLanguages
	}
	return l.SourceLanguages
}

// Assisted is the engine's decision on one message with the LLM's part in
// it, for the channels to send and for operators and evaluations to see.
type Assisted struct {
	// Decision is what to do. When the LLM composed the answer,
	// Decision.Text is its text; when it translated one, Decision.Entry
	// is a copy of the entry with the translation as its variant in
	// Decision.Lang, marked MachineTranslated.
	Decision *Decision
	// Query is what retrieval searched for: the message, its standalone
	// rewrite or its translation; QueryLang is its language.
	Query     string
	QueryLang string
	// Rewrite is the follow-up rewriting, nil when it was not tried.
	Rewrite *Rewritten
	// Translation is the question's translation into a language with
	// content, nil when it was not tried.
	Translation *Rewritten
	// Composed is the composition of the answer, nil unless the decision
	// is an answer.
	Composed *Composed
}

// Respond runs one message through e with the LLM's help, in this order:
//
//  1. e.Decide on the message as written. An emergency, a request for a
//     person or a personal case is returned as it is: the model never
//     sees those messages.
//  2. With history, Rewrite makes the message standalone and e.Decide
//     runs again on the rewrite, unless the message is exactly an
//     entry's phrasing (a clarification choice) or is long and was
//     answered confidently (see needsRewrite).
//  3. When the citizen's language has no content for it (a handoff with
//     no hit at all, or ReasonNoVariant), TranslateQuestion translates
//     the question into the first of SourceLanguages the engine serves
//     and e.Decide runs on that; an answer there is composed back in the
//     citizen's language and marked as a machine translation. An
//     emergency or a request for a person found in the translation is
//     returned in the citizen's language. If the entry was found but the
//     translation failed, the handoff says so (ReasonNoVariant).
//  4. An answer is composed with Compose from the decided entry and the
//     other hits the engine would have offered as choices; on a fallback
//     the curated text stays.
//
// With a nil LLM, Respond is e.Decide plus a Composed that records
// FallbackNoLLM. Errors are e.Decide's.
func (l *LLM) Respond(ctx context.Context, e *Engine, in Input, history []HistoryTurn) (*Assisted, error) {
	d, err := e.Decide(ctx, in)
	if err != nil {
		return nil, err
	}
	a := &Assisted{Decision: d, Query: in.Text, QueryLang: d.Lang}
	if d.Kind == Emergency || d.Reason == ReasonExplicit || d.Reason == ReasonPersonal {
		return a, nil
	}
	enabled := l != nil && l.Model != nil
	if enabled && len(history) > 0 && needsRewrite(d, in.Text) {
		rw, err := l.Rewrite(ctx, history, in.Text, d.Lang)
		if err != nil {
			return nil, err
		}
		a.Rewrite = &rw
		if rw.Changed {
			d2, err := e.Decide(ctx, Input{Text: rw.Text, Lang: d.Lang})
			var ie *InputError
			switch {
			case errors.As(err, &ie):
				// The rewrite is unusable as a message; keep the original.
			case err != nil:
				return nil, err
			default:
				d2.Detected, d2.DetectedConfidence = d.Detected, d.DetectedConfidence
				d, a.Decision, a.Query = d2, d2, rw.Text
			}
		}
	}
	if enabled && d.Kind == Handoff && (d.Reason == ReasonNoVariant || d.Reason == ReasonNoMatch && len(d.Hits) == 0) {
		if err := l.translate(ctx, e, a, history); err != nil {
			return nil, err
		}
		return a, nil
	}
	if d.Kind == Answer {
		c, err := l.Compose(ctx, ComposeInput{Question: a.Query, Lang: d.Lang, History: history, Entries: grounding(d, e.Thresholds.Clarify)})
		if err != nil {
			return nil, err
		}
		a.Composed = &c
		if !c.Fallback {
			d.Text = c.Text
		}
	}
	return a, nil
}

// translate is step 3 of Respond: it searches the content of another
// language for a.Decision's handoff and, if the model can translate what
// it finds, turns the handoff into an answer.
func (l *LLM) translate(ctx context.Context, e *Engine, a *Assisted, history []HistoryTurn) error {
	d, question := a.Decision, a.Query
	pivot := ""
	for _, code := range l.sourceLanguages() {
		if code != d.Lang && (len(e.Languages) == 0 || slices.Contains(e.Languages, code)) {
			pivot = code
			break
		}
	}
	if pivot == "" {
		return nil
	}
	tq, err := l.TranslateQuestion(ctx, question, d.Lang, pivot)
	if err != nil {
		return err
	}
	a.Translation = &tq
	if tq.Fallback {
		return nil
	}
	dp, err := e.Decide(ctx, Input{Text: tq.Text, Lang: pivot})
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			return nil // the translation is unusable as a message
		}
		return err
	}
	switch {
	case dp.Kind == Emergency:
		d.Cue = dp.Cue
		e.say(d, Emergency, ReasonEmergency, "Emergency")
		return nil
	case dp.Reason == ReasonExplicit:
		d.Cue = dp.Cue
		e.say(d, Handoff, ReasonExplicit, "HandoffExplicit")
		return nil
	case dp.Reason == ReasonPersonal:
		d.Cue = dp.Cue
		e.say(d, Handoff, ReasonPersonal, "HandoffPersonal")
		return nil
	case dp.Kind == Handoff:
		return nil
	}
	// The content exists in the pivot language: from here on the
	// operator sees what was found even if the citizen is handed off.
	a.Query, a.QueryLang = tq.Text, pivot
	d.Hits, d.Confidence = dp.Hits, dp.Confidence
	if dp.Kind != Answer {
		e.say(d, Handoff, ReasonNoVariant, "HandoffNoVariant")
		return nil
	}
	// The model gets the question as the citizen asked it: it answers in
	// their language.
	c, err := l.Compose(ctx, ComposeInput{Question: question, Lang: d.Lang, History: history, Entries: grounding(dp, e.Thresholds.Clarify)})
	if err != nil {
		return err
	}
	a.Composed = &c
	if c.Fallback || c.Text == "" {
		e.say(d, Handoff, ReasonNoVariant, "HandoffNoVariant")
		return nil
	}
	d.Kind, d.Reason, d.Text = Answer, dp.Reason, c.Text
	d.Entry = withTranslation(dp.Entry, d.Lang, c)
	return nil
}

// needsRewrite reports whether a message with history is worth a model
// call to make it standalone. A message that is exactly an entry's
// phrasing (a clarification choice) never is; a long message answered
// confidently is not, because follow-ups are short and each rewrite adds
// a model's latency to the turn.
func needsRewrite(d *Decision, text string) bool {
	switch {
	case d.Reason == ReasonExact:
		return false
	case d.Kind == Answer:
		return letterCount(text) < followUpLetters
	}
	return true
}

// grounding returns the entries to compose d's answer from: the decided
// entry, then the other hits confident enough to have been offered as
// choices.
func grounding(d *Decision, least float64) []*kb.Entry {
	out := []*kb.Entry{d.Entry}
	for _, h := range d.Hits {
		if len(out) > maxSupporting {
			break
		}
		if h.Entry != nil && h.Entry.ID != d.Entry.ID && h.Confidence >= least {
			out = append(out, h.Entry)
		}
	}
	return out
}

// withTranslation returns a copy of e with c as its variant in lang,
// marked as a machine translation and keeping the source variant's links.
// e itself is not modified: it may be shared with the store's cache.
func withTranslation(e *kb.Entry, lang string, c Composed) *kb.Entry {
	cp := *e
	cp.Variants = make(map[string]*kb.Variant, len(e.Variants)+1)
	for k, v := range e.Variants {
		cp.Variants[k] = v
	}
	v := &kb.Variant{Question: c.Question, Answer: c.Text, MachineTranslated: true}
	if src := e.Variants[c.SourceLang]; src != nil {
		v.Links = slices.Clone(src.Links)
	}
	cp.Variants[lang] = v
	return &cp
}

// ComposeEntries returns the entries a composed answer to d is grounded
// on: the decided entry, then up to two other hits at or above the
// clarification threshold, as Respond gives them to the model.
func ComposeEntries(d *Decision, th Thresholds) []*kb.Entry { return grounding(d, th.Clarify) }
