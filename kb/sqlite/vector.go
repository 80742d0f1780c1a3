package sqlite

import (
	"slices"

	"github.com/sportello/sportello/kb"
)

// The vectors of a language are kept by dimension (cols[j][row]), not by
// row. A query vector of the default embedder has a value in about a
// third of its dimensions, and a dot product only needs those: a search
// reads those columns whole, adding each into one score per row, and
// leaves the others in memory untouched. The result is exact; it reads a
// third of the memory and does a third of the arithmetic of a scan of
// whole rows. A dense query (a neural embedder's) reads every column,
// which costs about what the row scan did.

// colScanRows is the size from which a vector search scores by columns;
// below it every row is gathered and scored with kb.Dot, exactly as it
// always was, so small knowledge bases (the demo, the evaluation sets) get
// the very same scores. Gathering a row touches a cache line per
// dimension, so the bound stays where the columns fit in the CPU's cache.
const colScanRows = 512

// rerankMargin is how many rows beyond the requested ones the column scan
// keeps before scoring its best rows again with kb.Dot: the two add the
// same products in another order, so their scores may differ in the last
// bits, and the margin keeps a row the order pushed just below the cut.
const rerankMargin = 16

// scratch is a search's reusable memory, pooled per language.
type scratch struct {
	scores  []float32 // lexical scores, one per row, zero between searches
	acc     []float32 // vector scores, one per row
	touched []int32   // rows with a non-zero lexical score
	row     []float32 // one row's vector, gathered from the columns
	nz      []int     // the query's non-zero dimensions
}

func (li *langIndex) getScratch(dim int) *scratch {
	s, _ := li.scratch.Get().(*scratch)
	if s == nil {
		s = &scratch{}
	}
	if len(s.scores) < len(li.ids) {
		s.scores = make([]float32, len(li.ids)+len(li.ids)/8)
		s.acc = make([]float32, len(s.scores))
	}
	if len(s.row) != dim {
		s.row = make([]float32, dim)
	}
	return s
}

// appendRow adds a row's vector at the end of the columns.
func (li *langIndex) appendRow(dim int, vec []float32) {
	if li.cols == nil {
		li.cols = make([][]float32, dim)
	}
	for j := range li.cols {
		li.cols[j] = append(li.cols[j], vec[j])
	}
}

// setRow replaces the vector of row i.
func (li *langIndex) setRow(i int, vec []float32) {
	for j, c := range li.cols {
		c[i] = vec[j]
	}
}

// rowVector gathers row i's vector into dst.
func (li *langIndex) rowVector(i int, dst []float32) []float32 {
	for j, c := range li.cols {
		dst[j] = c[i]
	}
	return dst
}

// exactScan scores rows [from, to) one by one with kb.Dot.
func (li *langIndex) exactScan(qv []float32, f rowFilter, from, to, k int, row []float32) *matchHeap {
	h := &matchHeap{}
	for i := from; i < to; i++ {
		if li.novec[i] {
			continue
		}
		s := float64(kb.Dot(qv, li.rowVector(i, row)))
		if len(*h) == k && s <= (*h)[0].score || !f.ok(li.metas[i]) {
			continue
		}
		h.offer(scored{row: int32(i), score: s}, k)
	}
	return h
}

// columnScores adds into scores[from:to] the products of the query's
// non-zero dimensions nz, four columns at a time so that each score is
// loaded and stored once per four products.
func (li *langIndex) columnScores(qv []float32, nz []int, scores []float32, from, to int) {
	acc := scores[from:to]
	clear(acc)
	j := 0
	for ; j+4 <= len(nz); j += 4 {
		w0, w1, w2, w3 := qv[nz[j]], qv[nz[j+1]], qv[nz[j+2]], qv[nz[j+3]]
		c0 := li.cols[nz[j]][from:to]
		c1 := li.cols[nz[j+1]][from:to]
		c2 := li.cols[nz[j+2]][from:to]
		c3 := li.cols[nz[j+3]][from:to]
		c0, c1, c2, c3 = c0[:len(acc)], c1[:len(acc)], c2[:len(acc)], c3[:len(acc)]
		for i := range acc {
			acc[i] += w0*c0[i] + w1*c1[i] + w2*c2[i] + w3*c3[i]
		}
	}
	for ; j < len(nz); j++ {
		w := qv[nz[j]]
		c := li.cols[nz[j]][from:to]
		c = c[:len(acc)]
		for i := range acc {
			acc[i] += w * c[i]
		}
	}
}

// columnScan scores rows [from, to) by columns and keeps the best k +
// rerankMargin that pass the filter, by their column score.
func (li *langIndex) columnScan(qv []float32, nz []int, f rowFilter, scores []float32, from, to, k int) *matchHeap {
	li.columnScores(qv, nz, scores, from, to)
	h := &matchHeap{}
	k += rerankMargin
	for i := from; i < to; i++ {
		s := float64(scores[i])
		if len(*h) == k && s <= (*h)[0].score || li.novec[i] || !f.ok(li.metas[i]) {
			continue
		}
		h.offer(scored{row: int32(i), score: s}, k)
	}
	return h
}

// rerank scores the matches of h again with kb.Dot, so that the scores a
// search returns are those of the exact row scan, and keeps the best k.
func (li *langIndex) rerank(qv []float32, h matchHeap, k int, row []float32) []kb.Match {
	for i := range h {
		h[i].score = float64(kb.Dot(qv, li.rowVector(int(h[i].row), row)))
	}
	slices.SortFunc(h, func(a, b scored) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return int(a.row) - int(b.row)
	})
	out := make([]kb.Match, min(k, len(h)))
	for i := range out {
		out[i] = kb.Match{EntryID: li.metas[h[i].row].id, Score: h[i].score}
	}
	return out
}

// nonZero returns the dimensions where v is not zero.
func nonZero(v []float32, dst []int) []int {
	dst = dst[:0]
	for j, x := range v {
		if x != 0 {
			dst = append(dst, j)
		}
	}
	return dst
}
