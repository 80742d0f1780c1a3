package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/a-h/templ"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/i18n"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/web/views"
)

// A conversation's page is /{lang}/c/{id}: the whole transcript, read
// from the store, in the page language lang (each reply keeps its own
// language). The id is the only key to it: 128 random bits, never listed.
// Posts redirect back to the page (303), so reloading never posts twice;
// the page's script asks for JSON instead and gets the new turns
// rendered.

// conversationPath returns the page language and the conversation of a
// /{lang}/c/{id} request, refusing unknown languages and malformed ids
// before any query.
func (s *Server) conversationPath(r *http.Request) (string, string, error) {
	lang, id := r.PathValue("lang"), r.PathValue("id")
	if !s.configured(lang) {
		return "", "", errNoPage
	}
	if !chat.ValidID(id) {
		return "", "", inLang(chat.ErrNoConversation, lang)
	}
	return lang, id, nil
}

// errNoPage is a path that names no page.
var errNoPage = fmt.Errorf("web: no such page: %w", kb.ErrNotFound)

// pageConversation loads the conversation of a /{lang}/c/{id} request.
func (s *Server) pageConversation(r *http.Request) (string, *chat.Conversation, error) {
	lang, id, err := s.conversationPath(r)
	if err != nil {
		return "", nil, err
	}
	c, err := s.Service.Store.Conversation(r.Context(), id)
	if err != nil {
		return "", nil, inLang(err, lang)
	}
	return lang, c, nil
}

// startChat opens a conversation with the citizen's first message.
func (s *Server) startChat(w http.ResponseWriter, r *http.Request) error {
	lang := r.PathValue("lang")
	if !s.configured(lang) {
		return errNoPage
	}
	form, err := s.parseForm(w, r)
	auto := form.Get("auto") == "1"
	if err != nil {
		return s.formError(w, r, err, func() views.Chat { return s.chatModel(lang, auto) })
	}
	text := form.Get("text")
	// Refuse unreadable text before anything is stored: no empty
	// conversation is left behind.
	if err := s.Service.Engine.CheckInput(text, lang); err != nil {
		return s.formError(w, r, err, func() views.Chat {
			m := s.chatModel(lang, auto)
			m.Draft = printable(text)
			return m
		})
	}
	c := &chat.Conversation{Channel: chat.ChannelWeb, Agency: s.Service.Engine.Agency}
	if !auto {
		// The citizen opened the page of a language: that is a choice.
		c.Lang, c.LangChosen = lang, true
	}
	if err := s.Service.Start(r.Context(), c); err != nil {
		return err
	}
	return s.post(w, r, lang, c.ID, chat.Message{Text: text, Key: form.Get("key")})
}

// postMessage adds the citizen's message to a conversation.
func (s *Server) postMessage(w http.ResponseWriter, r *http.Request) error {
	lang, c, err := s.pageConversation(r)
	if err != nil {
		return err
	}
	id := c.ID
	form, err := s.parseForm(w, r)
	if err != nil {
		return s.formError(w, r, err, func() views.Chat { return s.conversationModel(r.Context(), lang, c, 0) })
	}
	m := chat.Message{Text: form.Get("text"), Key: form.Get("key")}
	if l := form.Get("lang"); l != "" {
		if !s.configured(l) {
			return inLang(badRequest("lang %q is not one of the configured languages", l), lang)
		}
		// The language select shows the page's language. Only a language
		// other than the conversation's is the citizen's explicit choice;
		// the same one leaves detection free to follow a switch.
		if l != c.Lang {
			m.Lang = l
		}
	}
	return s.post(w, r, lang, id, m)
}

// post runs the message through the conversation service and answers
// with the conversation's page (redirect) or, for the script, the new
// turns.
func (s *Server) post(w http.ResponseWriter, r *http.Request, lang, id string, m chat.Message) error {
	if m.Key != "" && !validKey(m.Key) {
		return inLang(badRequest("key must be 1 to 64 letters, digits, '-' or '_'"), lang)
	}
	ctx, cancel := withoutCancel(r.Context())
	defer cancel()
	out, err := s.Service.Post(ctx, id, m)
	if err != nil {
		return s.formError(w, r, inLang(err, lang), func() views.Chat {
			c, cerr := s.Service.Store.Conversation(ctx, id)
			if cerr != nil {
				return s.chatModel(lang, false)
			}
			mod := s.conversationModel(ctx, lang, c, 0)
			mod.Draft = printable(m.Text)
			return mod
		})
	}
	if err := s.reload(ctx, out); err != nil {
		return err
	}
	c := out.Conversation
	// The page follows the conversation's language: a citizen who wrote
	// in Arabic on the Italian page is answered, and shown, in Arabic.
	pageLang := lang
	if s.configured(c.Lang) {
		pageLang = c.Lang
	}
	page := "/" + pageLang + "/c/" + c.ID
	if !wantsJSON(r) {
		http.Redirect(w, r, page+"#"+turnAnchor(c.LastSeq), http.StatusSeeOther)
		return nil
	}
	turns, err := s.Service.Store.Turns(ctx, c.ID, out.Citizen.Seq-1)
	if err != nil {
		return err
	}
	mod := s.conversationModel(ctx, pageLang, c, 0)
	resp := pagePostResponse{ID: c.ID, URL: page, Lang: pageLang, State: string(c.State)}
	for _, t := range turns {
		html, err := renderString(ctx, views.ChatTurn(mod, s.messageModel(t, 0)))
		if err != nil {
			return err
		}
		resp.Turns = append(resp.Turns, pageTurn{Seq: t.Seq, HTML: html})
	}
	if resp.Status, err = renderString(ctx, views.ChatStatus(mod)); err != nil {
		return err
	}
	status := http.StatusCreated
	if out.Duplicate {
		status = http.StatusOK
	}
	writeJSON(w, status, resp)
	return nil
}

// pagePostResponse is what the page's script gets for a message: the
// conversation's page and the turns from the citizen's message on,
// rendered.
type pagePostResponse struct {
	ID     string     `json:"id"`
	URL    string     `json:"url"`
	Lang   string     `json:"lang"`
	State  string     `json:"state"`
	Turns  []pageTurn `json:"turns"`
	Status string     `json:"status_html"`
}

type pageTurn struct {
	Seq  int64  `json:"seq"`
	HTML string `json:"html"`
}

// conversationPage shows a conversation's transcript.
func (s *Server) conversationPage(w http.ResponseWriter, r *http.Request) error {
	lang, c, err := s.pageConversation(r)
	if err != nil {
		return err
	}
	rated, _ := strconv.ParseInt(r.URL.Query().Get("rated"), 10, 64)
	return s.render(w, r, http.StatusOK, s.conversationModel(r.Context(), lang, c, rated))
}

// rate stores the three-face rating of one answer.
func (s *Server) rate(w http.ResponseWriter, r *http.Request) error {
	lang, id, err := s.conversationPath(r)
	if err != nil {
		return err
	}
	form, err := s.parseForm(w, r)
	if err != nil {
		return inLang(err, lang)
	}
	seq, err := strconv.ParseInt(form.Get("seq"), 10, 64)
	if err != nil || seq < 1 {
		return inLang(badRequest("seq must be the number of an answer"), lang)
	}
	rating, ok := parseRating(form.Get("rating"))
	if !ok {
		return inLang(badRequest("rating must be positive, neutral or negative"), lang)
	}
	if err := s.Service.Store.Rate(r.Context(), &chat.Feedback{ConversationID: id, Seq: seq, Rating: rating}); err != nil {
		return inLang(err, lang)
	}
	thanks := s.msgs.Message(lang, "FeedbackThanks", nil)
	if wantsJSON(r) {
		writeJSON(w, http.StatusOK, map[string]any{"seq": seq, "rating": form.Get("rating"), "message": thanks})
		return nil
	}
	http.Redirect(w, r, "/"+lang+"/c/"+id+"?rated="+strconv.FormatInt(seq, 10)+"#"+turnAnchor(seq), http.StatusSeeOther)
	return nil
}

// pageEvents streams a conversation's new turns, rendered for its page.
func (s *Server) pageEvents(w http.ResponseWriter, r *http.Request) error {
	lang, id, err := s.conversationPath(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	return inLang(s.stream(w, r, id, streamSink{
		turn: func(e *sseWriter, c *chat.Conversation, t chat.Turn) error {
			html, err := renderString(ctx, views.ChatTurn(s.conversationModel(ctx, lang, c, -1), s.messageModel(t, 0)))
			if err != nil {
				return err
			}
			return e.event("turn", t.Seq, pageTurn{Seq: t.Seq, HTML: html})
		},
		state: func(e *sseWriter, c *chat.Conversation) error {
			html, err := renderString(ctx, views.ChatStatus(s.conversationModel(ctx, lang, c, 0)))
			if err != nil {
				return err
			}
			return e.event("state", 0, map[string]string{"state": string(c.State), "html": html})
		},
	}), lang)
}

// conversationModel is conversation c's page in lang, with the answer at
// seq rated showing the thanks. rated < 0 leaves the transcript out (the
// stream renders turns one by one).
func (s *Server) conversationModel(ctx context.Context, lang string, c *chat.Conversation, rated int64) views.Chat {
	m := s.chatModel(lang, false)
	base := "/" + lang + "/c/" + c.ID
	m.Page = s.pageMeta(lang, m.T.Title, func(l string) string { return "/" + l + "/c/" + c.ID })
	m.Page.Scripts = []string{"/static/sportello.js"}
	m.Action, m.RateAction, m.Events = base, base+"/rate", base+"/events"
	m.ConversationID, m.LastSeq = c.ID, c.LastSeq
	m.Open = c.State == chat.StateBot
	m.Closed = c.State == chat.StateClosed
	m = s.withTurns(ctx, m, c, rated)
	if c.State == chat.StateBot || rated < 0 {
		return m
	}
	m.Status = views.Status{State: string(c.State)}
	switch c.State {
	case chat.StateWaiting:
		m.Status.Text = s.msgs.Message(lang, "StateWaiting", nil)
		m.Status.Code = handoffCode(m.Messages)
	case chat.StateOperator:
		m.Status.Text = s.msgs.Message(lang, "StateOperator", nil)
	case chat.StateClosed:
		m.Status.Text = s.msgs.Message(lang, "StateClosed", nil)
	}
	return m
}

// withTurns adds the transcript to m unless rated < 0.
func (s *Server) withTurns(ctx context.Context, m views.Chat, c *chat.Conversation, rated int64) views.Chat {
	if rated < 0 {
		return m
	}
	turns, err := s.Service.Store.Turns(ctx, c.ID, 0)
	if err != nil {
		// The page still offers the form; the transcript returns with
		// the store.
		s.logError("reading a transcript", err)
		return m
	}
	for _, t := range turns {
		m.Messages = append(m.Messages, s.messageModel(t, rated))
	}
	return m
}

// handoffCode is the reference code of the transcript's latest handoff.
func handoffCode(msgs []views.Message) string {
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].HandoffCode != "" {
			return msgs[i].HandoffCode
		}
	}
	return ""
}

// messageModel is one stored turn as the page shows it.
func (s *Server) messageModel(t chat.Turn, rated int64) views.Message {
	msg := views.Message{Seq: t.Seq, Role: string(t.Role), Text: t.Text}
	if t.Role != chat.RoleCitizen && t.Lang != "" {
		// A citizen's turn records the language they picked, not the one
		// they wrote in; Sportello's and operators' are in t.Lang.
		msg.Lang, msg.Dir = t.Lang, i18n.Dir(t.Lang)
	}
	d := t.Decision
	if d == nil {
		return msg
	}
	msg.Kind = string(d.Kind)
	msg.MachineTranslated = d.MachineTranslated
	switch d.Kind {
	case chat.Answer:
		if d.EntryID != "" {
			msg.Source, msg.SourceURL = d.Source, s.faqURL(t.Lang, d.EntryID)
			msg.Ratable, msg.Rated = true, t.Seq == rated
		}
	case chat.Clarify:
		for _, c := range d.Choices {
			msg.Choices = append(msg.Choices, c.Question)
		}
		msg.ChoiceKey = chat.NewID()
	case chat.Handoff:
		if d.HandoffCode != "" {
			msg.HandoffCode = chat.FormatCode(d.HandoffCode)
		}
	}
	return msg
}

// faqURL is the public page of an entry in lang, where the citizen reads
// the whole entry and its official links.
func (s *Server) faqURL(lang, entryID string) string {
	if !s.configured(lang) {
		lang = s.langs[0]
	}
	return "/" + lang + "/faq/" + url.PathEscape(entryID)
}

// parseForm reads a bounded form body.
func (s *Server) parseForm(w http.ResponseWriter, r *http.Request) (url.Values, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return r.PostForm, err
		}
		return r.PostForm, badRequest("the form could not be read")
	}
	return r.PostForm, nil
}

// formError shows the page again with the error in its form, for the
// errors a citizen can fix (unreadable or too long text); other errors
// go to the adapter, as does everything the script sent.
func (s *Server) formError(w http.ResponseWriter, r *http.Request, err error, page func() views.Chat) error {
	var ie *chat.InputError
	var mbe *http.MaxBytesError
	if wantsJSON(r) || !(errors.As(err, &ie) || errors.As(err, &mbe)) {
		return err
	}
	status, body := s.describe(err, r.PathValue("lang"))
	m := page()
	m.Error = body.Error
	return s.render(w, r, status, m)
}

func parseRating(s string) (chat.Rating, bool) {
	switch s {
	case "positive":
		return chat.RatingPositive, true
	case "neutral":
		return chat.RatingNeutral, true
	case "negative":
		return chat.RatingNegative, true
	}
	return 0, false
}

func ratingName(r chat.Rating) string {
	switch r {
	case chat.RatingPositive:
		return "positive"
	case chat.RatingNegative:
		return "negative"
	}
	return "neutral"
}

// validKey reports whether k can be an idempotency key.
func validKey(k string) bool {
	if len(k) == 0 || len(k) > 64 {
		return false
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

func turnAnchor(seq int64) string { return "m-" + strconv.FormatInt(seq, 10) }

// renderString renders a component to a string.
func renderString(ctx context.Context, c templ.Component) (string, error) {
	var b bytes.Buffer
	if err := c.Render(ctx, &b); err != nil {
		return "", err
	}
	return b.String(), nil
}
