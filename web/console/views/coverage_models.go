package views

// Coverage is the translation matrix.
type Coverage struct {
	Frame
	Langs  []string
	Rows   []EntryRow
	Totals []Totals
}

// Totals counts one language's coverage states.
type Totals struct {
	Lang                                string
	Missing, Outdated, Machine, Current int
}
