package evals

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb"
)

// scripted decides by looking the text up: a fixed decision path, so the
// metrics can be checked by hand against DESIGN.md's definitions.
type scripted map[string]*chat.Decision

func (s scripted) Decide(_ context.Context, in chat.Input) (*chat.Decision, error) {
	return s[in.Text], nil
}

func entry(id string) *kb.Entry { return &kb.Entry{ID: id} }

func hits(ids ...string) []chat.ScoredHit {
	var out []chat.ScoredHit
	for _, id := range ids {
		out = append(out, chat.ScoredHit{Hit: kb.Hit{Entry: entry(id)}})
	}
	return out
}

func TestMetrics(t *testing.T) {
	cases := []Case{
		{ID: "1", Lang: "it", Text: "a", Expect: Expect{"x"}},      // answered x: correct, rank 1
		{ID: "2", Lang: "it", Text: "b", Expect: Expect{"x", "y"}}, // answered z: wrong, y at rank 2
		{ID: "3", Lang: "it", Text: "c", Expect: Expect{"x"}},      // clarify: neither, x at rank 3
		{ID: "4", Lang: "ar", Text: "d", Expect: Expect{"handoff"}},
		{ID: "5", Lang: "ar", Text: "e", Expect: Expect{"handoff"}}, // answered: wrong
		{ID: "6", Lang: "ar", Text: "f", Expect: Expect{"emergency"}},
		{ID: "7", Lang: "ar", Text: "g", Expect: Expect{"emergency"}}, // handoff: neither
		{ID: "8", Lang: "ar", Text: "h", Expect: Expect{"x"}},         // emergency: wrong, not retrieved
	}
	d := scripted{
		"a": {Kind: chat.Answer, Entry: entry("x"), Detected: "it", Hits: hits("x", "y")},
		"b": {Kind: chat.Answer, Entry: entry("z"), Detected: "it", Hits: hits("z", "y")},
		"c": {Kind: chat.Clarify, Detected: "en", Hits: hits("y", "z", "x")},
		"d": {Kind: chat.Handoff, Detected: "ar"},
		"e": {Kind: chat.Answer, Entry: entry("x"), Detected: "ar", Hits: hits("x")},
		"f": {Kind: chat.Emergency, Detected: "ar"},
		"g": {Kind: chat.Handoff, Detected: "ar"},
		"h": {Kind: chat.Emergency, Detected: "ar"},
	}
	results, err := Run(context.Background(), d, cases)
	if err != nil {
		t.Fatal(err)
	}
	rep := Summarize(results)
	got := rep.Metrics
	got.Latency = Latency{}
	want := Metrics{
		N: 8, DecisionAccuracy: 3.0 / 8, AnsweredCorrectRate: 1.0 / 4, WrongAnswerRate: 3.0 / 8,
		HandoffRate: 2.0 / 8, ClarifyRate: 1.0 / 8, EmergencyRecall: 0.5,
		Top1: 1.0 / 4, RecallAt5: 3.0 / 4, MRR: round((1 + 0.5 + 1.0/3) / 4), LangIDAccuracy: 7.0 / 8,
		NEntry: 4, NHandoff: 2, NEmergency: 2,
	}
	want.DecisionAccuracy, want.WrongAnswerRate, want.HandoffRate, want.ClarifyRate, want.LangIDAccuracy =
		round(want.DecisionAccuracy), round(want.WrongAnswerRate), round(want.HandoffRate), round(want.ClarifyRate), round(want.LangIDAccuracy)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("metrics (-want +got):\n%s", diff)
	}
	if it := rep.ByLang["it"]; it.N != 3 || it.AnsweredCorrectRate != round(1.0/3) {
		t.Errorf("by_lang.it = %+v", it)
	}
}

func TestReadSet(t *testing.T) {
	known := func(id string) bool { return id == "cie-rinnovo" }
	good := `{"id":"q1","lang":"ar","text":"…","expect":"cie-rinnovo"}
{"id":"q2","lang":"it","text":"…","expect":["cie-rinnovo"]}

{"id":"q3","lang":"zh","text":"…","expect":"emergency"}`
	cases, err := ReadSet(strings.NewReader(good), "set.jsonl", kb.DefaultLanguages, known)
	if err != nil || len(cases) != 3 || cases[2].Expect.Kind() != chat.Emergency {
		t.Fatalf("ReadSet = %v, %v", cases, err)
	}
	for name, tc := range map[string]struct{ body, want string }{
		"malformed":     {`{"id":"q1",`, "set.jsonl:1"},
		"bad expect":    {`{"id":"q1","lang":"it","text":"a","expect":3}`, `"expect" must be`},
		"unknown field": {`{"id":"q1","lang":"it","text":"a","expect":"handoff","extra":1}`, "unknown field"},
		"unknown entry": {`{"id":"q1","lang":"it","text":"a","expect":"tari"}`, `entry "tari" is not in the knowledge base`},
		"bad lang":      {`{"id":"q1","lang":"italian","text":"a","expect":"handoff"}`, "not a language code"},
		"no text":       {`{"id":"q1","lang":"it","expect":"handoff"}`, "text: is required"},
		"invalid utf-8": {"{\"id\":\"q1\",\"lang\":\"it\",\"text\":\"\xff\",\"expect\":\"handoff\"}", "not valid UTF-8"},
		"empty":         {"", "no cases"},
	} {
		_, err := ReadSet(strings.NewReader(tc.body), "set.jsonl", kb.DefaultLanguages, known)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, kb.ErrInvalid) {
			t.Errorf("%s: ReadSet = %v, want an ErrInvalid containing %q", name, err, tc.want)
		}
	}
}
