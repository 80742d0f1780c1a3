package postgres

import (
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
)

// The lexical index lives in three tables, all written in the import's
// transaction (see migrations/0002_lexical.sql):
//
//   - lexicon_stats: per language, the number of variants and the sums of
//     their phrase and answer lengths, for BM25's averages;
//   - lexicon: per language and term, the number of variants containing
//     it (its document frequency), which is also the vocabulary that typo
//     correction searches;
//   - postings: per language and term, the variants containing it, in
//     blocks of at most maxBlock postings ordered by variant id. A block
//     is one row whose data packs, per variant, the id (as the gap from
//     the previous one), the term frequencies in the phrasings and in the
//     answer, and the two lengths, each as a varint: what BM25F needs,
//     with no other lookup. Every write of a block gives it a new version
//     from a sequence, so a decoded block can be cached by version.
//
// One row per posting (the first design) made a search read as many rows
// as the query's terms have postings, tens of thousands at 50,000 entries;
// blocks make it a few hundred rows of a few kilobytes.

// maxBlock is the most postings a block holds; a larger one is split.
const maxBlock = 512

// posting is one variant in a term's postings.
type posting struct {
	id         int64
	tfP, tfA   uint16 // occurrences in the phrasings, in the answer
	lenP, lenA uint16 // number of terms of the phrasings, of the answer
}

// encodeBlock packs postings sorted by id.
func encodeBlock(ps []posting) []byte {
	b := make([]byte, 0, 6*len(ps))
	prev := ps[0].id
	for _, p := range ps {
		b = binary.AppendUvarint(b, uint64(p.id-prev))
		b = binary.AppendUvarint(b, uint64(p.tfP))
		b = binary.AppendUvarint(b, uint64(p.tfA))
		b = binary.AppendUvarint(b, uint64(p.lenP))
		b = binary.AppendUvarint(b, uint64(p.lenA))
		prev = p.id
	}
	return b
}

var errCorruptBlock = errors.New("corrupt postings block")

// decodeBlock unpacks the n postings of a block starting at first.
func decodeBlock(first int64, n int, b []byte) ([]posting, error) {
	ps := make([]posting, n)
	id := first
	for i := range ps {
		var f [5]uint64
		for j := range f {
			x, k := binary.Uvarint(b)
			if k <= 0 {
				return nil, errCorruptBlock
			}
			f[j], b = x, b[k:]
		}
		if f[1] > math.MaxUint16 || f[2] > math.MaxUint16 || f[3] > math.MaxUint16 || f[4] > math.MaxUint16 {
			return nil, errCorruptBlock
		}
		id += int64(f[0])
		ps[i] = posting{id: id, tfP: uint16(f[1]), tfA: uint16(f[2]), lenP: uint16(f[3]), lenA: uint16(f[4])}
	}
	if len(b) != 0 {
		return nil, errCorruptBlock
	}
	return ps, nil
}

// docTerms is what one variant puts in the lexical index: its distinct
// terms with their frequencies, and its lengths.
type docTerms struct {
	terms      []string
	tfP, tfA   []int32
	lenP, lenA int
}

func newDocTerms(phrases, answer []string) *docTerms {
	terms, tfP, tfA := termFreqs(phrases, answer)
	return &docTerms{terms: terms, tfP: tfP, tfA: tfA, lenP: len(phrases), lenA: len(answer)}
}

// parseDocTerms reads the terms of a variant as the variants table keeps
// them, space-separated.
func parseDocTerms(phrases, answer string) *docTerms {
	return newDocTerms(strings.Fields(phrases), strings.Fields(answer))
}

func (d *docTerms) equal(o *docTerms) bool {
	return d.lenP == o.lenP && d.lenA == o.lenA && slices.Equal(d.terms, o.terms) &&
		slices.Equal(d.tfP, o.tfP) && slices.Equal(d.tfA, o.tfA)
}

// termFreqs counts each distinct term's occurrences in the phrasings and
// in the answer, in order of first appearance.
func termFreqs(phrases, answer []string) (terms []string, tfP, tfA []int32) {
	pos := map[string]int{}
	add := func(t string, inPhrase bool) {
		i, ok := pos[t]
		if !ok {
			i = len(terms)
			pos[t] = i
			terms, tfP, tfA = append(terms, t), append(tfP, 0), append(tfA, 0)
		}
		if inPhrase {
			tfP[i]++
		} else {
			tfA[i]++
		}
	}
	for _, t := range phrases {
		add(t, true)
	}
	for _, t := range answer {
		add(t, false)
	}
	return terms, tfP, tfA
}

// lexChange is what a write does to one variant: old is nil when the
// variant is new, new is nil when it is removed. A new variant's id is
// larger than every id already in the index: ids come from a sequence and
// imports take turns (the import lock).
type lexChange struct {
	id       int64
	lang     string
	old, new *docTerms
}

type termKey struct{ lang, term string }

// termEdit collects what a write does to one term's postings.
type termEdit struct {
	remove   []int64   // variants whose posting goes (before put)
	put      []posting // postings added or replaced
	existing []int64   // ids of variants that existed before the write
	appends  bool      // a new variant gets a posting
	df       int       // change of the document frequency
}

// applyLexical brings the lexical index in line with changes, inside tx.
func applyLexical(ctx context.Context, tx pgx.Tx, changes []lexChange) error {
	edits := map[termKey]*termEdit{}
	edit := func(k termKey) *termEdit {
		e := edits[k]
		if e == nil {
			e = &termEdit{}
			edits[k] = e
		}
		return e
	}
	type langDelta struct{ docs, lenP, lenA int64 }
	stats := map[string]*langDelta{}
	for _, c := range changes {
		if c.old != nil && c.new != nil && c.old.equal(c.new) {
			continue
		}
		st := stats[c.lang]
		if st == nil {
			st = &langDelta{}
			stats[c.lang] = st
		}
		if c.old != nil {
			st.docs--
			st.lenP -= int64(c.old.lenP)
			st.lenA -= int64(c.old.lenA)
			for _, t := range c.old.terms {
				e := edit(termKey{c.lang, t})
				e.remove = append(e.remove, c.id)
				e.existing = append(e.existing, c.id)
				e.df--
			}
		}
		if c.new != nil {
			if c.new.lenP > math.MaxUint16 || c.new.lenA > math.MaxUint16 {
				return fmt.Errorf("variant %d has too many terms to index", c.id)
			}
			st.docs++
			st.lenP += int64(c.new.lenP)
			st.lenA += int64(c.new.lenA)
			for i, t := range c.new.terms {
				e := edit(termKey{c.lang, t})
				e.put = append(e.put, posting{id: c.id, tfP: uint16(c.new.tfP[i]), tfA: uint16(c.new.tfA[i]),
					lenP: uint16(c.new.lenP), lenA: uint16(c.new.lenA)})
				if c.old != nil {
					e.existing = append(e.existing, c.id)
				} else {
					e.appends = true
				}
				e.df++
			}
		}
	}
	if len(edits) == 0 {
		return nil
	}
	blocks, err := loadBlocks(ctx, tx, edits)
	if err != nil {
		return err
	}
	var gone [][]any // (lang, term, first_id) of rewritten or emptied blocks
	var fresh [][]any
	for k, e := range edits {
		bs := blocks[k]
		dirty := rewriteTerm(&bs, e)
		for _, b := range dirty.old {
			gone = append(gone, []any{k.lang, k.term, b})
		}
		for _, b := range dirty.blocks {
			fresh = append(fresh, []any{k.lang, k.term, b.ps[0].id, int32(len(b.ps)), encodeBlock(b.ps)})
		}
	}
	if len(gone) > 0 {
		langs, terms, firsts := columns3(gone)
		if _, err := tx.Exec(ctx, `DELETE FROM postings p USING unnest($1::text[], $2::text[], $3::bigint[]) AS d(lang, term, first_id)
			WHERE p.lang = d.lang AND p.term = d.term AND p.first_id = d.first_id`, langs, terms, firsts); err != nil {
			return fmt.Errorf("remove postings blocks: %w", err)
		}
	}
	if len(fresh) > 0 {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"postings"}, []string{"lang", "term", "first_id", "n", "data"}, pgx.CopyFromRows(fresh)); err != nil {
			return fmt.Errorf("write postings blocks: %w", err)
		}
	}
	var dLangs, dTerms []string
	var dDF []int32
	for k, e := range edits {
		if e.df != 0 {
			dLangs, dTerms, dDF = append(dLangs, k.lang), append(dTerms, k.term), append(dDF, int32(e.df))
		}
	}
	if len(dLangs) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO lexicon AS l (lang, term, df) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
			ON CONFLICT (lang, term) DO UPDATE SET df = l.df + excluded.df`, dLangs, dTerms, dDF); err != nil {
			return fmt.Errorf("update the lexicon: %w", err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM lexicon l USING unnest($1::text[], $2::text[]) AS d(lang, term)
			WHERE l.lang = d.lang AND l.term = d.term AND l.df <= 0`, dLangs, dTerms); err != nil {
			return fmt.Errorf("update the lexicon: %w", err)
		}
	}
	for lang, d := range stats {
		if _, err := tx.Exec(ctx, `INSERT INTO lexicon_stats AS s (lang, docs, len_p, len_a) VALUES ($1, $2, $3, $4)
			ON CONFLICT (lang) DO UPDATE SET docs = s.docs + excluded.docs, len_p = s.len_p + excluded.len_p, len_a = s.len_a + excluded.len_a`,
			lang, d.docs, d.lenP, d.lenA); err != nil {
			return fmt.Errorf("update the lexicon statistics: %w", err)
		}
	}
	return nil
}

func columns3(rows [][]any) (langs, terms []string, firsts []int64) {
	for _, r := range rows {
		langs, terms, firsts = append(langs, r[0].(string)), append(terms, r[1].(string)), append(firsts, r[2].(int64))
	}
	return langs, terms, firsts
}

// block is a decoded postings block; first is its key as stored (0 for a
// block not stored yet).
type block struct {
	first int64
	ps    []posting
}

// wholeTerm is the number of changed existing variants of a term from
// which loadBlocks reads all of the term's blocks rather than finding
// each variant's.
const wholeTerm = 8

// loadBlocks reads, for every edited term, the stored blocks that the
// edit may change: those holding the variants that existed before, the
// first one (a variant smaller than every stored id goes there) and the
// last one (new variants go there), sorted by first id.
func loadBlocks(ctx context.Context, tx pgx.Tx, edits map[termKey]*termEdit) (map[termKey][]block, error) {
	// A language with no statistics has no blocks to read: the first
	// import of a language (or of the whole knowledge base) skips the
	// look-ups, one per term, that would find nothing.
	var langs []string
	for k := range edits {
		if !slices.Contains(langs, k.lang) {
			langs = append(langs, k.lang)
		}
	}
	rows, err := tx.Query(ctx, `SELECT lang FROM lexicon_stats WHERE lang = ANY($1::text[])`, langs)
	if err != nil {
		return nil, fmt.Errorf("read postings blocks: %w", err)
	}
	indexed, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("read postings blocks: %w", err)
	}
	var allL, allT []string
	var probeL, probeT []string
	var probeID []int64
	for k, e := range edits {
		if !slices.Contains(indexed, k.lang) {
			continue
		}
		ids := slices.Compact(slices.Sorted(slices.Values(e.existing)))
		if len(ids) > wholeTerm {
			allL, allT = append(allL, k.lang), append(allT, k.term)
			continue
		}
		for _, id := range ids {
			probeL, probeT, probeID = append(probeL, k.lang), append(probeT, k.term), append(probeID, id)
		}
		if e.appends || len(ids) > 0 {
			probeL, probeT, probeID = append(probeL, k.lang), append(probeT, k.term), append(probeID, math.MaxInt64)
		}
	}
	out := map[termKey][]block{}
	seen := map[termKey]map[int64]bool{}
	collect := func(rows pgx.Rows) error {
		var lang, term string
		var first int64
		var n int32
		var data []byte
		_, err := pgx.ForEachRow(rows, []any{&lang, &term, &first, &n, &data}, func() error {
			k := termKey{lang, term}
			if seen[k] == nil {
				seen[k] = map[int64]bool{}
			}
			if seen[k][first] {
				return nil
			}
			seen[k][first] = true
			ps, err := decodeBlock(first, int(n), data)
			if err != nil {
				return fmt.Errorf("%s %q block %d: %w", lang, term, first, err)
			}
			out[k] = append(out[k], block{first: first, ps: ps})
			return nil
		})
		return err
	}
	if len(allL) > 0 {
		rows, err := tx.Query(ctx, `SELECT p.lang, p.term, p.first_id, p.n, p.data FROM postings p
			JOIN unnest($1::text[], $2::text[]) AS u(lang, term) ON p.lang = u.lang AND p.term = u.term`, allL, allT)
		if err != nil {
			return nil, fmt.Errorf("read postings blocks: %w", err)
		}
		if err := collect(rows); err != nil {
			return nil, fmt.Errorf("read postings blocks: %w", err)
		}
	}
	if len(probeL) > 0 {
		// For each (term, id): the block with the largest first id not
		// above id, and the term's first block.
		rows, err := tx.Query(ctx, `SELECT b.lang, b.term, b.first_id, b.n, b.data
			FROM unnest($1::text[], $2::text[], $3::bigint[]) AS u(lang, term, id)
			CROSS JOIN LATERAL (
				(SELECT * FROM postings p WHERE p.lang = u.lang AND p.term = u.term AND p.first_id <= u.id ORDER BY p.first_id DESC LIMIT 1)
				UNION ALL
				(SELECT * FROM postings p WHERE p.lang = u.lang AND p.term = u.term ORDER BY p.first_id LIMIT 1)) b`,
			probeL, probeT, probeID)
		if err != nil {
			return nil, fmt.Errorf("read postings blocks: %w", err)
		}
		if err := collect(rows); err != nil {
			return nil, fmt.Errorf("read postings blocks: %w", err)
		}
	}
	for k, bs := range out {
		slices.SortFunc(bs, func(a, b block) int { return cmp.Compare(a.first, b.first) })
		out[k] = bs
	}
	return out, nil
}

// rewritten is what rewriteTerm changed: the first ids of the stored
// blocks to delete, and the blocks to store in their place.
type rewritten struct {
	old    []int64
	blocks []block
}

// rewriteTerm applies e to a term's loaded blocks (sorted, the stored
// ones that e can touch) and returns the blocks to replace. Blocks never
// overlap: a variant goes into the block with the largest first id not
// above its own, or the first block.
func rewriteTerm(bs *[]block, e *termEdit) rewritten {
	blocks := *bs
	dirty := map[int]bool{}
	find := func(id int64) int {
		i, _ := slices.BinarySearchFunc(blocks, id, func(b block, id int64) int { return cmp.Compare(b.first, id+1) })
		return max(0, i-1) // the last block whose first id is <= id, or the first
	}
	for _, id := range e.remove {
		if len(blocks) == 0 {
			break
		}
		i := find(id)
		ps := blocks[i].ps
		if j, ok := slices.BinarySearchFunc(ps, id, func(p posting, id int64) int { return cmp.Compare(p.id, id) }); ok {
			blocks[i].ps = slices.Delete(ps, j, j+1)
			dirty[i] = true
		}
	}
	for _, p := range e.put {
		if len(blocks) == 0 {
			blocks = append(blocks, block{})
		}
		i := find(p.id)
		ps := blocks[i].ps
		j, ok := slices.BinarySearchFunc(ps, p.id, func(q posting, id int64) int { return cmp.Compare(q.id, id) })
		if ok {
			ps[j] = p
		} else {
			ps = slices.Insert(ps, j, p)
		}
		blocks[i].ps = ps
		dirty[i] = true
	}
	var out rewritten
	for i, b := range blocks {
		if !dirty[i] {
			continue
		}
		if b.first != 0 {
			out.old = append(out.old, b.first)
		}
		// A block grown past maxBlock is cut into equal parts.
		parts := (len(b.ps) + maxBlock - 1) / maxBlock
		for k := range parts {
			lo, hi := k*len(b.ps)/parts, (k+1)*len(b.ps)/parts
			out.blocks = append(out.blocks, block{ps: b.ps[lo:hi]})
		}
	}
	*bs = blocks
	return out
}

// rebuildLexical rebuilds the whole lexical index from the variants
// table, inside tx: after the migration that introduced it, on a
// database that had variants already.
func rebuildLexical(ctx context.Context, tx pgx.Tx) error {
	if _, err := tx.Exec(ctx, `TRUNCATE lexicon_stats, lexicon, postings`); err != nil {
		return fmt.Errorf("rebuild the lexical index: %w", err)
	}
	rows, err := tx.Query(ctx, `SELECT id, lang, phrase_terms, answer_terms FROM variants ORDER BY id`)
	if err != nil {
		return fmt.Errorf("rebuild the lexical index: %w", err)
	}
	var changes []lexChange
	var id int64
	var lang, phrases, answer string
	if _, err := pgx.ForEachRow(rows, []any{&id, &lang, &phrases, &answer}, func() error {
		changes = append(changes, lexChange{id: id, lang: lang, new: parseDocTerms(phrases, answer)})
		return nil
	}); err != nil {
		return fmt.Errorf("rebuild the lexical index: %w", err)
	}
	if err := applyLexical(ctx, tx, changes); err != nil {
		return fmt.Errorf("rebuild the lexical index: %w", err)
	}
	return nil
}
