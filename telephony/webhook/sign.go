package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Headers of a webhook request.
const (
	HeaderTimestamp = "Sportello-Timestamp"
	HeaderSignature = "Sportello-Signature"
	HeaderEvent     = "Sportello-Event"
	HeaderEventID   = "Sportello-Event-Id"
)

// Tolerance is how old (or how far in the future) a timestamp a receiver
// accepts: older requests are replays.
const Tolerance = 5 * time.Minute

// Sign returns the value of the Sportello-Signature header for body sent
// at ts: "v1=" and the hex HMAC-SHA256, under each secret, of the
// decimal Unix timestamp, a full stop and the body bytes:
//
//	v1=hex(HMAC-SHA256(secret, "1732300000" + "." + body))
//
// With several secrets (while the receiver's secret is rotated) the
// signatures are separated by commas, and a receiver accepts the request
// if any of them verifies under its secret.
func Sign(secrets [][]byte, ts time.Time, body []byte) string {
	sigs := make([]string, len(secrets))
	for i, s := range secrets {
		sigs[i] = "v1=" + hex.EncodeToString(mac(s, ts.Unix(), body))
	}
	return strings.Join(sigs, ",")
}

func mac(secret []byte, ts int64, body []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(strconv.FormatInt(ts, 10)))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// Errors of Verify.
var (
	ErrNoSignature  = errors.New("webhook: no signature or timestamp")
	ErrStale        = errors.New("webhook: the timestamp is outside the tolerance: a replay, or a clock far off")
	ErrBadSignature = errors.New("webhook: the signature does not match")
)

// Verify checks a received request's headers and exact body bytes
// against secret, at now, as a receiver written in Go does: the
// timestamp must be within tolerance of now (Tolerance when zero), and
// one of the v1 signatures must be the HMAC of "timestamp.body" under
// secret, compared in constant time.
func Verify(secret []byte, h http.Header, body []byte, now time.Time, tolerance time.Duration) error {
	if tolerance <= 0 {
		tolerance = Tolerance
	}
	tsText, sigText := h.Get(HeaderTimestamp), h.Get(HeaderSignature)
	if tsText == "" || sigText == "" {
		return ErrNoSignature
	}
	ts, err := strconv.ParseInt(tsText, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: timestamp %q is not Unix seconds", ErrNoSignature, tsText)
	}
	if d := now.Sub(time.Unix(ts, 0)); d > tolerance || d < -tolerance {
		return ErrStale
	}
	want := mac(secret, ts, body)
	for _, part := range strings.Split(sigText, ",") {
		v, ok := strings.CutPrefix(strings.TrimSpace(part), "v1=")
		if !ok {
			continue
		}
		got, err := hex.DecodeString(v)
		if err == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	return ErrBadSignature
}
