package evals

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb"
)

// Weights mix a hit's evidence into its confidence, as chat's score does:
// confidence = Coverage·coverage + AnswerCoverage·answer coverage +
// Cosine·cosine.
type Weights struct {
	Coverage       float64 `json:"coverage"`
	AnswerCoverage float64 `json:"answer_coverage"`
	Cosine         float64 `json:"cosine"`
}

// DefaultWeights are the weights of chat/decide.go's score.
var DefaultWeights = Weights{Coverage: 0.5, AnswerCoverage: 0.2, Cosine: 0.3}

// Setting is one candidate decision: weights and thresholds.
type Setting struct {
	Weights    Weights
	Thresholds chat.Thresholds
}

// ThresholdsJSON is chat.Thresholds with JSON keys, as calibrate writes it.
type ThresholdsJSON struct {
	Answer      float64 `json:"answer"`
	Margin      float64 `json:"margin"`
	AgreeMargin float64 `json:"agree_margin"`
	Clarify     float64 `json:"clarify"`
}

func thresholdsJSON(t chat.Thresholds) ThresholdsJSON {
	return ThresholdsJSON{Answer: t.Answer, Margin: t.Margin, AgreeMargin: t.AgreeMargin, Clarify: t.Clarify}
}

// replayable reports whether a result went through retrieval and the
// threshold decision, and so can be decided again from its hits. Signals
// (emergency, explicit request, personal case), exact phrasings, refused
// input and empty retrievals keep their decision whatever the weights.
func replayable(r Result) bool {
	if r.Err != "" || len(r.Hits) == 0 {
		return false
	}
	switch r.Reason {
	case chat.ReasonEmergency, chat.ReasonExplicit, chat.ReasonPersonal, chat.ReasonExact:
		return false
	}
	return true
}

// rescore orders the recorded hits as chat's score would with weights w:
// first back into retrieval order (Reciprocal Rank Fusion of the two
// ranks, which the results file does not record directly), then stably by
// the new confidence.
func rescore(hits []HitSummary, w Weights) []HitSummary {
	out := slices.Clone(hits)
	rrf := func(h HitSummary) float64 {
		s := 0.0
		if h.LexRank > 0 {
			s += 1 / float64(kb.RRFK+h.LexRank)
		}
		if h.VecRank > 0 {
			s += 1 / float64(kb.RRFK+h.VecRank)
		}
		return s
	}
	sort.SliceStable(out, func(i, j int) bool { return rrf(out[i]) > rrf(out[j]) })
	for i := range out {
		h := &out[i]
		h.Confidence = w.Coverage*h.Coverage + w.AnswerCoverage*h.AnswerCov + w.Cosine*h.Vector
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Confidence > out[j].Confidence })
	return out
}

// Redecide decides every result again from its recorded hits with setting
// s, by the rule of chat.Engine.Decide: answer when the best confidence c1
// ≥ Answer and c1 − c2 ≥ Margin (AgreeMargin when the best hit is first in
// both rankings); clarify with up to three hits ≥ Clarify when the best two
// are both ≥ Clarify; hand off otherwise. Results that did not reach the
// threshold decision are kept as they are.
func Redecide(results []Result, s Setting) []Result {
	out := make([]Result, len(results))
	for i, r := range results {
		out[i] = r
		if !replayable(r) {
			continue
		}
		n := &out[i]
		n.Hits = rescore(r.Hits, s.Weights)
		n.Rank = 0
		for j, h := range n.Hits {
			if slices.Contains(r.Case.Expect, h.ID) {
				n.Rank = j + 1
				break
			}
		}
		best, second := n.Hits[0], 0.0
		if len(n.Hits) > 1 {
			second = n.Hits[1].Confidence
		}
		t := s.Thresholds
		margin := t.Margin
		if best.LexRank == 1 && best.VecRank == 1 {
			margin = t.AgreeMargin
		}
		n.Confidence, n.Entry, n.Choices = best.Confidence, "", nil
		switch {
		case best.OffTopic != "":
			// As chat: the entries that speak of the message's subject
			// are offered, or a person takes it.
			for _, h := range n.Hits {
				if h.SpeaksOf && h.Confidence >= t.Clarify && len(n.Choices) < 3 {
					n.Choices = append(n.Choices, h.ID)
				}
			}
			n.Decision, n.Reason = chat.Handoff, chat.ReasonLowConfidence
			if len(n.Choices) > 0 {
				n.Decision, n.Reason = chat.Clarify, chat.ReasonClose
			}
		case best.Confidence >= t.Answer && best.Confidence-second >= margin && best.Unnamed != "":
			// As chat: the message names another entry's subject and not
			// this one's; the plausible entries are offered.
			for _, h := range n.Hits {
				if h.OffTopic == "" && h.Confidence >= t.Clarify && len(n.Choices) < 3 {
					n.Choices = append(n.Choices, h.ID)
				}
			}
			n.Decision, n.Reason = chat.Handoff, chat.ReasonLowConfidence
			if len(n.Choices) > 0 {
				n.Decision, n.Reason = chat.Clarify, chat.ReasonClose
			}
		case best.Confidence >= t.Answer && best.Confidence-second >= margin:
			n.Decision, n.Reason, n.Entry = chat.Answer, chat.ReasonConfident, best.ID
		case best.Confidence >= t.Clarify && second >= t.Clarify:
			n.Decision, n.Reason = chat.Clarify, chat.ReasonClose
			for _, h := range n.Hits {
				if h.OffTopic == "" && h.Confidence >= t.Clarify && len(n.Choices) < 3 {
					n.Choices = append(n.Choices, h.ID)
				}
			}
			if len(n.Choices) < 2 {
				n.Decision, n.Reason, n.Choices = chat.Handoff, chat.ReasonLowConfidence, nil
			}
		default:
			n.Decision, n.Reason = chat.Handoff, chat.ReasonLowConfidence
		}
		for j := range n.Hits {
			n.Hits[j].Confidence = round(n.Hits[j].Confidence)
		}
		n.Correct, n.Wrong = grade(r.Case.Expect, n.Decision, n.Entry)
	}
	return out
}

// Proposal is the outcome of a calibration.
type Proposal struct {
	Weights    Weights        `json:"weights"`
	Thresholds ThresholdsJSON `json:"thresholds"`
	Target     float64        `json:"target_wrong_answer_rate"`
	// CorrectAnswers and WrongAnswers count the proposal's answered
	// cases; Metrics are its contract metrics on the set (latency is the
	// recorded run's).
	CorrectAnswers int     `json:"correct_answers"`
	WrongDecisions int     `json:"wrong_decisions"`
	Metrics        Metrics `json:"metrics"`
	// Current are the metrics of the engine's current setting replayed the
	// same way, and Agreement how many of the recorded decisions that
	// replay reproduces (rounded evidence can flip a borderline case).
	Current   Metrics `json:"current"`
	Agreement int     `json:"replay_agreement"`
	N         int     `json:"n"`
	Settings  int     `json:"settings_searched"`
	Note      string  `json:"note"`
	setting   Setting
}

// Setting returns the proposed weights and thresholds.
func (p Proposal) Setting() Setting { return p.setting }

// CalibrationNote says what the proposal is for.
const CalibrationNote = "proposed decision thresholds from `sportello eval calibrate`; " +
	"--write FILE puts them in the decision section of a configuration file that serve, ask and eval read with --config FILE or SPORTELLO_CONFIG"

// WeightsNote says why proposed weights cannot be written to the
// configuration.
const WeightsNote = "proposed weights and thresholds from `sportello eval calibrate --search-weights`, for information: " +
	"the weights of the confidence are fixed in chat's score, so these thresholds only hold once chat uses the same weights"

// ErrNoSetting is returned when no setting of the grid keeps the wrong
// answer rate within the target.
var ErrNoSetting = errors.New("no setting of the grid keeps the wrong answer rate within the target")

// Calibrate searches the thresholds that answer the most cases correctly
// while keeping the wrong answer rate (wrong decisions over all cases) at
// or below target, with the engine's own confidence weights
// (DefaultWeights): Answer from 0.16 to 0.44 and Margin from 0.04 to 0.24
// in steps of 0.02, AgreeMargin = 0.75 × Margin, Clarify fixed at
// current.Clarify. Ties go to fewer wrong decisions, then more correct
// decisions overall, then the wider margin and the higher answer
// threshold. current is the setting the results were decided with.
func Calibrate(results []Result, current chat.Thresholds, target float64) (Proposal, error) {
	p, err := calibrate(results, current, target, []Weights{DefaultWeights})
	p.Note = CalibrationNote
	return p, err
}

// CalibrateWeights is Calibrate over the confidence weights too: every
// mix in steps of 0.1 summing to 1 (66 mixes), ties going last to the
// weights closest to DefaultWeights. The engine's weights are fixed in
// chat's score, so its proposal is for information.
func CalibrateWeights(results []Result, current chat.Thresholds, target float64) (Proposal, error) {
	var mixes []Weights
	for wc := 0; wc <= 10; wc++ {
		for wa := 0; wa <= 10-wc; wa++ {
			mixes = append(mixes, Weights{Coverage: float64(wc) / 10, AnswerCoverage: float64(wa) / 10, Cosine: float64(10-wc-wa) / 10})
		}
	}
	p, err := calibrate(results, current, target, mixes)
	p.Note = WeightsNote
	return p, err
}

func calibrate(results []Result, current chat.Thresholds, target float64, mixes []Weights) (Proposal, error) {
	if len(results) == 0 {
		return Proposal{}, fmt.Errorf("calibrate: no results: %w", kb.ErrInvalid)
	}
	n := len(results)
	limit := int(math.Floor(target*float64(n) + 1e-9))
	type candidate struct {
		s                       Setting
		answers, wrong, correct int
		dist                    float64
	}
	var best *candidate
	better := func(a, b candidate) bool { // a better than b
		switch {
		case a.answers != b.answers:
			return a.answers > b.answers
		case a.wrong != b.wrong:
			return a.wrong < b.wrong
		case a.correct != b.correct:
			return a.correct > b.correct
		case a.s.Thresholds.Margin != b.s.Thresholds.Margin:
			return a.s.Thresholds.Margin > b.s.Thresholds.Margin
		case a.s.Thresholds.Answer != b.s.Thresholds.Answer:
			return a.s.Thresholds.Answer > b.s.Thresholds.Answer
		}
		return a.dist < b.dist
	}
	// Per case and weights, only the best two confidences, whether the
	// rankings agree and whether the best hit is expected matter.
	type view struct {
		c1, c2      float64
		agree, ok   bool
		kind        chat.Kind
		fixedGrade  int // replayed cases: 0; others: 1 correct, -1 wrong, 0 neither
		replay      bool
		fixedAnswer bool
		// off: the best hit is off topic (never answered); choices: the
		// hits a clarification may offer (not off topic, or speaking of
		// the off-topic subject when off is set), at current.Clarify.
		off     bool
		choices int
		// unnamed: the best hit's subject is not named by the message,
		// which names another entry's (never answered, only offered).
		unnamed bool
	}
	views := make([]view, n)
	settings := 0
	for _, w := range mixes {
		for i, r := range results {
			v := view{kind: r.Case.Expect.Kind(), replay: replayable(r)}
			if !v.replay {
				switch {
				case r.Correct:
					v.fixedGrade = 1
				case r.Wrong:
					v.fixedGrade = -1
				}
				v.fixedAnswer = r.Decision == chat.Answer && r.Correct
				views[i] = v
				continue
			}
			hs := rescore(r.Hits, w)
			v.c1, v.agree, v.ok = hs[0].Confidence, hs[0].LexRank == 1 && hs[0].VecRank == 1, slices.Contains(r.Case.Expect, hs[0].ID)
			if len(hs) > 1 {
				v.c2 = hs[1].Confidence
			}
			v.off, v.unnamed = hs[0].OffTopic != "", hs[0].Unnamed != ""
			for _, h := range hs {
				if h.Confidence >= current.Clarify && (v.off && h.SpeaksOf || !v.off && h.OffTopic == "") {
					v.choices++
				}
			}
			views[i] = v
		}
		dist := math.Abs(w.Coverage-DefaultWeights.Coverage) + math.Abs(w.AnswerCoverage-DefaultWeights.AnswerCoverage) +
			math.Abs(w.Cosine-DefaultWeights.Cosine)
		for ai := 16; ai <= 44; ai += 2 {
			for mi := 4; mi <= 24; mi += 2 {
				settings++
				t := chat.Thresholds{Answer: float64(ai) / 100, Margin: float64(mi) / 100, AgreeMargin: float64(mi) * 0.75 / 100, Clarify: current.Clarify}
				c := candidate{s: Setting{Weights: w, Thresholds: t}, dist: dist}
				for _, v := range views {
					if !v.replay {
						if v.fixedAnswer {
							c.answers++
						}
						switch v.fixedGrade {
						case 1:
							c.correct++
						case -1:
							c.wrong++
						}
						continue
					}
					if v.off {
						if v.choices == 0 && v.kind == chat.Handoff {
							c.correct++
						}
						continue
					}
					margin := t.Margin
					if v.agree {
						margin = t.AgreeMargin
					}
					answer := v.c1 >= t.Answer && v.c1-v.c2 >= margin
					clarify := !answer && v.c1 >= t.Clarify && v.c2 >= t.Clarify && v.choices >= 2
					switch {
					case answer && v.unnamed:
						// Offered instead, or handed off with nothing to offer.
						if v.choices == 0 && v.kind == chat.Handoff {
							c.correct++
						}
					case answer && v.kind == chat.Answer && v.ok:
						c.answers++
						c.correct++
					case answer:
						c.wrong++
					case !clarify && v.kind == chat.Handoff:
						c.correct++
					}
				}
				if c.wrong > limit {
					continue
				}
				if best == nil || better(c, *best) {
					cc := c
					best = &cc
				}
			}
		}
	}
	if best == nil {
		return Proposal{}, fmt.Errorf("calibrate: target %.4f: %w", target, ErrNoSetting)
	}
	chosen := Redecide(results, best.s)
	replayed := Redecide(results, Setting{Weights: DefaultWeights, Thresholds: current})
	agree := 0
	for i := range results {
		if replayed[i].Decision == results[i].Decision && replayed[i].Entry == results[i].Entry {
			agree++
		}
	}
	p := Proposal{Weights: best.s.Weights, Thresholds: thresholdsJSON(best.s.Thresholds), Target: target,
		CorrectAnswers: best.answers, WrongDecisions: best.wrong, Metrics: metrics(chosen), Current: metrics(replayed),
		Agreement: agree, N: n, Settings: settings, setting: best.s}
	p.Thresholds.AgreeMargin = round(p.Thresholds.AgreeMargin)
	return p, nil
}
