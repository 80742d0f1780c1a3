package console

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/web/console/views"
	"github.com/sportello/sportello/web/staff"
)

// SMSMeter measures a message written by people on the SMS channel:
// what it costs after the channel's preparation, and the most segments
// such a message may take. *sms.Service implements it.
type SMSMeter interface {
	Measure(text, lang string) (info telephony.Info, maxSegments int)
}

// operatorRoutes adds the reply box's translation and SMS counter.
func (c *Console) operatorRoutes(mux *http.ServeMux) {
	ops := []staff.Role{staff.RoleOperator}
	mux.Handle("POST /staff/t/{code}/translate", c.requireRole(ops, c.translateReply))
	mux.Handle("POST /staff/t/{code}/sms-count", c.requireRole(ops, c.replySMSCount))
}

// cannedIDs are the canned replies, translated in the citizens' catalog
// so that each is offered in the citizen's language.
var cannedIDs = []string{"CannedGreeting", "CannedChecking", "CannedOffice", "CannedThanks"}

// queueItems lists the open handoffs matching the team and language
// filters, oldest first, with their wait.
func (c *Console) queueItems(r *http.Request, team, lang string) ([]views.QueueItem, error) {
	ts, err := c.Chat.Store.Tickets(r.Context(), chat.TicketWaiting, chat.TicketClaimed)
	if err != nil {
		return nil, err
	}
	now := c.Now()
	ui := c.lang(r)
	var out []views.QueueItem
	for _, t := range ts {
		if (team != "" && t.Team != team) || (lang != "" && t.Lang != lang) {
			continue
		}
		wait := now.Sub(t.CreatedAt)
		if t.State == chat.TicketClaimed {
			wait = t.ClaimedAt.Sub(t.CreatedAt)
		}
		out = append(out, views.QueueItem{
			Code: t.Code, CodeDisplay: chat.FormatCode(t.Code), URL: "/staff/t/" + t.Code,
			Lang: t.Lang, Channel: t.Channel, Reason: c.t(ui, "ConsoleReason_"+string(t.Reason)), Topic: t.Topic, Team: t.Team,
			State: c.t(ui, "ConsoleState_"+string(t.State)), Claimed: t.State == chat.TicketClaimed, ClaimedBy: t.ClaimedBy,
			Wait: formatWait(wait), WaitSeconds: int(wait.Seconds()),
		})
	}
	return out, nil
}

func formatWait(d time.Duration) string {
	d = d.Round(time.Second)
	if d < time.Minute {
		return fmt.Sprintf("%ds", int(d.Seconds()))
	}
	if d < time.Hour {
		return fmt.Sprintf("%dm %02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%dh %02dm", int(d.Hours()), int(d.Minutes())%60)
}

func (c *Console) queue(w http.ResponseWriter, r *http.Request) error {
	team, lang := r.URL.Query().Get("team"), r.URL.Query().Get("lang")
	items, err := c.queueItems(r, team, lang)
	if err != nil {
		return err
	}
	ui := c.lang(r)
	m := views.Queue{Frame: c.frame(r, c.t(ui, "ConsoleQueueTitle")), Items: items, Team: team, Lang: lang,
		EventsURL: "/staff/queue/events", FragmentURL: r.URL.Path + "?" + r.URL.RawQuery}
	teams, err := c.Staff.Teams(r.Context())
	if err != nil {
		return err
	}
	for _, t := range teams {
		m.Teams = append(m.Teams, views.Option{Value: t.ID, Text: t.Name, Selected: t.ID == team})
	}
	for _, l := range c.Languages {
		m.Langs = append(m.Langs, views.Option{Value: l, Text: l, Selected: l == lang})
	}
	if r.URL.Query().Get("fragment") == "1" {
		return render(w, r, http.StatusOK, views.QueueTable(m))
	}
	return render(w, r, http.StatusOK, views.QueuePage(m))
}

func (c *Console) ticket(w http.ResponseWriter, r *http.Request) error {
	code, ok := chat.NormalizeCode(r.PathValue("code"))
	if !ok {
		return errNotFound
	}
	m, _, err := c.ticketModel(r, code)
	if err != nil {
		return err
	}
	return render(w, r, http.StatusOK, views.TicketPage(m))
}

// ticketModel is the page of handoff code: its context, the transcript
// (bilingual with a language model) and an empty reply box.
func (c *Console) ticketModel(r *http.Request, code string) (views.Ticket, *chat.Conversation, error) {
	ctx := r.Context()
	tk, err := c.Chat.Store.Ticket(ctx, code)
	if err != nil {
		return views.Ticket{}, nil, err
	}
	conv, err := c.Chat.Store.Conversation(ctx, tk.ConversationID)
	if err != nil {
		return views.Ticket{}, nil, err
	}
	turns, err := c.Chat.Store.Turns(ctx, conv.ID, 0)
	if err != nil {
		return views.Ticket{}, nil, err
	}
	ui := c.lang(r)
	u := user(r)
	m := views.Ticket{Frame: c.frame(r, c.tf(ui, "ConsoleTicketTitle", map[string]any{"Code": chat.FormatCode(code)})),
		Code: code, CodeDisplay: chat.FormatCode(code), Lang: conv.Lang, Dir: dir(conv.Lang), Channel: conv.Channel,
		Contact: pseudonym(conv.Contact), Reason: c.t(ui, "ConsoleReason_"+string(tk.Reason)), Topic: tk.Topic, Team: tk.Team,
		State: c.t(ui, "ConsoleState_"+string(tk.State)), ClaimedBy: tk.ClaimedBy,
		Created: tk.CreatedAt.Local().Format("2006-01-02 15:04:05"), Wait: formatWait(c.Now().Sub(tk.CreatedAt)),
		CanClaim: tk.State == chat.TicketWaiting, Mine: tk.State == chat.TicketClaimed && tk.ClaimedBy == u.Login,
		EventsURL: "/staff/t/" + code + "/events", Outcomes: chat.Outcomes, MaxReply: chat.MaxReplyLen,
		Notice: c.noticeText(ui, r.URL.Query().Get("done")),
	}
	for _, t := range turns {
		vt := views.Turn{Seq: t.Seq, Role: string(t.Role), RoleText: c.t(ui, "ConsoleRole_"+string(t.Role)), Author: t.Author,
			Text: t.Text, Lang: t.Lang, Dir: dir(t.Lang), At: t.CreatedAt.Local().Format("15:04:05")}
		if vt.Lang == "" {
			vt.Lang, vt.Dir = conv.Lang, dir(conv.Lang)
		}
		if d := t.Decision; d != nil {
			vt.Decision = fmt.Sprintf("%s · %s · %.2f", d.Kind, d.Reason, d.Confidence)
			for _, h := range d.Hits {
				vt.Hits = append(vt.Hits, views.Hit{EntryID: h.EntryID, Revision: h.Revision, Confidence: fmt.Sprintf("%.2f", h.Confidence),
					Lexical: rank(h.LexicalRank), Vector: rank(h.VectorRank)})
			}
		}
		if o := t.Translation(OperatorLanguage); t.Role == chat.RoleOperator && o != nil && o.Original {
			vt.Original, vt.OriginalLang = o.Text, o.Lang
		}
		m.Turns = append(m.Turns, vt)
	}
	c.translateTurns(ctx, ui, conv.Lang, turns, m.Turns)
	for _, id := range cannedIDs {
		m.Canned = append(m.Canned, c.Public.Message(conv.Lang, id, nil))
	}
	teams, err := c.Staff.Teams(ctx)
	if err != nil {
		return views.Ticket{}, nil, err
	}
	for _, t := range teams {
		if t.ID != tk.Team {
			m.Teams = append(m.Teams, views.Option{Value: t.ID, Text: t.Name})
		}
	}
	for _, o := range chat.Outcomes {
		m.OutcomeOptions = append(m.OutcomeOptions, views.Option{Value: o, Text: c.t(ui, "ConsoleOutcome_"+o)})
	}
	m.Reply = views.ReplyBox{Lang: conv.Lang, Dir: dir(conv.Lang)}
	if c.LLM != nil && conv.Lang != "" && conv.Lang != OperatorLanguage {
		m.Reply.CanTranslate = true
		m.Reply.Lang, m.Reply.Dir = OperatorLanguage, dir(OperatorLanguage)
		m.Reply.TranslateTo = c.tf(ui, "ConsoleTranslateTo", map[string]any{"Lang": languageName(ui, conv.Lang)})
	}
	if conv.Channel == chat.ChannelSMS && c.SMS != nil {
		m.Reply.SMS, m.Reply.CountURL = true, "/staff/t/"+code+"/sms-count"
	}
	return m, conv, nil
}

func rank(n int) string {
	if n == 0 {
		return "–"
	}
	return fmt.Sprint(n)
}

func dir(lang string) string {
	if lang == "ar" {
		return "rtl"
	}
	return "ltr"
}

// pseudonym shortens a contact pseudonym for display: enough to tell two
// citizens apart, nothing that identifies one.
func pseudonym(contact string) string {
	if len(contact) > 12 {
		return contact[:12] + "…"
	}
	return contact
}

func (c *Console) noticeText(ui, done string) string {
	if !slices.Contains([]string{"claimed", "replied", "transferred", "resolved", "drafted", "saved", "moved", "reviewed", "restored", "dismissed"}, done) {
		return ""
	}
	return c.t(ui, "ConsoleDone_"+done)
}

// action runs one operator action on the handoff in the path and
// redirects back to it (post/redirect/get), recording it in the audit log.
// onErr, when given, handles the action's error instead.
func (c *Console) action(name string, do func(r *http.Request, code, login string) (string, error), onErr ...func(error) error) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		code, ok := chat.NormalizeCode(r.PathValue("code"))
		if !ok {
			return errNotFound
		}
		u := user(r)
		detail, err := do(r, code, u.Login)
		if err != nil {
			if len(onErr) > 0 {
				return onErr[0](err)
			}
			return err
		}
		c.record(r.Context(), r, "ticket."+name, "ticket:"+code, detail)
		target := "/staff/t/" + code + "?done=" + name
		if name == "resolved" || name == "transferred" {
			target = "/staff/queue?done=" + name
		}
		http.Redirect(w, r, target, http.StatusSeeOther)
		return nil
	}
}

func (c *Console) claim(w http.ResponseWriter, r *http.Request) error {
	return c.action("claimed", func(r *http.Request, code, login string) (string, error) {
		_, err := c.Chat.Claim(r.Context(), code, login)
		return "", err
	})(w, r)
}

// reply sends the operator's reply. A reply the channel cannot take (too
// long, or over the SMS segment cap) comes back in the box with the
// reason, so nothing the operator wrote is lost. When the form carries
// the Italian original of a translated reply, the original is kept with
// the turn.
func (c *Console) reply(w http.ResponseWriter, r *http.Request) error {
	code, ok := chat.NormalizeCode(r.PathValue("code"))
	if !ok {
		return errNotFound
	}
	text := r.PostFormValue("text")
	if strings.TrimSpace(text) == "" {
		text = r.PostFormValue("canned")
	}
	original := strings.TrimSpace(r.PostFormValue("original"))
	again := func(status int, msgID string) error {
		m, _, err := c.ticketModel(r, code)
		if err != nil {
			return err
		}
		if !m.Mine {
			// No reply box to put the draft back in: the case is not theirs.
			return chat.ErrNotYours
		}
		c.fillReply(r, &m, text, original)
		m.Reply.Error = c.t(c.lang(r), msgID)
		return render(w, r, status, views.TicketPage(m))
	}
	tk, err := c.Chat.Store.Ticket(r.Context(), code)
	if err != nil {
		return err
	}
	conv, err := c.Chat.Store.Conversation(r.Context(), tk.ConversationID)
	if err != nil {
		return err
	}
	if conv.Channel == chat.ChannelSMS && c.SMS != nil {
		if info, most := c.SMS.Measure(text, conv.Lang); info.Segments > most {
			return again(http.StatusUnprocessableEntity, "ConsoleErrSMSTooLong")
		}
	}
	return c.action("replied", func(r *http.Request, code, login string) (string, error) {
		var t *chat.Turn
		var err error
		if original != "" && original != strings.TrimSpace(text) {
			model := ""
			if c.LLM != nil {
				model = c.LLM.ModelName()
			}
			t, err = c.Chat.ReplyTranslated(r.Context(), code, login, text, chat.TurnTranslation{Lang: OperatorLanguage, Text: original, Model: model})
		} else {
			t, err = c.Chat.Reply(r.Context(), code, login, text)
		}
		if errors.Is(err, chat.ErrBadReply) {
			return "", errBadDraft
		}
		if err != nil {
			return "", err
		}
		// The audit log records that a reply went out, not its words.
		if original != "" {
			return fmt.Sprintf("turn %d (translated)", t.Seq), nil
		}
		return fmt.Sprintf("turn %d", t.Seq), nil
	}, func(err error) error {
		if errors.Is(err, errBadDraft) {
			return again(http.StatusBadRequest, "ConsoleErrBadReply")
		}
		return err
	})(w, r)
}

// errBadDraft marks a reply refused for its text, shown again in its box.
var errBadDraft = errors.New("the reply's text is refused")

// fillReply puts what the operator wrote back in the reply box: text in
// the box (or, when original is set, text as the translation of
// original, side by side), with its SMS count.
func (c *Console) fillReply(r *http.Request, m *views.Ticket, text, original string) {
	m.Reply.Draft = text
	if original != "" && m.Reply.CanTranslate {
		m.Reply.Preview, m.Reply.Original, m.Reply.OriginalLang = true, original, OperatorLanguage
		m.Reply.Lang, m.Reply.Dir = m.Lang, m.Dir
	}
	if m.Reply.SMS {
		m.Reply.Count, m.Reply.Over = c.smsCountText(c.lang(r), text, m.Lang)
	}
}

// translateReply translates the operator's Italian draft into the
// citizen's language and shows both, the translation editable, before
// anything is sent. On a failure the Italian stays in the box with a
// note.
func (c *Console) translateReply(w http.ResponseWriter, r *http.Request) error {
	code, ok := chat.NormalizeCode(r.PathValue("code"))
	if !ok {
		return errNotFound
	}
	m, conv, err := c.ticketModel(r, code)
	if err != nil {
		return err
	}
	if !m.Mine {
		return chat.ErrNotYours
	}
	ui := c.lang(r)
	if !m.Reply.CanTranslate {
		return &pageError{http.StatusConflict, "EditorNoLLM", errors.New("no language model configured, or nothing to translate")}
	}
	// "Translate again" in the preview translates the (edited) original.
	italian := r.PostFormValue("original")
	if strings.TrimSpace(italian) == "" {
		italian = r.PostFormValue("text")
	}
	out, err := c.LLM.TranslateText(r.Context(), italian, OperatorLanguage, conv.Lang)
	if err != nil {
		c.fillReply(r, &m, italian, "")
		m.Reply.Error = c.t(ui, "ConsoleErrBadReply")
		return render(w, r, http.StatusBadRequest, views.TicketPage(m))
	}
	if out.Fallback {
		c.Log.Warn("translating a reply failed", "ticket", code, "reason", string(out.FallbackReason))
		c.fillReply(r, &m, italian, "")
		m.Reply.TranslateNote = c.t(ui, "ConsoleReplyTranslationFailed")
		return render(w, r, http.StatusOK, views.TicketPage(m))
	}
	c.fillReply(r, &m, out.Text, strings.TrimSpace(italian))
	return render(w, r, http.StatusOK, views.TicketPage(m))
}

// replySMSCount answers the reply box's live counter: characters and
// SMS segments of the text as the SMS channel will send it.
func (c *Console) replySMSCount(w http.ResponseWriter, r *http.Request) error {
	code, ok := chat.NormalizeCode(r.PathValue("code"))
	if !ok || c.SMS == nil {
		return errNotFound
	}
	tk, err := c.Chat.Store.Ticket(r.Context(), code)
	if err != nil {
		return err
	}
	text, over := c.smsCountText(c.lang(r), r.PostFormValue("text"), tk.Lang)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if over {
		w.Header().Set("X-SMS-Over", "1")
	}
	fmt.Fprint(w, text)
	return nil
}

// smsCountText is what an SMS reply costs, in words, and whether it is
// over the cap of a message written by people.
func (c *Console) smsCountText(ui, text, lang string) (string, bool) {
	if strings.TrimSpace(text) == "" {
		return "", false
	}
	info, most := c.SMS.Measure(text, lang)
	s := c.tf(ui, "EditorSMSCount", map[string]any{"Chars": info.Units, "Segments": info.Segments, "Encoding": info.Encoding.String()})
	if info.Segments > most {
		return s + " – " + c.tf(ui, "ConsoleSMSOverCap", map[string]any{"Max": most}), true
	}
	return s, false
}

// languageName is a language's name in the console's language, such as
// "rumeno" for ro in Italian.
func languageName(ui, code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	if n := display.Languages(language.Make(ui)).Name(tag); n != "" {
		return n
	}
	return code
}

func (c *Console) transfer(w http.ResponseWriter, r *http.Request) error {
	return c.action("transferred", func(r *http.Request, code, login string) (string, error) {
		team := r.PostFormValue("team")
		if _, err := c.Staff.Team(r.Context(), team); err != nil {
			return "", &pageError{http.StatusBadRequest, "ConsoleErrNoTeam", err}
		}
		tk, err := c.Chat.Store.Ticket(r.Context(), code)
		if err != nil {
			return "", err
		}
		if tk.State != chat.TicketClaimed || tk.ClaimedBy != login {
			return "", chat.ErrNotYours
		}
		return "to " + team, c.Chat.Transfer(r.Context(), code, team)
	})(w, r)
}

func (c *Console) resolve(w http.ResponseWriter, r *http.Request) error {
	return c.action("resolved", func(r *http.Request, code, login string) (string, error) {
		outcome := r.PostFormValue("outcome")
		return outcome, c.Chat.Resolve(r.Context(), code, login, outcome)
	})(w, r)
}

// draft turns the conversation into a draft FAQ entry for the editors:
// the citizen's first question and the operator's replies, in the
// citizen's language, with status draft so that nothing is published
// before an editor reviews it.
func (c *Console) draft(w http.ResponseWriter, r *http.Request) error {
	return c.action("drafted", func(r *http.Request, code, login string) (string, error) {
		ctx := r.Context()
		tk, err := c.Chat.Store.Ticket(ctx, code)
		if err != nil {
			return "", err
		}
		turns, err := c.Chat.Store.Turns(ctx, tk.ConversationID, 0)
		if err != nil {
			return "", err
		}
		var question string
		var answer []string
		for _, t := range turns {
			switch {
			case t.Role == chat.RoleCitizen && question == "":
				question = t.Text
			case t.Role == chat.RoleOperator:
				answer = append(answer, t.Text)
			}
		}
		if question == "" || len(answer) == 0 {
			return "", &pageError{http.StatusBadRequest, "ConsoleErrDraftEmpty", fmt.Errorf("ticket %s has no question or no reply", code)}
		}
		e := &kb.Entry{ID: "bozza-" + code, Topic: tk.Topic, Agency: "", Status: kb.StatusDraft,
			Tags:     []string{"da-operatore"},
			Variants: map[string]*kb.Variant{tk.Lang: {Question: question, Answer: strings.Join(answer, "\n\n")}}}
		if _, err := c.KB.Import(ctx, []*kb.Entry{e}, kb.ImportOptions{By: login}); err != nil {
			return "", err
		}
		return e.ID, nil
	})(w, r)
}
