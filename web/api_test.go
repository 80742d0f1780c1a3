package web_test

import (
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/web"
)

// apiCall sends a request to the API and decodes the JSON answer.
type apiCall struct {
	method, path string
	// body is sent as is, with contentType (application/json unless set).
	body        string
	contentType string
	header      map[string]string
}

type apiResult struct {
	status int
	header http.Header
	raw    string
	json   map[string]any
}

func (e *env) call(t *testing.T, c apiCall) apiResult {
	t.Helper()
	req, err := http.NewRequest(c.method, e.URL+c.path, strings.NewReader(c.body))
	if err != nil {
		t.Fatal(err)
	}
	if c.body != "" {
		ct := c.contentType
		if ct == "" {
			ct = "application/json"
		}
		req.Header.Set("Content-Type", ct)
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	res := apiResult{status: resp.StatusCode, header: resp.Header, raw: string(b)}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(b, &res.json); err != nil {
			t.Fatalf("%s %s: invalid JSON %q: %v", c.method, c.path, b, err)
		}
	}
	return res
}

// jsonBody encodes v for a request body.
func jsonBody(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// get walks a decoded JSON value along keys ("reply", "decision", "kind").
func get(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// startAPI opens a conversation through the API and returns its id.
func (e *env) startAPI(t *testing.T, lang string) string {
	t.Helper()
	res := e.call(t, apiCall{method: "POST", path: "/api/v1/conversations", body: jsonBody(t, map[string]string{"lang": lang, "channel": "telegram"})})
	if res.status != http.StatusCreated {
		t.Fatalf("starting a conversation: %d %s", res.status, res.raw)
	}
	id, _ := res.json["id"].(string)
	if !chat.ValidID(id) || res.header.Get("Location") != "/api/v1/conversations/"+id {
		t.Fatalf("new conversation: id %q, Location %q", id, res.header.Get("Location"))
	}
	return id
}

// lastSeq is the conversation's last turn number, read from the store.
func (e *env) lastSeq(t *testing.T, id string) int64 {
	t.Helper()
	c, err := e.svc.Store.Conversation(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c.LastSeq
}

func TestAPIConversation(t *testing.T) {
	e := newEnv(t, nil)
	id := e.startAPI(t, "it")
	base := "/api/v1/conversations/" + id

	got := e.call(t, apiCall{method: "GET", path: base})
	if got.status != 200 || got.json["lang"] != "it" || got.json["lang_chosen"] != true || got.json["state"] != "bot" || got.json["channel"] != "telegram" {
		t.Fatalf("conversation: %d %s", got.status, got.raw)
	}

	post := apiCall{method: "POST", path: base + "/messages", body: jsonBody(t, map[string]string{"text": "come rinnovo la carta d'identità elettronica?", "key": "k-1"})}
	first := e.call(t, post)
	if first.status != http.StatusCreated {
		t.Fatalf("post: %d %s", first.status, first.raw)
	}
	for path, want := range map[string]any{
		"message.seq": 1.0, "message.role": "citizen", "message.status": "done",
		"reply.seq": 2.0, "reply.role": "bot", "reply.lang": "it",
		"reply.decision.kind": "answer", "reply.decision.entry": "cie-rinnovo",
		"reply.decision.source_url": "/it/faq/cie-rinnovo", "duplicate": false,
		"conversation.last_seq": 2.0,
	} {
		if got := get(first.json, strings.Split(path, ".")...); got != want {
			t.Errorf("%s = %v, want %v", path, got, want)
		}
	}

	// A retry with the same key is the same message: same reply, 200,
	// nothing stored.
	again := e.call(t, post)
	if again.status != http.StatusOK || get(again.json, "duplicate") != true || get(again.json, "reply", "seq") != 2.0 {
		t.Errorf("retry: %d %s", again.status, again.raw)
	}
	if n := e.lastSeq(t, id); n != 2 {
		t.Errorf("after a retry the conversation has %d turns, want 2", n)
	}

	list := e.call(t, apiCall{method: "GET", path: base + "/messages"})
	msgs, _ := list.json["messages"].([]any)
	if list.status != 200 || len(msgs) != 2 {
		t.Fatalf("messages: %d %s", list.status, list.raw)
	}
	after := e.call(t, apiCall{method: "GET", path: base + "/messages?after=1"})
	if msgs, _ := after.json["messages"].([]any); len(msgs) != 1 || get(msgs[0], "role") != "bot" {
		t.Errorf("messages after 1: %s", after.raw)
	}

	rate := e.call(t, apiCall{method: "POST", path: base + "/messages/2/rating", body: `{"rating":"neutral"}`})
	if rate.status != 200 || rate.json["entry"] != "cie-rinnovo" || rate.json["rating"] != "neutral" || !strings.Contains(rate.json["message"].(string), "Grazie") {
		t.Fatalf("rating: %d %s", rate.status, rate.raw)
	}
	// Rating again replaces the rating.
	e.call(t, apiCall{method: "POST", path: base + "/messages/2/rating", body: `{"rating":"positive"}`})
	ratings, err := e.svc.Store.Ratings(context.Background(), "cie-rinnovo")
	if err != nil {
		t.Fatal(err)
	}
	want := []chat.Feedback{{ConversationID: id, Seq: 2, EntryID: "cie-rinnovo", Revision: int(get(first.json, "reply", "decision", "revision").(float64)), Lang: "it", Rating: chat.RatingPositive}}
	if diff := cmp.Diff(want, ratings, cmpIgnoreTime); diff != "" {
		t.Errorf("stored ratings (-want +got):\n%s", diff)
	}

	for _, tc := range []struct {
		name, path, body string
		status           int
		code             string
	}{
		{"citizen message", base + "/messages/1/rating", `{"rating":"positive"}`, 409, "not_ratable"},
		{"no such message", base + "/messages/99/rating", `{"rating":"positive"}`, 404, "no_message"},
		{"not a number", base + "/messages/two/rating", `{"rating":"positive"}`, 400, "bad_request"},
		{"unknown face", base + "/messages/2/rating", `{"rating":"5 stars"}`, 400, "bad_request"},
	} {
		t.Run("rating "+tc.name, func(t *testing.T) {
			res := e.call(t, apiCall{method: "POST", path: tc.path, body: tc.body})
			if res.status != tc.status || res.json["code"] != tc.code || res.json["lang"] != "it" {
				t.Errorf("%d %s, want %d %s in Italian", res.status, res.raw, tc.status, tc.code)
			}
		})
	}
}

var cmpIgnoreTime = cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".CreatedAt" }, cmp.Ignore())

func TestAPIHandoffAndClosed(t *testing.T) {
	e := newEnv(t, nil)
	id := e.startAPI(t, "ro")
	base := "/api/v1/conversations/" + id
	res := e.call(t, apiCall{method: "POST", path: base + "/messages", body: `{"text":"vreau să vorbesc cu un operator"}`})
	code, _ := get(res.json, "reply", "decision", "handoff_code").(string)
	if res.status != 201 || get(res.json, "reply", "decision", "kind") != "handoff" || len(code) != chat.CodeDigits {
		t.Fatalf("handoff: %d %s", res.status, res.raw)
	}
	if text, _ := get(res.json, "reply", "text").(string); !strings.Contains(text, chat.FormatCode(code)) {
		t.Errorf("the reply %q does not tell the code %s", text, code)
	}
	if get(res.json, "conversation", "state") != "waiting" {
		t.Errorf("state %v, want waiting", get(res.json, "conversation", "state"))
	}
	// With people, the bot stays silent.
	res = e.call(t, apiCall{method: "POST", path: base + "/messages", body: `{"text":"mulțumesc, aștept"}`})
	if res.status != 201 || get(res.json, "reply") != nil {
		t.Errorf("message while waiting: %d %s, want 201 and no reply", res.status, res.raw)
	}
	if err := e.svc.Store.SetState(context.Background(), id, []chat.State{chat.StateWaiting}, chat.StateClosed); err != nil {
		t.Fatal(err)
	}
	res = e.call(t, apiCall{method: "POST", path: base + "/messages", body: `{"text":"mai este cineva?"}`})
	if res.status != http.StatusConflict || res.json["code"] != "closed" || !strings.Contains(res.json["error"].(string), "închisă") {
		t.Errorf("message to a closed conversation: %d %s, want 409 in Romanian", res.status, res.raw)
	}
}

// TestAPIBadInput sends what a careless or hostile client might, and
// checks the status, the code, the language of the message, and that
// nothing was stored.
func TestAPIBadInput(t *testing.T) {
	e := newEnv(t, nil)
	id := e.startAPI(t, "de")
	msgs := "/api/v1/conversations/" + id + "/messages"
	binary := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range binary {
		binary[i] = byte(rng.UintN(256))
	}
	for _, tc := range []struct {
		name        string
		body        string
		contentType string
		status      int
		code        string
		// has is part of the German message.
		has string
	}{
		{"empty text", `{"text":""}`, "", 400, "empty", "Frage"},
		{"blank text", `{"text":" \n\t "}`, "", 400, "empty", "Frage"},
		{"symbols only", `{"text":"?!…"}`, "", 400, "empty", "Frage"},
		{"text over 2000 characters", jsonBody(t, map[string]string{"text": strings.Repeat("ä", 2001)}), "", 413, "too_long", "2000"},
		{"100 KB body", jsonBody(t, map[string]string{"text": strings.Repeat("a", 100_000)}), "", 413, "too_large", "2000"},
		{"binary body", string(binary), "", 400, "", ""},
		{"invalid UTF-8 in the text", "{\"text\":\"caf\xe9 \xff\"}", "", 400, "invalid_text", ""},
		{"NUL in the text", `{"text":"hallo\u0000welt"}`, "", 400, "invalid_text", ""},
		{"control characters only", `{"text":"\u0001\u0002"}`, "", 400, "", ""},
		{"not JSON", "text=hallo", "application/x-www-form-urlencoded", 415, "unsupported_media_type", "JSON"},
		{"no content type", `{"text":"hallo"}`, "-", 415, "unsupported_media_type", "JSON"},
		{"malformed JSON", `{"text":"hallo"`, "", 400, "bad_request", "ungültig"},
		{"text not a string", `{"text":42}`, "", 400, "bad_request", "ungültig"},
		{"unknown field", `{"txt":"hallo"}`, "", 400, "bad_request", "ungültig"},
		{"two objects", `{"text":"hallo"}{"text":"again"}`, "", 400, "bad_request", "ungültig"},
		{"bad key", `{"text":"hallo","key":"<script>"}`, "", 400, "bad_request", "ungültig"},
		{"unknown language", `{"text":"hallo","lang":"xx"}`, "", 400, "bad_request", "ungültig"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := e.lastSeq(t, id)
			c := apiCall{method: "POST", path: msgs, body: tc.body, contentType: tc.contentType}
			if tc.contentType == "-" {
				c.contentType = "text/plain"
			}
			res := e.call(t, c)
			if res.status != tc.status {
				t.Errorf("status %d, want %d: %s", res.status, tc.status, res.raw)
			}
			if tc.code != "" && res.json["code"] != tc.code {
				t.Errorf("code %v, want %s", res.json["code"], tc.code)
			}
			if msg, _ := res.json["error"].(string); msg == "" || !strings.Contains(msg, tc.has) {
				t.Errorf("message %q lacks %q", msg, tc.has)
			}
			if res.json["lang"] != "de" {
				t.Errorf("message in %v, want de (the conversation's language)", res.json["lang"])
			}
			if after := e.lastSeq(t, id); after != before {
				t.Errorf("bad input stored turns: last seq %d → %d", before, after)
			}
		})
	}

	t.Run("html is returned as text", func(t *testing.T) {
		text := `<script>alert("x")</script><img src=x onerror=alert(1)> Personalausweis`
		res := e.call(t, apiCall{method: "POST", path: msgs, body: jsonBody(t, map[string]string{"text": text})})
		if res.status != 201 || get(res.json, "message", "text") != text {
			t.Errorf("%d %s", res.status, res.raw)
		}
	})
}

func TestAPIUnknownConversations(t *testing.T) {
	e := newEnv(t, nil)
	unknown := chat.NewID()
	for _, tc := range []struct {
		name, method, path, body, acceptLang string
		status                               int
		code, lang, has                      string
	}{
		{"get unknown", "GET", "/api/v1/conversations/" + unknown, "", "ar", 404, "no_conversation", "ar", "غير موجودة"},
		{"post to unknown", "POST", "/api/v1/conversations/" + unknown + "/messages", `{"text":"ciao"}`, "it", 404, "no_conversation", "it", "non esiste"},
		{"messages of unknown", "GET", "/api/v1/conversations/" + unknown + "/messages", "", "zh", 404, "no_conversation", "zh", "不存在"},
		{"events of unknown", "GET", "/api/v1/conversations/" + unknown + "/events", "", "fr", 404, "no_conversation", "fr", "n'existe pas"},
		{"rate in unknown", "POST", "/api/v1/conversations/" + unknown + "/messages/2/rating", `{"rating":"positive"}`, "sq", 404, "no_conversation", "sq", "nuk ekziston"},
		{"malformed id", "GET", "/api/v1/conversations/1234", "", "en", 400, "bad_request", "en", "not a conversation id"},
		{"id with upper case", "GET", "/api/v1/conversations/" + strings.ToUpper(unknown), "", "en", 400, "bad_request", "en", "not a conversation id"},
		{"id too long", "GET", "/api/v1/conversations/" + unknown + "a", "", "en", 400, "bad_request", "en", "not a conversation id"},
		{"unknown language", "POST", "/api/v1/conversations", `{"lang":"xx"}`, "es", 400, "bad_request", "es", "no es válida"},
		{"bad channel", "POST", "/api/v1/conversations", `{"channel":"Tele Gram"}`, "es", 400, "bad_request", "es", "channel"},
		{"start not JSON", "POST", "/api/v1/conversations", `lang=it`, "it", 415, "unsupported_media_type", "it", "JSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := apiCall{method: tc.method, path: tc.path, body: tc.body, header: map[string]string{"Accept-Language": tc.acceptLang}}
			if tc.name == "start not JSON" {
				c.contentType = "application/x-www-form-urlencoded"
			}
			res := e.call(t, c)
			if res.status != tc.status || res.json["code"] != tc.code || res.json["lang"] != tc.lang {
				t.Errorf("%d %s, want %d %s in %s", res.status, res.raw, tc.status, tc.code, tc.lang)
			}
			if msg, _ := res.json["error"].(string); !strings.Contains(msg, tc.has) {
				t.Errorf("message %q lacks %q", msg, tc.has)
			}
		})
	}

	t.Run("empty body starts a detecting conversation", func(t *testing.T) {
		res := e.call(t, apiCall{method: "POST", path: "/api/v1/conversations"})
		if res.status != 201 || res.json["lang_chosen"] != false || res.json["channel"] != "api" {
			t.Fatalf("%d %s", res.status, res.raw)
		}
		id := res.json["id"].(string)
		res = e.call(t, apiCall{method: "POST", path: "/api/v1/conversations/" + id + "/messages", body: `{"text":"كيف أجدد بطاقة الهوية الإلكترونية؟"}`})
		if get(res.json, "reply", "lang") != "ar" || get(res.json, "reply", "decision", "source_url") != "/ar/faq/cie-rinnovo" {
			t.Errorf("Arabic message: %s", res.raw)
		}
	})

	t.Run("cross-site browser post refused", func(t *testing.T) {
		res := e.call(t, apiCall{method: "POST", path: "/api/v1/conversations", body: `{}`, header: map[string]string{"Sec-Fetch-Site": "cross-site", "Accept-Language": "it"}})
		if res.status != 403 || res.json["code"] != "forbidden" {
			t.Errorf("%d %s, want 403", res.status, res.raw)
		}
	})
}

// TestOpenAPI checks that docs/openapi.yaml, as served, documents every
// API route and no other, and that each operation answers (not the
// router's 404 or 405) with a status it documents.
func TestOpenAPI(t *testing.T) {
	e := newEnv(t, nil)
	res := e.call(t, apiCall{method: "GET", path: "/api/v1/openapi.yaml"})
	if res.status != 200 || !strings.HasPrefix(res.header.Get("Content-Type"), "application/yaml") {
		t.Fatalf("openapi.yaml: %d %s", res.status, res.header.Get("Content-Type"))
	}
	var spec struct {
		OpenAPI string                    `yaml:"openapi"`
		Paths   map[string]map[string]any `yaml:"paths"`
	}
	if err := yaml.Unmarshal([]byte(res.raw), &spec); err != nil {
		t.Fatalf("openapi.yaml is not YAML: %v", err)
	}
	if spec.OpenAPI != "3.1.0" {
		t.Errorf("openapi %q, want 3.1.0", spec.OpenAPI)
	}
	var documented []string
	for path, item := range spec.Paths {
		for method, op := range item {
			if method == "parameters" {
				continue
			}
			documented = append(documented, strings.ToUpper(method)+" "+path)
			t.Run(strings.ToUpper(method)+" "+path, func(t *testing.T) {
				// An unknown conversation and minimal bodies: every
				// operation must answer from its handler.
				p := strings.NewReplacer("{id}", chat.NewID(), "{seq}", "2").Replace(path)
				c := apiCall{method: strings.ToUpper(method), path: p}
				if c.method == "POST" {
					c.body = "{}"
				}
				got := e.call(t, c)
				ct := got.header.Get("Content-Type")
				if strings.HasPrefix(ct, "text/plain") {
					t.Errorf("answered by the router, not a handler: %d %s", got.status, got.raw)
				}
				responses, _ := get(op, "responses").(map[string]any)
				if _, ok := responses[strconv.Itoa(got.status)]; !ok {
					t.Errorf("status %d is not documented (documented: %v)", got.status, keys(responses))
				}
			})
		}
	}
	slices.Sort(documented)
	routes := web.APIRoutes(e.web)
	slices.Sort(routes)
	if diff := cmp.Diff(documented, routes); diff != "" {
		t.Errorf("documented routes (-) and served routes (+) differ:\n%s", diff)
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
