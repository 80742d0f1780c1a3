package web

import (
	"bytes"
	"embed"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/i18n"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/web/views"
)

// The public chat pages. The empty page's form posts the first message
// to /{lang}/chat, which opens a stored conversation and redirects to its
// page, /{lang}/c/{id} (conversation.go). They work without JavaScript;
// static/sportello.js only sends the same forms with fetch and follows
// the conversation live.

//go:embed static
var static embed.FS

// nativeNames are the languages' names for themselves, for the picker.
var nativeNames = map[string]string{
	"it": "Italiano", "en": "English", "fr": "Français", "es": "Español", "de": "Deutsch",
	"ar": "العربية", "ro": "Română", "sq": "Shqip", "zh": "中文",
}

// resolve fills the defaults of the page dependencies.
func (s *Server) resolve() {
	if s.Engine == nil && s.Service != nil {
		s.Engine = s.Service.Engine
	}
	// State-changing requests must come from our own pages or from
	// programs (Sec-Fetch-Site / Origin): another site cannot make a
	// citizen's browser post a message or a rating.
	s.sameOrigin = http.NewCrossOriginProtection()
	s.sameOrigin.SetDenyHandler(s.handle(func(http.ResponseWriter, *http.Request) error { return errForbidden }))
	s.langs = slices.Clone(s.Languages)
	if len(s.langs) == 0 {
		s.langs = slices.Clone(kb.DefaultLanguages)
	}
	s.msgs = s.Messages
	if s.msgs == nil {
		cat, err := i18n.Load()
		if err != nil {
			// The embedded files are checked by i18n's tests; this is a
			// broken build, and the pages show message ids rather than die.
			s.logError("loading the messages", err)
			s.msgs = idMessages{}
		} else {
			s.msgs = cat
		}
	}
	s.css = nil
	if s.staticDir() != "" {
		s.css = append(s.css, "/static/bi/css/bootstrap-italia.min.css")
	}
	s.css = append(s.css, "/static/sportello.css")
}

// staticDir returns bootstrap-italia's folder, or "" when it is missing.
func (s *Server) staticDir() string {
	dir := s.StaticDir
	if dir == "" {
		dir = DefaultStaticDir
	}
	if _, err := os.Stat(filepath.Join(dir, "css", "bootstrap-italia.min.css")); err != nil {
		if s.Log != nil {
			s.Log.Warn("bootstrap-italia not found: the pages are served unstyled; run scripts/install-browser.sh or set the static dir",
				"dir", dir, "err", err)
		}
		return ""
	}
	return dir
}

// bootstrapItalia serves bootstrap-italia's files, without directory
// listings, or 404 when they are not installed.
func (s *Server) bootstrapItalia() http.Handler {
	dir := s.staticDir()
	if dir == "" {
		return http.NotFoundHandler()
	}
	fsrv := http.StripPrefix("/static/bi/", http.FileServer(http.Dir(dir)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		fsrv.ServeHTTP(w, r)
	})
}

func staticFiles() http.Handler {
	sub, _ := fs.Sub(static, "static")
	return http.StripPrefix("/static/", http.FileServerFS(sub))
}

// home shows the empty chat page: at / in the browser's preferred
// language, with the engine detecting the language of each message; at
// /{lang}/ in the language the citizen picked.
func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	lang, auto := r.PathValue("lang"), false
	if lang == "" {
		lang, auto = s.negotiate(r), true
	} else if !slices.Contains(s.langs, lang) {
		return kb.ErrNotFound
	}
	return s.render(w, r, http.StatusOK, s.chatModel(lang, auto))
}

// langRedirect sends /it to /it/.
func (s *Server) langRedirect(w http.ResponseWriter, r *http.Request) error {
	lang := r.PathValue("lang")
	if !slices.Contains(s.langs, lang) {
		return kb.ErrNotFound
	}
	http.Redirect(w, r, "/"+lang+"/", http.StatusMovedPermanently)
	return nil
}

// errorPage shows the chat page with the translated message for status:
// citizens never see an internal error.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int) {
	lang := s.pageLang(r)
	id := "ErrInternal"
	switch status {
	case http.StatusNotFound:
		id = "ErrNotFound"
	case http.StatusForbidden:
		id = "ErrForbidden"
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		id = "ErrInvalidText"
	case http.StatusRequestEntityTooLarge:
		id = "ErrTooLong"
	}
	s.errorMessagePage(w, r, status, s.msgs.Message(lang, id, map[string]any{"Max": chat.MaxMessageLen}))
}

// errorMessagePage shows the empty chat page with msg as its error.
func (s *Server) errorMessagePage(w http.ResponseWriter, r *http.Request, status int, msg string) {
	m := s.chatModel(s.pageLang(r), false)
	m.Error = msg
	if err := s.render(w, r, status, m); err != nil {
		s.logError("rendering the error page", err)
		http.Error(w, http.StatusText(status), status)
	}
}

// pageLang is the language of the page at r: the one in its path, or the
// browser's preferred one.
func (s *Server) pageLang(r *http.Request) string {
	if lang := r.PathValue("lang"); s.configured(lang) {
		return lang
	}
	return s.negotiate(r)
}

// render writes the page with the status, rendering it fully first so a
// failure still becomes a clean 500.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, m views.Chat) error {
	var buf bytes.Buffer
	if err := views.ChatPage(m).Render(r.Context(), &buf); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Language", m.Page.Lang)
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// chatModel is the empty chat page in lang, its form starting a new
// conversation.
func (s *Server) chatModel(lang string, auto bool) views.Chat {
	t := func(id string) string { return s.msgs.Message(lang, id, nil) }
	m := views.Chat{
		Page:   s.pageMeta(lang, t("PageTitle"), func(l string) string { return "/" + l + "/" }),
		Action: "/" + lang + "/chat", MaxLen: chat.MaxMessageLen, Auto: auto,
		Key: chat.NewID(), Open: true,
		T: views.Strings{
			Title: t("PageTitle"), Intro: t("PageIntro"), Conversation: t("ConversationLabel"),
			Message: t("MessageLabel"), MessageHint: t("MessageHint"), Send: t("SendButton"),
			You: t("YouLabel"), Assistant: t("AssistantLabel"), Choices: t("ChoicesLabel"),
			Source: t("SourceLabel"), EmergencyCall: t("EmergencyCall"),
			NewConversation: t("NewConversation"), Operator: t("OperatorLabel"),
			ReplyLanguage: t("ReplyLanguageLabel"), FeedbackPrompt: t("FeedbackPrompt"),
			RatePositive: t("RatePositive"), RateNeutral: t("RateNeutral"), RateNegative: t("RateNegative"),
			FeedbackThanks: t("FeedbackThanks"), ReferenceCode: t("ReferenceCodeLabel"),
			MachineTranslated: t("MachineTranslated"), ErrNetwork: t("ErrNetwork"),
		},
	}
	m.Page.Scripts = []string{"/static/sportello.js"}
	return m
}

// pageMeta is the frame of any public page in lang: title, stylesheets,
// and a language picker whose links come from langURL, which gives this
// page's address in another language (e.g. /ar/faq/cie-rinnovo for
// /it/faq/cie-rinnovo).
func (s *Server) pageMeta(lang, title string, langURL func(lang string) string) views.PageMeta {
	t := func(id string) string { return s.msgs.Message(lang, id, nil) }
	p := views.PageMeta{
		Lang: lang, Dir: i18n.Dir(lang), Title: title, Stylesheets: s.css,
		T: views.FrameStrings{
			Brand: t("AssistantLabel"), SkipToMain: t("SkipToChat"),
			LanguagePicker: t("LanguagePickerLabel"),
			EmergencyNote:  t("EmergencyNote"), EmergencyCall: t("EmergencyCall"),
		},
	}
	for _, l := range s.langs {
		name := nativeNames[l]
		if name == "" {
			name = l
		}
		p.Languages = append(p.Languages, views.Language{
			Code: l, Name: name, Dir: i18n.Dir(l), URL: langURL(l), Current: l == lang,
		})
	}
	return p
}

// negotiate picks the page language from Accept-Language.
func (s *Server) negotiate(r *http.Request) string {
	tags := make([]language.Tag, len(s.langs))
	for i, l := range s.langs {
		tags[i] = language.Make(l)
	}
	prefs, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if err != nil || len(prefs) == 0 {
		return s.langs[0]
	}
	_, i, conf := language.NewMatcher(tags).Match(prefs...)
	if conf == language.No {
		return s.langs[0]
	}
	return s.langs[i]
}

// printable makes text safe to put back in the form: valid UTF-8, no NUL.
func printable(text string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(text, "\uFFFD"), "\x00", "\uFFFD")
}

// configured reports whether lang is one of the pages' languages.
func (s *Server) configured(lang string) bool {
	return lang != "" && slices.Contains(s.langs, lang)
}

func (s *Server) logError(msg string, err error) {
	if s.Log != nil {
		s.Log.Error(msg, "err", err)
	}
}

// idMessages shows message ids when the catalog cannot load.
type idMessages struct{}

func (idMessages) Message(_, id string, _ map[string]any) string { return id }
