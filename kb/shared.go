package kb

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Shared content across agencies (Linea Amica's federated encyclopedia).
// A national body marks an entry Shared: searches scoped to any agency
// find it. An agency adopts it by saving an entry of its own that
// Overrides it, from the revision it started from (AdoptedRevision);
// once that override is servable, searches scoped to the agency return
// the override and hide the shared original. Where no agency is set
// (every agency's entries are searched), any servable override hides its
// original. Chains are not allowed: an override overrides an original,
// never another override.

// Adoption is an entry that overrides another, as stores list it.
type Adoption struct {
	// Original is the overridden entry, ID the override.
	Original, ID, Agency  string
	Status                Status
	ValidFrom, ValidUntil *time.Time
	AdoptedRevision       int
}

// validateOverride checks the override fields that need nothing but the
// entry itself; CheckOverrides checks them against the store.
func (e *Entry) validateOverride() error {
	if e.AdoptedRevision < 0 {
		return fieldErr("adopted_revision", "cannot be negative")
	}
	if e.Overrides == "" {
		if e.AdoptedRevision != 0 {
			return fieldErr("adopted_revision", "is set but overrides is empty; name the entry this one overrides")
		}
		return nil
	}
	switch {
	case len(e.Overrides) > MaxIDLen || !idPattern.MatchString(e.Overrides):
		return fieldErr("overrides", "%q is not an entry id", e.Overrides)
	case e.Overrides == e.ID:
		return fieldErr("overrides", "an entry cannot override itself")
	case e.Agency == "":
		return fieldErr("agency", "is required for an override: it says which agency the override is for")
	case e.Shared:
		return fieldErr("shared", "an override cannot itself be shared; share the original instead")
	case e.AdoptedRevision == 0:
		return fieldErr("adopted_revision", "is required with overrides: the revision of %q this entry was adopted from", e.Overrides)
	}
	return nil
}

// OverrideLookup is what CheckOverrides reads from a store, inside the
// import's transaction.
type OverrideLookup struct {
	// Get returns the stored entry or an error matching ErrNotFound.
	Get func(id string) (*Entry, error)
	// Overrider returns the id of the stored entry of agency that
	// overrides original, or "" if there is none.
	Overrider func(original, agency string) (string, error)
}

// CheckOverrides checks the overrides among entries (already normalised
// and validated) against each other and the store: the overridden entry
// exists, in the batch or the store; it belongs to another agency; it is
// not itself an override; the adopted revision exists; and an agency
// overrides one entry at most once. It returns an error matching
// ErrInvalid or ErrConflict naming the entry.
func CheckOverrides(entries []*Entry, look OverrideLookup) error {
	batch := make(map[string]*Entry, len(entries))
	for _, e := range entries {
		batch[e.ID] = e
	}
	type key struct{ original, agency string }
	seen := map[key]string{}
	for i, e := range entries {
		if e.Overrides == "" {
			continue
		}
		wrap := func(err error) error { return fmt.Errorf("entry %d (%s): %w", i+1, e.ID, err) }
		stored, err := look.Get(e.Overrides)
		switch {
		case errors.Is(err, ErrNotFound):
			stored = nil
		case err != nil:
			return wrap(err)
		}
		target, maxRev := stored, 0
		if stored != nil {
			maxRev = stored.Revision
		}
		if b := batch[e.Overrides]; b != nil {
			// Saved with this batch: a new revision if its content changed.
			target = b
			if stored == nil || !SameContent(stored, b) {
				maxRev++
			}
		}
		switch {
		case target == nil:
			return wrap(fieldErr("overrides", "entry %q does not exist", e.Overrides))
		case target.Overrides != "":
			return wrap(fieldErr("overrides", "%q is itself an override of %q; adopt %q instead", e.Overrides, target.Overrides, target.Overrides))
		case target.Agency == e.Agency:
			return wrap(fieldErr("overrides", "%q already belongs to agency %q; edit it instead of overriding it", e.Overrides, e.Agency))
		case e.AdoptedRevision > maxRev:
			return wrap(fieldErr("adopted_revision", "%q has no revision %d (its latest is %d)", e.Overrides, e.AdoptedRevision, maxRev))
		}
		k := key{e.Overrides, e.Agency}
		if other, dup := seen[k]; dup {
			return wrap(fmt.Errorf("%w: %q and %q both override %q for agency %q; an agency overrides an entry once", ErrConflict, other, e.ID, e.Overrides, e.Agency))
		}
		seen[k] = e.ID
		other, err := look.Overrider(e.Overrides, e.Agency)
		if err != nil {
			return wrap(err)
		}
		if other != "" && other != e.ID {
			if b := batch[other]; b == nil || b.Overrides == e.Overrides && b.Agency == e.Agency {
				return wrap(fmt.Errorf("%w: agency %q already overrides %q with %q", ErrConflict, e.Agency, e.Overrides, other))
			}
		}
	}
	// An entry others override cannot become an override itself.
	by := map[string]string{}
	for _, e := range entries {
		if e.Overrides != "" {
			by[e.Overrides] = e.ID
		}
	}
	for i, e := range entries {
		if x, ok := by[e.ID]; ok && e.Overrides != "" {
			return fmt.Errorf("entry %d (%s): %w", i+1, e.ID, fieldErr("overrides", "%q is overridden by %q, so it cannot override another entry", e.ID, x))
		}
	}
	return nil
}

// passes reports whether the override a is found by searches with f, as
// the stores' own filters decide for entries.
func (a *Adoption) passes(f Filter) bool {
	at := f.At
	if at.IsZero() {
		at = time.Now()
	}
	if a.Status == StatusArchived || !f.Unpublished && a.Status != StatusPublished {
		return false
	}
	if a.ValidFrom != nil && at.Before(*a.ValidFrom) || a.ValidUntil != nil && !at.Before(*a.ValidUntil) {
		return false
	}
	return f.Agency == "" || f.Agency == a.Agency
}

// hideOverridden drops from hits the entries that an override found by
// the same filter replaces.
func (r *Retriever) hideOverridden(ctx context.Context, f Filter, hits []*Hit) ([]*Hit, error) {
	if len(hits) == 0 {
		return hits, nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.Entry.ID
	}
	as, err := r.Store.Adoptions(ctx, ids)
	if err != nil || len(as) == 0 {
		return hits, err
	}
	hidden := map[string]bool{}
	for i := range as {
		if as[i].passes(f) {
			hidden[as[i].Original] = true
		}
	}
	out := hits[:0]
	for _, h := range hits {
		if !hidden[h.Entry.ID] {
			out = append(out, h)
		}
	}
	return out, nil
}

// Adopt returns a draft override of original for agency, pre-filled with
// original's text and metadata, under id.
func Adopt(original *Entry, id, agency string) *Entry {
	e := original.Content()
	e.ID, e.Agency, e.Status = id, agency, StatusDraft
	e.Shared, e.Overrides, e.AdoptedRevision = false, original.ID, original.Revision
	for _, v := range e.Variants {
		v.ReviewedBy, v.ReviewedAt = "", nil
	}
	return e
}
