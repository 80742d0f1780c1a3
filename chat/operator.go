package chat

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// MaxReplyLen bounds an operator's reply, in characters.
const MaxReplyLen = 4000

// Errors of the operators' actions.
var (
	ErrNotYours   = errors.New("chat: another operator has this handoff")
	ErrBadReply   = errors.New("chat: the reply is empty, too long or not text")
	ErrBadOutcome = errors.New("chat: unknown outcome")
)

// Deliverer sends a turn written by people (an operator's reply) to a
// channel that the citizen does not poll, such as SMS.
type Deliverer func(ctx context.Context, c *Conversation, t *Turn) error

// Claim gives the waiting handoff code to operator, and tells the citizen,
// in their language, that a person has joined.
func (s *Service) Claim(ctx context.Context, code, operator string) (*Ticket, error) {
	if err := s.Store.ClaimTicket(ctx, code, operator); err != nil {
		return nil, err
	}
	tk, err := s.Store.Ticket(ctx, code)
	if err != nil {
		return nil, err
	}
	c, err := s.Store.Conversation(ctx, tk.ConversationID)
	if err != nil {
		return nil, err
	}
	t := &Turn{ConversationID: c.ID, Role: RoleSystem, Lang: c.Lang, Text: s.Engine.msg(c.Lang, "OperatorJoined", nil)}
	if _, err := s.Store.AppendTurn(ctx, t); err != nil {
		return nil, err
	}
	s.notify(c.ID)
	return tk, s.deliver(ctx, c, t)
}

// Reply stores an operator's reply in the conversation of handoff code,
// which operator must hold, and delivers it on the citizen's channel.
func (s *Service) Reply(ctx context.Context, code, operator, text string) (*Turn, error) {
	return s.reply(ctx, code, operator, text, nil)
}

// ReplyTranslated is Reply for a reply the operator wrote in their own
// language and sends translated: text is the translation as the operator
// approved it (perhaps edited), in the citizen's language, and is what
// the citizen gets; original is what the operator wrote, kept with the
// turn (Original set) for the record.
func (s *Service) ReplyTranslated(ctx context.Context, code, operator, text string, original TurnTranslation) (*Turn, error) {
	original.Text = strings.TrimSpace(original.Text)
	if err := checkReply(original.Text); err != nil || original.Lang == "" {
		return nil, fmt.Errorf("%w: the original of a translated reply", ErrBadReply)
	}
	original.Original = true
	return s.reply(ctx, code, operator, text, []TurnTranslation{original})
}

func checkReply(text string) error {
	if text == "" || !utf8.ValidString(text) || utf8.RuneCountInString(text) > MaxReplyLen || strings.ContainsRune(text, 0) {
		return fmt.Errorf("%w (at most %d characters)", ErrBadReply, MaxReplyLen)
	}
	return nil
}

func (s *Service) reply(ctx context.Context, code, operator, text string, translations []TurnTranslation) (*Turn, error) {
	text = strings.TrimSpace(text)
	if err := checkReply(text); err != nil {
		return nil, err
	}
	tk, c, err := s.held(ctx, code, operator)
	if err != nil {
		return nil, err
	}
	t := &Turn{ConversationID: tk.ConversationID, Role: RoleOperator, Author: operator, Lang: c.Lang, Text: text, Translations: translations}
	if _, err := s.Store.AppendTurn(ctx, t); err != nil {
		return nil, err
	}
	s.notify(c.ID)
	return t, s.deliver(ctx, c, t)
}

// Transfer puts handoff code back in the queue for another team.
func (s *Service) Transfer(ctx context.Context, code, team string) error {
	tk, err := s.Store.Ticket(ctx, code)
	if err != nil {
		return err
	}
	if err := s.Store.TransferTicket(ctx, code, team); err != nil {
		return err
	}
	s.notify(tk.ConversationID)
	return nil
}

// Resolve closes handoff code, held by operator, with an outcome; the
// conversation closes with it and the citizen is told.
func (s *Service) Resolve(ctx context.Context, code, operator, outcome string) error {
	if !slices.Contains(Outcomes, outcome) {
		return fmt.Errorf("%w %q: use one of %s", ErrBadOutcome, outcome, strings.Join(Outcomes, ", "))
	}
	_, c, err := s.held(ctx, code, operator)
	if err != nil {
		return err
	}
	t := &Turn{ConversationID: c.ID, Role: RoleSystem, Lang: c.Lang, Text: s.Engine.msg(c.Lang, "ConversationClosed", nil)}
	if _, err := s.Store.AppendTurn(ctx, t); err != nil {
		return err
	}
	if err := s.Store.ResolveTicket(ctx, code, operator, outcome); err != nil {
		return err
	}
	s.notify(c.ID)
	return s.deliver(ctx, c, t)
}

// held returns handoff code and its conversation if operator holds it.
func (s *Service) held(ctx context.Context, code, operator string) (*Ticket, *Conversation, error) {
	tk, err := s.Store.Ticket(ctx, code)
	if err != nil {
		return nil, nil, err
	}
	switch {
	case tk.State == TicketResolved:
		return nil, nil, ErrClosed
	case tk.State != TicketClaimed || tk.ClaimedBy != operator:
		return nil, nil, ErrNotYours
	}
	c, err := s.Store.Conversation(ctx, tk.ConversationID)
	if err != nil {
		return nil, nil, err
	}
	if c.State == StateClosed {
		return nil, nil, ErrClosed
	}
	return tk, c, nil
}

func (s *Service) deliver(ctx context.Context, c *Conversation, t *Turn) error {
	if d := s.Deliver[c.Channel]; d != nil {
		if err := d(ctx, c, t); err != nil {
			return fmt.Errorf("chat: delivering on %s: %w", c.Channel, err)
		}
	}
	return nil
}
