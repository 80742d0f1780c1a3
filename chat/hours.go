package chat

import (
	"context"
	"time"
)

// Hours tells whether people are there to take a handoff.
//
// Sportello knows the teams' opening hours, not whether an operator is at
// the desk: there is no presence to read, so "nobody is available" means
// "outside the opening hours" and nothing more. A handoff made within the
// hours waits in the queue as usual; one made outside them also offers the
// citizen a callback (see Callbacks).
type Hours interface {
	// Opening reports whether the office that takes tk is open at t and,
	// when it is not, when it opens again.
	Opening(ctx context.Context, tk *Ticket, t time.Time) (Opening, error)
}

// Opening is whether an office is open, and if not, when it opens.
type Opening struct {
	Open bool
	// Next is when the office opens again, in the office's time zone;
	// zero when it is open or its hours never open.
	Next time.Time
}
