package langid

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// builtinLangs are the languages with an embedded corpus.
var builtinLangs = []string{"it", "en", "fr", "es", "de", "ro", "sq", "ar", "zh"}

// stripAccents imitates a resident typing without accents.
func stripAccents(s string) string {
	var out []string
	var buf [64]rune
	words(normalize(s), buf[:], func(w []rune) { out = append(out, string(fold(w))) })
	return strings.Join(out, " ")
}

// crossValidate trains on k-1 folds of each corpus and classifies the held-out
// fold, as written and without accents. It returns accuracy over held-out
// lines of at least minWords words, per language and overall.
func crossValidate(k, minWords int) (map[string]float64, float64, []string) {
	corpora := map[string][2][]string{}
	for _, l := range builtinLangs {
		data, _ := corpusFS.ReadFile("corpus/" + l + ".txt")
		s, w := parseCorpus(string(data))
		corpora[l] = [2][]string{s, w}
	}
	per := map[string][2]int{}
	var errs []string
	for fold := 0; fold < k; fold++ {
		sources := make([][]*counts, len(builtinLangs))
		for i, l := range builtinLangs {
			var train []string
			for j, s := range corpora[l][0] {
				if j%k != fold {
					train = append(train, s)
				}
			}
			sources[i] = []*counts{countsFrom(train, corpora[l][1])}
		}
		m := compile(builtinLangs, sources)
		for i, l := range builtinLangs {
			for j, s := range corpora[l][0] {
				if j%k != fold {
					continue
				}
				for _, v := range []string{s, stripAccents(s)} {
					if len(strings.Fields(v)) < minWords && l != "zh" {
						continue
					}
					sc, ok := m.score(v)
					best := 0
					for x := range sc {
						if sc[x] > sc[best] {
							best = x
						}
					}
					c := per[l]
					c[1]++
					if ok && best == i {
						c[0]++
					} else {
						errs = append(errs, fmt.Sprintf("%s->%s: %s", l, builtinLangs[best], v))
					}
					per[l] = c
				}
			}
		}
	}
	acc := map[string]float64{}
	var ok, all int
	for l, c := range per {
		acc[l] = float64(c[0]) / float64(c[1])
		ok += c[0]
		all += c[1]
	}
	return acc, float64(ok) / float64(all), errs
}

// TestCrossValidation reports k-fold accuracy on the embedded corpora; it is
// the yardstick the weights in model.go were tuned with. Set LANGID_CV=1.
func TestCrossValidation(t *testing.T) {
	if os.Getenv("LANGID_CV") == "" {
		t.Skip("set LANGID_CV=1 to run cross-validation")
	}
	for _, minWords := range []int{1, 3} {
		acc, all, errs := crossValidate(5, minWords)
		keys := make([]string, 0, len(acc))
		for l := range acc {
			keys = append(keys, l)
		}
		sort.Strings(keys)
		var b strings.Builder
		for _, l := range keys {
			fmt.Fprintf(&b, "%s=%.3f ", l, acc[l])
		}
		t.Logf("minWords=%d overall=%.4f %s", minWords, all, b.String())
		if os.Getenv("LANGID_CV") == "v" {
			for _, e := range errs {
				t.Log(e)
			}
		}
	}
}
