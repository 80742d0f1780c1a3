package telephony

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// gsmBasicChars and gsmExtensionChars are every character of the two tables,
// written out independently of gsm.go so that a typo there shows up here.
const (
	gsmBasicChars = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ" +
		" !\"#¤%&'()*+,-./0123456789:;<=>?" +
		"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§" +
		"¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsmExtensionChars = "\f^{}\\[~]|€"
)

func TestGSMTables(t *testing.T) {
	if n := utf8.RuneCountInString(gsmBasicChars); n != 127 {
		t.Fatalf("test table has %d basic characters, want 127 (128 minus the escape)", n)
	}
	for _, r := range gsmBasicChars {
		t.Run(string(r), func(t *testing.T) {
			if got := gsmSeptets(r); got != 1 {
				t.Errorf("gsmSeptets(%U) = %d, want 1", r, got)
			}
		})
	}
	for _, r := range gsmExtensionChars {
		t.Run(string(r), func(t *testing.T) {
			if got := gsmSeptets(r); got != 2 {
				t.Errorf("gsmSeptets(%U) = %d, want 2", r, got)
			}
		})
	}
	// Characters that look as if they should be there and are not, each of
	// which forces UCS-2 on its own.
	for _, r := range "ÈÀÌÒÙçÁáíóúâêëîôûășțÿ`\x1b\u00a0\t\u2019\u201c\u2026\u2013¢°\u0300" {
		t.Run(string(r), func(t *testing.T) {
			if got := gsmSeptets(r); got != 0 {
				t.Errorf("gsmSeptets(%U) = %d, want 0 (not in GSM 03.38)", r, got)
			}
		})
	}
}

func TestGSMSeptetValues(t *testing.T) {
	// Spot checks of positions that implementations get wrong.
	tests := []struct {
		in   string
		want []byte
	}{
		{"@", []byte{0x00}},
		{"Ç", []byte{0x09}},
		{"\n", []byte{0x0A}},
		{"Δ", []byte{0x10}},
		{"É", []byte{0x1F}},
		{"¤", []byte{0x24}},
		{"¡", []byte{0x40}},
		{"§", []byte{0x5F}},
		{"¿", []byte{0x60}},
		{"à", []byte{0x7F}},
		{"€", []byte{0x1B, 0x65}},
		{"\f", []byte{0x1B, 0x0A}},
		{"^", []byte{0x1B, 0x14}},
		{"{}", []byte{0x1B, 0x28, 0x1B, 0x29}},
		{"\\", []byte{0x1B, 0x2F}},
		{"[~]", []byte{0x1B, 0x3C, 0x1B, 0x3D, 0x1B, 0x3E}},
		{"|", []byte{0x1B, 0x40}},
		{"Però è già così", []byte{0x50, 0x65, 0x72, 0x08, 0x20, 0x04, 0x20, 0x67, 0x69, 0x7F, 0x20, 0x63, 0x6F, 0x73, 0x07}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := EncodeGSM7(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("EncodeGSM7(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestChoose(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Encoding
	}{
		{"empty", "", GSM7},
		{"italian", "Buongiorno, l'ufficio anagrafe è aperto lunedì dalle 9 alle 12.", GSM7},
		{"extension", "Costo: 16,79 € [carta] {ok} ~ | ^ \\", GSM7},
		{"capital E grave", "È aperto", UCS2},
		{"curly apostrophe", "l\u2019ufficio", UCS2},
		{"ellipsis", "attendere\u2026", UCS2},
		{"no-break space", "10\u00a0€", UCS2},
		{"small c cedilla", "çdo", UCS2},
		{"capital C cedilla", "Ç", GSM7},
		{"romanian", "știați", UCS2},
		{"arabic", "مرحبا", UCS2},
		{"chinese", "你好", UCS2},
		{"emoji", "ok 👍", UCS2},
		{"tab", "a\tb", UCS2},
		{"literal escape", "a\x1bb", UCS2},
		{"invalid utf8", "ciao\xff", UCS2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Choose(tc.in); got != tc.want {
				t.Errorf("Choose(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestEncodingString(t *testing.T) {
	got := []string{GSM7.String(), UCS2.String(), Encoding(7).String()}
	if diff := cmp.Diff([]string{"GSM-7", "UCS-2", "Encoding(7)"}, got); diff != "" {
		t.Errorf("String (-want +got):\n%s", diff)
	}
}

func TestEncodeGSM7Errors(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"È aperto", `telephony: character U+00C8 is not in the GSM 03.38 alphabet ('È' at byte offset 0)`},
		{"ok 👍", `telephony: character U+1F44D is not in the GSM 03.38 alphabet ('👍' at byte offset 3)`},
		{"a\x1b", `telephony: character U+001B is not in the GSM 03.38 alphabet ('\x1b' at byte offset 1)`},
		{"ab\xff", `telephony: invalid UTF-8 at byte offset 2`},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := EncodeGSM7(tc.in)
			if err == nil {
				t.Fatalf("EncodeGSM7(%q) = %v, want error", tc.in, got)
			}
			if diff := cmp.Diff(tc.want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeGSM7(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		want    string
		wantErr string
	}{
		{"plain", []byte{0x43, 0x69, 0x61, 0x6F}, "Ciao", ""},
		{"euro", []byte{0x31, 0x30, 0x1B, 0x65}, "10€", ""},
		{"capital C cedilla", []byte{0x09}, "Ç", ""},
		{"double escape reads as space", []byte{0x61, 0x1B, 0x1B, 0x62}, "a b", ""},
		{"reserved extension code reads as basic character", []byte{0x1B, 0x41}, "A", ""},
		{"CR2 reads as CR", []byte{0x1B, 0x0D}, "\r", ""},
		{"empty", nil, "", ""},
		{"not a septet", []byte{0x61, 0x80}, "", "telephony: byte 0x80 at offset 1 is not a GSM 7-bit septet"},
		{"not a septet after escape", []byte{0x1B, 0xE5}, "", "telephony: byte 0xE5 at offset 1 is not a GSM 7-bit septet"},
		{"dangling escape", []byte{0x61, 0x1B}, "", "telephony: GSM escape 0x1B at offset 1 ends the data (an escape pair split across segments?)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodeGSM7(tc.in)
			if tc.wantErr != "" {
				if err == nil {
					t.Fatalf("DecodeGSM7(% X) = %q, want error %q", tc.in, got, tc.wantErr)
				}
				if diff := cmp.Diff(tc.wantErr, err.Error()); diff != "" {
					t.Errorf("error (-want +got):\n%s", diff)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("DecodeGSM7(% X) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestGSM7RoundTrip(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"whole basic table", gsmBasicChars},
		{"whole extension table", gsmExtensionChars},
		{"italian answer", "Per la carta d'identità elettronica (CIE) serve l'appuntamento: costo 22,21 €. Però è già possibile prenotare così: https://www.comune.example/cie?x=1|2"},
		{"greek capitals", "ΔΦΓΛΩΠΨΣΘΞ"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := EncodeGSM7(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := len(b), Segments(tc.in).Units; got != want {
				t.Errorf("len(EncodeGSM7) = %d, want Segments().Units = %d", got, want)
			}
			got, err := DecodeGSM7(b)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.in, got); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUCS2(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []byte
	}{
		{"latin", "Aè", []byte{0x00, 0x41, 0x00, 0xE8}},
		{"arabic", "مرحبا", []byte{0x06, 0x45, 0x06, 0x31, 0x06, 0x2D, 0x06, 0x28, 0x06, 0x27}},
		{"chinese", "你好", []byte{0x4F, 0x60, 0x59, 0x7D}},
		{"emoji is a surrogate pair", "😀", []byte{0xD8, 0x3D, 0xDE, 0x00}},
		{"flag", "🇮🇹", []byte{0xD8, 0x3C, 0xDD, 0xEE, 0xD8, 0x3C, 0xDD, 0xF9}},
		{"empty", "", []byte{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := EncodeUCS2(tc.in)
			if diff := cmp.Diff(tc.want, b); diff != "" {
				t.Errorf("EncodeUCS2(%q) (-want +got):\n%s", tc.in, diff)
			}
			if got, want := len(b)/2, Segments(tc.in).Units; tc.in != "" && Choose(tc.in) == UCS2 && got != want {
				t.Errorf("EncodeUCS2 gave %d units, Segments counts %d", got, want)
			}
			got, err := DecodeUCS2(b)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.in, got); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUCS2RoundTripMixed(t *testing.T) {
	in := "Ufficio anagrafe 📄 مكتب السجل المدني 户籍办公室 👨‍👩‍👧 🇮🇹 Zyra e gjendjes civile"
	got, err := DecodeUCS2(EncodeUCS2(in))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestDecodeUCS2Malformed(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		want    string
		wantErr string
	}{
		{"odd length", []byte{0x00, 0x41, 0x00}, "", "telephony: UCS-2 data has odd length 3"},
		{"lone high surrogate", []byte{0xD8, 0x3D, 0x00, 0x41}, "\uFFFDA", ""},
		{"lone low surrogate", []byte{0x00, 0x41, 0xDE, 0x00}, "A\uFFFD", ""},
		{"high surrogate at end", []byte{0xD8, 0x3D}, "\uFFFD", ""},
		{"reversed pair", []byte{0xDE, 0x00, 0xD8, 0x3D}, "\uFFFD\uFFFD", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodeUCS2(tc.in)
			if tc.wantErr != "" {
				if err == nil {
					t.Fatalf("DecodeUCS2(% X) = %q, want error", tc.in, got)
				}
				if diff := cmp.Diff(tc.wantErr, err.Error()); diff != "" {
					t.Errorf("error (-want +got):\n%s", diff)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("DecodeUCS2(% X) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestEncodeUCS2InvalidUTF8(t *testing.T) {
	// Invalid bytes travel as U+FFFD, one unit each, as Segments counts them.
	in := "a\xff\xfeb"
	if diff := cmp.Diff([]byte{0x00, 0x61, 0xFF, 0xFD, 0xFF, 0xFD, 0x00, 0x62}, EncodeUCS2(in)); diff != "" {
		t.Errorf("EncodeUCS2 (-want +got):\n%s", diff)
	}
	if got := Segments(in).Units; got != 4 {
		t.Errorf("Segments(%q).Units = %d, want 4", in, got)
	}
	if strings.ContainsRune(gsmBasic, utf8.RuneError) {
		t.Error("the basic table must not contain U+FFFD")
	}
}
