// Package smtptest is a small SMTP server for tests: it listens on
// 127.0.0.1, speaks enough of RFC 5321 for a real client (EHLO, STARTTLS
// with a throwaway certificate, AUTH PLAIN, MAIL, RCPT, DATA with
// dot-unstuffing, RSET, NOOP, QUIT) and keeps the messages it accepts.
package smtptest

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"fmt"
	"math/big"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"
)

// Message is one message the server accepted.
type Message struct {
	From string
	To   []string
	// Data is the message as sent after DATA, dot-unstuffed, with CRLF
	// line ends and without the final ".".
	Data []byte
	// TLS is whether the session had switched to TLS; User is who
	// authenticated, if anyone.
	TLS  bool
	User string
}

// Server is a running test server.
type Server struct {
	// Addr is host:port to dial.
	Addr string
	// Roots trusts the server's certificate, for the client's TLS
	// configuration; nil without TLS.
	Roots *x509.CertPool

	tls        *tls.Config
	user, pass string
	ln         net.Listener
	wg         sync.WaitGroup

	mu       sync.Mutex
	messages []Message
	// Reject, when set, is the reply to DATA's end instead of 250: a
	// server refusing a message.
	reject string
}

// Options configure a server.
type Options struct {
	// TLS offers STARTTLS with a fresh self-signed certificate for
	// 127.0.0.1 and localhost.
	TLS bool
	// Username and Password, when set, are required (AUTH PLAIN) before
	// MAIL.
	Username, Password string
}

// Start starts a server that stops when tb ends.
func Start(tb testing.TB, o Options) *Server {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	s := &Server{Addr: ln.Addr().String(), ln: ln, user: o.Username, pass: o.Password}
	if o.TLS {
		cert, roots, err := selfSigned()
		if err != nil {
			tb.Fatal(err)
		}
		s.tls, s.Roots = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, roots
	}
	s.wg.Add(1)
	go s.serve()
	tb.Cleanup(func() {
		ln.Close()
		s.wg.Wait()
	})
	return s
}

// Messages returns the messages accepted so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// RejectData makes the server answer the end of DATA with reply (e.g.
// "554 5.7.1 rejected"); "" accepts again.
func (s *Server) RejectData(reply string) {
	s.mu.Lock()
	s.reject = reply
	s.mu.Unlock()
}

func (s *Server) serve() {
	defer s.wg.Done()
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(time.Minute))
			s.session(conn)
		}()
	}
}

// session speaks SMTP on one connection.
func (s *Server) session(conn net.Conn) {
	tp := textproto.NewConn(conn)
	reply := func(format string, args ...any) bool { return tp.PrintfLine(format, args...) == nil }
	if !reply("220 smtptest ESMTP ready") {
		return
	}
	var (
		secure bool
		user   string
		from   string
		to     []string
	)
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			lines := []string{"smtptest greets " + arg}
			if s.tls != nil && !secure {
				lines = append(lines, "STARTTLS")
			}
			if s.user != "" {
				lines = append(lines, "AUTH PLAIN")
			}
			lines = append(lines, "8BITMIME")
			for i, l := range lines {
				sep := "-"
				if i == len(lines)-1 {
					sep = " "
				}
				reply("250%s%s", sep, l)
			}
		case "HELO":
			reply("250 smtptest")
		case "STARTTLS":
			if s.tls == nil || secure {
				reply("502 5.5.1 STARTTLS not offered")
				continue
			}
			reply("220 2.0.0 go ahead")
			tc := tls.Server(conn, s.tls)
			if err := tc.Handshake(); err != nil {
				return
			}
			conn, secure = tc, true
			tp = textproto.NewConn(tc)
			user, from, to = "", "", nil
		case "AUTH":
			mech, initial, _ := strings.Cut(arg, " ")
			if !strings.EqualFold(mech, "PLAIN") || s.user == "" {
				reply("504 5.5.4 unrecognised authentication type")
				continue
			}
			if initial == "" {
				reply("334 ")
				if initial, err = tp.ReadLine(); err != nil {
					return
				}
			}
			b, err := base64.StdEncoding.DecodeString(initial)
			parts := strings.Split(string(b), "\x00")
			if err != nil || len(parts) != 3 || parts[1] != s.user || parts[2] != s.pass {
				reply("535 5.7.8 authentication credentials invalid")
				continue
			}
			user = parts[1]
			reply("235 2.7.0 authentication successful")
		case "MAIL":
			if s.user != "" && user == "" {
				reply("530 5.7.0 authentication required")
				continue
			}
			addr, ok := path(arg, "FROM:")
			if !ok {
				reply("501 5.5.4 syntax: MAIL FROM:<address>")
				continue
			}
			from, to = addr, nil
			reply("250 2.1.0 ok")
		case "RCPT":
			addr, ok := path(arg, "TO:")
			if !ok || from == "" {
				reply("503 5.5.1 need MAIL before RCPT, and RCPT TO:<address>")
				continue
			}
			to = append(to, addr)
			reply("250 2.1.5 ok")
		case "DATA":
			if from == "" || len(to) == 0 {
				reply("503 5.5.1 need MAIL and RCPT before DATA")
				continue
			}
			reply("354 end data with <CR><LF>.<CR><LF>")
			data, err := readData(tp.Reader.R)
			if err != nil {
				return
			}
			s.mu.Lock()
			rejected := s.reject
			if rejected == "" {
				s.messages = append(s.messages, Message{From: from, To: to, Data: data, TLS: secure, User: user})
			}
			s.mu.Unlock()
			if rejected != "" {
				reply("%s", rejected)
			} else {
				reply("250 2.0.0 queued")
			}
			from, to = "", nil
		case "RSET":
			from, to = "", nil
			reply("250 2.0.0 ok")
		case "NOOP":
			reply("250 2.0.0 ok")
		case "QUIT":
			reply("221 2.0.0 bye")
			return
		default:
			reply("502 5.5.2 command not recognised")
		}
	}
}

// path reads "FROM:<a@b>" (with optional parameters after it).
func path(arg, prefix string) (string, bool) {
	if len(arg) < len(prefix) || !strings.EqualFold(arg[:len(prefix)], prefix) {
		return "", false
	}
	rest := strings.TrimSpace(arg[len(prefix):])
	if !strings.HasPrefix(rest, "<") {
		return "", false
	}
	addr, _, ok := strings.Cut(rest[1:], ">")
	return addr, ok
}

// readData reads lines up to the lone "." and undoes dot-stuffing.
func readData(r *bufio.Reader) ([]byte, error) {
	var out []byte
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		if line == ".\r\n" {
			return out, nil
		}
		out = append(out, strings.TrimPrefix(line, ".")...)
	}
}

// selfSigned makes a certificate for 127.0.0.1 and localhost, valid for
// a day, and a pool that trusts it.
func selfSigned() (tls.Certificate, *x509.CertPool, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "smtptest"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:     []string{"localhost"},
		IsCA:         true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, nil, fmt.Errorf("smtptest: certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert}, roots, nil
}
