package evals

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/chat/chattest"
	"github.com/sportello/sportello/kb"
)

// demoStore is the store behind a chattest engine.
func demoStore(tb testing.TB, e *chat.Engine) kb.Store {
	tb.Helper()
	r, ok := e.Retriever.(*kb.Retriever)
	if !ok {
		tb.Fatalf("the demo engine's retriever is a %T", e.Retriever)
	}
	return r.Store
}

func openSet(tb testing.TB, name string) *os.File {
	tb.Helper()
	f, err := os.Open(filepath.Join("sets", name))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

// TestRunParallelDeterministic runs the demo set on one worker and on
// several: the results come back in set order with the same decisions,
// so every metric but latency is the same.
func TestRunParallelDeterministic(t *testing.T) {
	e := chattest.MustDemoEngine(t)
	st := demoStore(t, e)
	var calls atomic.Int64
	var last int
	one, err := Evaluate(context.Background(), e, st, openSet(t, "demo.jsonl"), Options{Name: "demo.jsonl", Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	many, err := Evaluate(context.Background(), e, st, openSet(t, "demo.jsonl"), Options{Name: "demo.jsonl", Workers: 4,
		Progress: func(done, total int) {
			calls.Add(1)
			if done != last+1 || total != len(one) {
				t.Errorf("progress %d/%d after %d", done, total, last)
			}
			last = done
		}})
	if err != nil {
		t.Fatal(err)
	}
	if calls.Load() != int64(len(one)) || last != len(one) {
		t.Errorf("progress was called %d times, up to %d; want %d", calls.Load(), last, len(one))
	}
	ignore := cmpopts.IgnoreFields(Result{}, "Latency")
	if diff := cmp.Diff(one, many, ignore); diff != "" {
		t.Errorf("one worker and four disagree (-one +four):\n%s", diff)
	}
	a, b := Summarize(one), Summarize(many)
	clear := func(r *Report) {
		r.Latency = Latency{}
		for _, m := range []map[string]Metrics{r.ByLang, r.ByTopic, r.ByChannel} {
			for k, v := range m {
				v.Latency = Latency{}
				m[k] = v
			}
		}
	}
	clear(&a)
	clear(&b)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("the metrics depend on the number of workers (-one +four):\n%s", diff)
	}
	for i, r := range many {
		if r.Case.Line != i+1 {
			t.Fatalf("result %d is line %d: results are not in set order", i, r.Case.Line)
		}
	}
	if a.ByTopic["tributi"].N == 0 || a.ByChannel[ChannelWeb].N != len(one) {
		t.Errorf("topics %v, channels %v", a.ByTopic, a.ByChannel)
	}
}

// failing fails on one message with an error that is not the citizen's.
type failing struct{ Decider }

func (f failing) Decide(ctx context.Context, in chat.Input) (*chat.Decision, error) {
	if in.Text == "boom" {
		return nil, errors.New("database is gone")
	}
	return f.Decider.Decide(ctx, in)
}

func TestRunStopsOnEngineError(t *testing.T) {
	e := chattest.MustDemoEngine(t)
	set := `{"id":"a","lang":"it","text":"come pago la tari","expect":"tari-pagamento"}
{"id":"b","lang":"it","text":"boom","expect":"handoff"}
{"id":"c","lang":"it","text":"   ...   ","expect":"handoff"}`
	_, err := Evaluate(context.Background(), failing{e}, demoStore(t, e), strings.NewReader(set), Options{Name: "s.jsonl"})
	if err == nil || !strings.Contains(err.Error(), "eval b (line 2)") || !strings.Contains(err.Error(), "database is gone") {
		t.Errorf("Evaluate = %v, want the engine's error naming case b and its line", err)
	}
	// A message the engine refuses to read is a handoff, not an error.
	res, err := Evaluate(context.Background(), e, demoStore(t, e), strings.NewReader(`{"id":"c","lang":"it","text":"   ...   ","expect":"handoff"}`), Options{})
	if err != nil || len(res) != 1 || res[0].Decision != chat.Handoff || res[0].Err == "" || !res[0].Correct {
		t.Errorf("Evaluate = %+v, %v", res, err)
	}
}

// TestEvaluateBadInput: every mistake in a set is named with its file and
// line, and nothing is decided.
func TestEvaluateBadInput(t *testing.T) {
	e := chattest.MustDemoEngine(t)
	st := demoStore(t, e)
	draft := &kb.Entry{ID: "bozza", Status: kb.StatusDraft, Variants: map[string]*kb.Variant{"it": {Question: "Domanda?", Answer: "Risposta."}}}
	if _, err := st.Import(context.Background(), []*kb.Entry{draft}, kb.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	good := `{"id":"ok","lang":"it","text":"come pago la tari","expect":"tari-pagamento"}` + "\n"
	for name, tc := range map[string]struct{ body, want string }{
		"malformed":       {good + `{"id":"q1","lang":"it",` + "\n", "up.jsonl:2: "},
		"not an object":   {good + `["q1"]`, "up.jsonl:2: "},
		"unknown entry":   {good + "\n" + `{"id":"q1","lang":"it","text":"a","expect":["tari-pagamento","tari-rimborso"]}`, `up.jsonl:3: expect: entry "tari-rimborso" is not in the knowledge base`},
		"unpublished":     {good + `{"id":"q1","lang":"it","text":"a","expect":"bozza"}`, `up.jsonl:2: expect: entry "bozza" is draft, not published`},
		"unknown lang":    {good + `{"id":"q1","lang":"pt","text":"olá","expect":"handoff"}`, `up.jsonl:2: lang: "pt" is not a configured language`},
		"not a lang":      {`{"id":"q1","lang":"Italian","text":"ciao","expect":"handoff"}`, `up.jsonl:1: lang: "Italian" is not a language code`},
		"empty":           {"\n  \n", "up.jsonl: the set has no cases"},
		"bad channel":     {`{"id":"q1","lang":"it","text":"ciao","expect":"handoff","channel":"fax"}`, `up.jsonl:1: channel: "fax" is not a channel`},
		"handoff in list": {`{"id":"q1","lang":"it","text":"ciao","expect":["handoff","tari-pagamento"]}`, `up.jsonl:1: expect: "handoff" stands alone`},
		"long line":       {good + `{"id":"q1","lang":"it","text":"` + strings.Repeat("a", 2<<20) + `","expect":"handoff"}`, "up.jsonl:2: the line is longer than 1 MiB"},
	} {
		t.Run(name, func(t *testing.T) {
			decided := 0
			counting := deciderFunc(func(ctx context.Context, in chat.Input) (*chat.Decision, error) {
				decided++
				return e.Decide(ctx, in)
			})
			_, err := Evaluate(context.Background(), counting, st, strings.NewReader(tc.body), Options{Name: "up.jsonl", Languages: kb.DefaultLanguages, Workers: 1})
			if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, kb.ErrInvalid) {
				t.Errorf("Evaluate = %v, want an ErrInvalid containing %q", err, tc.want)
			}
			if decided != 0 {
				t.Errorf("%d messages were decided before the set was refused", decided)
			}
		})
	}
}

type deciderFunc func(ctx context.Context, in chat.Input) (*chat.Decision, error)

func (f deciderFunc) Decide(ctx context.Context, in chat.Input) (*chat.Decision, error) {
	return f(ctx, in)
}

// TestSMSChannel: SMS messages go through the same decision path and are
// reported in their own row.
func TestSMSChannel(t *testing.T) {
	e := chattest.MustDemoEngine(t)
	set := `{"id":"w","lang":"it","text":"come pago la tari?","expect":"tari-pagamento"}
{"id":"s","lang":"it","text":"come pago la tari?","expect":"tari-pagamento","channel":"sms"}
{"id":"s2","lang":"it","text":"incendio in casa aiuto","expect":"emergency","channel":"sms"}`
	res, err := Evaluate(context.Background(), e, demoStore(t, e), strings.NewReader(set), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Decision != res[1].Decision || res[0].Entry != res[1].Entry {
		t.Errorf("the same text decided differently by channel: %s vs %s", Outcome(res[0]), Outcome(res[1]))
	}
	rep := Summarize(res)
	if rep.ByChannel["web"].N != 1 || rep.ByChannel["sms"].N != 2 || rep.ByChannel["sms"].EmergencyRecall != 1 {
		t.Errorf("by_channel = %+v", rep.ByChannel)
	}
}

// TestEditorConsoleFlow is the call a web handler makes: the current
// knowledge base's store and engine, an uploaded set, the HTML report.
func TestEditorConsoleFlow(t *testing.T) {
	e := chattest.MustDemoEngine(t)
	upload := strings.NewReader(`{"id":"u1","lang":"en","text":"how do I pay the waste tax","expect":["tari-pagamento","pagopa-avviso"]}
{"id":"u2","lang":"sq","text":"ku mund ta paguaj gjobën?","expect":"multa-pagamento"}`)
	res, err := Evaluate(context.Background(), e, demoStore(t, e), upload, Options{Name: "upload.jsonl", Languages: e.Languages})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WriteHTML(&b, Analyze(res, e.Thresholds)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<!DOCTYPE html>", "By language", "By channel", `<span lang="sq">sq</span>`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if len(res) != 2 || res[0].Topic != "tributi" {
		t.Errorf("results %+v", res)
	}
}
