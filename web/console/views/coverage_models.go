package views

// Coverage is the translation matrix: one page of the entries the
// filters match, and every language's totals over all of them.
type Coverage struct {
	Frame
	Langs  []string
	Rows   []EntryRow
	Totals []Totals
	// The filters: topic, agency, status, and one language's state.
	Topics                             []string
	Topic, Agency, Status, Lack, State string
	States                             []Option
	Total, Page, Pages                 int
	NextURL, PrevURL                   string
	// ListURL is the entry list with the same filters.
	ListURL string
}

// Totals counts one language's coverage states.
type Totals struct {
	Lang  string
	Cells []TotalCell
}

// TotalCell is how many entries are in one state in one language, and
// the entry list of them.
type TotalCell struct {
	State, URL string
	Count      int
}
