package mail_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/chat/chattest"
	chatsqlite "github.com/sportello/sportello/chat/sqlite"
	"github.com/sportello/sportello/telephony/cti/mail"
	"github.com/sportello/sportello/telephony/cti/mail/smtptest"
	"github.com/sportello/sportello/web/staff"
	staffsqlite "github.com/sportello/sportello/web/staff/sqlite"
)

func config(t *testing.T, srv *smtptest.Server, sec mail.Security) mail.Config {
	t.Helper()
	host, port, _ := net.SplitHostPort(srv.Addr)
	p, _ := strconv.Atoi(port)
	c := mail.Config{Host: host, Port: p, From: "Sportello <sportello@comune.example.it>", Security: sec, Timeout: 10 * time.Second}
	if srv.Roots != nil {
		c.TLSConfig = &tls.Config{RootCAs: srv.Roots, MinVersion: tls.VersionTLS12}
	}
	return c
}

func message(to string) *mail.Message {
	return &mail.Message{From: "Sportello <sportello@comune.example.it>", To: []string{to},
		Data: []byte("Subject: prova\r\n\r\nRiga uno\r\n.riga che inizia con un punto\r\n")}
}

func TestSend(t *testing.T) {
	ctx := context.Background()
	t.Run("STARTTLS and AUTH PLAIN", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.Options{TLS: true, Username: "sportello", Password: "s3cret-pass"})
		c := config(t, srv, mail.StartTLS)
		c.Username, c.Password = "sportello", "s3cret-pass"
		if err := (&mail.Mailer{Config: c}).Send(ctx, message("anagrafe@comune.example.it")); err != nil {
			t.Fatal(err)
		}
		got := srv.Messages()
		if len(got) != 1 || !got[0].TLS || got[0].User != "sportello" || got[0].From != "sportello@comune.example.it" ||
			len(got[0].To) != 1 || got[0].To[0] != "anagrafe@comune.example.it" {
			t.Fatalf("received %+v", got)
		}
		if !bytes.Contains(got[0].Data, []byte("\r\n.riga che inizia con un punto\r\n")) {
			t.Errorf("data %q: the leading dot was lost", got[0].Data)
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.Options{TLS: true, Username: "sportello", Password: "s3cret-pass"})
		c := config(t, srv, mail.StartTLS)
		c.Username, c.Password = "sportello", "wrong"
		if err := (&mail.Mailer{Config: c}).Send(ctx, message("a@comune.example.it")); err == nil || len(srv.Messages()) != 0 {
			t.Errorf("sent with a wrong password: %v", err)
		}
	})
	t.Run("STARTTLS required and not offered", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.Options{})
		err := (&mail.Mailer{Config: config(t, srv, mail.StartTLS)}).Send(ctx, message("a@comune.example.it"))
		if err == nil || !strings.Contains(err.Error(), "STARTTLS") || len(srv.Messages()) != 0 {
			t.Errorf("sent in clear: %v", err)
		}
	})
	t.Run("untrusted certificate", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.Options{TLS: true})
		c := config(t, srv, mail.StartTLS)
		c.TLSConfig = nil
		if err := (&mail.Mailer{Config: c}).Send(ctx, message("a@comune.example.it")); err == nil || len(srv.Messages()) != 0 {
			t.Errorf("sent to an untrusted server: %v", err)
		}
	})
	t.Run("message refused", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.Options{})
		srv.RejectData("554 5.7.1 message refused")
		err := (&mail.Mailer{Config: config(t, srv, mail.None)}).Send(ctx, message("a@comune.example.it"))
		if err == nil || !strings.Contains(err.Error(), "554") {
			t.Errorf("refusal not reported: %v", err)
		}
	})
	t.Run("plain relay", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.Options{})
		if err := (&mail.Mailer{Config: config(t, srv, mail.None)}).Send(ctx, message("a@comune.example.it")); err != nil || len(srv.Messages()) != 1 {
			t.Errorf("relay: %v", err)
		}
	})
}

func TestConfigValidate(t *testing.T) {
	ok := mail.Config{Host: "smtp.example.it", From: "sportello@example.it"}
	if err := ok.Validate(); err != nil || ok.Port != 587 || ok.Security != mail.StartTLS {
		t.Errorf("defaults: %+v, %v", ok, err)
	}
	for _, c := range []mail.Config{
		{From: "sportello@example.it"},
		{Host: "smtp.example.it", From: "not an address"},
		{Host: "smtp.example.it", From: "sportello@example.it", Security: "ssl3"},
		{Host: "smtp.example.it", From: "sportello@example.it", Port: 70000},
		{Host: "smtp.example.it", From: "sportello@example.it", Username: "u"},
	} {
		if err := c.Validate(); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
}

// rig is a handoff claimed by anna, with the staff store beside it.
func rig(t *testing.T) (*chat.Service, staff.Store, string) {
	t.Helper()
	ctx := context.Background()
	svc := chattest.MustDemoService(t)
	ss, err := staffsqlite.New(ctx, svc.Store.(*chatsqlite.Store).DB())
	if err != nil {
		t.Fatal(err)
	}
	c := &chat.Conversation{Channel: chat.ChannelWeb, Lang: "ro", LangChosen: true}
	if err := svc.Start(ctx, c); err != nil {
		t.Fatal(err)
	}
	out, err := svc.Post(ctx, c.ID, chat.Message{Text: "Am nevoie de un certificat de rezidență pentru fiica mea, vreau să vorbesc cu un operator"})
	if err != nil || out.Ticket == nil {
		t.Fatalf("handoff: %v", err)
	}
	if _, err := svc.Claim(ctx, out.Ticket.Code, "anna"); err != nil {
		t.Fatal(err)
	}
	return svc, ss, out.Ticket.Code
}

func TestForward(t *testing.T) {
	ctx := context.Background()
	svc, ss, code := rig(t)
	srv := smtptest.Start(t, smtptest.Options{TLS: true})
	rome, _ := time.LoadLocation("Europe/Rome")
	fw := &mail.Forwarder{Chat: svc, Mail: &mail.Mailer{Config: config(t, srv, mail.StartTLS)}, From: "Sportello <sportello@comune.example.it>",
		Audit: ss, ConsoleURL: "https://sportello.example.it", Location: rome}

	if err := fw.Forward(ctx, code, "bruno", "Anagrafe", "anagrafe@comune.example.it", ""); !errors.Is(err, chat.ErrNotYours) {
		t.Errorf("forward by another operator: %v", err)
	}
	if err := fw.Forward(ctx, code, "anna", "Anagrafe", "anagrafe at comune", ""); !errors.Is(err, mail.ErrInvalid) {
		t.Errorf("bad address: %v", err)
	}
	if err := fw.Forward(ctx, code, "anna", "Anagrafe\r\nBcc: x@evil.example", "anagrafe@comune.example.it", ""); !errors.Is(err, mail.ErrInvalid) {
		t.Errorf("header injection: %v", err)
	}
	if len(srv.Messages()) != 0 {
		t.Fatal("a refused forward sent mail")
	}
	note := "La cittadina chiede un certificato di residenza per la figlia: serve verificare la pratica."
	if err := fw.Forward(ctx, code, "anna", "Anagrafe", "Ufficio Anagrafe <anagrafe@comune.example.it>", note); err != nil {
		t.Fatal(err)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != "anagrafe@comune.example.it" || !msgs[0].TLS {
		t.Fatalf("messages %+v", msgs)
	}
	m, err := netmail.ReadMessage(bytes.NewReader(msgs[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil || !strings.Contains(subject, chat.FormatCode(code)) || !strings.Contains(subject, "Anagrafe") {
		t.Errorf("subject %q, %v", subject, err)
	}
	if m.Header.Get("X-Sportello-Code") != code || m.Header.Get("Content-Transfer-Encoding") != "quoted-printable" || m.Header.Get("Message-Id") == "" {
		t.Errorf("headers %v", m.Header)
	}
	body, err := io.ReadAll(quotedprintable.NewReader(m.Body))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Codice di riferimento: " + chat.FormatCode(code),
		"Lingua del cittadino: rumeno (ro)",
		"Canale: chat sul sito (web)",
		"il cittadino ha chiesto un operatore",
		"Trasferita da: anna",
		note,
		"Cittadino: Am nevoie de un certificat de rezidență pentru fiica mea",
		"https://sportello.example.it/staff/t/" + code,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	// Recorded in the audit log and as a system turn in Romanian.
	events, err := ss.AuditLog(ctx, 10)
	if err != nil || len(events) != 1 || events[0].Action != "ticket.emailed" || events[0].Actor != "anna" ||
		events[0].Target != "ticket:"+code || !strings.Contains(events[0].Detail, "anagrafe@comune.example.it") {
		t.Errorf("audit %+v, %v", events, err)
	}
	tk, _ := svc.Store.Ticket(ctx, code)
	turns, _ := svc.Store.Turns(ctx, tk.ConversationID, 0)
	last := turns[len(turns)-1]
	if last.Role != chat.RoleSystem || last.Lang != "ro" || !strings.Contains(last.Text, chat.FormatCode(code)) || !strings.Contains(last.Text, "e-mail") {
		t.Errorf("last turn %+v", last)
	}
}

// A mail server that refuses the message leaves nothing recorded: no
// audit event, no turn telling the citizen something that did not
// happen.
func TestForwardRefusedRecordsNothing(t *testing.T) {
	ctx := context.Background()
	svc, ss, code := rig(t)
	srv := smtptest.Start(t, smtptest.Options{})
	srv.RejectData("550 5.1.1 mailbox unavailable")
	fw := &mail.Forwarder{Chat: svc, Mail: &mail.Mailer{Config: config(t, srv, mail.None)}, From: "sportello@comune.example.it", Audit: ss}
	tk, _ := svc.Store.Ticket(ctx, code)
	before, _ := svc.Store.Turns(ctx, tk.ConversationID, 0)
	if err := fw.Forward(ctx, code, "anna", "Tributi", "tributi@comune.example.it", ""); err == nil {
		t.Fatal("no error from a refused message")
	}
	after, _ := svc.Store.Turns(ctx, tk.ConversationID, 0)
	events, _ := ss.AuditLog(ctx, 10)
	if len(after) != len(before) || len(events) != 0 {
		t.Errorf("recorded after a refusal: %d turns more, %d audit events", len(after)-len(before), len(events))
	}
}
