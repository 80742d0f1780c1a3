package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/sportello/sportello/kb/postgres"
	"github.com/sportello/sportello/kb/sqlite"
)

// reembedder is what `kb reembed` needs of a store; both stores have it.
type reembedder interface {
	StaleVectors(ctx context.Context) (stale, total int, err error)
	Reembed(ctx context.Context, batch int, progress func(done, total int)) (int, error)
}

// runReembed re-makes, with the configured embedder, the vectors another
// embedder made, a batch at a time, each batch committed: an interrupted
// run (Ctrl-C, a provider that fails) keeps what it did, and running the
// command again goes on from there. Opening the store re-embeds a few
// stale vectors by itself; this is for the many.
func runReembed(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("kb reembed", flag.ContinueOnError)
	batch := fs.Int("batch", 256, "variants to embed and commit at a time")
	if err := parse(fs, &cfg, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"kb reembed takes no arguments: it re-embeds what the configured embedder has not embedded"}
	}
	if *batch < 1 {
		return usageError{"kb reembed: --batch must be at least 1"}
	}
	cfg.Demo = false
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	r, ok := st.(reembedder)
	if !ok {
		return fmt.Errorf("kb reembed: the %T store cannot re-embed", st)
	}
	name := st.Embedder().Name()
	stale, total, err := r.StaleVectors(ctx)
	if err != nil {
		return err
	}
	if stale == 0 {
		fmt.Fprintf(stdout, "all %d variants have vectors from %s\n", total, name)
		return nil
	}
	bar := newProgress(stderr, "kb reembed")
	done, err := r.Reembed(ctx, *batch, func(done, total int) { bar.update(name, int64(done), int64(total)) })
	bar.done()
	if err != nil {
		return fmt.Errorf("%w\nthe vectors made so far are kept: run the command again to go on", err)
	}
	left, total, err := r.StaleVectors(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "re-embedded %d variants with %s; %d of %d variants have its vectors\n", done, name, total-left, total)
	if left > 0 {
		// Edited meanwhile by a process with another embedder.
		fmt.Fprintf(stdout, "%d variants were changed meanwhile by a process with another embedder: run the command again\n", left)
	}
	return nil
}

// Both stores re-embed.
var (
	_ reembedder = (*sqlite.Store)(nil)
	_ reembedder = (*postgres.Store)(nil)
)
