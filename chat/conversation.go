package chat

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode"
)

// ReasonRepeatedMisses is the handoff reason when the citizen's questions
// went unanswered several times in a row.
const ReasonRepeatedMisses Reason = "repeated_misses"

// DefaultMaxMisses is how many unanswered questions in a row (a
// clarification, or nothing confident) the bot accepts before it hands
// the conversation to a person.
const DefaultMaxMisses = 2

// switchConfidence is how sure language detection must be before a
// message in another language switches a conversation whose language the
// citizen chose: a short "ok" or a place name must not.
const switchConfidence = 0.9

// Service runs conversations: it stores every citizen message before
// processing it, runs it through the engine with the conversation's
// language and history, keeps the conversation's state, and stores the
// reply and any handoff in one transaction. Every channel (web, API, SMS)
// goes through it.
type Service struct {
	Engine *Engine
	Store  Store
	// MaxMisses overrides DefaultMaxMisses when positive.
	MaxMisses int
	// Notify, when set, is called after turns are stored in a
	// conversation, for live updates.
	Notify func(conversationID string)
	// Deliver sends turns written by people to the channels that need a
	// push (SMS), by channel name.
	Deliver map[string]Deliverer
	// Observe, when set, is told of every decision the bot made and how
	// long the turn took, for metrics. It sees no message text.
	Observe func(c *Conversation, d *Decision, took time.Duration)
	// LLM, when set, rewrites follow-ups, composes grounded answers and
	// translates where the user's language has no variant; nil keeps the
	// curated answers only.
	LLM *LLM
	// Callbacks, when set, offers a callback on handoffs made while the
	// office is closed (callback.go).
	Callbacks *Callbacks
	Log       *slog.Logger
}

// Message is one message from a citizen.
type Message struct {
	Text string
	// Lang is a language the citizen picked explicitly with this message
	// (a language picker); it wins over detection from then on.
	Lang string
	// Key deduplicates retries: the same key in the same conversation is
	// one message.
	Key string
}

// Outcome is what happened to one citizen message.
type Outcome struct {
	Conversation *Conversation
	Citizen      *Turn
	// Reply is the bot's turn, nil when the bot stays silent because the
	// conversation is with people.
	Reply *Turn
	// Decision is the engine's decision, nil when the bot stayed silent
	// or the message was a duplicate.
	Decision *Decision
	Ticket   *Ticket
	// Duplicate is true when the message had been received before; Reply
	// is then the reply it got, if any.
	Duplicate bool
}

// Start opens a conversation.
func (s *Service) Start(ctx context.Context, c *Conversation) error {
	if c.Lang != "" && !s.configured(c.Lang) {
		return fmt.Errorf("chat: start: language %q is not configured: %w", c.Lang, errUnknownLanguage)
	}
	return s.Store.CreateConversation(ctx, c)
}

var errUnknownLanguage = errors.New("unknown language")

// CheckInput tells whether the engine would read text, and if not why, in
// lang, without storing anything.
func (e *Engine) CheckInput(text, lang string) error { return e.check(text, lang) }

// Post stores a citizen's message in conversation id, then processes it.
// A message the engine cannot read (empty, too long, not text) is refused
// with an *InputError before anything is stored.
func (s *Service) Post(ctx context.Context, id string, m Message) (*Outcome, error) {
	c, err := s.Store.Conversation(ctx, id)
	if err != nil {
		return nil, err
	}
	if c.State == StateClosed {
		return nil, ErrClosed
	}
	lang := c.Lang
	if m.Lang != "" {
		if !s.configured(m.Lang) {
			return nil, fmt.Errorf("chat: post: language %q is not configured: %w", m.Lang, errUnknownLanguage)
		}
		lang = m.Lang
	}
	if err := s.Engine.CheckInput(m.Text, s.Engine.language(lang, "")); err != nil {
		return nil, err
	}
	t := &Turn{ConversationID: id, Role: RoleCitizen, Text: m.Text, Lang: m.Lang, Status: TurnReceived, Key: m.Key}
	dup, err := s.Store.AppendTurn(ctx, t)
	if err != nil {
		return nil, err
	}
	if dup && t.Status == TurnDone {
		return s.replayed(ctx, c, t)
	}
	s.notify(id)
	return s.process(ctx, c, t)
}

// replayed returns the outcome a duplicate message already had.
func (s *Service) replayed(ctx context.Context, c *Conversation, t *Turn) (*Outcome, error) {
	out := &Outcome{Conversation: c, Citizen: t, Duplicate: true}
	next, err := s.Store.Turns(ctx, c.ID, t.Seq)
	if err != nil {
		return nil, err
	}
	for i := range next {
		if next[i].Role == RoleBot {
			out.Reply = &next[i]
			break
		}
		if next[i].Role == RoleCitizen {
			break
		}
	}
	return out, nil
}

// Resume processes the citizen turns a crash left without a reply, oldest
// first, and reports how many it processed.
func (s *Service) Resume(ctx context.Context) (int, error) {
	n := 0
	for {
		turns, err := s.Store.Received(ctx, 100)
		if err != nil || len(turns) == 0 {
			return n, err
		}
		for i := range turns {
			t := &turns[i]
			c, err := s.Store.Conversation(ctx, t.ConversationID)
			if err != nil {
				return n, err
			}
			if _, err := s.process(ctx, c, t); err != nil {
				return n, fmt.Errorf("chat: resume turn %d of a conversation: %w", t.Seq, err)
			}
			n++
		}
	}
}

func (s *Service) process(ctx context.Context, c *Conversation, t *Turn) (*Outcome, error) {
	start := time.Now()
	out := &Outcome{Conversation: c, Citizen: t}
	r := &Reply{ConversationID: c.ID, CitizenSeq: t.Seq, Lang: c.Lang, LangChosen: c.LangChosen, State: c.State, Misses: c.Misses}
	if t.Lang != "" {
		r.Lang, r.LangChosen = t.Lang, true
	}
	if c.State != StateBot {
		// People have the conversation: the bot stays silent, except to
		// take the callback number it asked for.
		var err error
		if r.Bot, err = s.takeCallback(ctx, c, t); err != nil {
			return nil, err
		}
		if err := s.Store.SaveReply(ctx, r); err != nil {
			return nil, err
		}
		c.Lang, c.LangChosen = r.Lang, r.LangChosen
		if out.Reply = r.Bot; r.Bot != nil {
			s.notify(c.ID)
		}
		return out, nil
	}
	d, err := s.decide(ctx, c, t, r)
	if err != nil {
		var inErr *InputError
		if !errors.As(err, &inErr) {
			return nil, err
		}
		// Unreadable text that reached the store (a crash recovery of an
		// old turn): answer with the reason, as the web would.
		d = &Decision{Kind: Handoff, Reason: ReasonNoMatch, Lang: inErr.Lang, Text: inErr.Text}
	}
	out.Decision = d
	r.Lang = d.Lang
	td := &TurnDecision{Kind: d.Kind, Reason: d.Reason, Confidence: d.Confidence, Cue: d.Cue}
	if a := r.assisted; a != nil && a.Composed != nil {
		td.MachineTranslated = a.Composed.MachineTranslated
		td.Composer = a.Composed.Model
		if a.Composed.Fallback {
			td.LLMFallback = string(a.Composed.FallbackReason)
		}
	}
	for _, h := range d.Hits {
		td.Hits = append(td.Hits, HitRecord{EntryID: h.Entry.ID, Revision: h.Entry.Revision, Confidence: h.Confidence,
			Lexical: h.Lexical, LexicalRank: h.LexicalRank, Vector: h.Vector, VectorRank: h.VectorRank})
	}
	switch d.Kind {
	case Answer:
		td.EntryID, td.Revision = d.Entry.ID, d.Entry.Revision
		if v := d.Entry.Variants[d.Lang]; v != nil {
			td.Source = v.Question
		}
	case Clarify:
		for _, e := range d.Choices {
			if v := e.Variants[d.Lang]; v != nil {
				td.Choices = append(td.Choices, Choice{EntryID: e.ID, Question: v.Question})
			}
		}
	case Handoff:
		tk := &Ticket{Code: NewCode(), Reason: d.Reason, Lang: d.Lang, Channel: c.Channel, Agency: c.Agency, State: TicketWaiting}
		if len(d.Hits) > 0 {
			tk.Topic = d.Hits[0].Entry.Topic
		}
		td.HandoffCode = tk.Code
		d.Text = strings.TrimSpace(d.Text + " " + s.Engine.msg(d.Lang, "HandoffCode", map[string]any{"Code": FormatCode(tk.Code)}))
		d.Text = s.offerCallback(ctx, c, tk, d.Text)
		r.Ticket, out.Ticket = tk, tk
		r.State = StateWaiting
	}
	r.Bot = &Turn{Role: RoleBot, Text: d.Text, Lang: d.Lang, Decision: td}
	if err := s.Store.SaveReply(ctx, r); err != nil {
		return nil, err
	}
	c.Lang, c.LangChosen, c.State, c.Misses = r.Lang, r.LangChosen, r.State, r.Misses
	out.Reply = r.Bot
	s.notify(c.ID)
	if s.Observe != nil {
		s.Observe(c, d, time.Since(start))
	}
	if s.Log != nil {
		// No message text and no contact in logs.
		s.Log.LogAttrs(ctx, slog.LevelInfo, "turn", slog.String("conversation", c.ID), slog.Int64("seq", t.Seq),
			slog.String("channel", c.Channel), slog.String("lang", d.Lang), slog.String("decision", string(d.Kind)),
			slog.String("reason", string(d.Reason)))
	}
	return out, nil
}

// decide runs the engine on t in the context of the conversation: its
// language, a switch to another language, a follow-up to the previous
// answer, and the count of misses. It updates r's language and misses.
func (s *Service) decide(ctx context.Context, c *Conversation, t *Turn, r *Reply) (*Decision, error) {
	lang := ""
	if r.LangChosen {
		lang = r.Lang
		if t.Lang == "" && s.Engine.Detector != nil && words(t.Text) >= 3 {
			// A citizen who chose Italian and then writes a whole
			// sentence in Arabic is answered in Arabic.
			if det, conf := s.Engine.Detector.Detect(t.Text); det != "" && det != lang && conf >= switchConfidence && s.configured(det) {
				lang, r.LangChosen = det, false
			}
		}
	}
	var d *Decision
	var a *Assisted
	var err error
	if s.LLM != nil {
		a, err = s.LLM.Respond(ctx, s.Engine, Input{Text: t.Text, Lang: lang}, s.history(ctx, c, t))
		if a != nil {
			d = a.Decision
		}
	} else {
		d, err = s.Engine.Decide(ctx, Input{Text: t.Text, Lang: lang})
	}
	if err != nil {
		return nil, err
	}
	r.assisted = a
	if missed(d) && (a == nil || a.Rewrite == nil || a.Rewrite.Fallback) {
		if prev := s.previousQuestion(ctx, c, t); prev != "" && words(t.Text) <= 8 {
			// "And for my son?" means little alone; with the question it
			// follows it may name an entry confidently.
			if d2, err := s.Engine.Decide(ctx, Input{Text: prev + "\n" + t.Text, Lang: d.Lang}); err == nil && d2.Kind == Answer {
				d = d2
			}
		}
	}
	if missed(d) {
		r.Misses++
		if r.Misses >= s.maxMisses() && d.Kind == Clarify {
			d.Kind, d.Reason, d.Choices = Handoff, ReasonRepeatedMisses, nil
			d.Text = s.Engine.msg(d.Lang, "HandoffRepeatedMisses", nil)
		}
	} else {
		r.Misses = 0
	}
	if d.Kind == Handoff {
		r.Misses = 0
	}
	return d, nil
}

// history returns the conversation's turns before t for the LLM, the
// last twelve at most, without system notices.
func (s *Service) history(ctx context.Context, c *Conversation, t *Turn) []HistoryTurn {
	turns, err := s.Store.Turns(ctx, c.ID, max(t.Seq-13, 0))
	if err != nil {
		return nil
	}
	var h []HistoryTurn
	for _, x := range turns {
		if x.Seq >= t.Seq || x.Role == RoleSystem {
			continue
		}
		h = append(h, HistoryTurn{FromCitizen: x.Role == RoleCitizen, Text: x.Text})
	}
	return h
}

// missed reports whether a decision left the citizen without an answer
// for want of a confident entry (not by their own request or a safety
// rule).
func missed(d *Decision) bool {
	switch d.Kind {
	case Clarify:
		return true
	case Handoff:
		return d.Reason == ReasonLowConfidence || d.Reason == ReasonNoMatch
	}
	return false
}

// previousQuestion returns the text of the citizen's question answered
// just before t, if the conversation's previous exchange was an answer.
func (s *Service) previousQuestion(ctx context.Context, c *Conversation, t *Turn) string {
	from := max(t.Seq-4, 0)
	turns, err := s.Store.Turns(ctx, c.ID, from)
	if err != nil {
		return ""
	}
	var q string
	for _, x := range turns {
		if x.Seq >= t.Seq {
			break
		}
		switch {
		case x.Role == RoleCitizen:
			q = x.Text
		case x.Role == RoleBot && (x.Decision == nil || x.Decision.Kind != Answer):
			q = ""
		}
	}
	return q
}

// words counts the words of s, taking two Han characters for a word,
// since Chinese is written without spaces.
func words(s string) int {
	n := 0
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		han := 0
		for _, r := range f {
			if unicode.Is(unicode.Han, r) {
				han++
			}
		}
		n += max(1, (han+1)/2)
	}
	return n
}

func (s *Service) maxMisses() int {
	if s.MaxMisses > 0 {
		return s.MaxMisses
	}
	return DefaultMaxMisses
}

func (s *Service) configured(lang string) bool {
	if len(s.Engine.Languages) == 0 {
		return true
	}
	for _, l := range s.Engine.Languages {
		if l == lang {
			return true
		}
	}
	return false
}

func (s *Service) notify(id string) {
	if s.Notify != nil {
		s.Notify(id)
	}
}
