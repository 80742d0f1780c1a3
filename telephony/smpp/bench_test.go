package smpp_test

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sportello/sportello/telephony/smpp"
	"github.com/sportello/sportello/telephony/smpp/smsctest"
)

// BenchmarkSubmit measures replies submitted per second to the fake SMSC
// on loopback, from 64 concurrent senders, by reply length (a one-segment
// Italian reply, a three-segment Arabic one), by the SMSC's response time
// (immediate, or 20 ms as over a carrier's VPN) and by window size.
// msgs/s counts replies, parts/s the submit_sm they took.
func BenchmarkSubmit(b *testing.B) {
	replies := []struct {
		name  string
		text  string
		parts int
	}{
		{"gsm-1-part", "Gli uffici anagrafe sono aperti dal lunedi' al venerdi', dalle 8:30 alle 12:00.", 1},
		{"ucs2-3-parts", arabicReply, 3},
	}
	for _, reply := range replies {
		for _, delay := range []time.Duration{0, 20 * time.Millisecond} {
			for _, window := range []int{1, 10, 50} {
				b.Run(fmt.Sprintf("%s/rtt=%v/window=%d", reply.name, delay, window), func(b *testing.B) {
					benchSubmit(b, smsctest.Config{AnswerDelay: delay}, window, reply.text, reply.parts)
				})
			}
		}
	}
}

func benchSubmit(b *testing.B, scfg smsctest.Config, window int, text string, parts int) {
	h := startWith(b, scfg, func(c *smpp.Config) { c.Window = window })
	ctx := testContext(b)
	var n atomic.Int64
	b.SetParallelism(32) // 64 senders on 2 cores
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			if _, err := h.c.Submit(ctx, outbound(fmt.Sprint("bench-", i), text)); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.StopTimer()
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(b.N)/secs, "msgs/s")
	b.ReportMetric(float64(b.N*parts)/secs, "parts/s")
	if got := len(h.srv.Messages()); got != b.N {
		b.Fatalf("SMSC reassembled %d messages, sent %d", got, b.N)
	}
}
