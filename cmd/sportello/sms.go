package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb/postgres"
	"github.com/sportello/sportello/kb/sqlite"
	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/gateway"
	"github.com/sportello/sportello/telephony/outbox"
	"github.com/sportello/sportello/telephony/smpp"
	"github.com/sportello/sportello/telephony/sms"
	smspostgres "github.com/sportello/sportello/telephony/sms/postgres"
	smssqlite "github.com/sportello/sportello/telephony/sms/sqlite"
	"github.com/sportello/sportello/web"
)

// demoSecretFile keys the demo gateway: serve and `sportello sms send`
// read it from the same data folder.
const demoSecretFile = "sms-demo.key"

// demoShortCode is the short code of the demo gateway.
const demoShortCode = "44001"

// smsStore is what both SMS stores implement.
type smsStore interface {
	sms.Store
	outbox.Store
}

// openSMSStore opens the SMS tables in the knowledge base's database.
func (a *App) openSMSStore(ctx context.Context) (smsStore, error) {
	switch st := a.Store.(type) {
	case *sqlite.Store:
		return smssqlite.New(ctx, st.DB())
	case *postgres.Store:
		return smspostgres.New(ctx, st.Pool())
	}
	return nil, fmt.Errorf("sms: the SMS channel needs the SQLite or PostgreSQL store, not %T", a.Store)
}

// smsChannel is the SMS channel as serve runs it.
type smsChannel struct {
	Service *sms.Service
	Handler http.Handler
	// Paths lists where each gateway is mounted, for the start banner.
	Paths []string
	stop  func()
}

// Stop stops the connectors and the outbox worker, after the submits in
// flight are recorded.
func (c *smsChannel) Stop() { c.stop() }

// smsConfig reads the SMS configuration file, or returns the zero
// configuration's: the demo gateway on the demo short code, linking to
// baseURL, which `sportello sms send` talks to.
func smsConfig(file, baseURL string) (*gateway.Config, error) {
	if file != "" {
		return gateway.LoadConfig(file, os.Getenv)
	}
	c := &gateway.Config{ShortCode: demoShortCode, BaseURL: baseURL, Gateways: []gateway.GatewayEntry{{Name: "demo", Type: "demo"}}}
	return c, c.Validate()
}

// startSMS wires the SMS channel into serve: the configured gateways
// (HTTP ones mounted under /sms/, SMPP connectors bound to their SMSCs),
// the channel service on the conversation service, operators' replies
// delivered by SMS, the outbox worker, the answers a crash left unsent,
// and the hourly purge of what retention no longer allows.
func startSMS(ctx context.Context, cfg Config, app *App, svc *chat.Service, file, baseURL string, retention time.Duration, metrics *web.Metrics, log *slog.Logger) (*smsChannel, error) {
	c, err := smsConfig(file, baseURL)
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	vault, err := sms.LoadVault(cfg.DataDir, os.Getenv)
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	var demoSecret []byte
	if slices.ContainsFunc(c.Gateways, func(g gateway.GatewayEntry) bool { return g.Type == "demo" }) {
		if demoSecret, err = sms.LoadSecret(cfg.DataDir, demoSecretFile); err != nil {
			return nil, err
		}
	}
	gws, err := c.Build(nil, demoSecret)
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	st, err := app.openSMSStore(ctx)
	if err != nil {
		return nil, err
	}
	smsLog := log.With("channel", "sms")
	ch := c.ChannelConfig()
	ch.Agency = cfg.Agency
	obs := smsMetrics{metrics}
	s := &sms.Service{Config: ch, Chat: svc, Store: st, Outbox: st, Vault: vault, Entries: app.Store, Observer: obs, Log: smsLog}
	if svc.Deliver == nil {
		svc.Deliver = map[string]chat.Deliverer{}
	}
	svc.Deliver[chat.ChannelSMS] = s.Deliver

	senders := gateway.Senders(gws)
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	for _, g := range c.Gateways {
		if g.Type != "smpp" {
			continue
		}
		client, err := smpp.New(g.SMPP(smsLog), smpp.Handlers{
			Message: func(ctx context.Context, in telephony.Inbound) error {
				_, err := s.Receive(ctx, in)
				if errors.Is(err, sms.ErrInvalid) {
					return nil // acknowledged: the SMSC would deliver it again and again
				}
				return err
			},
			Receipt: s.Receipt,
		})
		if err != nil {
			cancel()
			return nil, fmt.Errorf("configuration: %w", err)
		}
		senders[g.Name] = client
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := client.Run(runCtx); err != nil && runCtx.Err() == nil {
				smsLog.Error("sms: the SMPP connector stopped", "gateway", g.Name, "err", err)
			}
		}()
	}
	w := outbox.NewWorker(st, senders, vault)
	w.Suppressions, w.Log, w.Observer = st, smsLog, obs
	o := c.Outbox
	w.Concurrency, w.MaxAttempts, w.Rate, w.Burst, w.PerNumber, w.PerNumberBurst = o.Concurrency, o.MaxAttempts, o.Rate, o.Burst, o.PerNumber, o.PerNumberBurst
	if err := w.Validate(); err != nil {
		cancel()
		return nil, err
	}
	s.Wake = w.Wake
	// Messages a crash left unanswered are answered before new ones come.
	if n, err := s.Resume(ctx); err != nil {
		cancel()
		return nil, fmt.Errorf("sms: answering the messages left by the last run: %w", err)
	} else if n > 0 {
		smsLog.Info("sms: answered messages left by the last run", "messages", n)
	}
	wg.Add(2)
	go func() {
		defer wg.Done()
		if err := w.Run(runCtx); err != nil {
			smsLog.Error("sms: the outbox worker stopped", "err", err)
		}
	}()
	go func() {
		defer wg.Done()
		purgeSMS(runCtx, st, retention, smsLog)
	}()
	var paths []string
	for _, g := range gws {
		paths = append(paths, "/sms/"+g.Name()+"/")
	}
	return &smsChannel{Service: s, Handler: gateway.Mux(gws, s, smsLog), Paths: paths, stop: func() { cancel(); wg.Wait() }}, nil
}

// smsMetrics counts the channel's messages in the Prometheus metrics
// (nil Metrics count nothing).
type smsMetrics struct{ m *web.Metrics }

// Inbound counts messages received, not the replays of one already
// answered nor what is not a message.
func (o smsMetrics) Inbound(gateway, outcome string) {
	if outcome != "duplicate" && outcome != "invalid" {
		o.m.ObserveSMSIn(gateway)
	}
}

func (o smsMetrics) Sent(gateway string, segments int) { o.m.ObserveSMSOut(gateway, segments) }

// Failed maps the outbox's reasons onto the metric's few: a submit that
// failed for good, or what the carrier reported.
func (o smsMetrics) Failed(gateway, reason string) {
	switch reason {
	case string(telephony.Undeliverable):
		reason = "undelivered"
	case string(telephony.Expired), string(telephony.Rejected):
	default:
		reason = "submit"
	}
	o.m.ObserveSMSFailed(gateway, reason)
}

func (o smsMetrics) Delivered(string) {}

// purgeSMS deletes, every purgeEvery, the inbound messages, sealed
// numbers and finished outbound messages older than the retention.
func purgeSMS(ctx context.Context, st smsStore, retention time.Duration, log *slog.Logger) {
	t := time.NewTicker(purgeEvery)
	defer t.Stop()
	for {
		before := time.Now().Add(-retention)
		msgs, contacts, err := st.PurgeInbound(ctx, before)
		out, err2 := st.PurgeMessages(ctx, before)
		switch err := errors.Join(err, err2); {
		case err != nil && ctx.Err() == nil:
			log.Error("sms: purge", "err", err)
		case msgs+contacts+out > 0:
			log.Info("sms: deleted what is past retention", "inbound", msgs, "numbers", contacts, "outbound", out)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// mountSMS serves the SMS gateways under /sms/ and everything else with
// web.
func mountSMS(web, sms http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/sms/", sms)
	mux.Handle("/", web)
	return mux
}

const smsUsage = `Usage:
  sportello sms send [--server URL] [--to 44001] [--from +39…] [--wait 30s] TEXT
      text the demo short code of a running "sportello serve" as a phone would,
      and print the reply when it comes back
  sportello sms check [--sms-config FILE]
      validate the SMS configuration and print each gateway's addresses
  sportello sms status
      the outbox: messages by state, and the ones that failed
`

func runSMS(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, smsUsage)
		return usageError{"sms needs a subcommand: send, check or status"}
	}
	switch args[0] {
	case "send":
		return runSMSSend(ctx, cfg, args[1:], stdout)
	case "check":
		return runSMSCheck(cfg, args[1:], stdout)
	case "status":
		return runSMSStatus(ctx, cfg, args[1:], stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, smsUsage)
		return nil
	}
	fmt.Fprint(stderr, smsUsage)
	return usageError{fmt.Sprintf("unknown sms subcommand %q: use send, check or status", args[0])}
}

// runSMSSend plays a phone on the demo gateway: it posts the text, signed
// with the demo key of the data folder, to the server's demo inbound URL,
// and waits on the demo handset for the reply that the server's outbox
// sends.
func runSMSSend(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("sms send", flag.ContinueOnError)
	server := fs.String("server", "", "the running server (default http://localhost and the port of SPORTELLO_ADDR)")
	to := fs.String("to", demoShortCode, "the short code to text")
	from := fs.String("from", "+393330000000", "the phone number to text from")
	wait := fs.Duration("wait", 30*time.Second, "how long to wait for the reply")
	gw := fs.String("gateway", "demo", "the demo gateway's name")
	if err := parse(fs, &cfg, args); err != nil {
		return err
	}
	text := strings.Join(fs.Args(), " ")
	if text == "" {
		return usageError{"sms send: give the text to send, e.g. sportello sms send \"come rinnovo la carta d'identità?\""}
	}
	if *server == "" {
		*server = "http://localhost" + cfg.Addr
		if host, port, ok := strings.Cut(cfg.Addr, ":"); ok && host != "" {
			*server = "http://" + host + ":" + port
		}
	}
	secret, err := sms.LoadSecret(cfg.DataDir, demoSecretFile)
	if err != nil {
		return err
	}
	base := strings.TrimRight(*server, "/") + "/sms/" + *gw
	client := &http.Client{Timeout: *wait + 10*time.Second}
	// Where the handset's messages stand now, so that only the reply to
	// this text is shown.
	msgs, err := handset(ctx, client, base, secret, *from, 0, 0)
	if err != nil {
		return err
	}
	after := 0
	if len(msgs) > 0 {
		after = msgs[len(msgs)-1].Seq
	}
	id := "cli-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	body, _ := json.Marshal(gateway.InboundJSON{ID: id, From: *from, To: *to, Text: text, ReceivedAt: time.Now()})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/inbound", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(gateway.SignatureHeader, gateway.Sign(secret, time.Now(), body))
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("sms send: is `sportello serve` running at %s? %w", *server, err)
	}
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		return fmt.Errorf("sms send: the server answered %s: %s", resp.Status, strings.TrimSpace(string(answer)))
	}
	info := telephony.Segments(text)
	fmt.Fprintf(stdout, "→ %s to %s (%d %s segment%s)\n", *from, *to, info.Segments, info.Encoding, plural(info.Segments))
	deadline := time.Now().Add(*wait)
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return fmt.Errorf("sms send: no reply within %s: the number may have opted out with STOP (text START), or a person has the conversation and answers from the console", *wait)
		}
		msgs, err := handset(ctx, client, base, secret, *from, after, min(left, 20*time.Second))
		if err != nil {
			return err
		}
		for _, m := range msgs {
			fmt.Fprintf(stdout, "← from %s (%d %s segment%s):\n%s\n", m.From, m.Segments, m.Encoding, plural(m.Segments), m.Text)
		}
		if len(msgs) > 0 {
			return nil
		}
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// handset reads the demo handset of number after seq, waiting up to wait.
func handset(ctx context.Context, client *http.Client, base string, secret []byte, number string, after int, wait time.Duration) ([]gateway.HandsetMessage, error) {
	q := url.Values{"number": {number}, "after": {strconv.Itoa(after)}, "wait": {wait.String()}}.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/handset?"+q, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set(gateway.SignatureHeader, gateway.Sign(secret, time.Now(), []byte(q)))
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("sms send: is `sportello serve` running at %s? %w", strings.TrimSuffix(base, "/sms/demo"), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		if resp.StatusCode == http.StatusForbidden {
			return nil, fmt.Errorf("sms send: the server refused the demo key (%s): run this command with the same --data folder as the server", strings.TrimSpace(string(b)))
		}
		return nil, fmt.Errorf("sms send: the demo handset answered %s (is the demo gateway configured?): %s", resp.Status, strings.TrimSpace(string(b)))
	}
	var msgs []gateway.HandsetMessage
	if err := json.NewDecoder(resp.Body).Decode(&msgs); err != nil {
		return nil, fmt.Errorf("sms send: reading the handset: %w", err)
	}
	return msgs, nil
}

// runSMSCheck validates the SMS configuration and prints what to tell
// each gateway.
func runSMSCheck(cfg Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("sms check", flag.ContinueOnError)
	file := fs.String("sms-config", os.Getenv("SPORTELLO_SMS_CONFIG"), "the SMS configuration file (env SPORTELLO_SMS_CONFIG)")
	public := fs.String("public", "https://sportello.example", "Sportello's public address, for the paths printed")
	if err := parse(fs, &cfg, args); err != nil {
		return err
	}
	c, err := smsConfig(*file, *public)
	if err != nil {
		return err
	}
	if *file == "" {
		fmt.Fprintln(stdout, "no SMS configuration (--sms-config, SPORTELLO_SMS_CONFIG): serve runs the demo gateway only")
	}
	segments := c.MaxSegments
	if segments == 0 {
		segments = sms.DefaultMaxSegments
	}
	fmt.Fprintf(stdout, "short code %q, %d segments a reply, links to %s\n", c.ShortCode, segments, c.BaseURL)
	for _, g := range c.Gateways {
		base := strings.TrimRight(*public, "/") + "/sms/" + g.Name
		switch g.Type {
		case "smpp":
			fmt.Fprintf(stdout, "%s (smpp): binds as a transceiver to %s as %q\n", g.Name, g.Addr, g.SystemID)
		case "twilio":
			fmt.Fprintf(stdout, "%s (twilio): set the number's Messaging webhook to POST %s/inbound; status callbacks come to %s/receipt\n",
				g.Name, strings.TrimRight(g.PublicURL, "/"), strings.TrimRight(g.PublicURL, "/"))
		case "kannel":
			k := gateway.NewKannel(g.Name, g.SendSMSURL, g.Username, "", g.Token.Value(), g.PublicURL, nil)
			fmt.Fprintf(stdout, "%s (kannel): in the sms-service group, get-url = \"%s\"\n  with max-messages = 0 there and mo-recode = true in the smsbox group; replies go to %s\n", g.Name, k.KannelService(), g.SendSMSURL)
		case "json":
			fmt.Fprintf(stdout, "%s (json): the gateway POSTs signed JSON to %s/inbound and %s/receipt; replies go to %s\n", g.Name, base, base, g.SendURL)
		case "demo":
			fmt.Fprintf(stdout, "%s (demo): `sportello sms send` talks to %s/inbound and %s/handset\n", g.Name, base, base)
		}
	}
	return nil
}

// runSMSStatus prints the outbox by state, and the failed messages with
// why; no number and no text.
func runSMSStatus(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("sms status", flag.ContinueOnError)
	if err := parse(fs, &cfg, args); err != nil {
		return err
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := (&App{Store: st}).openSMSStore(ctx)
	if err != nil {
		return err
	}
	counts, err := s.Counts(ctx)
	if err != nil {
		return err
	}
	for _, state := range []outbox.State{outbox.Queued, outbox.Sending, outbox.Submitted, outbox.Delivered, outbox.Failed, outbox.Cancelled} {
		fmt.Fprintf(stdout, "%-10s %d\n", state, counts[state])
	}
	failed, err := s.ListFailed(ctx, 20)
	if err != nil {
		return err
	}
	for _, m := range failed {
		fmt.Fprintf(stdout, "failed %s via %s after %d attempt%s, %s: %s\n", m.ID, m.Gateway, m.Attempts, plural(m.Attempts), m.UpdatedAt.Format(time.RFC3339), m.LastError)
	}
	return nil
}
