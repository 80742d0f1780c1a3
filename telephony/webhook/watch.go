package webhook

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// DefaultSweep is how often Watch reconciles every handoff, as a net for
// changes whose notification never came.
const DefaultSweep = 5 * time.Minute

// Watch reconciles, in the background until ctx ends, the conversations
// passed to the returned notify function, and every handoff at start and
// every sweep (DefaultSweep when zero). notify never blocks the caller
// (chat.Service.Notify, a LISTEN callback): ids waiting to be reconciled
// are coalesced, and "" asks for a full pass. done closes when the
// watcher has stopped.
func (r *Reconciler) Watch(ctx context.Context, sweep time.Duration, log *slog.Logger) (notify func(id string), done <-chan struct{}) {
	if sweep <= 0 {
		sweep = DefaultSweep
	}
	if log == nil {
		log = slog.Default()
	}
	var mu sync.Mutex
	pending := map[string]bool{"": true}
	wake := make(chan struct{}, 1)
	notify = func(id string) {
		mu.Lock()
		pending[id] = true
		mu.Unlock()
		select {
		case wake <- struct{}{}:
		default:
		}
	}
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(sweep)
		defer t.Stop()
		for {
			mu.Lock()
			ids := pending
			pending = map[string]bool{}
			mu.Unlock()
			if ids[""] {
				ids = map[string]bool{"": true}
			}
			for id := range ids {
				if err := r.Conversation(ctx, id); err != nil && ctx.Err() == nil {
					// A failed pass is retried by the next sweep.
					log.Error("webhook: reconciling handoffs", "conversation", id, "err", err.Error())
				}
			}
			select {
			case <-ctx.Done():
				return
			case <-wake:
			case <-t.C:
				notify("")
			}
		}
	}()
	return notify, stopped
}
