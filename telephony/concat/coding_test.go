package concat

import (
	"strings"
	"testing"
)

func TestCharset(t *testing.T) {
	gsm1 := Codings{GSM: 1}
	ascii0 := Codings{GSM: 1, Zero: CharsetASCII}
	tests := []struct {
		c       Codings
		dc      byte
		want    Charset
		wantErr string
	}{
		{Codings{}, 0x00, CharsetGSM7, ""},
		{Codings{}, 0x01, CharsetASCII, ""},
		{Codings{}, 0x03, CharsetLatin1, ""},
		{Codings{}, 0x06, CharsetCyrillic, ""},
		{Codings{}, 0x07, CharsetHebrew, ""},
		{Codings{}, 0x08, CharsetUCS2, ""},
		{gsm1, 0x01, CharsetGSM7, ""},
		{gsm1, 0x00, CharsetLatin1, ""},
		{ascii0, 0x00, CharsetASCII, ""},
		{Codings{}, 0x10, CharsetGSM7, ""}, // GSM-7, class 0
		{Codings{}, 0x18, CharsetUCS2, ""}, // UCS-2, class 0
		{Codings{}, 0xF1, CharsetGSM7, ""}, // GSM-7, class 1
		{Codings{}, 0xC8, CharsetGSM7, ""}, // voicemail indication
		{Codings{}, 0xE0, CharsetUCS2, ""}, // message waiting, UCS-2
		{Codings{}, 0x02, 0, "binary"},     // 8-bit binary
		{Codings{}, 0x04, 0, "binary"},     // 8-bit binary
		{Codings{}, 0xF4, 0, "8-bit"},      // 8-bit, class 0
		{Codings{}, 0x14, 0, "8-bit"},      // general coding, 8-bit
		{Codings{}, 0x28, 0, "compressed"}, // compressed UCS-2
		{Codings{}, 0x1C, 0, "reserved"},   // reserved alphabet
		{Codings{}, 0x05, 0, "not supported"},
		{Codings{}, 0x80, 0, "not supported"},
	}
	for _, tc := range tests {
		got, err := tc.c.Charset(tc.dc)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%+v.Charset(%#02x) error %v, want one mentioning %q", tc.c, tc.dc, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%+v.Charset(%#02x) = %v, %v; want %v", tc.c, tc.dc, got, err, tc.want)
		}
	}
}

func TestCodingsValidate(t *testing.T) {
	for _, c := range []Codings{{}, {GSM: 1}, {GSM: 1, Zero: CharsetASCII}, {Zero: CharsetGSM7}} {
		if err := c.Validate(); err != nil {
			t.Errorf("%+v: %v", c, err)
		}
	}
	for _, c := range []Codings{{GSM: 3}, {GSM: 8}, {GSM: 1, Zero: CharsetGSM7}, {Zero: CharsetUCS2}} {
		if err := c.Validate(); err == nil {
			t.Errorf("%+v is accepted", c)
		}
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name    string
		dc      byte
		in      []byte
		want    string
		wantErr bool
	}{
		{"gsm with escape", 0x00, []byte{0x43, 0x1B, 0x65, 0x20, 0x04}, "C€ è", false},
		{"gsm septet above 0x7f", 0x00, []byte{0x41, 0x80}, "", true},
		{"gsm trailing escape", 0x00, []byte{0x41, 0x1B}, "", true},
		{"ascii", 0x01, []byte("Ciao 123"), "Ciao 123", false},
		{"ascii high byte", 0x01, []byte{'a', 0xE8}, "", true},
		{"latin-1", 0x03, []byte{'P', 'e', 'r', 'c', 'h', 0xE9, ' ', 0xC8}, "Perché È", false},
		{"cyrillic", 0x06, []byte{0xBF, 0xE0, 0xD8, 0xD2, 0xD5, 0xE2}, "Привет", false},
		{"ucs-2 arabic", 0x08, []byte{0x06, 0x45, 0x06, 0x31, 0x06, 0x2D, 0x06, 0x28, 0x06, 0x27}, "مرحبا", false},
		{"ucs-2 emoji pair", 0x08, []byte{0xD8, 0x3D, 0xDE, 0x00}, "😀", false},
		{"ucs-2 odd length", 0x08, []byte{0x00, 0x41, 0x00}, "", true},
		{"binary", 0x04, []byte{0x01, 0x02}, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Codings{}.Decode(tc.dc, tc.in)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("Decode(%#02x, % X) = %q, %v; want %q, error %v", tc.dc, tc.in, got, err, tc.want, tc.wantErr)
			}
		})
	}
}
