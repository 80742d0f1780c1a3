package kb

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/sportello/sportello/kb/analysis"
)

// RRFK is the constant of Reciprocal Rank Fusion: an entry at rank r of a
// ranking gets 1/(RRFK+r). 60 is the value of the original paper, and it
// keeps one ranking's top result from drowning the other ranking.
const RRFK = 60

// Retriever finds the entries that best answer a question: a lexical
// ranking (BM25 over analysed terms) and a vector ranking (the store's
// embedder) fused with Reciprocal Rank Fusion. It adds to each hit the
// evidence the decision calibrates on.
type Retriever struct {
	Store Store
	// Depth is how many candidates each ranking contributes (default 30).
	Depth int
}

// Query is a citizen's question and where to look for its answer.
type Query struct {
	Text string
	Filter
	// Limit is how many hits to return (default 5).
	Limit int
}

// Hit is an entry found for a query.
type Hit struct {
	Entry *Entry
	Lang  string
	// Score is the fused RRF score; it orders the hits.
	Score float64
	// Lexical is the BM25 score and LexicalRank its 1-based rank (0: not
	// found lexically).
	Lexical     float64
	LexicalRank int
	// Vector is the cosine similarity to the query and VectorRank its
	// 1-based rank (0: not among the vector candidates).
	Vector     float64
	VectorRank int
	// Coverage is the share of the query's terms found in the entry's
	// question and alternate phrasings; AnswerCoverage also counts its
	// answer. Both are in [0,1], 0 when the query has no terms.
	Coverage       float64
	AnswerCoverage float64
}

// Search returns the best hits for q, best first.
func (r *Retriever) Search(ctx context.Context, q Query) ([]Hit, error) {
	depth := r.Depth
	if depth <= 0 {
		depth = 30
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 5
	}
	terms := analysis.Terms(q.Lang, q.Text)
	stats, err := r.Store.TermStats(ctx, q.Lang, terms)
	if err != nil {
		return nil, fmt.Errorf("retrieve: %w", err)
	}
	if err := r.resolveUnknown(ctx, q.Lang, terms, analysis.Alternatives(q.Lang, q.Text), &stats); err != nil {
		return nil, fmt.Errorf("retrieve: %w", err)
	}
	lex, err := r.Store.SearchLexical(ctx, LexicalQuery{Filter: q.Filter, Terms: terms, Limit: depth})
	if err != nil {
		return nil, fmt.Errorf("retrieve: %w", err)
	}
	emb := r.Store.Embedder()
	vec, err := emb.EmbedQuery(ctx, analysis.EmbeddingText(q.Lang, q.Text))
	if err != nil {
		return nil, fmt.Errorf("retrieve: embed the query: %w", err)
	}
	var near []Match
	if !isZero(vec) {
		near, err = r.Store.SearchVector(ctx, VectorQuery{Filter: q.Filter, Vector: vec, Embedder: emb.Name(), Limit: depth})
		if err != nil {
			return nil, fmt.Errorf("retrieve: %w", err)
		}
	}
	byID := map[string]*Hit{}
	var order []*Hit
	hit := func(id string) *Hit {
		h := byID[id]
		if h == nil {
			h = &Hit{Lang: q.Lang}
			byID[id] = h
			order = append(order, h)
			h.Entry = &Entry{ID: id}
		}
		return h
	}
	for i, m := range lex {
		h := hit(m.EntryID)
		h.Lexical, h.LexicalRank = m.Score, i+1
		h.Score += 1 / float64(RRFK+i+1)
	}
	for i, m := range near {
		h := hit(m.EntryID)
		h.Vector, h.VectorRank = m.Score, i+1
		h.Score += 1 / float64(RRFK+i+1)
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].Score > order[j].Score })
	if order, err = r.hideOverridden(ctx, q.Filter, order); err != nil { // shared.go
		return nil, fmt.Errorf("retrieve: %w", err)
	}
	if len(order) > limit {
		order = order[:limit]
	}
	out := make([]Hit, 0, len(order))
	for _, h := range order {
		e, phrases, answer, err := r.loadHit(ctx, h.Entry.ID, q.Lang)
		if err != nil {
			return nil, fmt.Errorf("retrieve: %w", err)
		}
		h.Entry = e
		if v := e.Variants[q.Lang]; v != nil {
			if h.VectorRank == 0 { // beyond the vector candidates: score it anyway
				if ev, err := VariantVector(ctx, emb, v); err == nil && len(ev) == len(vec) {
					h.Vector = float64(Dot(vec, ev))
				}
			}
			h.Coverage = coverage(terms, stats, phrases)
			h.AnswerCoverage = coverage(terms, stats, phrases, answer)
		}
		out = append(out, *h)
	}
	return out, nil
}

// HitLoader is implemented by stores that keep decoded entries in memory
// (kb/sqlite): LoadHit returns a copy of the entry id, as Get does, with
// the IndexTerms of its variant in lang, which the caller must not
// change. The retriever uses it, when the store has it, instead of Get
// and IndexTerms for each hit.
type HitLoader interface {
	LoadHit(ctx context.Context, id, lang string) (e *Entry, phrases, answer []string, err error)
}

func (r *Retriever) loadHit(ctx context.Context, id, lang string) (*Entry, []string, []string, error) {
	if l, ok := r.Store.(HitLoader); ok {
		return l.LoadHit(ctx, id, lang)
	}
	e, err := r.Store.Get(ctx, id)
	if err != nil {
		return nil, nil, nil, err
	}
	var phrases, answer []string
	if v := e.Variants[lang]; v != nil {
		phrases, answer = IndexTerms(lang, v)
	}
	return e, phrases, answer, nil
}

// resolveUnknown replaces, in place, each term the knowledge base does not
// know by a known one when there is a better reading of it: first another
// analysis of the word (a clitic the stemmer kept, analysis.Alternatives),
// then a known word one typo away. stats gains the document frequencies of
// the replacements.
func (r *Retriever) resolveUnknown(ctx context.Context, lang string, terms []string, alts map[string][]string, stats *TermStats) error {
	var all []string
	for t, a := range alts {
		if stats.DF[t] == 0 {
			all = append(all, a...)
		}
	}
	slices.Sort(all)
	all = slices.Compact(all)
	var known TermStats
	if len(all) > 0 {
		var err error
		if known, err = r.Store.TermStats(ctx, lang, all); err != nil {
			return err
		}
	}
	fixes := map[string]string{}
	for _, t := range terms {
		if _, done := fixes[t]; done || stats.DF[t] > 0 {
			continue
		}
		fix := stats.Similar[t]
		for _, a := range alts[t] {
			if known.DF[a] > 0 {
				fix = a
				stats.DF[a] = known.DF[a]
				break
			}
		}
		fixes[t] = fix
	}
	for i, t := range terms {
		if fix := fixes[t]; fix != "" {
			terms[i] = fix
			stats.DF[t] = stats.DF[fix]
		}
	}
	return nil
}

// coverage is the share of the distinct query terms present in docs,
// each weighted by its inverse document frequency: matching a rare word
// ("passaporto") says more than matching a common one ("comune"), and a
// word the knowledge base has never seen ("Freibad") weighs most of all,
// so a question about something else scores low even when its common
// words match.
func coverage(query []string, stats TermStats, docs ...[]string) float64 {
	q := slices.Clone(query)
	slices.Sort(q)
	q = slices.Compact(q)
	if len(q) == 0 {
		return 0
	}
	var got, all float64
	for _, t := range q {
		w := idf(stats.Docs, stats.DF[t])
		all += w
		for _, doc := range docs {
			if slices.Contains(doc, t) {
				got += w
				break
			}
		}
	}
	if all == 0 {
		return 0
	}
	return got / all
}

// idf is BM25's inverse document frequency, never below a small floor so
// that a word present everywhere still counts a little.
func idf(docs, df int) float64 {
	return max(0.05, math.Log(1+(float64(docs)-float64(df)+0.5)/(float64(df)+0.5)))
}

func isZero(v []float32) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}
