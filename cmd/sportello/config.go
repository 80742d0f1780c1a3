package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/sportello/sportello/chat"
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
	// LLM is "" for no language model, or "ollama" or "openai" for a chat
	// model through langchaingo that composes grounded answers, rewrites
	// follow-ups and translates (LLMModel, LLMURL, LLMKey; LLMTimeout
	// bounds each use, retries included).
	LLM        string
	LLMModel   string
	LLMURL     string
	LLMKey     string
	LLMTimeout time.Duration
	// Demo loads the demo knowledge base when the store is empty.
	Demo bool
	// ConfigFile is the optional configuration file (--config,
	// SPORTELLO_CONFIG), YAML or JSON; see fileConfig.
	ConfigFile string
	// Decision are the thresholds of the engine's decision:
	// chat.DefaultThresholds unless the configuration file sets them.
	Decision chat.Thresholds
	// configErr is why the configuration file named by the environment
	// could not be read, reported by Validate.
	configErr     error
	llmTimeoutErr error
}

func defaultConfig() Config {
	return Config{
		DataDir:         "data",
		Addr:            ":8080",
		Languages:       slices.Clone(kb.DefaultLanguages),
		DefaultLanguage: "it",
		EmbedDim:        kb.DefaultHashDim,
		Demo:            true,
		Decision:        chat.DefaultThresholds,
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
	for k, dst := range map[string]*string{"SPORTELLO_LLM": &c.LLM, "SPORTELLO_LLM_MODEL": &c.LLMModel, "SPORTELLO_LLM_URL": &c.LLMURL, "SPORTELLO_LLM_KEY": &c.LLMKey} {
		if v := getenv(k); v != "" {
			*dst = v
		}
	}
	if v := getenv("SPORTELLO_LLM_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			c.llmTimeoutErr = fmt.Errorf("SPORTELLO_LLM_TIMEOUT=%q: give a duration such as 8s", v)
		}
		c.LLMTimeout = d
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
	if v := getenv("SPORTELLO_CONFIG"); v != "" {
		c.configErr = c.loadFile(v)
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
	fs.Func("config", "configuration file, YAML or JSON, with the decision thresholds (env SPORTELLO_CONFIG)", func(s string) error {
		c.configErr = nil
		return c.loadFile(s)
	})
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
	if c.LLM != "" {
		if err := c.llmConfig().Validate(); err != nil {
			errs = append(errs, fmt.Errorf("language model (SPORTELLO_LLM=%s): %w", c.LLM, err))
		}
	}
	if c.llmTimeoutErr != nil {
		errs = append(errs, c.llmTimeoutErr)
	}
	if c.configErr != nil {
		errs = append(errs, fmt.Errorf("SPORTELLO_CONFIG: %w", c.configErr))
	}
	if err := validateDecision(c.Decision); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// providerConfig is the langchaingo provider configuration of the embedder.
func (c *Config) providerConfig() providers.Config {
	return providers.Config{Provider: c.Embedder, Model: c.EmbedModel, BaseURL: c.EmbedURL, APIKey: c.EmbedKey}
}

// llmConfig is the langchaingo provider configuration of the chat model.
func (c *Config) llmConfig() providers.Config {
	return providers.Config{Provider: c.LLM, Model: c.LLMModel, BaseURL: c.LLMURL, APIKey: c.LLMKey}
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

// fileConfig is the optional configuration file, YAML or JSON (JSON is
// read as YAML). Unknown keys are refused, so that a misspelt key is an
// error at start and not a setting silently ignored.
//
//	decision:          # written by `sportello eval calibrate --write FILE`
//	  answer: 0.24
//	  margin: 0.08
//	  agree_margin: 0.06
//	  clarify: 0.2
type fileConfig struct {
	Decision *decisionFile `yaml:"decision" json:"decision,omitempty"`
}

// decisionFile is the decision section: all four thresholds of
// chat.Thresholds, each required, so that a file never mixes calibrated
// values with defaults.
type decisionFile struct {
	Answer      *float64 `yaml:"answer" json:"answer"`
	Margin      *float64 `yaml:"margin" json:"margin"`
	AgreeMargin *float64 `yaml:"agree_margin" json:"agree_margin"`
	Clarify     *float64 `yaml:"clarify" json:"clarify"`
}

// loadFile reads the configuration file name into c.
func (c *Config) loadFile(name string) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("configuration file: %w", err)
	}
	var f fileConfig
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("configuration file %s: %v", name, err)
	}
	c.ConfigFile = name
	if d := f.Decision; d != nil {
		var missing []string
		for _, k := range []struct {
			name string
			v    *float64
		}{{"answer", d.Answer}, {"margin", d.Margin}, {"agree_margin", d.AgreeMargin}, {"clarify", d.Clarify}} {
			if k.v == nil {
				missing = append(missing, k.name)
			}
		}
		if len(missing) > 0 {
			return fmt.Errorf("configuration file %s: decision: %s missing: give all four of answer, margin, agree_margin and clarify "+
				"(sportello eval calibrate --write FILE writes them)", name, strings.Join(missing, ", "))
		}
		c.Decision = chat.Thresholds{Answer: *d.Answer, Margin: *d.Margin, AgreeMargin: *d.AgreeMargin, Clarify: *d.Clarify}
		if err := validateDecision(c.Decision); err != nil {
			return fmt.Errorf("configuration file %s: %w", name, err)
		}
	}
	return nil
}

// validateDecision explains thresholds the engine could not decide with.
func validateDecision(t chat.Thresholds) error {
	var errs []error
	for _, k := range thresholdList(t) {
		if math.IsNaN(k.v) || k.v < 0 || k.v > 1 {
			errs = append(errs, fmt.Errorf("decision: %s is %v: thresholds are confidences between 0 and 1", k.key, k.v))
		}
	}
	if t.Answer == 0 {
		errs = append(errs, errors.New("decision: answer is 0: every message would be answered; use a calibrated value (sportello eval calibrate)"))
	}
	if t.AgreeMargin > t.Margin {
		errs = append(errs, fmt.Errorf("decision: agree_margin %v is above margin %v: it is the smaller margin used when both rankings agree", t.AgreeMargin, t.Margin))
	}
	return errors.Join(errs...)
}

// writeDecision writes thresholds t into the decision section of the
// configuration file name, creating it if needed and keeping every other
// key (and, in YAML, the comments) as it was. The file is replaced
// atomically: a failure leaves the old file whole.
func writeDecision(name string, t chat.Thresholds, comment string) error {
	if err := validateDecision(t); err != nil {
		return err
	}
	old, err := os.ReadFile(name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("configuration file: %w", err)
	}
	// The file must be one this program can read back.
	if len(bytes.TrimSpace(old)) > 0 {
		var probe Config
		if err := probe.loadFile(name); err != nil {
			return fmt.Errorf("not overwriting it: %w", err)
		}
	}
	var out []byte
	if strings.EqualFold(filepath.Ext(name), ".json") {
		out, err = jsonWithDecision(old, t)
	} else {
		out, err = yamlWithDecision(old, t, comment)
	}
	if err != nil {
		return fmt.Errorf("configuration file %s: %w", name, err)
	}
	if err := writeFileAtomic(name, out); err != nil {
		return fmt.Errorf("configuration file: %w", err)
	}
	return nil
}

// writeFileAtomic writes b to name through a temporary file in the same
// folder, renamed over name only once complete: a failure leaves the old
// file whole and no half-written one.
func writeFileAtomic(name string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".sportello-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// threshold is one decision threshold with its key in the file.
type threshold struct {
	key string
	v   float64
}

func thresholdList(t chat.Thresholds) []threshold {
	return []threshold{{"answer", t.Answer}, {"margin", t.Margin}, {"agree_margin", t.AgreeMargin}, {"clarify", t.Clarify}}
}

// calibrationMark starts the comment eval calibrate writes above the
// decision section.
const calibrationMark = "# Decision thresholds proposed by"

// yamlWithDecision returns the YAML document old with its decision
// mapping replaced by t, and comment (lines without "#") above it.
func yamlWithDecision(old []byte, t chat.Thresholds, comment string) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(old, &doc); err != nil {
		return nil, err
	}
	if doc.Kind == 0 {
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode, Tag: "!!map"}}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, errors.New("the document is not a mapping of keys")
	}
	section := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, k := range thresholdList(t) {
		v := strconv.FormatFloat(k.v, 'f', -1, 64)
		if !strings.Contains(v, ".") {
			v += ".0" // a plain float, not an integer tagged !!float
		}
		section.Content = append(section.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k.key},
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: v})
	}
	var lines []string
	for _, l := range strings.Split(comment, "\n") {
		lines = append(lines, "# "+l)
	}
	comment = strings.Join(lines, "\n")
	replaced := false
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k := root.Content[i]; k.Value == "decision" {
			// Keep the people's comments above the key, replacing only
			// the one a previous calibration wrote.
			head := k.HeadComment
			if j := strings.Index(head, calibrationMark); j >= 0 {
				head = strings.TrimRight(head[:j], "\n")
			}
			k.HeadComment = strings.TrimLeft(head+"\n"+comment, "\n")
			root.Content[i+1] = section
			replaced = true
		}
	}
	if !replaced {
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "decision", HeadComment: comment}, section)
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// jsonWithDecision returns the JSON object old with its "decision" key
// set to t; the other keys keep their values (sorted, as encoding/json
// writes maps).
func jsonWithDecision(old []byte, t chat.Thresholds) ([]byte, error) {
	obj := map[string]json.RawMessage{}
	if len(bytes.TrimSpace(old)) > 0 {
		if err := json.Unmarshal(old, &obj); err != nil {
			return nil, err
		}
	}
	d := map[string]float64{}
	for _, k := range thresholdList(t) {
		d[k.key] = k.v
	}
	raw, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	obj["decision"] = raw
	b, err := json.MarshalIndent(obj, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
