package telephony

import (
	"encoding/binary"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// Encoding is the character set of one whole SMS: the data coding scheme
// applies to every segment of a message, so a single character outside GSM
// 03.38 decides it for all of them.
type Encoding int

const (
	// GSM7 is the GSM 03.38 default alphabet with its extension table
	// (data_coding 0); it is the cheap encoding, 160 characters a segment.
	GSM7 Encoding = iota
	// UCS2 is UTF-16 big-endian (data_coding 8). Handsets have decoded
	// surrogate pairs in it for years, so emoji are sent as two units
	// rather than refused.
	UCS2
)

// String returns the name carriers and gateway logs use, so that log lines
// can be compared with an SMSC's reports.
func (e Encoding) String() string {
	switch e {
	case GSM7:
		return "GSM-7"
	case UCS2:
		return "UCS-2"
	}
	return fmt.Sprintf("Encoding(%d)", int(e))
}

// gsmEscape introduces a character of the extension table. As a character
// of its own it would be an invisible control in the text, so U+001B is
// deliberately not encodable.
const gsmEscape = 0x1B

// gsmBasic lists the default alphabet in septet order (3GPP TS 23.038,
// 6.2.1). Position 0x1B holds a placeholder that is never matched: it is the
// escape, not a character. Position 0x09 is capital Ç as in the standard.
const gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\uFFFFÆæßÉ" +
	" !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§" +
	"¿abcdefghijklmnopqrstuvwxyzäöñüà"

// gsmExtension maps the septet following an escape to its character
// (6.2.1.1). Everything else in that table is reserved or a control.
var gsmExtension = map[byte]rune{
	0x0A: '\f',
	0x14: '^',
	0x28: '{',
	0x29: '}',
	0x2F: '\\',
	0x3C: '[',
	0x3D: '~',
	0x3E: ']',
	0x40: '|',
	0x65: '€',
}

var (
	// gsmDecode is gsmBasic indexed by septet.
	gsmDecode [128]rune
	// gsmLatin1 holds, for runes below 0x100, the septet plus one (0 for
	// "not in the alphabet") with gsmExtFlag set for extension characters,
	// so that counting the common case needs no map lookup.
	gsmLatin1 [0x100]uint16
	// gsmOther covers the few runes above 0xFF: Greek capitals and €.
	gsmOther = map[rune]uint16{}
)

const gsmExtFlag = 0x100

func init() {
	i := 0
	for _, r := range gsmBasic {
		gsmDecode[i] = r
		if i != gsmEscape {
			setGSM(r, uint16(i)+1)
		}
		i++
	}
	if i != len(gsmDecode) {
		panic(fmt.Sprintf("telephony: GSM basic table has %d characters, want 128", i))
	}
	for code, r := range gsmExtension {
		setGSM(r, gsmExtFlag|(uint16(code)+1))
	}
}

func setGSM(r rune, v uint16) {
	if r < 0x100 {
		gsmLatin1[r] = v
	} else {
		gsmOther[r] = v
	}
}

// gsmLookup reports the septet for r and whether it needs the escape; ok is
// false when r is in neither table.
func gsmLookup(r rune) (septet byte, escaped, ok bool) {
	var v uint16
	if r >= 0 && r < 0x100 {
		v = gsmLatin1[r]
	} else {
		v = gsmOther[r]
	}
	if v == 0 {
		return 0, false, false
	}
	return byte(v&0xFF) - 1, v&gsmExtFlag != 0, true
}

// gsmSeptets is the cost of r in GSM-7, 0 when r cannot be sent in it.
func gsmSeptets(r rune) int {
	_, esc, ok := gsmLookup(r)
	switch {
	case !ok:
		return 0
	case esc:
		return 2
	}
	return 1
}

// Choose returns GSM7 when every character of s is in the GSM 03.38 basic or
// extension table, and UCS2 otherwise. Invalid UTF-8 cannot be sent as GSM-7
// and therefore also gives UCS2, where it travels as U+FFFD.
func Choose(s string) Encoding {
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && w == 1) || gsmSeptets(r) == 0 {
			return UCS2
		}
		i += w
	}
	return GSM7
}

// EncodeGSM7 returns s as unpacked septets, one per byte, with each extension
// character written as the escape 0x1B followed by its code. It fails on the
// first character that GSM 03.38 lacks rather than substituting '?', because
// a silently altered answer (a wrong date, a wrong amount) is worse than a
// message sent as UCS-2.
func EncodeGSM7(s string) ([]byte, error) {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 {
			return nil, fmt.Errorf("telephony: invalid UTF-8 at byte offset %d", i)
		}
		septet, esc, ok := gsmLookup(r)
		if !ok {
			return nil, fmt.Errorf("telephony: character %U is not in the GSM 03.38 alphabet (%q at byte offset %d)", r, r, i)
		}
		if esc {
			out = append(out, gsmEscape)
		}
		out = append(out, septet)
		i += w
	}
	return out, nil
}

// DecodeGSM7 reads unpacked septets, as SMPP delivers them with data_coding
// 0. Reserved extension codes follow TS 23.038, which tells receivers to
// show the basic-table character instead, and the double escape (reserved
// for a further table) reads as a space; being lenient there keeps a
// resident's message readable. A septet above 0x7F or an escape at the very
// end is an error: the first is not GSM-7 at all, the second is the trace of
// an escape pair split across segments.
func DecodeGSM7(b []byte) (string, error) {
	out := make([]rune, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c > 0x7F {
			return "", fmt.Errorf("telephony: byte 0x%02X at offset %d is not a GSM 7-bit septet", c, i)
		}
		if c != gsmEscape {
			out = append(out, gsmDecode[c])
			continue
		}
		if i+1 == len(b) {
			return "", fmt.Errorf("telephony: GSM escape 0x1B at offset %d ends the data (an escape pair split across segments?)", i)
		}
		i++
		c = b[i]
		switch r, ok := gsmExtension[c]; {
		case c > 0x7F:
			return "", fmt.Errorf("telephony: byte 0x%02X at offset %d is not a GSM 7-bit septet", c, i)
		case ok:
			out = append(out, r)
		case c == gsmEscape:
			out = append(out, ' ')
		default:
			out = append(out, gsmDecode[c])
		}
	}
	return string(out), nil
}

// EncodeUCS2 returns s as UTF-16 big-endian, the byte order SMS user data
// uses. Characters beyond the BMP become surrogate pairs (2 units each), and
// invalid UTF-8 becomes U+FFFD so that the count always matches Segments.
func EncodeUCS2(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for _, r := range s {
		if r >= 0x10000 {
			hi, lo := utf16.EncodeRune(r)
			out = binary.BigEndian.AppendUint16(out, uint16(hi))
			out = binary.BigEndian.AppendUint16(out, uint16(lo))
			continue
		}
		out = binary.BigEndian.AppendUint16(out, uint16(r))
	}
	return out
}

// DecodeUCS2 reads UTF-16 big-endian user data. An odd length is an error,
// since it means the data was cut or is not UCS-2 at all; an unpaired
// surrogate becomes U+FFFD, since handsets that split pairs exist and the
// rest of their message is still worth reading.
func DecodeUCS2(b []byte) (string, error) {
	if len(b)%2 != 0 {
		return "", fmt.Errorf("telephony: UCS-2 data has odd length %d", len(b))
	}
	units := make([]uint16, len(b)/2)
	for i := range units {
		units[i] = binary.BigEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(units)), nil
}
