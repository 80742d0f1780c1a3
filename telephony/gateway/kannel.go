package gateway

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sportello/sportello/telephony"
)

// Kannel is the open-source Kannel gateway: its smsbox calls our
// sms-service URL for each inbound message, and we send replies with its
// sendsms HTTP interface, asking for delivery reports at our receipt URL.
//
// The sms-service group that goes with it (see KannelService):
//
//	group = sms-service
//	keyword = default
//	catch-all = true
//	max-messages = 0      # replies go through sendsms, not in the answer
//	get-url = "http://sportello:8080/sms/kannel/inbound?token=TOKEN&from=%p&to=%P&text=%a&id=%I&ts=%T&smsc=%i&coding=%c&charset=%C"
//
// with mo-recode = true in the smsbox group, so that UCS-2 messages
// arrive as UTF-8.
type Kannel struct {
	name string
	// SendSMSURL is smsbox's sendsms address (…/cgi-bin/sendsms).
	SendSMSURL string
	Username   string
	Password   string
	// SMSC, when set, routes replies through that SMSC connection.
	SMSC string
	// Token authenticates Kannel's calls (it is in the get-url) and signs
	// the dlr-url of each message, so receipts cannot be forged.
	Token string
	// PublicURL is /sms/{name} as Kannel reaches it.
	PublicURL string
	Client    *http.Client
}

// NewKannel returns a Kannel gateway.
func NewKannel(name, sendSMSURL, username, password, token, publicURL string, client *http.Client) *Kannel {
	return &Kannel{name: name, SendSMSURL: sendSMSURL, Username: username, Password: password, Token: token, PublicURL: publicURL, Client: client}
}

// Name implements Gateway.
func (k *Kannel) Name() string { return k.name }

// KannelService returns the sms-service get-url for this gateway, with
// the escape codes it reads.
func (k *Kannel) KannelService() string {
	return strings.TrimRight(k.PublicURL, "/") + "/inbound?token=" + url.QueryEscape(k.Token) +
		"&from=%p&to=%P&text=%a&id=%I&ts=%T&smsc=%i&coding=%c&charset=%C"
}

// Handler implements Gateway.
func (k *Kannel) Handler(rc Receiver, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /inbound", handle(log, func(w http.ResponseWriter, r *http.Request) error {
		q := r.URL.Query()
		if !constantEqual(q.Get("token"), k.Token) {
			return errForged
		}
		from := q.Get("from")
		if from == "" {
			return fail(http.StatusBadRequest, "from (%%p) is required")
		}
		if len(q.Get("text")) > MaxBody {
			return fail(http.StatusRequestEntityTooLarge, "the text is over %d bytes", MaxBody)
		}
		at := time.Now()
		if sec, err := strconv.ParseInt(q.Get("ts"), 10, 64); err == nil && sec > 0 {
			at = time.Unix(sec, 0)
		}
		in := telephony.Inbound{Gateway: k.name, CarrierID: q.Get("id"), From: from, To: q.Get("to"),
			Text: kannelText(q.Get("text"), q.Get("charset")), ReceivedAt: at}
		if _, err := rc.Receive(r.Context(), in); err != nil {
			return err
		}
		w.WriteHeader(http.StatusOK)
		return nil
	}))
	mux.Handle("GET /receipt", handle(log, func(w http.ResponseWriter, r *http.Request) error {
		q := r.URL.Query()
		id := q.Get("msg")
		if id == "" || !validToken([]byte(k.Token), id, q.Get("sig")) {
			return errForged
		}
		typ, err := strconv.Atoi(q.Get("type"))
		if err != nil {
			return fail(http.StatusBadRequest, "type (%%d) is not a number")
		}
		if err := rc.Receipt(r.Context(), telephony.Receipt{Gateway: k.name, MessageID: id, Status: kannelStatus(typ),
			Err: smscErr(q.Get("reply")), At: time.Now()}); err != nil {
			return err
		}
		w.WriteHeader(http.StatusOK)
		return nil
	}))
	return mux
}

// kannelText reads %a in the charset Kannel reports (%C): UTF-8 when
// mo-recode turned UCS-2 into it, UTF-16BE when it did not, Latin-1 for
// what Kannel recoded to ISO-8859-1. Anything undecodable reaches the
// channel as U+FFFD, which answers that the message could not be read.
func kannelText(text, charset string) string {
	switch strings.ToUpper(charset) {
	case "UTF-16BE", "UTF-16", "UCS-2", "UCS2":
		s, err := telephony.DecodeUCS2([]byte(text))
		if err != nil {
			return "\uFFFD"
		}
		return s
	case "ISO-8859-1", "LATIN1", "WINDOWS-1252":
		if utf8.ValidString(text) {
			return text
		}
		var b strings.Builder
		for i := 0; i < len(text); i++ {
			b.WriteRune(rune(text[i]))
		}
		return b.String()
	}
	return text
}

// kannelStatus maps Kannel's delivery report types (dlr-mask bits).
func kannelStatus(typ int) telephony.DeliveryStatus {
	switch typ {
	case 1:
		return telephony.Delivered
	case 2:
		return telephony.Undeliverable
	case 4, 8:
		return telephony.Accepted
	case 16:
		return telephony.Rejected
	}
	return telephony.Unknown
}

var errCode = regexp.MustCompile(`err:(\w+)`)

// smscErr finds the SMSC's error code in its report ("id:… stat:UNDELIV
// err:001 …").
func smscErr(reply string) string {
	if m := errCode.FindStringSubmatch(reply); m != nil {
		return m[1]
	}
	return ""
}

// Submit implements outbox.Sender with sendsms. Kannel's sendsms answers
// without a message id, so our own id identifies the message in the
// dlr-url, signed so that only Kannel (which was told it) can report on
// it.
func (k *Kannel) Submit(ctx context.Context, m telephony.Outbound) ([]string, error) {
	coding := "0"
	if m.Encoding == telephony.UCS2 {
		coding = "2"
	}
	dlr := strings.TrimRight(k.PublicURL, "/") + "/receipt?msg=" + url.QueryEscape(m.ID) + "&sig=" + token([]byte(k.Token), m.ID) +
		"&type=%d&reply=%A"
	q := url.Values{
		"username": {k.Username}, "password": {k.Password}, "from": {m.From}, "to": {m.To}, "text": {m.Text},
		"charset": {"UTF-8"}, "coding": {coding}, "dlr-mask": {"31"}, "dlr-url": {dlr},
	}
	if k.SMSC != "" {
		q.Set("smsc", k.SMSC)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, k.SendSMSURL+"?"+q.Encode(), nil)
	if err != nil {
		return nil, err
	}
	if _, err := send(k.Client, k.name, req, nil); err != nil {
		return nil, err
	}
	return []string{m.ID}, nil
}
