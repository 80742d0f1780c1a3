package kb_test

import (
	"strings"
	"testing"
	"time"

	"github.com/sportello/sportello/kb"
)

func TestWorkflowMoves(t *testing.T) {
	for _, c := range []struct {
		from, to kb.Status
		ok       bool
	}{
		{kb.StatusDraft, kb.StatusReview, true},
		{kb.StatusDraft, kb.StatusPublished, false},
		{kb.StatusReview, kb.StatusPublished, true},
		{kb.StatusPublished, kb.StatusArchived, true},
		{kb.StatusArchived, kb.StatusPublished, false},
		{kb.StatusPublished, kb.StatusReview, false},
	} {
		if got := kb.CanMove(c.from, c.to); got != c.ok {
			t.Errorf("%s → %s: %v", c.from, c.to, got)
		}
	}
}

func entry(it, ar, sq string) *kb.Entry {
	e := &kb.Entry{ID: "x", Variants: map[string]*kb.Variant{"it": {Question: "Domanda?", Answer: it}}}
	if ar != "" {
		e.Variants["ar"] = &kb.Variant{Question: "سؤال؟", Answer: ar}
	}
	if sq != "" {
		e.Variants["sq"] = &kb.Variant{Question: "Pyetje?", Answer: sq}
	}
	return e
}

func TestMarkOutdated(t *testing.T) {
	old := entry("Si paga entro il 16 giugno.", "تدفع قبل 16 يونيو.", "Paguhet deri më 16 qershor.")
	// The Italian answer changes; the Albanian is updated in the same
	// edit, the Arabic is not.
	edit := entry("Si paga entro il 30 giugno.", "تدفع قبل 16 يونيو.", "Paguhet deri më 30 qershor.")
	kb.MarkOutdated(old, edit, "it")
	if !edit.Variants["ar"].Outdated || edit.Variants["sq"].Outdated || edit.Variants["it"].Outdated {
		t.Fatalf("outdated: ar=%v sq=%v it=%v", edit.Variants["ar"].Outdated, edit.Variants["sq"].Outdated, edit.Variants["it"].Outdated)
	}
	if kb.CoverageOf(edit, "ar") != kb.CoverageOutdated || kb.CoverageOf(edit, "zh") != kb.CoverageMissing || kb.CoverageOf(edit, "sq") != kb.CoverageCurrent {
		t.Error("coverage states")
	}
	// A later edit that does not touch Italian keeps Arabic outdated.
	again := edit.Clone()
	again.Tags = []string{"tributi"}
	kb.MarkOutdated(edit, again, "it")
	if !again.Variants["ar"].Outdated {
		t.Error("an unrelated edit cleared the outdated mark")
	}
	if err := kb.Review(again, "ar", "elena", time.Now()); err != nil || again.Variants["ar"].Outdated || again.Variants["ar"].ReviewedBy != "elena" {
		t.Errorf("review: %v %+v", err, again.Variants["ar"])
	}
	if err := kb.Review(again, "zh", "elena", time.Now()); err == nil {
		t.Error("reviewing a missing variant")
	}
	mt := entry("x", "", "")
	mt.Variants["zh"] = &kb.Variant{Question: "问题", Answer: "回答", MachineTranslated: true}
	if kb.CoverageOf(mt, "zh") != kb.CoverageMachine {
		t.Error("an unreviewed machine translation")
	}
}

func TestAuthorIgnoresStatusChanges(t *testing.T) {
	r1 := entry("a", "", "")
	r2 := entry("b", "", "")
	r3 := r2.Clone()
	r3.Status = kb.StatusReview
	revs := []kb.Revision{{Revision: 1, SavedBy: "anna"}, {Revision: 2, SavedBy: "bruno"}, {Revision: 3, SavedBy: "carla"}}
	byRev := map[int]*kb.Entry{1: r1, 2: r2, 3: r3}
	got, err := kb.Author(revs, func(n int) (*kb.Entry, error) { return byRev[n], nil })
	if err != nil || got != "bruno" {
		t.Errorf("author = %q, %v; want bruno (carla only moved it to review)", got, err)
	}
}

func TestDiff(t *testing.T) {
	ops := kb.Diff("Si paga entro il 16 giugno online.", "Si paga entro il 30 giugno online o in banca.")
	var a, b strings.Builder
	for _, op := range ops {
		if op.Kind != '+' {
			a.WriteString(op.Text)
		}
		if op.Kind != '-' {
			b.WriteString(op.Text)
		}
	}
	if a.String() != "Si paga entro il 16 giugno online." || b.String() != "Si paga entro il 30 giugno online o in banca." {
		t.Fatalf("the diff does not rebuild both texts: %q / %q", a.String(), b.String())
	}
	var removed []string
	for _, op := range ops {
		if op.Kind == '-' {
			removed = append(removed, op.Text)
		}
	}
	if strings.Join(removed, "|") != "16 |online." {
		t.Errorf("removed %q", removed)
	}
	if len(kb.Diff("", "")) != 0 {
		t.Error("empty diff")
	}
}
