// Package webhooktest holds the contract suite that every webhook.Store
// passes (webhook/sqlite and webhook/postgres).
package webhooktest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/telephony/webhook"
)

// StoreContract runs the contract on fresh stores from open.
func StoreContract(t *testing.T, open func(t *testing.T) webhook.Store) {
	ctx := context.Background()
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	delivery := func(code string, n int) webhook.Delivery {
		return webhook.Delivery{EventID: fmt.Sprintf("%s-%d", code, n), Type: webhook.EventCreated, Code: code, Body: []byte(fmt.Sprintf(`{"n":%d}`, n))}
	}

	t.Run("record replaces only the snapshot it read", func(t *testing.T) {
		st := open(t)
		if _, err := st.Snapshot(ctx, "11112222"); !errors.Is(err, webhook.ErrNotFound) {
			t.Fatalf("no snapshot yet: %v", err)
		}
		s1 := &webhook.Snapshot{Code: "11112222", State: chat.TicketWaiting, Seq: 1}
		ds := []webhook.Delivery{delivery("11112222", 1)}
		if err := st.Record(ctx, nil, s1, ds); err != nil {
			t.Fatal(err)
		}
		if ds[0].ID == 0 {
			t.Error("delivery id not filled")
		}
		// A second process that also read "no snapshot" loses.
		if err := st.Record(ctx, nil, s1, []webhook.Delivery{delivery("11112222", 9)}); !errors.Is(err, webhook.ErrConflict) {
			t.Errorf("second first record: %v", err)
		}
		got, err := st.Snapshot(ctx, "11112222")
		if err != nil || got.State != chat.TicketWaiting || got.Seq != 1 || got.UpdatedAt.IsZero() {
			t.Fatalf("snapshot %+v, %v", got, err)
		}
		s2 := &webhook.Snapshot{Code: "11112222", State: chat.TicketClaimed, ClaimedBy: "anna", Team: "anagrafe", Callbacks: 1, Seq: 2}
		if err := st.Record(ctx, got, s2, []webhook.Delivery{delivery("11112222", 2)}); err != nil {
			t.Fatal(err)
		}
		// Recording from the stale snapshot again conflicts, and queues nothing.
		if err := st.Record(ctx, got, s2, []webhook.Delivery{delivery("11112222", 3)}); !errors.Is(err, webhook.ErrConflict) {
			t.Errorf("record from a stale snapshot: %v", err)
		}
		got, _ = st.Snapshot(ctx, "11112222")
		if got.State != chat.TicketClaimed || got.ClaimedBy != "anna" || got.Team != "anagrafe" || got.Callbacks != 1 || got.Seq != 2 {
			t.Errorf("snapshot %+v", got)
		}
		counts, err := st.Counts(ctx)
		if err != nil || counts[webhook.Pending] != 2 {
			t.Errorf("counts %v, %v", counts, err)
		}
	})

	t.Run("concurrent records: one wins", func(t *testing.T) {
		st := open(t)
		var wg sync.WaitGroup
		errs := make([]error, 6)
		for i := range errs {
			wg.Go(func() {
				errs[i] = st.Record(ctx, nil, &webhook.Snapshot{Code: "33334444", State: chat.TicketWaiting, Seq: 1},
					[]webhook.Delivery{{EventID: fmt.Sprintf("33334444-1-%d", i), Type: webhook.EventCreated, Code: "33334444", Body: []byte("{}")}})
			})
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, webhook.ErrConflict):
				t.Errorf("record: %v", err)
			}
		}
		if counts, _ := st.Counts(ctx); won != 1 || counts[webhook.Pending] != 1 {
			t.Errorf("%d won, %v queued", won, counts)
		}
	})

	t.Run("baseline is set once", func(t *testing.T) {
		st := open(t)
		b1, err := st.Baseline(ctx, t0)
		if err != nil || !b1.Equal(t0) {
			t.Fatalf("first baseline %v, %v", b1, err)
		}
		b2, err := st.Baseline(ctx, t0.Add(time.Hour))
		if err != nil || !b2.Equal(t0) {
			t.Errorf("second baseline %v, %v", b2, err)
		}
	})

	t.Run("due leases in order per handoff", func(t *testing.T) {
		st := open(t)
		a1, a2, b1 := delivery("aaaaaaaa", 1), delivery("aaaaaaaa", 2), delivery("bbbbbbbb", 1)
		if err := st.Record(ctx, nil, &webhook.Snapshot{Code: "aaaaaaaa", State: chat.TicketClaimed, Seq: 2}, []webhook.Delivery{a1, a2}); err != nil {
			t.Fatal(err)
		}
		if err := st.Record(ctx, nil, &webhook.Snapshot{Code: "bbbbbbbb", State: chat.TicketWaiting, Seq: 1}, []webhook.Delivery{b1}); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		due, err := st.Due(ctx, now, time.Minute, 10)
		if err != nil {
			t.Fatal(err)
		}
		if ids := eventIDs(due); !slices.Equal(ids, []string{"aaaaaaaa-1", "bbbbbbbb-1"}) {
			t.Fatalf("due %v: the second event of a handoff waits for the first", ids)
		}
		if string(due[0].Body) != `{"n":1}` || due[0].Type != webhook.EventCreated || due[0].State != webhook.Pending {
			t.Errorf("delivery %+v", due[0])
		}
		// Leased: another process gets nothing until the lease ends.
		if again, _ := st.Due(ctx, now, time.Minute, 10); len(again) != 0 {
			t.Errorf("leased deliveries handed out twice: %v", eventIDs(again))
		}
		if later, _ := st.Due(ctx, now.Add(2*time.Minute), time.Minute, 10); !slices.Equal(eventIDs(later), []string{"aaaaaaaa-1", "bbbbbbbb-1"}) {
			t.Errorf("after the lease: %v", eventIDs(later))
		}
		// A retry due later holds back the handoff's next event.
		if err := st.Retry(ctx, due[0].ID, 500, "the receiver answered 500", now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := st.Done(ctx, due[1].ID, 204, now); err != nil {
			t.Fatal(err)
		}
		if got, _ := st.Due(ctx, now.Add(10*time.Minute), time.Minute, 10); len(got) != 0 {
			t.Errorf("due before the retry time: %v", eventIDs(got))
		}
		got, _ := st.Due(ctx, now.Add(2*time.Hour), time.Minute, 10)
		if !slices.Equal(eventIDs(got), []string{"aaaaaaaa-1"}) || got[0].Attempts != 1 || got[0].LastCode != 500 || got[0].LastError == "" {
			t.Fatalf("after the retry time: %+v", got)
		}
		if err := st.Done(ctx, got[0].ID, 200, now.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		got, _ = st.Due(ctx, now.Add(2*time.Hour), time.Minute, 10)
		if !slices.Equal(eventIDs(got), []string{"aaaaaaaa-2"}) {
			t.Errorf("next in order: %v", eventIDs(got))
		}
		if got, _ := st.Due(ctx, now.Add(3*time.Hour), time.Minute, 1); len(got) != 1 {
			t.Errorf("limit: %d", len(got))
		}
		delivered, err := st.Deliveries(ctx, webhook.Delivered, 10)
		if err != nil || !slices.Equal(eventIDs(delivered), []string{"bbbbbbbb-1", "aaaaaaaa-1"}) || delivered[0].DoneAt.IsZero() || delivered[0].LastCode != 204 {
			t.Errorf("delivered, newest first: %+v, %v", delivered, err)
		}
	})

	t.Run("failed deliveries are kept and can be queued again", func(t *testing.T) {
		st := open(t)
		d := delivery("cccccccc", 1)
		ds := []webhook.Delivery{d}
		if err := st.Record(ctx, nil, &webhook.Snapshot{Code: "cccccccc", State: chat.TicketWaiting, Seq: 1}, ds); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		if err := st.Fail(ctx, ds[0].ID, 0, "posting: connection refused", now); err != nil {
			t.Fatal(err)
		}
		if due, _ := st.Due(ctx, now.Add(time.Hour), time.Minute, 10); len(due) != 0 {
			t.Errorf("failed delivery due: %v", eventIDs(due))
		}
		failed, _ := st.Deliveries(ctx, webhook.Failed, 10)
		if len(failed) != 1 || failed[0].LastError != "posting: connection refused" || failed[0].Attempts != 1 {
			t.Fatalf("failed: %+v", failed)
		}
		counts, _ := st.Counts(ctx)
		if counts[webhook.Failed] != 1 || counts[webhook.Pending] != 0 {
			t.Errorf("counts %v", counts)
		}
		// Purge never takes a failed delivery or its handoff's snapshot.
		if _, err := st.Purge(ctx, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Snapshot(ctx, "cccccccc"); err != nil {
			t.Errorf("snapshot purged: %v", err)
		}
		if err := st.Requeue(ctx, ds[0].ID, now); err != nil {
			t.Fatal(err)
		}
		if err := st.Requeue(ctx, ds[0].ID, now); !errors.Is(err, webhook.ErrConflict) {
			t.Errorf("requeue of a pending delivery: %v", err)
		}
		if err := st.Requeue(ctx, ds[0].ID+1000, now); !errors.Is(err, webhook.ErrNotFound) {
			t.Errorf("requeue of an unknown delivery: %v", err)
		}
		due, _ := st.Due(ctx, now, time.Minute, 10)
		if len(due) != 1 || due[0].Attempts != 0 {
			t.Errorf("requeued: %+v", due)
		}
	})

	t.Run("purge", func(t *testing.T) {
		st := open(t)
		old := []webhook.Delivery{delivery("dddddddd", 1)}
		if err := st.Record(ctx, nil, &webhook.Snapshot{Code: "dddddddd", State: chat.TicketResolved, Seq: 1}, old); err != nil {
			t.Fatal(err)
		}
		open := []webhook.Delivery{delivery("eeeeeeee", 1)}
		if err := st.Record(ctx, nil, &webhook.Snapshot{Code: "eeeeeeee", State: chat.TicketWaiting, Seq: 1}, open); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		if err := st.Done(ctx, old[0].ID, 200, now); err != nil {
			t.Fatal(err)
		}
		if n, err := st.Purge(ctx, now.Add(-time.Hour)); err != nil || n != 0 {
			t.Errorf("purge before anything is old enough: %d, %v", n, err)
		}
		n, err := st.Purge(ctx, now.Add(time.Hour))
		if err != nil || n != 2 {
			t.Errorf("purge: %d, %v (want the delivery and the resolved snapshot)", n, err)
		}
		if _, err := st.Snapshot(ctx, "dddddddd"); !errors.Is(err, webhook.ErrNotFound) {
			t.Errorf("resolved snapshot kept: %v", err)
		}
		if _, err := st.Snapshot(ctx, "eeeeeeee"); err != nil {
			t.Errorf("open snapshot purged: %v", err)
		}
		if counts, _ := st.Counts(ctx); counts[webhook.Pending] != 1 || counts[webhook.Delivered] != 0 {
			t.Errorf("counts after purge %v", counts)
		}
	})
}

func eventIDs(ds []webhook.Delivery) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, d.EventID)
	}
	return out
}
