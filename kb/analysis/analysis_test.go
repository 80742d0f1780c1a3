package analysis

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Carta d'Identità È SCADUTA!", "carta d identita e scaduta"},
		{"ședință şedinţă ȘTAMPILĂ", "sedinta sedinta stampila"},      // Romanian comma-below and cedilla forms fold alike
		{"Përgjigjë çfarë Ç", "pergjigje cfare c"},                    // Albanian ë and ç
		{"Straße Führerschein", "strasse fuhrerschein"},               // German ß becomes ss
		{"أَحْتَاجُ إلى مساعدةٍ ـــ مدرسة", "احتاج الي مساعده مدرسه"}, // harakat, tatweel, alef with hamza, alef maksura, taa marbuta
		{"مسؤول رئيس", "مسوول رييس"},                                  // hamza on waw and yeh
		{"١٢٣ ۴۵", "123 45"},                                          // Arabic-Indic digits
		{"身份证怎么办？", "身份证怎么办"},
		{"ＡＢＣ１２", "abc12"}, // full-width forms
		{"  a\u200b\tb  ", "a b"},
		{"", ""},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTerms(t *testing.T) {
	for _, tc := range []struct {
		lang, in string
		want     []string
	}{
		// Stop words go, stems stay; accented and plain spellings meet.
		{"it", "Come posso rinnovare la carta d'identità?", []string{"rinnov", "cart", "ident"}},
		{"it", "rinnovo carta identita", []string{"rinnov", "cart", "ident"}},
		{"ro", "Cum îmi reînnoiesc cartea de identitate?", []string{"imi", "reinnoi", "cart", "ident"}},
		{"ro", "cum imi reinnoiesc cartea de identitate", []string{"imi", "reinnoi", "cart", "ident"}},
		{"sq", "Si ta rinovoj kartën e identitetit?", []string{"rinov", "kart", "identitet"}},
		{"sq", "si ta rinovoj karten e identitetit", []string{"rinov", "kart", "identitet"}},
		{"ar", "كيف أجدد بطاقة الهوية؟", []string{"اجدد", "طاق", "هوي"}},
		{"ar", "كيف اجدد بطاقه الهويه", []string{"اجدد", "طاق", "هوي"}},
		// Clitics around a stop word take it away: "and how much", "from me".
		{"ar", "وشحال مني الثمن", []string{"ثمن"}},
		{"de", "Wie verlängere ich meinen Personalausweis?", []string{"verlang", "mein", "personalausweis"}},
		{"fr", "Comment renouveler ma carte d'identité ?", []string{"renouvel", "cart", "identit"}},
		{"es", "¿Cómo renuevo el carné de identidad?", []string{"renuev", "carn", "ident"}},
		{"en", "How do I renew my identity card?", []string{"renew", "ident", "card"}},
		// Chinese becomes bigrams and single characters, broken at function
		// characters; Latin runs stay whole.
		{"zh", "我的身份证过期了怎么办？CIE多少钱", []string{"身份", "份证", "证过", "过期", "身", "份", "证", "过", "期", "办", "cie", "多少", "少钱", "多", "少", "钱"}},
		{"it", "", nil},
		{"xx", "Parole Sconosciute", []string{"parole", "sconosciute"}}, // unknown language: folded, not stemmed
	} {
		if diff := cmp.Diff(tc.want, Terms(tc.lang, tc.in)); diff != "" {
			t.Errorf("Terms(%s, %q) (-want +got):\n%s", tc.lang, tc.in, diff)
		}
	}
}

// TestStemFamilies checks that the inflected forms of one word, as
// citizens and editors write them, meet in one term.
func TestStemFamilies(t *testing.T) {
	for _, tc := range []struct {
		lang  string
		words []string
	}{
		// The definite article, case and number.
		{"sq", []string{"karta", "kartën", "kartës", "kartat", "kartave", "kartë"}},
		{"sq", []string{"shtëpi", "shtëpia", "shtëpinë", "shtëpisë", "shtëpitë", "shtëpive"}},
		{"sq", []string{"komunë", "komuna", "komunën", "komunës", "komune"}},
		{"sq", []string{"familje", "familja", "familjen", "familjes", "familjeve"}},
		{"sq", []string{"fëmija", "fëmijët", "fëmijën", "fëmijëve"}},
		{"sq", []string{"pagesa", "pagesën", "pagesave", "pagesë"}},
		// A verb and the noun made of it.
		{"sq", []string{"rinovoj", "rinovim", "rinovimin", "rinovohet", "rinovuar"}},
		{"sq", []string{"regjistroj", "regjistrim", "regjistrohem", "regjistruar", "regjistrimin"}},
		{"sq", []string{"paguaj", "paguar", "paguhet"}},
		// The article, the particles written with it, pronouns, plurals.
		{"ar", []string{"بطاقة", "البطاقة", "بطاقتي", "بطاقتها", "بالبطاقة", "والبطاقة", "بطاقات", "للبطاقة"}},
		{"ar", []string{"إقامة", "الإقامة", "إقامتي", "اقامتك", "بالإقامة"}},
		{"ar", []string{"مساعدة", "المساعدة", "مساعدات"}},
		{"ar", []string{"طلب", "الطلب", "طلبات", "طلبوا"}},
		{"ar", []string{"يطلبوه", "بيطلبوه", "يطلب"}},
		{"ar", []string{"الكرا", "فالكرا", "كرا"}},
		{"ar", []string{"تسجيل", "التسجيل", "للتسجيل", "تسجيلهم"}},
	} {
		want := Terms(tc.lang, tc.words[0])
		for _, w := range tc.words[1:] {
			if got := Terms(tc.lang, w); len(want) != 1 || !slices.Equal(got, want) {
				t.Errorf("Terms(%s, %q) = %q, want %q as for %q", tc.lang, w, got, want, tc.words[0])
			}
		}
	}
	// Words that only look inflected keep their own stem.
	for _, tc := range []struct{ lang, a, b string }{
		{"sq", "makinë", "makina"}, // -in belongs to the stem
		{"sq", "person", "personi"},
	} {
		if a, b := Terms(tc.lang, tc.a), Terms(tc.lang, tc.b); !slices.Equal(a, b) || len(a) != 1 || len(a[0]) < 5 {
			t.Errorf("Terms(%s) of %q and %q = %q and %q, want one stem that keeps its last consonant", tc.lang, tc.a, tc.b, a, b)
		}
	}
}

func TestStemShortWords(t *testing.T) {
	// A word of four letters keeps its last vowel: too many short words
	// differ only by it (Romë, the city, would meet every rom-).
	for _, w := range []string{"romë", "nënë"} {
		if got := Terms("sq", w); len(got) != 1 || got[0] != Fold(w) {
			t.Errorf("Terms(sq, %q) = %q, want it whole", w, got)
		}
	}
}

func TestAlternatives(t *testing.T) {
	for _, tc := range []struct {
		text, term, want string
	}{
		{"ولدات", "لدا", "ولد"},        // Snowball took the first letter of the root for "and"
		{"نجددها", "نجدد", "جدد"},      // the person prefix of a present-tense verb
		{"كيسالي", "كيسال", "سال"},     // Moroccan ka- before it
		{"ما درتهاش", "درتهاش", "درت"}, // the dialect negation ma…sh
		{"بيطلبوه", "يطلب", "طلب"},     // a present-tense verb and its noun
	} {
		alts := Alternatives("ar", tc.text)
		if !slices.Contains(Terms("ar", tc.text), tc.term) {
			t.Errorf("Terms(ar, %q) = %q, want %q among them", tc.text, Terms("ar", tc.text), tc.term)
		}
		if !slices.Contains(alts[tc.term], tc.want) {
			t.Errorf("Alternatives(ar, %q)[%q] = %q, want %q among them", tc.text, tc.term, alts[tc.term], tc.want)
		}
	}
	if a := Alternatives("it", "rinnovo la carta"); a != nil {
		t.Errorf("Alternatives(it, …) = %v, want none", a)
	}
	for term, alts := range Alternatives("ar", "بطاقتي الهوية ولدات كيسالي") {
		for _, a := range alts {
			if a == term || a == "" || strings.Contains(a, " ") {
				t.Errorf("Alternatives: %q has the bad alternative %q", term, a)
			}
		}
	}
}

func TestArabizi(t *testing.T) {
	for _, tc := range []struct{ latin, arabic string }{
		{"nbeddel", "نبدل"},   // a doubled consonant is written once, a schwa not at all
		{"jdida", "جديده"},    // a final a may be a taa marbuta
		{"l9dima", "القديما"}, // l may be the article
		{"nsajel", "نسجل"},    // short vowels are not written
		{"3afak", "عافاك"},    // digits for Arabic letters
		{"wata2i9", "واتايق"}, // a hamza on a yeh
		{"khdma", "خدما"},     // digraphs
		{"chokran", "شوكران"},
		{"residenza", "رسيدنزا"}, // a loan gets a spelling too, tried only if unknown
	} {
		if got := fromArabizi(tc.latin); !slices.Contains(got, tc.arabic) {
			t.Errorf("fromArabizi(%q) = %q, want %q among them", tc.latin, got, tc.arabic)
		}
	}
	if got := fromArabizi("بطاقة"); got != nil {
		t.Errorf("fromArabizi of Arabic letters = %q, want none", got)
	}
	// Arabizi stop words go; loans and content words stay, with their
	// Arabic readings as alternatives.
	terms := Terms("ar", "bghit kifach nbeddel residenza dyali IO")
	if want := []string{"nbeddel", "residenza", "io"}; !slices.Equal(terms, want) {
		t.Errorf("Terms(ar, Arabizi) = %q, want %q", terms, want)
	}
	if alts := Alternatives("ar", "nbeddel"); !slices.Contains(alts["nbeddel"], "بدل") {
		t.Errorf("Alternatives(ar, nbeddel) = %q, want بدل among them", alts["nbeddel"])
	}
	for _, tc := range []struct {
		lang, text string
		want       bool
	}{
		{"ar", "bghit ndir l'ISEE", true},
		{"ar", "3afak fin nkhelles", true},
		{"ar", "ISEE", false},                  // a loan alone on the Arabic page
		{"ar", "permesso di soggiorno", false}, // Italian
		{"ar", "كيف أدفع TARI؟ bghit", false},  // Arabic letters: not Arabizi
		{"fr", "bghit kifach", false},          // another language
	} {
		if got := IsArabizi(tc.lang, tc.text); got != tc.want {
			t.Errorf("IsArabizi(%s, %q) = %v, want %v", tc.lang, tc.text, got, tc.want)
		}
	}
	if got := EmbeddingText("ar", "bghit nbeddel"); got != "bghit nbeddel نبدل" {
		t.Errorf("EmbeddingText(ar, Arabizi) = %q", got)
	}
	if got := EmbeddingText("it", "bghit nbeddel"); got != "bghit nbeddel" {
		t.Errorf("EmbeddingText(it, …) = %q, want the text itself", got)
	}
}

func TestTermsBounded(t *testing.T) {
	long := strings.Repeat("documento anagrafe residenza ", 40000) // about 1 MB
	if n := len(Terms("it", long)); n != MaxTerms {
		t.Errorf("Terms of a huge text gave %d terms, want the cap %d", n, MaxTerms)
	}
	if got := Terms("it", strings.Repeat("x", 5000)); len(got) != 0 {
		t.Errorf("a 5000-letter non-word gave terms %v", got)
	}
}

func FuzzTerms(f *testing.F) {
	for _, s := range []string{"Carta d'identità", "كيف أجدد", "身份证", "\xff\xfe", "ș ț ë ç ß"} {
		f.Add("it", s)
	}
	f.Fuzz(func(t *testing.T, lang, s string) {
		folded := Fold(s)
		if !utf8.ValidString(folded) {
			t.Fatalf("Fold(%q) is not valid UTF-8", s)
		}
		if Fold(folded) != folded {
			t.Fatalf("Fold is not idempotent on %q: %q then %q", s, folded, Fold(folded))
		}
		terms := Terms(lang, s)
		if len(terms) > MaxTerms {
			t.Fatalf("Terms gave %d terms", len(terms))
		}
		for _, term := range terms {
			if term == "" || strings.ContainsAny(term, " \t\n") || !utf8.ValidString(term) {
				t.Fatalf("Terms(%q, %q) gave the bad term %q", lang, s, term)
			}
		}
	})
}

func BenchmarkTerms(b *testing.B) {
	text := "Buongiorno, come posso rinnovare la carta d'identità scaduta di mio figlio?"
	for b.Loop() {
		Terms("it", text)
	}
}
