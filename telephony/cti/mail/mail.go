// Package mail forwards a handoff to the competent office by e-mail: a
// message in Italian with the whole context and the reference code, sent
// over SMTP (STARTTLS by default, or implicit TLS, with optional AUTH
// PLAIN), recorded in the staff audit log and told to the citizen as a
// system turn in their language.
package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"strconv"
	"time"
)

// Security is how the connection to the SMTP server is protected.
type Security string

// Security modes. STARTTLS is the default, and required: a server that
// does not offer it gets no message. None is for a relay on the same
// host.
const (
	StartTLS Security = "starttls"
	TLS      Security = "tls"
	None     Security = "none"
)

// Config is the SMTP server to send through.
type Config struct {
	Host string
	// Port defaults to 587 (465 with TLS, 25 with None).
	Port int
	// From is the sender address, e.g. "Sportello <sportello@comune.example.it>".
	From     string
	Security Security
	// Username and Password, when set, authenticate with AUTH PLAIN,
	// which net/smtp sends only over TLS (or to localhost).
	Username, Password string
	// Timeout bounds the whole exchange; 30 s when zero.
	Timeout time.Duration
	// TLSConfig overrides the TLS settings (a private CA's roots).
	TLSConfig *tls.Config
	// HelloName is the name given in EHLO; "localhost" when empty.
	HelloName string
}

// Validate checks the configuration and fills the defaults.
func (c *Config) Validate() error {
	if c.Security == "" {
		c.Security = StartTLS
	}
	switch c.Security {
	case StartTLS, TLS, None:
	default:
		return fmt.Errorf("mail: security %q: use starttls, tls or none", c.Security)
	}
	if c.Port == 0 {
		c.Port = map[Security]int{StartTLS: 587, TLS: 465, None: 25}[c.Security]
	}
	switch {
	case c.Host == "":
		return errors.New("mail: no SMTP host")
	case c.Port < 1 || c.Port > 65535:
		return fmt.Errorf("mail: SMTP port %d is not a port", c.Port)
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		return fmt.Errorf("mail: sender address %q: %v", c.From, err)
	}
	if (c.Username == "") != (c.Password == "") {
		return errors.New("mail: give both an SMTP user name and a password, or neither")
	}
	return nil
}

// Message is one e-mail, ready to send.
type Message struct {
	From string
	To   []string
	// Data is the whole message: headers, a blank line and the body,
	// with CRLF line ends.
	Data []byte
}

// Mailer sends messages through the configured SMTP server.
type Mailer struct {
	Config Config
}

// Send delivers m: a refusal by the server (a bad recipient, a rejected
// message) is an error, and so is a server that offers no STARTTLS when
// it is required.
func (ml *Mailer) Send(ctx context.Context, m *Message) error {
	c := ml.Config
	if err := c.Validate(); err != nil {
		return err
	}
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	addr := net.JoinHostPort(c.Host, strconv.Itoa(c.Port))
	tlsConf := &tls.Config{ServerName: c.Host, MinVersion: tls.VersionTLS12}
	if c.TLSConfig != nil {
		tlsConf = c.TLSConfig.Clone()
		if tlsConf.ServerName == "" {
			tlsConf.ServerName = c.Host
		}
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("mail: connecting to %s: %w", addr, err)
	}
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	if c.Security == TLS {
		tc := tls.Client(conn, tlsConf)
		if err := tc.HandshakeContext(ctx); err != nil {
			conn.Close()
			return fmt.Errorf("mail: TLS with %s: %w", addr, err)
		}
		conn = tc
	}
	client, err := smtp.NewClient(conn, c.Host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("mail: %s: %w", addr, err)
	}
	defer client.Close()
	hello := c.HelloName
	if hello == "" {
		hello = "localhost"
	}
	if err := client.Hello(hello); err != nil {
		return fmt.Errorf("mail: EHLO: %w", err)
	}
	if c.Security == StartTLS {
		if ok, _ := client.Extension("STARTTLS"); !ok {
			return fmt.Errorf("mail: %s offers no STARTTLS, which is required (set the security to tls or none to change that)", addr)
		}
		if err := client.StartTLS(tlsConf); err != nil {
			return fmt.Errorf("mail: STARTTLS: %w", err)
		}
	}
	if c.Username != "" {
		if err := client.Auth(smtp.PlainAuth("", c.Username, c.Password, c.Host)); err != nil {
			return fmt.Errorf("mail: authentication: %w", err)
		}
	}
	from, err := mail.ParseAddress(m.From)
	if err != nil {
		return fmt.Errorf("mail: sender %q: %w", m.From, err)
	}
	if err := client.Mail(from.Address); err != nil {
		return fmt.Errorf("mail: MAIL FROM: %w", err)
	}
	for _, to := range m.To {
		a, err := mail.ParseAddress(to)
		if err != nil {
			return fmt.Errorf("mail: recipient %q: %w", to, err)
		}
		if err := client.Rcpt(a.Address); err != nil {
			return fmt.Errorf("mail: recipient %s refused: %w", a.Address, err)
		}
	}
	w, err := client.Data()
	if err != nil {
		return fmt.Errorf("mail: DATA: %w", err)
	}
	if _, err := w.Write(m.Data); err != nil {
		return fmt.Errorf("mail: writing the message: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("mail: the server refused the message: %w", err)
	}
	// The server has taken the message: a failing QUIT changes nothing.
	client.Quit()
	return nil
}
