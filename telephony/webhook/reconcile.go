package webhook

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/telephony/cti"
)

// TicketReader reads handoffs; chat.Store implements it.
type TicketReader interface {
	Ticket(ctx context.Context, code string) (*chat.Ticket, error)
	TicketFor(ctx context.Context, conversationID string) (*chat.Ticket, error)
	Tickets(ctx context.Context, states ...chat.TicketState) ([]chat.Ticket, error)
}

// CallbackLister lists a handoff's callback requests, oldest first;
// cti.CallbackStore implements it.
type CallbackLister interface {
	CallbacksFor(ctx context.Context, code string) ([]cti.Callback, error)
}

// Reconciler turns changes to handoffs into queued deliveries.
type Reconciler struct {
	Tickets TicketReader
	// Callbacks, when set, adds callback.requested events.
	Callbacks CallbackLister
	Store     Store
	// BaseURL is Sportello's public address, for the links in events.
	BaseURL string
	Now     func() time.Time
	// Queued, when set, is called after deliveries were queued, to wake
	// the sender.
	Queued func()

	mu       sync.Mutex
	baseline time.Time
}

// Payload is the JSON body of every event.
type Payload struct {
	// ID is unique per event and the same on every retry: receivers
	// deduplicate by it.
	ID   string `json:"id"`
	Type string `json:"type"`
	// At is when the change happened, as far as Sportello knows: the
	// handoff's own time for creation, claim and resolution, the time
	// the change was seen for the others.
	At time.Time `json:"at"`
	// Handoff is the handoff as it stood when the event was queued. It
	// carries no transcript and no contact: the receiver fetches the
	// context from the CTI look-up (links.cti) with its API key.
	Handoff  cti.Handoff   `json:"handoff"`
	Callback *CallbackInfo `json:"callback,omitempty"`
	Links    Links         `json:"links"`
}

// CallbackInfo is the callback request of a callback.requested event;
// the number to call is in the CTI look-up, not here.
type CallbackInfo struct {
	ID          int64     `json:"id"`
	Channel     string    `json:"channel"`
	SMSSender   bool      `json:"sms_sender,omitempty"`
	RequestedAt time.Time `json:"requested_at"`
}

// Links point at the handoff in the operator console and in the CTI
// look-up.
type Links struct {
	Console string `json:"console"`
	CTI     string `json:"cti"`
}

// Conversation reconciles the handoff of a changed conversation; "" (a
// listener that may have missed changes) reconciles every handoff.
func (r *Reconciler) Conversation(ctx context.Context, id string) error {
	if id == "" {
		return r.All(ctx)
	}
	tk, err := r.Tickets.TicketFor(ctx, id)
	if errors.Is(err, chat.ErrNoTicket) || errors.Is(err, chat.ErrNoConversation) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("webhook: reconcile: %w", err)
	}
	return r.Ticket(ctx, tk)
}

// All reconciles every handoff the conversation store holds.
func (r *Reconciler) All(ctx context.Context) error {
	tks, err := r.Tickets.Tickets(ctx, chat.TicketWaiting, chat.TicketClaimed, chat.TicketResolved)
	if err != nil {
		return fmt.Errorf("webhook: reconcile: %w", err)
	}
	var errs []error
	for i := range tks {
		if err := r.Ticket(ctx, &tks[i]); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (r *Reconciler) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

func (r *Reconciler) base(ctx context.Context) (time.Time, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.baseline.IsZero() {
		b, err := r.Store.Baseline(ctx, r.now())
		if err != nil {
			return time.Time{}, err
		}
		r.baseline = b
	}
	return r.baseline, nil
}

// Ticket reconciles one handoff: it queues the events between its last
// snapshot and its state now.
func (r *Reconciler) Ticket(ctx context.Context, tk *chat.Ticket) error {
	baseline, err := r.base(ctx)
	if err != nil {
		return fmt.Errorf("webhook: reconcile %s: %w", tk.Code, err)
	}
	var cbs []cti.Callback
	if r.Callbacks != nil {
		if cbs, err = r.Callbacks.CallbacksFor(ctx, tk.Code); err != nil {
			return fmt.Errorf("webhook: reconcile %s: %w", tk.Code, err)
		}
	}
	next := &Snapshot{Code: tk.Code, State: tk.State, Team: tk.Team, ClaimedBy: tk.ClaimedBy, Callbacks: len(cbs)}
	// Another process may record the same change at the same moment:
	// read again and see what is left to do.
	for range 5 {
		old, err := r.Store.Snapshot(ctx, tk.Code)
		switch {
		case errors.Is(err, ErrNotFound):
			old = nil
		case err != nil:
			return fmt.Errorf("webhook: reconcile %s: %w", tk.Code, err)
		case old.same(next):
			return nil
		}
		ds, err := r.events(tk, old, next, cbs, baseline)
		if err != nil {
			return err
		}
		err = r.Store.Record(ctx, old, next, ds)
		if errors.Is(err, ErrConflict) {
			continue
		}
		if err != nil {
			return fmt.Errorf("webhook: reconcile %s: %w", tk.Code, err)
		}
		if len(ds) > 0 && r.Queued != nil {
			r.Queued()
		}
		return nil
	}
	return fmt.Errorf("webhook: reconcile %s: %w", tk.Code, ErrConflict)
}

// events lists the deliveries from old to next, numbering them after
// old's and setting next.Seq.
func (r *Reconciler) events(tk *chat.Ticket, old, next *Snapshot, cbs []cti.Callback, baseline time.Time) ([]Delivery, error) {
	type event struct {
		typ string
		at  time.Time
		cb  *cti.Callback
	}
	var evs []event
	seen := 0
	now := r.now()
	switch {
	case old == nil && tk.State == chat.TicketResolved && tk.ResolvedAt.Before(baseline):
		// History from before the webhook was on: recorded, not replayed.
		seen = len(cbs)
	case old == nil:
		evs = append(evs, event{typ: EventCreated, at: tk.CreatedAt})
		if tk.ClaimedBy != "" {
			evs = append(evs, event{typ: EventClaimed, at: tk.ClaimedAt})
		}
		if tk.State == chat.TicketResolved {
			evs = append(evs, event{typ: EventResolved, at: tk.ResolvedAt})
		}
	default:
		seen = old.Callbacks
		if next.Team != old.Team || (old.State == chat.TicketClaimed && next.State == chat.TicketWaiting) {
			evs = append(evs, event{typ: EventTransferred, at: now})
		}
		claimedNow := next.ClaimedBy != "" && (old.ClaimedBy != next.ClaimedBy || old.State == chat.TicketWaiting)
		if claimedNow && next.State != chat.TicketWaiting {
			evs = append(evs, event{typ: EventClaimed, at: tk.ClaimedAt})
		}
		if next.State == chat.TicketResolved && old.State != chat.TicketResolved {
			evs = append(evs, event{typ: EventResolved, at: tk.ResolvedAt})
		}
	}
	for i := seen; i < len(cbs); i++ {
		evs = append(evs, event{typ: EventCallback, at: cbs[i].CreatedAt, cb: &cbs[i]})
	}
	next.Seq = 0
	if old != nil {
		next.Seq = old.Seq
	}
	base := strings.TrimSuffix(r.BaseURL, "/")
	info := cti.HandoffOf(tk)
	var ds []Delivery
	for _, ev := range evs {
		next.Seq++
		p := Payload{ID: fmt.Sprintf("%s-%d", tk.Code, next.Seq), Type: ev.typ, At: ev.at.UTC(), Handoff: info,
			Links: Links{Console: base + "/staff/t/" + tk.Code, CTI: base + cti.Prefix + "tickets/" + tk.Code}}
		if p.At.IsZero() {
			p.At = now.UTC()
		}
		if ev.cb != nil {
			p.Callback = &CallbackInfo{ID: ev.cb.ID, Channel: ev.cb.Channel, SMSSender: ev.cb.Contact != "", RequestedAt: ev.cb.CreatedAt.UTC()}
		}
		body, err := json.Marshal(p)
		if err != nil {
			return nil, fmt.Errorf("webhook: event %s: %w", p.ID, err)
		}
		ds = append(ds, Delivery{EventID: p.ID, Type: p.Type, Code: tk.Code, Body: body, NextAt: now})
	}
	return ds, nil
}
