package evals

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"

	"github.com/sportello/sportello/kb"
)

// ReadResults reads a results file written by `sportello eval --results`:
// JSON Lines of Result. Errors name the file and line.
func ReadResults(r io.Reader, name string) ([]Result, error) {
	var out []Result
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4<<20)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var res Result
		if err := json.Unmarshal(b, &res); err != nil {
			return nil, fmt.Errorf("%s:%d: %v: %w", name, line, err, kb.ErrInvalid)
		}
		if res.Case.ID == "" {
			return nil, fmt.Errorf("%s:%d: not a result (no case id): %w", name, line, kb.ErrInvalid)
		}
		out = append(out, res)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no results: %w", name, kb.ErrInvalid)
	}
	return out, nil
}

// Change is a message whose decision differs between two runs.
type Change struct {
	ID     string `json:"id"`
	Lang   string `json:"lang"`
	Text   string `json:"text"`
	Expect Expect `json:"expect"`
	Before string `json:"before"`
	After  string `json:"after"`
	// BeforeGrade and AfterGrade are "correct", "wrong" or "neither".
	BeforeGrade string `json:"before_grade"`
	AfterGrade  string `json:"after_grade"`
}

// MetricDelta is a metric that moved between two runs.
type MetricDelta struct {
	Scope  string  `json:"scope"` // "all" or a language
	Metric string  `json:"metric"`
	Before float64 `json:"before"`
	After  float64 `json:"after"`
	Delta  float64 `json:"delta"`
}

// Comparison is what changed from run A to run B.
type Comparison struct {
	Changes []Change      `json:"changes"`
	Moved   []MetricDelta `json:"moved"`
	// OnlyBefore and OnlyAfter are the case ids found in one run only.
	OnlyBefore []string `json:"only_before,omitempty"`
	OnlyAfter  []string `json:"only_after,omitempty"`
	Before     Report   `json:"before"`
	After      Report   `json:"after"`
}

func gradeWord(r Result) string {
	switch {
	case r.Correct:
		return "correct"
	case r.Wrong:
		return "wrong"
	}
	return "neither"
}

// Compare lists the cases whose decision (kind, answered entry or offered
// choices) changed from a to b, in b's order, and the metrics that moved,
// recomputed with Summarize from each run's results. Latency percentiles
// are reported overall only, since they move on every run.
func Compare(a, b []Result) Comparison {
	c := Comparison{Before: Summarize(a), After: Summarize(b), Changes: []Change{}, Moved: []MetricDelta{}}
	before := map[string]Result{}
	for _, r := range a {
		before[r.Case.ID] = r
	}
	seen := map[string]bool{}
	for _, r := range b {
		seen[r.Case.ID] = true
		old, ok := before[r.Case.ID]
		if !ok {
			c.OnlyAfter = append(c.OnlyAfter, r.Case.ID)
			continue
		}
		if old.Decision == r.Decision && old.Entry == r.Entry && slices.Equal(old.Choices, r.Choices) {
			continue
		}
		c.Changes = append(c.Changes, Change{ID: r.Case.ID, Lang: r.Case.Lang, Text: r.Case.Text, Expect: r.Case.Expect,
			Before: outcome(old), After: outcome(r), BeforeGrade: gradeWord(old), AfterGrade: gradeWord(r)})
	}
	for _, r := range a {
		if !seen[r.Case.ID] {
			c.OnlyBefore = append(c.OnlyBefore, r.Case.ID)
		}
	}
	moved := func(scope string, x, y Metrics, latency bool) {
		if x.N != y.N {
			c.Moved = append(c.Moved, MetricDelta{Scope: scope, Metric: "n", Before: float64(x.N), After: float64(y.N), Delta: float64(y.N - x.N)})
		}
		for _, col := range Columns {
			if col.Latency && !latency {
				continue
			}
			if u, v := col.Get(x), col.Get(y); math.Abs(v-u) > 1e-9 {
				c.Moved = append(c.Moved, MetricDelta{Scope: scope, Metric: col.Key, Before: u, After: v, Delta: round(v - u)})
			}
		}
	}
	moved("all", c.Before.Metrics, c.After.Metrics, true)
	langs := slices.Sorted(maps.Keys(c.Before.ByLang))
	for l := range c.After.ByLang {
		if _, ok := c.Before.ByLang[l]; !ok {
			langs = append(langs, l)
		}
	}
	for _, l := range langs {
		moved(l, c.Before.ByLang[l], c.After.ByLang[l], false)
	}
	return c
}
