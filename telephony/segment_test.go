package telephony

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// The texts of the measurements recorded in the project's SMS notes (GSM 03.38 segment counts checked on real peers).
const (
	italian159  = "Gentile utente, l'ufficio anagrafe del Comune è aperto dal lunedì al venerdì dalle 9 alle 12. Per la carta d'identità serve l'appuntamento: prenota online ora."
	arabic112   = "يمكنك تجديد بطاقة الهوية في مكتب السجل المدني من يوم الاثنين إلى الجمعة من الساعة التاسعة حتى الثانية عشرة ظهرا."
	romanian147 = "Bună ziua! Pentru reînnoirea permisului de ședere trebuie să vă prezentați la ghișeu cu pașaportul și o fotografie. Programarea se face pe site-ul."
)

func TestMeasuredTextLengths(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{{italian159, 159}, {arabic112, 112}, {romanian147, 147}} {
		if got := utf8.RuneCountInString(tc.in); got != tc.want {
			t.Errorf("%q has %d characters, want %d", tc.in, got, tc.want)
		}
	}
	for _, r := range "șță" {
		if !strings.ContainsRune(romanian147, r) {
			t.Errorf("Romanian text lacks %c", r)
		}
	}
}

func TestSegments(t *testing.T) {
	withE := strings.Replace(italian159, "Comune è", "Comune È", 1)
	withQuote := strings.Replace(italian159, "l'ufficio", "l\u2019ufficio", 1)
	a := func(n int) string { return strings.Repeat("a", n) }
	zh := func(n int) string { return strings.Repeat("ж", n) }
	tests := []struct {
		name string
		in   string
		want Info
	}{
		// Measured facts.
		{"italian 159", italian159, Info{GSM7, 159, 1, 160}},
		{"italian with one È", withE, Info{UCS2, 159, 3, 67}},
		{"italian with one È normalised", Normalize(withE), Info{GSM7, 160, 1, 160}},
		{"italian with one curly quote", withQuote, Info{UCS2, 159, 3, 67}},
		{"italian with one curly quote normalised", Normalize(withQuote), Info{GSM7, 159, 1, 160}},
		{"arabic 112", arabic112, Info{UCS2, 112, 2, 67}},
		{"romanian 147", romanian147, Info{UCS2, 147, 3, 67}},
		{"romanian 147 transliterated", Transliterate(romanian147), Info{GSM7, 147, 1, 160}},
		{"60 emoji", strings.Repeat("😀", 60), Info{UCS2, 120, 2, 67}},

		// Limits.
		{"empty", "", Info{GSM7, 0, 0, 160}},
		{"160 septets", a(160), Info{GSM7, 160, 1, 160}},
		{"161 septets", a(161), Info{GSM7, 161, 2, 153}},
		{"306 septets", a(306), Info{GSM7, 306, 2, 153}},
		{"307 septets", a(307), Info{GSM7, 307, 3, 153}},
		{"euro counts two", a(158) + "€", Info{GSM7, 160, 1, 160}},
		{"euro tips over", a(159) + "€", Info{GSM7, 161, 2, 153}},
		{"70 units", zh(70), Info{UCS2, 70, 1, 70}},
		{"71 units", zh(71), Info{UCS2, 71, 2, 67}},
		{"emoji counts two", zh(68) + "😀", Info{UCS2, 70, 1, 70}},
		{"emoji tips over", zh(69) + "😀", Info{UCS2, 71, 2, 67}},

		// A pair that cannot straddle a boundary costs a segment that
		// Units/PerSegment does not show.
		{"escape pair pushed to next segment", a(152) + "€" + a(152), Info{GSM7, 306, 3, 153}},
		{"surrogate pair pushed to next segment", zh(66) + "😀" + zh(66), Info{UCS2, 134, 3, 67}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Segments(tc.in)); diff != "" {
				t.Errorf("Segments (-want +got):\n%s", diff)
			}
			if _, parts := Split(tc.in, false); len(parts) != tc.want.Segments {
				t.Errorf("Split gave %d parts, Segments counts %d", len(parts), tc.want.Segments)
			}
		})
	}
}

// checkParts verifies what an SMSC and a handset need of every part.
func checkParts(t *testing.T, s string, ref16 bool, enc Encoding, parts []string) {
	t.Helper()
	if got := strings.Join(parts, ""); got != s {
		t.Fatalf("parts do not rejoin to the input:\n got %q\nwant %q", got, s)
	}
	if enc != Choose(s) {
		t.Errorf("Split encoding %v, Choose says %v", enc, Choose(s))
	}
	limit := singleCapacity(enc)
	if len(parts) > 1 {
		limit = concatCapacity(enc, ref16)
	}
	for i, p := range parts {
		if p == "" {
			t.Errorf("part %d is empty", i)
			continue
		}
		switch enc {
		case GSM7:
			b, err := EncodeGSM7(p)
			if err != nil {
				t.Fatalf("part %d: %v", i, err)
			}
			if len(b) > limit {
				t.Errorf("part %d has %d septets, limit %d", i, len(b), limit)
			}
			if back, err := DecodeGSM7(b); err != nil || back != p {
				t.Errorf("part %d does not decode on its own: %q, %v", i, back, err)
			}
		case UCS2:
			b := EncodeUCS2(p)
			if len(b) > 2*limit {
				t.Errorf("part %d has %d octets, limit %d", i, len(b), 2*limit)
			}
			if first := uint16(b[0])<<8 | uint16(b[1]); first >= 0xDC00 && first <= 0xDFFF {
				t.Errorf("part %d starts with low surrogate %04X", i, first)
			}
			if last := uint16(b[len(b)-2])<<8 | uint16(b[len(b)-1]); last >= 0xD800 && last <= 0xDBFF {
				t.Errorf("part %d ends with high surrogate %04X", i, last)
			}
		}
	}
}

func TestSplitMeasured(t *testing.T) {
	emoji := strings.Repeat("😀", 60)
	tests := []struct {
		name  string
		in    string
		ref16 bool
		want  []string
	}{
		{"italian 159 is one part", italian159, false, []string{italian159}},
		{"60 emoji", emoji, false, []string{strings.Repeat("😀", 33), strings.Repeat("😀", 27)}},
		{"60 emoji, 16-bit reference", emoji, true, []string{strings.Repeat("😀", 33), strings.Repeat("😀", 27)}},
		{"arabic 112 cut between words", arabic112, false, []string{
			"يمكنك تجديد بطاقة الهوية في مكتب السجل المدني من يوم الاثنين إلى ",
			"الجمعة من الساعة التاسعة حتى الثانية عشرة ظهرا.",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			enc, got := Split(tc.in, tc.ref16)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Split (-want +got):\n%s", diff)
			}
			checkParts(t, tc.in, tc.ref16, enc, got)
		})
	}
	// The gosmpp defect in the notes: 60 emoji in one 240-octet segment.
	_, parts := Split(emoji, false)
	for i, p := range parts {
		if n := len(EncodeUCS2(p)); n > 134 {
			t.Errorf("emoji part %d is %d octets, more than 134", i, n)
		}
	}
}

func TestSplitBoundaries(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	b := func(n int) string { return strings.Repeat("b", n) }
	zh := func(n int) string { return strings.Repeat("ж", n) }
	tests := []struct {
		name  string
		in    string
		ref16 bool
		want  []string
	}{
		{"empty", "", false, nil},
		{"160 septets stay whole", a(160), false, []string{a(160)}},
		{"70 units stay whole", zh(70), false, []string{zh(70)}},
		{"161 septets", a(161), false, []string{a(153), a(8)}},
		{"161 septets, 16-bit reference", a(161), true, []string{a(152), a(9)}},

		// Extension characters at the boundary.
		{"euro would be septets 153-154", a(152) + "€" + b(10), false, []string{a(152), "€" + b(10)}},
		{"euro ends exactly at 153", a(151) + "€" + b(10), false, []string{a(151) + "€", b(10)}},
		{"euro ends at 153, 16-bit reference", a(151) + "€" + b(10), true, []string{a(151), "€" + b(10)}},
		{"brackets at the boundary", a(151) + "[]" + b(10), false, []string{a(151) + "[", "]" + b(10)}},
		{"euro fits the single segment", a(158) + "€", false, []string{a(158) + "€"}},

		// Surrogate pairs at the boundary.
		{"emoji would be units 67-68", zh(66) + "😀" + zh(10), false, []string{zh(66), "😀" + zh(10)}},
		{"emoji ends exactly at 67", zh(65) + "😀" + zh(10), false, []string{zh(65) + "😀", zh(10)}},
		{"emoji ends at 67, 16-bit reference", zh(65) + "😀" + zh(10), true, []string{zh(65), "😀" + zh(10)}},

		// Word boundaries.
		{"space in the last 15 characters", a(138) + " " + b(30), false, []string{a(138) + " ", b(30)}},
		{"space 16 characters back is too far", a(137) + " " + b(30), false, []string{a(137) + " " + b(15), b(15)}},
		{"cut already falls on a space", a(153) + " " + b(30), false, []string{a(153), " " + b(30)}},
		{"space is a break in UCS-2 too", zh(60) + " " + zh(30), false, []string{zh(60) + " ", zh(30)}},
		{"no-break space is not a break", zh(60) + "\u00a0" + zh(30), false, []string{zh(60) + "\u00a0" + zh(6), zh(24)}},
		{"newline is a break", a(145) + "\n" + b(30), false, []string{a(145) + "\n", b(30)}},
		{"wrapping would cost a segment", a(150) + " " + b(155), false, []string{a(150) + " bb", b(153)}},
		{"unbreakable URL is cut hard", "https://example.org/" + a(200), false, []string{"https://example.org/" + a(133), a(67)}},
		{"invalid UTF-8 travels as U+FFFD", a(60) + "\xff" + a(60), false, []string{a(60) + "\xff" + a(6), a(54)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			enc, got := Split(tc.in, tc.ref16)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Split (-want +got):\n%s", diff)
			}
			checkParts(t, tc.in, tc.ref16, enc, got)
		})
	}
}

const italianLong = "Per rinnovare la carta d'identità elettronica prenoti un appuntamento " +
	"sul sito del Comune o chiamando il numero verde 800 123 456 dal lunedì al venerdì, " +
	"dalle 9 alle 13. Porti con sé la carta scaduta, una fototessera recente e la tessera " +
	"sanitaria. Il costo è di 22,21 € da pagare con PagoPA; i minori di 18 anni devono " +
	"essere accompagnati da entrambi i genitori. In caso di furto o smarrimento serve la " +
	"denuncia ai Carabinieri. [Anagrafe, piazza Garibaldi 1]"

func TestSplitKeepsWords(t *testing.T) {
	for _, ref16 := range []bool{false, true} {
		t.Run(fmt.Sprint("ref16=", ref16), func(t *testing.T) {
			enc, parts := Split(italianLong, ref16)
			if want := Segments(italianLong).Segments; enc != GSM7 || len(parts) != want || want < 3 {
				t.Fatalf("Split = %v with %d parts, want GSM-7 with %d (at least 3)", enc, len(parts), want)
			}
			checkParts(t, italianLong, ref16, enc, parts)
			for i, p := range parts[:len(parts)-1] {
				if !strings.HasSuffix(p, " ") && !strings.HasPrefix(parts[i+1], " ") {
					t.Errorf("part %d cuts a word: ...%q | %q...", i, p[len(p)-10:], parts[i+1][:10])
				}
			}
		})
	}
}

func TestSplitDoesNotNormalise(t *testing.T) {
	in := strings.Replace(italianLong, "Il costo è", "È il costo", 1)
	enc, parts := Split(in, false)
	if enc != UCS2 {
		t.Errorf("Split encoding %v, want UCS-2 for text with È", enc)
	}
	checkParts(t, in, false, enc, parts)
	if enc, _ := Split(Normalize(in), false); enc != GSM7 {
		t.Errorf("Split(Normalize) encoding %v, want GSM-7", enc)
	}
}

func TestTruncate(t *testing.T) {
	parole := func(n int) string { return strings.Repeat("parola ", n) }
	tests := []struct {
		name   string
		in     string
		max    int
		suffix string
		want   string
	}{
		{"fits, unchanged", "Ciao\u2026 a presto", 1, "…", "Ciao\u2026 a presto"},
		{"empty", "", 1, "…", ""},
		{"cut at a word, suffix normalised", parole(30), 1, "…", parole(21) + "parola..."},
		{"two segments", parole(60), 2, "…", parole(42) + "parola..."},
		{"suffix kept when text is UCS-2", strings.Repeat("مكتب ", 30), 1, "…", strings.Repeat("مكتب ", 13) + "مكتب…"},
		{"dropped emoji makes the rest GSM-7", parole(30) + "👍", 1, "…", parole(21) + "parola..."},
		{"trailing comma dropped", strings.Repeat("a", 150) + ", " + strings.Repeat("b", 20), 1, "…", strings.Repeat("a", 150) + "..."},
		{"one long word is cut", strings.Repeat("x", 400), 1, "…", strings.Repeat("x", 157) + "..."},
		{"GSM suffix", parole(30), 1, " [...]", parole(20) + "parola [...]"},
		{"unsendable suffix forces UCS-2", parole(30), 1, "→", parole(9) + "parola→"},
		{"suffix too long is dropped", parole(30), 1, strings.Repeat("x", 200), parole(22) + "parola"},
		{"no segments", parole(30), 0, "…", ""},
		{"skin tone kept with its emoji", strings.Repeat("👍🏽", 50), 1, "", strings.Repeat("👍🏽", 17)},
		{"family emoji kept whole", strings.Repeat("👨‍👩‍👧", 20), 1, "", strings.Repeat("👨‍👩‍👧", 8)},
		{"flag kept whole", strings.Repeat("🇮🇹", 30), 1, "", strings.Repeat("🇮🇹", 17)},
		{"combining accent kept", strings.Repeat("ж", 69) + "e\u0301" + strings.Repeat("ж", 10), 1, "", strings.Repeat("ж", 69)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Truncate(tc.in, tc.max, tc.suffix)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Truncate(_, %d, %q) (-want +got):\n%s", tc.max, tc.suffix, diff)
			}
			if n := Segments(got).Segments; n > tc.max {
				t.Errorf("result takes %d segments, max %d", n, tc.max)
			}
		})
	}
}

func TestTruncateProperties(t *testing.T) {
	inputs := []string{italianLong, arabic112 + " " + arabic112, romanian147 + " " + romanian147, strings.Repeat("😀 ", 100), Normalize(italianLong) + " 👍"}
	for i, in := range inputs {
		for max := 1; max <= 3; max++ {
			t.Run(fmt.Sprintf("%d/max=%d", i, max), func(t *testing.T) {
				got := Truncate(in, max, "…")
				if n := Segments(got).Segments; n > max {
					t.Fatalf("Truncate gave %d segments, max %d: %q", n, max, got)
				}
				if Segments(in).Segments <= max {
					if got != in {
						t.Errorf("text that fits was changed: %q", got)
					}
					return
				}
				kept, ok := strings.CutSuffix(got, "...")
				if !ok {
					kept, ok = strings.CutSuffix(got, "…")
				}
				if !ok || !strings.HasPrefix(in, kept) {
					t.Fatalf("result is not a prefix of the input plus the suffix: %q", got)
				}
				if next, _ := utf8.DecodeRuneInString(in[len(kept):]); !trimBeforeSuffix(next) {
					t.Errorf("cut inside a word: %q | %q", kept, in[len(kept):])
				}
			})
		}
	}
}

func BenchmarkSplit(b *testing.B) {
	long := Normalize(italianLong)
	for _, bc := range []struct {
		name string
		in   string
	}{
		{"GSM-7 single", italian159},
		{"GSM-7 3 parts", long},
		{"UCS-2 Arabic 4 parts", strings.Repeat(arabic112+" ", 2)},
		{"UCS-2 emoji 2 parts", strings.Repeat("😀", 60)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.in)))
			for b.Loop() {
				Split(bc.in, false)
			}
		})
	}
}
