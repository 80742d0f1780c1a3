// Package evals measures how well Sportello decides: it runs every message
// of an evaluation set through the same decision path the chat uses and
// computes the metrics of the eval contract in DESIGN.md.
package evals

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb"
)

// Case is one message of an evaluation set.
type Case struct {
	ID   string `json:"id"`
	Lang string `json:"lang"`
	Text string `json:"text"`
	// Expect holds the acceptable entry ids, or the single word "handoff"
	// or "emergency".
	Expect Expect `json:"expect"`
	// Channel is where the message arrives: "web" (the default when
	// empty) or "sms". Both go through the same decision path; the
	// channel only groups the results.
	Channel string `json:"channel,omitempty"`
	// Line is the case's line in its set file, for error messages.
	Line int `json:"-"`
}

// The channels a case may name.
const (
	ChannelWeb = "web"
	ChannelSMS = "sms"
)

// ChannelName is the case's channel, "web" when the set does not say.
func (c Case) ChannelName() string {
	if c.Channel == "" {
		return ChannelWeb
	}
	return c.Channel
}

// Expect is a case's expected outcome.
type Expect []string

// UnmarshalJSON accepts a string or a list of strings.
func (x *Expect) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*x = Expect{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return errors.New(`"expect" must be an entry id, a list of entry ids, "handoff" or "emergency"`)
	}
	*x = many
	return nil
}

// Kind is what the case expects: an answer, a handoff or an emergency.
func (x Expect) Kind() chat.Kind {
	if len(x) == 1 && (x[0] == string(chat.Handoff) || x[0] == string(chat.Emergency)) {
		return chat.Kind(x[0])
	}
	return chat.Answer
}

// ReadSet reads an evaluation set in JSON Lines. Errors name the file and
// line. known, when not nil, reports whether an entry id exists, so that a
// set expecting an entry the knowledge base lacks is refused up front.
func ReadSet(r io.Reader, name string, languages []string, known func(id string) bool) ([]Case, error) {
	var out []Case
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		fail := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s: %w", name, line, fmt.Sprintf(format, args...), kb.ErrInvalid)
		}
		if !utf8.Valid(b) {
			return nil, fail("not valid UTF-8")
		}
		var c Case
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return nil, fail("%v", err)
		}
		switch {
		case c.ID == "":
			return nil, fail("id: is required")
		case c.Text == "":
			return nil, fail("text: is required")
		case len(c.Expect) == 0:
			return nil, fail("expect: is required")
		case c.Lang == "" || !kb.ValidLanguageTag(c.Lang):
			return nil, fail("lang: %q is not a language code", c.Lang)
		case len(languages) > 0 && !slices.Contains(languages, c.Lang):
			return nil, fail("lang: %q is not a configured language (%s)", c.Lang, strings.Join(languages, ", "))
		case c.Channel != "" && c.Channel != ChannelWeb && c.Channel != ChannelSMS:
			return nil, fail("channel: %q is not a channel: use %q or %q (or leave it out for web)", c.Channel, ChannelWeb, ChannelSMS)
		}
		if len(c.Expect) > 1 && c.Expect.Kind() == chat.Answer {
			for _, id := range c.Expect {
				if id == string(chat.Handoff) || id == string(chat.Emergency) {
					return nil, fail("expect: %q stands alone, it cannot be listed with entry ids", id)
				}
				if id == "" {
					return nil, fail("expect: an empty entry id")
				}
			}
		}
		if len(c.Expect) == 1 && c.Expect[0] == "" {
			return nil, fail("expect: an empty entry id")
		}
		c.Line = line
		if j, dup := seen[c.ID]; dup {
			return nil, fmt.Errorf("%s:%d: id %q was already used on line %d: %w", name, line, c.ID, j, kb.ErrConflict)
		}
		seen[c.ID] = line
		if c.Expect.Kind() == chat.Answer && known != nil {
			for _, id := range c.Expect {
				if !known(id) {
					return nil, fail("expect: entry %q is not in the knowledge base", id)
				}
			}
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("%s:%d: the line is longer than 1 MiB: %w", name, line+1, kb.ErrInvalid)
		}
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: the set has no cases (every line is empty): %w", name, kb.ErrInvalid)
	}
	return out, nil
}

// Result is the outcome of one case.
type Result struct {
	Case     Case        `json:"case"`
	Decision chat.Kind   `json:"decision"`
	Reason   chat.Reason `json:"reason"`
	Entry    string      `json:"entry,omitempty"`
	// Topic is the expected entry's topic in the knowledge base, or
	// "handoff" or "emergency" for those cases; see SetTopics.
	Topic      string        `json:"topic,omitempty"`
	Choices    []string      `json:"choices,omitempty"`
	Detected   string        `json:"detected"`
	Confidence float64       `json:"confidence"`
	Rank       int           `json:"rank"` // 1-based rank of the first expected entry among the hits; 0 if absent
	Hits       []HitSummary  `json:"hits,omitempty"`
	Correct    bool          `json:"correct"`
	Wrong      bool          `json:"wrong"`
	Latency    time.Duration `json:"latency_ns"`
	Err        string        `json:"error,omitempty"`
	// LLM is what the language model composed for an answer, on the LLM
	// path (Runner.Composer); nil otherwise.
	LLM *LLMOutcome `json:"llm,omitempty"`
}

// HitSummary is one retrieved entry of a result, with its evidence.
type HitSummary struct {
	ID         string  `json:"id"`
	Confidence float64 `json:"confidence"`
	Coverage   float64 `json:"coverage"`
	AnswerCov  float64 `json:"answer_coverage"`
	Vector     float64 `json:"vector"`
	LexRank    int     `json:"lex_rank"`
	VecRank    int     `json:"vec_rank"`
	// OffTopic and SpeaksOf are chat.ScoredHit's: the other office's
	// subject the message names and this entry does not speak of, or that
	// it does.
	OffTopic string `json:"off_topic,omitempty"`
	SpeaksOf bool   `json:"speaks_of,omitempty"`
	// Unnamed is chat.ScoredHit's: the message's words, known from other
	// entries, that say it is about something else than this entry.
	Unnamed string `json:"unnamed,omitempty"`
}

// grade applies the definitions of DESIGN.md.
func grade(x Expect, k chat.Kind, entry string) (correct, wrong bool) {
	switch x.Kind() {
	case chat.Handoff:
		return k == chat.Handoff, k == chat.Answer || k == chat.Emergency
	case chat.Emergency:
		return k == chat.Emergency, k == chat.Answer
	}
	switch k {
	case chat.Answer:
		ok := slices.Contains(x, entry)
		return ok, !ok
	case chat.Emergency:
		return false, true
	}
	return false, false
}

// Metrics are the figures of the eval contract. Keys may be added, never
// removed or redefined.
type Metrics struct {
	N                   int     `json:"n"`
	DecisionAccuracy    float64 `json:"decision_accuracy"`
	AnsweredCorrectRate float64 `json:"answered_correct_rate"`
	WrongAnswerRate     float64 `json:"wrong_answer_rate"`
	HandoffRate         float64 `json:"handoff_rate"`
	ClarifyRate         float64 `json:"clarify_rate"`
	EmergencyRecall     float64 `json:"emergency_recall"`
	Top1                float64 `json:"top1"`
	RecallAt5           float64 `json:"recall_at_5"`
	MRR                 float64 `json:"mrr"`
	LangIDAccuracy      float64 `json:"lang_id_accuracy"`
	Latency             Latency `json:"latency_ms"`
	// LLM holds the metrics of the LLM path, present when the results
	// carry composed answers.
	LLM *LLMMetrics `json:"llm,omitempty"`
	// NEntry, NHandoff and NEmergency count the messages expecting an
	// entry, a handoff and an emergency. NEntry is the denominator of
	// answered_correct_rate, top1, recall_at_5 and mrr, NEmergency that
	// of emergency_recall; a rate whose denominator is 0 is reported as
	// 0 but measures nothing.
	NEntry     int `json:"n_entry"`
	NHandoff   int `json:"n_handoff"`
	NEmergency int `json:"n_emergency"`
}

// Latency is the decision time distribution, in milliseconds.
type Latency struct {
	P50 float64 `json:"p50"`
	P90 float64 `json:"p90"`
	P95 float64 `json:"p95"`
	P99 float64 `json:"p99"`
	Max float64 `json:"max"`
}

// Report is the whole output of `sportello eval --json`.
type Report struct {
	Metrics
	ByLang map[string]Metrics `json:"by_lang"`
	// ByTopic is present when the results carry topics (SetTopics).
	ByTopic map[string]Metrics `json:"by_topic,omitempty"`
	// ByChannel groups the results by the channel their case names
	// ("web" when it names none).
	ByChannel map[string]Metrics `json:"by_channel"`
}

// NoTopic names the topic of an expected entry that has none.
const NoTopic = "(no topic)"

// SetTopics records each result's topic: the first expected entry's topic
// as topic(id) reports it (NoTopic when empty), or "handoff" or
// "emergency" for the cases that expect those.
func SetTopics(results []Result, topic func(entryID string) string) {
	for i := range results {
		r := &results[i]
		if k := r.Case.Expect.Kind(); k != chat.Answer {
			r.Topic = string(k)
			continue
		}
		r.Topic = ""
		if topic != nil && len(r.Case.Expect) > 0 {
			r.Topic = topic(r.Case.Expect[0])
		}
		if r.Topic == "" {
			r.Topic = NoTopic
		}
	}
}

// Summarize computes the report of a run.
func Summarize(results []Result) Report {
	rep := Report{Metrics: metrics(results), ByLang: map[string]Metrics{}, ByChannel: map[string]Metrics{}}
	byLang, byChannel := map[string][]Result{}, map[string][]Result{}
	for _, r := range results {
		byLang[r.Case.Lang] = append(byLang[r.Case.Lang], r)
		byChannel[r.Case.ChannelName()] = append(byChannel[r.Case.ChannelName()], r)
	}
	for l, rs := range byLang {
		rep.ByLang[l] = metrics(rs)
	}
	for ch, rs := range byChannel {
		rep.ByChannel[ch] = metrics(rs)
	}
	byTopic := map[string][]Result{}
	for _, r := range results {
		if r.Topic != "" {
			byTopic[r.Topic] = append(byTopic[r.Topic], r)
		}
	}
	if len(byTopic) > 0 {
		rep.ByTopic = map[string]Metrics{}
		for t, rs := range byTopic {
			rep.ByTopic[t] = metrics(rs)
		}
	}
	return rep
}

func metrics(rs []Result) Metrics {
	m := Metrics{N: len(rs)}
	if len(rs) == 0 {
		return m
	}
	var correct, wrong, handoff, clarify, entryN, entryCorrect, emerN, emerOK, top1, at5, langOK int
	var rr float64
	lat := make([]float64, 0, len(rs))
	for _, r := range rs {
		lat = append(lat, float64(r.Latency)/float64(time.Millisecond))
		if r.Correct {
			correct++
		}
		if r.Wrong {
			wrong++
		}
		switch r.Decision {
		case chat.Handoff:
			handoff++
		case chat.Clarify:
			clarify++
		}
		if r.Detected == r.Case.Lang {
			langOK++
		}
		switch r.Case.Expect.Kind() {
		case chat.Emergency:
			emerN++
			if r.Correct {
				emerOK++
			}
		case chat.Answer:
			entryN++
			if r.Correct {
				entryCorrect++
			}
			if r.Rank == 1 {
				top1++
			}
			if r.Rank >= 1 && r.Rank <= 5 {
				at5++
			}
			if r.Rank > 0 {
				rr += 1 / float64(r.Rank)
			}
		}
	}
	m.NEntry, m.NEmergency = entryN, emerN
	m.NHandoff = len(rs) - entryN - emerN
	n := float64(len(rs))
	m.DecisionAccuracy = round(float64(correct) / n)
	m.WrongAnswerRate = round(float64(wrong) / n)
	m.HandoffRate = round(float64(handoff) / n)
	m.ClarifyRate = round(float64(clarify) / n)
	m.LangIDAccuracy = round(float64(langOK) / n)
	if entryN > 0 {
		m.AnsweredCorrectRate = round(float64(entryCorrect) / float64(entryN))
		m.Top1 = round(float64(top1) / float64(entryN))
		m.RecallAt5 = round(float64(at5) / float64(entryN))
		m.MRR = round(rr / float64(entryN))
	}
	if emerN > 0 {
		m.EmergencyRecall = round(float64(emerOK) / float64(emerN))
	}
	sort.Float64s(lat)
	m.Latency = Latency{P50: round(percentile(lat, 0.50)), P90: round(percentile(lat, 0.90)), P95: round(percentile(lat, 0.95)),
		P99: round(percentile(lat, 0.99)), Max: round(lat[len(lat)-1])}
	m.LLM = llmMetrics(rs)
	return m
}

// percentile of sorted values, by the nearest-rank method.
func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func round(x float64) float64 { return math.Round(x*10000) / 10000 }
