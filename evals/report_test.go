package evals

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sportello/sportello/chat"
)

func sampleResults(t *testing.T) []Result {
	t.Helper()
	cases := []Case{
		{ID: "1", Lang: "it", Text: "a", Expect: Expect{"x"}},
		{ID: "2", Lang: "en", Text: `<script>alert("x")</script> & | pipes`, Expect: Expect{"x"}},
		{ID: "3", Lang: "ar", Text: "c", Expect: Expect{"handoff"}},
	}
	d := scripted{
		"a":           {Kind: chat.Answer, Entry: entry("x"), Detected: "it", Confidence: 0.5, Hits: hits("x", "y")},
		cases[1].Text: {Kind: chat.Answer, Entry: entry("y"), Detected: "en", Confidence: 0.3, Hits: hits("y", "x")},
		"c":           {Kind: chat.Handoff, Detected: "ar"},
	}
	results, err := Run(context.Background(), d, cases)
	if err != nil {
		t.Fatal(err)
	}
	for i := range results {
		results[i].Latency = time.Duration(i+1) * time.Millisecond
	}
	SetTopics(results, func(string) string { return "tributi" })
	return results
}

func TestHTMLReport(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTML(&b, Analyze(sampleResults(t), chat.DefaultThresholds)); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, want := range []string{"<!DOCTYPE html>", `<html lang="en">`, "<svg", `lang="en" dir="auto"`, "&lt;script&gt;", "tributi",
		"answer 0.24", "p99"} {
		if !strings.Contains(html, want) {
			t.Errorf("the HTML report lacks %q", want)
		}
	}
	if strings.Contains(html, "<script") {
		t.Error("the HTML report contains a <script> element: a message was not escaped")
	}
	if strings.Count(html, "<svg") != 2 {
		t.Errorf("want 2 inline SVG plots, got %d", strings.Count(html, "<svg"))
	}
}

func TestMarkdownReport(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMarkdown(&b, Analyze(sampleResults(t), chat.DefaultThresholds)); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{"## By language", "| lang | n | decision acc", "| it | 1 |", "## By topic", "| tributi |",
		"| x | y | 1 | 0 |", "&lt;script&gt;", `\| pipes`, "## Calibration", "## Latency"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown report lacks %q:\n%s", want, md)
		}
	}
}

func TestCompare(t *testing.T) {
	a := sampleResults(t)
	b := Redecide(a, Setting{Weights: DefaultWeights, Thresholds: chat.Thresholds{Answer: 2, Margin: 1, AgreeMargin: 1, Clarify: 2}})
	c := Compare(a, b)
	if len(c.Changes) != 2 || c.Changes[0].Before != "answer x" || c.Changes[0].After != "handoff (low_confidence)" {
		t.Errorf("changes = %+v", c.Changes)
	}
	if len(c.Moved) == 0 {
		t.Error("no metric moved")
	}
}

func TestCalibrateMeetsTarget(t *testing.T) {
	// Two retrieved cases whose answers are right only with a margin of
	// at least 0.1, and one out-of-scope message.
	mk := func(id string, expect string, c1, c2 float64, best string) Result {
		return Result{Case: Case{ID: id, Lang: "it", Expect: Expect{expect}}, Reason: chat.ReasonLowConfidence,
			Decision: chat.Handoff, Hits: []HitSummary{
				{ID: best, Coverage: c1, AnswerCov: c1, Vector: c1, LexRank: 2, VecRank: 2},
				{ID: "other", Coverage: c2, AnswerCov: c2, Vector: c2, LexRank: 1, VecRank: 1},
			}}
	}
	results := []Result{mk("1", "x", 0.5, 0.3, "x"), mk("2", "x", 0.45, 0.3, "x"), mk("3", "handoff", 0.4, 0.35, "y")}
	p, err := Calibrate(results, chat.DefaultThresholds, 0)
	if err != nil {
		t.Fatal(err)
	}
	if p.CorrectAnswers != 2 || p.WrongDecisions != 0 || p.Metrics.WrongAnswerRate != 0 {
		t.Errorf("proposal %+v", p)
	}
	// A wrong best hit far ahead is answered by every setting of the grid.
	if _, err := Calibrate([]Result{mk("1", "x", 0.9, 0, "y")}, chat.DefaultThresholds, 0); !errors.Is(err, ErrNoSetting) {
		t.Errorf("Calibrate = %v, want ErrNoSetting", err)
	}
}

// A rate over no message is shown as a dash, not as a 0 that reads like
// a failure.
func TestUnmeasuredShownAsDash(t *testing.T) {
	rep := Summarize(sampleResults(t)) // no emergency message
	for _, c := range Columns {
		got := c.Format(rep.Metrics)
		if (c.Key == "emergency_recall") != (got == "—") {
			t.Errorf("%s = %q", c.Key, got)
		}
	}
	var b bytes.Buffer
	if err := WriteMarkdown(&b, Analyze(sampleResults(t), chat.DefaultThresholds)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), " — |") {
		t.Errorf("the Markdown report shows no dash:\n%s", b.String())
	}
}

// TestReplayOffTopic: a best hit recorded as off topic is never answered
// by the replay nor by any setting of the grid; the entries that speak of
// the subject are offered.
func TestReplayOffTopic(t *testing.T) {
	off := Result{Case: Case{ID: "oos", Lang: "de", Expect: Expect{"handoff"}}, Reason: chat.ReasonLowConfidence,
		Decision: chat.Handoff, Hits: []HitSummary{
			{ID: "voto-cittadini-ue", Coverage: 0.9, AnswerCov: 0.9, Vector: 0.9, LexRank: 1, VecRank: 1, OffTopic: "reisepass"},
			{ID: "iscrizione-anagrafica-stranieri", Coverage: 0.1, AnswerCov: 0.1, Vector: 0.1, LexRank: 2, VecRank: 2, OffTopic: "reisepass"},
		}}
	if got := Redecide([]Result{off}, Setting{Weights: DefaultWeights, Thresholds: chat.DefaultThresholds})[0]; got.Decision != chat.Handoff || got.Wrong {
		t.Errorf("replay of an off-topic best hit: %s %q wrong=%v, want a handoff", got.Decision, got.Entry, got.Wrong)
	}
	speaks := off
	speaks.Hits = []HitSummary{off.Hits[0], {ID: "passaporto", Coverage: 0.5, AnswerCov: 0.5, Vector: 0.5, LexRank: 2, VecRank: 2, SpeaksOf: true}}
	if got := Redecide([]Result{speaks}, Setting{Weights: DefaultWeights, Thresholds: chat.DefaultThresholds})[0]; got.Decision != chat.Clarify || !slices.Equal(got.Choices, []string{"passaporto"}) {
		t.Errorf("replay with an entry that speaks of the subject: %s %v, want it offered", got.Decision, got.Choices)
	}
	p, err := Calibrate([]Result{off}, chat.DefaultThresholds, 0)
	if err != nil || p.WrongDecisions != 0 {
		t.Errorf("Calibrate = %+v, %v; want no wrong decision", p, err)
	}
}

// TestReplayUnnamed: a best hit whose subject the message does not name
// (recorded Unnamed) is offered by the replay, never answered, and the
// grid counts no setting's answer of it.
func TestReplayUnnamed(t *testing.T) {
	r := Result{Case: Case{ID: "ooh", Lang: "it", Expect: Expect{"handoff"}}, Reason: chat.ReasonClose,
		Decision: chat.Clarify, Hits: []HitSummary{
			{ID: "cie-rinnovo", Coverage: 0.66, AnswerCov: 0.87, Vector: 0.29, LexRank: 1, VecRank: 3, Unnamed: "sanitar"},
			{ID: "permesso-soggiorno-rinnovo", Coverage: 0.1, AnswerCov: 0.1, Vector: 0.1, LexRank: 3, VecRank: 2},
		}}
	got := Redecide([]Result{r}, Setting{Weights: DefaultWeights, Thresholds: chat.DefaultThresholds})[0]
	if got.Decision != chat.Clarify || got.Wrong || !slices.Equal(got.Choices, []string{"cie-rinnovo"}) {
		t.Errorf("replay of an unnamed best hit: %s %q %v wrong=%v, want cie-rinnovo offered", got.Decision, got.Entry, got.Choices, got.Wrong)
	}
	answered := r
	answered.Hits = []HitSummary{{ID: "cie-rinnovo", Coverage: 0.66, AnswerCov: 0.87, Vector: 0.29, LexRank: 1, VecRank: 3}, r.Hits[1]}
	if got := Redecide([]Result{answered}, Setting{Weights: DefaultWeights, Thresholds: chat.DefaultThresholds})[0]; got.Decision != chat.Answer || !got.Wrong {
		t.Errorf("replay without the verdict: %s wrong=%v, want the wrong answer it was", got.Decision, got.Wrong)
	}
	p, err := Calibrate([]Result{r}, chat.DefaultThresholds, 0)
	if err != nil || p.WrongDecisions != 0 {
		t.Errorf("Calibrate = %+v, %v; want no wrong decision", p, err)
	}
}
