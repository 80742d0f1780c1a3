package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sportello/sportello/chat"
	chatpostgres "github.com/sportello/sportello/chat/postgres"
	"github.com/sportello/sportello/kb/postgres"
	"github.com/sportello/sportello/kb/sqlite"
	"github.com/sportello/sportello/telephony/cti"
	"github.com/sportello/sportello/telephony/cti/mail"
	ctipostgres "github.com/sportello/sportello/telephony/cti/postgres"
	ctisqlite "github.com/sportello/sportello/telephony/cti/sqlite"
	"github.com/sportello/sportello/telephony/sms"
	"github.com/sportello/sportello/telephony/webhook"
	whpostgres "github.com/sportello/sportello/telephony/webhook/postgres"
	whsqlite "github.com/sportello/sportello/telephony/webhook/sqlite"
	"github.com/sportello/sportello/web"
	"github.com/sportello/sportello/web/console"
	"github.com/sportello/sportello/web/staff"
)

// contactCenterConfig configures the phone side of serve: the CTI
// look-up, callbacks outside the opening hours, the outbound webhook and
// forwarding by e-mail. Every setting has an environment variable;
// secrets (the webhook secret, the SMTP password) have only that, so that
// they never show in a process list.
type contactCenterConfig struct {
	// PublicURL is Sportello's public address, for links in the CTI
	// look-up, webhook events and e-mails (SPORTELLO_PUBLIC_URL).
	PublicURL string
	// CTIKeys are the look-up's API keys as name:sha256hex
	// (SPORTELLO_CTI_KEYS); none turns the look-up off.
	CTIKeys  string
	CTIRate  float64 // SPORTELLO_CTI_RATE, look-ups per second per key
	CTIBurst int     // SPORTELLO_CTI_BURST
	// WebhookURL turns the webhook on (SPORTELLO_WEBHOOK_URL), signed
	// with WebhookSecret (SPORTELLO_WEBHOOK_SECRET; several, separated
	// by commas, while the receiver rotates).
	WebhookURL      string
	WebhookSecret   string
	WebhookAttempts int // SPORTELLO_WEBHOOK_MAX_ATTEMPTS
	// Callbacks offers callbacks outside the opening hours
	// (SPORTELLO_CALLBACKS=off turns it off); CallbackTeam is the team
	// whose hours apply when no team matches a handoff
	// (SPORTELLO_CALLBACK_TEAM); TimeZone is the zone of teams that name
	// none (SPORTELLO_TIMEZONE).
	Callbacks    bool
	CallbackTeam string
	TimeZone     string
	// SMTP forwards handoffs to offices by e-mail when SMTP.Host is set
	// (SPORTELLO_SMTP_HOST, _PORT, _FROM, _SECURITY, _USER, _PASSWORD).
	SMTP mail.Config

	envErr error
}

func defaultContactCenterConfig() contactCenterConfig {
	return contactCenterConfig{Callbacks: true, TimeZone: "Europe/Rome"}
}

// fromEnv reads the environment.
func (c *contactCenterConfig) fromEnv(getenv func(string) string) error {
	str := map[string]*string{
		"SPORTELLO_PUBLIC_URL": &c.PublicURL, "SPORTELLO_CTI_KEYS": &c.CTIKeys, "SPORTELLO_WEBHOOK_URL": &c.WebhookURL,
		"SPORTELLO_WEBHOOK_SECRET": &c.WebhookSecret, "SPORTELLO_CALLBACK_TEAM": &c.CallbackTeam, "SPORTELLO_TIMEZONE": &c.TimeZone,
		"SPORTELLO_SMTP_HOST": &c.SMTP.Host, "SPORTELLO_SMTP_FROM": &c.SMTP.From, "SPORTELLO_SMTP_USER": &c.SMTP.Username,
		"SPORTELLO_SMTP_PASSWORD": &c.SMTP.Password,
	}
	for k, p := range str {
		if v := getenv(k); v != "" {
			*p = v
		}
	}
	if v := getenv("SPORTELLO_SMTP_SECURITY"); v != "" {
		c.SMTP.Security = mail.Security(strings.ToLower(v))
	}
	var errs []error
	num := func(k string, set func(string) error) {
		if v := getenv(k); v != "" {
			if err := set(v); err != nil {
				errs = append(errs, fmt.Errorf("%s=%q is not a number", k, v))
			}
		}
	}
	num("SPORTELLO_CTI_RATE", func(v string) (err error) { c.CTIRate, err = strconv.ParseFloat(v, 64); return })
	num("SPORTELLO_CTI_BURST", func(v string) (err error) { c.CTIBurst, err = strconv.Atoi(v); return })
	num("SPORTELLO_WEBHOOK_MAX_ATTEMPTS", func(v string) (err error) { c.WebhookAttempts, err = strconv.Atoi(v); return })
	num("SPORTELLO_SMTP_PORT", func(v string) (err error) { c.SMTP.Port, err = strconv.Atoi(v); return })
	switch strings.ToLower(getenv("SPORTELLO_CALLBACKS")) {
	case "":
	case "on", "true", "1":
		c.Callbacks = true
	case "off", "false", "0":
		c.Callbacks = false
	default:
		errs = append(errs, errors.New("SPORTELLO_CALLBACKS: use on or off"))
	}
	return errors.Join(errs...)
}

// flags adds the settings that are no secret to a command's flags.
func (c *contactCenterConfig) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.PublicURL, "public-url", c.PublicURL, "Sportello's public address, for links in CTI look-ups, webhook events and e-mails (env SPORTELLO_PUBLIC_URL)")
	fs.StringVar(&c.CTIKeys, "cti-keys", c.CTIKeys, "API keys of the CTI look-up as name:sha256hex,… (`sportello cti key NAME` makes one; env SPORTELLO_CTI_KEYS)")
	fs.StringVar(&c.WebhookURL, "webhook-url", c.WebhookURL, "the contact-center platform's webhook endpoint; the secret is read from SPORTELLO_WEBHOOK_SECRET (env SPORTELLO_WEBHOOK_URL)")
	fs.BoolVar(&c.Callbacks, "callbacks", c.Callbacks, "offer a callback on handoffs made outside the opening hours (env SPORTELLO_CALLBACKS=on|off)")
	fs.StringVar(&c.CallbackTeam, "callback-team", c.CallbackTeam, "the team whose opening hours apply to handoffs no team matches; default: all teams (env SPORTELLO_CALLBACK_TEAM)")
	fs.StringVar(&c.TimeZone, "timezone", c.TimeZone, "time zone of teams that name none (env SPORTELLO_TIMEZONE)")
	fs.StringVar(&c.SMTP.Host, "smtp-host", c.SMTP.Host, "SMTP server for forwarding handoffs to offices by e-mail; the password is read from SPORTELLO_SMTP_PASSWORD (env SPORTELLO_SMTP_HOST)")
	fs.StringVar(&c.SMTP.From, "smtp-from", c.SMTP.From, "sender address of forwarded handoffs (env SPORTELLO_SMTP_FROM)")
}

// Validate checks the configuration and explains what to change.
func (c *contactCenterConfig) Validate() error {
	errs := []error{c.envErr}
	if _, err := cti.ParseKeys(c.CTIKeys); err != nil {
		errs = append(errs, fmt.Errorf("SPORTELLO_CTI_KEYS / --cti-keys: %w", err))
	}
	if c.CTIRate < 0 || c.CTIBurst < 0 || c.WebhookAttempts < 0 {
		errs = append(errs, errors.New("rates, bursts and attempts cannot be negative"))
	}
	if c.WebhookURL != "" {
		s := &webhook.Sender{URL: c.WebhookURL, Secrets: c.secrets()}
		if err := s.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("SPORTELLO_WEBHOOK_URL / SPORTELLO_WEBHOOK_SECRET: %w (make a secret with `openssl rand -hex 32`)", err))
		}
	} else if c.WebhookSecret != "" {
		errs = append(errs, errors.New("SPORTELLO_WEBHOOK_SECRET is set but SPORTELLO_WEBHOOK_URL is not: give the receiver's address"))
	}
	if c.SMTP.Host != "" {
		if err := c.SMTP.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("SPORTELLO_SMTP_*: %w", err))
		}
	} else if c.SMTP.From != "" || c.SMTP.Username != "" {
		errs = append(errs, errors.New("SMTP settings are given without SPORTELLO_SMTP_HOST"))
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil {
		errs = append(errs, fmt.Errorf("SPORTELLO_TIMEZONE %q: %v", c.TimeZone, err))
	}
	if c.PublicURL != "" && !strings.HasPrefix(c.PublicURL, "https://") && !strings.HasPrefix(c.PublicURL, "http://") {
		errs = append(errs, fmt.Errorf("SPORTELLO_PUBLIC_URL %q: give the address with https://", c.PublicURL))
	}
	return errors.Join(errs...)
}

func (c *contactCenterConfig) secrets() [][]byte {
	var out [][]byte
	for _, s := range strings.Split(c.WebhookSecret, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, []byte(s))
		}
	}
	return out
}

// contactCenterFlags reads the phone side's configuration from the
// environment and adds its flags to serve's; a mistake in the
// environment is reported by Validate, with the rest.
func contactCenterFlags(fs *flag.FlagSet, getenv func(string) string) *contactCenterConfig {
	c := defaultContactCenterConfig()
	c.envErr = c.fromEnv(getenv)
	c.flags(fs)
	return &c
}

// smsSenderNumber finds the sealed number of an SMS contact in the SMS
// channel's store, for callbacks on the number a citizen texted from.
func smsSenderNumber(ch *smsChannel) func(ctx context.Context, contact string) ([]byte, error) {
	if ch == nil || ch.Service == nil || ch.Service.Store == nil {
		return nil
	}
	return func(ctx context.Context, contact string) ([]byte, error) {
		rec, err := ch.Service.Store.Contact(ctx, contact)
		if err != nil {
			return nil, err
		}
		return rec.Sealed, nil
	}
}

// registryOf is where the phone side's metrics go: nowhere without
// metrics.
func registryOf(m *web.Metrics) prometheus.Registerer {
	if r := m.Registry(); r != nil {
		return r
	}
	return nil
}

// contactCenterStores opens the callback queue and the webhook's tables
// beside the knowledge base.
func contactCenterStores(ctx context.Context, app *App) (cti.CallbackStore, webhook.Store, error) {
	switch st := app.Store.(type) {
	case *sqlite.Store:
		cbs, err := ctisqlite.New(ctx, st.DB())
		if err != nil {
			return nil, nil, err
		}
		wh, err := whsqlite.New(ctx, st.DB())
		return cbs, wh, err
	case *postgres.Store:
		cbs, err := ctipostgres.New(ctx, st.Pool())
		if err != nil {
			return nil, nil, err
		}
		wh, err := whpostgres.New(ctx, st.Pool())
		return cbs, wh, err
	}
	return nil, nil, fmt.Errorf("contact center: no store for %T", app.Store)
}

// contactCenter is the phone side as serve runs it.
type contactCenter struct {
	// Console is what the operator console shows of it.
	Console *console.ContactCenter
	cti     http.Handler
	cancel  context.CancelFunc
	wg      sync.WaitGroup
}

// contactCenterDeps are what the phone side takes from the rest of
// serve.
type contactCenterDeps struct {
	App  *App
	Chat *chat.Service
	// Staff has the teams and their opening hours, and the audit log;
	// opened beside the knowledge base when nil.
	Staff staff.Store
	// SenderNumber returns the sealed number of an SMS contact, for
	// callbacks on the number a citizen texted from (the SMS channel's
	// store keeps it); nil without the SMS channel.
	SenderNumber func(ctx context.Context, contact string) ([]byte, error)
	// Metrics, when set, gets the webhook's counter.
	Metrics   prometheus.Registerer
	Retention time.Duration
	Log       *slog.Logger
}

// startContactCenter wires the phone side into serve: callbacks on the
// conversation service (chat.Service.Callbacks), the CTI look-up (Mount),
// the console's parts (Console), the webhook's reconciler and sender, and
// the hourly purge of closed callbacks and delivered events. Call it after
// the service's Notify is set: the webhook follows changes through it, or
// through LISTEN on PostgreSQL.
func startContactCenter(ctx context.Context, cfg Config, c contactCenterConfig, d contactCenterDeps) (*contactCenter, error) {
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	log := d.Log.With("part", "contact-center")
	cbs, wh, err := contactCenterStores(ctx, d.App)
	if err != nil {
		return nil, err
	}
	if d.Staff == nil {
		if d.Staff, err = openStaff(ctx, d.App.Store); err != nil {
			return nil, err
		}
	}
	vault, err := sms.LoadVault(cfg.DataDir, os.Getenv)
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	loc, _ := time.LoadLocation(c.TimeZone)
	desk := &cti.Desk{Store: cbs, Sealer: vault, Pseudonyms: vault, SenderNumber: d.SenderNumber}
	if c.Callbacks {
		d.Chat.Callbacks = &chat.Callbacks{Hours: &cti.TeamHours{Teams: d.Staff, Default: c.CallbackTeam, Location: loc}, Queue: desk}
	}
	cc := &contactCenter{Console: &console.ContactCenter{Callbacks: cbs, Desk: desk}}
	keys, _ := cti.ParseKeys(c.CTIKeys)
	if len(keys) > 0 {
		api := &cti.API{Chat: d.Chat.Store, Callbacks: cbs, Desk: desk, Pseudonyms: vault, Keys: keys,
			Rate: cti.Rate{PerSecond: c.CTIRate, Burst: c.CTIBurst}, ConsoleURL: c.PublicURL, Log: log}
		cc.cti = api.Handler()
	}
	if c.SMTP.Host != "" {
		cc.Console.Forwarder = &mail.Forwarder{Chat: d.Chat, Mail: &mail.Mailer{Config: c.SMTP}, From: c.SMTP.From, Audit: d.Staff,
			ConsoleURL: c.PublicURL, Location: loc}
	}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	cc.cancel = cancel
	if c.WebhookURL != "" {
		cc.Console.Webhook = wh
		cc.startWebhook(runCtx, c, d, cbs, wh, log)
	}
	cc.wg.Go(func() { cc.purge(runCtx, cbs, wh, d.Retention, log) })
	return cc, nil
}

// startWebhook runs the reconciler, fed by the service's notifications
// (or LISTEN on PostgreSQL, which sees every process's changes), and the
// sender.
func (cc *contactCenter) startWebhook(ctx context.Context, c contactCenterConfig, d contactCenterDeps, cbs cti.CallbackStore, wh webhook.Store, log *slog.Logger) {
	sender := &webhook.Sender{URL: c.WebhookURL, Secrets: c.secrets(), Store: wh, MaxAttempts: c.WebhookAttempts, Log: log}
	if d.Metrics != nil {
		deliveries := prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "sportello", Name: "webhook_deliveries_total",
			Help: "Attempts to deliver webhook events, by event type and result (delivered, retry, failed)."}, []string{"type", "result"})
		if err := d.Metrics.Register(deliveries); err == nil {
			sender.Observe = func(typ, result string) { deliveries.WithLabelValues(typ, result).Inc() }
		}
	}
	rec := &webhook.Reconciler{Tickets: d.Chat.Store, Callbacks: cbs, Store: wh, BaseURL: c.PublicURL, Queued: sender.Kick}
	notify, watching := rec.Watch(ctx, webhook.DefaultSweep, log)
	cc.wg.Go(func() { <-watching })
	if pg, ok := d.Chat.Store.(*chatpostgres.Store); ok {
		cc.wg.Go(func() {
			if err := pg.Listen(ctx, notify); err != nil && ctx.Err() == nil {
				log.Error("webhook: following conversation changes stopped", "err", err.Error())
			}
		})
	} else {
		prev := d.Chat.Notify
		d.Chat.Notify = func(id string) {
			if prev != nil {
				prev(id)
			}
			notify(id)
		}
	}
	cc.wg.Go(func() { sender.Run(ctx) })
}

// purge deletes what retention no longer allows: closed callback
// requests, delivered events, and snapshots of handoffs the conversation
// store has long purged.
func (cc *contactCenter) purge(ctx context.Context, cbs cti.CallbackStore, wh webhook.Store, retention time.Duration, log *slog.Logger) {
	if retention <= 0 {
		return
	}
	t := time.NewTicker(purgeEvery)
	defer t.Stop()
	for {
		now := time.Now()
		if n, err := cbs.PurgeCallbacks(ctx, now.Add(-retention)); err != nil && ctx.Err() == nil {
			log.Error("deleting closed callback requests", "err", err.Error())
		} else if n > 0 {
			log.Info("deleted closed callback requests past retention", "requests", n)
		}
		if _, err := wh.Purge(ctx, now.Add(-2*retention)); err != nil && ctx.Err() == nil {
			log.Error("deleting delivered webhook events", "err", err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Mount adds the CTI look-up, when configured, in front of h.
func (cc *contactCenter) Mount(h http.Handler) http.Handler {
	if cc.cti == nil {
		return h
	}
	mux := http.NewServeMux()
	mux.Handle(cti.Prefix, cc.cti)
	mux.Handle("/", h)
	return mux
}

// Stop stops the webhook's reconciler and sender and the purge; a
// delivery in flight is sent again by the next start.
func (cc *contactCenter) Stop() {
	cc.cancel()
	cc.wg.Wait()
}

// runCTI is `sportello cti key NAME`: a new API key for the look-up, and
// the line that configures its hash.
func runCTI(args []string, stdout io.Writer) error {
	if len(args) != 2 || args[0] != "key" {
		return usageError{"usage: sportello cti key NAME (letters, digits, dots, dashes, underscores)"}
	}
	name := args[1]
	key := cti.NewKey()
	entry := name + ":" + cti.HashKey(key)
	if _, err := cti.ParseKeys(entry); err != nil {
		return usageError{err.Error()}
	}
	fmt.Fprintf(stdout, "API key for %s (give it to the phone system; it is not stored anywhere):\n  %s\n", name, key)
	fmt.Fprintf(stdout, "Add its hash to Sportello's configuration:\n  SPORTELLO_CTI_KEYS=%s\n", entry)
	fmt.Fprintf(stdout, "(several keys: separate them with commas)\n")
	return nil
}

// runWebhook is `sportello webhook status|requeue`.
func runWebhook(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{"webhook needs a subcommand: status or requeue"}
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("webhook "+sub, flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	check := fs.Bool("check", false, "exit with an error when a delivery failed (for monitoring)")
	allFailed := fs.Bool("failed", false, "requeue every failed delivery")
	if err := parse(fs, &cfg, args); err != nil {
		return err
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	_, wh, err := contactCenterStores(ctx, &App{Config: cfg, Store: st})
	if err != nil {
		return err
	}
	switch sub {
	case "status":
		return webhookStatus(ctx, wh, stdout, *asJSON, *check)
	case "requeue":
		return webhookRequeue(ctx, wh, fs.Args(), *allFailed, stdout)
	}
	return usageError{fmt.Sprintf("unknown webhook subcommand %q: use status or requeue", sub)}
}

func webhookStatus(ctx context.Context, wh webhook.Store, stdout io.Writer, asJSON, check bool) error {
	counts, err := wh.Counts(ctx)
	if err != nil {
		return err
	}
	failed, err := wh.Deliveries(ctx, webhook.Failed, 100)
	if err != nil {
		return err
	}
	if asJSON {
		type item struct {
			ID        int64     `json:"id"`
			EventID   string    `json:"event_id"`
			Type      string    `json:"type"`
			Attempts  int       `json:"attempts"`
			LastCode  int       `json:"last_code"`
			LastError string    `json:"last_error"`
			At        time.Time `json:"at"`
		}
		out := struct {
			Pending   int    `json:"pending"`
			Delivered int    `json:"delivered"`
			Failed    int    `json:"failed"`
			Failures  []item `json:"failures"`
		}{counts[webhook.Pending], counts[webhook.Delivered], counts[webhook.Failed], []item{}}
		for _, d := range failed {
			out.Failures = append(out.Failures, item{d.ID, d.EventID, d.Type, d.Attempts, d.LastCode, d.LastError, d.DoneAt})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(stdout, "pending %d, delivered %d, failed %d\n", counts[webhook.Pending], counts[webhook.Delivered], counts[webhook.Failed])
		if len(failed) > 0 {
			tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tEVENT\tTYPE\tATTEMPTS\tLAST\tFAILED AT\tERROR")
			for _, d := range failed {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%d\t%s\t%s\n", d.ID, d.EventID, d.Type, d.Attempts, d.LastCode, d.DoneAt.Local().Format("2006-01-02 15:04"), d.LastError)
			}
			tw.Flush()
			fmt.Fprintln(stdout, "queue them again with: sportello webhook requeue ID… (or --failed for all)")
		}
	}
	if check && counts[webhook.Failed] > 0 {
		return fmt.Errorf("webhook: %d deliveries failed", counts[webhook.Failed])
	}
	return nil
}

func webhookRequeue(ctx context.Context, wh webhook.Store, ids []string, all bool, stdout io.Writer) error {
	var todo []int64
	if all {
		failed, err := wh.Deliveries(ctx, webhook.Failed, 1<<20)
		if err != nil {
			return err
		}
		for _, d := range failed {
			todo = append(todo, d.ID)
		}
	}
	for _, s := range ids {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return usageError{fmt.Sprintf("webhook requeue: %q is not a delivery id (see sportello webhook status)", s)}
		}
		todo = append(todo, id)
	}
	if len(todo) == 0 {
		return usageError{"webhook requeue: give delivery ids, or --failed"}
	}
	for _, id := range todo {
		if err := wh.Requeue(ctx, id, time.Now()); err != nil {
			return fmt.Errorf("webhook requeue %d: %w", id, err)
		}
	}
	fmt.Fprintf(stdout, "%d deliveries queued again; a running serve sends them within seconds\n", len(todo))
	return nil
}
