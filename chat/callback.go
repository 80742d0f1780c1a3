package chat

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"
	"unicode"
)

// Callbacks offers the citizen a callback when a handoff finds the office
// closed, and turns their next message with a phone number into a
// callback request that operators work through. Within the opening hours
// nothing changes: the handoff waits in the queue.
type Callbacks struct {
	Hours Hours
	Queue CallbackQueue
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

// CallbackRequest is a citizen's request to be phoned back.
type CallbackRequest struct {
	// Code is the handoff the callback belongs to.
	Code           string
	ConversationID string
	// Seq is the citizen's turn that asked for the callback: the same
	// turn processed twice (a crash, a retry) is one request.
	Seq     int64
	Channel string
	Lang    string
	// Number is the number to call, in E.164 form. It is empty when the
	// citizen asked to be called on the number they texted from; Contact
	// (the pseudonym of that number) then names it.
	Number  string
	Contact string
}

// CallbackQueue keeps callback requests; telephony/cti implements it.
type CallbackQueue interface {
	// RequestCallback stores r. A request for the same conversation and
	// turn as a stored one is the same request and is stored once.
	RequestCallback(ctx context.Context, r *CallbackRequest) error
}

func (cb *Callbacks) now() time.Time {
	if cb.Now != nil {
		return cb.Now()
	}
	return time.Now()
}

func (s *Service) callbacksOn() bool {
	return s.Callbacks != nil && s.Callbacks.Hours != nil && s.Callbacks.Queue != nil
}

// offerCallback adds to a handoff's text, when the office that takes it
// is closed, that it is closed, when it opens and how to be called back.
// The handoff itself never fails for it: an error reading the hours
// leaves the text as it was.
func (s *Service) offerCallback(ctx context.Context, c *Conversation, tk *Ticket, text string) string {
	if !s.callbacksOn() {
		return text
	}
	now := s.Callbacks.now()
	op, err := s.Callbacks.Hours.Opening(ctx, tk, now)
	if err != nil {
		if s.Log != nil {
			s.Log.LogAttrs(ctx, slog.LevelError, "reading opening hours for a callback offer", slog.String("conversation", c.ID), slog.String("err", err.Error()))
		}
		return text
	}
	if op.Open {
		return text
	}
	lang := tk.Lang
	closed := s.Engine.msg(lang, "CallbackClosed", nil)
	if !op.Next.IsZero() {
		closed = s.Engine.msg(lang, "CallbackClosedUntil", map[string]any{"When": s.when(lang, now, op.Next)})
	}
	ask := "CallbackAskNumber"
	if c.Channel == ChannelSMS && c.Contact != "" {
		ask = "CallbackAskSMS"
	}
	return strings.TrimSpace(text + " " + closed + " " + s.Engine.msg(lang, ask, nil))
}

// when says when next is, seen from now, in words: "today at 14:00",
// "tomorrow at 08:30" or "on Monday 24/11 at 08:30", in next's time zone.
func (s *Service) when(lang string, now, next time.Time) string {
	now = now.In(next.Location())
	data := map[string]any{"Time": next.Format("15:04"), "Date": next.Format("02/01"),
		"Day": s.Engine.msg(lang, fmt.Sprintf("CallbackDay%d", int(next.Weekday())), nil)}
	y, m, d := now.Date()
	switch ny, nm, nd := next.Date(); {
	case ny == y && nm == m && nd == d:
		return s.Engine.msg(lang, "CallbackWhenToday", data)
	case next.Before(time.Date(y, m, d+2, 0, 0, 0, 0, next.Location())):
		return s.Engine.msg(lang, "CallbackWhenTomorrow", data)
	}
	return s.Engine.msg(lang, "CallbackWhen", data)
}

// takeCallback reads a citizen's message in a conversation waiting for
// people. When its handoff offered a callback (it was made while the
// office was closed and nobody has claimed it yet) and the message gives a
// phone number, or on SMS says yes, it stores a callback request and
// returns the system turn that confirms it. A message that tries to be a
// number and is not one gets a turn saying so. Anything else returns nil:
// the bot stays silent.
func (s *Service) takeCallback(ctx context.Context, c *Conversation, t *Turn) (*Turn, error) {
	if !s.callbacksOn() || c.State != StateWaiting {
		return nil, nil
	}
	tk, err := s.Store.TicketFor(ctx, c.ID)
	if errors.Is(err, ErrNoTicket) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("chat: callback: %w", err)
	}
	if tk.State != TicketWaiting {
		return nil, nil
	}
	// The offer is not stored: it was made if the office was closed when
	// the handoff was.
	op, err := s.Callbacks.Hours.Opening(ctx, tk, tk.CreatedAt)
	if err != nil {
		return nil, fmt.Errorf("chat: callback: opening hours: %w", err)
	}
	if op.Open {
		return nil, nil
	}
	lang := c.Lang
	req := &CallbackRequest{Code: tk.Code, ConversationID: c.ID, Seq: t.Seq, Channel: c.Channel, Lang: lang, Contact: c.Contact}
	code := FormatCode(tk.Code)
	var text string
	number, attempt := FindPhone(t.Text)
	switch {
	case number != "":
		req.Number = number
		text = s.Engine.msg(lang, "CallbackTaken", map[string]any{"Number": number, "Code": code})
	case attempt:
		return &Turn{Role: RoleSystem, Lang: lang, Text: s.Engine.msg(lang, "CallbackBadNumber", nil)}, nil
	case c.Channel == ChannelSMS && c.Contact != "" && affirmative(t.Text):
		text = s.Engine.msg(lang, "CallbackTakenSMS", map[string]any{"Code": code})
	default:
		return nil, nil
	}
	if err := s.Callbacks.Queue.RequestCallback(ctx, req); err != nil {
		return nil, fmt.Errorf("chat: callback request: %w", err)
	}
	return &Turn{Role: RoleSystem, Lang: lang, Text: text}, nil
}

// ErrBadPhone means a text is not a phone number Sportello can call.
var ErrBadPhone = errors.New("chat: not a phone number that can be called")

// ParsePhone reads a phone number as citizens write it ("333 123 4567",
// "+39 06 1234 5678", "0039-333-1234567", "(+44) 20 7946 0958") and
// returns it in E.164 form. A number without an international prefix is
// Italian: a mobile (3…, 9 or 10 digits) or a landline (0…, 6 to 11
// digits); toll-free, premium and short service numbers are refused, as
// nobody can be called back on them. Other countries' numbers need their
// prefix and have 8 to 15 digits.
func ParsePhone(s string) (string, error) {
	var b strings.Builder
	plus := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && b.Len() == 0 && !plus:
			plus = true
		case strings.ContainsRune(" -./()", r):
		default:
			return "", ErrBadPhone
		}
	}
	d := b.String()
	if !plus {
		var ok bool
		if d, ok = strings.CutPrefix(d, "00"); !ok {
			return italianNumber(d)
		}
	}
	if national, ok := strings.CutPrefix(d, "39"); ok {
		return italianNumber(national)
	}
	if len(d) < 8 || len(d) > 15 || d[0] == '0' {
		return "", ErrBadPhone
	}
	return "+" + d, nil
}

func italianNumber(n string) (string, error) {
	switch {
	case strings.HasPrefix(n, "3") && (len(n) == 9 || len(n) == 10):
	case strings.HasPrefix(n, "0") && len(n) >= 6 && len(n) <= 11:
	default:
		return "", ErrBadPhone
	}
	return "+39" + n, nil
}

var phoneRE = regexp.MustCompile(`\+?\d[\d \-./()]*\d`)

// FindPhone finds a phone number in a message such as "il mio numero è
// 333 1234567". It returns the number in E.164 form, or "" with attempt
// true when the message is little else than something meant as a number
// that is not a valid one (too short, a service number).
func FindPhone(text string) (number string, attempt bool) {
	best, digits := "", 0
	for _, m := range phoneRE.FindAllString(text, -1) {
		n := 0
		for _, r := range m {
			if r >= '0' && r <= '9' {
				n++
			}
		}
		if n > digits {
			best, digits = m, n
		}
	}
	if digits < 6 {
		return "", false
	}
	rest := len(strings.Fields(strings.Replace(text, best, " ", 1)))
	if number, err := ParsePhone(best); err == nil && rest <= 12 {
		return number, false
	}
	return "", rest <= 3
}

// yesWords say yes in the nine languages, as a citizen answers "shall we
// call you back on this number?".
var yesWords = map[string]bool{
	"si": true, "sì": true, "certo": true, "ok": true, "okay": true, "yes": true, "y": true, "yeah": true, "sure": true,
	"oui": true, "sí": true, "ja": true, "jawohl": true, "نعم": true, "اي": true, "أجل": true, "da": true, "po": true,
	"是": true, "是的": true, "好": true, "好的": true, "可以": true,
}

// affirmative reports whether a short message says yes ("Sì", "yes
// please", "oui merci").
func affirmative(text string) bool {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	return len(words) > 0 && len(words) <= 4 && yesWords[words[0]]
}

// Announce tells the citizen of conversation id, in their language, what
// happened to their case (message msgID of the citizens' catalog): a
// system turn, shown live and pushed to channels that need it.
func (s *Service) Announce(ctx context.Context, id, msgID string, data map[string]any) (*Turn, error) {
	c, err := s.Store.Conversation(ctx, id)
	if err != nil {
		return nil, err
	}
	t := &Turn{ConversationID: id, Role: RoleSystem, Lang: c.Lang, Text: s.Engine.msg(c.Lang, msgID, data)}
	if _, err := s.Store.AppendTurn(ctx, t); err != nil {
		return nil, err
	}
	s.notify(id)
	return t, s.deliver(ctx, c, t)
}
