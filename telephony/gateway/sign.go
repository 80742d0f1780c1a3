package gateway

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// TwilioSignature computes Twilio's X-Twilio-Signature: base64 of the
// HMAC-SHA1, under the auth token, of the full URL Twilio requested
// followed by every POST parameter, sorted by name, each name followed by
// its value.
func TwilioSignature(authToken, fullURL string, params url.Values) string {
	m := hmac.New(sha1.New, []byte(authToken))
	m.Write([]byte(fullURL))
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		vals := slices.Clone(params[k])
		slices.Sort(vals)
		for _, v := range vals {
			m.Write([]byte(k))
			m.Write([]byte(v))
		}
	}
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// ValidTwilioSignature compares a request's X-Twilio-Signature with the
// one computed, in constant time.
func ValidTwilioSignature(authToken, fullURL string, params url.Values, header string) bool {
	if header == "" || authToken == "" {
		return false
	}
	want := TwilioSignature(authToken, fullURL, params)
	return subtle.ConstantTimeCompare([]byte(want), []byte(header)) == 1
}

// SignatureHeader carries the signature of the json and demo kinds:
// "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<payload>">", where the
// payload is the body of a POST and the raw query of a GET.
const SignatureHeader = "X-Sportello-Signature"

// MaxSkew is how far a signature's time may be from ours: a signed
// request captured and replayed later than that is refused.
const MaxSkew = 5 * time.Minute

// Sign returns the SignatureHeader value for payload at t.
func Sign(secret []byte, t time.Time, payload []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + hex.EncodeToString(mac(secret, ts, payload))
}

func mac(secret []byte, ts string, payload []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(payload)
	return m.Sum(nil)
}

// Verify checks a SignatureHeader value for payload at now.
func Verify(secret []byte, header string, payload []byte, now time.Time) error {
	var ts, sig string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sig = v
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || sig == "" {
		return fmt.Errorf("the %s header is missing or malformed", SignatureHeader)
	}
	if d := now.Sub(time.Unix(sec, 0)); d > MaxSkew || d < -MaxSkew {
		return fmt.Errorf("the signature's time is %s away from ours (at most %s)", d.Round(time.Second), MaxSkew)
	}
	got, err := hex.DecodeString(sig)
	if err != nil || !hmac.Equal(got, mac(secret, ts, payload)) {
		return fmt.Errorf("the signature does not match")
	}
	return nil
}

// token signs one value (a message id in Kannel's dlr-url) so that a
// receipt for it cannot be forged.
func token(secret []byte, value string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("dlr\x00" + value))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}

func validToken(secret []byte, value, tok string) bool {
	return subtle.ConstantTimeCompare([]byte(token(secret, value)), []byte(tok)) == 1
}

// constantEqual compares a secret with what a request carries, in
// constant time; an unset secret matches nothing.
func constantEqual(got, secret string) bool {
	return secret != "" && subtle.ConstantTimeCompare([]byte(got), []byte(secret)) == 1
}
