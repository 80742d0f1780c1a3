package sqlite_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/sqlite"
)

// TestOptimisticLocking: two editors start from revision 1; the second
// save is refused and stores nothing.
func TestOptimisticLocking(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"), kb.NewHashEmbedder(0))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	mk := func(answer string) *kb.Entry {
		return &kb.Entry{ID: "tari", Variants: map[string]*kb.Variant{"it": {Question: "Come si paga la TARI?", Answer: answer}}}
	}
	if _, err := st.Import(ctx, []*kb.Entry{mk("Con il modello F24.")}, kb.ImportOptions{Expect: map[string]int{"tari": 0}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import(ctx, []*kb.Entry{mk("Doppione.")}, kb.ImportOptions{Expect: map[string]int{"tari": 0}}); !errors.Is(err, kb.ErrConflict) {
		t.Errorf("creating an existing id: %v", err)
	}
	if _, err := st.Import(ctx, []*kb.Entry{mk("Con F24 o pagoPA.")}, kb.ImportOptions{By: "anna", Expect: map[string]int{"tari": 1}}); err != nil {
		t.Fatal(err)
	}
	_, err = st.Import(ctx, []*kb.Entry{mk("Solo in banca.")}, kb.ImportOptions{By: "bruno", Expect: map[string]int{"tari": 1}})
	if !errors.Is(err, kb.ErrConflict) {
		t.Fatalf("stale save: %v, want ErrConflict", err)
	}
	e, _ := st.Get(ctx, "tari")
	if e.Revision != 2 || e.Variants["it"].Answer != "Con F24 o pagoPA." {
		t.Errorf("after a refused save: revision %d, %q", e.Revision, e.Variants["it"].Answer)
	}
}
