package chat_test

import (
	"context"
	"testing"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb"
)

type fixedHits []kb.Hit

func (f fixedHits) Search(context.Context, kb.Query) ([]kb.Hit, error) {
	return append([]kb.Hit(nil), f...), nil
}

func TestReviewedOnly(t *testing.T) {
	mt := &kb.Entry{ID: "mt", Variants: map[string]*kb.Variant{"sq": {Question: "q", Answer: "a", MachineTranslated: true}}}
	ok := &kb.Entry{ID: "ok", Variants: map[string]*kb.Variant{"sq": {Question: "q", Answer: "a", MachineTranslated: true, ReviewedBy: "elena"}}}
	human := &kb.Entry{ID: "human", Variants: map[string]*kb.Variant{"sq": {Question: "q", Answer: "a"}}}
	r := chat.ReviewedOnly{Retriever: fixedHits{{Entry: mt}, {Entry: ok}, {Entry: human}}}
	hits, _ := r.Search(context.Background(), kb.Query{Filter: kb.Filter{Lang: "sq"}})
	if len(hits) != 2 || hits[0].Entry.ID != "ok" || hits[1].Entry.ID != "human" {
		t.Errorf("citizens' search kept %v", hits)
	}
	hits, _ = r.Search(context.Background(), kb.Query{Filter: kb.Filter{Lang: "sq", Unpublished: true}})
	if len(hits) != 3 {
		t.Errorf("the editors' preview must see everything: %d", len(hits))
	}
}
