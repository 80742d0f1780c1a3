package providers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/tmc/langchaingo/llms"
)

// ChatModel is a langchaingo llms.Model (Ollama or OpenAI) with the
// package's timeout and retry policy applied to every request. It is what
// NewChatModel returns, so code written against llms.Model gets the policy
// without knowing about it.
type ChatModel struct {
	name   string
	llm    llms.Model
	policy policy
}

var _ llms.Model = (*ChatModel)(nil)

// NewChatModel validates cfg and returns langchaingo's Ollama or OpenAI
// chat model for it, wrapped in a *ChatModel. Like NewEmbedder it sends no
// request.
func NewChatModel(cfg Config) (llms.Model, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	var llm llms.Model
	var err error
	switch cfg.Provider {
	case Ollama:
		llm, err = newOllama(cfg)
	default:
		llm, err = newOpenAI(cfg)
	}
	if err != nil {
		return nil, err
	}
	return &ChatModel{name: cfg.name(), llm: llm, policy: cfg.policy()}, nil
}

// Name is "provider:model", such as "ollama:llama3.2", for logs and for
// recording which model wrote an answer.
func (m *ChatModel) Name() string { return m.name }

// Unwrap returns langchaingo's model, for features this wrapper does not
// pass through (its requests get no timeout or retries).
func (m *ChatModel) Unwrap() llms.Model { return m.llm }

// GenerateContent implements llms.Model with a timeout per attempt and
// retries. A streaming call is not retried once a chunk has been
// delivered, because the caller cannot take the chunk back.
func (m *ChatModel) GenerateContent(ctx context.Context, messages []llms.MessageContent, options ...llms.CallOption) (*llms.ContentResponse, error) {
	var co llms.CallOptions
	for _, o := range options {
		o(&co)
	}
	streamed := false
	if co.StreamingFunc != nil {
		f := co.StreamingFunc
		options = append(options[:len(options):len(options)], llms.WithStreamingFunc(func(ctx context.Context, chunk []byte) error {
			streamed = true
			return f(ctx, chunk)
		}))
	}
	var resp *llms.ContentResponse
	var streamErr error
	err := m.policy.do(ctx, func(ctx context.Context) error {
		var err error
		resp, err = m.llm.GenerateContent(ctx, messages, options...)
		if err != nil && streamed {
			// Stop the retries but keep do's classification out of it:
			// the message must say the stream broke.
			streamErr = err
			return nil
		}
		return err
	})
	if streamErr != nil {
		return nil, fmt.Errorf("%s: the answer stream broke after it started, not retried: %w", m.name, streamErr)
	}
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// Call implements llms.Model.
func (m *ChatModel) Call(ctx context.Context, prompt string, options ...llms.CallOption) (string, error) {
	return llms.GenerateFromSinglePrompt(ctx, m, prompt, options...)
}

// ErrEmptyAnswer is returned by Generate when the model answered with no
// text: a grounded answer cannot be empty, and langchaingo's Ollama client
// returns an empty answer without error when a stream ends early.
var ErrEmptyAnswer = errors.New("the model returned an empty answer")

// Generate asks model for one answer to user under the system prompt
// (omitted when empty) and returns its text. The timeout and retry policy
// apply when model comes from NewChatModel; any other llms.Model is called
// as it is.
func Generate(ctx context.Context, model llms.Model, system, user string) (string, error) {
	msgs := make([]llms.MessageContent, 0, 2)
	if system != "" {
		msgs = append(msgs, llms.TextParts(llms.ChatMessageTypeSystem, system))
	}
	msgs = append(msgs, llms.TextParts(llms.ChatMessageTypeHuman, user))
	resp, err := model.GenerateContent(ctx, msgs)
	if err != nil {
		return "", err
	}
	if len(resp.Choices) == 0 || strings.TrimSpace(resp.Choices[0].Content) == "" {
		name := "chat model"
		if m, ok := model.(*ChatModel); ok {
			name = m.name
		}
		return "", fmt.Errorf("%s: %w", name, ErrEmptyAnswer)
	}
	return resp.Choices[0].Content, nil
}
