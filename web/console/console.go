// Package console is the staff side of Sportello's web front: sign-in,
// and the operator console where handoffs arrive live, are claimed,
// answered, transferred and resolved. Every page needs a signed-in staff
// member with the right role; every state-changing request must come from
// Sportello's own pages.
package console

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/a-h/templ"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/web/console/views"
	"github.com/sportello/sportello/web/staff"
)

// Messages translates message ids; *i18n.Catalog implements it.
type Messages interface {
	Message(lang, id string, data map[string]any) string
}

// Broker carries "this conversation changed" signals; web.LocalBroker
// implements it. The console also subscribes to QueueTopic, which the
// wiring publishes on every change.
type Broker interface {
	Subscribe(id string) (<-chan struct{}, func())
}

// QueueTopic is the broker topic published whenever any conversation
// changes, for the live queue.
const QueueTopic = "*queue"

// Console holds the staff pages' dependencies.
type Console struct {
	Auth  *staff.Auth
	Staff staff.Store
	Chat  *chat.Service
	// KB is where "turn into a FAQ draft" saves drafts.
	KB kb.Store
	// Messages are the console's words (i18n.LoadConsole); Public the
	// citizens' (for canned replies in the citizen's language).
	Messages Messages
	Public   Messages
	Broker   Broker
	Log      *slog.Logger
	// Languages are the citizens' languages, for the queue filter.
	Languages []string
	// InsecureCookies drops the Secure flag of the session cookie, for
	// plain-HTTP development on another host than localhost.
	InsecureCookies bool
	// Stylesheets are linked from every page (bootstrap-italia, ours).
	Stylesheets []string
	// Now is the clock, for wait times.
	Now func() time.Time
	// LLM, when set, drafts missing translations for the editors, and
	// makes the operators' view bilingual: citizens' messages with an
	// Italian translation, replies translated before sending.
	LLM *chat.LLM
	// SMS, when set, measures replies on the SMS channel: the reply box
	// counts segments, and a reply over the cap is refused.
	SMS SMSMeter
	// AllowSelfReview lets an editor publish an entry they wrote; by
	// default publishing needs a second person.
	AllowSelfReview bool
	// ContactCenter, when set, adds the callback queue, forwarding by
	// e-mail and the webhook's status (callbacks.go).
	ContactCenter *ContactCenter

	pending pendingImports
	mt      mtFailures
}

// CookieName is the staff session cookie.
const CookieName = "sportello_staff"

//go:embed static/*
var static embed.FS

type ctxKey struct{}

// user returns the signed-in staff member of a request that passed
// requireRole.
func user(r *http.Request) *staff.User {
	u, _ := r.Context().Value(ctxKey{}).(*staff.User)
	return u
}

// Handler returns the console's routes, all under /staff/.
func (c *Console) Handler() http.Handler {
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	mux := http.NewServeMux()
	ops := []staff.Role{staff.RoleOperator}
	mux.Handle("GET /staff/static/", http.StripPrefix("/staff/", http.FileServerFS(static)))
	mux.Handle("GET /staff/login", c.handle(c.loginPage))
	mux.Handle("POST /staff/login", c.handle(c.login))
	mux.Handle("POST /staff/logout", c.handle(c.logout))
	mux.Handle("GET /staff/{$}", c.requireRole(nil, c.home))
	mux.Handle("GET /staff/queue", c.requireRole(ops, c.queue))
	mux.Handle("GET /staff/queue/events", c.requireRole(ops, c.queueEvents))
	mux.Handle("GET /staff/t/{code}", c.requireRole(ops, c.ticket))
	mux.Handle("GET /staff/t/{code}/events", c.requireRole(ops, c.ticketEvents))
	mux.Handle("POST /staff/t/{code}/claim", c.requireRole(ops, c.claim))
	mux.Handle("POST /staff/t/{code}/reply", c.requireRole(ops, c.reply))
	mux.Handle("POST /staff/t/{code}/transfer", c.requireRole(ops, c.transfer))
	mux.Handle("POST /staff/t/{code}/resolve", c.requireRole(ops, c.resolve))
	mux.Handle("POST /staff/t/{code}/draft", c.requireRole(ops, c.draft))
	mux.Handle("GET /staff/audit", c.requireRole([]staff.Role{staff.RoleAdmin}, c.audit))
	c.operatorRoutes(mux)
	c.editorRoutes(mux)
	c.contactCenterRoutes(mux)
	// Every state-changing request must come from our own pages.
	sameOrigin := http.NewCrossOriginProtection()
	sameOrigin.SetDenyHandler(c.handle(func(http.ResponseWriter, *http.Request) error { return errCrossOrigin }))
	return securityHeaders(sameOrigin.Handler(mux))
}

// securityHeaders: the consoles are never framed, run only their own
// scripts and styles, and send no referrer outside.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; "+
			"connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "same-origin")
		h.ServeHTTP(w, r)
	})
}

var (
	errCrossOrigin = errors.New("cross-origin request refused")
	errNotFound    = errors.New("not found")
)

// pageError is an error the console shows to staff with a status code.
type pageError struct {
	status int
	msgID  string
	err    error
}

func (e *pageError) Error() string { return e.err.Error() }

func (c *Console) handle(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := int64(64 << 10)
		if r.URL.Path == "/staff/kb/import" || r.URL.Path == "/staff/kb/evals" {
			limit = MaxImportBytes + 1<<20
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		var err error
		if r.Method == http.MethodPost {
			var mbe *http.MaxBytesError
			if err = r.ParseForm(); err != nil && !errors.As(err, &mbe) {
				err = &pageError{http.StatusBadRequest, "ConsoleErrBadRequest", err}
			}
		}
		if err == nil {
			err = h(w, r)
		}
		if err == nil {
			return
		}
		status, msgID := http.StatusInternalServerError, "ConsoleErrInternal"
		var pe *pageError
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &pe):
			status, msgID = pe.status, pe.msgID
		case errors.Is(err, errCrossOrigin):
			status, msgID = http.StatusForbidden, "ConsoleErrCrossOrigin"
		case errors.Is(err, errNotFound), errors.Is(err, chat.ErrNoTicket), errors.Is(err, chat.ErrNoConversation):
			status, msgID = http.StatusNotFound, "ConsoleErrNotFound"
		case errors.Is(err, staff.ErrForbidden):
			status, msgID = http.StatusForbidden, "ConsoleErrForbidden"
		case errors.Is(err, chat.ErrStale), errors.Is(err, chat.ErrNotYours):
			status, msgID = http.StatusConflict, "ConsoleErrStale"
		case errors.Is(err, chat.ErrClosed):
			status, msgID = http.StatusConflict, "ConsoleErrClosed"
		case errors.Is(err, chat.ErrBadReply), errors.As(err, &mbe):
			status, msgID = http.StatusRequestEntityTooLarge, "ConsoleErrBadReply"
			if !errors.As(err, &mbe) {
				status = http.StatusBadRequest
			}
		case errors.Is(err, chat.ErrBadOutcome), errors.Is(err, staff.ErrInvalid):
			status, msgID = http.StatusBadRequest, "ConsoleErrBadRequest"
		}
		if status == http.StatusInternalServerError {
			c.Log.Error("console", "path", r.URL.Path, "err", err.Error())
		}
		lang := c.lang(r)
		m := views.ErrorPage{Frame: c.frame(r, c.t(lang, "ConsoleErrTitle")), Message: c.t(lang, msgID)}
		w.WriteHeader(status)
		views.Error(m).Render(r.Context(), w)
	})
}

// requireRole lets through a signed-in user holding one of roles (any
// role when roles is nil); others go to the sign-in page, or get 403.
func (c *Console) requireRole(roles []staff.Role, h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return c.handle(func(w http.ResponseWriter, r *http.Request) error {
		ck, err := r.Cookie(CookieName)
		var u *staff.User
		if err == nil {
			u, err = c.Auth.Authenticate(r.Context(), ck.Value)
		}
		if err != nil {
			if !errors.Is(err, staff.ErrNoSession) && !errors.Is(err, http.ErrNoCookie) {
				return err
			}
			if r.Method == http.MethodGet && !strings.HasSuffix(r.URL.Path, "/events") {
				http.Redirect(w, r, "/staff/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return nil
			}
			return &pageError{http.StatusUnauthorized, "ConsoleErrSignIn", err}
		}
		if roles != nil && !u.Can(roles...) {
			return fmt.Errorf("%s needs %v: %w", r.URL.Path, roles, staff.ErrForbidden)
		}
		return h(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, u)))
	})
}

// lang is the console's language: Italian unless the browser prefers
// English.
func (c *Console) lang(r *http.Request) string {
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		switch {
		case strings.HasPrefix(tag, "it"):
			return "it"
		case strings.HasPrefix(tag, "en"):
			return "en"
		}
	}
	return "it"
}

func (c *Console) t(lang, id string) string { return c.Messages.Message(lang, id, nil) }

func (c *Console) tf(lang, id string, data map[string]any) string {
	return c.Messages.Message(lang, id, data)
}

// frame is what every console page shares.
func (c *Console) frame(r *http.Request, title string) views.Frame {
	lang := c.lang(r)
	f := views.Frame{Lang: lang, Title: title, Stylesheets: c.Stylesheets, Scripts: []string{"/staff/static/console.js"},
		T: func(id string) string { return c.t(lang, id) }}
	if u := user(r); u != nil {
		f.User, f.Role = u.Login, string(u.Role)
		if u.Can(staff.RoleOperator) {
			f.Nav = append(f.Nav, views.Link{URL: "/staff/queue", Text: c.t(lang, "ConsoleNavQueue")})
		}
		if u.Can(staff.RoleEditor) {
			for _, l := range [][2]string{{"/staff/kb", "EditorNavEntries"}, {"/staff/kb/coverage", "EditorNavCoverage"},
				{"/staff/kb/missed", "EditorNavMissed"}, {"/staff/kb/preview", "EditorNavPreview"}, {"/staff/kb/import", "EditorNavImport"},
				{"/staff/kb/told", "EditorNavTold"}, {"/staff/kb/evals", "EditorNavEvals"}} {
				f.Nav = append(f.Nav, views.Link{URL: l[0], Text: c.t(lang, l[1])})
			}
		}
		if u.Can(staff.RoleAdmin) {
			f.Nav = append(f.Nav, views.Link{URL: "/staff/audit", Text: c.t(lang, "ConsoleNavAudit")})
		}
		c.contactCenterNav(&f, u, lang)
	}
	return f
}

func render(w http.ResponseWriter, r *http.Request, status int, comp templ.Component) error {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	return comp.Render(r.Context(), w)
}

func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (c *Console) audit(w http.ResponseWriter, r *http.Request) error {
	es, err := c.Staff.AuditLog(r.Context(), 200)
	if err != nil {
		return err
	}
	m := views.Audit{Frame: c.frame(r, c.t(c.lang(r), "ConsoleAuditTitle"))}
	for _, e := range es {
		m.Events = append(m.Events, views.AuditEvent{At: e.At.Local().Format("2006-01-02 15:04:05"), Actor: e.Actor, Action: e.Action, Target: e.Target, Detail: e.Detail})
	}
	return render(w, r, http.StatusOK, views.AuditPage(m))
}

func (c *Console) record(ctx context.Context, r *http.Request, action, target, detail string) {
	actor := ""
	if u := user(r); u != nil {
		actor = u.Login
	}
	if err := c.Staff.Audit(ctx, &staff.AuditEvent{Actor: actor, Action: action, Target: target, Detail: detail}); err != nil {
		c.Log.Error("audit", "action", action, "err", err.Error())
	}
}
