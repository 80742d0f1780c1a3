package console

import (
	"fmt"
	"net/http"
	"time"

	"github.com/sportello/sportello/chat"
)

// The console's live updates are signals only: "event: change" when the
// queue (or the handoff's conversation) changed. The page then fetches
// the fresh fragment, so the store stays the one source of truth and a
// coalesced or lost signal costs only latency (a heartbeat also asks for
// a refresh now and then).

const consoleHeartbeat = 20 * time.Second

func (c *Console) queueEvents(w http.ResponseWriter, r *http.Request) error {
	return c.signal(w, r, QueueTopic)
}

func (c *Console) ticketEvents(w http.ResponseWriter, r *http.Request) error {
	code, ok := chat.NormalizeCode(r.PathValue("code"))
	if !ok {
		return errNotFound
	}
	tk, err := c.Chat.Store.Ticket(r.Context(), code)
	if err != nil {
		return err
	}
	return c.signal(w, r, tk.ConversationID)
}

func (c *Console) signal(w http.ResponseWriter, r *http.Request, topic string) error {
	if c.Broker == nil {
		return errNotFound
	}
	wake, cancel := c.Broker.Subscribe(topic)
	defer cancel()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	send := func(s string) bool {
		if _, err := fmt.Fprint(w, s); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send("retry: 3000\n\n") {
		return nil
	}
	tick := time.NewTicker(consoleHeartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return nil
		case <-wake:
			if !send("event: change\ndata: {}\n\n") {
				return nil
			}
		case <-tick.C:
			if !send(": heartbeat\n\n") {
				return nil
			}
		}
	}
}
