package chat_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/chat/chattest"
)

func TestParsePhone(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"333 123 4567", "+393331234567"},
		{"3331234567", "+393331234567"},
		{"392-1234567", "+393921234567"},
		{"+39 333 123 4567", "+393331234567"},
		{"0039 333.123.4567", "+393331234567"},
		{"(+39) 06 1234 5678", "+390612345678"},
		{"06 1234567", "+39061234567"},
		{"+44 20 7946 0958", "+442079460958"},
		{"0040 721 234 567", "+40721234567"},
		{"112", ""},
		{"800 123 456", ""},      // toll-free: nobody answers a callback there
		{"+39 800 123 456", ""},  // same, with the prefix
		{"33312", ""},            // too short
		{"3331234567890", ""},    // too long for an Italian mobile
		{"+1234567", ""},         // too short for any country
		{"+0123456789", ""},      // no country starts with 0
		{"333 123 4567 ext", ""}, // letters
		{"333+1234567", ""},      // a plus inside
		{"", ""},
	} {
		got, err := chat.ParsePhone(tc.in)
		if got != tc.want || (tc.want == "") != errors.Is(err, chat.ErrBadPhone) {
			t.Errorf("ParsePhone(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestFindPhone(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    string
		attempt bool
	}{
		{"il mio numero è 333 123 4567, grazie", "+393331234567", false},
		{"+40 721 234 567", "+40721234567", false},
		{"chiamatemi allo 06-1234567 dopo le 15", "+39061234567", false},
		{"4821 7390", "", true},                    // a reference code, not a number
		{"numero 12345", "", false},                // too few digits to be meant as a phone
		{"ho pagato 150 euro il 12/03", "", false}, // no number at all
		{"grazie", "", false},
		{"la mia pratica 2024/556677 è ferma da mesi e non so più a chi rivolgermi", "", false},
	} {
		got, attempt := chat.FindPhone(tc.in)
		if got != tc.want || attempt != tc.attempt {
			t.Errorf("FindPhone(%q) = %q, %v; want %q, %v", tc.in, got, attempt, tc.want, tc.attempt)
		}
	}
}

// fixedHours is a schedule that is always closed (or always open), next
// opening at next.
type fixedHours struct {
	open bool
	next time.Time
}

func (h fixedHours) Opening(context.Context, *chat.Ticket, time.Time) (chat.Opening, error) {
	if h.open {
		return chat.Opening{Open: true}, nil
	}
	return chat.Opening{Next: h.next}, nil
}

// recordingQueue keeps the requests it is given, once per conversation
// and turn, as the stores do.
type recordingQueue struct {
	mu   sync.Mutex
	reqs []chat.CallbackRequest
	err  error
}

func (q *recordingQueue) RequestCallback(_ context.Context, r *chat.CallbackRequest) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.err != nil {
		return q.err
	}
	for _, old := range q.reqs {
		if old.ConversationID == r.ConversationID && old.Seq == r.Seq {
			return nil
		}
	}
	q.reqs = append(q.reqs, *r)
	return nil
}

func mustRome(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Skipf("no time zone data: %v", err)
	}
	return loc
}

func TestCallbackOfferedWhenClosed(t *testing.T) {
	rome := mustRome(t)
	saturday := time.Date(2025, 11, 22, 18, 0, 0, 0, rome)
	monday := time.Date(2025, 11, 24, 8, 30, 0, 0, rome)
	s := chattest.MustDemoService(t)
	q := &recordingQueue{}
	s.Callbacks = &chat.Callbacks{Hours: fixedHours{next: monday}, Queue: q, Now: func() time.Time { return saturday }}

	c := startConv(t, s, chat.Conversation{Lang: "it", LangChosen: true})
	out := post(t, s, c.ID, chat.Message{Text: "voglio parlare con un operatore"})
	if out.Ticket == nil {
		t.Fatalf("no handoff: %+v", out.Decision)
	}
	code := out.Ticket.Code
	for _, want := range []string{chat.FormatCode(code), "l'ufficio è chiuso: riapre lunedì 24/11 alle 08:30", "scrivi qui il tuo numero di telefono"} {
		if !strings.Contains(out.Reply.Text, want) {
			t.Errorf("handoff reply %q lacks %q", out.Reply.Text, want)
		}
	}

	// Chit-chat while waiting: the bot stays silent.
	if out := post(t, s, c.ID, chat.Message{Text: "ok grazie"}); out.Reply != nil {
		t.Errorf("reply to chit-chat: %q", out.Reply.Text)
	}
	// Something meant as a number that is not one: told so, nothing queued.
	out = post(t, s, c.ID, chat.Message{Text: "112"})
	if out.Reply != nil {
		t.Errorf("3 digits are no attempt at a number, got %q", out.Reply.Text)
	}
	out = post(t, s, c.ID, chat.Message{Text: "800 123 456"})
	if out.Reply == nil || !strings.Contains(out.Reply.Text, "non sembra un numero") || out.Reply.Role != chat.RoleSystem {
		t.Errorf("toll-free number: %+v", out.Reply)
	}
	out = post(t, s, c.ID, chat.Message{Text: "il mio numero è 333 123 4567", Key: "k1"})
	if out.Reply == nil || !strings.Contains(out.Reply.Text, "+393331234567") || !strings.Contains(out.Reply.Text, chat.FormatCode(code)) {
		t.Fatalf("callback confirmation: %+v", out.Reply)
	}
	// The same message again (a retried post) is one request.
	post(t, s, c.ID, chat.Message{Text: "il mio numero è 333 123 4567", Key: "k1"})
	want := []chat.CallbackRequest{{Code: code, ConversationID: c.ID, Seq: out.Citizen.Seq, Channel: chat.ChannelWeb, Lang: "it", Number: "+393331234567"}}
	if diff := cmp.Diff(want, q.reqs); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	// The confirmation is in the transcript, as a system turn.
	turns, err := s.Store.Turns(context.Background(), c.ID, out.Citizen.Seq)
	if err != nil || len(turns) != 1 || turns[0].Role != chat.RoleSystem {
		t.Errorf("turns after the number: %+v, %v", turns, err)
	}

	// Once an operator claims the handoff, numbers are theirs to read.
	if _, err := s.Claim(context.Background(), code, "anna"); err != nil {
		t.Fatal(err)
	}
	if out := post(t, s, c.ID, chat.Message{Text: "anche 06 1234567"}); out.Reply != nil {
		t.Errorf("callback taken on a claimed handoff: %q", out.Reply.Text)
	}
	if len(q.reqs) != 1 {
		t.Errorf("requests: %d", len(q.reqs))
	}
}

func TestCallbackOnSMS(t *testing.T) {
	rome := mustRome(t)
	s := chattest.MustDemoService(t)
	q := &recordingQueue{}
	now := time.Date(2025, 11, 24, 7, 0, 0, 0, rome)
	s.Callbacks = &chat.Callbacks{Hours: fixedHours{next: now.Add(90 * time.Minute)}, Queue: q, Now: func() time.Time { return now }}
	c := startConv(t, s, chat.Conversation{Channel: chat.ChannelSMS, Contact: "sms:abc", Lang: "ro", LangChosen: true})
	out := post(t, s, c.ID, chat.Message{Text: "Vreau să vorbesc cu un operator"})
	if out.Ticket == nil {
		t.Fatalf("no handoff")
	}
	code := out.Ticket.Code
	for _, want := range []string{"se redeschide astăzi la ora 08:30", "Răspundeți DA"} {
		if !strings.Contains(out.Reply.Text, want) {
			t.Errorf("handoff reply %q lacks %q", out.Reply.Text, want)
		}
	}
	out = post(t, s, c.ID, chat.Message{Text: "Da, mulțumesc!"})
	if out.Reply == nil || !strings.Contains(out.Reply.Text, "la acest număr") {
		t.Fatalf("confirmation: %+v", out.Reply)
	}
	want := []chat.CallbackRequest{{Code: code, ConversationID: c.ID, Seq: out.Citizen.Seq, Channel: chat.ChannelSMS, Lang: "ro", Contact: "sms:abc"}}
	if diff := cmp.Diff(want, q.reqs); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

func TestNoCallbackWhenOpen(t *testing.T) {
	s := chattest.MustDemoService(t)
	q := &recordingQueue{}
	s.Callbacks = &chat.Callbacks{Hours: fixedHours{open: true}, Queue: q}
	c := startConv(t, s, chat.Conversation{Lang: "it", LangChosen: true})
	out := post(t, s, c.ID, chat.Message{Text: "voglio parlare con un operatore"})
	if strings.Contains(out.Reply.Text, "chiuso") || strings.Contains(out.Reply.Text, "telefono") {
		t.Errorf("offer while open: %q", out.Reply.Text)
	}
	if out := post(t, s, c.ID, chat.Message{Text: "333 123 4567"}); out.Reply != nil || len(q.reqs) != 0 {
		t.Errorf("callback taken while open: %+v %v", out.Reply, q.reqs)
	}
}

// A queue that fails leaves the citizen's message received, so that the
// next start processes it again: nothing is dropped.
func TestCallbackQueueFailureKeepsTheMessage(t *testing.T) {
	s := chattest.MustDemoService(t)
	q := &recordingQueue{err: errors.New("disk full")}
	s.Callbacks = &chat.Callbacks{Hours: fixedHours{}, Queue: q}
	c := startConv(t, s, chat.Conversation{Lang: "it", LangChosen: true})
	post(t, s, c.ID, chat.Message{Text: "voglio parlare con un operatore"})
	if _, err := s.Post(context.Background(), c.ID, chat.Message{Text: "3331234567"}); err == nil {
		t.Fatal("no error from a failing queue")
	}
	q.err = nil
	n, err := s.Resume(context.Background())
	if err != nil || n != 1 || len(q.reqs) != 1 {
		t.Errorf("resume: %d, %v, requests %v", n, err, q.reqs)
	}
}

func TestAnnounce(t *testing.T) {
	s := chattest.MustDemoService(t)
	var pushed []string
	s.Deliver = map[string]chat.Deliverer{chat.ChannelSMS: func(_ context.Context, _ *chat.Conversation, t *chat.Turn) error {
		pushed = append(pushed, t.Text)
		return nil
	}}
	c := startConv(t, s, chat.Conversation{Channel: chat.ChannelSMS, Contact: "sms:x", Lang: "de", LangChosen: true})
	tn, err := s.Announce(context.Background(), c.ID, "ForwardedByEmail", map[string]any{"Code": "1234 5678"})
	if err != nil {
		t.Fatal(err)
	}
	if tn.Role != chat.RoleSystem || !strings.Contains(tn.Text, "zuständige Stelle") || len(pushed) != 1 {
		t.Errorf("announcement %+v, pushed %v", tn, pushed)
	}
	if _, err := s.Announce(context.Background(), chat.NewID(), "ForwardedByEmail", nil); !errors.Is(err, chat.ErrNoConversation) {
		t.Errorf("unknown conversation: %v", err)
	}
}
