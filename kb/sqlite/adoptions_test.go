package sqlite_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/kbtest"
	"github.com/sportello/sportello/kb/sqlite"
)

// adoptionsSQL answers Store.Adoptions from entry_list, as the store did
// before it kept the overrides in memory.
func adoptionsSQL(t *testing.T, s *sqlite.Store, original string) []kb.Adoption {
	t.Helper()
	rows, err := s.DB().QueryContext(context.Background(), `SELECT overrides, id, agency, status, valid_from, valid_until, adopted
		FROM entry_list WHERE overrides = ? AND overrides <> '' ORDER BY id`, original)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []kb.Adoption
	for rows.Next() {
		var a kb.Adoption
		var from, until *int64
		if err := rows.Scan(&a.Original, &a.ID, &a.Agency, &a.Status, &from, &until, &a.AdoptedRevision); err != nil {
			t.Fatal(err)
		}
		for _, p := range []struct {
			in  *int64
			out **time.Time
		}{{from, &a.ValidFrom}, {until, &a.ValidUntil}} {
			if p.in != nil {
				u := time.UnixMicro(*p.in).UTC()
				*p.out = &u
			}
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAdoptionsInMemory: the overrides the store keeps in memory answer
// as entry_list does, after saves and after reopening, times to the
// microsecond included.
func TestAdoptionsInMemory(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	s := open(t, path, kb.NewHashEmbedder(0))
	orig := kbtest.Entry("passaporto", "Come richiedo il passaporto?", "In Questura.")
	orig.Agency, orig.Shared = "nazionale", true
	other := kbtest.Entry("cie", "Come rinnovo la carta d'identità?", "All'Anagrafe.")
	other.Agency, other.Shared = "nazionale", true
	kbtest.MustImport(t, s, orig, other)
	from := time.Date(2026, 3, 1, 9, 30, 0, 123456789, time.FixedZone("CET", 3600))
	a := kb.Adopt(orig, "borgoverde-passaporto", "borgoverde")
	a.Status, a.ValidFrom = kb.StatusPublished, &from
	b := kb.Adopt(orig, "vallebella-passaporto", "vallebella")
	c := kb.Adopt(other, "borgoverde-cie", "borgoverde")
	kbtest.MustImport(t, s, a, b, c)

	check := func(when string) {
		t.Helper()
		for _, ids := range [][]string{{"passaporto"}, {"cie", "passaporto", "cie"}, {"borgoverde-passaporto"}, {""}, nil} {
			got, err := s.Adoptions(ctx, ids)
			if err != nil {
				t.Fatal(err)
			}
			var want []kb.Adoption
			seen := map[string]bool{}
			for _, id := range ids {
				if !seen[id] {
					seen[id] = true
					want = append(want, adoptionsSQL(t, s, id)...)
				}
			}
			if diff := cmp.Diff(sortAdoptions(want), sortAdoptions(got)); diff != "" {
				t.Errorf("%s: Adoptions(%q) (-entry_list +memory):\n%s", when, ids, diff)
			}
		}
	}
	check("after saving")
	if got, _ := s.Adoptions(ctx, []string{"passaporto"}); len(got) != 2 || got[0].ValidFrom == nil || got[0].ValidFrom.Nanosecond() != 123456000 {
		t.Errorf("Adoptions(passaporto) = %+v, want both overrides, borgoverde's valid from a time to the microsecond", got)
	}
	a.Status = kb.StatusArchived
	kbtest.MustImport(t, s, a)
	check("after archiving one")
	s.Close()
	s = open(t, path, kb.NewHashEmbedder(0))
	defer s.Close()
	check("after reopening")
	if got, _ := s.Adoptions(ctx, []string{"cie"}); len(got) != 1 || got[0].ID != "borgoverde-cie" {
		t.Errorf("after reopening, Adoptions(cie) = %+v, want borgoverde-cie", got)
	}
}

func sortAdoptions(as []kb.Adoption) []kb.Adoption {
	slices.SortFunc(as, func(x, y kb.Adoption) int { return strings.Compare(x.ID, y.ID) })
	return as
}
