package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/postgres"
	"github.com/sportello/sportello/kb/postgres/pgtest"
)

// TestExpectedRevision checks optimistic locking on both import paths: a
// save that started from a revision someone else has replaced, or that
// creates an id that exists, is refused with ErrConflict and stores
// nothing.
func TestExpectedRevision(t *testing.T) {
	for _, path := range []struct {
		name      string
		threshold int
	}{{"row by row", 1000}, {"COPY", 1}} {
		t.Run(path.name, func(t *testing.T) {
			ctx := context.Background()
			defer postgres.SetBulkThreshold(path.threshold)()
			s := open(t, pgtest.NewDatabase(t), kb.NewHashEmbedder(0))
			defer s.Close()
			save := func(answer string, expect int) error {
				e := &kb.Entry{ID: "anpr", Variants: map[string]*kb.Variant{"it": {Question: "Come scarico un certificato anagrafico?", Answer: answer}}}
				_, err := s.Import(ctx, []*kb.Entry{e}, kb.ImportOptions{By: "test", Expect: map[string]int{"anpr": expect}})
				return err
			}
			if err := save("Dal portale ANPR.", 0); err != nil {
				t.Fatalf("create: %v", err)
			}
			if err := save("Di nuovo.", 0); !errors.Is(err, kb.ErrConflict) {
				t.Errorf("creating an id that exists: err = %v; want ErrConflict", err)
			}
			if err := save("Dal portale ANPR, con SPID o CIE.", 1); err != nil {
				t.Fatalf("update from revision 1: %v", err)
			}
			if err := save("Solo allo sportello.", 1); !errors.Is(err, kb.ErrConflict) {
				t.Errorf("a second update from revision 1: err = %v; want ErrConflict", err)
			}
			got, err := s.Get(ctx, "anpr")
			if err != nil || got.Revision != 2 || got.Variants["it"].Answer != "Dal portale ANPR, con SPID o CIE." {
				t.Errorf("after the refused saves: %+v, %v; want revision 2 with the first editor's answer", got, err)
			}
		})
	}
}
