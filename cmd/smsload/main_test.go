package main

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestBurst runs a small burst end to end: every message answered once,
// the replays not again, and one table row.
func TestBurst(t *testing.T) {
	if testing.Short() {
		t.Skip("an end-to-end run of the SMS channel")
	}
	o := options{burst: 120, window: 10, outboxRate: 200, replay: 10, receipts: true, dlrDelay: 10 * time.Millisecond,
		retry: 50 * time.Millisecond, timeout: 2 * time.Minute, seed: 3}
	if err := o.validate(); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if err := run(ctx, o, &out); err != nil {
		t.Fatal(err)
	}
	cells := strings.Split(strings.TrimSpace(out.String()), "|")
	if len(cells) != 16 {
		t.Fatalf("want one row of 14 cells, got %q", out.String())
	}
	if got := strings.TrimSpace(cells[2]); got != "120" {
		t.Errorf("messages %q, want 120", got)
	}
	for i, want := range map[int]string{8: "0", 9: "0"} {
		if got := strings.TrimSpace(cells[i]); got != want {
			t.Errorf("cell %d (lost, sent twice) is %q, want %q", i, got, want)
		}
	}
}

// TestTally: a message without a reply is lost, a second reply is sent
// twice, and only measured messages count in the latency and the rate.
func TestTally(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	mk := func(measured bool, sent time.Duration, replies int, after time.Duration) *message {
		m := &message{measured: measured, sent: t0.Add(sent)}
		m.replies.Store(int32(replies))
		if replies > 0 {
			m.replied.Store(t0.Add(sent + after).UnixNano())
		}
		return m
	}
	msgs := []*message{
		mk(false, 0, 1, 5*time.Second), // warm-up: not in the latencies
		mk(true, time.Second, 1, 100*time.Millisecond),
		mk(true, 2*time.Second, 2, 300*time.Millisecond),
		mk(true, 3*time.Second, 0, 0),
		mk(true, 3*time.Second, 3, 900*time.Millisecond),
	}
	msgs[2].replay = 1
	r := tally(msgs, t0, t0.Add(5*time.Second))
	if r.lost != 1 || r.dups != 3 || r.replays != 1 || r.measured != 4 {
		t.Errorf("lost %d, sent twice %d, replays %d, measured %d; want 1, 3, 1, 4", r.lost, r.dups, r.replays, r.measured)
	}
	if len(r.lat) != 3 || r.lat[0] != 100*time.Millisecond || r.lat[2] != 900*time.Millisecond {
		t.Errorf("latencies %v", r.lat)
	}
	// 3 answered between the first measured delivery (1 s) and the last
	// reply (3.9 s).
	if want := 3 / 2.9; r.rate < want-1e-9 || r.rate > want+1e-9 {
		t.Errorf("rate %v, want %v", r.rate, want)
	}
	if got := r.pct(0.5); got != "300.0 ms" {
		t.Errorf("p50 %s", got)
	}
}
