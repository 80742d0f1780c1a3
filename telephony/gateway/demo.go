package gateway

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/sportello/sportello/telephony"
)

// Demo is the bundled fake SMS network that `sportello sms send` talks
// to: inbound messages arrive as on the json kind (signed with a secret
// from the data folder), and replies, after going through the outbox like
// any other, land in an in-memory handset per number, where the command
// fetches them. Each accepted reply is reported delivered at once, so the
// receipt path runs too. Nothing leaves the process.
type Demo struct {
	Webhook
	mu       sync.Mutex
	handsets map[string][]HandsetMessage
	changed  chan struct{}
	receiver Receiver
}

// HandsetMessage is a message that reached a demo handset.
type HandsetMessage struct {
	Seq      int    `json:"seq"`
	From     string `json:"from"`
	Text     string `json:"text"`
	Encoding string `json:"encoding"`
	Segments int    `json:"segments"`
}

// handsetLimit bounds what a demo handset keeps, and handsetsLimit how
// many handsets there are: the demo must not grow without end.
const (
	handsetLimit  = 50
	handsetsLimit = 1000
)

// NewDemo returns a demo gateway keyed with secret.
func NewDemo(name string, secret []byte) *Demo {
	return &Demo{Webhook: Webhook{name: name, Secret: secret}, handsets: map[string][]HandsetMessage{}, changed: make(chan struct{})}
}

// Handler implements Gateway.
func (d *Demo) Handler(rc Receiver, log *slog.Logger) http.Handler {
	d.mu.Lock()
	d.receiver = rc
	d.mu.Unlock()
	mux := http.NewServeMux()
	mux.Handle("POST /inbound", handle(log, func(w http.ResponseWriter, r *http.Request) error {
		return d.inbound(w, r, rc)
	}))
	// GET /handset?number=N&after=S&wait=D lists what number received
	// after sequence S, waiting up to D (at most 60s) for something new.
	mux.Handle("GET /handset", handle(log, func(w http.ResponseWriter, r *http.Request) error {
		if err := Verify(d.Secret, r.Header.Get(SignatureHeader), []byte(r.URL.RawQuery), d.now()); err != nil {
			return &httpError{status: http.StatusForbidden, msg: err.Error()}
		}
		q := r.URL.Query()
		after, _ := strconv.Atoi(q.Get("after"))
		wait, _ := time.ParseDuration(q.Get("wait"))
		wait = min(max(wait, 0), time.Minute)
		deadline := time.NewTimer(wait)
		defer deadline.Stop()
		for {
			msgs, changed := d.received(q.Get("number"), after)
			if len(msgs) > 0 || wait == 0 {
				w.Header().Set("Content-Type", "application/json")
				return json.NewEncoder(w).Encode(msgs)
			}
			select {
			case <-changed:
			case <-deadline.C:
				wait = 0
			case <-r.Context().Done():
				return nil
			}
		}
	}))
	return mux
}

// received returns what number received after seq, and a channel closed
// at the next change.
func (d *Demo) received(number string, after int) ([]HandsetMessage, <-chan struct{}) {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := []HandsetMessage{}
	for _, m := range d.handsets[number] {
		if m.Seq > after {
			out = append(out, m)
		}
	}
	return out, d.changed
}

// Submit implements outbox.Sender: the message reaches the handset.
func (d *Demo) Submit(ctx context.Context, m telephony.Outbound) ([]string, error) {
	d.mu.Lock()
	box := d.handsets[m.To]
	if box == nil && len(d.handsets) >= handsetsLimit {
		clear(d.handsets)
	}
	seq := 1
	if len(box) > 0 {
		seq = box[len(box)-1].Seq + 1
	}
	box = append(box, HandsetMessage{Seq: seq, From: m.From, Text: m.Text, Encoding: m.Encoding.String(), Segments: m.Segments})
	if len(box) > handsetLimit {
		box = box[len(box)-handsetLimit:]
	}
	d.handsets[m.To] = box
	close(d.changed)
	d.changed = make(chan struct{})
	rc := d.receiver
	d.mu.Unlock()
	id := "demo-" + m.ID
	if rc != nil {
		// Before the outbox records the submit: the receipt waits for it.
		rc.Receipt(ctx, telephony.Receipt{Gateway: d.name, MessageID: id, Status: telephony.Delivered, At: d.now()})
	}
	return []string{id}, nil
}
