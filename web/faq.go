package web

import (
	"context"

	"github.com/sportello/sportello/kb"
)

// FAQStore is what the public FAQ pages read; kb.Store implements it.
type FAQStore interface {
	Get(ctx context.Context, id string) (*kb.Entry, error)
	List(ctx context.Context, f kb.ListFilter) ([]*kb.Entry, error)
}
