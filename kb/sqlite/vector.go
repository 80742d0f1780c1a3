package sqlite

import (
	"math"
)

// The vectors of a language are kept by dimension (cols[j][row]), not by
// row. A query vector of the default embedder has a value in about a
// third of its dimensions, and a dot product only needs those: a search
// reads those columns whole, adding each into one score per row, and
// leaves the others in memory untouched. It reads a third of the memory
// and does a third of the arithmetic of a scan of whole rows. A dense
// query (a neural embedder's) reads every column, which costs about what
// the row scan did.
//
// The scores are exactly kb.Dot's, bit for bit, not merely close: kb.Dot
// adds dimension j into the partial sum j mod 4, in increasing j, and
// adds the four sums at the end; the column scan keeps the same four
// partial sums per row and adds into each in the same order. A dimension
// where the query is zero adds a zero product, which leaves a sum as it
// was, so skipping it changes nothing. Rankings, ties included, are
// therefore those of the row scan (TestColumnScanRecall).

// lanes is the number of partial sums of kb.Dot.
const lanes = 4

// scratch is a search's reusable memory, pooled per language.
type scratch struct {
	scores  []float32        // lexical scores, one per row, zero between searches
	acc     [lanes][]float32 // kb.Dot's partial sums, one per row
	touched []int32          // rows with a non-zero lexical score
	nz      [lanes][]int     // the query's non-zero dimensions, by partial sum
}

func (li *langIndex) getScratch() *scratch {
	s, _ := li.scratch.Get().(*scratch)
	if s == nil {
		s = &scratch{}
	}
	if len(s.scores) < len(li.ids) {
		s.scores = make([]float32, len(li.ids)+len(li.ids)/8)
		for l := range s.acc {
			s.acc[l] = make([]float32, len(s.scores))
		}
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

// columnScores computes kb.Dot's partial sums for rows [from, to) from
// the query's non-zero dimensions, four columns at a time so that a sum
// is loaded and stored once per four products.
func (li *langIndex) columnScores(qv []float32, nz *[lanes][]int, acc *[lanes][]float32, from, to int) {
	for l := range lanes {
		sum := acc[l][from:to]
		clear(sum)
		dims := nz[l]
		j := 0
		for ; j+4 <= len(dims); j += 4 {
			w0, w1, w2, w3 := qv[dims[j]], qv[dims[j+1]], qv[dims[j+2]], qv[dims[j+3]]
			c0 := li.cols[dims[j]][from:to]
			c1 := li.cols[dims[j+1]][from:to]
			c2 := li.cols[dims[j+2]][from:to]
			c3 := li.cols[dims[j+3]][from:to]
			c0, c1, c2, c3 = c0[:len(sum)], c1[:len(sum)], c2[:len(sum)], c3[:len(sum)]
			for i := range sum {
				s := sum[i]
				s += w0 * c0[i]
				s += w1 * c1[i]
				s += w2 * c2[i]
				s += w3 * c3[i]
				sum[i] = s
			}
		}
		for ; j < len(dims); j++ {
			w := qv[dims[j]]
			c := li.cols[dims[j]][from:to]
			c = c[:len(sum)]
			for i := range sum {
				sum[i] += w * c[i]
			}
		}
	}
}

// columnScan returns the best k rows of [from, to) that pass the filter.
// Rows are offered in order, as the row scan offered them, so that ties
// fall the same way.
func (li *langIndex) columnScan(qv []float32, nz *[lanes][]int, f rowFilter, acc *[lanes][]float32, from, to, k int) *matchHeap {
	li.columnScores(qv, nz, acc, from, to)
	a0, a1, a2, a3 := acc[0][from:to], acc[1][from:to], acc[2][from:to], acc[3][from:to]
	a1, a2, a3 = a1[:len(a0)], a2[:len(a0)], a3[:len(a0)]
	novec := li.novec[from:to]
	novec = novec[:len(a0)]
	h := &matchHeap{}
	floor := math.Inf(-1) // the k-th best score once h is full
	for i := range a0 {
		s := float64(a0[i] + a1[i] + a2[i] + a3[i])
		if s <= floor || novec[i] || !f.ok(li.metas[from+i]) {
			continue
		}
		h.offer(scored{row: int32(from + i), score: s}, k)
		if len(*h) == k {
			floor = (*h)[0].score
		}
	}
	return h
}

// nonZero returns the dimensions where v is not zero, by the partial sum
// of kb.Dot they belong to.
func nonZero(v []float32, dst *[lanes][]int) {
	for l := range dst {
		dst[l] = dst[l][:0]
	}
	for j, x := range v {
		if x != 0 {
			dst[j%lanes] = append(dst[j%lanes], j)
		}
	}
}
