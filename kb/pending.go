package kb

import (
	"fmt"
	"time"
)

// PendingChange is an edit of a published entry that waits for a
// reviewer: citizens keep getting the live revision until someone other
// than its author publishes it. An entry has at most one.
type PendingChange struct {
	// Entry is the whole proposed entry.
	Entry *Entry
	// Base is the live revision the edit was made from; publishing it
	// after the live entry moved on is a conflict.
	Base    int
	SavedBy string
	SavedAt time.Time
}

// CheckPending validates a pending change before a store saves it.
func CheckPending(p *PendingChange, languages []string) error {
	if p == nil || p.Entry == nil {
		return fmt.Errorf("%w: the pending change is empty", ErrInvalid)
	}
	if p.Base < 1 {
		return fmt.Errorf("%w: the pending change of %q names no base revision", ErrInvalid, p.Entry.ID)
	}
	p.Entry.Normalize()
	return p.Entry.Validate(languages)
}

// PendingMoved is the conflict of a base revision that is no longer the
// live one.
func PendingMoved(id string, live, base int) error {
	return fmt.Errorf("%w: entry %q is at revision %d, the pending change was made from %d", ErrConflict, id, live, base)
}
