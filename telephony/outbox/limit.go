package outbox

import (
	"sync"
	"time"
)

// bucket is a token bucket: it holds up to burst tokens and gains rate a
// second; a message takes one.
type bucket struct {
	tokens float64
	last   time.Time
}

func (b *bucket) level(now time.Time, rate float64, burst int) float64 {
	if b.last.IsZero() {
		return float64(burst)
	}
	return min(float64(burst), b.tokens+now.Sub(b.last).Seconds()*rate)
}

// limiter limits sending overall and per recipient. It is per process:
// several processes sharing a database each apply the limits.
type limiter struct {
	mu        sync.Mutex
	rate      float64
	burst     int
	perRate   float64
	perBurst  int
	all       bucket
	contacts  map[string]*bucket
	lastPrune time.Time
}

func newLimiter(rate float64, burst int, perRate float64, perBurst int) *limiter {
	return &limiter{rate: rate, burst: burst, perRate: perRate, perBurst: perBurst, contacts: map[string]*bucket{}}
}

// take takes a token from both the overall bucket and contact's, or from
// neither, and then says when to try again.
func (l *limiter) take(contact string, now time.Time) (retryAt time.Time, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.prune(now)
	c := l.contacts[contact]
	if c == nil {
		c = &bucket{}
	}
	all, per := l.all.level(now, l.rate, l.burst), c.level(now, l.perRate, l.perBurst)
	if all < 1 || per < 1 {
		wait := max((1-all)/l.rate, (1-per)/l.perRate, 0)
		return now.Add(time.Duration(wait * float64(time.Second))), false
	}
	l.all = bucket{tokens: all - 1, last: now}
	*c = bucket{tokens: per - 1, last: now}
	l.contacts[contact] = c
	return now, true
}

// prune forgets contacts whose buckets have filled up again, so that the
// map does not grow with every number ever answered.
func (l *limiter) prune(now time.Time) {
	full := time.Duration(float64(l.perBurst) / l.perRate * float64(time.Second))
	if now.Sub(l.lastPrune) < full {
		return
	}
	l.lastPrune = now
	for k, b := range l.contacts {
		if now.Sub(b.last) >= full {
			delete(l.contacts, k)
		}
	}
}
