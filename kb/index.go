package kb

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sportello/sportello/kb/analysis"
)

// IndexTerms returns the analysed terms of a variant that stores index for
// lexical search: those of its question and alternates, and those of its
// answer, kept apart so that a match in a phrasing can weigh more than one
// in the answer.
func IndexTerms(lang string, v *Variant) (phrases, answer []string) {
	for _, p := range Phrasings(v) {
		phrases = append(phrases, analysis.Terms(lang, p)...)
	}
	return phrases, analysis.Terms(lang, v.Answer)
}

// Content returns a copy of e without the fields a store manages (revision
// and timestamps): what an editor wrote. Two entries with equal Content
// are the same edit.
func (e *Entry) Content() *Entry {
	c := e.Clone()
	c.Revision = 0
	c.CreatedAt, c.UpdatedAt = time.Time{}, time.Time{}
	return c
}

// Clone returns a deep copy of e.
func (e *Entry) Clone() *Entry {
	b, err := json.Marshal(e)
	if err != nil {
		panic("kb: entry does not marshal: " + err.Error()) // only plain data: cannot happen
	}
	var c Entry
	if err := json.Unmarshal(b, &c); err != nil {
		panic("kb: entry does not unmarshal: " + err.Error())
	}
	return &c
}

// SameContent reports whether a and b hold the same editorial content.
func SameContent(a, b *Entry) bool {
	x, _ := json.Marshal(a.Content())
	y, _ := json.Marshal(b.Content())
	return string(x) == string(y)
}

// IndexedVariant is what one variant of a saved entry contributes to a
// store's search indexes: its analysed terms and its vector.
type IndexedVariant struct {
	Lang            string
	Phrases, Answer []string
	Vector          []float32
}

// PrepareImport normalises and validates entries, checks their ids are
// unique, and computes each variant's index data, all before a store opens
// its transaction: a bad entry or a failing embedder stores nothing, and the
// transaction holds its locks only for the writes. The result holds, per
// entry, its variants in language order.
func PrepareImport(ctx context.Context, e Embedder, entries []*Entry, opts ImportOptions) ([][]IndexedVariant, error) {
	seen := make(map[string]int, len(entries))
	for i, x := range entries {
		if x == nil {
			return nil, fmt.Errorf("entry %d is empty: %w", i+1, ErrInvalid)
		}
		x.Normalize()
		if err := x.Validate(opts.Languages); err != nil {
			return nil, fmt.Errorf("entry %d (%s): %w", i+1, x.ID, err)
		}
		if j, dup := seen[x.ID]; dup {
			return nil, fmt.Errorf("entries %d and %d both have id %q: %w", j+1, i+1, x.ID, ErrConflict)
		}
		seen[x.ID] = i
	}
	out := make([][]IndexedVariant, len(entries))
	for i, x := range entries {
		for _, lang := range x.Languages() {
			v := x.Variants[lang]
			p, a := IndexTerms(lang, v)
			vec, err := VariantVector(ctx, e, v)
			if err != nil {
				return nil, fmt.Errorf("entry %d (%s), language %s: embed: %w", i+1, x.ID, lang, err)
			}
			out[i] = append(out[i], IndexedVariant{Lang: lang, Phrases: p, Answer: a, Vector: vec})
		}
		if opts.Progress != nil && (i%100 == 99 || i == len(entries)-1) {
			opts.Progress(i+1, len(entries))
		}
	}
	return out, nil
}
