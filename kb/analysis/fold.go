// Package analysis turns text in any supported language into the terms that
// Sportello indexes and searches: Unicode normalisation, case and diacritic
// folding, Arabic letter normalisation, stop words, stemming where a stemmer
// exists, and character bigrams for Chinese.
//
// Index time and query time run the same functions, so a citizen who types
// "identita" without the accent, "sedinta" without the Romanian comma, or
// "أحتاج" with a hamza finds text written "identità", "ședință" or "احتاج".
package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s lower-cased, NFKC-normalised, with diacritics removed from
// Latin letters and Arabic letter variants unified. It keeps letters, digits
// and spaces; every other rune becomes a space, and runs of spaces collapse.
// Fold is the normalisation shared by retrieval, language rules and the
// emergency and person-request lexicons: patterns written for them must be
// folded with it too.
func Fold(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	// NFKC first: full-width forms, ligatures and compatibility digits
	// become their plain forms; NFD then splits letters from their accents.
	s = norm.NFD.String(norm.NFKC.String(s))
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		if r == 'ß' {
			b.WriteString("ss")
			space = false
			continue
		}
		r = foldRune(r)
		switch {
		case r == 0:
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// foldRune maps one decomposed rune to its folded form; 0 drops it.
func foldRune(r rune) rune {
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	switch {
	case unicode.Is(unicode.Mn, r):
		// Combining marks: Latin accents (including the Romanian comma and
		// cedilla below s and t, the Albanian diaeresis and cedilla) and
		// Arabic harakat, shadda and sukun.
		return 0
	case r == 0x0640: // tatweel, the Arabic elongation stroke
		return 0
	case r == 0x200C || r == 0x200D || r == 0x200E || r == 0x200F || r == 0xFEFF:
		return 0
	}
	switch r {
	// Arabic: alef with hamza above/below, madda and wasla → bare alef.
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا'
	// Alef maksura and the Persian yeh → yeh.
	case 'ى', 'ی':
		return 'ي'
	// Taa marbuta → haa, as most Arabic search engines do.
	case 'ة':
		return 'ه'
	case 'ؤ':
		return 'و'
	case 'ئ':
		return 'ي'
	case 'ک':
		return 'ك'
	// Arabic-Indic digits → ASCII digits.
	case '٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩':
		return '0' + (r - '٠')
	case '۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹':
		return '0' + (r - '۰')
	case 'ı':
		return 'i'
	case 'ł', 'Ł':
		return 'l'
	case 'ø', 'Ø':
		return 'o'
	case 'đ', 'Đ':
		return 'd'
	case 'æ', 'Æ':
		return 'a'
	case 'œ', 'Œ':
		return 'o'
	}
	return unicode.ToLower(r)
}

// IsHan reports whether r is a Chinese character.
func IsHan(r rune) bool { return unicode.Is(unicode.Han, r) }
