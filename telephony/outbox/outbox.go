// Package outbox sends SMS replies durably: every message is stored before
// any attempt, claimed by a worker under a lease, submitted to its gateway,
// retried with exponential backoff, and tracked to its delivery receipt or
// to a visible failure.
//
// The guarantees, and their limit:
//
//   - Nothing is lost. A message is a row before anyone tries to send it;
//     a worker that dies holding one leaves it to be claimed again once its
//     lease expires.
//   - Nothing is sent twice when the process dies before the gateway
//     answers, or after the answer is recorded: a submit that succeeded is
//     marked before anything else happens to the message, and only an
//     unanswered or refused submit is retried.
//   - What is left is the gateway's acknowledgement that never reaches
//     our commit: a crash in the instant between the two, or an answer
//     that comes after the submit timeout. Neither can be told from a
//     gateway that did not take the message, so the message is sent
//     again, because an answer sent twice costs a segment and an answer
//     lost costs a citizen. No SMS gateway offers an idempotency key that
//     would close this window.
package outbox

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"strings"
	"time"

	"github.com/sportello/sportello/telephony"
)

// State is where a message stands.
type State string

// Message states. Queued and Sending are pending; the others are final as
// far as sending goes (a Submitted message still waits for its receipt).
const (
	Queued    State = "queued"
	Sending   State = "sending"
	Submitted State = "submitted"
	Delivered State = "delivered"
	// Failed is visible: the submit failed for good, too many attempts
	// were made, or the carrier reported the message undeliverable.
	Failed State = "failed"
	// Cancelled messages were never sent: the citizen texted STOP first.
	Cancelled State = "cancelled"
)

// Pending reports whether the message still has to be sent.
func (s State) Pending() bool { return s == Queued || s == Sending }

// Message is one outbound SMS in the outbox.
type Message struct {
	// ID is ours and travels to the gateway as telephony.Outbound.ID.
	ID string
	// Key makes enqueueing idempotent: the reply to one inbound message
	// has the key of that message, so a replayed inbound is answered once.
	Key     string
	Gateway string
	// Contact is the citizen's pseudonym; rate limits and opt-outs are
	// kept per contact.
	Contact string
	// SealedTo is the recipient's number encrypted (sms.Vault); the store
	// clears it once the message no longer needs sending.
	SealedTo []byte
	From     string
	Text     string
	Encoding telephony.Encoding
	Segments int
	// OptOutNotice marks the confirmation of a STOP, the one message a
	// number that opted out still receives.
	OptOutNotice bool
	// ConversationID ties the message to the conversation it belongs to,
	// for operators who want to see what a conversation cost.
	ConversationID string

	State    State
	Attempts int
	// NextAt is when the message may be claimed next.
	NextAt time.Time
	// LeaseOwner holds the message until LeaseUntil while it is Sending.
	LeaseOwner string
	LeaseUntil time.Time
	LastError  string
	// GatewayIDs are the gateway's ids for the message's parts, which
	// delivery receipts refer to.
	GatewayIDs []string
	// Delivery is the latest delivery status the carrier reported.
	Delivery    telephony.DeliveryStatus
	CreatedAt   time.Time
	UpdatedAt   time.Time
	SubmittedAt time.Time
}

// Errors of the store.
var (
	ErrNotFound = errors.New("outbox: no such message")
	// ErrLeaseLost means the message is no longer this worker's: its
	// lease expired and another worker claimed it, or it was cancelled.
	ErrLeaseLost = errors.New("outbox: the lease on the message was lost")
)

// Store keeps the outbox. telephony/sms/sqlite and telephony/sms/postgres
// implement it; smstest.OutboxContract is the behaviour both pass.
type Store interface {
	// Enqueue stores m as Queued, filling ID, timestamps and NextAt
	// (now, when zero). When a message with the same non-empty Key exists
	// it stores nothing, fills m from the stored one and reports
	// duplicate.
	Enqueue(ctx context.Context, m *Message) (duplicate bool, err error)
	// Claim leases up to limit messages to owner until now+lease: Queued
	// ones due by now, and Sending ones whose lease expired (their worker
	// died). Each claim counts as an attempt. Oldest due first.
	Claim(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]Message, error)
	// MarkSubmitted records that the gateway accepted the message under
	// ids, clears its sealed number, and applies any receipt that arrived
	// before. It succeeds whoever holds the lease, because the message
	// was sent either way; it returns ErrNotFound for an unknown id.
	MarkSubmitted(ctx context.Context, id string, ids []string, at time.Time) error
	// Retry gives a message owner holds back to the queue, due at next.
	// countAttempt false takes back the attempt its claim counted (the
	// message was held back by a rate limit, not tried).
	Retry(ctx context.Context, id, owner string, next time.Time, lastErr string, countAttempt bool) error
	// Fail marks a message owner holds as Failed for good.
	Fail(ctx context.Context, id, owner, lastErr string) error
	// Cancel marks the pending messages of contact that are not opt-out
	// notices as Cancelled and reports how many.
	Cancel(ctx context.Context, contact string) (int, error)
	// Receipt records a delivery receipt and updates the message its
	// gateway id belongs to: Delivered once every part is delivered,
	// Failed as soon as one is undeliverable, expired or rejected. A
	// receipt for an id not (yet) known is kept and applied when
	// MarkSubmitted records the id; found reports whether it applied now.
	Receipt(ctx context.Context, r telephony.Receipt) (found bool, err error)
	// Message returns one message.
	Message(ctx context.Context, id string) (*Message, error)
	// MessageByKey returns the message enqueued under key.
	MessageByKey(ctx context.Context, key string) (*Message, error)
	// Counts returns how many messages are in each state.
	Counts(ctx context.Context) (map[State]int, error)
	// ListFailed returns up to limit Failed messages, the latest first.
	ListFailed(ctx context.Context, limit int) ([]Message, error)
	// PurgeMessages deletes messages in a final state last updated before
	// t, with their receipts, and reports how many went.
	PurgeMessages(ctx context.Context, before time.Time) (int, error)
}

// Sender submits one message to a gateway and returns the gateway's ids
// of its parts (one for gateways that split messages themselves). The
// SMPP connector and the HTTP gateways implement it.
type Sender interface {
	Submit(ctx context.Context, m telephony.Outbound) ([]string, error)
}

// ErrPermanent marks a submit error that retrying cannot fix (an invalid
// number, a refused sender, bad credentials): wrap it and the message
// fails at once instead of using up its attempts.
var ErrPermanent = errors.New("permanent")

// Observer counts what the outbox does, for metrics. Every method may be
// called from several goroutines.
type Observer interface {
	// Sent counts a message the gateway accepted, with its segments.
	Sent(gateway string, segments int)
	// Failed counts a message that failed for good, with a short reason
	// ("permanent", "attempts", "undeliverable"...).
	Failed(gateway, reason string)
	// Delivered counts a message a receipt reported delivered.
	Delivered(gateway string)
}

// Prepare sets what Enqueue fills in a new message, at now: an ID when it
// has none, NextAt when it is zero, the Queued state, no attempt, and the
// timestamps. Store implementations share it so that they agree.
func (m *Message) Prepare(now time.Time) {
	if m.ID == "" {
		b := make([]byte, 16)
		rand.Read(b)
		m.ID = idEncoding.EncodeToString(b)
	}
	if m.NextAt.IsZero() {
		m.NextAt = now
	}
	m.State, m.Attempts, m.CreatedAt, m.UpdatedAt = Queued, 0, now, now
}

var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// Settle is the state and delivery status of a submitted message whose
// parts last reported statuses (an empty status: no receipt yet): Failed
// as soon as one part is undeliverable, expired or rejected, Delivered
// once every part is delivered, Submitted otherwise; and for a failure,
// the error to show, with the carrier's code. Store implementations share
// it so that they agree.
func Settle(statuses []telephony.DeliveryStatus, carrierErr string) (State, telephony.DeliveryStatus, string) {
	state, delivery := settle(statuses)
	if state != Failed {
		return state, delivery, ""
	}
	return state, delivery, strings.TrimSpace("carrier reported " + string(delivery) + " " + carrierErr)
}

func settle(statuses []telephony.DeliveryStatus) (State, telephony.DeliveryStatus) {
	delivered, reported := 0, telephony.DeliveryStatus("")
	for _, s := range statuses {
		switch s {
		case telephony.Undeliverable, telephony.Expired, telephony.Rejected:
			return Failed, s
		case telephony.Delivered:
			delivered++
		case "":
		default:
			reported = s
		}
	}
	switch {
	case len(statuses) > 0 && delivered == len(statuses):
		return Delivered, telephony.Delivered
	case delivered > 0 && reported == "":
		reported = telephony.Accepted // some parts are delivered, not the message
	}
	return Submitted, reported
}
