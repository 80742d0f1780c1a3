package console

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/sportello/sportello/web/console/views"
	"github.com/sportello/sportello/web/staff"
)

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// safeNext keeps a post-sign-in redirect inside the console.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/staff/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/staff/"
	}
	return next
}

func (c *Console) loginPage(w http.ResponseWriter, r *http.Request) error {
	return c.renderLogin(w, r, http.StatusOK, "", "")
}

func (c *Console) renderLogin(w http.ResponseWriter, r *http.Request, status int, login, msgID string) error {
	lang := c.lang(r)
	m := views.Login{Frame: c.frame(r, c.t(lang, "ConsoleLoginTitle")), Login: login, Next: safeNext(r.FormValue("next"))}
	if msgID != "" {
		m.Error = c.t(lang, msgID)
	}
	return render(w, r, status, views.LoginPage(m))
}

func (c *Console) login(w http.ResponseWriter, r *http.Request) error {
	login, password := r.PostFormValue("login"), r.PostFormValue("password")
	token, u, err := c.Auth.Login(r.Context(), login, password, clientAddr(r))
	switch {
	case errors.Is(err, staff.ErrBadLogin):
		return c.renderLogin(w, r, http.StatusUnauthorized, login, "ConsoleErrBadLogin")
	case errors.Is(err, staff.ErrThrottled):
		w.Header().Set("Retry-After", "900")
		return c.renderLogin(w, r, http.StatusTooManyRequests, login, "ConsoleErrThrottled")
	case err != nil:
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: token, Path: "/staff/", HttpOnly: true,
		Secure: !c.InsecureCookies, SameSite: http.SameSiteStrictMode, MaxAge: int(c.sessionTTL().Seconds())})
	c.Log.Info("staff sign-in", "user", u.Login, "role", string(u.Role))
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
	return nil
}

func (c *Console) sessionTTL() time.Duration {
	if c.Auth.SessionTTL > 0 {
		return c.Auth.SessionTTL
	}
	return 8 * time.Hour
}

func (c *Console) logout(w http.ResponseWriter, r *http.Request) error {
	if ck, err := r.Cookie(CookieName); err == nil {
		if u, err := c.Auth.Authenticate(r.Context(), ck.Value); err == nil {
			c.Staff.Audit(r.Context(), &staff.AuditEvent{Actor: u.Login, Action: "logout", Target: "user:" + u.Login})
		}
		if err := c.Auth.Logout(r.Context(), ck.Value); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: "", Path: "/staff/", HttpOnly: true, Secure: !c.InsecureCookies,
		SameSite: http.SameSiteStrictMode, MaxAge: -1})
	http.Redirect(w, r, "/staff/login", http.StatusSeeOther)
	return nil
}

func (c *Console) home(w http.ResponseWriter, r *http.Request) error {
	u := user(r)
	switch {
	case u.Can(staff.RoleOperator):
		http.Redirect(w, r, "/staff/queue", http.StatusSeeOther)
	case u.Can(staff.RoleEditor):
		http.Redirect(w, r, "/staff/kb", http.StatusSeeOther)
	default:
		// Editors' pages come with the editor console.
		return render(w, r, http.StatusOK, views.Home(views.HomeModel{Frame: c.frame(r, c.t(c.lang(r), "ConsoleHomeTitle"))}))
	}
	return nil
}
