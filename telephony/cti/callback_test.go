package cti_test

import (
	"context"
	"errors"
	"testing"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/telephony/cti"
)

func TestDeskWorksACallback(t *testing.T) {
	r := newRig(t, closed{})
	ctx := context.Background()
	conv, tk := r.handoff(t, chat.Conversation{Lang: "it", LangChosen: true}, "voglio parlare con un operatore")
	if _, err := r.svc.Post(ctx, conv.ID, chat.Message{Text: "+39 333 765 4321"}); err != nil {
		t.Fatal(err)
	}
	cbs, err := r.store.Callbacks(ctx, 0, cti.CallbackWaiting)
	if err != nil || len(cbs) != 1 || cbs[0].Code != tk.Code {
		t.Fatalf("queue: %+v, %v", cbs, err)
	}
	id := cbs[0].ID
	if n, err := r.desk.Number(&cbs[0]); err != nil || n != "+393337654321" {
		t.Errorf("number %q, %v", n, err)
	}
	if _, err := r.desk.Record(ctx, id, "anna", cti.OutcomeNoAnswer); !errors.Is(err, cti.ErrStale) {
		t.Errorf("record before the claim: %v", err)
	}
	if _, err := r.desk.Record(ctx, id, "anna", "maybe"); !errors.Is(err, cti.ErrBadOutcome) {
		t.Errorf("bad outcome: %v", err)
	}
	// Unanswered calls put it back in the queue, until the last one.
	for i := 1; i <= cti.MaxAttempts; i++ {
		if err := r.store.ClaimCallback(ctx, id, "anna"); err != nil {
			t.Fatal(err)
		}
		closed, err := r.desk.Record(ctx, id, "anna", cti.OutcomeNoAnswer)
		if err != nil || closed != (i == cti.MaxAttempts) {
			t.Errorf("attempt %d: closed %v, %v", i, closed, err)
		}
	}
	cb, _ := r.store.Callback(ctx, id)
	if cb.State != cti.CallbackClosed || cb.Outcome != cti.OutcomeNoAnswer || cb.Attempts != cti.MaxAttempts || cb.Sealed != nil {
		t.Errorf("after %d unanswered calls: %+v", cti.MaxAttempts, cb)
	}
	if _, err := r.desk.Number(cb); !errors.Is(err, cti.ErrNoNumber) {
		t.Errorf("number of a closed request: %v", err)
	}
}

// A citizen who says yes on SMS is called on the number they texted
// from: the request takes a copy of its sealed number, which the SMS
// channel's retention cannot then take away.
func TestDeskCallsTheSMSSender(t *testing.T) {
	r := newRig(t, closed{})
	ctx := context.Background()
	pseudo := r.vault.Pseudonym("+393471112233")
	sealed, err := r.vault.Seal("+393471112233")
	if err != nil {
		t.Fatal(err)
	}
	asked := ""
	r.desk.SenderNumber = func(_ context.Context, contact string) ([]byte, error) {
		asked = contact
		return sealed, nil
	}
	conv, _ := r.handoff(t, chat.Conversation{Channel: chat.ChannelSMS, Contact: pseudo, Lang: "it", LangChosen: true}, "voglio parlare con un operatore")
	if out, err := r.svc.Post(ctx, conv.ID, chat.Message{Text: "Sì"}); err != nil || out.Reply == nil {
		t.Fatalf("yes: %+v, %v", out, err)
	}
	cbs, _ := r.store.Callbacks(ctx, 0, cti.CallbackWaiting)
	if len(cbs) != 1 || asked != pseudo || cbs[0].Contact != pseudo || cbs[0].Pseudonym != pseudo {
		t.Fatalf("queue %+v, asked %q", cbs, asked)
	}
	if n, err := r.desk.Number(&cbs[0]); err != nil || n != "+393471112233" {
		t.Errorf("number %q, %v", n, err)
	}

	// Without the SMS channel's numbers the request is refused, not
	// stored without a number: the citizen's message stays to be retried.
	r.desk.SenderNumber = func(context.Context, string) ([]byte, error) { return nil, errors.New("sms: not found") }
	conv2, _ := r.handoff(t, chat.Conversation{Channel: chat.ChannelSMS, Contact: r.vault.Pseudonym("+393470000000"), Lang: "it", LangChosen: true}, "voglio parlare con un operatore")
	if _, err := r.svc.Post(ctx, conv2.ID, chat.Message{Text: "sì"}); err == nil {
		t.Error("a request without a number was accepted")
	}
}
