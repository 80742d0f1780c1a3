package cti

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sportello/sportello/chat"
)

// CallbackState is where a callback request stands in the operators'
// callback queue.
type CallbackState string

// Callback states: waiting for an operator, being called by one, closed
// with an outcome.
const (
	CallbackWaiting CallbackState = "waiting"
	CallbackClaimed CallbackState = "claimed"
	CallbackClosed  CallbackState = "closed"
)

// Outcomes of a callback attempt.
const (
	// OutcomeDone: the citizen was reached.
	OutcomeDone = "done"
	// OutcomeNoAnswer: nobody answered; the request goes back to the
	// queue until MaxAttempts attempts have failed.
	OutcomeNoAnswer = "no_answer"
	// OutcomeWrongNumber: the number is not the citizen's.
	OutcomeWrongNumber = "wrong_number"
)

// CallbackOutcomes lists the valid outcomes of an attempt.
var CallbackOutcomes = []string{OutcomeDone, OutcomeNoAnswer, OutcomeWrongNumber}

// MaxAttempts is how many unanswered calls close a callback request.
const MaxAttempts = 3

// Callback is a citizen's request to be phoned back, made when their
// handoff found the office closed.
type Callback struct {
	ID int64
	// Code is the handoff the request belongs to.
	Code           string
	ConversationID string
	// Seq is the citizen's turn that made the request.
	Seq     int64
	Channel string
	Lang    string
	// Contact is the pseudonym of the SMS number the citizen wrote from,
	// when that is the number to call.
	Contact string
	// Sealed is the number to call, encrypted (Sealer); nil once the
	// request is closed, since nobody needs it any more.
	Sealed []byte
	// Pseudonym is the keyed pseudonym of the number, which finds the
	// request when the citizen phones in from it (ANI).
	Pseudonym string
	State     CallbackState
	ClaimedBy string
	Attempts  int
	Outcome   string
	CreatedAt time.Time
	ClaimedAt time.Time
	ClosedAt  time.Time
}

// Attempt is one call an operator made for a callback request.
type Attempt struct {
	CallbackID int64
	Operator   string
	Outcome    string
	At         time.Time
}

// Errors of the callback queue.
var (
	ErrNotFound   = errors.New("cti: no such callback request")
	ErrStale      = errors.New("cti: the callback request changed meanwhile")
	ErrBadOutcome = errors.New("cti: unknown callback outcome")
	ErrNoNumber   = errors.New("cti: the number to call is not available")
)

// CallbackStore keeps callback requests and their attempts. cti/sqlite
// and cti/postgres implement it; cti/ctitest holds their contract.
type CallbackStore interface {
	// CreateCallback stores cb as waiting and fills ID and CreatedAt.
	// When a request for the same conversation and turn exists it stores
	// nothing, fills cb from the stored one and reports duplicate.
	CreateCallback(ctx context.Context, cb *Callback) (duplicate bool, err error)
	// Callback returns one request, or ErrNotFound.
	Callback(ctx context.Context, id int64) (*Callback, error)
	// Callbacks lists the requests in the given states, oldest first, at
	// most limit (all when limit is 0).
	Callbacks(ctx context.Context, limit int, states ...CallbackState) ([]Callback, error)
	// CallbacksFor lists the requests of a handoff, oldest first.
	CallbacksFor(ctx context.Context, code string) ([]Callback, error)
	// OpenCallbacksFrom lists the requests not closed whose number has
	// the pseudonym, newest first.
	OpenCallbacksFrom(ctx context.Context, pseudonym string) ([]Callback, error)
	// ClaimCallback gives a waiting request to operator; a request that
	// is not waiting gives ErrStale.
	ClaimCallback(ctx context.Context, id int64, operator string) error
	// RecordAttempt records a call by operator, who must hold the
	// request (ErrStale otherwise). With closed the request closes with
	// the outcome and its sealed number is erased; otherwise it goes
	// back to waiting. Attempts counts the calls either way.
	RecordAttempt(ctx context.Context, id int64, operator, outcome string, closed bool) error
	// Attempts lists a request's calls, oldest first.
	Attempts(ctx context.Context, id int64) ([]Attempt, error)
	// PurgeCallbacks deletes closed requests closed before t, with their
	// attempts, and reports how many went. Open requests are never
	// purged: nobody has called them yet.
	PurgeCallbacks(ctx context.Context, before time.Time) (int, error)
}

// Sealer encrypts phone numbers; *sms.Vault implements it.
type Sealer interface {
	Seal(number string) ([]byte, error)
	Open(sealed []byte) (string, error)
}

// Pseudonymizer turns a phone number into the keyed pseudonym that
// conversations and logs carry instead of it; *sms.Vault implements it.
type Pseudonymizer interface {
	Pseudonym(number string) string
}

// Desk is the callback queue as channels and operators use it: it
// implements chat.CallbackQueue, keeps every number sealed, and opens it
// only for the operator who calls.
type Desk struct {
	Store  CallbackStore
	Sealer Sealer
	// Pseudonyms gives each number the pseudonym the SMS channel gives
	// it, so a citizen found by ANI is found whichever way they wrote.
	Pseudonyms Pseudonymizer
	// SenderNumber returns the sealed number of an SMS contact (the SMS
	// channel's store keeps it), for requests to call back the number
	// the citizen texted from. The number is copied into the request, so
	// the SMS channel's retention does not lose it.
	SenderNumber func(ctx context.Context, contact string) ([]byte, error)
}

var _ chat.CallbackQueue = (*Desk)(nil)

// RequestCallback implements chat.CallbackQueue.
func (d *Desk) RequestCallback(ctx context.Context, r *chat.CallbackRequest) error {
	cb := &Callback{Code: r.Code, ConversationID: r.ConversationID, Seq: r.Seq, Channel: r.Channel, Lang: r.Lang}
	switch {
	case r.Number != "":
		sealed, err := d.Sealer.Seal(r.Number)
		if err != nil {
			return fmt.Errorf("cti: callback request: %w", err)
		}
		cb.Sealed = sealed
		if d.Pseudonyms != nil {
			cb.Pseudonym = d.Pseudonyms.Pseudonym(r.Number)
		}
	case r.Contact != "":
		cb.Contact, cb.Pseudonym = r.Contact, r.Contact
		if d.SenderNumber != nil {
			sealed, err := d.SenderNumber(ctx, r.Contact)
			if err != nil {
				return fmt.Errorf("cti: callback request: the number of the SMS sender: %w", err)
			}
			cb.Sealed = sealed
		}
	default:
		return fmt.Errorf("cti: callback request without a number or a contact: %w", ErrNoNumber)
	}
	if _, err := d.Store.CreateCallback(ctx, cb); err != nil {
		return fmt.Errorf("cti: callback request: %w", err)
	}
	return nil
}

// Number opens the number to call for cb.
func (d *Desk) Number(cb *Callback) (string, error) {
	if len(cb.Sealed) == 0 {
		return "", ErrNoNumber
	}
	n, err := d.Sealer.Open(cb.Sealed)
	if err != nil {
		return "", fmt.Errorf("cti: callback %d: %w", cb.ID, err)
	}
	return n, nil
}

// Record records an operator's call with its outcome: done and wrong
// number close the request, and so does the last unanswered call of
// MaxAttempts; an earlier unanswered call puts it back in the queue. It
// reports whether the request closed.
func (d *Desk) Record(ctx context.Context, id int64, operator, outcome string) (closed bool, err error) {
	if !slices.Contains(CallbackOutcomes, outcome) {
		return false, fmt.Errorf("%w %q: use one of %s", ErrBadOutcome, outcome, strings.Join(CallbackOutcomes, ", "))
	}
	cb, err := d.Store.Callback(ctx, id)
	if err != nil {
		return false, err
	}
	if cb.State != CallbackClaimed || cb.ClaimedBy != operator {
		return false, ErrStale
	}
	closed = outcome != OutcomeNoAnswer || cb.Attempts+1 >= MaxAttempts
	if err := d.Store.RecordAttempt(ctx, id, operator, outcome, closed); err != nil {
		return false, err
	}
	return closed, nil
}
