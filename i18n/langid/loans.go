package langid

import "sync"

// loanPhrases are Italian administrative terms that residents writing in
// other languages use untranslated ("ku paguhet TARI", "j'ai besoin du
// permesso di soggiorno"). They are written without accents; matching folds
// the message the same way.
//
// Their features still count, but with loanWeight, whenever the message also
// has other words: otherwise two Italian nouns outvote the two foreign
// function words around them, and an Albanian or Romanian resident gets
// answered in Italian. A message made only of such terms keeps full weight,
// because then they are the only evidence, and they do point at Italian.
var loanPhrases = []string{
	"tari", "tarsu", "imu", "cie", "isee", "spid", "pagopa", "inps", "caf",
	"patronato", "questura", "prefettura", "anagrafe", "ztl", "asl",
	"comune", "municipio", "ufficio", "tributi", "sportello", "bollettino",
	"codice fiscale", "permesso di soggiorno", "carta d identita",
	"carta di identita", "tessera sanitaria", "stato di famiglia",
	"certificato di residenza", "polizia locale", "vigili urbani",
}

// loanWeight scales the evidence of loan terms in a message that also has
// other words.
const loanWeight = 0.25

// maxLoanLen is the longest phrase in loanPhrases, in words.
const maxLoanLen = 3

// loanIndex maps the folded hash of a phrase's first word to the folded
// hashes of all its words.
var loanIndex = func() map[uint64][][]uint64 {
	idx := make(map[uint64][][]uint64)
	for _, p := range loanPhrases {
		var hs []uint64
		var buf [64]rune
		words(normalize(p), buf[:], func(w []rune) { hs = append(hs, foldedHash(w)) })
		if len(hs) > maxLoanLen {
			panic("langid: loan phrase longer than maxLoanLen: " + p)
		}
		idx[hs[0]] = append(idx[hs[0]], hs)
	}
	return idx
}()

// foldedHash hashes a word with common Latin diacritics removed, without
// allocating; only loan matching needs it.
func foldedHash(w []rune) uint64 {
	h := uint64(fnvOffset)
	for _, r := range w {
		h = (h ^ uint64(foldLatin(r))) * fnvPrime
	}
	return h
}

func foldLatin(r rune) rune {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ă':
		return 'a'
	case 'ç', 'ć', 'č':
		return 'c'
	case 'è', 'é', 'ê', 'ë':
		return 'e'
	case 'ì', 'í', 'î', 'ï':
		return 'i'
	case 'ñ':
		return 'n'
	case 'ò', 'ó', 'ô', 'õ', 'ö':
		return 'o'
	case 'ù', 'ú', 'û', 'ü':
		return 'u'
	case 'ș', 'ş':
		return 's'
	case 'ț', 'ţ':
		return 't'
	}
	return r
}

type token struct {
	start, end int
	loan       bool
}

// scratch holds per-call buffers so that Detect does not allocate per word.
type scratch struct {
	runes []rune
	toks  []token
	hash  []uint64
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func (sc *scratch) tokenize(s string) {
	sc.runes, sc.toks = sc.runes[:0], sc.toks[:0]
	var buf [64]rune
	words(s, buf[:], func(w []rune) {
		sc.toks = append(sc.toks, token{start: len(sc.runes), end: len(sc.runes) + len(w)})
		sc.runes = append(sc.runes, w...)
	})
}

// markLoans flags the tokens that belong to a loan phrase and returns the
// weight their features should get.
func markLoans(sc *scratch) float64 {
	sc.hash = sc.hash[:0]
	for _, t := range sc.toks {
		sc.hash = append(sc.hash, foldedHash(sc.runes[t.start:t.end]))
	}
	loans := 0
	for i := range sc.toks {
	phrases:
		for _, p := range loanIndex[sc.hash[i]] {
			if i+len(p) > len(sc.toks) {
				continue
			}
			for j, h := range p {
				if sc.hash[i+j] != h {
					continue phrases
				}
			}
			for j := range p {
				if !sc.toks[i+j].loan {
					sc.toks[i+j].loan = true
					loans++
				}
			}
		}
	}
	if loans == len(sc.toks) {
		return 1
	}
	return loanWeight
}
