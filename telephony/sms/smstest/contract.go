// Package smstest holds the behaviour every SMS store must have (the
// channel's records and the outbox), run against SQLite and PostgreSQL.
package smstest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/outbox"
	"github.com/sportello/sportello/telephony/sms"
)

// Store is what telephony/sms/sqlite and telephony/sms/postgres implement.
type Store interface {
	sms.Store
	outbox.Store
}

// StoreContract runs the contract. open returns a fresh, empty store.
func StoreContract(t *testing.T, open func(t *testing.T) Store) {
	ctx := context.Background()
	recent := time.Now().Add(-time.Hour) // the deduplication window
	t.Run("InboundIsDeduplicatedByGatewayAndCarrierID", func(t *testing.T) {
		st := open(t)
		m := &sms.InboundRecord{Gateway: "kannel", CarrierID: "c1", Contact: "sms:a", SealedFrom: []byte{1, 2}, To: "44001", Text: "ciao", ReceivedAt: time.Now()}
		dup, err := st.SaveInbound(ctx, m, recent)
		if err != nil || dup || m.ID == "" || m.State != sms.InboundReceived {
			t.Fatalf("first save: dup=%v err=%v %+v", dup, err, m)
		}
		again := &sms.InboundRecord{Gateway: "kannel", CarrierID: "c1", Contact: "sms:a", Text: "other text"}
		dup, err = st.SaveInbound(ctx, again, recent)
		if err != nil || !dup || again.ID != m.ID || again.Text != "ciao" {
			t.Fatalf("replay: dup=%v err=%v %+v", dup, err, again)
		}
		other := &sms.InboundRecord{Gateway: "twilio", CarrierID: "c1", Contact: "sms:a", SealedFrom: []byte{3}, Text: "ciao"}
		if dup, err := st.SaveInbound(ctx, other, recent); err != nil || dup || other.ID == m.ID {
			t.Fatalf("same carrier id on another gateway is another message: dup=%v err=%v", dup, err)
		}
		// Out of the window, the same id is another message (SMPP's ids
		// are digests of the content), and the older one stays.
		later := &sms.InboundRecord{Gateway: "kannel", CarrierID: "c1", Contact: "sms:a", Text: "ciao again"}
		dup, err = st.SaveInbound(ctx, later, time.Now().Add(time.Second))
		if err != nil || dup || later.ID == m.ID {
			t.Fatalf("same id out of the window: dup=%v err=%v %+v", dup, err, later)
		}
		if old, err := st.Inbound(ctx, m.ID); err != nil || old.Text != "ciao" {
			t.Errorf("the older message: %+v %v", old, err)
		}
		again = &sms.InboundRecord{Gateway: "kannel", CarrierID: "c1", Contact: "sms:a"}
		if dup, err := st.SaveInbound(ctx, again, recent); err != nil || !dup || again.ID != later.ID {
			t.Errorf("replay of the newer one: dup=%v err=%v %+v", dup, err, again)
		}
		c, err := st.Contact(ctx, "sms:a")
		if err != nil || c.Gateway != "twilio" || c.To != "" || c.LastSeen.IsZero() {
			t.Fatalf("contact = %+v, %v; want the latest gateway", c, err)
		}
		if _, err := st.Contact(ctx, "sms:nobody"); !errors.Is(err, sms.ErrNotFound) {
			t.Errorf("unknown contact: %v", err)
		}
	})

	t.Run("FinishedInboundIsNoLongerPendingAndForgetsTheNumber", func(t *testing.T) {
		st := open(t)
		var ids []string
		for i := range 3 {
			m := &sms.InboundRecord{Gateway: "g", CarrierID: fmt.Sprint(i), Contact: "sms:a", SealedFrom: []byte("sealed"), Text: "x", ReceivedAt: time.Now()}
			if _, err := st.SaveInbound(ctx, m, recent); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, m.ID)
		}
		if err := st.FinishInbound(ctx, ids[1], sms.OutcomeReply, "conv1"); err != nil {
			t.Fatal(err)
		}
		pending, err := st.PendingInbound(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range pending {
			got = append(got, p.ID)
		}
		if diff := cmp.Diff([]string{ids[0], ids[2]}, got); diff != "" {
			t.Errorf("pending (-want +got):\n%s", diff)
		}
		done, err := st.Inbound(ctx, ids[1])
		if err != nil || done.State != sms.InboundDone || done.Outcome != sms.OutcomeReply || done.ConversationID != "conv1" || done.SealedFrom != nil {
			t.Errorf("finished = %+v, %v", done, err)
		}
		if err := st.FinishInbound(ctx, "nope", sms.OutcomeReply, ""); !errors.Is(err, sms.ErrNotFound) {
			t.Errorf("finish unknown: %v", err)
		}
	})

	t.Run("SuppressionList", func(t *testing.T) {
		st := open(t)
		for range 2 {
			if err := st.Suppress(ctx, "sms:a"); err != nil {
				t.Fatal(err)
			}
		}
		if on, err := st.Suppressed(ctx, "sms:a"); err != nil || !on {
			t.Fatalf("suppressed = %v, %v", on, err)
		}
		if on, _ := st.Suppressed(ctx, "sms:b"); on {
			t.Error("another contact is suppressed")
		}
		for range 2 {
			if err := st.Unsuppress(ctx, "sms:a"); err != nil {
				t.Fatal(err)
			}
		}
		if on, _ := st.Suppressed(ctx, "sms:a"); on {
			t.Error("still suppressed after START")
		}
	})

	t.Run("PurgeKeepsPendingWorkAndOptOuts", func(t *testing.T) {
		st := open(t)
		old := &sms.InboundRecord{Gateway: "g", CarrierID: "1", Contact: "sms:a", SealedFrom: []byte("s"), Text: "x", ReceivedAt: time.Now().Add(-48 * time.Hour)}
		pending := &sms.InboundRecord{Gateway: "g", CarrierID: "2", Contact: "sms:a", SealedFrom: []byte("s"), Text: "y", ReceivedAt: time.Now().Add(-48 * time.Hour)}
		for _, m := range []*sms.InboundRecord{old, pending} {
			if _, err := st.SaveInbound(ctx, m, recent); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.FinishInbound(ctx, old.ID, sms.OutcomeReply, ""); err != nil {
			t.Fatal(err)
		}
		if err := st.Suppress(ctx, "sms:a"); err != nil {
			t.Fatal(err)
		}
		msgs, contacts, err := st.PurgeInbound(ctx, time.Now().Add(time.Hour))
		if err != nil || msgs != 1 || contacts != 1 {
			t.Fatalf("purge = %d messages, %d contacts, %v; want 1, 1", msgs, contacts, err)
		}
		if _, err := st.Inbound(ctx, pending.ID); err != nil {
			t.Errorf("a pending message was purged: %v", err)
		}
		if _, err := st.Contact(ctx, "sms:a"); !errors.Is(err, sms.ErrNotFound) {
			t.Errorf("the number outlived the retention: %v", err)
		}
		if on, _ := st.Suppressed(ctx, "sms:a"); !on {
			t.Error("the opt-out was purged")
		}
	})

	msg := func(key, contact string) *outbox.Message {
		return &outbox.Message{Key: key, Gateway: "g", Contact: contact, SealedTo: []byte("sealed"), From: "44001", Text: "testo",
			Encoding: telephony.GSM7, Segments: 1, ConversationID: "c"}
	}
	enqueue := func(t *testing.T, st Store, m *outbox.Message) *outbox.Message {
		t.Helper()
		if _, err := st.Enqueue(ctx, m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	claim := func(t *testing.T, st Store, owner string, now time.Time, limit int) []outbox.Message {
		t.Helper()
		got, err := st.Claim(ctx, owner, now, time.Minute, limit)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}

	t.Run("EnqueueIsIdempotentByKey", func(t *testing.T) {
		st := open(t)
		a := enqueue(t, st, msg("re:1", "sms:a"))
		if a.ID == "" || a.State != outbox.Queued || a.NextAt.IsZero() {
			t.Fatalf("enqueued %+v", a)
		}
		b := msg("re:1", "sms:a")
		b.Text = "another text"
		dup, err := st.Enqueue(ctx, b)
		if err != nil || !dup || b.ID != a.ID || b.Text != "testo" {
			t.Fatalf("same key: dup=%v err=%v %+v", dup, err, b)
		}
		for range 2 {
			if dup, err := st.Enqueue(ctx, msg("", "sms:a")); err != nil || dup {
				t.Fatalf("no key: dup=%v err=%v", dup, err)
			}
		}
		got, err := st.Message(ctx, a.ID)
		if err != nil || got.Key != "re:1" || got.Encoding != telephony.GSM7 || got.Segments != 1 || string(got.SealedTo) != "sealed" || got.From != "44001" || got.ConversationID != "c" {
			t.Errorf("read back %+v, %v", got, err)
		}
		if _, err := st.MessageByKey(ctx, "re:nope"); !errors.Is(err, outbox.ErrNotFound) {
			t.Errorf("unknown key: %v", err)
		}
		n, err := st.Counts(ctx)
		if err != nil || n[outbox.Queued] != 3 {
			t.Errorf("counts = %v, %v", n, err)
		}
	})

	t.Run("ClaimLeasesDueMessagesAndTakesBackExpiredLeases", func(t *testing.T) {
		st := open(t)
		now := time.Now()
		due := enqueue(t, st, msg("a", "sms:a"))
		later := msg("b", "sms:a")
		later.NextAt = now.Add(time.Hour)
		enqueue(t, st, later)
		got := claim(t, st, "w1", now.Add(time.Second), 10)
		if len(got) != 1 || got[0].ID != due.ID || got[0].State != outbox.Sending || got[0].Attempts != 1 || got[0].LeaseOwner != "w1" {
			t.Fatalf("claimed %+v", got)
		}
		if again := claim(t, st, "w2", now.Add(30*time.Second), 10); len(again) != 0 {
			t.Fatalf("claimed during the lease: %+v", again)
		}
		// w1 died: after its lease another worker takes the message, and
		// the attempt counts.
		again := claim(t, st, "w2", now.Add(2*time.Minute), 1)
		if len(again) != 1 || again[0].ID != due.ID || again[0].Attempts != 2 || again[0].LeaseOwner != "w2" {
			t.Fatalf("after the lease: %+v", again)
		}
		if err := st.Retry(ctx, due.ID, "w1", now, "late", true); !errors.Is(err, outbox.ErrLeaseLost) {
			t.Errorf("the old owner's retry: %v, want ErrLeaseLost", err)
		}
		if err := st.Fail(ctx, due.ID, "w1", "late"); !errors.Is(err, outbox.ErrLeaseLost) {
			t.Errorf("the old owner's fail: %v, want ErrLeaseLost", err)
		}
	})

	t.Run("ConcurrentClaimsNeverShareAMessage", func(t *testing.T) {
		st := open(t)
		const n = 60
		for i := range n {
			enqueue(t, st, msg(fmt.Sprint(i), fmt.Sprint("sms:", i)))
		}
		var mu sync.Mutex
		seen := map[string]string{}
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				owner := fmt.Sprint("w", w)
				for {
					got, err := st.Claim(ctx, owner, time.Now(), time.Minute, 3)
					if err != nil {
						errs <- err
						return
					}
					if len(got) == 0 {
						return
					}
					mu.Lock()
					for _, m := range got {
						if prev, ok := seen[m.ID]; ok {
							errs <- fmt.Errorf("message %s claimed by %s and %s", m.ID, prev, owner)
						}
						seen[m.ID] = owner
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if len(seen) != n {
			t.Errorf("claimed %d of %d messages", len(seen), n)
		}
	})

	t.Run("RetryAndFail", func(t *testing.T) {
		st := open(t)
		m := enqueue(t, st, msg("a", "sms:a"))
		now := time.Now()
		claim(t, st, "w", now, 1)
		if err := st.Retry(ctx, m.ID, "w", now.Add(time.Hour), "HTTP 503", true); err != nil {
			t.Fatal(err)
		}
		got, _ := st.Message(ctx, m.ID)
		if got.State != outbox.Queued || got.Attempts != 1 || got.LastError != "HTTP 503" || got.NextAt.Before(now.Add(59*time.Minute)) || got.LeaseOwner != "" {
			t.Fatalf("after retry %+v", got)
		}
		if c := claim(t, st, "w", now.Add(time.Minute), 1); len(c) != 0 {
			t.Fatal("claimed before its next attempt is due")
		}
		claim(t, st, "w", now.Add(2*time.Hour), 1)
		// Held back by the rate limit: the attempt does not count.
		if err := st.Retry(ctx, m.ID, "w", now.Add(2*time.Hour), "", false); err != nil {
			t.Fatal(err)
		}
		got, _ = st.Message(ctx, m.ID)
		if got.Attempts != 1 || got.LastError != "HTTP 503" {
			t.Fatalf("after a rate-limit hold %+v", got)
		}
		claim(t, st, "w", now.Add(3*time.Hour), 1)
		if err := st.Fail(ctx, m.ID, "w", "invalid number"); err != nil {
			t.Fatal(err)
		}
		got, _ = st.Message(ctx, m.ID)
		if got.State != outbox.Failed || got.LastError != "invalid number" || got.SealedTo != nil {
			t.Fatalf("after fail %+v", got)
		}
		if failed, err := st.ListFailed(ctx, 10); err != nil || len(failed) != 1 || failed[0].ID != m.ID || failed[0].LastError != "invalid number" {
			t.Errorf("failed messages %+v, %v", failed, err)
		}
		if c := claim(t, st, "w", now.Add(time.Hour*24), 1); len(c) != 0 {
			t.Fatal("a failed message was claimed")
		}
	})

	t.Run("SubmittedIsFinalAndForgetsTheNumber", func(t *testing.T) {
		st := open(t)
		m := enqueue(t, st, msg("a", "sms:a"))
		now := time.Now()
		claim(t, st, "w", now, 1)
		if err := st.MarkSubmitted(ctx, m.ID, []string{"p1", "p2"}, now); err != nil {
			t.Fatal(err)
		}
		got, _ := st.Message(ctx, m.ID)
		if got.State != outbox.Submitted || got.SealedTo != nil || got.SubmittedAt.IsZero() || got.LeaseOwner != "" {
			t.Fatalf("after submit %+v", got)
		}
		if diff := cmp.Diff([]string{"p1", "p2"}, got.GatewayIDs); diff != "" {
			t.Errorf("gateway ids (-want +got):\n%s", diff)
		}
		if c := claim(t, st, "w", now.Add(time.Hour), 1); len(c) != 0 {
			t.Fatal("a submitted message was claimed again")
		}
		// Marking twice (a retry of the mark after a lost answer) is fine.
		if err := st.MarkSubmitted(ctx, m.ID, []string{"p1", "p2"}, now); err != nil {
			t.Errorf("second mark: %v", err)
		}
		if err := st.MarkSubmitted(ctx, "nope", []string{"x"}, now); !errors.Is(err, outbox.ErrNotFound) {
			t.Errorf("unknown message: %v", err)
		}
	})

	t.Run("ReceiptsSettleTheMessage", func(t *testing.T) {
		st := open(t)
		now := time.Now()
		submit := func(key string, ids ...string) *outbox.Message {
			m := enqueue(t, st, msg(key, "sms:a"))
			claim(t, st, "w", now, 1)
			if err := st.MarkSubmitted(ctx, m.ID, ids, now); err != nil {
				t.Fatal(err)
			}
			return m
		}
		receipt := func(id string, s telephony.DeliveryStatus) bool {
			t.Helper()
			found, err := st.Receipt(ctx, telephony.Receipt{Gateway: "g", MessageID: id, Status: s, Err: "000", At: time.Now()})
			if err != nil {
				t.Fatal(err)
			}
			return found
		}
		state := func(id string) (outbox.State, telephony.DeliveryStatus) {
			m, err := st.Message(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return m.State, m.Delivery
		}

		two := submit("two", "a1", "a2")
		if !receipt("a1", telephony.Delivered) {
			t.Fatal("receipt not found")
		}
		if s, d := state(two.ID); s != outbox.Submitted || d != telephony.Accepted {
			t.Errorf("one part of two delivered: %s/%s", s, d)
		}
		receipt("a2", telephony.Accepted)
		receipt("a2", telephony.Delivered)
		receipt("a1", telephony.Accepted) // late, out of order
		if s, d := state(two.ID); s != outbox.Delivered || d != telephony.Delivered {
			t.Errorf("both parts delivered: %s/%s", s, d)
		}
		// Marking again (a retried mark) forgets no receipt.
		if err := st.MarkSubmitted(ctx, two.ID, []string{"a1", "a2"}, now); err != nil {
			t.Fatal(err)
		}
		receipt("a1", telephony.Delivered)
		if s, _ := state(two.ID); s != outbox.Delivered {
			t.Errorf("after a second mark: %s", s)
		}

		bad := submit("bad", "b1", "b2")
		receipt("b1", telephony.Delivered)
		receipt("b2", telephony.Undeliverable)
		receipt("b2", telephony.Accepted) // late
		m, _ := st.Message(ctx, bad.ID)
		if m.State != outbox.Failed || m.Delivery != telephony.Undeliverable || m.LastError == "" {
			t.Errorf("undeliverable part: %+v", m)
		}

		// A receipt faster than the record of the submit is kept for it.
		early := enqueue(t, st, msg("early", "sms:a"))
		claim(t, st, "w", now, 1)
		if receipt("e1", telephony.Delivered) {
			t.Error("a receipt for an id not yet recorded was found")
		}
		receipt("e1", telephony.Accepted) // overtaken on the way
		if err := st.MarkSubmitted(ctx, early.ID, []string{"e1"}, now); err != nil {
			t.Fatal(err)
		}
		if s, _ := state(early.ID); s != outbox.Delivered {
			t.Errorf("early receipt not applied: %s", s)
		}
	})

	t.Run("CancelSparesTheOptOutNotice", func(t *testing.T) {
		st := open(t)
		later := func(m *outbox.Message) *outbox.Message {
			m.NextAt = time.Now().Add(time.Hour)
			return enqueue(t, st, m)
		}
		queued := later(msg("q", "sms:a"))
		sending := enqueue(t, st, msg("s", "sms:a"))
		notice := msg("n", "sms:a")
		notice.OptOutNotice = true
		later(notice)
		other := later(msg("o", "sms:b"))
		claimed := claim(t, st, "w", time.Now(), 10)
		if len(claimed) != 1 || claimed[0].ID != sending.ID {
			t.Fatalf("claimed %+v", claimed)
		}
		n, err := st.Cancel(ctx, "sms:a")
		if err != nil || n != 2 {
			t.Fatalf("cancelled %d, %v; want the queued and the sending one", n, err)
		}
		for id, want := range map[string]outbox.State{queued.ID: outbox.Cancelled, sending.ID: outbox.Cancelled, notice.ID: outbox.Queued, other.ID: outbox.Queued} {
			if m, _ := st.Message(ctx, id); m.State != want {
				t.Errorf("message %s: %s, want %s", id, m.State, want)
			}
		}
		// The worker that held the sending one finds its lease gone.
		if err := st.Retry(ctx, claimed[0].ID, "w", time.Now(), "x", true); !errors.Is(err, outbox.ErrLeaseLost) {
			t.Errorf("retry of a cancelled message: %v", err)
		}
	})

	t.Run("PurgeDeletesOnlyFinalMessages", func(t *testing.T) {
		st := open(t)
		done := enqueue(t, st, msg("d", "sms:a"))
		pending := msg("q", "sms:a")
		pending.NextAt = time.Now().Add(time.Hour)
		enqueue(t, st, pending)
		claim(t, st, "w", time.Now(), 10)
		if err := st.MarkSubmitted(ctx, done.ID, []string{"x"}, time.Now()); err != nil {
			t.Fatal(err)
		}
		n, err := st.PurgeMessages(ctx, time.Now().Add(time.Hour))
		if err != nil || n != 1 {
			t.Fatalf("purged %d, %v", n, err)
		}
		if _, err := st.Message(ctx, done.ID); !errors.Is(err, outbox.ErrNotFound) {
			t.Errorf("purged message: %v", err)
		}
		c, _ := st.Counts(ctx)
		if c[outbox.Queued]+c[outbox.Sending] != 1 {
			t.Errorf("the pending message went too: %v", c)
		}
	})
}
