// Package kbgen generates synthetic knowledge bases for benchmarks at
// scale: N entries, each in every language of the demo content, whose
// words are drawn from the demo content's own vocabulary with its real
// frequencies, and perturbed questions to ask them as a citizen would.
// cmd/kbbench times retrieval on them and cmd/loadtest whole chat turns
// over HTTP; both draw from one seeded generator, so a seed names one
// knowledge base and one set of questions.
package kbgen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/sportello/sportello/kb"
)

// Vocabulary collects each language's words from entries, with repeats,
// so that sampling follows the real word frequencies.
func Vocabulary(entries []*kb.Entry) map[string][]string {
	v := map[string][]string{}
	for _, e := range entries {
		for lang, x := range e.Variants {
			text := strings.Join(append([]string{x.Question, x.Answer}, x.Alternates...), " ")
			if lang == "zh" {
				// Chinese has no spaces: adjacent characters stand in for words.
				rs := []rune(text)
				for i := 0; i+1 < len(rs); i += 2 {
					if rs[i] > 0x2E80 && rs[i+1] > 0x2E80 {
						v[lang] = append(v[lang], string(rs[i:i+2]))
					}
				}
				continue
			}
			v[lang] = append(v[lang], strings.Fields(text)...)
		}
	}
	return v
}

// Generate makes n entries with ids gen-000000 on, in twelve topics, each
// with a variant in every language of vocab: a question of 6–10 words,
// three alternates and a 30–60 word answer.
func Generate(rng *rand.Rand, vocab map[string][]string, n int) []*kb.Entry {
	langs := make([]string, 0, len(vocab))
	for l := range vocab {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	out := make([]*kb.Entry, n)
	for i := range out {
		e := &kb.Entry{ID: fmt.Sprintf("gen-%06d", i), Topic: fmt.Sprintf("topic-%d", i%12), Agency: "bench", Variants: map[string]*kb.Variant{}}
		for _, l := range langs {
			w := vocab[l]
			sep := " "
			if l == "zh" {
				sep = ""
			}
			words := func(k int) string {
				p := make([]string, k)
				for j := range p {
					p[j] = w[rng.IntN(len(w))]
				}
				return strings.Join(p, sep)
			}
			e.Variants[l] = &kb.Variant{
				Question:   words(6 + rng.IntN(5)),
				Alternates: []string{words(3 + rng.IntN(4)), words(3 + rng.IntN(4)), words(2 + rng.IntN(3))},
				Answer:     words(30 + rng.IntN(30)),
			}
		}
		out[i] = e
	}
	return out
}

// Query is a question asked in Lang whose answer is the entry Want.
type Query struct{ Lang, Text, Want string }

// Queries takes n random entries' questions, each in a random language of
// the entry, and perturbs them as a citizen would: a word dropped and two
// letters of another swapped.
func Queries(rng *rand.Rand, entries []*kb.Entry, n int) []Query {
	out := make([]Query, n)
	for i := range out {
		e := entries[rng.IntN(len(entries))]
		langs := e.Languages()
		l := langs[rng.IntN(len(langs))]
		words := strings.Fields(e.Variants[l].Question)
		if len(words) > 3 {
			j := rng.IntN(len(words))
			words = append(words[:j], words[j+1:]...)
		}
		j := rng.IntN(len(words))
		if r := []rune(words[j]); len(r) > 4 {
			k := 1 + rng.IntN(len(r)-2)
			r[k], r[k+1] = r[k+1], r[k]
			words[j] = string(r)
		}
		out[i] = Query{Lang: l, Text: strings.Join(words, " "), Want: e.ID}
	}
	return out
}
