package cti

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Key is one API key allowed to call the look-up. Only its SHA-256 is
// configured, so the configuration opens nothing if it leaks; Name tells
// the callers apart in logs and rate limits.
type Key struct {
	Name string
	Hash [sha256.Size]byte
}

var keyNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$`)

// ParseKeys reads keys written as "name:sha256hex", separated by commas
// or spaces, e.g. "asterisk:9f86d0…,genesys:2c26b4…". Hash a key with
// HashKey (or `printf %s KEY | sha256sum`).
func ParseKeys(s string) ([]Key, error) {
	var keys []Key
	seen := map[string]bool{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' }) {
		name, h, ok := strings.Cut(f, ":")
		if !ok || !keyNameRE.MatchString(name) {
			return nil, fmt.Errorf("cti: API key %q: write name:sha256hex, the name in letters, digits, dots, dashes or underscores", truncate(f))
		}
		b, err := hex.DecodeString(strings.ToLower(h))
		if err != nil || len(b) != sha256.Size {
			return nil, fmt.Errorf("cti: API key %s: the hash must be the 64 hex digits of the key's SHA-256, not the key itself", name)
		}
		if seen[name] {
			return nil, fmt.Errorf("cti: API key %s is configured twice", name)
		}
		seen[name] = true
		k := Key{Name: name}
		copy(k.Hash[:], b)
		keys = append(keys, k)
	}
	return keys, nil
}

func truncate(s string) string {
	if len(s) > 12 {
		return s[:12] + "…"
	}
	return s
}

// HashKey returns the hex SHA-256 of a key, as ParseKeys reads it.
func HashKey(key string) string {
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:])
}

// NewKey returns a fresh random key: 32 bytes, URL-safe base64.
func NewKey() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// match returns the key whose hash is the SHA-256 of presented. It
// compares against every key in constant time, so the time taken says
// nothing about which key nearly matched.
func match(keys []Key, presented string) (Key, bool) {
	h := sha256.Sum256([]byte(presented))
	var found Key
	ok := 0
	for _, k := range keys {
		eq := subtle.ConstantTimeCompare(h[:], k.Hash[:])
		if eq == 1 {
			found = k
		}
		ok |= eq
	}
	return found, ok == 1
}

// Rate is a token bucket: Burst requests at once, refilled at PerSecond.
type Rate struct {
	PerSecond float64
	Burst     int
}

// DefaultRate is each key's budget: an IVR looks a caller up once per
// call, and a busy contact center takes a few calls a second.
var DefaultRate = Rate{PerSecond: 10, Burst: 50}

// limiter keeps one token bucket per key name.
type limiter struct {
	rate    Rate
	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

// take spends a token of name's bucket, or says how long until one is
// there.
func (l *limiter) take(name string, now time.Time) (retry time.Duration, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.buckets == nil {
		l.buckets = map[string]*bucket{}
	}
	b := l.buckets[name]
	if b == nil {
		b = &bucket{tokens: float64(l.rate.Burst), last: now}
		l.buckets[name] = b
	}
	b.tokens = math.Min(float64(l.rate.Burst), b.tokens+now.Sub(b.last).Seconds()*l.rate.PerSecond)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return 0, true
	}
	return time.Duration((1 - b.tokens) / l.rate.PerSecond * float64(time.Second)), false
}
