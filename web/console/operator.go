package console

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/web/console/views"
)

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
	ctx := r.Context()
	code, ok := chat.NormalizeCode(r.PathValue("code"))
	if !ok {
		return errNotFound
	}
	tk, err := c.Chat.Store.Ticket(ctx, code)
	if err != nil {
		return err
	}
	conv, err := c.Chat.Store.Conversation(ctx, tk.ConversationID)
	if err != nil {
		return err
	}
	turns, err := c.Chat.Store.Turns(ctx, conv.ID, 0)
	if err != nil {
		return err
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
		if d := t.Decision; d != nil {
			vt.Decision = fmt.Sprintf("%s · %s · %.2f", d.Kind, d.Reason, d.Confidence)
			for _, h := range d.Hits {
				vt.Hits = append(vt.Hits, views.Hit{EntryID: h.EntryID, Revision: h.Revision, Confidence: fmt.Sprintf("%.2f", h.Confidence),
					Lexical: rank(h.LexicalRank), Vector: rank(h.VectorRank)})
			}
		}
		m.Turns = append(m.Turns, vt)
	}
	for _, id := range cannedIDs {
		m.Canned = append(m.Canned, c.Public.Message(conv.Lang, id, nil))
	}
	teams, err := c.Staff.Teams(ctx)
	if err != nil {
		return err
	}
	for _, t := range teams {
		if t.ID != tk.Team {
			m.Teams = append(m.Teams, views.Option{Value: t.ID, Text: t.Name})
		}
	}
	for _, o := range chat.Outcomes {
		m.OutcomeOptions = append(m.OutcomeOptions, views.Option{Value: o, Text: c.t(ui, "ConsoleOutcome_"+o)})
	}
	return render(w, r, http.StatusOK, views.TicketPage(m))
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
func (c *Console) action(name string, do func(r *http.Request, code, login string) (string, error)) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		code, ok := chat.NormalizeCode(r.PathValue("code"))
		if !ok {
			return errNotFound
		}
		u := user(r)
		detail, err := do(r, code, u.Login)
		if err != nil {
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

func (c *Console) reply(w http.ResponseWriter, r *http.Request) error {
	return c.action("replied", func(r *http.Request, code, login string) (string, error) {
		text := r.PostFormValue("text")
		if text == "" {
			text = r.PostFormValue("canned")
		}
		t, err := c.Chat.Reply(r.Context(), code, login, text)
		if err != nil {
			return "", err
		}
		// The audit log records that a reply went out, not its words.
		return fmt.Sprintf("turn %d", t.Seq), nil
	})(w, r)
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
