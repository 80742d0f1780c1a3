package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/kbtest"
)

// TestListFilledAtOpen: a database whose entries were saved before the
// entry list existed gets its list rows, coverage and search words when
// it is opened.
func TestListFilledAtOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	s := open(t, path, kb.NewHashEmbedder(0))
	a := kbtest.Entry("cie", "Come rinnovo la carta d'identità?", "All'Anagrafe.")
	b := kbtest.Entry("tari", "Come pago la TARI?", "Con pagoPA.")
	b.Variants["sq"] = &kb.Variant{Question: "Si paguhet TARI?", Answer: "Me pagoPA.", Outdated: true}
	kbtest.MustImport(t, s, a, b)
	for _, q := range []string{`INSERT INTO entry_fts (entry_fts) VALUES ('delete-all')`, `DELETE FROM entry_langs`, `DELETE FROM entry_list`} {
		if _, err := s.DB().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if p, err := s.ListEntries(ctx, kb.EntryQuery{}); err != nil || p.Total != 0 {
		t.Fatalf("emptied list: %+v, %v", p, err)
	}
	s.Close()
	s = open(t, path, kb.NewHashEmbedder(0))
	defer s.Close()
	for _, tc := range []struct {
		q    kb.EntryQuery
		want string
	}{
		{kb.EntryQuery{Text: "identita"}, "cie"},
		{kb.EntryQuery{Lang: "sq", Coverage: kb.CoverageOutdated}, "tari"},
		{kb.EntryQuery{Lang: "sq", Coverage: kb.CoverageMissing}, "cie"},
	} {
		p, err := s.ListEntries(ctx, tc.q)
		if err != nil || p.Total != 1 || len(p.Entries) != 1 || p.Entries[0].ID != tc.want {
			t.Errorf("after reopening, ListEntries(%+v) = %+v, %v; want %s", tc.q, p, err, tc.want)
		}
	}
}
