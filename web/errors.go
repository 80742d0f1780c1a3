package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb"
)

// Errors reach people in one of two forms: a page in their language, or a
// JSON body {"code", "error", "lang"} whose message is translated too.
// describe is the one table from errors to statuses and messages; only
// 5xx are logged as errors.

// errForbidden is a state-changing request from another site.
var errForbidden = errors.New("web: cross-origin request refused")

// errUnsupportedType is an API body that is not JSON.
var errUnsupportedType = errors.New("web: the body must be application/json")

// errNoService is a conversation route on a server built without a
// conversation service (Server.Service).
var errNoService = errors.New("web: no conversation service configured")

// needService refuses conversation routes when the server has no
// conversation service, rather than failing on a nil one.
func (s *Server) needService(h func(http.ResponseWriter, *http.Request) error) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		if s.Service == nil {
			return errNoService
		}
		return h(w, r)
	}
}

// requestError is bad input with a detail for developers, shown inside a
// translated sentence.
type requestError struct{ detail string }

func (e *requestError) Error() string { return "web: bad request: " + e.detail }

func badRequest(format string, args ...any) error {
	return &requestError{detail: fmt.Sprintf(format, args...)}
}

// langError carries the language the error should be told in, when the
// handler knows it better than the request does (the conversation's).
type langError struct {
	lang string
	err  error
}

func (e *langError) Error() string { return e.err.Error() }
func (e *langError) Unwrap() error { return e.err }

func inLang(err error, lang string) error {
	if err == nil || lang == "" {
		return err
	}
	return &langError{lang: lang, err: err}
}

// apiError is the body of an API error.
type apiError struct {
	// Code is stable, for programs; Error is for people, in Lang.
	Code  string `json:"code"`
	Error string `json:"error"`
	Lang  string `json:"lang"`
}

// describe maps err to its status and its message in lang.
func (s *Server) describe(err error, lang string) (int, apiError) {
	var le *langError
	if errors.As(err, &le) {
		lang = le.lang
	}
	t := func(id string, data map[string]any) string { return s.msgs.Message(lang, id, data) }
	maxLen := map[string]any{"Max": chat.MaxMessageLen}
	body := func(code, msg string) apiError { return apiError{Code: code, Error: msg, Lang: lang} }
	var ie *chat.InputError
	var mbe *http.MaxBytesError
	var re *requestError
	switch {
	case errors.As(err, &ie):
		b := apiError{Code: "invalid_text", Error: ie.Text, Lang: ie.Lang}
		if errors.Is(err, chat.ErrTooLong) {
			b.Code = "too_long"
			return http.StatusRequestEntityTooLarge, b
		}
		if errors.Is(err, chat.ErrEmpty) {
			b.Code = "empty"
		}
		return http.StatusBadRequest, b
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge, body("too_large", t("ErrTooLong", maxLen))
	case errors.As(err, &re):
		return http.StatusBadRequest, body("bad_request", t("ErrBadRequest", map[string]any{"Detail": re.detail}))
	case errors.Is(err, errUnsupportedType):
		return http.StatusUnsupportedMediaType, body("unsupported_media_type", t("ErrUnsupportedType", nil))
	case errors.Is(err, chat.ErrNoConversation):
		return http.StatusNotFound, body("no_conversation", t("ErrNoConversation", nil))
	case errors.Is(err, chat.ErrNoTurn):
		return http.StatusNotFound, body("no_message", t("ErrNoTurn", nil))
	case errors.Is(err, chat.ErrClosed):
		return http.StatusConflict, body("closed", t("ErrClosed", nil))
	case errors.Is(err, chat.ErrNotRatable):
		return http.StatusConflict, body("not_ratable", t("ErrNotRatable", nil))
	case errors.Is(err, errNoService):
		return http.StatusServiceUnavailable, body("unavailable", t("ErrInternal", nil))
	case errors.Is(err, errForbidden):
		return http.StatusForbidden, body("forbidden", t("ErrForbidden", nil))
	case errors.Is(err, kb.ErrNotFound):
		return http.StatusNotFound, body("not_found", t("ErrNotFound", nil))
	case errors.Is(err, kb.ErrInvalid):
		return http.StatusBadRequest, body("bad_request", t("ErrBadRequest", map[string]any{"Detail": err.Error()}))
	case errors.Is(err, kb.ErrConflict):
		return http.StatusConflict, body("conflict", t("ErrBadRequest", map[string]any{"Detail": err.Error()}))
	}
	return http.StatusInternalServerError, body("internal", t("ErrInternal", nil))
}

// handle adapts a handler returning an error, rendering errors in one place.
func (s *Server) handle(h func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		lang := r.PathValue("lang")
		if !s.configured(lang) {
			lang = s.negotiate(r)
		}
		status, body := s.describe(err, lang)
		if status >= 500 && s.Log != nil {
			s.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		}
		// The API and the scripts speak JSON; everything else is a page a
		// citizen reads.
		if strings.HasPrefix(r.URL.Path, "/api/") || r.URL.Path == "/readyz" || wantsJSON(r) {
			writeJSON(w, status, body)
			return
		}
		s.errorMessagePage(w, r, status, body.Error)
	})
}

// wantsJSON reports whether the page's script sent the request: it asks
// for JSON, while a plain form post accepts HTML.
func wantsJSON(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("Accept"), "application/json")
}
