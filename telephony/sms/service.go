package sms

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/outbox"
)

// DefaultMaxSegments is the budget of one reply, in segments.
const DefaultMaxSegments = 2

// DefaultOperatorSegments is the budget of a message written by people
// (an operator's reply), who say more than the bot and know what it
// costs: the console shows Cost before sending.
const DefaultOperatorSegments = 6

// MaxTextBytes bounds what is stored of one inbound message. The engine
// reads at most chat.MaxMessageLen characters and answers longer messages
// by asking to shorten them; what lies beyond this bound is dropped
// before storage, so a flood of 10 kB messages cannot fill the disk.
const MaxTextBytes = 16 << 10

// Config is how the channel answers.
type Config struct {
	// MaxSegments caps every reply of the bot (DefaultMaxSegments when
	// zero), OperatorSegments every message written by people
	// (DefaultOperatorSegments when zero).
	MaxSegments      int
	OperatorSegments int
	// BaseURL is the public address of Sportello's pages: a shortened
	// answer links to {BaseURL}/{lang}/faq/{entry id}. Empty means no
	// link.
	BaseURL string
	// HandoffPhone is the number citizens are told to call, with their
	// reference code, on a handoff and in the help message ("02 02 02").
	HandoffPhone string
	// Transliterate lists the languages whose replies lose the
	// diacritics GSM 03.38 lacks (ro, sq), to stay in the cheaper
	// encoding. See telephony.Transliterate.
	Transliterate []string
	// From is the short code replies are sent from; empty means the
	// number the citizen wrote to.
	From string
	// Agency is set on the conversations the channel opens.
	Agency string
	// DedupWindow is how long a carrier id identifies one message
	// (DefaultDedupWindow when zero). Redeliveries come within minutes;
	// gateways that make ids from the content (SMPP gives incoming
	// messages none) give the same id to a citizen who sends the same
	// text again later, which must then be answered again.
	DedupWindow time.Duration
}

// DefaultDedupWindow is the default of Config.DedupWindow.
const DefaultDedupWindow = 15 * time.Minute

// Observer counts what the channel does, for metrics: inbound messages by
// outcome here, outbound ones through outbox.Observer. Every method may be
// called from several goroutines.
type Observer interface {
	outbox.Observer
	// Inbound counts one inbound message; outcome is an Outcome, or
	// "duplicate" for a replay that was not answered again.
	Inbound(gateway, outcome string)
}

// EntryGetter reads an entry by id; kb.Store implements it. The channel
// uses it for the entry's short SMS answer when a reply is rebuilt after
// a crash.
type EntryGetter interface {
	Get(ctx context.Context, id string) (*kb.Entry, error)
}

// Service is the SMS channel: it takes inbound messages from any gateway,
// runs them through the conversation service, and puts the replies in the
// outbox.
type Service struct {
	Config
	Chat   *chat.Service
	Store  Store
	Outbox outbox.Store
	Vault  *Vault
	// Entries, when set, lets a reply rebuilt after a crash use the
	// entry's SMS answer.
	Entries  EntryGetter
	Observer Observer
	// Wake, when set, is called after a reply is enqueued (the outbox
	// worker's Wake).
	Wake func()
	Log  *slog.Logger

	mu    sync.Mutex
	locks map[string]*contactLock
}

// contactLock serialises the messages of one contact, so that two
// messages from one phone do not open two conversations.
type contactLock struct {
	sync.Mutex
	users int
}

// Result is what happened to one inbound message.
type Result struct {
	Inbound *InboundRecord
	// Duplicate is true for a message received before: nothing was done
	// again.
	Duplicate bool
	Outcome   Outcome
	Keyword   Keyword
	// Decision is the engine's decision, when it decided.
	Decision chat.Kind
	// Reply is the message put in the outbox, nil when none was.
	Reply *outbox.Message
}

func (s *Service) maxSegments() int {
	if s.MaxSegments > 0 {
		return s.MaxSegments
	}
	return DefaultMaxSegments
}

func (s *Service) log() *slog.Logger {
	if s.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Log
}

// Receive stores an inbound message and answers it. It is what every
// gateway calls, and it is safe to call again with the same message: a
// message already answered is reported Duplicate and nothing is sent, and
// one whose processing a crash interrupted is finished. An error means
// the gateway should not acknowledge the message (so the carrier
// delivers it again); ErrInvalid marks messages that will never be
// accepted.
func (s *Service) Receive(ctx context.Context, in telephony.Inbound) (*Result, error) {
	if in.Gateway == "" {
		return nil, fmt.Errorf("%w: no gateway name", ErrInvalid)
	}
	number, err := CanonicalNumber(in.From)
	if err != nil {
		s.observe(in.Gateway, "invalid")
		return nil, err
	}
	sealed, err := s.Vault.Seal(number)
	if err != nil {
		return nil, err
	}
	if in.ReceivedAt.IsZero() {
		in.ReceivedAt = time.Now()
	}
	rec := &InboundRecord{
		Gateway: in.Gateway, CarrierID: in.CarrierID, Contact: s.Vault.Pseudonym(number), SealedFrom: sealed,
		To: in.To, Text: cleanText(in.Text), ReceivedAt: in.ReceivedAt.UTC(),
	}
	if rec.CarrierID == "" {
		rec.CarrierID = derivedID(number, in)
	}
	unlock := s.lock(rec.Contact)
	defer unlock()
	window := s.DedupWindow
	if window <= 0 {
		window = DefaultDedupWindow
	}
	dup, err := s.Store.SaveInbound(ctx, rec, time.Now().Add(-window))
	if err != nil {
		return nil, err
	}
	if dup && rec.State == InboundDone {
		s.observe(rec.Gateway, "duplicate")
		s.log().Info("sms: duplicate inbound, not answered again", "gateway", rec.Gateway, "contact", rec.Contact, "inbound", rec.ID)
		return &Result{Inbound: rec, Duplicate: true, Outcome: rec.Outcome}, nil
	}
	return s.handle(ctx, rec, dup)
}

// Resume finishes the inbound messages a crash left unanswered, oldest
// first, and reports how many it finished.
func (s *Service) Resume(ctx context.Context) (int, error) {
	n := 0
	for {
		recs, err := s.Store.PendingInbound(ctx, 100)
		if err != nil || len(recs) == 0 {
			return n, err
		}
		for i := range recs {
			rec := &recs[i]
			unlock := s.lock(rec.Contact)
			_, err := s.handle(ctx, rec, true)
			unlock()
			if err != nil {
				return n, fmt.Errorf("sms: resume inbound %s: %w", rec.ID, err)
			}
			n++
		}
	}
}

// Receipt records a delivery receipt from a gateway.
func (s *Service) Receipt(ctx context.Context, r telephony.Receipt) error {
	if r.Gateway == "" || r.MessageID == "" {
		return fmt.Errorf("%w: a receipt needs a gateway and a message id", ErrInvalid)
	}
	if r.At.IsZero() {
		r.At = time.Now()
	}
	found, err := s.Outbox.Receipt(ctx, r)
	if err != nil {
		return err
	}
	if s.Observer != nil && found {
		switch r.Status {
		case telephony.Delivered:
			s.Observer.Delivered(r.Gateway)
		case telephony.Undeliverable, telephony.Expired, telephony.Rejected:
			s.Observer.Failed(r.Gateway, string(r.Status))
		}
	}
	return nil
}

// ErrSuppressed means the contact opted out with STOP.
var ErrSuppressed = errors.New("sms: the contact opted out")

// Send puts a message written by people (an operator's reply, a notice)
// to a contact in the outbox. key makes it idempotent. The text is
// prepared like the bot's replies and capped at OperatorSegments; Cost
// tells the console beforehand what it will take.
func (s *Service) Send(ctx context.Context, contact, text, lang, key, conversationID string) (*outbox.Message, error) {
	if stop, err := s.Store.Suppressed(ctx, contact); err != nil {
		return nil, err
	} else if stop {
		return nil, ErrSuppressed
	}
	c, err := s.Store.Contact(ctx, contact)
	if err != nil {
		return nil, err
	}
	from := s.From
	if from == "" {
		from = c.To
	}
	out := telephony.Truncate(s.prepare(text, lang), s.operatorSegments(), ellipsis)
	return s.put(ctx, &outbox.Message{Key: key, Gateway: c.Gateway, Contact: contact, SealedTo: c.Sealed, From: from, Text: out, ConversationID: conversationID})
}

// Cost reports what a message written by people would cost in lang,
// after the same preparation as Send.
func (s *Service) Cost(text, lang string) telephony.Info {
	return telephony.Segments(telephony.Truncate(s.prepare(text, lang), s.operatorSegments(), ellipsis))
}

// Measure reports what a message written by people costs in lang after
// Send's preparation, before Send would cut it, and the most segments
// Send allows: the console refuses a longer reply instead of letting Send
// shorten it.
func (s *Service) Measure(text, lang string) (info telephony.Info, maxSegments int) {
	return telephony.Segments(s.prepare(text, lang)), s.operatorSegments()
}

// Deliver sends a turn written by people (an operator's reply, the notice
// that a person joined or that the case is closed) to the citizen by
// SMS. It is the chat.Deliverer of the SMS channel; each turn is sent
// once however often it is delivered. A contact that opted out gets
// nothing, and that is not an error.
func (s *Service) Deliver(ctx context.Context, c *chat.Conversation, t *chat.Turn) error {
	lang := t.Lang
	if lang == "" {
		lang = c.Lang
	}
	_, err := s.Send(ctx, c.Contact, t.Text, lang, fmt.Sprintf("turn:%s:%d", c.ID, t.Seq), c.ID)
	switch {
	case errors.Is(err, ErrSuppressed):
		s.log().Info("sms: not delivered, the contact opted out", "contact", c.Contact, "conversation", c.ID)
		return nil
	case errors.Is(err, ErrNotFound):
		return fmt.Errorf("sms: the citizen's number is no longer kept (retention), the message cannot be sent: %w", err)
	}
	return err
}

// SealedNumber returns the sealed number of a contact, while it is kept:
// what a callback desk copies into a request to call the citizen back on
// the number they texted from (cti.Desk.SenderNumber).
func (s *Service) SealedNumber(ctx context.Context, contact string) ([]byte, error) {
	c, err := s.Store.Contact(ctx, contact)
	if err != nil {
		return nil, err
	}
	return c.Sealed, nil
}

func (s *Service) operatorSegments() int {
	if s.OperatorSegments > 0 {
		return s.OperatorSegments
	}
	return DefaultOperatorSegments
}

// handle processes a stored inbound message; seen is true when it was
// stored before (a crash may have interrupted its processing anywhere).
// The caller holds the contact's lock.
func (s *Service) handle(ctx context.Context, rec *InboundRecord, seen bool) (*Result, error) {
	res := &Result{Inbound: rec}
	key := replyKey(rec.ID)
	if seen {
		// A crash after the reply was enqueued and before the message
		// was marked done: the reply exists, nothing more to do.
		if m, err := s.Outbox.MessageByKey(ctx, key); err == nil {
			res.Reply, res.Outcome = m, OutcomeReply
			return res, s.finish(ctx, rec, res.Outcome, m.ConversationID)
		} else if !errors.Is(err, outbox.ErrNotFound) {
			return nil, err
		}
	}
	conv, err := s.Chat.Store.OpenConversation(ctx, chat.ChannelSMS, rec.Contact)
	if err != nil && !errors.Is(err, chat.ErrNoConversation) {
		return nil, err
	}
	kw, langs, isKeyword := MatchKeyword(rec.Text)
	if strings.TrimSpace(rec.Text) == "" {
		kw, isKeyword = KeywordHelp, true // an empty message gets the help text
	}
	stop, err := s.Store.Suppressed(ctx, rec.Contact)
	if err != nil {
		return nil, err
	}
	if stop && !(isKeyword && kw == KeywordStart) {
		res.Outcome = OutcomeSuppress
		return res, s.finish(ctx, rec, res.Outcome, convID(conv))
	}
	if isKeyword {
		res.Keyword, res.Outcome = kw, OutcomeKeyword
		if err := s.keyword(ctx, rec, conv, kw, langs, res); err != nil {
			return nil, err
		}
		return res, s.finish(ctx, rec, res.Outcome, convIDOf(res))
	}
	if strings.ContainsRune(rec.Text, utf8.RuneError) {
		// The gateway could not decode it: say so rather than guess.
		lang := s.replyLang(conv, nil)
		res.Outcome = OutcomeRefused
		if res.Reply, err = s.reply(ctx, rec, key, textsFor(lang).Unreadable, lang, convID(conv), false); err != nil {
			return nil, err
		}
		return res, s.finish(ctx, rec, res.Outcome, convID(conv))
	}
	if conv == nil {
		if conv, err = s.open(ctx, rec.Contact); err != nil {
			return nil, err
		}
	}
	out, err := s.post(ctx, rec, conv)
	var inErr *chat.InputError
	switch {
	case errors.As(err, &inErr):
		res.Outcome = OutcomeRefused
		if res.Reply, err = s.reply(ctx, rec, key, inErr.Text, inErr.Lang, conv.ID, false); err != nil {
			return nil, err
		}
		return res, s.finish(ctx, rec, res.Outcome, conv.ID)
	case err != nil:
		return nil, err
	}
	conv = out.Conversation
	if out.Reply == nil {
		// People have the conversation and will answer; the bot keeps
		// quiet, except for an emergency, which never waits for them.
		res.Outcome = OutcomeSilent
		if !chat.DetectSignals(rec.Text).Emergency {
			return res, s.finish(ctx, rec, res.Outcome, conv.ID)
		}
		if d, err := s.Chat.Engine.Decide(ctx, chat.Input{Text: rec.Text, Lang: conv.Lang}); err == nil && d.Kind == chat.Emergency {
			res.Decision, res.Outcome = d.Kind, OutcomeReply
			if res.Reply, err = s.reply(ctx, rec, key, d.Text, d.Lang, conv.ID, false); err != nil {
				return nil, err
			}
		}
		return res, s.finish(ctx, rec, res.Outcome, conv.ID)
	}
	text := s.compose(ctx, out)
	if out.Reply.Decision != nil {
		res.Decision = out.Reply.Decision.Kind
	}
	res.Outcome = OutcomeReply
	if res.Reply, err = s.replyPrepared(ctx, rec, key, text, conv.ID, false); err != nil {
		return nil, err
	}
	return res, s.finish(ctx, rec, res.Outcome, conv.ID)
}

// post gives the message to the conversation service, translating a
// numbered choice into the question it stands for.
func (s *Service) post(ctx context.Context, rec *InboundRecord, conv *chat.Conversation) (*chat.Outcome, error) {
	text, lang := s.menuChoice(ctx, conv, rec.Text)
	msg := chat.Message{Text: text, Lang: lang, Key: "sms:" + rec.ID}
	out, err := s.Chat.Post(ctx, conv.ID, msg)
	if errors.Is(err, chat.ErrClosed) {
		// Closed by an operator meanwhile: a new message starts anew.
		if conv, err = s.open(ctx, conv.Contact); err != nil {
			return nil, err
		}
		out, err = s.Chat.Post(ctx, conv.ID, msg)
	}
	return out, err
}

// open starts a conversation on the SMS channel for contact.
func (s *Service) open(ctx context.Context, contact string) (*chat.Conversation, error) {
	c := &chat.Conversation{Channel: chat.ChannelSMS, Contact: contact, Agency: s.Agency}
	if err := s.Chat.Start(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// menuChoice returns the question a reply of "2" picks when the bot's
// last message was a numbered menu, with its language; otherwise text
// unchanged and no language.
func (s *Service) menuChoice(ctx context.Context, conv *chat.Conversation, text string) (string, string) {
	n, ok := choiceNumber(text)
	if !ok || conv.LastSeq == 0 || conv.State != chat.StateBot {
		return text, ""
	}
	turns, err := s.Chat.Store.Turns(ctx, conv.ID, conv.LastSeq-1)
	if err != nil || len(turns) == 0 {
		return text, ""
	}
	last := turns[len(turns)-1]
	if last.Role != chat.RoleBot || last.Decision == nil || last.Decision.Kind != chat.Clarify || n > len(last.Decision.Choices) {
		return text, ""
	}
	return last.Decision.Choices[n-1].Question, last.Lang
}

// choiceNumber reads a reply that is one digit from 1 to 9, in Western,
// Arabic-Indic, Persian or full-width digits, or a Chinese numeral, with
// whatever punctuation people add ("2.", "(2)", " 2 ").
func choiceNumber(text string) (int, bool) {
	t := strings.Trim(text, " \t\r\n.,;:!?()[]#*-")
	r, w := utf8.DecodeRuneInString(t)
	if w == 0 || w != len(t) {
		return 0, false
	}
	for _, zero := range []rune{'0', '٠', '۰', '０'} {
		if r > zero && r <= zero+9 {
			return int(r - zero), true
		}
	}
	if i := strings.IndexRune("一二三四五六七八九", r); i >= 0 {
		return i/3 + 1, true
	}
	return 0, false
}

// keyword honours STOP, START, HELP and OPERATOR.
func (s *Service) keyword(ctx context.Context, rec *InboundRecord, conv *chat.Conversation, kw Keyword, langs []string, res *Result) error {
	lang := s.replyLang(conv, langs)
	t := textsFor(lang)
	key := replyKey(rec.ID)
	var err error
	switch kw {
	case KeywordStop:
		// Suppressed first: a worker about to send a queued reply checks
		// the list and drops it.
		if err := s.Store.Suppress(ctx, rec.Contact); err != nil {
			return err
		}
		if _, err := s.Outbox.Cancel(ctx, rec.Contact); err != nil {
			return err
		}
		res.Reply, err = s.reply(ctx, rec, key, t.Stopped, lang, convID(conv), true)
	case KeywordStart:
		if err := s.Store.Unsuppress(ctx, rec.Contact); err != nil {
			return err
		}
		res.Reply, err = s.reply(ctx, rec, key, t.Started, lang, convID(conv), false)
	case KeywordHelp:
		text := t.Help
		if s.HandoffPhone != "" {
			text += fill(t.HelpPhone, "phone", s.HandoffPhone)
		}
		res.Reply, err = s.reply(ctx, rec, key, text, lang, convID(conv), false)
	case KeywordOperator:
		return s.handoff(ctx, rec, conv, lang, res)
	}
	return err
}

// handoff hands the conversation to people at the citizen's request, as
// the engine would for "I want to talk to a person", but without asking
// the engine: a keyword is unambiguous.
func (s *Service) handoff(ctx context.Context, rec *InboundRecord, conv *chat.Conversation, lang string, res *Result) error {
	key := replyKey(rec.ID)
	t := textsFor(lang)
	var err error
	if conv == nil {
		if conv, err = s.open(ctx, rec.Contact); err != nil {
			return err
		}
	}
	if conv.State != chat.StateBot {
		// Already with people: the message joins the transcript for the
		// operator, and the citizen is told they are in line.
		if _, err := s.Chat.Post(ctx, conv.ID, chat.Message{Text: rec.Text, Key: "sms:" + rec.ID}); err != nil && !errors.Is(err, chat.ErrClosed) {
			return err
		}
		res.Reply, err = s.reply(ctx, rec, key, t.Waiting, lang, conv.ID, false)
		return err
	}
	turn := &chat.Turn{ConversationID: conv.ID, Role: chat.RoleCitizen, Text: rec.Text, Status: chat.TurnReceived, Key: "sms:" + rec.ID}
	dup, err := s.Chat.Store.AppendTurn(ctx, turn)
	if err != nil {
		return err
	}
	code := ""
	if dup && turn.Status == chat.TurnDone {
		// The handoff was stored before a crash; tell the same code.
		code = s.storedCode(ctx, conv.ID, turn.Seq)
	}
	if code == "" {
		code = chat.NewCode()
		tk := &chat.Ticket{Code: code, Reason: chat.ReasonExplicit, Lang: lang, Channel: chat.ChannelSMS, Agency: conv.Agency, State: chat.TicketWaiting}
		bot := &chat.Turn{Role: chat.RoleBot, Text: s.handoffText(lang, code), Lang: lang,
			Decision: &chat.TurnDecision{Kind: chat.Handoff, Reason: chat.ReasonExplicit, Cue: "keyword", HandoffCode: code}}
		r := &chat.Reply{ConversationID: conv.ID, CitizenSeq: turn.Seq, Bot: bot, Lang: lang, LangChosen: conv.LangChosen,
			State: chat.StateWaiting, Ticket: tk}
		if err := s.Chat.Store.SaveReply(ctx, r); err != nil {
			return err
		}
		if s.Chat.Notify != nil {
			s.Chat.Notify(conv.ID)
		}
	}
	res.Decision = chat.Handoff
	res.Reply, err = s.reply(ctx, rec, key, s.handoffReply(ctx, lang, code), lang, conv.ID, false)
	return err
}

// storedCode finds the handoff code in the bot's reply to the turn at seq.
func (s *Service) storedCode(ctx context.Context, conversationID string, seq int64) string {
	turns, err := s.Chat.Store.Turns(ctx, conversationID, seq)
	if err != nil {
		return ""
	}
	for _, t := range turns {
		if t.Role == chat.RoleBot && t.Decision != nil {
			return t.Decision.HandoffCode
		}
	}
	return ""
}

// replyLang picks the language of the channel's own messages: the
// conversation's when the keyword belongs to it (or there is no keyword),
// the keyword's own when it has one, then the engine's default.
func (s *Service) replyLang(conv *chat.Conversation, langs []string) string {
	if conv != nil && conv.Lang != "" && (len(langs) == 0 || slices.Contains(langs, conv.Lang)) {
		return conv.Lang
	}
	if len(langs) == 1 {
		return langs[0]
	}
	if conv != nil && conv.Lang != "" {
		return conv.Lang
	}
	if s.Chat != nil && s.Chat.Engine != nil && s.Chat.Engine.DefaultLanguage != "" {
		return s.Chat.Engine.DefaultLanguage
	}
	return "it"
}

// reply puts text in the outbox under key, once. text is prepared here
// unless it comes from compose, which prepared it already: normalising a
// fitted text again could push its link out.
func (s *Service) reply(ctx context.Context, rec *InboundRecord, key, text, lang, conversationID string, optOut bool) (*outbox.Message, error) {
	return s.replyPrepared(ctx, rec, key, s.fit(text, lang), conversationID, optOut)
}

func (s *Service) replyPrepared(ctx context.Context, rec *InboundRecord, key, text, conversationID string, optOut bool) (*outbox.Message, error) {
	from := s.From
	if from == "" {
		from = rec.To
	}
	return s.put(ctx, &outbox.Message{
		Key: key, Gateway: rec.Gateway, Contact: rec.Contact, SealedTo: rec.SealedFrom, From: from,
		Text: text, OptOutNotice: optOut, ConversationID: conversationID,
	})
}

func (s *Service) put(ctx context.Context, m *outbox.Message) (*outbox.Message, error) {
	info := telephony.Segments(m.Text)
	m.Encoding, m.Segments = info.Encoding, info.Segments
	if _, err := s.Outbox.Enqueue(ctx, m); err != nil {
		return nil, err
	}
	if s.Wake != nil {
		s.Wake()
	}
	return m, nil
}

func (s *Service) finish(ctx context.Context, rec *InboundRecord, o Outcome, conversationID string) error {
	if err := s.Store.FinishInbound(ctx, rec.ID, o, conversationID); err != nil {
		return err
	}
	rec.State, rec.Outcome, rec.ConversationID = InboundDone, o, conversationID
	s.observe(rec.Gateway, string(o))
	s.log().Info("sms: inbound", "gateway", rec.Gateway, "contact", rec.Contact, "inbound", rec.ID, "outcome", string(o), "conversation", conversationID)
	return nil
}

func (s *Service) observe(gateway, outcome string) {
	if s.Observer != nil {
		s.Observer.Inbound(gateway, outcome)
	}
}

// lock takes the contact's lock and returns its release.
func (s *Service) lock(contact string) func() {
	s.mu.Lock()
	if s.locks == nil {
		s.locks = map[string]*contactLock{}
	}
	l := s.locks[contact]
	if l == nil {
		l = &contactLock{}
		s.locks[contact] = l
	}
	l.users++
	s.mu.Unlock()
	l.Lock()
	return func() {
		l.Unlock()
		s.mu.Lock()
		if l.users--; l.users == 0 {
			delete(s.locks, contact)
		}
		s.mu.Unlock()
	}
}

func replyKey(inboundID string) string { return "re:" + inboundID }

func convID(c *chat.Conversation) string {
	if c == nil {
		return ""
	}
	return c.ID
}

func convIDOf(r *Result) string {
	if r.Reply != nil {
		return r.Reply.ConversationID
	}
	return ""
}

// cleanText makes the text storable: invalid UTF-8 becomes U+FFFD (and
// the message is then refused as unreadable), NUL goes, and the length is
// bounded by MaxTextBytes.
func cleanText(s string) string {
	if len(s) > MaxTextBytes {
		i := MaxTextBytes
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		s = s[:i]
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.ReplaceAll(s, "\x00", "")
}

// derivedID stands in for a carrier id when a gateway gives none: the
// same message delivered twice has the same sender, recipient, text and
// carrier timestamp.
func derivedID(number string, in telephony.Inbound) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%d", number, in.To, in.Text, in.ReceivedAt.Unix())
	return "h:" + hex.EncodeToString(h.Sum(nil)[:16])
}
