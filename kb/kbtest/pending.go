package kbtest

import (
	"errors"
	"testing"
	"time"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/analysis"
)

// testPending: an edit of a published entry waits as a pending change
// while citizens keep the live revision; publishing applies it as a new
// revision of its author, with optimistic locking on the base.
func testPending(t *testing.T, s kb.Store) {
	live := Entry("cie", "Come rinnovo la carta d'identità?", "All'Anagrafe, su appuntamento.")
	MustImport(t, s, live, Entry("tari", "Come pago la TARI?", "Con pagoPA."))

	if _, err := s.Pending(ctx, "cie"); !errors.Is(err, kb.ErrNotFound) {
		t.Fatalf("Pending before any: %v, want ErrNotFound", err)
	}
	edit := live.Content()
	edit.Variants["it"].Answer = "All'Anagrafe, anche senza appuntamento il martedì."
	edit.Variants["sq"] = &kb.Variant{Question: "Si ta rinovoj kartën e identitetit?", Answer: "Në Zyrën e Gjendjes Civile."}
	p := &kb.PendingChange{Entry: edit, Base: 1}
	if err := s.SavePending(ctx, p, kb.ImportOptions{By: "anna"}); err != nil {
		t.Fatalf("SavePending: %v", err)
	}
	if p.SavedBy != "anna" || p.SavedAt.IsZero() {
		t.Errorf("SavePending set %q at %v", p.SavedBy, p.SavedAt)
	}
	// Citizens and the live entry are untouched.
	if cur, err := s.Get(ctx, "cie"); err != nil || cur.Revision != 1 || cur.Variants["sq"] != nil {
		t.Fatalf("live entry after SavePending: %+v, %v", cur, err)
	}
	if ms, err := s.SearchLexical(ctx, kb.LexicalQuery{Filter: kb.Filter{Lang: "sq"}, Terms: analysis.Terms("sq", "kartën"), Limit: 5}); err != nil || len(ms) != 0 {
		t.Fatalf("the pending Albanian text is searchable: %v, %v", ms, err)
	}
	got, err := s.Pending(ctx, "cie")
	if err != nil {
		t.Fatalf("Pending: %v", err)
	}
	if got.Base != 1 || got.SavedBy != "anna" || !got.SavedAt.Equal(p.SavedAt) || got.Entry.Variants["it"].Answer != edit.Variants["it"].Answer {
		t.Fatalf("Pending = %+v, want what was saved", got)
	}
	ids, err := s.PendingIDs(ctx, []string{"cie", "tari", "nope"})
	if err != nil || len(ids) != 1 || !ids["cie"] {
		t.Fatalf("PendingIDs = %v, %v; want only cie", ids, err)
	}

	// Saving again replaces it; a reviewer who read the older one cannot
	// publish what they did not see.
	first := got.SavedAt
	time.Sleep(2 * time.Millisecond)
	edit.Variants["it"].SMS = "Anagrafe: martedì senza appuntamento."
	if err := s.SavePending(ctx, &kb.PendingChange{Entry: edit, Base: 1}, kb.ImportOptions{By: "anna"}); err != nil {
		t.Fatalf("SavePending again: %v", err)
	}
	if _, err := s.PublishPending(ctx, "cie", first); !errors.Is(err, kb.ErrConflict) {
		t.Fatalf("PublishPending of an older read: %v, want ErrConflict", err)
	}
	again, err := s.Pending(ctx, "cie")
	if err != nil || again.Entry.Variants["it"].SMS == "" {
		t.Fatalf("Pending after the second save: %+v, %v", again, err)
	}

	// Publishing applies it as revision 2, saved by its author.
	pub, err := s.PublishPending(ctx, "cie", again.SavedAt)
	if err != nil {
		t.Fatalf("PublishPending: %v", err)
	}
	if pub.Revision != 2 {
		t.Errorf("published revision %d, want 2", pub.Revision)
	}
	cur, err := s.Get(ctx, "cie")
	if err != nil || cur.Revision != 2 || cur.Variants["sq"] == nil || cur.Variants["it"].SMS == "" || cur.Status != kb.StatusPublished {
		t.Fatalf("live entry after PublishPending: %+v, %v", cur, err)
	}
	revs, err := s.Revisions(ctx, "cie")
	if err != nil || len(revs) != 2 || revs[1].SavedBy != "anna" {
		t.Fatalf("Revisions after PublishPending: %+v, %v", revs, err)
	}
	if ms, err := s.SearchLexical(ctx, kb.LexicalQuery{Filter: kb.Filter{Lang: "sq"}, Terms: analysis.Terms("sq", "kartën"), Limit: 5}); err != nil || len(ms) != 1 {
		t.Fatalf("the published Albanian text is not searchable: %v, %v", ms, err)
	}
	if _, err := s.Pending(ctx, "cie"); !errors.Is(err, kb.ErrNotFound) {
		t.Fatalf("Pending after publishing: %v, want ErrNotFound", err)
	}
	if _, err := s.PublishPending(ctx, "cie", time.Time{}); !errors.Is(err, kb.ErrNotFound) {
		t.Fatalf("PublishPending without one: %v, want ErrNotFound", err)
	}

	// A pending change made from an older revision: saving it is a
	// conflict, and so is publishing one whose base the live entry left.
	stale := cur.Content()
	stale.Variants["it"].Answer = "Testo vecchio."
	if err := s.SavePending(ctx, &kb.PendingChange{Entry: stale, Base: 1}, kb.ImportOptions{By: "anna"}); !errors.Is(err, kb.ErrConflict) {
		t.Fatalf("SavePending on an old base: %v, want ErrConflict", err)
	}
	if err := s.SavePending(ctx, &kb.PendingChange{Entry: stale, Base: 2}, kb.ImportOptions{By: "anna"}); err != nil {
		t.Fatalf("SavePending: %v", err)
	}
	moved := cur.Content()
	moved.Status = kb.StatusArchived
	if _, err := s.Import(ctx, []*kb.Entry{moved}, kb.ImportOptions{By: "bruno"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PublishPending(ctx, "cie", time.Time{}); !errors.Is(err, kb.ErrConflict) {
		t.Fatalf("PublishPending after the live entry moved: %v, want ErrConflict", err)
	}
	if cur, err := s.Get(ctx, "cie"); err != nil || cur.Revision != 3 || cur.Variants["it"].Answer == "Testo vecchio." {
		t.Fatalf("a conflicting publish changed the entry: %+v, %v", cur, err)
	}
	if _, err := s.Pending(ctx, "cie"); err != nil {
		t.Fatalf("a conflicting publish lost the pending change: %v", err)
	}

	// Discarding removes it and nothing else.
	if err := s.DiscardPending(ctx, "cie"); err != nil {
		t.Fatalf("DiscardPending: %v", err)
	}
	if err := s.DiscardPending(ctx, "cie"); !errors.Is(err, kb.ErrNotFound) {
		t.Fatalf("DiscardPending twice: %v, want ErrNotFound", err)
	}
	if ids, err := s.PendingIDs(ctx, []string{"cie"}); err != nil || len(ids) != 0 {
		t.Fatalf("PendingIDs after discarding: %v, %v", ids, err)
	}

	// Bad input: a missing entry, an invalid one.
	if err := s.SavePending(ctx, &kb.PendingChange{Entry: Entry("nope", "Domanda?", "Risposta."), Base: 1}, kb.ImportOptions{By: "anna"}); !errors.Is(err, kb.ErrNotFound) {
		t.Fatalf("SavePending of a missing entry: %v, want ErrNotFound", err)
	}
	bad := Entry("tari", "", "Con pagoPA.")
	if err := s.SavePending(ctx, &kb.PendingChange{Entry: bad, Base: 1}, kb.ImportOptions{By: "anna"}); !errors.Is(err, kb.ErrInvalid) {
		t.Fatalf("SavePending of an invalid entry: %v, want ErrInvalid", err)
	}
}
