package chat_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/chat/chattest"
	"github.com/sportello/sportello/i18n"
	"github.com/sportello/sportello/kb"
)

func demoEngine(tb testing.TB, languages ...string) *chat.Engine {
	tb.Helper()
	return chattest.MustDemoEngine(tb, languages...)
}

func TestDecide(t *testing.T) {
	e := demoEngine(t)
	cat, _ := i18n.Load()
	for _, tc := range []struct {
		name      string
		in        chat.Input
		kind      chat.Kind
		lang      string
		entry     string // for answers
		reason    chat.Reason
		textHas   string // a fragment the reply must contain
		messageID string // or the catalog message it must be
	}{
		{name: "italian answer", in: chat.Input{Text: "Come faccio a rinnovare la carta d'identità scaduta?"}, kind: chat.Answer, lang: "it", entry: "cie-rinnovo"},
		{name: "arabic answer", in: chat.Input{Text: "كيف أجدد بطاقة الهوية الإلكترونية؟"}, kind: chat.Answer, lang: "ar", entry: "cie-rinnovo"},
		{name: "chinese emergency", in: chat.Input{Text: "救命！我家着火了"}, kind: chat.Emergency, lang: "zh", reason: chat.ReasonEmergency, textHas: "112"},
		{name: "italian emergency", in: chat.Input{Text: "mio padre è svenuto e non respira"}, kind: chat.Emergency, lang: "it", textHas: "112"},
		{name: "romanian person", in: chat.Input{Text: "vreau să vorbesc cu un operator"}, kind: chat.Handoff, lang: "ro", reason: chat.ReasonExplicit, messageID: "HandoffExplicit"},
		{name: "personal case", in: chat.Input{Text: "a che punto è la mia pratica numero 2024/1187?"}, kind: chat.Handoff, lang: "it", reason: chat.ReasonPersonal, messageID: "HandoffPersonal"},
		{name: "out of scope", in: chat.Input{Text: "what is the best pizza restaurant near the station tonight"}, kind: chat.Handoff, lang: "en", messageID: "HandoffLowConfidence"},
		{name: "explicit language wins", in: chat.Input{Text: "TARI", Lang: "de"}, lang: "de"},
		// Arabic in Latin letters is recognised as Arabic; what its guessed
		// spellings find is offered, never answered; an emergency typed so
		// is still one.
		{name: "arabizi is offered", in: chat.Input{Text: "bghit n3mel SPID, kifach?"}, kind: chat.Clarify, lang: "ar", reason: chat.ReasonGuessed},
		{name: "arabizi emergency", in: chat.Input{Text: "bba ma kaytnfsch 3ayto l'ambulance"}, kind: chat.Emergency, lang: "ar", textHas: "112"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := e.Decide(context.Background(), tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if tc.kind != "" && d.Kind != tc.kind {
				t.Errorf("kind = %s (%s), want %s; hits %v", d.Kind, d.Reason, tc.kind, hitIDs(d))
			}
			if d.Lang != tc.lang {
				t.Errorf("lang = %s, want %s", d.Lang, tc.lang)
			}
			if tc.entry != "" {
				if d.Entry == nil || d.Entry.ID != tc.entry {
					t.Fatalf("entry = %v, want %s", d.Entry, tc.entry)
				}
				if d.Text != d.Entry.Variants[tc.lang].Answer {
					t.Errorf("the answer is not the entry's %s answer: %q", tc.lang, d.Text)
				}
			}
			if tc.reason != "" && d.Reason != tc.reason {
				t.Errorf("reason = %s, want %s", d.Reason, tc.reason)
			}
			if tc.textHas != "" && !strings.Contains(d.Text, tc.textHas) {
				t.Errorf("text %q lacks %q", d.Text, tc.textHas)
			}
			if tc.messageID != "" {
				if want := cat.Message(tc.lang, tc.messageID, nil); d.Text != want {
					t.Errorf("text = %q, want the %s message %q", d.Text, tc.lang, want)
				}
			}
			if d.Kind == chat.Emergency && len(d.Hits) > 0 {
				t.Errorf("an emergency consulted the knowledge base: %v", hitIDs(d))
			}
		})
	}
}

// TestChoosingAChoiceAnswersIt: a clarification's choices are entries'
// questions; sending one back answers that entry.
func TestChoosingAChoiceAnswersIt(t *testing.T) {
	e := demoEngine(t)
	ctx := context.Background()
	var clarified *chat.Decision
	for _, text := range []string{"TARI", "tari", "carta d'identità", "multa"} {
		d, err := e.Decide(ctx, chat.Input{Text: text, Lang: "it"})
		if err != nil {
			t.Fatal(err)
		}
		if d.Kind == chat.Clarify {
			clarified = d
			break
		}
	}
	if clarified == nil {
		t.Fatal("none of the short questions led to a clarification")
	}
	for _, c := range clarified.Choices {
		d, err := e.Decide(ctx, chat.Input{Text: c.Variants["it"].Question, Lang: "it"})
		if err != nil {
			t.Fatal(err)
		}
		if d.Kind != chat.Answer || d.Entry.ID != c.ID {
			t.Errorf("choosing %q (%s): %s %v, want an answer from %s", c.Variants["it"].Question, c.ID, d.Kind, d.Entry, c.ID)
		}
	}
}

// TestEmergencyInEveryLanguage: the 112 message exists, differs, and says
// 112 in each language.
func TestEmergencyInEveryLanguage(t *testing.T) {
	e := demoEngine(t)
	seen := map[string]string{}
	for lang, text := range map[string]string{
		"it": "aiuto c'è un incendio in casa", "en": "help my house is on fire", "fr": "au secours il y a un incendie chez moi",
		"es": "socorro hay un incendio en mi casa", "de": "Hilfe, es brennt in meiner Wohnung", "ar": "النجدة هناك حريق في بيتي",
		"ro": "ajutor, e un incendiu în casă", "sq": "ndihmë, ka zjarr në shtëpi", "zh": "救命，家里着火了",
	} {
		d, err := e.Decide(context.Background(), chat.Input{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		if d.Kind != chat.Emergency || d.Lang != lang || !strings.Contains(d.Text, "112") {
			t.Errorf("%s %q: %s in %s: %q; want an emergency in %s saying 112", lang, text, d.Kind, d.Lang, d.Text, lang)
		}
		for other, msg := range seen {
			if msg == d.Text {
				t.Errorf("%s and %s got the same emergency text", lang, other)
			}
		}
		seen[lang] = d.Text
	}
}

func TestDecideBadInput(t *testing.T) {
	e := demoEngine(t)
	for _, tc := range []struct {
		name string
		in   chat.Input
		want error
	}{
		{"empty", chat.Input{Text: ""}, chat.ErrEmpty},
		{"blank", chat.Input{Text: "   \n\t "}, chat.ErrEmpty},
		{"punctuation only", chat.Input{Text: "?!?!"}, chat.ErrEmpty},
		{"invalid utf-8", chat.Input{Text: "carta \xff\xfe identità"}, chat.ErrBadText},
		{"nul byte", chat.Input{Text: "carta\x00identità"}, chat.ErrBadText},
		{"100 KB", chat.Input{Text: strings.Repeat("carta d'identità ", 6000)}, chat.ErrTooLong},
		{"too long in arabic", chat.Input{Text: strings.Repeat("بطاقة الهوية ", 400), Lang: "ar"}, chat.ErrTooLong},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := e.Decide(context.Background(), tc.in)
			if !errors.Is(err, tc.want) || !errors.Is(err, kb.ErrInvalid) {
				t.Fatalf("Decide = %v, %v; want %v (and ErrInvalid)", d, err, tc.want)
			}
			var ie *chat.InputError
			if !errors.As(err, &ie) || ie.Text == "" || strings.HasPrefix(ie.Text, "Err") {
				t.Fatalf("error %v carries no translated text for the citizen", err)
			}
			if tc.in.Lang == "ar" && ie.Lang != "ar" {
				t.Errorf("the error is in %s, want the user's ar", ie.Lang)
			}
		})
	}
}

// TestNoVariantHandsOff: a language configured but absent from the
// knowledge base never gets an answer from another language's variant.
func TestNoVariantHandsOff(t *testing.T) {
	e := demoEngine(t, append([]string{"pt"}, kb.DefaultLanguages...)...)
	d, err := e.Decide(context.Background(), chat.Input{Text: "Como posso renovar o cartão de identidade?", Lang: "pt"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != chat.Handoff || d.Entry != nil {
		t.Errorf("Portuguese question with no Portuguese content: %s %v; want a handoff", d.Kind, d.Entry)
	}
}

func hitIDs(d *chat.Decision) []string {
	var out []string
	for _, h := range d.Hits {
		out = append(out, h.Entry.ID)
	}
	return out
}

func FuzzDecide(f *testing.F) {
	for _, s := range []string{"rinnovo cie", "كيف أجدد", "救命", "\xff", "2", "operatore", "pratica 2024/1187"} {
		f.Add(s, "")
	}
	f.Add("renew id", "en")
	f.Add("x", "zz")
	e := demoEngine(f)
	f.Fuzz(func(t *testing.T, text, lang string) {
		d, err := e.Decide(context.Background(), chat.Input{Text: text, Lang: lang})
		if err != nil {
			var ie *chat.InputError
			if !errors.As(err, &ie) || ie.Text == "" {
				t.Fatalf("Decide(%q, %q) failed without a citizen message: %v", text, lang, err)
			}
			return
		}
		switch d.Kind {
		case chat.Answer:
			if d.Entry == nil || d.Entry.Variants[d.Lang] == nil || d.Text == "" {
				t.Fatalf("answer without an entry in %s: %+v", d.Lang, d)
			}
		case chat.Clarify:
			// One choice is offered when it is the only entry found for
			// a guessed spelling or for the subject the message names.
			if len(d.Choices) < 1 || len(d.Choices) > 3 || len(d.Choices) == 1 && d.Reason != chat.ReasonGuessed && d.Cue == "" {
				t.Fatalf("clarify with %d choices", len(d.Choices))
			}
		case chat.Handoff, chat.Emergency:
			if d.Text == "" {
				t.Fatalf("%s without a message", d.Kind)
			}
		default:
			t.Fatalf("unknown decision %q", d.Kind)
		}
	})
}

func BenchmarkDecide(b *testing.B) {
	e := demoEngine(b)
	ctx := context.Background()
	msgs := []string{"come rinnovo la carta d'identità", "كيف أدفع ضريبة النفايات", "when is the TARI due", "身份证丢了怎么办"}
	i := 0
	for b.Loop() {
		if _, err := e.Decide(ctx, chat.Input{Text: msgs[i%len(msgs)]}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// TestOutOfScope: a message about something the knowledge base does not
// cover is handed off even when it shares words with an entry, and the
// rule does not stop the answers it must give.
func TestOutOfScope(t *testing.T) {
	e := demoEngine(t)
	for _, tc := range []struct {
		text  string
		entry string // "" for no answer
	}{
		// Another office's subject, sharing only everyday words with an
		// entry ("apre" with the town hall's hours, "Italien" with voting
		// as an EU citizen, "Miete" with the rent grant).
		{text: "a che ora apre la farmacia di turno stasera?"},
		{text: "Wie verlängere ich meinen deutschen Reisepass in Italien?"},
		{text: "Comment renouveler mon passeport français depuis l'Italie ?"},
		{text: "Wo kann ich in der Nähe ein Auto mieten?"},
		{text: "كيف أحول رخصة السياقة المغربية إلى رخصة إيطالية؟"},
		{text: "Caut de lucru ca îngrijitoare, știți pe cineva?"},
		{text: "quando parte l'ultimo treno per Milano?"},
		// Small talk.
		{text: "ciao come stai?"},
		{text: "Quel temps fera-t-il demain ?"},
		{text: "احكي لي نكتة"},
		{text: "你好，你是谁？"},
		{text: "faleminderit shumë"},
		// The same subjects as context of a question an entry answers:
		// the entry's own subject is named, so it is answered.
		{text: "Ich habe meinen Ausweis im Zug verloren", entry: "cie-smarrimento"},
		{text: "Ich bin gehbehindert und muss regelmaessig zum Arzt in der Altstadt. Darf ich mit dem Auto in die ZTL fahren und wo beantrage ich das?", entry: "ztl-permesso"},
		{text: "Buongiorno, ieri al mercato mi hanno rubato il portafoglio con dentro la carta d identita. cosa devo fare per averne una nuova?", entry: "cie-smarrimento"},
		{text: "grazie! e quando scade la seconda rata della tari?", entry: "tari-scadenze"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			d, err := e.Decide(context.Background(), chat.Input{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			if tc.entry == "" {
				// A handoff, or a choice of the entries that name the
				// subject ("passeport" is among the foreigners'
				// registration documents): never an answer.
				if d.Kind == chat.Answer || d.Kind == chat.Clarify && d.Cue == "" {
					t.Errorf("%s (%s) %v %v, want a handoff; hits %v", d.Kind, d.Reason, d.Entry, d.Choices, hitIDs(d))
				}
				return
			}
			if d.Kind != chat.Answer || d.Entry == nil || d.Entry.ID != tc.entry {
				t.Errorf("%s (%s) %v, want the answer %s; hits %v", d.Kind, d.Reason, d.Entry, tc.entry, hitIDs(d))
			}
		})
	}
}

// TestOutOfScopeFollowsTheKnowledgeBase: the other offices' subjects only
// say what a message is about; once the knowledge base has an entry that
// speaks of passports, passport questions are answered from it.
func TestOutOfScopeFollowsTheKnowledgeBase(t *testing.T) {
	e := demoEngine(t)
	ctx := context.Background()
	q := chat.Input{Text: "Wie verlängere ich meinen Reisepass?"}
	if d, err := e.Decide(ctx, q); err != nil || d.Kind != chat.Handoff {
		t.Fatalf("before the entry: %v %v, want a handoff", d, err)
	}
	passport := &kb.Entry{ID: "passaporto-questura", Topic: "anagrafe", Status: kb.StatusPublished, Variants: map[string]*kb.Variant{
		"de": {Question: "Wie verlängere ich meinen Reisepass?", Alternates: []string{"Reisepass beantragen", "neuer Reisepass"},
			Answer: "Den Reisepass stellt die Questura aus: Termin online im Portal der Polizei."},
	}}
	st := e.Retriever.(*kb.Retriever).Store
	if _, err := st.Import(ctx, []*kb.Entry{passport}, kb.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	d, err := e.Decide(ctx, chat.Input{Text: "Mein Reisepass läuft ab, wo kann ich ihn verlängern?"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind == chat.Answer && d.Entry.ID == passport.ID {
		return
	}
	if d.Kind != chat.Clarify || len(d.Choices) != 1 || d.Choices[0].ID != passport.ID {
		t.Errorf("after the entry: %s (%s) %v, want the passport entry answered or offered alone; hits %v", d.Kind, d.Reason, d.Choices, hitIDs(d))
	}
}

// TestSubjectNotNamed: a message that names none of the best entry's
// subject terms, and names instead words other entries use (and few of
// them), is not answered from that entry, whatever words they share; the
// plausible entries are offered. Questions that name the entry's subject,
// or carry only words the knowledge base has never seen or words many
// entries use, are answered as before.
func TestSubjectNotNamed(t *testing.T) {
	e := demoEngine(t)
	for _, tc := range []struct {
		text  string
		entry string // "" for no answer
		cue   string // the words that said so, when no answer
	}{
		// "rinnovo", "tessera", "scaduta" are in the identity card's
		// phrasings ("foto tessera"); "sanitaria" is other entries' word.
		{text: "dove rinnovo la tessera sanitaria scaduta", cue: "sanitar"},
		{text: "¿Dónde está la oficina de objetos perdidos?", cue: "objet"},
		{text: "¿Cómo me apunto al paro en Italia?", cue: "par"},
		{text: "¿A qué hora cierra la biblioteca municipal?", cue: "cierr"},
		// The entry's subject named, with context words of every kind.
		{text: "mi scade la carta d'identità, come la rinnovo?", entry: "cie-rinnovo"},
		{text: "Unsere Tochter ist 10 Monate alt. Wann kann man sie für die städtische Kinderkrippe anmelden?", entry: "nido-iscrizione"},
		{text: "ya estoy empadronado en Borgoverde pero me mudo a otra calle del pueblo, tengo que avisar?", entry: "residenza-cambio"},
		{text: "j'ai une vieille armoire et un matelas à jeter, vous pouvez venir les récupérer chez moi ?", entry: "ingombranti-ritiro"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			d, err := e.Decide(context.Background(), chat.Input{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			if tc.entry != "" {
				if d.Kind != chat.Answer || d.Entry.ID != tc.entry {
					t.Errorf("%s (%s) %v, want the answer %s; hits %v", d.Kind, d.Reason, d.Entry, tc.entry, hitIDs(d))
				}
				return
			}
			if d.Kind == chat.Answer {
				t.Fatalf("answered %s, want no answer; hits %v", d.Entry.ID, hitIDs(d))
			}
			if d.Cue != tc.cue || d.Hits[0].Unnamed != tc.cue {
				t.Errorf("cue %q, best hit's unnamed %q; want %q", d.Cue, d.Hits[0].Unnamed, tc.cue)
			}
			if d.Kind == chat.Clarify && (len(d.Choices) == 0 || d.Choices[0].ID != d.Hits[0].Entry.ID) {
				t.Errorf("choices %v, want the best hit offered first", d.Choices)
			}
		})
	}
}

// TestSubjectFollowsTheKnowledgeBase: once an entry speaks of the health
// card, the health-card question names its subject and is answered from
// it, or it is offered.
func TestSubjectFollowsTheKnowledgeBase(t *testing.T) {
	e := demoEngine(t)
	ctx := context.Background()
	card := &kb.Entry{ID: "tessera-sanitaria", Topic: "anagrafe", Status: kb.StatusPublished, Variants: map[string]*kb.Variant{
		"it": {Question: "Come rinnovo la tessera sanitaria?", Alternates: []string{"tessera sanitaria scaduta", "rinnovo della tessera sanitaria", "ho perso la tessera sanitaria"},
			Answer: "La tessera sanitaria è rinnovata dall'Agenzia delle Entrate e arriva per posta: il Comune non la rilascia."},
	}}
	if _, err := e.Retriever.(*kb.Retriever).Store.Import(ctx, []*kb.Entry{card}, kb.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	d, err := e.Decide(ctx, chat.Input{Text: "dove rinnovo la tessera sanitaria scaduta"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind == chat.Answer && d.Entry.ID == card.ID || d.Kind == chat.Clarify && d.Choices[0].ID == card.ID {
		return
	}
	t.Errorf("%s (%s) %v %v, want the health card answered or offered first; hits %v", d.Kind, d.Reason, d.Entry, d.Choices, hitIDs(d))
}
