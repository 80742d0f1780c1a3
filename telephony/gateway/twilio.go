package gateway

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sportello/sportello/telephony"
)

// DefaultTwilioAPI is Twilio's REST API.
const DefaultTwilioAPI = "https://api.twilio.com"

// Twilio is a Twilio-compatible gateway: Twilio's Messaging webhook and
// status callbacks in, its Messages REST API out.
type Twilio struct {
	name       string
	AccountSID string
	// AuthToken signs Twilio's requests and authenticates ours.
	AuthToken string
	// PublicURL is /sms/{name} as Twilio calls it (the signature covers
	// the full URL, so it must be the public one, not ours behind a
	// proxy).
	PublicURL string
	// APIURL is the REST API's base (DefaultTwilioAPI when empty).
	APIURL string
	Client *http.Client
	// Now is the clock of inbound messages; time.Now when nil.
	Now func() time.Time
}

// NewTwilio returns a Twilio gateway.
func NewTwilio(name, accountSID, authToken, publicURL string, client *http.Client) *Twilio {
	return &Twilio{name: name, AccountSID: accountSID, AuthToken: authToken, PublicURL: publicURL, Client: client}
}

// Name implements Gateway.
func (t *Twilio) Name() string { return t.name }

// Handler implements Gateway.
func (t *Twilio) Handler(rc Receiver, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /inbound", handle(log, func(w http.ResponseWriter, r *http.Request) error {
		form, err := t.verified(r, "/inbound")
		if err != nil {
			return err
		}
		sid := form.Get("MessageSid")
		if sid == "" {
			sid = form.Get("SmsSid")
		}
		if sid == "" || form.Get("From") == "" {
			return fail(http.StatusBadRequest, "MessageSid and From are required")
		}
		now := time.Now
		if t.Now != nil {
			now = t.Now
		}
		if _, err := rc.Receive(r.Context(), telephony.Inbound{Gateway: t.name, CarrierID: sid, From: form.Get("From"), To: form.Get("To"),
			Text: form.Get("Body"), ReceivedAt: now()}); err != nil {
			return err
		}
		// The reply goes through the outbox, not in this answer.
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		_, err = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Response></Response>`)
		return err
	}))
	mux.Handle("POST /receipt", handle(log, func(w http.ResponseWriter, r *http.Request) error {
		form, err := t.verified(r, "/receipt")
		if err != nil {
			return err
		}
		sid, status := form.Get("MessageSid"), form.Get("MessageStatus")
		if sid == "" || status == "" {
			return fail(http.StatusBadRequest, "MessageSid and MessageStatus are required")
		}
		if err := rc.Receipt(r.Context(), telephony.Receipt{Gateway: t.name, MessageID: sid, Status: twilioStatus(status),
			Err: form.Get("ErrorCode"), At: time.Now()}); err != nil {
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	}))
	return mux
}

// verified parses the form of a request to path and checks its
// signature against the public URL.
func (t *Twilio) verified(r *http.Request, path string) (url.Values, error) {
	body, err := readBody(r)
	if err != nil {
		return nil, err
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, fail(http.StatusBadRequest, "the body is not a form: %v", err)
	}
	full := strings.TrimRight(t.PublicURL, "/") + path
	if r.URL.RawQuery != "" {
		full += "?" + r.URL.RawQuery
	}
	if !ValidTwilioSignature(t.AuthToken, full, form, r.Header.Get("X-Twilio-Signature")) {
		return nil, errForged
	}
	return form, nil
}

// twilioStatus maps Twilio's MessageStatus values.
func twilioStatus(s string) telephony.DeliveryStatus {
	switch s {
	case "delivered", "read":
		return telephony.Delivered
	case "undelivered":
		return telephony.Undeliverable
	case "failed", "canceled":
		return telephony.Rejected
	case "accepted", "queued", "sending", "sent", "scheduled":
		return telephony.Accepted
	}
	return telephony.Unknown
}

// Submit implements outbox.Sender with the Messages API; Twilio splits
// long messages itself and reports them under one sid.
func (t *Twilio) Submit(ctx context.Context, m telephony.Outbound) ([]string, error) {
	api := t.APIURL
	if api == "" {
		api = DefaultTwilioAPI
	}
	form := url.Values{"To": {m.To}, "From": {m.From}, "Body": {m.Text}}
	if t.PublicURL != "" {
		form.Set("StatusCallback", strings.TrimRight(t.PublicURL, "/")+"/receipt")
	}
	endpoint := strings.TrimRight(api, "/") + "/2010-04-01/Accounts/" + url.PathEscape(t.AccountSID) + "/Messages.json"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(t.AccountSID, t.AuthToken)
	body, err := send(t.Client, t.name, req, func(body []byte) []byte {
		var e struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		}
		if json.Unmarshal(body, &e) == nil && e.Code != 0 {
			return []byte("Twilio error " + strconv.Itoa(e.Code) + ": " + e.Message)
		}
		return body
	})
	if err != nil {
		return nil, err
	}
	var ok struct {
		SID string `json:"sid"`
	}
	if err := json.Unmarshal(body, &ok); err != nil || ok.SID == "" {
		// Accepted, but we cannot tell its id: receipts will not match,
		// and sending again would send twice.
		return []string{m.ID}, nil
	}
	return []string{ok.SID}, nil
}
