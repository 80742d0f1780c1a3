package langid

import (
	"fmt"
	"math"
	"math/rand"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

var all = []string{"it", "en", "fr", "es", "de", "ro", "sq", "ar", "zh"}

func newAll(t testing.TB) *Detector {
	t.Helper()
	d, err := New(all)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestDetectHeldOut asserts each strict held-out message individually, so a
// regression names the exact message that broke.
func TestDetectHeldOut(t *testing.T) {
	d := newAll(t)
	for _, lang := range all {
		for i, msg := range heldOutStrict[lang] {
			t.Run(fmt.Sprintf("%s/%02d", lang, i), func(t *testing.T) {
				got, conf := d.Detect(msg)
				if got != lang {
					t.Errorf("Detect(%q) = %q (%.2f), want %q; ranked %v", msg, got, conf, lang, d.Ranked(msg)[:3])
				}
			})
		}
	}
}

// TestDetectWithoutAccents repeats the strict set with accents stripped,
// the way many residents type on a phone.
func TestDetectWithoutAccents(t *testing.T) {
	d := newAll(t)
	for _, lang := range all {
		for i, msg := range heldOutStrict[lang] {
			plain := stripAccents(msg)
			if plain == normalizeSpaces(msg) {
				continue
			}
			t.Run(fmt.Sprintf("%s/%02d", lang, i), func(t *testing.T) {
				if got, conf := d.Detect(plain); got != lang {
					t.Errorf("Detect(%q) = %q (%.2f), want %q", plain, got, conf, lang)
				}
			})
		}
	}
}

// normalizeSpaces renders msg the way stripAccents does, minus the folding,
// so that messages without accents are not tested twice.
func normalizeSpaces(msg string) string {
	var out []string
	var buf [64]rune
	words(normalize(msg), buf[:], func(w []rune) { out = append(out, string(w)) })
	return strings.Join(out, " ")
}

// TestBriefExamples covers the messages quoted when the package was
// commissioned. Some are in the corpora, so they check recall, not
// generalisation.
func TestBriefExamples(t *testing.T) {
	d := newAll(t)
	cases := []struct{ msg, want string }{
		{"rinnovo cie quanto costa", "it"},
		{"tari scadenza?", "it"},
		{"sedinta consiliu", "ro"},
		{"ku paguhet tarja", "sq"},
		{"how 2 renew id", "en"},
		{"grazie mille", "it"},
		{"merci beaucoup", "fr"},
		{"muchas gracias", "es"},
		{"vielen dank", "de"},
		{"faleminderit", "sq"},
		{"mulțumesc", "ro"},
		{"شكرا", "ar"},
		{"谢谢", "zh"},
	}
	for _, c := range cases {
		t.Run(c.msg, func(t *testing.T) {
			if got, conf := d.Detect(c.msg); got != c.want {
				t.Errorf("Detect(%q) = %q (%.2f), want %q", c.msg, got, conf, c.want)
			}
		})
	}
}

// wordCount counts words for the accuracy threshold; Chinese has no spaces,
// so each Han character stands for a word there.
func wordCount(lang, msg string) int {
	if lang == "zh" {
		return utf8.RuneCountInString(msg)
	}
	return len(strings.Fields(msg))
}

// TestHeldOutAccuracy asserts the aggregate the package promises: 95% on
// messages of three or more words, as written and without accents.
func TestHeldOutAccuracy(t *testing.T) {
	d := newAll(t)
	var okAll, nAll, okPlain, nPlain int
	var report []string
	for _, lang := range all {
		msgs := append(slices.Clone(heldOutStrict[lang]), heldOutExtra[lang]...)
		var ok, n int
		for _, msg := range msgs {
			if wordCount(lang, msg) < 3 {
				continue
			}
			n++
			if got, _ := d.Detect(msg); got == lang {
				ok++
			} else {
				t.Logf("miss %s -> %s: %q", lang, got, msg)
			}
			nPlain++
			plain := stripAccents(msg)
			if got, _ := d.Detect(plain); got == lang {
				okPlain++
			} else {
				t.Logf("miss (no accents) %s -> %s: %q", lang, got, plain)
			}
		}
		okAll += ok
		nAll += n
		report = append(report, fmt.Sprintf("%s %d/%d", lang, ok, n))
	}
	acc := float64(okAll) / float64(nAll)
	accPlain := float64(okPlain) / float64(nPlain)
	t.Logf("held-out accuracy (3+ words): %.3f (%d/%d); without accents %.3f; %s",
		acc, okAll, nAll, accPlain, strings.Join(report, ", "))
	if acc < 0.95 {
		t.Errorf("held-out accuracy %.3f < 0.95", acc)
	}
	if accPlain < 0.95 {
		t.Errorf("held-out accuracy without accents %.3f < 0.95", accPlain)
	}
}

// TestShortAccuracy measures one- and two-word messages. The bar is lower
// than for sentences because many such messages are genuinely ambiguous.
func TestShortAccuracy(t *testing.T) {
	d := newAll(t)
	var ok, n int
	var report []string
	for _, lang := range all {
		var okL int
		for _, msg := range heldOutShort[lang] {
			if got, conf := d.Detect(msg); got == lang {
				okL++
			} else {
				t.Logf("miss %s -> %s (%.2f): %q", lang, got, conf, msg)
			}
		}
		ok += okL
		n += len(heldOutShort[lang])
		report = append(report, fmt.Sprintf("%s %d/%d", lang, okL, len(heldOutShort[lang])))
	}
	acc := float64(ok) / float64(n)
	t.Logf("short-message accuracy: %.3f (%d/%d); %s", acc, ok, n, strings.Join(report, ", "))
	if acc < 0.8 {
		t.Errorf("short-message accuracy %.3f < 0.8", acc)
	}
}

// TestMixedAccuracy measures foreign messages that lean on Italian
// administrative terms, which must not be read as Italian.
func TestMixedAccuracy(t *testing.T) {
	d := newAll(t)
	var ok, n int
	for _, lang := range all {
		for _, msg := range heldOutMixed[lang] {
			for _, v := range []string{msg, stripAccents(msg)} {
				n++
				if got, conf := d.Detect(v); got == lang {
					ok++
				} else {
					t.Logf("miss %s -> %s (%.2f): %q", lang, got, conf, v)
				}
			}
		}
	}
	acc := float64(ok) / float64(n)
	t.Logf("mixed-message accuracy (as written and without accents): %.3f (%d/%d)", acc, ok, n)
	if acc < 0.85 {
		t.Errorf("mixed-message accuracy %.3f < 0.85", acc)
	}
}

// TestHeldOutNotInCorpus keeps the held-out set honest.
func TestHeldOutNotInCorpus(t *testing.T) {
	seen := map[string]string{}
	for _, lang := range all {
		data, err := corpusFS.ReadFile("corpus/" + lang + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		sentences, words := parseCorpus(string(data))
		if len(sentences) < 120 || len(sentences) > 200 {
			t.Errorf("%s corpus has %d sentences, want 120-200", lang, len(sentences))
		}
		if len(words) < 60 || len(words) > 100 {
			t.Errorf("%s corpus has %d function words, want 60-100", lang, len(words))
		}
		for _, s := range sentences {
			seen[normalizeSpaces(s)] = lang
		}
	}
	for _, set := range []map[string][]string{heldOutStrict, heldOutExtra, heldOutShort, heldOutMixed} {
		for lang, msgs := range set {
			for _, msg := range msgs {
				if c, ok := seen[normalizeSpaces(msg)]; ok {
					t.Errorf("held-out %s message %q is in the %s corpus", lang, msg, c)
				}
			}
		}
	}
}

// TestNoLetters pins the documented ("", 0) contract, which callers use to
// skip language switching on emoji, numbers and pasted junk.
func TestNoLetters(t *testing.T) {
	d := newAll(t)
	for _, in := range []string{"", "   ", "12345", "👍🙂🎉", "!!! ???", "+39 0461 123456", "\xff\xfe\xfd", "\u200b\u200d", "€ 12,50"} {
		if lang, conf := d.Detect(in); lang != "" || conf != 0 {
			t.Errorf("Detect(%q) = (%q, %v), want (\"\", 0)", in, lang, conf)
		}
		if r := d.Ranked(in); r != nil {
			t.Errorf("Ranked(%q) = %v, want nil", in, r)
		}
	}
}

// TestInvalidUTF8 checks that broken bytes from SMS gateways neither panic
// nor hide the language of the valid text around them.
func TestInvalidUTF8(t *testing.T) {
	d := newAll(t)
	msg := "buongiorno\xff vorrei sapere\xc3 quando apre l'ufficio\xe2\x82"
	if got, _ := d.Detect(msg); got != "it" {
		t.Errorf("Detect(%q) = %q, want it", msg, got)
	}
}

// TestHugeInput checks that pasted documents and binary junk are bounded
// and well-formed in their results.
func TestHugeInput(t *testing.T) {
	d := newAll(t)
	big := strings.Repeat("vorrei sapere quando passa il camion dei rifiuti ", 2100) // ~100 KB
	if got, _ := d.Detect(big); got != "it" {
		t.Errorf("Detect(100 KB Italian) = %q, want it", got)
	}
	rng := rand.New(rand.NewSource(1))
	junk := make([]byte, 100<<10)
	for i := range junk {
		junk[i] = byte(rng.Intn(256))
	}
	lang, conf := d.Detect(string(junk))
	checkResult(t, d, string(junk), lang, conf)
	oneWord := strings.Repeat("a", 100<<10)
	lang, conf = d.Detect(oneWord)
	checkResult(t, d, oneWord, lang, conf)
}

// TestSubsetRestriction checks that a deployment serving only some languages
// never gets another one back.
func TestSubsetRestriction(t *testing.T) {
	d, err := New([]string{"it", "en"})
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range []map[string][]string{heldOutStrict, heldOutExtra} {
		for _, msgs := range set {
			for _, msg := range msgs {
				if got, _ := d.Detect(msg); got != "it" && got != "en" {
					t.Errorf("Detect(%q) = %q outside {it, en}", msg, got)
				}
				if r := d.Ranked(msg); len(r) != 2 {
					t.Errorf("Ranked(%q) has %d entries, want 2", msg, len(r))
				}
			}
		}
	}
	// Within the subset, French text still has to land somewhere sensible
	// without error, and Italian must still win on Italian.
	if got, _ := d.Detect("la bolletta dell'acqua è sbagliata"); got != "it" {
		t.Errorf("subset detector lost Italian: %q", got)
	}
}

var portuguese = `bom dia, gostaria de renovar o meu cartão de cidadão
quanto custa a certidão de residência
não consigo pagar a taxa do lixo pela internet
preciso de falar com alguém da câmara municipal
onde fica a repartição de finanças
obrigado pela ajuda, até amanhã
o meu filho vai começar a escola em setembro
a rua está cheia de buracos e ninguém resolve
posso marcar uma consulta para a próxima semana?
não recebi a carta com o código de acesso
vocês estão abertos ao sábado de manhã?
perdi a minha carteira com todos os documentos
#words
o a os as um uma de do da dos das em no na nos nas por para com sem e ou mas que não sim eu você ele ela nós eles
é são está estão tenho tem foi ser ter muito mais também já onde quando como porque obrigado obrigada olá`

// TestTrainNewLanguage checks that a language without a built-in profile is
// silent until trained and detectable afterwards.
func TestTrainNewLanguage(t *testing.T) {
	d, err := New([]string{"it", "es", "pt"})
	if err != nil {
		t.Fatal(err)
	}
	msgs := []string{
		"não consigo marcar a consulta no site",
		"onde posso pagar a multa do estacionamento",
		"obrigada, vocês foram muito simpáticos",
		"o meu vizinho faz barulho todas as noites",
	}
	for _, m := range msgs {
		if got, _ := d.Detect(m); got == "pt" {
			t.Fatalf("untrained pt returned for %q", m)
		}
		for _, g := range d.Ranked(m) {
			if g.Lang == "pt" && g.Prob != 0 {
				t.Fatalf("untrained pt has probability %v", g.Prob)
			}
		}
	}
	d.Train("pt", portuguese)
	for _, m := range msgs {
		if got, conf := d.Detect(m); got != "pt" {
			t.Errorf("after Train, Detect(%q) = %q (%.2f), want pt", m, got, conf)
		}
	}
	// Training a language must not break the built-in ones.
	for _, m := range heldOutStrict["it"][:5] {
		if got, _ := d.Detect(m); got != "it" {
			t.Errorf("after Train, Detect(%q) = %q, want it", m, got)
		}
	}
}

// TestTrainIgnoresUnconfigured checks that Train cannot widen the set
// chosen at New.
func TestTrainIgnoresUnconfigured(t *testing.T) {
	d, err := New([]string{"it", "en"})
	if err != nil {
		t.Fatal(err)
	}
	d.Train("pt", portuguese)
	d.Train("not a tag!", "whatever")
	if got, _ := d.Detect("não consigo marcar a consulta no site"); got == "pt" {
		t.Error("Train added a language that New did not configure")
	}
	if langs := d.Languages(); !slices.Equal(langs, []string{"it", "en"}) {
		t.Errorf("Languages() = %v", langs)
	}
}

// TestTrainAdaptsBuiltin checks that deployment text adds to a built-in
// profile rather than replacing it.
func TestTrainAdaptsBuiltin(t *testing.T) {
	d := newAll(t)
	msg := "zwischenstand der bauarbeiten am marktplatz"
	d.Train("de", "die bauarbeiten am marktplatz dauern bis mai\nzwischenstand der arbeiten gibt es im bürgerbüro")
	if got, _ := d.Detect(msg); got != "de" {
		t.Errorf("Detect(%q) = %q after Train, want de", msg, got)
	}
}

// TestNew covers tag normalisation and the error that must name the bad code.
func TestNew(t *testing.T) {
	d, err := New([]string{"it-IT", "zh-Hans", "IT", "en_GB", "qaa"})
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Languages(); !slices.Equal(got, []string{"it", "zh", "en", "qaa"}) {
		t.Errorf("Languages() = %v", got)
	}
	for _, bad := range [][]string{
		{"it", "not a tag!"},
		{"en", ""},
		{"123"},
		{"it", "toolonglanguage"},
		{"und"},
	} {
		_, err := New(bad)
		if err == nil {
			t.Errorf("New(%q) succeeded, want error", bad)
			continue
		}
		culprit := bad[len(bad)-1]
		if !strings.Contains(err.Error(), fmt.Sprintf("%q", culprit)) {
			t.Errorf("New(%q) error %q does not name %q", bad, err, culprit)
		}
	}
	if _, err := New(nil); err == nil {
		t.Error("New(nil) succeeded, want error")
	}
}

func checkResult(t *testing.T, d *Detector, in, lang string, conf float64) {
	t.Helper()
	if conf < 0 || conf > 1 || math.IsNaN(conf) {
		t.Fatalf("Detect(%q) confidence %v outside [0,1]", in, conf)
	}
	if lang == "" {
		if conf != 0 {
			t.Fatalf("Detect(%q) = (\"\", %v), want confidence 0", in, conf)
		}
		return
	}
	if !slices.Contains(d.Languages(), lang) {
		t.Fatalf("Detect(%q) = %q, not configured", in, lang)
	}
	r := d.Ranked(in)
	if len(r) != len(d.Languages()) {
		t.Fatalf("Ranked(%q) has %d entries", in, len(r))
	}
	var sum float64
	for i, g := range r {
		if i > 0 && g.Prob > r[i-1].Prob {
			t.Fatalf("Ranked(%q) not sorted: %v", in, r)
		}
		sum += g.Prob
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Fatalf("Ranked(%q) sums to %v", in, sum)
	}
	if r[0].Lang != lang || math.Abs(r[0].Prob-conf) > 1e-12 {
		t.Fatalf("Ranked(%q)[0] = %v, Detect = (%q, %v)", in, r[0], lang, conf)
	}
}

// TestRankedConsistent checks that Detect and Ranked agree, since callers
// use either.
func TestRankedConsistent(t *testing.T) {
	d := newAll(t)
	for _, lang := range all {
		for _, msg := range heldOutExtra[lang] {
			got, conf := d.Detect(msg)
			checkResult(t, d, msg, got, conf)
		}
	}
}

// TestConfidence checks that confidence means something: clear sentences are
// confident, a lone ambiguous word is not.
func TestConfidence(t *testing.T) {
	d := newAll(t)
	if _, conf := d.Detect("vorrei sapere quando passa il camion dei rifiuti"); conf < 0.9 {
		t.Errorf("confidence %.2f on a clear Italian sentence, want >= 0.9", conf)
	}
	if _, conf := d.Detect("ok"); conf > 0.8 {
		t.Errorf("confidence %.2f on \"ok\", want <= 0.8", conf)
	}
	if lang, conf := d.Detect("شكرا جزيلا على المساعدة"); lang != "ar" || conf < 0.99 {
		t.Errorf("Arabic script: (%q, %.2f)", lang, conf)
	}
}

// TestConcurrentDetect exercises the lazy model build and concurrent
// scoring; run with -race.
func TestConcurrentDetect(t *testing.T) {
	d := newAll(t)
	var msgs []string
	for _, lang := range all {
		msgs = append(msgs, heldOutStrict[lang]...)
	}
	want := make([]string, len(msgs))
	for i, m := range msgs {
		want[i], _ = d.Detect(m)
	}
	// A fresh detector compiles lazily, so the first calls race to build
	// the model: exactly what -race should see is safe.
	d2 := newAll(t)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := range msgs {
				j := (i + g*7) % len(msgs)
				if got, _ := d2.Detect(msgs[j]); got != want[j] {
					t.Errorf("concurrent Detect(%q) = %q, want %q", msgs[j], got, want[j])
				}
			}
		}(g)
	}
	wg.Wait()
}

// FuzzDetect checks the result invariants on arbitrary input: no panic,
// confidence in [0,1], only configured languages, Ranked consistent.
func FuzzDetect(f *testing.F) {
	f.Add("buongiorno, vorrei rinnovare la carta d'identità")
	f.Add("\xff\xfe")
	f.Add("👍")
	f.Add("ما هي مواعيد عمل البلدية TARI")
	d, err := New(all)
	if err != nil {
		f.Fatal(err)
	}
	sub, err := New([]string{"it", "en", "xx"})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, det := range []*Detector{d, sub} {
			lang, conf := det.Detect(s)
			checkResult(t, det, s, lang, conf)
		}
	})
}

// BenchmarkDetect times a typical 200-character message; Detect runs on
// every chat turn.
func BenchmarkDetect(b *testing.B) {
	d := newAll(b)
	msg := "Buongiorno, vorrei sapere quando posso rinnovare la carta d'identità: " +
		"è scaduta il mese scorso e mi serve per il lavoro. Devo prendere appuntamento " +
		"all'anagrafe oppure posso venire senza? Grazie mille"
	if n := utf8.RuneCountInString(msg); n < 190 || n > 210 {
		b.Fatalf("benchmark message has %d characters, want about 200", n)
	}
	d.Detect(msg) // compile outside the timing
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Detect(msg)
	}
}

// BenchmarkDetectParallel measures throughput with shared read-only tables.
func BenchmarkDetectParallel(b *testing.B) {
	d := newAll(b)
	var msgs []string
	for _, lang := range all {
		msgs = append(msgs, heldOutExtra[lang]...)
	}
	sort.Strings(msgs)
	d.Detect(msgs[0])
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			d.Detect(msgs[i%len(msgs)])
			i++
		}
	})
}
