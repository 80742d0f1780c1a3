// Package gateway connects HTTP SMS gateways to the SMS channel: each
// configured gateway is an http.Handler for what the gateway sends us
// (inbound messages and delivery receipts) and an outbox.Sender for what
// we send through it.
//
// The kinds, and the paths the web server mounts them at:
//
//	twilio  POST /sms/{name}/inbound   Twilio's Messaging webhook (form), X-Twilio-Signature checked
//	        POST /sms/{name}/receipt   Twilio's StatusCallback, signed the same way
//	        sends with the Messages REST API (Accounts/{sid}/Messages.json)
//	kannel  GET  /sms/{name}/inbound   Kannel's sms-service get-url, with a shared token
//	        GET  /sms/{name}/receipt   Kannel's dlr-url, signed per message
//	        sends with Kannel's sendsms (charset=UTF-8, coding=2 for UCS-2, dlr-mask=31)
//	json    POST /sms/{name}/inbound   a generic JSON webhook, HMAC-SHA256 signed
//	        POST /sms/{name}/receipt   its delivery receipts
//	        sends by POSTing signed JSON to the configured URL
//	demo    POST /sms/{name}/inbound   the json kind, keyed from the data folder
//	        GET  /sms/{name}/handset   what was sent to a number (for `sportello sms send`)
//	        sends nowhere: replies wait in memory for the handset to fetch them
//
// Every request gets a defined answer: 403 for a missing or forged
// signature or token (nothing is stored), 413 over MaxBody bytes, 400 for
// what is not a message (no sender, a sender that is not a number, bad
// JSON), 500 when the message could not be stored (the gateway retries,
// and deduplication makes the retry harmless), 200 (or 202) otherwise,
// including for a replay, which is not answered again.
package gateway

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/outbox"
	"github.com/sportello/sportello/telephony/sms"
)

// MaxBody bounds the body of any request a gateway sends us: ten times
// the longest concatenated SMS, and then some.
const MaxBody = 64 << 10

// DefaultTimeout bounds one request to a gateway.
const DefaultTimeout = 20 * time.Second

// Receiver takes what gateways receive; *sms.Service implements it.
type Receiver interface {
	Receive(ctx context.Context, in telephony.Inbound) (*sms.Result, error)
	Receipt(ctx context.Context, r telephony.Receipt) error
}

// Gateway is one configured gateway.
type Gateway interface {
	outbox.Sender
	// Name is the gateway's name in configuration, messages and paths.
	Name() string
	// Handler serves what the gateway sends us, on paths relative to
	// /sms/{name}.
	Handler(r Receiver, log *slog.Logger) http.Handler
}

// Mux mounts every gateway's handler at /sms/{name}/.
func Mux(gws []Gateway, r Receiver, log *slog.Logger) http.Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	mux := http.NewServeMux()
	for _, g := range gws {
		prefix := "/sms/" + g.Name()
		mux.Handle(prefix+"/", http.StripPrefix(prefix, g.Handler(r, log.With("gateway", g.Name()))))
	}
	return mux
}

// Senders returns the gateways as the outbox worker wants them.
func Senders(gws []Gateway) map[string]outbox.Sender {
	m := make(map[string]outbox.Sender, len(gws))
	for _, g := range gws {
		m[g.Name()] = g
	}
	return m
}

// httpError is an error with the status to answer.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func fail(status int, format string, args ...any) error {
	return &httpError{status: status, msg: fmt.Sprintf(format, args...)}
}

var errForged = fail(http.StatusForbidden, "signature missing or invalid")

// handle adapts a handler that returns an error, answering it with its
// status; only 5xx are logged as errors, and never with a number or text.
func handle(log *slog.Logger, h func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
		err := h(w, r)
		if err == nil {
			return
		}
		status := http.StatusInternalServerError
		var he *httpError
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &he):
			status = he.status
		case errors.As(err, &tooBig):
			status, err = http.StatusRequestEntityTooLarge, fmt.Errorf("the request is over %d bytes", MaxBody)
		case errors.Is(err, sms.ErrInvalid):
			status = http.StatusBadRequest
		}
		if status >= 500 {
			log.Error("gateway: request failed", "path", r.URL.Path, "status", status, "err", err)
			http.Error(w, "internal error: the message was not stored, send it again", status)
			return
		}
		log.Info("gateway: request refused", "path", r.URL.Path, "status", status, "reason", err.Error())
		http.Error(w, err.Error(), status)
	})
}

// readBody reads a request body within MaxBody.
func readBody(r *http.Request) ([]byte, error) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, err
		}
		return nil, fail(http.StatusBadRequest, "reading the body: %v", err)
	}
	return b, nil
}

// send does a request to a gateway and returns the body of a 2xx answer.
// explain, when set, rewrites the body of an error answer into what the
// error should say.
func send(client *http.Client, gateway string, req *http.Request, explain func([]byte) []byte) ([]byte, error) {
	resp, err := client.Do(req)
	if err != nil {
		// A client error names the URL, which may carry a password or a
		// number: say what failed without it.
		if ue, ok := err.(*url.Error); ok {
			err = ue.Err
		}
		return nil, fmt.Errorf("gateway %s: %w", gateway, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, MaxBody))
	if resp.StatusCode/100 != 2 {
		if explain != nil {
			body = explain(body)
		}
		return nil, sendError(gateway, resp.StatusCode, body)
	}
	return body, nil
}

// sendError classifies an HTTP answer from a gateway we sent to: 4xx
// other than 408 and 429 will not get better by retrying.
func sendError(gateway string, status int, body []byte) error {
	snippet := string(body)
	if len(snippet) > 200 {
		snippet = snippet[:200]
	}
	err := fmt.Errorf("gateway %s: HTTP %d: %s", gateway, status, snippet)
	if status >= 400 && status < 500 && status != http.StatusRequestTimeout && status != http.StatusTooManyRequests {
		return fmt.Errorf("%w (%w)", err, outbox.ErrPermanent)
	}
	return err
}
