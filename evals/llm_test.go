package evals

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tmc/langchaingo/llms"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/chat/chattest"
	"github.com/sportello/sportello/kb/providers"
)

// openAIServer speaks the OpenAI chat-completions wire format (POST
// /v1/chat/completions, {"choices":[{"message":{…}}]} back) and answers
// each question with the reply scripted for it, or with status 500.
type openAIServer struct {
	t       *testing.T
	replies map[string]string // question → assistant content; "" means fail
	mu      sync.Mutex
	paths   []string
}

func (s *openAIServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var req struct {
		Model    string `json:"model"`
		Messages []struct {
			Role    string `json:"role"`
			Content string `json:"content"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		s.t.Errorf("the request is not JSON: %v", err)
	}
	s.mu.Lock()
	s.paths = append(s.paths, r.Method+" "+r.URL.Path+" "+req.Model)
	s.mu.Unlock()
	var user string
	for _, m := range req.Messages {
		if m.Role == "user" {
			user = m.Content
		}
	}
	content := ""
	for q, c := range s.replies {
		if strings.Contains(user, "question: "+q+"\n") {
			content = c
		}
	}
	if content == "" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, `{"error":{"message":"the model is overloaded","type":"server_error","param":null,"code":null}}`)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-eval", "object": "chat.completion", "created": 1700000000, "model": req.Model,
		"choices": []map[string]any{{"index": 0, "message": map[string]string{"role": "assistant", "content": content}, "finish_reason": "stop"}},
		"usage":   map[string]int{"prompt_tokens": 50, "completion_tokens": 20, "total_tokens": 70},
	})
}

// wireComposer is a test double of chat's grounded composer, only
// enough of one to drive the evaluation's LLM metrics over the real wire
// format through kb/providers: it shows the model the decided entry's id
// and reads back {"answer", "cites"}. A failed call falls back to the
// curated answer, as the real composer does.
type wireComposer struct{ model llms.Model }

func (c wireComposer) Compose(ctx context.Context, in chat.Input, d *chat.Decision) (Composed, error) {
	given := []string{d.Entry.ID}
	user := fmt.Sprintf("question: %s\nentries: %s\n", in.Text, strings.Join(given, ", "))
	text, err := providers.Generate(ctx, c.model, `Answer only from the entries. Reply {"answer": "...", "cites": ["id"]}.`, user)
	if err != nil {
		return Composed{Text: d.Text, Given: given, Fallback: true, FallbackReason: "provider_error"}, nil
	}
	var rep struct {
		Answer string   `json:"answer"`
		Cites  []string `json:"cites"`
	}
	if err := json.Unmarshal([]byte(text), &rep); err != nil {
		return Composed{Text: d.Text, Given: given, Fallback: true, FallbackReason: "malformed"}, nil
	}
	return Composed{Text: rep.Answer, Given: given, Cited: rep.Cites}, nil
}

func TestLLMPathMetrics(t *testing.T) {
	srv := &openAIServer{t: t, replies: map[string]string{
		// Grounded and in Italian.
		"Come si paga la TARI?": `{"answer":"La TARI si paga con i moduli pagoPA che arrivano con l'avviso: online, in banca, alla posta o dal tabaccaio.","cites":["tari-pagamento"]}`,
		// Cites an entry it was not given.
		"Come rinnovo la carta d'identità elettronica?": `{"answer":"Prenota un appuntamento in Anagrafe e porta la vecchia carta e una fototessera.","cites":["cie-rinnovo","passaporto-rinnovo"]}`,
		// Grounded, but in English to an Italian question.
		"Come si paga l'IMU?": `{"answer":"You pay IMU with an F24 form at a bank, at the post office or through home banking.","cites":["imu-pagamento"]}`,
		// "Come pago una multa?" has no reply: the server fails.
	}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	model, err := providers.NewChatModel(providers.Config{Provider: providers.OpenAI, BaseURL: ts.URL + "/v1", Model: "gpt-eval",
		MaxRetries: -1, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	e := chattest.MustDemoEngine(t)
	set := `{"id":"g","lang":"it","text":"Come si paga la TARI?","expect":"tari-pagamento"}
{"id":"u","lang":"it","text":"Come rinnovo la carta d'identità elettronica?","expect":"cie-rinnovo"}
{"id":"l","lang":"it","text":"Come si paga l'IMU?","expect":"imu-pagamento"}
{"id":"f","lang":"it","text":"Come pago una multa?","expect":"multa-pagamento"}
{"id":"h","lang":"it","text":"voglio parlare con un operatore","expect":"handoff"}`
	res, err := Evaluate(context.Background(), e, demoStore(t, e), strings.NewReader(set), Options{Name: "llm.jsonl", Composer: wireComposer{model}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res[:4] {
		if r.Decision != chat.Answer || r.LLM == nil {
			t.Fatalf("%s: %s, llm %+v: want an answer sent to the composer", r.Case.ID, Outcome(r), r.LLM)
		}
	}
	if res[4].LLM != nil {
		t.Errorf("a handoff was sent to the composer: %+v", res[4].LLM)
	}
	judged := func(r Result) [3]bool { return [3]bool{r.LLM.Fallback, r.LLM.Grounded, r.LLM.LangOK} }
	for i, want := range [][3]bool{{false, true, true}, {false, false, true}, {false, true, false}, {true, false, false}} {
		if got := judged(res[i]); got != want {
			t.Errorf("%s: fallback, grounded, language = %v, want %v (%+v)", res[i].Case.ID, got, want, res[i].LLM)
		}
	}
	if res[2].LLM.Lang != "en" || res[3].LLM.FallbackReason != "provider_error" {
		t.Errorf("language %q, fallback reason %q", res[2].LLM.Lang, res[3].LLM.FallbackReason)
	}
	m := Summarize(res).LLM
	want := &LLMMetrics{Answers: 4, Composed: 3, FallbackRate: 0.25, Groundedness: round(2.0 / 3), LanguageMatch: round(2.0 / 3),
		FallbackReasons: map[string]int{"provider_error": 1}}
	if fmt.Sprint(m) != fmt.Sprint(want) {
		t.Errorf("llm metrics = %+v, want %+v", m, want)
	}
	srv.mu.Lock()
	paths := srv.paths
	srv.mu.Unlock()
	if len(paths) != 4 || paths[0] != "POST /v1/chat/completions gpt-eval" {
		t.Errorf("requests %q, want 4 POST /v1/chat/completions", paths)
	}
	// The reports show the LLM path and the answers to look at.
	var md strings.Builder
	if err := WriteMarkdown(&md, Analyze(res, e.Thresholds)); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"## LLM path", "| **all** | 4 | 3 | 0.250 | 0.667 | 0.667 | provider\\_error 1 |", "passaporto-rinnovo", "You pay IMU"} {
		if !strings.Contains(md.String(), w) {
			t.Errorf("the Markdown report lacks %q:\n%s", w, md.String())
		}
	}
	var html strings.Builder
	if err := WriteHTML(&html, Analyze(res, e.Thresholds)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(html.String(), `id="llm"`) || !strings.Contains(html.String(), "passaporto-rinnovo") {
		t.Error("the HTML report lacks the LLM section")
	}
}

// No composed answers, no LLM key: the contract JSON is unchanged.
func TestNoLLMNoKey(t *testing.T) {
	b, err := json.Marshal(Summarize(sampleResults(t)))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), `"llm"`) {
		t.Errorf("the report has an llm key without an LLM: %s", b)
	}
}
