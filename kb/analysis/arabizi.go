package analysis

import (
	"slices"
	"strings"
)

// Arabizi is Arabic typed in Latin letters, with digits for the letters
// Latin lacks: "bghit ndir l'ISEE", "wldi f lmadrassa", "3afak". In an
// Arabic message, a Latin word is either such a word or a loan the
// knowledge base may well contain in Latin letters (residenza, SPID,
// permesso di soggiorno). fromArabizi gives the Arabic-script spellings a
// Latin word may stand for; a word that is an Arabic stop word in every
// spelling is one in Latin letters too (bghit, kifach, dyali), and
// retrieval tries the others only for a word the knowledge base does not
// know in Latin letters.

// arabiziLetters maps a Latin letter, digraph or digit to the Arabic letter
// it usually stands for in Maghrebi and Levantine Arabizi. Emphatic and
// plain consonants share a Latin letter (t for ت and ط, s for س and ص);
// the plain one is given.
var arabiziLetters = map[string]string{
	"kh": "خ", "gh": "غ", "ch": "ش", "sh": "ش", "th": "ث", "dh": "ذ",
	"3": "ع", "7": "ح", "9": "ق", "5": "خ", "8": "غ", "6": "ط",
	"b": "ب", "t": "ت", "j": "ج", "d": "د", "r": "ر", "z": "ز", "s": "س",
	"f": "ف", "q": "ق", "k": "ك", "l": "ل", "m": "م", "n": "ن", "h": "ه",
	"w": "و", "y": "ي", "g": "ك", "p": "ب", "v": "ف", "c": "ك", "x": "كس",
}

// isArabiziWord reports whether the folded word w is written in Latin
// letters and digits only, with at least one letter.
func isArabiziWord(w string) bool {
	letter := false
	for _, r := range w {
		switch {
		case 'a' <= r && r <= 'z':
			letter = true
		case '0' <= r && r <= '9':
		default:
			return false
		}
	}
	return letter
}

// fromArabizi returns the Arabic-script spellings the folded Latin word w
// may stand for, most likely first: with its vowels written as long
// vowels, and with only the first and last written (short vowels are not
// written in Arabic: nsajel is نسجل); a final a or e also as a taa marbuta
// (mdina, madrase); a first l also as the article (l9dima, lmadrassa).
func fromArabizi(w string) []string {
	if !isArabiziWord(w) || len(w) < 2 || len(w) > 24 {
		return nil
	}
	var out []string
	add := func(s string) {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, skeleton := range []bool{false, true} {
		base := transliterate(w, skeleton)
		add(base)
		if last := w[len(w)-1]; last == 'a' || last == 'e' {
			// A final vowel as a taa marbuta: ه once folded.
			add(strings.TrimSuffix(base, "ا") + "ه")
		}
	}
	if w[0] == 'l' && len(w) >= 4 && !isLatinVowel(w[1]) {
		for _, s := range out {
			add("ا" + s)
		}
	}
	return out
}

// transliterate spells w in Arabic letters; with skeleton, only a first
// and a last vowel are written.
func transliterate(w string, skeleton bool) string {
	var b strings.Builder
	last := ""
	for i := 0; i < len(w); {
		c := w[i]
		if isLatinVowel(c) {
			n := 1
			for i+n < len(w) && isLatinVowel(w[i+n]) {
				n++
			}
			v := w[i : i+n]
			first, final := i == 0, i+n == len(w)
			i += n
			if skeleton && !first && !final {
				continue
			}
			var ar string
			switch {
			case first:
				ar = "ا"
			case strings.ContainsAny(v, "ou"):
				ar = "و"
			case strings.Contains(v, "i") || v == "ee":
				ar = "ي"
			case v == "e" && !final:
				ar = "" // a schwa, never written
			case v == "e":
				ar = "ه"
			default:
				ar = "ا"
			}
			b.WriteString(ar)
			last = ""
			continue
		}
		if c == '2' {
			// A hamza: on a yeh before i, otherwise on an alef.
			i++
			if i < len(w) && w[i] == 'i' {
				b.WriteString("ي")
				i++
			} else {
				b.WriteString("ا")
			}
			last = ""
			continue
		}
		ar, n := "", 1
		if i+1 < len(w) {
			if d, ok := arabiziLetters[w[i:i+2]]; ok {
				ar, n = d, 2
			}
		}
		if ar == "" {
			ar = arabiziLetters[w[i:i+1]]
		}
		i += n
		if ar == last {
			continue // a doubled consonant is written once (nbeddel: نبدل)
		}
		b.WriteString(ar)
		last = ar
	}
	return b.String()
}

func isLatinVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// arabiziStop reports whether the Latin word w, of three letters or more,
// is spelt in Arabic letters as an Arabic stop word: bghit (بغيت), kifach
// (كيفاش), dyali (ديالي). Shorter words are often loans or names (the app
// IO would be the stop word او).
func arabiziStop(w string, stop map[string]bool) bool {
	spellings := fromArabizi(w)
	return len(w) >= 3 && len(spellings) > 0 && stemArabic(spellings[0], stop) == ""
}

// arabiziAlternatives returns the readings of the Latin word w in Arabic
// letters, as stems and their alternatives.
func arabiziAlternatives(w string, stop map[string]bool) []string {
	var out []string
	for _, s := range fromArabizi(w) {
		t := stemArabic(s, stop)
		if t == "" {
			continue
		}
		for _, c := range append([]string{t}, arabicAlternatives(s, t, stop)...) {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// EmbeddingText returns the text to embed for a query in lang: for an
// Arabic query written entirely in Latin letters (Arabizi), text followed
// by the Arabic spelling of each of its words, so that a vector of
// character n-grams can meet the Arabic knowledge base; otherwise text
// itself.
func EmbeddingText(lang, text string) string {
	if !IsArabizi(lang, text) {
		return text
	}
	stop := stopwords["ar"]
	var b strings.Builder
	b.WriteString(text)
	for _, w := range strings.Fields(Fold(text)) {
		if s := fromArabizi(w); len(s) > 0 && !arabiziStop(w, stop) {
			b.WriteByte(' ')
			b.WriteString(s[0])
		}
	}
	return b.String()
}

// IsArabizi reports whether text, in lang, is Arabic written in Latin
// letters: lang is Arabic, text has no Arabic letter, and one of its words
// is Arabizi for sure, with a digit for an Arabic letter (3afak, t7at) or
// spelt as an Arabic stop word (bghit, kifach). Loans typed alone on the
// Arabic page (ISEE, permesso di soggiorno) are not. Such a text is
// searched through guessed Arabic spellings.
func IsArabizi(lang, text string) bool {
	if base(lang) != "ar" || strings.ContainsFunc(text, isArabicLetter) {
		return false
	}
	stop := stopwords["ar"]
	for _, w := range strings.Fields(Fold(text)) {
		if isArabiziWord(w) && (strings.ContainsAny(w, "23579") && strings.ContainsFunc(w, isLatinLetter) || arabiziStop(w, stop)) {
			return true
		}
	}
	return false
}

func isLatinLetter(r rune) bool { return 'a' <= r && r <= 'z' }

func isArabicLetter(r rune) bool { return r >= 0x0600 && r <= 0x06FF }
