package kb

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/sportello/sportello/kb/analysis"
)

// The editors' entry list, filtered and paged by the store: at 50,000
// entries it must not read them all for each page. Both stores keep one
// narrow row per entry for it (ListRow) and answer EntryQuery the same way.

// Sharing is an entry's place in the federated encyclopedia, as the list
// filters it.
type Sharing string

// Sharing filters.
const (
	// SharingShared is an entry offered to every agency.
	SharingShared Sharing = "shared"
	// SharingAdopted is an agency's override of another entry.
	SharingAdopted Sharing = "adopted"
	// SharingLocal is neither.
	SharingLocal Sharing = "local"
)

// When filters entries by their validity and age.
type When string

// When filters.
const (
	// WhenExpiring is valid until a day within ExpiringWithin from now.
	WhenExpiring When = "expiring"
	// WhenExpired is no longer valid.
	WhenExpired When = "expired"
	// WhenStale was last saved StaleAfter ago or more.
	WhenStale When = "stale"
)

// ExpiringWithin and StaleAfter are what WhenExpiring and WhenStale mean.
var (
	ExpiringWithin = 30 * 24 * time.Hour
	StaleAfter     = 365 * 24 * time.Hour
)

// MaxPageSize bounds EntryQuery.Limit.
const MaxPageSize = 500

// EntryQuery selects a page of the entry list. Zero fields match
// everything.
type EntryQuery struct {
	Topic, Agency string
	Status        Status
	// Lang with Coverage selects the entries whose variant in Lang is in
	// that state (CoverageMissing: the entry has no such variant).
	Lang     string
	Coverage Coverage
	When     When
	Sharing  Sharing
	// Text selects entries containing every word of it, as a word or the
	// start of one, in their id, topic, tags or any variant's text;
	// case and accents do not matter.
	Text string
	// Now is the instant When is measured from (zero: now).
	Now time.Time
	// Offset skips that many matching entries; Limit is the page size
	// (zero: 50).
	Offset, Limit int
}

// EntryPage is one page of the list.
type EntryPage struct {
	Entries []*Entry
	// Total counts every entry the query matches, on all pages.
	Total int
	// Topics lists every topic in the store, sorted, for the filter.
	Topics []string
}

// Normalize fills the defaults of q and checks it.
func (q *EntryQuery) Normalize() error {
	if q.Limit == 0 {
		q.Limit = 50
	}
	if q.Now.IsZero() {
		q.Now = time.Now()
	}
	switch {
	case q.Limit < 0 || q.Limit > MaxPageSize:
		return fmt.Errorf("list: page size %d is not between 1 and %d: %w", q.Limit, MaxPageSize, ErrInvalid)
	case q.Offset < 0:
		return fmt.Errorf("list: negative offset: %w", ErrInvalid)
	case q.Status != "" && !q.Status.Valid():
		return fmt.Errorf("list: status %q: %w", q.Status, ErrInvalid)
	case q.Coverage != "" && q.Lang == "" || q.Lang != "" && !ValidLanguageTag(q.Lang):
		return fmt.Errorf("list: a coverage filter needs a valid language: %w", ErrInvalid)
	}
	switch q.Coverage {
	case "", CoverageMissing, CoverageOutdated, CoverageMachine, CoverageCurrent:
	default:
		return fmt.Errorf("list: coverage %q: %w", q.Coverage, ErrInvalid)
	}
	switch q.When {
	case "", WhenExpiring, WhenExpired, WhenStale:
	default:
		return fmt.Errorf("list: %q is not expiring, expired or stale: %w", q.When, ErrInvalid)
	}
	switch q.Sharing {
	case "", SharingShared, SharingAdopted, SharingLocal:
	default:
		return fmt.Errorf("list: %q is not shared, adopted or local: %w", q.Sharing, ErrInvalid)
	}
	return nil
}

// ListRow is what a store keeps of an entry for the list's filters.
type ListRow struct {
	ID, Topic, Agency, Status string
	ValidFrom, ValidUntil     *time.Time
	UpdatedAt                 time.Time
	Shared                    bool
	Overrides                 string
	AdoptedRevision           int
	// Coverage is " lang:state " for each variant, space-separated and
	// space-framed, so that CoverageKey finds one by substring.
	Coverage string
	// Text is SearchText of the entry.
	Text string
}

// ListRowOf returns the list row of a saved entry.
func ListRowOf(e *Entry) ListRow {
	r := ListRow{ID: e.ID, Topic: e.Topic, Agency: e.Agency, Status: string(e.Status), ValidFrom: e.ValidFrom, ValidUntil: e.ValidUntil,
		UpdatedAt: e.UpdatedAt, Shared: e.Shared, Overrides: e.Overrides, AdoptedRevision: e.AdoptedRevision, Text: SearchText(e)}
	var b strings.Builder
	b.WriteByte(' ')
	for _, l := range e.Languages() {
		b.WriteString(CoverageKey(l, CoverageOf(e, l)))
		b.WriteByte(' ')
	}
	r.Coverage = b.String()
	return r
}

// CoverageKey is how ListRow.Coverage writes one language's state; a
// language is missing when no key with its prefix (lang + ":") is there.
func CoverageKey(lang string, c Coverage) string { return lang + ":" + string(c) }

// SearchText is the entry's searchable words for the list: id, topic,
// tags and every variant's question, phrasings, answer and SMS answer,
// folded (analysis.Fold) and with every ideograph or kana a word of its
// own, so that both stores' tokenizers split it alike, at spaces.
func SearchText(e *Entry) string {
	parts := []string{e.ID, e.Topic, strings.Join(e.Tags, " ")}
	for _, l := range e.Languages() {
		v := e.Variants[l]
		parts = append(parts, v.Question, strings.Join(v.Alternates, " "), v.Answer, v.SMS)
	}
	return searchFold(strings.Join(parts, " "))
}

// SearchWords splits a list query into the words that SearchText
// would have made of it; each must start a word of the entry.
// At most MaxSearchWords words count.
func SearchWords(text string) []string {
	ws := strings.Fields(searchFold(text))
	return ws[:min(len(ws), MaxSearchWords)]
}

// MaxSearchWords bounds the words of a list query.
const MaxSearchWords = 16

func searchFold(s string) string {
	f := analysis.Fold(s)
	var b strings.Builder
	b.Grow(len(f))
	for _, r := range f {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			b.WriteByte(' ')
			b.WriteRune(r)
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
