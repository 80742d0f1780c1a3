package telephony

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// FuzzSplit checks, for any text, what the SMSC and the handset rely on:
// the parts of the normalised text rejoin to it exactly, each fits its
// segment, none divides an escape or surrogate pair, and Segments predicts
// the number of parts sent.
func FuzzSplit(f *testing.F) {
	f.Add("È l\u2019ufficio\u2026 " + italianLong)
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if again := Normalize(n); again != n {
			t.Fatalf("Normalize not idempotent: %q -> %q -> %q", s, n, again)
		}
		for _, ref16 := range []bool{false, true} {
			enc, parts := Split(n, ref16)
			checkParts(t, n, ref16, enc, parts)
			var whole []byte
			for _, p := range parts {
				if enc == GSM7 {
					b, _ := EncodeGSM7(p)
					whole = append(whole, b...)
				} else {
					whole = append(whole, EncodeUCS2(p)...)
				}
			}
			var want []byte
			if enc == GSM7 {
				want, _ = EncodeGSM7(n)
			} else {
				want = EncodeUCS2(n)
			}
			if !bytes.Equal(whole, want) {
				t.Fatalf("encoded parts differ from the encoded text (ref16=%v)", ref16)
			}
			info := Segments(n)
			if info.Encoding != enc {
				t.Errorf("Segments encoding %v, Split %v", info.Encoding, enc)
			}
			if !ref16 && info.Segments != len(parts) {
				t.Errorf("Segments counts %d, Split sent %d parts", info.Segments, len(parts))
			}
			if ref16 && len(parts) < info.Segments {
				t.Errorf("16-bit references gave %d parts, fewer than the %d of 8-bit ones", len(parts), info.Segments)
			}
			unit := 1
			if enc == UCS2 {
				unit = 2
			}
			if info.Units*unit != len(want) {
				t.Errorf("Segments counts %d units, encoding has %d bytes", info.Units, len(want))
			}
		}
		if got := Truncate(n, 1, "…"); Segments(got).Segments > 1 {
			t.Errorf("Truncate(_, 1) takes %d segments", Segments(got).Segments)
		}
	})
}

// FuzzGSM7 round-trips every GSM-encodable text through EncodeGSM7 and
// DecodeGSM7, and feeds arbitrary bytes to both decoders, which read data
// from SMSCs and handsets and so must fail cleanly rather than panic.
func FuzzGSM7(f *testing.F) {
	f.Add([]byte("Costo: 22,21 € [CIE]"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if s := string(b); Choose(s) == GSM7 {
			enc, err := EncodeGSM7(s)
			if err != nil {
				t.Fatalf("EncodeGSM7(%q): %v although Choose says GSM-7", s, err)
			}
			back, err := DecodeGSM7(enc)
			if err != nil || back != s {
				t.Fatalf("round trip of %q gave %q, %v", s, back, err)
			}
		}

		if dec, err := DecodeGSM7(b); err == nil {
			enc, err := EncodeGSM7(dec)
			if err != nil {
				t.Fatalf("decoded text %q does not encode: %v", dec, err)
			}
			if again, err := DecodeGSM7(enc); err != nil || again != dec {
				t.Fatalf("decode-encode-decode of % X gave %q, want %q (%v)", b, again, dec, err)
			}
		}

		dec, err := DecodeUCS2(b)
		if (err != nil) != (len(b)%2 == 1) {
			t.Fatalf("DecodeUCS2(% X) error %v for length %d", b, err, len(b))
		}
		if err == nil {
			if !utf8.ValidString(dec) {
				t.Fatalf("DecodeUCS2 gave invalid UTF-8 %q", dec)
			}
			if again, err := DecodeUCS2(EncodeUCS2(dec)); err != nil || again != dec {
				t.Fatalf("UCS-2 round trip of %q gave %q, %v", dec, again, err)
			}
		}
	})
}
