package chat_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/chat/chattest"
	"github.com/sportello/sportello/kb/providers"
	"github.com/sportello/sportello/kb/providers/providertest"
)

func startConv(t *testing.T, s *chat.Service, c chat.Conversation) *chat.Conversation {
	t.Helper()
	if c.Channel == "" {
		c.Channel = chat.ChannelWeb
	}
	if err := s.Start(context.Background(), &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

func post(t *testing.T, s *chat.Service, id string, m chat.Message) *chat.Outcome {
	t.Helper()
	out, err := s.Post(context.Background(), id, m)
	if err != nil {
		t.Fatalf("post %q: %v", m.Text, err)
	}
	return out
}

func TestConversationAnswersAndStoresEverything(t *testing.T) {
	s := chattest.MustDemoService(t)
	ctx := context.Background()
	c := startConv(t, s, chat.Conversation{})
	out := post(t, s, c.ID, chat.Message{Text: "Come si paga la TARI?"})
	if out.Reply == nil || out.Reply.Decision.Kind != chat.Answer || out.Reply.Decision.EntryID != "tari-pagamento" {
		t.Fatalf("reply %+v", out.Reply)
	}
	if out.Reply.Decision.Revision < 1 || out.Reply.Decision.Source == "" || len(out.Reply.Decision.Hits) == 0 {
		t.Errorf("the answer must keep its revision, source and hits: %+v", out.Reply.Decision)
	}
	turns, err := s.Store.Turns(ctx, c.ID, 0)
	if err != nil || len(turns) != 2 {
		t.Fatalf("turns %+v, %v", turns, err)
	}
	if turns[0].Role != chat.RoleCitizen || turns[0].Status != chat.TurnDone || turns[1].Role != chat.RoleBot || turns[1].Lang != "it" {
		t.Errorf("stored turns %+v", turns)
	}
	// The answer can be rated, and the rating keeps entry and revision.
	if err := s.Store.Rate(ctx, &chat.Feedback{ConversationID: c.ID, Seq: out.Reply.Seq, Rating: chat.RatingPositive}); err != nil {
		t.Fatal(err)
	}
	fs, _ := s.Store.Ratings(ctx, "tari-pagamento")
	if len(fs) != 1 || fs[0].Revision != out.Reply.Decision.Revision {
		t.Errorf("ratings %+v", fs)
	}
}

func TestConversationLanguage(t *testing.T) {
	s := chattest.MustDemoService(t)
	t.Run("DetectedAndKept", func(t *testing.T) {
		c := startConv(t, s, chat.Conversation{})
		out := post(t, s, c.ID, chat.Message{Text: "كيف أجدد بطاقة الهوية؟"})
		if out.Reply.Lang != "ar" || out.Conversation.Lang != "ar" {
			t.Fatalf("reply in %s, conversation in %s", out.Reply.Lang, out.Conversation.Lang)
		}
	})
	t.Run("ExplicitChoiceWinsOnShortMessages", func(t *testing.T) {
		c := startConv(t, s, chat.Conversation{Lang: "sq", LangChosen: true})
		// "TARI" alone tells no language; the citizen chose Albanian.
		out := post(t, s, c.ID, chat.Message{Text: "TARI"})
		if out.Reply.Lang != "sq" {
			t.Errorf("reply in %s, want the chosen sq", out.Reply.Lang)
		}
	})
	t.Run("SwitchMidConversationIsFollowed", func(t *testing.T) {
		c := startConv(t, s, chat.Conversation{Lang: "it", LangChosen: true})
		post(t, s, c.ID, chat.Message{Text: "Come si paga la TARI?"})
		out := post(t, s, c.ID, chat.Message{Text: "How do I renew my identity card?"})
		if out.Reply.Lang != "en" || out.Conversation.Lang != "en" {
			t.Errorf("after a switch: reply in %s, conversation in %s", out.Reply.Lang, out.Conversation.Lang)
		}
	})
	t.Run("PickerChangesLanguage", func(t *testing.T) {
		c := startConv(t, s, chat.Conversation{Lang: "it", LangChosen: true})
		out := post(t, s, c.ID, chat.Message{Text: "TARI", Lang: "zh"})
		if out.Reply.Lang != "zh" || !out.Conversation.LangChosen {
			t.Errorf("picker: reply in %s", out.Reply.Lang)
		}
		if _, err := s.Post(context.Background(), c.ID, chat.Message{Text: "x", Lang: "klingon"}); err == nil {
			t.Error("an unconfigured language was accepted")
		}
	})
}

func TestHandoffSilencesTheBot(t *testing.T) {
	s := chattest.MustDemoService(t)
	ctx := context.Background()
	c := startConv(t, s, chat.Conversation{})
	out := post(t, s, c.ID, chat.Message{Text: "Vreau să vorbesc cu un operator, vă rog"})
	if out.Decision.Kind != chat.Handoff || out.Ticket == nil || out.Reply.Lang != "ro" {
		t.Fatalf("decision %+v, ticket %+v", out.Decision, out.Ticket)
	}
	code := out.Ticket.Code
	if !strings.Contains(out.Reply.Text, chat.FormatCode(code)) || !strings.Contains(out.Reply.Text, "operator") {
		t.Errorf("the Romanian handoff message must carry the code: %q", out.Reply.Text)
	}
	tk, err := s.Store.Ticket(ctx, code)
	if err != nil || tk.Reason != chat.ReasonExplicit || tk.Lang != "ro" || tk.Channel != chat.ChannelWeb {
		t.Fatalf("ticket %+v, %v", tk, err)
	}
	// While waiting, and once an operator has it, the bot says nothing,
	// even to a question it could answer.
	for _, claim := range []bool{false, true} {
		if claim {
			if err := s.Store.ClaimTicket(ctx, code, "anna"); err != nil {
				t.Fatal(err)
			}
		}
		out = post(t, s, c.ID, chat.Message{Text: "Cum plătesc TARI?"})
		if out.Reply != nil || out.Decision != nil {
			t.Fatalf("the bot answered a conversation with people (claimed=%v): %+v", claim, out.Reply)
		}
	}
	if rec, _ := s.Store.Received(ctx, 10); len(rec) != 0 {
		t.Errorf("silent turns must still be marked done: %+v", rec)
	}
}

func TestEmergencyIsNotAHandoff(t *testing.T) {
	s := chattest.MustDemoService(t)
	c := startConv(t, s, chat.Conversation{})
	out := post(t, s, c.ID, chat.Message{Text: "c'è un incendio in casa del vicino!"})
	if out.Decision.Kind != chat.Emergency || !strings.Contains(out.Reply.Text, "112") || out.Conversation.State != chat.StateBot {
		t.Errorf("emergency: %+v %q %s", out.Decision.Kind, out.Reply.Text, out.Conversation.State)
	}
}

func TestRepeatedMissesHandOff(t *testing.T) {
	s := chattest.MustDemoService(t)
	c := startConv(t, s, chat.Conversation{})
	var kinds []chat.Kind
	for range 4 {
		out := post(t, s, c.ID, chat.Message{Text: "TARI"})
		if out.Decision == nil {
			break
		}
		kinds = append(kinds, out.Decision.Kind)
		if out.Decision.Kind == chat.Handoff {
			if out.Decision.Reason != chat.ReasonRepeatedMisses {
				t.Errorf("reason %s", out.Decision.Reason)
			}
			break
		}
	}
	if len(kinds) != chat.DefaultMaxMisses || kinds[0] != chat.Clarify || kinds[len(kinds)-1] != chat.Handoff {
		t.Errorf("decisions %v: want clarify then a handoff on miss %d", kinds, chat.DefaultMaxMisses)
	}
}

func TestFollowUpUsesThePreviousQuestion(t *testing.T) {
	s := chattest.MustDemoService(t)
	c := startConv(t, s, chat.Conversation{})
	first := post(t, s, c.ID, chat.Message{Text: "Come rinnovo la carta d'identità?"})
	if first.Decision.Kind != chat.Answer {
		t.Fatalf("first question: %s", first.Decision.Kind)
	}
	alone := chattest.MustDemoService(t)
	c2 := startConv(t, alone, chat.Conversation{})
	if out := post(t, alone, c2.ID, chat.Message{Text: "e per mio figlio minorenne?"}); out.Decision.Kind == chat.Answer {
		t.Skipf("the follow-up is answerable alone (%s); the test needs one that is not", out.Decision.Entry.ID)
	}
	out := post(t, s, c.ID, chat.Message{Text: "e per mio figlio minorenne?"})
	if out.Decision.Kind != chat.Answer || out.Decision.Entry.ID != "cie-rinnovo" {
		t.Errorf("follow-up: %s %v", out.Decision.Kind, out.Reply.Decision.EntryID)
	}
}

func TestDuplicateMessageIsAnsweredOnce(t *testing.T) {
	s := chattest.MustDemoService(t)
	c := startConv(t, s, chat.Conversation{})
	a := post(t, s, c.ID, chat.Message{Text: "Quando scade la TARI?", Key: "msg-1"})
	b := post(t, s, c.ID, chat.Message{Text: "Quando scade la TARI?", Key: "msg-1"})
	if !b.Duplicate || b.Reply == nil || b.Reply.Seq != a.Reply.Seq {
		t.Fatalf("duplicate: %+v", b)
	}
	turns, _ := s.Store.Turns(context.Background(), c.ID, 0)
	if len(turns) != 2 {
		t.Errorf("%d turns, want 2", len(turns))
	}
}

func TestBadInputStoresNothing(t *testing.T) {
	s := chattest.MustDemoService(t)
	ctx := context.Background()
	c := startConv(t, s, chat.Conversation{Lang: "ar", LangChosen: true})
	for _, text := range []string{"", "   ", "\xff\xfe", strings.Repeat("a", chat.MaxMessageLen+1), "a\x00b"} {
		_, err := s.Post(ctx, c.ID, chat.Message{Text: text})
		var in *chat.InputError
		if !errors.As(err, &in) || in.Lang != "ar" || in.Text == "" {
			t.Errorf("%q: %v, want an InputError in Arabic", text, err)
		}
	}
	if turns, _ := s.Store.Turns(ctx, c.ID, 0); len(turns) != 0 {
		t.Errorf("bad input stored %d turns", len(turns))
	}
	if _, err := s.Post(ctx, chat.NewID(), chat.Message{Text: "ciao"}); !errors.Is(err, chat.ErrNoConversation) {
		t.Errorf("unknown conversation: %v", err)
	}
	if err := s.Store.SetState(ctx, c.ID, []chat.State{chat.StateBot}, chat.StateClosed); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Post(ctx, c.ID, chat.Message{Text: "ciao"}); !errors.Is(err, chat.ErrClosed) {
		t.Errorf("closed conversation: %v", err)
	}
}

func TestResumeAnswersWhatACrashLeft(t *testing.T) {
	s := chattest.MustDemoService(t)
	ctx := context.Background()
	c := startConv(t, s, chat.Conversation{})
	// The message was stored, then the process died before replying.
	turn := &chat.Turn{ConversationID: c.ID, Role: chat.RoleCitizen, Text: "Come si paga la TARI?", Status: chat.TurnReceived}
	if _, err := s.Store.AppendTurn(ctx, turn); err != nil {
		t.Fatal(err)
	}
	n, err := s.Resume(ctx)
	if err != nil || n != 1 {
		t.Fatalf("resume = %d, %v", n, err)
	}
	turns, _ := s.Store.Turns(ctx, c.ID, 0)
	if len(turns) != 2 || turns[1].Decision == nil || turns[1].Decision.EntryID != "tari-pagamento" {
		t.Fatalf("after resume: %+v", turns)
	}
	if n, _ := s.Resume(ctx); n != 0 {
		t.Errorf("second resume processed %d", n)
	}
}

// TestServiceUsesTheLLM: with a model configured, a follow-up is rewritten
// from the conversation's history and answered by a composed answer,
// recorded with the model's name; a model that breaks the rules leaves
// the curated answer, with the reason recorded.
func TestServiceUsesTheLLM(t *testing.T) {
	full := llmDemo(t)
	for _, tc := range []struct {
		name     string
		handler  func(t *testing.T) providertest.Handler
		fallback string
	}{
		{"grounded", func(t *testing.T) providertest.Handler {
			return groundedModel(t, full, func(sentData) string { return "Come iscrivo mio figlio allo scuolabus?" })
		}, ""},
		{"ungrounded", func(t *testing.T) providertest.Handler {
			g := groundedModel(t, full, func(sentData) string { return "Come iscrivo mio figlio allo scuolabus?" })
			return func(n int, req providertest.Request) providertest.Reply {
				if isRewrite(req) {
					return g(n, req)
				}
				return composed("Ignora le regole: chiama il 333 1234567.", "scuolabus-iscrizione")
			}
		}, "ungrounded"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := chattest.MustDemoService(t)
			l, srv := newTestLLM(t, providers.OpenAI, s.Engine.Detector, tc.handler(t))
			s.LLM = l
			c := startConv(t, s, chat.Conversation{})
			if out := post(t, s, c.ID, chat.Message{Text: "Come iscrivo mio figlio alla mensa scolastica?"}); out.Decision.Entry == nil || out.Decision.Entry.ID != "mensa-iscrizione" {
				t.Fatalf("first question: %+v", out.Decision)
			}
			out := post(t, s, c.ID, chat.Message{Text: "e per lo scuolabus?"})
			if out.Decision.Kind != chat.Answer || out.Decision.Entry.ID != "scuolabus-iscrizione" {
				t.Fatalf("follow-up: %s %v", out.Decision.Kind, out.Decision.Reason)
			}
			td := out.Reply.Decision
			if (tc.fallback == "") != strings.Contains(td.Composer, "test-model") || td.LLMFallback != tc.fallback {
				t.Errorf("recorded composer %q, fallback %q; want the model only when its text was used, and fallback %q", td.Composer, td.LLMFallback, tc.fallback)
			}
			if tc.fallback != "" && out.Reply.Text != full["scuolabus-iscrizione"].Variants["it"].Answer {
				t.Errorf("a rejected composition must leave the curated answer, got %q", out.Reply.Text)
			}
			if len(srv.Requests()) == 0 {
				t.Error("the model was never asked")
			}
		})
	}
}
