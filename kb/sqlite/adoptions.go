package sqlite

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/sportello/sportello/kb"
)

// adoptions maps the entries that override others (kb/shared.go), so
// that the retriever's check of every turn's hits (Store.Adoptions) asks
// SQLite nothing when no hit is overridden, and reads the overrides from
// the entry cache when one is. The index holds it under its lock: it is
// read from entry_list at Open and changed by apply, as the search index
// is.
type adoptions struct {
	of map[string]string   // override id → original id
	by map[string][]string // original id → override ids, sorted
}

// set records that id overrides original, or nothing when original is
// empty; the caller holds the index's write lock or owns it.
func (a *adoptions) set(id, original string) {
	if old, ok := a.of[id]; ok {
		if old == original {
			return
		}
		ids := slices.DeleteFunc(a.by[old], func(x string) bool { return x == id })
		if len(ids) == 0 {
			delete(a.by, old)
		} else {
			a.by[old] = ids
		}
		delete(a.of, id)
	}
	if original == "" {
		return
	}
	if a.of == nil {
		a.of, a.by = map[string]string{}, map[string][]string{}
	}
	a.of[id] = original
	ids := a.by[original]
	i, _ := slices.BinarySearch(ids, id)
	a.by[original] = slices.Insert(ids, i, id)
}

// loadAdoptions reads which entries override which into ix, before ix
// is shared.
func (s *Store) loadAdoptions(ctx context.Context, ix *index) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, overrides FROM entry_list WHERE overrides <> ''`)
	if err != nil {
		return fmt.Errorf("sqlite: load the overrides: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, original string
		if err := rows.Scan(&id, &original); err != nil {
			return fmt.Errorf("sqlite: load the overrides: %w", err)
		}
		ix.adoptions.set(id, original)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: load the overrides: %w", err)
	}
	return nil
}

// overriders returns the ids of the entries that override any of ids,
// sorted.
func (ix *index) overriders(ids []string) []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var out []string
	for _, id := range ids {
		out = append(out, ix.adoptions.by[id]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Adoptions implements kb.Store. The overrides come from the entry
// cache, as entry_list holds them: times to the microsecond, in UTC.
func (s *Store) Adoptions(ctx context.Context, ids []string) ([]kb.Adoption, error) {
	over := s.index.overriders(ids)
	if len(over) == 0 {
		return nil, nil
	}
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	out := make([]kb.Adoption, 0, len(over))
	for _, id := range over {
		ce, err := s.cachedGet(ctx, id)
		if errors.Is(err, kb.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("sqlite: adoptions: %w", err)
		}
		e := ce.e
		if !want[e.Overrides] { // saved since overriders read the map
			continue
		}
		out = append(out, kb.Adoption{Original: e.Overrides, ID: e.ID, Agency: e.Agency, Status: e.Status,
			ValidFrom: toMicros(e.ValidFrom), ValidUntil: toMicros(e.ValidUntil), AdoptedRevision: e.AdoptedRevision})
	}
	return out, nil
}

// toMicros returns t as entry_list keeps it: to the microsecond, in UTC.
func toMicros(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := time.UnixMicro(t.UnixMicro()).UTC()
	return &u
}
