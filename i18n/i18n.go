// Package i18n holds Sportello's user-facing strings in every supported
// language (go-i18n message files, one per locale), language negotiation
// and text direction. Language identification of citizens' messages lives
// in the subpackage langid.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed locales/*.json console/*.json
var locales embed.FS

// Fallback is the language used when a message has no translation in the
// user's language: the administration's own.
const Fallback = "it"

// Catalog translates message ids into every loaded language.
type Catalog struct {
	bundle *goi18n.Bundle
	langs  []string
}

// Load reads the embedded message files. Every file must define every
// message of the Italian file, so a citizen never meets an untranslated
// string.
func Load() (*Catalog, error) { return load("locales") }

// LoadConsole reads the staff consoles' message files (Italian and
// English: the staff of an Italian administration), with the same rule.
func LoadConsole() (*Catalog, error) { return load("console") }

func load(dir string) (*Catalog, error) {
	b := goi18n.NewBundle(language.Italian)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	names, err := fs.Glob(locales, dir+"/*.json")
	if err != nil {
		return nil, err
	}
	ids := map[string][]string{}
	for _, name := range names {
		buf, err := locales.ReadFile(name)
		if err != nil {
			return nil, err
		}
		mf, err := b.ParseMessageFileBytes(buf, name)
		if err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", name, err)
		}
		lang := strings.TrimSuffix(path.Base(name), ".json")
		for _, m := range mf.Messages {
			ids[lang] = append(ids[lang], m.ID)
		}
	}
	c := &Catalog{bundle: b}
	for lang := range ids {
		c.langs = append(c.langs, lang)
	}
	slices.Sort(c.langs)
	for _, lang := range c.langs {
		for _, id := range ids[Fallback] {
			if !slices.Contains(ids[lang], id) {
				return nil, fmt.Errorf("i18n: %s/%s.json lacks the message %q", dir, lang, id)
			}
		}
	}
	return c, nil
}

// Languages returns the languages with a message file.
func (c *Catalog) Languages() []string { return slices.Clone(c.langs) }

// Message returns message id in lang (falling back to Italian), with data
// filling its template fields. An unknown id returns the id itself, which
// tests catch.
func (c *Catalog) Message(lang, id string, data map[string]any) string {
	l := goi18n.NewLocalizer(c.bundle, lang, Fallback)
	s, err := l.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return id
	}
	return s
}

// Dir returns the text direction of lang: "rtl" for Arabic script
// languages, "ltr" otherwise.
func Dir(lang string) string {
	switch base(lang) {
	case "ar", "fa", "he", "ur", "ps", "yi":
		return "rtl"
	}
	return "ltr"
}

func base(lang string) string {
	if i := strings.IndexByte(lang, '-'); i > 0 {
		return lang[:i]
	}
	return lang
}
