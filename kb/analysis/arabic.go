package analysis

import (
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
