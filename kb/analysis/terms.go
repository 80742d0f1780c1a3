package analysis

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/spanish"
)

// MaxTerms bounds the terms taken from one text, so that a pasted 100 KB
// message costs no more to search than a long question.
const MaxTerms = 256

// stemmers are the Snowball stemmers used as they are. Arabic's runs inside
// stemArabic, which removes clitics first (arabic.go); Albanian has no
// Snowball stemmer and gets a light one (albanian.go). Chinese is not
// stemmed.
var stemmers = map[string]func(*snowball.Env) bool{
	"it": italian.Stem,
	"en": english.Stem,
	"fr": french.Stem,
	"es": spanish.Stem,
	"de": german.Stem,
	"ro": romanian.Stem,
}

// HasStemmer reports whether lang's words are reduced to stems.
func HasStemmer(lang string) bool {
	_, ok := stemmers[base(lang)]
	return ok || base(lang) == "sq" || base(lang) == "ar"
}

// Terms returns the index terms of text written in lang: folded, without
// stop words, stemmed where a stemmer exists; Chinese becomes character
// bigrams. An unknown language is folded and split but not stemmed.
func Terms(lang, text string) []string {
	return appendTerms(nil, lang, text)
}

func appendTerms(out []string, lang, text string) []string {
	lang = base(lang)
	stop := stopwords[lang]
	stem := stemmers[lang]
	for _, w := range strings.Fields(Fold(text)) {
		if len(out) >= MaxTerms {
			break
		}
		if hasHan(w) {
			out = appendHan(out, w)
			continue
		}
		if stop[w] || allStop[w] && lang == "" || lang == "ar" && isArabiziWord(w) && arabiziStop(w, stop) {
			continue
		}
		if n := utf8.RuneCountInString(w); n > 40 || n == 1 && w[0] >= 'a' {
			// Not a word: a pasted hash or key mash, or a lone letter left
			// by an elision such as d'identità.
			continue
		}
		switch {
		case stem != nil:
			env := snowball.NewEnv(w)
			stem(env)
			w = env.Current()
		case lang == "sq":
			w = stemAlbanian(w)
		case lang == "ar":
			w = stemArabic(w, stop)
		}
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// appendHan splits a word containing Chinese characters into its Latin or
// digit parts (kept whole, as in "CIE" or "2025") and its Chinese parts,
// which become overlapping character bigrams. Chinese has no spaces, and
// bigrams match most two-character words without a dictionary. Common
// function characters break the runs, so that 我的身份证 indexes 身份 and 份证
// and not 的身.
func appendHan(out []string, w string) []string {
	var run []rune
	flushHan := func() {
		switch len(run) {
		case 0:
		case 1:
			out = append(out, string(run))
		default:
			for i := 0; i+1 < len(run); i++ {
				out = append(out, string(run[i:i+2]))
			}
			// Single characters too: 罚款 and 罚单 (two words for a fine)
			// share no bigram but do share 罚. Bigrams still decide the
			// ranking, since single characters are far more common.
			for _, r := range run {
				out = append(out, string(r))
			}
		}
		run = run[:0]
	}
	var other strings.Builder
	flushOther := func() {
		if other.Len() > 0 {
			out = append(out, other.String())
			other.Reset()
		}
	}
	for _, r := range w {
		switch {
		case IsHan(r) && !zhStop[r]:
			flushOther()
			run = append(run, r)
		case IsHan(r):
			flushOther()
			flushHan()
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			flushHan()
			other.WriteRune(r)
		}
	}
	flushHan()
	flushOther()
	return out
}

func hasHan(w string) bool {
	for _, r := range w {
		if r >= 0x2E80 && IsHan(r) {
			return true
		}
	}
	return false
}

func base(lang string) string {
	if i := strings.IndexByte(lang, '-'); i > 0 {
		return strings.ToLower(lang[:i])
	}
	return strings.ToLower(lang)
}

// Alternatives returns, for the terms of text that could have been
// analysed otherwise, the other analyses, most likely first: Arabic
// readings in which a letter the stemmer took for a clitic is part of the
// word, or one it kept is a clitic (ولدات: لدا or ولد; نجددها: نجدد or
// جدد). They are not index terms: retrieval searches one only for a term
// the knowledge base does not know, and only if the knowledge base knows
// the alternative.
func Alternatives(lang, text string) map[string][]string {
	lang = base(lang)
	if lang != "ar" {
		return nil
	}
	stop := stopwords[lang]
	out := map[string][]string{}
	for i, w := range strings.Fields(Fold(text)) {
		if i >= MaxTerms {
			break
		}
		if stop[w] || hasHan(w) || utf8.RuneCountInString(w) > 40 {
			continue
		}
		if isArabiziWord(w) {
			if !arabiziStop(w, stop) {
				out[w] = appendNew(out[w], arabiziAlternatives(w, stop)...)
			}
			continue
		}
		if t := stemArabic(w, stop); t != "" {
			out[t] = appendNew(out[t], arabicAlternatives(w, t, stop)...)
		}
	}
	return out
}

// appendNew appends to list the items it does not contain yet.
func appendNew(list []string, items ...string) []string {
	for _, x := range items {
		if !slices.Contains(list, x) {
			list = append(list, x)
		}
	}
	return list
}
