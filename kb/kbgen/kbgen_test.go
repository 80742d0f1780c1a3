package kbgen_test

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/demo"
	"github.com/sportello/sportello/kb/kbgen"
)

func generate(t *testing.T, seed uint64, n int) ([]*kb.Entry, []kbgen.Query) {
	t.Helper()
	base, err := demo.Entries()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	entries := kbgen.Generate(rng, kbgen.Vocabulary(base), n)
	return entries, kbgen.Queries(rng, entries, 50)
}

func TestGenerate(t *testing.T) {
	entries, qs := generate(t, 1, 40)
	again, qsAgain := generate(t, 1, 40)
	if diff := cmp.Diff(entries, again); diff != "" {
		t.Errorf("one seed made two knowledge bases (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff(qs, qsAgain); diff != "" {
		t.Errorf("one seed made two sets of questions (-first +second):\n%s", diff)
	}
	if other, _ := generate(t, 2, 40); cmp.Equal(entries, other) {
		t.Error("two seeds made the same knowledge base")
	}
	ids := map[string]*kb.Entry{}
	for _, e := range entries {
		if len(e.Languages()) != len(kb.DefaultLanguages) {
			t.Errorf("%s has %v, want every demo language", e.ID, e.Languages())
		}
		e.Normalize()
		if err := e.Validate(kb.DefaultLanguages); err != nil {
			t.Errorf("%s does not validate: %v", e.ID, err)
		}
		ids[e.ID] = e
	}
	for _, q := range qs {
		e := ids[q.Want]
		if e == nil || e.Variants[q.Lang] == nil || q.Text == "" {
			t.Errorf("question %+v names no variant", q)
		}
	}
}
