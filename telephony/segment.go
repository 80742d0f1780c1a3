package telephony

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Capacities of one segment's user data (140 octets), in the units of each
// encoding. A concatenated message spends 6 octets on the UDH with an 8-bit
// reference, 7 with a 16-bit one; GSM-7 loses 7 and 8 septets to it once
// the fill bits are counted.
const (
	gsmSingle   = 160
	ucsSingle   = 70
	gsmConcat8  = 153
	ucsConcat8  = 67
	gsmConcat16 = 152
	ucsConcat16 = 66
)

// wordWindow is how far back Split looks for a space: far enough to save
// almost every word, near enough that a segment is never left mostly empty.
const wordWindow = 15

// Info is what a text will cost on the SMS channel.
type Info struct {
	// Encoding is the encoding the whole message needs.
	Encoding Encoding
	// Units counts septets for GSM7 (extension characters take two) and
	// UTF-16 code units for UCS2 (characters beyond the BMP take two).
	Units int
	// Segments is the number of segments an SMSC bills, 0 for the empty
	// text, which need not be sent at all.
	Segments int
	// PerSegment is the capacity that applied: 160 or 70 for a single
	// segment, 153 or 67 once the concatenation header takes its share.
	PerSegment int
}

// Segments measures s as Split(s, false) would send it, taking escape and
// surrogate pairs that cannot straddle a boundary into account, so that the
// count is the one billed and not merely Units divided by PerSegment. It
// assumes 8-bit concatenation references, the common default; with 16-bit
// references a long text can need one segment more.
func Segments(s string) Info {
	enc, n := measure(s)
	info := Info{Encoding: enc, Units: n, PerSegment: singleCapacity(enc)}
	switch {
	case n == 0:
	case n <= info.PerSegment:
		info.Segments = 1
	default:
		info.PerSegment = concatCapacity(enc, false)
		info.Segments = len(cuts(s, enc, info.PerSegment, false))
	}
	return info
}

// Split returns the encoding of s and the texts of its segments, ready to be
// encoded one by one under a concatenation header: 16-bit references when
// ref16 is true, 8-bit ones otherwise. The parts join back to s exactly (it
// is not normalised here; call Normalize first). A text that fits one
// segment is returned whole and the empty text gives no parts.
//
// No part ends inside a GSM escape pair or a UTF-16 surrogate pair, which a
// handset would display as garbage. A part that would end inside a word ends
// after the last space among its final 15 characters instead, so that
// handsets that show parts separately do not show half words; if that makes
// the message a segment longer, all parts are cut at the limit instead,
// because the municipality pays per segment and handsets that reassemble
// never show the cut.
func Split(s string, ref16 bool) (Encoding, []string) {
	enc, n := measure(s)
	if n == 0 {
		return enc, nil
	}
	if n <= singleCapacity(enc) {
		return enc, []string{s}
	}
	per := concatCapacity(enc, ref16)
	ends := cuts(s, enc, per, true)
	if len(ends) > (n+per-1)/per { // not obviously minimal
		if hard := cuts(s, enc, per, false); len(hard) < len(ends) {
			ends = hard
		}
	}
	parts := make([]string, len(ends))
	start := 0
	for i, end := range ends {
		parts[i] = s[start:end]
		start = end
	}
	return enc, parts
}

func singleCapacity(enc Encoding) int {
	if enc == GSM7 {
		return gsmSingle
	}
	return ucsSingle
}

func concatCapacity(enc Encoding, ref16 bool) int {
	switch {
	case enc == GSM7 && ref16:
		return gsmConcat16
	case enc == GSM7:
		return gsmConcat8
	case ref16:
		return ucsConcat16
	}
	return ucsConcat8
}

// measure returns the encoding s needs and its length in that encoding's
// units, in one pass.
func measure(s string) (Encoding, int) {
	septets, units := 0, 0
	gsm := true
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		units += ucsUnits(r)
		if gsm {
			c := gsmSeptets(r)
			if c == 0 || (r == utf8.RuneError && w == 1) {
				gsm = false
			}
			septets += c
		}
	}
	if gsm {
		return GSM7, septets
	}
	return UCS2, units
}

// ucsUnits is the UTF-16 length of r; invalid UTF-8 is sent as U+FFFD, one
// unit, which is what utf8.DecodeRuneInString reports for it.
func ucsUnits(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

func unitsOf(r rune, enc Encoding) int {
	if enc == GSM7 {
		return gsmSeptets(r)
	}
	return ucsUnits(r)
}

// isBreak reports whether a part may end after r. No-break spaces are
// excluded because the author chose them to keep "10 €" or "art. 5" together.
func isBreak(r rune) bool {
	switch r {
	case '\u00A0', '\u2007', '\u202F':
		return false
	}
	return unicode.IsSpace(r)
}

// cuts returns the byte offsets at which the parts of s end, each part
// holding at most per units of enc. Since a rune is never divided, neither
// is an escape pair (one rune in s) nor a surrogate pair (one rune too).
// Without words it is the greedy packing, which needs the fewest parts.
func cuts(s string, enc Encoding, per int, words bool) []int {
	var ends []int
	start, units, runes := 0, 0, 0
	spaceEnd, spaceIdx := -1, 0 // just after the last break in this part, and its rune index
	prevBreak := false
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		c := unitsOf(r, enc)
		if units+c > per {
			end := i
			if words && !prevBreak && !isBreak(r) && spaceEnd > start && spaceIdx >= runes-wordWindow {
				end = spaceEnd
			}
			ends = append(ends, end)
			start, units, runes, spaceEnd, prevBreak = end, 0, 0, -1, false
			i = end
			continue
		}
		units += c
		prevBreak = isBreak(r)
		if prevBreak {
			spaceEnd, spaceIdx = i+w, runes
		}
		runes++
		i += w
	}
	if start < len(s) {
		ends = append(ends, len(s))
	}
	return ends
}

// Truncate shortens s so that it takes at most maxSegments segments (as
// counted by Segments) with suffix appended, for channels with a budget per
// answer. It cuts after the last whole word that fits, dropping the spaces
// and the comma, semicolon or colon before the cut, and cuts inside a word
// only when the first word alone does not fit; even then it keeps emoji
// sequences and combining marks whole. When the kept text is GSM-7 the
// suffix is normalised ("…" becomes "..."), because one typographic
// character would otherwise turn the whole answer into UCS-2. A suffix that
// cannot fit at all is dropped.
//
// s comes back unchanged when it already fits, and maxSegments below 1
// gives the empty string.
func Truncate(s string, maxSegments int, suffix string) string {
	if Segments(s).Segments <= maxSegments {
		return s
	}
	if maxSegments < 1 {
		return ""
	}
	gsmSuffix := Normalize(suffix)
	if Choose(gsmSuffix) != GSM7 {
		gsmSuffix = suffix
	}
	with := func(prefix string) string {
		if Choose(prefix) == GSM7 {
			return prefix + gsmSuffix
		}
		return prefix + suffix
	}
	fits := func(prefix string) bool {
		return Segments(with(prefix)).Segments <= maxSegments
	}
	if !fits("") {
		suffix, gsmSuffix = "", ""
	}

	// The longest prefix that fits, by bisection over rune boundaries:
	// fits("") holds and fits(s) does not, and adding text never lowers the
	// count.
	offs := make([]int, 0, len(s)+1)
	for i := range s {
		offs = append(offs, i)
	}
	offs = append(offs, len(s))
	lo, hi := 0, len(offs)-1
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fits(s[:offs[mid]]) {
			lo = mid
		} else {
			hi = mid
		}
	}
	p := offs[lo]

	var candidates []int
	if r, _ := utf8.DecodeRuneInString(s[p:]); isBreak(r) {
		candidates = append(candidates, p)
	} else if q := strings.LastIndexFunc(s[:p], isBreak); q > 0 {
		candidates = append(candidates, q)
	}
	candidates = append(candidates, graphemeCut(s, p), p)
	for _, c := range candidates {
		prefix := strings.TrimRightFunc(s[:c], trimBeforeSuffix)
		if prefix != "" && fits(prefix) {
			return with(prefix)
		}
	}
	if prefix := s[:p]; fits(prefix) {
		return with(prefix)
	}
	return with("")
}

func trimBeforeSuffix(r rune) bool {
	return unicode.IsSpace(r) || r == ',' || r == ';' || r == ':'
}

// graphemeCut moves a cut at byte p back until it no longer separates a
// character from what modifies it: combining marks, variation selectors,
// skin tones, the joiners of emoji sequences and the halves of a flag. A
// truncated answer ending in half an emoji shows as a box on the handset.
func graphemeCut(s string, p int) int {
	for p > 0 {
		prev, pw := utf8.DecodeLastRuneInString(s[:p])
		next, _ := utf8.DecodeRuneInString(s[p:])
		if (p < len(s) && extendsPrevious(next)) || prev == '\u200D' {
			p -= pw
			continue
		}
		if p < len(s) && isRegionalIndicator(next) && isRegionalIndicator(prev) {
			n := 0 // regional indicators before p; an odd count means p splits a flag
			for q := p; q > 0; {
				r, w := utf8.DecodeLastRuneInString(s[:q])
				if !isRegionalIndicator(r) {
					break
				}
				n++
				q -= w
			}
			if n%2 == 1 {
				p -= pw
				continue
			}
		}
		break
	}
	return p
}

func extendsPrevious(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) ||
		r == '\u200D' || // zero width joiner
		(r >= 0xFE00 && r <= 0xFE0F) || // variation selectors
		(r >= 0x1F3FB && r <= 0x1F3FF) || // skin tone modifiers
		(r >= 0xE0020 && r <= 0xE007F) // tag characters of subdivision flags
}

func isRegionalIndicator(r rune) bool {
	return r >= 0x1F1E6 && r <= 0x1F1FF
}
