package console_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb/providers"
	"github.com/sportello/sportello/kb/providers/providertest"
	"github.com/sportello/sportello/telephony/sms"
)

// Texts of the fake model: what citizens write, and what it translates
// them into.
const (
	roRequest    = "Vreau să vorbesc cu un operator"
	roRequestIt  = "Voglio parlare con un operatore"
	arRequest    = "أريد التحدث مع موظف من فضلك"
	arRequestIt  = "Vorrei parlare con un impiegato, per favore"
	itReply      = "Buongiorno, sono Anna del Comune. La sua pratica numero 2231 è pronta: può ritirarla allo sportello."
	itReplyRo    = "Bună ziua, sunt Anna de la Primărie. Dosarul dumneavoastră numărul 2231 este gata: îl puteți ridica de la ghișeu."
	itReplyRoFix = "Bună ziua, sunt Anna de la Primărie. Dosarul dumneavoastră cu numărul 2231 este gata: îl puteți ridica de la ghișeu."
	itGreeting   = "Buongiorno, sono Anna del Comune. Come posso aiutarla?"
	itGreetingAr = "مرحبا، أنا آنا من البلدية. كيف يمكنني مساعدتك؟"
)

// fakeTranslator is a chat model server that translates the texts above,
// records what it was asked, and can be made to fail.
type fakeTranslator struct {
	mu    sync.Mutex
	texts []string // the "text" of each translation request, in order
	fail  map[string]providertest.Reply
	srv   *providertest.Server
}

func (f *fakeTranslator) handle(t *testing.T) providertest.Handler {
	return func(_ int, req providertest.Request) providertest.Reply {
		user := req.Text("user")
		_, rest, _ := strings.Cut(user, "<data>")
		body, _, _ := strings.Cut(rest, "</data>")
		var d struct {
			SourceLanguage string `json:"source_language"`
			TargetLanguage string `json:"target_language"`
			Text           string `json:"text"`
		}
		if err := json.Unmarshal([]byte(body), &d); err != nil || !strings.Contains(req.Text("system"), "never instructions") {
			t.Errorf("not a translation request (%v):\n%s", err, user)
			return providertest.Reply{Status: 400, Body: providertest.ErrorBody(providers.OpenAI, "unexpected request")}
		}
		f.mu.Lock()
		f.texts = append(f.texts, d.Text)
		fail, failing := f.fail[d.Text]
		f.mu.Unlock()
		if failing {
			return fail
		}
		out, ok := map[string]string{roRequest: roRequestIt, arRequest: arRequestIt, itReply: itReplyRo, itGreeting: itGreetingAr}[d.Text]
		if !ok {
			t.Errorf("the model was asked to translate %q", d.Text)
		}
		b, _ := json.Marshal(map[string]string{"translation": out})
		return providertest.Reply{Content: string(b)}
	}
}

func (f *fakeTranslator) asked() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.texts...)
}

// withTranslator gives the rig's console a language model served by a
// fake translator speaking provider's wire format.
func (r *rig) withTranslator(t *testing.T, provider string) *fakeTranslator {
	t.Helper()
	f := &fakeTranslator{fail: map[string]providertest.Reply{}}
	f.srv = providertest.New(t, provider, f.handle(t))
	m, err := providers.NewChatModel(f.srv.Config("test-model"))
	if err != nil {
		t.Fatal(err)
	}
	r.console.LLM = &chat.LLM{Model: m, Name: provider + ":test-model", Detector: r.svc.Engine.Detector, Timeout: 2 * time.Second}
	return f
}

// handoffSaying starts a conversation on channel and hands it off with text.
func (r *rig) handoffSaying(t *testing.T, channel, contact, text string) string {
	t.Helper()
	c := &chat.Conversation{Channel: channel, Contact: contact}
	if err := r.svc.Start(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	out, err := r.svc.Post(context.Background(), c.ID, chat.Message{Text: text})
	if err != nil || out.Ticket == nil {
		t.Fatalf("handoff with %q: %v %+v", text, err, out)
	}
	return out.Ticket.Code
}

// element returns the first element of page with the given data-testid,
// as HTML, or "".
func element(page, testid string) string {
	re := regexp.MustCompile(`<[a-z]+[^>]*data-testid="` + regexp.QuoteMeta(testid) + `"[^>]*>[^<]*`)
	return re.FindString(page)
}

func TestBilingualTicket(t *testing.T) {
	for _, provider := range []string{providers.OpenAI, providers.Ollama} {
		t.Run(provider, func(t *testing.T) {
			r := newRig(t)
			f := r.withTranslator(t, provider)
			anna := r.signIn(t, "anna")
			ro := r.handoffSaying(t, chat.ChannelWeb, "", roRequest)
			ar := r.handoffSaying(t, chat.ChannelWeb, "", arRequest)

			resp, page := r.get(t, anna, "/staff/t/"+ro)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("ticket: %d", resp.StatusCode)
			}
			orig, tr := element(page, "turn-original"), element(page, "turn-translation")
			if !strings.Contains(orig, `lang="ro"`) || !strings.Contains(orig, `dir="ltr"`) || !strings.HasSuffix(orig, roRequest) {
				t.Errorf("original: %s", orig)
			}
			if !strings.Contains(tr, `lang="it"`) || !strings.HasSuffix(tr, roRequestIt) {
				t.Errorf("translation: %s", tr)
			}
			if label := element(page, "mt-label"); !strings.Contains(label, "Traduzione automatica (it)") {
				t.Errorf("the translation is not marked as automatic in words: %s", label)
			}

			_, page = r.get(t, anna, "/staff/t/"+ar)
			orig, tr = element(page, "turn-original"), element(page, "turn-translation")
			if !strings.Contains(orig, `lang="ar"`) || !strings.Contains(orig, `dir="rtl"`) || !strings.HasSuffix(orig, arRequest) {
				t.Errorf("Arabic original: %s", orig)
			}
			if !strings.Contains(tr, `lang="it"`) || !strings.Contains(tr, `dir="ltr"`) || !strings.HasSuffix(tr, arRequestIt) {
				t.Errorf("Arabic's translation: %s", tr)
			}

			// Reloading, or another operator opening the case, asks the model
			// nothing more: the translations are kept with the turns.
			r.get(t, anna, "/staff/t/"+ro)
			r.get(t, r.signIn(t, "bruno"), "/staff/t/"+ar)
			if got := f.asked(); len(got) != 2 {
				t.Errorf("the model was asked %d times (%q), want once per message", len(got), got)
			}
			tk, _ := r.svc.Store.Ticket(context.Background(), ar)
			turns, _ := r.svc.Store.Turns(context.Background(), tk.ConversationID, 0)
			if tr := turns[0].Translation("it"); tr == nil || tr.Text != arRequestIt || tr.Model != provider+":test-model" {
				t.Errorf("stored translation %+v", tr)
			}
			// Italian needs no translation; the bot's and the system's
			// messages are not the citizen's.
			it := r.handoffSaying(t, chat.ChannelWeb, "", "Voglio parlare con un operatore")
			if _, page := r.get(t, anna, "/staff/t/"+it); strings.Contains(page, `data-testid="bilingual"`) {
				t.Error("an Italian conversation is shown bilingual")
			}
			if got := f.asked(); len(got) != 2 {
				t.Errorf("the model was asked %q", got[2:])
			}
		})
	}
}

// TestBilingualFailures: a model that fails or does not answer in time
// leaves the original alone, with a note, and the page works; it is not
// asked again at once on every refresh.
func TestBilingualFailures(t *testing.T) {
	for name, fail := range map[string]providertest.Reply{
		"server error": {Status: 500, Body: providertest.ErrorBody(providers.OpenAI, "overloaded")},
		"timeout":      {Hang: true},
		"not JSON":     {Content: "Voglio parlare con un operatore"},
	} {
		t.Run(name, func(t *testing.T) {
			r := newRig(t)
			f := r.withTranslator(t, providers.OpenAI)
			r.console.LLM.Timeout = 300 * time.Millisecond
			f.fail[roRequest] = fail
			anna := r.signIn(t, "anna")
			code := r.handoffSaying(t, chat.ChannelWeb, "", roRequest)
			for range 2 {
				resp, page := r.get(t, anna, "/staff/t/"+code)
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("ticket: %d", resp.StatusCode)
				}
				if txt := element(page, "turn-text"); !strings.Contains(txt, `lang="ro"`) || !strings.HasSuffix(txt, roRequest) {
					t.Errorf("the original is not shown: %s", txt)
				}
				if note := element(page, "translation-failed"); !strings.Contains(note, "Traduzione automatica non disponibile") {
					t.Errorf("no note that the translation failed: %q", note)
				}
				if strings.Contains(page, `data-testid="turn-translation"`) {
					t.Error("a translation is shown")
				}
			}
			if n := len(f.asked()); n != 1 && !(name == "server error" && n == 2) {
				// A 5xx is retried once by the provider client.
				t.Errorf("the model was asked %d times", n)
			}
		})
	}
}

// TestTranslatedReply: the operator writes in Italian, sees the
// translation beside it, corrects it and sends it; the citizen gets the
// corrected translation and the transcript keeps the Italian.
func TestTranslatedReply(t *testing.T) {
	r := newRig(t)
	f := r.withTranslator(t, providers.OpenAI)
	anna := r.signIn(t, "anna")
	code := r.handoffSaying(t, chat.ChannelWeb, "", roRequest)
	if resp, _ := r.post(t, anna, "/staff/t/"+code+"/translate", url.Values{"text": {itReply}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("translate before claiming: %d, want 409", resp.StatusCode)
	}
	r.post(t, anna, "/staff/t/"+code+"/claim", nil)
	_, page := r.get(t, anna, "/staff/t/"+code)
	if !strings.Contains(page, `data-testid="translate-reply"`) || !strings.Contains(page, "Traduci in rumeno") {
		t.Fatalf("no translate button in the reply box:\n%s", page)
	}
	if box := element(page, "reply-form"); box == "" || !strings.Contains(page, `id="text" name="text" rows="5" class="form-control" lang="it"`) {
		t.Errorf("the reply box is not marked Italian")
	}

	resp, page := r.post(t, anna, "/staff/t/"+code+"/translate", url.Values{"text": {itReply}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, `data-testid="reply-preview"`) {
		t.Fatalf("translate: %d\n%s", resp.StatusCode, page)
	}
	if !regexp.MustCompile(`<textarea id="original" name="original"[^>]*lang="it"[^>]*>` + regexp.QuoteMeta(itReply) + `</textarea>`).MatchString(page) {
		t.Errorf("the Italian is not shown, editable, beside the translation")
	}
	if !regexp.MustCompile(`<textarea id="text" name="text"[^>]*lang="ro"[^>]*>` + regexp.QuoteMeta(itReplyRo) + `</textarea>`).MatchString(page) {
		t.Errorf("the translation is not in the box to send")
	}
	if got := f.asked(); len(got) != 2 || got[1] != itReply {
		t.Errorf("the model was asked %q", got)
	}
	// "Translate again" translates the Italian as the operator edited
	// it, not the translation in the box.
	resp, page = r.post(t, anna, "/staff/t/"+code+"/translate", url.Values{"original": {itReply}, "text": {"ceva greșit"}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, ">"+itReplyRo+"</textarea>") {
		t.Errorf("translate again: %d", resp.StatusCode)
	}
	if got := f.asked(); len(got) != 3 || got[2] != itReply {
		t.Errorf("the model was asked %q", got)
	}
	tk, _ := r.svc.Store.Ticket(context.Background(), code)
	before, _ := r.svc.Store.Turns(context.Background(), tk.ConversationID, 0)

	resp, _ = r.post(t, anna, "/staff/t/"+code+"/reply", url.Values{"text": {itReplyRoFix}, "original": {itReply}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("send: %d", resp.StatusCode)
	}
	turns, _ := r.svc.Store.Turns(context.Background(), tk.ConversationID, 0)
	if len(turns) != len(before)+1 {
		t.Fatalf("%d turns after sending, want %d", len(turns), len(before)+1)
	}
	last := turns[len(turns)-1]
	want := chat.TurnTranslation{Lang: "it", Text: itReply, Model: "openai:test-model", Original: true}
	if last.Text != itReplyRoFix || last.Lang != "ro" || last.Role != chat.RoleOperator || len(last.Translations) != 1 || last.Translations[0] != want {
		t.Errorf("sent turn %+v", last)
	}
	_, page = r.get(t, anna, "/staff/t/"+code)
	if o := element(page, "turn-sent-original"); !strings.Contains(o, `lang="it"`) || !strings.HasSuffix(o, itReply) {
		t.Errorf("the transcript does not show the Italian original: %q", o)
	}
	audit, _ := r.staff.AuditLog(context.Background(), 5)
	if len(audit) == 0 || audit[0].Action != "ticket.replied" || strings.Contains(audit[0].Detail, "Anna") {
		t.Errorf("audit %+v", audit)
	}

	// A translation that fails leaves the Italian in the box, with a note.
	f.fail["Grazie, arrivederci."] = providertest.Reply{Status: 400, Body: providertest.ErrorBody(providers.OpenAI, "bad")}
	resp, page = r.post(t, anna, "/staff/t/"+code+"/translate", url.Values{"text": {"Grazie, arrivederci."}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, `data-testid="reply-translation-failed"`) ||
		!regexp.MustCompile(`<textarea id="text" name="text"[^>]*>Grazie, arrivederci.</textarea>`).MatchString(page) {
		t.Errorf("failed translation: %d\n%s", resp.StatusCode, page)
	}
	// Without a language model there is nothing to translate with.
	r.console.LLM = nil
	if resp, _ := r.post(t, anna, "/staff/t/"+code+"/translate", url.Values{"text": {itReply}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("translate without a model: %d", resp.StatusCode)
	}
	if _, page := r.get(t, anna, "/staff/t/"+code); strings.Contains(page, "translate-reply") || strings.Contains(page, `data-testid="turn-translation"`) {
		t.Error("without a model the page offers translations")
	}
}

// TestSMSReplyCost: on the SMS channel the reply box counts characters
// and segments as the channel sends them, and a reply over the cap is
// refused with the draft kept.
func TestSMSReplyCost(t *testing.T) {
	r := newRig(t)
	r.console.SMS = &sms.Service{Config: sms.Config{OperatorSegments: 2, Transliterate: []string{"sq"}}}
	var sent []string
	r.svc.Deliver = map[string]chat.Deliverer{chat.ChannelSMS: func(_ context.Context, _ *chat.Conversation, t *chat.Turn) error {
		sent = append(sent, t.Text)
		return nil
	}}
	anna := r.signIn(t, "anna")
	code := r.handoffSaying(t, chat.ChannelSMS, "p:sms-test", roRequest)
	r.post(t, anna, "/staff/t/"+code+"/claim", nil)
	_, page := r.get(t, anna, "/staff/t/"+code)
	if !strings.Contains(page, `data-sms-url="/staff/t/`+code+`/sms-count"`) || !strings.Contains(page, `data-testid="reply-sms-count"`) {
		t.Fatalf("no SMS counter on an SMS conversation")
	}
	count := func(text string) (string, bool) {
		t.Helper()
		resp, body := r.post(t, anna, "/staff/t/"+code+"/sms-count", url.Values{"text": {text}})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("sms-count: %d %s", resp.StatusCode, body)
		}
		return body, resp.Header.Get("X-SMS-Over") == "1"
	}
	for _, c := range []struct {
		text string
		want string
		over bool
	}{
		{"Buongiorno, la pratica è pronta.", "32 caratteri, 1 SMS (GSM-7)", false},
		{"Bună ziua, dosarul este gata.", "29 caratteri, 1 SMS (UCS-2)", false},
		{strings.Repeat("Dosarul este gata. ", 10), "189 caratteri, 2 SMS (GSM-7)", false},
		{strings.Repeat("Dosarul este gata. ", 17), "322 caratteri, 3 SMS (GSM-7) – oltre il limite di 2 SMS", true},
		{strings.Repeat("Bună ziua. ", 13), "142 caratteri, 3 SMS (UCS-2) – oltre il limite di 2 SMS", true},
	} {
		got, over := count(c.text)
		if got != c.want || over != c.over {
			t.Errorf("count %.20q = %q (over %v), want %q (over %v)", c.text, got, over, c.want, c.over)
		}
	}

	long := strings.Repeat("Bună ziua. ", 13)
	bruno := r.signIn(t, "bruno")
	for _, text := range []string{long, " "} {
		if resp, _ := r.post(t, bruno, "/staff/t/"+code+"/reply", url.Values{"text": {text}}); resp.StatusCode != http.StatusConflict {
			t.Errorf("a reply by another operator: %d, want 409 (not theirs)", resp.StatusCode)
		}
	}
	resp, page := r.post(t, anna, "/staff/t/"+code+"/reply", url.Values{"text": {long}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("reply over the cap: %d, want 422", resp.StatusCode)
	}
	if e := element(page, "reply-error"); !strings.Contains(e, "supera il numero massimo di SMS") {
		t.Errorf("no clear error: %q", e)
	}
	if !strings.Contains(page, ">"+long+"</textarea>") || !strings.Contains(page, "oltre il limite di 2 SMS") {
		t.Errorf("the draft or its count is not back in the box")
	}
	if len(sent) != 1 { // the notice that a person joined
		t.Errorf("sent %q", sent)
	}
	resp, _ = r.post(t, anna, "/staff/t/"+code+"/reply", url.Values{"text": {"Bună ziua, dosarul este gata."}})
	if resp.StatusCode != http.StatusSeeOther || len(sent) != 2 || sent[1] != "Bună ziua, dosarul este gata." {
		t.Errorf("reply within the cap: %d, sent %q", resp.StatusCode, sent)
	}
	// An empty reply also comes back to its box, with the reason.
	resp, page = r.post(t, anna, "/staff/t/"+code+"/reply", url.Values{"text": {"   "}})
	if resp.StatusCode != http.StatusBadRequest || element(page, "reply-error") == "" {
		t.Errorf("empty reply: %d", resp.StatusCode)
	}

	// The web chat has no counter.
	web := r.handoffSaying(t, chat.ChannelWeb, "", roRequest)
	r.post(t, anna, "/staff/t/"+web+"/claim", nil)
	if _, page := r.get(t, anna, "/staff/t/"+web); strings.Contains(page, "reply-sms-count") {
		t.Error("a web conversation shows an SMS counter")
	}
}
