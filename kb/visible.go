package kb

// What a search with a Filter lets through, for pages that list entries
// without searching (the public FAQ) and must show what search shows:
// the agency rule the stores apply, and the override rule the Retriever
// applies (shared.go).

// AdmitsAgency reports whether searches with f find entries of e's
// agency: f has no agency, it is e's, or e is shared. Status and
// validity are not looked at.
func (f Filter) AdmitsAgency(e *Entry) bool {
	return f.Agency == "" || f.Agency == e.Agency || e.Shared
}

// Replaces reports whether the override a hides its original from
// searches with f, as the Retriever decides.
func (a *Adoption) Replaces(f Filter) bool { return a.passes(f) }
