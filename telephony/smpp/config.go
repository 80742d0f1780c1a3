package smpp

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/sportello/sportello/telephony/concat"
)

// Config is one carrier's SMPP account and how to use it. Zero durations
// and sizes take the defaults listed beside them.
type Config struct {
	// Gateway names this connection in Inbound.Gateway and
	// Receipt.Gateway ("smpp-main").
	Gateway string
	// Addr is the SMSC's host:port.
	Addr string
	// SystemID, Password and SystemType are the bind credentials the
	// carrier issued.
	SystemID   string
	Password   string
	SystemType string

	// ShortCodeTON and ShortCodeNPI are the type of number and numbering
	// plan sent with a numeric source address that is not in E.164 (the
	// short code). Carriers differ; many want TON 3 (network specific)
	// and NPI 0, which is why this is configured, not guessed. Addresses
	// starting with '+' are always sent as international (1/1), and
	// alphanumeric ones as TON 5, NPI 0.
	ShortCodeTON byte
	ShortCodeNPI byte

	// Codings says which data_coding carries the GSM-7 default alphabet on
	// this carrier (0 or 1) and how to read the others. UCS-2 is always
	// data_coding 8.
	Codings concat.Codings
	// Ref16 sends concatenated replies with 16-bit references (one unit
	// less per part, but fewer reference collisions on a busy short code).
	Ref16 bool
	// NoReceipts stops asking for delivery receipts (registered_delivery
	// 1), for carriers that charge for them.
	NoReceipts bool

	// Window bounds the submit_sm requests awaiting a response on the
	// connection (default 10, which most carriers allow).
	Window int
	// EnquireLink is the keep-alive interval (default 30s).
	EnquireLink time.Duration
	// ResponseTimeout bounds the wait for any response (default 10s). A
	// request unanswered by then means the connection is broken: it is
	// closed and what it carried is resubmitted on the next one.
	ResponseTimeout time.Duration
	// ReconnectMin and ReconnectMax bound the exponential backoff between
	// connection attempts (defaults 1s and 1m).
	ReconnectMin time.Duration
	ReconnectMax time.Duration
	// ThrottleMin and ThrottleMax bound the pause after ESME_RTHROTTLED or
	// ESME_RMSGQFUL (defaults 1s and 30s).
	ThrottleMin time.Duration
	ThrottleMax time.Duration

	// Workers handle incoming messages concurrently (default 4) from a
	// queue of Queue (default 64); when the queue is full, a deliver_sm is
	// refused with ESME_RX_T_APPN and the SMSC retries it later.
	Workers int
	Queue   int
	// Reassembly bounds the parts of incoming messages held; its Codings
	// field is ignored in favour of the one above.
	Reassembly concat.Config

	// Dial opens the connection; default a net.Dialer. Set it for TLS or
	// a VPN endpoint.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
	// Logger receives connection events, never message text or numbers;
	// default slog.Default().
	Logger *slog.Logger
}

// Defaults of Config.
const (
	DefaultWindow          = 10
	DefaultEnquireLink     = 30 * time.Second
	DefaultResponseTimeout = 10 * time.Second
	DefaultReconnectMin    = time.Second
	DefaultReconnectMax    = time.Minute
	DefaultThrottleMin     = time.Second
	DefaultThrottleMax     = 30 * time.Second
	DefaultWorkers         = 4
	DefaultQueue           = 64
)

// Validate reports what is missing or inconsistent, in terms a person
// configuring a carrier can act on.
func (c Config) Validate() error {
	if c.Gateway == "" {
		return fmt.Errorf("smpp: the gateway needs a name (Gateway), used to tell its messages apart")
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("smpp: gateway %s: SMSC address %q is not host:port: %w", c.Gateway, c.Addr, err)
	}
	if c.SystemID == "" {
		return fmt.Errorf("smpp: gateway %s: the carrier's system_id is missing", c.Gateway)
	}
	// SMPP 3.4, 5.2: system_id 16, password 9, system_type 13 octets,
	// each with its terminating NUL.
	if len(c.SystemID) > 15 || len(c.Password) > 8 || len(c.SystemType) > 12 {
		return fmt.Errorf("smpp: gateway %s: system_id, password or system_type longer than SMPP 3.4 allows (15, 8 and 12 characters)", c.Gateway)
	}
	if err := c.Codings.Validate(); err != nil {
		return fmt.Errorf("smpp: gateway %s: %w", c.Gateway, err)
	}
	for _, d := range []time.Duration{c.EnquireLink, c.ResponseTimeout, c.ReconnectMin, c.ReconnectMax, c.ThrottleMin, c.ThrottleMax} {
		if d < 0 {
			return fmt.Errorf("smpp: gateway %s: negative duration in configuration", c.Gateway)
		}
	}
	if c.Window < 0 || c.Workers < 0 || c.Queue < 0 {
		return fmt.Errorf("smpp: gateway %s: negative window, workers or queue", c.Gateway)
	}
	cfg := c.withDefaults()
	if cfg.ReconnectMin > cfg.ReconnectMax || cfg.ThrottleMin > cfg.ThrottleMax {
		return fmt.Errorf("smpp: gateway %s: a backoff minimum is above its maximum", c.Gateway)
	}
	return nil
}

func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	defInt := func(n *int, v int) {
		if *n == 0 {
			*n = v
		}
	}
	def(&c.EnquireLink, DefaultEnquireLink)
	def(&c.ResponseTimeout, DefaultResponseTimeout)
	def(&c.ReconnectMin, DefaultReconnectMin)
	def(&c.ReconnectMax, DefaultReconnectMax)
	def(&c.ThrottleMin, DefaultThrottleMin)
	def(&c.ThrottleMax, DefaultThrottleMax)
	defInt(&c.Window, DefaultWindow)
	defInt(&c.Workers, DefaultWorkers)
	defInt(&c.Queue, DefaultQueue)
	c.Reassembly.Codings = c.Codings
	if c.Dial == nil {
		var d net.Dialer
		c.Dial = d.DialContext
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}
