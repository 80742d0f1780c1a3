// Package views renders Sportello's public pages with templ. Views take
// view-model structs, already translated, and never call the engine or a
// store: the web package builds the models.
package views

// PageMeta is what the shared page frame (Layout) needs: the language and
// direction, the title, the assets, the language picker and the frame's
// own words. The web package builds it once per request for any page.
type PageMeta struct {
	// Lang and Dir set <html lang dir>; Dir is "rtl" for Arabic.
	Lang, Dir string
	// Title is the <title>, already translated.
	Title string
	// Stylesheets and Scripts are the CSS and JavaScript files to link, in
	// order. Scripts load deferred; the pages run no inline script.
	Stylesheets, Scripts []string
	// Languages feed the language picker, each in its own language and
	// linking to the current page in that language.
	Languages []Language
	T         FrameStrings
}

// FrameStrings are the words of the page frame in the page's language.
type FrameStrings struct {
	// Brand is the name in the header; SkipToMain the skip link's text.
	Brand, SkipToMain, LanguagePicker string
	EmergencyNote, EmergencyCall      string
}

// Chat is the public chat page: a stored conversation's transcript and
// the form to continue it, or the empty page before the first message.
type Chat struct {
	Page PageMeta
	T    Strings
	// Action is where the message form posts: /{lang}/chat starts a
	// conversation, /{lang}/c/{id} continues one.
	Action string
	// RateAction is where the feedback faces post.
	RateAction string
	// Events is the conversation's live stream, read by the script; ""
	// before the conversation exists.
	Events string
	// ConversationID is "" before the first message.
	ConversationID string
	// Auto is set when the citizen has not picked a language: the engine
	// then answers in the language it detects.
	Auto bool
	// Key makes the form's post idempotent: posting the same form twice
	// stores one message.
	Key string
	// Messages is the transcript, oldest first, and LastSeq the number of
	// its last turn.
	Messages []Message
	LastSeq  int64
	// Status tells where a conversation that left the bot stands.
	Status Status
	// Open is false when the bot no longer answers choices (people have
	// the conversation); Closed hides the form.
	Open, Closed bool
	// Draft refills the message box after an error.
	Draft string
	// Error is a translated message about the citizen's input or the
	// request; empty when all went well.
	Error string
	// MaxLen is the longest message accepted, in characters.
	MaxLen int
}

// Strings are the chat page's own words in its language.
type Strings struct {
	Title, Intro, Conversation, Message, MessageHint     string
	Send, You, Assistant, Choices, Source, EmergencyCall string
	NewConversation, Operator, ReplyLanguage             string
	FeedbackPrompt, RatePositive, RateNeutral            string
	RateNegative, FeedbackThanks, ReferenceCode          string
	MachineTranslated, ErrNetwork                        string
}

// Status is a conversation's state when it is no longer with the bot.
type Status struct {
	// State is "waiting", "operator" or "closed"; "" while the bot
	// answers, and then nothing is shown.
	State, Text string
	// Code is the handoff's reference code, grouped for reading aloud.
	Code string
}

// Language is one entry of the language picker.
type Language struct {
	// Code is the BCP-47 code; Name the language's own name for itself.
	Code, Name, Dir, URL string
	Current              bool
}

// Message roles, as the conversation store names them.
const (
	RoleCitizen  = "citizen"
	RoleBot      = "bot"
	RoleOperator = "operator"
	RoleSystem   = "system"
)

// Reply kinds, as the engine names its decisions.
const (
	KindAnswer    = "answer"
	KindClarify   = "clarify"
	KindHandoff   = "handoff"
	KindEmergency = "emergency"
)

// Message is one turn of the transcript.
type Message struct {
	Seq int64
	// Role is one of the Role constants.
	Role string
	// Lang and Dir are the message's language when known (Sportello's
	// replies), which may differ from the page's.
	Lang, Dir string
	Text      string
	// Kind is one of the Kind constants, on Sportello's replies.
	Kind string
	// Source is the answered entry's question and SourceURL its public
	// page; both only for answers.
	Source, SourceURL string
	// MachineTranslated marks an answer translated from another language.
	MachineTranslated bool
	// Choices are the questions offered by a clarify reply, and ChoiceKey
	// the idempotency key of their form.
	Choices   []string
	ChoiceKey string
	// HandoffCode is the reference code of a handoff, grouped for reading.
	HandoffCode string
	// Ratable shows the feedback faces; Rated the thanks instead.
	Ratable, Rated bool
}

// Link is an official page about an answer.
type Link struct {
	Title, URL string
}
