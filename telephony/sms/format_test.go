package sms

import (
	"strings"
	"testing"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/telephony"
)

func TestAnswerText(t *testing.T) {
	s := &Service{Config: Config{BaseURL: "https://sportello.example/", MaxSegments: 2}}
	long := strings.Repeat("Prenota un appuntamento all'Anagrafe con la vecchia carta. ", 8)
	link := "https://sportello.example/it/faq/cie-rinnovo"
	cases := []struct {
		name, answer, short, want string
	}{
		{"short answer with a free link", long, "CIE: prenota online.", "CIE: prenota online.\n" + link},
		{"whole answer when it fits", "Porta la vecchia carta.", "", "Porta la vecchia carta.\n" + link},
		{"a short answer over the budget falls back to the answer", long, strings.Repeat("x", 400), ""},
		{"typography normalised", "L’ufficio è aperto – dalle 9.", "", "L'ufficio è aperto - dalle 9.\n" + link},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := s.answerText(tc.answer, tc.short, "it", "cie-rinnovo")
			if tc.want != "" && got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			info := telephony.Segments(got)
			if info.Segments > 2 || info.Encoding != telephony.GSM7 {
				t.Errorf("%d %s segments: %q", info.Segments, info.Encoding, got)
			}
			if tc.want == "" && !strings.HasSuffix(got, "... "+link) {
				t.Errorf("shortened answer without its link: %q", got)
			}
		})
	}
	// The link is not added when it would cost a segment.
	fits := strings.Repeat("a", 150)
	if got := s.answerText(fits, "", "it", "x"); got != fits {
		t.Errorf("link added at the cost of a segment: %q", got)
	}
	// Without a base URL there is no link.
	if got := (&Service{}).answerText(long, "", "it", "x"); strings.Contains(got, "http") || telephony.Segments(got).Segments != 2 {
		t.Errorf("no base URL: %q", got)
	}
}

func TestMenuText(t *testing.T) {
	s := &Service{Config: Config{MaxSegments: 1}}
	choices := []chat.Choice{
		{EntryID: "a", Question: "Come richiedo un certificato di stato di famiglia online dal sito del Comune?"},
		{EntryID: "b", Question: "Come ottengo un certificato anagrafico allo sportello dell'Anagrafe?"},
		{EntryID: "c", Question: "Posso delegare qualcuno a ritirare un certificato?"},
	}
	got := s.menuText("Quale di queste domande intendi?", choices, "it")
	if n := telephony.Segments(got).Segments; n != 1 {
		t.Errorf("%d segments: %q", n, got)
	}
	for _, want := range []string{"\n1 Come", "\n2 Come", "\n3 Posso", "Rispondi con il numero: 1, 2 o 3."} {
		if !strings.Contains(got, want) {
			t.Errorf("menu %q lacks %q", got, want)
		}
	}
	s.MaxSegments = 3
	if got := s.menuText("Quale?", choices, "en"); !strings.Contains(got, choices[0].Question) || !strings.HasSuffix(got, "Reply with the number: 1, 2 or 3.") {
		t.Errorf("roomy menu %q", got)
	}
	if got := numberList(textsFor("de"), 2); got != "1 oder 2" {
		t.Errorf("two choices in German: %q", got)
	}
}

func TestChoiceNumber(t *testing.T) {
	for in, want := range map[string]int{"1": 1, " 2. ": 2, "(3)": 3, "٢": 2, "۳": 3, "２": 2, "二": 2, "#1": 1} {
		if got, ok := choiceNumber(in); !ok || got != want {
			t.Errorf("choiceNumber(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"0", "12", "a", "", "2 e 3", "١٢"} {
		if n, ok := choiceNumber(in); ok {
			t.Errorf("choiceNumber(%q) = %d, want none", in, n)
		}
	}
}

func TestHandoffText(t *testing.T) {
	s := &Service{Config: Config{HandoffPhone: "02 02 02"}}
	for lang := range catalog {
		got := s.handoffText(lang, "48217390")
		if !strings.Contains(got, "4821 7390") || !strings.Contains(got, "02 02 02") {
			t.Errorf("%s: %q", lang, got)
		}
		if n := telephony.Segments(s.fit(got, lang)).Segments; n > DefaultMaxSegments {
			t.Errorf("%s: %d segments", lang, n)
		}
	}
	if got := (&Service{}).handoffText("it", "48217390"); strings.Contains(got, "chiamare") {
		t.Errorf("phone sentence without a phone: %q", got)
	}
}

// TestCatalog keeps the channel's own messages complete, within a
// segment budget, and in GSM-7 where the language allows it.
func TestCatalog(t *testing.T) {
	gsm := map[string]bool{"it": true, "en": true, "fr": true, "de": true}
	for lang := range keywordWords {
		tx, ok := catalog[lang]
		if !ok {
			t.Errorf("no messages in %s", lang)
			continue
		}
		for name, s := range map[string]string{"Help": tx.Help + fill(tx.HelpPhone, "phone", "02 02 02"), "Stopped": tx.Stopped, "Started": tx.Started,
			"Menu": tx.Menu, "Or": tx.Or, "Handoff": tx.Handoff, "Waiting": tx.Waiting, "Unreadable": tx.Unreadable} {
			if s == "" {
				t.Errorf("%s: %s is empty", lang, name)
			}
			n := telephony.Normalize(s)
			if info := telephony.Segments(n); info.Segments > DefaultMaxSegments || (gsm[lang] && info.Encoding != telephony.GSM7) {
				t.Errorf("%s: %s takes %d %s segments: %q", lang, name, info.Segments, info.Encoding, s)
			}
		}
		for _, kw := range []Keyword{KeywordStop, KeywordStart, KeywordHelp, KeywordOperator} {
			if len(KeywordWords(lang, kw)) == 0 {
				t.Errorf("%s has no word for %s", lang, kw)
			}
		}
	}
}

func TestKeywordWords(t *testing.T) {
	seen := map[string]Keyword{}
	for lang, words := range keywordWords {
		for kw, list := range words {
			for _, w := range list {
				got, langs, ok := MatchKeyword(w)
				if !ok || got != kw {
					t.Errorf("%s %q matches %q, want %q", lang, w, got, kw)
				}
				if prev, ok := seen[w]; ok && prev != kw {
					t.Errorf("%q means both %s and %s", w, prev, kw)
				}
				seen[w] = kw
				found := false
				for _, l := range langs {
					found = found || l == lang
				}
				if !found {
					t.Errorf("%q: languages %v lack %s", w, langs, lang)
				}
			}
		}
	}
	for in, want := range map[string]Keyword{"stop.": KeywordStop, "  Stop! ": KeywordStop, "arret": KeywordStop, "ARRÊT": KeywordStop,
		"ايقاف": KeywordStop, "ndihme": KeywordHelp, "Opérateur": KeywordOperator, "人工": KeywordOperator} {
		if got, _, ok := MatchKeyword(in); !ok || got != want {
			t.Errorf("MatchKeyword(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"stop al traffico", "fine", "help me with my tax", strings.Repeat("stop ", 20), ""} {
		if kw, _, ok := MatchKeyword(in); ok {
			t.Errorf("MatchKeyword(%q) = %q, want no keyword", in, kw)
		}
	}
}
