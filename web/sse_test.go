package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/web"
)

func TestLocalBroker(t *testing.T) {
	b := web.NewLocalBroker()
	a1, cancelA1 := b.Subscribe("a")
	a2, cancelA2 := b.Subscribe("a")
	other, cancelOther := b.Subscribe("b")
	defer cancelA2()
	defer cancelOther()
	// Publishing never blocks: signals coalesce until read.
	for range 3 {
		b.Publish("a")
	}
	for name, ch := range map[string]<-chan struct{}{"a1": a1, "a2": a2} {
		select {
		case <-ch:
		default:
			t.Errorf("%s got no signal", name)
		}
		select {
		case <-ch:
			t.Errorf("%s got a second signal for coalesced publishes", name)
		default:
		}
	}
	select {
	case <-other:
		t.Error("a signal for a reached b's subscriber")
	default:
	}
	cancelA1()
	cancelA1() // twice is harmless
	if n := b.Subscribers("a"); n != 1 {
		t.Errorf("%d subscribers of a after one cancel, want 1", n)
	}
	b.PublishAll()
	for name, ch := range map[string]<-chan struct{}{"a2": a2, "b": other} {
		select {
		case <-ch:
		default:
			t.Errorf("PublishAll did not reach %s", name)
		}
	}
	b.Publish("nobody")
}

type sseEvent struct{ name, id, data string }

// openStream reads the Server-Sent Events at path until the test ends or
// the server closes the stream (then the channel closes).
func (e *env) openStream(t *testing.T, path string, header ...string) <-chan sseEvent {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", e.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		resp.Body.Close()
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	out := make(chan sseEvent, 64)
	go func() {
		defer close(out)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					out <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "id: "):
				ev.id = strings.TrimPrefix(line, "id: ")
			case strings.HasPrefix(line, "data: "):
				ev.data += strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return out
}

// next returns the stream's next event. The wait is a guard against a
// hang, not a measure: events normally arrive within milliseconds.
func next(t *testing.T, events <-chan sseEvent) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-events:
		if !ok {
			t.Fatal("the stream ended")
		}
		return ev
	case <-time.After(20 * time.Second):
		t.Fatal("no event")
	}
	return sseEvent{}
}

func decode(t *testing.T, ev sseEvent) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(ev.data), &m); err != nil {
		t.Fatalf("event %s: data %q: %v", ev.name, ev.data, err)
	}
	return m
}

// TestAPIEvents follows a conversation from its first message to an
// operator's reply, as a Telegram bridge would.
func TestAPIEvents(t *testing.T) {
	e := newEnv(t, nil)
	id := e.startAPI(t, "it")
	events := e.openStream(t, "/api/v1/conversations/"+id+"/events")
	if ev := next(t, events); ev.name != "conversation" || decode(t, ev)["state"] != "bot" {
		t.Fatalf("first event %+v, want the conversation", ev)
	}
	e.call(t, apiCall{method: "POST", path: "/api/v1/conversations/" + id + "/messages", body: `{"text":"voglio parlare con una persona"}`})
	// Until the reply and the new state have come: messages in order,
	// each once.
	var ids []string
	var code, state string
	for code == "" || state != "waiting" {
		ev := next(t, events)
		m := decode(t, ev)
		switch ev.name {
		case "message":
			ids = append(ids, ev.id+":"+m["role"].(string))
			code, _ = get(m, "decision", "handoff_code").(string)
		case "conversation":
			state = m["state"].(string)
		}
	}
	if strings.Join(ids, " ") != "1:citizen 2:bot" {
		t.Errorf("messages %v, want 1:citizen 2:bot", ids)
	}
	ctx := context.Background()
	if _, err := e.svc.Claim(ctx, code, "op-luca"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Reply(ctx, code, "op-luca", "Sono Luca, eccomi."); err != nil {
		t.Fatal(err)
	}
	for {
		ev := next(t, events)
		if ev.name == "message" && decode(t, ev)["role"] == "operator" {
			if decode(t, ev)["text"] != "Sono Luca, eccomi." {
				t.Errorf("operator message %s", ev.data)
			}
			break
		}
	}

	t.Run("resumes after Last-Event-ID", func(t *testing.T) {
		ev := e.openStream(t, "/api/v1/conversations/"+id+"/events", "Last-Event-ID", "2")
		first := next(t, ev)
		if first.name != "conversation" || decode(t, first)["state"] != "operator" {
			t.Errorf("first event %+v", first)
		}
		if m := next(t, ev); m.id != "3" {
			t.Errorf("after Last-Event-ID 2 the first message is %s, want 3", m.id)
		}
	})

	t.Run("bad after", func(t *testing.T) {
		res := e.call(t, apiCall{method: "GET", path: "/api/v1/conversations/" + id + "/events?after=x"})
		if res.status != 400 || res.json["code"] != "bad_request" || res.json["lang"] != "it" {
			t.Errorf("%d %s", res.status, res.raw)
		}
	})
}

// TestPageEvents: the page's stream sends turns rendered as the page
// renders them, and the state banner.
func TestPageEvents(t *testing.T) {
	e := newEnv(t, nil)
	c := &chat.Conversation{Channel: chat.ChannelWeb, Lang: "ro", LangChosen: true}
	if err := e.svc.Start(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	events := e.openStream(t, "/ro/c/"+c.ID+"/events")
	if ev := next(t, events); ev.name != "state" || decode(t, ev)["state"] != "bot" {
		t.Fatalf("first event %+v, want the state", ev)
	}
	if _, err := e.svc.Post(context.Background(), c.ID, chat.Message{Text: "vreau să vorbesc cu un operator"}); err != nil {
		t.Fatal(err)
	}
	var reply, state string
	for reply == "" || state == "" {
		ev := next(t, events)
		m := decode(t, ev)
		switch {
		case ev.name == "turn" && ev.id == "2":
			reply = m["html"].(string)
		case ev.name == "state" && m["state"] == "waiting":
			state = m["html"].(string)
		}
	}
	for _, want := range []string{`<li id="m-2"`, `data-kind="handoff"`, `lang="ro"`, "operator", `data-testid="handoff-code"`} {
		if !strings.Contains(reply, want) {
			t.Errorf("turn html lacks %q: %s", want, reply)
		}
	}
	if !strings.Contains(state, "Un operator se va alătura") {
		t.Errorf("state html %s", state)
	}

	t.Run("unknown conversation", func(t *testing.T) {
		p := e.page(t, "GET", "/ro/c/"+chat.NewID()+"/events", nil)
		if p.status != 404 || !strings.Contains(p.body, "Această conversație nu există") {
			t.Errorf("%d", p.status)
		}
	})

	t.Run("shutdown ends the streams", func(t *testing.T) {
		ev := e.openStream(t, "/ro/c/"+c.ID+"/events")
		next(t, ev)
		e.web.StopStreams()
		for {
			select {
			case _, ok := <-ev:
				if !ok {
					return
				}
			case <-time.After(20 * time.Second):
				t.Fatal("the stream is still open after StopStreams")
			}
		}
	})
}
