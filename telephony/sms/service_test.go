package sms_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/outbox"
	"github.com/sportello/sportello/telephony/sms"
	"github.com/sportello/sportello/telephony/sms/smstest"
)

var ctx = context.Background()

var demoConfig = sms.Config{BaseURL: "https://sportello.example", HandoffPhone: "02 0202", Transliterate: []string{"ro"}}

// carrierSeq numbers the test messages' carrier ids.
var carrierSeq struct {
	sync.Mutex
	n int
}

func inbound(from, text string) telephony.Inbound {
	carrierSeq.Lock()
	carrierSeq.n++
	id := fmt.Sprintf("c%d", carrierSeq.n)
	carrierSeq.Unlock()
	return telephony.Inbound{Gateway: smstest.Gateway, CarrierID: id, From: from, To: "44001", Text: text, ReceivedAt: time.Now()}
}

// text sends one message and returns what the phone received for it.
func text(t *testing.T, h *smstest.Harness, from, body string) (*sms.Result, string) {
	t.Helper()
	before := len(h.Phone.Sent(from))
	res, err := h.Service.Receive(ctx, inbound(from, body))
	if err != nil {
		t.Fatalf("receive %q: %v", body, err)
	}
	h.MustSendAll(t)
	got := h.Phone.Sent(from)
	switch len(got) - before {
	case 0:
		return res, ""
	case 1:
		return res, got[len(got)-1].Text
	}
	t.Fatalf("%q got %d replies", body, len(got)-before)
	return nil, ""
}

func TestAnswerFitsTheBudgetWithALink(t *testing.T) {
	h := smstest.MustHarness(t, demoConfig, nil)
	res, reply := text(t, h, "+393331112222", "Come rinnovo la carta d'identità elettronica?")
	if res.Decision != chat.Answer || res.Outcome != sms.OutcomeReply {
		t.Fatalf("decision %s, outcome %s", res.Decision, res.Outcome)
	}
	// The entry has a short SMS answer: it is sent, with the link since
	// it costs nothing more.
	if !strings.HasPrefix(reply, "CIE: prenota") {
		t.Errorf("reply %q is not the entry's SMS answer", reply)
	}
	info := telephony.Segments(reply)
	if info.Encoding != telephony.GSM7 || info.Segments > sms.DefaultMaxSegments {
		t.Errorf("reply costs %d %s segments", info.Segments, info.Encoding)
	}
	sent := h.Phone.Sent("+393331112222")[0]
	if sent.From != "44001" || sent.Segments != info.Segments || sent.Encoding != info.Encoding || sent.Gateway != smstest.Gateway {
		t.Errorf("outbound %+v", sent)
	}
}

func TestLongAnswerIsShortenedWithTheLink(t *testing.T) {
	cfg := demoConfig
	cfg.MaxSegments = 1
	h := smstest.MustHarness(t, cfg, nil)
	// The Arabic and Chinese short answers take more than one UCS-2
	// segment, the English one fits one GSM-7 segment.
	for _, tc := range []struct {
		from, text, lang string
		link             bool
	}{
		{"+393330000001", "How do I renew my electronic ID card?", "en", false},
		{"+393330000002", "كيف أجدد بطاقة الهوية الإلكترونية؟", "ar", true},
		{"+393330000003", "电子身份证怎么更新？", "zh", true},
	} {
		res, reply := text(t, h, tc.from, tc.text)
		if res.Decision != chat.Answer {
			t.Errorf("%s: decision %s", tc.lang, res.Decision)
			continue
		}
		if n := telephony.Segments(reply).Segments; n != 1 {
			t.Errorf("%s: %d segments, want 1: %q", tc.lang, n, reply)
		}
		if link := strings.HasSuffix(reply, "… https://sportello.example/"+tc.lang+"/faq/cie-rinnovo"); link != tc.link {
			t.Errorf("%s: shortened with a link = %v, want %v: %q", tc.lang, link, tc.link, reply)
		}
	}
}

func TestConversationPerNumber(t *testing.T) {
	h := smstest.MustHarness(t, demoConfig, nil)
	a1, _ := text(t, h, "+393331112222", "come pago la TARI?")
	a2, _ := text(t, h, "+39 333 111 2222", "e gli orari dell'anagrafe?")
	b, _ := text(t, h, "+393339998888", "come pago la TARI?")
	if a1.Inbound.ConversationID == "" || a1.Inbound.ConversationID != a2.Inbound.ConversationID {
		t.Errorf("one number, two conversations: %q %q", a1.Inbound.ConversationID, a2.Inbound.ConversationID)
	}
	if b.Inbound.ConversationID == a1.Inbound.ConversationID {
		t.Error("two numbers share a conversation")
	}
	c, err := h.Chat.Conversation(ctx, a1.Inbound.ConversationID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Channel != chat.ChannelSMS || !strings.HasPrefix(c.Contact, "sms:") || strings.Contains(c.Contact, "333") {
		t.Errorf("conversation channel %q contact %q", c.Channel, c.Contact)
	}
}

func TestReplayIsNeverAnsweredTwice(t *testing.T) {
	h := smstest.MustHarness(t, demoConfig, nil)
	in := inbound("+393331112222", "come pago la TARI?")
	first, err := h.Service.Receive(ctx, in)
	if err != nil || first.Duplicate {
		t.Fatal(first, err)
	}
	for range 3 {
		again, err := h.Service.Receive(ctx, in)
		if err != nil || !again.Duplicate || again.Reply != nil {
			t.Fatalf("replay: %+v, %v", again, err)
		}
	}
	// Replays arriving at once, as from a gateway retrying in parallel.
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := h.Service.Receive(ctx, in); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	h.MustSendAll(t)
	if n := len(h.Phone.Sent("+393331112222")); n != 1 {
		t.Errorf("%d replies to one message", n)
	}
}

func TestKeywords(t *testing.T) {
	h := smstest.MustHarness(t, demoConfig, nil)
	cases := []struct {
		from, text string
		kw         sms.Keyword
		want       string // a fragment of the reply
	}{
		{"+393330000010", "AIUTO", sms.KeywordHelp, "Invia OPERATORE"},
		{"+393330000011", "help", sms.KeywordHelp, "Send OPERATOR"},
		{"+393330000012", "Aide", sms.KeywordHelp, "OPERATEUR"},
		{"+393330000013", "ayuda", sms.KeywordHelp, "OPERADOR"},
		{"+393330000014", "Hilfe!", sms.KeywordHelp, "BERATER"},
		{"+393330000015", "مساعدة", sms.KeywordHelp, "موظف"},
		{"+393330000016", "ajutor", sms.KeywordHelp, "OPERATOR"},
		{"+393330000017", "ndihme", sms.KeywordHelp, "NDALO"},
		{"+393330000018", "帮助", sms.KeywordHelp, "人工"},
		{"+393330000019", "ARRÊT", sms.KeywordStop, "START"},
		{"+393330000020", "basta", sms.KeywordStop, "Non riceverai"},
		{"+393330000021", "STOPP", sms.KeywordStop, "keine Nachrichten"},
		{"+393330000022", "退订", sms.KeywordStop, "不再"},
	}
	for _, tc := range cases {
		t.Run(tc.text, func(t *testing.T) {
			res, reply := text(t, h, tc.from, tc.text)
			if res.Keyword != tc.kw || res.Outcome != sms.OutcomeKeyword {
				t.Fatalf("keyword %q, outcome %s", res.Keyword, res.Outcome)
			}
			if !strings.Contains(reply, tc.want) {
				t.Errorf("reply %q lacks %q", reply, tc.want)
			}
			if strings.Contains(reply, "02 0202") != (tc.kw == sms.KeywordHelp) {
				t.Errorf("phone number in %q", reply)
			}
		})
	}
	if _, _, ok := sms.MatchKeyword("stop al traffico in via Roma?"); ok {
		t.Error("a question that starts with stop is a keyword")
	}
}

func TestStopSuppressesUntilStart(t *testing.T) {
	h := smstest.MustHarness(t, demoConfig, nil)
	const n = "+393331112222"
	text(t, h, n, "come pago la TARI?")
	// A reply still queued when STOP arrives is not sent.
	queued, err := h.Service.Receive(ctx, inbound(n, "How do I renew my electronic ID card?"))
	if err != nil || queued.Reply == nil {
		t.Fatal(queued, err)
	}
	_, reply := text(t, h, n, "STOP")
	if !strings.Contains(reply, "START") {
		t.Errorf("STOP confirmation %q", reply)
	}
	if m, _ := h.Store.Message(ctx, queued.Reply.ID); m.State != outbox.Cancelled {
		t.Errorf("queued reply is %s after STOP", m.State)
	}
	for _, body := range []string{"come pago la TARI?", "AIUTO", "c'è un incendio nel palazzo", "OPERATORE"} {
		res, reply := text(t, h, n, body)
		if res.Outcome != sms.OutcomeSuppress || reply != "" {
			t.Errorf("after STOP %q: outcome %s, reply %q", body, res.Outcome, reply)
		}
	}
	// An operator's message is refused too.
	if _, err := h.Service.Send(ctx, queued.Inbound.Contact, "ciao", "it", "op:1", ""); !errors.Is(err, sms.ErrSuppressed) {
		t.Errorf("operator message after STOP: %v", err)
	}
	_, reply = text(t, h, n, "start")
	if !strings.Contains(reply, "on again") { // the conversation went on in English
		t.Errorf("START reply %q", reply)
	}
	if res, reply := text(t, h, n, "Come rinnovo la carta d'identità elettronica?"); res.Decision != chat.Answer || reply == "" {
		t.Errorf("after START: %s %q", res.Decision, reply)
	}
}

func TestOperatorKeywordHandsOffWithCodeAndPhone(t *testing.T) {
	h := smstest.MustHarness(t, demoConfig, nil)
	res, reply := text(t, h, "+393331112222", "OPERATORE")
	if res.Decision != chat.Handoff {
		t.Fatalf("decision %s", res.Decision)
	}
	tickets, err := h.Chat.Tickets(ctx, chat.TicketWaiting)
	if err != nil || len(tickets) != 1 {
		t.Fatalf("tickets %v, %v", tickets, err)
	}
	tk := tickets[0]
	if tk.Channel != chat.ChannelSMS || tk.Reason != chat.ReasonExplicit || tk.ConversationID != res.Inbound.ConversationID {
		t.Errorf("ticket %+v", tk)
	}
	if !strings.Contains(reply, chat.FormatCode(tk.Code)) || !strings.Contains(reply, "02 0202") {
		t.Errorf("reply %q lacks the code %s or the phone", reply, tk.Code)
	}
	// Asking again: already in line, no second ticket.
	_, reply = text(t, h, "+393331112222", "operatore")
	if !strings.Contains(reply, "già presso un operatore") {
		t.Errorf("second request: %q", reply)
	}
	if tickets, _ := h.Chat.Tickets(ctx, chat.TicketWaiting); len(tickets) != 1 {
		t.Errorf("%d tickets", len(tickets))
	}
	// Other messages wait for the operator in silence...
	if res, reply := text(t, h, "+393331112222", "come pago la TARI?"); res.Outcome != sms.OutcomeSilent || reply != "" {
		t.Errorf("while waiting: %s %q", res.Outcome, reply)
	}
	// ...but not an emergency.
	if _, reply := text(t, h, "+393331112222", "c'è un incendio nel palazzo"); !strings.Contains(reply, "112") {
		t.Errorf("emergency while waiting: %q", reply)
	}
}

func TestEngineHandoffTellsCodeAndPhone(t *testing.T) {
	h := smstest.MustHarness(t, demoConfig, nil)
	res, reply := text(t, h, "+393331112222", "voglio parlare con una persona vera")
	if res.Decision != chat.Handoff {
		t.Fatalf("decision %s", res.Decision)
	}
	if !strings.Contains(reply, "codice") || !strings.Contains(reply, "02 0202") {
		t.Errorf("reply %q", reply)
	}
}

func TestEmergencyGets112InTheCitizensLanguage(t *testing.T) {
	h := smstest.MustHarness(t, demoConfig, nil)
	for _, tc := range []struct{ text, want string }{
		{"c'è un incendio nel palazzo", "Chiama subito il 112"},
		{"يوجد حريق في المبنى", "112"},
		{"楼里着火了", "112"},
	} {
		res, reply := text(t, h, "+39333"+fmt.Sprint(len(tc.text)), tc.text)
		if res.Decision != chat.Emergency || !strings.Contains(reply, tc.want) {
			t.Errorf("%q: %s %q", tc.text, res.Decision, reply)
		}
	}
}

func TestClarifyIsANumberedMenu(t *testing.T) {
	h := smstest.MustHarness(t, demoConfig, nil)
	const n = "+393331112222"
	res, menu := text(t, h, n, "mi serve un certificato di stato di famiglia per la banca, si puo scaricare da casa o devo venire in comune?")
	if res.Decision != chat.Clarify {
		t.Fatalf("decision %s", res.Decision)
	}
	if !strings.Contains(menu, "\n1 ") || !strings.Contains(menu, "\n2 ") || !strings.Contains(menu, "Rispondi con il numero: 1, 2") {
		t.Errorf("menu %q", menu)
	}
	if s := telephony.Segments(menu).Segments; s > sms.DefaultMaxSegments {
		t.Errorf("menu takes %d segments", s)
	}
	turns, _ := h.Chat.Turns(ctx, res.Inbound.ConversationID, 0)
	choices := turns[len(turns)-1].Decision.Choices
	res, reply := text(t, h, n, " 2. ")
	if res.Decision != chat.Answer {
		t.Fatalf("reply 2: decision %s", res.Decision)
	}
	turns, _ = h.Chat.Turns(ctx, res.Inbound.ConversationID, 0)
	if got := turns[len(turns)-1].Decision.EntryID; got != choices[1].EntryID {
		t.Errorf("reply 2 answered %s, want %s (%q)", got, choices[1].EntryID, reply)
	}
	// A number without a menu before it is an ordinary message.
	if res, _ := text(t, h, "+393339990000", "2"); res.Decision == chat.Answer {
		t.Error("a bare number answered without a menu")
	}
}

func TestTransliterationKeepsRomanianInGSM(t *testing.T) {
	h := smstest.MustHarness(t, demoConfig, nil)
	_, reply := text(t, h, "+40722000000", "AJUTOR")
	if telephony.Choose(reply) != telephony.GSM7 || strings.ContainsAny(reply, "țșăîâ") {
		t.Errorf("Romanian reply not transliterated: %q", reply)
	}
	_, reply = text(t, h, "+355690000000", "NDIHMË")
	if !strings.Contains(reply, "ë") {
		t.Errorf("Albanian is not configured for transliteration but lost its letters: %q", reply)
	}
}

func TestBadInput(t *testing.T) {
	h := smstest.MustHarness(t, demoConfig, nil)
	for _, from := range []string{"", "TIM", "+39abc", "+1234567890123456789", "12"} {
		_, err := h.Service.Receive(ctx, inbound(from, "ciao"))
		if !errors.Is(err, sms.ErrInvalid) {
			t.Errorf("sender %q: %v, want ErrInvalid", from, err)
		}
	}
	if _, err := h.Service.Receive(ctx, telephony.Inbound{From: "+393331112222", Text: "x"}); !errors.Is(err, sms.ErrInvalid) {
		t.Errorf("no gateway: %v", err)
	}
	if p, _ := h.Store.PendingInbound(ctx, 10); len(p) != 0 {
		t.Errorf("refused messages were stored: %d", len(p))
	}
	cases := []struct {
		name, text string
		outcome    sms.Outcome
		want       string
	}{
		{"invalid UTF-8", "ciao \xff\xfe come", sms.OutcomeRefused, "Non riesco a leggere"},
		{"10 kB", strings.Repeat("carta d'identità ", 600), sms.OutcomeRefused, "2000"},
		{"100 kB", strings.Repeat("x", 100<<10), sms.OutcomeRefused, "2000"},
		{"empty", "   ", sms.OutcomeKeyword, "OPERATORE"},
		{"NUL bytes", "\x00\x00", sms.OutcomeKeyword, "OPERATORE"},
		{"emoji only", "👍", sms.OutcomeRefused, ""},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, reply := text(t, h, fmt.Sprintf("+3933300001%02d", i), tc.text)
			if res.Outcome != tc.outcome || !strings.Contains(reply, tc.want) || reply == "" {
				t.Errorf("outcome %s, reply %q", res.Outcome, reply)
			}
			if s := telephony.Segments(reply).Segments; s > sms.DefaultMaxSegments {
				t.Errorf("%d segments", s)
			}
			got, _ := h.Store.Inbound(ctx, res.Inbound.ID)
			if len(got.Text) > sms.MaxTextBytes {
				t.Errorf("stored %d bytes", len(got.Text))
			}
		})
	}
}

func TestResumeAnswersWhatACrashInterrupted(t *testing.T) {
	h := smstest.MustHarness(t, demoConfig, nil)
	// Stored, then the process died before processing it.
	sealed, _ := h.Service.Vault.Seal("+393331112222")
	rec := &sms.InboundRecord{Gateway: smstest.Gateway, CarrierID: "crash-1", Contact: h.Service.Vault.Pseudonym("+393331112222"),
		SealedFrom: sealed, To: "44001", Text: "come pago la TARI?", ReceivedAt: time.Now()}
	if _, err := h.Store.SaveInbound(ctx, rec, time.Now()); err != nil {
		t.Fatal(err)
	}
	h2 := h.Reopen(t, demoConfig, nil)
	n, err := h2.Service.Resume(ctx)
	if err != nil || n != 1 {
		t.Fatalf("resumed %d, %v", n, err)
	}
	h2.MustSendAll(t)
	if got := h2.Phone.Sent("+393331112222"); len(got) != 1 {
		t.Fatalf("%d replies", len(got))
	}
	// The carrier redelivers it: nothing more.
	if res, err := h2.Service.Receive(ctx, telephony.Inbound{Gateway: smstest.Gateway, CarrierID: "crash-1", From: "+393331112222", Text: "come pago la TARI?"}); err != nil || !res.Duplicate {
		t.Fatalf("redelivery: %+v, %v", res, err)
	}
	if n, _ := h2.Service.Resume(ctx); n != 0 {
		t.Errorf("second resume processed %d", n)
	}
	h2.MustSendAll(t)
	if got := h2.Phone.Sent("+393331112222"); len(got) != 1 {
		t.Errorf("%d replies after redelivery", len(got))
	}
}

// TestNumbersAndTextsStayOutOfLogsAndTheDatabase checks the privacy
// rules on real bytes: the logs of a whole exchange, and the SQLite files
// once the replies are sent.
func TestNumbersAndTextsStayOutOfLogsAndTheDatabase(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h := smstest.MustHarness(t, demoConfig, log)
	const number = "+393471234567"
	for _, body := range []string{"come pago la TARI?", "OPERATORE", "AIUTO", "STOP"} {
		text(t, h, number, body)
	}
	for _, secret := range []string{number, "3471234567", "TARI", "OPERATORE"} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the logs contain %q", secret)
		}
	}
	if !strings.Contains(logs.String(), "sms:") {
		t.Error("the logs do not name the contact by pseudonym")
	}
	if err := h.DB.DB().QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Err(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(h.Path + "*")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("3471234567")) {
			t.Errorf("%s contains the phone number in clear", filepath.Base(f))
		}
	}
}

func TestOperatorMessageGoesToTheContact(t *testing.T) {
	h := smstest.MustHarness(t, demoConfig, nil)
	res, _ := text(t, h, "+393331112222", "OPERATORE")
	info := h.Service.Cost("Buongiorno, la sua pratica è pronta.", "it")
	if info.Segments != 1 || info.Encoding != telephony.GSM7 {
		t.Errorf("cost %+v", info)
	}
	for range 2 {
		if _, err := h.Service.Send(ctx, res.Inbound.Contact, "Buongiorno, la sua pratica è pronta.", "it", "op:1", res.Inbound.ConversationID); err != nil {
			t.Fatal(err)
		}
	}
	h.MustSendAll(t)
	got := h.Phone.Sent("+393331112222")
	if len(got) != 2 || got[1].Text != "Buongiorno, la sua pratica è pronta." {
		t.Errorf("sent %+v", got)
	}
	if _, err := h.Service.Send(ctx, "sms:unknown", "x", "it", "op:2", ""); !errors.Is(err, sms.ErrNotFound) {
		t.Errorf("unknown contact: %v", err)
	}
}

func TestConcurrentMessagesFromOneNumberShareAConversation(t *testing.T) {
	h := smstest.MustHarness(t, demoConfig, nil)
	var wg sync.WaitGroup
	ids := make([]string, 8)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := h.Service.Receive(ctx, inbound("+393331112222", "orari anagrafe"))
			if err != nil {
				t.Error(err)
				return
			}
			ids[i] = res.Inbound.ConversationID
		}()
	}
	wg.Wait()
	for _, id := range ids {
		if id != ids[0] {
			t.Fatalf("conversations %v", ids)
		}
	}
}

func TestOperatorRepliesGoBackBySMS(t *testing.T) {
	h := smstest.MustHarness(t, demoConfig, nil)
	h.Service.Chat.Deliver = map[string]chat.Deliverer{chat.ChannelSMS: h.Service.Deliver}
	const n = "+393331112222"
	text(t, h, n, "OPERATORE")
	tickets, _ := h.Chat.Tickets(ctx, chat.TicketWaiting)
	code := tickets[0].Code
	if _, err := h.Service.Chat.Claim(ctx, code, "anna"); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("La sua pratica è pronta e può ritirarla allo sportello. ", 12)
	if _, err := h.Service.Chat.Reply(ctx, code, "anna", long); err != nil {
		t.Fatal(err)
	}
	h.MustSendAll(t)
	got := h.Phone.Sent(n)
	if len(got) != 3 {
		t.Fatalf("sent %d messages, want the handoff, the operator joining and the reply", len(got))
	}
	var reply telephony.Outbound
	for _, m := range got {
		if strings.HasPrefix(m.Text, "La sua pratica") {
			reply = m
		}
	}
	if reply.Segments > sms.DefaultOperatorSegments || reply.Segments < 4 {
		t.Errorf("operator reply: %d segments %q", reply.Segments, reply.Text)
	}
	if cost := h.Service.Cost(long, "it"); cost.Segments != reply.Segments {
		t.Errorf("cost shown %d, sent %d", cost.Segments, reply.Segments)
	}
	// Delivering the same turn again sends nothing more.
	c, _ := h.Chat.Conversation(ctx, tickets[0].ConversationID)
	turns, _ := h.Chat.Turns(ctx, c.ID, 0)
	if err := h.Service.Deliver(ctx, c, &turns[len(turns)-1]); err != nil {
		t.Fatal(err)
	}
	h.MustSendAll(t)
	if len(h.Phone.Sent(n)) != 3 {
		t.Error("a turn delivered twice was sent twice")
	}
}

// closedOffice is an office that is always closed.
type closedOffice struct{}

func (closedOffice) Opening(context.Context, *chat.Ticket, time.Time) (chat.Opening, error) {
	return chat.Opening{}, nil
}

// callbackQueue records callback requests.
type callbackQueue struct {
	mu   sync.Mutex
	reqs []chat.CallbackRequest
}

func (q *callbackQueue) RequestCallback(_ context.Context, r *chat.CallbackRequest) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.reqs = append(q.reqs, *r)
	return nil
}

func TestClosedOfficeOffersACallbackToThisNumber(t *testing.T) {
	h := smstest.MustHarness(t, demoConfig, nil)
	q := &callbackQueue{}
	h.Service.Chat.Callbacks = &chat.Callbacks{Hours: closedOffice{}, Queue: q}
	const n = "+393331112222"
	_, offer := text(t, h, n, "OPERATORE")
	if !strings.Contains(offer, "SI'") || !strings.Contains(offer, "codice") || telephony.Segments(offer).Segments > sms.DefaultMaxSegments {
		t.Errorf("handoff while closed: %q", offer)
	}
	_, reply := text(t, h, n, "sì grazie")
	if !strings.Contains(reply, "richiamerà") {
		t.Errorf("callback confirmation %q", reply)
	}
	if len(q.reqs) != 1 || q.reqs[0].Contact == "" || q.reqs[0].Number != "" {
		t.Fatalf("requests %+v", q.reqs)
	}
	sealed, err := h.Service.SealedNumber(ctx, q.reqs[0].Contact)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := h.Service.Vault.Open(sealed); err != nil || got != n {
		t.Errorf("the callback desk would call %q, %v", got, err)
	}
}

// TestSameCarrierIDLaterIsANewMessage covers gateways whose ids are
// digests of the content (SMPP's): the same text from the same number
// after the deduplication window is a new question and is answered.
func TestSameCarrierIDLaterIsANewMessage(t *testing.T) {
	h := smstest.MustHarness(t, demoConfig, nil)
	in := inbound("+393331112222", "AIUTO")
	h.Service.DedupWindow = time.Nanosecond
	for range 2 {
		if res, err := h.Service.Receive(ctx, in); err != nil || res.Duplicate {
			t.Fatalf("%+v %v", res, err)
		}
	}
	h.MustSendAll(t)
	if n := len(h.Phone.Sent("+393331112222")); n != 2 {
		t.Errorf("%d replies, want 2", n)
	}
}

// TestResumeAfterTheConversationWasAnswered is the crash after the
// conversation service stored its reply but before the SMS went to the
// outbox: at start, chat.Service.Resume has nothing left to do for the
// turn, and the channel's Resume sends the reply the turn got, built from
// the stored decision (the entry's short SMS answer).
func TestResumeAfterTheConversationWasAnswered(t *testing.T) {
	h := smstest.MustHarness(t, demoConfig, nil)
	h.Service.Entries = h.Service.Chat.Engine.Retriever.(*kb.Retriever).Store
	const number = "+393331112222"
	sealed, _ := h.Service.Vault.Seal(number)
	contact := h.Service.Vault.Pseudonym(number)
	rec := &sms.InboundRecord{Gateway: smstest.Gateway, CarrierID: "crash-2", Contact: contact, SealedFrom: sealed, To: "44001",
		Text: "Come rinnovo la carta d'identità elettronica?", ReceivedAt: time.Now()}
	if _, err := h.Store.SaveInbound(ctx, rec, time.Now()); err != nil {
		t.Fatal(err)
	}
	conv := &chat.Conversation{Channel: chat.ChannelSMS, Contact: contact}
	if err := h.Service.Chat.Start(ctx, conv); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Service.Chat.Post(ctx, conv.ID, chat.Message{Text: rec.Text, Key: "sms:" + rec.ID}); err != nil {
		t.Fatal(err)
	}
	// The process died here. At the next start:
	h2 := h.Reopen(t, demoConfig, nil)
	h2.Service.Entries = h.Service.Entries
	if n, err := h2.Service.Chat.Resume(ctx); err != nil || n != 0 {
		t.Fatalf("chat resume: %d, %v", n, err)
	}
	if n, err := h2.Service.Resume(ctx); err != nil || n != 1 {
		t.Fatalf("sms resume: %d, %v", n, err)
	}
	h2.MustSendAll(t)
	got := h2.Phone.Sent(number)
	if len(got) != 1 || !strings.HasPrefix(got[0].Text, "CIE: prenota") {
		t.Fatalf("sent %+v", got)
	}
	turns, _ := h2.Chat.Turns(ctx, conv.ID, 0)
	if len(turns) != 2 {
		t.Errorf("%d turns: the question was processed twice", len(turns))
	}
}
