package concat

import (
	"fmt"
	"strings"

	"golang.org/x/text/encoding/charmap"

	"github.com/sportello/sportello/telephony"
)

// Charset is the character set a data_coding value stands for.
type Charset int

// Character sets found in incoming messages. CharsetUnset is the zero
// value, meaning "not configured".
const (
	CharsetUnset Charset = iota
	CharsetGSM7
	CharsetASCII
	CharsetLatin1
	CharsetCyrillic
	CharsetHebrew
	CharsetUCS2
)

// String names the character set as carrier documentation does.
func (c Charset) String() string {
	switch c {
	case CharsetUnset:
		return "unset"
	case CharsetGSM7:
		return "GSM-7"
	case CharsetASCII:
		return "IA5/ASCII"
	case CharsetLatin1:
		return "Latin-1"
	case CharsetCyrillic:
		return "ISO-8859-5"
	case CharsetHebrew:
		return "ISO-8859-8"
	case CharsetUCS2:
		return "UCS-2"
	}
	return fmt.Sprintf("Charset(%d)", int(c))
}

// Codings says what one carrier means by the data_coding values that SMPP
// 3.4 leaves to the SMSC. The zero value is the common case: data_coding 0
// is the GSM 03.38 default alphabet, 1 is ASCII, 3 Latin-1 and 8 UCS-2.
type Codings struct {
	// GSM is the data_coding that carries the GSM 03.38 default alphabet,
	// as unpacked septets: 0 (SMPP's "SMSC default alphabet", the usual
	// setting) or 1 (IA5 in the specification, which some SMSCs use for
	// GSM-7 instead). Outgoing GSM-7 messages use it as well.
	GSM byte
	// Zero is what data_coding 0 means when GSM is 1, that is when the
	// SMSC's default alphabet is not GSM-7: CharsetLatin1 (assumed when
	// unset) or CharsetASCII.
	Zero Charset
}

// Validate reports a configuration that cannot describe a real carrier.
func (c Codings) Validate() error {
	if c.GSM != 0 && c.GSM != 1 {
		return fmt.Errorf("concat: data_coding %d for GSM-7 is not supported: use 0 (SMSC default alphabet) or 1 (IA5)", c.GSM)
	}
	switch c.Zero {
	case CharsetUnset, CharsetLatin1, CharsetASCII:
	case CharsetGSM7:
		if c.GSM != 0 {
			return fmt.Errorf("concat: data_coding 0 cannot be GSM-7 when GSM-7 is data_coding %d; leave GSM at 0 instead", c.GSM)
		}
	default:
		return fmt.Errorf("concat: data_coding 0 as %v is not supported: use Latin-1 or ASCII", c.Zero)
	}
	return nil
}

// Charset returns the character set of data_coding dc. Binary data
// (data_coding 2 and 4, and the 8-bit classes of the GSM coding groups),
// compressed text and the national character sets SMPP lists but handsets
// do not send are errors: such a message cannot be answered as text.
func (c Codings) Charset(dc byte) (Charset, error) {
	if dc == c.GSM {
		return CharsetGSM7, nil
	}
	switch dc {
	case 0:
		if c.Zero == CharsetUnset {
			return CharsetLatin1, nil
		}
		return c.Zero, nil
	case 1:
		return CharsetASCII, nil
	case 3:
		return CharsetLatin1, nil
	case 6:
		return CharsetCyrillic, nil
	case 7:
		return CharsetHebrew, nil
	case 8:
		return CharsetUCS2, nil
	case 2, 4:
		return CharsetUnset, fmt.Errorf("concat: data_coding %#02x is binary data, not text", dc)
	}
	// Above 0x0F data_coding is the GSM 03.38 data coding scheme itself
	// (3GPP TS 23.038, 4).
	switch {
	case dc >= 0x10 && dc <= 0x3F: // general data coding
		if dc&0x20 != 0 {
			return CharsetUnset, fmt.Errorf("concat: data_coding %#02x is compressed text, which is not supported", dc)
		}
		return dcsAlphabet(dc)
	case dc >= 0xC0 && dc <= 0xDF: // message waiting indication, discard or store, GSM-7
		return CharsetGSM7, nil
	case dc >= 0xE0 && dc <= 0xEF: // message waiting indication, store, UCS-2
		return CharsetUCS2, nil
	case dc >= 0xF0: // data coding/message class
		if dc&0x04 != 0 {
			return CharsetUnset, fmt.Errorf("concat: data_coding %#02x is 8-bit data, not text", dc)
		}
		return CharsetGSM7, nil
	}
	return CharsetUnset, fmt.Errorf("concat: data_coding %#02x is not supported", dc)
}

func dcsAlphabet(dc byte) (Charset, error) {
	switch (dc >> 2) & 0x03 {
	case 0:
		return CharsetGSM7, nil
	case 2:
		return CharsetUCS2, nil
	case 1:
		return CharsetUnset, fmt.Errorf("concat: data_coding %#02x is 8-bit data, not text", dc)
	}
	return CharsetUnset, fmt.Errorf("concat: data_coding %#02x uses a reserved alphabet", dc)
}

// Decode returns the text of user data ud (without its header) sent with
// data_coding dc. Invalid data is an error, never a panic: UCS-2 of odd
// length, a GSM septet above 0x7F or a trailing escape, a byte above 0x7F
// in ASCII.
func (c Codings) Decode(dc byte, ud []byte) (string, error) {
	cs, err := c.Charset(dc)
	if err != nil {
		return "", err
	}
	return decodeCharset(cs, ud)
}

func decodeCharset(cs Charset, ud []byte) (string, error) {
	switch cs {
	case CharsetGSM7:
		return telephony.DecodeGSM7(ud)
	case CharsetUCS2:
		return telephony.DecodeUCS2(ud)
	case CharsetASCII:
		for i, b := range ud {
			if b > 0x7F {
				return "", fmt.Errorf("concat: byte %#02x at offset %d is not ASCII", b, i)
			}
		}
		return string(ud), nil
	case CharsetLatin1:
		var sb strings.Builder
		sb.Grow(len(ud))
		for _, b := range ud {
			sb.WriteRune(rune(b))
		}
		return sb.String(), nil
	case CharsetCyrillic:
		return decodeCharmap(charmap.ISO8859_5, ud)
	case CharsetHebrew:
		return decodeCharmap(charmap.ISO8859_8, ud)
	}
	return "", fmt.Errorf("concat: no decoder for %v", cs)
}

func decodeCharmap(cm *charmap.Charmap, ud []byte) (string, error) {
	out, err := cm.NewDecoder().Bytes(ud)
	if err != nil {
		return "", fmt.Errorf("concat: decoding %v: %w", cm, err)
	}
	return string(out), nil
}
