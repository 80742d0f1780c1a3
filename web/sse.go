package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/sportello/sportello/chat"
)

// Live updates. A conversation's page and its API stream (Server-Sent
// Events) show new turns as they are stored: the citizen's own message,
// the bot's reply, an operator's words, a change of state. Whoever stores
// a turn publishes the conversation's id on a Broker (chat.Service.Notify
// is wired to Publish); each open stream subscribed to that id wakes up,
// reads what is new from the store and sends it. The signal carries no
// data, so the store stays the only source of truth and a lost or
// coalesced signal costs nothing but latency: every stream also re-reads
// the store at each heartbeat.

// Broker carries "this conversation changed" signals to the streams
// watching it. LocalBroker does it within one process; several processes
// sharing a PostgreSQL database need one built on LISTEN/NOTIFY, which
// can replace it behind this interface.
type Broker interface {
	// Publish signals that conversation id changed. It never blocks.
	Publish(id string)
	// Subscribe returns a channel that receives a value after each
	// Publish of id (several may coalesce into one), and a function that
	// ends the subscription.
	Subscribe(id string) (<-chan struct{}, func())
}

// LocalBroker is a Broker within one process.
type LocalBroker struct {
	mu   sync.Mutex
	subs map[string]map[chan struct{}]struct{}
}

// NewLocalBroker returns an empty broker.
func NewLocalBroker() *LocalBroker {
	return &LocalBroker{subs: map[string]map[chan struct{}]struct{}{}}
}

// Publish implements Broker.
func (b *LocalBroker) Publish(id string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs[id] {
		select {
		case ch <- struct{}{}:
		default: // a signal is already pending: the reader will see this change too
		}
	}
}

// Subscribe implements Broker.
func (b *LocalBroker) Subscribe(id string) (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	b.mu.Lock()
	if b.subs[id] == nil {
		b.subs[id] = map[chan struct{}]struct{}{}
	}
	b.subs[id][ch] = struct{}{}
	b.mu.Unlock()
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			b.mu.Lock()
			defer b.mu.Unlock()
			delete(b.subs[id], ch)
			if len(b.subs[id]) == 0 {
				delete(b.subs, id)
			}
		})
	}
}

// Subscribers reports how many streams watch conversation id.
func (b *LocalBroker) Subscribers(id string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs[id])
}

// DefaultHeartbeat is how often an idle stream sends a comment (keeping
// proxies from closing it, and noticing a gone client) and re-reads the
// store.
const DefaultHeartbeat = 15 * time.Second

// sseWriter writes Server-Sent Events, flushing each one.
type sseWriter struct {
	w  http.ResponseWriter
	rc *http.ResponseController
}

func (e *sseWriter) event(name string, id int64, data any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return err
	}
	if id > 0 {
		fmt.Fprintf(e.w, "id: %d\n", id)
	}
	// JSON has no raw newlines, so the data is one line.
	if _, err := fmt.Fprintf(e.w, "event: %s\ndata: %s\n\n", name, b); err != nil {
		return err
	}
	return e.rc.Flush()
}

func (e *sseWriter) comment(text string) error {
	if _, err := fmt.Fprintf(e.w, ": %s\n\n", text); err != nil {
		return err
	}
	return e.rc.Flush()
}

// streamAfter is where a stream starts: after the turn the client last
// saw, from the Last-Event-ID header an EventSource sends when it
// reconnects, or the "after" query parameter.
func streamAfter(r *http.Request) (int64, error) {
	v := r.Header.Get("Last-Event-ID")
	if v == "" {
		v = r.URL.Query().Get("after")
	}
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, badRequest("after must be a turn number (0 or more)")
	}
	return n, nil
}

// streamSink receives what a stream found new: turns, oldest first, and
// the conversation's state when it changed (or at the start).
type streamSink struct {
	turn  func(e *sseWriter, c *chat.Conversation, t chat.Turn) error
	state func(e *sseWriter, c *chat.Conversation) error
}

// stream serves conversation id's live updates until the client goes,
// the server shuts down, or the conversation is purged.
func (s *Server) stream(w http.ResponseWriter, r *http.Request, id string, sink streamSink) error {
	after, err := streamAfter(r)
	if err != nil {
		return err
	}
	st := s.Service.Store
	// Subscribe before the first read, so a change between the two is
	// not missed.
	var wake <-chan struct{}
	if s.Broker != nil {
		ch, cancel := s.Broker.Subscribe(id)
		defer cancel()
		wake = ch
	}
	c, err := st.Conversation(r.Context(), id)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	e := &sseWriter{w: w, rc: http.NewResponseController(w)}
	// Tell the browser how long to wait before reconnecting.
	if _, err := fmt.Fprintf(w, "retry: 3000\n\n"); err != nil {
		return nil
	}
	stop := s.stopChan()
	lastState := chat.State("")
	every := s.Heartbeat
	if every <= 0 {
		every = DefaultHeartbeat
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		if c.State != lastState {
			if err := sink.state(e, c); err != nil {
				return nil
			}
			lastState = c.State
		}
		if c.LastSeq > after {
			turns, err := st.Turns(r.Context(), id, after)
			if err != nil {
				return s.streamEnd(r, err)
			}
			for _, t := range turns {
				if err := sink.turn(e, c, t); err != nil {
					return nil
				}
				after = t.Seq
			}
		}
		select {
		case <-r.Context().Done():
			return nil
		case <-stop:
			return nil
		case <-wake:
		case <-tick.C:
			if err := e.comment("ping"); err != nil {
				return nil
			}
		}
		if c, err = st.Conversation(r.Context(), id); err != nil {
			return s.streamEnd(r, err)
		}
	}
}

// streamEnd ends a stream whose headers are sent: errors can no longer
// change the status, so they are only logged (a client that left is not
// an error).
func (s *Server) streamEnd(r *http.Request, err error) error {
	if r.Context().Err() == nil && s.Log != nil {
		s.Log.Warn("stream ended", "path", r.URL.Path, "err", err)
	}
	return nil
}

// StopStreams ends every open stream, so that a graceful shutdown does not
// wait for them; browsers reconnect to another process or after restart.
// Register it with http.Server.RegisterOnShutdown.
func (s *Server) StopStreams() {
	ch := s.stopChan()
	s.stopOnce.Do(func() { close(ch) })
}

func (s *Server) stopChan() chan struct{} {
	s.stopInit.Do(func() { s.stopStreams = make(chan struct{}) })
	return s.stopStreams
}

// withoutCancel gives a turn its own deadline, detached from the request:
// a citizen who closes the tab mid-turn still gets the reply stored, and
// a graceful shutdown waits for it.
func withoutCancel(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), turnTimeout)
}

// turnTimeout bounds one turn; with an LLM configured the engine's own
// timeouts are shorter, and it falls back to the curated answer.
const turnTimeout = 60 * time.Second

// PublishAll signals every conversation watched here, for when changes
// may have been missed (a lost database connection).
func (b *LocalBroker) PublishAll() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, subs := range b.subs {
		for ch := range subs {
			select {
			case ch <- struct{}{}:
			default:
			}
		}
	}
}
