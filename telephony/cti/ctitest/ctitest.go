// Package ctitest holds the contract suite that every cti.CallbackStore
// passes (cti/sqlite and cti/postgres).
package ctitest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/sportello/sportello/telephony/cti"
)

// CallbackStoreContract runs the contract on fresh stores from open.
func CallbackStoreContract(t *testing.T, open func(t *testing.T) cti.CallbackStore) {
	ctx := context.Background()
	newCB := func(conv string, seq int64) *cti.Callback {
		return &cti.Callback{Code: "48217390", ConversationID: conv, Seq: seq, Channel: "web", Lang: "it",
			Sealed: []byte("sealed-" + conv), Pseudonym: "sms:p-" + conv}
	}

	t.Run("create is idempotent per turn", func(t *testing.T) {
		st := open(t)
		cb := newCB("c1", 3)
		dup, err := st.CreateCallback(ctx, cb)
		if err != nil || dup || cb.ID == 0 || cb.State != cti.CallbackWaiting || cb.CreatedAt.IsZero() {
			t.Fatalf("create: %+v, %v, %v", cb, dup, err)
		}
		again := newCB("c1", 3)
		again.Sealed = []byte("other")
		dup, err = st.CreateCallback(ctx, again)
		if err != nil || !dup || again.ID != cb.ID || !bytes.Equal(again.Sealed, cb.Sealed) {
			t.Fatalf("second create: %+v, %v, %v", again, dup, err)
		}
		got, err := st.Callback(ctx, cb.ID)
		if err != nil || got.Code != "48217390" || got.Channel != "web" || got.Lang != "it" || got.Pseudonym != "sms:p-c1" || !bytes.Equal(got.Sealed, []byte("sealed-c1")) {
			t.Fatalf("read back: %+v, %v", got, err)
		}
		if _, err := st.Callback(ctx, cb.ID+100); !errors.Is(err, cti.ErrNotFound) {
			t.Errorf("unknown id: %v", err)
		}
	})

	t.Run("claim, attempts and close", func(t *testing.T) {
		st := open(t)
		cb := newCB("c2", 1)
		if _, err := st.CreateCallback(ctx, cb); err != nil {
			t.Fatal(err)
		}
		if err := st.RecordAttempt(ctx, cb.ID, "anna", cti.OutcomeNoAnswer, false); !errors.Is(err, cti.ErrStale) {
			t.Errorf("attempt before a claim: %v", err)
		}
		if err := st.ClaimCallback(ctx, cb.ID, "anna"); err != nil {
			t.Fatal(err)
		}
		if err := st.ClaimCallback(ctx, cb.ID, "bruno"); !errors.Is(err, cti.ErrStale) {
			t.Errorf("second claim: %v", err)
		}
		if err := st.ClaimCallback(ctx, cb.ID+100, "bruno"); !errors.Is(err, cti.ErrNotFound) {
			t.Errorf("claim of an unknown request: %v", err)
		}
		if err := st.RecordAttempt(ctx, cb.ID, "bruno", cti.OutcomeDone, true); !errors.Is(err, cti.ErrStale) {
			t.Errorf("attempt by someone else: %v", err)
		}
		if err := st.RecordAttempt(ctx, cb.ID, "anna", cti.OutcomeNoAnswer, false); err != nil {
			t.Fatal(err)
		}
		got, _ := st.Callback(ctx, cb.ID)
		if got.State != cti.CallbackWaiting || got.ClaimedBy != "" || got.Attempts != 1 || got.Outcome != cti.OutcomeNoAnswer || got.Sealed == nil {
			t.Errorf("after no answer: %+v", got)
		}
		if err := st.ClaimCallback(ctx, cb.ID, "bruno"); err != nil {
			t.Fatal(err)
		}
		got, _ = st.Callback(ctx, cb.ID)
		if got.State != cti.CallbackClaimed || got.ClaimedBy != "bruno" || got.ClaimedAt.IsZero() {
			t.Errorf("claimed: %+v", got)
		}
		if err := st.RecordAttempt(ctx, cb.ID, "bruno", cti.OutcomeDone, true); err != nil {
			t.Fatal(err)
		}
		got, _ = st.Callback(ctx, cb.ID)
		if got.State != cti.CallbackClosed || got.Attempts != 2 || got.Outcome != cti.OutcomeDone || got.Sealed != nil || got.ClosedAt.IsZero() {
			t.Errorf("closed: %+v", got)
		}
		if err := st.ClaimCallback(ctx, cb.ID, "anna"); !errors.Is(err, cti.ErrStale) {
			t.Errorf("claim of a closed request: %v", err)
		}
		as, err := st.Attempts(ctx, cb.ID)
		if err != nil || len(as) != 2 || as[0].Operator != "anna" || as[0].Outcome != cti.OutcomeNoAnswer || as[1].Operator != "bruno" || as[1].At.IsZero() {
			t.Errorf("attempts: %+v, %v", as, err)
		}
	})

	t.Run("lists", func(t *testing.T) {
		st := open(t)
		var ids []int64
		for i := range 3 {
			cb := newCB(fmt.Sprintf("l%d", i), 1)
			if i == 2 {
				cb.Code = "11112222"
				cb.Pseudonym = "sms:p-l0"
			}
			if _, err := st.CreateCallback(ctx, cb); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, cb.ID)
		}
		if err := st.ClaimCallback(ctx, ids[1], "anna"); err != nil {
			t.Fatal(err)
		}
		waiting, err := st.Callbacks(ctx, 0, cti.CallbackWaiting)
		if err != nil || len(waiting) != 2 || waiting[0].ID != ids[0] || waiting[1].ID != ids[2] {
			t.Errorf("waiting: %+v, %v", waiting, err)
		}
		open, _ := st.Callbacks(ctx, 0, cti.CallbackWaiting, cti.CallbackClaimed)
		if len(open) != 3 {
			t.Errorf("open: %d", len(open))
		}
		if first, _ := st.Callbacks(ctx, 1, cti.CallbackWaiting, cti.CallbackClaimed); len(first) != 1 || first[0].ID != ids[0] {
			t.Errorf("limit 1: %+v", first)
		}
		if none, err := st.Callbacks(ctx, 0); err != nil || len(none) != 0 {
			t.Errorf("no states: %+v, %v", none, err)
		}
		forCode, _ := st.CallbacksFor(ctx, "48217390")
		if len(forCode) != 2 {
			t.Errorf("for code: %d", len(forCode))
		}
		from, _ := st.OpenCallbacksFrom(ctx, "sms:p-l0")
		if len(from) != 2 || from[0].ID != ids[2] {
			t.Errorf("from a pseudonym, newest first: %+v", from)
		}
		if none, _ := st.OpenCallbacksFrom(ctx, ""); len(none) != 0 {
			t.Errorf("the empty pseudonym matched %d", len(none))
		}
	})

	t.Run("purge keeps open requests", func(t *testing.T) {
		st := open(t)
		a, b := newCB("p1", 1), newCB("p2", 1)
		for _, cb := range []*cti.Callback{a, b} {
			if _, err := st.CreateCallback(ctx, cb); err != nil {
				t.Fatal(err)
			}
		}
		st.ClaimCallback(ctx, a.ID, "anna")
		if err := st.RecordAttempt(ctx, a.ID, "anna", cti.OutcomeWrongNumber, true); err != nil {
			t.Fatal(err)
		}
		n, err := st.PurgeCallbacks(ctx, time.Now().Add(time.Hour))
		if err != nil || n != 1 {
			t.Errorf("purge: %d, %v", n, err)
		}
		if _, err := st.Callback(ctx, a.ID); !errors.Is(err, cti.ErrNotFound) {
			t.Errorf("closed request kept: %v", err)
		}
		if as, _ := st.Attempts(ctx, a.ID); len(as) != 0 {
			t.Errorf("attempts kept: %d", len(as))
		}
		if _, err := st.Callback(ctx, b.ID); err != nil {
			t.Errorf("open request purged: %v", err)
		}
	})

	t.Run("one claim wins", func(t *testing.T) {
		st := open(t)
		cb := newCB("race", 1)
		if _, err := st.CreateCallback(ctx, cb); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Go(func() { errs[i] = st.ClaimCallback(ctx, cb.ID, fmt.Sprintf("op%d", i)) })
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, cti.ErrStale):
				t.Errorf("claim: %v", err)
			}
		}
		if won != 1 {
			t.Errorf("%d claims won", won)
		}
	})
}
