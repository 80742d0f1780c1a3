// Package webhook tells an external contact-center platform about every
// handoff and every change to it (created, claimed, transferred,
// resolved, callback requested), with a signed JSON POST that is retried
// with backoff until it is delivered or visibly fails.
//
// Events are not taken from the code paths that change handoffs: they are
// derived by a Reconciler that compares each handoff with the last
// snapshot it recorded, and records the new snapshot together with the
// deliveries it owes in one transaction. It runs on every change
// notification and over all handoffs at start, so a process that dies
// after a change is committed and before its event is queued loses
// nothing: the next start sees the difference. Several processes sharing
// PostgreSQL may reconcile the same handoff at once; the snapshot is
// replaced only if it is still the one read, so each event is queued
// once.
//
// Deliveries are stored before they are sent, sent in order per handoff,
// and leased while in flight, so a restart resends what was not
// confirmed: delivery is at least once, and receivers deduplicate by the
// event id. See Sign for the signature and docs/telephony-integration.md
// for the receiver's side.
package webhook

import (
	"context"
	"errors"
	"time"

	"github.com/sportello/sportello/chat"
)

// Event types.
const (
	EventCreated     = "handoff.created"
	EventClaimed     = "handoff.claimed"
	EventTransferred = "handoff.transferred"
	EventResolved    = "handoff.resolved"
	EventCallback    = "callback.requested"
)

// Snapshot is what the reconciler last saw of a handoff.
type Snapshot struct {
	Code      string
	State     chat.TicketState
	Team      string
	ClaimedBy string
	// Callbacks counts the handoff's callback requests.
	Callbacks int
	// Seq counts the events queued for the handoff so far; an event's id
	// is the code and its number.
	Seq       int
	UpdatedAt time.Time
}

// same reports whether two snapshots describe the same handoff state.
func (s *Snapshot) same(o *Snapshot) bool {
	return s.State == o.State && s.Team == o.Team && s.ClaimedBy == o.ClaimedBy && s.Callbacks == o.Callbacks
}

// DeliveryState is where a delivery stands.
type DeliveryState string

// Delivery states. A failed delivery used up its attempts; an
// administrator may queue it again.
const (
	Pending   DeliveryState = "pending"
	Delivered DeliveryState = "delivered"
	Failed    DeliveryState = "failed"
)

// Delivery is one event for the receiver, with its body fixed when it was
// queued.
type Delivery struct {
	ID        int64
	EventID   string
	Type      string
	Code      string
	Body      []byte
	State     DeliveryState
	Attempts  int
	NextAt    time.Time
	LastCode  int
	LastError string
	CreatedAt time.Time
	DoneAt    time.Time
}

// Errors of the store.
var (
	ErrNotFound = errors.New("webhook: not found")
	// ErrConflict means another process recorded the handoff meanwhile.
	ErrConflict = errors.New("webhook: the snapshot changed meanwhile")
)

// Store keeps the snapshots and the delivery queue, in the same database
// as the conversations. webhook/sqlite and webhook/postgres implement it;
// webhook/webhooktest holds the contract.
type Store interface {
	// Snapshot returns the last snapshot of a handoff, or ErrNotFound.
	Snapshot(ctx context.Context, code string) (*Snapshot, error)
	// Record stores next as the handoff's snapshot and queues ds as
	// pending, each due at its NextAt (at once when zero), in one
	// transaction, provided the stored snapshot is still old (none when
	// old is nil); otherwise it stores nothing and returns ErrConflict. It
	// fills the deliveries' IDs.
	Record(ctx context.Context, old *Snapshot, next *Snapshot, ds []Delivery) error
	// Baseline returns when the webhook first ran on this database,
	// setting it to now on the first call. Handoffs resolved before it
	// are recorded without events, so turning the webhook on does not
	// replay history.
	Baseline(ctx context.Context, now time.Time) (time.Time, error)
	// Due leases up to n pending deliveries due at now, oldest first,
	// until now+lease, skipping those leased by someone else and those
	// whose handoff has an earlier pending delivery: events of one
	// handoff go out in order.
	Due(ctx context.Context, now time.Time, lease time.Duration, n int) ([]Delivery, error)
	// Done marks a delivery delivered with the receiver's status code.
	Done(ctx context.Context, id int64, status int, at time.Time) error
	// Retry records a failed attempt and makes the delivery due at next.
	Retry(ctx context.Context, id int64, status int, errText string, next time.Time) error
	// Fail records a failed last attempt and marks the delivery failed.
	Fail(ctx context.Context, id int64, status int, errText string, at time.Time) error
	// Requeue makes a failed delivery pending again, due at now, with
	// its attempts counted afresh.
	Requeue(ctx context.Context, id int64, now time.Time) error
	// Counts counts the deliveries in each state.
	Counts(ctx context.Context) (map[DeliveryState]int, error)
	// Deliveries lists deliveries in a state, newest first, at most n.
	Deliveries(ctx context.Context, state DeliveryState, n int) ([]Delivery, error)
	// Purge deletes delivered deliveries done before t, and snapshots of
	// resolved handoffs last changed before t that have nothing pending
	// or failed, and reports how many rows went.
	Purge(ctx context.Context, before time.Time) (int, error)
}
