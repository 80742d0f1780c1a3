package views

// EntryList is the editors' list of entries.
type EntryList struct {
	Frame
	Rows                         []EntryRow
	Total, Page, Pages           int
	Query, Topic, Agency, Status string
	Lack, Coverage, When         string
	Sharing                      string
	Topics, Langs                []string
	NextURL, PrevURL             string
}

// EntryRow is one entry in a list or in the coverage matrix.
type EntryRow struct {
	ID, URL, Topic, Agency, Status, Question, Updated string
	// Sharing says whether the entry is shared or overrides another.
	Sharing  string
	Revision int
	Coverage []Cell
	// Pending says the entry has changes awaiting review.
	Pending bool
}

// Cell is one language's coverage of one entry.
type Cell struct{ Lang, State, Text, URL string }

// Editor is the entry editor.
type Editor struct {
	Frame
	IsNew                                     bool
	Action, ID, Topic, Agency, Tags           string
	Status, StatusText, ValidFrom, ValidUntil string
	Revision                                  int
	Variants                                  []VariantForm
	Moves                                     []Option
	Problems                                  []string
	Notice                                    string
	// CanTranslate offers drafting the missing translations with the
	// language model.
	CanTranslate bool
	// Shared offers the entry to every agency.
	Shared bool
	// Sharing describes the override, when the entry is one: Overrides
	// (at OriginalURL) is the entry it hides. OriginalChanged says that
	// entry moved on since the adoption, DiffURL shows how, and
	// CheckedText labels the button that records the changes as seen.
	Sharing, Overrides, OriginalURL       string
	OriginalChanged, DiffURL, CheckedText string
	// CanAdopt offers adopting the entry for another agency; Adopters
	// are the agencies that did.
	CanAdopt bool
	Adopters []Adopter
	// Pending, when set, is the change of a published entry awaiting
	// review that the form shows.
	Pending *PendingView
}

// PendingView is an edit of a published entry that citizens do not see
// until a reviewer publishes it.
type PendingView struct {
	// Text says who saved it, when, and from which live revision.
	Text string
	// Seen identifies the pending change the reviewer reads, so that
	// publishing refuses one saved again since.
	Seen  string
	Diffs []FieldDiff
	// CanPublish is false for its author, unless self-review is allowed.
	CanPublish bool
}

// Adopter is an agency's override of the entry being edited.
type Adopter struct {
	ID, URL, Agency, Status string
	// Behind says the override was adopted from an older revision.
	Behind bool
}

// VariantForm is one language's column in the editor.
type VariantForm struct {
	Lang, Dir, Coverage, CoverageText        string
	Question, Alternates, Answer, SMS, Links string
	SMSInfo, ReviewedBy                      string
	MachineTranslated                        bool
	// HasShared marks an override's column: SharedQuestion, SharedAnswer
	// and SharedSMS are the text of the entry it hides in this language.
	HasShared                               bool
	SharedQuestion, SharedAnswer, SharedSMS string
}

// History lists an entry's revisions and the diff between two.
type History struct {
	Frame
	ID, EditURL   string
	Current, A, B int
	Revisions     []RevisionRow
	Diffs         []FieldDiff
}

// RevisionRow is one revision.
type RevisionRow struct {
	Revision              int
	Status, By, At, Langs string
}

// FieldDiff is the word diff of one field between two revisions.
type FieldDiff struct {
	Field, Lang, Dir string
	Ops              []DiffOp
}

// DiffOp is kept ("="), removed ("-") or added ("+") text.
type DiffOp struct{ Kind, Text string }

// Preview is "ask as a citizen".
type Preview struct {
	Frame
	Text, Lang, Error                       string
	Langs                                   []string
	Done                                    bool
	Kind, Reason, Why, Reply, ReplyLang     string
	ReplyDir, Detected, Confidence, EntryID string
	Hits                                    []PreviewHit
}

// PreviewHit is a retrieved entry with the evidence the decision used.
type PreviewHit struct {
	EntryID, URL, Status, Confidence, Coverage, Answer, Lexical, Vector string
}

// ToldPage answers "what did we tell citizens on that day?".
type ToldPage struct {
	Frame
	Date, Error string
	Done        bool
	Rows        []ToldRow
}

// ToldRow is one entry revision's answers in one language.
type ToldRow struct {
	EntryID, Lang, Dir, URL, Answer string
	Revision, Count                 int
}

// Import is the upload page with its dry run.
type Import struct {
	Frame
	Error, Summary, Token     string
	DryRun, Applied           bool
	Added, Changed, Unchanged int
	Rows                      []ImportRow
}

// ImportRow is what a dry run would do to one entry.
type ImportRow struct{ ID, Langs, Change string }

// Missed lists the groups of questions the bot missed.
type Missed struct {
	Frame
	Notice string
	Groups []MissGroup
}

// MissGroup is similar missed questions in one language.
type MissGroup struct {
	Lang, Dir, Key, CreateURL string
	Count, Negative, Handoffs int
	Examples                  []string
}

// EvalsModel is the page that runs an evaluation set.
type EvalsModel struct {
	Frame
	Sets  []string
	Error string
}
