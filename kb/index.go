package kb

import (
	"encoding/json"
	"time"

	"github.com/sportello/sportello/kb/analysis"
)

// IndexTerms returns the analysed terms of a variant that stores index for
// lexical search: those of its question and alternates, and those of its
// answer, kept apart so that a match in a phrasing can weigh more than one
// in the answer.
func IndexTerms(lang string, v *Variant) (phrases, answer []string) {
	for _, p := range Phrasings(v) {
		phrases = append(phrases, analysis.Terms(lang, p)...)
	}
	return phrases, analysis.Terms(lang, v.Answer)
}

// Content returns a copy of e without the fields a store manages (revision
// and timestamps): what an editor wrote. Two entries with equal Content
// are the same edit.
func (e *Entry) Content() *Entry {
	c := e.Clone()
	c.Revision = 0
	c.CreatedAt, c.UpdatedAt = time.Time{}, time.Time{}
	return c
}

// Clone returns a deep copy of e.
func (e *Entry) Clone() *Entry {
	b, err := json.Marshal(e)
	if err != nil {
		panic("kb: entry does not marshal: " + err.Error()) // only plain data: cannot happen
	}
	var c Entry
	if err := json.Unmarshal(b, &c); err != nil {
		panic("kb: entry does not unmarshal: " + err.Error())
	}
	return &c
}

// SameContent reports whether a and b hold the same editorial content.
func SameContent(a, b *Entry) bool {
	x, _ := json.Marshal(a.Content())
	y, _ := json.Marshal(b.Content())
	return string(x) == string(y)
}
