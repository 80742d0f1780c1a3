package kb_test

import (
	"errors"
	"testing"

	"github.com/sportello/sportello/kb"
)

// TestCheckOverrides covers what the contract suite cannot reach through
// a store: chains and duplicates within one batch.
func TestCheckOverrides(t *testing.T) {
	stored := map[string]*kb.Entry{
		"nazionale-spid": {ID: "nazionale-spid", Agency: "nazionale", Shared: true, Revision: 3},
	}
	look := kb.OverrideLookup{
		Get: func(id string) (*kb.Entry, error) {
			if e := stored[id]; e != nil {
				return e, nil
			}
			return nil, kb.ErrNotFound
		},
		Overrider: func(original, agency string) (string, error) { return "", nil },
	}
	ov := func(id, agency, original string, rev int) *kb.Entry {
		return &kb.Entry{ID: id, Agency: agency, Overrides: original, AdoptedRevision: rev}
	}
	for _, tc := range []struct {
		name    string
		entries []*kb.Entry
		want    error
	}{
		{"one override", []*kb.Entry{ov("a", "borgoverde", "nazionale-spid", 3)}, nil},
		{"two agencies", []*kb.Entry{ov("a", "borgoverde", "nazionale-spid", 3), ov("b", "vallebella", "nazionale-spid", 1)}, nil},
		{"a future revision", []*kb.Entry{ov("a", "borgoverde", "nazionale-spid", 4)}, kb.ErrInvalid},
		{"one agency twice", []*kb.Entry{ov("a", "borgoverde", "nazionale-spid", 3), ov("b", "borgoverde", "nazionale-spid", 3)}, kb.ErrConflict},
		{"a chain in the batch", []*kb.Entry{ov("a", "borgoverde", "nazionale-spid", 3), ov("b", "vallebella", "a", 1)}, kb.ErrInvalid},
		{"a chain the other way round", []*kb.Entry{ov("b", "vallebella", "a", 1), ov("a", "borgoverde", "nazionale-spid", 3)}, kb.ErrInvalid},
		{"a target new in the batch", []*kb.Entry{{ID: "nuova", Agency: "nazionale"}, ov("a", "borgoverde", "nuova", 1)}, nil},
		{"a missing target", []*kb.Entry{ov("a", "borgoverde", "nessuna", 1)}, kb.ErrInvalid},
	} {
		err := kb.CheckOverrides(tc.entries, look)
		if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
}
