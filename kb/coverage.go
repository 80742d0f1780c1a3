package kb

import (
	"fmt"
	"strings"
)

// The translation matrix's totals: for each language, how many of the
// entries an EntryQuery matches lack it, have it outdated, have it
// machine-translated and unreviewed, or have it current. Stores count
// them in SQL over the whole filtered set (CountCoverage), so that the
// matrix shows one page of entries and still the totals of all.

// LangCoverage counts one language's coverage states.
type LangCoverage struct {
	Lang                                string
	Missing, Outdated, Machine, Current int
}

// Count returns the number of entries in state c.
func (l LangCoverage) Count(c Coverage) int {
	switch c {
	case CoverageMissing:
		return l.Missing
	case CoverageOutdated:
		return l.Outdated
	case CoverageMachine:
		return l.Machine
	case CoverageCurrent:
		return l.Current
	}
	return 0
}

// CoverageCount is what CountCoverage returns.
type CoverageCount struct {
	// Total is the number of entries the query matches.
	Total int
	// Langs holds one count per language asked for, in that order.
	Langs []LangCoverage
}

// MaxCoverageLangs bounds the languages of one CountCoverage.
const MaxCoverageLangs = 64

// CheckCoverageLangs checks the languages asked of CountCoverage: valid
// tags, none twice, at least one and at most MaxCoverageLangs.
func CheckCoverageLangs(langs []string) error {
	if len(langs) == 0 || len(langs) > MaxCoverageLangs {
		return fmt.Errorf("coverage: %d languages, want 1 to %d: %w", len(langs), MaxCoverageLangs, ErrInvalid)
	}
	seen := make(map[string]bool, len(langs))
	for _, l := range langs {
		if !ValidLanguageTag(l) || seen[l] {
			return fmt.Errorf("coverage: language %q is not a valid tag or is there twice: %w", l, ErrInvalid)
		}
		seen[l] = true
	}
	return nil
}

// TallyCoverage builds the counts of langs from the number of matching
// entries and the number of variants per language and state (missing is
// what is left). Stores call it with what their SQL counted; states of
// other languages are ignored.
func TallyCoverage(total int, langs []string, present map[string]map[Coverage]int) (CoverageCount, error) {
	out := CoverageCount{Total: total, Langs: make([]LangCoverage, len(langs))}
	for i, l := range langs {
		c := LangCoverage{Lang: l}
		for st, n := range present[l] {
			switch st {
			case CoverageOutdated:
				c.Outdated += n
			case CoverageMachine:
				c.Machine += n
			case CoverageCurrent:
				c.Current += n
			default:
				return CoverageCount{}, fmt.Errorf("coverage: %d variants in %s have the unknown state %q", n, l, st)
			}
		}
		c.Missing = total - c.Outdated - c.Machine - c.Current
		if c.Missing < 0 {
			return CoverageCount{}, fmt.Errorf("coverage: %s has more variants (%d) than there are entries (%d)", l, total-c.Missing, total)
		}
		out.Langs[i] = c
	}
	return out, nil
}

// ParseCoverageKey splits a word of ListRow.Coverage ("sq:outdated").
func ParseCoverageKey(key string) (lang string, c Coverage, ok bool) {
	lang, st, ok := strings.Cut(key, ":")
	return lang, Coverage(st), ok
}
