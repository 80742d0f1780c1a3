package langid

import (
	"math"
	"slices"
	"strings"
	"unicode"
)

// Feature kinds. Each kind has its own vocabulary, smoothing and weight,
// because a whole-word match and a single letter carry very different
// amounts of evidence.
const (
	kindWord = iota
	kindGram1
	kindGram2
	kindGram3
	kindGram4
	numKinds
)

const maxGram = 4

// Weights and smoothing were chosen by cross-validation on the embedded
// corpora (see TestCrossValidation); they are not sacred.
var (
	kindWeight = [numKinds]float64{
		kindWord:  2.5,
		kindGram1: 0.4,
		kindGram2: 0.6,
		kindGram3: 0.8,
		kindGram4: 0.6,
	}
	kindAlpha = [numKinds]float64{
		kindWord:  0.5,
		kindGram1: 0.5,
		kindGram2: 0.5,
		kindGram3: 0.5,
		kindGram4: 0.5,
	}
	// scriptWeight scales the per-letter writing-system evidence. Even a
	// small weight is decisive between scripts, which is the point: an
	// Arabic-script message is never French.
	scriptWeight = 1.0
	scriptAlpha  = 0.5
	// ownershipShare is the fraction of a language's training letters
	// that must be in a script for that script to point at the language.
	ownershipShare = 0.3
	// temperature turns summed log-likelihoods into believable
	// probabilities. Naive Bayes counts each letter several times through
	// overlapping n-grams, so raw posteriors are wildly over-confident.
	temperature = 0.15
)

// Writing systems tracked per language.
const (
	scriptOther = iota
	scriptLatin
	scriptArabic
	scriptHan
	scriptCyrillic
	scriptGreek
	scriptHebrew
	scriptKana
	scriptHangul
	scriptDevanagari
	numScripts
)

var scriptTables = [numScripts]*unicode.RangeTable{
	scriptLatin:      unicode.Latin,
	scriptArabic:     unicode.Arabic,
	scriptHan:        unicode.Han,
	scriptCyrillic:   unicode.Cyrillic,
	scriptGreek:      unicode.Greek,
	scriptHebrew:     unicode.Hebrew,
	scriptKana:       unicode.Hiragana,
	scriptHangul:     unicode.Hangul,
	scriptDevanagari: unicode.Devanagari,
}

func scriptOf(r rune) int {
	if r < 0x250 {
		return scriptLatin
	}
	for s, t := range scriptTables {
		if t != nil && unicode.Is(t, r) {
			return s
		}
	}
	if unicode.Is(unicode.Katakana, r) {
		return scriptKana
	}
	return scriptOther
}

// counts is the raw training evidence of one language.
type counts struct {
	feat   [numKinds]map[uint64]float64
	total  [numKinds]float64
	script [numScripts]float64
}

func newCounts() *counts {
	c := &counts{}
	for k := range c.feat {
		c.feat[k] = make(map[uint64]float64)
	}
	return c
}

// addText learns one line. Each word is learnt as written and, if different,
// without accents, because residents type both.
func (c *counts) addText(text string, weight float64) {
	var buf [64]rune
	words(normalizeLimit(text, 0), buf[:], func(w []rune) {
		for _, r := range w {
			if unicode.IsLetter(r) {
				c.script[scriptOf(r)] += weight
			}
		}
		add := func(k int, h uint64) {
			c.feat[k][h] += weight
			c.total[k] += weight
		}
		features(w, add)
		if f := fold(w); !equalRunes(f, w) {
			features(f, add)
		}
	})
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	boundary  = ' '
)

// features emits the hashed features of one word. Hashing keeps detection
// free of string allocations; with 64 bits, collisions among a few tens of
// thousands of features are negligible.
func features(w []rune, emit func(kind int, h uint64)) {
	if len(w) == 0 {
		return
	}
	if len(w) <= 32 {
		h := uint64(fnvOffset) ^ uint64(kindWord)
		for _, r := range w {
			h = (h ^ uint64(r)) * fnvPrime
		}
		emit(kindWord, h)
	}
	// Padded positions: -1 and len(w) are the boundary marker.
	at := func(i int) rune {
		if i < 0 || i >= len(w) {
			return boundary
		}
		return w[i]
	}
	for start := -1; start <= len(w); start++ {
		h := uint64(fnvOffset)
		for n := 1; n <= maxGram; n++ {
			end := start + n - 1
			if end > len(w) {
				break
			}
			h = (h ^ uint64(at(end))) * fnvPrime
			if n == 1 && (start < 0 || start >= len(w)) {
				// A lone boundary marker says nothing.
				continue
			}
			emit(kindGram1+n-1, h^uint64(n)<<56)
		}
	}
}

// model is the compiled, immutable scoring table of a detector.
type model struct {
	n      int
	active []bool
	row    map[uint64]int32
	// logp[row*n+lang] is the weighted log-probability of a feature.
	logp []float32
	// script[s*n+lang] is the weighted log-probability of one letter of
	// script s; scriptSeen[s] is false for scripts no language has seen,
	// which then carry no evidence either way.
	script     []float32
	scriptSeen [numScripts]bool
	// owns[s*n+lang] marks languages that are substantially written in
	// script s (see ownershipShare).
	owns []bool

	cues  map[rune][]float32
	punct map[rune][]float32
	// arabic is the index of Arabic among the languages, -1 if it is not
	// one of them; it receives Arabizi (see arabizi.go).
	arabic int
}

func compile(langs []string, sources [][]*counts) *model {
	n := len(langs)
	m := &model{n: n, active: make([]bool, n), row: make(map[uint64]int32), arabic: slices.Index(langs, "ar")}

	var total [numKinds][]float64
	var vocab [numKinds]float64
	for k := range total {
		total[k] = make([]float64, n)
	}
	scripts := make([][numScripts]float64, n)
	type entry struct {
		kind int
		c    []float64
	}
	table := make(map[uint64]*entry)
	for l, srcs := range sources {
		for _, c := range srcs {
			for k := 0; k < numKinds; k++ {
				total[k][l] += c.total[k]
				for h, v := range c.feat[k] {
					e := table[h]
					if e == nil {
						e = &entry{kind: k, c: make([]float64, n)}
						table[h] = e
						vocab[k]++
					}
					e.c[l] += v
				}
			}
			for s, v := range c.script {
				scripts[l][s] += v
			}
			if c.total[kindGram1] > 0 {
				m.active[l] = true
			}
		}
	}

	m.logp = make([]float32, 0, len(table)*n)
	for h, e := range table {
		m.row[h] = int32(len(m.logp) / n)
		k := e.kind
		for l := 0; l < n; l++ {
			p := (e.c[l] + kindAlpha[k]) / (total[k][l] + kindAlpha[k]*(vocab[k]+1))
			m.logp = append(m.logp, float32(kindWeight[k]*math.Log(p)))
		}
	}

	m.script = make([]float32, numScripts*n)
	m.owns = make([]bool, numScripts*n)
	for l := 0; l < n; l++ {
		var sum float64
		for _, v := range scripts[l] {
			sum += v
		}
		for s := 0; s < numScripts; s++ {
			m.owns[s*n+l] = sum > 0 && scripts[l][s]/sum >= ownershipShare
			if scripts[l][s] > 0 {
				m.scriptSeen[s] = true
			}
			p := (scripts[l][s] + scriptAlpha) / (sum + scriptAlpha*numScripts)
			m.script[s*n+l] = float32(scriptWeight * math.Log(p))
		}
	}

	m.cues = cueVectors(langs, diacriticCues)
	m.punct = cueVectors(langs, punctCues)
	return m
}

// cueVectors keeps the cues that concern configured languages, as score
// vectors aligned with langs.
func cueVectors(langs []string, table map[rune][]cue) map[rune][]float32 {
	out := make(map[rune][]float32)
	for r, cs := range table {
		vec := make([]float32, len(langs))
		used := false
		for _, c := range cs {
			for l, name := range langs {
				if name == c.lang {
					vec[l] += c.weight
					used = true
				}
			}
		}
		if used {
			out[r] = vec
		}
	}
	return out
}

// score returns the unnormalised log-score of every language, and false if
// the text has no letters.
func (m *model) score(text string) ([]float64, bool) {
	s := normalize(text)
	scores := make([]float64, m.n)

	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.tokenize(s)
	loanWeight := markLoans(sc)

	letters := 0
	var perScript [numScripts]int
	for _, tok := range sc.toks {
		w := sc.runes[tok.start:tok.end]
		weight := 1.0
		if tok.loan {
			weight = loanWeight
		}
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
				perScript[scriptOf(r)]++
			}
			if cue, ok := m.cues[r]; ok {
				for l, v := range cue {
					scores[l] += weight * float64(v)
				}
			}
		}
		features(w, func(_ int, h uint64) {
			row, ok := m.row[h]
			if !ok {
				return
			}
			lp := m.logp[int(row)*m.n : int(row)*m.n+m.n]
			for l, v := range lp {
				scores[l] += weight * float64(v)
			}
		})
	}
	if letters == 0 {
		return nil, false
	}
	for r, cue := range m.punct {
		if cnt := strings.Count(s, string(r)); cnt > 0 {
			for l, v := range cue {
				scores[l] += float64(cnt) * float64(v)
			}
		}
	}
	// A non-Latin script present in the message settles the candidates:
	// people writing Chinese or Arabic freely mix in Latin terms (pagoPA,
	// TARI, SPID), while Italian or French writers essentially never type
	// Han or Arabic letters. Letter-by-letter script likelihoods alone
	// would let a couple of long Latin acronyms outvote three Han
	// characters.
	dominant, most := -1, 0
	for sc, cnt := range perScript {
		if sc != scriptLatin && sc != scriptOther && cnt > most {
			dominant, most = sc, cnt
		}
	}
	if dominant >= 0 {
		owners := m.owns[dominant*m.n : dominant*m.n+m.n]
		if slices.Contains(owners, true) {
			for l, own := range owners {
				if !own {
					scores[l] = math.Inf(-1)
				}
			}
		}
	}
	for sc, cnt := range perScript {
		if cnt == 0 || !m.scriptSeen[sc] {
			continue
		}
		for l := 0; l < m.n; l++ {
			scores[l] += float64(cnt) * float64(m.script[sc*m.n+l])
		}
	}
	if m.arabic >= 0 && m.active[m.arabic] && looksArabizi(text) {
		// Arabic in Latin letters: the n-grams cannot know it, the
		// Arabizi marks can. Arabic leads by arabiziLead.
		best := math.Inf(-1)
		for l, v := range scores {
			if m.active[l] && l != m.arabic {
				best = max(best, v)
			}
		}
		scores[m.arabic] = max(scores[m.arabic], best+arabiziLead)
	}
	return scores, true
}

// arabiziLead is the score by which Arabizi puts Arabic ahead of the best
// other language: with the temperature of normalise, a probability of
// about 0.95 against one close rival, 0.85 against three.
const arabiziLead = 20

// normalise converts log-scores to probabilities over the active languages.
func (m *model) normalise(scores []float64) []float64 {
	probs := make([]float64, m.n)
	best := math.Inf(-1)
	for l, s := range scores {
		if m.active[l] && s > best {
			best = s
		}
	}
	if math.IsInf(best, -1) {
		return probs
	}
	var sum float64
	for l, s := range scores {
		if !m.active[l] {
			continue
		}
		probs[l] = math.Exp(temperature * (s - best))
		sum += probs[l]
	}
	for l := range probs {
		probs[l] /= sum
	}
	return probs
}

type cue struct {
	lang   string
	weight float32
}

// diacriticCues are letters whose presence is strong evidence for some
// languages even in words the corpora never saw. The n-gram model learns the
// same letters, but only inside the words it was shown.
var diacriticCues = map[rune][]cue{
	'ë': {{"sq", 3}},
	'ç': {{"fr", 1}, {"sq", 1}, {"pt", 1}},
	'ș': {{"ro", 3}}, 'ş': {{"ro", 2}},
	'ț': {{"ro", 3}}, 'ţ': {{"ro", 2}},
	'ă': {{"ro", 3}},
	'â': {{"ro", 1.5}, {"fr", 1}, {"pt", 1}},
	'î': {{"ro", 1.5}, {"fr", 1}},
	'ß': {{"de", 3}},
	'ä': {{"de", 2}}, 'ö': {{"de", 2}}, 'ü': {{"de", 2}},
	'ñ': {{"es", 3}},
	'á': {{"es", 1.5}, {"pt", 1.5}},
	'í': {{"es", 1.5}, {"pt", 1.5}},
	'ó': {{"es", 1.5}, {"pt", 1.5}},
	'ú': {{"es", 1.5}, {"pt", 1.5}},
	'é': {{"fr", 1}, {"es", 0.5}, {"it", 0.5}, {"pt", 0.5}},
	'ê': {{"fr", 1.5}, {"pt", 1.5}},
	'è': {{"fr", 1}, {"it", 1}},
	'à': {{"it", 1}, {"fr", 1}, {"pt", 0.5}},
	'ì': {{"it", 2}}, 'ò': {{"it", 2}},
	'ù': {{"it", 1}, {"fr", 1}},
	'œ': {{"fr", 3}},
	'ã': {{"pt", 3}}, 'õ': {{"pt", 3}},
}

// punctCues are punctuation marks that only one language uses.
var punctCues = map[rune][]cue{
	'¿': {{"es", 3}},
	'¡': {{"es", 3}},
}
