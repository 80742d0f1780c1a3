package main

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/providers"
)

// Config is the one typed configuration of the program. Defaults come
// first, then the environment (SPORTELLO_*), then flags.
type Config struct {
	// DB is a SQLite file path or a postgres:// URL.
	DB string
	// DataDir holds the embedded database and other local state.
	DataDir string
	// Addr is where `serve` listens.
	Addr string
	// Languages are the configured languages; DefaultLanguage answers
	// messages whose language cannot be told.
	Languages       []string
	DefaultLanguage string
	// Agency restricts answers to one agency's entries ("" for all).
	Agency string
	// EmbedDim is the dimension of the offline embedder.
	EmbedDim int
	// Embedder is "" for the offline embedder, or a model provider reached
	// through langchaingo: "ollama" or "openai" (any OpenAI-compatible
	// endpoint), with EmbedModel, EmbedURL and EmbedKey.
	Embedder   string
	EmbedModel string
	EmbedURL   string
	EmbedKey   string
	// Demo loads the demo knowledge base when the store is empty.
	Demo bool
}

func defaultConfig() Config {
	return Config{
		DataDir:         "data",
		Addr:            ":8080",
		Languages:       slices.Clone(kb.DefaultLanguages),
		DefaultLanguage: "it",
		EmbedDim:        kb.DefaultHashDim,
		Demo:            true,
	}
}

// fromEnv overrides c from SPORTELLO_* variables.
func (c *Config) fromEnv(getenv func(string) string) {
	if v := getenv("SPORTELLO_DB"); v != "" {
		c.DB = v
	}
	if v := getenv("SPORTELLO_DATA"); v != "" {
		c.DataDir = v
	}
	if v := getenv("SPORTELLO_ADDR"); v != "" {
		c.Addr = v
	}
	if v := getenv("SPORTELLO_LANGUAGES"); v != "" {
		c.Languages = splitList(v)
	}
	if v := getenv("SPORTELLO_DEFAULT_LANGUAGE"); v != "" {
		c.DefaultLanguage = v
	}
	if v := getenv("SPORTELLO_AGENCY"); v != "" {
		c.Agency = v
	}
	if v := getenv("SPORTELLO_EMBEDDER"); v != "" {
		c.Embedder = v
	}
	if v := getenv("SPORTELLO_EMBED_MODEL"); v != "" {
		c.EmbedModel = v
	}
	if v := getenv("SPORTELLO_EMBED_URL"); v != "" {
		c.EmbedURL = v
	}
	if v := getenv("SPORTELLO_EMBED_KEY"); v != "" {
		c.EmbedKey = v
	}
	if v := getenv("SPORTELLO_DEMO"); v == "0" || v == "false" {
		c.Demo = false
	}
}

// commonFlags registers the flags every command shares.
func (c *Config) commonFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.DB, "db", c.DB, "SQLite file or postgres:// URL (default: DATA/sportello.db; env SPORTELLO_DB)")
	fs.StringVar(&c.DataDir, "data", c.DataDir, "folder for local data (env SPORTELLO_DATA)")
	fs.Func("languages", "comma-separated language codes (env SPORTELLO_LANGUAGES; default "+strings.Join(c.Languages, ",")+")", func(s string) error {
		c.Languages = splitList(s)
		return nil
	})
	fs.StringVar(&c.Agency, "agency", c.Agency, "answer only from this agency's entries (env SPORTELLO_AGENCY)")
}

// Validate explains mistakes in words a person can act on.
func (c *Config) Validate() error {
	var errs []error
	if len(c.Languages) == 0 {
		errs = append(errs, errors.New("no languages are configured: set SPORTELLO_LANGUAGES, for example it,en,ar"))
	}
	for _, l := range c.Languages {
		if !kb.ValidLanguageTag(l) {
			errs = append(errs, fmt.Errorf("language %q is not a language code: use BCP-47 codes such as it, en, ar, zh", l))
		}
	}
	if !slices.Contains(c.Languages, c.DefaultLanguage) {
		errs = append(errs, fmt.Errorf("the default language %q is not among the configured languages (%s)", c.DefaultLanguage, strings.Join(c.Languages, ", ")))
	}
	if c.EmbedDim < 16 || c.EmbedDim > 4096 {
		errs = append(errs, fmt.Errorf("the embedding dimension %d is out of range 16-4096", c.EmbedDim))
	}
	if strings.Contains(c.DB, "://") && !c.isPostgres() && !strings.HasPrefix(c.DB, "sqlite://") {
		errs = append(errs, fmt.Errorf("--db %q: give a SQLite file path or a postgres:// URL", redact(c.DB)))
	}
	if c.Embedder != "" {
		if err := c.providerConfig().Validate(); err != nil {
			errs = append(errs, fmt.Errorf("embedder (SPORTELLO_EMBEDDER=%s): %w", c.Embedder, err))
		}
	}
	return errors.Join(errs...)
}

// providerConfig is the langchaingo provider configuration of the embedder.
func (c *Config) providerConfig() providers.Config {
	return providers.Config{Provider: c.Embedder, Model: c.EmbedModel, BaseURL: c.EmbedURL, APIKey: c.EmbedKey}
}

// isPostgres reports whether DB names a PostgreSQL database.
func (c *Config) isPostgres() bool {
	return strings.HasPrefix(c.DB, "postgres://") || strings.HasPrefix(c.DB, "postgresql://")
}

// redact hides a password in a database URL, for error messages and logs.
func redact(db string) string {
	u, err := url.Parse(db)
	if err != nil || u.User == nil {
		return db
	}
	return u.Redacted()
}

// dbPath is the SQLite file to open, or the redacted URL of PostgreSQL.
func (c *Config) dbPath() string {
	if c.isPostgres() {
		return redact(c.DB)
	}
	if c.DB != "" {
		return strings.TrimPrefix(c.DB, "sqlite://")
	}
	return filepath.Join(c.DataDir, "sportello.db")
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func getenv(k string) string { return os.Getenv(k) }
