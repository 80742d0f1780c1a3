package sqlite

import (
	"container/heap"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sportello/sportello/kb"
)

// entryMeta holds the fields retrieval filters on. All variants of an
// entry share one, replaced whole when the entry is saved.
type entryMeta struct {
	id, status, agency string
	from, until        int64 // Unix seconds, ±inf when open
	shared             bool  // found by every agency's searches (kb/shared.go)

	// overrides is the entry's Overrides, for apply to keep the index's
	// adoptions; only metaOf sets it, the rows loaded at Open leaving it
	// empty (loadAdoptions reads entry_list instead).
	overrides string
}

func metaOf(e *kb.Entry) *entryMeta {
	m := &entryMeta{id: e.ID, status: string(e.Status), agency: e.Agency, from: math.MinInt64, until: math.MaxInt64, shared: e.Shared,
		overrides: e.Overrides}
	if e.ValidFrom != nil {
		m.from = e.ValidFrom.Unix()
	}
	if e.ValidUntil != nil {
		m.until = e.ValidUntil.Unix()
	}
	return m
}

// indexRow is one variant as the index holds it.
type indexRow struct {
	id              int64
	lang            string
	phrases, answer []string // analysed terms
	vec             []float32
	novec           bool // vec is not the store's embedder's: vector search leaves the row out
	meta            *entryMeta
}

// indexChange is what one committed save does to the index.
type indexChange struct {
	meta    *entryMeta
	upserts []indexRow
	removes []indexRow
}

// index is the in-memory search index of the embedded store: per language,
// BM25 postings over the analysed terms and the vectors, kept by dimension
// for an exact scan (vector.go). SQLite keeps the rows; the index is
// rebuilt from them at start. An exact scan of 50,000 rows per language
// takes under 2 ms of CPU, needs no tuning and has perfect recall;
// postings make lexical search cost what the query's terms cost, whatever
// the size of the knowledge base.
type index struct {
	dim   int
	mu    sync.RWMutex
	langs map[string]*langIndex

	// entries holds decoded entries for Get and the retriever's hits;
	// apply drops the saved ones.
	entries entryCache

	// adoptions maps overrides to their originals (adoptions.go).
	adoptions adoptions
}

type langIndex struct {
	ids     []int64
	metas   []*entryMeta
	cols    [][]float32 // the vectors by dimension: cols[j][row]
	novec   []bool      // rows waiting to be re-embedded
	phrases [][]uint32
	answer  [][]uint32
	pos     map[int64]int
	byEntry map[string]int // entry id → row, for the terms of a hit

	dict  map[string]uint32
	words []string

	// Postings are derived from phrases and answer; a change marks them
	// stale and the next search rebuilds them, so a bulk import pays once.
	stale    bool
	post     [][]posting
	lenP     []float32
	lenA     []float32
	avgP     float32
	avgA     float32
	vocab    []string  // sorted words with postings, for typo correction
	scratch  sync.Pool // of *scratch, reused by lexical and vector searches
	rebuildM sync.Mutex
}

type posting struct {
	row      int32
	tfP, tfA uint16
}

func newIndex(dim int) *index {
	return &index{dim: dim, langs: map[string]*langIndex{}}
}

func (ix *index) lang(l string) *langIndex {
	li := ix.langs[l]
	if li == nil {
		li = &langIndex{pos: map[int64]int{}, byEntry: map[string]int{}, dict: map[string]uint32{}}
		ix.langs[l] = li
	}
	return li
}

func (li *langIndex) termIDs(terms []string) []uint32 {
	out := make([]uint32, len(terms))
	for i, t := range terms {
		id, ok := li.dict[t]
		if !ok {
			id = uint32(len(li.words))
			li.dict[t] = id
			li.words = append(li.words, t)
		}
		out[i] = id
	}
	return out
}

// put adds or replaces one row; the caller holds the write lock or owns ix.
func (ix *index) put(r indexRow) {
	li := ix.lang(r.lang)
	li.stale = true
	p, a := li.termIDs(r.phrases), li.termIDs(r.answer)
	if i, ok := li.pos[r.id]; ok {
		li.setRow(i, r.vec)
		li.metas[i], li.phrases[i], li.answer[i], li.novec[i] = r.meta, p, a, r.novec
		li.byEntry[r.meta.id] = i
		return
	}
	li.pos[r.id] = len(li.ids)
	li.byEntry[r.meta.id] = len(li.ids)
	li.ids = append(li.ids, r.id)
	li.metas = append(li.metas, r.meta)
	li.appendRow(ix.dim, r.vec)
	li.novec = append(li.novec, r.novec)
	li.phrases = append(li.phrases, p)
	li.answer = append(li.answer, a)
}

// remove deletes one row by moving the last row into its place.
func (ix *index) remove(r indexRow) {
	li := ix.langs[r.lang]
	if li == nil {
		return
	}
	i, ok := li.pos[r.id]
	if !ok {
		return
	}
	li.stale = true
	delete(li.byEntry, li.metas[i].id)
	last := len(li.ids) - 1
	if i != last {
		li.ids[i], li.metas[i], li.phrases[i], li.answer[i] = li.ids[last], li.metas[last], li.phrases[last], li.answer[last]
		for _, c := range li.cols {
			c[i] = c[last]
		}
		li.novec[i] = li.novec[last]
		li.pos[li.ids[i]] = i
		li.byEntry[li.metas[i].id] = i
	}
	li.ids, li.metas, li.novec = li.ids[:last], li.metas[:last], li.novec[:last]
	for j, c := range li.cols {
		li.cols[j] = c[:last]
	}
	li.phrases, li.answer = li.phrases[:last], li.answer[:last]
	delete(li.pos, r.id)
}

// apply makes committed changes visible to searches. A save rewrites
// every variant of its entry, so all of them get the new filter fields.
// The changed languages' postings are rebuilt before the lock is released,
// so no citizen's question pays for an editor's import.
func (ix *index) apply(changes []indexChange) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ids := make([]string, len(changes))
	for i, c := range changes {
		ids[i] = c.meta.id
	}
	ix.entries.invalidate(ids)
	for _, c := range changes {
		ix.adoptions.set(c.meta.id, c.meta.overrides)
		for _, r := range c.removes {
			ix.remove(r)
		}
		for _, r := range c.upserts {
			r.meta = c.meta
			ix.put(r)
		}
	}
	ix.refresh()
}

// refresh rebuilds every stale language's postings; the caller holds the
// write lock or owns ix.
func (ix *index) refresh() {
	for _, li := range ix.langs {
		li.fresh()
	}
}

// fresh returns li with current postings, rebuilding them if stale. The
// caller holds the read lock, which keeps rows from changing meanwhile.
func (li *langIndex) fresh() *langIndex {
	li.rebuildM.Lock()
	defer li.rebuildM.Unlock()
	if !li.stale && li.post != nil {
		return li
	}
	post := make([][]posting, len(li.words))
	lenP, lenA := make([]float32, len(li.ids)), make([]float32, len(li.ids))
	var sumP, sumA float64
	tf := map[uint32][2]uint16{}
	for row := range li.ids {
		clear(tf)
		for _, t := range li.phrases[row] {
			c := tf[t]
			c[0]++
			tf[t] = c
		}
		for _, t := range li.answer[row] {
			c := tf[t]
			c[1]++
			tf[t] = c
		}
		for t, c := range tf {
			post[t] = append(post[t], posting{row: int32(row), tfP: c[0], tfA: c[1]})
		}
		lenP[row], lenA[row] = float32(len(li.phrases[row])), float32(len(li.answer[row]))
		sumP += float64(lenP[row])
		sumA += float64(lenA[row])
	}
	var vocab []string
	for t, p := range post {
		if len(p) > 0 {
			vocab = append(vocab, li.words[t])
		}
	}
	slices.Sort(vocab)
	n := float32(max(1, len(li.ids)))
	li.post, li.lenP, li.lenA, li.vocab = post, lenP, lenA, vocab
	li.avgP, li.avgA = max(1, float32(sumP)/n), max(1, float32(sumA)/n)
	li.stale = false
	return li
}

// BM25F parameters: the usual k1 and b, and field weights under which a
// term in the question or an alternate phrasing counts four times one in
// the answer.
const (
	bm25K1       = 1.2
	bm25B        = 0.75
	phraseWeight = 4.0
	answerWeight = 1.0
)

type rowFilter struct {
	at          int64
	agency      string
	unpublished bool
}

func filterOf(f kb.Filter) rowFilter {
	at := f.At
	if at.IsZero() {
		at = time.Now()
	}
	return rowFilter{at: at.Unix(), agency: f.Agency, unpublished: f.Unpublished}
}

func (f rowFilter) ok(m *entryMeta) bool {
	if m.status == string(kb.StatusArchived) || !f.unpublished && m.status != string(kb.StatusPublished) {
		return false
	}
	return m.from <= f.at && f.at < m.until && (f.agency == "" || f.agency == m.agency || m.shared)
}

// lexical ranks the language's rows by BM25F over the query terms. The
// filter is checked only for a row whose score would enter the best ones
// so far, not for every row a term touches.
func (ix *index) lexical(q kb.LexicalQuery) []kb.Match {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	li := ix.langs[q.Lang]
	if li == nil || len(li.ids) == 0 {
		return nil
	}
	li = li.fresh()
	f := filterOf(q.Filter)
	sc := li.getScratch()
	defer li.scratch.Put(sc)
	scores, touched := sc.scores, sc.touched[:0]
	n := float64(len(li.ids))
	var seen [16]uint32
	done := seen[:0]
	for _, t := range q.Terms {
		id, ok := li.dict[t]
		if !ok || slices.Contains(done, id) || len(li.post[id]) == 0 {
			continue
		}
		done = append(done, id)
		ps := li.post[id]
		idf := float32(math.Log(1 + (n-float64(len(ps))+0.5)/(float64(len(ps))+0.5)))
		for _, p := range ps {
			w := phraseWeight*float32(p.tfP)/(1-bm25B+bm25B*li.lenP[p.row]/li.avgP) +
				answerWeight*float32(p.tfA)/(1-bm25B+bm25B*li.lenA[p.row]/li.avgA)
			if scores[p.row] == 0 {
				touched = append(touched, p.row)
			}
			scores[p.row] += idf * w / (bm25K1 + w)
		}
	}
	h := &matchHeap{}
	for _, row := range touched {
		s := float64(scores[row])
		scores[row] = 0
		if len(*h) == q.Limit && s <= (*h)[0].score || !f.ok(li.metas[row]) {
			continue
		}
		h.offer(scored{row: row, score: s}, q.Limit)
	}
	sc.touched = touched
	return li.topK(h, q.Limit)
}

// terms returns the analysed terms the index holds for the entry id's
// variant in lang, as kb.IndexTerms made them when it was saved.
func (ix *index) terms(id, lang string) (phrases, answer []string, ok bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	li := ix.langs[lang]
	if li == nil {
		return nil, nil, false
	}
	row, ok := li.byEntry[id]
	if !ok {
		return nil, nil, false
	}
	words := func(ids []uint32) []string {
		out := make([]string, len(ids))
		for i, t := range ids {
			out[i] = li.words[t]
		}
		return out
	}
	return words(li.phrases[row]), words(li.answer[row]), true
}

// termStats counts document frequencies and suggests corrections.
func (ix *index) termStats(lang string, terms []string) kb.TermStats {
	st := kb.TermStats{DF: map[string]int{}, Similar: map[string]string{}}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	li := ix.langs[lang]
	if li == nil {
		return st
	}
	li = li.fresh()
	st.Docs = len(li.ids)
	for _, t := range terms {
		if _, done := st.DF[t]; done {
			continue
		}
		df := 0
		if id, ok := li.dict[t]; ok {
			df = len(li.post[id])
		}
		st.DF[t] = df
		rs := []rune(t)
		if df > 0 || len(rs) < kb.MinCorrectableLen {
			continue
		}
		// Candidates share the term's first two letters: typos mostly fall
		// later in a word, and the prefix keeps the scan short.
		prefix := string(rs[:2])
		i, _ := slices.BinarySearch(li.vocab, prefix)
		best, bestDF := "", 0
		for ; i < len(li.vocab) && strings.HasPrefix(li.vocab[i], prefix); i++ {
			cand := li.vocab[i]
			if n := len(li.post[li.dict[cand]]); n > bestDF && kb.WithinOneEdit(t, cand) {
				best, bestDF = cand, n
			}
		}
		if best != "" {
			st.Similar[t] = best
		}
	}
	return st
}

// parallelRows is the size from which a vector search splits its scan
// across two goroutines; below it the goroutine costs more than it saves.
const parallelRows = 8192

// vector returns the best matches to q by cosine similarity.
func (ix *index) vector(q kb.VectorQuery) []kb.Match {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	li := ix.langs[q.Lang]
	if li == nil || len(li.ids) == 0 {
		return nil
	}
	f := filterOf(q.Filter)
	n := len(li.ids)
	sc := li.getScratch()
	defer li.scratch.Put(sc)
	nonZero(q.Vector, &sc.nz)
	if n < parallelRows {
		return li.topK(li.columnScan(q.Vector, &sc.nz, f, &sc.acc, 0, n, q.Limit), q.Limit)
	}
	half := n / 2
	var other *matchHeap
	done := make(chan struct{})
	go func() {
		other = li.columnScan(q.Vector, &sc.nz, f, &sc.acc, half, n, q.Limit)
		close(done)
	}()
	h := li.columnScan(q.Vector, &sc.nz, f, &sc.acc, 0, half, q.Limit)
	<-done
	for _, m := range *other {
		h.offer(m, q.Limit)
	}
	return li.topK(h, q.Limit)
}

// scored is a row and its score.
type scored struct {
	row   int32
	score float64
}

// matchHeap is a min-heap of the best k rows seen so far.
type matchHeap []scored

func (h matchHeap) Len() int           { return len(h) }
func (h matchHeap) Less(i, j int) bool { return h[i].score < h[j].score }
func (h matchHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *matchHeap) Push(x any)        { *h = append(*h, x.(scored)) }
func (h *matchHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func (h *matchHeap) offer(m scored, k int) {
	if len(*h) < k {
		heap.Push(h, m)
		return
	}
	if m.score > (*h)[0].score {
		(*h)[0] = m
		heap.Fix(h, 0)
	}
}

// topK empties h into matches, best first.
func (li *langIndex) topK(h *matchHeap, k int) []kb.Match {
	out := make([]kb.Match, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		m := heap.Pop(h).(scored)
		out[i] = kb.Match{EntryID: li.metas[m.row].id, Score: m.score}
	}
	if len(out) > k {
		out = out[:k]
	}
	return out
}
