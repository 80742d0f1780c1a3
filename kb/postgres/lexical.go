package postgres

import (
	"cmp"
	"container/heap"
	"container/list"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sportello/sportello/kb"
)

// BM25F parameters, the embedded store's: the usual k1 and b, and field
// weights under which a term in the question or an alternate phrasing
// counts four times one in the answer. The same formula, computed the
// same way in float32, keeps lexical scores identical on both stores,
// whatever the deployment.
const (
	bm25K1       = 1.2
	bm25B        = 0.75
	phraseWeight = 4.0
	answerWeight = 1.0
)

// postingsSQL returns, in one snapshot, the language's statistics and
// every block of the query's terms ($2); the data of the blocks whose
// version the caller has decoded already ($3) stays on the server.
const postingsSQL = `SELECT s.docs, s.len_p, s.len_a, p.term, p.first_id, p.n, p.version,
	CASE WHEN p.version = ANY($3::bigint[]) THEN NULL ELSE p.data END
FROM lexicon_stats s LEFT JOIN postings p ON p.lang = s.lang AND p.term = ANY($2::text[])
WHERE s.lang = $1`

// visibleSQL keeps, of the variants $1, those the filters let through
// (filterSQL's arguments), with their entries.
var visibleSQL = `SELECT v.id, e.id FROM variants v JOIN entries e ON e.id = v.entry_id
WHERE v.id = ANY($1::bigint[]) AND ` + filterSQL

// SearchLexical implements kb.Store. It reads the postings blocks of the
// query's terms (decoded ones come from the store's cache when their
// version is still the stored one), scores every variant they list with
// BM25F as the embedded store does, and asks the database which of the
// best ones the filters let through. Both reads share one snapshot, so a
// concurrent import is seen whole or not at all.
func (s *Store) SearchLexical(ctx context.Context, q kb.LexicalQuery) ([]kb.Match, error) {
	terms := distinct(q.Terms)
	if len(terms) == 0 || q.Limit <= 0 {
		return nil, nil
	}
	var out []kb.Match
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		lists, st, err := s.postingLists(ctx, tx, q.Lang, terms)
		if err != nil || st.docs == 0 {
			return err
		}
		sc := s.scorer(lists)
		defer s.scratch.Put(sc)
		sc.score(st, terms, lists)
		out, err = sc.top(ctx, tx, q)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: lexical search: %w", err)
	}
	return out, nil
}

// langStats are a language's numbers for BM25: how many variants, and
// the total lengths of their phrasings and answers.
type langStats struct{ docs, lenP, lenA int64 }

// postingLists returns the decoded postings of each term that has any,
// and the language's statistics (zero when the language has no variant).
func (s *Store) postingLists(ctx context.Context, tx pgx.Tx, lang string, terms []string) (map[string][]*cachedBlock, langStats, error) {
	var st langStats
	known := s.blocks.lookup(lang, terms)
	versions := make([]int64, 0, len(known))
	for v := range known {
		versions = append(versions, v)
	}
	rows, err := tx.Query(ctx, postingsSQL, lang, terms, versions)
	if err != nil {
		return nil, st, err
	}
	lists := map[string][]*cachedBlock{}
	var term *string
	var first, version *int64
	var n *int32
	var data []byte
	_, err = pgx.ForEachRow(rows, []any{&st.docs, &st.lenP, &st.lenA, &term, &first, &n, &version, &data}, func() error {
		if term == nil { // the language has no block of any term
			return nil
		}
		b := known[*version]
		if b == nil {
			if data == nil {
				return fmt.Errorf("block %d of %q came without its data", *first, *term)
			}
			ps, err := decodeBlock(*first, int(*n), data)
			if err != nil {
				return fmt.Errorf("%s %q block %d: %w", lang, *term, *first, err)
			}
			b = &cachedBlock{version: *version, ps: ps}
		}
		lists[*term] = append(lists[*term], b)
		return nil
	})
	if err != nil {
		return nil, st, err
	}
	for _, t := range terms {
		s.blocks.store(lang, t, lists[t])
	}
	return lists, st, nil
}

// scorer holds a search's score accumulators; searches reuse them.
type scorer struct {
	base    int64     // the smallest variant id of the postings
	scores  []float32 // by variant id - base
	touched []int64
	sparse  map[int64]float32 // instead of scores when ids are too spread
	cands   []candidate
}

// maxDense bounds the accumulator array: beyond it ids are too spread for
// an array, and a map holds the scores.
const maxDense = 1 << 24

func (s *Store) scorer(lists map[string][]*cachedBlock) *scorer {
	sc, _ := s.scratch.Get().(*scorer)
	if sc == nil {
		sc = &scorer{}
	}
	lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
	for _, bs := range lists {
		for _, b := range bs {
			lo, hi = min(lo, b.ps[0].id), max(hi, b.ps[len(b.ps)-1].id)
		}
	}
	sc.base, sc.touched, sc.cands, sc.sparse = lo, sc.touched[:0], sc.cands[:0], nil
	if n := hi - lo + 1; hi >= lo && n <= maxDense {
		if int64(cap(sc.scores)) < n {
			sc.scores = make([]float32, n)
		}
		sc.scores = sc.scores[:n]
	} else {
		sc.sparse = map[int64]float32{}
	}
	return sc
}

// score adds up BM25F over the terms, in the order of the query, exactly
// as the embedded store's index does (kb/sqlite/index.go): the same
// float32 operations in the same order give the same scores, bit for bit.
func (sc *scorer) score(st langStats, terms []string, lists map[string][]*cachedBlock) {
	n := float64(st.docs)
	docs := float32(max(1, st.docs))
	avgP := max(1, float32(float64(st.lenP))/docs)
	avgA := max(1, float32(float64(st.lenA))/docs)
	for _, t := range terms {
		bs := lists[t]
		df := 0
		for _, b := range bs {
			df += len(b.ps)
		}
		if df == 0 {
			continue
		}
		idf := float32(math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5)))
		for _, b := range bs {
			for _, p := range b.ps {
				w := phraseWeight*float32(p.tfP)/(1-bm25B+bm25B*float32(p.lenP)/avgP) +
					answerWeight*float32(p.tfA)/(1-bm25B+bm25B*float32(p.lenA)/avgA)
				if sc.sparse != nil {
					if _, ok := sc.sparse[p.id]; !ok {
						sc.touched = append(sc.touched, p.id)
					}
					sc.sparse[p.id] += idf * w / (bm25K1 + w)
					continue
				}
				i := p.id - sc.base
				if sc.scores[i] == 0 {
					sc.touched = append(sc.touched, p.id)
				}
				sc.scores[i] += idf * w / (bm25K1 + w)
			}
		}
	}
	for _, id := range sc.touched {
		var s float32
		if sc.sparse != nil {
			s = sc.sparse[id]
		} else {
			i := id - sc.base
			s, sc.scores[i] = sc.scores[i], 0
		}
		sc.cands = append(sc.cands, candidate{id: id, score: s})
	}
}

type candidate struct {
	id    int64
	score float32
}

// top returns the q.Limit best candidates that the filters let through,
// best first, ties by entry id. It asks the database about the best few
// first, and about more only if too many of those are filtered out.
func (sc *scorer) top(ctx context.Context, tx pgx.Tx, q kb.LexicalQuery) ([]kb.Match, error) {
	at := q.At
	if at.IsZero() {
		at = time.Now()
	}
	rest := sc.cands
	var out []kb.Match
	for want := 2 * q.Limit; len(rest) > 0; want *= 4 {
		var batch []candidate
		batch, rest = best(rest, want)
		ids := make([]int64, len(batch))
		for i, c := range batch {
			ids[i] = c.id
		}
		rows, err := tx.Query(ctx, visibleSQL, ids, at, q.Agency, q.Unpublished)
		if err != nil {
			return nil, err
		}
		entry := make(map[int64]string, len(batch))
		var id int64
		var e string
		if _, err := pgx.ForEachRow(rows, []any{&id, &e}, func() error { entry[id] = e; return nil }); err != nil {
			return nil, err
		}
		for _, c := range batch {
			if e, ok := entry[c.id]; ok {
				out = append(out, kb.Match{EntryID: e, Score: float64(c.score)})
			}
		}
		if len(out) >= q.Limit {
			break
		}
	}
	slices.SortFunc(out, func(a, b kb.Match) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return strings.Compare(a.EntryID, b.EntryID)
	})
	return out[:min(len(out), q.Limit)], nil
}

// best splits cs into the candidates scoring at least as well as the
// k-th best (all of them when ties straddle k) and the others. It
// reorders cs.
func best(cs []candidate, k int) (top, rest []candidate) {
	if len(cs) <= k {
		return cs, nil
	}
	h := make(scoreHeap, 0, k)
	for _, c := range cs {
		if len(h) < k {
			heap.Push(&h, c.score)
		} else if c.score > h[0] {
			h[0] = c.score
			heap.Fix(&h, 0)
		}
	}
	threshold := h[0]
	i := 0
	for j, c := range cs {
		if c.score >= threshold {
			cs[i], cs[j] = cs[j], cs[i]
			i++
		}
	}
	return cs[:i], cs[i:]
}

// scoreHeap is a min-heap of scores.
type scoreHeap []float32

func (h scoreHeap) Len() int           { return len(h) }
func (h scoreHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h scoreHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *scoreHeap) Push(x any)        { *h = append(*h, x.(float32)) }
func (h *scoreHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// termStatsSQL returns, in one statement, the language's number of
// variants and, for each query term ($2), its document frequency; for a
// term the lexicon lacks whose prefix ($3) is not empty, the lexicon's
// terms starting with that prefix, among which typo correction chooses.
// The range on term, besides starts_with, lets the lexicon's primary key
// bound that scan (U+10FFFF sorts after every character in byte ("C")
// order), and OFFSET 0 keeps the planner from turning the per-term scan
// into a join with the language's whole lexicon.
const termStatsSQL = `SELECT s.docs, q.t, l.df, c.term, c.df
FROM lexicon_stats s
LEFT JOIN unnest($2::text[], $3::text[]) AS q(t, p) ON true
LEFT JOIN lexicon l ON l.lang = s.lang AND l.term = q.t
LEFT JOIN LATERAL (SELECT x.term, x.df FROM lexicon x
	WHERE l.term IS NULL AND q.p <> '' AND x.lang = s.lang AND x.term >= q.p AND x.term < q.p || U&'\+10FFFF'
		AND starts_with(x.term, q.p) OFFSET 0) c ON true
WHERE s.lang = $1
ORDER BY q.t, c.term`

// TermStats implements kb.Store. A term that occurs nowhere is matched
// with the indexed term within one edit that the most variants contain
// (the first in byte order on a tie), among those sharing its first two
// letters: typos mostly fall later in a word, and the prefix keeps the
// scan short.
func (s *Store) TermStats(ctx context.Context, lang string, terms []string) (kb.TermStats, error) {
	st := kb.TermStats{DF: map[string]int{}, Similar: map[string]string{}}
	uniq := distinct(terms)
	prefixes := make([]string, len(uniq))
	for i, t := range uniq {
		st.DF[t] = 0
		if rs := []rune(t); len(rs) >= kb.MinCorrectableLen {
			prefixes[i] = string(rs[:2])
		}
	}
	rows, err := s.pool.Query(ctx, termStatsSQL, lang, uniq, prefixes)
	if err != nil {
		return st, fmt.Errorf("postgres: term stats: %w", err)
	}
	bestDF := map[string]int{}
	var t, cand *string
	var df, candDF *int
	if _, err := pgx.ForEachRow(rows, []any{&st.Docs, &t, &df, &cand, &candDF}, func() error {
		switch {
		case t == nil:
		case df != nil:
			st.DF[*t] = *df
		case cand != nil && *candDF > bestDF[*t] && kb.WithinOneEdit(*t, *cand):
			st.Similar[*t], bestDF[*t] = *cand, *candDF
		}
		return nil
	}); err != nil {
		return st, fmt.Errorf("postgres: term stats: %w", err)
	}
	return st, nil
}

func distinct(terms []string) []string {
	out := make([]string, 0, len(terms))
	for _, t := range terms {
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// cachedBlock is a decoded postings block, valid as long as the stored
// block has its version.
type cachedBlock struct {
	version int64
	ps      []posting
}

// blockCache keeps the decoded postings blocks of the terms searched
// most recently, up to a number of postings. It is only a cache: every
// search reads the current versions of its terms' blocks from the
// database and uses a cached block only when its version is current, so
// an edit made by any process is seen at once.
type blockCache struct {
	mu    sync.Mutex
	max   int // postings
	size  int
	terms map[termKey]*list.Element // of *cachedTerm
	lru   list.List                 // most recently used first
}

type cachedTerm struct {
	key    termKey
	blocks []*cachedBlock
	size   int
}

func newBlockCache(maxPostings int) *blockCache {
	return &blockCache{max: maxPostings, terms: map[termKey]*list.Element{}}
}

// lookup returns the cached blocks of the terms by version.
func (c *blockCache) lookup(lang string, terms []string) map[int64]*cachedBlock {
	out := map[int64]*cachedBlock{}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, t := range terms {
		if el, ok := c.terms[termKey{lang, t}]; ok {
			c.lru.MoveToFront(el)
			for _, b := range el.Value.(*cachedTerm).blocks {
				out[b.version] = b
			}
		}
	}
	return out
}

// store records the current blocks of a term, replacing what was cached,
// and evicts the least recently used terms beyond the budget.
func (c *blockCache) store(lang, term string, blocks []*cachedBlock) {
	k := termKey{lang, term}
	size := 0
	for _, b := range blocks {
		size += len(b.ps)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.terms[k]; ok {
		c.size -= el.Value.(*cachedTerm).size
		c.lru.Remove(el)
		delete(c.terms, k)
	}
	if len(blocks) == 0 || size > c.max/4 {
		return // nothing to keep, or a term that would crowd out the others
	}
	c.terms[k] = c.lru.PushFront(&cachedTerm{key: k, blocks: blocks, size: size})
	c.size += size
	for c.size > c.max {
		el := c.lru.Back()
		ct := el.Value.(*cachedTerm)
		c.lru.Remove(el)
		delete(c.terms, ct.key)
		c.size -= ct.size
	}
}
