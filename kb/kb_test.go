package kb_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sportello/sportello/kb"
)

func valid() *kb.Entry {
	return &kb.Entry{ID: "cie-rinnovo", Variants: map[string]*kb.Variant{
		"it": {Question: "Come rinnovo la carta d'identità?", Answer: "All'Anagrafe, su appuntamento."},
	}}
}

func TestValidate(t *testing.T) {
	past := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		mod   func(e *kb.Entry)
		langs []string
		field string // "" means valid
	}{
		{"valid", func(e *kb.Entry) {}, nil, ""},
		{"no id", func(e *kb.Entry) { e.ID = "" }, nil, "id"},
		{"bad id", func(e *kb.Entry) { e.ID = "Carta Identità" }, nil, "id"},
		{"bad status", func(e *kb.Entry) { e.Status = "live" }, nil, "status"},
		{"no variants", func(e *kb.Entry) { e.Variants = nil }, nil, "variants"},
		{"no answer", func(e *kb.Entry) { e.Variants["it"].Answer = " " }, nil, "variants.it.answer"},
		{"no question", func(e *kb.Entry) { e.Variants["it"].Question = "" }, nil, "variants.it.question"},
		{"bad language", func(e *kb.Entry) { e.Variants["italiano"] = e.Variants["it"] }, nil, "variants.italiano"},
		{"unconfigured language", func(e *kb.Entry) { e.Variants["pt"] = e.Variants["it"] }, kb.DefaultLanguages, "variants.pt"},
		{"100 KB answer", func(e *kb.Entry) { e.Variants["it"].Answer = strings.Repeat("a", 100_000) }, nil, "variants.it.answer"},
		{"invalid utf-8", func(e *kb.Entry) { e.Variants["it"].Question = "carta \xff" }, nil, "variants.it.question"},
		{"control character", func(e *kb.Entry) { e.Variants["it"].Answer = "a\x07b" }, nil, "variants.it.answer"},
		{"empty alternate", func(e *kb.Entry) { e.Variants["it"].Alternates = []string{"ok", " "} }, nil, "variants.it.alternates[1]"},
		{"bad link", func(e *kb.Entry) { e.Variants["it"].Links = []kb.Link{{Title: "x", URL: "javascript:alert(1)"}} }, nil, "variants.it.links[0].url"},
		{"empty tag", func(e *kb.Entry) { e.Tags = []string{"documenti", ""} }, nil, "tags[1]"},
		{"validity backwards", func(e *kb.Entry) { later := past.AddDate(0, 1, 0); e.ValidFrom, e.ValidUntil = &later, &past }, nil, "valid_until"},
		{"nil variant", func(e *kb.Entry) { e.Variants["en"] = nil }, nil, "variants.en"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := valid()
			tc.mod(e)
			err := e.Validate(tc.langs)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			var fe *kb.FieldError
			if !errors.As(err, &fe) || !errors.Is(err, kb.ErrInvalid) {
				t.Fatalf("Validate = %v, want a FieldError matching ErrInvalid", err)
			}
			if fe.Field != tc.field {
				t.Errorf("field = %q, want %q (%v)", fe.Field, tc.field, err)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	e := valid()
	e.Tags = []string{" documenti "}
	e.Variants["it"].Answer = "  riga uno\r\nriga due  "
	e.Normalize()
	if e.Status != kb.StatusPublished || e.Tags[0] != "documenti" || e.Variants["it"].Answer != "riga uno\nriga due" {
		t.Errorf("Normalize gave status %q tags %q answer %q", e.Status, e.Tags, e.Variants["it"].Answer)
	}
}

func TestServable(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	from, until := now.AddDate(0, -1, 0), now.AddDate(0, 1, 0)
	e := valid()
	e.Status, e.ValidFrom, e.ValidUntil = kb.StatusPublished, &from, &until
	for _, tc := range []struct {
		at   time.Time
		want bool
	}{{now, true}, {from, true}, {until, false}, {from.Add(-time.Second), false}} {
		if got := e.Servable(tc.at); got != tc.want {
			t.Errorf("Servable(%v) = %v, want %v", tc.at, got, tc.want)
		}
	}
	e.Status = kb.StatusDraft
	if e.Servable(now) {
		t.Error("a draft is servable")
	}
}

func TestWithinOneEdit(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"rinnovo", "rinnovo", true},
		{"rinovo", "rinnovo", true},   // deletion
		{"rinnnovo", "rinnovo", true}, // insertion
		{"rinnuvo", "rinnovo", true},  // substitution
		{"rinonvo", "rinnovo", true},  // adjacent swap
		{"rnionvo", "rinnovo", false}, // two edits
		{"residenza", "residente", false},
		{"identità", "identita", true}, // runes, not bytes
		{"", "a", true},
		{"ab", "ba", true},
		{"abc", "cab", false},
	} {
		if got := kb.WithinOneEdit(tc.a, tc.b); got != tc.want {
			t.Errorf("WithinOneEdit(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
		if got := kb.WithinOneEdit(tc.b, tc.a); got != tc.want {
			t.Errorf("WithinOneEdit(%q, %q) = %v, want %v (not symmetric)", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestHashEmbedder(t *testing.T) {
	e := kb.NewHashEmbedder(0)
	ctx := context.Background()
	q, _ := e.EmbedQuery(ctx, "rinnovo carta d'identità")
	typo, _ := e.EmbedQuery(ctx, "rinovo carta identita")
	other, _ := e.EmbedQuery(ctx, "pagamento tassa rifiuti")
	if len(q) != e.Dim() || e.Name() != "hash-ngram-v1-256" {
		t.Fatalf("dimension %d name %q", len(q), e.Name())
	}
	if near, far := kb.Dot(q, typo), kb.Dot(q, other); near < 0.6 || far > 0.3 || near <= far {
		t.Errorf("cosine to a misspelling %.2f, to another topic %.2f: want the misspelling near and the topic far", near, far)
	}
	if self := kb.Dot(q, q); self < 0.999 || self > 1.001 {
		t.Errorf("a query vector is not unit length: %f", self)
	}
	zero, _ := e.EmbedQuery(ctx, "?!")
	if kb.Dot(zero, zero) != 0 {
		t.Error("text without words gave a non-zero vector")
	}
	if _, err := kb.SumUnit([][]float32{{1, 2}}, 3); !errors.Is(err, kb.ErrInvalid) {
		t.Errorf("a vector of the wrong dimension: %v, want ErrInvalid", err)
	}
}
