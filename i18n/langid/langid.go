// Package langid identifies the language of short chat messages among a
// fixed, configured set of languages.
//
// General-purpose identifiers are trained on long, well-edited text over
// hundreds of languages and do badly on what citizens actually type into the
// municipal chat: three words, no accents, SMS abbreviations, Italian
// administrative terms dropped into a foreign sentence. Restricting the choice
// to the languages a deployment serves, and training on that kind of message,
// is what makes short inputs workable.
//
// The model is a naive-Bayes classifier over character 1-4-grams of words
// (with word-boundary markers) and whole words, trained on the embedded
// corpus/<lang>.txt files. Every word is learnt both as written and without
// accents, so "identita" scores like "identità". Around it:
//
//   - a non-Latin script settles the candidates: any Han character means a
//     language written in Han (zh), any Arabic letter one written in Arabic
//     (ar), whatever Latin acronyms surround it;
//   - diacritics that few languages use (ë, ș, ß, ñ...) add evidence even in
//     words the corpora never saw;
//   - Italian administrative terms that foreign residents use untranslated
//     (TARI, permesso di soggiorno...) count for little when other words are
//     present (see loans.go).
//
// Built-in profiles exist for it, en, fr, es, de, ro, sq, ar and zh; other
// languages can be taught with Train.
package langid

import (
	"embed"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

//go:embed corpus/*.txt
var corpusFS embed.FS

// Guess is one candidate language with its normalised probability.
type Guess struct {
	Lang string
	Prob float64
}

// Detector identifies the language of short texts among a fixed set of
// languages. Detect, Ranked and Languages may be called concurrently; Train
// may not run at the same time as any of them.
type Detector struct {
	langs []string
	pos   map[string]int
	// trained holds text added with Train; built-in profiles are shared
	// between detectors and never mutated, so they live elsewhere.
	trained []*counts

	mu    sync.Mutex
	model atomic.Pointer[model]
}

// New returns a detector restricted to langs (BCP-47 codes; only the base
// language is kept, so "it-IT" means "it"). Languages without a built-in
// profile are accepted only if Train later gives them text; until then they
// are never returned. New returns an error naming any code that is not a
// syntactically valid language tag.
func New(langs []string) (*Detector, error) {
	if len(langs) == 0 {
		return nil, errors.New("langid: no languages configured")
	}
	d := &Detector{pos: make(map[string]int, len(langs))}
	var bad []string
	for _, code := range langs {
		base, err := baseCode(code)
		if err != nil {
			bad = append(bad, fmt.Sprintf("%q", code))
			continue
		}
		if _, dup := d.pos[base]; dup {
			continue
		}
		d.pos[base] = len(d.langs)
		d.langs = append(d.langs, base)
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("langid: invalid language code %s", strings.Join(bad, ", "))
	}
	d.trained = make([]*counts, len(d.langs))
	// Build now so that the first chat turn does not pay for it; Train
	// invalidates the result and the next Detect rebuilds.
	d.compiled()
	return d, nil
}

// baseCode reduces a BCP-47 tag to its lower-case base language subtag.
// language.Raw is used so that the caller's spelling survives ("iw" stays
// "iw" instead of becoming "he"), which keeps Train and Languages consistent
// with what the caller configured.
func baseCode(code string) (string, error) {
	tag, err := language.Raw.Parse(code)
	var unknown language.ValueError
	switch {
	case err == nil:
		base, conf := tag.Base()
		if conf != language.Exact {
			// "und" and private-use-only tags name no language; Base
			// would guess one (usually "en"), which must not happen
			// silently.
			return "", errors.New("no language subtag")
		}
		return base.String(), nil
	case errors.As(err, &unknown):
		// Well-formed but not in the registry: still a valid tag, and a
		// deployment may Train a profile for it.
		first, _, _ := strings.Cut(strings.ReplaceAll(code, "_", "-"), "-")
		return strings.ToLower(first), nil
	default:
		return "", err
	}
}

// Languages returns the configured languages (base codes, in the order given
// to New, without duplicates).
func (d *Detector) Languages() []string {
	return append([]string(nil), d.langs...)
}

// Train adds text written in lang to the detector's model, to adapt it to a
// deployment's own FAQ content or to teach it a language without a built-in
// profile. Text for a language not passed to New is ignored, so that the
// restriction chosen at New always holds. Train must not run concurrently
// with Detect or Ranked.
func (d *Detector) Train(lang, text string) {
	base, err := baseCode(lang)
	if err != nil {
		return
	}
	i, ok := d.pos[base]
	if !ok {
		return
	}
	if d.trained[i] == nil {
		d.trained[i] = newCounts()
	}
	for _, line := range strings.Split(text, "\n") {
		d.trained[i].addText(line, 1)
	}
	d.model.Store(nil)
}

// Detect returns the most likely language of text and a confidence in [0,1];
// for text with no letters it returns ("", 0). It is also ("", 0) when no
// configured language has any profile to compare against.
func (d *Detector) Detect(text string) (lang string, confidence float64) {
	m := d.compiled()
	scores, ok := m.score(text)
	if !ok {
		return "", 0
	}
	best := -1
	for i, s := range scores {
		if !m.active[i] {
			continue
		}
		if best < 0 || s > scores[best] {
			best = i
		}
	}
	if best < 0 {
		return "", 0
	}
	probs := m.normalise(scores)
	return d.langs[best], probs[best]
}

// Ranked returns all configured languages with normalised probabilities,
// best first. Languages that have no profile get probability 0. For text with
// no letters it returns nil, matching Detect's ("", 0).
func (d *Detector) Ranked(text string) []Guess {
	m := d.compiled()
	scores, ok := m.score(text)
	if !ok {
		return nil
	}
	probs := m.normalise(scores)
	out := make([]Guess, len(d.langs))
	for i, l := range d.langs {
		out[i] = Guess{Lang: l, Prob: probs[i]}
	}
	// Stable keeps the configured order among ties, so results are
	// deterministic.
	sort.SliceStable(out, func(a, b int) bool { return out[a].Prob > out[b].Prob })
	return out
}

// compiled returns the scoring tables, building them on first use after New
// or Train. Building lazily lets a deployment call Train many times without
// paying for a rebuild each time.
func (d *Detector) compiled() *model {
	if m := d.model.Load(); m != nil {
		return m
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if m := d.model.Load(); m != nil {
		return m
	}
	sources := make([][]*counts, len(d.langs))
	for i, l := range d.langs {
		if p := builtinProfile(l); p != nil {
			sources[i] = append(sources[i], p)
		}
		if d.trained[i] != nil {
			sources[i] = append(sources[i], d.trained[i])
		}
	}
	m := compile(d.langs, sources)
	d.model.Store(m)
	return m
}

var (
	builtinMu       sync.Mutex
	builtinProfiles = map[string]*counts{}
)

// builtinProfile returns the shared, read-only counts for lang's embedded
// corpus, or nil if there is none. Parsing is cached because every detector
// of a process needs the same profiles.
func builtinProfile(lang string) *counts {
	builtinMu.Lock()
	defer builtinMu.Unlock()
	if c, ok := builtinProfiles[lang]; ok {
		return c
	}
	data, err := corpusFS.ReadFile("corpus/" + lang + ".txt")
	var c *counts
	if err == nil {
		sentences, words := parseCorpus(string(data))
		c = countsFrom(sentences, words)
	}
	builtinProfiles[lang] = c
	return c
}

// parseCorpus splits a corpus file into sentences and function words. Lines
// starting with '#' are comments, except the "#words" marker after which
// every whitespace-separated token is a function word.
func parseCorpus(data string) (sentences, words []string) {
	inWords := false
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "#words":
			inWords = true
		case line == "" || strings.HasPrefix(line, "#"):
		case inWords:
			words = append(words, strings.Fields(line)...)
		default:
			sentences = append(sentences, line)
		}
	}
	return sentences, words
}

// functionWordWeight is how many sentence occurrences one function-word list
// entry is worth. The lists name the words that carry the most signal in a
// three-word message, which a small corpus under-represents.
var functionWordWeight = 3.0

func countsFrom(sentences, words []string) *counts {
	c := newCounts()
	for _, s := range sentences {
		c.addText(s, 1)
	}
	for _, w := range words {
		c.addText(w, functionWordWeight)
	}
	return c
}

// lower-level helpers shared by training and detection

// maxInput bounds the work done per message, in bytes before and after
// normalisation: the language of a chat message is settled long before 4 KB,
// and the bound keeps a pasted document, or a few hundred characters that
// NFKC expands eighteen-fold, from stalling the chat turn.
const maxInput = 4096

// normalize applies NFKC and lower-casing within the maxInput budget. NFKC
// folds full-width Latin and Arabic presentation forms onto the letters the
// model knows.
func normalize(text string) string {
	return normalizeLimit(text, maxInput)
}

// normalizeLimit is normalize with an explicit budget; limit <= 0 means
// none, which training uses so that long FAQ paragraphs are learnt whole.
func normalizeLimit(text string, limit int) string {
	if limit <= 0 {
		return strings.ToLower(norm.NFKC.String(text))
	}
	if len(text) > limit {
		text = text[:limit]
	}
	if norm.NFKC.IsNormalString(text) {
		return strings.ToLower(text)
	}
	var it norm.Iter
	it.InitString(norm.NFKC, text)
	out := make([]byte, 0, len(text)+len(text)/4)
	for !it.Done() && len(out) < limit {
		out = append(out, it.Next()...)
	}
	return strings.ToLower(string(out))
}

// isWordRune reports whether r belongs inside a word. Marks are included so
// that decomposed accents and Arabic vowel signs do not split words.
func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsMark(r))
}

// words calls fn for each word of an already normalised text. The slice
// passed to fn is reused between calls.
func words(s string, buf []rune, fn func(w []rune)) []rune {
	w := buf[:0]
	for _, r := range s {
		if isWordRune(r) {
			w = append(w, r)
			continue
		}
		if len(w) > 0 {
			fn(w)
			w = w[:0]
		}
	}
	if len(w) > 0 {
		fn(w)
	}
	return w
}

// fold strips accents for the second, unaccented spelling learnt for each
// word. Letters that are not a base plus a combining mark get explicit
// replacements because NFD leaves them alone.
func fold(w []rune) []rune {
	var b strings.Builder
	for _, r := range w {
		b.WriteRune(r)
	}
	d := norm.NFD.String(b.String())
	out := make([]rune, 0, len(w)+2)
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'ß':
			out = append(out, 's', 's')
		case 'œ':
			out = append(out, 'o', 'e')
		case 'æ':
			out = append(out, 'a', 'e')
		case 'ø':
			out = append(out, 'o')
		case 'ł':
			out = append(out, 'l')
		case 'đ':
			out = append(out, 'd')
		case 'ı':
			out = append(out, 'i')
		default:
			out = append(out, r)
		}
	}
	return out
}

func equalRunes(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
