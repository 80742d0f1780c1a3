package telephony

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"curly apostrophe", "l\u2019ufficio è all\u2019ingresso", "l'ufficio è all'ingresso"},
		{"curly single quotes", "\u2018TARI\u2019 \u201Abasso\u201B", "'TARI' 'basso'"},
		{"curly double quotes", "\u201CCarta d'identità\u201D \u201Ebasso\u201F", `"Carta d'identità" "basso"`},
		{"en and em dash", "9\u201312 \u2014 lunedì", "9-12 - lunedì"},
		{"ellipsis", "Un momento\u2026", "Un momento..."},
		{"no-break space", "10\u00A0€", "10 €"},
		{"narrow no-break, thin, ideographic spaces", "a\u202Fb\u2009c\u3000d\u2002e", "a b c d e"},
		{"tab", "orari:\tlun-ven", "orari: lun-ven"},
		{"capital grave vowels", "È À Ì Ò Ù", "E' A' I' O' U'"},
		{"sentence start", "È possibile prenotare.", "E' possibile prenotare."},
		{"capital É is GSM and stays", "PERCHÉ", "PERCHÉ"},
		{"lower-case accents are GSM and stay", "à è é ì ò ù", "à è é ì ò ù"},
		{"decomposed lower case composes", "citta\u0300 perche\u0301 e\u0300", "città perché è"},
		{"decomposed capital", "E\u0300 COSI\u0300", "E' COSI'"},
		{"decomposed capital acute", "PERCHE\u0301", "PERCHÉ"},
		{"newline and CR stay", "riga 1\r\nriga 2", "riga 1\r\nriga 2"},
		{"guillemets are left alone", "«Sportello»", "«Sportello»"},
		{"other letters are left alone", "știați çdo Ё ó", "știați çdo Ё ó"},
		{"arabic", "مكتب\u00A0السجل", "مكتب السجل"},
		{"emoji", "ok 👍🏽", "ok 👍🏽"},
		{"invalid utf8 kept", "a\xff\u2019b\xc3", "a\xff'b\xc3"},
		{"empty", "", ""},
		{"lone combining accent", "\u0300E", "\u0300E"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Normalize(tc.in)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Normalize(%q) (-want +got):\n%s", tc.in, diff)
			}
			if again := Normalize(got); again != got {
				t.Errorf("Normalize is not idempotent: %q then %q", got, again)
			}
		})
	}
}

func TestNormalizeKeepsItalianGSM(t *testing.T) {
	in := "\u201CÈ possibile\u201D \u2014 dice l\u2019ufficio \u2026 Però SÌ, ÀNCORA È COSÌ\u00A0!"
	if Choose(in) != UCS2 {
		t.Fatalf("test input should need UCS-2")
	}
	if got := Normalize(in); Choose(got) != GSM7 {
		t.Errorf("Choose(Normalize(%q)) = UCS-2 for %q", in, got)
	}
}

func TestNormalizeNoAllocWhenClean(t *testing.T) {
	s := "Buongiorno, l'ufficio è aperto dalle 9 alle 12."
	if n := testing.AllocsPerRun(100, func() { _ = Normalize(s) }); n != 0 {
		t.Errorf("Normalize of clean text allocated %v times, want 0", n)
	}
}

func TestTransliterate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"romanian comma below", "Știați că țara", "Stiati ca tara"},
		{"romanian cedilla", "Ştiaţi şi Ţara", "Stiati si Tara"},
		{"romanian breve and circumflex", "ăâîĂÂÎ", "aaiAAI"},
		{"romanian sentence", "Bună ziua, când pot înnoi permisul de ședere?", "Buna ziua, cand pot innoi permisul de sedere?"},
		{"albanian", "Çfarë dokumentesh më duhen për lejen e qëndrimit?", "Cfare dokumentesh me duhen per lejen e qendrimit?"},
		{"albanian capitals", "ËSHTË ÇDO", "ESHTE CDO"},
		{"decomposed", "s\u0326t\u0327a\u0306i\u0302e\u0308c\u0327S\u0327", "staiecS"},
		{"italian untouched", "città perché È", "città perché È"},
		{"other diacritics untouched", "ñ ü ö ó ê", "ñ ü ö ó ê"},
		{"combining mark after other letter kept", "x\u0326", "x\u0326"},
		{"invalid utf8 kept", "\xffș", "\xffs"},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Transliterate(tc.in)); diff != "" {
				t.Errorf("Transliterate(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}
