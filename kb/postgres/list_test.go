package postgres_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/kbtest"
	"github.com/sportello/sportello/kb/postgres/pgtest"
)

// TestListFilledAtOpen: a database whose entries were saved before the
// entry list existed gets its list rows, coverage and search words when
// it is opened.
func TestListFilledAtOpen(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	s := open(t, url, kb.NewHashEmbedder(0))
	a := kbtest.Entry("cie", "Come rinnovo la carta d'identità?", "All'Anagrafe.")
	b := kbtest.Entry("tari", "Come pago la TARI?", "Con pagoPA.")
	b.Variants["sq"] = &kb.Variant{Question: "Si paguhet TARI?", Answer: "Me pagoPA.", Outdated: true}
	kbtest.MustImport(t, s, a, b)
	s.Close()
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, `DELETE FROM entry_list`); err != nil {
		t.Fatal(err)
	}
	c.Close(ctx)
	s = open(t, url, kb.NewHashEmbedder(0))
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
