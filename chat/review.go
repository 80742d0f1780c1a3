package chat

import (
	"context"

	"github.com/sportello/sportello/kb"
)

// ReviewedOnly keeps machine translations that no person has reviewed
// away from citizens: a hit whose variant in the searched language is
// such a translation is dropped, so the engine hands off (or, with a
// language model, translates at answer time and says so) rather than
// answer with unchecked text. Editors' previews search through the inner
// retriever directly.
type ReviewedOnly struct {
	Retriever
}

// Search implements Retriever.
func (r ReviewedOnly) Search(ctx context.Context, q kb.Query) ([]kb.Hit, error) {
	hits, err := r.Retriever.Search(ctx, q)
	if err != nil || q.Filter.Unpublished {
		return hits, err
	}
	out := hits[:0]
	for _, h := range hits {
		v := h.Entry.Variants[q.Filter.Lang]
		if v != nil && v.MachineTranslated && v.ReviewedBy == "" {
			continue
		}
		out = append(out, h)
	}
	return out, nil
}
