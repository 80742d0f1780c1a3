// Package providers connects Sportello to real embedding and chat models
// through langchaingo: a local Ollama server or the OpenAI API (or any
// server that speaks its wire format, such as vLLM, LM Studio or Ollama's
// own /v1 endpoints).
//
// langchaingo does the wire formats; this package adds what a service that
// indexes thousands of texts needs on top: a timeout per request, retries
// with backoff on the failures that are worth retrying, a check that every
// vector has the same dimension, and error messages that name the server
// and say what to check.
package providers

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Provider names accepted in Config.Provider.
const (
	// Ollama is a local Ollama server (https://ollama.com).
	Ollama = "ollama"
	// OpenAI is the OpenAI API or a server compatible with it.
	OpenAI = "openai"
)

// Defaults used when the Config leaves a field at its zero value.
const (
	// DefaultOllamaURL is where `ollama serve` listens unless told otherwise.
	DefaultOllamaURL = "http://localhost:11434"
	// DefaultOpenAIURL is the OpenAI API, including the /v1 prefix that
	// langchaingo expects in the base URL.
	DefaultOpenAIURL = "https://api.openai.com/v1"
	// DefaultTimeout bounds one HTTP request. It is generous because the
	// first request to Ollama may wait for the model to load from disk.
	DefaultTimeout = 60 * time.Second
	// DefaultMaxRetries is how many times a failed request is retried.
	DefaultMaxRetries = 3
	// DefaultBatchSize is how many texts go into one embedding request: big
	// enough to amortise the round trip, small enough to stay well below
	// the request-size limits of hosted APIs.
	DefaultBatchSize = 64
)

// Config says which model to use and how to reach it. The same Config
// serves NewEmbedder and NewChatModel; only Model usually differs.
type Config struct {
	// Provider is "ollama" or "openai".
	Provider string
	// BaseURL is the server's address: for Ollama the root
	// (http://localhost:11434), for OpenAI-compatible servers the URL up
	// to and including /v1. Empty means the provider's default. It is
	// always passed explicitly so that OLLAMA_HOST and OPENAI_BASE_URL,
	// which langchaingo would otherwise read, cannot redirect requests
	// behind the configuration's back.
	BaseURL string
	// Model is the model name, such as "nomic-embed-text" or
	// "text-embedding-3-small".
	Model string
	// APIKey is the bearer token; required for the OpenAI API itself, not
	// for a compatible server named by BaseURL.
	APIKey string
	// Dim is the expected vector dimension; 0 learns it from the first
	// response. Either way every later vector must have that dimension.
	Dim int
	// Timeout bounds each HTTP request (each attempt, not the sum of the
	// retries); 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxRetries is how many times a request is retried after a 429, a 5xx,
	// a network error or a timeout; 0 means DefaultMaxRetries and a
	// negative value disables retries.
	MaxRetries int
	// BatchSize is the number of texts per embedding request; 0 means
	// DefaultBatchSize.
	BatchSize int
	// HTTPClient is the client to use; nil means langchaingo's default.
	// It is copied, never modified.
	HTTPClient *http.Client
}

// Validate reports the first problem with c, phrased as what to change.
func (c Config) Validate() error {
	switch c.Provider {
	case Ollama, OpenAI:
	case "":
		return errors.New(`providers: Provider is empty: set it to "ollama" or "openai"`)
	default:
		return fmt.Errorf(`providers: unknown Provider %q: use "ollama" or "openai" (OpenAI-compatible servers use "openai" with BaseURL)`, c.Provider)
	}
	if strings.TrimSpace(c.Model) == "" {
		ex := "nomic-embed-text"
		if c.Provider == OpenAI {
			ex = "text-embedding-3-small"
		}
		return fmt.Errorf("providers: %s: Model is empty: name the model to use, such as %q", c.Provider, ex)
	}
	if c.BaseURL != "" {
		// Checked here because langchaingo's ollama.WithServerURL calls
		// log.Fatal on a URL it cannot parse.
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("providers: %s: BaseURL %q is not an http(s) URL with a host, such as %q", c.Provider, c.BaseURL, c.defaultURL())
		}
	}
	if c.Provider == OpenAI && c.APIKey == "" && c.BaseURL == "" {
		return errors.New("providers: openai: APIKey is empty: set it to your OpenAI API key, or set BaseURL to a local OpenAI-compatible server that needs none")
	}
	if c.Dim < 0 {
		return fmt.Errorf("providers: %s: Dim is %d: use the model's vector length, or 0 to learn it from the first response", c.Provider, c.Dim)
	}
	if c.Timeout < 0 {
		return fmt.Errorf("providers: %s: Timeout is %v: use a positive duration, or 0 for the default %v", c.Provider, c.Timeout, DefaultTimeout)
	}
	if c.BatchSize < 0 {
		return fmt.Errorf("providers: %s: BatchSize is %d: use a positive number, or 0 for the default %d", c.Provider, c.BatchSize, DefaultBatchSize)
	}
	return nil
}

// defaultURL is the provider's BaseURL when none is configured.
func (c Config) defaultURL() string {
	if c.Provider == OpenAI {
		return DefaultOpenAIURL
	}
	return DefaultOllamaURL
}

// baseURL is the configured BaseURL or the provider's default, without a
// trailing slash.
func (c Config) baseURL() string {
	if c.BaseURL == "" {
		return c.defaultURL()
	}
	return strings.TrimRight(c.BaseURL, "/")
}

// name is the stable identity "provider:model" stored with every vector.
func (c Config) name() string { return c.Provider + ":" + c.Model }

// policy returns the timeout and retry settings with defaults applied.
func (c Config) policy() policy {
	p := policy{
		provider:   c.Provider,
		baseURL:    c.baseURL(),
		model:      c.Model,
		timeout:    c.Timeout,
		maxRetries: c.MaxRetries,
		backoff:    200 * time.Millisecond,
		maxBackoff: 10 * time.Second,
	}
	if p.timeout == 0 {
		p.timeout = DefaultTimeout
	}
	if p.maxRetries == 0 {
		p.maxRetries = DefaultMaxRetries
	} else if p.maxRetries < 0 {
		p.maxRetries = 0
	}
	return p
}

// httpClient returns a copy of the configured client whose transport
// records what happened on the wire, so that errors can be classified
// even where langchaingo flattens them to strings.
func (c Config) httpClient() *http.Client {
	var hc http.Client
	if c.HTTPClient != nil {
		hc = *c.HTTPClient
	}
	hc.Transport = &recordingTransport{base: hc.Transport}
	return &hc
}
