package analysis

import (
	"slices"
	"strings"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
)

// Arabic stemming.
//
// Arabic writes as one word what European languages write as several: "and
// with the card" is والبطاقة, "my card" بطاقتي, "we renew it" نجددها. The
// citizens who write to Sportello also write dialect (Moroccan, Levantine,
// Egyptian), whose clitics differ from Modern Standard Arabic: فال for "in
// the" (فالبوسطة), عال for "to the" (عالمدرسة), Moroccan كـ and Levantine
// بـ before a present-tense verb (كيسالي, بيطلبوه), نـ for "I" in Moroccan
// (نجدد), the negation ما…ش (ما قدرتش). Index terms come from the Snowball
// Arabic stemmer with the corrections of stemArabic; the dialect verb forms
// are read by arabicAlternatives, whose readings retrieval tries only
// against the knowledge base's own vocabulary, since a letter that may be a
// prefix may as well be the first of the root.

// arArticles are the definite article and the prepositions and
// conjunctions written with it, longest first, among them the dialect
// contractions فال ("in the", Maghrebi) and عال ("on, to the",
// Levantine: عالبيت, عالمدرسة).
var arArticles = []string{"وبال", "وكال", "وال", "فال", "بال", "كال", "عال", "لل", "ال"}

// arPronouns are the attached pronouns, which also attach to function
// words: مني, معي, فيه, عندو.
var arPronouns = []string{"ها", "هم", "نا", "ني", "كم", "ه", "ي", "ك", "و"}

// stemArabic returns the stem of the folded Arabic word w, or "" when w,
// once its clitics are removed, is a stop word.
//
// The Snowball Arabic stemmer does the stemming proper, with three
// corrections for consistency: the article and the particles written with
// it go first (Snowball keeps the suffixes of a word whose article it
// removed, so that المساعده and مساعده differed, and does not know فال);
// a taa marbuta that a pronoun turned into ت goes with the pronoun
// (بطاقتي meets بطاقه); and the ا that Snowball leaves of a feminine
// plural goes too (طلبات meets طلب).
func stemArabic(w string, stop map[string]bool) string {
	r := []rune(w)
	article := false
	if n := articleLen(r); n > 0 {
		r, article = r[n:], true
	}
	if !article && len(r) > 2 && (r[0] == 'و' || r[0] == 'ف') && stop[string(r[1:])] {
		// A bare conjunction before a stop word: وشحال, فين.
		return ""
	}
	if stop[string(r)] {
		return ""
	}
	for _, p := range arPronouns {
		if hasSuffixRunes(r, p) && len(r) > runeLen(p) && stop[string(r[:len(r)-runeLen(p)])] {
			return ""
		}
	}
	env := snowball.NewEnv(string(r))
	arabic.Stem(env)
	st := []rune(env.Current())
	if n := len(st); n > arMinStem {
		switch {
		case st[n-1] == 'ت' && hasTaaPronoun(r):
			st = st[:n-1]
		case st[n-1] == 'ا' && hasSuffixRunes(r, "ات"):
			st = st[:n-1]
		}
	}
	if stop[string(st)] { // كانت, عنده
		return ""
	}
	return string(st)
}

// articleLen returns the length in letters of the article (with what is
// written with it) that r begins with, or 0. What follows must be a word
// of two letters at least, three after عال, whose letters begin words such
// as عالم and عالي.
func articleLen(r []rune) int {
	for _, p := range arArticles {
		n := runeLen(p)
		min := 2
		if p == "عال" {
			min = 3
		}
		if hasPrefixRunes(r, p) && len(r)-n >= min {
			return n
		}
	}
	return 0
}

// hasTaaPronoun reports whether r ends with a taa marbuta, written ت,
// under a pronoun suffix.
func hasTaaPronoun(r []rune) bool {
	for _, s := range []string{"تي", "تك", "ته", "تها", "تهم", "تنا", "تكم"} {
		if hasSuffixRunes(r, s) {
			return true
		}
	}
	return false
}

// arMinStem is the fewest letters a stem keeps: most Arabic roots have
// three, and stripping further merges unrelated words.
const arMinStem = 3

func hasPrefixRunes(r []rune, p string) bool {
	i := 0
	for _, c := range p {
		if i >= len(r) || r[i] != c {
			return false
		}
		i++
	}
	return true
}

func hasSuffixRunes(r []rune, s string) bool {
	n := runeLen(s)
	if n > len(r) {
		return false
	}
	return hasPrefixRunes(r[len(r)-n:], s)
}

func runeLen(s string) int { return len([]rune(s)) }

// arabicAlternatives returns other readings of the folded Arabic word w,
// whose stem is t, most likely first. Snowball takes a first و, ف, ب or ل
// for a clitic (ولادة becomes لاد) and keeps the prefixes of a
// present-tense verb (نجدد, كيسالي) and the dialect negation (ما درتهاش);
// the other readings undo or complete that: the word with only its
// article and one suffix removed, without a first clitic letter, without
// a verb prefix, without the negation. Retrieval tries them only against
// the knowledge base's own vocabulary.
func arabicAlternatives(w, t string, stop map[string]bool) []string {
	var out []string
	add := func(c string) {
		if c != "" && c != t && runeLen(c) >= arMinStem && !stop[c] && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	r := []rune(w)
	light := lightStemArabic(r)
	add(string(light))
	if len(r) >= 5 && r[len(r)-1] == 'ش' {
		// The negation ما …ش: درتهاش, قدرتش.
		add(string(lightStemArabic(r[:len(r)-1])))
		add(stemArabic(string(r[:len(r)-1]), stop))
	}
	if len(r) >= 4 && isArProclitic(r[0]) {
		add(string(lightStemArabic(r[1:])))
		add(stemArabic(string(r[1:]), stop))
	}
	// A present-tense verb, whose person prefix (نجدد, يسجل) may follow
	// a dialect marker (كيسال, بتخلص, بنسجل) or a future one (سنجدد,
	// حنسجل): the first person of Modern Standard Arabic, in which the
	// knowledge base's questions are written (كيف أجدد), and the bare
	// verb. Moroccan's first person is نـ, so نجدد is أجدد.
	for _, v := range [][]rune{light, []rune(t)} {
		if len(v) >= 5 && strings.ContainsRune("كبسحه", v[0]) && isImperfectPrefix(v[1]) {
			v = v[1:]
		}
		if len(v) >= 4 && isImperfectPrefix(v[0]) {
			add("ا" + string(v[1:]))
			add(string(v[1:]))
		}
	}
	return out
}

// lightStemArabic removes the article and one suffix from r, and nothing
// else: no first letter is taken for a clitic.
func lightStemArabic(r []rune) []rune {
	r = r[articleLen(r):]
	for _, s := range arSuffixes {
		if n := runeLen(s); len(r)-n >= arMinStem && hasSuffixRunes(r, s) {
			return r[:len(r)-n]
		}
	}
	return r
}

// arSuffixes are the suffixes lightStemArabic removes, longest first:
// pronouns, alone and after a taa marbuta written ت (بطاقتي), plural,
// dual and adjective endings, the taa marbuta itself (folded to ه) and the
// ت of a verb's past tense.
var arSuffixes = []string{
	"تها", "تهم", "تنا", "تكم",
	"ها", "هم", "كم", "نا", "ني", "وا", "ات", "ون", "ين", "ان", "يه", "تي", "ته", "تك",
	"ه", "ي", "ك", "ت",
}

func isArProclitic(r rune) bool { return strings.ContainsRune("وفبلك", r) }

func isImperfectPrefix(r rune) bool { return strings.ContainsRune("اينت", r) }
