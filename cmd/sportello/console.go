package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/i18n"
	"github.com/sportello/sportello/web"
	"github.com/sportello/sportello/web/console"
	"github.com/sportello/sportello/web/staff"
)

// newConsole builds the staff consoles (operators and editors) on the
// app's stores, signalled by broker.
func newConsole(ctx context.Context, app *App, svc *chat.Service, broker *web.LocalBroker, log *slog.Logger) (*console.Console, error) {
	ss, err := openStaff(ctx, app.Store)
	if err != nil {
		return nil, err
	}
	msgs, err := i18n.LoadConsole()
	if err != nil {
		return nil, err
	}
	insecure := os.Getenv("SPORTELLO_INSECURE_COOKIES") == "1"
	if v := os.Getenv("SPORTELLO_INSECURE_COOKIES"); v != "" && v != "0" && v != "1" {
		return nil, fmt.Errorf("configuration: SPORTELLO_INSECURE_COOKIES=%q: use 1 (plain-HTTP development on another host than localhost) or 0", v)
	}
	return &console.Console{
		Auth: &staff.Auth{Store: ss}, Staff: ss, Chat: svc, KB: app.Store,
		Messages: msgs, Public: app.Engine.Messages, Broker: broker, Log: log,
		Languages: app.Config.Languages, InsecureCookies: insecure, LLM: app.LLM,
		AllowSelfReview: os.Getenv("SPORTELLO_ALLOW_SELF_REVIEW") == "1",
		Stylesheets:     []string{"/static/bi/css/bootstrap-italia.min.css", "/static/sportello.css", "/staff/static/console.css"},
	}, nil
}

// mountConsole sends /staff/ to the consoles and everything else to next.
func mountConsole(next http.Handler, c *console.Console) http.Handler {
	h := c.Handler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/staff/") || r.URL.Path == "/staff" {
			if r.URL.Path == "/staff" {
				http.Redirect(w, r, "/staff/", http.StatusMovedPermanently)
				return
			}
			h.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// queueAware publishes every conversation change on the consoles' queue
// topic too, so the operators' queue updates live.
func queueAware(b *web.LocalBroker) func(id string) {
	return func(id string) {
		b.Publish(id)
		b.Publish(console.QueueTopic)
	}
}
