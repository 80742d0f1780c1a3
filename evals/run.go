package evals

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb"
)

// Decider is the decision path under evaluation; *chat.Engine implements it.
type Decider interface {
	Decide(ctx context.Context, in chat.Input) (*chat.Decision, error)
}

// Runner decides the cases of a set on several goroutines. The results
// come back in the order of the cases whatever the scheduling, so every
// metric but latency is the same from run to run.
type Runner struct {
	Decider Decider
	// Workers is how many cases are decided at once; 0 means one per
	// processor (runtime.GOMAXPROCS). Latency is measured per case, so
	// with more workers than free cores it includes waiting for a core:
	// use 1 for latency figures that stand for a lone chat turn.
	Workers int
	// Progress, when set, is called after each case with the number
	// decided so far. Calls never overlap.
	Progress func(done, total int)
	// Composer, when set, composes every answer with a language model
	// and the result records what it wrote (the LLM path); see Composer.
	Composer Composer
	// Detector judges the language of composed answers; when nil and
	// the Decider is a *chat.Engine, the engine's detector is used.
	Detector chat.LanguageDetector
}

// Run decides every case and scores it, as DESIGN.md defines; see Runner.
func Run(ctx context.Context, d Decider, cases []Case) ([]Result, error) {
	return Runner{Decider: d}.Run(ctx, cases)
}

// Run decides every case and scores it. A message the engine refuses to
// read (chat.InputError) is scored as a handoff, since a person reads it;
// any other error stops the run and is returned, naming the case.
func (r Runner) Run(ctx context.Context, cases []Case) ([]Result, error) {
	workers := r.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(cases)))
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	out := make([]Result, len(cases))
	next := make(chan int)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				res, err := r.one(ctx, cases[i])
				if err != nil {
					cancel(err)
					continue
				}
				out[i] = res
				if r.Progress != nil {
					mu.Lock()
					done++
					r.Progress(done, len(cases))
					mu.Unlock()
				}
			}
		}()
	}
feed:
	for i := range cases {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	return out, nil
}

// one decides and scores one case.
func (r Runner) one(ctx context.Context, c Case) (Result, error) {
	start := time.Now()
	dec, err := r.Decider.Decide(ctx, chat.Input{Text: c.Text})
	res := Result{Case: c, Latency: time.Since(start)}
	if err != nil {
		var ie *chat.InputError
		if !errors.As(err, &ie) {
			return Result{}, fmt.Errorf("eval %s%s: %w", c.ID, lineRef(c), err)
		}
		res.Decision, res.Err = chat.Handoff, err.Error()
		res.Correct, res.Wrong = grade(c.Expect, res.Decision, res.Entry)
		return res, nil
	}
	res.Decision, res.Reason, res.Detected, res.Confidence = dec.Kind, dec.Reason, dec.Detected, dec.Confidence
	if dec.Entry != nil {
		res.Entry = dec.Entry.ID
	}
	for _, ch := range dec.Choices {
		res.Choices = append(res.Choices, ch.ID)
	}
	for i, h := range dec.Hits {
		res.Hits = append(res.Hits, HitSummary{ID: h.Entry.ID, Confidence: round(h.Confidence), Coverage: round(h.Coverage),
			AnswerCov: round(h.AnswerCoverage), Vector: round(h.Vector), LexRank: h.LexicalRank, VecRank: h.VectorRank,
			OffTopic: h.OffTopic, SpeaksOf: h.SpeaksOf, Unnamed: h.Unnamed})
		if res.Rank == 0 && slices.Contains(c.Expect, h.Entry.ID) {
			res.Rank = i + 1
		}
	}
	res.Correct, res.Wrong = grade(c.Expect, res.Decision, res.Entry)
	if r.Composer != nil && dec.Kind == chat.Answer {
		res.LLM, err = compose(ctx, r.Composer, r.detector(), c, dec)
		if err != nil {
			return Result{}, fmt.Errorf("eval %s%s: %w", c.ID, lineRef(c), err)
		}
	}
	return res, nil
}

func (r Runner) detector() chat.LanguageDetector {
	if r.Detector != nil {
		return r.Detector
	}
	if e, ok := r.Decider.(*chat.Engine); ok {
		return e.Detector
	}
	return nil
}

func lineRef(c Case) string {
	if c.Line == 0 {
		return ""
	}
	return fmt.Sprintf(" (line %d)", c.Line)
}

// Lookup finds knowledge-base entries by id; every kb.Store implements it.
type Lookup interface {
	// Get returns the entry, or an error matching kb.ErrNotFound.
	Get(ctx context.Context, id string) (*kb.Entry, error)
}

// Options tune Evaluate.
type Options struct {
	// Name names the set in error messages ("demo.jsonl", an uploaded
	// file's name).
	Name string
	// Languages, when set, are the languages a case may be written in.
	Languages []string
	// Workers, Progress and Composer are the Runner's.
	Workers  int
	Progress func(done, total int)
	Composer Composer
}

// Evaluate is one evaluation as the CLI and the editor console run it:
// it reads the set from r, checks every expected entry against the
// knowledge base (it must exist and be published), decides every case with
// d and records each result's topic. Errors in the set name the file and
// line; nothing is decided until the whole set has been read and checked.
// The results feed Summarize (the contract JSON), Analyze and WriteHTML or
// WriteMarkdown (the reports), and Check (the regression gate).
func Evaluate(ctx context.Context, d Decider, entries Lookup, r io.Reader, opt Options) ([]Result, error) {
	name := opt.Name
	if name == "" {
		name = "set"
	}
	cases, err := ReadSet(r, name, opt.Languages, nil)
	if err != nil {
		return nil, err
	}
	topics := map[string]string{}
	for _, c := range cases {
		if c.Expect.Kind() != chat.Answer {
			continue
		}
		for _, id := range c.Expect {
			if _, ok := topics[id]; ok {
				continue
			}
			e, err := entries.Get(ctx, id)
			switch {
			case errors.Is(err, kb.ErrNotFound):
				return nil, fmt.Errorf("%s:%d: expect: entry %q is not in the knowledge base: %w", name, c.Line, id, kb.ErrInvalid)
			case err != nil:
				return nil, fmt.Errorf("%s:%d: expect: looking up entry %q: %w", name, c.Line, id, err)
			case e.Status != kb.StatusPublished:
				return nil, fmt.Errorf("%s:%d: expect: entry %q is %s, not published, so no message can be answered with it: %w",
					name, c.Line, id, e.Status, kb.ErrInvalid)
			}
			topics[id] = e.Topic
		}
	}
	results, err := Runner{Decider: d, Workers: opt.Workers, Progress: opt.Progress, Composer: opt.Composer}.Run(ctx, cases)
	if err != nil {
		return nil, err
	}
	SetTopics(results, func(id string) string { return topics[id] })
	return results, nil
}
