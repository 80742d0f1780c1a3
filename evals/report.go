package evals

import (
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/sportello/sportello/chat"
)

// Column is one contract metric as the reports show it.
type Column struct {
	Key   string // the metric's JSON key
	Title string
	Get   func(Metrics) float64
	// Latency marks the timing columns, which vary from run to run.
	Latency bool
	// Over, when set, is the number of messages the metric is computed
	// over; where it is 0 the reports show a dash, not a 0.
	Over func(Metrics) int
}

func overEntries(m Metrics) int   { return m.NEntry }
func overEmergency(m Metrics) int { return m.NEmergency }

// Measured reports whether the metric measures anything in m.
func (c Column) Measured(m Metrics) bool {
	if c.Over != nil {
		return c.Over(m) > 0
	}
	return m.N > 0
}

// Columns are the contract metrics in the order every report shows them
// (n excepted, which is an integer).
var Columns = []Column{
	{Key: "decision_accuracy", Title: "decision acc", Get: func(m Metrics) float64 { return m.DecisionAccuracy }},
	{Key: "answered_correct_rate", Title: "answered correct", Get: func(m Metrics) float64 { return m.AnsweredCorrectRate }, Over: overEntries},
	{Key: "wrong_answer_rate", Title: "wrong", Get: func(m Metrics) float64 { return m.WrongAnswerRate }},
	{Key: "handoff_rate", Title: "handoff", Get: func(m Metrics) float64 { return m.HandoffRate }},
	{Key: "clarify_rate", Title: "clarify", Get: func(m Metrics) float64 { return m.ClarifyRate }},
	{Key: "emergency_recall", Title: "emergency recall", Get: func(m Metrics) float64 { return m.EmergencyRecall }, Over: overEmergency},
	{Key: "top1", Title: "top1", Get: func(m Metrics) float64 { return m.Top1 }, Over: overEntries},
	{Key: "recall_at_5", Title: "recall@5", Get: func(m Metrics) float64 { return m.RecallAt5 }, Over: overEntries},
	{Key: "mrr", Title: "MRR", Get: func(m Metrics) float64 { return m.MRR }, Over: overEntries},
	{Key: "lang_id_accuracy", Title: "lang id", Get: func(m Metrics) float64 { return m.LangIDAccuracy }},
	{Key: "latency_ms.p50", Title: "p50 ms", Get: func(m Metrics) float64 { return m.Latency.P50 }, Latency: true},
	{Key: "latency_ms.p95", Title: "p95 ms", Get: func(m Metrics) float64 { return m.Latency.P95 }, Latency: true},
}

// Analysis is everything the md and html reports show, computed from the
// results of one run.
type Analysis struct {
	Title      string
	Generated  time.Time
	Thresholds chat.Thresholds
	Report     Report
	// Langs, Topics and Channels are the keys of Report.ByLang,
	// Report.ByTopic and Report.ByChannel, sorted.
	Langs    []string
	Topics   []string
	Channels []string
	// Workers is how many cases were decided at once (0 when unknown);
	// the latency figures include waiting for a core when it exceeds the
	// free cores.
	Workers int
	// Confusions are the most frequent (expected, got) pairs.
	Confusions []Confusion
	// Calibration bins the best hit's confidence of every case that
	// retrieved something.
	Calibration []CalibrationBin
	// Histogram is the latency distribution in equal-width bins.
	Histogram []LatencyBin
	// Wrong are the wrongly decided cases, in set order.
	Wrong []Result
	// LLMIssues are the composed answers that were not grounded or not
	// in the citizen's language, in set order (the LLM path only).
	LLMIssues []Result
}

// Confusion counts the cases that expected Expected and either answered
// Got (Answered) or ranked Got first without answering it (TopRanked).
type Confusion struct {
	Expected  string   `json:"expected"`
	Got       string   `json:"got"`
	Answered  int      `json:"answered"`
	TopRanked int      `json:"top_ranked"`
	Examples  []Result `json:"-"`
	// ExampleIDs are the ids of Examples.
	ExampleIDs []string `json:"examples"`
}

// CalibrationBin is one bin of the calibration curve: of the N cases whose
// best hit's confidence is in [Lo, Hi), Top1 had an expected entry ranked
// first (cases that expect a handoff never do), Answered were answered and
// Wrong answered wrongly.
type CalibrationBin struct {
	Lo       float64 `json:"lo"`
	Hi       float64 `json:"hi"`
	N        int     `json:"n"`
	Top1     int     `json:"top1"`
	Answered int     `json:"answered"`
	Wrong    int     `json:"wrong"`
}

// Share is the share of correct top-1 in the bin.
func (b CalibrationBin) Share() float64 {
	if b.N == 0 {
		return 0
	}
	return float64(b.Top1) / float64(b.N)
}

// LatencyBin is one bar of the latency histogram, in milliseconds.
type LatencyBin struct {
	Lo float64 `json:"lo_ms"`
	Hi float64 `json:"hi_ms"`
	N  int     `json:"n"`
}

// CalibrationBinWidth is the width of the calibration curve's bins.
const CalibrationBinWidth = 0.05

// MaxConfusions is how many confusion pairs the reports list.
const MaxConfusions = 20

// Analyze computes the analysis of a run decided with thresholds th.
func Analyze(results []Result, th chat.Thresholds) Analysis {
	a := Analysis{Title: "Sportello evaluation", Thresholds: th, Report: Summarize(results)}
	a.Langs = slices.Sorted(maps.Keys(a.Report.ByLang))
	a.Topics = slices.Sorted(maps.Keys(a.Report.ByTopic))
	a.Channels = slices.Sorted(maps.Keys(a.Report.ByChannel))
	a.Confusions = confusions(results)
	a.Calibration = calibration(results)
	a.Histogram = histogram(results, 20)
	for _, r := range results {
		if r.Wrong {
			a.Wrong = append(a.Wrong, r)
		}
		if o := r.LLM; o != nil && !o.Fallback && (!o.Grounded || !o.LangOK) {
			a.LLMIssues = append(a.LLMIssues, r)
		}
	}
	return a
}

// FullReport is the JSON form of the whole report (`--format json`): the
// contract object of DESIGN.md with the analysis added under new keys.
type FullReport struct {
	Report
	Thresholds       ThresholdsJSON   `json:"thresholds"`
	Confusions       []Confusion      `json:"confusions"`
	Calibration      []CalibrationBin `json:"calibration"`
	LatencyHistogram []LatencyBin     `json:"latency_histogram"`
	Workers          int              `json:"workers,omitempty"`
}

// JSON returns the analysis as a FullReport. Empty calibration bins are
// left out.
func (a Analysis) JSON() FullReport {
	f := FullReport{Report: a.Report, Thresholds: thresholdsJSON(a.Thresholds), Confusions: a.Confusions,
		Calibration: []CalibrationBin{}, LatencyHistogram: a.Histogram, Workers: a.Workers}
	if f.Confusions == nil {
		f.Confusions = []Confusion{}
	}
	if f.LatencyHistogram == nil {
		f.LatencyHistogram = []LatencyBin{}
	}
	for _, b := range a.Calibration {
		if b.N > 0 {
			f.Calibration = append(f.Calibration, b)
		}
	}
	return f
}

func confusions(results []Result) []Confusion {
	type key struct{ x, y string }
	byKey := map[key]*Confusion{}
	get := func(x, y string) *Confusion {
		k := key{x, y}
		if byKey[k] == nil {
			byKey[k] = &Confusion{Expected: x, Got: y}
		}
		return byKey[k]
	}
	for _, r := range results {
		x := strings.Join(r.Case.Expect, " | ")
		var c *Confusion
		if r.Decision == chat.Answer && !slices.Contains(r.Case.Expect, r.Entry) {
			c = get(x, r.Entry)
			c.Answered++
		} else if r.Case.Expect.Kind() == chat.Answer && len(r.Hits) > 0 && !slices.Contains(r.Case.Expect, r.Hits[0].ID) {
			c = get(x, r.Hits[0].ID)
			c.TopRanked++
		}
		if c != nil && len(c.Examples) < 3 {
			c.Examples = append(c.Examples, r)
			c.ExampleIDs = append(c.ExampleIDs, r.Case.ID)
		}
	}
	out := make([]Confusion, 0, len(byKey))
	for _, c := range byKey {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Confusion) int {
		return cmp.Or(cmp.Compare(b.Answered, a.Answered), cmp.Compare(b.Answered+b.TopRanked, a.Answered+a.TopRanked),
			cmp.Compare(a.Expected, b.Expected), cmp.Compare(a.Got, b.Got))
	})
	if len(out) > MaxConfusions {
		out = out[:MaxConfusions]
	}
	return out
}

func calibration(results []Result) []CalibrationBin {
	n := int(math.Round(1 / CalibrationBinWidth))
	bins := make([]CalibrationBin, n)
	for i := range bins {
		bins[i].Lo, bins[i].Hi = round(float64(i)*CalibrationBinWidth), round(float64(i+1)*CalibrationBinWidth)
	}
	for _, r := range results {
		if len(r.Hits) == 0 {
			continue
		}
		i := min(max(int(r.Confidence/CalibrationBinWidth), 0), n-1)
		b := &bins[i]
		b.N++
		if r.Case.Expect.Kind() == chat.Answer && r.Rank == 1 {
			b.Top1++
		}
		if r.Decision == chat.Answer {
			b.Answered++
			if r.Wrong {
				b.Wrong++
			}
		}
	}
	return bins
}

func histogram(results []Result, n int) []LatencyBin {
	if len(results) == 0 {
		return nil
	}
	hi := 0.0
	for _, r := range results {
		hi = max(hi, ms(r.Latency))
	}
	width := niceWidth(hi / float64(n))
	n = max(1, int(math.Ceil(hi/width)))
	if hi/width == math.Floor(hi/width) {
		n++ // the maximum sits on a bin's lower edge
	}
	bins := make([]LatencyBin, n)
	for i := range bins {
		bins[i].Lo, bins[i].Hi = round(float64(i)*width), round(float64(i+1)*width)
	}
	for _, r := range results {
		bins[min(int(ms(r.Latency)/width), n-1)].N++
	}
	return bins
}

// niceWidth rounds a bin width up to 1, 2 or 5 times a power of ten.
func niceWidth(w float64) float64 {
	if w <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(w)))
	for _, m := range []float64{1, 2, 5, 10} {
		if w <= m*p {
			return m * p
		}
	}
	return 10 * p
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// outcome describes a result's decision in a few words.
func outcome(r Result) string {
	switch r.Decision {
	case chat.Answer:
		return "answer " + r.Entry
	case chat.Clarify:
		return "clarify " + strings.Join(r.Choices, ", ")
	}
	if r.Reason != "" {
		return fmt.Sprintf("%s (%s)", r.Decision, r.Reason)
	}
	if r.Err != "" {
		return fmt.Sprintf("%s (refused)", r.Decision)
	}
	return string(r.Decision)
}

// Outcome describes a result's decision in a few words: "answer ID",
// "clarify A, B", "handoff (reason)", "emergency (emergency)".
func Outcome(r Result) string { return outcome(r) }

// WriteMarkdown writes the analysis as a Markdown document.
func WriteMarkdown(w io.Writer, a Analysis) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# %s\n\n", mdCell(a.Title))
	if !a.Generated.IsZero() {
		p("Generated %s. ", a.Generated.UTC().Format(time.RFC3339))
	}
	th := a.Thresholds
	p("%d messages. Thresholds: answer %.2f, margin %.2f (%.2f when both rankings agree), clarify %.2f.\n\n",
		a.Report.N, th.Answer, th.Margin, th.AgreeMargin, th.Clarify)
	table := func(first string, keys []string, get func(string) Metrics) {
		p("| %s | n |", first)
		for _, c := range Columns {
			p(" %s |", c.Title)
		}
		p("\n| --- | ---: |%s\n", strings.Repeat(" ---: |", len(Columns)))
		row := func(name string, m Metrics) {
			p("| %s | %d |", name, m.N)
			for _, c := range Columns {
				p(" %s |", c.Format(m))
			}
			p("\n")
		}
		for _, k := range keys {
			row(mdCell(k), get(k))
		}
		row("**all**", a.Report.Metrics)
	}
	p("## By language\n\n")
	table("lang", a.Langs, func(k string) Metrics { return a.Report.ByLang[k] })
	if len(a.Topics) > 0 {
		p("\n## By topic\n\n")
		p("A message's topic is its expected entry's topic in the knowledge base; messages that expect a handoff or an emergency form their own rows.\n\n")
		table("topic", a.Topics, func(k string) Metrics { return a.Report.ByTopic[k] })
	}
	if len(a.Channels) > 0 {
		p("\n## By channel\n\n%s\n\n", ChannelNote)
		table("channel", a.Channels, func(k string) Metrics { return a.Report.ByChannel[k] })
	}
	if m := a.Report.LLM; m != nil {
		p("\n## LLM path\n\n%s\n\n", LLMNote)
		p("| lang | answers | composed | fallback share | groundedness | answer in the citizen's language | fallback reasons |\n| --- | ---: | ---: | ---: | ---: | ---: | --- |\n")
		llmRow := func(name string, m *LLMMetrics) {
			if m != nil {
				p("| %s | %d | %d | %.3f | %.3f | %.3f | %s |\n", name, m.Answers, m.Composed, m.FallbackRate, m.Groundedness, m.LanguageMatch,
					mdCell(reasons(m.FallbackReasons)))
			}
		}
		for _, l := range a.Langs {
			llmRow(mdCell(l), a.Report.ByLang[l].LLM)
		}
		llmRow("**all**", m)
		if len(a.LLMIssues) > 0 {
			p("\n| id | lang | composed answer | cited | given | answer language |\n| --- | --- | --- | --- | --- | --- |\n")
			for _, r := range a.LLMIssues {
				o := r.LLM
				p("| %s | %s | %s | %s | %s | %s |\n", mdCell(r.Case.ID), mdCell(r.Case.Lang), mdCell(o.Text), mdCell(strings.Join(o.Cited, ", ")),
					mdCell(strings.Join(o.Given, ", ")), mdCell(o.Lang))
			}
		}
	}
	p("\n## Most confused entries\n\n")
	if len(a.Confusions) == 0 {
		p("No case answered or ranked first an entry it did not expect.\n")
	} else {
		p("Expected X, answered Y (wrong answers) or ranked Y first without answering.\n\n")
		p("| expected | got | answered | top-ranked | examples |\n| --- | --- | ---: | ---: | --- |\n")
		for _, c := range a.Confusions {
			var ex []string
			for _, r := range c.Examples {
				ex = append(ex, fmt.Sprintf("%s (%s): %s", mdCell(r.Case.ID), mdCell(r.Case.Lang), mdCell(r.Case.Text)))
			}
			p("| %s | %s | %d | %d | %s |\n", mdCell(c.Expected), mdCell(c.Got), c.Answered, c.TopRanked, strings.Join(ex, "<br>"))
		}
	}
	p("\n## Calibration\n\nThe best hit's confidence, binned, with the share of cases whose first hit is an expected entry. ")
	p("Answer threshold %.2f, clarify threshold %.2f.\n\n", th.Answer, th.Clarify)
	p("| confidence | n | correct top-1 | share | answered | wrong answers | |\n| --- | ---: | ---: | ---: | ---: | ---: | --- |\n")
	for _, bin := range a.Calibration {
		if bin.N == 0 {
			continue
		}
		var marks []string
		if th.Answer >= bin.Lo && th.Answer < bin.Hi {
			marks = append(marks, fmt.Sprintf("← answer %.2f", th.Answer))
		}
		if th.Clarify >= bin.Lo && th.Clarify < bin.Hi {
			marks = append(marks, fmt.Sprintf("← clarify %.2f", th.Clarify))
		}
		p("| %.2f–%.2f | %d | %d | %.3f | %d | %d | %s |\n", bin.Lo, bin.Hi, bin.N, bin.Top1, bin.Share(), bin.Answered, bin.Wrong, strings.Join(marks, " "))
	}
	l := a.Report.Latency
	p("\n## Latency\n\n%s\n\n| p50 | p90 | p95 | p99 | max |\n| ---: | ---: | ---: | ---: | ---: |\n", a.latencyNote())
	p("| %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms |\n\n", l.P50, l.P90, l.P95, l.P99, l.Max)
	if len(a.Histogram) > 0 {
		p("| ms | messages |\n| --- | ---: |\n")
		for _, h := range a.Histogram {
			p("| %g–%g | %d |\n", h.Lo, h.Hi, h.N)
		}
	}
	p("\n## Wrong decisions\n\n")
	if len(a.Wrong) == 0 {
		p("None.\n")
	} else {
		p("| id | lang | text | expected | decided | confidence |\n| --- | --- | --- | --- | --- | ---: |\n")
		for _, r := range a.Wrong {
			p("| %s | %s | %s | %s | %s | %.3f |\n", mdCell(r.Case.ID), mdCell(r.Case.Lang), mdCell(r.Case.Text),
				mdCell(strings.Join(r.Case.Expect, " | ")), mdCell(outcome(r)), r.Confidence)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ChannelNote says how the channels are evaluated.
const ChannelNote = "A set line may name its channel (\"channel\": \"sms\"; web when it does not). " +
	"SMS messages go through exactly the same decision path as web ones (chat.Engine.Decide, the text as the gateway delivers it); " +
	"the channel only changes the form of the reply (the entry's short SMS text), which these metrics do not score."

// LLMNote says what the LLM path's metrics mean.
const LLMNote = "Every answer was also composed by the configured language model, grounded on the entries the decision found. " +
	"Fallback share: answers where the curated text was used instead (the model failed or cited nothing it was given). " +
	"Groundedness: the model's answers that cite at least one entry and only entries they were given. " +
	"Language: the model's answers whose detected language (i18n/langid) is the one the citizen wrote in."

// reasons lists fallback reasons with their counts, most frequent first.
func reasons(m map[string]int) string {
	keys := slices.SortedFunc(maps.Keys(m), func(a, b string) int { return cmp.Or(cmp.Compare(m[b], m[a]), cmp.Compare(a, b)) })
	var out []string
	for _, k := range keys {
		out = append(out, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(out, ", ")
}

// latencyNote says how the latency was measured.
func (a Analysis) latencyNote() string {
	s := "Time of one decision (language detection, signals, retrieval, decision) per message, without any network."
	if a.Workers > 1 {
		s += fmt.Sprintf(" Measured with %d messages decided at once, so a message may include time spent waiting for a core; run with --workers 1 for the latency of a lone chat turn.", a.Workers)
	}
	return s
}

// Format formats metric c of m for a table: a dash where it measures
// nothing.
func (c Column) Format(m Metrics) string {
	if !c.Measured(m) {
		return "—"
	}
	return fmtMetric(c, c.Get(m))
}

func fmtMetric(c Column, v float64) string {
	if c.Latency {
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.3f", v)
}

// mdCell makes text safe in a Markdown table cell: no line breaks, pipes
// and markup characters escaped, HTML neutralised.
func mdCell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer(`\`, `\\`, "|", `\|`, "<", "&lt;", ">", "&gt;", "&", "&amp;", "*", `\*`, "_", `\_`, "`", "\\`",
		"[", `\[`, "]", `\]`).Replace(s)
}

//go:embed report.html.tmpl
var reportHTML string

var htmlTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"f1":      func(v float64) string { return fmt.Sprintf("%.1f", v) },
	"f2":      func(v float64) string { return fmt.Sprintf("%.2f", v) },
	"f3":      func(v float64) string { return fmt.Sprintf("%.3f", v) },
	"add":     func(a, b float64) float64 { return a + b },
	"sub":     func(a, b float64) float64 { return a - b },
	"div":     func(a, b float64) float64 { return a / b },
	"metric":  Column.Format,
	"outcome": outcome,
	"join":    strings.Join,
	"reasons": reasons,
}).Parse(reportHTML))

type namedMetrics struct {
	Name string
	All  bool
	M    Metrics
}

// svgPlot is the geometry of one inline SVG chart: the plot area spans
// X0–X1 and Y1 (top)–Y0 (bottom).
type svgPlot struct {
	ID, Title, XLabel, YLabel string
	W, H, X0, X1, Y0, Y1      float64
	XTicks, YTicks            []svgTick
	Points                    []svgPoint
	Polyline                  string
	Bars                      []svgBar
	Marks                     []svgMark
}

type svgTick struct {
	Pos   float64
	Label string
}

type svgPoint struct {
	X, Y, R float64
	Title   string
}

type svgBar struct {
	X, Y, W, H float64
	Title      string
}

type svgMark struct {
	X, DY       float64
	Kind, Label string
}

type htmlView struct {
	Analysis
	Columns     []Column
	LangRows    []namedMetrics
	TopicRows   []namedMetrics
	ChannelRows []namedMetrics
	LLMRows     []namedMetrics
	BinWidth    float64
	Cal, Lat    svgPlot
	ChannelNote string
	LLMNote     string
	LatencyNote string
}

// WriteHTML writes the analysis as one self-contained HTML page: inline
// CSS and SVG, no script, every text escaped by html/template.
func WriteHTML(w io.Writer, a Analysis) error {
	v := htmlView{Analysis: a, Columns: Columns, BinWidth: CalibrationBinWidth}
	for _, l := range a.Langs {
		v.LangRows = append(v.LangRows, namedMetrics{Name: l, M: a.Report.ByLang[l]})
	}
	v.LangRows = append(v.LangRows, namedMetrics{Name: "all", All: true, M: a.Report.Metrics})
	if len(a.Topics) > 0 {
		for _, t := range a.Topics {
			v.TopicRows = append(v.TopicRows, namedMetrics{Name: t, M: a.Report.ByTopic[t]})
		}
		v.TopicRows = append(v.TopicRows, namedMetrics{Name: "all", All: true, M: a.Report.Metrics})
	}
	for _, c := range a.Channels {
		v.ChannelRows = append(v.ChannelRows, namedMetrics{Name: c, M: a.Report.ByChannel[c]})
	}
	if len(v.ChannelRows) > 0 {
		v.ChannelRows = append(v.ChannelRows, namedMetrics{Name: "all", All: true, M: a.Report.Metrics})
	}
	if a.Report.LLM != nil {
		for _, l := range a.Langs {
			if a.Report.ByLang[l].LLM != nil {
				v.LLMRows = append(v.LLMRows, namedMetrics{Name: l, M: a.Report.ByLang[l]})
			}
		}
		v.LLMRows = append(v.LLMRows, namedMetrics{Name: "all", All: true, M: a.Report.Metrics})
	}
	v.ChannelNote, v.LLMNote, v.LatencyNote = ChannelNote, LLMNote, a.latencyNote()
	v.Cal = calibrationPlot(a)
	v.Lat = latencyPlot(a)
	return htmlTmpl.Execute(w, v)
}

func newPlot(id, title, xl, yl string) svgPlot {
	return svgPlot{ID: id, Title: title, XLabel: xl, YLabel: yl, W: 640, H: 300, X0: 56, X1: 624, Y0: 256, Y1: 16}
}

func calibrationPlot(a Analysis) svgPlot {
	p := newPlot("calibration", "Share of correct top-1 by the best hit's confidence", "confidence of the best hit", "correct top-1")
	// The x axis runs from 0 to just past the last non-empty bin and the
	// thresholds, in tenths.
	hi := max(a.Thresholds.Answer, a.Thresholds.Clarify) + 0.1
	for _, b := range a.Calibration {
		if b.N > 0 {
			hi = max(hi, b.Hi)
		}
	}
	hi = min(1, math.Ceil(hi*10-1e-9)/10)
	x := func(c float64) float64 { return p.X0 + c/hi*(p.X1-p.X0) }
	y := func(s float64) float64 { return p.Y0 - s*(p.Y0-p.Y1) }
	for i := 0; float64(i)/10 <= hi+1e-9; i++ {
		c := float64(i) / 10
		p.XTicks = append(p.XTicks, svgTick{Pos: x(c), Label: fmt.Sprintf("%.1f", c)})
	}
	for _, s := range []float64{0, 0.25, 0.5, 0.75, 1} {
		p.YTicks = append(p.YTicks, svgTick{Pos: y(s), Label: fmt.Sprintf("%.0f%%", s*100)})
	}
	maxN := 1
	for _, b := range a.Calibration {
		maxN = max(maxN, b.N)
	}
	var pts []string
	for _, b := range a.Calibration {
		if b.N == 0 {
			continue
		}
		cx, cy := x((b.Lo+b.Hi)/2), y(b.Share())
		p.Points = append(p.Points, svgPoint{X: cx, Y: cy, R: 2.5 + 7*math.Sqrt(float64(b.N)/float64(maxN)),
			Title: fmt.Sprintf("%.2f–%.2f: %d of %d correct top-1 (%.0f%%), %d answered, %d wrong", b.Lo, b.Hi, b.Top1, b.N, 100*b.Share(), b.Answered, b.Wrong)})
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", cx, cy))
	}
	p.Polyline = strings.Join(pts, " ")
	if t := a.Thresholds; t.Answer > 0 || t.Clarify > 0 {
		p.Marks = []svgMark{
			{X: x(t.Clarify), DY: 12, Kind: "clarify", Label: fmt.Sprintf("clarify %.2f", t.Clarify)},
			{X: x(t.Answer), DY: 26, Kind: "answer", Label: fmt.Sprintf("answer %.2f", t.Answer)},
		}
	}
	return p
}

func latencyPlot(a Analysis) svgPlot {
	p := newPlot("latency", "Decision latency histogram (ms)", "milliseconds", "messages")
	if len(a.Histogram) == 0 {
		return p
	}
	hi := a.Histogram[len(a.Histogram)-1].Hi
	maxN := 1
	for _, b := range a.Histogram {
		maxN = max(maxN, b.N)
	}
	x := func(v float64) float64 { return p.X0 + v/hi*(p.X1-p.X0) }
	y := func(n float64) float64 { return p.Y0 - n/float64(maxN)*(p.Y0-p.Y1) }
	for _, b := range a.Histogram {
		p.Bars = append(p.Bars, svgBar{X: x(b.Lo) + 0.5, Y: y(float64(b.N)), W: max(0, x(b.Hi)-x(b.Lo)-1), H: p.Y0 - y(float64(b.N)),
			Title: fmt.Sprintf("%g–%g ms: %d messages", b.Lo, b.Hi, b.N)})
	}
	step := max(1, len(a.Histogram)/10)
	for i := 0; i <= len(a.Histogram); i += step {
		v := float64(i) * (hi / float64(len(a.Histogram)))
		p.XTicks = append(p.XTicks, svgTick{Pos: x(v), Label: fmt.Sprintf("%g", round(v))})
	}
	for _, f := range []float64{0, 0.5, 1} {
		n := math.Round(f * float64(maxN))
		p.YTicks = append(p.YTicks, svgTick{Pos: y(n), Label: fmt.Sprintf("%.0f", n)})
	}
	l := a.Report.Latency
	p.Marks = []svgMark{
		{X: x(l.P50), DY: 12, Kind: "latency", Label: fmt.Sprintf("p50 %.2f", l.P50)},
		{X: x(l.P95), DY: 26, Kind: "latency", Label: fmt.Sprintf("p95 %.2f", l.P95)},
		{X: x(l.P99), DY: 40, Kind: "latency", Label: fmt.Sprintf("p99 %.2f", l.P99)},
	}
	return p
}
