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
	"strconv"
	"strings"
	"time"

	"github.com/sportello/sportello/chat"
	chatpostgres "github.com/sportello/sportello/chat/postgres"
	chatsqlite "github.com/sportello/sportello/chat/sqlite"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/postgres"
	"github.com/sportello/sportello/kb/sqlite"
	"github.com/sportello/sportello/web"
)

func runServe(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "listen address (env SPORTELLO_ADDR)")
	static := fs.String("static", envOr("SPORTELLO_STATIC_DIR", web.DefaultStaticDir), "bootstrap-italia's dist folder, installed by npm (env SPORTELLO_STATIC_DIR)")
	smsFile := fs.String("sms-config", envOr("SPORTELLO_SMS_CONFIG", ""), "the SMS gateways (YAML or JSON, see README); without it the demo gateway only (env SPORTELLO_SMS_CONFIG)")
	embedOrigins := fs.String("embed-origins", envOr("SPORTELLO_EMBED_ORIGINS", ""), "sites allowed to embed the chat widget, comma-separated origins such as https://www.comune.example.it (env SPORTELLO_EMBED_ORIGINS)")
	trustedProxies := fs.String("trusted-proxies", envOr("SPORTELLO_TRUSTED_PROXIES", ""), "reverse proxies whose X-Forwarded-For is believed, comma-separated addresses or CIDR prefixes (env SPORTELLO_TRUSTED_PROXIES)")
	retentionFlag := fs.String("retention", envOr("SPORTELLO_RETENTION", DefaultRetention), "how long a conversation is kept after its last message, in days (30d) or hours (720h); at least 1h (env SPORTELLO_RETENTION)")
	phoneCfg := contactCenterFlags(fs, os.Getenv)
	if err := parse(fs, &cfg, args); err != nil {
		return err
	}
	retention, err := parseRetention(*retentionFlag)
	if err != nil {
		return fmt.Errorf("configuration: --retention / SPORTELLO_RETENTION: %w", err)
	}
	origins, err := web.ParseOrigins(*embedOrigins)
	if err != nil {
		return fmt.Errorf("configuration: --embed-origins / SPORTELLO_EMBED_ORIGINS: %w", err)
	}
	proxies, err := web.ParseTrustedProxies(*trustedProxies)
	if err != nil {
		return fmt.Errorf("configuration: --trusted-proxies / SPORTELLO_TRUSTED_PROXIES: %w", err)
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	app, err := openApp(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer app.Close()
	conv, err := app.conversations(ctx)
	if err != nil {
		return err
	}
	svc := &chat.Service{Engine: app.Engine, Store: conv, Log: log, LLM: app.LLM}
	metrics := web.NewMetrics()
	svc.Observe = func(c *chat.Conversation, d *chat.Decision, took time.Duration) {
		metrics.ObserveDecision(c.Channel, d, took)
	}
	// The language detector compiles its model at the first use: pay for
	// it now rather than in a citizen's first turn.
	if app.Engine.Detector != nil {
		app.Engine.Detector.Detect("buongiorno")
	}
	broker := web.NewLocalBroker()
	// The listener outlives the requests (Shutdown waits for them) and
	// ends before the store closes.
	listenCtx, stopListening := context.WithCancel(context.WithoutCancel(ctx))
	listening := follow(listenCtx, conv, svc, broker, log)
	defer func() { stopListening(); <-listening }()
	// Turns a crash left unanswered get their reply before new ones come.
	if n, err := svc.Resume(ctx); err != nil {
		return fmt.Errorf("serve: answering the messages left by the last run: %w", err)
	} else if n > 0 {
		log.Info("answered messages left by the last run", "turns", n)
	}
	go purge(ctx, conv, retention, log)
	langs := append([]string{cfg.DefaultLanguage}, slices.DeleteFunc(slices.Clone(cfg.Languages), func(l string) bool { return l == cfg.DefaultLanguage })...)
	srv := &web.Server{
		Service:      svc,
		Broker:       broker,
		Engine:       app.Engine,
		Log:          log,
		Messages:     app.Engine.Messages,
		Languages:    langs,
		StaticDir:    *static,
		KB:           app.Store,
		Metrics:      metrics,
		EmbedOrigins: origins,
		Protection:   web.Protection{TrustedProxies: proxies},
		Ready: func(ctx context.Context) error {
			_, err := app.Store.List(ctx, kb.ListFilter{Status: kb.StatusArchived})
			return err
		},
	}
	cons, err := newConsole(ctx, app, svc, broker, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	smsCh, err := startSMS(ctx, cfg, app, svc, *smsFile, "http://"+displayAddr(ln.Addr()), retention, srv.Metrics, log)
	if err != nil {
		ln.Close()
		return err
	}
	defer smsCh.Stop()
	phone, err := startContactCenter(ctx, cfg, *phoneCfg, contactCenterDeps{App: app, Chat: svc, Staff: cons.Staff, SenderNumber: smsSenderNumber(smsCh),
		Metrics: registryOf(srv.Metrics), Retention: retention, Log: log})
	if err != nil {
		ln.Close()
		return err
	}
	defer phone.Stop()
	cons.ContactCenter = phone.Console
	if smsCh.Service != nil {
		cons.SMS = smsCh.Service // the reply box counts SMS segments
	}
	hs := &http.Server{Handler: mountConsole(phone.Mount(mountSMS(srv.Handler(), smsCh.Handler)), cons), ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: 64 << 10}
	// Live streams never go idle: end them, so Shutdown waits only for
	// the turns in flight.
	hs.RegisterOnShutdown(srv.StopStreams)
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
	// Finish the turns in flight before closing the store. A turn still
	// running at the deadline stays stored as received, and the next
	// start answers it.
	shutdown, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// shutdownGrace is how long a stopping server waits for turns in flight.
const shutdownGrace = 30 * time.Second

// DefaultRetention is how long conversations are kept after their last
// message unless --retention says otherwise. Ratings are kept: they hold
// no text and no contact.
const DefaultRetention = "30d"

// purgeEvery is how often conversations past their retention are deleted.
const purgeEvery = time.Hour

// parseRetention reads a retention period: whole days ("30d") or a Go
// duration ("720h", "90m").
func parseRetention(s string) (time.Duration, error) {
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil {
			return 0, fmt.Errorf("%q is not a number of days like 30d", s)
		}
		d = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("%q is not a period like 30d or 720h", s)
		}
	}
	if d < time.Hour {
		return 0, fmt.Errorf("%q is shorter than the least retention, 1h: a conversation must outlive a visit", s)
	}
	if d > 10*365*24*time.Hour {
		return 0, fmt.Errorf("%q is longer than ten years", s)
	}
	return d, nil
}

// conversations opens the conversation store in the knowledge base's
// database: the same SQLite file or the same PostgreSQL pool.
func (a *App) conversations(ctx context.Context) (chat.Store, error) {
	switch st := a.Store.(type) {
	case *sqlite.Store:
		return chatsqlite.New(ctx, st.DB())
	case *postgres.Store:
		return chatpostgres.New(ctx, st.Pool())
	}
	return nil, fmt.Errorf("serve: conversations need the SQLite or PostgreSQL store, not %T", a.Store)
}

// follow wires the live updates: with PostgreSQL every change, made by
// any process sharing the database, comes back through LISTEN/NOTIFY;
// otherwise the service signals its own changes. The channel closes when
// following has stopped.
func follow(ctx context.Context, conv chat.Store, svc *chat.Service, b *web.LocalBroker, log *slog.Logger) <-chan struct{} {
	done := make(chan struct{})
	pg, ok := conv.(*chatpostgres.Store)
	if !ok {
		svc.Notify = queueAware(b)
		close(done)
		return done
	}
	go func() {
		defer close(done)
		err := pg.Listen(ctx, func(id string) {
			if id == "" {
				// Reconnected: changes may have been missed.
				b.PublishAll()
				return
			}
			queueAware(b)(id)
		})
		if err != nil && ctx.Err() == nil {
			log.Error("following conversation changes stopped", "err", err)
		}
	}()
	return done
}

// purge deletes conversations past the retention period, at start and
// then every purgeEvery, until ctx ends.
func purge(ctx context.Context, conv chat.Store, retention time.Duration, log *slog.Logger) {
	t := time.NewTicker(purgeEvery)
	defer t.Stop()
	for {
		n, err := conv.Purge(ctx, time.Now().Add(-retention))
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error("deleting old conversations", "err", err)
		case n > 0:
			log.Info("deleted conversations past retention", "conversations", n, "retention", retention.String())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
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
