package chat_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/chat/chattest"
)

func TestOperatorTakesOver(t *testing.T) {
	s := chattest.MustDemoService(t)
	ctx := context.Background()
	var pushed []chat.Turn
	s.Deliver = map[string]chat.Deliverer{chat.ChannelSMS: func(_ context.Context, c *chat.Conversation, t *chat.Turn) error {
		pushed = append(pushed, *t)
		return nil
	}}
	c := startConv(t, s, chat.Conversation{Channel: chat.ChannelSMS, Contact: "p:test"})
	out := post(t, s, c.ID, chat.Message{Text: "Vreau să vorbesc cu un operator"})
	code := out.Ticket.Code

	if _, err := s.Reply(ctx, code, "anna", "Bună ziua"); !errors.Is(err, chat.ErrNotYours) {
		t.Errorf("reply before claiming: %v", err)
	}
	if _, err := s.Claim(ctx, code, "anna"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Claim(ctx, code, "bruno"); !errors.Is(err, chat.ErrStale) {
		t.Errorf("second claim: %v", err)
	}
	if _, err := s.Reply(ctx, code, "bruno", "Bună ziua"); !errors.Is(err, chat.ErrNotYours) {
		t.Errorf("reply by another operator: %v", err)
	}
	for _, bad := range []string{"", "  ", strings.Repeat("x", chat.MaxReplyLen+1), "\xff"} {
		if _, err := s.Reply(ctx, code, "anna", bad); !errors.Is(err, chat.ErrBadReply) {
			t.Errorf("reply %q: %v", bad[:min(len(bad), 10)], err)
		}
	}
	reply, err := s.Reply(ctx, code, "anna", "Bună ziua, cu ce vă pot ajuta?")
	if err != nil {
		t.Fatal(err)
	}
	if reply.Role != chat.RoleOperator || reply.Author != "anna" || reply.Lang != "ro" {
		t.Errorf("operator turn %+v", reply)
	}
	// The citizen writes again: stored, not answered by the bot.
	if out := post(t, s, c.ID, chat.Message{Text: "Cum plătesc TARI?"}); out.Reply != nil {
		t.Errorf("the bot answered while an operator has the conversation")
	}
	if err := s.Resolve(ctx, code, "anna", "solved?"); !errors.Is(err, chat.ErrBadOutcome) {
		t.Errorf("bad outcome: %v", err)
	}
	if err := s.Resolve(ctx, code, "anna", chat.OutcomeAnswered); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Reply(ctx, code, "anna", "ancora"); !errors.Is(err, chat.ErrClosed) {
		t.Errorf("reply to a closed conversation: %v", err)
	}
	if _, err := s.Post(ctx, c.ID, chat.Message{Text: "grazie"}); !errors.Is(err, chat.ErrClosed) {
		t.Errorf("citizen message to a closed conversation: %v", err)
	}
	// Everything people wrote reached the SMS channel, in order, in Romanian.
	var roles []chat.Role
	for _, p := range pushed {
		roles = append(roles, p.Role)
	}
	if len(pushed) != 3 || pushed[0].Role != chat.RoleSystem || pushed[1].Role != chat.RoleOperator || pushed[2].Role != chat.RoleSystem {
		t.Fatalf("pushed %v", roles)
	}
	if !strings.Contains(pushed[0].Text, "operator") {
		t.Errorf("joined message not in Romanian: %q", pushed[0].Text)
	}
	turns, _ := s.Store.Turns(ctx, c.ID, 0)
	var seq []string
	for _, t := range turns {
		seq = append(seq, string(t.Role))
	}
	if got := strings.Join(seq, ","); got != "citizen,bot,system,operator,citizen,system" {
		t.Errorf("transcript %s", got)
	}
}

func TestTransferReturnsToTheQueue(t *testing.T) {
	s := chattest.MustDemoService(t)
	ctx := context.Background()
	c := startConv(t, s, chat.Conversation{})
	code := post(t, s, c.ID, chat.Message{Text: "voglio parlare con un operatore"}).Ticket.Code
	if _, err := s.Claim(ctx, code, "anna"); err != nil {
		t.Fatal(err)
	}
	if err := s.Transfer(ctx, code, "tributi"); err != nil {
		t.Fatal(err)
	}
	ws, _ := s.Store.Tickets(ctx, chat.TicketWaiting)
	if len(ws) != 1 || ws[0].Team != "tributi" {
		t.Fatalf("waiting after transfer: %+v", ws)
	}
	if _, err := s.Reply(ctx, code, "anna", "ciao"); !errors.Is(err, chat.ErrNotYours) {
		t.Errorf("reply after transferring away: %v", err)
	}
}
