package evals

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/sportello/sportello/kb"
)

// Gate is the regression gate: for each shipped evaluation set, the
// floors and ceilings its figures must keep. It lives in a JSON file
// (evals/gate.json) whose paths are relative to the file.
type Gate struct {
	// KB is the knowledge base the sets run against.
	KB   string    `json:"kb"`
	Sets []GateSet `json:"sets"`
}

// GateSet are one set's bounds, overall and per language.
type GateSet struct {
	Set string `json:"set"`
	// Note says where the bounds come from, for the people who will
	// move them.
	Note   string            `json:"note,omitempty"`
	All    Bounds            `json:"all"`
	ByLang map[string]Bounds `json:"by_lang,omitempty"`
}

// Bounds map "min_METRIC" or "max_METRIC" to a limit, where METRIC is a
// contract metric other than latency: min_answered_correct_rate 0.8,
// max_wrong_answer_rate 0.02, min_emergency_recall 1.
type Bounds map[string]float64

// GateKeys are the bounds a gate usually sets.
var GateKeys = []string{"min_answered_correct_rate", "max_wrong_answer_rate", "min_emergency_recall"}

// ReadGate reads and validates a gate file.
func ReadGate(r io.Reader, name string) (*Gate, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var g Gate
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil {
		return nil, fmt.Errorf("%s: %v: %w", name, jsonErrLine(b, err), kb.ErrInvalid)
	}
	if g.KB == "" {
		return nil, fmt.Errorf(`%s: "kb" is required: %w`, name, kb.ErrInvalid)
	}
	if len(g.Sets) == 0 {
		return nil, fmt.Errorf(`%s: "sets" is empty: %w`, name, kb.ErrInvalid)
	}
	for i, s := range g.Sets {
		where := fmt.Sprintf("%s: sets[%d]", name, i)
		if s.Set == "" {
			return nil, fmt.Errorf(`%s: "set" is required: %w`, where, kb.ErrInvalid)
		}
		if err := s.All.validate(); err != nil {
			return nil, fmt.Errorf("%s (%s): all: %w", where, s.Set, err)
		}
		for l, b := range s.ByLang {
			if !kb.ValidLanguageTag(l) {
				return nil, fmt.Errorf("%s (%s): by_lang: %q is not a language code: %w", where, s.Set, l, kb.ErrInvalid)
			}
			if err := b.validate(); err != nil {
				return nil, fmt.Errorf("%s (%s): by_lang.%s: %w", where, s.Set, l, err)
			}
		}
	}
	return &g, nil
}

// jsonErrLine adds the line to a JSON syntax or type error.
func jsonErrLine(b []byte, err error) string {
	var off int64 = -1
	switch e := err.(type) {
	case *json.SyntaxError:
		off = e.Offset
	case *json.UnmarshalTypeError:
		off = e.Offset
	}
	if off < 0 {
		return err.Error()
	}
	return fmt.Sprintf("line %d: %v", bytes.Count(b[:min(int(off), len(b))], []byte("\n"))+1, err)
}

func (b Bounds) validate() error {
	for _, k := range slices.Sorted(maps.Keys(b)) {
		col, ok := gateColumn(k)
		if !ok {
			return fmt.Errorf("%q is not a bound: use min_ or max_ followed by a contract metric, such as %s: %w",
				k, strings.Join(GateKeys, ", "), kb.ErrInvalid)
		}
		if v := b[k]; math.IsNaN(v) || v < 0 || v > 1 {
			return fmt.Errorf("%s is %v: %s is a rate between 0 and 1: %w", k, v, col.Key, kb.ErrInvalid)
		}
	}
	return nil
}

// gateColumn returns the metric a bound key names.
func gateColumn(key string) (Column, bool) {
	_, metric, ok := strings.Cut(key, "_")
	if !ok || (!strings.HasPrefix(key, "min_") && !strings.HasPrefix(key, "max_")) {
		return Column{}, false
	}
	for _, c := range Columns {
		if c.Key == metric && !c.Latency {
			return c, true
		}
	}
	return Column{}, false
}

// GateRow is one bound checked.
type GateRow struct {
	Set    string  `json:"set"`
	Scope  string  `json:"scope"` // "all" or a language
	Metric string  `json:"metric"`
	Op     string  `json:"op"` // ">=" or "<="
	Limit  float64 `json:"limit"`
	Value  float64 `json:"value"`
	OK     bool    `json:"ok"`
	// Note explains a failure that is not a value out of bounds, such as
	// a language with no messages in the set.
	Note string `json:"note,omitempty"`
}

// CheckGate checks one set's results against its bounds: overall first,
// then each language in order. A bound on a metric the scope cannot
// measure (a language absent from the set, an emergency recall without
// emergency messages) fails, so that a gate never passes by measuring
// nothing.
func CheckGate(gs GateSet, results []Result) []GateRow {
	var rows []GateRow
	check := func(scope string, b Bounds, rs []Result) {
		m := metrics(rs)
		for _, k := range slices.Sorted(maps.Keys(b)) {
			col, _ := gateColumn(k)
			row := GateRow{Set: gs.Set, Scope: scope, Metric: col.Key, Op: ">=", Limit: b[k], Value: col.Get(m)}
			if strings.HasPrefix(k, "max_") {
				row.Op = "<="
			}
			switch n := measurable(col.Key, rs); {
			case len(rs) == 0:
				row.Note = "no messages in this language"
			case n == 0:
				row.Note = "no messages to measure it on"
			case row.Op == ">=":
				row.OK = row.Value >= row.Limit-1e-9
			default:
				row.OK = row.Value <= row.Limit+1e-9
			}
			rows = append(rows, row)
		}
	}
	check("all", gs.All, results)
	byLang := map[string][]Result{}
	for _, r := range results {
		byLang[r.Case.Lang] = append(byLang[r.Case.Lang], r)
	}
	for _, l := range slices.Sorted(maps.Keys(gs.ByLang)) {
		check(l, gs.ByLang[l], byLang[l])
	}
	return rows
}

// measurable counts the messages a metric is computed over.
func measurable(metric string, rs []Result) int {
	m := metrics(rs)
	for _, c := range Columns {
		if c.Key == metric && c.Over != nil {
			return c.Over(m)
		}
	}
	return m.N
}

// GateFailures counts the rows that failed.
func GateFailures(rows []GateRow) int {
	n := 0
	for _, r := range rows {
		if !r.OK {
			n++
		}
	}
	return n
}

// WriteGateTable writes the rows as a table: every row, or with
// onlyFailed the failed ones only.
func WriteGateTable(w io.Writer, rows []GateRow, onlyFailed bool) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "set\tscope\tmetric\tbound\tmeasured\tresult\t")
	for _, r := range rows {
		if onlyFailed && r.OK {
			continue
		}
		res := "ok"
		if !r.OK {
			res = "FAIL"
			if r.Note != "" {
				res += ": " + r.Note
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s %.3f\t%.3f\t%s\t\n", r.Set, r.Scope, r.Metric, r.Op, r.Limit, r.Value, res)
	}
	return tw.Flush()
}

// ProposeBounds returns bounds slightly inside a run's figures, for a new
// gate file or after a deliberate change: answered_correct_rate at its
// value rounded down to hundredths minus 0.01 (decision_accuracy, the same
// way, when no message expects an entry), emergency_recall rounded
// down to hundredths (a recall of 1 stays 1), wrong_answer_rate rounded
// up to hundredths plus 0.01 but not above WrongAnswerBar when the run
// is within it; a zero recall sets no floor. Overall, a few messages can
// move without failing; in a language of a few dozen messages, one can
// usually not.
func ProposeBounds(rs []Result) Bounds {
	m := metrics(rs)
	b := Bounds{}
	down := func(v float64) float64 { return math.Floor(v*100+1e-9) / 100 }
	up := func(v float64) float64 { return math.Ceil(v*100-1e-9) / 100 }
	if measurable("answered_correct_rate", rs) > 0 {
		b["min_answered_correct_rate"] = round(max(0, down(m.AnsweredCorrectRate)-0.01))
	} else {
		// A set with no entry to answer (out of scope) is judged on the
		// share of the right handoffs and emergencies.
		b["min_decision_accuracy"] = round(max(0, down(m.DecisionAccuracy)-0.01))
	}
	wrong := up(m.WrongAnswerRate) + 0.01
	if up(m.WrongAnswerRate) <= WrongAnswerBar {
		wrong = min(wrong, WrongAnswerBar)
	}
	b["max_wrong_answer_rate"] = round(min(1, wrong))
	if measurable("emergency_recall", rs) > 0 && m.EmergencyRecall > 0 {
		b["min_emergency_recall"] = down(m.EmergencyRecall)
	}
	return b
}

// WrongAnswerBar is DESIGN.md's quality bar: a wrong-answer rate of at
// most 2%. ProposeBounds never sets a ceiling above it for a run that
// meets it.
const WrongAnswerBar = 0.02

// ProposeGateSet returns a GateSet for a set's results, with bounds from
// ProposeBounds overall and in every language.
func ProposeGateSet(set string, rs []Result) GateSet {
	gs := GateSet{Set: set, All: ProposeBounds(rs), ByLang: map[string]Bounds{}}
	byLang := map[string][]Result{}
	for _, r := range rs {
		byLang[r.Case.Lang] = append(byLang[r.Case.Lang], r)
	}
	for l, lrs := range byLang {
		gs.ByLang[l] = ProposeBounds(lrs)
	}
	return gs
}
