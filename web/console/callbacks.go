package console

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/telephony/cti"
	"github.com/sportello/sportello/telephony/cti/mail"
	"github.com/sportello/sportello/telephony/webhook"
	"github.com/sportello/sportello/web/console/views"
	"github.com/sportello/sportello/web/staff"
)

// ContactCenter is the console's phone side: the callback queue that
// handoffs made outside the opening hours feed, forwarding a handoff to
// the competent office by e-mail, and the outbound webhook's status. A
// part left nil has a page saying it is not configured.
type ContactCenter struct {
	Callbacks cti.CallbackStore
	// Desk opens the number to call for the operator who claimed a
	// request.
	Desk      *cti.Desk
	Forwarder *mail.Forwarder
	Webhook   webhook.Store
}

func (c *Console) contactCenterRoutes(mux *http.ServeMux) {
	ops, admins := []staff.Role{staff.RoleOperator}, []staff.Role{staff.RoleAdmin}
	mux.Handle("GET /staff/callbacks", c.requireRole(ops, c.callbackList))
	mux.Handle("POST /staff/callbacks/{id}/claim", c.requireRole(ops, c.callbackClaim))
	mux.Handle("POST /staff/callbacks/{id}/outcome", c.requireRole(ops, c.callbackOutcome))
	mux.Handle("GET /staff/t/{code}/email", c.requireRole(ops, c.emailForm))
	mux.Handle("POST /staff/t/{code}/email", c.requireRole(ops, c.emailSend))
	mux.Handle("GET /staff/webhook", c.requireRole(admins, c.webhookStatus))
	mux.Handle("POST /staff/webhook/{id}/requeue", c.requireRole(admins, c.webhookRequeue))
}

// contactCenterNav adds the contact-center sections a user's role opens.
func (c *Console) contactCenterNav(f *views.Frame, u *staff.User, lang string) {
	if u.Can(staff.RoleOperator) {
		f.Nav = append(f.Nav, views.Link{URL: "/staff/callbacks", Text: c.t(lang, "ConsoleNavCallbacks")})
	}
	if u.Can(staff.RoleAdmin) {
		f.Nav = append(f.Nav, views.Link{URL: "/staff/webhook", Text: c.t(lang, "ConsoleNavWebhook")})
	}
}

func (c *Console) cc() *ContactCenter {
	if c.ContactCenter == nil {
		return &ContactCenter{}
	}
	return c.ContactCenter
}

// contactNotices are the done= values the contact-center pages confirm.
var contactNotices = []string{"callback_claimed", "callback_recorded", "callback_closed", "callback_ticket_open", "emailed", "emailed_resolved", "requeued"}

func (c *Console) contactNotice(ui, done string) string {
	if !slices.Contains(contactNotices, done) {
		return ""
	}
	return c.t(ui, "ConsoleDone_"+done)
}

func (c *Console) callbackList(w http.ResponseWriter, r *http.Request) error {
	ui := c.lang(r)
	m := views.Callbacks{Frame: c.frame(r, c.t(ui, "ConsoleCallbacksTitle")), Notice: c.contactNotice(ui, r.URL.Query().Get("done"))}
	cc := c.cc()
	if cc.Callbacks == nil || cc.Desk == nil {
		return render(w, r, http.StatusOK, views.CallbacksPage(m))
	}
	m.Configured = true
	cbs, err := cc.Callbacks.Callbacks(r.Context(), 0, cti.CallbackWaiting, cti.CallbackClaimed)
	if err != nil {
		return err
	}
	login := user(r).Login
	now := c.Now()
	for _, cb := range cbs {
		it := views.CallbackItem{ID: strconv.FormatInt(cb.ID, 10), Code: cb.Code, CodeDisplay: chat.FormatCode(cb.Code), TicketURL: "/staff/t/" + cb.Code,
			Channel: cb.Channel, Lang: cb.Lang, Requested: cb.CreatedAt.Local().Format("2006-01-02 15:04"), Wait: formatWait(now.Sub(cb.CreatedAt)),
			State: c.t(ui, "ConsoleCallbackState_"+string(cb.State)), ClaimedBy: cb.ClaimedBy, Attempts: cb.Attempts,
			CanClaim: cb.State == cti.CallbackWaiting, Mine: cb.State == cti.CallbackClaimed && cb.ClaimedBy == login}
		if cb.Outcome != "" {
			it.LastOutcome = c.t(ui, "ConsoleCallbackOutcome_"+cb.Outcome)
		}
		if it.Mine {
			// The number is opened for the operator who calls, and only then.
			switch n, err := cc.Desk.Number(&cb); {
			case err == nil:
				it.Number, it.NumberURL = n, "tel:"+n
				if cb.Contact != "" {
					it.NumberNote = c.t(ui, "ConsoleCallbackSMSSender")
				}
			case errors.Is(err, cti.ErrNoNumber):
				it.NumberNote = c.t(ui, "ConsoleCallbackNoNumber")
			default:
				return err
			}
		}
		m.Items = append(m.Items, it)
	}
	for _, o := range cti.CallbackOutcomes {
		m.Outcomes = append(m.Outcomes, views.Option{Value: o, Text: c.t(ui, "ConsoleCallbackOutcome_"+o)})
	}
	return render(w, r, http.StatusOK, views.CallbacksPage(m))
}

// callback reads the request in the path.
func (c *Console) callback(r *http.Request) (*cti.Callback, error) {
	cc := c.cc()
	if cc.Callbacks == nil || cc.Desk == nil {
		return nil, errNotFound
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, errNotFound
	}
	cb, err := cc.Callbacks.Callback(r.Context(), id)
	if errors.Is(err, cti.ErrNotFound) {
		return nil, errNotFound
	}
	return cb, err
}

// callbackError turns the callback queue's errors into pages.
func callbackError(err error) error {
	switch {
	case errors.Is(err, cti.ErrStale):
		return &pageError{http.StatusConflict, "ConsoleErrCallbackStale", err}
	case errors.Is(err, cti.ErrNotFound):
		return errNotFound
	case errors.Is(err, cti.ErrBadOutcome):
		return &pageError{http.StatusBadRequest, "ConsoleErrBadRequest", err}
	}
	return err
}

func (c *Console) callbackClaim(w http.ResponseWriter, r *http.Request) error {
	cb, err := c.callback(r)
	if err != nil {
		return err
	}
	login := user(r).Login
	if err := c.cc().Callbacks.ClaimCallback(r.Context(), cb.ID, login); err != nil {
		return callbackError(err)
	}
	c.record(r.Context(), r, "callback.claimed", fmt.Sprintf("callback:%d", cb.ID), "ticket:"+cb.Code)
	http.Redirect(w, r, fmt.Sprintf("/staff/callbacks?done=callback_claimed#cb-%d", cb.ID), http.StatusSeeOther)
	return nil
}

// callbackOutcome records a call. When the citizen was reached and the
// operator asks for it, the handoff closes too, as "callback done": it is
// claimed first if it was still waiting, and left open if another
// operator holds it.
func (c *Console) callbackOutcome(w http.ResponseWriter, r *http.Request) error {
	cb, err := c.callback(r)
	if err != nil {
		return err
	}
	ctx, login := r.Context(), user(r).Login
	outcome := r.PostFormValue("outcome")
	closed, err := c.cc().Desk.Record(ctx, cb.ID, login, outcome)
	if err != nil {
		return callbackError(err)
	}
	detail := outcome
	if closed {
		detail += ", closed"
	}
	c.record(ctx, r, "callback.outcome", fmt.Sprintf("callback:%d", cb.ID), detail)
	done := "callback_recorded"
	if closed {
		done = "callback_closed"
	}
	if outcome == cti.OutcomeDone && r.PostFormValue("close") == "1" {
		switch resolved, err := c.resolveAfterCallback(r, cb.Code, login); {
		case err != nil:
			return err
		case !resolved:
			done = "callback_ticket_open"
		}
	}
	http.Redirect(w, r, "/staff/callbacks?done="+done, http.StatusSeeOther)
	return nil
}

func (c *Console) resolveAfterCallback(r *http.Request, code, login string) (bool, error) {
	ctx := r.Context()
	tk, err := c.Chat.Store.Ticket(ctx, code)
	if errors.Is(err, chat.ErrNoTicket) {
		return false, nil // purged meanwhile: the callback stands alone
	}
	if err != nil {
		return false, err
	}
	if tk.State == chat.TicketWaiting {
		if _, err := c.Chat.Claim(ctx, code, login); errors.Is(err, chat.ErrStale) {
			return false, nil
		} else if err != nil {
			return false, err
		}
		c.record(ctx, r, "ticket.claimed", "ticket:"+code, "for a callback")
		tk.State, tk.ClaimedBy = chat.TicketClaimed, login
	}
	if tk.State != chat.TicketClaimed || tk.ClaimedBy != login {
		return false, nil
	}
	if err := c.Chat.Resolve(ctx, code, login, chat.OutcomeCallback); err != nil {
		return false, err
	}
	c.record(ctx, r, "ticket.resolved", "ticket:"+code, chat.OutcomeCallback)
	return true, nil
}

// offices are the teams with an e-mail address: the competent offices a
// handoff can be forwarded to.
func (c *Console) offices(r *http.Request) ([]staff.Team, error) {
	teams, err := c.Staff.Teams(r.Context())
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(teams, func(t staff.Team) bool { return strings.TrimSpace(t.Email) == "" }), nil
}

func (c *Console) emailForm(w http.ResponseWriter, r *http.Request) error {
	code, ok := chat.NormalizeCode(r.PathValue("code"))
	if !ok {
		return errNotFound
	}
	tk, err := c.Chat.Store.Ticket(r.Context(), code)
	if err != nil {
		return err
	}
	ui := c.lang(r)
	m := views.EmailForm{Frame: c.frame(r, c.tf(ui, "ConsoleEmailTitle", map[string]any{"Code": chat.FormatCode(code)})),
		Code: code, CodeDisplay: chat.FormatCode(code), Notice: c.contactNotice(ui, r.URL.Query().Get("done")),
		Configured: c.cc().Forwarder != nil, Mine: tk.State == chat.TicketClaimed && tk.ClaimedBy == user(r).Login, MaxNote: mail.MaxNote}
	offices, err := c.offices(r)
	if err != nil {
		return err
	}
	for _, t := range offices {
		m.Offices = append(m.Offices, views.Option{Value: t.ID, Text: t.Name + " <" + t.Email + ">", Selected: t.ID == tk.Team})
	}
	return render(w, r, http.StatusOK, views.EmailPage(m))
}

func (c *Console) emailSend(w http.ResponseWriter, r *http.Request) error {
	code, ok := chat.NormalizeCode(r.PathValue("code"))
	if !ok {
		return errNotFound
	}
	fw := c.cc().Forwarder
	if fw == nil {
		return &pageError{http.StatusNotFound, "ConsoleEmailOff", errors.New("no SMTP server configured")}
	}
	ctx, login := r.Context(), user(r).Login
	offices, err := c.offices(r)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(offices, func(t staff.Team) bool { return t.ID == r.PostFormValue("office") })
	if i < 0 {
		return &pageError{http.StatusBadRequest, "ConsoleErrNoTeam", fmt.Errorf("office %q has no e-mail address", r.PostFormValue("office"))}
	}
	office := offices[i]
	switch err := fw.Forward(ctx, code, login, office.Name, office.Email, r.PostFormValue("note")); {
	case errors.Is(err, mail.ErrInvalid):
		return &pageError{http.StatusBadRequest, "ConsoleErrMailInvalid", err}
	case errors.Is(err, chat.ErrNoTicket), errors.Is(err, chat.ErrNotYours), errors.Is(err, chat.ErrClosed):
		return err
	case err != nil:
		c.Log.Error("console: forwarding by e-mail", "ticket", code, "err", err.Error())
		return &pageError{http.StatusBadGateway, "ConsoleErrMail", err}
	}
	done := "emailed"
	if r.PostFormValue("resolve") == "1" {
		if err := c.Chat.Resolve(ctx, code, login, chat.OutcomeTransferred); err != nil {
			return err
		}
		c.record(ctx, r, "ticket.resolved", "ticket:"+code, chat.OutcomeTransferred+" by e-mail")
		done = "emailed_resolved"
	}
	http.Redirect(w, r, "/staff/t/"+code+"/email?done="+done, http.StatusSeeOther)
	return nil
}

func (c *Console) webhookStatus(w http.ResponseWriter, r *http.Request) error {
	ui := c.lang(r)
	m := views.WebhookStatus{Frame: c.frame(r, c.t(ui, "ConsoleWebhookTitle")), Notice: c.contactNotice(ui, r.URL.Query().Get("done"))}
	st := c.cc().Webhook
	if st == nil {
		return render(w, r, http.StatusOK, views.WebhookPage(m))
	}
	m.Configured = true
	ctx := r.Context()
	counts, err := st.Counts(ctx)
	if err != nil {
		return err
	}
	m.Pending, m.Delivered, m.Failed = counts[webhook.Pending], counts[webhook.Delivered], counts[webhook.Failed]
	for _, part := range []struct {
		state webhook.DeliveryState
		into  *[]views.WebhookItem
	}{{webhook.Failed, &m.FailedItems}, {webhook.Pending, &m.PendingItems}} {
		ds, err := st.Deliveries(ctx, part.state, 100)
		if err != nil {
			return err
		}
		for _, d := range ds {
			when := d.DoneAt
			if d.State == webhook.Pending {
				when = d.NextAt
			}
			last := ""
			if d.LastCode != 0 {
				last = strconv.Itoa(d.LastCode)
			}
			*part.into = append(*part.into, views.WebhookItem{ID: strconv.FormatInt(d.ID, 10), EventID: d.EventID, Type: d.Type, Code: d.Code,
				TicketURL: "/staff/t/" + d.Code, Attempts: strconv.Itoa(d.Attempts), LastCode: last, LastError: d.LastError,
				When: when.Local().Format("2006-01-02 15:04:05")})
		}
	}
	return render(w, r, http.StatusOK, views.WebhookPage(m))
}

func (c *Console) webhookRequeue(w http.ResponseWriter, r *http.Request) error {
	st := c.cc().Webhook
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if st == nil || err != nil {
		return errNotFound
	}
	switch err := st.Requeue(r.Context(), id, c.Now()); {
	case errors.Is(err, webhook.ErrNotFound):
		return errNotFound
	case errors.Is(err, webhook.ErrConflict):
		return &pageError{http.StatusConflict, "ConsoleErrStale", err}
	case err != nil:
		return err
	}
	c.record(r.Context(), r, "webhook.requeued", fmt.Sprintf("delivery:%d", id), "")
	http.Redirect(w, r, "/staff/webhook?done=requeued", http.StatusSeeOther)
	return nil
}
