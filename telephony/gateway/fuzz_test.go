package gateway_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/gateway"
	"github.com/sportello/sportello/telephony/sms"
)

// countingReceiver takes messages as the channel would (a sender that is
// not a number is refused) and counts them.
type countingReceiver struct{ calls atomic.Int64 }

func (r *countingReceiver) Receive(_ context.Context, in telephony.Inbound) (*sms.Result, error) {
	r.calls.Add(1)
	if _, err := sms.CanonicalNumber(in.From); err != nil {
		return nil, err
	}
	return &sms.Result{}, nil
}

func (r *countingReceiver) Receipt(context.Context, telephony.Receipt) error {
	r.calls.Add(1)
	return nil
}

// FuzzHandlers sends arbitrary requests to every gateway's handlers: none
// may panic or answer 5xx, and an unsigned one never reaches the channel.
func FuzzHandlers(f *testing.F) {
	f.Add(byte(0), true, []byte("MessageSid=SM1&From=%2B393331112222&Body=ciao"), "")
	f.Add(byte(1), false, []byte("MessageSid=SM1&From=x"), "")
	f.Add(byte(2), true, []byte(`{"id":"a","from":"+393331112222","text":"\u0000\ud800"}`), "")
	f.Add(byte(3), true, []byte(`{"message_id":"x","status":"delivered"}`), "")
	f.Add(byte(4), true, []byte{}, "token=t&from=%2B39333&text=%FF%FE&charset=UTF-16BE&id=1")
	f.Add(byte(5), false, []byte{}, "msg=abc&sig=zz&type=1")
	f.Add(byte(6), true, []byte{}, "number=%2B39&after=-1&wait=-5s")
	f.Fuzz(func(t *testing.T, which byte, signed bool, body []byte, query string) {
		secret := []byte("s")
		tw := gateway.NewTwilio("twilio", "AC1", "tok", "https://x/sms/twilio", nil)
		k := gateway.NewKannel("kannel", "http://127.0.0.1:1/", "u", "p", "t", "https://x/sms/kannel", nil)
		rc := &countingReceiver{}
		mux := gateway.Mux([]gateway.Gateway{tw, k, gateway.NewWebhook("json", "http://127.0.0.1:1/", secret, nil), gateway.NewDemo("demo", secret)}, rc, nil)
		routes := []struct{ method, path string }{
			{"POST", "/sms/twilio/inbound"}, {"POST", "/sms/twilio/receipt"}, {"POST", "/sms/json/inbound"}, {"POST", "/sms/json/receipt"},
			{"GET", "/sms/kannel/inbound"}, {"GET", "/sms/kannel/receipt"}, {"GET", "/sms/demo/handset"}, {"POST", "/sms/demo/inbound"},
		}
		rt := routes[int(which)%len(routes)]
		req := httptest.NewRequest(rt.method, "http://x"+rt.path, bytes.NewReader(body))
		if rt.method == "GET" {
			req = httptest.NewRequest(rt.method, "http://x"+rt.path, nil)
		}
		// Whatever a client put in the query, as the server would get it.
		req.URL.RawQuery = query
		u := req.URL.String()
		if signed {
			switch {
			case strings.HasPrefix(rt.path, "/sms/twilio/"):
				form, _ := url.ParseQuery(string(body))
				full := "https://x" + rt.path
				if req.URL.RawQuery != "" {
					full += "?" + req.URL.RawQuery
				}
				req.Header.Set("X-Twilio-Signature", gateway.TwilioSignature("tok", full, form))
			case rt.method == "POST":
				req.Header.Set(gateway.SignatureHeader, gateway.Sign(secret, time.Now(), body))
			default:
				req.Header.Set(gateway.SignatureHeader, gateway.Sign(secret, time.Now(), []byte(req.URL.RawQuery)))
			}
		}
		// The demo handset long-polls for as long as asked: a client
		// that gives up ends the wait.
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, req.WithContext(ctx))
		switch w.Code {
		case http.StatusOK, http.StatusAccepted, http.StatusNoContent, http.StatusBadRequest, http.StatusForbidden,
			http.StatusNotFound, http.StatusMethodNotAllowed, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("%s %s: status %d: %s", rt.method, u, w.Code, w.Body.String())
		}
		// Kannel authenticates with the token in the query, not a header.
		if !signed && !strings.HasPrefix(rt.path, "/sms/kannel/") && rc.calls.Load() > 0 {
			t.Fatalf("an unsigned request reached the channel: %s %s", rt.method, u)
		}
	})
}
