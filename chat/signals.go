package chat

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/analysis"
)

// Signals are what a message says about how it must be handled before any retrieval.
type Signals struct {
	// Emergency is set when the message describes a situation for 112: it
	// must never be answered from the FAQ, so recall matters more than
	// precision here.
	Emergency bool
	// Human is set when the citizen explicitly asks for a person.
	Human bool
	// Personal is set when the message is about the citizen's own file,
	// which only staff can look up.
	Personal bool
	// SmallTalk is set when the whole message is a greeting, thanks, a
	// goodbye, "how are you", "who are you", a joke or the weather: a short
	// message with no question the knowledge base could answer, which would
	// otherwise match whatever entry shares a word with it.
	SmallTalk bool
	// Cue is the folded pattern that matched first (for logs and the operator's context), "" when none did.
	// A file number shows as "<number>" rather than its digits, which are
	// personal data.
	Cue string
}

// DetectSignals checks text against the emergency, person-request and personal-case lexicons of every language.
//
// Every lexicon is tried whatever language the message was detected in:
// citizens switch languages mid-sentence and a short panicked message is
// exactly where language detection is least reliable. When several signals
// fire, Cue comes from the most urgent one (emergency, then person request,
// then personal case), because that is the one the caller acts on.
func DetectSignals(text string) Signals { return signalMatcher.detect(text) }

// signalMatcher is built once from the lexicons and only read afterwards, so
// DetectSignals is safe for concurrent use without locks.
var signalMatcher = compileSignals(signalLexicons())

// The lexicon notation, kept terse because the lexicons are long and are
// reviewed by people who know the languages rather than Go:
//
//	a|b      alternatives of a slot (or of a veto list)
//	w1 w2    a phrase: consecutive words
//	x/y      either word at this position of the phrase
//	stem*    any word starting with stem (inflection, plural, gender)
//	word?    the position may be skipped (optional article, adverb...)
//	=word    never matched with a typo: its one-typo neighbours are other
//	         words (polizia/pulizia)
//
// Patterns are folded with analysis.Fold like the messages, so they may be
// written with or without accents; an apostrophe folds to a space, so c'è
// is written "c e". Repeated letters are collapsed on both sides, and pattern
// words of sigFuzzyMin letters or more also match with one typo, because
// people type emergencies in a hurry. An alternative containing Chinese
// characters is matched as a substring, since Chinese has no spaces between
// words. Arabic proclitics are stripped from message words, so Arabic
// patterns are written without the article.

// sigRule fires when every slot has at least one matching alternative and no
// veto matches. Slots let a rule say "an event word together with a
// present-tense cue", which is what separates "there is a fire in my
// kitchen" from "fire safety certificate".
type sigRule struct {
	slots    []string
	veto     string
	maxWords int
}

// sigR builds a rule from its slots.
func sigR(slots ...string) sigRule { return sigRule{slots: slots} }

// not adds alternatives whose presence means the rule is talking about
// paperwork, rules or another sense of the word, not the event itself.
func (x sigRule) not(alts string) sigRule {
	if x.veto != "" {
		x.veto += "|"
	}
	x.veto += alts
	return x
}

// short limits the rule to messages of at most n words: a one-word
// "operatore" or "incendio!" is a request or a cry, the same word inside a
// long question usually is not.
func (x sigRule) short(n int) sigRule {
	x.maxWords = n
	return x
}

// sigLexicon holds one language's patterns.
type sigLexicon struct {
	lang                                  string
	emergency, human, personal, smallTalk []sigRule
	fileStrong, fileWeak                  string // words that make a nearby number a file number: always, or only after a marker
	numberMarks, numberNotAFileNo         string // "n.", "number"...; units, money, phones next to a number
}

type sigKind uint8

const (
	sigEmergency sigKind = iota
	sigHuman
	sigPersonal
	sigSmallTalk
	sigKinds
)

const (
	sigFileStrong uint8 = 1 << iota
	sigFileWeak
	sigMark
	sigNotAFileNo
)

const (
	// sigFuzzyMin is the shortest pattern word matched with one typo: below
	// it, one edit turns too many words into other words.
	sigFuzzyMin = 7
	// sigFuzzyMaxToken bounds the per-token work on pathological input.
	sigFuzzyMaxToken = 40
	// sigNumberWindow is how many words may separate a number from the
	// file word that makes it a file number; a number marker right before
	// the number ("n.", "nr.") makes a longer distance acceptable.
	sigNumberWindow       = 4
	sigMarkedNumberWindow = 10
)

type sigWord struct {
	text    string // folded and squeezed: what messages are compared with
	display string // folded only: what Cue shows
	stem    bool
}

type sigPhrase struct {
	elems [][]int32 // word ids acceptable at each position
	alt   int32
}

type sigHan struct {
	text string
	alt  int32
}

type sigCompiledRule struct {
	kind     sigKind
	slots    [][]int32
	veto     []int32
	maxWords int
}

// sigMatcher is the immutable, precompiled form of all lexicons. Message
// words are looked up in hash maps (exact words, every prefix for stems,
// deletion neighbourhoods for typos), so the cost per message grows with
// its length, not with the size of the lexicons.
type sigMatcher struct {
	noTypo       map[string]bool
	aliases      map[string][]string
	words        []sigWord
	exact        map[string][]int32
	stems        map[string][]int32
	fuzzyExact   map[string][]int32
	fuzzyStems   map[string][]int32
	maxFuzzyStem int
	single       [][]int32          // word id → one-word phrases of it
	byPair       map[uint64][]int32 // first two word ids → longer phrases
	phrases      []sigPhrase
	han          map[rune][]sigHan // first character → Chinese patterns
	alts         []string          // alternative id → display form for Cue
	altFlags     []uint8
	altRules     [][]int32 // alternative id → rules with it in a slot
	rules        []sigCompiledRule
}

type sigWordKey struct {
	text        string
	stem, fuzzy bool
}

type sigCompiler struct {
	m     *sigMatcher
	words map[sigWordKey]int32
	alts  map[string]int32
}

func compileSignals(lexs []sigLexicon) *sigMatcher {
	c := &sigCompiler{
		m: &sigMatcher{
			exact:      map[string][]int32{},
			stems:      map[string][]int32{},
			fuzzyExact: map[string][]int32{},
			fuzzyStems: map[string][]int32{},
			byPair:     map[uint64][]int32{},
			han:        map[rune][]sigHan{},
		},
		words: map[sigWordKey]int32{},
		alts:  map[string]int32{},
	}
	c.m.aliases = map[string][]string{}
	for _, a := range strings.Split(sigAliases, "|") {
		from, to, _ := strings.Cut(a, "=")
		// Keys are compared with squeezed message words: "nn" is seen as "n".
		from, to = sigSqueeze(from), sigSqueeze(to)
		if from != to {
			c.m.aliases[from] = append(c.m.aliases[from], to)
		}
	}
	c.m.noTypo = map[string]bool{}
	for _, w := range strings.Split(sigNoTypo, "|") {
		c.m.noTypo[sigSqueeze(analysis.Fold(w))] = true
	}
	for kind := range sigKinds {
		for _, lx := range lexs {
			rules := lx.emergency
			switch kind {
			case sigHuman:
				rules = lx.human
			case sigPersonal:
				rules = lx.personal
			case sigSmallTalk:
				rules = lx.smallTalk
			}
			for _, ru := range rules {
				c.rule(kind, ru, lx.lang)
			}
		}
	}
	for _, lx := range lexs {
		c.flag(lx.fileStrong, sigFileStrong, true)
		c.flag(lx.fileWeak, sigFileWeak, true)
		c.flag(lx.numberMarks, sigMark, false)
		c.flag(lx.numberNotAFileNo, sigNotAFileNo, false)
	}
	return c.m
}

func (c *sigCompiler) rule(kind sigKind, ru sigRule, lang string) {
	if len(ru.slots) == 0 {
		panic("chat: signal rule without slots in " + lang)
	}
	ri := int32(len(c.m.rules))
	cr := sigCompiledRule{kind: kind, maxWords: ru.maxWords}
	for _, slot := range ru.slots {
		ids := c.altList(slot, lang, true)
		for _, id := range ids {
			if !slices.Contains(c.m.altRules[id], ri) {
				c.m.altRules[id] = append(c.m.altRules[id], ri)
			}
		}
		cr.slots = append(cr.slots, ids)
	}
	if ru.veto != "" {
		// A veto matched through a typo could silence a real emergency.
		cr.veto = c.altList(ru.veto, lang, false)
	}
	c.m.rules = append(c.m.rules, cr)
}

func (c *sigCompiler) flag(list string, f uint8, fuzzy bool) {
	if list == "" {
		return
	}
	for _, id := range c.altList(list, "", fuzzy) {
		c.m.altFlags[id] |= f
	}
}

func (c *sigCompiler) altList(list, lang string, fuzzy bool) []int32 {
	var ids []int32
	for _, p := range strings.Split(list, "|") {
		p = strings.TrimSpace(p)
		if p == "" {
			panic("chat: empty signal alternative in " + lang + ": " + list)
		}
		ids = append(ids, c.alt(p, fuzzy))
	}
	return ids
}

type sigElem struct {
	ids      []int32
	optional bool
}

func (c *sigCompiler) alt(p string, fuzzy bool) int32 {
	key := p
	if !fuzzy {
		key = "=" + p
	}
	if id, ok := c.alts[key]; ok {
		return id
	}
	id := int32(len(c.m.alts))
	c.alts[key] = id
	c.m.altFlags = append(c.m.altFlags, 0)
	c.m.altRules = append(c.m.altRules, nil)
	if strings.ContainsFunc(p, analysis.IsHan) {
		f := analysis.Fold(p)
		first, _ := utf8.DecodeRuneInString(f)
		if strings.ContainsAny(p, "*/?= ") || !analysis.IsHan(first) {
			panic("chat: Chinese signal pattern must be plain characters starting with a Han character: " + p)
		}
		c.m.han[first] = append(c.m.han[first], sigHan{text: f, alt: id})
		c.m.alts = append(c.m.alts, f)
		return id
	}
	var elems []sigElem
	var display []string
	for _, w := range strings.Fields(p) {
		opt := strings.HasSuffix(w, "?")
		w = strings.TrimSuffix(w, "?")
		subs := strings.Split(w, "/")
		if len(subs) == 1 {
			// One written word may fold to several ("l'ambulanza").
			toks, stem, fz := sigParseWord(subs[0], p)
			for i, t := range toks {
				st := stem && i == len(toks)-1
				elems = append(elems, sigElem{ids: []int32{c.word(t, st, fz && fuzzy)}, optional: opt})
				display = append(display, sigDisplay(t, st, opt))
			}
			continue
		}
		e := sigElem{optional: opt}
		var ds []string
		for _, s := range subs {
			toks, stem, fz := sigParseWord(s, p)
			if len(toks) != 1 {
				panic("chat: a word alternative must fold to one word: " + p)
			}
			e.ids = append(e.ids, c.word(toks[0], stem, fz && fuzzy))
			ds = append(ds, sigDisplay(toks[0], stem, false))
		}
		elems = append(elems, e)
		display = append(display, sigDisplay(strings.Join(ds, "/"), false, opt))
	}
	if !slices.ContainsFunc(elems, func(e sigElem) bool { return !e.optional }) {
		panic("chat: signal pattern with no required word: " + p)
	}
	c.m.alts = append(c.m.alts, strings.Join(display, " "))
	c.expand(elems, nil, id)
	return id
}

// expand registers one phrase per combination of optional words, so that
// matching never has to backtrack.
func (c *sigCompiler) expand(rest []sigElem, done [][]int32, alt int32) {
	if len(rest) == 0 {
		pid := int32(len(c.m.phrases))
		c.m.phrases = append(c.m.phrases, sigPhrase{elems: slices.Clone(done), alt: alt})
		if len(done) == 1 {
			for _, w := range done[0] {
				c.m.single[w] = append(c.m.single[w], pid)
			}
			return
		}
		for _, w1 := range done[0] {
			for _, w2 := range done[1] {
				k := sigPair(w1, w2)
				c.m.byPair[k] = append(c.m.byPair[k], pid)
			}
		}
		return
	}
	c.expand(rest[1:], append(done, rest[0].ids), alt)
	if rest[0].optional {
		c.expand(rest[1:], done, alt)
	}
}

func sigParseWord(w, pattern string) (toks []string, stem, fuzzy bool) {
	fuzzy = true
	if strings.HasPrefix(w, "=") {
		fuzzy, w = false, w[1:]
	}
	if strings.HasSuffix(w, "*") {
		stem, w = true, w[:len(w)-1]
	}
	toks = strings.Fields(analysis.Fold(w))
	if len(toks) == 0 || strings.ContainsAny(w, "*=?") {
		panic("chat: malformed signal pattern: " + pattern)
	}
	return toks, stem, fuzzy
}

func sigDisplay(w string, stem, opt bool) string {
	if stem {
		w += "*"
	}
	if opt {
		w += "?"
	}
	return w
}

func (c *sigCompiler) word(display string, stem, fuzzy bool) int32 {
	text := sigSqueeze(display)
	fuzzy = fuzzy && len(text) >= sigFuzzyMin && sigASCIILetters(text)
	key := sigWordKey{text: text, stem: stem, fuzzy: fuzzy}
	if id, ok := c.words[key]; ok {
		return id
	}
	id := int32(len(c.m.words))
	c.words[key] = id
	c.m.words = append(c.m.words, sigWord{text: text, display: display, stem: stem})
	c.m.single = append(c.m.single, nil)
	if stem {
		c.m.stems[text] = append(c.m.stems[text], id)
	} else {
		c.m.exact[text] = append(c.m.exact[text], id)
	}
	if fuzzy {
		idx := c.m.fuzzyExact
		if stem {
			idx = c.m.fuzzyStems
			c.m.maxFuzzyStem = max(c.m.maxFuzzyStem, len(text))
		}
		idx[text] = append(idx[text], id)
		for i := range len(text) {
			k := text[:i] + text[i+1:]
			if !slices.Contains(idx[k], id) {
				idx[k] = append(idx[k], id)
			}
		}
	}
	return id
}

// sigSqueeze collapses repeated letters, on patterns and messages alike:
// "aiutooo", "helppp" and doubled-consonant misspellings ("ambullanza",
// "socorso") then meet their dictionary form. Digits are kept as they are
// because file numbers are compared digit by digit.
func sigSqueeze(s string) string {
	var out []byte // nil until the first repeated letter
	prev := rune(-1)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == prev && sigSqueezable(r) {
			if out == nil {
				out = append(make([]byte, 0, len(s)), s[:i]...)
			}
		} else {
			if out != nil {
				out = append(out, s[i:i+n]...)
			}
			prev = r
		}
		i += n
	}
	if out == nil {
		return s
	}
	return string(out)
}

func sigSqueezable(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) && !analysis.IsHan(r)
}

func sigASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

const (
	sigClassLetter uint8 = iota
	sigClassDigit
	sigClassHan
)

type sigTok struct {
	start, end int
	class      uint8
}

type sigHit struct {
	alt         int32
	phrase      int32 // -1 for a Chinese pattern
	first, last int32 // token span
}

// sigTokenize splits folded text at spaces and where the script class
// changes, so "我要operator" and "prot2024" give separate words.
func sigTokenize(s string) []sigTok {
	toks := make([]sigTok, 0, len(s)/5+1)
	start := -1
	var cls uint8
	for i, r := range s {
		if r == ' ' {
			if start >= 0 {
				toks = append(toks, sigTok{start, i, cls})
				start = -1
			}
			continue
		}
		c := sigClassLetter
		switch {
		case r < 0x80:
			if '0' <= r && r <= '9' {
				c = sigClassDigit
			}
		case unicode.IsDigit(r):
			c = sigClassDigit
		case analysis.IsHan(r):
			c = sigClassHan
		}
		if start >= 0 && c != cls {
			toks = append(toks, sigTok{start, i, cls})
			start = -1
		}
		if start < 0 {
			start, cls = i, c
		}
	}
	if start >= 0 {
		toks = append(toks, sigTok{start, len(s), cls})
	}
	return toks
}

func sigIsArabic(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return r >= 0x0600 && r <= 0x06FF
}

// sigArabicVariants strips the proclitics Arabic writes attached to the
// word (wa-/fa- "and", bi-/li-/ka- "with/to/like", al- "the"), so a pattern
// written "شرطه" also finds "والشرطه" and "للشرطه".
func sigArabicVariants(w string, out []string) []string {
	out = append(out, w)
	for _, conj := range [...]string{"", "و", "ف"} {
		a, ok := strings.CutPrefix(w, conj)
		if conj != "" && !ok {
			continue
		}
		for _, prep := range [...]string{"", "ب", "ل", "ك"} {
			b, ok := strings.CutPrefix(a, prep)
			if prep != "" && !ok {
				continue
			}
			for _, art := range [...]string{"", "ال"} {
				d, ok := strings.CutPrefix(b, art)
				if art != "" && !ok {
					continue
				}
				if utf8.RuneCountInString(d) >= 2 && !slices.Contains(out, d) {
					out = append(out, d)
				}
			}
		}
	}
	return out
}

func sigAdd(buf []int32, lo int, ids []int32) []int32 {
	for _, id := range ids {
		if !slices.Contains(buf[lo:], id) {
			buf = append(buf, id)
		}
	}
	return buf
}

func (m *sigMatcher) lookup(w string, buf []int32, lo int) []int32 {
	buf = sigAdd(buf, lo, m.exact[w])
	for p := 1; p <= len(w); p++ {
		if p < len(w) && !utf8.RuneStart(w[p]) {
			continue
		}
		if ids, ok := m.stems[w[:p]]; ok {
			buf = sigAdd(buf, lo, ids)
		}
	}
	return buf
}

// lookupFuzzy finds pattern words within one edit (insertion, deletion,
// substitution or swap of neighbours) of w, or of a prefix of w for stems,
// using precomputed deletion neighbourhoods: a message word and a pattern
// word are one edit apart only if deleting at most one letter from each
// makes them equal. A stem is not matched by a prefix shorter than itself:
// "etrangle*" minus one letter is a prefix of "etranger", and too many
// words start with a stem less one letter.
func (m *sigMatcher) lookupFuzzy(w string, buf []int32, lo int) []int32 {
	buf = m.fuzzyIn(m.fuzzyExact, w, buf, lo, false)
	for p := sigFuzzyMin - 1; p <= len(w) && p <= m.maxFuzzyStem+1; p++ {
		buf = m.fuzzyIn(m.fuzzyStems, w[:p], buf, lo, true)
	}
	return buf
}

func (m *sigMatcher) fuzzyIn(idx map[string][]int32, s string, buf []int32, lo int, stems bool) []int32 {
	check := func(ids []int32) {
		for _, id := range ids {
			pw := m.words[id].text
			if stems && len(s) < len(pw) {
				continue
			}
			if sigWithinOne(s, pw) && !slices.Contains(buf[lo:], id) {
				buf = append(buf, id)
			}
		}
	}
	check(idx[s])
	var tmp [sigFuzzyMaxToken]byte
	for i := range len(s) {
		if i > 0 && s[i] == s[i-1] {
			continue
		}
		n := copy(tmp[:], s[:i])
		n += copy(tmp[n:], s[i+1:])
		check(idx[string(tmp[:n])])
	}
	return buf
}

// sigWithinOne reports whether ASCII strings a and b are at most one
// insertion, deletion, substitution or adjacent swap apart.
func sigWithinOne(a, b string) bool {
	if a == b {
		return true
	}
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	switch {
	case la == lb:
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case la > lb:
		return a[i+1:] == b[i:]
	default:
		return a[i:] == b[i+1:]
	}
}

func sigHasAny(have []int32, want []int32) bool {
	for _, w := range want {
		if slices.Contains(have, w) {
			return true
		}
	}
	return false
}

func sigIsSet(bits []uint64, i int32) bool { return bits[i>>6]&(1<<(uint(i)&63)) != 0 }

func sigPair(w1, w2 int32) uint64 { return uint64(uint32(w1))<<32 | uint64(uint32(w2)) }

func (m *sigMatcher) detect(text string) Signals {
	folded := sigSqueeze(analysis.Fold(text))
	if folded == "" {
		return Signals{}
	}
	toks := sigTokenize(folded)

	// Pattern words present at each token. Long messages repeat words, so
	// past a few dozen tokens each distinct word is looked up once.
	buf := make([]int32, 0, 2*len(toks))
	spans := make([][2]int32, len(toks))
	var memo map[string][2]int32
	if len(toks) > 48 {
		memo = make(map[string][2]int32)
	}
	var variants []string
	hasHan := false
	for i, t := range toks {
		w := folded[t.start:t.end]
		if sp, ok := memo[w]; ok {
			spans[i] = sp
			continue
		}
		lo := len(buf)
		switch t.class {
		case sigClassHan:
			hasHan = true
		case sigClassDigit:
			buf = sigAdd(buf, lo, m.exact[w])
		default:
			variants = append(variants[:0], w)
			if sigIsArabic(w) {
				variants = sigArabicVariants(w, variants[:0])
			}
			variants = append(variants, m.aliases[w]...)
			for _, v := range variants {
				buf = m.lookup(v, buf, lo)
			}
			// A word spelt like a pattern word is that word, not a typo of
			// another one.
			if len(w) >= sigFuzzyMin-1 && len(w) <= sigFuzzyMaxToken && m.exact[w] == nil && !m.noTypo[w] && sigASCIILetters(w) {
				buf = m.lookupFuzzy(w, buf, lo)
			}
		}
		spans[i] = [2]int32{int32(lo), int32(len(buf))}
		if memo != nil {
			memo[w] = spans[i]
		}
	}

	// Phrases, found through their first word or their first two words.
	var hits []sigHit
	for i := range toks {
		first := buf[spans[i][0]:spans[i][1]]
		for _, wid := range first {
			for _, pid := range m.single[wid] {
				hits = append(hits, sigHit{alt: m.phrases[pid].alt, phrase: pid, first: int32(i), last: int32(i)})
			}
		}
		if i+1 >= len(toks) {
			continue
		}
		second := buf[spans[i+1][0]:spans[i+1][1]]
		for _, w1 := range first {
			for _, w2 := range second {
				for _, pid := range m.byPair[sigPair(w1, w2)] {
					p := &m.phrases[pid]
					end := i + len(p.elems) - 1
					if end >= len(toks) {
						continue
					}
					ok := true
					for k := 2; k < len(p.elems) && ok; k++ {
						s := spans[i+k]
						ok = sigHasAny(buf[s[0]:s[1]], p.elems[k])
					}
					if ok {
						hits = append(hits, sigHit{alt: p.alt, phrase: pid, first: int32(i), last: int32(end)})
					}
				}
			}
		}
	}
	if hasHan {
		hits = m.matchHan(folded, toks, hits)
	}
	if len(hits) == 0 {
		return Signals{}
	}

	matched := make([]uint64, (len(m.alts)+63)/64)
	for _, h := range hits {
		matched[h.alt>>6] |= 1 << (uint(h.alt) & 63)
	}
	words := sigWordCount(folded, toks)
	best := [sigKinds]int32{-1, -1, -1, -1}
	tried := make([]uint64, (len(m.rules)+63)/64)
	for _, h := range hits {
		for _, ri := range m.altRules[h.alt] {
			if sigIsSet(tried, ri) {
				continue
			}
			tried[ri>>6] |= 1 << (uint(ri) & 63)
			ru := &m.rules[ri]
			if b := best[ru.kind]; b >= 0 && b < ri {
				continue
			}
			if m.fires(ru, matched, words) {
				best[ru.kind] = ri
			}
		}
	}

	cx := sigCueContext{matched: matched, hits: hits, buf: buf, spans: spans}
	var s Signals
	personalCue := ""
	if best[sigPersonal] >= 0 {
		personalCue = m.cue(best[sigPersonal], &cx)
	} else {
		personalCue = m.fileNumber(toks, folded, hits, &cx)
	}
	s.Emergency = best[sigEmergency] >= 0
	s.Human = best[sigHuman] >= 0
	s.Personal = personalCue != ""
	s.SmallTalk = best[sigSmallTalk] >= 0
	switch {
	case s.Emergency:
		s.Cue = m.cue(best[sigEmergency], &cx)
	case s.Human:
		s.Cue = m.cue(best[sigHuman], &cx)
	case s.Personal:
		s.Cue = personalCue
	case s.SmallTalk:
		s.Cue = m.cue(best[sigSmallTalk], &cx)
	}
	return s
}

type sigCueContext struct {
	matched []uint64
	hits    []sigHit
	buf     []int32
	spans   [][2]int32
}

func (m *sigMatcher) matchHan(folded string, toks []sigTok, hits []sigHit) []sigHit {
	ti := 0
	for pos, r := range folded {
		cands := m.han[r]
		if len(cands) == 0 {
			continue
		}
		for ti < len(toks)-1 && toks[ti].end <= pos {
			ti++
		}
		for _, h := range cands {
			if !strings.HasPrefix(folded[pos:], h.text) {
				continue
			}
			last := ti
			for last < len(toks)-1 && toks[last].end < pos+len(h.text) {
				last++
			}
			hits = append(hits, sigHit{alt: h.alt, phrase: -1, first: int32(ti), last: int32(last)})
		}
	}
	return hits
}

// sigWordCount counts a run of Chinese characters as one word per two
// characters, the typical length of a Chinese word, so that short-message
// rules treat "人工" and "operator" alike.
func sigWordCount(folded string, toks []sigTok) int {
	n := 0
	for _, t := range toks {
		if t.class == sigClassHan {
			n += (utf8.RuneCountInString(folded[t.start:t.end]) + 1) / 2
		} else {
			n++
		}
	}
	return n
}

func (m *sigMatcher) fires(ru *sigCompiledRule, matched []uint64, words int) bool {
	if ru.maxWords > 0 && words > ru.maxWords {
		return false
	}
	for _, slot := range ru.slots {
		if !slices.ContainsFunc(slot, func(a int32) bool { return sigIsSet(matched, a) }) {
			return false
		}
	}
	return !slices.ContainsFunc(ru.veto, func(a int32) bool { return sigIsSet(matched, a) })
}

// cue names, for each slot of the rule, the expansion of the pattern that
// matched ("parlare con un operator*") rather than the whole alternation,
// which can be long and would not tell the operator what was read.
func (m *sigMatcher) cue(ri int32, cx *sigCueContext) string {
	ru := &m.rules[ri]
	parts := make([]string, 0, len(ru.slots))
	for _, slot := range ru.slots {
		for _, a := range slot {
			if sigIsSet(cx.matched, a) {
				parts = append(parts, m.hitText(a, cx))
				break
			}
		}
	}
	return strings.Join(parts, " + ")
}

func (m *sigMatcher) hitText(alt int32, cx *sigCueContext) string {
	i := slices.IndexFunc(cx.hits, func(h sigHit) bool { return h.alt == alt })
	if i < 0 || cx.hits[i].phrase < 0 {
		return m.alts[alt]
	}
	h := cx.hits[i]
	p := &m.phrases[h.phrase]
	words := make([]string, len(p.elems))
	for k, elem := range p.elems {
		sp := cx.spans[int(h.first)+k]
		have := cx.buf[sp[0]:sp[1]]
		for _, w := range elem {
			if slices.Contains(have, w) {
				words[k] = sigDisplay(m.words[w].display, m.words[w].stem, false)
				break
			}
		}
	}
	return strings.Join(words, " ")
}

// fileNumber looks for a number that identifies the citizen's own file: a
// run of 3+ digits, possibly split by the / or - that folding turned into
// spaces, close to a file word. Weak file words ("domanda", "request")
// also need a number marker ("n.", "number") because they are common in
// general questions. The cue names the number's presence but not its
// digits, which are personal data and end up in logs.
func (m *sigMatcher) fileNumber(toks []sigTok, folded string, hits []sigHit, cx *sigCueContext) string {
	if !slices.ContainsFunc(hits, func(h sigHit) bool { return m.altFlags[h.alt]&(sigFileStrong|sigFileWeak) != 0 }) {
		return ""
	}
	// Per token: the flags of the patterns covering it, and which hit is a
	// strong or weak file word there, so that each number looks only at the
	// tokens around it.
	flags := make([]uint8, len(toks))
	strong := make([]int32, len(toks))
	weak := make([]int32, len(toks))
	for k := range toks {
		strong[k], weak[k] = -1, -1
	}
	for hi, h := range hits {
		f := m.altFlags[h.alt]
		if f == 0 {
			continue
		}
		for k := h.first; k <= h.last; k++ {
			flags[k] |= f
			if f&sigFileStrong != 0 && strong[k] < 0 {
				strong[k] = int32(hi)
			}
			if f&sigFileWeak != 0 && weak[k] < 0 {
				weak[k] = int32(hi)
			}
		}
	}
	for i := 0; i < len(toks); {
		if toks[i].class != sigClassDigit {
			i++
			continue
		}
		first := i
		var lens []int
		for i < len(toks) && toks[i].class == sigClassDigit {
			lens = append(lens, utf8.RuneCountInString(folded[toks[i].start:toks[i].end]))
			i++
		}
		last := i - 1
		marked := first > 0 && flags[first-1]&sigMark != 0 || first > 1 && flags[first-2]&sigMark != 0
		if slices.Max(lens) < 3 || !marked && sigLooksLikeDate(folded, toks[first:i]) {
			continue
		}
		if len(lens) == 1 && lens[0] == 4 && !marked {
			if y, err := strconv.Atoi(folded[toks[first].start:toks[first].end]); err == nil && y >= 1900 && y <= 2099 {
				continue // a year, as in "ho fatto domanda nel 2024"
			}
		}
		if first > 0 && flags[first-1]&sigNotAFileNo != 0 || i < len(toks) && flags[i]&sigNotAFileNo != 0 {
			continue
		}
		win := sigNumberWindow
		if marked {
			win = sigMarkedNumberWindow
		}
		for k := max(0, first-win); k <= min(len(toks)-1, last+win); k++ {
			h := strong[k]
			if h < 0 && marked {
				h = weak[k]
			}
			if h >= 0 {
				return m.hitText(hits[h].alt, cx) + " + <number>"
			}
		}
	}
	return ""
}

// sigLooksLikeDate tells 12/03/2024, 2024-03-12 and 03/2024 apart from file
// numbers, since a date near "pratica" is not the file's number; 77/2024
// is not a date, it is how many offices number their files.
func sigLooksLikeDate(folded string, group []sigTok) bool {
	v := make([]int, len(group))
	n := make([]int, len(group))
	for i, t := range group {
		d := folded[t.start:t.end]
		n[i] = utf8.RuneCountInString(d)
		v[i], _ = strconv.Atoi(d) // non-ASCII digits give 0: never a day or a month
	}
	day := func(i int) bool { return n[i] <= 2 && v[i] >= 1 && v[i] <= 31 }
	month := func(i int) bool { return n[i] <= 2 && v[i] >= 1 && v[i] <= 12 }
	year := func(i int) bool { return n[i] == 4 || n[i] == 2 }
	switch len(group) {
	case 2:
		return month(0) && n[1] == 4
	case 3:
		return day(0) && month(1) && year(2) || month(0) && day(1) && year(2) ||
			n[0] == 4 && month(1) && day(2)
	}
	return false
}

// sigBills are bills, tax notices and fines in every language: "I have
// not received the TARI notice" is answered by the FAQ (download it from
// the portal), unlike a card or an answer that has not arrived.
const sigBills = "bolletta|bollette|fattura|fatture|avviso di pagamento|avviso|avvisi|tari|imu|tasi|multa|multe|verbale|cartella|cartelle|f24|bollettino|bollettini|sollecito|pagopa|tassa|tasse|tributo|tributi|" +
	"bill|bills|invoice|invoices|notice|tax|taxes|fine|fines|parking ticket|statement|reminder|receipt|" +
	"facture|factures|avis|taxe|impot|impots|amende|amendes|quittance|releve|rappel|echeancier|" +
	"recibo|recibos|factura|facturas|aviso|avisos|tasa|tasas|impuesto|impuestos|multas|carta de pago|" +
	"rechnung|rechnungen|gebuhrenbescheid|gebuehrenbescheid|steuerbescheid|mahnung|zahlungsaufforderung|bussgeld|bussgeldbescheid|strafzettel|abgabe|steuer|steuern|" +
	"فاتوره|فواتير|اشعار|ضريبه|ضرائب|مخالفه|غرامه|رسوم|" +
	"facturi|aviz de plata|taxe|impozit|impozite|amenda|amenzi|notificare|chitanta|" +
	"fatur*|njoftim*|takse|taksa|tatim*|gjob*|" +
	"账单|缴费通知|缴费单|税|罚单|垃圾费|费用通知"

// The things whose non-arrival makes a message a pending personal case,
// per language.
const (
	sigCaseIt = "carta|tessera|permesso|document*|certificat*|passaport*|cie|patente|risposta|riscontro|rimbors*|pratica|esito|conferma|contrassegno|codice|pin|niente|nulla|nessun*|decreto|cittadinanza|libretto|badge|bonus|assegno|contribut*|pagamento|soldi|tesserino|autorizzazion*|licenz*|provvediment*|comunicazion*|lettera|notizie|residenza|iscrizione|mia|mio|miei|mie"
	sigCaseEn = "card|id|permit|residence|passport|certificate*|document*|answer|reply|response|refund|decision|confirmation|approval|pin|code|licence|license|citizenship|decree|payment|bonus|benefit*|allowance|anything|nothing|news|update|my|our|application|letter"
	sigCaseFr = "carte|titre|passeport|permis|certificat|attestation|document*|reponse|decision|remboursement|recepisse|confirmation|rien|nouvelles|allocation|aide|dossier|mon|ma|mes|notre|nos|lettre|convocation|code|identifiant"
	sigCaseEs = "tarjeta|permiso|dni|nie|tie|pasaporte|certificado|documento*|respuesta|resolucion|reembolso|confirmacion|nada|noticias|ayuda|beca|expediente|mi|mis|carta|cita|codigo|pin|pago|subsidio"
	sigCaseDe = "ausweis*|personalausweis*|aufenthaltstitel*|aufenthaltserlaubnis|pass|reisepass|bescheid|bescheinigung|dokument*|unterlagen|antwort|ruckmeldung|rueckmeldung|entscheidung|erstattung|karte|nichts|genehmigung|urkunde|mein*|unser*|pin|code|zahlung|geld|bestatigung|bestaetigung|termin"
	sigCaseAr = "بطاقه*|بطاقتي|اقامه*|اقامتي|جواز*|تصريح*|شهاده*|وثيقه*|رد|جواب|قرار|استرداد|موافقه|طلب*|ملف*|معامله*|شيء|اي شيء|اخبار|اوراق*|هويه*|كرت*"
	sigCaseRo = "buletin*|card*|permis*|pasaport*|certificat*|document*|acte|actele|raspuns*|decizi*|rambursar*|nimic|dosar*|cerere*|carte*|ajutor*|alocati*|cod|pin|confirmare*|meu|mea|mele|mei"
	sigCaseSq = "leternjoftim*|kart*|lej*|pasaport*|certifikat*|dokument*|pergjigje*|vendim*|rimbursim*|asgje|asnje|dosj*|kerkes*|praktik*|kod*|konfirmim*|ime|im|tim|time"
)

// sigAllergyPaperwork marks the school and canteen paperwork of a child
// with a severe allergy: "he risks anaphylactic shock, which form for the
// canteen?" is a question for the FAQ. sigAcute brings the same words back
// when the message says it is happening now.
const sigAllergyPaperwork = "mensa|scuola|menu|dieta|modulo|moduli|certificat*|canteen|school|form|forms|cantine|ecole|formulaire|comedor|colegio|escuela|formulario|papel|papeles|schule|kita|formular|cantina|scoala|shkoll*|formular*|مقصف|مدرسه|استماره|食堂|学校|表格|证明"

const sigAcute = "adesso|subito|aiuto|ambulanza|118|112|respira*|now|help|ambulance|breath*|hurry|vite|aidez|samu|ayuda|ambulancia|rapido|hilfe|notarzt|krankenwagen|jetzt|schnell|ajutor|acum|repede|ambulanta|ndihm*|tani|shpejt|ambulanc*|ساعدوني|الان|بسرعه|اسعاف|救命|快|现在|120"

// sigAliases are SMS spellings read as the word they stand for, in
// addition to themselves, so the lexicons need not repeat every phrase
// with "nn" for "non" or "some1" for "someone".
const sigAliases = "nn=non|x=per|ke=che|cmq=comunque|xche=perche|xke=perche|" +
	"sb=somebody|pls=please|plz=please|u=you|ur=your|r=are|bf=boyfriend|gf=girlfriend|" +
	"plu=plus|pa=pas|ds=dans|ki=qui|" +
	"q=que|k=que|xq=porque|pq=porque|porfa=favor|tb=tambien|" +
	"nich=nicht|nix=nichts|ned=nicht|" +
	"nk=nuk|sk=nuk"

// sigNoTypo lists real words that are one typo away from a pattern word
// in another language ("ambulante", a street vendor, from "ambulance"):
// they are never matched fuzzily, while "ambulence" still is.
const sigNoTypo = "cooking|choosing|checking|ambulante|ambulanti|ambulant|ambulants|ambulantes|ambulanten|ambulanz|sperando|separando|shouting|staying|stating|talking|walking|heating|eating|writing|wanting|sejours|recours|sequestro|sequestri|sequestrata|sequestrato|scorso|scorsi|marito|mordendo|movendo|courant|painted|postage|insured|turning|dispari|dispero|incentivo|incentivi|incentiva|copiata|copiato|accredito|accrediti|accreditato|accreditata|politica|politiche|pulizia|pulizie|sconto|sconti|etranger|etrangere|etrangers|etrangeres"

// sigSocialWorker: asking to talk to social services is a request for a
// service the FAQ explains how to book, not for the contact centre's staff.
const sigSocialWorker = "assistente sociale|assistenti sociali|servizi sociali|servizio sociale|social worker|social services|assistante sociale|assistant social|services sociaux|trabajadora social|trabajador social|servicios sociales|asistente social|sozialarbeiter*|sozialamt|sozialdienst|asistent social|asistenta sociala|asistentul social|serviciile sociale|serviciul social|punonjes social|punonjese sociale|sherbimet sociale|الخدمات الاجتماعيه|مساعده اجتماعيه|社工|社会服务"

// sigServiceInfo marks questions about where a service is or how to
// reach it, as opposed to calling it now.
const sigServiceInfo = "dove|caserma|indirizzo|comando|stazione|numero|where|station|address|number|ou|adresse|commissariat|caserne|numero de|donde|comisaria|direccion|cuartel|wo|wache|revier|nummer|اين|مركز|قسم|عنوان|رقم|unde|sectia|sectie|adresa|numar*|numarul|ku|stacion*|adres*|numri|哪|地址|在哪|号码|电话"

// sigNotAPersonRequest vetoes the one-word person requests ("operatore",
// "operator", "Mitarbeiter") when the word names a trade or a service
// rather than asking for someone to talk to.
const sigNotAPersonRequest = "ecologic*|sanitari*|sociosanitari*|socio|turistic*|economic*|telefonic*|telefonia|mobile|orari|orario|hours|horaires|horario*|offnungszeiten|oeffnungszeiten|sucht|suchen|job|jobs|stelle|stellen|bewerbung|lavoro|work|travail|trabajo|arbeit|estate|immobiliar*|juridic*|giuridic*|juristisch*|rights|diritti|droits|derechos|rechte|智能|湖"

// signalLexicons lists every language's lexicon. The order matters only for
// Cue: when several rules of the same signal fire, the earliest one names
// the cue.
func signalLexicons() []sigLexicon {
	lexs := []sigLexicon{
		sigItalian(), sigEnglish(), sigFrench(), sigSpanish(), sigGerman(),
		sigArabic(), sigArabizi(), sigRomanian(), sigAlbanian(), sigChinese(),
	}
	talk := sigSmallTalkRules()
	for i := range lexs {
		lexs[i].smallTalk = talk[lexs[i].lang]
	}
	return lexs
}

// sigSmallTalkRules are the small-talk patterns of each language, in the
// categories chat assistants usually recognise: greetings, "how are you",
// "who are you", thanks and goodbyes, jokes, the weather. Each rule is
// limited to short messages, because small talk only decides a message
// that is nothing else: "ciao, come pago la TARI?" is a question.
func sigSmallTalkRules() map[string][]sigRule {
	return map[string][]sigRule{
		"it": {
			sigR("ciao|salve|buongiorno|buonasera|buon pomeriggio|ehi").short(2),
			sigR("come va|tutto bene").short(3),
			sigR("come stai|come sta|come state").short(4),
			sigR("grazie|grazie mille|arrivederci|buona giornata|buona serata").short(3),
			sigR("chi sei|sei un robot|sei un bot|sei umano|come ti chiami").short(6),
			sigR("barzellett*|fammi ridere").short(7),
			sigR("che tempo fa|che tempo fara|meteo|previsioni del tempo").short(8),
		},
		"en": {
			sigR("hi|hello|hey|good morning|good afternoon|good evening").short(2),
			sigR("how are you|how r u|hows it going|how is it going|whats up").short(4),
			sigR("thanks|thank you|thanks a lot|thx|bye|goodbye|see you").short(3),
			sigR("who are you|are you a robot|are you a bot|are you real|whats your name").short(6),
			sigR("joke|jokes|something funny").short(7),
			sigR("weather|forecast").short(8),
		},
		"fr": {
			sigR("bonjour|salut|bonsoir|coucou").short(2),
			sigR("ca va|ca roule").short(3),
			sigR("comment ca va|comment allez vous|comment vas tu").short(4),
			sigR("merci|merci beaucoup|au revoir|bonne journee|bonne soiree").short(3),
			sigR("qui es tu|qui etes vous|tu es un robot|es tu un robot|etes vous un robot").short(6),
			sigR("blague*|quelque chose de drole").short(7),
			sigR("quel temps|meteo").short(8),
		},
		"es": {
			sigR("hola|buenos dias|buenas tardes|buenas noches|buenas").short(2),
			sigR("que tal").short(3),
			sigR("como estas|como esta usted|como te va").short(4),
			sigR("gracias|muchas gracias|adios|hasta luego|chao").short(3),
			sigR("quien eres|eres un robot|eres humano|como te llamas").short(6),
			sigR("chiste*").short(7),
			sigR("que tiempo hace|que tiempo hara|el tiempo manana|pronostico del tiempo").short(8),
		},
		"de": {
			sigR("hallo|guten tag|guten morgen|guten abend|servus|moin|gruss gott").short(2),
			sigR("wie gehts|wie geht s|wie geht es dir|wie geht es ihnen").short(5),
			sigR("danke|danke schon|vielen dank|tschuss|auf wiedersehen").short(3),
			sigR("wer bist du|wer sind sie|bist du ein roboter|bist du ein bot|bist du ein mensch").short(6),
			sigR("witz|witze").short(7),
			sigR("wetter|wettervorhersage").short(8),
		},
		"ar": {
			sigR("مرحبا|سلام عليكم|اهلا|صباح الخير|مساء الخير").short(3),
			sigR("كيف حالك|كيفك|لاباس عليك|شلونك|ازيك|عامل ايه").short(5),
			sigR("شكرا|شكرا جزيلا|مع السلامة|بارك الله فيك").short(3),
			sigR("من انت|هل انت روبوت|انت روبوت|ما اسمك").short(6),
			sigR("نكته|نكتة|نكت").short(7),
			sigR("طقس|الطقس|احوال الجو").short(8),
		},
		"ro": {
			sigR("buna|salut|buna ziua|buna seara|servus").short(2),
			sigR("ce faci|ce mai faci|cum esti|cum o duci").short(4),
			sigR("multumesc|mersi|la revedere|o zi buna").short(3),
			sigR("cine esti|esti robot|esti un robot|cum te cheama").short(6),
			sigR("banc|bancuri|gluma|glume").short(7),
			sigR("vremea|ce vreme|prognoza meteo").short(8),
		},
		"sq": {
			sigR("pershendetje|tungjatjeta|mirdita|miremengjes|tung|ckemi").short(2),
			sigR("si je|si jeni|si kalon|si ja kalon").short(4),
			sigR("faleminderit|flm|mirupafshim|ditë te mbare").short(3),
			sigR("kush je|kush jeni|je robot|si quhesh").short(6),
			sigR("shaka|barcalet*").short(7),
			sigR("moti|parashikimi i motit").short(8),
		},
		"zh": {
			sigR("你好|您好|嗨").short(2),
			sigR("你好吗|最近怎么样|吃了吗").short(4),
			sigR("谢谢|多谢|再见|拜拜").short(3),
			sigR("你是谁|你是机器人|你叫什么").short(6),
			sigR("笑话").short(7),
			sigR("天气").short(8),
		},
	}
}

func sigItalian() sigLexicon {
	people := "figli*|bambin*|bimb*|piccol*|neonat*|nipot*|ragazz*|mamma|madre|padre|papa|babbo|nonn*|marito|moglie|compagn*|fratell*|sorell*|anzian*|uomo|donna|signore|signora|zio|zia|suocer*|amic*|collega|paziente"
	fireVeto := "gola|occhi|pelle|stomaco|bruciore|volontari*|diventare|concorso|concorsi|caserma|lavorare|assunzion*|certificat*|prevenzion*|regole|regola|regolament*|norma|norme|normativ*|cpi|antincendi*|scia|autorizzazion*|estintor*|divieto|divieti|vietat*|permess*|sigarett*|fumare|fumatori|fumo passivo|camino|caminett*|barbecue|griglia*|falo|fuochi|sterpaglie|potature|ramaglie|abbruciament*|assicurazion*|polizza|corso di|corsi|formazione|esercitazion*|prova|prove|cottura|fornell*|rischio|piano di emergenza|segnaletica|rilevator*|sensore|statistiche|danni|risarciment*|contribut*|licenzia*"
	callVerb := "chiamate/chiama/chiamatemi/chiamateci/chiamo/chiamiamo/chiamare/chiamato/=mandate/manda/mandatemi/mandateci/mandami/=mandare/inviate/inviare/serve/servono/bisogno/arrivi/arrivare/venga/vengano/arriva/corra"
	callFill := "subito/presto/urgentemente/immediatamente/di/dell/della/dei/del/degli/dello? un/una/l/la/il/i/gli/le?"
	paperwork := "modulo|moduli|compilare|compilazione|pratica|domanda|tari|imu|tasi|tassa|tasse|certificat*|prenotazion*|appuntamento|sito|password|spid|app|login|accesso|carta d identita|permesso|documento|documenti|pagamento|bolletta|iscrizione|mensa|rifiuti|informazion*"
	return sigLexicon{
		lang: "it",
		emergency: []sigRule{
			// Fire: phrases that only make sense while something burns.
			sigR("va/vanno/andando/andato/andata/andati/andate a fuoco|pres*/prend* fuoco|in fiamme|sta/stanno bruciando|brucia/bruciano la/il/l? casa/palazzo/cucina/appartamento/macchina/auto/stanza/condominio/edificio|brucia tutto|c e fumo|ce fumo|vedo fumo|tanto fumo|fumo nero|fumo denso|esce fumo|fumo dappertutto|fumo ovunque|pieno di fumo|piena di fumo|odore di bruciato|puzza di bruciato|odore di fumo|puzza di fumo|incendio in corso|=scoppiato un incendio|c e un incendio|ce un incendio|c e un incendi|ce un incendi|c e incendio|ce incendio|c e il fuoco|ce il fuoco|c e fuoco|ce fuoco"),
			sigR("=incendi*|incendio|incedio|insendio|incendo|icendio|fuoco|fiamme|fumo|rogo|brucia|bruciano|bruciando",
				"c e|ce|ci sono|c era|=scoppiat*|divampat*|in corso|casa|palazzo|condominio|appartamento|edificio|stabile|cucina|stanza|camera|scale|pianerottolo|piano di sopra|piano di sotto|garage|box|cantina|solaio|soffitta|tetto|negozio|capannone|fabbrica|macchina|auto|aiuto|aiutateci|aiutatemi|subito|presto|correte|venite|pompier*|vigili del fuoco|intrappolat*|bloccat*|dappertutto|ovunque|tanto|tantissimo|denso|nero|esce|uscendo|vedo|sento|adesso|qui|qua|vicino|dentro|propaga*|allarga*|espande*|sta arrivando|vicini|vicino di casa").not(fireVeto),
			sigR("=incendi*|fuoco|fiamme|fumo|al fuoco|aiuto fuoco|aiuto incendio").short(2),
			// Someone is unconscious, not breathing, bleeding, dying.
			sigR("non respira*|non riesce/riesco piu? a respirare|smesso di respirare|fatica a respirare|respira a fatica|non respiro|svenut*|sviene|perso i sensi|perde i sensi|persa i sensi|privo di sensi|priva di sensi|senza sensi|incoscient*|non si sveglia*|non da segni di vita|infarto|infartuat*|attacco di cuore|attacco cardiaco|arresto cardiaco|ictus|emorragi*|perde sangue|perde molto sangue|overdose|overdos*|troppe pillole|troppe pastiglie|troppi farmaci|troppe medicine|troppi medicinali|troppe gocce|avvelenat*|soffoca*|convulsion*|crisi epilettica|attacco epilettico|sta =morendo|sto =morendo|stia =morendo|stanno =morendo|sta per morire|=morendo|dolore al petto|dolori al petto|forte dolore al petto|male al petto|crollat*|collassat*|collasso|c e un morto|ce un morto|persona morta|uomo morto|donna morta|cadavere|ha battuto la testa|diventat* blu|labbra blu|ferito grave|ferita grave|feriti gravi|gravemente ferit*|c e un ferito|ce un ferito|ci sono feriti|ci sono dei feriti|tanti feriti|molti feriti|pericolo di vita|in fin di vita|sta malissimo|sto malissimo"),
			sigR("muore|muoio|morira", "aiuto|sta|subito|presto|ambulanza|qualcuno|correte|venite|adesso|vi prego").not("quando muore|se muore|decesso|certificat*|successione|eredit*|pensione|funeral*|cimiter*|di fame|di caldo|dal caldo|di freddo|dal freddo|dal ridere|di noia|dalla voglia|di sete|dalla curiosita"),
			sigR("sta/sto molto? male|si sente/sento molto? male|mi sento molto? male", "aiuto|ambulanza|subito|presto|correte|venite|non respira*|svenut*|petto|cuore|sangue|terra|=morendo|118|112|vi prego").not(paperwork),
			sigR("non riesce/riesco piu? a parlare|non riesce/riesco piu? a muovere|bocca storta|faccia storta|parla in modo strano|parla strano|biascica|biascicando|non muove piu il braccio|non muove il braccio|non sente piu il braccio|lato paralizzat*|mezza faccia").not("operatore|ufficio|bene|italiano|italian|italien|italienisch|italiana|italisht|inglese|english|anglais|ingles|englisch|engleza|anglisht|francese|french|francais|frances|franzosisch|franceza|spagnolo|spanish|espagnol|espanol|spanisch|tedesco|german|allemand|aleman|deutsch|germana|arabo|arabic|arabe|arabisch|araba|romeno|romanian|roumain|rumano|rumanisch|romana|albanese|albanian|albanais|albanes|albanisch|albaneza|shqip|cinese|chinese|chinois|chino|chinesisch|chineza|kinezisht|lingua|lingue|language|languages|langue|idioma|sprache|limba|gjuhe|fluently|telefono|telephone|phone|telefon"),
			sigR("dolore|dolori|male|fitta|fitte|oppressione|peso", "petto|torace").not("seno|allattamento|mammografia|visita|esami|ecografia|prenot*|ticket|cardiologo|certificat*"),
			sigR("sangue|sanguin*", "tanto|tantissimo|molto|moltissimo|ovunque|dappertutto|non si ferma|non smette|forte|testa|pieno|piena|aiuto|perde|perdendo|pozza|fiotti|fermarlo|=fermare|ferita|ferito").not("donazion*|donare|dona|donator*|analisi|prelievo|prelievi|esami|esame|avis|gruppo sanguigno|sanguign*|pressione"),
			sigR("cadut*|cascat*|precipitat*", "terra|pavimento|scale|non si muove|non risponde|non reagisce|sangue|testa|non si alza|non riesce ad alzarsi|non riesce a rialzarsi|svenut*|balcone|=finestra|tetto|impalcatura|ponteggio").not("risarciment*|rimborso|assicurazion*|sinistro|indennizz*|massi|prezzi|capelli|buca|buche|marciapiede|ieri|settimana scorsa|mese scorso"),
			sigR("non reagisce|non si muove|a terra|per terra|non risponde piu|non si risveglia", people).not("telefono|email|mail|messaggi|chat|gomma|pneumatico|bici|cellulare"),
			// Calling the services, with or without the verb.
			sigR(callVerb + " " + callFill + " =ambulanz*/118/=soccorsi/=soccorso/medico/dottore/ambulansa/anbulanza|" + callVerb + " " + callFill + " pompieri/115|" + callVerb + " " + callFill + " vigili del fuoco").not("costo|costa|costi|pagare|pagamento|tariff*|prenot*|programmat*|privat*|convenzion*|trasporto disabili|volontar*|corsi|orari|numero verde|stradale|carro attrezzi|rumor*|schiamazz*|ricetta|certificat*|medico di base|medico di famiglia|pediatra|cambio medico|scelta del medico|revoca"),
			sigR(callVerb + " " + callFill + " =polizia/carabinieri/112/113/volante|" + callVerb + " " + callFill + " forze dell ordine").not("locale|municipale|urbani|urbana|rumor*|schiamazz*|musica|multa|multe|verbale|contravvenzion*|certificat*|permesso|parchegg*|ztl|orari*|ufficio|denuncia|denunciare|smarriment*|passaporto|questura|casellario|penale|per cosa|a cosa"),
			sigR("=ambulanz*|ambulansa|anbulanza|=soccorsi|pompieri|=polizia|carabinieri|112|118|115|113|vigili del fuoco", "subito|presto|urgente|urgentemente|immediatamente|correte|per favore|vi prego|sos|aiuto|aiutatemi|aiutateci").not("costo|costa|pagare|tariff*|prenot*|programmat*|locale|municipale|certificat*|rumor*|stradale|multa|permesso|passaporto|" + paperwork),
			sigR("=ambulanz*|ambulansa|anbulanza|pompieri|vigili del fuoco|=polizia|carabinieri").short(3).not(sigServiceInfo + "|locale|municipale|stradale|orari|telefono|costo|certificat*"),
			// Accidents with injured.
			sigR("incident*|=scontro|=scontri|scontrat*|schiant*|frontale|tamponament*|ribaltat*|capottat*",
				"ferit*|sangue|grave|gravi|gravissimo|gravissima|gravemente|morti|morto|morta|ambulanza|aiuto|incastrat*|intrappolat*|bloccat* dentro|non si muove|svenut*|incoscient*|a terra|per terra|appena successo|appena avvenuto|subito|presto|correte|venite|fumo|fuoco|fiamme|118|112").not("copia|verbale|assicurazion*|rapporto|risarciment*|sinistro|modulo|moduli|certificat*|constatazione|cid|documentazion*|richiedere|richiesta|ottenere|rilascio|atti|perizia|rimborso|statistich*|settimana scorsa|mese scorso|anno scorso|sul lavoro|inail|infortunio|prevenzion*"),
			sigR("investit*|travolt*|schiacciat*|messo sotto|mettere sotto", "macchina|auto|camion|moto|bus|autobus|tram|treno|furgone|pedone|bambin*|bimb*|signora|anzian*|uomo|donna|ragazz*|bici*|ciclista|terra|ferit*|sangue|strada|strisce|da un|da una|aiuto|sotto").not("soldi|euro|denaro|fondi|investiment*|investire|azioni|banca|risparmi|ruolo|carica|incarico|ufficio|responsabilit*|compito|assicurazion*|verbale|copia|risarciment*|multa|permesso|lavoro|impegni|burocrazia|pratiche"),
			// Violence happening or threatened.
			sigR("picchi*|mi mena|mi menano|mi sta menando|mi stanno menando|mi prende a calci|mi prende a pugni|calci e pugni|prendendo a pugni|prendendo a calci|a schiaffi|mi ha colpit*|mi colpisce|mi colpiscono|schiaffi|mi strangola|strangol*|mi mette le mani addosso|mani addosso|mi fa del male|mi sta facendo del male|mi ha fatto del male|vuole farmi del male|ci fa del male").not("picchio|picchetto|picchett*"),
			sigR("ha/hanno/abbia ingerito/inghiottito/ingoiato/bevuto/mangiato|si e bevuto|si e mangiato|ingoiato|ingerito", "candeggina|varechina|detersivo|detersivi|farmaci|medicine|medicinali|pastiglie|pillole|pasticche|veleno|topicida|veleno per topi|batteria|batterie|pila|pile|acido|ammoniaca|soda caustica|antigelo|sgrassatore|funghi velenosi|funghi").not("smaltimento|smaltire|buttare|raccolta|dove|isola ecologica"),
			sigR("botte", "mi|me|marito|compagno|moglie|padre|madre|figli*|fidanzat*|ex|aiuto|prende|dato|riempie|prendo").not("vino|botti"),
			sigR("uccid*|ammazz*|accoltell*|pugnalat*|sgozz*|sparat*|=sparano|=sparando|=spari|sparatoria|=aggredit*|aggression*|aggredisc*|stupr*|violentat*|violenza sessuale|violenze sessuali|violenza domestica|violenze domestiche|violenza in casa|violenza in famiglia|rapit*|presa in ostaggio|preso in ostaggio|ostaggio|ostaggi|=stalker|=stalking|mi molesta|mi sta molestando|mi hanno molestat*|abusa di me|abusato di me|abusata").not("zanzar*|insetti|topi|animali|ratti|derattizzazion*|disinfestazion*|caccia|cacciator*|il tempo|piante|erbacce|batteri|virus|germi"),
			sigR("violenz*", "domestic*|sessual*|marito|compagno|moglie|fidanzat*|in casa|subisco|subendo|familiare|famiglia|mi|aiuto|ex|padre|patrigno"),
			sigR("minacci*", "mi|ci|morte|coltell*|pistola|arma|casa|porta|sotto casa|fuori|ex|marito|compagno|figli*|aiuto|paura|adesso|continua*|uccid*|ammazz*").not("sfratt*|pignorament*|ingiunzion*|legal*|avvocat*|multa|multe|diffida|cartella|decadenza|sospensione|revoca|esclusione|chiusura|sanzion*|licenziament*|disdetta|contratto|distacco|staccare|tagliare|fermo amministrativo|pagare|pagamento"),
			sigR("coltell*|pistol*|fucil*|arma|armato|armata|armati|armi|machete|mannaia|accetta|bastone|spranga|mazza",
				"ha|hanno|aveva|con|mi|ci|minacci*|punta|puntat*|aiuto|sangue|colpit*|ferit*|uomo|tizio|qualcuno|casa|fuori|strada|agita|brandisce|tira fuori|tirato fuori|paura|c e|ce").not("porto d armi|porto di armi|licenz*|permess*|caccia|detenzion*|collezion*|denuncia armi|denuncia di armi|sportiv*|tiro a segno|softair|cucina|pane|arma dei carabinieri|regolamento|legge|norme|consentit*|vietat*|comprare|acquist*|museo|giocattol*|baseball|golf"),
			sigR("mi segue|mi seguono|mi sta seguendo|mi stanno seguendo|mi insegue|mi inseguono|mi sta inseguendo|mi stanno inseguendo|mi pedina|mi pedinano|mi perseguita|mi perseguitano|mi aspetta sotto casa|mi aspetta fuori|mi sta aspettando fuori|mi ha seguit*|mi hanno seguit*").not("pratica|pratiche|avvocat*|commercialist*|assistente|assistenti|medico|dottor*|social*|instagram|facebook|tiktok|pagina|canale|caf|patronato|ufficio|tutor|insegnante"),
			sigR("ho paura|sono terrorizzat*|sono spaventat*|ho tanta paura|ho molta paura|ho il terrore", "mi segue|seguit*|seguendo|marito|compagno|ex|fidanzat*|uomo|tizio|sconosciut*|fuori dalla porta|sotto casa|alla porta|picchi*|uccid*|ammazz*|minacci*|vuole entrare|sta entrando|sono entrati|e entrato|ladri|ladro"),
			sigR("ladri|ladro|ladra|rapinator*|intrus*|malviventi|scassinator*", "in casa|dentro|entrati|entrato|entrando|stanno entrando|ci sono|c e|ce|sento|casa mia|appartamento|adesso|aiuto|sfondando|sfondato|forzando|forzato|=finestra|porta|ancora qui|sono qui").not("denuncia|denunciare|assicurazion*|rimborso|ieri|settimana|scorsa|scorso|copia|duplicato"),
			sigR("rapina|rapinando|furto", "in corso|c e|ce|stanno|adesso|aiuto|sotto casa|mi stanno|ci stanno|sta avvenendo").not("denuncia|assicurazion*|copia|duplicato"),
			sigR("rapinat*|scippat*|mi stanno rubando|ci stanno rubando|sfondano la porta|sfondando la porta|stanno entrando in casa|sta entrando in casa|qualcuno in casa|qualcuno e entrato|sono entrati in casa|e entrato in casa").not("denuncia|denunciare|ieri|settimana|scorsa|scorso|duplicato|copia|rimborso|assicurazion*"),
			// Suicide.
			sigR("suicid*|uccidermi|ammazzarmi|togliermi la vita|tolgo la vita|farla finita|falla finita|finirla qui|voglio morire|vorrei morire|voglio solo morire|non voglio piu vivere|non voglio vivere|non ce la faccio piu a vivere|non ha senso vivere|mi ammazzo|mi uccido|mi voglio uccidere|mi voglio ammazzare|mi butto|buttarmi|gettarmi|lanciarmi|impiccarmi|mi impicco|tagliarmi le vene|mi taglio le vene|farmi del male|mi faccio del male|meglio morto|meglio morta|mi lascio morire"),
			// A child or a vulnerable person missing.
			sigR("scompars*|sparit*|=dispers*|introvabil*|non lo trovo|non la trovo|non li trovo|non lo troviamo|non la troviamo|non lo trovo piu|non la trovo piu|non trovo piu|non torna|non e tornat*|non e rientrat*|non rientra|si e perso|si e persa|si sono persi|si sono perse|e perso|e persa|portat* via|non si trova|non si trova piu|rapit*",
				people+"|persona|alzheimer|demenza|disabile").not("document*|carta|tessera|pratica|passaporto|certificat*|permesso|cane|gatto|pacco|posta|lettera|chiavi|portafoglio|telefono|cellulare|bici|auto|macchina|soldi|gioco|giocattol*|pallone|mail|email|zaino|libri|libro|pagella|iscrizione|domanda|dati|file|rimozione|carro attrezzi|conti|bonus|assegno|rifiuti|sacchetti|bidone|cassonetto"),
			sigR("ho/abbiamo perso/=smarrito mio/mia/il/la/i/nostro/nostra figli*/bambin*/bimb*/piccol*|perso di vista mio/mia/il/la figli*/bambin*/bimb*|bambin* smarrit*|bimb* smarrit*|bambino perso|bambina persa|bimbo perso|bimba persa|bambino scomparso|bambina scomparsa|minore scomparso|minore scomparsa|persona scomparsa"),
			// Gas, explosions.
			sigR("gas|metano|gpl|monossido|bombola", "odore|puzza|puzzo|sento|sente|perdita|perde|fuga|fuoriuscita|esce|uscendo|si sente|avvelenat*|intossicat*|=esploso|=esplosa|esplosione|scoppio|=scoppiata|=scoppiato|=fischia|=fischio").not("bolletta|bollette|contatore|contratto|allacci*|tariff*|bonus|fornitor*|lettura|voltura|disdetta|prezzo|costo|manutenzion*|revisione|rate|rata|agevolazion*|certificat*|detrazion*|offerta|distributore"),
			sigR("fuga di gas|perdita di gas|odore di gas|puzza di gas|sento gas|sento il gas|c e gas|ce gas|esplosione|e =esploso|e =esplosa|=scoppiata la caldaia|=scoppiata una bombola|monossido|crollato|crollata|e crollato|e crollata|crollo"),
			// Floods with people trapped, drowning.
			sigR("allagat*|allagament*|alluvion*|inondat*|inondazion*|esondat*|esondazion*|esonda*|frana|franat*|smottament*|piena del fiume|fiume",
				"intrappolat*|bloccat*|isolat*|sale|salendo|sta salendo|tetto|aiuto|salvateci|salvatemi|=soccorso|=soccorsi|non riusciamo a/ad uscire|non riesco a/ad uscire|dentro casa|sommers*|travolt*|trascinat*|portat* via|annega*|affoga*|gente|persone|bambin*|anzian*|disabil*|sepolt*|sotto").not("rischio|mappa|piano|prevenzion*|rimborso|risarciment*|danni|contribut*|bonus|allerta|bollettino|bolletta|contatore|tariff*|fornitura|vietat*|divieto|balneazione|pesca|sponda|pista ciclabile|passeggiata|statistich*|assicurazion*|anno scorso"),
			sigR("acqua", "intrappolat*|sta salendo|sale fino|al tetto|sul tetto|salvateci|salvatemi|sommers*|travolt*|trascinat*|portat* via|annega*|affoga*|non riusciamo a/ad uscire|non riesco a/ad uscire|alla gola|al collo|alla vita|al petto").not("bolletta|contatore|fornitura|guasto|potabile|acquedotto|rubinetto|tariff*"),
			sigR("annega*|affoga*|sta affogando|sta annegando|cadut*/finit*/cascat* in/nel/nella/nei acqua/fiume/mare/canale/lago/pozzo/piscina/torrente|trascinat* dalla corrente|portat* via dalla corrente|travolt* dall acqua|intrappolat*|sotto le macerie|sepolt* sotto|bloccat*/chius*/intrappolat* in/nell ascensore"),
			// Generic cries for help and "it's an emergency".
			// Categories found missing by blind probing: a person under water,
			// motionless after a crash, choking or swelling, electrocuted, about
			// to jump; each needs its event word and a context word, so the
			// words alone ("scossa", "gonfia", "buttarsi") stay quiet.
			sigR("non riemerge|non e riemers*|non e piu riemers*|non torna su|non e tornat* su|non risale|non e risalit*|andat* sotto|finit* sotto|sott acqua|sotto l acqua|galleggia|a faccia in giu",
				"acqua|fiume|mare|lago|piscina|canale|torrente|onde|onda|corrente|spiaggia|porto|diga|fontana|vasca|stagno|laghetto",
				people+"|qualcuno|uno|persona|corpo|bagnante|bagnanti|nuotator*").not("tubo|tubi|tubatur*|perdita|allagat*|cantina|garage|box|contatore|bolletta|corso|corsi|lezioni|iscrizion*|auto|macchina"),
			sigR("non riesco/riusciamo/riesce/riescono piu? a svegliarl*/risvegliarl*/rianimarl*|non si riesce a svegliarl*|non apre gli/piu? occhi|non apre piu gli occhi|occhi rovesciati|occhi all indietro|esanime|privo di vita|priva di vita|giace a terra|giace per terra|sta immobile|e immobile|resta immobile|rimane immobile|immobile a terra|immobile per terra"),
			sigR("non risponde|non risponde piu|non reagisce", "svegli*|respira*|occhi|muove|terra|pavimento|cadut*|cascat*|svenut*|sangue|pallid*|aiuto|ambulanza|118|112|chiamo|letto|bagno").not("telefono|cellulare|email|mail|pec|messaggi*|whatsapp|chiamat*|ufficio|comune|sportello|numero|lettera|domanda|pratica|sito|app|citofono|campanello"),
			sigR("incident*|=scontro|scontrat*|schiant*|investit*|travolt*|cadut* dalla/dal moto/motorino/scooter/bici/bicicletta/monopattino",
				"asfalto|in mezzo alla strada|steso|stesa|sdraiat*|immobile|non risponde|non si alza|non si rialza|non si muove|sbalzat*|perde sangue|testa|casco|sangue").not("copia|verbale|assicurazion*|rapporto|risarciment*|sinistro|modulo|certificat*|cid|rimborso|statistich*|settimana scorsa|mese scorso|anno scorso|obbligo|obbligatorio|multa|codice della strada|prevenzion*|sicurezza stradale"),
			sigR("trauma cranico|testa rotta|spaccat* la testa|rott* la testa|aperto la testa|aperta la testa|ferita alla testa|sangue dalla testa|sbattuto la testa|battuto forte la testa|picchiato la testa"),
			sigR("si e strozzat*|si sta strozzando|sta strozzando|strozzat* con|andat* di traverso|ha qualcosa in/nella gola|incastrat* in/nella gola|bloccat* in/nella gola|non riesce a deglutire|non riesce piu a deglutire"),
			sigR("shock anafilattico|anafilass*|anafilattic*|edema della glottide|edema alla gola").not(sigAllergyPaperwork),
			sigR("shock anafilattico|anafilass*|anafilattic*|edema della glottide|edema alla gola", sigAcute),
			sigR("gonfi*", "gola|lingua|labbra|faccia|viso|collo", "respir*|puntur*|punto|punta|ape|vespa|calabrone|allergi*|arachidi|noccioline|soffoc*|aiuto|subito|ambulanza|non riesce|deglutire").not("mal di gola|tonsill*|raffreddore|febbre|dentista|prenot*|visita|pediatra"),
			sigR("reazione allergica|crisi allergica|attacco allergico|shock allergico", "respir*|gola|lingua|gonfi*|aiuto|subito|ambulanza|grave|soffoc*|svenut*|puntur*|punto|punta").not("mensa|menu|dieta|certificat*|scuola|modulo|allergeni|prenot*|visita|test|vaccin*|pollin*"),
			sigR("convulsion*|convulsa|convulso|crisi epilettica|schiuma alla bocca|bava alla bocca|trema tutto|trema tutta|scatti|spasmi", "aiuto|terra|pavimento|bambin*|bimb*|figli*|marito|moglie|padre|madre|ragazz*|ora|adesso|subito|non risponde|svenut*|bocca|118|112|ambulanza").not("farmac*|terapia|prenot*|visita|certificat*|invalidita|esenzion*"),
			sigR("preso/presa/prende/prendendo/beccato/beccata/beccat* la/una scossa|scossa elettrica|elettrocut*|elettrizzat*|folgorat* dalla corrente|fulminat* dalla corrente|attaccat* alla corrente|attaccat* ai fili|attaccat* al filo|colpit* da un fulmine|colpit* dal fulmine"),
			sigR("folgorat*|fulminat*", "corrente|filo|fili|cavo|cavi|elettric*|presa|traliccio|cabina|terra|non respira*|aiuto|operaio|lavorando|ambulanza|svenut*|non si muove").not("film|libro|bellezza|idea|lampadin*|fusibil*|lampada|sostituire|cambiare"),
			sigR("buttarsi|gettarsi|lanciarsi|si butta|si getta|si lancia|si vuole buttare|si vuole gettare|si sta per buttare|saltare giu|salta giu|buttarsi giu|si butta giu|sul cornicione|sul parapetto|oltre il parapetto|sul davanzale|sul bordo del",
				"ponte|cavalcavia|tetto|terrazzo|terrazza|balcone|=finestra|palazzo|cornicione|parapetto|davanzale|binari|viadotto|scogliera|dirupo|vuole|minaccia|sta per|giu").not("sport|paracadut*|bungee|tuffo|tuffi|piscina|mercato|lavoro|progetto|affare|avventura|mischia|politica|impresa|scivolo|trampolino|divano|mobili|ingombranti|rifiuti|spazzatura|materasso|elettrodomestic*|ritiro|cassonetto|sacchetto|soldi|tempo"),
			sigR("togliersi la vita|si toglie la vita|si vuole togliere la vita|si vuole uccidere|si vuole ammazzare|vuole uccidersi|vuole ammazzarsi|vuole farla finita|minaccia di uccidersi|minaccia di ammazzarsi"),
			sigR("ascensore", "bloccat*|incastrat*|fermo|ferma|chius*|intrappolat*|rimast*", "dentro|siamo|sono|ci sono|c e|ce|qualcuno|persona|persone|bambin*|bimb*|figli*|madre|padre|mamma|papa|nonn*|anzian*|sta male|panico|respira*|svenut*|aiuto|subito").not("manutenzion*|riparazion*|condominio spese|spese|amministrator*|sempre|spesso|ogni|da giorni|da settimane|ancora guasto|guasto da|barriere|disabili|contributo|bonus"),
			sigR("uomo armato|uomini armati|tizio armato|tipo armato|ragazzo armato|rapinator* armat*|bandit* armat*|malvivent* armat*|un armato|armato di coltello|armato di pistola|con una pistola in mano|con un coltello in mano|tira fuori un/il coltello/pistola|ha tirato fuori un/il coltello/pistola|punta una/la pistola|puntato una/la pistola|punta un/il coltello"),
			sigR("esplos*|=scoppiat*|=scoppiata|boato|botto", "palazzo|casa|bombola|caldaia|gas|edificio|cucina|appartamento|auto|macchina|strada|ferit*|aiuto|vetri|fumo|fiamme|crollat*|fabbrica|negozio|distributore|cisterna").not("piangere|ridere|risata|rabbia|guerra|polemica|caso|scandalo|bolla|moda|prezzi|fuochi d artificio|capodanno|botti|tubo|tubi|tubatur*|lavatrice|gomma|pneumatico|palloncino|rumore|rumori|ogni notte"),
			sigR("crollat*|crollo|caduto il tetto|caduto il soffitto|cedut* il solaio|cedut* il balcone|cedut* il pavimento", "persone|gente|qualcuno|sotto|sepolt*|intrappolat*|bloccat*|ferit*|aiuto|dentro|bambin*|anzian*"),
			sigR("malore|colto da malore|colta da malore|ha avuto un malore|ha un malore|si e sentit* male", "terra|respira*|svenut*|cadut*|accasciat*|aiuto|ambulanza|subito|presto|non risponde|non si muove|petto|cuore|pallid*|bianco|bianca|sudato|sudata|strada|bar|negozio").not("corso|corsi|formazione|primo soccorso|certificat*|permesso|assenza|lavoro|giustificazione"),
			sigR("non riesce/riesco/riusciamo piu? a prendere fiato/aria|manca l aria|gli manca l aria|le manca l aria|mi manca l aria|respira male|respira malissimo|rantola|rantolo|boccheggia|ansima e"),
			sigR("vuole/vuol/sta per/vorrebbe/minaccia di farla finita/uccidersi/ammazzarsi/suicidarsi|ha scritto che si uccide|ha scritto che vuole morire|vuole morire|dice che vuole morire|lettera d addio|messaggio d addio|biglietto d addio"),
			sigR("rissa|si picchiano|si accoltellano|si prendono a coltellate|si stanno picchiando|litigano|si affrontano|lite", "coltell*|coltellate|pistol*|armi|armati|spranghe|bastoni|machete|cocci|bottiglie rotte|sangue|ferit*").not("film|serie|videogioc*|gioco|statistich*|ieri|settimana scorsa"),
			sigR("parla strano|parla male|parla in modo strano|biascica|farfuglia|parla impastato|parla a fatica|non si capisce cosa dice|non si capisce quello che dice|parole confuse|parla confuso|straparla",
				"braccio|mano|gamba|faccia|viso|bocca|debole|molle|storta|storto|cade|pende|intorpidit*|formicol*|paralizzat*|improvvis*|all improvviso|di colpo|ictus|ambulanza|aiuto").not("italiano|lingua|telefono|operatore|straniero|accento|dialetto"),
			sigR("braccio|mano|gamba|faccia|viso|bocca|lato", "debole|molle|moscio|cadente|storta|storto|intorpidit*|paralizzat*|non la muove|non lo muove|pende|cade giu|non risponde|addormentat*", "improvvis*|all improvviso|di colpo|parla|parlare|ictus|biascica|confus*|aiuto|ambulanza|118|112|petto|testa|gira la testa|non riesce").not("fisioterap*|prenot*|visita|certificat*|invalidita|dentista|anestesia"),
			sigR("non sente/sento/sentiamo piu? le gambe|non muove piu? le gambe|non riesce a muovere le gambe|non si sente le gambe|paralizzat* dalla vita in giu|non sente niente dalla vita in giu", "cadut*|caduta|scala|tetto|impalcatura|incidente|schiena|collo|aiuto|ambulanza|terra|moto|tuffo|albero|balcone|botta|subito").not("palestra|allenamento|corsa|maratona|fisioterap*"),
			sigR("sotto il ghiaccio|sprofondat* nel ghiaccio|cadut* nel ghiaccio|il ghiaccio ha ceduto|ceduto il ghiaccio|ghiaccio si e rotto sotto|rotto il ghiaccio sotto"),
			sigR("macchina|auto|furgone|camion|pullman|autobus|moto|veicolo", "fiume|canale|lago|mare|acqua|torrente|porto|fosso|sottopasso allagato", "finit*|cadut*|precipitat*|affonda*|sommers*|volat*|trascinat*|inghiottit*|sprofondat*|uscit* di strada").not("autolavaggio|parchegg*|bollo|assicurazion*|traghetto|multa|ztl|ieri|anno scorso"),
			sigR("morso|morsa|morsicat*|morsicatura|punto|punta|puntura", "vipera|serpente|serpe|scorpione").not("repellente|prevenzion*|siero|antidoto|dove|rischio|zona|sentiero|sentieri|escursion*"),
			sigR("morso|morsa|morsicat*|punto|punta|puntura|punture", "ragno|medusa|tracina|calabrone|calabroni|vespa|vespe|ape|api", "gonfi* la gola|gola|respir*|sviene|svenut*|vomit*|gira la testa|non si regge|crolla*|ambulanza").not("repellente|prevenzion*|disinfestazion*|zanzar*|nido|nidi"),
			sigR("cadut*|cascat*|volat*|precipitat*", "scala|tetto|impalcatura|ponteggio|albero|balcone|terrazzo|=finestra|tetto", "non si muove|non risponde|non sente|sangue|testa|schiena|collo|svenut*|incoscient*|aiuto|ambulanza|subito|non respira*|gambe").not("risarciment*|assicurazion*|infortunio sul lavoro|inail|ieri|settimana scorsa|mese scorso|prezzi"),
			sigR("e diventat* blu|diventat* blu|diventat* viola|e tutto blu|e tutta blu|e blu in faccia|e cianotic*|cianotic*|labbra viola|faccia blu|viso blu|le labbra blu|ha le labbra blu|sta diventando blu"),
			sigR("eroina|fentanil*|cocaina|metadone|crack|droga|drogat*|si e fatto|si e bucato|si e iniettato|pasticche|pasticca|ketamina|ghb", "blu|viola|non respira*|non si sveglia*|non risponde|svenut*|convulsion*|schiuma|overdose|incoscient*|collassat*").not("prevenzion*|serd|sert|comunita|centro|sportello|statistich*|spaccio|denuncia|quartiere"),
			sigR("dolore|dolori|male|fitta|formicolio|peso|intorpidit*", "braccio sinistro|spalla sinistra|mandibola|mascella|al braccio sinistro|sul braccio sinistro", "suda|sudato|sudata|sudore|sudore freddo|suda freddo|pallid*|grigio|grigia|nausea|vomit*|affanno|respira*|gira la testa|vertigin*|sviene|svenut*|petto|aiuto|ambulanza").not("fisioterap*|prenot*|visita|certificat*|ortoped*|tendin*|palestra|spalla congelata|mesi|settimane|impegnativa|ricetta"),
			sigR("sudore freddo|suda freddo|sudando freddo", "dolore|male|petto|braccio|pallid*|grigio|grigia|gira la testa|nausea|svenut*|sviene|respira*|non si sente bene|sta male|aiuto|ambulanza"),
			sigR("bambin*|bimb*|neonat*|piccol*|figli*|bebe|neonato", "chius*|rimast* chius*|bloccat*|intrappolat*", "in macchina|nella macchina|in auto|nell auto|nella vettura|in una macchina|in un auto|in una auto"),
			sigR("dimenticat*/lasciat* il/la/un/una? bambin*/bimb*/neonat*/piccol*/figli* in/nella macchina/auto/vettura|bambin*/bimb*/neonat* dimenticat* in/nella macchina/auto"),
			sigR("ho/abbiamo perso/=smarrito il/la/mio/mia/nostro/nostra piccol*/bambin*/bimb*/figli*|ho perso di vista il/la/mio/mia piccol*/bambin*/bimb*/figli*"),
			sigR("aiuto aiuto|aiutatemi vi prego|aiutateci vi prego|aiuto vi prego|aiuto presto|aiuto subito|presto aiuto|subito aiuto|aiutatemi presto|aiutatemi subito|aiutateci presto|aiutateci subito|correte presto|correte subito|venite subito|venite presto|qualcuno mi aiuti|qualcuno ci aiuti|sos|mayday|emergenza medica|emergenza sanitaria|rischia di morire|sta per morire|in pericolo|sono in pericolo|siamo in pericolo").not(paperwork + "|beni culturali|edificio storico|specie|animali in pericolo|estinzione"),
			sigR("e un emergenza|e una emergenza|emergenza vera|vera emergenza|c e un emergenza|ce un emergenza|c e una emergenza|abbiamo un emergenza|ho un emergenza|emergenza emergenza|emergenza|urgenza", "aiuto|ambulanza|subito|presto|correte|venite|vi prego|muore|=morendo|sangue|respira*|fuoco|incendio|ferit*|112|118|pericolo").not(paperwork + "|abitativ*|casa|alloggi*|carta|passaporto|scadenza|scade|scaduto|scaduta|rinnovo|veterinari*|cane|gatto|idrica|idric*|neve|covid|sociale|freddo|caldo|climatic*|numero|numeri|piano|contatti|pronto =soccorso orari"),
		},
		human: []sigRule{
			sigR("parlare/parlo/parli/parla/parlarne/parlerei/comunicare/chattare/conversare/interloquire con/a/col/alla/al/ad/coi/cogli? un/una/l/il/lo/la/qualche/dei/degli/le/gli? operator*/operatric*/umano/umana/umani/persona/persone/impiegat*/addett*/funzionari*/dipendent*/centralinist*/consulent*/qualcuno/responsabil*/essere/vero/vera/sportell*").not("ecologic*|sociosanitari*|sanitari*").not(sigSocialWorker),
			sigR("passami/passatemi/passarmi/passate/passi/passa/mettetemi/mettimi/mettermi/metta/collegatemi/collegami/trasferitemi/trasferiscimi/voglio/vorrei/desidero/chiedo/richiedo/preferisco/preferirei/contattare/contatto/contattarvi/sentire/raggiungere/chiamare/esiste/avere/ce/c un/una/l/il/lo/la/con/in/a? operator*/operatric*/umano/umana/impiegat*/addett*/centralinist*/funzionari*|c e un/l operator*/operatric*/impiegat*|mettetemi/mettimi/mettermi/metta/mette/mettete in contatto con/col? un/una/l/il/lo/la/qualche? operator*/operatric*/persona/qualcuno/impiegat*/ufficio/addett*/funzionari*/responsabil*").not("ecologic*|sociosanitari*|sanitari*|socio").not(sigSocialWorker),
			sigR("persona vera|persona reale|persona fisica|essere umano|in carne e ossa|operatore umano|operatrice umana|non un bot|non un robot|non una macchina|non voglio il bot|non voglio un bot|non voglio parlare con un/il/una/la? bot/robot/macchina/chatbot/computer/assistente/intelligenza|basta bot|basta robot|basta con il bot|bot inutile").not("giuridic*|codice fiscale|intestat*|dichiarazione|diritti|rappresentant*").not(sigSocialWorker),
			sigR("operatore|operatrice|operatori|umano|persona|un operatore|l operatore|operatore per favore|operatore grazie|operatore subito|operatore umano|persona fisica|parlare operatore|voglio operatore").short(3).not(sigNotAPersonRequest).not(sigSocialWorker),
		},
		personal: []sigRule{
			sigR("mia/mio/mie/miei/nostra/nostro/nostre/nostri pratic*/domand*/richiest*/istanz*/fascicol*/segnalazion*/rimbors*/carta/tessera/permesso/document*/certificat*/passaport*/iscrizion*/residenza/cambio/cittadinanza/ricors*/reclam*/bonus/contribut*/assegno/sussidio/patente/cie/ticket/esenzion*/contrassegno/autorizzazion*/licenz*/concession*|pratic*/richiest*/istanz*/fascicol* mia/mio",
				"a che punto|lo stato|stato della|stato di avanzamento|stato pratica|stato attuale|in che stato|avanzamento|in attesa|ancora in attesa|ferma|fermo|bloccat*|sospes*|novita|notizie|esito|nessuna risposta|nessun riscontro|quando arriva|quando arrivera|quando sara pronta|quando sara pronto|quando posso ritirar*|e pronta|e pronto|e gia pronta|e gia pronto|sara pronta|sara pronto|non e arrivat*|non mi e arrivat*|non e ancora arrivat*|non mi e ancora arrivat*|non ho ricevut*|non ho ancora ricevut*|ancora non ho ricevut*|non ho avuto|mai arrivat*|mai ricevut*|che fine|respint*|rifiutat*|approvat*|accettat*|accolt*|rigettat*|evas*|in lavorazione|lavorata|lavorato|elaborazione|sto aspettando|aspetto da|aspetto ancora|ancora niente|ancora nulla|ancora non|non ancora|in ritardo|ritardo|quanto manca|ci vuole ancora|dove si trova|dov e|dove e finit*|presa in carico|protocollat*|ancora ferma|ancora fermo|e stata vista|e stata esaminata|aggiornament*|non si muove|non avanza").not(sigBills),
			// "Not received yet" is a pending case when it is about a document
			// or an answer; a bill or notice not received is an FAQ.
			sigR("non ho ancora ricevut*|non mi e ancora arrivat*|non mi sono ancora arrivat*|non e ancora arrivat*|non sono ancora arrivat*|ancora non ho ricevut*|ancora non mi e arrivat*|non ho ricevut*|non mi e arrivat*|non mi e mai arrivat*|non e mai arrivat*|non ho mai ricevut*|mai arrivat*|mai ricevut*|non mi hanno ancora mandato|non mi hanno ancora dato|non mi hanno mai", sigCaseIt).not(sigBills),
			sigR("aspetto ancora|aspetto da|sto ancora aspettando|sto aspettando da|sto aspettando ancora|aspettiamo da|attendo da|attendo ancora|nessuna notizia|nessuna risposta|nessun riscontro", "mesi|mese|settimane|settimana|giorni|anno|pratica|domanda|richiesta|risposta|carta|permesso|documento|rimborso|esito|cittadinanza|mia|mio"),
			sigR("a che punto e/sta/sono/siamo/si? trova? con? la/il/le/i/l? mia/mio/mie/miei/nostra/nostro/nostre/nostri|stato della/del/dei/delle mia/mio/mie/miei/nostra/nostro|stato di avanzamento della/del? mia/mio/nostra/nostro|che fine ha/hanno fatto la/il/le/i/l? mia/mio/mie/miei/nostra/nostro|non ho piu saputo niente|non ho piu saputo nulla|non so piu niente|novita sulla mia|novita sul mio|notizie della mia|notizie del mio|aggiornamenti sulla mia|aggiornamenti sul mio"),
			sigR("numero di protocollo|numero protocollo|n di protocollo|numero della pratica|numero di pratica|numero pratica|codice pratica|codice della pratica|id pratica|numero della domanda|numero di domanda|numero domanda|numero della richiesta|numero di richiesta|numero di fascicolo|numero fascicolo|mio protocollo|mia pratica numero|protocollo della mia|protocollo del mio|codice di protocollo|numero di istanza|numero istanza"),
			sigR("ho/abbiamo presentato/inviato/consegnato/inoltrato/mandato/depositato/spedito/protocollato|ho/abbiamo fatto la/una/il? domanda/richiesta/pratica/istanza/segnalazione/ricorso/reclamo",
				"mesi fa|settimane fa|giorni fa|tempo fa|un mese fa|da mesi|da settimane|da giorni|da un mese|ancora|nessuna|niente|nulla|non ho ricevut*|non so|non mi hanno|non hanno|non ho avuto|a che punto|esito|notizie|risposta|ritardo|in attesa"),
		},
		fileStrong:       "pratic*|protocoll*|prot|fascicol*|ticket|riferimento|rif|pratica numero",
		fileWeak:         "domand*|richiest*|istanz*|segnalazion*|ricors*|reclam*|codice|id",
		numberMarks:      "n|nr|num|numero|no|nro|codice|cod|id",
		numberNotAFileNo: "euro|eur|euri|costa|costano|costo|prezzo|importo|tariffa|pagare|pago|pagato|giorni|giorno|mesi|mese|anni|anno|ore|minuti|settimane|km|metri|mq|kg|telefono|tel|cell|cellulare|fax|whatsapp|numero verde|persone|pagine|volte",
	}
}

func sigEnglish() sigLexicon {
	people := "man|woman|boy|girl|child|kid|baby|toddler|son|daughter|husband|wife|mother|mum|mom|father|dad|grandmother|grandma|grandfather|grandpa|granny|brother|sister|friend|neighbour|neighbor|person|someone|somebody|old lady|old man|elderly|patient|partner|boyfriend|girlfriend|colleague|he|she"
	fireVeto := "volunteer*|join|joining|career|careers|recruit*|station|become|safety|certificat*|prevent*|regulation*|rule|rules|law|laws|drill*|extinguisher*|permit*|inspection*|insurance|insured|course|training|alarm test|detector*|cigarette*|smoking|ban|bans|barbecue|bbq|bonfire*|fireplace|fireworks|firework*|stove|risk|map|statistics|compensation|damage|damages|exit sign|exits|escape plan|evacuation plan|licence|license|requirement*|cost|costs|fire me|fired|employer|job|boss|dismiss*|ceasefire|fire pit|campfire|grill"
	callCue := "call|calling|send|sending|get|need|needs|needed|bring|phone|ring|dial|please|now|quick|quickly|hurry|asap|urgent|urgently|immediately|right now|help"
	callVeto := "cost|costs|price|fee|fees|pay|paid|bill|invoice|insurance|certificat*|appointment|book|booking|non emergency|non urgent|volunteer*|course|training|job|jobs|career|hours|opening|number for|what is the number|whats the number|what s the number|noise|noisy|loud|music|party"
	paperwork := "form|forms|fill|filling|application|document*|tax|taxes|payment|website|site|app|login|password|spid|account|appointment|booking|certificate|card|permit|question|questions|understand|translate|english|italian|information|info|insurance|compensation|claim|claims|statistics|canteen|school|waste|bin|bins|residence"
	return sigLexicon{
		lang: "en",
		emergency: []sigRule{
			sigR("on fire|caught fire|catching fire|catch fire|in flames|is =burning|s =burning|are =burning|=burning down|house fire|building fire|apartment fire|flat fire|kitchen fire|fire in my/the/our/a house/home/building/flat/apartment/kitchen/room/bedroom/garage/basement/stairs/stairwell|smoke everywhere|full of smoke|thick smoke|black smoke|smoke coming|smell of =burning|smells of =burning|smell =burning|smells like =burning|something is =burning|something s =burning|there is a fire|there s a fire|theres a fire|there is fire|there s fire"),
			sigR("fire|fires|flames|smoke|blaze|wildfire", "there is|there s|theres|there are|house|home|building|flat|apartment|kitchen|room|floor|stairs|stairwell|garage|basement|roof|car|shop|help|now|trapped|stuck|spreading|everywhere|call|hurry|quick|urgent|please|neighbour*|neighbor*|next door|huge|big|coming|=burning|inside|out of control|can t get out|cant get out|cannot get out|firefighters|fire brigade|fire department|112|911").not(fireVeto),
			sigR("fire|help fire|fire fire|smoke|flames|fire help").short(2),
			sigR("unconscious|unconcious|unconsious|unresponsive|not breathing|isn t breathing|isnt breathing|is not breathing|stopped breathing|not breathing anymore|can t breathe|cant breathe|cannot breathe|can not breathe|can t breath|cant breath|cannot breath|struggling to breathe|struggling to breath|having trouble breathing|trouble breathing|hard to breathe|difficulty breathing|collapsed|has collapsed|passed out|=fainted|blacked out|heart attack|heartattack|hart attack|cardiac arrest|overdose*|overdosing|took too many pills|too many pills|too many tablets|swallowed pills|poisoned|=choking|chocking|is choking|convulsing|convulsions|bleeding out|bleeding to death|bleeding heavily|bleeding badly|bleeding a lot|heavy bleeding|lots of blood|lot of blood|so much blood|blood everywhere|won t stop bleeding|wont stop bleeding|chest pain|chest pains|pain in my chest|won t wake up|wont wake up|will not wake up|not waking up|doesn t wake up|dead body|found a body|someone is dead|he s dead|she s dead|no pulse|turning blue|lips are blue|seriously =injured|badly =injured|severely =injured|is =injured|are =injured|someone is hurt|someone hurt|badly hurt|seriously hurt|people hurt|people =injured|life threatening|life or death"),
			// Hyperbole ("dying to know", "the heat is killing me") is common
			// enough in chat to need its own vetoes.
			sigR("dying|is dying|s dying|going to die|gonna die|about to die").not("dying to|dying for|dye|dyeing|hair|laughing|laugh|boredom|bored|curiosity|joke|kidding|lol|haha"),
			sigR("kill me|kill us|killing me|killing us").not("heat|bureaucracy|queue|queues|waiting|wait|paperwork|traffic|prices|price|taxes|tax|noise|joke|kidding|lol|haha|form|forms|shoes|diet|homework|back pain|headache"),
			sigR("not responding|isn t responding|isnt responding|not moving|isn t moving|isnt moving|won t respond|wont respond|on the floor|on the ground|fell down|has fallen|fallen down|fell over|fell off|fell from", people+"|bleeding|blood|head|breathing|unconscious|help|ambulance").not("website|site|app|page|portal|system|queue|line|application|request|file|case|email|emails|message|messages|texts|calls|server|payment|form|tree|branch|sign|wall|fence|bin|bins|leaves|plaster|tiles|prices"),
			sigR("is =beating|are =beating|=beating a/the/his/her woman/man/girl/boy/child/kid/wife/husband/dog|=beating someone|=beating up|beaten up|hitting a/the/his/her woman/man/girl/boy/child/kid/wife|hitting someone|attacking a/the woman/man/girl/boy/child/kid|attacking someone|slurred speech|slurring his/her? words|face is drooping|face drooping|drooping face|one side of his/her face|can t speak properly|cant speak properly|can t talk properly|cant talk properly|suddenly can t speak|suddenly cant speak|suddenly cannot speak"),
			sigR("can t speak|cant speak|cannot speak|can t talk|cant talk|can t move his/her arm|cant move his/her arm", "suddenly|stroke|face|arm|collapsed|fell|chest|dad|mum|mom|husband|wife|grandma|grandpa|father|mother|help|ambulance").not("well|properly|italiano|italian|italien|italienisch|italiana|italisht|inglese|english|anglais|ingles|englisch|engleza|anglisht|francese|french|francais|frances|franzosisch|franceza|spagnolo|spanish|espagnol|espanol|spanisch|tedesco|german|allemand|aleman|deutsch|germana|arabo|arabic|arabe|arabisch|araba|romeno|romanian|roumain|rumano|rumanisch|romana|albanese|albanian|albanais|albanes|albanisch|albaneza|shqip|cinese|chinese|chinois|chino|chinesisch|chineza|kinezisht|lingua|lingue|language|languages|langue|idioma|sprache|limba|gjuhe|fluently|telefono|telephone|phone|telefon"),
			sigR("screaming|screams|scream|shouting for help|crying for help", "help|=beating|hitting|hurt|blood|fight|fighting|attack*|kill|knife|gun|woman|girl|child|man|outside|window|street").not("baby|babies|toddler|tantrum|noise|party|music|neighbours|neighbors|every night|all night|tv|football|game"),
			sigR("pain|pains|pressure|tightness|hurts|hurting", "chest").not("appointment|doctor s appointment|check up|checkup|gp|clinic hours|certificate|x ray|xray|mammogram"),
			sigR("bleeding|bleeds|bleed", "heavily|badly|a lot|lot|so much|too much|wont stop|won t stop|doesn t stop|not stopping|everywhere|head|profusely|help|ambulance|deep|cut|wound|stab*|shot|hurry").not("gums|donat*|period|nose bleed"),
			sigR("stroke", "having|had|has|is|think|symptoms|face|drooping|slurred|help|ambulance|my|he|she").not("swimming|swim|stroke of|brush|golf|paddle|strokes|breaststroke|backstroke"),
			sigR("seizure|seizures|fit", "having|having a|had a|is|she|he|my|help|now|epileptic|shaking|ambulance").not("car|vehicle|vehicles|property|assets|goods|notice|order|seized|fit for|keep fit|fitness|fits|fit in|fit the|fitting"),
			sigR("ambulance|ambulances|paramedics|paramedic|emergency services|112|911|118|999", callCue).not(callVeto),
			sigR("police|cops|carabinieri|polizia", callCue).not(callVeto + "|clearance|record|records|check|station|report|reports|local|municipal|traffic warden|fine|fines|ticket|tickets|parking|permit*|certificat*|registration|register|residence|passport|lost|stolen|theft|complaint|statement|declaration|address|id|documents|document|office|headquarters|questura"),
			sigR("firefighters|firefighter|fire brigade|fire department|fire service|firemen|fire fighters|fire truck|fire engine", callCue).not(fireVeto + "|" + callVeto),
			sigR("ambulance|police|firefighters|fire brigade").short(3).not(sigServiceInfo + "|phone|cost|local|municipal"),
			sigR("=accident|crash|collision|crashed|car crash|pile up|pileup|smash", "=injured|injuries|injury|hurt|wounded|bleeding|blood|trapped|stuck|ambulance|help|serious|seriously|bad|badly|dead|dying|unconscious|not moving|on fire|fire|smoke|just happened|right now|hurry|quick|pedestrian|cyclist|overturned|flipped").not("report|reports|insurance|copy|claim|claims|compensation|form|forms|document*|record|records|certificate|statement|last week|last month|last year|yesterday|statistics|prevention|black spot|lawyer|refund|fine|fines|file|filed|request|obtain|app|website|site|portal|system|computer|server|page|browser|login|spid|work =accident|at work"),
			sigR("hit by a/an/the car/truck/lorry/bus/van/motorbike/motorcycle/scooter/train/tram/vehicle|run over|ran over|been run over|knocked down by|knocked over by|struck by a car|got hit by a").not("budget|time|report|insurance|claim|compensation|last year|last month"),
			sigR("=beating me|beats me|beat me up|=beating her|=beating him|=beating my|=beating us|hitting me|hits me|is hitting|punching me|punched me|kicking me|kicked me|strangling|choking me|attacking me|attacked me|attacking us|being attacked|got attacked|assaulted|sexually assaulted|sexual assault|raped|domestic violence|domestic abuse|abusing me|abuses me|abusive husband|abusive partner|hurting me|threatening me|threatens me|threatened me|threatening to kill|threatens to kill|threatened to kill|death threat|death threats|wants to kill|going to kill|gonna kill|will kill|stabbed|=stabbing|shots fired|gunshot|gunshots|gunfire|=stalking me|=stalker|kidnapped|abducted|taken =hostage|held =hostage|at gunpoint|gunpoint|knifepoint|someone in my house|someone is in my house|somebody is in my house|somebody in my house|someone is breaking|breaking into my|breaking in|break into my|trying to break in|trying to get in|trying to break into|broke into my|hit me|slapped me|pushed me|locked me in|locked me up|locked in the room|won t let me leave|wont let me leave|won t let me out|wont let me out|being robbed|being mugged|intruder|intruders|he hit me|she hit me|they hit me|he hits me|she hits me|hit me again"),
			sigR("shot|=shooting|shot at|shot dead|robbed|robbery|mugged|burglar|burglars|broke in|broken into|break in|murder|murdered|rape|assault|kidnapping|=hostage|violence|violent|abuse|abused").not("flu|vaccine|vaccin*|booster|covid|jab|photo|photos|picture|screenshot|shot of|best shot|give it a shot|statistics|prevention|course|insurance|certificate|compensation|report|reported|reporting|last year|last month|last week|yesterday|film|movie|game|games|podcast|claim|substance|drug|alcohol|child abuse prevention|awareness|centre|center|support services|information|info|helpline number"),
			sigR("being followed|following me|follows me|followed me|been followed|someone is following|man is following|guy is following|is after me|are after me").not("instagram|twitter|facebook|tiktok|social|account|page|channel|follow me on|follows me on|newsletter|blog|case|application|file"),
			sigR("swallowed|drank|drunk|ate|eaten|ingested|has taken|took", "bleach|detergent|pills|tablets|medication|medicine|medicines|poison|chemicals|cleaning|cleaner|antifreeze|rat poison|battery|batteries|button battery|acid|drain cleaner|washing liquid|dishwasher tablet|mushrooms").not("recycle|recycling|dispose|disposal|throw away|where|collection|bin|bins"),
			sigR("beating|beats|hitting|hits|punching|kicking|attacking|strangling|stabbing|dragging", "woman|man|girl|boy|child|kid|wife|husband|girlfriend|boyfriend|someone|somebody|old man|old lady|person|people|his wife|her husband").not("heart|eggs|egg|drum|drums|record|records|game|team|carpet|rug|traffic|queue|price|prices|deadline|sun|heat|ball"),
			sigR("kill|murder", "threaten*|threat*|going to|gonna|wants to|will|said he|says he|said she|says she|wife|husband|girlfriend|boyfriend|child|kids|neighbour|neighbor|knife|gun").not("time|weeds|pests|mice|rats|mosquitoes|insects|germs|bacteria|battery|engine|joke|kidding|lol"),
			sigR("knife|knives|gun|guns|pistol|rifle|weapon|weapons|machete|armed", "has|have|with|holding|pointing|pointed|threatening|threatened|threatens|pulled|waving|carrying|attack*|stab*|shoot*|man|guy|someone|somebody|he|she|help|scared|afraid|outside|door|street|inside").not("licence|license|permit|permits|hunting|collection|law|laws|rules|amnesty|register|registration|ban|kitchen|buy|sell|shop|store|legal|allowed|carry a|owning|own a|water gun|toy|nerf|airsoft|museum|can i|am i allowed"),
			sigR("i m scared|im scared|i am scared|i m afraid|im afraid|i am afraid|i m terrified|im terrified|i am terrified|so scared|very scared", "follow*|husband|partner|boyfriend|ex|man|guy|stranger|outside|door|hit*|beat*|kill|hurt|threat*|break*|knife|gun"),
			sigR("suicid*|kill myself|killing myself|kill my self|end my life|ending my life|end it all|take my own life|take my life|want to die|wanna die|wish i was dead|wish i were dead|better off dead|don t want to live|dont want to live|do not want to live|no reason to live|don t want to be alive|dont want to be alive|hurt myself|harm myself|self harm|selfharm|cut myself|cutting myself|jump off|jump from the|overdose on purpose|hang myself|hanging myself|kill himself|kill herself|kill themselves|going to jump|end my own life|can t go on|cant go on"),
			sigR("missing|disappeared|vanished|gone missing|went missing|can t find|cant find|cannot find|can not find|is lost|got lost|are lost|ran away|run away|runaway|didn t come home|didnt come home|hasn t come home|hasnt come home|not come home|never came home|not back|hasn t come back|hasnt come back|abducted|kidnapped|taken away",
				"child|kid|kids|son|daughter|boy|girl|baby|toddler|children|grandson|granddaughter|grandfather|grandmother|grandpa|grandma|dad|mum|mom|father|mother|brother|sister|husband|wife|elderly|old man|old lady|person|dementia|alzheimer|year old|years old|yr old|month old|months old").not("card|id|passport|document*|certificate*|form|permit|application|file|paperwork|tax|book|books|bag|wallet|phone|keys|bike|toy|toys|dog|cat|pet|parcel|package|mail|letter|email|homework|lunch|benefit*|bonus|payment|allowance|test|exam|game|tooth|teeth|vaccination|record|records|registration|place|seat|spot|information|info|data|canteen|meal|meals|field|fields|box|page|signature|details"),
			sigR("lost my/our child/son/daughter/kid/baby/toddler|missing child|missing person|child is missing|kid is missing|son is missing|daughter is missing|baby is missing"),
			sigR("gas|gass|propane|methane|carbon monoxide|boiler", "smell|smells|smelling|smelt|leak|leaking|leaks|leakage|odour|odor|stink|stinks|whiff|hissing|escaping|explosion|exploded|blew up|alarm").not("bill|bills|meter|contract|tariff|supplier|provider|bonus|price|prices|cost|reading|connection|station|petrol|service|inspection|certificat*|safety check|discount|subsidy|detector*"),
			sigR("gas leak|smell gas|smell of gas|smells of gas|smells like gas|smelling gas|explosion|exploded|blew up|building collapsed|roof collapsed|ceiling collapsed|wall collapsed"),
			sigR("flood|flooding|flooded|floods|river|landslide|mudslide", "trapped|stuck|rising|roof|rescue|drowning|swept away|swept|can t get out|cant get out|cannot get out|help us|help me|up to our|up to my|waist|chest|neck|people inside|stranded|cut off|surrounded|help").not("insurance|compensation|risk|map|maps|zone|zones|prevention|warning|alert|bill|bills|meter|supply|pressure|quality|tap|tariff|damage|claim|grant|subsidy|drinking|pipe|pipes|outage|shortage|pool|swimming|last year|statistics"),
			sigR("water", "trapped|rising fast|on the roof|swept away|drowning|up to our|up to my|waist|neck|can t get out|cant get out|cannot get out").not("bill|bills|meter|supply|pressure|quality|tap|tariff|pipe|pipes|outage"),
			sigR("drowning|=drowned|is drowning|someone drowning|fell/fallen in/into the/a water/river/sea/canal/lake/well/pool|swept away|trapped under|trapped in the|trapped inside|buried under|under the rubble|stuck in the/a/an lift/elevator|trapped in the/a/an lift/elevator|we are trapped|i am trapped|i m trapped|im trapped|they are trapped|people trapped|someone trapped"),
			// Categories found missing by blind probing: each needs its event
			// word and a context word, so "shock", "jump" or "went under" alone
			// stay quiet.
			sigR("went under|gone under|going under|hasn t come up|hasnt come up|has not come up|didn t come up|didnt come up|not come up|not come back up|hasn t resurfaced|hasnt resurfaced|not resurfaced|face down|underwater|under the water|under water|floating",
				"water|lake|river|sea|pool|canal|beach|waves|wave|current|pond|harbour|harbor|swimming|bath|bathtub|tub|reservoir",
				people+"|hes|shes|guy|lady|body|swimmer|kid").not("business|company|shop|store|debt|budget|investment|bill|meter|pipe|pipes|leak|basement|cellar|lesson|lessons|course|classes|enrol*|car|garage|street"),
			sigR("car|cars|truck|lorry|van|bus|motorbike|motorcycle|scooter|vehicle|driver|taxi|tram|train|suv|motorist",
				"hit|hits|just hit|knocked|knocked down|knocked over|ran over|run over|runs over|ran into|crashed into|slammed into|smashed into|ploughed into|plowed into|mowed down|struck|hit and run",
				"pedestrian|cyclist|biker|rider|motorcyclist|kid|child|boy|girl|man|woman|guy|lady|person|someone|somebody|bike|bicycle|he s|hes|she s|shes|not moving|lying|bleeding|blood|unconscious|hurt|=injured|ground").not("insurance|claim|claims|report|compensation|fine|fines|parked|scratch*|dent|dented|mirror|bumper|damage|damaged|last week|last month|last year|yesterday|statistics|budget|prices|price|traffic report|pothole|potholes"),
			sigR("hes|shes|guy|lady|cyclist|pedestrian|rider|biker|motorcyclist|driver|victim|kid|body", "not moving|isn t moving|isnt moving|not responding|isn t responding|isnt responding|not breathing|unconscious|unresponsive|lying on the road|lying in the road|lying on the ground|lying on the floor|lying there|won t wake|wont wake").not("website|site|app|page|portal|system|queue|application|email|server|payment|form"),
			sigR("can t/cant/cannot/couldn t/couldnt wake him/her/them/dad/mum/mom/grandma/grandpa up?|won t wake|wont wake|not waking|isn t waking|isnt waking|eyes rolled back|eyes rolling back|lifeless|gone limp|went limp|lying face down|face down in"),
			sigR("hit/banged/smashed/cracked/knocked/bumped his/her/my/their head|head injury|head wound|head is bleeding|cracked his/her skull|fractured skull|split his/her head|skull fracture",
				"blood|bleeding|unconscious|not responding|unresponsive|passed out|knocked out|wont wake|won t wake|not waking|vomit*|throwing up|confused|fell|fall|floor|ground|stairs|ambulance|help|badly|hard|concussion|seizure|open").not("cabinet|shelf|doctor s appointment|appointment|insurance"),
			sigR("anaphyla*|allergic shock").not(sigAllergyPaperwork),
			sigR("anaphyla*|allergic shock", sigAcute),
			sigR("throat is swelling|throat swelling|throat is closing|throat closing|throat closing up|throat is closing up|tongue is swelling|tongue swelling|swollen throat|swollen tongue|throat swelled|throat swollen|throat has swollen|throat swelling up|face swelling up|lips swelling up"),
			sigR("allergic reaction|allergy attack|bad reaction|severe reaction", "breath*|throat|tongue|swell*|swollen|help|ambulance|now|severe|collapsed|bee|wasp|sting|stung|peanut*|nut|nuts|hives|epipen|epi pen").not("school|canteen|menu|form|certificate|allergy test|appointment|vaccine|vaccin*|pollen|hay fever|information|info"),
			sigR("seizing|fitting|convulsing|convulsions|foaming at the mouth|shaking all over|epileptic fit|having a fit|having fits|fit on the floor"),
			sigR("electrocut*|electric shock|electrical shock|struck by lightning|hit by lightning|touched a live wire|touched the live wire|live wire|shocked by a/the wire/cable/socket/outlet/fence/power line"),
			sigR("shocked|shock|zapped", "electric*|wire|wires|cable|socket|outlet|plug|power line|live|voltage|current|fence|lightning|mains").not("price|prices|news|bill|bills|culture|hear|heard|result|results|absorber|absorbers|safety|prevent*|risk|warning|sign|signs"),
			sigR("jump|jumping|jumper|leap|leaping|throw himself|throw herself|throwing himself|throwing herself|threw himself|threw herself",
				"bridge|roof|rooftop|ledge|balcony|window|building|tower|cliff|edge|overpass|tracks|parking garage|car park|multi storey|railing|railings|parapet",
				"wants to|wanna|want to|going to|gonna|about to|threatening|threatens|trying to|says he|says she|said he|said she|will|ll|standing|sitting|off|from|climbed|climbing|over the|on the|himself|herself").not("trampoline|queue|line|gun|start|starter|cable|cables|battery|skydiv*|bungee|parachute|pool|diving|swim*|competition|long jump|high jump|ski|castle|bouncy|rope"),
			sigR("lift|elevator", "stuck|trapped|jammed|stopped|broke down|broken down|stuck between floors", "inside|in it|in there|we|we re|i m|im|i am|someone|somebody|people|person|kid|child|mum|mom|dad|grandma|grandpa|baby|panic*|unwell|fainting|faint*|breathe|breathing|help|hurry").not("again|always|often|every|for days|for weeks|repair*|fix|fixed|fixing|maintenance|landlord|service charge|fees|cost|complain*"),
			sigR("gunman|gunmen|armed man|armed men|armed robber*|armed guy|armed person|man/guy/someone/somebody/people/person/bloke with a/the gun/guns/knife/knives/machete/pistol/rifle/shotgun/weapon|waving a/the gun/knife/machete|pointing a/the gun/knife|pulled a/the gun/knife|pulled out a/the gun/knife|brandishing a/the? gun/knife/knives/weapon"),
			sigR("end it|end it all|ending it|end things|end his life|end her life|end their life|take his own life|take her own life|taking his own life|taking her own life|took his own life|took her own life|suicide note|goodbye note|goodbye letter|goodbye message",
				"going to|gonna|wants to|want to|wanna|about to|tonight|goodbye|note|pills|bridge|myself|himself|herself|suicid*|can t go on|cant go on|texted|threaten*|trying").not("contract|subscription|relationship|lease|call|meeting|conversation|discussion|debate|argument|tenancy|membership|service|account|end it with|strike|war|queue|season|term|career|program|programme|scheme|project|policy|council|mayor|government|subsidy|bonus|school year"),
			sigR("roof|ceiling|building|house|wall|balcony|floor|scaffolding|bridge|stairs|staircase|stairway|tunnel|trench|block of flats",
				"fell in|fell down|came down|caved in|gave way|collapsed|collapsing|fell on|falling down|crumbled",
				"people|someone|somebody|trapped|underneath|under it|buried|inside|injured|hurt|help|child|kid|man|woman|stuck|crushed|screaming").not("repair*|insurance|landlord|compensation|last week|last year|last month|yesterday|damage|claim|years ago|decades|fix|fixed|clean|remove|report|prices|price|market"),
			sigR("collapsed on the/his/her? floor/ground/street/pavement/sidewalk/stairs/bed|collapsed in the/his/her? street/shower/bathroom/kitchen/shop/office/garden/toilet|collapsed at home|dropped to the floor/ground|keeled over|fell to the floor/ground|slumped over|slumped in the/his/her? chair/car/seat"),
			sigR("exploded|explosion|blew up|blast|bang", "building|house|flat|apartment|kitchen|gas|boiler|car|street|shop|factory|people|injured|hurt|smoke|fire|windows|help|huge|loud|cylinder|bottle").not("inbox|phone|notifications|social media|twitter|viral|population|prices|fireworks|new year|balloon|tyre|tire|movie|film|game|last year|every night|noise|noisy|complain*|music|party|works|construction|renovation|pipe|pipes"),
			sigR("fight|fighting|brawl|brawling|fighting with|stabbing each other|going at each other|attacking each other", "knife|knives|machete|machetes|gun|guns|bottles|broken bottle|bats|blood|weapons|blade|blades").not("film|movie|game|video|statistics|last week|yesterday|knife crime awareness|awareness"),
			sigR("slurring|slurred|talking funny|talking strange|talking strangely|speaking strangely|talks funny|words are jumbled|jumbled words|making no sense|can t get his/her words out|cant get his/her words out|mumbling", "arm|arms|face|hand|leg|weak|droop*|numb|limp|sudden*|stroke|confused|one side|dizzy|fell|collapsed|ambulance").not("drunk|phone|line|english|italian|language|accent|operator"),
			sigR("arm|hand|leg|face|mouth|side", "weak|limp|numb|drooping|droops|dropped|hanging|paralysed|paralyzed|won t move|wont move|can t move|cant move|can t lift|cant lift|floppy", "sudden*|slurr*|talk*|speak*|stroke|confused|face|ambulance|help|now|dizzy|collapsed|fell|chest").not("physio*|appointment|certificate|disability|dentist|anaesthe*|anesthe*|sleep|slept|gym|workout|surgery|operation|form|forms|fill|since|weeks|months|years|broken|cast|plaster|fracture*|permit|badge"),
			sigR("lying|laying|collapsed|slumped|face down|on the floor|on the ground|on the kitchen floor|on the bathroom floor|on the pavement|in the street", "not answering|isn t answering|isnt answering|won t answer|wont answer|doesn t answer|not responding|not talking|won t respond|wont respond|not waking|not moving|unresponsive|won t wake|wont wake", people+"|hes|shes|guy|lady|someone|somebody|body").not("website|site|app|office|council|phone|email|emails|calls|messages|landlord|agency|queue|application|ground floor|intercom|noise|lying about|lying to|rent"),
			sigR("can t/cant/cannot feel his/her/my/their legs|can t/cant/cannot move his/her/my/their legs|no feeling in his/her/my/their legs|can t feel anything below|cant feel anything below|paralysed from|paralyzed from", "fell|fall|fallen|ladder|roof|stairs|crash|accident|back|neck|spine|help|ambulance|floor|ground|dive|diving|tree|scaffolding|balcony|hit").not("gym|workout|run|marathon|physio*|sleep"),
			sigR("fell through the ice|fallen through the ice|through the ice|under the ice|ice gave way|ice cracked under|broke through the ice"),
			sigR("car|van|truck|lorry|bus|vehicle|suv|taxi", "canal|river|lake|sea|water|harbour|harbor|reservoir|flood|floodwater|flood water|dock|quay", "went into|drove into|plunged|plunging|fell into|went in|went off|sinking|sank|sunk|submerged|underwater|under water|swept|floating away|rolled into|crashed into").not("car wash|parking|park|tax|fine|insurance|ferry|boat|boats|bridge closed|road closed|ztl|ticket|timetable|route|stop|fare|last year"),
			sigR("bitten|bit|bite", "snake|viper|adder|scorpion").not("repellent|prevent*|antivenom|where|risk|path|trail|hike|hiking"),
			sigR("bitten|bit|stung|sting|bite|stings|bites", "spider|jellyfish|hornet|hornets|wasp|wasps|bee|bees|weever", "throat|breath*|faint*|collapsed|dizzy|vomit*|ambulance|swelling up|tongue").not("repellent|prevent*|pest control|mosquito*|nest|nests"),
			sigR("he s blue|hes blue|he is blue|she s blue|shes blue|she is blue|turned blue|turning blue|gone blue|going blue|went blue|is turning blue|lips are purple|lips purple|face is blue|face is grey|face is gray|grey and sweaty|gray and sweaty|cyanotic"),
			sigR("heroin|fentanyl|cocaine|crack|meth|ketamine|ghb|spice|drugs|shot up|shooting up|injected|took something|taken something", "blue|purple|not breathing|won t wake|wont wake|unresponsive|unconscious|passed out|collapsed|fitting|seizure|foaming|overdos*|gurgling").not("prevent*|awareness|centre|center|service|services|statistics|dealer|dealing|report|reports|area|neighbourhood|neighborhood|needles in the park"),
			sigR("pain|pains|ache|aching|tingling|numbness|heaviness", "left arm|left shoulder|his jaw|her jaw|in the jaw|down his arm|down her arm|down the left", "sweat*|clammy|grey|gray|pale|nausea|vomit*|breath*|dizzy|faint*|chest|help|ambulance").not("physio*|appointment|certificate|gym|workout|tennis|frozen shoulder|tendon*|sprain*|months|weeks|referral|prescription"),
			sigR("cold sweat|cold sweats|sweating buckets|drenched in sweat|clammy", "pain|chest|arm|jaw|pale|grey|gray|dizzy|sick|vomit*|faint*|breath*|collapsed|unwell|help|ambulance"),
			sigR("baby|babies|toddler|child|kid|kids|son|daughter|infant", "locked in|locked inside|trapped in|stuck in|shut in", "car|hot car|the car|a car|van|vehicle"),
			sigR("forgot/forgotten/left the/my/a/our baby/child/kid/toddler/infant in the/a car|baby/child/kid/toddler left/forgotten in the/a hot? car"),
			sigR("lost my/our little/youngest/baby/small? boy/girl/son/daughter/kid/child/baby/toddler|lost my/our little one|can t/cant/cannot find my/our little/youngest/small? boy/girl/son/daughter/kid/child/toddler|my little/small boy/girl is gone|he s/she s/he is/she is only? 2/3/4/5/6/7/8/two/three/four/five/six/seven/eight|only 2/3/4/5/6/7/8/two/three/four/five/six years? old?", "lost|missing|can t find|cant find|cannot find|gone|disappeared|vanished|ran off|wandered off|market|park|beach|shop|mall|crowd|fair|station|not here|nowhere").not("ticket|tickets|discount|fare|fares|free|school|enrol*|registration|place|nursery|kindergarten|vaccine|vaccination|doctor|pediatrician|paediatrician|allowance|bonus"),
			sigR("help help|help me please someone|somebody help|someone help|someone please help|sos|mayday|call for help|in danger|my life is in danger|we are in danger|i m in danger|im in danger|i am in danger|being hurt|hurry please|please hurry|come quickly|come quick|come fast|come now|send help|need help now|need help fast|need help urgently|help now|help quick|help quickly").not(paperwork + "|species|heritage|building at risk|wildlife"),
			sigR("emergency", "this is an|it s an|its an|it is an|we have an|i have an|there is an|there s an|real|medical|life|please help|hurry|now|right now|help").not(paperwork + "|housing|house|home|accommodation|shelter|fund|funds|grant|bonus|contact|number|numbers|plan|plans|kit|exit|exits|lighting|lights|vet|veterinary|dental|dentist|snow|weather|alert|leave|childcare|procedure|procedures|closure|road works|roadworks|water supply|heating|services info|tax|passport|payment"),
		},
		human: []sigRule{
			sigR("talk/speak/chat/speaking/talking/chatting/connect/connected/transfer/transferred/speek/tlk to/with a/an/the/your/some/one/real/actual/live? human/humans/person/people/operator/operators/agent/agents/representative/rep/someone/somebody/staff/employee/employees/clerk/officer/advisor/adviser/consultant/member/operater/oprator/humain/somone/live/real/actual").not(sigSocialWorker),
			sigR("put me through|put me in touch|get me a/an/the? human/person/operator/agent/representative/someone/somebody|i want/need a/an/to? human/operator/agent/representative|i d/would like a/an/to? human/operator/agent/representative|i want/need a/an? real/live/actual person/human/agent|give me a/an/the? human/operator/agent/representative/person|can i have a/an/the? human/operator/agent/representative|contact/call/reach a/an/the? human/operator/agent/representative/staff/employee|is there a/an? human/operator/agent/person|are you a/an? human/person/bot/robot").not(sigSocialWorker),
			sigR("real person|real human|human being|live agent|live person|live chat|human operator|human agent|actual person|not a bot|not a robot|not a machine|no bot|no bots|stop bot|don t want a bot|dont want a bot|don t want to talk to a bot|dont want to talk to a bot|hate bots|useless bot|stupid bot|talk to a human|speak to a human").not(sigSocialWorker),
			sigR("operator|human|agent|representative|person|humans|rep|operator please|human please|agent please|real person please|staff|customer service|operator pls|human pls|operatore please").short(3).not(sigNotAPersonRequest + "|travel|insurance|letting|resources|legal").not(sigSocialWorker),
		},
		personal: []sigRule{
			sigR("my/our application*/request*/file/files/case/claim/practice/permit/card/passport/certificate*/refund/registration/document*/dossier/submission/appeal/complaint/ticket/report/renewal/residence/id/paperwork/bonus/benefit*/allowance/payment/license/licence/parcel|application/request/case/file/claim/permit/card/passport/certificate/refund/registration/renewal of mine",
				"status|still pending|still =waiting|pending|=waiting|=waited|not arrived|hasn t arrived|hasnt arrived|has not arrived|not come|hasn t come|still not|still no|still hasn t|still hasnt|still haven t|still havent|still in|still under|no news|no answer|no response|no reply|no update|any news|any update|update on|an update|news on|news about|stuck|delayed|delay|taking so long|taking too long|so long|progress|approved|rejected|denied|refused|accepted|been processed|being processed|processed yet|under review|in review|yet|heard back|heard anything|heard nothing|nothing yet|what happened|what s happening|whats happening|lost in|gone through|went through|got lost").not(sigBills),
			sigR("haven t received|havent received|have not received|didn t receive|didnt receive|did not receive|never received|not received|still haven t got|still havent got|haven t got|havent got|have not got|never got|hasn t arrived|hasnt arrived|has not arrived|still not arrived|still hasn t arrived|not arrived yet|hasn t come|hasnt come|has not come|never came|never arrived", sigCaseEn).not(sigBills),
			sigR("status of my|status on my|update on my|news on my|news about my|progress of my|progress on my|where is my|where s my|wheres my|what happened to my|what s happening with my|whats happening with my|what is happening with my|what about my|still =waiting for my|still =waiting on my|=waiting for weeks|=waiting for months|=waited for weeks|=waited for months|been =waiting for weeks|been =waiting for months|been =waiting for my|been =waiting since|haven t heard back|havent heard back|have not heard back|not heard back|heard nothing|no word on my|application number|file number|case number|reference number|protocol number|tracking number|ticket number|claim number|file no|case no|ref no|my reference|check my application|check my file|check my case|check the status"),
			sigR("i/we applied|i/we submitted|i/we sent|i/we filed|i/we handed in|i/we registered|i/we made a/an request/application|i/we put in|i/we lodged|i/we requested",
				"ago|weeks|months|days|still|nothing|no answer|no response|no reply|not heard|haven t heard|havent heard|not received|haven t received|havent received|status|update|news|pending|=waiting|yet|since"),
		},
		fileStrong:       "protocol|reference|ref|dossier|ticket|tracking|case|file|application number|file number",
		fileWeak:         "application|applications|request|claim|form|submission|registration|appeal|complaint|permit|id",
		numberMarks:      "number|no|nr|num|n|id|code|ref",
		numberNotAFileNo: "euro|euros|eur|dollars|usd|pounds|cost|costs|price|fee|fees|pay|paid|days|day|weeks|months|years|hours|minutes|km|meters|metres|phone|tel|mobile|fax|kb|mb|size|pages|page|people|persons|times|words|characters",
	}
}

func sigFrench() sigLexicon {
	people := "enfant|enfants|fils|fille|bebe|gamin*|petit|petite|gosse|mari|femme|epoux|epouse|mere|maman|pere|papa|grand mere|grand pere|grand pere|mamie|papi|papy|frere|soeur|ami|amie|voisin|voisine|homme|dame|monsieur|personne agee|personne|vieux|vieille|patient|conjoint|copain|copine|collegue"
	fireVeto := "volontaire*|devenir|concours|caserne|recrut*|certificat*|prevention|normes|norme|regles|regle|reglementation|securite incendie|permis|assurance|extincteur*|exercice|detecteur*|autorisation|cigarette*|fumer|fumeurs|barbecue|cheminee|feu d artifice|feux d artifice|feux|brulage|dechets verts|vegetaux|interdit*|interdiction|risque|carte|statistique*|formation|cours|dommages|indemnisation|cuisson|licencie*|licenciement|feu rouge|feu vert|feux rouges"
	call := "appelez/appeler/appelle/appellez/apelez/appel/envoyez/envoyer/envoie/faut/besoin/fais/faites/prevenez/prevenir"
	callVeto := "cout|coute|prix|tarif|payer|facture|rembours*|assurance|certificat*|rendez vous|benevol*|formation|horaires|numero de|bruit|bruyant*|musique|fete|voisins bruyants|stage"
	paperwork := "formulaire|remplir|dossier|demande|impot*|taxe|paiement|site|application|identifiant|mot de passe|compte|rendez vous|certificat|carte|titre de sejour|permis|question|comprendre|traduire|information*|assurance|cantine|ecole|dechets|poubelle*|inscription|document*|papiers"
	return sigLexicon{
		lang: "fr",
		emergency: []sigRule{
			sigR("au feu|en feu|prend feu|pris feu|a pris feu|prendre feu|en flammes|il y a le feu|y a le feu|ya le feu|il y a un incendie|y a un incendie|ya un incendie|incendie chez moi|incendie dans l/la/le/mon/ma/notre immeuble/appartement/appart/maison/cuisine/batiment/chambre/escalier/garage/cave|feu dans l/la/le/mon/ma/notre immeuble/appartement/appart/maison/cuisine/batiment/chambre/escalier/garage/cave|odeur de brule|sent le brule|ca sent le brule|fumee partout|plein de fumee|pleine de fumee|beaucoup de fumee|fumee noire|fumee epaisse|ca brule|tout brule|en train de bruler|est en train de bruler"),
			sigR("feu|incendie|incendies|flammes|fumee|brule|brulent|bruler",
				"il y a|y a|ya|maison|immeuble|appartement|appart|batiment|cuisine|chambre|escalier|cage d escalier|etage|garage|cave|grenier|toit|magasin|voiture|au =secours|aidez|aidez moi|aidez nous|vite|urgent|maintenant|pompiers|bloque*|coince*|piege*|partout|beaucoup|sort|voisin*|chez moi|chez nous|se propage|se repand|enorme|gros|venez").not(fireVeto),
			sigR("feu|incendie|flammes|fumee|au feu").short(2),
			sigR("inconscient*|inconsient*|ne respire plus|ne respire pas|respire plus|respire pas|respire presque plus|n arrive pas a respirer|n arrive plus a respirer|arrive plus a respirer|arrive pas a respirer|peux pas respirer|peut pas respirer|peux plus respirer|peut plus respirer|ne peut pas respirer|ne peux pas respirer|du mal a respirer|s est =evanoui*|=evanoui*|perdu connaissance|perd connaissance|sans connaissance|crise cardiaque|arret cardiaque|infarctus|attaque cardiaque|crise d epilepsie|convulsion*|overdose|surdose|trop de medicaments|trop de cachets|trop de pilules|trop de comprimes|empoisonne*|intoxique*|s etouffe|etouffe|en train de mourir|va mourir|est mourant|=mourant*|douleur* a la poitrine|douleur* dans la poitrine|douleur thoracique|mal a la poitrine|s est effondre*|effondre*|perd beaucoup de sang|perd du sang|beaucoup de sang|sang partout|hemorragie|saigne beaucoup|saigne enormement|saigne abondamment|saigne fort|ne se reveille pas|ne se reveille plus|se reveille pas|gravement blesse*|grievement blesse*|blesse grave|blesses graves|il y a des blesses|y a des blesses|il y a un blesse|y a un blesse|plusieurs blesses|mort sur|un mort|un cadavre|devient bleu|levres bleues|danger de mort|avc"),
			sigR("mal dans la poitrine|tres mal a la poitrine|tres mal dans la poitrine|n arrive plus a parler|arrive plus a parler|ne peut plus parler|ne peut pas parler|n arrive pas a parler|bouche de travers|visage de travers|visage paralyse|bras paralyse|ne sent plus son bras|il/elle transpire et").not("bien|italiano|italian|italien|italienisch|italiana|italisht|inglese|english|anglais|ingles|englisch|engleza|anglisht|francese|french|francais|frances|franzosisch|franceza|spagnolo|spanish|espagnol|espanol|spanisch|tedesco|german|allemand|aleman|deutsch|germana|arabo|arabic|arabe|arabisch|araba|romeno|romanian|roumain|rumano|rumanisch|romana|albanese|albanian|albanais|albanes|albanisch|albaneza|shqip|cinese|chinese|chinois|chino|chinesisch|chineza|kinezisht|lingua|lingue|language|languages|langue|idioma|sprache|limba|gjuhe|fluently|telefono|telephone|phone|telefon"),
			sigR("douleur|douleurs|mal|serre|oppression", "poitrine|thorax").not("rendez vous|radio|mammographie|certificat|cardiologue|consultation"),
			sigR("je meurs|il meurt|elle meurt|on meurt").not("envie|faim|soif|chaud|froid|rire|ennui|impatience|curiosite"),
			sigR("saigne|saignent|saignement|sang", "beaucoup|abondamment|enormement|arrete pas|s arrete pas|fort|partout|tete|aidez|au =secours|vite|ambulance|blessure|plaie").not("don|donner|donneur*|analyse*|prise de sang|prelevement|groupe sanguin|nez"),
			sigR("il/elle ne bouge plus|il/elle ne reagit plus/pas|il/elle ne repond plus|il/elle ne se reveille plus/pas|il/elle est tombe/tombee par terre").not("dossier|demande|site|mail|telephone|mairie|service|voiture|machine|ordinateur|systeme|panne"),
			sigR("ne repond plus|ne repond pas|ne bouge plus|ne bouge pas|ne reagit pas|ne reagit plus|par terre|au sol|tombe|tombee|est tombe|est tombee|a chute|chute", people+"|respire|sang|tete|inconscient|aidez|ambulance|samu").not("site|application|mail|email|telephone|mairie|service|message*|portail|serveur|dossier|demande|arbre|branche|panneau|mur|feuilles|prix|neige|pluie|courriel"),
			sigR(call + " d/de? le/la/les/l/une/un/des/d/du/vite? ambulance/samu/pompiers/=secours/police/gendarmerie/flics/15/17/18/112/medecin").not(callVeto + "|municipale|locale|amende|stationnement|permis|plainte|commissariat|casier|perte|vol de|perdu|medecin traitant|generaliste"),
			sigR("ambulance|samu|pompiers|=secours|police|gendarmerie|112", "vite|urgent|urgence|maintenant|tout de suite|immediatement|au =secours|aidez|aidez moi|svp|s il vous plait").not(callVeto + "|municipale|locale|amende|stationnement|permis|plainte|commissariat|casier|" + paperwork),
			sigR("ambulance|samu|pompiers|police|gendarmerie").short(3).not(sigServiceInfo + "|municipale|locale|telephone|cout"),
			sigR("=accident|collision|carambolage|accrochage|percute*", "blesse*|sang|grave|graves|morts|mort|morte|ambulance|aidez|au =secours|coince*|bloque*|inconscient|ne bouge|vite|samu|pompiers|feu|fumee|renverse*").not("constat|rapport|copie|assurance|proces verbal|indemnisation|certificat|declaration|attestation|formulaire|document*|demande|obtenir|travail|=accident du travail|semaine derniere|mois dernier|annee derniere|hier|statistique*|prevention|remboursement"),
			sigR("renverse*|percute*|ecrase*|fauche*", "enfant|pieton*|homme|femme|personne|cycliste|velo|dame|vieux|vieille|quelqu|fille|garcon|petit|petite|gamin|bebe|monsieur|ado").not("verre|cafe|eau|liquide|the|lait|vin|tasse|bouteille|poubelle|pot|peinture"),
			sigR("renverse* par|s est fait renverser|se faire renverser|fait renverser|ecrase* par une/un voiture/camion/bus/tram|percute* par une/un voiture/camion/moto"),
			sigR("me frappe|me frappent|me tape|me tapent|me bat|me battent|me cogne|me cognent|m a frappe*|m ont frappe*|m a battu*|m a tape*|me tabasse|me tabassent|tabasse*|me roue de coups|coups de poing|me donne des coups|m etrangle|etrangle*|me fait du mal|me fait mal expres|me maltraite|maltraite*|violence* conjugale*|violence* domestique*|violences faites|violence* familiale*|violence* sexuelle*|agression sexuelle|viol|violee|viole|m a violee|agresse*|agression|se fait agresser|on m agresse|m attaque|m attaquent|nous attaque|poignarde*|coup de couteau|coups de couteau|tire sur|coups de feu|fusillade|des tirs|kidnapp*|prise en otage|pris en otage|otage|otages|harcele* par|il me harcele|me harcele|me menace|me menacent|m a menace*|m ont menace*|menace* de mort|menace de me tuer|va me tuer|veut me tuer|vont me tuer|veulent me tuer|il va nous tuer|me tuer|nous tuer|le tuer|la tuer|tue quelqu un").not("statistique*|prevention|assurance|formation|campagne|sensibilisation|information*|association|subvention|numero vert"),
			sigR("avale|avalee|a bu|a mange|ingere|ingeree|a pris", "javel|eau de javel|detergent|lessive|medicaments|medicament|cachets|pilules|comprimes|poison|produit menager|produits menagers|pile|piles|pile bouton|acide|mort aux rats|champignons").not("recycl*|jeter|dechetterie|collecte|poubelle|ou|pharmacie de garde"),
			sigR("frappe|frappent|tape|tapent|bat|battent|tabasse|tabassent|etrangle|agresse|agressent|cogne", "femme|homme|enfant|quelqu un|quelqu|fille|garcon|personne|gamin|dame|vieux|vieille|sa femme|son mari|sa copine|son copain|mec|type|ado").not("porte|ballon|balle|record|clavier|soleil|prix|oeufs|tapis|linge"),
			sigR("tuer|assassiner|egorger", "menace*|va|veut|vont|veulent|femme|mari|enfant|enfants|quelqu|copine|copain|voisin*|couteau|arme|dit qu il|dit qu elle").not("temps|moustiques|insectes|rats|souris|mauvaises herbes|microbes|bacteries|blague|mdr|lol"),
			sigR("couteau|couteaux|arme|armes|pistolet|fusil|revolver|machette|batte|arme blanche", "a un|il a|elle a|ils ont|avec|menace*|pointe|braque|sorti|sort|tient|brandit|homme|type|quelqu un|aidez|peur|dehors|porte|rue|dans la maison").not("permis|chasse|port d arme|detention|collection|loi|regles|legal|autorise|acheter|magasin|cuisine|jouet|musee|declaration"),
			sigR("me suit|me suivent|me poursuit|me poursuivent|me traque|me traquent|suivie par|suivi par un|quelqu un me suit|un homme me suit|un type me suit").not("dossier|avocat|medecin|assistante|assistant|instagram|facebook|tiktok|reseaux|compte|page|chaine|conseiller|suivi de|suivi du"),
			sigR("j ai peur|j ai tres peur|je suis terrifie*|je suis terrorise*|j ai trop peur", "suit|suivent|mari|conjoint|ex|copain|homme|type|inconnu|dehors|porte|frappe*|tuer|menace*|entrer|entre|cambrioleur*|voleur*"),
			sigR("cambrioleur*|voleur*|intrus|inconnu*", "maison|chez moi|chez nous|dedans|entre*|entrer|il y a|y a|maintenant|appartement|casse la porte|force la porte|fenetre|la porte|encore la|sont la|est la").not("plainte|assurance|hier|semaine|copie|declaration|remboursement"),
			sigR("cambriolage en cours|vol en cours|braquage|braque*|on me vole|ils volent|on est en train de me voler|ils sont dans la maison|quelqu un dans la maison|quelqu un chez moi|quelqu un est entre").not("plainte|assurance|hier|semaine derniere|copie|declaration"),
			sigR("suicid*|me tuer|me suicider|en finir|mettre fin a mes jours|mettre fin a ma vie|envie de mourir|veux mourir|je veux mourir|plus envie de vivre|ne veux plus vivre|veux plus vivre|me faire du mal|me jeter du/d/par/sous? pont/fenetre/train/balcon/haut/la|me pendre|m ouvrir les veines|me couper les veines|je vais sauter|marre de vivre"),
			sigR("=disparu*|introuvable*|ne le trouve plus|ne la trouve plus|ne le trouve pas|ne la trouve pas|le trouve plus|la trouve plus|retrouve plus|ne le retrouve|ne la retrouve|s est perdu*|est perdu*|perdu de vue|n est pas rentre*|pas rentre*|n est pas revenu*|pas revenu*|kidnapp*|enleve*|fugue",
				"enfant|enfants|fils|fille|bebe|gamin*|petit|petite|gosse|mere|maman|pere|papa|grand mere|grand pere|mamie|papi|papy|frere|soeur|mari|femme|personne agee|alzheimer|demence|personne|ado|adolescent*").not("carte|document*|papiers|passeport|permis|dossier|chien|chat|colis|courrier|lettre|cles|portefeuille|telephone|velo|voiture|vehicule|argent|jouet*|mail|email|formulaire|donnees|fourriere|cartable|livre*|facture|certificat|attestation|inscription|titre"),
			sigR("perdu mon/ma/notre/mes enfant/fils/fille/bebe/petit/petite|enfant perdu|enfant disparu|enfant a disparu|fille a disparu|fils a disparu|disparition d enfant|disparition inquietante"),
			sigR("gaz", "odeur|sent|sens|senti|fuite|fuit|ca sent|respire|explosion|explose|siffle|bouteille").not("facture|compteur|contrat|tarif|fournisseur|prix|cout|releve|abonnement|cheque|aide|station|raccordement|entretien|certificat"),
			sigR("fuite de gaz|odeur de gaz|ca sent le gaz|sent le gaz|monoxyde|explosion|a explose|effondre*|s est effondre*|ecroule*|s est ecroule*|plafond est tombe").not("prix|tarif*|loyer*|couts|factures"),
			sigR("inondation|inonde*|inondee*|crue|eau|riviere|glissement de terrain|coulee de boue", "coince*|bloque*|piege*|monte|toit|sauvez|=secours|aidez|sortir|noie*|=emporte*|submerge*|encercle*|isole*|gens|personnes|enfants|jusqu au cou|jusqu a la taille").not("assurance|indemnisation|risque|carte|zone|prevention|alerte|facture|compteur|pression|qualite|robinet|tarif|dommages|subvention|potable|coupure|fuite d eau|piscine|baignade|statistique*|annee derniere"),
			sigR("se noie|se noient|noyade|en train de se noyer|noye*|tombe* dans l/la/le eau/riviere/fleuve/canal/lac/mer/piscine/puits|=emporte* par le courant|=emporte* par l eau|sous les decombres|coince* dans l ascenseur|bloque* dans l ascenseur|enferme* dans l ascenseur|nous sommes coinces|on est coince*|on est bloque* dans|pris au piege|piege* dans"),
			// Categories found missing by blind probing: each needs its event
			// word and a context word, so "coule", "sauter" or "gonfle" alone
			// stay quiet.
			sigR("a coule|ont coule|coule au fond|coule a pic|en train de couler|ne remonte pas|ne remonte plus|n est pas remonte*|est pas remonte*|pas remonte*|sous l eau|au fond de l eau|au fond de la piscine|flotte|disparu dans l eau|boit la tasse",
				"eau|piscine|riviere|lac|mer|fleuve|canal|plage|bassin|etang|port|vagues|vague|courant|baignoire|bain|seine|loire|rhone",
				people+"|quelqu|nageur|baigneur|corps|ado|jeune").not("robinet|fuite|tuyau|nez|goutte|cours de natation|cours|lecons|inscription|abonnement|horaires|tarif*|cave|sous sol|garage|facture|compteur"),
			sigR("=accident|collision|carambolage|accrochage|percute*|renverse*|tombe* de moto|tombe* de velo|tombe* de scooter",
				"par terre|au sol|sur la route|sur la chaussee|allonge*|etendu*|ne repond|ne se releve|se releve pas|motard|cycliste|pieton*|ne bouge|saigne|tete|casque").not("constat|rapport|copie|assurance|proces verbal|indemnisation|certificat|declaration|attestation|formulaire|document*|demande|obtenir|travail|semaine derniere|mois dernier|annee derniere|hier|statistique*|prevention|remboursement|verre|cafe|eau|liquide|the|lait|vin|tasse|bouteille|poubelle|pot|peinture"),
			sigR("voiture|camion|bus|moto|scooter|tram|train|vehicule|conducteur|chauffard|fourgon|camionnette",
				"a heurte|heurte*|a touche|a percute|a fauche|a renverse|a ecrase|est rentre dans|rentre dedans|foncé? sur|a fonce sur",
				"pieton*|cycliste|motard|enfant|homme|femme|dame|monsieur|personne|quelqu|velo|gamin*|garcon|fille|petit|petite|vieux|vieille|ado|ne bouge|saigne|sang|par terre|au sol|blesse*|inconscient*").not("assurance|constat|garee|gare|stationne*|rayure*|retroviseur|pare choc|degats|hier|semaine derniere"),
			sigR("cycliste|pieton|pietonne|motard|motocycliste|conducteur|victime|gars|mec|type|jeune|ado", "ne bouge plus|ne bouge pas|bouge plus|bouge pas|ne repond plus|ne repond pas|ne reagit|inconscient*|ne respire|par terre|au sol|allonge* sur la route|etendu* sur la route").not("site|application|mail|dossier|demande|service|telephone"),
			sigR("arrive pas/plus a le/la/les reveiller|n arrive pas/plus a le/la/les reveiller|impossible de le/la/les reveiller|je n arrive pas a le/la reveiller|on n arrive pas a le/la reveiller|se reveille pas|se reveille plus|les yeux revulses|yeux revulses|inanime*"),
			sigR("traumatisme cranien|fracture du crane|la tete ouverte|le crane ouvert|ouvert la tete|ouvert le crane|ouvert le front|plaie a la tete|blessure a la tete|saigne de la tete"),
			sigR("cogne la tete|cogne sa tete|tape la tete|tombe sur la tete|choc a la tete|coup a la tete|coup sur la tete", "sang|saigne|inconscient*|vomit|vomi|ne repond|connaissance|reveille|confus|aidez|samu|vite|ambulance|par terre|escalier|fort").not("rendez vous|assurance"),
			sigR("choc anaphylactique|anaphylax*|oedeme de quincke").not(sigAllergyPaperwork),
			sigR("choc anaphylactique|anaphylax*|oedeme de quincke", sigAcute),
			sigR("oedeme de la gorge|gorge qui gonfle|gorge gonfle|gorge enfle|gorge se ferme|gorge qui se ferme|langue gonfle|langue qui gonfle|levres gonflent|visage gonfle"),
			sigR("gonfle*|enfle*|gonfler|enfler|se ferme|serree", "gorge|langue|levres|visage|cou", "respir*|piqure|pique*|abeille|guepe|frelon|allergi*|cacahuete*|arachide*|aidez|vite|samu|etouffe*|avaler").not("angine|rhume|dentiste|rendez vous|ganglions"),
			sigR("reaction allergique|crise allergique|choc allergique", "respir*|gorge|langue|gonfle*|aidez|vite|samu|grave|etouffe*|piqure|pique*|malaise").not("cantine|menu|certificat|ecole|formulaire|test|rendez vous|pollen*|vaccin*|pai"),
			sigR("convulse*|crise convulsive|crise epileptique|bave aux levres|de la bave|mousse a la bouche|tremble de partout|tremble de tout son corps|spasmes"),
			sigR("s est electrocute*|=electrise*|decharge electrique|pris une decharge|pris le courant|pris du courant|pris un coup de jus|touche un fil electrique|touche les fils|touche un cable|foudroye* par|la foudre est tombee sur"),
			sigR("sauter|saute|va sauter|veut sauter|menace de sauter|se jeter|se jette|se lancer|enjambe|enjamber|se balancer",
				"pont|toit|balcon|fenetre|immeuble|falaise|viaduc|rebord|parapet|rambarde|garde corps|rails|dans le vide|du haut|du haut de|passerelle").not("parachut*|elastique|piscine|plongeon|trampoline|sport|competition|saut en longueur|ski|cheval|obstacle|repas|ligne|file|queue|etape|cours"),
			sigR("veut se tuer|va se tuer|menace de se tuer|essaie de se tuer|a essaye de se tuer|veut mettre fin a ses jours|veut en finir|va en finir|menace de se suicider|veut se pendre|va se pendre"),
			sigR("je suis cache*|je me cache|on se cache|nous sommes caches|suis cachee|cache dans|cachee dans|caches dans|cachees dans", "quelqu|homme|voleur*|cambrioleur*|intrus|maison|chez moi|appartement|peur|placard|salle de bain|chambre|armoire|arme|couteau|entre|entree|rentre").not("jeu|cache cache|cadeau|cadeaux|oeufs"),
			sigR("ascenseur", "coince*|bloque*|enferme*|panne|arrete", "dedans|a l interieur|nous sommes|on est|je suis|quelqu|personne|enfant|bebe|malaise|mal|respire|panique|aidez|vite|maman|papa|mamie|papi|grand").not("reparation|entretien|syndic|depuis|encore|toujours|souvent|charges|cout|coute|locataire*|proprietaire|plainte"),
			sigR("homme arme|hommes armes|type arme|individu arme|individus armes|mec arme|braqueur* arme*|quelqu un d arme|un homme/type/mec/gars/individu avec un/une couteau/pistolet/fusil/arme/machette|sort/sorti/sortit/brandit/pointe/braque un/une/son/sa couteau/pistolet/fusil/arme/machette"),
			sigR("malaise|malaise cardiaque", "cardiaque|coeur|par terre|au sol|respire|inconscient*|vite|samu|aidez|tombe*|perdu connaissance|ne repond|ne bouge|blanc|pale|vomit|transpire|fait un|a fait un|en train").not("formation|cours|secourisme|premiers secours|gestes|social|malaise au travail|ambiance|general"),
			sigR("explose*|explosion|detonation|a saute|ont saute|boum", "immeuble|maison|appartement|cuisine|gaz|chaudiere|voiture|rue|magasin|usine|blesse*|fumee|feu|vitres|aidez|bouteille|bonbonne").not("boite mail|telephone|prix|population|feux d artifice|nouvel an|ballon|pneu|film|jeu|de rire|de colere|fusible|plombs|compteur|feu rouge|stop|etape|repas|classe|tuyau|canalisation|bruit|chaque nuit"),
			sigR("toit|plafond|immeuble|maison|mur|balcon|plancher|echafaudage|pont|escalier", "s est effondre*|s est ecroule*|est tombe*|a cede|s est affaisse*|tombe*", "gens|personnes|quelqu|dessous|en dessous|coince*|bloque*|ensevelis|blesse*|aidez|enfant|dedans").not("reparation|assurance|proprietaire|indemnisation|hier|semaine derniere|annee derniere"),
			sigR("il/elle respire mal|respire tres mal|respire difficilement|suffoque|suffoquer|halete|manque d air|cherche son air|n a plus d air"),
			sigR("se suicider|veut mourir|veut plus vivre|lettre d adieu|message d adieu|dit qu il va se tuer|dit qu elle va se tuer"),
			sigR("se battent|se bagarrent|bagarre|rixe|se frappent|se tapent dessus|se poignardent|s affrontent", "couteau|couteaux|machette|machettes|arme|armes|pistolet|barre|barres|batte|battes|tessons|bouteilles|sang|blesse*|lame").not("film|serie|jeu|video|statistique*|hier|semaine derniere"),
			sigR("parle bizarrement|parle bizarre|parle bizarement|parle mal|parle de travers|n articule plus|articule mal|bafouille|marmonne|mots sans suite|on ne comprend plus ce qu il dit|on comprend plus ce qu il dit|on comprend rien a ce qu il dit|on comprend plus ce qu elle dit|elocution",
				"bras|visage|bouche|jambe|main|mou|molle|faible|engourdi*|tombe|d un coup|soudain*|tout a coup|avc|paralys*|samu|aidez").not("francais|langue|telephone|accent|etranger|conseiller|operateur"),
			sigR("bras|main|jambe|visage|bouche|cote", "mou|molle|tout mou|toute molle|faible|engourdi*|paralyse*|tombe|pendouille|pend|ne repond plus|bouge plus|ne bouge plus|de travers", "d un coup|soudain*|tout a coup|parle|parler|avc|bafouille|confus*|aidez|samu|ambulance|15|112|poitrine|vertige").not("kine*|rendez vous|certificat|invalidite|dentiste|anesthesie|dormi|sommeil"),
			sigR("sent plus ses jambes|ne sent plus ses jambes|ne sent pas ses jambes|sent pas ses jambes|peut plus bouger les jambes|bouge plus les jambes|paralyse* des jambes|plus aucune sensation", "tombe*|chute|echelle|toit|escalier|accident|dos|cou|aidez|samu|moto|plongeon|arbre|balcon|echafaudage").not("sport|course|marathon|kine*|muscu*"),
			sigR("tombe* dans la glace|a travers la glace|la glace a cede|sous la glace|passe* a travers la glace|la glace s est brisee|glace s est cassee"),
			sigR("voiture|camion|bus|car|vehicule|camionnette", "canal|riviere|lac|mer|eau|fleuve|port|seine|loire|rhone|etang|crue", "tombe*|coule|coulee|plonge*|sombre|submerge*|a fini dans|finie dans|emporte*|sortie de route|dedans|s enfonce").not("lavage|parking|stationnement|assurance|ferry|bateau|peniche|amende|horaires|ticket|trajet|ligne|arret"),
			sigR("mordu*|pique*|piqure|morsure", "serpent|vipere|scorpion").not("repulsif|prevention|serum|ou|risque|sentier*|randonnee*"),
			sigR("mordu*|pique*|piqure|piqures|morsure", "araignee|meduse|frelon|frelons|guepe|guepes|abeille|abeilles|vive", "gorge|respir*|malaise|evanoui*|vomi*|vertige*|samu|langue").not("repulsif|prevention|moustique*|desinsectisation|nid|nids"),
			sigR("tombe* de l/du/d/de la/le? echelle/toit/echafaudage/arbre/balcon/fenetre/terrasse", "ne bouge|ne repond|sent plus|sang|saigne|tete|dos|cou|inconscient*|aidez|samu|vite|respire|jambes").not("assurance|indemnisation|accident du travail|hier|semaine derniere"),
			sigR("est tout bleu|est toute bleue|il est bleu|elle est bleue|devient bleu|devenu bleu|devenue bleue|levres violettes|visage bleu|visage gris|gris et en sueur|cyanose*"),
			sigR("heroine|fentanyl|cocaine|crack|drogue|drogue*|s est injecte|s est pique|ketamine|ghb", "bleu|bleue|violet|respire*|reveille|inconscient*|evanoui*|convulse*|ecume|overdose|surdose").not("prevention|centre|association|statistique*|dealer|trafic|quartier|plainte"),
			sigR("mal|douleur|douleurs|fourmillement*|engourdi*|lourdeur", "bras gauche|epaule gauche|machoire|au bras gauche|dans le bras gauche", "transpire|sueur*|sue|moite|pale|gris|nausee*|vomi*|respir*|vertige*|malaise|poitrine|aidez|samu").not("kine*|rendez vous|certificat|sport|tendin*|entorse*|capsulite|mois|semaines|ordonnance"),
			sigR("sueurs froides|sueur froide|transpire beaucoup|en sueur|trempe de sueur", "douleur|mal|poitrine|bras|machoire|pale|gris|vertige*|nausee*|malaise|respir*|evanoui*|aidez|samu"),
			sigR("bebe|bebes|enfant|enfants|gamin*|petit|petite|fils|fille|nourrisson", "enferme*|coince*|bloque*", "dans la voiture|dans une voiture|dans l auto|dans le vehicule|dans la camionnette"),
			sigR("oublie*/laisse* le/la/un/une/mon/ma/son/sa bebe/enfant/petit/petite/fils/fille dans la/une voiture|bebe/enfant oublie*/laisse* dans la/une voiture"),
			sigR("perdu mon/ma/notre petit/petite/fils/fille/enfant/bebe/gamin|perdu de vue mon/ma petit/petite/fils/fille/enfant|je trouve plus mon/ma petit/petite/fils/fille/enfant|je ne trouve plus mon/ma petit/petite/fils/fille/enfant"),
			sigR("au =secours|a l aide|a laide|aidez moi vite|aidez nous vite|vite aidez|venez vite|venez vite svp|=secours vite|urgence vitale|sos|mayday|je suis en danger|nous sommes en danger|on est en danger|en danger de mort|quelqu un m aide|quelqu un aidez").not("a l aide de|a l aide du|a l aide des|a l aide d|" + paperwork),
			sigR("c est une urgence|c est urgent|urgence|urgent", "aidez|vite|venez|mourir|meurt|sang|respire|feu|incendie|blesse*|ambulance|samu|pompiers|police|danger").not(paperwork + "|logement|hebergement|sociale|numero|numeros|contacts|plan|veterinaire|dentiste|neige"),
		},
		human: []sigRule{
			sigR("parler/parle/parlez/discuter/causer/echanger/joindre/contacter/contacte/appeler/avoir/voir/passer/transferer/transferez a/avec/au/aux/par? un/une/le/la/l/des? vrai/vraie/veritable? conseiller/conseillere/conseillers/operateur/operatrice/humain/humaine/humains/personne/agent/agents/employe/employee/interlocuteur/quelqu/fonctionnaire/responsable/standardiste").not(sigSocialWorker),
			sigR("passez moi|passe moi|passer moi|mettez moi en relation|mettre en relation|me mettre en relation|mise en relation|je veux/voudrais/souhaite/aimerais/prefere un/une/le/la/l? conseiller/conseillere/operateur/operatrice/humain/agent/interlocuteur|vraie personne|vrai humain|etre humain|une personne reelle|personne reelle|personne physique|pas un robot|pas un bot|pas une machine|pas de robot|marre du robot|robot inutile|un humain svp").not("morale").not(sigSocialWorker),
			sigR("conseiller|conseillere|operateur|operatrice|humain|agent|un humain|un conseiller|un operateur|conseiller svp|operateur svp|humain svp|humain s il vous plait|conseiller s il vous plait").short(4).not(sigNotAPersonRequest + "|municipal|municipaux|assurance").not(sigSocialWorker),
		},
		personal: []sigRule{
			sigR("mon/ma/mes/notre/nos dossier/dossiers/demande/demandes/requete/carte/titre/passeport/permis/certificat/inscription/remboursement/document/documents/attestation/candidature/recours/reclamation/aide/allocation/changement",
				"ou en est|en est ou|statut|etat|etat d avancement|avancement|toujours pas|toujours en attente|toujours rien|toujours bloque*|pas encore|encore rien|encore en attente|en attente|en cours de traitement|pas recu|pas recue|jamais recu|rien recu|aucune nouvelle|aucune reponse|pas de reponse|pas de nouvelle*|sans nouvelle*|sans reponse|bloque*|n avance pas|avance pas|n avance plus|traite|traitee|accepte*|refuse*|valide*|rejete*|pas arrive*|toujours pas arrive*|n est pas arrive*|ou est|qu est ce qui se passe|que se passe t il|que devient|des nouvelles|en retard|retard|quand vais je|quand est ce que je vais").not(sigBills),
			sigR("ou en est mon/ma/mes/notre/nos|ou en sont mes/nos|ou en est le/la/l dossier/demande|etat de mon/ma|etat d avancement de mon/ma|statut de mon/ma|suivi de mon/ma|des nouvelles de mon/ma|que devient mon/ma|toujours sans nouvelles|sans nouvelles de mon/ma|numero de dossier|numero du dossier|numero de demande|numero de suivi|numero de la demande|reference de dossier|reference du dossier|numero d enregistrement|numero de protocole|numero de reference"),
			sigR("je n ai pas recu|je n ai toujours pas recu|j ai pas recu|j ai toujours pas recu|je n ai rien recu|je n ai jamais recu|pas encore recu|pas encore recue|toujours pas recu|toujours pas recue|jamais recu|jamais recue|n est toujours pas arrive*|n est pas encore arrive*|pas encore arrive*|toujours pas arrive*", sigCaseFr).not(sigBills),
			sigR("j attends toujours|j attends depuis|j attends encore|nous attendons depuis|on attend depuis|toujours en attente|j attends une reponse|sans reponse depuis", "mois|semaines|jours|dossier|demande|reponse|carte|titre|decision|remboursement|attestation|mon|ma|mes"),
			sigR("j ai/avons depose/envoye/soumis/transmis/postule|j ai/avons fait une/ma/la/notre? demande",
				"toujours|rien|aucune|pas de nouvelle*|pas de reponse|semaines|mois|jours|depuis|encore|pas recu|en attente|ou en est|ou en sont"),
			sigR("ou en est|ou en sont|ou ca en est|ou c en est", "dossier|demande|requete|candidature|titre|carte|inscription|remboursement|recours|attestation|permis"),
		},
		fileStrong:       "dossier|protocole|reference|ref|ticket|numero de dossier",
		fileWeak:         "demande|requete|candidature|inscription|recours|reclamation|formulaire|id|identifiant",
		numberMarks:      "n|no|numero|num|nr|id|code|ref",
		numberNotAFileNo: "euros|euro|eur|coute|coutent|cout|prix|tarif|payer|jours|jour|mois|ans|an|heures|minutes|semaines|telephone|tel|portable|fax|personnes|pages|fois",
	}
}

func sigSpanish() sigLexicon {
	people := "nino|nina|ninos|hijo|hija|bebe|crio|cria|marido|esposo|esposa|mujer|madre|mama|padre|papa|abuelo|abuela|hermano|hermana|amigo|amiga|vecino|vecina|hombre|senor|senora|anciano|anciana|persona|paciente|pareja|novio|novia|companero|companera"
	fireVeto := "voluntari*|hacerse|ser bombero|oposicion*|cuartel|certificad*|prevencion|normas|norma|normativa|reglas|reglamento|seguridad contra|licencia|permiso|inspeccion|extintor*|simulacro|seguro|poliza|cigarr*|fumar|fumadores|barbacoa|chimenea|fuegos artificiales|quema de rastrojos|rastrojos|quemar|prohibid*|prohibicion|riesgo|mapa|estadistica*|curso|formacion|danos|indemnizacion|despedir|despido"
	call := "llamen/llama/llamad/llamar/llame/llamo/manden/mande/mandad/mandar/envien/envie/enviad/enviar/necesito/necesitamos/necesita/traigan/pidan/avisen/avisa"
	callVeto := "costo|coste|cuesta|precio|tarifa|pagar|factura|seguro|certificad*|cita|voluntari*|curso|formacion|horario*|numero de|ruido|ruidos|musica|fiesta|telefono de"
	paperwork := "formulario|rellenar|llenar|expediente|solicitud|impuesto*|tasa|pago|pagina web|web|aplicacion|contrasena|cuenta|cita|certificado|tarjeta|permiso|pregunta|entender|traducir|informacion|seguro|comedor|escuela|colegio|basura|residuos|empadronamiento|inscripcion|documento*|papeles|dni|nie"
	return sigLexicon{
		lang: "es",
		emergency: []sigRule{
			sigR("se esta quemando|se quema|se estan quemando|esta ardiendo|estan ardiendo|arde la casa|en llamas|prendio fuego|se prendio fuego|ha prendido fuego|se incendio|se esta incendiando|incendiandose|hay fuego|hay un incendio|hay incendio|fuego en mi/la/el/nuestra/nuestro casa/piso/edificio/cocina/apartamento/habitacion/escalera/garaje|incendio en mi/la/el/nuestra/nuestro casa/piso/edificio/cocina/apartamento/habitacion/escalera/garaje|huele a quemado|olor a quemado|humo por todas partes|lleno de humo|llena de humo|mucho humo|humo negro"),
			sigR("fuego|incendio|incendios|llamas|humo|quemando",
				"hay|casa|edificio|piso|apartamento|cocina|habitacion|escalera|garaje|sotano|tejado|techo|tienda|coche|carro|ayuda|ayudenme|ayudennos|socorro|auxilio|rapido|ya|ahora|urgente|atrapad*|encerrad*|bloquead*|todas partes|mucho|sale|saliendo|vecino*|bomberos|se extiende|se propaga|enorme|grande|vengan").not(fireVeto),
			sigR("fuego|incendio|llamas|humo").short(2),
			sigR("inconsciente|inconciente|no respira|ya no respira|no puede respirar|no puedo respirar|no puede respira|dejo de respirar|le cuesta respirar|respira con dificultad|se desmayo|se ha desmayado|desmayad*|desmayo|perdio el conocimiento|perdio la conciencia|ha perdido el conocimiento|sin conocimiento|no se despierta|no despierta|infarto|ataque al corazon|ataque cardiaco|paro cardiaco|paro cardio*|derrame cerebral|ictus|embolia|hemorragia|sobredosis|demasiadas pastillas|muchas pastillas|demasiados medicamentos|envenenad*|intoxicad*|se ahoga|se esta ahogando|ahogandose|se atraganto|atragantad*|convulsion*|ataque epileptico|crisis epileptica|se esta muriendo|esta muriendo|muriendose|se va a morir|me estoy muriendo|dolor en el pecho|dolor de pecho|dolor fuerte en el pecho|se desplomo|colapso|colapsad*|mucha sangre|sangre por todas partes|pierde mucha sangre|esta sangrando mucho|sangra mucho|sangrando mucho|herido grave|heridos graves|gravemente herid*|hay heridos|hay un herido|muy herido|se esta poniendo azul|labios azules|un muerto|un cadaver|peligro de muerte"),
			sigR("no puede hablar|ya no puede hablar|no puede hablar bien|boca torcida|cara torcida|habla raro|arrastra las palabras|no puede mover el brazo|no siente el brazo|dolor en el pecho y suda").not("bien|italiano|italian|italien|italienisch|italiana|italisht|inglese|english|anglais|ingles|englisch|engleza|anglisht|francese|french|francais|frances|franzosisch|franceza|spagnolo|spanish|espagnol|espanol|spanisch|tedesco|german|allemand|aleman|deutsch|germana|arabo|arabic|arabe|arabisch|araba|romeno|romanian|roumain|rumano|rumanisch|romana|albanese|albanian|albanais|albanes|albanisch|albaneza|shqip|cinese|chinese|chinois|chino|chinesisch|chineza|kinezisht|lingua|lingue|language|languages|langue|idioma|sprache|limba|gjuhe|fluently|telefono|telephone|phone|telefon"),
			sigR("dolor|dolores|presion|opresion", "pecho|torax").not("cita|radiografia|mamografia|certificado|cardiologo|consulta"),
			sigR("se muere|me muero|nos morimos").not("de ganas|de hambre|de risa|de calor|de frio|de sed|de sueno|de verguenza|de aburrimiento|de envidia|de curiosidad"),
			sigR("amenaz*", "me|mi ex|ex|marido|pareja|novio|puerta|casa|muerte|matar|cuchillo|pistola|miedo|ayuda").not("desahucio|multa|embargo|sancion|corte|cortar|contrato|lluvia|tormenta|ruina|derrumbe"),
			sigR("sangr*|sangre", "mucho|mucha|no para|sin parar|no deja|cabeza|ayuda|todas partes|socorro|ambulancia|herida|rapido").not("donar|donacion|donante*|analisis|extraccion|grupo sanguineo|nariz"),
			sigR("no responde|no reacciona|no se mueve|en el suelo|se cayo|se ha caido|tirado en|tirada en", people+"|respira|sangre|cabeza|inconsciente|ayuda|ambulancia").not("pagina|web|aplicacion|correo|email|telefono|ayuntamiento|servicio|mensaje*|portal|servidor|expediente|solicitud|arbol|rama|senal|muro|hojas|precio*|sistema"),
			sigR(call + " a/al? una/la/los/las/un/el? ambulancia/policia/bomberos/guardia/112/061/091/092/medico/emergencias/urgencias").not(callVeto + "|local|municipal|multa|aparcamiento|estacionamiento|denuncia|comisaria|antecedentes|perdida|robo de|medico de cabecera|de familia"),
			sigR("ambulancia|policia|bomberos|guardia civil|112", "rapido|urgente|ya|ahora|ahora mismo|inmediatamente|socorro|auxilio|ayuda|ayudenme|por favor|porfa|vengan").not(callVeto + "|local|municipal|multa|denuncia|comisaria|antecedentes|" + paperwork),
			sigR("ambulancia|policia|bomberos").short(3).not(sigServiceInfo + "|local|municipal|telefono|costo"),
			sigR("accidente|choque|chocaron|choco|colision|volcado|volco", "herido*|heridos|sangre|grave|graves|muertos|muerto|muerta|ambulancia|ayuda|socorro|atrapad*|inconsciente|no se mueve|rapido|ahora mismo|acaba de|fuego|humo|bomberos").not("informe|copia|seguro|parte|atestado|certificado|indemnizacion|reclamacion|denuncia|formulario|documento*|solicitar|obtener|trabajo|laboral|semana pasada|mes pasado|ano pasado|ayer|estadistica*|prevencion|reembolso"),
			sigR("atropell*|me atropello|lo atropellaron|la atropellaron|arrollad*|arrollo"),
			sigR("me pega|me esta =pegando|me pegan|me estan =pegando|me golpea|me esta golpeando|me golpean|me estan golpeando|me pego|me golpeo|me ha pegado|me ha golpeado|me han pegado|me maltrata|me maltratan|maltrato|violencia domestica|violencia de genero|violencia machista|violencia familiar|violencia intrafamiliar|violencia sexual|agresion sexual|abuso sexual|me violo|me violaron|violada|me agrede|me agredio|me agredieron|agredid*|agresion|me ataca|me atacan|me estan atacando|me ataco|me atacaron|apunalad*|acuchillad*|navajazo|=disparo|=disparos|dispararon|=disparando|tiroteo|balacera|balazo|=secuestr*|rehen|rehenes|me amenaza|me amenazan|me esta amenazando|me amenazo|me amenazaron|amenazandome|amenazandonos|amenaza de muerte|amenazas de muerte|me quiere matar|quiere matarme|me va a matar|me van a matar|nos va a matar|nos quiere matar|te voy a matar|matarme|matarnos|me estrangula|estrangul*|me hace dano|me esta haciendo dano").not("estadistica*|prevencion|seguro|curso|campana|informacion|asociacion|subvencion|vehiculo|coche|embargo|ayer|ano pasado"),
			sigR("se tomo|se bebio|bebio|trago|se trago|ingirio|se comio|tomo|ha tomado|ha bebido|se ha tomado|se ha bebido", "lejia|detergente|pastillas|medicamentos|medicinas|veneno|pila|pilas|pila de boton|acido|amoniaco|matarratas|raticida|desatascador|lavavajillas|setas").not("reciclar|reciclaje|tirar|donde|punto limpio|recogida|farmacia de guardia"),
			sigR("pegando|golpeando|pega|golpea|pegan|golpean|maltratando|estrangulando|apunalando|agrediendo", "mujer|hombre|nino|nina|chico|chica|alguien|persona|senora|senor|anciano|anciana|su mujer|su marido|su novia|su novio|crio|cria|bebe").not("balon|pelota|sol|precio|precios|cartel|sello|pegamento|pegatina"),
			sigR("matar", "va a|van a|quiere|quieren|amenaz*|mujer|marido|hijo|hija|ninos|novia|novio|vecino*|cuchillo|pistola|arma|dice que").not("el tiempo|el hambre|mosquitos|cucarachas|ratas|ratones|insectos|bichos|plagas|malas hierbas|broma|jaja"),
			sigR("cuchillo|navaja|pistola|arma|armas|escopeta|rifle|machete|armado|armada", "tiene|con|amenaza*|apunta*|saco|lleva|empuna|hombre|tipo|alguien|ayuda|miedo|fuera|puerta|calle|casa").not("licencia|permiso|caza|tenencia|coleccion|ley|normas|legal|permitido|comprar|tienda|cocina|juguete|museo|declarar"),
			sigR("me sigue|me siguen|me esta siguiendo|me estan siguiendo|me persigue|me persiguen|me esta persiguiendo|me acosa|me esta acosando|me acecha|alguien me sigue|un hombre me sigue").not("expediente|abogado|medico|asistente|instagram|facebook|tiktok|redes|cuenta|pagina|canal|gestor|tramite"),
			sigR("tengo miedo|tengo mucho miedo|estoy aterrad*|estoy asustad*|tengo panico", "sigue|siguen|marido|esposo|pareja|ex|novio|hombre|tipo|desconocido|fuera|puerta|pega|golpea|matar|amenaza*|entrar|entro|ladron*|intruso"),
			sigR("ladron*|intruso*|desconocido*", "casa|dentro|entraron|entrando|entro|hay|ahora|piso|forzando|rompiendo|ventana|puerta|estan aqui|esta aqui|siguen aqui").not("denuncia|seguro|ayer|semana|copia|reembolso"),
			sigR("me estan robando|estan robando|nos estan robando|asaltando|me asaltan|me estan asaltando|atraco en curso|robo en curso|han entrado en casa|han entrado en mi casa|alguien en mi casa|alguien ha entrado|alguien entro en|hay alguien en casa").not("denuncia|seguro|ayer|semana pasada|copia"),
			sigR("suicid*|matarme|quitarme la vida|acabar con mi vida|terminar con mi vida|quiero morir|quiero morirme|me quiero morir|no quiero vivir|no quiero seguir viviendo|ya no quiero vivir|hacerme dano|me voy a tirar|tirarme de/del/por/al? puente/ventana/balcon/tren/edificio/la|me voy a matar|me quiero matar|cortarme las venas|ahorcarme|no aguanto mas vivir|no le encuentro sentido a la vida"),
			sigR("desaparecid*|desaparecio|ha desaparecido|se perdio|se ha perdido|esta perdid*|no lo encuentro|no la encuentro|no los encuentro|no aparece|no ha vuelto|no volvio|no ha regresado|no regreso|secuestrad*|se lo llevaron|se la llevaron",
				"nino|nina|ninos|hijo|hija|bebe|crio|cria|pequeno|pequena|madre|mama|padre|papa|abuelo|abuela|hermano|hermana|marido|esposo|esposa|mujer|anciano|anciana|alzheimer|demencia|persona|adolescente|chico|chica").not("tarjeta|documento*|papeles|pasaporte|dni|nie|permiso|expediente|perro|gato|paquete|correo|carta|llaves|cartera|movil|telefono|bici*|coche|dinero|juguete*|email|formulario|datos|grua|mochila|libro*|factura|certificado|solicitud|inscripcion|beca"),
			sigR("no encuentro a mi/mis/nuestro/nuestra/el/la? hijo/hija/nino/nina/bebe/hijos|perdi a mi hijo/hija/nino/nina/bebe|nino perdido|nina perdida|nino desaparecido|nina desaparecida|menor desaparecido|menor desaparecida|persona desaparecida"),
			sigR("gas|butano", "olor|huele|oler|fuga|escape|escapa|perdida|explosion|exploto|bombona").not("factura|contador|contrato|tarifa|bono|precio|coste|lectura|alta|suministro|gasolinera|certificado|revision|instalacion|ayuda"),
			sigR("fuga de gas|olor a gas|huele a gas|escape de gas|monoxido|explosion|exploto|se derrumbo|derrumbe|se ha derrumbado|se cayo el techo|se hundio"),
			sigR("inundacion|inunda*|riada|crecida|desbordad*|agua|rio|deslizamiento|alud", "atrapad*|sube|subiendo|techo|tejado|rescate|rescaten|ayuda|socorro|no podemos salir|no puedo salir|arrastrad*|se ahoga|ahogando|aislad*|personas|gente|ninos|hasta el cuello|hasta la cintura").not("seguro|indemnizacion|riesgo|mapa|zona|prevencion|alerta|factura|contador|presion|calidad|grifo|tarifa|danos|subvencion|potable|corte|fuga de agua|piscina|bano|estadistica*|ano pasado"),
			sigR("se ahoga|se esta ahogando|ahogandose|se ahogan|se cayo al/en el? agua/rio/mar/canal/lago/piscina/pozo|cayo al agua|cayo al rio|cayo al mar|arrastrad* por la corriente|bajo los escombros|atrapad* en el ascensor|encerrad* en el ascensor|estamos atrapados|estoy atrapad*|estan atrapados|hay gente atrapada"),
			// Categories found missing by blind probing: each needs its event
			// word and a context word, so "descarga", "tirarse" or "hincha"
			// alone stay quiet.
			sigR("se hundio|se hunde|se esta hundiendo|no sale|no ha salido|no salio|no sale a la superficie|no ha vuelto a salir|bajo el agua|debajo del agua|flotando|boca abajo",
				"agua|rio|mar|lago|piscina|pileta|canal|playa|pantano|embalse|olas|ola|corriente|presa|banera|pozo|charca",
				people+"|alguien|chico|chica|nadador|banista|cuerpo").not("grifo|tuberia|fuga|goteo|sotano|garaje|factura|contador|clases|cursos|curso|inscripcion|horario*|precio*|negocio|empresa|barco|coche"),
			sigR("accidente|choque|chocaron|choco|colision|caida de moto|se cayo de la moto|se cayo de la bici",
				"sangrando|sangra|en el suelo|tirado|tirada|no responde|no se levanta|no se mueve|motorista|motero|ciclista|peaton|casco|cabeza|inconsciente").not("informe|copia|seguro|parte|atestado|certificado|indemnizacion|reclamacion|denuncia|formulario|documento*|solicitar|obtener|trabajo|laboral|semana pasada|mes pasado|ano pasado|ayer|estadistica*|prevencion|reembolso"),
			sigR("coche|carro|auto|camion|moto|furgoneta|autobus|bus|taxi|tren|tranvia|vehiculo|conductor",
				"le dio|golpeo|embistio|embiste|choco contra|choca contra|se llevo por delante|llevo por delante|arrollo|pillo|ha pillado|atropell*|le paso por encima",
				"ciclista|peaton|motorista|motero|nino|nina|chico|chica|senor|senora|hombre|mujer|anciano|anciana|persona|bici|bicicleta|no se mueve|sangr*|suelo|herid*|inconsciente|abuelo|abuela").not("seguro|parte|aparcado|aparcada|estacionado|aparcamiento|rayon|rayado|retrovisor|parachoques|danos|ayer|semana pasada"),
			sigR("ciclista|peaton|motorista|motero|conductor|victima|chaval|tio|tipo", "no se mueve|no responde|no reacciona|inconsciente|no respira|en el suelo|tirado en|tirada en").not("pagina|web|aplicacion|correo|telefono|ayuntamiento|servicio|expediente|solicitud"),
			sigR("no puedo/podemos/consigo/conseguimos/logro/logramos despertarl*|no hay manera de despertarl*|no despierta|no se despierta|ojos en blanco|los ojos en blanco|sin signos de vida|inerte"),
			sigR("se golpeo/dio/pego en? la cabeza|golpe en la cabeza|golpe fuerte en la cabeza|se cayo de cabeza|cayo de cabeza", "sangr*|inconsciente|no responde|vomit*|desmay*|no despierta|confus*|ayuda|ambulancia|suelo|fuerte|no se mueve").not("cita|seguro|casco obligatorio"),
			sigR("traumatismo craneal|traumatismo craneoencefalico|cabeza abierta|se abrio la cabeza|se partio la cabeza|se rompio la cabeza|brecha en la cabeza|herida en la cabeza|fractura de craneo"),
			sigR("choque anafilactico|shock anafilactico|anafila*|edema de glotis").not(sigAllergyPaperwork),
			sigR("choque anafilactico|shock anafilactico|anafila*|edema de glotis", sigAcute),
			sigR("se le cierra la garganta|se cierra la garganta|se le hincha la garganta|se le hincha la lengua|garganta hinchada|lengua hinchada|garganta cerrada"),
			sigR("hincha*|inflama*|se cierra|cerrando", "garganta|lengua|labios|cara|cuello", "respir*|picadura|pico|pica|abeja|avispa|alergi*|cacahuete*|mani|ayuda|rapido|ambulancia|ahoga*|tragar").not("amigdal*|anginas|resfriado|dentista|cita"),
			sigR("reaccion alergica|crisis alergica|ataque alergico|choque alergico|shock alergico", "respir*|garganta|lengua|hincha*|ayuda|rapido|ambulancia|grave|ahoga*|picadura|pico|desmay*").not("comedor|menu|certificado|colegio|escuela|formulario|prueba|cita|vacuna*|polen"),
			sigR("echa espuma por la boca|espuma por la boca|le dio un ataque|le esta dando un ataque|tiembla entero|tiembla toda|tiembla todo|temblando entero|espasmos"),
			sigR("electrocut*|electrizad*|descarga electrica|le dio la corriente|le dio corriente|le ha dado la corriente|le dio un calambrazo|calambrazo|le cayo un rayo|le ha caido un rayo|fulminad* por un rayo|toco un cable de alta|toco un cable pelado|toco los cables pelados"),
			sigR("tirarse|se tira|se va a tirar|quiere tirarse|se quiere tirar|saltar|salta|va a saltar|quiere saltar|amenaza con saltar|amenaza con tirarse|lanzarse|se lanza|se quiere lanzar|arrojarse|se arroja",
				"puente|tejado|azotea|balcon|ventana|edificio|acantilado|viaducto|cornisa|borde|vias|al vacio|vacio|barandilla|pasarela|terraza").not("paracaid*|piscina|trampolin|puenting|deporte|comba|cuerda|fila|cola|paso|semaforo"),
			sigR("se va a matar|se quiere matar|quiere matarse|va a matarse|quitarse la vida|se quiere quitar la vida|se va a quitar la vida|se quiere ahorcar|se va a ahorcar"),
			sigR("alguien dentro de mi casa|alguien dentro de casa|alguien dentro del piso|hay alguien dentro|alguien intenta entrar|intentan entrar en casa|intentan entrar en mi casa|estan forzando la puerta|forzando la puerta|rompiendo la puerta|estan entrando en casa|se ha metido alguien|se metio alguien|se metieron en casa"),
			sigR("escondid*|me escondi|me he escondido|nos escondimos|nos hemos escondido|me estoy escondiendo|nos estamos escondiendo", "alguien|hombre|ladron*|intruso*|casa|armario|bano|habitacion|cuarto|miedo|entrado|entraron|dentro|pegar|matar|arma|cuchillo").not("juego|escondite|regalo*|huevos|costes|gastos"),
			sigR("ascensor", "atascad*|parad*|atrapad*|encerrad*|bloquead*|averiado con", "dentro|estamos|estoy|alguien|persona|nino|nina|bebe|abuela|abuelo|madre|padre|mama|papa|se siente mal|se encuentra mal|mareado|mareada|ayuda|respira*|panico|rapido").not("reparar|reparacion|mantenimiento|comunidad|siempre|otra vez|cada|semanas|dias|presidente|administrador*|cuota"),
			sigR("hombre armado|hombres armados|tipo armado|individuo armado|individuos armados|alguien armado|atracador* armad*|ladron* armad*|armado con|armada con|armados con|un hombre/tipo/chico/individuo con un/una cuchillo/navaja/pistola/escopeta/arma/machete|saco un/una cuchillo/navaja/pistola/arma|esta apuntando con|me apunta con|nos apunta con|apuntando con una/un pistola/arma/cuchillo"),
			sigR("ha explotado|han explotado|exploto|exploto algo|ha estallado|estallo|estallido|ha reventado|revento|deflagracion|explosion", "edificio|casa|piso|cocina|gas|bombona|caldera|coche|calle|tienda|fabrica|herid*|humo|fuego|cristales|ayuda|algo|bloque|portal|garaje").not("risa|llanto|precio*|burbuja|polemica|fuegos artificiales|petardos|globo|rueda|neumatico|pelicula|juego|ano pasado|ayer|protesta|huelga|guerra|escandalo|tuberia|cano|ruido|cada noche"),
			sigR("techo|tejado|edificio|casa|pared|muro|balcon|suelo|andamio|puente|escalera", "se derrumbo|se ha derrumbado|se cayo|se ha caido|se vino abajo|se ha venido abajo|cedio|ha cedido|se hundio|se ha hundido", "gente|personas|alguien|debajo|abajo|atrapad*|sepultad*|herid*|ayuda|dentro|nino|nina|nadie sale").not("reparacion|seguro|casero|propietario|indemnizacion|ayer|semana pasada|ano pasado"),
			sigR("respira mal|respira muy mal|le falta el aire|me falta el aire|se asfixia|se esta asfixiando|asfixiandose|no le entra aire|boqueando|jadeando y"),
			sigR("acabar con todo|terminar con todo|acabar con su vida|terminar con su vida|quiere morirse|se quiere morir|quitarse de en medio|carta de despedida|mensaje de despedida|nota de suicidio|se va a suicidar|quiere suicidarse"),
			sigR("le dio algo|le ha dado algo|le dio un infarto|le ha dado un infarto|le dio un ictus|le ha dado un ictus|le esta dando algo|se puso mal|se ha puesto muy mal|se encuentra muy mal", "suelo|respira*|desmay*|cayo|caido|ayuda|ambulancia|rapido|no responde|no se mueve|pecho|corazon|palido|palida|sudando").not("curso|primeros auxilios|certificado|baja"),
			sigR("pelea|peleando|pelean|se pegan|se estan pegando|rina|trifulca|reyerta|se acuchillan|se estan matando", "navaja|navajas|cuchillo|cuchillos|machete|machetes|arma|armas|pistola|palos|botellas|sangre|herid*|barras").not("pelicula|serie|juego|video|estadistica*|ayer|semana pasada"),
			sigR("habla raro|habla rara|habla extrano|habla mal|no se le entiende|no se entiende lo que dice|balbucea|arrastra las palabras|se le traba la lengua|habla torpe|habla como borracho|lengua de trapo",
				"brazo|cara|boca|pierna|mano|flojo|floja|debil|dormido|dormida|caido|caida|torcida|de repente|derrepente|de golpe|ictus|derrame|ambulancia|ayuda").not("espanol|idioma|telefono|acento|extranjero|operador"),
			sigR("brazo|mano|pierna|cara|boca|lado", "flojo|floja|debil|dormido|dormida|caido|caida|torcido|torcida|paralizad*|no lo mueve|no la mueve|no responde|colgando|muerto", "de repente|derrepente|de golpe|habla|hablar|ictus|derrame|confus*|ayuda|ambulancia|112|pecho|mareo|mareado|mareada").not("fisio*|cita|certificado|invalidez|dentista|anestesia|dormi|dormir"),
			sigR("no siente las piernas|no siente nada de cintura para abajo|no puede mover las piernas|no mueve las piernas|no siente las piernas", "cayo|caida|escalera|tejado|andamio|accidente|espalda|cuello|ayuda|ambulancia|suelo|moto|tirarse de cabeza|arbol|balcon|golpe").not("gimnasio|correr|maraton|fisio*"),
			sigR("se cayo al hielo|se cayo en el hielo|bajo el hielo|a traves del hielo|se hundio en el hielo|cedio el hielo"),
			sigR("coche|carro|auto|furgoneta|camion|autobus|vehiculo|taxi", "canal|rio|lago|mar|agua|pantano|acequia|puerto|riada|embalse", "se cayo|cayo|se hundio|se hunde|hundiendo|sumergid*|arrastrad*|termino en|acabo en|se salio|dentro|se fue al").not("lavado|aparcamiento|impuesto|seguro|ferry|barco|multa|horario|billete|linea|parada"),
			sigR("mordio|mordido|mordida|mordedura|pico|picado|picada|picadura", "serpiente|vibora|culebra|escorpion|alacran").not("repelente|prevencion|suero|donde|riesgo|sendero*|excursion*"),
			sigR("mordio|mordido|mordida|pico|picado|picada|picadura|picaduras", "arana|medusa|avispon|avispones|avispa|avispas|abeja|abejas|pez arana", "garganta|respir*|desmay*|vomit*|mareo|mareado|mareada|ambulancia|lengua").not("repelente|prevencion|mosquito*|fumigacion|nido|nidos"),
			sigR("se cayo de la/del escalera/tejado/andamio/arbol/balcon/ventana/terraza", "no se mueve|no responde|no siente|sangr*|cabeza|espalda|cuello|inconsciente|ayuda|ambulancia|rapido|no respira|piernas").not("seguro|indemnizacion|accidente laboral|ayer|semana pasada"),
			sigR("esta morado|esta morada|se esta poniendo morado|se puso morado|se puso morada|esta azul|se puso azul|se esta poniendo azul|labios morados|cara morada|cara azul|gris y sudando|cianotic*"),
			sigR("heroina|fentanilo|cocaina|crack|droga|drogas|drogad*|se ha metido|se metio|se pincho|se inyecto|ketamina|ghb|pastis", "morado|morada|azul|no respira|no despierta|no reacciona|inconsciente|desmay*|convulsion*|espuma|sobredosis").not("prevencion|centro|asociacion|estadistica*|camello|trafico|barrio|denuncia"),
			sigR("dolor|dolores|hormigueo|adormecid*|pesadez|me duele|le duele", "brazo izquierdo|hombro izquierdo|mandibula|el brazo izquierdo|en el brazo izquierdo", "suda|sudando|sudor|sudor frio|suda frio|palido|palida|gris|nausea*|vomit*|respir*|mareo|mareado|mareada|pecho|ayuda|ambulancia").not("fisio*|cita|certificado|deporte|tendin*|esguince*|hombro congelado|meses|semanas|receta"),
			sigR("sudor frio|suda frio|sudando frio|empapado en sudor|empapada en sudor", "dolor|pecho|brazo|mandibula|palido|palida|gris|mareo|nausea*|desmay*|respir*|se encuentra mal|ayuda|ambulancia"),
			sigR("bebe|bebes|nino|nina|ninos|crio|cria|hijo|hija|peque", "encerrad*|atrapad*", "en el coche|en un coche|en el carro|en un carro|en el auto|en la furgoneta|dentro del coche|dentro de un coche"),
			sigR("olvido/olvidado/dejo/dejado al/a un/el/un/a su/a mi? bebe/nino/nina/hijo/hija/peque en el/un coche/carro/auto|bebe/nino/nina olvidad*/dejad* en el/un coche/carro/auto"),
			sigR("perdi a mi/nuestro/nuestra? peque/pequeno/pequena/hijo/hija/nino/nina/bebe|se me ha perdido el/la/mi? nino/nina/hijo/hija/peque|se me perdio el/la/mi? nino/nina/hijo/hija/peque|no encuentro a mi/el/la? peque/pequeno/pequena"),
			sigR("socorro|=auxilio|ayuda ayuda|ayudenme rapido|ayudennos rapido|ayuda rapido|ayuda urgente por favor|vengan rapido|vengan ya|sos|mayday|estoy en peligro|estamos en peligro|peligro de muerte|alguien ayudeme|que alguien me ayude|que alguien nos ayude").not(paperwork + "|primeros auxilios|curso|cursos|formacion|socorrista|socorrismo"),
			sigR("es una emergencia|emergencia|urgencia|es urgente", "ayuda|rapido|vengan|morir|muere|sangre|respira|fuego|incendio|herido*|ambulancia|bomberos|policia|peligro").not(paperwork + "|vivienda|habitacional|alojamiento|social|numero|numeros|contactos|plan|veterinari*|dentista|nieve"),
		},
		human: []sigRule{
			sigR("hablar/hablo/habla/hable/hablas/comunicarme/comunicar/contactar/charlar/conversar con/a? un/una/el/la/alguna/algun/alguien/los? persona/personas/humano/humana/humanos/operador/operadora/operadores/agente/asesor/asesora/alguien/empleado/empleada/funcionario/funcionaria/trabajador/trabajadora/responsable/real").not(sigSocialWorker),
			sigR("me pasas/pasa/pasan/pones/pone/comunicas/comunica con? un/una/el/la/alguien/alguna? persona/humano/humana/operador/operadora/agente/asesor/asesora/alguien/empleado/empleada/funcionario/funcionaria|pasame/paseme/pasenme/pasadme/ponme/pongame/ponganme/comunicame/comuniqueme/transfiereme/transfierame/quiero/queria/quisiera/necesito/prefiero con? un/una/el/la/con? operador/operadora/agente/asesor/asesora/humano/humana|atencion humana|atencion personal|persona real|ser humano|persona de verdad|persona fisica|no un robot|no un bot|no una maquina|no quiero un robot|no quiero un bot|no quiero hablar con un/una/el? robot/bot/maquina|bot inutil").not("juridica|derechos").not(sigSocialWorker),
			sigR("humano|operador|operadora|persona|agente|asesor|un humano|un operador|con un humano|con una persona|operador por favor|humano por favor|persona por favor|un operador por favor").short(4).not(sigNotAPersonRequest + "|inmobiliario|seguros").not(sigSocialWorker),
		},
		personal: []sigRule{
			sigR("mi/mis/nuestra/nuestro/nuestros/nuestras solicitud/solicitudes/expediente/tramite/peticion/tarjeta/permiso/dni/nie/pasaporte/certificado/empadronamiento/inscripcion/reembolso/documento/documentos/caso/residencia/recurso/reclamacion/ayuda/beca/licencia|solicitud/expediente/tramite/tarjeta/permiso mio/mia",
				"estado|ya esta list*|esta list*|ya esta hech*|ya esta resuelt*|como va|que pasa|que paso|que ha pasado|no avanza|avanza|todavia no|aun no|todavia pendiente|aun pendiente|sigue pendiente|sigue sin|sigue parad*|sigue en tramite|pendiente|en tramite|en espera|no he recibido|no me ha llegado|no me llega|no llega|no ha llegado|no me llego|sin respuesta|ninguna respuesta|no me responden|no tengo respuesta|noticias|atascad*|parad*|bloquead*|aprobad*|rechazad*|denegad*|resuelt*|donde esta|cuando me llega|cuando llega|retrasad*|retraso").not(sigBills),
			sigR("no he recibido|no me ha llegado|no me han llegado|todavia no me ha llegado|todavia no me han llegado|todavia no me llega|aun no me llega|aun no me ha llegado|aun no recibo|todavia no recibo|todavia no he recibido|aun no he recibido|no me llego|nunca me llego|nunca recibi|no recibi", sigCaseEs).not(sigBills),
			sigR("sigo esperando|llevo esperando|estoy esperando desde|espero desde|seguimos esperando", "meses|semanas|dias|mes|respuesta|solicitud|expediente|tarjeta|resolucion|tramite|mi|mis"),
			sigR("como va mi/mis/el/la|que pasa con mi/mis/el/la|que paso con mi/mis|que ha pasado con mi/mis|en que estado esta mi/el/la|en que estado estan mis|estado de mi/mis|donde esta mi|llevo meses esperando|llevo semanas esperando|numero de expediente|numero del expediente|numero de solicitud|numero de la solicitud|numero de registro|numero de tramite|numero de referencia|codigo de solicitud|codigo de expediente"),
			sigR("presente|envie|solicite|entregue|mande|hice la/una/mi? solicitud/peticion|hemos presentado|he presentado|he enviado|he solicitado",
				"hace meses|hace semanas|hace dias|hace un mes|hace un ano|hace anos|hace dos anos|hace tres anos|todavia|aun|nada|ninguna|sin respuesta|no me han|no he recibido|estado|pendiente|esperando|no se nada|noticias"),
		},
		fileStrong:       "expediente|protocolo|referencia|ref|ticket|numero de expediente",
		fileWeak:         "solicitud|peticion|instancia|registro|recurso|reclamacion|formulario|caso|id|tramite",
		numberMarks:      "n|no|numero|num|nro|nr|id|codigo|cod|ref",
		numberNotAFileNo: "euros|euro|eur|cuesta|cuestan|costo|coste|precio|tasa|pagar|dias|dia|meses|mes|anos|horas|minutos|semanas|telefono|tel|movil|celular|personas|paginas|veces",
	}
}

func sigGerman() sigLexicon {
	people := "kind|kinder|sohn|tochter|baby|junge|madchen|maedchen|mann|frau|ehemann|ehefrau|mutter|mama|vater|papa|oma|opa|grossmutter|grossvater|bruder|schwester|freund|freundin|nachbar|nachbarin|person|jemand|alte frau|alter mann|patient|partner|partnerin|kollege|kollegin"
	fireVeto := "freiwillig*|werden|bewerb*|ausbildung|brandschutz*|sicherheit*|bescheinigung|zertifikat|vorschrift*|regel*|genehmigung|versicherung|pravention|praevention|feuerloscher*|feuerloescher*|ubung|uebung|rauchmelder|rauchen|raucher|zigarette*|grill*|kamin|lagerfeuer|feuerwerk|osterfeuer|verbot*|verboten|risiko|karte|statistik*|kurs|schulung|schaden|schaden*|entschadigung|kundigung|gekundigt|feuern|gefeuert"
	call := "ruft/ruf/rufen/rufe/rufst/holt/hol/holen/schickt/schicken/schick/brauche/brauchen/braucht/alarmiert/alarmieren/verstandigt/verstaendigt/verstandigen"
	callVeto := "kosten|kostet|preis|gebuhr|gebuehr|zahlen|rechnung|versicherung|bescheinigung|termin|ehrenamt*|kurs|ausbildung|offnungszeiten|oeffnungszeiten|nummer von|larm|laerm|musik|party|lautstark"
	paperwork := "formular|ausfullen|ausfuellen|antrag|steuer*|gebuhr|zahlung|webseite|website|app|passwort|konto|termin|bescheinigung|ausweis|aufenthaltstitel|frage|verstehen|ubersetzen|uebersetzen|information*|versicherung|mensa|schule|mull|muell|abfall|anmeldung|dokument*|unterlagen"
	return sigLexicon{
		lang: "de",
		emergency: []sigRule{
			sigR("es brennt|brennt es|in flammen|steht in flammen|feuer =gefangen|hat feuer =gefangen|fangt feuer|faengt feuer|wohnungsbrand|hausbrand|kuchenbrand|kuechenbrand|zimmerbrand|kellerbrand|dachstuhlbrand|autobrand|grossbrand|brandgeruch|riecht verbrannt|riecht nach rauch|riecht nach feuer|uberall rauch|ueberall rauch|alles voller rauch|voller rauch|dichter rauch|schwarzer rauch|brennt lichterloh|brennt die wohnung|brennt das haus|brennt die kuche|brennt die kueche|feuer in der/im/meiner/unserer wohnung/haus/kuche/kueche/keller/treppenhaus/gebaude/gebaeude/zimmer/schlafzimmer"),
			sigR("feuer|brand|brennt|brennen|flammen|rauch|qualm",
				"haus|wohnung|gebaude|gebaeude|kuche|kueche|treppenhaus|keller|dach|zimmer|auto|laden|hilfe|schnell|sofort|jetzt|eingeschlossen|eingesperrt|feuerwehr|uberall|ueberall|ausgebrochen|nachbar*|viel|dicht|kommt raus|breitet sich aus|riesig|gross|kommt|kommen|drinnen|alles").not(fireVeto),
			sigR("feuer|brand|es brennt|rauch|flammen|hilfe feuer").short(2),
			sigR("bewusstlos|bewustlos|ohne bewusstsein|atmet nicht|atmet nicht mehr|atmet kaum|keine luft|bekomme keine luft|kriegt keine luft|kriege keine luft|bekommt keine luft|kann nicht atmen|kann nicht mehr atmen|ohnmachtig|ohnmaechtig|in ohnmacht|ohnmacht gefallen|umgekippt|zusammengebrochen|kollabiert|herzinfarkt|infarkt|herzstillstand|herzattacke|herzanfall|schlaganfall|hirnschlag|uberdosis|ueberdosis|zu viele tabletten|zu viel tabletten|zu viele pillen|vergiftet|vergiftung|erstickt|am ersticken|erstickt gerade|krampfanfall|krampft|epileptischer anfall|stirbt gerade|liegt im sterben|am sterben|brustschmerz*|schmerzen in der brust|schmerz in der brust|blutet stark|blutet sehr|blutet sehr stark|viel blut|starke blutung|uberall blut|ueberall blut|blut uberall|blut ueberall|schwer verletzt|schwerverletzt*|lebensgefahr|lebensgefahrlich|lebensgefaehrlich|verletzte|es gibt verletzte|ein toter|eine leiche|lippen blau|lauft blau an|laeuft blau an"),
			sigR("kann nicht mehr sprechen|kann nicht sprechen|kann plotzlich nicht sprechen|spricht verwaschen|lallt|hangender mundwinkel|haengender mundwinkel|gesicht hangt|gesicht haengt|arm gelahmt|arm gelaehmt|kann den arm nicht bewegen").not("gut|italiano|italian|italien|italienisch|italiana|italisht|inglese|english|anglais|ingles|englisch|engleza|anglisht|francese|french|francais|frances|franzosisch|franceza|spagnolo|spanish|espagnol|espanol|spanisch|tedesco|german|allemand|aleman|deutsch|germana|arabo|arabic|arabe|arabisch|araba|romeno|romanian|roumain|rumano|rumanisch|romana|albanese|albanian|albanais|albanes|albanisch|albaneza|shqip|cinese|chinese|chinois|chino|chinesisch|chineza|kinezisht|lingua|lingue|language|languages|langue|idioma|sprache|limba|gjuhe|fluently|telefono|telephone|phone|telefon"),
			sigR("schmerz*|druck|engegefuhl|engegefuehl|stechen", "brust|herz").not("termin|rontgen|roentgen|mammographie|bescheinigung|kardiologe|sprechstunde"),
			sigR("ich sterbe|er stirbt|sie stirbt").not("vor hunger|vor langeweile|vor lachen|vor neugier|vor hitze|vor kalte|vor durst|sterbeurkunde|urkunde|beerdigung|bestattung"),
			sigR("blutet|bluten|blut|blutung", "stark|viel|sehr|hort nicht auf|hoert nicht auf|kopf|uberall|ueberall|hilfe|schnell|krankenwagen|wunde").not("spende*|spenden|abnahme|blutabnahme|blutgruppe|test|nase"),
			sigR("reagiert nicht|bewegt sich nicht|wacht nicht auf|liegt am boden|liegt auf dem boden|gesturzt|gestuerzt|hingefallen|gefallen", people+"|atmet|blut|kopf|bewusstlos|hilfe|krankenwagen|notarzt").not("webseite|website|app|mail|email|telefon|amt|service|nachricht*|portal|server|antrag|baum|ast|schild|mauer|blatter|preis*|system|gefallen lassen|hat mir gefallen|gefallen hat"),
			sigR(call + " sie/uns/mir/bitte/sofort/schnell? einen/den/die/das/sofort/schnell? krankenwagen/rettungswagen/notarzt/rettungsdienst/sanitater/sanitaeter/rtw/polizei/feuerwehr/112/110/arzt").not(callVeto + "|ordnungsamt|bussgeld|strafzettel|parken|anzeige|revier|zeugnis|fuhrungszeugnis|verloren|hausarzt"),
			sigR("krankenwagen|rettungswagen|notarzt|rettungsdienst|polizei|feuerwehr|112|110", "schnell|sofort|dringend|jetzt|bitte|hilfe|notfall").not(callVeto + "|ordnungsamt|bussgeld|anzeige|revier|zeugnis|fuhrungszeugnis|" + paperwork),
			sigR("krankenwagen|rettungswagen|notarzt|polizei|feuerwehr").short(3).not(sigServiceInfo + "|telefon|kosten"),
			sigR("unfall|verkehrsunfall|autounfall|zusammenstoss|zusammengestossen|crash|unglueck|ungluck", "verletzt*|verletzte|blut|schwer|tote|tot|krankenwagen|hilfe|eingeklemmt|bewusstlos|schnell|gerade passiert|rauch|feuer|brennt|notarzt").not("bericht|kopie|versicherung|protokoll|entschadigung|formular|antrag|arbeitsunfall|arbeit|letzte woche|letzten monat|letztes jahr|gestern|statistik*|pravention|erstattung|unfallbericht"),
			sigR("angefahren|uberfahren|ueberfahren|vom auto erfasst|von einem auto erfasst|vom auto angefahren"),
			sigR("schlagt mich|schlaegt mich|schlagen mich|schlug mich|hat mich geschlagen|haben mich geschlagen|verprugelt|verpruegelt|pruegelt|prugelt|verhaut mich|tritt mich|wurgt mich|wuergt mich|gewurgt|gewuergt|hausliche gewalt|haeusliche gewalt|gewalt zu hause|gewalt in der familie|sexuelle gewalt|vergewaltig*|sexuell belastigt|missbraucht mich|missbraucht|bedroht mich|bedrohen mich|droht mir|droht mich|hat mich bedroht|mit dem tod bedroht|morddrohung*|will mich umbringen|will mich toten|will mich toeten|bringt mich um|bringen mich um|bringt mich noch um|wird mich umbringen|mich umbringen|uns umbringen|erstochen|niedergestochen|abgestochen|messerstich*|messerangriff|schusse|schuesse|geschossen|schiesserei|schiesst|entfuhrt|entfuehrt|entfuhrung|entfuehrung|geisel|geiseln|angegriffen|greift mich an|greifen mich an|uberfallen|ueberfallen|uberfall|ueberfall|tut mir weh|tut mir gewalt an").not("statistik*|pravention|praevention|versicherung|kurs|kampagne|information*|verein|zuschuss|beratungsstelle|gestern|letztes jahr"),
			sigR("getrunken|geschluckt|verschluckt|gegessen|eingenommen|genommen", "putzmittel|bleiche|bleichmittel|chlor|reiniger|reinigungsmittel|tabletten|medikamente|gift|rattengift|batterie|batterien|knopfzelle|saure|saeure|waschmittel|spulmittel|spuelmittel|pilze|frostschutz").not("entsorg*|wegwerfen|sammelstelle|wertstoffhof|wo|apotheke|notdienst"),
			sigR("schlagt|schlaegt|schlagen|pruegelt|prugelt|pruegeln|prugeln|tritt|treten|wurgt|wuergt|verpruegelt|verprugelt|greift", "frau|mann|kind|kinder|jemand*|madchen|maedchen|junge|person|seine frau|ihren mann|freundin|freund|alte|alten|oma|opa").not("ball|tor|rekord|alarm|uhr|glocke|wurzeln|herz|vorschlag|vor|zuruck|zurueck|sahne|eier"),
			sigR("umbringen|umzubringen|ermorden|zu ermorden|toten|toeten|zu toten|zu toeten|erstechen|erschiessen|abstechen").not("zeit|ungeziefer|mucken|muecken|ratten|mause|maeuse|unkraut|keime|bakterien|witz"),
			sigR("messer|waffe|waffen|pistole|gewehr|machete|bewaffnet*", "hat|hat ein|hat eine|mit|bedroh*|droht|zieht|gezogen|halt|haelt|fuchtelt|mann|typ|jemand|hilfe|angst|draussen|tur|tuer|strasse|haus").not("waffenschein|jagd|erlaubnis|besitz|sammlung|gesetz|regeln|legal|erlaubt|kaufen|laden|kuche|kueche|spielzeug|museum|anmelden"),
			sigR("verfolgt mich|verfolgen mich|folgt mir|folgen mir|mir folgt|mir hinterher|werde verfolgt|werde gestalkt|stalkt mich|=stalker|lauert mir auf").not("akte|anwalt|arzt|sachbearbeiter|instagram|facebook|tiktok|konto|seite|kanal"),
			sigR("ich habe angst|hab angst|habe grosse angst|ich habe solche angst", "verfolgt|folgt|mann|ehemann|partner|ex|freund|typ|fremder|draussen|tur|tuer|schlagt|schlaegt|umbringen|toten|bedroht|einbrecher|rein"),
			sigR("einbrecher|einbruch|eindringling|fremder|fremde", "gerade|jetzt|im haus|in der wohnung|drin|drinnen|hilfe|tur|tuer|fenster|sind da|ist da|noch da").not("versicherung|anzeige|bericht|gestern|letzte woche|kopie|erstattung"),
			sigR("jemand ist in meiner wohnung|jemand ist im haus|jemand bricht ein|brechen ein|bricht gerade ein|jemand ist eingebrochen").not("versicherung|anzeige|gestern"),
			sigR("selbstmord|suizid*|mich umbringen|mich toten|mich toeten|mir das leben nehmen|mir etwas antun|will sterben|mochte sterben|moechte sterben|will nicht mehr leben|nicht mehr leben|mich verletzen|von der brucke springen|von der bruecke springen|springe von|mich aufhangen|mich aufhaengen|pulsadern|bringe mich um|bring mich um"),
			sigR("vermisst|verschwunden|ist weg|nicht auffindbar|nicht nach hause gekommen|nicht heimgekommen|nicht zuruckgekommen|nicht zurueckgekommen|entfuhrt|entfuehrt|weggelaufen|verlaufen|abgehauen",
				"kind|kinder|sohn|tochter|baby|junge|madchen|maedchen|kleine|kleiner|mutter|mama|vater|papa|oma|opa|grossmutter|grossvater|bruder|schwester|mann|frau|ehemann|ehefrau|demenz|alzheimer|person|teenager|jugendlich*").not("ausweis|dokument*|unterlagen|pass|reisepass|karte|hund|katze|paket|post|brief|schlussel|schluessel|geldbeutel|handy|telefon|fahrrad|auto|geld|spielzeug|mail|email|formular|daten|abschleppdienst|schulranzen|buch|rechnung|bescheinigung|antrag|anmeldung"),
			sigR("finde/finden mein*/unser*/das kind/kinder/sohn/tochter/baby nicht|kind vermisst|kind verschwunden|vermisstes kind|vermisste person|vermisstenanzeige"),
			sigR("gas", "riecht|geruch|leck|ausstromt|ausstroemt|stinkt|riechen|zischt|explosion|explodiert|flasche").not("rechnung|zahler|zaehler|vertrag|tarif|anbieter|preis|kosten|ablesung|anschluss|tankstelle|wartung|bescheinigung|zuschuss"),
			sigR("gasgeruch|gasleck|gasaustritt|riecht nach gas|kohlenmonoxid|explosion|explodiert|eingesturzt|eingestuerzt|eingebrochen ist die decke|decke ist eingesturzt|haus eingesturzt").not("preise|mieten|kosten|nebenkosten|zahlen"),
			sigR("hochwasser|uberschwemmung|ueberschwemmung|uberflutet|ueberflutet|flut|wasser|fluss|erdrutsch|mure", "eingeschlossen|=gefangen|steigt|dach|hilfe|retten|rettet|kommen nicht raus|komme nicht raus|sitzen fest|festsitzen|mitgerissen|ertrinkt|ertrinken|menschen|leute|kinder|bis zum hals|bis zur hufte|bis zur huefte").not("versicherung|karte|risiko|schaden|entschadigung|pravention|warnung|rechnung|zahler|zaehler|druck|qualitat|qualitaet|wasserhahn|tarif|zuschuss|trinkwasser|unterbrechung|rohrbruch|schwimmbad|baden|statistik*|letztes jahr"),
			sigR("ertrinkt|ertrinken|am ertrinken|ertrunken|droht zu ertrinken|ins wasser gefallen|in den fluss gefallen|in den see gefallen|in den kanal gefallen|ins meer gefallen|in den brunnen gefallen|unter trummern|unter truemmern|verschuttet|verschuettet|im aufzug eingeschlossen|im aufzug stecken|im fahrstuhl eingeschlossen|im fahrstuhl stecken|wir sind eingeschlossen|ich bin eingeschlossen|sitzen fest im|eingeklemmt"),
			// Categories found missing by blind probing: each needs its event
			// word and a context word, so "untergegangen", "springen" or
			// "stromschlag" alone stay quiet.
			sigR("untergegangen|geht unter|ging unter|nicht wieder hochgekommen|nicht hochgekommen|nicht mehr hochgekommen|kommt nicht hoch|kommt nicht mehr hoch|nicht aufgetaucht|nicht wieder aufgetaucht|nicht mehr aufgetaucht|taucht nicht auf|taucht nicht mehr auf|taucht nicht wieder auf|unter wasser|treibt|treibend",
				"wasser|see|fluss|meer|kanal|becken|schwimmbad|schwimmbecken|pool|bach|teich|strand|badesee|hafen|wellen|welle|stromung|stroemung|weiher|baggersee|rhein|donau|elbe|badewanne|wanne",
				people+"|jemand*|einer|schwimmer|kerl|typ|leiche|korper|koerper").not("sonne|schiff|boot|aktie*|firma|unternehmen|mail|email|antrag|post|kurs*|unterricht|anmeld*|eintritt|offnungszeiten|oeffnungszeiten|preis*|keller|wasserschaden|rohr|leitung|garage|auto"),
			sigR("ins/in den/die/das? wasser/fluss/see/kanal/meer/brunnen/pool/becken/schwimmbecken/teich/bach/hafenbecken/weiher gefallen/gesturzt/gestuerzt/gerutscht/gekippt/getrieben"),
			sigR("unfall|verkehrsunfall|autounfall|motorradunfall|fahrradunfall|radunfall|rollerunfall|busunfall|lkw unfall|strassenbahnunfall|zusammenstoss|zusammengestossen|crash|gesturzt mit dem motorrad|gestuerzt mit dem motorrad|vom motorrad gefallen|vom fahrrad gefallen|vom rad gesturzt|vom rad gestuerzt|vom motorrad gesturzt|vom motorrad gestuerzt",
				"liegt auf der strasse|liegt auf der fahrbahn|liegt am boden|liegt auf dem boden|liegt da|liegt reglos|liegt regungslos|bewegt sich nicht|reagiert nicht|regt sich nicht|blutet|verletzt*|bewusstlos|helm|kopf").not("bericht|kopie|versicherung|protokoll|entschadigung|formular|antrag|arbeitsunfall|arbeit|letzte woche|letzten monat|letztes jahr|gestern|statistik*|pravention|praevention|erstattung|unfallbericht|zuruck|zurueck|anzeige"),
			sigR("auto|wagen|lkw|laster|bus|motorrad|roller|strassenbahn|tram|zug|fahrer|autofahrer|transporter|raser",
				"angefahren|umgefahren|uberfahren|ueberfahren|erfasst|mitgerissen|gerammt|rammt|zusammengestossen|erwischt|getroffen|niedergefahren|fahrt|faehrt",
				"radfahrer|radfahrerin|fussganger|fussgaenger|fussgangerin|fussgaengerin|kind|mann|frau|junge|madchen|maedchen|person|jemand*|oma|opa|rentner*|motorradfahrer|fahrrad|rad|bewegt sich nicht|blutet|liegt|verletzt|bewusstlos").not("versicherung|parkend|geparkt|kratzer|delle|spiegel|stossstange|schaden|gestern|letzte woche|blitzer|strafzettel|bussgeld|ticket|fahrplan"),
			sigR("regungslos|reglos|leblos|bewegungslos|ruhrt sich nicht|ruehrt sich nicht|nicht ansprechbar|nicht mehr ansprechbar|kriege/kriegen/bekomme/bekommen ihn/sie nicht wach|nicht wach zu kriegen|nicht wach zu bekommen|wird nicht wach|wird nicht mehr wach|wacht nicht mehr auf|augen sind verdreht"),
			sigR("kopfverletzung|schadel gebrochen|schaedel gebrochen|schadelbruch|schaedelbruch|platzwunde am kopf|kopf aufgeschlagen|kopf blutet|blutet am kopf|blutet aus dem kopf"),
			sigR("kopf angeschlagen|kopf gestossen|auf den kopf gefallen|mit dem kopf aufgeschlagen|mit dem kopf gegen", "blut|blutet|bewusstlos|reagiert|erbricht|ubergibt|uebergibt|verwirrt|hilfe|notarzt|krankenwagen|schnell|stark|schwer|bewegt sich nicht|boden|treppe").not("nicht auf den kopf|termin|versicherung"),
			sigR("anaphylax*|anaphylaktisch*|allergischer schock|allergischen schock|allergieschock|quincke*").not(sigAllergyPaperwork),
			sigR("anaphylax*|anaphylaktisch*|allergischer schock|allergischen schock|allergieschock|quincke*", sigAcute),
			sigR("hals schwillt zu|zunge schwillt|rachen schwillt|schwillt zu|zugeschwollen|hals ist zu|kehle schnurt sich zu|kehle schnuert sich zu"),
			sigR("schwillt|schwellen|geschwollen|anschwellen|schwellung|dick", "hals|zunge|rachen|lippen|kehle|gesicht", "luft|atmen|atmet|bienenstich|wespenstich|stich|gestochen|biene|wespe|erdnuss*|nuss|allergi*|notarzt|krankenwagen|hilfe|schnell|schlucken").not("termin|allergietest|mensa|kita|schule|formular|bescheinigung|pollen|heuschnupfen|mandel*|erkaltung|erkaeltung|zahnarzt"),
			sigR("allergische reaktion|allergischen reaktion|allergisch reagiert|allergischer anfall", "luft|atmen|atmet|hals|zunge|schwillt|geschwollen|notarzt|krankenwagen|hilfe|schnell|stich|gestochen|kollabiert|umgekippt").not("termin|test|mensa|kita|schule|formular|bescheinigung|pollen|impf*"),
			sigR("zuckt am ganzen korper|zuckt am ganzen koerper|krampft|krampfend|epileptischer anfall|epileptischen anfall|hat einen anfall|hat einen krampf und|schaum vor dem mund|krampfe am ganzen|kraempfe am ganzen"),
			sigR("stromschlag|stromschlage|stromschlaege|stromunfall|elektrischen schlag|elektrischer schlag|blitzschlag|vom blitz getroffen|vom strom getroffen|unter strom gestanden|an die leitung gekommen|an die stromleitung|hochspannungsleitung",
				"einen|bekommen|gekriegt|abbekommen|hat|hatte|bewusstlos|liegt|atmet|hilfe|jetzt|gerade|kind|mann|frau|arbeiter|reagiert|schnell|notarzt|krankenwagen|leitung|kabel|steckdose|getroffen|sohn|tochter|vater|mutter|er|sie").not("schutz|vermeiden|verhindern|gefahr|versicherung|prufung|pruefung|vorschrift*|sicherheit*|hinweis*|warnung|risiko|fi schalter"),
			sigR("springen|springt|runterspringen|hinunterspringen|runterzuspringen|sturzen|stuerzen|sich sturzen|sich stuerzen|sich werfen|sich runterwerfen",
				"brucke|bruecke|dach|balkon|fenster|hochhaus|gebaude|gebaeude|gleise|klippe|gelander|gelaender|sims|kante|turm|uberfuhrung|ueberfuehrung|parkhaus|fenstersims|brustung|bruestung").not("fallschirm*|bungee|trampolin|schwimmbad|sprungturm|sport|wettkampf|schatten|aufs auge|ins auge|zug|aufspringen"),
			sigR("sich umbringen|sich umzubringen|sich das leben nehmen|sich das leben zu nehmen|sich toten|sich toeten|sich was antun|sich etwas antun|sich erhangen|sich erhaengen|will nicht mehr leben|will sterben"),
			sigR("bricht/brechen/brach gerade/jetzt? in mein*/unser*/die/das/den wohnung/haus/keller/garage/laden ein|bricht/brechen gerade/jetzt? bei mir/uns ein|versucht einzubrechen|versuchen einzubrechen|will einbrechen|wollen einbrechen|einzubrechen|jemand ist in unserer wohnung|jemand ist bei mir drin|fremder mann in der wohnung|jemand ist eingedrungen|ist jemand eingedrungen|einbrecher sind eingedrungen"),
			sigR("verstecke mich|verstecken uns|habe mich versteckt|hab mich versteckt|haben uns versteckt|mich versteckt|uns versteckt", "einbrecher|jemand|mann|fremder|wohnung|haus|schrank|bad|zimmer|angst|tur|tuer|waffe|messer|schlagt|schlaegt").not("spiel|verstecken spielen|ostereier|geschenk*"),
			sigR("aufzug|fahrstuhl|lift", "stecken|stecke|steckt|sitzen|sitze|sitzt|hangen|haengen|hange|haenge|hangt|haengt|eingeschlossen|eingesperrt|feststecken|festsitzen|festgesteckt|steckengeblieben|steckenbleiben|stehen geblieben|stehengeblieben", "fest|eingeschlossen|eingesperrt|feststecken|festsitzen|steckengeblieben|festgesteckt|drin|drinnen|wir|ich|jemand|kind|oma|opa|mutter|vater|hilfe|panik|schlecht|luft").not("wartung|reparatur|tuv|kosten|vermieter|hausverwaltung|immer|oft|schon wieder|seit tagen|seit wochen|defekt gemeldet"),
			sigR("bewaffneter|bewaffnete|bewaffneten|mann/typ/jemand/kerl/person/manner/maenner mit messer/pistole/waffe/gewehr/machete/axt|mit einem/einer messer/pistole/waffe/gewehr bedroht|zieht/zog/hat/halt/haelt ein/eine/das/die messer/pistole/waffe gezogen?|richtet eine/die waffe/pistole|zielt mit"),
			sigR("explodiert|explosion|detonation|ist in die luft geflogen|in die luft gegangen|knall", "haus|wohnung|kuche|kueche|gas|gasflasche|heizung|therme|auto|strasse|laden|fabrik|verletzt*|rauch|feuer|scheiben|fenster|hilfe|gebaude|gebaeude").not("kosten|preise|bevolkerung|bevoelkerung|silvester|feuerwerk|ballon|reifen|film|spiel|letztes jahr|postfach|larm|laerm|jede nacht|nachts|musik|party|baustelle|rohr|wasserrohr"),
			sigR("dach|decke|haus|gebaude|gebaeude|mauer|wand|balkon|boden|gerust|geruest|brucke|bruecke|treppe", "eingesturzt|eingestuerzt|eingebrochen|zusammengebrochen|runtergekommen|heruntergefallen|eingestürzt", "leute|menschen|jemand*|darunter|unten|verschuttet|verschuettet|eingeklemmt|eingeschlossen|verletzt*|hilfe|kind|kinder|drin|drinnen").not("reparatur|versicherung|vermieter|entschadigung|gestern|letzte woche|letztes jahr|jahren"),
			sigR("ringt nach luft|schnappt nach luft|japst nach luft|atmet schwer|atmet ganz schwer|bekommt schlecht luft|kriegt schlecht luft|kriegt kaum luft|bekommt kaum luft|erstickt fast|rochelt|roechelt"),
			sigR("kreislaufzusammenbruch|kreislaufkollaps|zusammengesackt|zusammengeklappt|umgefallen und|ist umgefallen|liegt auf einmal|plotzlich umgefallen|ploetzlich umgefallen"),
			sigR("seinem/ihrem/meinem leben ein ende setzen/machen|abschiedsbrief|abschiedsnachricht|will sich was antun|will sich etwas antun|will sich umbringen|will sich das leben nehmen|will nicht mehr leben|will sterben"),
			sigR("schlagerei|schlaegerei|prugelei|pruegelei|kampfen|kaempfen|streiten|gehen aufeinander los|aufeinander los|stechen|messerstecherei|randale|schlagen sich", "messer|messern|machete|waffe|waffen|pistole|flaschen|baseballschlager|baseballschlaeger|eisenstangen|blut|verletzt*|klinge").not("film|serie|spiel|video|statistik*|gestern|letzte woche"),
			sigR("redet komisch|spricht komisch|spricht undeutlich|redet undeutlich|nuschelt|redet wirr|spricht wirr|verwaschen|findet keine worte|kann nicht richtig sprechen|bringt kein wort raus|lallt",
				"arm|gesicht|mund|hand|bein|schlaff|taub|hangt|haengt|ploetzlich|plotzlich|auf einmal|schwach|gelahmt|gelaehmt|schlaganfall|notarzt|hilfe|schief").not("deutsch|sprache|telefon|akzent|betrunken|mitarbeiter"),
			sigR("arm|hand|bein|gesicht|mund|mundwinkel", "schlaff|taub|schwach|hangt|haengt|gelahmt|gelaehmt|schief|lahm|kann nicht heben|kraftlos", "plotzlich|ploetzlich|auf einmal|redet|spricht|sprechen|schlaganfall|verwirrt|hilfe|notarzt|krankenwagen|112|brust|schwindel*").not("physio*|termin|bescheinigung|behinderung|zahnarzt|narkose|eingeschlafen|schlaf|antrag|formular|op|operation|seit|gebrochen|gips"),
			sigR("liegt|lag|liegen", "antwortet nicht|antwortet nicht mehr|reagiert nicht|bewegt sich nicht|spricht nicht|sagt nichts|regt sich nicht|macht nicht auf|atmet nicht|wacht nicht auf", people+"|nachbar*|jemand*|einer|alte|alter|person").not("antrag|amt|behorde|behoerde|bescheid|email|mail|brief|post|akte|stelle|buro|buero|sachbearbeiter*|vermieter|hausverwaltung|formular"),
			sigR("spurt seine/ihre/meine beine nicht|spuert seine/ihre/meine beine nicht|spurt die beine nicht|spuert die beine nicht|kann seine/ihre/die beine nicht bewegen|kein gefuhl in den beinen|kein gefuehl in den beinen|querschnitt*", "gefallen|gesturzt|gestuerzt|leiter|dach|treppe|unfall|rucken|ruecken|nacken|hals|hilfe|notarzt|krankenwagen|motorrad|kopfsprung|baum|balkon|gerust|geruest").not("sport|joggen|marathon|physio*|fitness"),
			sigR("ins eis eingebrochen|im eis eingebrochen|durchs eis gebrochen|durch das eis gebrochen|unter dem eis|unters eis|eingebrochen im eis|auf dem eis eingebrochen|eis eingebrochen"),
			sigR("auto|wagen|lkw|bus|transporter|fahrzeug|taxi", "kanal|fluss|see|wasser|hafen|rhein|bach|graben|hochwasser|donau|elbe|main", "gefahren|gesturzt|gestuerzt|gefallen|versunken|versinkt|sinkt|abgerutscht|gerollt|getrieben|abgetrieben|mitgerissen|gerast|gestürzt").not("waschanlage|parken|steuer|versicherung|fahre|fahrplan|ticket|haltestelle|linie|strafzettel"),
			sigR("gebissen|biss", "schlange|kreuzotter|viper|skorpion").not("mittel|schutz|pravention|praevention|gegengift|wo|risiko|wanderweg*|wanderung*"),
			sigR("gebissen|gestochen|biss|stich|stiche", "spinne|qualle|hornisse|hornissen|wespe|wespen|biene|bienen|petermannchen", "hals|atmet|atmen|luft|schwindel*|ohnmacht*|kollabiert|erbricht|notarzt|krankenwagen|zunge").not("mittel|schutz|pravention|muecke*|mucke*|schadlings*|nest|nester|kuchen|backer|baecker"),
			sigR("knopfbatterie|knopfbatterien|knopfzellen|spulmaschinentab*|spuelmaschinentab*|geschirrspultab*|abflussreiniger|entkalker|lampenol|lampenoel|grillanzunder|feuerzeugbenzin|nikotin*|liquid|waschmitteltab*|pods", "verschluckt|geschluckt|getrunken|gegessen|im mund|runtergeschluckt").not("entsorg*|wertstoffhof|sammelstelle|wo|kaufen"),
			sigR("will/wollte/droht/versucht runter|will/wollte/droht/versucht runterzuspringen|will/droht/versucht zu springen|springt gleich|gleich springen|steht auf dem gelander/gelaender/dach/sims|klettert uber das/aufs gelander/gelaender|uber das gelander|ueber das gelaender", "brucke|bruecke|dach|balkon|fenster|hochhaus|gebaude|gebaeude|gleise|gelander|gelaender|sims|kante|turm|parkhaus|mann|frau|jemand*|junge|madchen|maedchen").not("trampolin|bungee|fallschirm*|schwimmbad|sprungturm"),
			sigR("vom/von der/von dem? dach/leiter/gerust/geruest/baum/balkon gefallen/gesturzt/gestuerzt", "bewegt sich nicht|reagiert nicht|spurt|spuert|blut|blutet|kopf|rucken|ruecken|nacken|bewusstlos|hilfe|notarzt|krankenwagen|schnell|atmet|beine").not("versicherung|entschadigung|arbeitsunfall|gestern|letzte woche"),
			sigR("ist ganz blau|ist blau angelaufen|blau angelaufen|lauft blau an|laeuft blau an|wird blau|ist blau im gesicht|lippen sind blau|lippen lila|gesicht ist grau|grau und verschwitzt|zyanose"),
			sigR("heroin|fentanyl|kokain|crack|drogen|gespritzt|ketamin|ghb|crystal", "blau|lila|atmet nicht|atmet kaum|wacht nicht auf|reagiert nicht|bewusstlos|krampft|schaum|uberdosis|ueberdosis|rochelt|roechelt").not("pravention|praevention|beratung*|drogenberatung|statistik*|dealer|handel|viertel|anzeige|spritzenautomat|spritzen im park"),
			sigR("schmerz*|ziehen|kribbeln|taub", "linken arm|linker arm|linke arm|linken schulter|kiefer|im linken arm|in den linken arm", "schweiss|schwitzt|kalter schweiss|kaltschweissig|blass|grau|ubel|uebel|erbricht|atmet|luft|schwindel*|brust|hilfe|notarzt|krankenwagen").not("physio*|termin|bescheinigung|sport|sehne*|zerrung|frozen shoulder|monaten|wochen|rezept|uberweisung|ueberweisung"),
			sigR("kalter schweiss|kalten schweiss|kaltschweissig|schweissgebadet|klatschnass geschwitzt", "schmerz*|brust|arm|kiefer|blass|grau|schwindel*|ubel|uebel|kollabiert|atmet|luft|hilfe|notarzt|krankenwagen"),
			sigR("baby|babys|kind|kinder|kleinkind|sohn|tochter|saugling|saeugling", "eingesperrt|eingeschlossen|gefangen", "auto|wagen|im auto|im wagen|in einem auto|im fahrzeug|heissen auto"),
			sigR("baby/kind/kleinkind/saugling/saeugling im auto/wagen vergessen/zuruckgelassen/zurueckgelassen/eingesperrt"),
			sigR("hab/habe/haben mein*/unser* kleine*/sohn/tochter/kind/baby verloren|finde mein*/unser* kleine*/sohn/tochter/kind nicht mehr|mein*/unser* kleine*/kind/sohn/tochter ist weg|ist einfach weg"),
			sigR("hilfe hilfe|hilfe schnell|schnell hilfe|helft mir|helfen sie mir schnell|hilft mir jemand|kann mir jemand helfen schnell|kommen sie schnell|kommt schnell|sos|mayday|bin in gefahr|sind in gefahr|in lebensgefahr").not(paperwork),
			sigR("notfall|es ist ein notfall|das ist ein notfall|dringend", "hilfe|schnell|kommen|sterben|stirbt|blut|atmet|feuer|brennt|verletzt*|krankenwagen|notarzt|feuerwehr|polizei|gefahr").not(paperwork + "|wohnung|unterkunft|sozial|nummer|nummern|kontakte|plan|tierarzt|zahnarzt|schnee|notfallpass|notfallplan"),
		},
		human: []sigRule{
			sigR("sprechen/reden/verbinden/verbinde/verbindet/durchstellen/weiterleiten/weiterverbinden/telefonieren/chatten/kontaktieren/erreichen mit/zu/an? einem/einer/einen/dem/der/den/jemandem/einen/echten/echte/richtigen? mitarbeiter*/mensch*/person/personen/berater*/sachbearbeiter*/operator/jemand*/kundenberater*/angestellt*/beamt*|mit einem/einer/jemandem mitarbeiter*/menschen/person/berater*/sachbearbeiter*? sprechen/reden/verbinden/verbunden/telefonieren/chatten|mit jemandem sprechen/reden|verbinden/verbindet/verbinde/stellen/stellt/leiten/leitet sie/du? mich/uns mit/zu/an? einem/einer/dem/der/den/einen? mitarbeiter*/mensch*/person/berater*/sachbearbeiter*/operator/jemand*/kundenberater*/angestellt*/beamt*").not(sigSocialWorker),
			sigR("ich will/mochte/moechte/hatte/haette/brauche/wurde/wuerde einen/eine/mit? mitarbeiter*/menschen/mensch/person/berater*/sachbearbeiter*/operator|echte person|echten menschen|echter mensch|richtigen menschen|menschlichen mitarbeiter|kein bot|kein roboter|keine maschine|nicht mit dem bot|nicht mit einem bot|nicht mit einer maschine|bot ist nutzlos").not("juristische|naturliche person|natuerliche person|rechte").not(sigSocialWorker),
			sigR("mitarbeiter|mensch|operator|berater|sachbearbeiter|einen mitarbeiter|einen menschen|mitarbeiter bitte|mensch bitte").short(3).not(sigNotAPersonRequest).not(sigSocialWorker),
		},
		personal: []sigRule{
			sigR("mein/meine/meinen/meinem/meiner/meines/unser/unsere/unseren/unserem/unserer/unseres antrag*/akte/vorgang/vorgangs/ausweis*/personalausweis*/aufenthaltstitel*/aufenthaltserlaubnis/pass/passes/reisepass*/bescheid*/anmeldung/erstattung/anfrage/bescheinigung/dokument*/unterlagen/karte/fall/fall*/verfahren*/genehmigung*/widerspruch*|stand meines/unseres/des antrag*/vorgang*/verfahren*",
				"stand|status|noch nicht|immer noch nicht|immer noch kein*|immer noch in|warte immer noch|warte seit|warten seit|noch keine|keine antwort|keine ruckmeldung|keine rueckmeldung|keine nachricht|nichts gehort|nichts gehoert|wird bearbeitet|bearbeitet|bearbeitung|nicht erhalten|nicht bekommen|nie erhalten|nie bekommen|nicht angekommen|noch nicht angekommen|genehmigt|abgelehnt|bewilligt|hangt|haengt|was ist mit|wo ist|wo bleibt|wie weit|passiert|verzogert|verzoegert|fertig|liegt noch|liegt seit|seit wochen|seit monaten|seit tagen").not(sigBills),
			sigR("noch nicht erhalten|noch nicht bekommen|noch nicht angekommen|noch immer nicht erhalten|noch immer nicht bekommen|immer noch nicht erhalten|immer noch nicht bekommen|immer noch nicht da|nie erhalten|nie bekommen|nicht erhalten|nicht bekommen|nicht angekommen", sigCaseDe).not(sigBills),
			sigR("warte schon seit|warten schon seit|warte seit|warten seit|warte immer noch|warten immer noch", "wochen|monaten|monat|tagen|antwort|antrag|bescheid|ausweis|aufenthaltstitel|entscheidung|ruckmeldung|rueckmeldung|mein*"),
			sigR("antrag*|anfrage", "gestellt|eingereicht|abgegeben|abgeschickt|beantragt", "keine antwort|keine ruckmeldung|keine rueckmeldung|noch nicht|nichts gehort|nichts gehoert|bis heute|immer noch|seit wochen|seit monaten|nachschauen|nachsehen|stand|status"),
			sigR("wie ist der stand|wie weit ist mein*|was ist mit meinem|was ist mit meiner|was ist aus meinem|was ist aus meiner|wo bleibt mein*|stand meines|stand meiner|status meines|status meiner|habe noch keine antwort|noch keine antwort|noch keine ruckmeldung|noch keine rueckmeldung|warte seit wochen|warte seit monaten|aktenzeichen|vorgangsnummer|antragsnummer|geschaftszeichen|geschaeftszeichen|bearbeitungsnummer|kundennummer|referenznummer|mein zeichen|ihr zeichen"),
			sigR("ich habe/hab/haben beantragt|ich habe/hab einen antrag gestellt|antrag gestellt|antrag eingereicht|habe eingereicht|habe abgeschickt|habe geschickt",
				"vor wochen|vor monaten|vor tagen|seit wochen|seit monaten|immer noch|noch nicht|nichts|keine antwort|keine ruckmeldung|keine rueckmeldung|status|stand|warte"),
		},
		fileStrong:       "aktenzeichen|vorgang|vorgangsnummer|akte|geschaftszeichen|geschaeftszeichen|referenz|ticket|az|protokoll|antragsnummer",
		fileWeak:         "antrag|antrags|anfrage|fall|bescheid|id|kundennummer",
		numberMarks:      "nr|nummer|no|id|n",
		numberNotAFileNo: "euro|eur|kostet|kosten|preis|gebuhr|gebuehr|zahlen|tage|tagen|wochen|monate|monaten|jahre|jahren|stunden|minuten|telefon|tel|handy|fax|personen|seiten|mal",
	}
}

// sigArabic is written without the article and the attached prepositions,
// which matching strips from the message (see sigArabicVariants); suffixes
// are covered with stems. Colloquial Levantine, Egyptian and Maghrebi forms
// are included because that is how people type in a hurry.
func sigArabic() sigLexicon {
	people := "طفل*|ابني|ابنتي|بنتي|ولدي|ابن*|بنت*|زوجي|زوجتي|امي|ابي|اخي|اختي|جدي|جدتي|رجل|امراه|شخص|مريض|صديقي|صديقتي|جاري"
	fireVeto := "شهاده|سلامه|وقايه|قواعد|انظمه|نظام|ترخيص|تصريح|تامين|طفايه|تدريب|دوره|سجائر|تدخين|شواء|العاب ناريه|مفرقعات|ممنوع|حظر|مخاطر|خريطه|احصاء*|تعويض|اضرار"
	call := "اتصلوا/اتصل/اتصلي/اطلبوا/اطلب/اطلبي/ارسلوا/ارسل/ابعتوا/ابعت/نحتاج/احتاج/محتاج/بدنا/بدي/نريد/اريد/هاتوا/جيبوا/كلموا/كلم/نادوا/نادي"
	paperwork := "استماره|نموذج|ملء|تعبئه|ملف|طلب|ضريبه|ضرائب|رسوم|دفع|موقع|تطبيق|كلمه السر|حساب|موعد|شهاده|بطاقه|تصريح|اقامه|سوال|افهم|ترجمه|معلومات|تامين|مقصف|مدرسه|نفايات|قمامه|تسجيل|وثيقه|وثائق|اوراق"
	return sigLexicon{
		lang: "ar",
		emergency: []sigRule{
			sigR("حريق في|يوجد حريق|في حريق|فيه حريق|شب حريق|اندلع حريق|النار في|البيت يحترق|الشقه تحترق|تحترق|يحترق|يحترقون|احترق|احترقت|اشتعلت النار|اشتعلت|اشتعل|يشتعل|تشتعل|مشتعل*|دخان كثيف|دخان كثير|الدخان في كل مكان|ريحه حريق|رائحه حريق|رائحه احتراق|ولعت|مولعه|ولعانه|شعلت|نار نار"),
			sigR("حريق*|نار|النار|دخان|لهب|حرائق", "بيت*|منزل*|شقه|شقتي|شقتنا|مبني|عماره|مطبخ|غرفه|درج|سلم|طابق|سياره|محل|ساعدوني|ساعدونا|النجده|الحقوني|انقذوني|الان|هلا|بسرعه|يوجد|هناك|في|فيه|محاصر*|محبوس*|عالق*|كبير|اطفاء|اطفائيه|دفاع مدني|مطافي|جيران*|ينتشر|تنتشر").not(fireVeto),
			sigR("حريق|نار|دخان|حريق حريق").short(2),
			sigR("فاقد الوعي|فاقده الوعي|فقد الوعي|فقدت الوعي|فاقد للوعي|غائب عن الوعي|مغمي عليه|مغمي عليها|اغمي عليه|اغمي عليها|اغماء|لا يتنفس|لا تتنفس|ما يتنفس|ما تتنفس|مش بيتنفس|مش بتتنفس|ما عم يتنفس|توقف عن التنفس|توقفت عن التنفس|لا استطيع التنفس|لا اقدر اتنفس|مش قادر اتنفس|ما اقدر اتنفس|صعوبه في التنفس|ضيق تنفس شديد|نوبه قلبيه|ازمه قلبيه|سكته قلبيه|جلطه|سكته دماغيه|توقف القلب|ينزف|تنزف|نزيف|ينزف بشده|دم كثير|الدم في كل مكان|جرعه زائده|جرعه مفرطه|اخذ حبوب كثيره|بلع حبوب|حبوب كثيره|تسمم|مسموم|يختنق|تختنق|اختناق|تشنج*|نوبه صرع|يحتضر|تحتضر|يموت الان|تموت الان|راح يموت|راح تموت|سوف يموت|سيموت|ستموت|انه يموت|انها تموت|شخص يموت|احد يموت|عم يموت|الم في الصدر|الم شديد في الصدر|وجع في الصدر|لا يستطيع الكلام|لا تستطيع الكلام|ما يقدر يتكلم|ما تقدر تتكلم|ما يقدر يحكي|مش قادر يتكلم|انهار|انهارت|سقط ولا يتحرك|سقطت ولا تتحرك|لا يتحرك|لا تتحرك|ما يتحرك|ما تتحرك|مصاب بجروح خطيره|اصابه خطيره|جروح خطيره|يوجد جرحي|في جرحي|جثه|ميت في"),
			sigR(call + " ب/على/عل/لل/ال? سياره? اسعاف/شرطه/بوليس/اطفاء/اطفائيه/مطافي/112/113/118/115/دكتور/طبيب/نجده|" + call + " دفاع مدني").not("بلديه|بلدي*|محلي*|مخالفه|غرامه|ضوضاء|ازعاج|شهاده|تكلفه|سعر|دفع|موعد|رقم|ارقام"),
			sigR("الم|وجع|ضغط", "صدر*|قلب*").not("موعد|اشعه|فحص|شهاده|طبيب القلب"),
			sigR("لا يتحرك|لا تتحرك|ما يتحرك|ما تتحرك|لا يرد|لا ترد|ما يرد|ما ترد|لا يستجيب|لا تستجيب|سقط|سقطت|وقع|وقعت|على الارض|مرمي", people+"|يتنفس|تتنفس|دم|راسه|راسها|ساعدوني|اسعاف").not("هاتف|تلفون|موقع|ايميل|بريد|بلديه|رساله|رسائل|تطبيق|طلب|ملف|شجره|سعر|اسعار|سقط حقه|ثلج|مطر"),
			sigR("اسعاف|سياره اسعاف|شرطه|بوليس|اطفاء|مطافي|دفاع مدني|112|118", "بسرعه|الان|حالا|فورا|ساعدوني|النجده|الحقوني|ارجوكم|عاجل|ضروري").not("بلديه|محلي*|مخالفه|غرامه|ضوضاء|ازعاج|رقم|ارقام|تكلفه|" + paperwork),
			sigR("اسعاف|سياره اسعاف|الاسعاف|الشرطه|الاطفاء").short(3).not(sigServiceInfo + "|تكلفه|بلديه|مواعيد|ساعات"),
			sigR("حادث*|اصطدام|تصادم|اصطدمت|انقلبت", "جرحي|جريح|جرحا|مصاب*|اصاب*|دم|خطير|اسعاف|ساعدوني|النجده|الان|عالق*|محاصر*|فاقد الوعي|لا يتحرك|بسرعه|نار|دخان|يحترق|ميت|موتي|قتلي").not("تقرير|تامين|نسخه|محضر|تعويض|شهاده|استماره|نموذج|عمل|الشهر الماضي|السنه الماضيه|امس|احصاء*|وقايه|استرداد"),
			sigR("دهسته|دهستها|دهس|دهسته سياره|صدمته سياره|صدمتها سياره|صدمته سيارة|خبطته سياره|خبطتها سياره"),
			sigR("يضربني|تضربني|يضربوني|يضربونني|بيضربني|بيضربوني|عم يضربني|ضربني|ضربتني|ضربوني|يعتدي علي|يعتدي عليا|اعتدي علي|اعتدى علي|يعنفني|عنف اسري|عنف منزلي|عنف زوجي|العنف الاسري|العنف المنزلي|عنف جنسي|اعتداء جنسي|اغتصاب|اغتصبني|اغتصبوني|يتحرش بي|تحرش بي|يهددني|تهددني|يهددوني|هددني|هددوني|يهددنا|تهديد بالقتل|يريد قتلي|يريد ان يقتلني|سيقتلني|سوف يقتلني|راح يقتلني|رح يقتلني|بدو يقتلني|بيقتلني|يقتلني|يقتلنا|سيقتلنا|يخنقني|خنقني|طعنه بسكين|طعنها|طعنني|طعنوني|طعنوه|طعنوها|مطعون|طعن بسكين|طعنات|اطلاق نار|اطلاق النار|رصاص|يطلق النار|اطلقوا النار|خطف*|اختطف*|مخطوف*|رهينه|رهائن|يؤذيني|يوذيني|يلاحقني|يتبعني|يطاردني|يتعقبني|يلحقني|يلاحقونني|يتبعونني|يطاردونني|ماشي ورايا|ماشي وراي").not("احصاء*|وقايه|تامين|دوره|حمله|توعيه|معلومات|جمعيه|دعم مالي"),
			sigR("شرب|شربت|بلع|بلعت|ابتلع|ابتلعت|اكل|اكلت|تناول|تناولت", "ماده تنظيف|مواد تنظيف|منظف|مبيض|كلور|كلوروكس|دواء|ادويه|حبوب|سم|مبيد|بطاريه|بطاريات|حمض|فطر").not("اين|رمي|تدوير|صيدليه"),
			sigR("يضرب|تضرب|يضربون|يضربو|ضرب|يعتدي|يعتدون|يخنق|يطعن", "امراه|امراءه|مره|رجل|طفل|اطفال|شخص|زوجته|زوجها|ولد|بنت|بنات|ولاد|عجوز|احد|حد|جارتي|جاري").not("ضرب الكره|الكره|موعد|مثل|رقم|اسعار|الشمس|ضريبه"),
			sigR("يهدد بقتل|هدد بقتل|يهددون بقتل|يريد قتل|يريد ان يقتل|سيقتل|سوف يقتل|راح يقتل|رح يقتل|بدو يقتل|بيقتل|يقتل زوجته|يقتل زوجها|قتل زوجته|يقتل ابنه|يقتل احد|قتل شخص|قتلوا"),
			sigR("سكين|سكينه|مسدس|سلاح|بندقيه|ساطور|مسلح*", "معه|لديه|عنده|يحمل|يهدد*|هددني|يوجه|يلوح|رجل|شخص|احد|ساعدوني|خائف*|خايف*|الباب|الشارع|البيت|بيت*").not("رخصه|ترخيص|صيد|حيازه|قانون|قواعد|قانوني|مسموح|شراء|متجر|مطبخ|لعبه|متحف"),
			sigR("لص|لصوص|حرامي|حراميه|سارق|متسلل|غريب", "في البيت|بالبيت|داخل|دخل|دخلوا|الان|هلا|بيت*|شقه|الشباك|النافذه|الباب|يكسر").not("بلاغ|تامين|امس|الاسبوع|نسخه|محضر"),
			sigR("انا خائف|انا خائفه|انا خايف|انا خايفه|خائف جدا|خائفه جدا|مرعوب*", "يلاحقني|يتبعني|زوجي|طليقي|رجل|شخص|غريب|الباب|يضربني|يقتلني|يهددني|يدخل"),
			sigR("انتحار*|انتحر*|اقتل نفسي|قتل نفسي|اريد ان اموت|اريد الموت|ابغى اموت|ابي اموت|بدي موت|بدي اموت|عايز اموت|عاوز اموت|انهي حياتي|انهاء حياتي|سانهي حياتي|لا اريد ان اعيش|لا اريد العيش|ما بدي عيش|مش عايز اعيش|اوذي نفسي|اذي نفسي|ارمي نفسي|اشنق نفسي|اقطع شراييني"),
			sigR("مفقود*|ضائع*|ضايع*|اختفي|اختفت|اختفوا|ضاع|ضاعت|لا اجده|لا اجدها|لم اجده|لم اجدها|مش لاقيه|مش لاقيها|ما لقيته|ما لقيتها|مخطوف*|خطف*|لم يعد|لم تعد|ما رجع|ما رجعت",
				"طفل*|ابني|ابنتي|بنتي|ولدي|ابن*|بنت*|صغير*|امي|ابي|اخي|اختي|جدي|جدتي|زوجي|زوجتي|شخص|مسن*|عجوز").not("جواز|بطاقه|وثيقه|وثائق|هويه|اوراق|شهاده|ملف|طلب|قطه|كلب|طرد|رساله|مفاتيح|محفظه|هاتف|موبايل|جوال|دراجه|سياره|نقود|فلوس|لعبه|بريد|استماره|بيانات|حقيبه|كتاب|فاتوره"),
			sigR("فقدت ابني|فقدت ابنتي|فقدت طفلي|فقدت طفلتي|طفل مفقود|طفله مفقوده|طفل ضائع|طفله ضائعه|شخص مفقود|ابني مفقود|ابنتي مفقوده"),
			sigR("غاز", "رائحه|ريحه|تسرب*|يتسرب|شم|اشم|نشم|انفجار|انفجر|يصفر|اسطوانه|جره").not("فاتوره|عداد|عقد|تعريفه|مزود|سعر|تكلفه|قراءه|اشتراك|محطه|صيانه|شهاده|دعم"),
			sigR("تسرب غاز|تسرب الغاز|رائحه غاز|رائحه الغاز|ريحه غاز|ريحه الغاز|اول اكسيد الكربون|انفجار|انفجر|انهيار|انهار المبني|انهار البيت|سقط السقف"),
			sigR("فيضان*|سيول|سيل|غرق|غرقت|الماء|المياه|مياه|ماء|النهر|نهر|انهيار ارضي", "محاصر*|عالق*|عالقين|محتجز*|ساعدوني|ساعدونا|النجده|السقف|السطح|يرتفع|ترتفع|انقذونا|انقذوني|لا نستطيع الخروج|لا استطيع الخروج|جرف*|يغرق|تغرق|ناس|اطفال|حتي الرقبه|حتي الصدر").not("تامين|تعويض|خطر|خريطه|منطقه|وقايه|تحذير|فاتوره|عداد|ضغط|جوده|حنفيه|تعريفه|اضرار|دعم|شرب|انقطاع|تسرب مياه|مسبح|سباحه|احصاء*|السنه الماضيه"),
			sigR("يغرق|تغرق|يغرقون|غريق|غرق في|سقط في الماء|سقط في النهر|سقط في البحر|وقع في الماء|وقع في النهر|وقع في البحر|تحت الانقاض|محاصر في المصعد|عالق في المصعد|عالقين في المصعد|محبوس في المصعد|نحن محاصرون|نحن عالقون|انا محاصر|انا عالق"),
			// Categories found missing by blind probing: each needs its event
			// word and a context word, so "صعق" (shocked by news), "يقفز" or
			// "حساسيه" alone stay quiet.
			sigR("ينتحر*|تنتحر*|سينتحر*|ستنتحر*|بينتحر|بتنتحر|يقتل نفسه|تقتل نفسها|قتل نفسه|قتلت نفسها|بدو يقتل حاله|يرمي نفسه|ترمي نفسها|يرمي حاله|ترمي حالها|رمى نفسه|رمي نفسه|رمت نفسها|يلقي نفسه|تلقي نفسها|القى نفسه|يشنق نفسه|تشنق نفسها|ينهي حياته|تنهي حياتها"),
			sigR("يقفز|تقفز|بيقفز|بتقفز|ينط|تنط|بينط|بتنط|يطب|سيقفز|ستقفز", "جسر|كوبري|سطح|عماره|شباك|نافذه|بلكون*|شرفه|طابق|مبني|برج|جرف|سكه|حافه").not("حبل|مظلات|رياضه|مسبح|ترامبولين"),
			sigR("صعق*|مصعوق*|ضربته|ضربتها|مسكته|مسكتها|لمس|لمست|لزق*|لقط*", "كهرب*|سلك كهرباء|الكهرباء|التيار").not("فاتوره|عداد|انقطاع|اشتراك|شركه"),
			sigR("تكهرب*|انكهرب*|اتكهرب*|كهربته|كهربتها|كهربه قويه|صعقه كهرب*|صاعقه|ضربه صاعقه|ضربه برق|ضربه البرق|صعقه البرق"),
			sigR("تحت الماء|تحت المياه|تحت المي|ما طلع|ما طلعت|لم يطلع|لم تطلع|لم يخرج|لم تخرج|ما خرج|ما خرجت|طافي|طافيه|يطفو|تطفو|غطس ولم|غطس وما", "ماء|مياه|مي|نهر|بحر|مسبح|بركه|بحيره|قناه|شاطئ|شط|موج|بانيو|بئر").not("حنفيه|عداد|فاتوره|انقطاع|تسرب|صرف|مجاري|سباكه|ماسوره"),
			sigR("سياره|سيارة|شاحنه|باص|حافله|موتور|موتوسيكل|دراجه ناريه|تاكسي|قطار|ترام|سائق|عربيه|ميكروباص", "صدمت|صدم|دهست|دهس|خبطت|خبط|ضربت|داست|داس|اصطدمت|طيرت|ضربت", "رجل|ولد|طفل|بنت|امراه|مره|شخص|عجوز|دراجه|بسكليت|ماشي|مشاه|لا يتحرك|لا تتحرك|ما يتحرك|ما تتحرك|ينزف|تنزف|دم|مصاب*|جريح|ارض|فاقد الوعي|صبي|شاب|واحد").not("تامين|تعويض|محضر|تقرير|مركونه|مصفوفه|خدش|مراه|امس"),
			sigR("لا يستيقظ|لا تستيقظ|ما يصحى|ما تصحى|ما يصحا|ما تصحا|مش بيصحى|مش بتصحى|ما عم يصحى|ما عم تصحى|ما يفيق|ما تفيق|لا يفيق|لا تفيق|ما عم يفيق|ما عم تفيق|عيونه مقلوبه|عيونها مقلوبه|بلا حراك|بدون حراك|جثه هامده|مغمى عليه|مغمى عليها"),
			sigR("ضرب راسه|ضربت راسها|انضرب على راسه|انضربت على راسها|خبط راسه|خبطت راسها|وقع على راسه|وقعت على راسها|جرح في راسه|جرح في راسها|جرح في الراس|راسه مفتوح|راسها مفتوح|راسه مفجوج|نزيف في الراس|كسر في الجمجمه|اصابه في الراس|ارتجاج"),
			sigR("صدمه تحسسيه|صدمه حساسيه|حساسيه مفرطه").not(sigAllergyPaperwork),
			sigR("صدمه تحسسيه|صدمه حساسيه|حساسيه مفرطه", sigAcute),
			sigR("تورم الحلق|تورم في الحلق|انتفاخ الحلق|انتفاخ في الحلق|حلقه منفوخ|حلقها منفوخ|حلقه متورم|حلقها متورم|لسانه منفوخ|لسانها منفوخ|لسانه متورم|لسانها متورم|انسداد الحلق|حلقه يتسكر|حلقها يتسكر|زلعومه منفوخ"),
			sigR("حساسيه|تحسس", "حلق*|زلعوم*|لسان*|تنفس|يتنفس|تتنفس|انتفاخ|منفوخ*|تورم|متورم*|اسعاف|بسرعه|نحله|دبور|لسعه|قرصه|يختنق|تختنق").not("فحص|موعد|تحليل|غبار|طلع|مدرسه|مقصف|شهاده|توعيه|محاضره|ندوه"),
			sigR("صرع|يرتجف|ترتجف|يرتعش|ترتعش|ينتفض|تنتفض|رغوه|زبد", "الان|هلا|بسرعه|ساعدوني|اسعاف|ابني|بنتي|طفل*|زوجي|زوجتي|ارض|فمه|فمها|وعي|جسمه|جسمها|كله").not("موعد|دواء|وصفه|ملف|شهاده|تقرير|برد|بردان|خوف"),
			sigR("مصعد|اسانسير|الاسانسير", "عالق*|محبوس*|محاصر*|علقنا|علقت|علق|واقف|وقف|معطل", "نحن|انا|احنا|فيه|فيها|داخل|جوا|طفل*|امي|ابي|جدي|جدتي|شخص|ناس|تعبان*|مختنق*|يختنق|تختنق|ساعدوني|بسرعه|النجده").not("صيانه|اصلاح|تصليح|دائما|كل يوم|من ايام|من اسبوع|مالك|شركه"),
			sigR("مختبئ*|مختبي*|متخبي*|مستخبي*|اختبات|اختبئ|تخبيت|استخبيت|مخبي حالي|مخبيه حالي", "حرامي|لص|رجل|شخص|احد|حد|البيت|بيت*|غرفه|حمام|خزانه|خايف*|خائف*|سلاح|سكين|دخل|دخلوا"),
			sigR("دخل البيت|دخلوا البيت|دخل بيتي|دخلوا بيتي|دخل الشقه|دخلوا الشقه|يحاول يدخل|يحاولون الدخول|يكسر الباب|يكسرون الباب|كسر الباب|كسروا الباب|يخلع الباب", "حد|احد|شخص|رجل|حرامي|لص|غريب|واحد|ناس|الان|هلا|ساعدوني|خايف*|خائف*|انا|نحن").not("امس|الاسبوع|بلاغ|تامين|محضر"),
			sigR("رجل مسلح|رجال مسلحين|شخص مسلح|مسلحين|مسلحون|مسلح بسكين|مسلح بمسدس|معه مسدس|معه سكين|معاه سكين|معاه مسدس|حامل سكين|حامل مسدس|يحمل سلاح|يحمل سكين|يحمل مسدس|شهر سكين|شهر مسدس|طلع سكين|طلع مسدس|سحب سكين|سحب مسدس|يوجه المسدس|يوجه السلاح"),
			sigR("يتنفس|تتنفس|التنفس|اتنفس|نتنفس|تنفس|تنفسه|تنفسها", "ما يقدر|ما تقدر|ما اقدر|مش قادر|مش قادره|لا يقدر|لا تقدر|لا يستطيع|لا تستطيع|ما يقدرش|ما تقدرش|مو قادر|مو قادره|صعب|بصعوبه|ضيق|مقطوع|انقطع|ما عم|مش عم|يختنق|تختنق|وقف|توقف|ما بيقدر|ما بتقدر|ماقدر|مايقدر|ماتقدر").not("تمارين|يوغا|تلوث|تمرين|تقنيات|دوره"),
			sigR("نفسه مقطوع|نفسها مقطوع|انقطع نفسه|انقطع نفسها|ضيق نفس|ضيق في النفس|يلهث|تلهث|صار ازرق|صارت زرقاء|ازرق وجهه|ازرقت شفايفه|شفايفه زرق|شفايفها زرق"),
			sigR("انفجر|انفجرت|انفجار|تفجير|دوي", "عماره|مبني|بيت|شقه|مطبخ|غاز|جره|اسطوانه|سخان|سياره|شارع|محل|مصنع|جرحي|مصاب*|دخان|نار|زجاج|ساعدوني|قوي|كبير").not("ضحك|بكاء|غضب|اسعار|سكان|العاب ناريه|مفرقعات|بالون|اطار|فيلم|لعبه"),
			sigR("سقف|السقف|مبني|بيت|عماره|جدار|حائط|بلكونه|شرفه|سقاله|جسر|درج", "انهار|انهارت|سقط|سقطت|وقع|وقعت|طاح|طاحت|انهدم|انهدمت", "ناس|حد|احد|شخص|اشخاص|تحت|عالق*|محاصر*|مدفون*|جرحي|مصاب*|ساعدوني|النجده|طفل*|جوا|داخل").not("تصليح|اصلاح|تامين|مالك|تعويض|امس|الاسبوع الماضي|السنه الماضيه"),
			sigR("تعبان كثير|تعبانه كثير|دايخ|دايخه|دوخه|وقع فجاه|وقعت فجاه|طاح فجاه|طاحت فجاه|سقط فجاه|سقطت فجاه|وجهه اصفر|وجهها اصفر", "ارض|يتنفس|تتنفس|ما يرد|ما ترد|لا يرد|لا ترد|ساعدوني|اسعاف|بسرعه|صدر*|قلب*|وعي|مغمي|عرق").not("موعد|شهاده|اجازه|عمل"),
			sigR("يتضاربون|يتضاربوا|يتقاتلون|يتقاتلوا|يتهاوشون|يتهاوشو|مضاربه|مشاجره|خناقه|طوشه|عركه|يتعاركون|يتخانقون", "سكين|سكاكين|سكاكين|موس|امواس|ساطور|سواطير|سلاح|اسلحه|مسدس|عصي|عصا|قزاز|زجاج|دم|جرحي|مصاب*").not("فيلم|مسلسل|لعبه|فيديو|امس|الاسبوع الماضي"),
			sigR("طعنوا|طعنو|انطعن|انطعنت|مطعون|مطعونه|طعنه سكين|طعنات", "شاب|رجل|ولد|امراه|بنت|شخص|واحد|حد|احد|سكين|موس|دم|ينزف|تنزف|قدام|باب|شارع|الان|هلا|اسعاف|ساعدوني").not("قرار|حكم|محكمه|استئناف|نتيجه|انتخابات|طعن في"),
			sigR("كلامه|كلامها|لسانه|لسانها|حكيه|حكيها|يتلعثم|تتلعثم|يخربط|تخربط|يهلوس", "مو واضح|مش واضح|غير واضح|مش مفهوم|مو مفهوم|غير مفهوم|ثقيل|تقيل|مخربط|متلخبط|فجاه|ايده|ايدها|يده|يدها|ذراعه|ذراعها|وجهه|وجهها|ضعيف*|مايل*|جلطه|تنميل|منمل*").not("عربي|لغه|لهجه|هاتف|تلفون|موظف|ترجمه"),
			sigR("ايده|ايدها|يده|يدها|ذراعه|ذراعها|دراعه|دراعها|رجله|رجلها|وجهه|وجهها|فمه|فمها|نص جسمه|نص جسمها", "ضعيف*|مرتخي*|مايل*|منمل*|تنميل|مشلول*|ما يحركها|ما تحركها|ما يقدر يرفع|ما تقدر ترفع|واقعه|طايحه|تدلدل|مخدر*", "فجاه|كلامه|كلامها|يحكي|تحكي|يتكلم|تتكلم|جلطه|سكته|ساعدوني|اسعاف|بسرعه|دوخه|دايخ*|صدر*").not("علاج طبيعي|موعد|شهاده|اعاقه|اسنان|بنج|تخدير"),
			sigR("ما يحس برجليه|ما تحس برجليها|ما يحس بريجليه|لا يشعر برجليه|لا تشعر برجليها|لا يحس برجليه|ما يقدر يحرك رجليه|ما تقدر تحرك رجليها|ما يحرك رجليه|ما تحرك رجليها|مشلول|مشلوله"),
			sigR("طاح|طاحت|وقع|وقعت|سقط|سقطت|نط|غطس", "بركه|مسبح|بحر|نهر|بحيره|قناه|ترعه|بير|بئر|ماء|مي|مياه|سيل|وادي|جليد|ثلج", people+"|حد|احد|واحد|ولد|بنت|طفل*|شاب|رجل|امراه|سياره|ناس|صبي|بنيه|اخوي|ابوي").not("تلفون|هاتف|جوال|موبايل|مفتاح|محفظه|فاتوره|اسعار|سعر"),
			sigR("تحت الجليد|وقع في الجليد|وقعت في الجليد|سقط في الجليد|سقطت في الجليد|طاح في الجليد"),
			sigR("سياره|سيارة|باص|شاحنه|حافله|تاكسي|عربيه", "قناه|نهر|بحر|ماء|مي|بحيره|ترعه|وادي|سيل|مياه", "وقعت|سقطت|غرقت|تغرق|طاحت|انجرفت|جرفها|جرفتها|فيها ناس|داخلها|فيها|دخلت").not("غسيل|موقف|ضريبه|تامين|عباره|قارب|مخالفه|مواعيد|تذكره|خط|محطه"),
			sigR("عضه|عضته|عضتها|لدغه|لدغته|لدغتها|لدغ", "حيه|افعي|ثعبان|عقرب").not("وقايه|مصل|اين|خطر"),
			sigR("عضه|عضته|عضتها|لدغه|لدغته|لدغتها|قرصته|قرصتها|لسعته|لسعتها|لسعه", "عنكبوت|قنديل|دبور|دبابير|نحل|نحله", "حلق*|يتنفس|تتنفس|تنفس|دوخه|اغمي|يستفرغ|تستفرغ|اسعاف|لسان*").not("وقايه|مبيد|بعوض|رش|عش"),
			sigR("بلع|بلعت|ابتلع|ابتلعت|شرب|شربت|اكل|اكلت", "بطاريه صغيره|بطاريه زر|بطاريه ساعه|مغناطيس|دبوس|قطعه نقود|عمله|سائل سيجاره|نيكوتين|مبيد|بنزين|كاز|سبيرتو|ديتول|فلاش").not("اين|رمي|تدوير|صيدليه"),
			sigR("صار ازرق|صارت زرقاء|صار لونه ازرق|صار لونها ازرق|وجهه ازرق|وجهها ازرق|شفايفه زرقاء|شفايفها زرقاء|ازرق لونه|لونه ازرق|مزرق|مزرقه|ازرقاق"),
			sigR("هيروين|فنتانيل|كوكايين|مخدرات|مخدر|حقن نفسه|حشيش|كريستال", "ازرق|زرقاء|ما يتنفس|لا يتنفس|ما يصحى|لا يستيقظ|فاقد الوعي|مغمي|تشنج*|رغوه|جرعه|ما يرد").not("وقايه|مركز|جمعيه|احصاء*|تاجر|تجاره|حي|بلاغ"),
			sigR("وجع|الم|تنميل|ثقل|يوجعه|توجعه", "ايده اليسار|ايده اليسرى|يده اليسري|يده اليسار|ذراعه اليسري|ذراعه اليسار|كتفه اليسار|فكه|الذراع الايسر|اليد اليسري|اليد اليسار", "عرق*|عرقان|عرقانه|بارد|اصفر|شاحب|غثيان|يستفرغ|تنفس|يتنفس|دوخه|دايخ|صدر*|ساعدوني|اسعاف").not("علاج طبيعي|موعد|شهاده|رياضه|اشهر|شهور|اسابيع|وصفه"),
			sigR("عرق بارد|عرقان كثير|عرقانه كثير|يتصبب عرقا|غرقان عرق", "وجع|الم|صدر*|ايد*|يد*|ذراع*|اصفر|شاحب|دوخه|دايخ*|غثيان|تعبان*|اسعاف|ساعدوني"),
			sigR("طفل*|رضيع*|بيبي|ولد|بنت|ابني|بنتي", "محبوس*|مقفول عليه|مقفول عليها|مسكر عليه|مسكر عليها|نسيوه|نسيوها|عالق*", "سياره|سيارة|السياره|عربيه|الباص"),
			sigR("محاصر*|عالق*|محبوس*|محبوسين|عالقين", "ميه|المية|مي|الماء|مياه|سيل|فيضان*", "تطلع|عم تطلع|طالعه|يطلع|ترتفع|يرتفع|زايده|تزيد|غرق*|يغرق|نغرق").not("فاتوره|عداد|انقطاع|حنفيه"),
			sigR("النجده|انجدوني|الحقوني|الحقونا|انقذوني|انقذونا|ساعدوني بسرعه|ساعدونا بسرعه|بسرعه ساعدوني|الحقوا|يا ناس|حد يساعدني|احد يساعدني|انا في خطر|نحن في خطر|حياتي في خطر|خطر الموت").not(paperwork),
			sigR("طوارئ|طواري|حاله طارئه|حاله طوارئ|عاجل|مستعجل", "ساعدوني|بسرعه|يموت|تموت|دم|يتنفس|تتنفس|نار|حريق|جرحي|مصاب|اسعاف|اطفاء|شرطه|خطر").not(paperwork + "|سكن|ايواء|اجتماعي*|رقم|ارقام|خطه|بيطري|اسنان"),
		},
		human: []sigRule{
			sigR("اتحدث|التحدث|احدث|اكلم|تكلم|اتكلم|التكلم|احكي|احچي|الحديث|التواصل|اتواصل|حولني|حولوني|تحويلي|وصلني|وصلوني|اوصلني|كلموني|محادثه|نهضر|نهدر|نتكلم|نتحدث|هضر|نحكي", "موظف*|شخص|انسان|بشري|بشر|عامل|مسوول*|عميل|احد|حد|ادمي|بنادم|حقيقي|خدمه العملاء|الدعم").not(sigSocialWorker),
			sigR("اريد موظف*|اريد شخص|اريد انسان|بدي موظف*|بدي حد|ابغى موظف*|ابي موظف*|عايز موظف*|عاوز موظف*|موظف حقيقي|شخص حقيقي|انسان حقيقي|انسان حقيقى|بشري|ليس روبوت|مش روبوت|لست روبوت|ماشي روبوت|بلا روبوت|ماشي ماكينه|لا اريد روبوت|لا اريد التحدث مع روبوت|مش عايز روبوت|خدمه العملاء").not(sigSocialWorker),
			sigR("موظف|موظفه|انسان|شخص|موظف من فضلك|موظف لو سمحت|انسان من فضلك|ممثل خدمه العملاء").short(3).not(sigNotAPersonRequest).not(sigSocialWorker),
		},
		personal: []sigRule{
			sigR("طلبي|طلبنا|ملفي|ملفنا|معاملتي|معاملتنا|بطاقتي|اقامتي|تصريح اقامتي|جوازي|جواز سفري|تصريحي|شهادتي|استمارتي|قضيتي|وثيقتي|وثائقي|اوراقي|تسجيلي|طلبيتي|بطاقه هويتي|هويتي|كرتي|دوسيه*|الملف الخاص بي|الطلب الخاص بي",
				"ماذا حدث|ما الذي حدث|شو صار|ايش صار|ايه اللي حصل|وين وصل|اين وصل|الي اين وصل|الى اين وصل|وضع|حاله|اين|وين|لم يصل|لم تصل|لم اتلق|لم اتلقي|لم استلم|ما استلمت|ما وصل|ما وصلت|ما وصلني|لسه|لا يزال|لا تزال|ما زال|ما زالت|مازال|مازالت|قيد|انتظار|انتظر|متاخر*|تاخر|تاخرت|رفض|رفضت|مرفوض|قبول|قبل|موافقه|جاهز|جاهزه|مصير|عالق*|متوقف*|بدون رد|لا رد|لم يردوا|ما ردوا|اخبار|جديد").not(sigBills),
			sigR("لم استلم|لم اتلق|لم اتلقى|لم اتلقي|ما استلمت|ما وصلني|ما وصلتني|لم يصلني|لم تصلني|لم يصل|لم تصل|لسه ما وصل|لسه ما وصلت|مازلت لم|ما زلت لم", sigCaseAr).not(sigBills),
			sigR("لا زلت انتظر|لازلت انتظر|ما زلت انتظر|مازلت انتظر|انتظر منذ|ننتظر منذ|عم انتظر", "شهر|اشهر|شهور|اسابيع|اسبوع|ايام|رد|طلب*|ملف*|بطاقه*|اقامه*|جواز*|معامله*|قرار"),
			sigR("ماذا حدث لطلبي|ماذا حدث لملفي|ما مصير طلبي|ما مصير ملفي|اين وصل طلبي|اين وصل ملفي|وين وصل طلبي|وين وصلت معاملتي|حاله طلبي|حاله ملفي|وضع طلبي|وضع ملفي|رقم الملف|رقم ملفي|رقم الطلب|رقم طلبي|رقم المعامله|رقم معاملتي|رقم المرجع|الرقم المرجعي|رقم البروتوكول|رقم القضيه"),
			sigR("قدمت|قدمنا|ارسلت|ارسلنا|سجلت|طلبت", "طلب*|ملف*|اوراق*|استماره*|معامله*|وثائق|مساعده", "منذ|من شهر|من اسابيع|اشهر|شهور|شهر|اسابيع|اسبوع|ايام|لا رد|بدون رد|لم يردوا|لم استلم|حتي الان|لحد الان|لسه|ما زال|مازال|لا يزال|اين وصل|ماذا حدث|لا شيء|لا جديد|تقبل|تقبلت|قبل|قبلت|رفض|رفضت|واش|هل تم|مقبول|مرفوض"),
		},
		fileStrong:       "ملف*|معامله*|مرجع*|قضيه|بروتوكول|رقم الملف|رقم الطلب",
		fileWeak:         "طلب*|استماره*|شكوي*|تسجيل",
		numberMarks:      "رقم|رقمه|رقمها|رقم ال",
		numberNotAFileNo: "يورو|دولار|تكلفه|سعر|رسوم|ايام|يوم|شهر|اشهر|شهور|سنه|سنوات|ساعه|ساعات|دقيقه|دقائق|هاتف|جوال|تلفون|موبايل|اشخاص|صفحات|مرات",
	}
}

func sigRomanian() sigLexicon {
	people := "copil*|fiul|fiica|fata|baiat*|bebelus*|sotul|sotia|sot|sotie|mama|tata|bunic*|frate*|sora|sor*|prieten*|vecin*|barbat*|femeie|femeia|domn*|doamna|batran*|persoana|pacient*|partener*"
	fireVeto := "aviz|autorizati*|certificat*|prevenire|reguli|regula|norme|normativ*|securitate la incendiu|siguranta la incendiu|asigurare|polita|stingator*|exercitiu|simulare|detector*|tigar*|fumat|fumatori|gratar|semineu|artificii|arderea|ardere|miristi|interzis*|interdicti*|risc|harta|statistic*|curs|instruire|daune|despagubir*|concediat|concediere"
	call := "chemati/cheama/chema/chemam/sunati/suna/sun/trimiteti/trimite/aduceti la/pe/o/un/imediat/repede/urgent?"
	paperwork := "formular|completez|completare|dosar|cerere|impozit*|taxa|taxe|plata|site|aplicati*|parola|cont|programare|certificat|card|buletin|permis|intrebare|inteleg|traduc*|informati*|asigurare|cantina|scoala|gunoi|deseuri|inscriere|document*|acte"
	return sigLexicon{
		lang: "ro",
		emergency: []sigRule{
			sigR("ia foc|a luat foc|au luat foc|luat foc|in flacari|arde casa|arde blocul|arde apartamentul|arde bucataria|arde masina|arde cladirea|arde totul|arde tot|e foc|este foc|e un incendiu|este un incendiu|a izbucnit un incendiu|a izbucnit incendiu|incendiu in bloc|incendiu in casa|incendiu in apartament|incendiu la|foc in casa|foc in bloc|foc in apartament|foc la|miroase a ars|miros de ars|miroase a fum|plin de fum|fum peste tot|fum gros|fum negru|foc foc"),
			sigR("foc|incendiu|incendiul|flacari|fum|fumul|arde|ard",
				"casa|bloc*|apartament*|cladire*|bucatari*|camera|scara|etaj*|garaj|pivnita|subsol|acoperis|magazin|masina|ajutor|ajutati*|repede|urgent|acum|pompieri*|blocat*|prins*|peste tot|vecin*|mult|iese|se extinde|se intinde|mare|veniti").not(fireVeto),
			sigR("foc|incendiu|fum|flacari").short(2),
			sigR("inconstient*|inconstienta|in stare de inconstienta|nu respira|nu mai respira|nu poate respira|nu pot respira|nu pot sa respir|nu mai poate respira|nu mai pot respira|respira greu|a lesinat|lesinat*|lesina|lesin|si a pierdut cunostinta|a pierdut cunostinta|pierdut cunostinta|fara cunostinta|infarct|atac de cord|atac cardiac|stop cardiac|atac cerebral|avc|=accident vascular|hemoragie|sangereaza tare|sangereaza mult|sangereaza puternic|pierde mult sange|mult sange|sange peste tot|supradoza|supradoza|prea multe pastile|prea multe medicamente|prea multe tablete|otravit*|intoxicat*|se sufoca|sufoca*|se ineaca|se inneaca|convulsi*|criza de epilepsie|criza epileptica|muribund*|pe moarte|va muri|o sa moara|sta sa moara|durere in piept|dureri in piept|durere puternica in piept|s a prabusit|s a prabusit la pamant|prabusit*|nu se trezeste|nu se mai trezeste|ranit grav|raniti grav|grav ranit*|sunt raniti|este un ranit|e un ranit|in pericol de moarte|un mort|un cadavru|se invineteste|buze vinete"),
			sigR("nu mai poate vorbi|nu poate vorbi|gura stramba|fata stramba|vorbeste ciudat|nu isi mai misca mana|nu isi poate misca bratul|paralizat* pe o parte").not("bine|italiano|italian|italien|italienisch|italiana|italisht|inglese|english|anglais|ingles|englisch|engleza|anglisht|francese|french|francais|frances|franzosisch|franceza|spagnolo|spanish|espagnol|espanol|spanisch|tedesco|german|allemand|aleman|deutsch|germana|arabo|arabic|arabe|arabisch|araba|romeno|romanian|roumain|rumano|rumanisch|romana|albanese|albanian|albanais|albanes|albanisch|albaneza|shqip|cinese|chinese|chinois|chino|chinesisch|chineza|kinezisht|lingua|lingue|language|languages|langue|idioma|sprache|limba|gjuhe|fluently|telefono|telephone|phone|telefon"),
			sigR("durere|dureri|apasare|junghi", "piept|inima").not("programare|radiografie|mamografie|certificat|cardiolog|consultatie"),
			sigR("moare|mor|murim").not("de ras|de foame|de frig|de cald|de sete|de plictiseala|de dor|de curiozitate|deces|certificat*|succesiune|mostenire|inmormantare"),
			sigR("sangereaza|sangerare|sange", "mult|tare|puternic|nu se opreste|nu se mai opreste|peste tot|cap|ajutor|repede|ambulanta|rana").not("donare|donez|donatori|analize|recoltare|grupa sanguina|nas"),
			sigR("nu se misca|nu raspunde|nu reactioneaza|pe jos|la pamant|a cazut|cazut", people+"|respira|sange|cap|inconstient|ajutor|ambulanta|=salvare").not("site|aplicati*|mail|email|telefon|primari*|serviciu|mesaj*|portal|server|dosar|cerere|copac|craca|indicator|zid|frunze|pret*|sistem|sistemul|zapada"),
			sigR(call + " =ambulanta/=salvarea/=salvare/smurd/=politia/=politie/pompierii/pompieri/112/medic/doctor|am/avem nevoie de =ambulanta/=salvare/=politie/pompieri/smurd").not("locala|comunitara|amenda|parcare|reclamatie|cazier|pierdut|furt de|medic de familie|costa|cost|pret|zgomot|muzica"),
			sigR("=ambulanta|=salvarea|smurd|=politia|=politie|pompierii|pompieri|112", "repede|urgent|acum|imediat|ajutor|ajutati*|va rog|veniti").not("locala|comunitara|amenda|cazier|zgomot|" + paperwork),
			sigR("=ambulanta|=salvarea|smurd|=politia|pompierii").short(3).not(sigServiceInfo + "|locala|telefon|cost"),
			sigR("=accident|accidentul|coliziune|ciocnire|s au ciocnit|s a rasturnat|rasturnat*", "raniti|ranit*|sange|grav|grave|morti|mort|moarta|ambulanta|ajutor|blocat*|prins*|inconstient|nu se misca|repede|acum|chiar acum|fum|foc|pompieri|=salvare|smurd").not("raport|copie|asigurare|proces verbal|constatare|despagubir*|certificat|formular|document*|cerere|obtin|munca|=accident de munca|saptamana trecuta|luna trecuta|anul trecut|ieri|statistic*|prevenire|rambursare|vascular"),
			sigR("lovit de masina|lovita de masina|lovit de o masina|lovita de o masina|calcat de masina|calcata de masina|calcat de o masina|calcata de o masina|accidentat de|accidentata de|lovit de un camion|lovit de autobuz"),
			sigR("ma bate|ma bat|ma loveste|ma lovesc|m a batut|m au batut|m a lovit|m au lovit|ma snopeste|ma bate sotul|ma loveste sotul|violenta domestica|violenta in familie|violente domestice|violenta sexuala|agresiune sexuala|viol|violat*|m a violat|ma ameninta|maameninta|m a amenintat|m au amenintat|ameninta cu moartea|amenintari cu moartea|ameninta ca ma omoara|ma omoara|vrea sa ma omoare|o sa ma omoare|ma va omori|vor sa ma omoare|ne omoara|vrea sa ne omoare|injunghiat*|a injunghiat|impuscat*|impuscaturi|trage cu arma|trag cu arma|a tras cu|focuri de arma|=agresat*|m a atacat|m au atacat|ma ataca|ma ataca cineva|agresiune|ma strange de gat|ma sugruma|sugrumat*|rapit*|rapire|ostatic*|ma raneste|imi face rau").not("statistic*|prevenire|asigurare|curs|campanie|informati*|asociati*|subventi*|ieri|anul trecut|instanta|decizi*|hotarar*|contestati*"),
			sigR("a baut|a inghitit|a mancat|a luat|au baut|au inghitit", "inalbitor|clor|detergent|detergenti|pastile|medicamente|otrava|otravit|baterie|baterii|acid|soda caustica|ciuperci|antigel|solutie de curatat|solutie de curatare").not("reciclare|arunc|unde|colectare|farmacie de garda"),
			sigR("bate|bat|loveste|lovesc|snopeste|sugruma|injunghie|ataca|agreseaza", "femeie|femeia|barbat|barbatul|copil|copilul|cineva|fata|baiat|sotia|sotul|persoana|batran|batrana|copii|o femeie|un barbat|un copil").not("vantul|soarele|inima|ceasul|toba|recordul|mingea|usa|pretul|preturile|ouale"),
			sigR("omoare|omoara|omor|omori|ucide|ucid", "ameninta*|vrea|vor|sotia|sotul|copil*|fata|baiat|vecin*|cutit|arma|pistol|zice ca|a zis ca").not("timpul|tantari|gandaci|sobolani|soareci|insecte|buruieni|microbi|bacterii|gluma"),
			sigR("cutit|cutitul|pistol|pistolul|arma|arme|pusca|macet*|topor|inarmat*", "are|are un|are o|cu|ameninta*|scos|indreptat|tine|flutura|barbat|tip|cineva|ajutor|frica|afara|usa|strada|casa").not("permis|port arma|vanatoare|detinere|colectie|lege|reguli|legal|permis de port|cumpar|magazin|bucatarie|jucarie|muzeu"),
			sigR("ma urmareste|ma urmaresc|ma urmareste cineva|sunt urmarit*|ma urmareste un|ma pandeste|ma hartuieste|ma haituieste|ma persecuta").not("dosar|avocat|medic|asistent*|instagram|facebook|tiktok|retele|cont|pagina|canal|consilier"),
			sigR("mi e frica|mi este frica|imi e frica|sunt speriat*|sunt ingrozit*|mi e teama|mi este teama", "urmareste|sotul|sot|partener|fostul|barbat|tip|strain|afara|usa|bate|loveste|omoare|ameninta*|intre|hot*"),
			sigR("hoti|hotul|hot|hotii|spargator*|intrus*|necunoscut*", "in casa|casa|inauntru|au intrat|a intrat|intra|acum|apartament|sparg usa|sparge usa|fereastra|usa|sunt aici|e aici|inca aici").not("reclamatie|plangere|asigurare|ieri|saptamana|copie|rambursare"),
			sigR("ma jefuieste|ne jefuieste|ma jefuiesc|ne jefuiesc|jaf in desfasurare|jaf|sunt jefuit*|a intrat cineva in casa|e cineva in casa|este cineva in casa|cineva in casa mea|au intrat in casa").not("reclamatie|plangere|asigurare|ieri|saptamana trecuta|copie"),
			sigR("sinucid*|sinucidere|ma sinucid|sa ma sinucid|sa ma omor|ma omor|vreau sa mor|as vrea sa mor|nu mai vreau sa traiesc|nu vreau sa mai traiesc|imi iau viata|sa imi iau viata|sa mi iau viata|sa imi pun capat zilelor|imi pun capat zilelor|sa ma arunc|ma arunc de pe|ma arunc in|sa imi fac rau|sa mi fac rau|ma spanzur|sa ma spanzur|imi tai venele"),
			sigR("=disparut*|a disparut|au disparut|nu il gasesc|nu o gasesc|nu ii gasesc|nu il mai gasesc|nu o mai gasesc|nu mai gasesc|s a pierdut|s au pierdut|e pierdut*|este pierdut*|rapit*|nu s a intors|nu s a mai intors|nu a venit acasa|nu a mai venit acasa|nu a ajuns acasa",
				"copil*|fiul|fiica|fetit*|baiat*|bebelus*|mama|tata|bunic*|frate*|sora|sotul|sotia|batran*|persoana|alzheimer|dementa|adolescent*").not("card|buletin|document*|acte|pasaport*|permis|dosar|caine|pisica|colet|posta|scrisoare|chei|portofel|telefon|bicicleta|masina|bani|jucari*|mail|email|formular|date|ghiozdan|carte|carti|factura|certificat|cerere|inscriere"),
			sigR("am pierdut copilul|am pierdut copilul meu|am pierdut fiul|am pierdut fiica|copil pierdut|copil disparut|copil disparut|fetita disparuta|baiat disparut|persoana disparuta|nu mai gasesc copilul|nu gasesc copilul|nu gasesc fiul|nu gasesc fiica|nu gasesc fetita|nu gasesc baiatul"),
			sigR("gaz|gaze|butelie|butelia", "miros|miroase|scurgere|scapare|pierdere|se simte|explozie|a explodat|suiera|fluiera").not("factura|contor|contract|tarif|furnizor|pret|cost|citire|racordare|revizie|verificare|certificat|ajutor de incalzire|subventi*"),
			sigR("scurgere de gaz|miroase a gaz|miros de gaz|scapare de gaz|monoxid|explozie|a explodat|s a prabusit blocul|s a prabusit casa|s a prabusit tavanul|a cazut tavanul|s a surpat").not("preturi*|preturile|chiriile|chirii|costuri*|facturi*"),
			sigR("inundatie|inundati*|inundat*|potop|viitura|apa|raul|alunecare de teren", "blocat*|prins*|captiv*|urca|creste repede|acoperis|ajutor|salvati*|nu putem iesi|nu pot iesi|luat de ape|luati de ape|se ineaca|se inneaca|izolat*|oameni|copii|pana la gat|pana la brau").not("asigurare|despagubir*|risc|harta|zona|prevenire|avertizare|alerta|cod|factura|contor|presiune|calitate|robinet|tarif|daune|subventi*|potabila|intrerupere|teava|conducta|piscina|baie|statistic*|anul trecut"),
			sigR("se ineaca|se inneaca|se ineaca cineva|inecat*|a cazut in apa|a cazut in rau|a cazut in lac|a cazut in mare|a cazut in fantana|a cazut in canal|luat de curent|luat de ape|sub daramaturi|blocat in lift|blocati in lift|inchis in lift|suntem blocati|sunt blocat|suntem prinsi|sunt prins"),
			// Categories found missing by blind probing: each needs its event
			// word and a context word, so "a lovit", "sa sara" or "umflat"
			// alone stay quiet.
			sigR("masina|masini|camion*|autobuz*|tir|duba|motociclet*|motor|tramvai*|tren*|sofer*|soferul|scuter|autoturism*|microbuz",
				"a lovit|l a lovit|a lovit o|au lovit|a calcat|l a calcat|a acrosat|l a acrosat|a dat peste|a izbit|l a izbit|lovit*|calcat*|acrosat*|spulberat*|izbit*|a luat pe sus|luat pe sus",
				"pieton*|biciclist*|ciclist*|motociclist*|copil*|om|omul|un om|femeie|femeia|barbat*|batran*|baiat*|fata|o fata|persoana|bicicleta|trotineta|nu se misca|sange|sangereaza|ranit*|jos|pe jos|la pamant|nu raspunde|inconstient*|doamna|domn*").not("asigurare|rca|casco|daune|dauna|despagubir*|constatare|amiabila|service|parcare|parcata|parcat|oglinda|bara|zgariat*|ieri|saptamana trecuta|luna trecuta"),
			sigR("=accident|accidentul|coliziune|ciocnire|s au ciocnit|a cazut de pe motocicleta|a cazut de pe bicicleta|a cazut cu motocicleta|a cazut cu bicicleta|a cazut de pe motor|a cazut cu motorul",
				"e jos|este jos|sta jos|pe jos|la pamant|pe asfalt|zace|nu se misca|nu raspunde|nu se ridica|nu mai misca|sangereaza|motociclist*|biciclist*|pieton*|cap|casca").not("raport|copie|asigurare|proces verbal|constatare|despagubir*|certificat|formular|document*|cerere|obtin|munca|saptamana trecuta|luna trecuta|anul trecut|ieri|statistic*|prevenire|rambursare|vascular|mai jos"),
			sigR("pieton*|biciclist*|ciclist*|motociclist*|sofer*|soferul|victima|omul|un om|tipul|un tip|baiatul", "nu se misca|nu se mai misca|nu raspunde|nu reactioneaza|inconstient*|nu respira|zace|la pamant|pe asfalt|e jos pe").not("site|aplicati*|mail|telefon|primari*|serviciu|dosar|cerere"),
			sigR("nu il/o/i mai? pot/putem trezi|nu reusesc/reusim sa il/o/i trezesc/trezim|nu se mai trezeste|nu mai reactioneaza|ochii dati peste cap|zace fara suflare|zace la pamant|nemiscat*"),
			sigR("doare|dor|ma doare|il doare|o doare|ma strange|il strange|o strange|apasa|ma apasa|intepaturi|junghiuri", "piept|pieptul|inima|in piept|la inima"),
			sigR("amortit*|amorteste|amorteala|furnicaturi|paralizat*|nu o simte|nu il simte|nu si simte", "mana|bratul|brat|mainile|fata|jumatate|partea stanga|partea dreapta|piciorul|o parte", "piept|inima|vorbi|vorbeste|gura|fata|brusc|dintr o data|deodata|ajutor|ambulanta|=salvare|112|accident vascular|atac").not("programare|tratament|kinetoterapie|medic de familie|certificat|dentist|anestezie"),
			sigR("traumatism cranian|si a spart capul|capul spart|rana la cap|rana in cap|sangereaza la cap|sangereaza din cap|fractura de craniu|craniul"),
			sigR("s a lovit la cap|lovit* la cap|a cazut in cap|s a lovit cu capul|s a dat cu capul|lovitura la cap", "sange|sangereaza|inconstient*|lesinat*|nu raspunde|varsa|vomita|nu se misca|ajutor|ambulanta|=salvare|tare|rau|confuz*|nu se trezeste|jos").not("programare|asigurare"),
			sigR("soc anafilactic|anafila*|edem quincke|edem glotic").not(sigAllergyPaperwork),
			sigR("soc anafilactic|anafila*|edem quincke|edem glotic", sigAcute),
			sigR("i se umfla gatul|se umfla gatul|i s a umflat gatul|gatul umflat|i se umfla limba|limba umflata|i se inchide gatul|se inchide gatul|i se inchide gatul"),
			sigR("umfla*|umflat*|inchide", "gat|gatul|limba|buzele|fata|gatlejul", "respira*|intepat*|intepatura|albina|viespe|alergi*|arahide|alune|ajutor|repede|ambulanta|=salvare|sufoca*|inghiti").not("amigdal*|raceala|gripa|dentist|programare|ganglion*"),
			sigR("reactie alergica|criza alergica|soc alergic|alergie puternica", "respira*|gat|limba|umfla*|ajutor|repede|ambulanta|=salvare|grav|sufoca*|intepat*|lesin*").not("cantina|meniu|certificat|scoala|formular|test|programare|vaccin*|polen"),
			sigR("spume la gura|face spume|tremura tot|tremura toata|se zvarcoleste|se zbate|are o criza|face o criza|a facut o criza", "jos|pe jos|la pamant|ajutor|repede|acum|ambulanta|=salvare|copil*|fiul|fiica|sotul|sotia|mama|tata|nu raspunde|gura|epilep*|convulsi*|ochii|tremura").not("de nervi|de plans|de ras|financiara|criza economica|criza de timp|isterie|programare|tratament"),
			sigR("electrocut*|s a electrocutat|curentat*|l a curentat|a curentat|a luat o descarcare|l a prins curentul|l a electrocutat|soc electric|descarcare electrica|lovit de fulger|l a lovit fulgerul|trasnit*|l a trasnit"),
			sigR("vrea sa sara|vrea sa se arunce|sa se arunce|sa sara|se arunca|ameninta ca sare|ameninta ca se arunca|o sa sara|o sa se arunce|va sari|a sarit|s a aruncat|sta sa sara|sta sa se arunce",
				"pod|podul|acoperis*|bloc|blocul|balcon*|fereastra|geam|cladire*|etaj*|terasa|gol|in gol|marginea|de sus|in rau|sub tren|in fata trenului|viaduct|pasarela|stanca|faleza").not("parasut*|bungee|piscina|trambulina|sport|coarda|rand|coada|peste rand|etapa|gunoi*|deseuri*|resturi|pubel*|container*|sac|saci|moloz|mobila|mobilier"),
			sigR("sa se omoare|se omoara singur|vrea sa se omoare|vrea sa se sinucida|sa isi ia viata|sa si ia viata|isi ia viata|si ia viata|sa isi puna capat zilelor|vrea sa moara|sa se spanzure|se spanzura|vrea sa se spanzure|isi taie venele"),
			sigR("cineva a intrat|a intrat cineva|cineva intra|intra cineva|au intrat|a intrat un|intrat peste noi|intrat peste mine|intra peste noi|incearca sa intre|incearca sa intra|incearca sa ne intre|sparge usa|sparg usa|forteaza usa|forteaza yala|forteaza geamul|sparge geamul",
				"in casa|in apartament|in curte|pe geam|pe fereastra|peste noi|peste mine|acum|ajutor|usa|noi|mine|hot*|barbat|strain|necunoscut*|frica|inauntru|cu cutit*|arma").not("cont|contul|parola|email|facebook|site|aplicati*|ieri|saptamana trecuta|reclamatie|plangere|asigurare|in vigoare|in contact|in legatura"),
			sigR("ascuns*|ma ascund|ne ascundem|m am ascuns|ne am ascuns|ma ascunsesem", "cineva|barbat|hot*|intrus*|casa|dulap|baie|camera|frica|intrat|au intrat|a intrat|inauntru|arma|cutit*|bate|omoare").not("joc|de a v ati ascunselea|cadou*|oua|taxe|costuri|camera ascunsa"),
			sigR("lift|liftul|ascensor*", "blocat*|intepenit*|oprit|prins*|inchis*|ramas*|ramasi", "suntem|cineva|copil*|mama|tata|bunic*|batran*|rau|ajutor|respira*|inauntru|in el|panica|lesin*|repede").not("reparatie|reparatii|repara|intretinere|asociatia|administrator*|mereu|iar|din nou|zile|saptamana|saptamani|luna|revizie|cost|cine"),
			sigR("nu mai iese|nu a mai iesit|nu iese din apa|nu mai iese la suprafata|nu a iesit la suprafata|s a dus la fund|s a dus la fundul|la fundul apei|sub apa|pluteste|plutea|cu fata in jos",
				"apa|apei|lac|lacul|rau|raul|mare|marea|piscina|piscinei|canal|plaja|valuri|val|curent|balta|fantana|cada|dunare|dunarea",
				people+"|cineva|om|omul|un om|baiatul|copilul|fetita|corp|corpul|inotator").not("teava|conducta|robinet|scurgere|pivnita|subsol|garaj|factura|contor|curs|cursuri|lectii|inscriere|masina"),
			sigR("barbat inarmat|barbati inarmati|om inarmat|individ inarmat|indivizi inarmati|tip inarmat|un inarmat|inarmat cu|inarmati cu|hot inarmat|hoti inarmati|cu un/o cutit/pistol/arma/topor/maceta in mana|a scos un/o/cutitul/pistolul/arma cutit/pistol/arma?|scoate un/o cutit/pistol/arma|indreapta pistolul|indreapta arma|tine un cutit"),
			sigR("a explodat|au explodat|explodat|explozie|detunatura|bubuitura|a sarit in aer|a sarit in aer", "bloc|blocul|casa|apartament*|bucatari*|gaz|butelie|butelia|centrala|masina|strada|magazin|fabrica|ranit*|fum|foc|geamuri|ajutor|mare|puternic*|cladire*").not("ras|plans|nervi|pret*|chiri*|costuri*|populatie|artificii|revelion|balon|cauciuc|film|joc|anul trecut|noapte|zgomot|muzica|petrecere|teava|conducta"),
			sigR("acoperis*|tavan*|bloc*|casa|zid*|perete*|balcon*|podea|schela|pod|podul|scara", "s a prabusit|s a daramat|s a surpat|a cazut|a cedat|s a naruit", "oameni|lume|cineva|sub|dedesubt|blocat*|prins*|ingropat*|ranit*|ajutor|copil*|inauntru|inauntrul").not("reparati*|asigurare|proprietar*|despagubir*|ieri|saptamana trecuta|anul trecut"),
			sigR("respira greu|respira foarte greu|respira cu greu|nu mai are aer|n are aer|nu are aer|ii lipseste aerul|se sufoca|gafaie|horcaie|se invineteste"),
			sigR("i s a facut rau|i s a facut foarte rau|s a simtit rau|s a simtit foarte rau|i e foarte rau|ii e foarte rau|a cazut din picioare|s a prabusit pe jos", "jos|pe jos|la pamant|respira*|lesin*|cazut|ajutor|ambulanta|=salvare|repede|nu raspunde|nu se misca|piept|inima|alb|alba|palid*|transpira").not("curs|prim ajutor|certificat|concediu"),
			sigR("vrea sa termine cu tot|sa termine cu tot|sa termine cu viata|vrea sa moara|a scris ca se omoara|a scris ca vrea sa moara|scrisoare de adio|mesaj de adio|bilet de adio|sa puna capat vietii|isi pune capat zilelor"),
			sigR("se bat|se bateau|bataie|scandal|incaierare|se injunghie|se cearta|se ataca|se omoara", "cutit|cutite|cutitul|macete|maceta|arme|arma|pistol|bate|bate de baseball|sticle|sange|ranit*|lame|topoare").not("film|serial|joc|video|statistic*|ieri|saptamana trecuta"),
			sigR("vorbeste ciudat|vorbeste greu|vorbeste incurcat|vorbeste pelticit|nu se intelege ce spune|nu se mai intelege ce spune|bolboroseste|ii e limba grea|are limba grea|se balbaie|baiguie",
				"mana|bratul|fata|gura|piciorul|atarna|slaba|slab|amortit*|moale|brusc|deodata|dintr o data|atac cerebral|avc|ambulanta|=salvare|ajutor|stramba").not("romana|limba romana|telefon|accent|strain|operator"),
			sigR("mana|bratul|piciorul|fata|gura", "atarna|slaba|slab|moale|amortit*|paralizat*|stramba|strambat*|nu o misca|nu il misca|nu o poate ridica|nu poate ridica|cazuta|i a cazut", "brusc|deodata|dintr o data|vorbeste|vorbi|atac cerebral|avc|confuz*|ajutor|ambulanta|=salvare|112|piept|ameteala|ametit*").not("kineto*|programare|certificat|handicap|dentist|anestezie|dormit|somn"),
			sigR("nu isi simte picioarele|nu isi mai simte picioarele|nu isi poate misca picioarele|nu poate misca picioarele|nu mai misca picioarele|nu simte nimic de la brau in jos|paralizat* de la brau", "cazut|cazut*|scara|acoperis|schela|accident|spate|gat|ajutor|ambulanta|=salvare|jos|motocicleta|sarit in cap|copac|balcon").not("sala|alergat|maraton|kineto*"),
			sigR("a cazut prin gheata|prin gheata|sub gheata|gheata a cedat|gheata a cedat sub|a cazut in gheata"),
			sigR("a cazut in/la apa/rau/lac/mare/fantana/canal/piscina/balta|cazut in piscina|cazut in balta|cazut in lac", people+"|cineva|om|omul|un om|baiatul|fetita|copilul|masina"),
			sigR("muscat*|a muscat|muscatura", "sarpe|sarpele|vipera|scorpion").not("repelent|prevenire|ser|antidot|unde|risc|traseu*|drumetie*"),
			sigR("muscat*|a muscat|intepat*|intepatura|muscatura", "paianjen|meduza|viespi|albine|viespe|albina|viespea|albina", "gat|respira*|lesin*|varsa|ameteala|ametit*|ambulanta|=salvare|limba").not("repelent|prevenire|tantari|dezinsectie|cuib"),
			sigR("a cazut de pe/de la/din scara/acoperis/schela/copac/balcon/geam/fereastra", "nu se misca|nu raspunde|nu simte|sange|sangereaza|cap|spate|gat|inconstient*|ajutor|ambulanta|=salvare|repede|nu respira|picioarele").not("asigurare|despagubir*|accident de munca|ieri|saptamana trecuta"),
			sigR("e vanat|e vanata|s a invinetit|se invineteste|e albastru|e albastra|s a facut vanat|s a facut vanata|buzele vinete|buze mov|fata vanata|e gri si transpirat|cianoz*"),
			sigR("heroina|fentanil|cocaina|droguri|drogat*|s a injectat|s a drogat|ketamina|ghb|etnobotanice|prafuri", "vanat|vanata|vinet*|albastru|albastra|nu respira|nu se trezeste|nu raspunde|inconstient*|lesin*|convulsi*|spume|supradoza").not("prevenire|centru|asociati*|statistic*|dealer|trafic|cartier|plangere"),
			sigR("durere|dureri|doare|furnicaturi|amorteala|amortit*|greutate", "bratul stang|mana stanga|umarul stang|maxilar*|falca|in bratul stang|la mana stanga", "transpira|transpirat*|transpiratie|transpira rece|palid*|gri|greata|varsa|respira*|ameteala|ametit*|piept|ajutor|ambulanta|=salvare").not("kineto*|programare|certificat|sport|tendin*|entorsa|umar inghetat|luni|saptamani|reteta"),
			sigR("transpiratie rece|transpira rece|transpirat tot|lac de transpiratie|nadusit tot", "durere|doare|piept|brat*|mana|maxilar*|palid*|gri|ameteala|greata|lesin*|respira*|rau|ajutor|ambulanta|=salvare"),
			sigR("bebelus*|copil*|copilas*|fetita|baietel|fiul|fiica|bebe", "inchis*|incuiat*|blocat*", "in masina|intr o masina|in autoturism|in duba|in masina la soare"),
			sigR("a uitat copilul/bebelusul/fetita/baietelul in masina|bebelus/copil uitat/lasat in masina"),
			sigR("mi am pierdut copilul/fetita/baietelul/fiul/fiica|am pierdut copilul/fetita/baietelul/fiul/fiica|s a pierdut fetita/baietelul/copilul/copilasul|nu mai gasesc fetita/baietelul/copilul|nu o mai gasesc pe fetita|nu il mai gasesc pe baietel"),
			sigR("ajutor ajutor|ajutor repede|repede ajutor|ajutati ma repede|ajutati ne repede|salvati ma|salvati ne|salvatima|veniti repede|veniti urgent|sos|mayday|sunt in pericol|suntem in pericol|pericol de moarte|sa ma ajute cineva|ajutati ma va rog repede").not(paperwork),
			sigR("urgenta|e o urgenta|este o urgenta|urgent", "ajutor|repede|veniti|moare|sange|respira|foc|incendiu|ranit*|ambulanta|=salvare|smurd|pompieri|=politie|pericol").not(paperwork + "|locuinta|sociala|numar|numere|contacte|plan|veterinar*|dentist|zapada|cod"),
		},
		human: []sigRule{
			sigR("vorbesc/vorbi/vorbeasca/vorbim/vorbit/discut/discuta/discutam/vorbesc cu/la? un/o/cu? operator*/persoana/persoane/om/oameni/uman/umana/angajat*/functionar*/cineva/consultant*/consilier*/reprezentant*").not(sigSocialWorker),
			sigR("legatura cu/la? un/o? operator*/persoana/om/angajat*/functionar*|pune/puneti/transferati/transfera/conectati/conecteaza/dati/da/faceti ma/mi/ne? legatura? la/cu? un/o? operator*/persoana/om/angajat*/functionar*|vreau/doresc un/o? operator*/om/angajat*|as vrea un/o? operator*/om/angajat*|am nevoie de un/o? operator*/om/angajat*|persoana reala|om real|un om adevarat|fiinta umana|nu un robot|nu un bot|nu vreau robot|nu vreau bot|nu vreau sa vorbesc cu un/o? robot/bot/masina").not(sigSocialWorker),
			sigR("operator|operatorul|operatoare|om|persoana|uman|un operator|un om|operator va rog|operator va rog frumos|om va rog").short(4).not(sigNotAPersonRequest + "|drepturile").not(sigSocialWorker),
		},
		personal: []sigRule{
			sigR("dosar*|cerere*|cererii|solicitar*|buletin*|permis*|pasaport*|certificat*|card*|cartea de identitate|carte de identitate|rambursar*|document*|actele|acte|inscrier*|contestati*|ajutor*|alocati*|autorizati*",
				"meu|mea|mele|mei|nostru|noastra|noastre|nostri|meu",
				"ce se intampla|ce s a intamplat|stadiu*|stadiul|stare|starea|status|inca nu|inca astept|inca in|inca nu am|nu am primit|nu mi a venit|nu mi au venit|nu a venit|nu a sosit|nu au sosit|niciun raspuns|nici un raspuns|nu am raspuns|fara raspuns|in asteptare|astept de|astept inca|blocat*|aprobat*|respins*|unde este|unde e|cand primesc|gata|in lucru|procesat*|intarzie*|nicio veste|nicio noutate|vesti|noutati").not(sigBills),
			sigR("nu am primit inca|inca nu am primit|nu mi a venit inca|inca nu mi a venit|nu am primit nimic|nu am primit|nu mi a venit|nu mi au venit|nu a sosit|nu mi a sosit|n am primit|nu am mai primit", sigCaseRo).not(sigBills),
			sigR("astept inca|inca astept|astept de|asteptam de", "luni|luna|saptamani|saptamana|zile|raspuns*|dosar*|cerere*|buletin*|permis*|decizi*|meu|mea"),
			sigR("ce se intampla cu dosarul/cererea/solicitarea/buletinul/permisul/pasaportul/actele/cardul/certificatul|ce s a intamplat cu dosarul/cererea/solicitarea/buletinul/permisul/pasaportul/actele|stadiul dosarului|stadiul cererii|stadiul solicitarii|starea dosarului|starea cererii|unde este dosarul meu|unde e dosarul meu|astept de luni|astept de saptamani|astept de o luna|numarul dosarului|numar de dosar|numarul de dosar|numarul de inregistrare|numar de inregistrare|nr dosar|nr de dosar|nr de inregistrare|numarul cererii|numarul solicitarii|numar de inregistrare al cererii"),
			sigR("am depus|am trimis|am facut o cerere|am facut cererea|am facut solicitarea|am solicitat|am aplicat|am inregistrat|am depus dosarul|am depus cererea",
				"acum|luni|saptamani|zile|inca|nimic|niciun|nici un|fara raspuns|nu am primit|stadiu|in asteptare|astept"),
		},
		fileStrong:       "dosar*|protocol*|numar de inregistrare|inregistrare|referinta|ticket",
		fileWeak:         "cerere*|cererii|solicitar*|formular*|petiti*|contestati*|id",
		numberMarks:      "nr|numar*|numarul|no|n|id|cod",
		numberNotAFileNo: "lei|ron|euro|eur|costa|cost|pret|taxa|plati|zile|zi|luni|ani|ore|minute|saptamani|telefon|tel|mobil|persoane|pagini|ori",
	}
}

func sigAlbanian() sigLexicon {
	people := "femij*|djal*|vajz*|bebe|foshnj*|burr*|grua|gruaja|bashkeshort*|nen*|mama|baba|babai|gjysh*|vella|vellai|motra|mik*|shok*|fqinj*|zotni|zonj*|plak*|pacient*|partner*"
	fireVeto := "certifikat*|parandalim*|rregull*|norma|normat|siguri nga zjarri|leje|sigurim*|fikes*|ushtrim*|detektor*|cigare*|duhan*|pirja e duhanit|zgare|oxhak|fishekzjarr*|djegie mbeturinash|ndalohet|ndalim*|rrezik*|harte|statistik*|kurs|trajnim*|dem*|demshperblim*|pushuar nga puna"
	call := "thirrni/thirr/therrisni/therrit/therrni/merrni/dergoni/dergo/sillni/lajmeroni/telefononi/telefono/telefonoj ne/nje/menjehere/shpejt?"
	paperwork := "formular*|plotesoj|plotesim|dosj*|kerkes*|tatim*|takse|pagese|faqe|aplikacion*|fjalekalim*|llogari|takim|certifikat*|karte|leternjoftim*|leje|pyetje|kuptoj|perkthe*|informacion*|sigurim*|mensa|shkoll*|mbeturin*|plehra|regjistrim*|dokument*"
	return sigLexicon{
		lang: "sq",
		emergency: []sigRule{
			sigR("po digjet|digjet|u dogj|po digjen|digjen|mori zjarr|merr zjarr|ka marre zjarr|ra zjarr|ka rene zjarr|ka zjarr|eshte zjarr|zjarr ne shtepi|zjarr ne pallat|zjarr ne apartament|zjarr ne kuzhine|zjarr ne ndertese|zjarr zjarr|ne flake|perfshire nga flaket|tym kudo|plot tym|shume tym|tym i zi|tym i dendur|vjen ere djegie|ere e djegur|ere tymi"),
			sigR("zjarr|zjarri|zjarrin|flake|flaket|tym|tymi",
				"shtepi*|pallat*|apartament*|ndertes*|kuzhin*|dhom*|shkall*|kat*|garazh*|bodrum*|cati*|dyqan*|makin*|ndihm*|shpejt|tani|zjarrfikes*|bllokuar|ngujuar|zene|kudo|fqinj*|del|dalin|perhapet|madh|ejani|brenda").not(fireVeto),
			sigR("zjarr|zjarri|tym|flake").short(2),
			sigR("pa ndjenja|i pavetedijshem|e pavetedijshme|pavetedij*|humbi ndjenjat|ka humbur ndjenjat|i ra te fiket|i ra te fikt|i ra fiket|ra te fiket|u alivanos|alivanos*|nuk merr fryme|nuk po merr fryme|s merr fryme|smerr fryme|nk merr fryme|nuk merr dot fryme|nuk mund te marr fryme|nuk marr dot fryme|nuk mund te marre fryme|ndaloi se marri fryme|ndaloi frymemarrjen|veshtiresi ne frymemarrje|sulm ne zemer|sulm zemre|infarkt*|arrest kardiak|iktus|goditje ne tru|hemorragji|gjakoset shume|rrjedh shume gjak|humb shume gjak|humbet shume gjak|shume gjak|gjak kudo|mbidoz*|shume tableta|shume ilace|shume hape|helmuar|u helmua|po mbytet|u mbyt|mbytet|i zihet fryma|po i zihet fryma|me zihet fryma|iu zu fryma|nuk i del fryma|konvulsion*|krize epileptike|kriza epileptike|eshte duke vdekur|duke vdekur|dhimbje gjoksi|dhimbje ne gjoks|dhimbje te forta ne gjoks|u rrezua|ra per toke|ra ne toke|u shemb|nuk zgjohet|nuk po zgjohet|i plagosur rende|e plagosur rende|te plagosur rende|plagosur rende|ka te plagosur|ka plagosur|rrezik per jeten|nje i vdekur|nje kufome|po nxihet|buzet blu"),
			sigR("nuk mund te flasi|nuk mund te flase|nuk flet dot|nuk flet me|goja shtrember|fytyra shtrember|nuk leviz doren|nuk e leviz krahun").not("mire|italiano|italian|italien|italienisch|italiana|italisht|inglese|english|anglais|ingles|englisch|engleza|anglisht|francese|french|francais|frances|franzosisch|franceza|spagnolo|spanish|espagnol|espanol|spanisch|tedesco|german|allemand|aleman|deutsch|germana|arabo|arabic|arabe|arabisch|araba|romeno|romanian|roumain|rumano|rumanisch|romana|albanese|albanian|albanais|albanes|albanisch|albaneza|shqip|cinese|chinese|chinois|chino|chinesisch|chineza|kinezisht|lingua|lingue|language|languages|langue|idioma|sprache|limba|gjuhe|fluently|telefono|telephone|phone|telefon"),
			sigR("dhimbje|dhemb|shtrengim", "gjoks*|zemer*").not("takim|radiografi|mamografi|certifikat*|kardiolog*|vizite"),
			sigR("po vdes|po vdesin|do te vdes|vdes").not("urie|uria|etje|vape|vapa|te qeshur|merzitje|kurioziteti|te ftohtit|vdekje|certifikat*|trashegimi"),
			sigR("gjakoset|gjakderdhje|gjak", "shume|fort|nuk ndalet|nuk ndalon|kudo|koke|ndihm*|shpejt|ambulanc*|plage").not("dhurim*|dhuroj|dhurues*|analiza|analize|marrje gjaku|grupi i gjakut|hunde"),
			sigR("nuk leviz|nuk po leviz|nuk pergjigjet|nuk reagon|ne toke|ne dysheme|ra|u rrezua", people+"|merr fryme|gjak|koke|pa ndjenja|ndihm*|ambulanc*").not("faqja|faqe|aplikacion*|email|telefon*|bashki*|sherbim*|mesazh*|portal*|server*|dosj*|kerkes*|pem*|dege|tabel*|mur*|gjethe|cmim*|sistem*|bore|shi|ra ne sy|ra dakord|ra ne provim"),
			sigR(call + " ambulancen/ambulance/ambulanca/urgjencen/urgjenca/policine/policia/polici/zjarrfikesit/zjarrfikeset/zjarrfikes/112/127/129/128/doktor/mjek*|kemi/kam nevoje per ambulance/ambulancen/policine/zjarrfikes*/urgjence/mjek").not("vendore|bashkiake|gjob*|parkim*|ankes*|humb*|mjek familje|kushton|kosto|cmim*|zhurm*|muzik*"),
			sigR("ambulanc*|urgjenc*|polici*|zjarrfikes*|112", "shpejt|urgjent|tani|menjehere|ndihm*|ju lutem|ejani").not("vendore|bashkiake|gjob*|zhurm*|numri|numer|" + paperwork),
			sigR("ambulanca|ambulancen|policia|policine|zjarrfikesit").short(3).not(sigServiceInfo + "|telefon*|kosto|bashkiake"),
			sigR("aksident*|perplasje|perplas*|u perplas|u permbys|permbys*", "te plagosur|plagos*|gjak|rende|rend|te vdekur|vdekur|ambulanc*|ndihm*|bllokuar|ngujuar|zene|pa ndjenja|nuk leviz|shpejt|tani|tym|zjarr").not("raport*|kopje|sigurim*|procesverbal*|proces verbal|demshperblim*|certifikat*|vertetim*|formular*|dokument*|kerkes*|pune|aksident ne pune|javen e kaluar|muajin e kaluar|vitin e kaluar|dje|statistik*|parandalim*|rimbursim*"),
			sigR("e goditi makina|e goditi nje makine|goditur nga makina|goditur nga nje makine|e perplasi makina|e perplasi nje makine|e shtypi makina|shtypur nga makina|e zuri makina|e zuri nje makine|e shkeli makina"),
			sigR("me rreh|po me rreh|me rrahu|me rrahin|me kane rrahur|me ka rrahur|me godet|me godasin|me qellon|me qelloi|me mbyt|po me mbyt|dhune ne familje|dhune familjare|dhuna ne familje|dhuna familjare|dhune shtepiake|dhuna shtepiake|dhune seksuale|sulm seksual|perdhun*|me perdhunoi|me kercenon|me kercenojne|me kercenoi|me kane kercenuar|po me kercenon|kercenim me vdekje|kercenime me vdekje|me kanos|me kanosi|do me vrase|do me vrasin|me vret|po me vret|te me vrase|dua te me vrasin|me vrasin|do na vrase|na vret|therur|therrur|me thike|e theri|e therren|qelluar me arme|te shtena|po qellojne|qelloi me arme|rrembyer|rremben|rrembim|peng|me sulmoi|me sulmojne|me sulmuan|sulmuar|po me sulmon|me lendon|me ben keq").not("statistik*|parandalim*|sigurim*|kurs|fushat*|informacion*|shoqat*|subvencion*|dje|vitin e kaluar"),
			sigR("piu|gelltiti|hengri|ka pire|ka ngrene|ka gelltitur|mori", "zbardhues|varikine|klor|detergjent|detergjente|ilace|ilac|tableta|hape|helm|bateri|acid|kerpudha|antifriz").not("riciklim*|hedh|ku|grumbullim*|farmaci kujdestare"),
			sigR("rreh|rrahin|godet|godasin|qellon|qellojne|mbyt|sulmon|sulmojne|ther", "grua|gruan|burre|burri|burrin|femije|femijen|dike|vajze|vajzen|djale|djalin|person*|plak|plake|nje grua|nje burre|nje femije|njeri|njerez").not("zemra|era|dielli|ora|rekord|topin|deren|cmim*"),
			sigR("vras*|vret|vrasin", "kercen*|do te|do|gruan|burrin|femij*|vajzen|djalin|fqinj*|thike|arme|pistolet*|tha se|thote se").not("kohen|mushkonja*|buburreca*|minj|insekte|barera|mikrobe|shaka"),
			sigR("thike|thika|thiken|arme|arma|armen|pistolete|pistoleta|pistolet*|kallashnikov|sepate|i armatosur|e armatosur", "ka|ka nje|me|kercen*|drejt|nxori|mban|tund|burre|burri|dikush|ndihm*|frike|jashte|dere|rruge|shtepi*").not("leje arme|gjah*|zoterim*|koleksion*|ligj*|rregull*|ligjor*|lejohet|blej|dyqan*|kuzhin*|lodr*|muze*"),
			sigR("me ndjek|po me ndjek|me ndjekin|po me ndjekin|me ndiqte|me perndjek|me perndjekin|me gjurmon|me ngacmon|dikush me ndjek|nje burre me ndjek").not("dosj*|avokat*|mjek*|asistent*|instagram|facebook|tiktok|rrjete|llogari|faqe|kanal*|keshilltar*"),
			sigR("kam frike|kam shume frike|jam e frikesuar|jam i frikesuar|jam e tmerruar|jam i tmerruar", "ndjek*|burri|bashkeshort*|ish|partner*|dikush|i panjohur|jashte|dere|rreh|vrase|kercen*|hyn|hajdut*"),
			sigR("hajdut*|vjedhes*|hajdute|nderhyres*|i panjohur", "shtepi*|brenda|hyne|hyri|tani|apartament*|thyejne deren|thyen deren|dritare|dere|jane ketu|eshte ketu|ende ketu").not("ankes*|kallezim*|sigurim*|dje|jave|kopje|rimbursim*"),
			sigR("po me vjedhin|po na vjedhin|grabitje|po grabisin|me grabiten|dikush ne shtepi|dikush hyri ne shtepi|kane hyre ne shtepi|hyne ne shtepi").not("ankes*|kallezim*|sigurim*|dje|javen e kaluar|kopje"),
			sigR("vetevras*|vetvras*|te vras veten|vras veten|do vras veten|dua te vras veten|te vetevritem|dua te vdes|do te vdes vete|nuk dua te jetoj|nuk dua me te jetoj|t i jap fund jetes|ti jap fund jetes|jap fund jetes|fund jetes sime|te hidhem nga|do hidhem nga|hidhem nga ura|te demtoj veten|demtoj veten|te varem|do varem|pres venat"),
			sigR("zhduk*|u zhduk|eshte zhdukur|nuk e gjej|nuk po e gjej|s e gjej|se gjej|nuk e gjejme|rrembyer|nuk u kthye|nuk eshte kthyer|nuk erdhi ne shtepi|ka humbur|u humb|humbur",
				"femij*|djal*|vajz*|vajze|bebe|foshnj*|nen*|mama|baba|babai|gjysh*|vella*|motr*|burri|gruaja|plak*|alzheimer|demence|person*|adoleshent*").not("leternjoftim*|pasaport*|karte*|kart*|dokument*|leje|dosj*|qen|qeni|qenin|qenit|qente|qenve|mace|pako|poste|leter|celes*|portofol*|telefon*|bicikle*|makin*|para|lodr*|email|formular*|te dhena|cant*|liber|fatur*|certifikat*|kerkes*|regjistrim*"),
			sigR("humba femijen|humba djalin|humba vajzen|kam humbur femijen|kam humbur djalin|kam humbur vajzen|femije i humbur|femije e humbur|femije i zhdukur|vajze e zhdukur|djale i zhdukur|person i zhdukur|nuk e gjej femijen|nuk e gjej djalin|nuk e gjej vajzen"),
			sigR("gaz|gazi|gazit|bombol*", "ere|era|vjen ere|rrjedhje|rrjedh|del|shperthim*|shperthe|fershellen").not("fature*|kontator*|kontrat*|tarif*|furnizues*|cmim*|kosto|lexim*|lidhje|servis*|certifikat*|subvencion*"),
			sigR("rrjedhje gazi|rrjedhje e gazit|vjen ere gaz|ere gazi|monoksid|shperthim|shperthe|u shemb pallati|u shemb shtepia|u shemb tavani|ra tavani|u rrezua nderteza"),
			sigR("permbytje|permbyt*|vershim*|uje|uji|ujet|lumi|rreshqitje dheu", "bllokuar|ngujuar|zene|ngrihet|rritet|cati|catia|ndihm*|shpetoni|nuk dalim|nuk mund te dalim|mbytemi|marre nga uji|izoluar|njerez|femije|deri ne qafe|deri ne bel").not("sigurim*|demshperblim*|rrezik*|harte|zone|parandalim*|paralajmerim*|fature*|kontator*|presion*|cilesi*|rubinet*|tarif*|dem*|subvencion*|i pijshem|nderprerje|tub*|pishin*|banj*|statistik*|vitin e kaluar"),
			sigR("po mbytet ne uje|u mbyt ne uje|mbytet ne|ra ne lume|ra ne uje|ra ne det|ra ne kanal|ra ne liqen|ra ne pus|e mori uji|e mori lumi|nen rrenoja|nen germadha|bllokuar ne ashensor|ngujuar ne ashensor|mbyllur ne ashensor|jemi bllokuar|jam bllokuar|jemi ngujuar|jam ngujuar"),
			// Categories found missing by blind probing: each needs its event
			// word and a context word, so "perplasi", "hidhet" or "fryre"
			// alone stay quiet.
			sigR("makin*|kamion*|autobus*|motor*|furgon*|tren*|shofer*|taksi*|automjet*|mjet*",
				"perplasi|perplas*|goditi|godit*|shtypi|shtyp*|zuri|e zuri|e mori para|mori para|shkeli|e shkeli|e rrezoi|rrezoi|e hodhi|perplaset",
				"biciklist*|kembesor*|motorist*|motocikl*|femij*|djal*|vajz*|plak*|plake|grua|gruan|burre|burrin|njeri|person*|nuk leviz*|gjak|plagos*|ne toke|pa ndjenja|bicikl*|nje zotni|nje zonje|zonj*").not("sigurim*|demshperblim*|parkuar|parkim*|gervishtj*|pasqyr*|parakolp*|dem*|dje|javen e kaluar|gjob*"),
			sigR("biciklist*|kembesor*|motorist*|shofer*|shoferi|viktim*|djali|burri|njeriu|ai|ajo", "nuk leviz*|nuk po leviz*|s leviz*|nuk pergjigjet|nuk reagon|pa ndjenja|nuk merr fryme|shtrire ne|shtrire perdhe|ne asfalt|perdhe|ne rruge dhe").not("faqja|faqe|aplikacion*|email|telefon*|bashki*|sherbim*|dosj*|kerkes*"),
			sigR("nuk leviz*|nuk po leviz*|s leviz*|nuk levizte|nuk po levizte|pa levizur", people+"|biciklist*|kembesor*|motorist*|shofer*|njeri|njeriu|ai|ajo|gjak|ne toke|perdhe|pa ndjenja|ndihm*|ambulanc*|ne rruge").not("faqja|faqe|aplikacion*|email|telefon*|bashki*|sherbim*|mesazh*|portal*|server*|dosj*|kerkes*|pem*|makina nuk leviz|trafiku|radha|sistem*"),
			sigR("nuk e zgjoj dot|nuk e zgjojme dot|s e zgjoj dot|nuk po e zgjoj|nuk po e zgjojme|nuk zgjohet me|nuk po zgjohet|sytë e kthyer|syte e kthyer|syte i ka kthyer|shtrire pa levizur"),
			sigR("dhemb|dhembje|me dhemb|i dhemb|shtrengim|shtrengon|me shtrengon|i shtrengon|therje|me ther|i ther", "gjoks*|zemr*|ne gjoks"),
			sigR("mpire|mpirë|i mpihet|iu mpi|i eshte mpire|paralizuar|nuk e ndjen|s e ndjen", "dora|doren|krahu|krahun|fytyra|fytyren|gjysma|ana e majte|ana e djathte|kemba|kemben", "gjoks*|zemr*|flet|flase|goja|fytyr*|papritur|befas|ndihm*|ambulanc*|112|iktus|goditje").not("takim|terapi|fizioterapi*|dentist*|anestezi*|certifikat*"),
			sigR("u godit ne koke|goditje ne koke|e goditi koken|goditi koken|plage ne koke|koka e care|i ceu koken|ceu koken|e ka care koken|i cau koka|traume koke|trauma e kokes|ra me koke|i ra koka|frakture kafke|kafka"),
			sigR("shok anafilaktik|anafilaks*|edeme e glotit|edeme quincke").not(sigAllergyPaperwork),
			sigR("shok anafilaktik|anafilaks*|edeme e glotit|edeme quincke", sigAcute),
			sigR("i fryhet fyti|po i fryhet fyti|iu fry fyti|fyti i fryre|fyti i eshte fryre|i fryhet gjuha|iu fry gjuha|gjuha e fryre|i mbyllet fyti|po i mbyllet fyti|iu mbyll fyti"),
			sigR("fryhet|fryre|fry|fryu|frymezuar|mbyllet|enjtur|enjtet|enjtje", "fyt*|gjuh*|buz*|fytyr*|qaf*", "fryme|frymemarrje|pickim*|pickoi|bleta|blete|grenz*|alergji*|kikirik*|ndihm*|shpejt|ambulanc*|mbytet|gelltit").not("bajame*|grip*|ftohje|dentist*|takim|gjendra"),
			sigR("reaksion alergjik|krize alergjike|shok alergjik|alergji e forte", "fryme|fyt*|gjuh*|fryhet|fryre|ndihm*|shpejt|ambulanc*|rende|mbytet|pickim*|pickoi|bie pa ndjenja").not("mensa|menu|certifikat*|shkoll*|formular*|test*|takim|vaksin*|polen*"),
			sigR("shkume nga goja|shkume ne goje|i del shkume|dridhet i gjithe|dridhet e gjitha|dridhet gjithe trupi|ngerc*|spazma|kriza|krize", "ndihm*|shpejt|tani|ambulanc*|femij*|djal*|vajz*|burr*|grua|gruaja|ne toke|perdhe|goja|epilepsi*|pa ndjenja|nuk pergjigjet|syte|trupi|i gjithe").not("ekonomik*|financiar*|qeveri*|politik*|nervash|te qeshurit|takim|terapi|mjekim|banes*"),
			sigR("e zuri korrent*|e zuri rrym*|e kapi korrent*|e kapi rrym*|zuri korrent*|zuri rrym*|kapi korrent*|kapi rrym*|e goditi korrent*|e goditi rrym*|goditje elektrike|goditur nga rryma|goditur nga korrenti|u elektrizua|elektrokut*|u elektrokutua|e mori korrenti|e mori rryma|e goditi rrufeja|e ra rrufeja|goditur nga rrufeja"),
			sigR("do te hidhet|do hidhet|te hidhet|po hidhet|u hodh|hidhet|kercen nga|do kercej|do te kercej|te kercej|po kercen|kerceu nga|do te kerceje|te kerceje",
				"ura|ure|uren|ures|nga ura|cati|catia|catise|ballkon*|dritare*|pallat*|katit|kati|nga kati|shkemb*|binar*|tarrac*|lum*|lumi|humner*|parmak*").not("parashut*|bungee|pishin*|trampolin*|sport*|litar*|radhe|radhen|plehra|mbeturin*|kosh*|qese|ku hidhen|ku hidhet|kontenier*|mobilje"),
			sigR("vrase veten|vret veten|vrau veten|te vrase veten|do te vrase veten|do vrase veten|te vetevritet|do te vetevritet|vetevritet|i jap fund jetes|t i jap fund|t i jape fund jetes|ti jape fund jetes|te varet|do te varet|u var"),
			sigR("me rrah|po me rrah|na rrah|po na rrah|na rreh|po na rreh|me rrahin|po me rrahin|e rrah|po e rrah|e rreh|po e rreh|e rrahin|po e rrahin|me rrahu prape|me godet me|me mbyt me|me kap per fyti|me shtrengon fytin"),
			sigR("humbi|humbi djali|humbi vajza|humbi femija|humbet|po humbet|humbem|humbi ne|ka humbur ne|eshte humbur|u humb ne",
				"femij*|djal*|vajz*|bebe|foshnj*|nen*|mama|baba|babai|gjysh*|vella*|motr*|plak*|alzheimer|demence|person*|adoleshent*|im|ime").not("leternjoftim*|pasaport*|karte*|kart*|dokument*|leje|dosj*|qen|qeni|qenin|qenit|qente|qenve|mace|pako|poste|leter|celes*|portofol*|telefon*|bicikle*|makin*|para|lodr*|email|formular*|te dhena|cant*|liber|fatur*|certifikat*|kerkes*|regjistrim*|vdiq|vdekje|ngushellim*|varrim*|funeral*|kohe|durim*|peshe|ndeshje*|loje|lojen|shanse|pune|punen|rrugen|sinjal*"),
			sigR("dikush hyri|hyri dikush|dikush po hyn|po hyn dikush|dikush eshte ne shtepi|dikush brenda|ka dikush brenda|po perpiqen te hyjne|po perpiqet te hyje|po thyejne deren|po thyen deren|theu deren|thyen deren|po thyen dritaren|theu dritaren"),
			sigR("fshihem|jam fshehur|jemi fshehur|u fsheha|u fshehem|po fshihem|po fshihemi|fshehur", "dikush|burre|burri|hajdut*|shtepi*|dollap*|banjo|dhome|frike|hyri|hyne|brenda|arme|thike|rreh|vras").not("loje|lojen|kuti|dhurat*|kamera"),
			sigR("ashensor*|ashensori|ashensorin", "bllokuar|ngecur|ndaluar|mbyllur|ngujuar|mbetur|mbetem|mbeta|mbetet|ngeci|ngec", "jemi|jam|eshte|dikush|femij*|nena|babai|gjysh*|plak*|keq|ndihm*|fryme|brenda|panik*|pa ndjenja|shpejt").not("riparim*|mirembajtj*|administrator*|gjithmone|perseri|prape|dite|jave|kosto|pagese"),
			sigR("nuk del|nuk doli|nuk po del|nuk del me|nuk doli me|nen uje|nen ujë|u zhyt|u fundos|fundos*|pluskon|noton pa levizur|me fytyre poshte",
				"uje|uji|ujit|lum|lumi|lumit|det|deti|detit|liqen*|pishin*|kanal*|plazh*|dallg*|rryme|pus|vask*",
				people+"|dikush|njeri|njeriu|trup|trupi|notar*").not("tub*|rubinet*|rrjedhje|bodrum*|garazh*|fature*|kontator*|kurs*|mesim*|regjistrim*|makin*|bojler*"),
			sigR("burre i armatosur|burra te armatosur|njeri i armatosur|person i armatosur|tip i armatosur|hajdut i armatosur|hajdute te armatosur|i armatosur me|te armatosur me|me thike ne dore|me arme ne dore|me pistolete ne dore|nxori thiken|nxori armen|nxori pistoleten|nxjerr thiken|nxjerr armen|drejton armen|drejton pistoleten"),
			sigR("shpertheu|shperthyen|shperthen|shperthim*|plasi|plasen|u hodh ne ere|u hodh ne ajer|krisme", "pallat*|shtepi*|apartament*|kuzhin*|gaz*|bombol*|kaldaj*|makin*|rruge|dyqan*|fabrik*|plagos*|tym|zjarr|xhama|ndihm*|forte|madh|ndertes*").not("lot|te qeshura|te qeshur|zemerim*|cmim*|popullsi*|fishekzjarr*|vit te ri|tullumbac*|gome|film*|loj*|vitin e kaluar|tub*|cdo nate|zhurm*"),
			sigR("cati*|tavan*|pallat*|shtepi*|mur*|ballkon*|dysheme|skel*|ura|shkall*", "u shemb|u rrezua|ra|u prish|u thye", "njerez|dikush|poshte|nen|bllokuar|zene|varrosur|plagos*|ndihm*|femij*|brenda").not("riparim*|sigurim*|pronar*|demshperblim*|dje|javen e kaluar|vitin e kaluar|cmim*|cmimi"),
			sigR("merr fryme me veshtiresi|merr fryme keq|nuk i mjafton ajri|i mungon ajri|me mungon ajri|po i zihet fryma|po mbytet|gulcohet|po gulcohet|u nxi|po nxihet"),
			sigR("i ra te fiket|i ra fiket|iu be keq|i u be keq|u be keq|po i bie te fiket|ra perdhe|u rrezua perdhe", "toke|perdhe|fryme|ndihm*|ambulanc*|shpejt|nuk pergjigjet|nuk leviz*|gjoks*|zemr*|zbehur|djerse").not("kurs*|ndihme e pare|certifikat*|leje"),
			sigR("do t i jape fund|do ti jape fund|t i jape fund jetes|do te vdese|dua te vdes|leter lamtumire|mesazh lamtumire|tha se do vrase veten|shkroi se do vrase veten"),
			sigR("po grinden|grinden|rrihen|po rrihen|sherr|zenke|perleshje|po therin|therin|po vriten|vriten", "thike|thika|thikat|sepate|arme|arma|pistolet*|shkop*|shishe|gjak|plagos*|kame").not("film|serial|loje|video|statistik*|dje|javen e kaluar"),
			sigR("flet cudi|flet keq|flet ngaterruar|flet turbull|nuk i kuptohet|nuk kuptohet cfare thote|s kuptohet cfare thote|belbezon|i merret goja|i rendohet gjuha|gjuha e rende|ngaterron fjalet",
				"dora|doren|krahu|krahun|fytyra|goja|kemba|i ka rene|i ra|dobet|e dobet|mpire|papritur|befas|menjehere|iktus|goditje|shtrember|ambulanc*|ndihm*").not("shqip|gjuhe|telefon*|aksent*|i huaj|operator*"),
			sigR("dora|doren|krahu|krahun|kemba|fytyra|goja", "i ka rene|i ra|e dobet|dobet|mpire|paralizuar|shtrember|shtremberuar|nuk e leviz|nuk e ngre|s e ngre|varet|e varur", "papritur|befas|menjehere|flet|flase|iktus|goditje|konfuz*|ndihm*|ambulanc*|112|gjoks*|marramendje|i vjen rrotull").not("fizioterapi*|takim|certifikat*|invalid*|dentist*|anestezi*|fjetur|gjume"),
			sigR("nuk i ndjen kembet|nuk i ndien kembet|nuk ndjen kembet|s i ndjen kembet|nuk i leviz kembet|nuk mund te levize kembet|nuk ndjen asgje nga beli", "ra|rene|shkall*|cati*|skel*|aksident*|shpin*|qaf*|ndihm*|ambulanc*|toke|motor*|peme|ballkon*").not("palester*|vrapim*|maratone|fizioterapi*"),
			sigR("nen akull|ra neper akull|u fundos ne akull"),
			sigR("ra ne akull|ra neper akull|u ca akulli|u thye akulli", "liqen*|lum*|pellg*|det*|uje|uji|nen|femij*|djal*|vajz*|dikush|ndihm*|shpejt"),
			sigR("ra ne/neper pishine/pishina/liqen/lum/det/uje/kanal/pus|ra ne pishine|ra ne pishina", people+"|dikush|njeri|njeriu|djali|vajza|femija|makina"),
			sigR("kafshoi|e kafshoi|kafshuar|kafshim*", "gjarper*|neperk*|akrep*").not("mushkonj*|parandalim*|serum*|ku|rrezik*|shteg*"),
			sigR("kafshoi|e kafshoi|kafshuar|pickoi|e pickoi|pickuar|pickim", "merimang*|kandil*|grenz*|bleta|blete|arez*", "fyt*|fryme|bie pa ndjenja|ra pa ndjenja|vjell|marramendje|ambulanc*|gjuh*").not("mushkonj*|parandalim*|dezinsektim*|fole"),
			sigR("ra nga shkallet|ra nga cati|ra nga skela|ra nga pema|ra nga ballkoni|ra nga dritarja|ra nga kati", "nuk leviz*|nuk pergjigjet|nuk ndjen|nuk i ndjen|gjak|koka|koke|shpin*|qaf*|pa ndjenja|ndihm*|ambulanc*|shpejt|nuk merr fryme|kembet").not("sigurim*|demshperblim*|aksident ne pune|dje|javen e kaluar"),
			sigR("u be blu|eshte blu|u nxi|u mavijos|buzet blu|buzet vjollce|fytyra blu|fytyra gri|u be gri|cianoz*"),
			sigR("heroine|heroina|fentanil|kokaine|droge|drogen|drogat*|u injektua|injektoi|ketamine", "blu|vjollce|nxi|nuk merr fryme|nuk zgjohet|nuk pergjigjet|pa ndjenja|kriz*|shkume|mbidoz*").not("parandalim*|qender|qendra|shoqat*|statistik*|shites*|trafik*|lagje|kallezim*"),
			sigR("dhimbje|dhemb|i dhemb|mpirje|mpire|rendese", "krahun e majte|krahu i majte|doren e majte|dora e majte|supin e majte|nofull*|ne krahun e majte", "djers*|djersitet|djerse te ftohta|zbehur|gri|te perziera|vjell|fryme|marramendje|gjoks*|ndihm*|ambulanc*").not("fizioterapi*|takim|certifikat*|sport*|tendin*|ndrydhje|muaj|jave|recet*"),
			sigR("djerse te ftohta|djerse e ftohte|djersitet shume|i mbuluar me djerse|qull ne djerse", "dhimbje|dhemb|gjoks*|krah*|dor*|nofull*|zbehur|gri|marramendje|te perziera|bie pa ndjenja|fryme|keq|ndihm*|ambulanc*"),
			sigR("bebe|femij*|foshnj*|djal*|vajz*|vogel|vogli", "mbyllur|mbyllet|bllokuar", "ne makine|ne makinen|ne makina|ne furgon|brenda makines"),
			sigR("harroi femijen/bebene/djalin/vajzen ne makine|bebe/femije e/i harruar ne makine"),
			sigR("humba femijen|humba vajzen|humba djalin|humba te voglin|humba te vogelen|humbi femija|humbi vajza|humbi djali|humbi i vogli|humbi e vogla|nuk e gjej te voglin|nuk e gjej te vogelen"),
			sigR("ndihme ndihme|ndihme shpejt|shpejt ndihme|ndihmoni shpejt|me ndihmoni shpejt|na ndihmoni shpejt|shpetoni|me shpetoni|na shpetoni|ejani shpejt|sos|mayday|jam ne rrezik|jemi ne rrezik|rrezik per jeten|dikush te me ndihmoje").not(paperwork),
			sigR("urgjence|eshte urgjence|eshte urgjente|urgjent", "ndihm*|shpejt|ejani|vdes|gjak|fryme|zjarr|plagos*|ambulanc*|zjarrfikes*|polici*|rrezik").not(paperwork + "|strehim*|sociale|numri|numra|kontakt*|plan*|veteriner*|dentist*|bore"),
		},
		human: []sigRule{
			sigR("flas/flasim/folur/bisedoj/bisedoje/foli/flisni/komunikoj me/ne? nje? operator*/person*/njeri/njerez/punonjes*/nepunes*/dike/zyrtar*/konsulent*/perfaqesues*/specialist*").not(sigSocialWorker),
			sigR("me lidhni|lidhni me|lidhmeni|me kaloni|kalomeni|me transferoni|transferomeni|dua/deshiroj/kerkoj/duhet nje? operator*/punonjes*/nepunes*|njeri te vertete|njeri real|person real|qenie njerezore|jo robot|jo bot|nuk dua robot|nuk dua bot|nuk dua te flas me robot/bot/makine").not(sigSocialWorker),
			sigR("operator|operatori|operatorin|njeri|punonjes|nje operator|nje njeri|operator ju lutem|njeri ju lutem").short(4).not(sigNotAPersonRequest + "|te drejtat").not(sigSocialWorker),
		},
		personal: []sigRule{
			sigR("kerkes*|dosj*|praktik*|aplikim*|leternjoftim*|pasaport*|leje|leja|lejen|certifikat*|kart*|dokument*|rimbursim*|regjistrim*|ankes*",
				"ime|im|imja|imi|tim|time|jone|tone|sime|tona|tane|jonë",
				"cfare ndodhi|c ndodhi|cndodhi|ku eshte|ku ndodhet|ku ka mbetur|statusi|gjendja|ende nuk|akoma nuk|ende ne pritje|akoma ne pritje|ende pres|akoma pres|ne pritje|pres prej|nuk kam marre|nuk me ka ardhur|nuk me kane ardhur|nuk ka ardhur|nuk ka mberritur|nuk kam pergjigje|asnje pergjigje|pa pergjigje|bllokuar|ngecur|miratuar|refuzuar|gati|e gatshme|vonuar|vonese|asnje lajm|lajme|si shkon|si po shkon|ne cfare faze|faze").not(sigBills),
			sigR("nuk kam marre ende|ende nuk kam marre|akoma nuk kam marre|nuk me ka ardhur ende|ende nuk me ka ardhur|akoma nuk me ka ardhur|nuk kam marre asgje|nuk kam marre|nuk me ka ardhur|nuk me kane ardhur|nuk me erdhi|sme ka ardhur|s kam marre", sigCaseSq).not(sigBills),
			sigR("ende pres|akoma pres|pres prej|presim prej", "muaj|muajsh|jave|javesh|dite|pergjigje*|kerkes*|dosj*|praktik*|leternjoftim*|lej*|vendim*|ime|im"),
			sigR("si eshte/shkon kerkes*/dosj*/praktik*/aplikim*|si po shkon kerkes*/dosj*/praktik*/aplikim*|ku eshte/ndodhet kerkes*/dosj*/praktik*/aplikim*/leternjoftim*/pasaport*|cfare ndodhi me kerkes*/dosj*/praktik*/aplikim*/leternjoftim*/pasaport*/lej*|c ndodhi me kerkes*/dosj*/praktik*/aplikim*|statusi i kerkes*/dosj*/praktik*/aplikim*|gjendja e kerkes*/dosj*/praktik*|pres prej muajsh|pres prej javesh|pres prej nje muaji|numri i praktik*|numri i dosj*|numri i kerkes*|numri i protokoll*|numri i aplikim*|numer praktike|numri praktikes|nr i praktik*|nr praktike|numri i regjistrimit|numri i references"),
			sigR("kam bere kerkese|kam bere aplikim|kam aplikuar|kam dorezuar|kam derguar|kam paraqitur|bera kerkese|aplikova|dorezova",
				"para|muaj|jave|dite|ende|akoma|asgje|asnje|pa pergjigje|nuk kam marre|statusi|ne pritje|pres"),
		},
		fileStrong:       "praktik*|dosj*|protokoll*|referenc*|ticket",
		fileWeak:         "kerkes*|aplikim*|formular*|ankes*|id",
		numberMarks:      "nr|numri|numer|numrin|no|n|id|kod|kodi",
		numberNotAFileNo: "leke|lek|euro|eur|kushton|kosto|cmim*|tarif*|pagu*|dite|dit|muaj|vjet|vite|ore|minuta|jave|telefon*|tel|cel|persona|faqe|here",
	}
}

// sigArabizi is Arabic written in Latin letters, with digits for the
// letters Latin lacks (3 ع, 7 ح, 9 ق, 2 ء, 5 خ): Moroccan mostly ("mrati
// t7at", "kaydrbni"), some Levantine and Egyptian. A panicked message typed
// on a phone often comes this way, and no Arabic-script pattern can match
// it. Every rule pairs a dialect word with a second sign of the event, or
// is a phrase only an emergency produces; please (3afak) and now (daba)
// are not signs, since they end ordinary questions too. The patterns are
// written as people type them and split by azSplit.
func sigArabizi() sigLexicon {
	urgent := "fissa|bzrba|bzerba|bsor3a|dghya|dghiya|daroori|darouri|l'ambulance|lambulance|ambulance|l2is3af|lis3af|is3af|pompier*|lpompier*|bolis|lbolis|police|112"
	notBreathing := "ma katnfs*|ma kaytnfs*|ma kattnfs*|mab9ach katnfs*|mab9ach kaytnfs*|ma yetnafas|ma yitnafas|ma tetnafas|ma titnaffas|ma 3am yetnafas|ma 3am titnaffas|ma 3am yitnafas|mesh bi tnaffes|mesh btetnafes|mish 3am yetnafas|msh bitnafas|msh btetnafas"
	r := func(slots ...string) sigRule {
		for i, sl := range slots {
			slots[i] = azSplit(sl)
		}
		return sigR(slots...)
	}
	return sigLexicon{
		lang: "ar",
		emergency: []sigRule{
			// Not breathing: "ma katnfsch", "ma 3am yetnafas", "mesh bi tnaffes".
			r(notBreathing),
			// Fell, and is not answering, moving or breathing.
			r("t7at|ta7at|ta7et|tay7a|tay7|t7ayt|w93at|w9e3|wa9e3|wa9a3at|w9a3|w9e3at|wi2e3|wi2i3|wi2i3it",
				"l2ard|lard|f l2ard|3la l2ard|ma kayjawb*|ma katjawb*|ma kayhdr*|ma kathdr*|ma kay7rk*|ma kat7rk*|ma kayt7rk*|ma katt7rk*|ghayb|ghayba|mghmi|mghmiya|tghma|tghmat|dem|ddem|"+notBreathing+"|"+urgent),
			// Fire: l3afia is Moroccan for fire, 7ri9a the fire, dkhan smoke.
			r("l3afia|l3afya|l3afiya|7ri9a|l7ri9a|7ari9a|kat7re9|kay7re9|kat7ra9|kay7ra9|7er9at|7ar9at|7ar9a|d5an|dukhan|dokhan|dkhan|ddkhan",
				"dar|ddar|lbit|bit|chi9a|ch9a|lmatbakh|lkouzina|kouzina|l3imara|3imara|immeuble|sa3douni|3tqouni|3te9ouni|kayna|kayn|kbira|bzaf|ktir|"+urgent),
			// Violence against the writer.
			r("kaydrbni|kaydrebni|kayderbni|kaydarbni|kadrbni|katdrbni|biderbni|byderbni|yedrobni|yidrabni|bi2telni|bghi yqtlni|bgha yqtlni|bgha y9tlni|bghi y9tlni|ghay9telni|ghayqtelni|ghadi y9tlni|ghadi yqtlni|ghaydbe7ni|ghadi ydbe7ni|hay2telni|3ayez yi2telni|biddo yi2telni|bido yi2telni"),
			// A weapon, with someone holding it or the writer afraid.
			r("mos|mous|lmos|sekkin|sikkin|sekina|sekkina|lfrdi|msds|slah",
				"3ando|3andou|m3ah|ma3o|hazz|kayhddedni|kayhedded*|kaytb3ni|dakhel|dkhel|sa3douni|3tqouni|khayf|khayfa|khayef|khayfin|"+urgent),
			// Someone dying.
			r("kaymout|katmout|ghaymout|ghatmout|ghadi ymout|ghadi tmout|bimout|btmout|3am ymout|3am tmout|haymout|hatmout"),
			// Help, with the urgency spelt out.
			r("3tqouni|3te9ouni|3etqouni|3t9ouni|n9douni|n9dhouni|l7gouni|l7a9ouni|el7a9ouni|ilha9ouni|anjdouni|njdouni|sa3douni|sa3dooni|sa3douna|sa3dona",
				urgent+"|l3afia|dkhan|dem|ddem|kaymout|katmout|"+notBreathing),
			// Call an ambulance, the police, the firemen.
			r("3ayto|3aytou|3ayyto|3ayytou|3ayet|3ayyet|3ayetou|3yto|3eyto|jibo|jibou|siftou|sifto|b3tou|ab3tou|ettasslo|ttasslo|ttaslo",
				"l'ambulance|lambulance|ambulance|l2is3af|lis3af|is3af|pompier*|lpompier*|bolis|lbolis|police|112"),
		},
		human: []sigRule{
			r("bghit|baghi|bghina|baddi|biddi|badde|3ayez|3ayz|3awez|3ayza",
				"nhdr|nhder|nhdar|nhadar|ntkellem|ntklm|netkallem|ntkalem|e7ki|a7ki|ne7ki|akallem|akalem|atkalem",
				"wa7ed|wahed|muwadaf|mowadaf|mwadaf|moudaf|bnadem|insan|7ad|7ada|operateur|operator").not(sigSocialWorker),
			r("muwadaf|mowadaf|mwadaf|moudaf|machi robot|mashi robot|mesh robot|msh robot").short(4).not(sigSocialWorker),
		},
		personal: []sigRule{
			r("talab dyali|talabi|lmilaf dyali|milafi|dossier dyali|demande dyali|lwra9 dyali|lwara9 dyali|l9adiya dyali",
				"fin wsel|fin wslat|fin wasel|chno w9e3|chnou w9e3|ma jawbounich|ma jawbonich|ma wselni|ma wslni|mazal|ba9i|t9bel|t9bal|trfed|trfd|t2khr|tkhr|m2khr|wein wosel|ween wosel|shu sar|shou sar|lissa|lesa|fein wesel"),
		},
	}
}

// azSplit writes an Arabizi pattern as the message tokenizer reads it: a
// digit inside a word is a word of its own, so "l3afia" is the phrase
// "l 3 afia".
func azSplit(p string) string {
	var b strings.Builder
	var prev rune
	for i, r := range p {
		if i > 0 && (unicode.IsDigit(r) && unicode.IsLetter(prev) || unicode.IsLetter(r) && unicode.IsDigit(prev)) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// sigChinese is matched as substrings of the folded text, so patterns are
// whole words or short phrases; one-character patterns would match inside
// unrelated words.
func sigChinese() sigLexicon {
	return sigLexicon{
		lang: "zh",
		emergency: []sigRule{
			sigR("着火了|着火啦|着火|失火|起火了|起火|烧起来|在烧|火灾了|大火|浓烟|冒烟|烟很大|火很大|房子着火|家里着火|楼里着火|厨房着火|到处是烟|全是烟|满屋子烟|烧着了|火烧").not("证书|证明|预防|规定|规则|安全检查|检查|演习|保险|许可|培训|禁止|燃放|烟花|吸烟|抽烟|香烟|烧烤"),
			sigR("火灾|火", "救命|快|家|房子|楼|厨房|大楼|困|被困|出不去|蔓延|很大|消防|119|现在|邻居").not("志愿|证书|证明|预防|规定|规则|检查|演习|保险|许可|培训|禁止|燃放|烟花|火车|火锅|火腿|火柴|上火|发火|火箭|火山|火星|火龙果|火葬"),
			sigR("昏迷|晕倒|晕过去|昏倒|不省人事|失去知觉|失去意识|没有意识|没意识|没有呼吸|没呼吸|不呼吸|呼吸不了|不能呼吸|无法呼吸|喘不过气|停止呼吸|呼吸困难|心脏病发作|心脏病发|心梗|心肌梗|心脏骤停|心跳停止|中风|脑卒中|脑梗|大出血|流了很多血|流血不止|血流不止|出血很多|很多血|好多血|一直流血|吃了很多药|吃了太多药|服药过量|药物过量|用药过量|吸毒过量|过量服药|吞药|中毒|窒息|噎住|卡住喉咙|抽搐|癫痫发作|倒在地上|倒地|起不来|站不起来|爬不起来|摔倒了|胸口疼|胸痛|胸口痛|胸口剧痛|受重伤|重伤|伤得很重|有人受伤|有伤员|死人了|尸体|嘴唇发紫|脸色发紫|生命危险").not("证明|报告|保险|理赔|预防|统计|培训|工伤"),
			sigR("胸口|胸部|心口", "疼|痛|闷|压").not("预约|体检|检查|证明|挂号"),
			sigR("快死了|要死了|快不行了|有人死了").not("饿|累|热|冷|烦|无聊|笑|困|忙|臭|气死|吓死|烦死|死机|手机|电脑|网站|证明|死亡证明|去世|丧葬|户口"),
			sigR("说不出话|口齿不清|嘴歪|说话不清|半边身子动不了|半边脸|手臂动不了|突然不会说话").not("意大利语|中文|英语|语言|外语"),
			sigR("叫救护车|打120|打110|打119|打112|拨打120|拨打110|拨打119|拨打112|快叫救护车|叫警察|快报警|帮我报警|请报警|帮忙报警|赶紧报警|马上报警|叫消防|快叫消防|叫消防车|救护车快|快来救护车|需要救护车|需要警察|需要消防").not("电话号码是多少|费用|多少钱|收费|证明"),
			sigR("救护车|警察|消防|120|110|119|报警", "快|马上|立刻|赶紧|救命|急|紧急|帮帮|现在").not("费用|多少钱|收费|证明|无犯罪|开证明|户籍|办证|罚款|噪音|吵"),
			sigR("救护车|叫警察|叫救护车").short(3).not(sigServiceInfo + "|费用|多少钱"),
			sigR("车祸|撞车|交通事故|事故|翻车", "受伤|伤|流血|血|救护车|严重|昏迷|快|救命|人倒|死了|死人|被困|卡住|着火|冒烟|不动").not("报告|证明|保险|复印|副本|理赔|记录|认定书|赔偿|上周|上个月|去年|昨天|统计|预防|工伤"),
			sigR("被车撞|被撞了|撞人了|被车碾|被车压|被汽车撞|被卡车撞|被撞倒"),
			sigR("打我|他打我|她打我|在打我|正在打我|老公打我|丈夫打我|男朋友打我|被打了|被人打|被打伤|挨打|家暴|家庭暴力|威胁我|恐吓我|威胁要杀|要杀我|想杀我|杀了我|要杀人|杀人了|捅伤|被捅|刺伤|被刺|被刀捅|被刀砍|被砍|砍人|捅人|用刀捅|开枪|枪击|枪声|强奸|性侵|被强暴|绑架|被绑|拐走|拐卖|劫持|人质|跟踪我|有人跟着我|一直跟着我|被跟踪|被人跟踪|掐我脖子|掐住|虐待我").not("打我电话|打我手机|打我的电话|打我的手机|统计|预防|宣传|培训|保险|昨天|去年"),
			sigR("喝了|吞了|误食|吃了|误服|喝下|吞下", "漂白剂|消毒液|洗涤剂|洗洁精|药|农药|老鼠药|电池|清洁剂|洁厕|毒|酒精|毒蘑菇").not("哪里|回收|扔|药店|买药|药房"),
			sigR("打女人|打一个女人|打孩子|打小孩|打老婆|打老公|打人|在打人|打架|殴打|暴打|家暴|打他老婆|打她").not("打架子鼓|打人工"),
			sigR("要杀了|杀了他|杀了她|要杀人|说要杀|扬言要杀|要把他杀|要把她杀|砍死|捅死|打死").not("打死也不|笑死|气死"),
			sigR("有刀|拿刀|持刀|拿着刀|刀子|菜刀|有枪|拿枪|持枪|拿着枪|带着刀|带着枪", "威胁|砍|杀|冲|追|救命|快|害怕|门口|家里|外面|有人|男人").not("许可|购买|买|管制|规定|法律|合法|厨房用品"),
			sigR("我好害怕|我很害怕|好怕|吓死了|我害怕", "跟着|跟踪|老公|丈夫|前夫|男朋友|陌生人|门口|外面|打我|杀|威胁|进来|小偷"),
			sigR("小偷|窃贼|强盗|陌生人|有人", "在我家|闯进|闯入|破门|撬门|撬锁|家里|屋里|进来了|进屋").not("报案|保险|昨天|上周|证明|回执"),
			sigR("抢劫|被抢|打劫|正在抢|入室抢劫|入室盗窃").not("报案回执|保险|昨天|上周|证明|统计"),
			sigR("自杀|轻生|不想活|想死|我想死|去死|结束生命|结束自己的生命|结束我的生命|活不下去|不想活了|跳楼|跳河|割腕|伤害自己|了结自己|寻死"),
			sigR("不见了|丢了|走丢|走失|失踪|找不到|没回家|没有回家|还没回来|被拐|被带走", "孩子|儿子|女儿|小孩|宝宝|孩|老人|妈妈|爸爸|爷爷|奶奶|外婆|外公|母亲|父亲|老公|丈夫|妻子|老婆|弟弟|妹妹|哥哥|姐姐|婴儿").not("证|卡|护照|文件|材料|钥匙|钱包|手机|书包|快递|包裹|作业|名额|信息|资料|狗|猫|自行车|车"),
			sigR("孩子不见了|孩子丢了|孩子走丢|孩子失踪|找不到孩子|找不到我的孩子|找不到儿子|找不到女儿|小孩不见了|宝宝不见了|儿子不见了|女儿不见了|孩子被拐|失踪人口|人失踪了"),
			sigR("煤气|燃气|天然气|液化气|瓦斯", "泄漏|泄露|漏气|漏了|味道|气味|闻到|很臭|爆炸|炸了").not("账单|费用|缴费|表|合同|价格|开户|维修|安检|证明|补贴"),
			sigR("煤气泄漏|燃气泄漏|天然气泄漏|漏煤气|漏燃气|一氧化碳|爆炸了|发生爆炸|房子塌了|楼塌了|倒塌|塌了|天花板掉下来"),
			sigR("洪水|水灾|淹水|被淹|发大水|涨水|泥石流|山体滑坡", "困|被困|救|快|淹到|屋顶|出不去|冲走|人|孩子|老人|脖子|腰").not("保险|赔偿|风险|地图|预防|预警|统计|去年|补贴|水费|水表"),
			sigR("溺水|淹死|落水|掉进河|掉进水|掉进海|掉进湖|掉水里|掉河里|掉进井|被水冲走|被困在电梯|困在电梯|电梯困人|被困|压在废墟|埋在|出不去了").not("手机掉|钥匙掉|钱包掉|东西掉|电话掉"),
			// Categories found missing by blind probing: each needs its event
			// word and a context word, so "撞了", "没反应" or "肿" alone stay
			// quiet ("车被撞了要怎么理赔", "网站没反应").
			sigR("撞了|撞到|撞倒|撞伤|撞飞|撞上|撞人|撞死|碾压|碾到|轧了|轧到|压到|刮倒|撞翻", "车|司机|骑车|自行车|电动车|摩托|行人|路人|孩子|老人|小孩|人", "不动|流血|出血|血|昏迷|没反应|没有反应|受伤|伤|倒在|倒地|躺在|躺着|叫不醒|没呼吸|救护车|120|快|救命|死|骨折|起不来").not("保险|理赔|报告|证明|事故认定|赔偿|上周|上个月|去年|昨天|统计|预防|刮蹭|划痕|车位|停车|罚款"),
			sigR("一动不动|不动了|没反应了|没有反应|没反应|叫不醒|喊不醒|叫不应|醒不过来|不会动了|没知觉|没有知觉|没动静了|瘫在地上|躺在地上|倒在路上|躺在路上|倒在血泊|怎么叫都不醒|怎么叫也不醒|翻白眼", "他|她|人|孩子|老人|爸|妈|老公|老婆|丈夫|妻子|儿子|女儿|宝宝|爷爷|奶奶|外公|外婆|哥|姐|弟|妹|朋友|司机|行人|骑车|血|头|救命|快|120|地上|路上").not("网站|网页|页面|系统|电脑|手机|应用|申请|邮件|客服|窗口|电话|办事|软件|程序|机器|按钮|打印机"),
			sigR("头破血流|满脸是血|满头是血|一身是血|全身是血|满地是血|倒在血泊|血止不住|止不住血|头部出血|头撞破|摔破头|磕破头|头摔破|头磕破|脑袋流血|头在流血|头流血|头部受伤|脑震荡|颅骨"),
			sigR("流血|出血|流了血|出了血|冒血|淌血", "头|很多|好多|一直|不停|止不住|快|救命|120|救护车|倒|不动|昏迷|撞|砍|刀|摔|枪|血泊|伤口").not("鼻|牙龈|月经|经期|献血|验血|痔|证明|保险"),
			sigR("喉咙肿|嗓子肿|舌头肿|嘴唇肿|脸肿|喉咙发紧|喉咙紧|喉咙堵|嗓子堵|喉咙被堵", "过敏|呼吸|喘|不能|快|救命|被蜂|蜜蜂|马蜂|黄蜂|蜇|花生|坚果|窒息|120|救护车|说不出").not("预约|挂号|感冒|发烧|扁桃体|咽炎"),
			sigR("过敏性休克|严重过敏反应|过敏休克|急性过敏|过敏得很厉害").not(sigAllergyPaperwork),
			sigR("过敏性休克|严重过敏反应|过敏休克|急性过敏|过敏得很厉害", sigAcute),
			sigR("过敏", "呼吸|喘不|喉咙|嗓子|舌头|休克|晕|倒|救命|快|120|救护车").not("检查|证明|预约|过敏原|花粉|过敏史|饮食|食堂|学校|表格"),
			sigR("口吐白沫|羊癫疯|羊角风|浑身抽|全身抽|全身发抖|浑身发抖停不下来|四肢抽|手脚抽"),
			sigR("触电|被电到|被电击|电击|被电了|电到了|被雷劈|被雷击|雷击|碰到电线|摸到电线|碰到高压|高压电", "有人|人|孩子|小孩|工人|老人|他|她|爸|妈|老公|老婆|儿子|女儿|倒|不动|昏迷|救命|快|120|没呼吸|了").not("预防|防止|安全|提示|注意|知识|培训|标志|警示|保险"),
			sigR("漏电", "有人|孩子|小孩|工人|老人|倒|不动|昏迷|救命|快|120|没呼吸|被电").not("预防|防止|安全|提示|检查|维修|报修|物业"),
			sigR("要跳楼|想跳楼|要跳河|想跳河|要跳桥|跳桥|要跳下去|想跳下去|跳下去了|要轻生|想轻生|要寻短见|想不开要|割脉|上吊|喝农药|想自尽|要自尽"),
			sigR("站在楼顶|站在天台|站在桥上|站在阳台外|爬到楼顶|爬上楼顶|坐在楼顶边|坐在天台边|在天台边|在楼顶边|翻过栏杆|站在栏杆外", "跳|轻生|自杀|不想活|危险|劝|救命|快|哭|想不开|110|120"),
			sigR("沉下去了|沉下去|没浮上来|没有浮上来|浮不上来|在水里挣扎|水里挣扎|被浪卷走|被海浪卷走|被卷走|被冲走|溺水|淹了|漂在水|浮在水"),
			sigR("电梯卡住|卡在电梯|关在电梯|困在电梯|电梯里出不来|电梯掉下|电梯下坠|电梯急坠|电梯停在半", "里面|人|老人|孩子|小孩|困|出不来|不舒服|救命|快|喘不|晕|害怕").not("修|物业|保养|年检|费用|经常|总是|又|每天|几天|星期|一周|个月"),
			sigR("躲在|藏在|躲起来|藏起来", "有人|小偷|陌生人|坏人|闯|进来|害怕|刀|枪|打我|杀|房间|厕所|柜子|衣柜|床底").not("游戏|捉迷藏|礼物|彩蛋"),
			sigR("被打|打人|打我|砍我|砍人|拿刀|捅我|掐我", "现在|正在|快|救命|报警|110|流血|血|门口|家里|害怕").not("打我电话|打我手机|打我的电话|打我的手机|打人工"),
			sigR("持刀伤人|持刀男子|持枪男子|歹徒|劫匪|拿刀的人|拿枪的人|拿着刀的人|拿着枪的人|掏出刀|掏出枪|拔出刀|亮出刀|用枪指着|用刀指着|拿刀指着|拿枪指着"),
			sigR("喘不上气|上不来气|透不过气|呼吸不上|喘不上来|憋得|憋气|喘得厉害|气喘不过来|呼吸很急|大口喘气"),
			sigR("爆炸|炸了|爆了|炸开|巨响", "楼|房子|家|厨房|煤气|燃气|液化气|罐|锅炉|热水器|车|路|街|店|工厂|受伤|伤|烟|火|玻璃|救命|快|人").not("新闻|价格|人口|烟花|鞭炮|气球|轮胎|胎|水管|管子|电影|游戏|手机|网|爆满|爆款|爆料|火爆|去年|股"),
			sigR("压在下面|被压在|被埋在|埋在下面|困在里面|砸到人|砸伤|砸中"),
			sigR("不想活|活不下去|想死|遗书|告别信|要自杀|想自杀|准备自杀|说要自杀|说不想活"),
			sigR("突然倒下|突然倒地|一下子倒|倒下了|瘫倒|昏过去|晕过去了|脸色发白|脸色苍白", "不动|没反应|叫不醒|呼吸|救命|快|120|地上|胸口|心脏|出汗|大汗").not("培训|急救知识|证明"),
			sigR("打架|斗殴|互殴|群殴|砍人|火拼|械斗|捅人|打起来了", "刀|刀子|砍刀|菜刀|枪|棍|棍子|铁棍|酒瓶|瓶子|血|受伤|伤").not("电影|电视剧|游戏|视频|统计|昨天|上周"),
			sigR("说话含糊|说话不清楚|说不清楚话|大舌头|吐字不清|话说不清|舌头不灵|舌头发硬|说话奇怪|说话怪怪|说胡话|语无伦次", "手|胳膊|手臂|腿|脸|嘴|没力气|无力|发麻|麻木|抬不起|歪|突然|中风|脑梗|救命|快|120").not("中文|普通话|方言|口音|电话|外语|喝醉"),
			sigR("手没力气|手臂没力气|胳膊没力气|一边没力气|半边没力气|半边身子没力气|抬不起手|手抬不起来|胳膊抬不起来|一侧无力|半身无力|半边麻|半边身体麻|一边脸|脸歪|嘴角歪|嘴角下垂|口角歪斜"),
			sigR("腿没有知觉|腿没知觉|下半身没知觉|下半身没有知觉|腿动不了|脚动不了|下半身动不了|腿不能动|感觉不到腿|瘫痪了|截瘫"),
			sigR("冰窟窿|掉进冰|掉到冰|冰面裂|冰裂了|冰破了|冰面塌|踩破冰|冰面破|冰下"),
			sigR("倒在|躺在|趴在|瘫在|摔在|倒地|晕倒", "不答应|不回应|没回应|不应|不吭声|没声音|不说话|叫他|叫她|喊他|喊她|叫不应|没反应").not("网站|系统|申请|邮件|电话|客服|窗口"),
			sigR("往下跳|要跳下|想跳下|准备跳|要跳|想跳|翻过栏杆|站在栏杆|坐在栏杆", "桥|楼顶|天台|楼上|阳台|窗|窗户|屋顶|楼顶边|栏杆|护栏|高楼|大楼|河").not("跳槽|跳舞|跳绳|跳水比赛|蹦极|跳伞|游泳馆"),
			sigR("车掉进|车冲进|车开进|车翻进|车落水|车沉|车被冲走|车被水冲|开进河|冲进河|掉进河里|开进湖|冲进湖|冲进水|冲进海|翻进河|掉进水库|掉进池塘|掉进游泳池|掉进泳池|掉进鱼塘|掉进水塘|掉进水沟"),
			sigR("被蛇咬|蛇咬|被毒蛇|毒蛇咬|被蝎子|蝎子蜇|被毒蜘蛛|毒蜘蛛咬").not("预防|血清|哪里|怎么预防"),
			sigR("被蜘蛛咬|被马蜂蜇|马蜂蜇|被黄蜂蜇|被水母蜇|水母蜇|被蜂蜇|被蜜蜂蜇|被毒虫", "喉咙|呼吸|喘|晕|吐|休克|救命|120|舌头|发紫").not("预防|驱虫|蚊子|灭虫|蜂窝"),
			sigR("从梯子上摔|从梯子摔|从楼上摔|从屋顶摔|从房顶摔|从脚手架摔|从树上摔|从阳台摔|从楼梯摔|从高处摔|从窗户摔|从梯子掉|从楼上掉|从屋顶掉|从阳台掉|从高处掉|从窗户掉", "不动|没反应|没知觉|血|头|腰|脖子|昏迷|救命|快|120|动不了|起不来|不能动").not("保险|工伤|赔偿|昨天|上周"),
			sigR("脸都紫|脸发紫|脸紫了|脸色发紫|脸色青紫|发紫了|变紫了|嘴唇紫|嘴唇发青|脸发青|脸色发青|脸发灰|脸色灰白|全身发紫"),
			sigR("海洛因|白粉|冰毒|芬太尼|可卡因|吸毒|注射毒品|嗑药|磕药", "发紫|变紫|没呼吸|不呼吸|叫不醒|没反应|昏迷|抽搐|口吐白沫|过量|倒地|冰凉|不醒").not("预防|戒毒所|禁毒宣传|统计|举报|贩毒"),
			sigR("左胳膊疼|左胳膊痛|左手臂疼|左手臂痛|左臂疼|左臂痛|左肩疼|左肩痛|左手发麻|左胳膊麻|左臂发麻|下巴疼|牙床疼", "冷汗|出汗|大汗|脸色|发白|苍白|发灰|恶心|吐|喘|呼吸|晕|胸|救命|120").not("理疗|预约|证明|运动|扭伤|肩周炎|几个月|几周|处方"),
			sigR("出冷汗|冷汗直冒|一身冷汗|满头大汗|大汗淋漓", "疼|痛|胸|胳膊|手臂|下巴|脸色|发白|苍白|晕|恶心|吐|喘|呼吸|倒|不舒服|救命|快|120"),
			sigR("婴儿|宝宝|孩子|小孩|儿童|小朋友|儿子|女儿", "锁在车|关在车|困在车|被锁车|在车里出不来"),
			sigR("把孩子忘在车|把宝宝忘在车|把婴儿忘在车|孩子被忘在车|婴儿被忘在车|宝宝被忘在车"),
			sigR("房顶冒火|屋顶冒火|楼顶冒火|房顶着火|屋顶着火|楼顶着火|冒火了|窜火|蹿火|火苗|火光|起火点|冒出火"),
			sigR("孩子丢了|孩子找不到了|找不到孩子了|女儿走丢|儿子走丢|宝宝走丢|小孩走丢|闺女走丢|孩子不见|女儿不见|儿子不见|宝宝不见"),
			sigR("救命|救救我|救救我们|快来人|来人啊|快救人|有危险|生命危险|我有危险|有人要死了|有人快死了|快来救").not("证明|申请|表格|填|缴费|网站|密码"),
			sigR("紧急情况|紧急|急救|很急|非常紧急", "救命|快|死|血|呼吸|火|伤|救护车|警察|消防|危险").not("证明|证件|住房|办理|申请|表格|材料|号码|联系方式|预案|兽医|牙医"),
		},
		human: []sigRule{
			sigR("人工客服|人工服务|转人工|找人工|要人工|我要人工|人工坐席|人工台|接线员|真人客服|真人服务|和真人|跟真人|找真人|要真人|真人说话|和人说话|跟人说话|找工作人员|联系工作人员|和工作人员|跟工作人员|转工作人员|要工作人员|找客服|联系客服|转客服|找个人|不要机器人|不想和机器人|不是机器人|机器人没用|找接线员|跟客服说").not(sigSocialWorker),
			sigR("人工|客服|真人|工作人员|人工客服|人工服务").short(3).not(sigNotAPersonRequest + "|费").not(sigSocialWorker),
		},
		personal: []sigRule{
			sigR("我的申请|我的材料|我的案件|我的档案|我的证件|我的居留|我的身份证|我的护照|我的卡|我的文件|我的业务|我申请的|我提交的|我的退款|我交的|我办的|我的居住证|我的登记|我的投诉",
				"怎么样|进度|状态|到哪|到哪一步|还没|没收到|没有收到|还在|审核|审批|通过了吗|批了吗|批下来|结果|什么时候能拿|什么时候下来|什么时候批|卡住|没消息|没有消息|没动静|没有动静|处理了吗|处理得|办好了吗|办完了吗|被拒|拒绝|通过没|延迟|推迟|一直没").not(sigBills),
			sigR("还没收到|还没有收到|一直没收到|一直没有收到|到现在还没|没收到|没有收到|还没拿到|一直没拿到|还没下来", "证|卡|居留|护照|回复|答复|结果|批准|退款|材料|文件|任何|消息|决定|申请|通知书").not(sigBills),
			sigR("等了|等了好久|我等了很久", "好几个月|几个月|好几周|几周|一个月|两个月|三个月|申请|结果|回复|证|卡"),
			sigR("申请编号|受理编号|受理号|案件编号|档案号|业务编号|办件编号|流水号|申请号|回执号|回执编号|我的申请怎么样|进度查询|查进度|查询进度|查一下进度|办理进度|审批进度|审核进度"),
			sigR("我申请了|我提交了|我递交了|我交了材料|我已经申请|已经提交|已经递交", "还没|没有消息|没消息|没动静|几个月|几周|一个月|多久了|到现在|进度|结果|没收到"),
		},
		fileStrong:       "申请编号|编号|受理号|案件号|档案号|流水号|办件号|业务号|申请号|回执号|文件号",
		fileWeak:         "申请|案件|材料|业务",
		numberMarks:      "号|编号|号码",
		numberNotAFileNo: "元|块|欧元|天|个月|小时|分钟|电话|手机|费用|多少钱|人|页|次|岁",
	}
}

// elsewhereLexicon names, in each language, subjects that belong to other
// offices than a municipality's (the Questura's passports, the
// Motorizzazione's driving licences, the tax agency's income tax, the
// health service's family doctors and pharmacies, transport companies,
// employment centres, car hire). A phrase is matched on the analysed
// terms of the message (kb/analysis, as the knowledge base is indexed):
// all of its terms must occur, in any order.
//
// The lexicon only says what a message is about, not that Sportello cannot
// answer it: a knowledge base whose entry speaks of passports answers a
// passport question from that entry (offTopic).
var elsewhereLexicon = map[string]string{
	"it": "passaporto|farmacia|farmacie|treno|treni|ferrovia|stazione ferroviaria|medico di base|medico di famiglia|medico curante|dichiarazione dei redditi|irpef|patente|noleggio auto|noleggiare macchina|cerco lavoro|trovare lavoro|offerte di lavoro|biglietto autobus|abbonamento autobus",
	"en": "passport|pharmacy|chemist|train|railway|family doctor|gp|income tax|tax return|driving licence|driving license|driver license|rent a car|car hire|car rental|looking for work|looking for a job|find a job|bus ticket|bus pass",
	"fr": "passeport|pharmacie|train|sncf|médecin traitant|médecin de famille|impôt sur le revenu|déclarer impôts|déclaration d'impôts|permis de conduire|louer une voiture|location de voiture|cherche du travail|chercher du travail|cherche un emploi|ticket de bus|abonnement de bus",
	"es": "pasaporte|farmacia|tren|trenes|médico de cabecera|médico de familia|declaración de la renta|irpf|carnet de conducir|licencia de conducir|permiso de conducir|alquilar un coche|alquiler de coches|busco trabajo|buscar trabajo|billete de autobús|abono de autobús",
	"de": "reisepass|apotheke|zug|bahn|fahrkarte|hausarzt|einkommensteuer|steuererklärung|führerschein|auto mieten|mietwagen|arbeit suchen|job suchen|busticket|busfahrkarte",
	"ar": "جواز السفر|باسبور|صيدلية|قطار|طبيب الأسرة|طبيب العائلة|ضريبة الدخل|رخصة السياقة|رخصة القيادة|كراء سيارة|استئجار سيارة|أبحث عن عمل|تذكرة الحافلة",
	"ro": "pașaport|farmacie|tren|medic de familie|impozit pe venit|declarația de venit|permis de conducere|permis auto|închiriez o mașină|mașină de închiriat|caut de lucru|caut un loc de muncă|bilet de autobuz|abonament de autobuz",
	"sq": "pasaportë|farmaci|tren|mjek familje|tatim mbi të ardhurat|patentë|leje drejtimi|makinë me qira|kërkoj punë|biletë autobusi",
	"zh": "护照|药店|药房|火车|高铁|家庭医生|个人所得税|个税|报税|驾照|驾驶证|租车|找工作|公交卡|车票",
}

// elsewhereTerms holds elsewhereLexicon analysed, per language: each
// phrase as the set of its distinct terms.
var elsewhereTerms = func() map[string][][]string {
	out := map[string][][]string{}
	for lang, list := range elsewhereLexicon {
		for _, p := range strings.Split(list, "|") {
			ts := wordTerms(analysis.Terms(lang, p))
			slices.Sort(ts)
			ts = slices.Compact(ts)
			if len(ts) == 0 {
				panic("chat: an elsewhere phrase with no term in " + lang + ": " + p)
			}
			out[lang] = append(out[lang], ts)
		}
	}
	return out
}()

// wordTerms drops the single Chinese characters that analysis.Terms
// adds to a Chinese word's bigrams, when the word has any: "护照" is the
// passport, its 照 alone occurs in "照片" (a photo) too.
func wordTerms(ts []string) []string {
	if !slices.ContainsFunc(ts, multiHan) {
		return ts
	}
	return slices.DeleteFunc(ts, singleHan)
}

func singleHan(t string) bool {
	r, n := utf8.DecodeRuneInString(t)
	return n == len(t) && analysis.IsHan(r)
}

func multiHan(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return analysis.IsHan(r) && !singleHan(t)
}

// anchorShare is how many of an entry's phrasings (its question and
// alternates) a word of the message must occur in to be the entry's own
// subject: the identity card's "carta" and "identità" occur in most of its
// phrasings, a passing "quando" or "apre" in one or two.
const anchorShare = 0.4

// offTopic reports, for each hit, the other office's subject that the
// message is about and the hit does not cover ("" when there is none):
// the subject's words are absent from the entry's question and alternate
// phrasings, and none of the message's other words is the entry's own
// subject. "Ich habe meinen Ausweis im Zug verloren" names a train but is
// about the identity card, which it names as the entry does; "wie
// verlängere ich meinen Reisepass in Italien" shares only "Italien" with
// the EU citizens' voting entry. speaks is set for the hits whose
// phrasings do name the message's subjects.
func offTopic(lang, text string, hits []ScoredHit) (off []string, speaks []bool) {
	off, speaks = make([]string, len(hits)), make([]bool, len(hits))
	phrases := elsewhereTerms[lang]
	if len(phrases) == 0 {
		return off, speaks
	}
	msg := analysis.Terms(lang, text)
	var found [][]string
	for _, p := range phrases {
		if !slices.ContainsFunc(p, func(t string) bool { return !slices.Contains(msg, t) }) {
			found = append(found, p)
		}
	}
	if len(found) == 0 {
		return off, speaks
	}
	for i, h := range hits {
		v := h.Entry.Variants[lang]
		if v == nil {
			continue
		}
		var phr [][]string
		for _, p := range kb.Phrasings(v) {
			phr = append(phr, analysis.Terms(lang, p))
		}
		speaks[i] = true
		for _, subject := range found {
			if covered(subject, phr) {
				continue
			}
			speaks[i] = false
			if !anchored(msg, subject, phr) {
				off[i] = strings.Join(subject, " ")
				break
			}
		}
	}
	return off, speaks
}

// covered reports whether every term occurs in one of the phrasings.
func covered(terms []string, phrasings [][]string) bool {
	for _, t := range terms {
		if !slices.ContainsFunc(phrasings, func(p []string) bool { return slices.Contains(p, t) }) {
			return false
		}
	}
	return true
}

// anchored reports whether a word of the message other than the subject's
// occurs in at least anchorShare of the phrasings.
func anchored(msg, subject []string, phrasings [][]string) bool {
	if len(phrasings) == 0 {
		return false
	}
	for _, t := range msg {
		if slices.Contains(subject, t) || singleHan(t) {
			continue
		}
		n := 0
		for _, p := range phrasings {
			if slices.Contains(p, t) {
				n++
			}
		}
		if float64(n) >= anchorShare*float64(len(phrasings)) {
			return true
		}
	}
	return false
}
