package webhook_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/sportello/sportello/telephony/webhook"
)

func TestSignAndVerify(t *testing.T) {
	secret := []byte("0123456789abcdef-receiver-secret")
	body := []byte(`{"id":"48217390-1","type":"handoff.created"}`)
	at := time.Unix(1732300000, 0)
	sig := webhook.Sign([][]byte{secret}, at, body)

	// The scheme as documented, computed independently.
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("1732300000." + string(body)))
	if want := "v1=" + hex.EncodeToString(m.Sum(nil)); sig != want {
		t.Fatalf("signature %s, want %s", sig, want)
	}
	headers := func(ts, sig string) http.Header {
		h := http.Header{}
		if ts != "" {
			h.Set(webhook.HeaderTimestamp, ts)
		}
		if sig != "" {
			h.Set(webhook.HeaderSignature, sig)
		}
		return h
	}
	tsText := strconv.FormatInt(at.Unix(), 10)
	rotated := webhook.Sign([][]byte{[]byte("the-new-secret-0123456789"), secret}, at, body)
	for _, tc := range []struct {
		name string
		h    http.Header
		body string
		now  time.Time
		want error
	}{
		{"genuine", headers(tsText, sig), string(body), at.Add(30 * time.Second), nil},
		{"genuine, receiver's clock a little behind", headers(tsText, sig), string(body), at.Add(-time.Minute), nil},
		{"during a rotation", headers(tsText, rotated), string(body), at, nil},
		{"body altered", headers(tsText, sig), `{"id":"48217390-1","type":"handoff.resolved"}`, at, webhook.ErrBadSignature},
		{"timestamp altered", headers(strconv.FormatInt(at.Unix()+60, 10), sig), string(body), at, webhook.ErrBadSignature},
		{"forged with another secret", headers(tsText, webhook.Sign([][]byte{[]byte("an attacker's secret!!")}, at, body)), string(body), at, webhook.ErrBadSignature},
		{"not hex", headers(tsText, "v1=zzzz"), string(body), at, webhook.ErrBadSignature},
		{"unknown scheme only", headers(tsText, "v0="+sig[3:]), string(body), at, webhook.ErrBadSignature},
		{"replayed after 6 minutes", headers(tsText, sig), string(body), at.Add(6 * time.Minute), webhook.ErrStale},
		{"from the future", headers(tsText, sig), string(body), at.Add(-6 * time.Minute), webhook.ErrStale},
		{"no signature", headers(tsText, ""), string(body), at, webhook.ErrNoSignature},
		{"no timestamp", headers("", sig), string(body), at, webhook.ErrNoSignature},
		{"timestamp not a number", headers("yesterday", sig), string(body), at, webhook.ErrNoSignature},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := webhook.Verify(secret, tc.h, []byte(tc.body), tc.now, 0)
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Errorf("Verify = %v, want %v", err, tc.want)
			}
		})
	}
}
