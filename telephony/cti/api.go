package cti

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sportello/sportello/chat"
)

// Prefix is where the look-up API is mounted.
const Prefix = "/api/v1/cti/"

// API is the look-up the phone side calls for a screen pop:
//
//	GET /api/v1/cti/tickets/{code}     the handoff with that reference code
//	GET /api/v1/cti/callers/{number}   the open handoff of a caller (ANI)
//
// Every request needs `Authorization: Bearer KEY` with a configured key
// (401 otherwise), and each key has its own rate limit (429 with
// Retry-After). Answers are JSON: a Context, or an Error with 400 for a
// malformed code or number and 404 when nothing matches.
type API struct {
	Chat chat.Store
	// Callbacks and Desk add the handoff's callback requests, with the
	// number to call while a request is open; both optional.
	Callbacks CallbackStore
	Desk      *Desk
	// Pseudonyms finds a caller's SMS conversation and callback requests
	// by number; without it look-ups by number answer 404.
	Pseudonyms Pseudonymizer
	Keys       []Key
	// Rate is each key's budget; DefaultRate when zero.
	Rate Rate
	// ConsoleURL is the public address of Sportello
	// ("https://sportello.example.it"), for the link to the operator
	// console's page of the handoff.
	ConsoleURL string
	Now        func() time.Time
	Log        *slog.Logger

	limits *limiter
}

// Handoff is a handoff's facts as the phone side sees them, in the
// look-up and in webhook events.
type Handoff struct {
	Code       string           `json:"code"`
	State      chat.TicketState `json:"state"`
	Reason     chat.Reason      `json:"reason"`
	Language   string           `json:"language"`
	Channel    string           `json:"channel"`
	Agency     string           `json:"agency,omitempty"`
	Topic      string           `json:"topic,omitempty"`
	Team       string           `json:"team,omitempty"`
	ClaimedBy  string           `json:"claimed_by,omitempty"`
	Outcome    string           `json:"outcome,omitempty"`
	CreatedAt  time.Time        `json:"created_at"`
	ClaimedAt  *time.Time       `json:"claimed_at,omitempty"`
	ResolvedAt *time.Time       `json:"resolved_at,omitempty"`
}

// HandoffOf returns tk's facts, with times in UTC.
func HandoffOf(tk *chat.Ticket) Handoff {
	return Handoff{Code: tk.Code, State: tk.State, Reason: tk.Reason, Language: tk.Lang, Channel: tk.Channel, Agency: tk.Agency,
		Topic: tk.Topic, Team: tk.Team, ClaimedBy: tk.ClaimedBy, Outcome: tk.Outcome, CreatedAt: tk.CreatedAt.UTC(),
		ClaimedAt: timePtr(tk.ClaimedAt), ResolvedAt: timePtr(tk.ResolvedAt)}
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}

// Context is what the phone side gets for a screen pop: the handoff's
// facts, its conversation and what the bot found.
type Context struct {
	Handoff
	CodeDisplay string `json:"code_display"`
	// WaitSeconds is how long the citizen waited for an operator: until
	// now while the handoff waits, until the claim after it.
	WaitSeconds  int64            `json:"wait_seconds"`
	Conversation ConversationInfo `json:"conversation"`
	Transcript   []TurnInfo       `json:"transcript"`
	// Bot is what the bot found before it handed off.
	Bot        *BotInfo       `json:"bot,omitempty"`
	Callbacks  []CallbackInfo `json:"callbacks,omitempty"`
	ConsoleURL string         `json:"console_url"`
	// MatchedBy says how the handoff was found: "code", "sms" (the
	// caller's SMS conversation) or "callback" (a callback request from
	// the caller's number).
	MatchedBy string `json:"matched_by"`
}

// ConversationInfo is the conversation behind a handoff.
type ConversationInfo struct {
	State          chat.State `json:"state"`
	Language       string     `json:"language"`
	StartedAt      time.Time  `json:"started_at"`
	LastActivityAt time.Time  `json:"last_activity_at"`
}

// TurnInfo is one message of the transcript.
type TurnInfo struct {
	Seq      int64     `json:"seq"`
	Role     chat.Role `json:"role"`
	Author   string    `json:"author,omitempty"`
	Text     string    `json:"text"`
	Language string    `json:"language,omitempty"`
	At       time.Time `json:"at"`
	// Decision and EntryID are what the bot decided on its turns.
	Decision chat.Kind `json:"decision,omitempty"`
	EntryID  string    `json:"entry_id,omitempty"`
}

// BotInfo is the bot's decision that made the handoff, with the entries
// it retrieved and their scores.
type BotInfo struct {
	Decision   chat.Kind        `json:"decision"`
	Reason     chat.Reason      `json:"reason"`
	Confidence float64          `json:"confidence"`
	Hits       []chat.HitRecord `json:"hits"`
}

// CallbackInfo is a callback request of the handoff. Number is given
// while the request is open and only then.
type CallbackInfo struct {
	ID          int64         `json:"id"`
	State       CallbackState `json:"state"`
	Number      string        `json:"number,omitempty"`
	SMSSender   bool          `json:"sms_sender,omitempty"`
	Attempts    int           `json:"attempts"`
	Outcome     string        `json:"outcome,omitempty"`
	RequestedAt time.Time     `json:"requested_at"`
}

// Error is the body of every error answer.
type Error struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

// Handler returns the API's routes under Prefix.
func (a *API) Handler() http.Handler {
	if a.Now == nil {
		a.Now = time.Now
	}
	if a.Log == nil {
		a.Log = slog.Default()
	}
	rate := a.Rate
	if rate.PerSecond <= 0 || rate.Burst <= 0 {
		rate = DefaultRate
	}
	a.limits = &limiter{rate: rate}
	mux := http.NewServeMux()
	mux.Handle("GET "+Prefix+"tickets/{code}", a.handle(a.byCode))
	mux.Handle("GET "+Prefix+"callers/{number}", a.handle(a.byCaller))
	mux.Handle(Prefix, a.handle(func(*http.Request) (*Context, error) {
		return nil, &apiError{http.StatusNotFound, "not_found", "no such resource: use tickets/{code} or callers/{number} with GET"}
	}))
	return mux
}

// apiError is an answer other than 200.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return e.message }

var (
	errUnknownCode = &apiError{http.StatusNotFound, "unknown_code", "no handoff has this reference code"}
	errUnknownANI  = &apiError{http.StatusNotFound, "unknown_caller", "no open handoff for this number"}
)

func (a *API) handle(h func(*http.Request) (*Context, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		key, err := a.authenticate(r)
		var c *Context
		if err == nil {
			c, err = h(r)
		}
		if err == nil {
			writeJSON(w, http.StatusOK, c)
			a.Log.LogAttrs(r.Context(), slog.LevelInfo, "cti look-up", slog.String("key", key), slog.String("matched_by", c.MatchedBy), slog.String("code", c.Code))
			return
		}
		var ae *apiError
		if !errors.As(err, &ae) {
			a.Log.LogAttrs(r.Context(), slog.LevelError, "cti look-up", slog.String("key", key), slog.String("path", routeOf(r)), slog.String("err", err.Error()))
			ae = &apiError{http.StatusInternalServerError, "internal", "the look-up failed; try again"}
		}
		switch ae.status {
		case http.StatusUnauthorized:
			w.Header().Set("WWW-Authenticate", `Bearer realm="sportello-cti"`)
		case http.StatusTooManyRequests:
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(retryOf(err).Seconds()))))
		}
		writeJSON(w, ae.status, Error{Error: ae.code, Message: ae.message})
	})
}

// routeOf names the route of r without its value, which may be a phone
// number: logs never carry one.
func routeOf(r *http.Request) string {
	if r.Pattern != "" {
		return r.Pattern
	}
	return "?"
}

type rateError struct {
	*apiError
	retry time.Duration
}

func (e *rateError) Unwrap() error { return e.apiError }

func retryOf(err error) time.Duration {
	var re *rateError
	if errors.As(err, &re) {
		return max(re.retry, time.Second)
	}
	return time.Second
}

// authenticate checks the bearer key and spends a token of its budget; it
// returns the key's name.
func (a *API) authenticate(r *http.Request) (string, error) {
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	if !strings.EqualFold(scheme, "Bearer") || token == "" {
		return "", &apiError{http.StatusUnauthorized, "unauthorized", "send an API key as Authorization: Bearer KEY"}
	}
	k, ok := match(a.Keys, token)
	if !ok {
		a.Log.LogAttrs(r.Context(), slog.LevelWarn, "cti look-up with a wrong key", slog.String("path", routeOf(r)))
		return "", &apiError{http.StatusUnauthorized, "unauthorized", "the API key is not valid"}
	}
	if retry, ok := a.limits.take(k.Name, a.Now()); !ok {
		return k.Name, &rateError{&apiError{http.StatusTooManyRequests, "rate_limited", "too many look-ups with this key; retry later"}, retry}
	}
	return k.Name, nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func (a *API) byCode(r *http.Request) (*Context, error) {
	code, ok := chat.NormalizeCode(r.PathValue("code"))
	if !ok {
		return nil, &apiError{http.StatusBadRequest, "bad_code", fmt.Sprintf("a reference code has %d digits", chat.CodeDigits)}
	}
	tk, err := a.Chat.Ticket(r.Context(), code)
	if errors.Is(err, chat.ErrNoTicket) {
		return nil, errUnknownCode
	}
	if err != nil {
		return nil, err
	}
	return a.context(r.Context(), tk, "code")
}

// byCaller finds the caller's open handoff: the one of their open SMS
// conversation, else the one they asked to be called back for.
func (a *API) byCaller(r *http.Request) (*Context, error) {
	ctx := r.Context()
	forms, err := CallerForms(r.PathValue("number"))
	if err != nil {
		return nil, &apiError{http.StatusBadRequest, "bad_number", "the caller's number is not a phone number; send it in E.164 form, e.g. +393331234567"}
	}
	if a.Pseudonyms == nil {
		return nil, errUnknownANI
	}
	for _, f := range forms {
		conv, err := a.Chat.OpenConversation(ctx, chat.ChannelSMS, a.Pseudonyms.Pseudonym(f))
		if errors.Is(err, chat.ErrNoConversation) {
			continue
		}
		if err != nil {
			return nil, err
		}
		tk, err := a.Chat.TicketFor(ctx, conv.ID)
		if errors.Is(err, chat.ErrNoTicket) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return a.context(ctx, tk, "sms")
	}
	if a.Callbacks == nil {
		return nil, errUnknownANI
	}
	for _, f := range forms {
		cbs, err := a.Callbacks.OpenCallbacksFrom(ctx, a.Pseudonyms.Pseudonym(f))
		if err != nil {
			return nil, err
		}
		for _, cb := range cbs {
			tk, err := a.Chat.Ticket(ctx, cb.Code)
			if errors.Is(err, chat.ErrNoTicket) {
				continue // the conversation was purged; the request stays in the queue
			}
			if err != nil {
				return nil, err
			}
			return a.context(ctx, tk, "callback")
		}
	}
	return nil, errUnknownANI
}

// CallerForms returns the forms a caller's number may have been stored
// under: E.164 ("+393331234567"), E.164 without the plus, and for Italian
// numbers the national form, since SMS gateways deliver any of them and
// pseudonyms are computed on the number as delivered. Carriers present
// the ANI in E.164 with or without the plus, or nationally for Italian
// callers.
func CallerForms(ani string) ([]string, error) {
	digits := strings.Map(func(r rune) rune {
		if strings.ContainsRune(" -./()", r) {
			return -1
		}
		return r
	}, strings.TrimSpace(ani))
	// E.164 without the plus, as most carriers present it: 39 and a
	// national number is longer than any Italian national number.
	if len(digits) >= 11 && strings.HasPrefix(digits, "39") {
		digits = "+" + digits
	}
	e164, err := chat.ParsePhone(digits)
	if err != nil {
		return nil, err
	}
	forms := []string{e164, e164[1:]}
	if national, ok := strings.CutPrefix(e164, "+39"); ok {
		forms = append(forms, national)
	}
	return forms, nil
}

// context builds the screen pop of tk.
func (a *API) context(ctx context.Context, tk *chat.Ticket, matchedBy string) (*Context, error) {
	conv, err := a.Chat.Conversation(ctx, tk.ConversationID)
	if err != nil {
		return nil, err
	}
	turns, err := a.Chat.Turns(ctx, conv.ID, 0)
	if err != nil {
		return nil, err
	}
	c := &Context{
		Handoff: HandoffOf(tk), CodeDisplay: chat.FormatCode(tk.Code),
		Conversation: ConversationInfo{State: conv.State, Language: conv.Lang, StartedAt: conv.CreatedAt, LastActivityAt: conv.UpdatedAt},
		Transcript:   []TurnInfo{},
		ConsoleURL:   strings.TrimSuffix(a.ConsoleURL, "/") + "/staff/t/" + tk.Code,
		MatchedBy:    matchedBy,
	}
	switch {
	case tk.State == chat.TicketWaiting:
		c.WaitSeconds = int64(a.Now().Sub(tk.CreatedAt).Seconds())
	case !tk.ClaimedAt.IsZero():
		c.WaitSeconds = int64(tk.ClaimedAt.Sub(tk.CreatedAt).Seconds())
	}
	handoffTurn := false
	for _, t := range turns {
		ti := TurnInfo{Seq: t.Seq, Role: t.Role, Author: t.Author, Text: t.Text, Language: t.Lang, At: t.CreatedAt}
		if d := t.Decision; d != nil {
			ti.Decision, ti.EntryID = d.Kind, d.EntryID
			// The turn that made this handoff, else the last one that
			// retrieved something.
			if mine := d.HandoffCode == tk.Code; mine || (!handoffTurn && len(d.Hits) > 0) {
				c.Bot = &BotInfo{Decision: d.Kind, Reason: d.Reason, Confidence: d.Confidence, Hits: append([]chat.HitRecord{}, d.Hits...)}
				handoffTurn = handoffTurn || mine
			}
		}
		c.Transcript = append(c.Transcript, ti)
	}
	if a.Callbacks != nil {
		cbs, err := a.Callbacks.CallbacksFor(ctx, tk.Code)
		if err != nil {
			return nil, err
		}
		for _, cb := range cbs {
			ci := CallbackInfo{ID: cb.ID, State: cb.State, SMSSender: cb.Contact != "", Attempts: cb.Attempts, Outcome: cb.Outcome, RequestedAt: cb.CreatedAt}
			if cb.State != CallbackClosed && a.Desk != nil {
				if n, err := a.Desk.Number(&cb); err == nil {
					ci.Number = n
				}
			}
			c.Callbacks = append(c.Callbacks, ci)
		}
	}
	return c, nil
}
