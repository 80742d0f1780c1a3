package telephony

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	combiningGrave = '\u0300'
	combiningAcute = '\u0301'
)

// normalizeRune holds the replacements of Normalize for precomposed runes.
// Capital grave vowels become vowel plus apostrophe because that is how
// Italians write them where the keyboard lacks them ("E' aperto"), and
// readers take it as correct spelling, unlike a bare "E".
var normalizeRune = map[rune]string{
	'\u2018': "'", // ‘
	'\u2019': "'", // ’ (also the typographic apostrophe: "l’ufficio")
	'\u201A': "'", // ‚
	'\u201B': "'", // ‛
	'\u201C': `"`, // “
	'\u201D': `"`, // ”
	'\u201E': `"`, // „
	'\u201F': `"`, // ‟
	'\u2013': "-", // en dash
	'\u2014': "-", // em dash
	'\u2026': "...",
	'À':      "A'",
	'È':      "E'",
	'Ì':      "I'",
	'Ò':      "O'",
	'Ù':      "U'",
}

// normalizeDecomposed covers the same vowels typed as letter plus combining
// accent, as some phones and copy-pastes deliver them: the lower-case forms
// are composed (they are the GSM characters à è é ì ò ù written another
// way), the capitals get the apostrophe like their precomposed forms.
var normalizeDecomposed = map[[2]rune]string{
	{'a', combiningGrave}: "à",
	{'e', combiningGrave}: "è",
	{'e', combiningAcute}: "é",
	{'i', combiningGrave}: "ì",
	{'o', combiningGrave}: "ò",
	{'u', combiningGrave}: "ù",
	{'E', combiningAcute}: "É",
	{'A', combiningGrave}: "A'",
	{'E', combiningGrave}: "E'",
	{'I', combiningGrave}: "I'",
	{'O', combiningGrave}: "O'",
	{'U', combiningGrave}: "U'",
}

// Normalize rewrites the typography that would force an otherwise Italian
// message into UCS-2, tripling its cost: curly quotes and apostrophes, en and
// em dashes, the ellipsis, no-break and other Unicode spaces and the tab, and
// the capital accented vowels GSM 03.38 lacks (È À Ì Ò Ù, written E' A' I'
// O' U'), also when typed as a letter followed by a combining accent.
// Everything else, including invalid UTF-8, is left as it is: changing
// letters is Transliterate's decision, not a default. Normalize(Normalize(s))
// equals Normalize(s).
func Normalize(s string) string {
	return rewrite(s, normalizeRune, normalizeDecomposed, normalizeSpace)
}

// normalizeSpace selects the Unicode space separators (no-break space,
// narrow no-break space, thin space, ideographic space...) and the tab, which
// GSM lacks and which pasted text brings along. Newline and carriage return
// are GSM characters and stay.
func normalizeSpace(r rune) bool {
	return r == '\t' || (r != ' ' && unicode.Is(unicode.Zs, r))
}

const (
	combiningCircumflex = '\u0302'
	combiningBreve      = '\u0306'
	combiningDiaeresis  = '\u0308'
	combiningCommaBelow = '\u0326'
	combiningCedilla    = '\u0327'
)

// transliterateRune folds the Romanian and Albanian letters that GSM 03.38
// lacks. Both the comma-below (ș ț, correct) and the cedilla (ş ţ, legacy
// keyboards) spellings of Romanian occur in practice. Ç is in the GSM table,
// but it is folded with ç: otherwise "Çfarë" would keep its capital while
// "çdo" lost its cedilla, and some handsets show 0x09 as a lower-case ç.
var transliterateRune = map[rune]string{
	'ș': "s", 'ş': "s", 'Ș': "S", 'Ş': "S",
	'ț': "t", 'ţ': "t", 'Ț': "T", 'Ţ': "T",
	'ă': "a", 'Ă': "A", 'â': "a", 'Â': "A",
	'î': "i", 'Î': "I",
	'ë': "e", 'Ë': "E",
	'ç': "c", 'Ç': "C",
}

var transliterateDecomposed = map[[2]rune]string{
	{'s', combiningCommaBelow}: "s", {'s', combiningCedilla}: "s",
	{'S', combiningCommaBelow}: "S", {'S', combiningCedilla}: "S",
	{'t', combiningCommaBelow}: "t", {'t', combiningCedilla}: "t",
	{'T', combiningCommaBelow}: "T", {'T', combiningCedilla}: "T",
	{'a', combiningBreve}: "a", {'A', combiningBreve}: "A",
	{'a', combiningCircumflex}: "a", {'A', combiningCircumflex}: "A",
	{'i', combiningCircumflex}: "i", {'I', combiningCircumflex}: "I",
	{'e', combiningDiaeresis}: "e", {'E', combiningDiaeresis}: "E",
	{'c', combiningCedilla}: "c", {'C', combiningCedilla}: "C",
}

// Transliterate folds Romanian (ș ş ț ţ ă â î) and Albanian (ë ç) letters to
// plain Latin ones, in both cases, for carriers and deployments that would
// rather send a Romanian answer as one GSM-7 segment without diacritics than
// as three UCS-2 segments with them. SMS without diacritics is common in
// both languages, but it is still a loss, so it is never applied
// implicitly. Other characters are left alone.
func Transliterate(s string) string {
	return rewrite(s, transliterateRune, transliterateDecomposed, nil)
}

// rewrite applies per-rune and letter-plus-combining-mark replacements in one
// pass, copying s untouched (and without allocating) when nothing matches.
func rewrite(s string, single map[rune]string, pairs map[[2]rune]string, toSpace func(rune) bool) string {
	var b strings.Builder
	done := 0 // bytes of s already copied to b
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && c != '\t' && (i+1 == len(s) || s[i+1] < utf8.RuneSelf) {
			i++ // no table has ASCII keys, and no combining mark follows
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		repl, ok := single[r]
		n := w
		if !ok && r < utf8.RuneSelf && i+w < len(s) {
			if m, mw := utf8.DecodeRuneInString(s[i+w:]); m == combiningGrave || m == combiningAcute ||
				m == combiningCircumflex || m == combiningBreve || m == combiningDiaeresis ||
				m == combiningCommaBelow || m == combiningCedilla {
				if repl, ok = pairs[[2]rune{r, m}]; ok {
					n = w + mw
				}
			}
		}
		if !ok && toSpace != nil && toSpace(r) {
			repl, ok = " ", true
		}
		if !ok {
			i += w
			continue
		}
		if done == 0 && b.Len() == 0 {
			b.Grow(len(s) + 8)
		}
		b.WriteString(s[done:i])
		b.WriteString(repl)
		i += n
		done = i
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}
