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

// Chat is the public chat page: the conversation so far and the form.
type Chat struct {
	Page PageMeta
	T    Strings
	// Action is where the form posts, e.g. "/it/chat".
	Action string
	// Auto is set when the citizen has not picked a language: the engine
	// then answers in the language it detects.
	Auto bool
	// Turns is the conversation, oldest first.
	Turns []Turn
	// History is the citizen's messages the next post carries in hidden
	// fields, oldest first.
	History []string
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
	NewConversation                                      string
}

// Language is one entry of the language picker.
type Language struct {
	// Code is the BCP-47 code; Name the language's own name for itself.
	Code, Name, Dir, URL string
	Current              bool
}

// Turn is one message of the citizen and Sportello's reply to it.
type Turn struct {
	Citizen string
	Reply   Reply
}

// Reply kinds, as the engine names its decisions.
const (
	KindAnswer    = "answer"
	KindClarify   = "clarify"
	KindHandoff   = "handoff"
	KindEmergency = "emergency"
)

// Reply is what Sportello answered to one message.
type Reply struct {
	// Kind is one of the Kind constants.
	Kind string
	// Lang and Dir are the reply's language, which may differ from the
	// page's when the engine detected another language.
	Lang, Dir string
	Text      string
	// Source is the answered entry's question, and Links its official
	// pages; both only for answers.
	Source string
	Links  []Link
	// Choices are the questions offered by a clarify reply.
	Choices []string
}

// Link is an official page about an answer.
type Link struct {
	Title, URL string
}
