package kbfile

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sportello/sportello/kb"
)

// fileEntry is kb.Entry as files spell it. Times are kept as text so that
// Read can insist on RFC 3339 in every format and name the field that
// breaks it: decoding into time.Time would let YAML's other date forms
// through and would lose the field name in encoding/json's error. The field
// names and order are kb.Entry's; TestWireMirrorsKB keeps them in step.
type fileEntry struct {
	ID              string                  `json:"id" yaml:"id"`
	Topic           string                  `json:"topic,omitempty" yaml:"topic,omitempty"`
	Agency          string                  `json:"agency,omitempty" yaml:"agency,omitempty"`
	Tags            []string                `json:"tags,omitempty" yaml:"tags,omitempty"`
	Status          kb.Status               `json:"status,omitempty" yaml:"status,omitempty"`
	Shared          bool                    `json:"shared,omitempty" yaml:"shared,omitempty"`
	Overrides       string                  `json:"overrides,omitempty" yaml:"overrides,omitempty"`
	AdoptedRevision int                     `json:"adopted_revision,omitempty" yaml:"adopted_revision,omitempty"`
	ValidFrom       *string                 `json:"valid_from,omitempty" yaml:"valid_from,omitempty"`
	ValidUntil      *string                 `json:"valid_until,omitempty" yaml:"valid_until,omitempty"`
	Revision        int                     `json:"revision,omitempty" yaml:"revision,omitempty"`
	CreatedAt       *string                 `json:"created_at,omitempty" yaml:"created_at,omitempty"`
	UpdatedAt       *string                 `json:"updated_at,omitempty" yaml:"updated_at,omitempty"`
	Variants        map[string]*fileVariant `json:"variants" yaml:"variants"`
}

// fileVariant is kb.Variant as files spell it.
type fileVariant struct {
	Question          string    `json:"question" yaml:"question"`
	Alternates        []string  `json:"alternates,omitempty" yaml:"alternates,omitempty"`
	Answer            string    `json:"answer" yaml:"answer"`
	SMS               string    `json:"sms,omitempty" yaml:"sms,omitempty"`
	Links             []kb.Link `json:"links,omitempty" yaml:"links,omitempty"`
	MachineTranslated bool      `json:"machine_translated,omitempty" yaml:"machine_translated,omitempty"`
	Outdated          bool      `json:"outdated,omitempty" yaml:"outdated,omitempty"`
	ReviewedBy        string    `json:"reviewed_by,omitempty" yaml:"reviewed_by,omitempty"`
	ReviewedAt        *string   `json:"reviewed_at,omitempty" yaml:"reviewed_at,omitempty"`
}

// fromFile turns a decoded entry into a kb.Entry. Its errors are
// *kb.FieldError, like Validate's, so that Read reports both alike.
func fromFile(fe *fileEntry) (*kb.Entry, error) {
	e := &kb.Entry{
		ID:       fe.ID,
		Topic:    fe.Topic,
		Agency:   fe.Agency,
		Tags:     fe.Tags,
		Status:   fe.Status,
		Revision: fe.Revision,

		Shared:          fe.Shared,
		Overrides:       fe.Overrides,
		AdoptedRevision: fe.AdoptedRevision,
	}
	var err error
	if e.ValidFrom, err = parseTime("valid_from", fe.ValidFrom); err != nil {
		return nil, err
	}
	if e.ValidUntil, err = parseTime("valid_until", fe.ValidUntil); err != nil {
		return nil, err
	}
	for _, t := range []struct {
		field string
		text  *string
		dst   *time.Time
	}{{"created_at", fe.CreatedAt, &e.CreatedAt}, {"updated_at", fe.UpdatedAt, &e.UpdatedAt}} {
		p, err := parseTime(t.field, t.text)
		if err != nil {
			return nil, err
		}
		if p != nil {
			*t.dst = *p
		}
	}
	if fe.Variants != nil {
		e.Variants = make(map[string]*kb.Variant, len(fe.Variants))
	}
	// Sorted, so that of two bad variants the same one is always reported.
	langs := make([]string, 0, len(fe.Variants))
	for lang := range fe.Variants {
		langs = append(langs, lang)
	}
	slices.Sort(langs)
	for _, lang := range langs {
		fv := fe.Variants[lang]
		if fv == nil {
			e.Variants[lang] = nil
			continue
		}
		v := &kb.Variant{
			Question:          fv.Question,
			Alternates:        fv.Alternates,
			Answer:            fv.Answer,
			SMS:               fv.SMS,
			Links:             fv.Links,
			MachineTranslated: fv.MachineTranslated,
			Outdated:          fv.Outdated,
			ReviewedBy:        fv.ReviewedBy,
		}
		if v.ReviewedAt, err = parseTime("variants."+lang+".reviewed_at", fv.ReviewedAt); err != nil {
			return nil, err
		}
		e.Variants[lang] = v
	}
	return e, nil
}

// toFile is fromFile's inverse.
func toFile(e *kb.Entry) (*fileEntry, error) {
	fe := &fileEntry{
		ID:       e.ID,
		Topic:    e.Topic,
		Agency:   e.Agency,
		Tags:     e.Tags,
		Status:   e.Status,
		Revision: e.Revision,

		Shared:          e.Shared,
		Overrides:       e.Overrides,
		AdoptedRevision: e.AdoptedRevision,
	}
	var err error
	if fe.ValidFrom, err = formatTime(e.ID, "valid_from", e.ValidFrom); err != nil {
		return nil, err
	}
	if fe.ValidUntil, err = formatTime(e.ID, "valid_until", e.ValidUntil); err != nil {
		return nil, err
	}
	if !e.CreatedAt.IsZero() {
		if fe.CreatedAt, err = formatTime(e.ID, "created_at", &e.CreatedAt); err != nil {
			return nil, err
		}
	}
	if !e.UpdatedAt.IsZero() {
		if fe.UpdatedAt, err = formatTime(e.ID, "updated_at", &e.UpdatedAt); err != nil {
			return nil, err
		}
	}
	if e.Variants != nil {
		fe.Variants = make(map[string]*fileVariant, len(e.Variants))
	}
	for lang, v := range e.Variants {
		if v == nil {
			fe.Variants[lang] = nil
			continue
		}
		fv := &fileVariant{
			Question:          v.Question,
			Alternates:        v.Alternates,
			Answer:            v.Answer,
			SMS:               v.SMS,
			Links:             v.Links,
			MachineTranslated: v.MachineTranslated,
			Outdated:          v.Outdated,
			ReviewedBy:        v.ReviewedBy,
		}
		if fv.ReviewedAt, err = formatTime(e.ID, "variants."+lang+".reviewed_at", v.ReviewedAt); err != nil {
			return nil, err
		}
		fe.Variants[lang] = fv
	}
	return fe, nil
}

// parseTime parses an RFC 3339 time. Empty text counts as absent, because
// that is how a spreadsheet leaves a date out.
func parseTime(field string, text *string) (*time.Time, error) {
	if text == nil || strings.TrimSpace(*text) == "" {
		return nil, nil
	}
	var t time.Time
	// UnmarshalText, unlike time.Parse, holds to RFC 3339 strictly.
	if err := t.UnmarshalText([]byte(strings.TrimSpace(*text))); err != nil {
		return nil, &kb.FieldError{Field: field, Msg: fmt.Sprintf(
			"%s is not an RFC 3339 time such as 2026-01-01T00:00:00Z or 2026-01-01T09:30:00+01:00",
			quote(*text))}
	}
	return &t, nil
}

func formatTime(id, field string, t *time.Time) (*string, error) {
	if t == nil {
		return nil, nil
	}
	// MarshalText writes RFC3339Nano with the time's own offset, so that the
	// instant and the offset both come back.
	b, err := t.MarshalText()
	if err != nil {
		return nil, fmt.Errorf("kbfile: entry %q: %s: %w", id, field, err)
	}
	s := string(b)
	return &s, nil
}

// quote quotes s for a message, shortened so that a pasted page does not
// flood the terminal.
func quote(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		return fmt.Sprintf("%q…", string(r[:max]))
	}
	return fmt.Sprintf("%q", s)
}

// canonical makes the empty lists nil. Files cannot tell an empty list from
// a missing one, so this is what makes Read(Write(x)) equal x field for field.
func canonical(e *kb.Entry) {
	if len(e.Tags) == 0 {
		e.Tags = nil
	}
	for _, v := range e.Variants {
		if v == nil {
			continue
		}
		if len(v.Alternates) == 0 {
			v.Alternates = nil
		}
		if len(v.Links) == 0 {
			v.Links = nil
		}
	}
}

// kind is the shape a field's value must have.
type kind int

const (
	kString kind = iota
	kInt
	kBool
	kObject // fixed fields
	kMap    // any keys, one value schema
	kList
)

// schema describes the shape of a file entry. It is derived from the wire
// types, so that the unknown-field check can never drift from what the
// decoders accept.
type schema struct {
	kind   kind
	fields map[string]*schema // kObject
	names  []string           // kObject, in struct order, for messages
	elem   *schema            // kMap, kList
}

var entrySchema = schemaOf(reflect.TypeFor[fileEntry]())

func schemaOf(t reflect.Type) *schema {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return &schema{kind: kString}
	case reflect.Int:
		return &schema{kind: kInt}
	case reflect.Bool:
		return &schema{kind: kBool}
	case reflect.Slice:
		return &schema{kind: kList, elem: schemaOf(t.Elem())}
	case reflect.Map:
		return &schema{kind: kMap, elem: schemaOf(t.Elem())}
	case reflect.Struct:
		s := &schema{kind: kObject, fields: map[string]*schema{}}
		for f := range t.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			s.fields[name] = schemaOf(f.Type)
			s.names = append(s.names, name)
		}
		return s
	}
	panic("kbfile: no schema for " + t.String())
}

// unknownField words the complaint about key, suggesting the field the
// editor probably meant.
func (s *schema) unknownField(key string) string {
	if key == "<<" {
		return "merge keys (<<) are not supported; write the fields out"
	}
	if m := closest(key, s.names); m != "" {
		return fmt.Sprintf("unknown field (did you mean %q?)", m)
	}
	return "unknown field; the fields are " + strings.Join(s.names, ", ")
}

// closest returns the name nearest to key if it is near enough to be a typo.
func closest(key string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if strings.EqualFold(n, key) {
			return n
		}
		if d := editDistance(strings.ToLower(key), n); d < bestD && d <= len(n)/3+1 {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the Damerau-Levenshtein distance (with adjacent swaps,
// the commonest typo) between a and b, counted in bytes: field names are
// ASCII.
func editDistance(a, b string) int {
	if len(a) > 64 {
		return len(a)
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// join extends a dotted field path the way kb.FieldError spells them.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }
