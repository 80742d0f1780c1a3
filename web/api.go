package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"regexp"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/docs"
	"github.com/sportello/sportello/kb"
)

// The versioned JSON API, for channels other than the web page (WhatsApp
// or Telegram bridges, apps): open a conversation, post messages and get
// the replies, read the transcript, follow it live, rate answers.
// docs/openapi.yaml describes it and is served at /api/v1/openapi.yaml; a
// test keeps the two in step. Errors are {"code", "error", "lang"} with
// the message in the conversation's language (see errors.go).

// apiRoute is one route of the JSON API.
type apiRoute struct {
	Method, Path string
	h            http.Handler
}

// apiRoutes lists the API's routes; Handler registers them and the
// OpenAPI test compares them with docs/openapi.yaml.
func (s *Server) apiRoutes() []apiRoute {
	guarded := func(h func(http.ResponseWriter, *http.Request) error) http.Handler {
		return s.sameOrigin.Handler(s.handle(s.needService(h)))
	}
	read := func(h func(http.ResponseWriter, *http.Request) error) http.Handler {
		return s.handle(s.needService(h))
	}
	return []apiRoute{
		{"GET", "/api/v1/openapi.yaml", http.HandlerFunc(serveOpenAPI)},
		{"POST", "/api/v1/ask", s.handle(s.ask)},
		{"POST", "/api/v1/conversations", guarded(s.apiStart)},
		{"GET", "/api/v1/conversations/{id}", read(s.apiConversation)},
		{"POST", "/api/v1/conversations/{id}/messages", guarded(s.apiPost)},
		{"GET", "/api/v1/conversations/{id}/messages", read(s.apiMessages)},
		{"GET", "/api/v1/conversations/{id}/events", read(s.apiEvents)},
		{"POST", "/api/v1/conversations/{id}/messages/{seq}/rating", guarded(s.apiRate)},
	}
}

func serveOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	io.WriteString(w, docs.OpenAPI())
}

// apiConv is a conversation as the API shows it.
type apiConv struct {
	ID         string    `json:"id"`
	Channel    string    `json:"channel"`
	Lang       string    `json:"lang"`
	LangChosen bool      `json:"lang_chosen"`
	State      string    `json:"state"`
	LastSeq    int64     `json:"last_seq"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// apiMsg is one turn as the API shows it.
type apiMsg struct {
	Seq       int64        `json:"seq"`
	Role      string       `json:"role"`
	Text      string       `json:"text"`
	Lang      string       `json:"lang,omitempty"`
	Status    string       `json:"status"`
	CreatedAt time.Time    `json:"created_at"`
	Decision  *apiDecision `json:"decision,omitempty"`
}

// apiDecision is what Sportello decided, on its replies.
type apiDecision struct {
	Kind     string `json:"kind"`
	Reason   string `json:"reason"`
	Entry    string `json:"entry,omitempty"`
	Revision int    `json:"revision,omitempty"`
	// Source is the answered entry's question; SourceURL its public page.
	Source            string   `json:"source,omitempty"`
	SourceURL         string   `json:"source_url,omitempty"`
	Choices           []choice `json:"choices,omitempty"`
	HandoffCode       string   `json:"handoff_code,omitempty"`
	MachineTranslated bool     `json:"machine_translated,omitempty"`
	Confidence        float64  `json:"confidence"`
}

func apiConversationOf(c *chat.Conversation) apiConv {
	return apiConv{ID: c.ID, Channel: c.Channel, Lang: c.Lang, LangChosen: c.LangChosen,
		State: string(c.State), LastSeq: c.LastSeq, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
}

func (s *Server) apiMessageOf(t *chat.Turn) *apiMsg {
	if t == nil {
		return nil
	}
	m := &apiMsg{Seq: t.Seq, Role: string(t.Role), Text: t.Text, Lang: t.Lang, Status: string(t.Status), CreatedAt: t.CreatedAt}
	if d := t.Decision; d != nil {
		m.Decision = &apiDecision{Kind: string(d.Kind), Reason: string(d.Reason), Entry: d.EntryID, Revision: d.Revision,
			Source: d.Source, HandoffCode: d.HandoffCode, MachineTranslated: d.MachineTranslated, Confidence: d.Confidence}
		if d.EntryID != "" {
			m.Decision.SourceURL = s.faqURL(t.Lang, d.EntryID)
		}
		for _, c := range d.Choices {
			m.Decision.Choices = append(m.Decision.Choices, choice{Entry: c.EntryID, Question: c.Question})
		}
	}
	return m
}

// channelName is what a channel may be called: short, lower case.
var channelName = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)

type startRequest struct {
	Lang    string `json:"lang"`
	Channel string `json:"channel"`
}

func (s *Server) apiStart(w http.ResponseWriter, r *http.Request) error {
	var req startRequest
	lang := s.negotiate(r)
	if err := s.decodeJSON(w, r, &req, lang, true); err != nil {
		return err
	}
	if req.Lang != "" {
		if !s.configured(req.Lang) {
			return badRequest("lang %q is not one of the configured languages %v", req.Lang, s.langs)
		}
		lang = req.Lang
	}
	if req.Channel == "" {
		req.Channel = chat.ChannelAPI
	}
	if !channelName.MatchString(req.Channel) {
		return inLang(badRequest("channel must be 1 to 32 lower-case letters, digits, '-' or '_', starting with a letter"), lang)
	}
	c := &chat.Conversation{Channel: req.Channel, Lang: req.Lang, LangChosen: req.Lang != "", Agency: s.Service.Engine.Agency}
	if err := s.Service.Start(r.Context(), c); err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/conversations/"+c.ID)
	writeJSON(w, http.StatusCreated, apiConversationOf(c))
	return nil
}

// apiTarget loads the conversation named in the path.
func (s *Server) apiTarget(r *http.Request) (*chat.Conversation, error) {
	id := r.PathValue("id")
	if !chat.ValidID(id) {
		return nil, inLang(badRequest("%q is not a conversation id (26 characters a-z, 2-7)", truncate(id, 40)), s.negotiate(r))
	}
	c, err := s.Service.Store.Conversation(r.Context(), id)
	if err != nil {
		return nil, inLang(err, s.negotiate(r))
	}
	return c, nil
}

func (s *Server) apiConversation(w http.ResponseWriter, r *http.Request) error {
	c, err := s.apiTarget(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, apiConversationOf(c))
	return nil
}

type postRequest struct {
	Text string `json:"text"`
	Lang string `json:"lang"`
	Key  string `json:"key"`
}

type postResponse struct {
	Conversation apiConv `json:"conversation"`
	Message      *apiMsg `json:"message"`
	// Reply is null when the bot stays silent (people have the
	// conversation).
	Reply     *apiMsg `json:"reply"`
	Duplicate bool    `json:"duplicate"`
}

func (s *Server) apiPost(w http.ResponseWriter, r *http.Request) error {
	c, err := s.apiTarget(r)
	if err != nil {
		return err
	}
	lang := c.Lang
	if lang == "" {
		lang = s.negotiate(r)
	}
	var req postRequest
	if err := s.decodeJSON(w, r, &req, lang, false); err != nil {
		return inLang(err, lang)
	}
	if req.Lang != "" && !s.configured(req.Lang) {
		return inLang(badRequest("lang %q is not one of the configured languages %v", req.Lang, s.langs), lang)
	}
	if req.Key != "" && !validKey(req.Key) {
		return inLang(badRequest("key must be 1 to 64 letters, digits, '-' or '_'"), lang)
	}
	ctx, cancel := withoutCancel(r.Context())
	defer cancel()
	out, err := s.Service.Post(ctx, c.ID, chat.Message{Text: req.Text, Lang: req.Lang, Key: req.Key})
	if err != nil {
		return inLang(err, lang)
	}
	if err := s.reload(ctx, out); err != nil {
		return err
	}
	status := http.StatusCreated
	if out.Duplicate {
		status = http.StatusOK
	}
	w.Header().Set("Location", "/api/v1/conversations/"+c.ID+"/messages?after="+strconv.FormatInt(out.Citizen.Seq-1, 10))
	writeJSON(w, status, postResponse{Conversation: apiConversationOf(out.Conversation),
		Message: s.apiMessageOf(out.Citizen), Reply: s.apiMessageOf(out.Reply), Duplicate: out.Duplicate})
	return nil
}

// reload reads the conversation and the citizen's turn again after a
// post: the store has since counted the reply and marked the turn done.
func (s *Server) reload(ctx context.Context, out *chat.Outcome) error {
	c, err := s.Service.Store.Conversation(ctx, out.Conversation.ID)
	if err != nil {
		return err
	}
	t, err := s.Service.Store.Turn(ctx, c.ID, out.Citizen.Seq)
	if err != nil {
		return err
	}
	out.Conversation, out.Citizen = c, t
	return nil
}

type messagesResponse struct {
	Conversation apiConv   `json:"conversation"`
	Messages     []*apiMsg `json:"messages"`
}

func (s *Server) apiMessages(w http.ResponseWriter, r *http.Request) error {
	c, err := s.apiTarget(r)
	if err != nil {
		return err
	}
	var after int64
	if v := r.URL.Query().Get("after"); v != "" {
		if after, err = strconv.ParseInt(v, 10, 64); err != nil || after < 0 {
			return inLang(badRequest("after must be a message number (0 or more)"), c.Lang)
		}
	}
	turns, err := s.Service.Store.Turns(r.Context(), c.ID, after)
	if err != nil {
		return err
	}
	resp := messagesResponse{Conversation: apiConversationOf(c), Messages: []*apiMsg{}}
	for i := range turns {
		resp.Messages = append(resp.Messages, s.apiMessageOf(&turns[i]))
	}
	writeJSON(w, http.StatusOK, resp)
	return nil
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) error {
	c, err := s.apiTarget(r)
	if err != nil {
		return err
	}
	return inLang(s.stream(w, r, c.ID, streamSink{
		turn: func(e *sseWriter, _ *chat.Conversation, t chat.Turn) error {
			return e.event("message", t.Seq, s.apiMessageOf(&t))
		},
		state: func(e *sseWriter, c *chat.Conversation) error {
			return e.event("conversation", 0, apiConversationOf(c))
		},
	}), c.Lang)
}

type rateRequest struct {
	Rating string `json:"rating"`
}

type rateResponse struct {
	Seq      int64  `json:"seq"`
	Entry    string `json:"entry"`
	Revision int    `json:"revision"`
	Rating   string `json:"rating"`
	// Message thanks the citizen, in the answer's language.
	Message string `json:"message"`
}

func (s *Server) apiRate(w http.ResponseWriter, r *http.Request) error {
	c, err := s.apiTarget(r)
	if err != nil {
		return err
	}
	seq, err := strconv.ParseInt(r.PathValue("seq"), 10, 64)
	if err != nil || seq < 1 {
		return inLang(badRequest("the message number must be a positive integer"), c.Lang)
	}
	var req rateRequest
	if err := s.decodeJSON(w, r, &req, c.Lang, false); err != nil {
		return inLang(err, c.Lang)
	}
	rating, ok := parseRating(req.Rating)
	if !ok {
		return inLang(badRequest(`rating must be "positive", "neutral" or "negative"`), c.Lang)
	}
	f := &chat.Feedback{ConversationID: c.ID, Seq: seq, Rating: rating}
	if err := s.Service.Store.Rate(r.Context(), f); err != nil {
		return inLang(err, c.Lang)
	}
	writeJSON(w, http.StatusOK, rateResponse{Seq: seq, Entry: f.EntryID, Revision: f.Revision, Rating: ratingName(f.Rating),
		Message: s.msgs.Message(f.Lang, "FeedbackThanks", nil)})
	return nil
}

// decodeJSON reads a bounded JSON object into v: 415 for another content
// type, 413 when too large, 400 (in lang) for invalid UTF-8, a malformed
// body, unknown fields or trailing data. An empty body is allowed when
// optional.
func (s *Server) decodeJSON(w http.ResponseWriter, r *http.Request, v any, lang string, optional bool) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return badRequest("the body could not be read")
	}
	if optional && len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return errUnsupportedType
	}
	if !utf8.Valid(body) {
		// The engine's own refusal, with its translated reason.
		return s.Service.Engine.CheckInput(string(body), lang)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badRequest("the body must be one JSON object as documented in /api/v1/openapi.yaml (%s)", jsonProblem(err))
	}
	if dec.More() {
		return badRequest("the body must hold one JSON object and nothing after it")
	}
	return nil
}

// jsonProblem says what is wrong with a JSON body without echoing it.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return "malformed JSON at byte " + strconv.FormatInt(se.Offset, 10)
	case errors.As(err, &te):
		return "field " + strconv.Quote(te.Field) + " must be " + te.Type.String()
	case errors.Is(err, io.EOF):
		return "empty body"
	}
	return truncate(err.Error(), 120)
}

func truncate(s string, n int) string {
	s = printable(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// The one-shot question: no conversation is stored. Kept for scripts and
// the README's examples; channels use conversations.

type askRequest struct {
	Text string `json:"text"`
	Lang string `json:"lang,omitempty"`
}

type askResponse struct {
	Decision   chat.Kind   `json:"decision"`
	Reason     chat.Reason `json:"reason"`
	Lang       string      `json:"lang"`
	Text       string      `json:"text"`
	Entry      string      `json:"entry,omitempty"`
	Revision   int         `json:"revision,omitempty"`
	Links      []kb.Link   `json:"links,omitempty"`
	Choices    []choice    `json:"choices,omitempty"`
	Confidence float64     `json:"confidence"`
}

type choice struct {
	Entry    string `json:"entry"`
	Question string `json:"question"`
}

func (s *Server) ask(w http.ResponseWriter, r *http.Request) error {
	var req askRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	if err := dec.Decode(&req); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return badRequest(`the body must be JSON like {"text": "…"}`)
	}
	if s.Engine == nil {
		return errNoService
	}
	d, err := s.Engine.Decide(r.Context(), chat.Input{Text: req.Text, Lang: req.Lang})
	if err != nil {
		return err
	}
	resp := askResponse{Decision: d.Kind, Reason: d.Reason, Lang: d.Lang, Text: d.Text, Confidence: d.Confidence}
	if d.Entry != nil {
		resp.Entry, resp.Revision = d.Entry.ID, d.Entry.Revision
		resp.Links = d.Entry.Variants[d.Lang].Links
	}
	for _, c := range d.Choices {
		resp.Choices = append(resp.Choices, choice{Entry: c.ID, Question: c.Variants[d.Lang].Question})
	}
	writeJSON(w, http.StatusOK, resp)
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}
