package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"slices"
	"time"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/web"
)

func runServe(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "listen address (env SPORTELLO_ADDR)")
	static := fs.String("static", envOr("SPORTELLO_STATIC_DIR", web.DefaultStaticDir), "bootstrap-italia's dist folder, installed by npm (env SPORTELLO_STATIC_DIR)")
	if err := parse(fs, &cfg, args); err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	app, err := openApp(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer app.Close()
	langs := append([]string{cfg.DefaultLanguage}, slices.DeleteFunc(slices.Clone(cfg.Languages), func(l string) bool { return l == cfg.DefaultLanguage })...)
	srv := &web.Server{
		Engine:    app.Engine,
		Log:       log,
		Messages:  app.Engine.Messages,
		Languages: langs,
		StaticDir: *static,
		Ready: func(ctx context.Context) error {
			_, err := app.Store.List(ctx, kb.ListFilter{Status: kb.StatusArchived})
			return err
		},
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	url := "http://" + displayAddr(ln.Addr())
	fmt.Fprintf(stdout, "Sportello is listening: open %s/ in a browser\nor try: curl -d '{\"text\":\"come rinnovo la carta d identità?\"}' %s/api/v1/ask\n", url, url)
	log.Info("listening", "addr", ln.Addr().String(), "db", cfg.dbPath())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Finish the turns in flight before closing the store.
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// displayAddr turns a wildcard listen address into one a browser can open.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return fmt.Sprintf("localhost:%d", tcp.Port)
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
