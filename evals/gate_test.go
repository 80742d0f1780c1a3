package evals

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb"
)

// graded builds results by hand: lang, expectation, and the grade.
func graded(lang, expect string, correct, wrong bool) Result {
	r := Result{Case: Case{ID: lang + expect, Lang: lang, Expect: Expect{expect}}, Correct: correct, Wrong: wrong, Decision: chat.Handoff}
	if correct && expect != "handoff" && expect != "emergency" {
		r.Decision, r.Entry = chat.Answer, expect
	}
	return r
}

func TestCheckGate(t *testing.T) {
	results := []Result{
		graded("it", "x", true, false), graded("it", "x", true, false), graded("it", "x", false, true), graded("it", "emergency", true, false),
		graded("ar", "x", false, false), graded("ar", "handoff", true, false),
	}
	gs := GateSet{Set: "s.jsonl",
		All: Bounds{"min_answered_correct_rate": 0.5, "max_wrong_answer_rate": 0.2},
		ByLang: map[string]Bounds{
			"it": {"min_emergency_recall": 1, "min_answered_correct_rate": 0.7},
			"ar": {"min_emergency_recall": 1},
			"zh": {"max_wrong_answer_rate": 0.02},
		},
	}
	rows := CheckGate(gs, results)
	type row struct {
		scope, metric string
		ok            bool
		note          string
	}
	var got []row
	for _, r := range rows {
		got = append(got, row{r.Scope, r.Metric, r.OK, r.Note})
	}
	want := []row{
		{"all", "wrong_answer_rate", true, ""},     // 1 of 6 = 0.167
		{"all", "answered_correct_rate", true, ""}, // 2 of 4
		{"ar", "emergency_recall", false, "no messages to measure it on"},
		{"it", "answered_correct_rate", false, ""}, // 2 of 3 < 0.7
		{"it", "emergency_recall", true, ""},
		{"zh", "wrong_answer_rate", false, "no messages in this language"},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(row{})); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if GateFailures(rows) != 3 {
		t.Errorf("%d failures, want 3", GateFailures(rows))
	}
	var b strings.Builder
	if err := WriteGateTable(&b, rows, true); err != nil {
		t.Fatal(err)
	}
	if strings.Count(b.String(), "FAIL") != 3 || strings.Contains(b.String(), " ok ") {
		t.Errorf("the failure table:\n%s", b.String())
	}
}

func TestProposeBounds(t *testing.T) {
	var rs []Result
	for i := 0; i < 19; i++ {
		rs = append(rs, graded("it", "x", true, false))
	}
	rs = append(rs, graded("it", "x", false, true), graded("it", "emergency", true, false), graded("it", "emergency", false, false))
	// answered 19/20 = 0.95 → 0.94; wrong 1/22 = 0.045 → 0.05 + 0.01;
	// emergency 0.5.
	want := Bounds{"min_answered_correct_rate": 0.94, "max_wrong_answer_rate": 0.06, "min_emergency_recall": 0.5}
	if diff := cmp.Diff(want, ProposeBounds(rs)); diff != "" {
		t.Errorf("bounds (-want +got):\n%s", diff)
	}
	// Within DESIGN's 2% bar, the ceiling is the bar; with nothing to
	// answer, the floor is on decision accuracy; no recall, no floor.
	var oos []Result
	for i := 0; i < 99; i++ {
		oos = append(oos, graded("en", "handoff", i%2 == 0, false))
	}
	oos = append(oos, graded("en", "handoff", false, true), graded("en", "emergency", false, false))
	want = Bounds{"min_decision_accuracy": 0.48, "max_wrong_answer_rate": 0.02}
	if diff := cmp.Diff(want, ProposeBounds(oos)); diff != "" {
		t.Errorf("bounds (-want +got):\n%s", diff)
	}
}

func TestReadGate(t *testing.T) {
	good := `{"kb":"../kb/demo/borgoverde.jsonl","sets":[{"set":"sets/demo.jsonl","all":{"min_answered_correct_rate":0.8},"by_lang":{"ar":{"max_wrong_answer_rate":0.01}}}]}`
	g, err := ReadGate(strings.NewReader(good), "gate.json")
	if err != nil || len(g.Sets) != 1 || g.Sets[0].ByLang["ar"]["max_wrong_answer_rate"] != 0.01 {
		t.Fatalf("ReadGate = %+v, %v", g, err)
	}
	for name, tc := range map[string]struct{ body, want string }{
		"syntax":        {"{\"kb\":\"k\",\n\"sets\":[\n{,}]}", "gate.json: line 3"},
		"no kb":         {`{"sets":[{"set":"s","all":{}}]}`, `"kb" is required`},
		"no set":        {`{"kb":"k","sets":[{"all":{}}]}`, `sets[0]: "set" is required`},
		"latency bound": {`{"kb":"k","sets":[{"set":"s","all":{"max_latency_ms.p95":1}}]}`, "is not a bound"},
		"bad lang":      {`{"kb":"k","sets":[{"set":"s","all":{},"by_lang":{"Arabic":{}}}]}`, `"Arabic" is not a language code`},
		"wrong type":    {`{"kb":"k","sets":[{"set":"s","all":{"min_top1":"high"}}]}`, "line 1"},
	} {
		_, err := ReadGate(strings.NewReader(tc.body), "gate.json")
		if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, kb.ErrInvalid) {
			t.Errorf("%s: ReadGate = %v, want an ErrInvalid containing %q", name, err, tc.want)
		}
	}
}
