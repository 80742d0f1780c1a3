package kb

import "context"

// TermStats returns the store's document frequencies of terms in lang
// (Store.TermStats), so that a consumer of the retriever can tell a word
// the knowledge base knows from one it has never seen without holding the
// store itself.
func (r *Retriever) TermStats(ctx context.Context, lang string, terms []string) (TermStats, error) {
	return r.Store.TermStats(ctx, lang, terms)
}
