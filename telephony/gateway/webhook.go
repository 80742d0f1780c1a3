package gateway

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/sportello/sportello/telephony"
)

// Webhook is a generic JSON gateway, for aggregators that are neither
// Twilio nor Kannel. Both directions are JSON signed with a shared secret
// (SignatureHeader: HMAC-SHA256 over the time and the body).
//
// What the gateway POSTs to /sms/{name}/inbound:
//
//	{"id": "carrier-id-123", "from": "+393331234567", "to": "44001",
//	 "text": "come rinnovo la carta d'identità?", "received_at": "2026-03-02T10:15:00Z"}
//
// and to /sms/{name}/receipt:
//
//	{"message_id": "gw-987", "status": "delivered", "error": "", "at": "2026-03-02T10:15:09Z"}
//
// with status one of delivered, undeliverable, expired, rejected,
// accepted, unknown. What we POST to SendURL:
//
//	{"id": "our-id", "to": "+393331234567", "from": "44001", "text": "…",
//	 "encoding": "GSM-7", "segments": 1}
//
// to which the gateway answers 2xx with {"message_ids": ["gw-987"]} (or
// {"message_id": "gw-987"}); 4xx other than 408 and 429 fails the message
// at once, anything else is retried.
type Webhook struct {
	name    string
	SendURL string
	Secret  []byte
	Client  *http.Client
	// Now is the clock signatures are checked and made with.
	Now func() time.Time
}

// NewWebhook returns a generic JSON gateway.
func NewWebhook(name, sendURL string, secret []byte, client *http.Client) *Webhook {
	return &Webhook{name: name, SendURL: sendURL, Secret: secret, Client: client}
}

// Name implements Gateway.
func (g *Webhook) Name() string { return g.name }

func (g *Webhook) now() time.Time {
	if g.Now != nil {
		return g.Now()
	}
	return time.Now()
}

// InboundJSON is the body of an inbound message.
type InboundJSON struct {
	ID         string    `json:"id"`
	From       string    `json:"from"`
	To         string    `json:"to"`
	Text       string    `json:"text"`
	ReceivedAt time.Time `json:"received_at"`
}

// ReceiptJSON is the body of a delivery receipt.
type ReceiptJSON struct {
	MessageID string    `json:"message_id"`
	Status    string    `json:"status"`
	Error     string    `json:"error"`
	At        time.Time `json:"at"`
}

// OutboundJSON is the body we send.
type OutboundJSON struct {
	ID       string `json:"id"`
	To       string `json:"to"`
	From     string `json:"from"`
	Text     string `json:"text"`
	Encoding string `json:"encoding"`
	Segments int    `json:"segments"`
}

// Handler implements Gateway.
func (g *Webhook) Handler(rc Receiver, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /inbound", handle(log, func(w http.ResponseWriter, r *http.Request) error {
		return g.inbound(w, r, rc)
	}))
	mux.Handle("POST /receipt", handle(log, func(w http.ResponseWriter, r *http.Request) error {
		var in ReceiptJSON
		if err := g.decode(r, &in); err != nil {
			return err
		}
		st := telephony.DeliveryStatus(in.Status)
		switch st {
		case telephony.Delivered, telephony.Undeliverable, telephony.Expired, telephony.Rejected, telephony.Accepted, telephony.Unknown:
		default:
			return fail(http.StatusBadRequest, "status %q: use delivered, undeliverable, expired, rejected, accepted or unknown", in.Status)
		}
		if in.MessageID == "" {
			return fail(http.StatusBadRequest, "message_id is required")
		}
		if in.At.IsZero() {
			in.At = g.now()
		}
		if err := rc.Receipt(r.Context(), telephony.Receipt{Gateway: g.name, MessageID: in.MessageID, Status: st, Err: in.Error, At: in.At}); err != nil {
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	}))
	return mux
}

func (g *Webhook) inbound(w http.ResponseWriter, r *http.Request, rc Receiver) error {
	var in InboundJSON
	if err := g.decode(r, &in); err != nil {
		return err
	}
	if in.ID == "" || in.From == "" {
		return fail(http.StatusBadRequest, "id and from are required")
	}
	if in.ReceivedAt.IsZero() {
		in.ReceivedAt = g.now()
	}
	res, err := rc.Receive(r.Context(), telephony.Inbound{Gateway: g.name, CarrierID: in.ID, From: in.From, To: in.To, Text: in.Text, ReceivedAt: in.ReceivedAt})
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusAccepted)
	return json.NewEncoder(w).Encode(map[string]any{"duplicate": res.Duplicate, "outcome": res.Outcome})
}

// decode verifies the signature of a request and decodes its JSON body.
func (g *Webhook) decode(r *http.Request, v any) error {
	body, err := readBody(r)
	if err != nil {
		return err
	}
	if err := Verify(g.Secret, r.Header.Get(SignatureHeader), body, g.now()); err != nil {
		return &httpError{status: http.StatusForbidden, msg: err.Error()}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return fail(http.StatusBadRequest, "the body is not the expected JSON: %v", err)
	}
	return nil
}

// Submit implements outbox.Sender.
func (g *Webhook) Submit(ctx context.Context, m telephony.Outbound) ([]string, error) {
	body, err := json.Marshal(OutboundJSON{ID: m.ID, To: m.To, From: m.From, Text: m.Text, Encoding: m.Encoding.String(), Segments: m.Segments})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.SendURL, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(SignatureHeader, Sign(g.Secret, g.now(), body))
	rb, err := send(g.Client, g.name, req, nil)
	if err != nil {
		return nil, err
	}
	var ok struct {
		IDs []string `json:"message_ids"`
		ID  string   `json:"message_id"`
	}
	json.Unmarshal(rb, &ok)
	switch {
	case len(ok.IDs) > 0:
		return ok.IDs, nil
	case ok.ID != "":
		return []string{ok.ID}, nil
	}
	return []string{m.ID}, nil
}
