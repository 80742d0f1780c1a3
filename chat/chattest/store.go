package chattest

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sportello/sportello/chat"
)

// StoreContract runs the behaviour every chat.Store must have. open
// returns a fresh, empty store.
func StoreContract(t *testing.T, open func(t *testing.T) chat.Store) {
	ctx := context.Background()
	newConv := func(t *testing.T, st chat.Store, c chat.Conversation) *chat.Conversation {
		t.Helper()
		if c.Channel == "" {
			c.Channel = chat.ChannelWeb
		}
		if err := st.CreateConversation(ctx, &c); err != nil {
			t.Fatal(err)
		}
		return &c
	}
	citizen := func(t *testing.T, st chat.Store, id, text, key string) *chat.Turn {
		t.Helper()
		turn := &chat.Turn{ConversationID: id, Role: chat.RoleCitizen, Text: text, Status: chat.TurnReceived, Key: key}
		if _, err := st.AppendTurn(ctx, turn); err != nil {
			t.Fatal(err)
		}
		return turn
	}
	answer := func(entry string, rev int) *chat.Turn {
		return &chat.Turn{Role: chat.RoleBot, Text: "risposta", Lang: "it",
			Decision: &chat.TurnDecision{Kind: chat.Answer, Reason: chat.ReasonConfident, EntryID: entry, Revision: rev, Confidence: 0.7,
				Hits: []chat.HitRecord{{EntryID: entry, Revision: rev, Confidence: 0.7, LexicalRank: 1, VectorRank: 1}}}}
	}

	t.Run("Conversations", func(t *testing.T) {
		st := open(t)
		c := newConv(t, st, chat.Conversation{Agency: "comune", Lang: "ar", LangChosen: true})
		if !chat.ValidID(c.ID) || c.State != chat.StateBot || c.CreatedAt.IsZero() {
			t.Fatalf("created %+v", c)
		}
		got, err := st.Conversation(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Agency != "comune" || got.Lang != "ar" || !got.LangChosen || got.State != chat.StateBot || got.Channel != chat.ChannelWeb {
			t.Errorf("read back %+v", got)
		}
		if _, err := st.Conversation(ctx, chat.NewID()); !errors.Is(err, chat.ErrNoConversation) {
			t.Errorf("unknown id: %v, want ErrNoConversation", err)
		}
	})

	t.Run("OpenConversationByContact", func(t *testing.T) {
		st := open(t)
		if _, err := st.OpenConversation(ctx, chat.ChannelSMS, "p:abc"); !errors.Is(err, chat.ErrNoConversation) {
			t.Fatalf("none yet: %v", err)
		}
		old := newConv(t, st, chat.Conversation{Channel: chat.ChannelSMS, Contact: "p:abc"})
		if err := st.SetState(ctx, old.ID, []chat.State{chat.StateBot}, chat.StateClosed); err != nil {
			t.Fatal(err)
		}
		cur := newConv(t, st, chat.Conversation{Channel: chat.ChannelSMS, Contact: "p:abc"})
		newConv(t, st, chat.Conversation{Channel: chat.ChannelSMS, Contact: "p:other"})
		got, err := st.OpenConversation(ctx, chat.ChannelSMS, "p:abc")
		if err != nil || got.ID != cur.ID {
			t.Fatalf("open conversation = %v, %v; want %s", got, err, cur.ID)
		}
		if _, err := st.OpenConversation(ctx, chat.ChannelWeb, "p:abc"); !errors.Is(err, chat.ErrNoConversation) {
			t.Errorf("other channel: %v", err)
		}
	})

	t.Run("TurnsAreNumberedAndDeduplicated", func(t *testing.T) {
		st := open(t)
		c := newConv(t, st, chat.Conversation{})
		a := citizen(t, st, c.ID, "prima", "k1")
		b := citizen(t, st, c.ID, "seconda", "")
		if a.Seq != 1 || b.Seq != 2 {
			t.Fatalf("seqs %d, %d", a.Seq, b.Seq)
		}
		again := &chat.Turn{ConversationID: c.ID, Role: chat.RoleCitizen, Text: "prima (ritrasmessa)", Status: chat.TurnReceived, Key: "k1"}
		dup, err := st.AppendTurn(ctx, again)
		if err != nil || !dup || again.Seq != 1 || again.Text != "prima" {
			t.Fatalf("retry: dup=%v err=%v turn=%+v", dup, err, again)
		}
		other := newConv(t, st, chat.Conversation{})
		if o := citizen(t, st, other.ID, "altra", "k1"); o.Seq != 1 {
			t.Errorf("a key is per conversation: seq %d", o.Seq)
		}
		turns, err := st.Turns(ctx, c.ID, 1)
		if err != nil || len(turns) != 1 || turns[0].Text != "seconda" {
			t.Fatalf("turns after 1: %+v, %v", turns, err)
		}
		if _, err := st.AppendTurn(ctx, &chat.Turn{ConversationID: chat.NewID(), Role: chat.RoleCitizen, Text: "x"}); !errors.Is(err, chat.ErrNoConversation) {
			t.Errorf("unknown conversation: %v", err)
		}
		if _, err := st.Turn(ctx, c.ID, 99); !errors.Is(err, chat.ErrNoTurn) {
			t.Errorf("unknown turn: %v", err)
		}
	})

	t.Run("TranslationsKeptWithTurns", func(t *testing.T) {
		st := open(t)
		c := newConv(t, st, chat.Conversation{Lang: "ar"})
		q := citizen(t, st, c.ID, "كيف أجدد بطاقة الهوية؟", "")
		if q.Translations != nil {
			t.Fatalf("a new turn has translations %+v", q.Translations)
		}
		for _, tr := range []chat.TurnTranslation{{Lang: "it", Text: "Come rinnovo la carta?", Model: "m1"}, {Lang: "it", Text: "Come rinnovo la carta d'identità?", Model: "m2"}} {
			if err := st.AddTranslation(ctx, c.ID, q.Seq, tr); err != nil {
				t.Fatal(err)
			}
		}
		sent := &chat.Turn{ConversationID: c.ID, Role: chat.RoleOperator, Author: "anna", Lang: "ar", Text: "مرحبا",
			Translations: []chat.TurnTranslation{{Lang: "it", Text: "Buongiorno", Model: "m2", Original: true}}}
		if _, err := st.AppendTurn(ctx, sent); err != nil {
			t.Fatal(err)
		}
		turns, err := st.Turns(ctx, c.ID, 0)
		if err != nil || len(turns) != 2 {
			t.Fatalf("turns %+v, %v", turns, err)
		}
		if got := turns[0].Translation("it"); got == nil || *got != (chat.TurnTranslation{Lang: "it", Text: "Come rinnovo la carta d'identità?", Model: "m2"}) {
			t.Errorf("latest Italian translation of the citizen's turn: %+v (all %+v)", got, turns[0].Translations)
		}
		if len(turns[0].Translations) != 2 || turns[0].Translation("en") != nil {
			t.Errorf("translations kept: %+v", turns[0].Translations)
		}
		if got := turns[1].Translations; len(got) != 1 || got[0] != (chat.TurnTranslation{Lang: "it", Text: "Buongiorno", Model: "m2", Original: true}) {
			t.Errorf("the reply's original: %+v", got)
		}
		if err := st.AddTranslation(ctx, c.ID, 99, chat.TurnTranslation{Lang: "it", Text: "x"}); !errors.Is(err, chat.ErrNoTurn) {
			t.Errorf("unknown turn: %v, want ErrNoTurn", err)
		}
	})

	t.Run("ReplyIsAtomic", func(t *testing.T) {
		st := open(t)
		c := newConv(t, st, chat.Conversation{Channel: chat.ChannelSMS, Agency: "comune"})
		q := citizen(t, st, c.ID, "voglio parlare con una persona", "")
		if rec, err := st.Received(ctx, 10); err != nil || len(rec) != 1 || rec[0].Seq != q.Seq {
			t.Fatalf("received before the reply: %+v, %v", rec, err)
		}
		tk := &chat.Ticket{Code: chat.NewCode(), Reason: chat.ReasonExplicit, Lang: "ro", Channel: chat.ChannelSMS, Agency: "comune", Topic: "anagrafe"}
		r := &chat.Reply{ConversationID: c.ID, CitizenSeq: q.Seq, Lang: "ro", State: chat.StateWaiting, Misses: 0, Ticket: tk,
			Bot: &chat.Turn{Role: chat.RoleBot, Text: "Vă pun în legătură", Lang: "ro",
				Decision: &chat.TurnDecision{Kind: chat.Handoff, Reason: chat.ReasonExplicit, HandoffCode: tk.Code}}}
		if err := st.SaveReply(ctx, r); err != nil {
			t.Fatal(err)
		}
		if rec, _ := st.Received(ctx, 10); len(rec) != 0 {
			t.Errorf("still received after the reply: %+v", rec)
		}
		got, _ := st.Conversation(ctx, c.ID)
		if got.State != chat.StateWaiting || got.Lang != "ro" || got.LastSeq != 2 {
			t.Errorf("conversation after reply: %+v", got)
		}
		bot, err := st.Turn(ctx, c.ID, 2)
		if err != nil || bot.Role != chat.RoleBot || bot.Decision == nil || bot.Decision.HandoffCode != tk.Code {
			t.Fatalf("bot turn: %+v, %v", bot, err)
		}
		h, err := st.Ticket(ctx, tk.Code)
		if err != nil || h.ConversationID != c.ID || h.State != chat.TicketWaiting || h.Reason != chat.ReasonExplicit || h.Topic != "anagrafe" {
			t.Fatalf("ticket: %+v, %v", h, err)
		}
		// Replying twice to one message is refused, and changes nothing.
		r2 := &chat.Reply{ConversationID: c.ID, CitizenSeq: q.Seq, Lang: "it", State: chat.StateBot, Bot: &chat.Turn{Role: chat.RoleBot, Text: "doppia"}}
		if err := st.SaveReply(ctx, r2); !errors.Is(err, chat.ErrStale) {
			t.Errorf("second reply: %v, want ErrStale", err)
		}
		if turns, _ := st.Turns(ctx, c.ID, 0); len(turns) != 2 {
			t.Errorf("turns after a refused reply: %d, want 2", len(turns))
		}
		// A ticket code is unique: a reply that collides stores nothing.
		q2 := citizen(t, st, c.ID, "ancora", "")
		r3 := &chat.Reply{ConversationID: c.ID, CitizenSeq: q2.Seq, Lang: "it", State: chat.StateWaiting, Ticket: &chat.Ticket{Code: tk.Code, Reason: chat.ReasonExplicit, Lang: "it", Channel: "web"},
			Bot: &chat.Turn{Role: chat.RoleBot, Text: "x"}}
		if err := st.SaveReply(ctx, r3); err == nil {
			t.Fatal("a duplicate ticket code was accepted")
		}
		if rec, _ := st.Received(ctx, 10); len(rec) != 1 || rec[0].Seq != q2.Seq {
			t.Errorf("after a failed reply the message must still wait: %+v", rec)
		}
		if turns, _ := st.Turns(ctx, c.ID, q2.Seq); len(turns) != 0 {
			t.Errorf("a failed reply left turns: %+v", turns)
		}
	})

	t.Run("ClosedConversationTakesNoTurn", func(t *testing.T) {
		st := open(t)
		c := newConv(t, st, chat.Conversation{})
		if err := st.SetState(ctx, c.ID, []chat.State{chat.StateWaiting}, chat.StateClosed); !errors.Is(err, chat.ErrStale) {
			t.Errorf("close from the wrong state: %v", err)
		}
		if err := st.SetState(ctx, c.ID, []chat.State{chat.StateBot, chat.StateWaiting}, chat.StateClosed); err != nil {
			t.Fatal(err)
		}
		if _, err := st.AppendTurn(ctx, &chat.Turn{ConversationID: c.ID, Role: chat.RoleOperator, Text: "ciao"}); !errors.Is(err, chat.ErrClosed) {
			t.Errorf("turn on a closed conversation: %v", err)
		}
		if err := st.SetState(ctx, chat.NewID(), []chat.State{chat.StateBot}, chat.StateClosed); !errors.Is(err, chat.ErrNoConversation) {
			t.Errorf("unknown conversation: %v", err)
		}
	})

	t.Run("RatingsKeepEntryAndRevision", func(t *testing.T) {
		st := open(t)
		c := newConv(t, st, chat.Conversation{})
		q := citizen(t, st, c.ID, "carta d'identità", "")
		if err := st.SaveReply(ctx, &chat.Reply{ConversationID: c.ID, CitizenSeq: q.Seq, Lang: "it", State: chat.StateBot, Bot: answer("cie-rinnovo", 3)}); err != nil {
			t.Fatal(err)
		}
		if err := st.Rate(ctx, &chat.Feedback{ConversationID: c.ID, Seq: 2, Rating: chat.RatingNeutral}); err != nil {
			t.Fatal(err)
		}
		if err := st.Rate(ctx, &chat.Feedback{ConversationID: c.ID, Seq: 2, Rating: chat.RatingPositive}); err != nil {
			t.Fatal(err)
		}
		fs, err := st.Ratings(ctx, "cie-rinnovo")
		if err != nil || len(fs) != 1 || fs[0].Rating != chat.RatingPositive || fs[0].Revision != 3 || fs[0].Lang != "it" {
			t.Fatalf("ratings: %+v, %v", fs, err)
		}
		if err := st.Rate(ctx, &chat.Feedback{ConversationID: c.ID, Seq: 1, Rating: chat.RatingPositive}); !errors.Is(err, chat.ErrNotRatable) {
			t.Errorf("rating the citizen's own turn: %v", err)
		}
		if err := st.Rate(ctx, &chat.Feedback{ConversationID: c.ID, Seq: 7, Rating: chat.RatingPositive}); !errors.Is(err, chat.ErrNoTurn) {
			t.Errorf("rating a missing turn: %v", err)
		}
	})

	t.Run("OneClaimWins", func(t *testing.T) {
		st := open(t)
		c := newConv(t, st, chat.Conversation{})
		q := citizen(t, st, c.ID, "operatore", "")
		code := chat.NewCode()
		if err := st.SaveReply(ctx, &chat.Reply{ConversationID: c.ID, CitizenSeq: q.Seq, Lang: "it", State: chat.StateWaiting,
			Ticket: &chat.Ticket{Code: code, Reason: chat.ReasonExplicit, Lang: "it", Channel: "web"}, Bot: &chat.Turn{Role: chat.RoleBot, Text: "attendi"}}); err != nil {
			t.Fatal(err)
		}
		if ws, err := st.Tickets(ctx, chat.TicketWaiting); err != nil || len(ws) != 1 || ws[0].Code != code {
			t.Fatalf("waiting: %+v, %v", ws, err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = st.ClaimTicket(ctx, code, []string{"anna", "bruno", "carla", "dario"}[i])
			}()
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, chat.ErrStale):
				t.Errorf("losing claim: %v, want ErrStale", err)
			}
		}
		if won != 1 {
			t.Fatalf("%d claims won, want 1", won)
		}
		h, _ := st.Ticket(ctx, code)
		if h.State != chat.TicketClaimed || h.ClaimedBy == "" || h.ClaimedAt.IsZero() {
			t.Errorf("claimed ticket: %+v", h)
		}
		if got, _ := st.Conversation(ctx, c.ID); got.State != chat.StateOperator {
			t.Errorf("conversation state after claim: %s", got.State)
		}
		if err := st.ClaimTicket(ctx, "12345678", "anna"); !errors.Is(err, chat.ErrNoTicket) {
			t.Errorf("unknown code: %v", err)
		}
	})

	t.Run("TransferAndResolve", func(t *testing.T) {
		st := open(t)
		c := newConv(t, st, chat.Conversation{})
		q := citizen(t, st, c.ID, "operatore", "")
		code := chat.NewCode()
		if err := st.SaveReply(ctx, &chat.Reply{ConversationID: c.ID, CitizenSeq: q.Seq, Lang: "ar", State: chat.StateWaiting,
			Ticket: &chat.Ticket{Code: code, Reason: chat.ReasonExplicit, Lang: "ar", Channel: "web", Team: "anagrafe"}, Bot: &chat.Turn{Role: chat.RoleBot, Text: "x"}}); err != nil {
			t.Fatal(err)
		}
		if tk, err := st.TicketFor(ctx, c.ID); err != nil || tk.Code != code {
			t.Fatalf("ticket for conversation: %+v, %v", tk, err)
		}
		if _, err := st.TicketFor(ctx, chat.NewID()); !errors.Is(err, chat.ErrNoTicket) {
			t.Errorf("no ticket: %v", err)
		}
		if err := st.ResolveTicket(ctx, code, "anna", chat.OutcomeAnswered); !errors.Is(err, chat.ErrStale) {
			t.Errorf("resolving an unclaimed ticket: %v", err)
		}
		if err := st.ClaimTicket(ctx, code, "anna"); err != nil {
			t.Fatal(err)
		}
		if err := st.TransferTicket(ctx, code, "immigrazione"); err != nil {
			t.Fatal(err)
		}
		tk, _ := st.Ticket(ctx, code)
		conv, _ := st.Conversation(ctx, c.ID)
		if tk.State != chat.TicketWaiting || tk.Team != "immigrazione" || tk.ClaimedBy != "" || conv.State != chat.StateWaiting {
			t.Fatalf("after transfer: %+v, conversation %s", tk, conv.State)
		}
		if err := st.ClaimTicket(ctx, code, "bruno"); err != nil {
			t.Fatal(err)
		}
		if err := st.ResolveTicket(ctx, code, "anna", chat.OutcomeAnswered); !errors.Is(err, chat.ErrStale) {
			t.Errorf("resolving someone else's ticket: %v", err)
		}
		if err := st.ResolveTicket(ctx, code, "bruno", chat.OutcomeAnswered); err != nil {
			t.Fatal(err)
		}
		tk, _ = st.Ticket(ctx, code)
		conv, _ = st.Conversation(ctx, c.ID)
		if tk.State != chat.TicketResolved || tk.Outcome != chat.OutcomeAnswered || tk.ResolvedAt.IsZero() || conv.State != chat.StateClosed {
			t.Errorf("after resolve: %+v, conversation %s", tk, conv.State)
		}
		if err := st.TransferTicket(ctx, code, "tributi"); !errors.Is(err, chat.ErrStale) {
			t.Errorf("transferring a resolved ticket: %v", err)
		}
		if err := st.ResolveTicket(ctx, "99999999", "bruno", chat.OutcomeAnswered); !errors.Is(err, chat.ErrNoTicket) {
			t.Errorf("unknown code: %v", err)
		}
	})

	t.Run("MissesAndTold", func(t *testing.T) {
		st := open(t)
		start := time.Now().Add(-time.Second)
		reply := func(c *chat.Conversation, text string, bot *chat.Turn) int64 {
			q := citizen(t, st, c.ID, text, "")
			if err := st.SaveReply(ctx, &chat.Reply{ConversationID: c.ID, CitizenSeq: q.Seq, Lang: bot.Lang, State: chat.StateBot, Bot: bot}); err != nil {
				t.Fatal(err)
			}
			return bot.Seq
		}
		c := newConv(t, st, chat.Conversation{})
		a := answer("tari", 2)
		reply(c, "come pago la tari", a)
		reply(c, "tari", &chat.Turn{Role: chat.RoleBot, Text: "quale?", Lang: "sq", Decision: &chat.TurnDecision{Kind: chat.Clarify, Reason: chat.ReasonClose}})
		bad := reply(c, "scadenza tari", answer("tari-scadenze", 1))
		if err := st.Rate(ctx, &chat.Feedback{ConversationID: c.ID, Seq: bad, Rating: chat.RatingNegative}); err != nil {
			t.Fatal(err)
		}
		c2 := newConv(t, st, chat.Conversation{})
		reply(c2, "voglio un operatore", &chat.Turn{Role: chat.RoleBot, Text: "subito", Lang: "it", Decision: &chat.TurnDecision{Kind: chat.Handoff, Reason: chat.ReasonExplicit}})
		reply(c2, "qualcosa di strano", &chat.Turn{Role: chat.RoleBot, Text: "non so", Lang: "it", Decision: &chat.TurnDecision{Kind: chat.Handoff, Reason: chat.ReasonLowConfidence}})
		reply(c2, "come pago la tari?", answer("tari", 2))
		ms, err := st.Misses(ctx, start, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range ms {
			got = append(got, m.Text)
		}
		// Newest first; an explicit request for a person is not a miss.
		if strings.Join(got, "|") != "qualcosa di strano|scadenza tari|tari" {
			t.Fatalf("misses %q", got)
		}
		if !ms[1].Negative || ms[1].EntryID != "tari-scadenze" || ms[2].Kind != chat.Clarify || ms[2].Lang != "sq" {
			t.Errorf("miss details %+v", ms)
		}
		told, err := st.Told(ctx, start, time.Now().Add(time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if len(told) != 2 || told[0].EntryID != "tari" || told[0].Revision != 2 || told[0].Count != 2 || told[0].Lang != "it" {
			t.Errorf("told %+v", told)
		}
		if told, _ := st.Told(ctx, start.Add(-time.Hour), start); len(told) != 0 {
			t.Errorf("told before: %+v", told)
		}
	})

	t.Run("PurgeFollowsRetention", func(t *testing.T) {
		st := open(t)
		old := newConv(t, st, chat.Conversation{})
		q := citizen(t, st, old.ID, "vecchia", "")
		if err := st.SaveReply(ctx, &chat.Reply{ConversationID: old.ID, CitizenSeq: q.Seq, Lang: "it", State: chat.StateBot, Bot: answer("tari", 1)}); err != nil {
			t.Fatal(err)
		}
		if err := st.Rate(ctx, &chat.Feedback{ConversationID: old.ID, Seq: 2, Rating: chat.RatingNegative}); err != nil {
			t.Fatal(err)
		}
		cut := time.Now()
		time.Sleep(5 * time.Millisecond) // timestamps must differ across the cut
		fresh := newConv(t, st, chat.Conversation{})
		n, err := st.Purge(ctx, cut)
		if err != nil || n != 1 {
			t.Fatalf("purge = %d, %v; want 1", n, err)
		}
		if _, err := st.Conversation(ctx, old.ID); !errors.Is(err, chat.ErrNoConversation) {
			t.Errorf("purged conversation still readable: %v", err)
		}
		if turns, _ := st.Turns(ctx, old.ID, 0); len(turns) != 0 {
			t.Errorf("purged turns still readable: %d", len(turns))
		}
		if _, err := st.Conversation(ctx, fresh.ID); err != nil {
			t.Errorf("fresh conversation purged: %v", err)
		}
		if fs, _ := st.Ratings(ctx, "tari"); len(fs) != 1 {
			t.Errorf("ratings must outlive transcripts: %d", len(fs))
		}
	})
}
