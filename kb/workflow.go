package kb

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// The editorial workflow. An entry moves draft → review → published →
// archived; it can go back to draft from anywhere, and an archived entry
// can be published again after a review. Publishing needs a reviewer
// other than the entry's last author unless a deployment allows
// self-review. An edit of a published entry does not reach citizens
// directly: it waits as the entry's PendingChange until a reviewer
// publishes it.

var transitions = map[Status][]Status{
	StatusDraft:     {StatusReview, StatusArchived},
	StatusReview:    {StatusDraft, StatusPublished, StatusArchived},
	StatusPublished: {StatusDraft, StatusArchived},
	StatusArchived:  {StatusDraft, StatusReview},
}

// CanMove reports whether the workflow allows from → to.
func CanMove(from, to Status) bool {
	return from == to || slices.Contains(transitions[from], to)
}

// NextStatuses lists where an entry in status s may go.
func NextStatuses(s Status) []Status { return slices.Clone(transitions[s]) }

// Author returns who last changed the entry's content, from its revisions
// (oldest first) and a way to read each: a revision that only changed the
// status is not authorship.
func Author(revs []Revision, get func(rev int) (*Entry, error)) (string, error) {
	var prev *Entry
	author := ""
	for _, r := range revs {
		e, err := get(r.Revision)
		if err != nil {
			return "", err
		}
		c := e.Content()
		c.Status = ""
		if prev == nil || !SameContent(prev, c) {
			author = r.SavedBy
		}
		prev = c
	}
	return author, nil
}

// TextChanged reports whether a variant's citizen-facing text differs:
// question, alternates, answer, SMS answer or links.
func TextChanged(a, b *Variant) bool {
	if a == nil || b == nil {
		return a != b
	}
	return a.Question != b.Question || a.Answer != b.Answer || a.SMS != b.SMS ||
		!slices.Equal(a.Alternates, b.Alternates) || !slices.Equal(a.Links, b.Links)
}

// MarkOutdated compares an edit with the stored entry: when the source
// language's text changed, every other variant whose text this edit did
// not touch is marked outdated until someone reviews it. A variant whose
// text the edit changed is a new translation and is not outdated.
func MarkOutdated(old, edit *Entry, source string) {
	if old == nil || edit.Variants[source] == nil {
		return
	}
	sourceChanged := TextChanged(old.Variants[source], edit.Variants[source])
	for lang, v := range edit.Variants {
		if lang == source {
			continue
		}
		ov := old.Variants[lang]
		switch {
		case ov == nil || TextChanged(ov, v):
			v.Outdated = false
		case sourceChanged:
			v.Outdated = true
		}
	}
}

// Review marks the variant in lang reviewed by who at t: no longer
// outdated, and a machine translation accepted by a person.
func Review(e *Entry, lang, who string, t time.Time) error {
	v := e.Variants[lang]
	if v == nil {
		return fmt.Errorf("%w: the entry has no %s variant to review", ErrInvalid, lang)
	}
	v.Outdated = false
	v.ReviewedBy = who
	at := t.UTC()
	v.ReviewedAt = &at
	return nil
}

// Coverage is the state of one language of one entry, for the
// translation matrix.
type Coverage string

// Coverage states.
const (
	CoverageMissing  Coverage = "missing"
	CoverageOutdated Coverage = "outdated"
	// CoverageMachine is a machine translation no person has reviewed.
	CoverageMachine Coverage = "machine"
	// CoverageCurrent is text written or reviewed by a person and up to
	// date with the source.
	CoverageCurrent Coverage = "current"
)

// CoverageOf returns the state of lang in e.
func CoverageOf(e *Entry, lang string) Coverage {
	v := e.Variants[lang]
	switch {
	case v == nil:
		return CoverageMissing
	case v.Outdated:
		return CoverageOutdated
	case v.MachineTranslated && v.ReviewedBy == "":
		return CoverageMachine
	}
	return CoverageCurrent
}

// CheckExpected is the optimistic-locking check stores run inside their
// import transaction: old and getErr are what reading the stored entry id
// gave. It returns an error matching ErrConflict when expect names id
// with another revision than the stored one.
func CheckExpected(expect map[string]int, id string, old *Entry, getErr error) error {
	want, ok := expect[id]
	if !ok {
		return nil
	}
	cur := 0
	switch {
	case getErr == nil:
		cur = old.Revision
	case !errors.Is(getErr, ErrNotFound):
		return getErr
	}
	if cur != want {
		if want == 0 {
			return fmt.Errorf("%w: an entry with id %q already exists", ErrConflict, id)
		}
		return fmt.Errorf("%w: entry %q was saved by someone else meanwhile (revision %d; you started from %d)", ErrConflict, id, cur, want)
	}
	return nil
}
