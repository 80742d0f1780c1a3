package sqlite

import (
	"container/heap"
	"context"
	"sync"
	"time"

	"github.com/sportello/sportello/kb"
)

// entryMeta holds the fields retrieval filters on. All variants of an
// entry share one, replaced whole when the entry is saved.
type entryMeta struct {
	id, status, agency string
	from, until        int64 // Unix seconds, ±inf when open
}

func metaOf(e *kb.Entry) *entryMeta {
	m := &entryMeta{id: e.ID, status: string(e.Status), agency: e.Agency, from: -1 << 63, until: 1<<63 - 1}
	if e.ValidFrom != nil {
		m.from = e.ValidFrom.Unix()
	}
	if e.ValidUntil != nil {
		m.until = e.ValidUntil.Unix()
	}
	return m
}

type vectorRow struct {
	id   int64
	lang string
	vec  []float32
	meta *entryMeta
}

// vectorChange is what one committed save does to the index.
type vectorChange struct {
	meta    *entryMeta
	upserts []vectorRow
	removes []vectorRow
}

// vectorIndex is an exact, in-memory nearest-neighbour index: per language
// one contiguous matrix scanned in full. At 50,000 entries a language holds
// 50,000 rows, which two cores scan in a few milliseconds, and an exact scan
// needs no tuning and has perfect recall.
type vectorIndex struct {
	dim int
	mu  sync.RWMutex
	// langs maps a language to its rows.
	langs map[string]*langVectors
}

type langVectors struct {
	ids   []int64
	metas []*entryMeta
	data  []float32 // len(ids) * dim
	pos   map[int64]int
}

func newVectorIndex(dim int) *vectorIndex {
	return &vectorIndex{dim: dim, langs: map[string]*langVectors{}}
}

// put adds or replaces one row; the caller holds the write lock or owns ix.
func (ix *vectorIndex) put(r vectorRow) {
	lv := ix.langs[r.lang]
	if lv == nil {
		lv = &langVectors{pos: map[int64]int{}}
		ix.langs[r.lang] = lv
	}
	if i, ok := lv.pos[r.id]; ok {
		copy(lv.data[i*ix.dim:(i+1)*ix.dim], r.vec)
		lv.metas[i] = r.meta
		return
	}
	lv.pos[r.id] = len(lv.ids)
	lv.ids = append(lv.ids, r.id)
	lv.metas = append(lv.metas, r.meta)
	lv.data = append(lv.data, r.vec...)
}

// remove deletes one row by moving the last row into its place.
func (ix *vectorIndex) remove(r vectorRow) {
	lv := ix.langs[r.lang]
	if lv == nil {
		return
	}
	i, ok := lv.pos[r.id]
	if !ok {
		return
	}
	last := len(lv.ids) - 1
	if i != last {
		lv.ids[i], lv.metas[i] = lv.ids[last], lv.metas[last]
		copy(lv.data[i*ix.dim:(i+1)*ix.dim], lv.data[last*ix.dim:])
		lv.pos[lv.ids[i]] = i
	}
	lv.ids, lv.metas, lv.data = lv.ids[:last], lv.metas[:last], lv.data[:last*ix.dim]
	delete(lv.pos, r.id)
}

// apply makes committed changes visible to searches. A save rewrites
// every variant of its entry, so all of them get the new filter fields.
func (ix *vectorIndex) apply(changes []vectorChange) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, c := range changes {
		for _, r := range c.removes {
			ix.remove(r)
		}
		for _, r := range c.upserts {
			r.meta = c.meta
			ix.put(r)
		}
	}
}

// parallelRows is the size from which a search splits its scan across two
// goroutines; below it the goroutine costs more than it saves.
const parallelRows = 8192

// search returns the best matches to q by cosine similarity.
func (ix *vectorIndex) search(ctx context.Context, q kb.VectorQuery) []kb.Match {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	lv := ix.langs[q.Lang]
	if lv == nil || len(lv.ids) == 0 {
		return nil
	}
	at := q.At
	if at.IsZero() {
		at = time.Now()
	}
	f := rowFilter{at: at.Unix(), agency: q.Agency, unpublished: q.Unpublished}
	n := len(lv.ids)
	if n < parallelRows {
		return topK(ix.scan(lv, q.Vector, f, 0, n, q.Limit), q.Limit)
	}
	half := n / 2
	var other *matchHeap
	done := make(chan struct{})
	go func() {
		other = ix.scan(lv, q.Vector, f, half, n, q.Limit)
		close(done)
	}()
	h := ix.scan(lv, q.Vector, f, 0, half, q.Limit)
	<-done
	for _, m := range *other {
		h.offer(m, q.Limit)
	}
	return topK(h, q.Limit)
}

type rowFilter struct {
	at          int64
	agency      string
	unpublished bool
}

func (f rowFilter) ok(m *entryMeta) bool {
	if !f.unpublished && m.status != string(kb.StatusPublished) {
		return false
	}
	if m.status == string(kb.StatusArchived) {
		return false
	}
	return m.from <= f.at && f.at < m.until && (f.agency == "" || f.agency == m.agency)
}

func (ix *vectorIndex) scan(lv *langVectors, qv []float32, f rowFilter, from, to, k int) *matchHeap {
	h := &matchHeap{}
	dim := ix.dim
	for i := from; i < to; i++ {
		if !f.ok(lv.metas[i]) {
			continue
		}
		s := float64(kb.Dot(qv, lv.data[i*dim:(i+1)*dim]))
		h.offer(kb.Match{EntryID: lv.metas[i].id, Score: s}, k)
	}
	return h
}

// matchHeap is a min-heap of the best k matches seen so far.
type matchHeap []kb.Match

func (h matchHeap) Len() int           { return len(h) }
func (h matchHeap) Less(i, j int) bool { return h[i].Score < h[j].Score }
func (h matchHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *matchHeap) Push(x any)        { *h = append(*h, x.(kb.Match)) }
func (h *matchHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func (h *matchHeap) offer(m kb.Match, k int) {
	if len(*h) < k {
		heap.Push(h, m)
		return
	}
	if m.Score > (*h)[0].Score {
		(*h)[0] = m
		heap.Fix(h, 0)
	}
}

// topK empties h into a slice, best first.
func topK(h *matchHeap, k int) []kb.Match {
	out := make([]kb.Match, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(h).(kb.Match)
	}
	if len(out) > k {
		out = out[:k]
	}
	return out
}
