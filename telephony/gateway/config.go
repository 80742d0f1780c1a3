package gateway

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/sportello/sportello/telephony/concat"
	"github.com/sportello/sportello/telephony/smpp"
	"github.com/sportello/sportello/telephony/sms"
)

// Config is the SMS configuration file (YAML, or JSON, which is read as
// YAML). Unknown keys are refused, so a misspelt key is an error at start
// rather than a setting silently ignored.
//
//	short_code: "44001"                 # replies come from it (default: the number written to)
//	base_url: https://sportello.example  # shortened answers link to {base_url}/{lang}/faq/{id}
//	handoff_phone: "02 02 02"            # the number to call, told with the reference code
//	max_segments: 2                      # per reply of the bot
//	operator_segments: 6                 # per message written by people
//	transliterate: [ro, sq]              # fold diacritics GSM-7 lacks in these languages
//	outbox: {concurrency: 4, max_attempts: 6, rate: 30, burst: 30, per_number: 10, per_number_burst: 5}
//	gateways:
//	  - name: carrier
//	    type: smpp
//	    addr: smsc.carrier.example:2775
//	    system_id: sportello
//	    password: env:SMPP_PASSWORD
//	    short_code_ton: 3                  # what the carrier wants for the short code
//	    gsm_data_coding: 0                 # 1 on carriers that carry GSM-7 as IA5
//	  - name: twilio
//	    type: twilio
//	    public_url: https://sportello.example/sms/twilio   # as Twilio calls it
//	    account_sid: AC0123...
//	    auth_token: env:TWILIO_AUTH_TOKEN
//	  - name: kannel
//	    type: kannel
//	    public_url: http://sportello.internal:8080/sms/kannel
//	    sendsms_url: http://kannel.internal:13013/cgi-bin/sendsms
//	    username: sportello
//	    password: env:KANNEL_PASSWORD
//	    token: env:KANNEL_TOKEN            # in the sms-service get-url; signs the dlr-url
//	  - name: aggregator
//	    type: json
//	    send_url: https://aggregator.example/v1/sms
//	    secret: file:/run/secrets/aggregator
//
// Secrets are written "env:NAME" (an environment variable), "file:PATH"
// (a file's content, trimmed) or, for tests only, literally.
type Config struct {
	ShortCode        string         `yaml:"short_code"`
	BaseURL          string         `yaml:"base_url"`
	HandoffPhone     string         `yaml:"handoff_phone"`
	MaxSegments      int            `yaml:"max_segments"`
	OperatorSegments int            `yaml:"operator_segments"`
	Transliterate    []string       `yaml:"transliterate"`
	Outbox           OutboxConfig   `yaml:"outbox"`
	Gateways         []GatewayEntry `yaml:"gateways"`
}

// OutboxConfig tunes the outbox worker; zero values take the defaults of
// outbox.Worker.
type OutboxConfig struct {
	Concurrency    int     `yaml:"concurrency"`
	MaxAttempts    int     `yaml:"max_attempts"`
	Rate           float64 `yaml:"rate"`
	Burst          int     `yaml:"burst"`
	PerNumber      float64 `yaml:"per_number"`
	PerNumberBurst int     `yaml:"per_number_burst"`
}

// GatewayEntry is one gateway of the configuration.
type GatewayEntry struct {
	Name string `yaml:"name"`
	// Type is smpp, twilio, kannel, json or demo.
	Type string `yaml:"type"`
	// PublicURL is this gateway's base as the gateway reaches us
	// (…/sms/{name}): Twilio signs the URL it calls, and Kannel is told
	// where to send delivery reports.
	PublicURL string `yaml:"public_url"`
	// Timeout bounds one request to the gateway (default 20s).
	Timeout time.Duration `yaml:"timeout"`

	// twilio
	AccountSID string `yaml:"account_sid"`
	AuthToken  Secret `yaml:"auth_token"`
	// APIURL is Twilio's REST API, or a compatible one (default
	// https://api.twilio.com).
	APIURL string `yaml:"api_url"`

	// kannel
	SendSMSURL string `yaml:"sendsms_url"`
	Username   string `yaml:"username"`
	Password   Secret `yaml:"password"`
	// SMSC routes replies through one of Kannel's SMSC connections.
	SMSC  string `yaml:"smsc"`
	Token Secret `yaml:"token"`

	// json
	SendURL string `yaml:"send_url"`
	Secret  Secret `yaml:"secret"`

	// smpp (password is Password above)
	Addr       string `yaml:"addr"`
	SystemID   string `yaml:"system_id"`
	SystemType string `yaml:"system_type"`
	// ShortCodeTON and ShortCodeNPI go with a numeric source that is not
	// E.164 (the short code); carriers differ.
	ShortCodeTON byte `yaml:"short_code_ton"`
	ShortCodeNPI byte `yaml:"short_code_npi"`
	// GSMDataCoding is the data_coding of the GSM-7 default alphabet on
	// this carrier: 0 (usual) or 1.
	GSMDataCoding byte `yaml:"gsm_data_coding"`
	Ref16         bool `yaml:"ref16"`
	NoReceipts    bool `yaml:"no_receipts"`
	Window        int  `yaml:"window"`
}

// SMPP returns the connector configuration of an smpp entry.
func (g GatewayEntry) SMPP(log *slog.Logger) smpp.Config {
	return smpp.Config{
		Gateway: g.Name, Addr: g.Addr, SystemID: g.SystemID, Password: g.Password.Value(), SystemType: g.SystemType,
		ShortCodeTON: g.ShortCodeTON, ShortCodeNPI: g.ShortCodeNPI, Codings: concat.Codings{GSM: g.GSMDataCoding},
		Ref16: g.Ref16, NoReceipts: g.NoReceipts, Window: g.Window, Logger: log,
	}
}

// Secret is a configured secret: "env:NAME", "file:PATH" or a literal.
type Secret struct {
	Ref   string
	value string
}

// UnmarshalYAML reads the reference; Resolve reads the secret.
func (s *Secret) UnmarshalYAML(n *yaml.Node) error {
	return n.Decode(&s.Ref)
}

// Value is the resolved secret.
func (s Secret) Value() string { return s.value }

// resolve reads the secret the reference names.
func (s *Secret) resolve(getenv func(string) string) error {
	switch {
	case strings.HasPrefix(s.Ref, "env:"):
		name := strings.TrimPrefix(s.Ref, "env:")
		if s.value = getenv(name); s.value == "" {
			return fmt.Errorf("the environment variable %s is not set", name)
		}
	case strings.HasPrefix(s.Ref, "file:"):
		b, err := os.ReadFile(strings.TrimPrefix(s.Ref, "file:"))
		if err != nil {
			return err
		}
		s.value = strings.TrimSpace(string(b))
	default:
		s.value = s.Ref
	}
	return nil
}

// LiteralSecret is a secret given in code (tests, the demo gateway).
func LiteralSecret(v string) Secret { return Secret{Ref: v, value: v} }

// LoadConfig reads a configuration file and resolves its secrets.
func LoadConfig(path string, getenv func(string) string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("sms configuration: %w", err)
	}
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("sms configuration %s: %v", path, err)
	}
	if err := c.Resolve(getenv); err != nil {
		return nil, fmt.Errorf("sms configuration %s: %w", path, err)
	}
	return &c, nil
}

// Resolve reads the secrets and validates the configuration.
func (c *Config) Resolve(getenv func(string) string) error {
	var errs []error
	for i := range c.Gateways {
		g := &c.Gateways[i]
		for _, s := range []*Secret{&g.AuthToken, &g.Password, &g.Token, &g.Secret} {
			if s.Ref == "" {
				continue
			}
			if err := s.resolve(getenv); err != nil {
				errs = append(errs, fmt.Errorf("gateway %q: secret %q: %w", g.Name, s.Ref, err))
			}
		}
	}
	if err := c.Validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,31}$`)

// Validate explains what is missing or inconsistent in words a person
// configuring a gateway can act on.
func (c *Config) Validate() error {
	var errs []error
	if c.MaxSegments < 0 || c.MaxSegments > 10 {
		errs = append(errs, fmt.Errorf("max_segments %d: give 1 to 10 (default %d)", c.MaxSegments, sms.DefaultMaxSegments))
	}
	if c.OperatorSegments < 0 || c.OperatorSegments > 20 {
		errs = append(errs, fmt.Errorf("operator_segments %d: give 1 to 20 (default %d)", c.OperatorSegments, sms.DefaultOperatorSegments))
	}
	if c.BaseURL != "" {
		if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			errs = append(errs, fmt.Errorf("base_url %q: give the public address of Sportello's pages, like https://sportello.example", c.BaseURL))
		}
	}
	seen := map[string]bool{}
	for _, g := range c.Gateways {
		if !nameRE.MatchString(g.Name) {
			errs = append(errs, fmt.Errorf("gateway name %q: use lower-case letters, digits and dashes (it becomes the path /sms/%s/)", g.Name, g.Name))
		}
		if seen[g.Name] {
			errs = append(errs, fmt.Errorf("gateway name %q is used twice", g.Name))
		}
		seen[g.Name] = true
		if err := g.validate(); err != nil {
			errs = append(errs, fmt.Errorf("gateway %q: %w", g.Name, err))
		}
	}
	return errors.Join(errs...)
}

func (g *GatewayEntry) validate() error {
	var missing []string
	need := func(ok bool, what string) {
		if !ok {
			missing = append(missing, what)
		}
	}
	switch g.Type {
	case "twilio":
		need(g.AccountSID != "", "account_sid")
		need(g.AuthToken.Ref != "", "auth_token (the account's auth token, which signs Twilio's requests)")
		need(g.PublicURL != "", "public_url (the URL Twilio calls, without /inbound: Twilio signs it)")
	case "kannel":
		need(g.SendSMSURL != "", "sendsms_url (smsbox's sendsms address, like http://kannel:13013/cgi-bin/sendsms)")
		need(g.Username != "", "username (a sendsms-user)")
		need(g.Password.Ref != "", "password")
		need(g.Token.Ref != "", "token (a random string to put in the sms-service get-url)")
		need(g.PublicURL != "", "public_url (where Kannel sends delivery reports, without /receipt)")
	case "json":
		need(g.SendURL != "", "send_url")
		need(g.Secret.Ref != "", "secret (shared with the gateway, signs both directions)")
	case "smpp":
		need(g.Addr != "", "addr (the SMSC's host:port)")
		need(g.SystemID != "", "system_id")
		if len(missing) == 0 {
			if err := g.SMPP(nil).Validate(); err != nil {
				return err
			}
		}
	case "demo":
	default:
		return fmt.Errorf("type %q: use smpp, twilio, kannel, json or demo", g.Type)
	}
	for _, u := range []string{g.PublicURL, g.APIURL, g.SendSMSURL, g.SendURL} {
		if u == "" {
			continue
		}
		if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return fmt.Errorf("%q is not an http(s) URL", u)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("a %s gateway needs %s", g.Type, strings.Join(missing, ", "))
	}
	return nil
}

// ChannelConfig is the part of the configuration sms.Service takes.
func (c *Config) ChannelConfig() sms.Config {
	return sms.Config{
		MaxSegments: c.MaxSegments, OperatorSegments: c.OperatorSegments, BaseURL: c.BaseURL,
		HandoffPhone: c.HandoffPhone, Transliterate: c.Transliterate, From: c.ShortCode,
	}
}

// Build makes the configured HTTP gateways (smpp entries are connectors
// the caller runs, see GatewayEntry.SMPP). client sends their requests
// (nil for one with each gateway's timeout); demoSecret keys the demo
// kind.
func (c *Config) Build(client *http.Client, demoSecret []byte) ([]Gateway, error) {
	var out []Gateway
	for _, g := range c.Gateways {
		hc := client
		if hc == nil {
			t := g.Timeout
			if t <= 0 {
				t = DefaultTimeout
			}
			hc = &http.Client{Timeout: t}
		}
		switch g.Type {
		case "twilio":
			out = append(out, &Twilio{name: g.Name, AccountSID: g.AccountSID, AuthToken: g.AuthToken.Value(), PublicURL: g.PublicURL, APIURL: g.APIURL, Client: hc})
		case "kannel":
			out = append(out, &Kannel{name: g.Name, SendSMSURL: g.SendSMSURL, Username: g.Username, Password: g.Password.Value(),
				SMSC: g.SMSC, Token: g.Token.Value(), PublicURL: g.PublicURL, Client: hc})
		case "json":
			out = append(out, &Webhook{name: g.Name, SendURL: g.SendURL, Secret: []byte(g.Secret.Value()), Client: hc})
		case "smpp":
		case "demo":
			if len(demoSecret) == 0 {
				return nil, fmt.Errorf("gateway %q: the demo gateway needs its secret", g.Name)
			}
			out = append(out, NewDemo(g.Name, demoSecret))
		default:
			return nil, fmt.Errorf("gateway %q: type %q: use smpp, twilio, kannel, json or demo", g.Name, g.Type)
		}
	}
	return out, nil
}
