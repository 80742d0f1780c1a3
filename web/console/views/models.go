// Package views holds the staff console's templ components and the
// models they render.
package views

// Frame is what every console page shares.
type Frame struct {
	Lang, Title string
	Stylesheets []string
	Scripts     []string
	// User and Role are the signed-in staff member, empty on the sign-in
	// page; Nav the sections their role opens.
	User, Role string
	Nav        []Link
	// T translates the console's message ids.
	T func(id string) string
}

// Link is a navigation link.
type Link struct{ URL, Text string }

// Option is one choice of a select.
type Option struct {
	Value, Text string
	Selected    bool
}

// Login is the sign-in page.
type Login struct {
	Frame
	Login, Next, Error string
}

// HomeModel is the landing page of roles without a console of their own yet.
type HomeModel struct{ Frame }

// ErrorPage shows an error to staff.
type ErrorPage struct {
	Frame
	Message string
}

// Queue is the operators' queue of handoffs.
type Queue struct {
	Frame
	Items       []QueueItem
	Teams       []Option
	Langs       []Option
	Team, Lang  string
	EventsURL   string
	FragmentURL string
}

// QueueItem is one handoff in the queue.
type QueueItem struct {
	Code, CodeDisplay, URL             string
	Lang, Channel, Reason, Topic, Team string
	State, ClaimedBy, Wait             string
	Claimed                            bool
	WaitSeconds                        int
}

// Ticket is one handoff with its whole context.
type Ticket struct {
	Frame
	Code, CodeDisplay, Lang, Dir, Channel, Contact string
	Reason, Topic, Team, State, ClaimedBy          string
	Created, Wait, Notice                          string
	CanClaim, Mine                                 bool
	Turns                                          []Turn
	Canned                                         []string
	Teams                                          []Option
	Outcomes                                       []string
	OutcomeOptions                                 []Option
	EventsURL                                      string
	MaxReply                                       int
	// Reply is the reply box: what the operator is writing, kept across
	// a failed send or a translation.
	Reply ReplyBox
}

// ReplyBox is the operator's reply form.
type ReplyBox struct {
	// Draft is the text in the box, in Lang/Dir: the citizen's language,
	// or Italian when the operator may ask for a translation.
	Draft, Lang, Dir string
	// Error is why the last send was refused, translated.
	Error string
	// CanTranslate: a language model is configured and the citizen does
	// not write Italian.
	CanTranslate bool
	// TranslateTo names the citizen's language, for the button.
	TranslateTo string
	// Preview: Original (the Italian, in OriginalLang) beside Draft (its
	// machine translation, editable) before sending.
	Preview      bool
	Original     string
	OriginalLang string
	// TranslateNote says the translation failed: the box keeps the
	// Italian, which can be sent as it is or translated again.
	TranslateNote string
	// SMS: the conversation is by SMS; CountURL answers the live counter,
	// Count is the current count and Over says it is past the cap.
	SMS      bool
	CountURL string
	Count    string
	Over     bool
}

// Turn is one message of the transcript.
type Turn struct {
	Seq                    int64
	Role, RoleText, Author string
	Text, Lang, Dir, At    string
	Decision               string
	Hits                   []Hit
	// Translation is the Italian machine translation of a citizen's
	// message, in TranslationLang; TranslationNote says why there is
	// none when one was attempted.
	Translation     string
	TranslationLang string
	TranslationNote string
	// Original is the Italian an operator wrote before their reply was
	// translated and sent as Text.
	Original     string
	OriginalLang string
}

// Hit is one entry the bot retrieved, with its scores.
type Hit struct {
	EntryID         string
	Revision        int
	Confidence      string
	Lexical, Vector string
}

// Audit is the audit log page.
type Audit struct {
	Frame
	Events []AuditEvent
}

// AuditEvent is one line of the audit log.
type AuditEvent struct{ At, Actor, Action, Target, Detail string }
