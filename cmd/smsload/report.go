package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/sportello/sportello/telephony/smpp/smsctest"
)

// result is what a run measured.
type result struct {
	messages, measured int
	// lat are the latencies of the measured messages answered.
	lat []time.Duration
	// rate is the measured messages answered a second, from the first
	// one's delivery to the last one's reply.
	rate      float64
	lost      int
	dups      int
	replays   int
	dupSeen   int
	stray     int
	deferred  int
	errors    int
	firstErr  string
	cpu       time.Duration
	heap, rss uint64
	loadavg   string
	outcomes  map[string]int
	parts     map[string]int
}

// tally counts the replies: every message must have exactly one.
func tally(msgs []*message, t0, tEnd time.Time) *result {
	r := &result{messages: len(msgs)}
	var first, last time.Time
	for _, m := range msgs {
		got := int(m.replies.Load())
		switch {
		case got == 0:
			r.lost++
		case got > 1:
			r.dups += got - 1
		}
		if m.replay != 0 {
			r.replays++
		}
		if !m.measured {
			continue
		}
		r.measured++
		if first.IsZero() || m.sent.Before(first) {
			first = m.sent
		}
		if got == 0 {
			continue
		}
		at := time.Unix(0, m.replied.Load())
		r.lat = append(r.lat, at.Sub(m.sent))
		if at.After(last) {
			last = at
		}
	}
	slices.Sort(r.lat)
	if !last.IsZero() && last.After(first) {
		r.rate = float64(len(r.lat)) / last.Sub(first).Seconds()
	}
	return r
}

// replyParts counts the replies the SMSC reassembled by encoding and
// parts.
func replyParts(ms []smsctest.Message) map[string]int {
	out := map[string]int{}
	for _, m := range ms {
		enc := "GSM-7"
		if m.DataCoding == 8 {
			enc = "UCS-2"
		}
		out[fmt.Sprintf("%s in %d", enc, m.Parts)]++
	}
	return out
}

func (r *result) pct(p float64) string {
	if len(r.lat) == 0 {
		return "n/a"
	}
	return ms(r.lat[min(len(r.lat)-1, int(p*float64(len(r.lat))))])
}

func ms(d time.Duration) string {
	if d >= 10*time.Second {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

func shares(m map[string]int) string {
	total := 0
	keys := make([]string, 0, len(m))
	for k, v := range m {
		total += v
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return m[b] - m[a] })
	var out []string
	for _, k := range keys {
		out = append(out, fmt.Sprintf("%s %.0f%%", k, 100*float64(m[k])/float64(max(total, 1))))
	}
	return strings.Join(out, ", ")
}

func (r *result) print(w io.Writer, o options) {
	if o.header {
		fmt.Fprintln(w, "| load | messages | answered/s | p50 | p95 | p99 | max | lost | sent twice | replays (recognised) | deferred | CPU per message | heap / peak RSS | load average |")
		fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
	}
	load := fmt.Sprintf("burst of %d, window %d", o.burst, o.window)
	if o.rate > 0 {
		load = fmt.Sprintf("%.0f/s open loop, %s", o.rate, o.duration)
	}
	maxLat := "n/a"
	if len(r.lat) > 0 {
		maxLat = ms(r.lat[len(r.lat)-1])
	}
	cpu := "n/a"
	if r.cpu > 0 && r.measured > 0 {
		cpu = fmt.Sprintf("%.2f ms", float64(r.cpu)/float64(time.Millisecond)/float64(r.measured))
	}
	mem := fmt.Sprintf("%d MiB / ", r.heap>>20)
	if r.rss > 0 {
		mem += fmt.Sprintf("%d MiB", r.rss>>20)
	} else {
		mem += "n/a"
	}
	fmt.Fprintf(w, "| %s | %d | %.0f | %s | %s | %s | %s | %d | %d | %d (%d) | %d | %s | %s | %s |\n",
		load, r.messages, r.rate, r.pct(0.50), r.pct(0.95), r.pct(0.99), maxLat, r.lost, r.dups, r.replays, r.dupSeen, r.deferred, cpu, mem, r.loadavg)
	fmt.Fprintf(os.Stderr, "smsload: outcomes: %s\nsmsload: replies: %s\n", shares(r.outcomes), shares(r.parts))
}

// loadAverage is the one-minute load average, where the system tells it.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "n/a"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "n/a"
	}
	return f[0]
}
