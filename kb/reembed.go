package kb

import (
	"context"
	"fmt"
)

// ReembedStep re-embeds up to a batch of a store's stale variants, those
// with ids above after, and returns how many it stored and the last id it
// looked at (0 when there was none left).
type ReembedStep func(ctx context.Context, after int64) (stored int, last int64, err error)

// RunReembed is the loop both stores re-embed with: passes over the stale
// variants in id order, one batch at a time, until a pass stores nothing
// (a variant an import changed under a pass is left for the next one).
// total is how many variants were stale at the start; progress, when set,
// is called after each batch. It returns how many variants it stored; its
// error says how far it got, since what it stored stays stored.
func RunReembed(ctx context.Context, total int, step ReembedStep, progress func(done, total int)) (int, error) {
	done := 0
	for {
		passDone, after := 0, int64(0)
		for {
			n, last, err := step(ctx, after)
			if err != nil {
				return done, fmt.Errorf("re-embed (%d of %d variants done; run it again to go on): %w", done, total, err)
			}
			if last == 0 {
				break
			}
			after = last
			done += n
			passDone += n
			if progress != nil {
				progress(min(done, total), total)
			}
		}
		if passDone == 0 {
			return done, nil
		}
	}
}

// VariantVectors returns what VariantVector returns for each of vs, with
// one call to the embedder for all of them: a remote model takes a batch
// in a few requests rather than one per variant. A nil variant gets the
// zero vector.
func VariantVectors(ctx context.Context, e Embedder, vs []*Variant) ([][]float32, error) {
	var texts []string
	for _, v := range vs {
		if v != nil {
			texts = append(texts, Phrasings(v)...)
		}
	}
	vecs, err := e.EmbedDocuments(ctx, texts)
	if err != nil {
		return nil, fmt.Errorf("embed: %w", err)
	}
	if len(vecs) != len(texts) {
		return nil, fmt.Errorf("embed: %d texts gave %d vectors: %w", len(texts), len(vecs), ErrInvalid)
	}
	out := make([][]float32, len(vs))
	for i, v := range vs {
		if v == nil {
			out[i] = make([]float32, e.Dim())
			continue
		}
		n := len(Phrasings(v))
		if out[i], err = SumUnit(vecs[:n], e.Dim()); err != nil {
			return nil, err
		}
		vecs = vecs[n:]
	}
	return out, nil
}
