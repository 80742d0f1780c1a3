package i18n

import (
	"slices"
	"strings"
	"testing"

	"github.com/sportello/sportello/kb"
)

func TestCatalogCoversEveryLanguage(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if diff := slices.Compare(c.Languages(), sorted(kb.DefaultLanguages)); diff != 0 {
		t.Fatalf("message files for %v, want %v", c.Languages(), sorted(kb.DefaultLanguages))
	}
	for _, id := range []string{"Emergency", "HandoffExplicit", "HandoffPersonal", "HandoffLowConfidence", "HandoffNoVariant", "ClarifyPrompt", "ErrEmpty", "ErrTooLong", "ErrInvalidText", "SourceLabel"} {
		seen := map[string]string{}
		for _, lang := range c.Languages() {
			msg := c.Message(lang, id, map[string]any{"Max": 2000})
			if msg == id || msg == "" {
				t.Errorf("%s has no %s message", lang, id)
			}
			if strings.Contains(msg, "{{") || strings.Contains(msg, "<no value>") {
				t.Errorf("%s %s has an unfilled template: %q", lang, id, msg)
			}
			if other, dup := seen[msg]; dup && id != "SourceLabel" {
				t.Errorf("%s and %s share the %s text %q: one is untranslated", lang, other, id, msg)
			}
			seen[msg] = lang
		}
	}
	if got := c.Message("ar", "Emergency", nil); !strings.Contains(got, "112") {
		t.Errorf("the Arabic emergency message does not say 112: %q", got)
	}
	if got := c.Message("pt", "ErrEmpty", nil); got != c.Message("it", "ErrEmpty", nil) {
		t.Errorf("a language without a file does not fall back to Italian: %q", got)
	}
}

func TestDir(t *testing.T) {
	for lang, want := range map[string]string{"ar": "rtl", "ar-MA": "rtl", "it": "ltr", "zh": "ltr", "sq": "ltr"} {
		if got := Dir(lang); got != want {
			t.Errorf("Dir(%s) = %s, want %s", lang, got, want)
		}
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
