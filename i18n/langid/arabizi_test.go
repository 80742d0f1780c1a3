package langid

import "testing"

func TestArabizi(t *testing.T) {
	d := newAll(t)
	for _, msg := range []string{
		"s7abi bghit n3ref fin nkhelles TARI",      // digit words
		"wach l2idara m7lola lyoum?",               // digit words
		"bghit ndir rendez-vous, kifach?",          // two dialect words
		"ana 3ayez a3mel SPID ezay",                // Egyptian
		"baddi jadded l iqama, shu lazem?",         // Levantine, two dialect words
		"3tini numero dyal l'ufficio",              // one digit word among loans
		"khoya mrid bzaf, 3afak",                   // emergency-like, digit word
		"BGHIT NKHELLES DYALI",                     // upper case
		"kifach ndir l ISEE? chno lwra9 li khasni", // mixed
	} {
		if !looksArabizi(msg) {
			t.Errorf("looksArabizi(%q) = false, want true", msg)
		}
		if lang, conf := d.Detect(msg); lang != "ar" || conf < 0.8 {
			t.Errorf("Detect(%q) = (%q, %.2f), want ar with confidence >= 0.8", msg, lang, conf)
		}
	}
	for _, msg := range []string{
		"corso di italiano livello A2",            // a level code
		"pagare con il modello F24",               // a form code
		"la rete 5G non funziona",                 // digits then letters
		"green pass covid19",                      // letters then digits
		"abito in via 3 Novembre 7",               // bare numbers
		"the 2nd instalment of the TARI",          // an ordinal
		"chi è il responsabile?",                  // chi is Italian
		"fin de semaine, bureau fermé",            // fin is French
		"cumpăr salam și pâine",                   // salam is Romanian
		"daba",                                    // one dialect word alone
		"كيف أدفع TARI؟ 3 أقساط",                  // Arabic script needs no guessing
		"我的身份证 7 月到期",                             // Chinese
		"Termin am 3.5. um 9 Uhr im Bürgerbüro",   // dates and times
		"2 figli, 3 anni e 5 anni, scuola a 9 km", // numbers beside words
	} {
		if looksArabizi(msg) {
			t.Errorf("looksArabizi(%q) = true, want false", msg)
		}
	}
}

func TestArabiziOnlyWhenConfigured(t *testing.T) {
	d, err := New([]string{"it", "fr"})
	if err != nil {
		t.Fatal(err)
	}
	if lang, _ := d.Detect("bghit n3ref kifach"); lang == "ar" || lang == "" {
		t.Errorf("Detect without Arabic configured = %q, want one of it, fr", lang)
	}
}
