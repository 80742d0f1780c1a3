package sms

import (
	"context"
	"errors"
	"time"
)

// InboundState tracks an inbound message from the moment it is stored.
type InboundState string

// Inbound states. A message still Received after a crash is processed
// again by Resume; processing is idempotent, so it is answered once.
const (
	InboundReceived InboundState = "received"
	InboundDone     InboundState = "done"
)

// Outcome says what the channel did with an inbound message.
type Outcome string

// Outcomes of inbound messages.
const (
	OutcomeReply    Outcome = "reply"    // answered by the engine (answer, menu, handoff, 112)
	OutcomeSilent   Outcome = "silent"   // an operator has the conversation: no bot reply
	OutcomeKeyword  Outcome = "keyword"  // STOP, START, HELP or OPERATOR
	OutcomeRefused  Outcome = "refused"  // the engine could not read it (too long, not text): told why
	OutcomeSuppress Outcome = "suppress" // the number opted out: nothing sent
)

// InboundRecord is an inbound message as the channel stores it. It holds
// the pseudonym of the sender, never the number in clear.
type InboundRecord struct {
	ID        string
	Gateway   string
	CarrierID string
	Contact   string
	// SealedFrom is the sender's number encrypted. The store keeps it
	// with the message until it is Done, and in the contact's row for an
	// operator's reply or callback.
	SealedFrom []byte
	To         string
	Text       string
	ReceivedAt time.Time
	State      InboundState
	Outcome    Outcome
	// ConversationID is the conversation the message went to, if any.
	ConversationID string
}

// ContactRecord is a citizen's number, sealed, with the gateway and short
// code they last wrote through, kept while a reply or a callback may need
// it.
type ContactRecord struct {
	Contact  string
	Sealed   []byte
	Gateway  string
	To       string
	LastSeen time.Time
}

// ErrNotFound is returned for an unknown contact or message.
var ErrNotFound = errors.New("sms: not found")

// Store keeps the channel's own records: inbound messages (for
// deduplication and crash recovery), the contacts' sealed numbers and the
// suppression list. telephony/sms/sqlite and telephony/sms/postgres
// implement it together with outbox.Store; smstest holds the contract.
type Store interface {
	// SaveInbound stores m as Received, fills ID, and stores its sealed
	// number (when it has one) as the contact's. When (Gateway, CarrierID)
	// was stored at or after since, it stores nothing, fills m from the
	// stored record and reports duplicate. One stored before since is a
	// message of its own that happened to get the same id (gateways that
	// derive ids from the content, as SMPP's do), and does not count.
	SaveInbound(ctx context.Context, m *InboundRecord, since time.Time) (duplicate bool, err error)
	// Inbound returns one inbound message.
	Inbound(ctx context.Context, id string) (*InboundRecord, error)
	// FinishInbound marks an inbound message Done with its outcome.
	FinishInbound(ctx context.Context, id string, outcome Outcome, conversationID string) error
	// PendingInbound lists messages still Received, oldest first.
	PendingInbound(ctx context.Context, limit int) ([]InboundRecord, error)
	// Contact returns what is kept of a contact to write to it again (an
	// operator's reply, a callback), or ErrNotFound once it was purged.
	Contact(ctx context.Context, contact string) (*ContactRecord, error)
	// Suppress puts contact on the suppression list; Unsuppress takes it
	// off. Both are idempotent.
	Suppress(ctx context.Context, contact string) error
	Unsuppress(ctx context.Context, contact string) error
	Suppressed(ctx context.Context, contact string) (bool, error)
	// PurgeInbound deletes inbound messages that are Done and were
	// received before t, and the sealed numbers of contacts not heard
	// from since t, and reports how many of each went. The suppression
	// list is kept: it holds pseudonyms only, and an opt-out must outlive
	// any retention period.
	PurgeInbound(ctx context.Context, before time.Time) (messages, contacts int, err error)
}
