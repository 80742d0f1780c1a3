package sqlite

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/demo"
	"github.com/sportello/sportello/kb/kbgen"
)

// genIndex builds the index of one language of n generated entries, as
// kbbench and loadtest generate them, and returns it with queries asked
// in that language.
func genIndex(tb testing.TB, n int, lang string) (*index, [][]float32) {
	tb.Helper()
	base, err := demo.Entries()
	if err != nil {
		tb.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 1^0x5eed))
	gen := kbgen.Generate(rng, kbgen.Vocabulary(base), n)
	emb := kb.NewHashEmbedder(0)
	ctx := context.Background()
	ix := newIndex(emb.Dim())
	for i, e := range gen {
		v := e.Variants[lang]
		vec, err := kb.VariantVector(ctx, emb, v)
		if err != nil {
			tb.Fatal(err)
		}
		p, a := kb.IndexTerms(lang, v)
		// Every seventh entry is a draft, so that the filter matters.
		status := kb.StatusPublished
		if i%7 == 3 {
			status = kb.StatusDraft
		}
		ix.put(indexRow{id: int64(i + 1), lang: lang, phrases: p, answer: a, vec: vec,
			meta: &entryMeta{id: e.ID, status: string(status), from: -1 << 62, until: 1 << 62}})
	}
	ix.refresh()
	var qs [][]float32
	for _, q := range kbgen.Queries(rng, gen, 20*500) {
		if q.Lang != lang {
			continue
		}
		v, _ := emb.EmbedQuery(ctx, q.Text)
		qs = append(qs, v)
		if len(qs) == 500 {
			break
		}
	}
	return ix, qs
}

// TestColumnScanRecall holds the column scan to the row-by-row scan of
// kb.Dot at the size of the load test (-short: a size that still splits
// the scan in two): the same best rows, in the same order, with the same
// scores, for every query. Its log gives the recall@10.
func TestColumnScanRecall(t *testing.T) {
	n := 50000
	if testing.Short() {
		n = parallelRows + 1000
	}
	ix, qs := genIndex(t, n, "it")
	li := ix.langs["it"]
	rows := rowMajor(li, ix.dim)
	f := filterOf(kb.Filter{})
	var found, want int
	for _, k := range []int{10, 30} {
		for i, q := range qs {
			exact := rowScan(li, rows, q, f, k)
			got := ix.vector(kb.VectorQuery{Filter: kb.Filter{Lang: "it"}, Vector: q, Limit: k})
			if diff := cmp.Diff(exact, got); diff != "" {
				t.Errorf("query %d, k=%d: the column scan differs from the row scan (-want +got):\n%s", i, k, diff)
			}
			if k != 10 {
				continue
			}
			in := map[string]bool{}
			for _, m := range got {
				in[m.EntryID] = true
			}
			for _, m := range exact {
				want++
				if in[m.EntryID] {
					found++
				}
			}
		}
	}
	t.Logf("recall@10 of the column scan against the row scan: %.4f (%d queries, %d rows)", float64(found)/float64(want), len(qs), n)
}

// rowMajor copies the language's vectors into one slice, row after row,
// as the index kept them before it kept columns.
func rowMajor(li *langIndex, dim int) []float32 {
	rows := make([]float32, len(li.ids)*dim)
	for i := range li.ids {
		li.rowVector(i, rows[i*dim:(i+1)*dim])
	}
	return rows
}

// rowScan is the exact scan of whole rows with kb.Dot, the reference the
// column scan is held to.
func rowScan(li *langIndex, rows, q []float32, f rowFilter, k int) []kb.Match {
	dim := len(q)
	h := &matchHeap{}
	for i := range li.ids {
		s := float64(kb.Dot(q, rows[i*dim:(i+1)*dim]))
		if li.novec[i] || len(*h) == k && s <= (*h)[0].score || !f.ok(li.metas[i]) {
			continue
		}
		h.offer(scored{row: int32(i), score: s}, k)
	}
	return li.topK(h, k)
}

// BenchmarkVector compares, at 50,000 rows, the row scan the index did
// with the column scan it does (-cpu 1 gives the CPU time of one search).
func BenchmarkVector(b *testing.B) {
	ix, qs := genIndex(b, 50000, "it")
	li := ix.langs["it"]
	rows := rowMajor(li, ix.dim)
	f := filterOf(kb.Filter{})
	b.Run("rows", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			rowScan(li, rows, qs[i%len(qs)], f, 30)
		}
	})
	b.Run("columns", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			ix.vector(kb.VectorQuery{Filter: kb.Filter{Lang: "it"}, Vector: qs[i%len(qs)], Limit: 30})
		}
	})
}
