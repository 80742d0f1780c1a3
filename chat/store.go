package chat

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"
)

// State is where a conversation stands: with the bot, waiting for an
// operator, with an operator, or closed. Once it leaves StateBot the bot
// stays silent in it.
type State string

// Conversation states.
const (
	StateBot      State = "bot"
	StateWaiting  State = "waiting"
	StateOperator State = "operator"
	StateClosed   State = "closed"
)

// Role says who wrote a turn.
type Role string

// Turn roles.
const (
	RoleCitizen  Role = "citizen"
	RoleBot      Role = "bot"
	RoleOperator Role = "operator"
	RoleSystem   Role = "system"
)

// TurnStatus tracks a citizen's turn from the moment it is stored until it
// has its reply: a turn still Received after a crash is processed again at
// start, so no message is lost.
type TurnStatus string

// Turn statuses. Turns by the bot, operators and the system are Done when
// stored.
const (
	TurnReceived TurnStatus = "received"
	TurnDone     TurnStatus = "done"
)

// Channels a conversation can come from.
const (
	ChannelWeb = "web"
	ChannelAPI = "api"
	ChannelSMS = "sms"
)

// Conversation is one citizen's exchange on one channel.
type Conversation struct {
	ID      string
	Agency  string
	Channel string
	// Contact is the citizen's pseudonymous address on the channel (an
	// HMAC of the phone number for SMS, empty on the web). The raw number
	// is never stored here.
	Contact string
	// Lang is the conversation's language; LangChosen is true when the
	// citizen picked it explicitly, which detection then never overrides
	// on short or ambiguous messages.
	Lang       string
	LangChosen bool
	State      State
	// Misses counts the citizen's consecutive questions that got no
	// answer (clarifications and low-confidence handoffs).
	Misses    int
	LastSeq   int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Turn is one message in a conversation.
type Turn struct {
	ConversationID string
	Seq            int64
	Role           Role
	Text           string
	Lang           string
	Status         TurnStatus
	// Key makes storing a citizen's turn idempotent: a retried web post or
	// a carrier's redelivery carries the same key and is stored once.
	Key string
	// Author is the operator who wrote an operator turn.
	Author string
	// Decision is what the bot decided, on bot turns.
	Decision *TurnDecision
	// Translations are the turn's text in other languages, kept with it
	// for the operators: the machine translation into Italian of a
	// citizen's message, or the Italian an operator wrote before their
	// reply was translated and sent.
	Translations []TurnTranslation
	CreatedAt    time.Time
}

// TurnTranslation is a turn's text in another language.
type TurnTranslation struct {
	Lang string `json:"lang"`
	Text string `json:"text"`
	// Model is the language model that translated (Text, or the turn's
	// text from Text when Original is set).
	Model string `json:"model,omitempty"`
	// Original is true when Text is what the author wrote and the turn's
	// Text is its translation, as approved and sent.
	Original bool `json:"original,omitempty"`
}

// Translation returns the turn's latest translation into lang, or nil.
func (t *Turn) Translation(lang string) *TurnTranslation {
	for i := len(t.Translations) - 1; i >= 0; i-- {
		if t.Translations[i].Lang == lang {
			return &t.Translations[i]
		}
	}
	return nil
}

// TurnDecision is the part of a Decision worth keeping with the
// transcript: it answers "what did we tell citizens on 3 March, from which
// revision of which entry", and gives the operator what the bot found.
type TurnDecision struct {
	Kind   Kind   `json:"kind"`
	Reason Reason `json:"reason"`
	// EntryID and Revision identify the answered entry's text.
	EntryID  string `json:"entry_id,omitempty"`
	Revision int    `json:"revision,omitempty"`
	// Source is the answered entry's question in the reply language, shown
	// as the answer's source.
	Source            string      `json:"source,omitempty"`
	Choices           []Choice    `json:"choices,omitempty"`
	Confidence        float64     `json:"confidence"`
	Hits              []HitRecord `json:"hits,omitempty"`
	Cue               string      `json:"cue,omitempty"`
	MachineTranslated bool        `json:"machine_translated,omitempty"`
	// HandoffCode is the reference told to the citizen on a handoff.
	HandoffCode string `json:"handoff_code,omitempty"`
	// Composer is the model that wrote the answer from the entries, and
	// LLMFallback why its text was not used (the curated one was), when a
	// model is configured.
	Composer    string `json:"composer,omitempty"`
	LLMFallback string `json:"llm_fallback,omitempty"`
}

// Choice is one entry offered in a clarification.
type Choice struct {
	EntryID  string `json:"entry_id"`
	Question string `json:"question"`
}

// HitRecord is one retrieved entry with its scores, as the operator and
// the evaluation see it.
type HitRecord struct {
	EntryID     string  `json:"entry_id"`
	Revision    int     `json:"revision"`
	Confidence  float64 `json:"confidence"`
	Lexical     float64 `json:"lexical"`
	LexicalRank int     `json:"lexical_rank"`
	Vector      float64 `json:"vector"`
	VectorRank  int     `json:"vector_rank"`
}

// TicketState is where a handoff stands in the operators' queue.
type TicketState string

// Handoff states.
const (
	TicketWaiting  TicketState = "waiting"
	TicketClaimed  TicketState = "claimed"
	TicketResolved TicketState = "resolved"
)

// Ticket is a handoff in the operators' queue: a conversation passed to
// people, with why.
type Ticket struct {
	// Code is the short reference the citizen is told, digits only so it
	// can be typed on a phone keypad.
	Code           string
	ConversationID string
	Reason         Reason
	Lang           string
	Channel        string
	Agency         string
	Topic          string
	Team           string
	State          TicketState
	ClaimedBy      string
	Outcome        string
	CreatedAt      time.Time
	ClaimedAt      time.Time
	ResolvedAt     time.Time
}

// Outcomes an operator resolves a handoff with; they feed the
// statistics.
const (
	OutcomeAnswered    = "answered"
	OutcomeTransferred = "transferred"
	OutcomeCallback    = "callback_done"
	OutcomeNoReply     = "no_reply"
)

// Outcomes lists the valid outcomes.
var Outcomes = []string{OutcomeAnswered, OutcomeTransferred, OutcomeCallback, OutcomeNoReply}

// Rating is the three-face feedback on an answer.
type Rating int

// Ratings.
const (
	RatingNegative Rating = -1
	RatingNeutral  Rating = 0
	RatingPositive Rating = 1
)

// Feedback is a citizen's rating of one answer, kept with the entry and
// the revision that answered.
type Feedback struct {
	ConversationID string
	Seq            int64
	EntryID        string
	Revision       int
	Lang           string
	Rating         Rating
	CreatedAt      time.Time
}

// Miss is a citizen's question the knowledge base did not serve well.
type Miss struct {
	ConversationID string
	Seq            int64
	Text           string
	Lang           string
	// Kind and Reason are the bot's decision; Rating is set when the
	// answer was rated negatively.
	Kind      Kind
	Reason    Reason
	EntryID   string
	Negative  bool
	CreatedAt time.Time
}

// Told is how many answers one revision of one entry gave in one
// language.
type Told struct {
	EntryID  string
	Revision int
	Lang     string
	Count    int
	First    time.Time
	Last     time.Time
}

// Reply is what the engine produced for one citizen turn, stored in one
// transaction: the bot's turn (if any), the citizen's turn marked done,
// the conversation's new state and, on a handoff, the handoff.
type Reply struct {
	ConversationID string
	// CitizenSeq is the citizen's turn this replies to.
	CitizenSeq int64
	// Bot is nil when the bot stays silent (an operator has the
	// conversation).
	Bot        *Turn
	Lang       string
	LangChosen bool
	State      State
	Misses     int
	Ticket     *Ticket

	assisted *Assisted // what the LLM did, for the bot turn's record
}

// Errors of the conversation store.
var (
	ErrNoConversation = errors.New("chat: no such conversation")
	ErrNoTurn         = errors.New("chat: no such turn")
	ErrClosed         = errors.New("chat: the conversation is closed")
	ErrStale          = errors.New("chat: the state changed meanwhile")
	ErrNotRatable     = errors.New("chat: only an answer can be rated")
	ErrNoTicket       = errors.New("chat: no such handoff")
)

// Store keeps conversations, turns, handoffs and feedback. It lives in the
// same database as the knowledge base; chat/sqlite and chat/postgres
// implement it and chat/chattest holds the contract suite both pass.
type Store interface {
	// CreateConversation stores c, filling ID, LastSeq and timestamps.
	CreateConversation(ctx context.Context, c *Conversation) error
	Conversation(ctx context.Context, id string) (*Conversation, error)
	// OpenConversation returns the newest conversation on channel with
	// contact that is not closed, or ErrNoConversation.
	OpenConversation(ctx context.Context, channel, contact string) (*Conversation, error)
	// AppendTurn stores t at the end of its conversation and fills Seq
	// and CreatedAt. When a turn with the same non-empty Key exists it
	// stores nothing, fills t from the stored turn and reports
	// duplicate. A closed conversation takes no turn (ErrClosed).
	AppendTurn(ctx context.Context, t *Turn) (duplicate bool, err error)
	// Turns returns the turns after seq, oldest first.
	Turns(ctx context.Context, conversationID string, after int64) ([]Turn, error)
	// Turn returns one turn.
	Turn(ctx context.Context, conversationID string, seq int64) (*Turn, error)
	// AddTranslation keeps tr with the turn at seq, after the ones it
	// has (Turn.Translation returns the latest per language). A missing
	// turn gives ErrNoTurn; a closed conversation's turns take
	// translations too, since operators read them afterwards.
	AddTranslation(ctx context.Context, conversationID string, seq int64, tr TurnTranslation) error
	// SaveReply stores r atomically.
	SaveReply(ctx context.Context, r *Reply) error
	// Received lists citizen turns stored but never replied to, oldest
	// first, across conversations: the work a crash interrupted.
	Received(ctx context.Context, limit int) ([]Turn, error)
	// SetState moves a conversation to state to if it is in one of from,
	// and returns ErrStale otherwise.
	SetState(ctx context.Context, id string, from []State, to State) error
	// Rate stores (or replaces) the rating of the answer at seq; the
	// entry and revision come from that turn.
	Rate(ctx context.Context, f *Feedback) error
	// Ratings returns the ratings of an entry's answers, oldest first.
	Ratings(ctx context.Context, entryID string) ([]Feedback, error)
	// Ticket returns a handoff by its code.
	Ticket(ctx context.Context, code string) (*Ticket, error)
	// Tickets lists handoffs in the given states, oldest first.
	Tickets(ctx context.Context, states ...TicketState) ([]Ticket, error)
	// ClaimTicket gives a waiting handoff to operator and moves its
	// conversation to StateOperator; a handoff someone else claimed first
	// gives ErrStale.
	ClaimTicket(ctx context.Context, code, operator string) error
	// TicketFor returns the newest handoff of a conversation.
	TicketFor(ctx context.Context, conversationID string) (*Ticket, error)
	// TransferTicket puts a handoff back in the queue for team, and its
	// conversation back to waiting; a resolved one gives ErrStale.
	TransferTicket(ctx context.Context, code, team string) error
	// ResolveTicket closes a handoff claimed by operator with an outcome,
	// and closes its conversation; a handoff not claimed by operator
	// gives ErrStale.
	ResolveTicket(ctx context.Context, code, operator, outcome string) error
	// Misses lists the citizens' questions since t that the bot could not
	// answer (a clarification or a handoff for want of a confident
	// entry) or whose answer was rated negatively, newest first.
	Misses(ctx context.Context, since time.Time, limit int) ([]Miss, error)
	// Told counts the answers given between from and to by entry,
	// revision and language: what citizens were told, from which text.
	Told(ctx context.Context, from, to time.Time) ([]Told, error)
	// Purge deletes conversations whose last activity is before t, with
	// their turns and handoffs, and reports how many went. Ratings stay:
	// they carry no text and no contact.
	Purge(ctx context.Context, before time.Time) (int, error)
}

var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewID returns a random, unguessable conversation id (128 bits): knowing
// one conversation's id tells nothing of another's.
func NewID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return idEncoding.EncodeToString(b)
}

// ValidID reports whether s has the shape NewID gives, so a malformed id
// is refused before it reaches a query.
func ValidID(s string) bool {
	if len(s) != 26 {
		return false
	}
	_, err := idEncoding.DecodeString(s)
	return err == nil
}

// CodeDigits is the length of a handoff's reference code.
const CodeDigits = 8

// NewCode returns a random reference code of CodeDigits digits, not
// starting with 0 so that it survives being read as a number.
func NewCode() string {
	n, err := rand.Int(rand.Reader, big.NewInt(9e7))
	if err != nil {
		panic(fmt.Sprintf("chat: reading random numbers: %v", err))
	}
	return fmt.Sprintf("%d", n.Int64()+1e7)
}

// FormatCode groups a code for reading aloud: "4821 7390".
func FormatCode(code string) string {
	if len(code) != CodeDigits {
		return code
	}
	return code[:4] + " " + code[4:]
}

// NormalizeCode strips what people type around a code (spaces, dashes)
// and reports whether what is left is a well-formed code.
func NormalizeCode(s string) (string, bool) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '.' {
			return -1
		}
		return r
	}, s)
	if len(s) != CodeDigits {
		return "", false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	return s, true
}
