// Package kb is Sportello's knowledge base: the FAQ entries of the
// multilingual encyclopedia, their language variants, the Store that keeps
// them, and the retrieval that finds the right entry for a citizen's
// question. Storage backends live in subpackages (kb/sqlite, kb/postgres);
// kb imports neither of them.
package kb

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Sentinel errors. Callers test them with errors.Is; the web layer maps them
// to HTTP statuses in one table.
var (
	// ErrNotFound means the entry, revision or object asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid means the input breaks a rule; the wrapped message says which.
	ErrInvalid = errors.New("invalid")
	// ErrConflict means the write collides with existing data, such as a
	// duplicate id in one import or a stale revision.
	ErrConflict = errors.New("conflict")
)

// Status is an entry's place in the editorial workflow. Only published
// entries are ever shown to citizens.
type Status string

// The workflow states, in order.
const (
	StatusDraft     Status = "draft"
	StatusReview    Status = "review"
	StatusPublished Status = "published"
	StatusArchived  Status = "archived"
)

// Valid reports whether s is one of the workflow states.
func (s Status) Valid() bool {
	switch s {
	case StatusDraft, StatusReview, StatusPublished, StatusArchived:
		return true
	}
	return false
}

// DefaultLanguages are the languages of Milan's 02.02.02 Infoline, which
// Sportello supports out of the box. A deployment may configure more.
var DefaultLanguages = []string{"it", "en", "fr", "es", "de", "ar", "ro", "sq", "zh"}

// Limits on text sizes. They keep one entry small enough to show, index and
// send, and stop a 100 KB paste from being stored as an answer.
const (
	MaxIDLen       = 100
	MaxQuestionLen = 500
	MaxAnswerLen   = 8000
	MaxSMSLen      = 480 // three concatenated GSM-7 segments
	MaxAlternates  = 50
	MaxLinks       = 10
	MaxTags        = 20
)

// Entry is one FAQ item of the encyclopedia: a question with its answer in
// one or more languages.
type Entry struct {
	ID     string   `json:"id" yaml:"id"`
	Topic  string   `json:"topic,omitempty" yaml:"topic,omitempty"`
	Agency string   `json:"agency,omitempty" yaml:"agency,omitempty"`
	Tags   []string `json:"tags,omitempty" yaml:"tags,omitempty"`
	Status Status   `json:"status,omitempty" yaml:"status,omitempty"`
	// Shared offers the entry to every agency of a federated
	// encyclopedia: searches scoped to any agency find it, unless that
	// agency has published an override of it.
	Shared bool `json:"shared,omitempty" yaml:"shared,omitempty"`
	// Overrides names the entry (shared, or another agency's) that this
	// one replaces for its own agency, and AdoptedRevision the revision of
	// it this one was adopted from, so editors see when it moved on.
	Overrides       string `json:"overrides,omitempty" yaml:"overrides,omitempty"`
	AdoptedRevision int    `json:"adopted_revision,omitempty" yaml:"adopted_revision,omitempty"`
	// ValidFrom and ValidUntil bound when the entry may be used; nil is open.
	ValidFrom  *time.Time `json:"valid_from,omitempty" yaml:"valid_from,omitempty"`
	ValidUntil *time.Time `json:"valid_until,omitempty" yaml:"valid_until,omitempty"`
	// Revision counts saves, starting at 1; the store sets it.
	Revision  int       `json:"revision,omitempty" yaml:"revision,omitempty"`
	CreatedAt time.Time `json:"created_at,omitzero" yaml:"created_at,omitempty"`
	UpdatedAt time.Time `json:"updated_at,omitzero" yaml:"updated_at,omitempty"`
	// Variants maps a BCP-47 language code to the entry's text in it.
	Variants map[string]*Variant `json:"variants" yaml:"variants"`
}

// Variant is an entry's text in one language.
type Variant struct {
	Question   string   `json:"question" yaml:"question"`
	Alternates []string `json:"alternates,omitempty" yaml:"alternates,omitempty"`
	Answer     string   `json:"answer" yaml:"answer"`
	// SMS is an optional short answer that fits a few SMS segments.
	SMS   string `json:"sms,omitempty" yaml:"sms,omitempty"`
	Links []Link `json:"links,omitempty" yaml:"links,omitempty"`
	// MachineTranslated marks text produced by a translation model and
	// not yet rewritten by a person.
	MachineTranslated bool `json:"machine_translated,omitempty" yaml:"machine_translated,omitempty"`
	// Outdated marks a translation whose source-language text changed
	// after it was written; a review clears it.
	Outdated   bool       `json:"outdated,omitempty" yaml:"outdated,omitempty"`
	ReviewedBy string     `json:"reviewed_by,omitempty" yaml:"reviewed_by,omitempty"`
	ReviewedAt *time.Time `json:"reviewed_at,omitempty" yaml:"reviewed_at,omitempty"`
}

// Link is a reference to an official page about the entry.
type Link struct {
	Title string `json:"title" yaml:"title"`
	URL   string `json:"url" yaml:"url"`
}

// Languages returns the entry's variant languages, sorted.
func (e *Entry) Languages() []string {
	langs := make([]string, 0, len(e.Variants))
	for l := range e.Variants {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	return langs
}

// ActiveAt reports whether the entry's validity window contains t.
func (e *Entry) ActiveAt(t time.Time) bool {
	if e.ValidFrom != nil && t.Before(*e.ValidFrom) {
		return false
	}
	if e.ValidUntil != nil && !t.Before(*e.ValidUntil) {
		return false
	}
	return true
}

// Servable reports whether a citizen may be shown the entry at time t: it
// is published and valid then.
func (e *Entry) Servable(t time.Time) bool {
	return e.Status == StatusPublished && e.ActiveAt(t)
}

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
	langPattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
)

// ValidLanguageTag reports whether code is a syntactically valid BCP-47
// language tag of the simple form Sportello uses ("it", "zh-Hant", "pt-BR").
func ValidLanguageTag(code string) bool { return langPattern.MatchString(code) }

// FieldError is a validation failure of one field, worded so that an
// editor can fix it.
type FieldError struct {
	Field string // dotted path, such as "variants.ar.answer"
	Msg   string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

// Is makes every FieldError match ErrInvalid.
func (e *FieldError) Is(target error) bool { return target == ErrInvalid }

func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Normalize fills defaults and trims surrounding white space, so that what
// is stored is what Validate checked and export round-trips it unchanged.
func (e *Entry) Normalize() {
	e.ID = strings.TrimSpace(e.ID)
	e.Topic = strings.TrimSpace(e.Topic)
	e.Agency = strings.TrimSpace(e.Agency)
	e.Overrides = strings.TrimSpace(e.Overrides)
	if e.Status == "" {
		e.Status = StatusPublished
	}
	for i := range e.Tags {
		e.Tags[i] = strings.TrimSpace(e.Tags[i])
	}
	for _, v := range e.Variants {
		if v == nil {
			continue
		}
		v.Question = cleanText(v.Question)
		v.Answer = cleanText(v.Answer)
		v.SMS = cleanText(v.SMS)
		for i := range v.Alternates {
			v.Alternates[i] = cleanText(v.Alternates[i])
		}
		for i := range v.Links {
			v.Links[i].Title = cleanText(v.Links[i].Title)
			v.Links[i].URL = strings.TrimSpace(v.Links[i].URL)
		}
	}
}

// cleanText trims white space and turns Windows line ends into plain ones,
// so a text pasted from any editor is stored, indexed and exported alike.
func cleanText(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}

// Validate checks the entry against the rules of the knowledge base.
// languages, when not empty, restricts the variant languages allowed. It
// returns a *FieldError (which matches ErrInvalid) for the first problem.
func (e *Entry) Validate(languages []string) error {
	switch {
	case e.ID == "":
		return fieldErr("id", "is required")
	case len(e.ID) > MaxIDLen:
		return fieldErr("id", "is longer than %d characters", MaxIDLen)
	case !idPattern.MatchString(e.ID):
		return fieldErr("id", "%q may contain only lower-case letters, digits, '.', '_' and '-', starting with a letter or digit", e.ID)
	}
	if e.Status != "" && !e.Status.Valid() {
		return fieldErr("status", "%q is not one of draft, review, published, archived", e.Status)
	}
	for _, f := range []struct{ name, val string }{{"topic", e.Topic}, {"agency", e.Agency}} {
		if err := checkText(f.name, f.val, MaxIDLen); err != nil {
			return err
		}
	}
	if len(e.Tags) > MaxTags {
		return fieldErr("tags", "has %d tags; at most %d are allowed", len(e.Tags), MaxTags)
	}
	for i, t := range e.Tags {
		f := fmt.Sprintf("tags[%d]", i)
		if strings.TrimSpace(t) == "" {
			return fieldErr(f, "is empty")
		}
		if err := checkText(f, t, MaxIDLen); err != nil {
			return err
		}
	}
	if e.Revision < 0 {
		return fieldErr("revision", "cannot be negative")
	}
	if err := e.validateOverride(); err != nil {
		return err
	}
	if e.ValidFrom != nil && e.ValidUntil != nil && !e.ValidUntil.After(*e.ValidFrom) {
		return fieldErr("valid_until", "must be after valid_from (%s)", e.ValidFrom.Format(time.RFC3339))
	}
	if len(e.Variants) == 0 {
		return fieldErr("variants", "at least one language variant with a question and an answer is required")
	}
	for _, lang := range e.Languages() {
		if err := e.Variants[lang].validate("variants."+lang, lang, languages); err != nil {
			return err
		}
	}
	return nil
}

func (v *Variant) validate(field, lang string, languages []string) error {
	if !ValidLanguageTag(lang) {
		return fieldErr(field, "%q is not a language code (use BCP-47, such as it, en, ar, zh)", lang)
	}
	if len(languages) > 0 && !slices.Contains(languages, lang) {
		return fieldErr(field, "language %q is not configured (configured: %s)", lang, strings.Join(languages, ", "))
	}
	if v == nil {
		return fieldErr(field, "is empty; give a question and an answer")
	}
	if strings.TrimSpace(v.Question) == "" {
		return fieldErr(field+".question", "is required")
	}
	if strings.TrimSpace(v.Answer) == "" {
		return fieldErr(field+".answer", "is required")
	}
	if err := checkText(field+".question", v.Question, MaxQuestionLen); err != nil {
		return err
	}
	if err := checkText(field+".answer", v.Answer, MaxAnswerLen); err != nil {
		return err
	}
	if err := checkText(field+".sms", v.SMS, MaxSMSLen); err != nil {
		return err
	}
	if len(v.Alternates) > MaxAlternates {
		return fieldErr(field+".alternates", "has %d phrasings; at most %d are allowed", len(v.Alternates), MaxAlternates)
	}
	for i, a := range v.Alternates {
		f := fmt.Sprintf("%s.alternates[%d]", field, i)
		if strings.TrimSpace(a) == "" {
			return fieldErr(f, "is empty")
		}
		if err := checkText(f, a, MaxQuestionLen); err != nil {
			return err
		}
	}
	if len(v.Links) > MaxLinks {
		return fieldErr(field+".links", "has %d links; at most %d are allowed", len(v.Links), MaxLinks)
	}
	for i, l := range v.Links {
		f := fmt.Sprintf("%s.links[%d]", field, i)
		if err := checkText(f+".title", l.Title, MaxQuestionLen); err != nil {
			return err
		}
		if u, err := url.Parse(l.URL); err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") || strings.ContainsAny(l.URL, " <>\"") {
			return fieldErr(f+".url", "%q must be a full http or https address, such as https://www.comune.example.it/page", l.URL)
		}
		if err := checkText(f+".url", l.URL, 2000); err != nil {
			return err
		}
	}
	return nil
}

// checkText rejects invalid UTF-8, control characters and over-long text.
func checkText(field, s string, max int) error {
	if !utf8.ValidString(s) {
		return fieldErr(field, "is not valid UTF-8 text")
	}
	if n := utf8.RuneCountInString(s); n > max {
		return fieldErr(field, "is %d characters long; the limit is %d", n, max)
	}
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' && r != '\r' || r == 0x7f {
			return fieldErr(field, "contains the control character %U", r)
		}
	}
	return nil
}

// Revision describes one saved version of an entry.
type Revision struct {
	EntryID   string    `json:"entry_id"`
	Revision  int       `json:"revision"`
	Status    Status    `json:"status"`
	SavedAt   time.Time `json:"saved_at"`
	SavedBy   string    `json:"saved_by,omitempty"`
	Languages []string  `json:"languages"`
}
