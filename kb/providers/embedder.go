package providers

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/sportello/sportello/kb"
	"github.com/tmc/langchaingo/embeddings"
	"github.com/tmc/langchaingo/llms/ollama"
	"github.com/tmc/langchaingo/llms/openai"
)

// Embedder is a kb.Embedder backed by an Ollama or OpenAI embedding model
// through langchaingo's embeddings.EmbedderImpl. It is safe for concurrent
// use.
type Embedder struct {
	name      string
	inner     embeddings.Embedder
	policy    policy
	batchSize int
	// dim is the configured or learned dimension, 0 until learned. It is
	// atomic because concurrent first calls race to learn it.
	dim atomic.Int64
}

var _ kb.Embedder = (*Embedder)(nil)

// NewEmbedder validates cfg and returns an Embedder. It sends no request:
// a server that is down is reported by the first call, with what to check.
func NewEmbedder(cfg Config) (*Embedder, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	client, err := newEmbedderClient(cfg)
	if err != nil {
		return nil, err
	}
	bs := cfg.BatchSize
	if bs == 0 {
		bs = DefaultBatchSize
	}
	// The batches are cut here, so that a retry repeats one batch rather
	// than the whole input; langchaingo's batch size only has to be no
	// smaller than ours.
	inner, err := embeddings.NewEmbedder(client, embeddings.WithBatchSize(bs))
	if err != nil {
		return nil, fmt.Errorf("providers: %s: %w", cfg.name(), err)
	}
	e := &Embedder{name: cfg.name(), inner: inner, policy: cfg.policy(), batchSize: bs}
	e.dim.Store(int64(cfg.Dim))
	return e, nil
}

// newEmbedderClient returns langchaingo's LLM for cfg, which is the
// embeddings.EmbedderClient that speaks the provider's wire format.
func newEmbedderClient(cfg Config) (embeddings.EmbedderClient, error) {
	switch cfg.Provider {
	case Ollama:
		llm, err := newOllama(cfg)
		if err != nil {
			return nil, err
		}
		return llm, nil
	default:
		llm, err := newOpenAI(cfg, openai.WithEmbeddingModel(cfg.Model))
		if err != nil {
			return nil, err
		}
		return llm, nil
	}
}

// newOllama returns langchaingo's Ollama LLM for cfg.
func newOllama(cfg Config) (*ollama.LLM, error) {
	llm, err := ollama.New(
		ollama.WithServerURL(cfg.baseURL()),
		ollama.WithModel(cfg.Model),
		ollama.WithHTTPClient(cfg.httpClient()),
	)
	if err != nil {
		return nil, fmt.Errorf("providers: %s: %w", cfg.name(), err)
	}
	return llm, nil
}

// newOpenAI returns langchaingo's OpenAI LLM for cfg.
func newOpenAI(cfg Config, extra ...openai.Option) (*openai.LLM, error) {
	token := cfg.APIKey
	if token == "" {
		// langchaingo refuses an empty token (and would read
		// OPENAI_API_KEY instead); Validate allows it only for a
		// compatible server at BaseURL, which ignores the header.
		token = "unused"
	}
	opts := append([]openai.Option{
		openai.WithBaseURL(cfg.baseURL()),
		openai.WithModel(cfg.Model),
		openai.WithToken(token),
		openai.WithHTTPClient(cfg.httpClient()),
	}, extra...)
	llm, err := openai.New(opts...)
	if err != nil {
		return nil, fmt.Errorf("providers: %s: %w", cfg.name(), err)
	}
	return llm, nil
}

// Name implements kb.Embedder: "provider:model", such as
// "ollama:nomic-embed-text". It does not include BaseURL because the same
// model gives the same vectors wherever it runs.
func (e *Embedder) Name() string { return e.name }

// Dim implements kb.Embedder. It is 0 until the first response when
// Config.Dim was 0.
func (e *Embedder) Dim() int { return int(e.dim.Load()) }

// EmbedDocuments implements kb.Embedder, sending the texts in batches of
// Config.BatchSize, each with its own timeout and retries.
func (e *Embedder) EmbedDocuments(ctx context.Context, texts []string) ([][]float32, error) {
	if len(texts) == 0 {
		return nil, nil
	}
	out := make([][]float32, 0, len(texts))
	for start := 0; start < len(texts); start += e.batchSize {
		// A copy, because langchaingo strips newlines in place.
		batch := append([]string(nil), texts[start:min(start+e.batchSize, len(texts))]...)
		var vecs [][]float32
		err := e.policy.do(ctx, func(ctx context.Context) error {
			var err error
			vecs, err = e.inner.EmbedDocuments(ctx, batch)
			return err
		})
		if err != nil {
			return nil, err
		}
		if len(vecs) != len(batch) {
			return nil, fmt.Errorf("%s: %d vectors for %d texts: %w", e.name, len(vecs), len(batch), kb.ErrInvalid)
		}
		for _, v := range vecs {
			if err := e.checkDim(v); err != nil {
				return nil, err
			}
		}
		out = append(out, vecs...)
	}
	return out, nil
}

// EmbedQuery implements kb.Embedder.
func (e *Embedder) EmbedQuery(ctx context.Context, text string) ([]float32, error) {
	var vec []float32
	err := e.policy.do(ctx, func(ctx context.Context) error {
		var err error
		vec, err = e.inner.EmbedQuery(ctx, text)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := e.checkDim(vec); err != nil {
		return nil, err
	}
	return vec, nil
}

// checkDim makes sure v has the embedder's dimension, learning it from v
// if it is not known yet. A model swapped behind the same name would
// otherwise put incomparable vectors into the index.
func (e *Embedder) checkDim(v []float32) error {
	if len(v) == 0 {
		return fmt.Errorf("%s: the server returned an empty vector: %w", e.name, kb.ErrInvalid)
	}
	n := int64(len(v))
	if e.dim.CompareAndSwap(0, n) {
		return nil
	}
	if want := e.dim.Load(); want != n {
		return fmt.Errorf("%s: the server returned a vector of dimension %d, want %d (was the model changed? set Config.Dim to match): %w", e.name, n, want, kb.ErrInvalid)
	}
	return nil
}
