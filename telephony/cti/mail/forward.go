package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/web/staff"
)

// MaxNote bounds the operator's note to the office, in characters.
const MaxNote = 2000

// ErrInvalid marks a forward the operator must correct: a bad address,
// an office name or a note that cannot go in a message.
var ErrInvalid = errors.New("mail: invalid forward")

// Forward is a handoff going to the competent office.
type Forward struct {
	Ticket       *chat.Ticket
	Conversation *chat.Conversation
	Turns        []chat.Turn
	// Operator forwards it; Office is the office's name and To its
	// address; Note is what the operator adds.
	Operator, Office, To, Note string
	// ConsoleURL is Sportello's public address, for the link to the
	// handoff.
	ConsoleURL string
	// Location is the time zone of the times in the message.
	Location *time.Location
	Now      time.Time
}

// Check validates the parts a person typed.
func (f *Forward) Check() error {
	if _, err := mail.ParseAddress(f.To); err != nil {
		return fmt.Errorf("%w: the address %q: %v", ErrInvalid, f.To, err)
	}
	if strings.ContainsAny(f.Office, "\r\n") || utf8.RuneCountInString(f.Office) > 200 {
		return fmt.Errorf("%w: the office name must be one line", ErrInvalid)
	}
	if !utf8.ValidString(f.Note) || strings.ContainsRune(f.Note, 0) || utf8.RuneCountInString(f.Note) > MaxNote {
		return fmt.Errorf("%w: the note must be text of at most %d characters", ErrInvalid, MaxNote)
	}
	return nil
}

var langNames = map[string]string{
	"it": "italiano", "en": "inglese", "fr": "francese", "es": "spagnolo", "de": "tedesco",
	"ar": "arabo", "ro": "rumeno", "sq": "albanese", "zh": "cinese",
}

var reasonNames = map[string]string{
	string(chat.ReasonExplicit):       "il cittadino ha chiesto un operatore",
	string(chat.ReasonPersonal):       "caso personale (una pratica, un documento proprio)",
	string(chat.ReasonLowConfidence):  "l'assistente non era abbastanza sicuro della risposta",
	string(chat.ReasonNoMatch):        "l'assistente non ha trovato una risposta",
	string(chat.ReasonNoVariant):      "nessuna risposta nella lingua del cittadino",
	string(chat.ReasonRepeatedMisses): "più domande di seguito senza risposta",
}

var channelNames = map[string]string{chat.ChannelWeb: "chat sul sito", chat.ChannelSMS: "SMS", chat.ChannelAPI: "API"}

func nameOr(names map[string]string, k string) string {
	if n := names[k]; n != "" {
		return n + " (" + k + ")"
	}
	return k
}

// Compose writes the message to the office, in Italian: the reference
// code in the subject, the handoff's facts, the operator's note, the
// transcript in its original languages and what the assistant found.
func Compose(from string, f *Forward) (*Message, error) {
	if err := f.Check(); err != nil {
		return nil, err
	}
	loc := f.Location
	if loc == nil {
		loc = time.Local
	}
	tk, code := f.Ticket, chat.FormatCode(f.Ticket.Code)
	at := func(t time.Time) string { return t.In(loc).Format("02/01/2006 15:04") }

	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("Gentile ufficio %s,", f.Office)
	line("")
	line("vi trasferiamo una richiesta arrivata a Sportello, lo sportello multilingue del Comune, che richiede il vostro intervento.")
	line("")
	line("Codice di riferimento: %s", code)
	line("Canale: %s", nameOr(channelNames, tk.Channel))
	line("Lingua del cittadino: %s", nameOr(langNames, tk.Lang))
	if tk.Topic != "" {
		line("Argomento: %s", tk.Topic)
	}
	line("Motivo del passaggio a un operatore: %s", nameOr(reasonNames, string(tk.Reason)))
	line("Richiesta aperta il: %s", at(tk.CreatedAt))
	line("Trasferita da: %s, il %s", f.Operator, at(f.Now))
	if note := strings.TrimSpace(f.Note); note != "" {
		line("")
		line("Nota dell'operatore:")
		line("%s", note)
	}
	line("")
	line("Il cittadino conosce il codice %s: se vi contatta, può citarlo.", code)
	line("")
	line("--- Conversazione (i messaggi sono nella lingua originale) ---")
	var found *chat.TurnDecision
	for _, t := range f.Turns {
		who := map[chat.Role]string{chat.RoleCitizen: "Cittadino", chat.RoleBot: "Assistente automatico", chat.RoleSystem: "Sistema"}[t.Role]
		if t.Role == chat.RoleOperator {
			who = "Operatore " + t.Author
		}
		line("[%s] %s: %s", t.CreatedAt.In(loc).Format("02/01 15:04"), who, strings.TrimSpace(t.Text))
		if d := t.Decision; d != nil && (d.HandoffCode == tk.Code || (found == nil && len(d.Hits) > 0)) {
			found = d
		}
	}
	if found != nil && len(found.Hits) > 0 {
		line("")
		line("--- Cosa aveva trovato l'assistente (voci delle domande frequenti, con la confidenza) ---")
		for _, h := range found.Hits {
			line("%s (revisione %d): %s", h.EntryID, h.Revision, strings.Replace(fmt.Sprintf("%.2f", h.Confidence), ".", ",", 1))
		}
	}
	if f.ConsoleURL != "" {
		line("")
		line("La richiesta nella console degli operatori: %s/staff/t/%s", strings.TrimSuffix(f.ConsoleURL, "/"), tk.Code)
	}
	line("")
	line("Questo messaggio contiene dati personali: trattateli secondo le regole dell'ente e non inoltratelo fuori dall'ufficio competente.")

	var body bytes.Buffer
	qp := quotedprintable.NewWriter(&body)
	qp.Write([]byte(b.String()))
	qp.Close()

	id := make([]byte, 8)
	rand.Read(id)
	fromAddr, err := mail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("mail: sender %q: %w", from, err)
	}
	domain := fromAddr.Address[strings.LastIndexByte(fromAddr.Address, '@')+1:]
	var h bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&h, "%s: %s\r\n", k, v) }
	header("From", fromAddr.String())
	to, _ := mail.ParseAddress(f.To)
	header("To", to.String())
	header("Subject", mime.QEncoding.Encode("utf-8", fmt.Sprintf("[Sportello] Richiesta %s trasferita all'ufficio %s", code, f.Office)))
	header("Date", f.Now.In(loc).Format(time.RFC1123Z))
	header("Message-ID", fmt.Sprintf("<%s.%s@%s>", tk.Code, hex.EncodeToString(id), domain))
	header("X-Sportello-Code", tk.Code)
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	h.WriteString("\r\n")
	h.Write(body.Bytes())
	return &Message{From: fromAddr.String(), To: []string{to.Address}, Data: h.Bytes()}, nil
}

// Sender sends a message; *Mailer implements it.
type Sender interface {
	Send(ctx context.Context, m *Message) error
}

// Auditor records staff actions; staff.Store implements it.
type Auditor interface {
	Audit(ctx context.Context, e *staff.AuditEvent) error
}

// Forwarder forwards handoffs held by operators to offices by e-mail.
type Forwarder struct {
	Chat  *chat.Service
	Mail  Sender
	From  string
	Audit Auditor
	// ConsoleURL and Location are as in Forward.
	ConsoleURL string
	Location   *time.Location
	Now        func() time.Time
}

// Forward sends handoff code, which operator must hold, to the office at
// address to with the operator's note; then records it in the audit log
// and tells the citizen, in their language, as a system turn. Nothing is
// recorded when the message is not accepted by the mail server.
func (fw *Forwarder) Forward(ctx context.Context, code, operator, office, to, note string) error {
	tk, err := fw.Chat.Store.Ticket(ctx, code)
	if err != nil {
		return err
	}
	switch {
	case tk.State == chat.TicketResolved:
		return chat.ErrClosed
	case tk.State != chat.TicketClaimed || tk.ClaimedBy != operator:
		return chat.ErrNotYours
	}
	conv, err := fw.Chat.Store.Conversation(ctx, tk.ConversationID)
	if err != nil {
		return err
	}
	turns, err := fw.Chat.Store.Turns(ctx, conv.ID, 0)
	if err != nil {
		return err
	}
	now := time.Now
	if fw.Now != nil {
		now = fw.Now
	}
	msg, err := Compose(fw.From, &Forward{Ticket: tk, Conversation: conv, Turns: turns, Operator: operator, Office: office, To: to,
		Note: note, ConsoleURL: fw.ConsoleURL, Location: fw.Location, Now: now()})
	if err != nil {
		return err
	}
	if err := fw.Mail.Send(ctx, msg); err != nil {
		return err
	}
	addr, _ := mail.ParseAddress(to)
	if err := fw.Audit.Audit(ctx, &staff.AuditEvent{Actor: operator, Action: "ticket.emailed", Target: "ticket:" + code,
		Detail: fmt.Sprintf("to %s <%s>", office, addr.Address)}); err != nil {
		return fmt.Errorf("mail: the message was sent, but recording it in the audit log failed: %w", err)
	}
	if _, err := fw.Chat.Announce(ctx, conv.ID, "ForwardedByEmail", map[string]any{"Code": chat.FormatCode(code)}); err != nil {
		return fmt.Errorf("mail: the message was sent, but telling the citizen failed: %w", err)
	}
	return nil
}
