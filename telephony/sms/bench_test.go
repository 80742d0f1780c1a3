package sms_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/sms/smstest"
)

// benchQuestions are real questions in several languages, answered,
// clarified and handed off by the demo knowledge base, and a keyword.
var benchQuestions = []string{
	"Come rinnovo la carta d'identità elettronica?",
	"come pago la TARI?",
	"How do I renew my electronic ID card?",
	"كيف أجدد بطاقة الهوية الإلكترونية؟",
	"电子身份证怎么更新？",
	"Comment renouveler ma carte d'identité électronique ?",
	"Wie erneuere ich meinen elektronischen Personalausweis?",
	"¿Cómo renuevo el documento de identidad electrónico?",
	"Cum îmi reînnoiesc cartea de identitate electronică?",
	"Si ta rinovoj kartën elektronike të identitetit?",
	"mi serve un certificato di stato di famiglia per la banca, si puo scaricare da casa o devo venire in comune?",
	"voglio parlare con una persona vera",
	"AIUTO",
}

// timedPhone is an in-process gateway that notes when each number got
// each message.
type timedPhone struct {
	mu   sync.Mutex
	got  map[string][]time.Time
	sent atomic.Int64
}

func (p *timedPhone) Submit(_ context.Context, m telephony.Outbound) ([]string, error) {
	now := time.Now()
	p.mu.Lock()
	p.got[m.To] = append(p.got[m.To], now)
	p.mu.Unlock()
	p.sent.Add(1)
	return []string{"b-" + m.ID}, nil
}

// burst sends n messages, from n numbers, through the channel from
// senders goroutines while the outbox worker runs, replays every tenth
// one as a carrier would, waits until every reply is submitted, and
// reports throughput, latency from receipt to submit, and what was lost
// or sent twice.
func burst(b *testing.B, n, senders int) {
	h := smstest.MustHarness(b, demoConfig, nil)
	phone := &timedPhone{got: map[string][]time.Time{}}
	h.Worker.Senders[smstest.Gateway] = phone
	h.Worker.Concurrency = 8
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.Worker.Run(ctx) }()
	defer func() { stop(); <-done }()

	number := func(i int) string { return fmt.Sprintf("+39333%07d", i) }
	start := make([]time.Time, n)
	next := atomic.Int64{}
	b.ResetTimer()
	t0 := time.Now()
	var wg sync.WaitGroup
	for range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				in := telephony.Inbound{Gateway: smstest.Gateway, CarrierID: fmt.Sprint("b", i), From: number(i), To: "44001",
					Text: benchQuestions[i%len(benchQuestions)], ReceivedAt: time.Now()}
				start[i] = time.Now()
				if _, err := h.Service.Receive(context.Background(), in); err != nil {
					b.Error(err)
					return
				}
				if i%10 == 0 { // the carrier delivers it again
					if res, err := h.Service.Receive(context.Background(), in); err != nil || !res.Duplicate {
						b.Errorf("replay: %+v %v", res, err)
					}
				}
			}
		}()
	}
	wg.Wait()
	// Every inbound message gets exactly one reply: wait for them, and a
	// little more for any duplicate.
	deadline := time.Now().Add(5 * time.Minute)
	for phone.sent.Load() < int64(n) && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	elapsed := time.Since(t0)
	b.StopTimer()
	time.Sleep(100 * time.Millisecond)

	phone.mu.Lock()
	defer phone.mu.Unlock()
	lost, dups := 0, 0
	var lat []time.Duration
	for i := range n {
		got := phone.got[number(i)]
		switch {
		case len(got) == 0:
			lost++
		case len(got) > 1:
			dups += len(got) - 1
		}
		if len(got) > 0 {
			lat = append(lat, got[0].Sub(start[i]))
		}
	}
	slices.Sort(lat)
	pct := func(p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(float64(n)/elapsed.Seconds(), "msg/s")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(lost), "lost")
	b.ReportMetric(float64(dups), "duplicates")
	if lost != 0 || dups != 0 {
		b.Errorf("%d of %d messages lost, %d answered twice", lost, n, dups)
	}
}

// BenchmarkInboundToSubmitted measures the channel from an inbound
// message to its reply accepted by the gateway, on the demo engine and
// SQLite, with an in-process gateway (the SMPP leg is measured with the
// SMPP connector).
func BenchmarkInboundToSubmitted(b *testing.B) {
	burst(b, max(b.N, 200), 8)
}

// BenchmarkBurst10000 sends a burst of 10,000 messages: none may be lost
// and none answered twice.
func BenchmarkBurst10000(b *testing.B) {
	for range b.N {
		burst(b, 10000, 16)
	}
}
